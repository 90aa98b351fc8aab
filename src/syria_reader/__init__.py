"""syria-reader: a keyboard-driven terminal reader for news sources with a linked entity sidebar."""

__version__ = "0.1.0"
