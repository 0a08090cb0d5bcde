"""The Parallax engine: loading, segmentation, alignment and analysis, with no Qt anywhere.

Everything here is importable headless (the command line and the exports rely on it); a test
fails if any module under `desktop.core` imports PySide6 or `desktop.gui`.
"""
