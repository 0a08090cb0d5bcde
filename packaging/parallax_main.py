"""Entry script of the frozen bundle: the same `main` as the `parallax` command.

PyInstaller needs a script rather than a `module:function` entry point; `desktop/__main__.py`
would also do, but a script outside the package keeps the bundle's `desktop` a plain package.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
