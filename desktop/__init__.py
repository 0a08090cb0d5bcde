"""Parallax: compare how news outlets cover the same event, sentence by sentence."""

__version__ = "0.1.0"
