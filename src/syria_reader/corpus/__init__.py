"""Finding, decoding, sanitising and cleaning the files of a corpus into articles (no NLP, no UI).

Modules, in the order the data flows through them:

- :mod:`~syria_reader.corpus.sources`: find files, decode, hash, report unusable ones;
- :mod:`~syria_reader.corpus.sanitise`: strip control and escape sequences, invisibles;
- :mod:`~syria_reader.corpus.html` and :mod:`~syria_reader.corpus.markdown`: web pages and
  Markdown to plain text;
- :mod:`~syria_reader.corpus.layout` (with :mod:`~syria_reader.corpus.hyphenation`): lines to
  paragraphs;
- :mod:`~syria_reader.corpus.clean` (with :mod:`~syria_reader.corpus.boilerplate`,
  :mod:`~syria_reader.corpus.asides`, :mod:`~syria_reader.corpus.bylines`): paragraphs to
  articles of typed blocks;
- :mod:`~syria_reader.corpus.metadata`: title, source, author, date; ``corpus.toml``;
- :mod:`~syria_reader.corpus.load`: the entry points, ``load_corpus`` and
  ``articles_from_source``.
"""

from __future__ import annotations

#: Bump whenever a change to this package changes the articles it produces: it is part of
#: :attr:`~syria_reader.corpus.metadata.CorpusMetadata.fingerprint`, so cached articles are
#: cleaned again.
CLEANING_VERSION = "clean-4"
