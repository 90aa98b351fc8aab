"""The user's corrections to the entity index: the file they live in, its parsing and editing.

Beside the notes store: precious user data in the user data dir, never in the disposable
cache. Nothing here imports the index, the NLP or the UI; the index applies what is parsed here.
"""
