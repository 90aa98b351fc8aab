"""The Textual reader; the only place Textual is imported."""
