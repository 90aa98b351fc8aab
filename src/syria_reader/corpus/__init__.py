"""Finding, decoding, sanitising and cleaning the files of a corpus into articles (no NLP, no UI)."""
