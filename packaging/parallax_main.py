"""Entry script of the frozen bundle: the same `main` as the `parallax` command.

PyInstaller needs a script rather than a `module:function` entry point; `desktop/__main__.py`
would also do, but a script outside the package keeps the bundle's `desktop` a plain package.
"""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # `parallax batch` starts its workers by running this executable again: let them be workers.
    multiprocessing.freeze_support()
    sys.exit(main())
