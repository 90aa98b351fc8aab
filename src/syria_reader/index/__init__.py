"""The on-disk entity index: its schema, how it is built, and the queries that read it."""
