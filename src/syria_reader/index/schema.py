"""The SQLite schema of an index file, and its version.

One file per corpus, written once by the builder and only read afterwards. Rows refer to
each other by integer rowids (compact, fast joins); the public ids (article ids, entity ids)
are kept in their own unique columns. Bump ``SCHEMA_VERSION`` whenever a table changes: an
index with another version is rebuilt from scratch.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "9"
# 2: dates and figures ranges; 3: articles.provenance; 4: quotes, timeline, related;
# 5: the linker's entities kept beside the corrected ones (auto_*, entity_ids, curated,
# corrections_applied), mentions.auto_entity; 6: entity_details (roles, evidence);
# 7: sentences stored as offsets only, mention_pages; 8: articles.body compressed (the text
# once), analyses compact and by article, indexes only the reader's queries use, mentions
# without their words and kind (the article's text and the entity's), dates, figures,
# quotes and timeline without their words, related scores as integers, evidence compressed;
# 9: the full-text index without word positions (detail=none; index.fulltext), evidence
# compressed with a dictionary of its own (text_dictionary row 2), analyses with a fixed one,
# the linker's entities copied to auto_* only when corrections are first applied

#: How the full-text table splits and folds words (index.fulltext tokenizes queries the same way).
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

#: Tables first, then the indexes the queries need (created after the bulk insert is done).
#: One more, ``name_matcher`` (index.stored_names), came after version 9 and is optional: an
#: index without it is not rebuilt, its lookup builds the matcher in memory instead.
TABLES = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The source files the index was built from, with what their articles were loaded under.
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    load_key TEXT NOT NULL,
    problems TEXT NOT NULL         -- JSON list: what cleaning this file reported
) WITHOUT ROWID;

-- Article rowids are given in corpus order (path, then position): ordering by them is corpus order.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    author TEXT,
    date TEXT,
    words INTEGER NOT NULL,
    body BLOB NOT NULL,            -- the cleaned text compressed (codec.pack_text)
    blocks TEXT NOT NULL,          -- JSON: [[kind, start, end], ...]
    sha256 TEXT NOT NULL,          -- of the source file
    content_hash TEXT NOT NULL,    -- of everything extraction reads from the article
    provenance TEXT NOT NULL DEFAULT '{}'  -- JSON: {field: [how, evidence, inferred]}
);

-- The preset dictionaries articles.body (rowid 1; codec.text_dictionary) and
-- entity_details.evidence (rowid 2; codec.json_dictionary) are compressed with.
CREATE TABLE text_dictionary (
    rowid INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);

CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,     -- every linked mention, asides included
    articles INTEGER NOT NULL      -- articles with at least one mention
);

-- What the linker recorded about each of its entities, by entity id: gazetteer spellings the
-- text never uses, roles seen in appositions, and why it has its kind, aliases and mentions
-- (what `explain` prints). Corrections leave it alone.
CREATE TABLE entity_details (
    id TEXT PRIMARY KEY,
    known_as TEXT NOT NULL DEFAULT '[]',  -- JSON list
    roles TEXT NOT NULL DEFAULT '[]',     -- JSON list
    evidence BLOB NOT NULL DEFAULT ''    -- JSON object, compressed (codec.pack_json)
) WITHOUT ROWID;

CREATE TABLE aliases (
    entity INTEGER NOT NULL REFERENCES entities(rowid),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;

-- entities and aliases are what the user's corrections made of the linker's entities, kept
-- here as the linker wrote them (index.curate rebuilds the two above from these). Empty until
-- corrections are first applied: until then entities and aliases are the linker's.
CREATE TABLE auto_entities (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL
);

CREATE TABLE auto_aliases (
    entity INTEGER NOT NULL REFERENCES auto_entities(rowid),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;

-- Ids an entity also answers to: those of the entities merged into it (notes keep them).
CREATE TABLE entity_ids (
    id TEXT PRIMARY KEY,
    entity INTEGER NOT NULL REFERENCES entities(rowid)
) WITHOUT ROWID;

-- The speaker the linker's entities gave each quote (quotes.speaker follows the corrections).
CREATE TABLE auto_quote_speakers (
    quote INTEGER PRIMARY KEY REFERENCES quotes(rowid),
    speaker INTEGER NOT NULL REFERENCES auto_entities(rowid)
);

-- Entities the last application of corrections changed (rewritten from auto_* by the next).
CREATE TABLE curated (
    entity INTEGER PRIMARY KEY
);

-- What each of the user's corrections did here, in the file's order (curate list reads it).
CREATE TABLE corrections_applied (
    position INTEGER PRIMARY KEY,
    line INTEGER NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,          -- applied, already, no match, conflict, other corpus
    detail TEXT NOT NULL,
    changed INTEGER NOT NULL
);

-- A sentence's text is not stored twice: it is substr(article_text(articles.body), start + 1,
-- "end" - start), article_text being the SQL function codec.register_functions adds.
CREATE TABLE sentences (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);

-- A mention's words are its article's text from start to "end"; its kind is its entity's.
CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL REFERENCES sentences(rowid),
    entity INTEGER REFERENCES entities(rowid),  -- NULL: hidden by a correction
    in_aside INTEGER NOT NULL,
    auto_entity INTEGER REFERENCES auto_entities(rowid)  -- the linker's; NULL: a correction's
                                   -- (all NULL until corrections are first applied)
);

-- In dates, figures, quotes and timeline, text is NULL when it is the article's text from
-- start to "end" (as it nearly always is): the words are not stored twice.
CREATE TABLE dates (
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT,
    iso TEXT,                      -- the first date of a range, or the date
    precision TEXT,
    iso_end TEXT                   -- the last date of a range (= iso for a single date)
);

CREATE TABLE figures (
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT,
    value REAL,                    -- the lower end of a range, or the number
    unit TEXT,
    qualifier TEXT,
    value_end REAL                 -- the upper end of a range (= value for a single number)
);

-- The mention list of each busy entity laid out for paging, one row per article it is named
-- in: the list shows the article's heading at ``first_row``, then one row per sentence. The
-- reader finds the rows of any screenful with one seek, without reading every mention.
CREATE TABLE mention_pages (
    entity INTEGER NOT NULL REFERENCES entities(rowid),
    first_row INTEGER NOT NULL,    -- list row of the article's heading, from 0
    article INTEGER NOT NULL REFERENCES articles(rowid),
    sentences INTEGER NOT NULL,    -- rows under the heading
    first_mention INTEGER NOT NULL, -- position of its first mention among the entity's, from 0
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity, first_row)
) WITHOUT ROWID;

-- Quotations and who said them (nlp.quotes); speaker NULL when the text does not say.
CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT,
    sentence INTEGER REFERENCES sentences(rowid),
    speaker INTEGER REFERENCES entities(rowid),
    cue TEXT,                      -- the words that attribute it: "Kerry said"
    how TEXT NOT NULL              -- the rule that did: after, before, pronoun, previous...
);

-- Every resolved date with the sentence it stands in, for the timeline.
CREATE TABLE timeline (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT,
    date TEXT NOT NULL,            -- ISO: day, month or year
    until TEXT,                    -- the end of a range, when the date is one
    precision TEXT NOT NULL,       -- day, month, year or range
    sentence INTEGER REFERENCES sentences(rowid)
);

-- Entities named in the same sentences: both directions, scored by log-likelihood (G2).
CREATE TABLE related (
    entity INTEGER NOT NULL REFERENCES entities(rowid),
    other INTEGER NOT NULL REFERENCES entities(rowid),
    together INTEGER NOT NULL,     -- sentences naming both
    score INTEGER NOT NULL,        -- G2 to four decimals, times 10,000 (a small integer)
    PRIMARY KEY (entity, other)
) WITHOUT ROWID;

-- Per-article extraction results, reused by the next build when the key still matches. A
-- rowid table: its rows are kilobytes, which a WITHOUT ROWID table would spill to overflow pages.
CREATE TABLE analyses (
    article INTEGER PRIMARY KEY REFERENCES articles(rowid),  -- whose text the data leaves out
    key TEXT NOT NULL UNIQUE,      -- article content hash + extraction key
    extractor TEXT NOT NULL,
    data BLOB NOT NULL             -- codec.analysis_to_blob with the article's text
);

CREATE TABLE problems (
    rowid INTEGER PRIMARY KEY,
    message TEXT NOT NULL
);

-- The articles' text as the full-text index (and its snippets) reads it.
CREATE VIEW articles_plain(rowid, title, text) AS
    SELECT rowid, title, article_text(body) FROM articles;

-- Full text of title and body; external content, so the text is stored once (compressed).
-- No word positions (detail=none): index.fulltext matches phrases on the articles that can
-- hold them.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles_plain', content_rowid='rowid', detail=none,
    tokenize='@TOKENIZE@'
);
"""

TABLES = TABLES.replace("@TOKENIZE@", FTS_TOKENIZE)

INDEXES = """
CREATE INDEX articles_order ON articles(path, position);
CREATE INDEX entities_busiest ON entities(mentions DESC, articles DESC, name);
CREATE INDEX entities_kind ON entities(kind, mentions DESC);
CREATE INDEX mentions_entity ON mentions(entity, article, start);
CREATE INDEX mentions_article ON mentions(article, start);
CREATE INDEX sentences_article ON sentences(article, start);
CREATE INDEX dates_article ON dates(article, start);
CREATE INDEX figures_article ON figures(article, start);
CREATE INDEX quotes_speaker ON quotes(speaker, article, start);
CREATE INDEX quotes_article ON quotes(article, start);
CREATE INDEX timeline_date ON timeline(date, article, start);
"""

#: Indexes only applying corrections needs (it finds mentions by the linker's entity and
#: rescores co-mentions by sentence): created the first time corrections are applied, so an
#: index nobody corrects does not carry them.
CURATION_INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_auto ON mentions(auto_entity);
CREATE INDEX IF NOT EXISTS mentions_sentence ON mentions(sentence, entity);
"""


def _statements(script: str) -> list[str]:
    lines = [line.split("--")[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def create_tables(connection: sqlite3.Connection) -> None:
    """Create every table of an empty index (the query indexes come later, see ``create_indexes``).

    Statements run one by one (not ``executescript``, which would commit the caller's transaction).
    """
    for statement in _statements(TABLES):
        connection.execute(statement)


def create_curation_indexes(connection: sqlite3.Connection) -> None:
    """Create the indexes applying corrections uses, if the index does not have them yet."""
    for statement in _statements(CURATION_INDEXES):
        connection.execute(statement)


def create_indexes(connection: sqlite3.Connection) -> None:
    """Create the indexes the queries use and fill the full-text table; run after the inserts."""
    for statement in _statements(INDEXES):
        connection.execute(statement)
    connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    connection.execute("ANALYZE")
