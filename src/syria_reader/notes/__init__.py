"""Bookmarks and notes: a precious local store, anchors that survive edits, export and import."""
