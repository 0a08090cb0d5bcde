"""Readers for the kinds of input beyond plain text: web pages, PDF, Word, e-mail.

Each module turns one kind of input into article text (blocks separated by blank lines, "#"
headings and "- " items, as the segmenter reads them) plus metadata, and refuses what it cannot
read with a `LoadError` whose reason says what to do. None of them touches the network.
"""
