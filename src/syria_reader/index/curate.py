"""Apply the user's corrections to an index: re-link from the stored mentions, no NLP.

The builder stores the linker's result as ``entities``/``aliases``/``mentions.entity`` (what
every query reads). The first application of corrections keeps a copy of them as
``auto_entities``/``auto_aliases``/``mentions.auto_entity`` (``snapshot_auto``); every
application resets the first to the copy and replays every correction, in
order, in one transaction: so an undone or edited correction leaves no trace, and the index
always says what the file says. A correction that finds nothing, or that conflicts with an
earlier one, is recorded with why in ``corrections_applied`` (``curate list`` shows it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from syria_reader.curation.files import corrections_path, fingerprint, load
from syria_reader.curation.model import Correction, MentionRef
from syria_reader.curation.names import name_key, slug
from syria_reader.curation.parse import ParsedFile
from syria_reader.index import schema
from syria_reader.index.codec import blocks_from_json, register_functions, score_to_int
from syria_reader.index.fulltext import needs_positions, query_words, words_expression
from syria_reader.index.pages_layout import mention_pages
from syria_reader.models import ASIDE_KINDS, Block
from syria_reader.wording import plural

#: The meta key holding the fingerprint of the corrections file last applied.
FINGERPRINT_KEY = "corrections_fingerprint"
#: The meta key saying that the linker's entities are kept in ``auto_*`` (``snapshot_auto``).
LINKER_KEPT_KEY = "linker_entities_kept"
#: A stored mention as corrections read it: rowid, start, end, its words, the linker's entity.
_STORED_MENTION = (
    'm.rowid, m.start, m."end", substr(article_text(a.body), m.start + 1, m."end" - m.start),'
    " m.auto_entity FROM mentions m JOIN articles a ON a.rowid = m.article"
)

Status = str  # "applied", "already", "no match", "conflict", "other corpus"


@dataclass(frozen=True)
class Outcome:
    """What one correction did to this index."""

    position: int
    line: int
    description: str
    status: Status
    detail: str
    changed: int  # mentions it moved, hid or added (entities, for kind and rename)


def _linker_kept(db: sqlite3.Connection) -> bool:
    """Whether the index holds its own copy of the linker's entities (``snapshot_auto``)."""
    return db.execute("SELECT 1 FROM meta WHERE key = ?", (LINKER_KEPT_KEY,)).fetchone() is not None


def snapshot_auto(db: sqlite3.Connection) -> None:
    """Keep the linker's entities as they are now, for every later application to start from.
    Done when corrections are first applied: until then the entities are the linker's, and an
    index nobody corrects does not hold them twice."""
    db.execute("INSERT INTO meta(key, value) VALUES (?, '1')", (LINKER_KEPT_KEY,))
    db.execute(
        "INSERT INTO auto_entities(rowid, id, name, kind, mentions, articles)"
        " SELECT rowid, id, name, kind, mentions, articles FROM entities"
    )
    db.execute("INSERT INTO auto_aliases(entity, alias) SELECT entity, alias FROM aliases")
    db.execute("UPDATE mentions SET auto_entity = entity")
    db.execute(
        "INSERT INTO auto_quote_speakers(quote, speaker)"
        " SELECT rowid, speaker FROM quotes WHERE speaker IS NOT NULL"
    )


def corpus_matches(correction: Correction, corpus: str) -> bool:
    """Whether a correction applies to the corpus at this (resolved) path."""
    if not correction.corpus:
        return True
    try:
        wanted = Path(correction.corpus).expanduser().resolve()
    except (OSError, RuntimeError):
        return False
    return str(wanted) == corpus


def ensure_applied(index_path: Path, corrections: Path | None = None) -> bool:
    """Apply the corrections file to the index at ``index_path`` unless it already holds them.

    Returns whether anything was written. Cheap when current (one small read).
    """
    source = corrections or corrections_path()
    if _applied_fingerprint(index_path) in (fingerprint(source), None):
        return False
    from syria_reader.index.lock import BuildLock

    with BuildLock(index_path.with_name(index_path.name + ".lock")):
        # Another process may have applied them while this one waited.
        return apply_if_stale(index_path, source)


def apply_if_stale(index_path: Path, corrections: Path | None = None) -> bool:
    """Apply the corrections unless the index holds them already; callers hold the build lock."""
    source = corrections or corrections_path()
    if _applied_fingerprint(index_path) in (fingerprint(source), None):
        return False
    apply_file(index_path, source)
    return True


def apply_file(index_path: Path, corrections: Path | None = None) -> list[Outcome]:
    """Apply the corrections file (as it is now) to an index file; callers hold the build lock."""
    source = corrections or corrections_path()
    stamp = fingerprint(source)
    parsed = load(source)
    db = sqlite3.connect(index_path, isolation_level=None, timeout=30)
    register_functions(db)
    try:
        if parsed.corrections:  # every build applies the file, most often an empty one
            schema.create_curation_indexes(db)
        db.execute("BEGIN IMMEDIATE")
        try:
            outcomes = apply_corrections(db, parsed)
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (FINGERPRINT_KEY, stamp)
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()
    return outcomes


def _applied_fingerprint(index_path: Path) -> str | None:
    from syria_reader.index.freshness import connect_readonly

    if not index_path.is_file():
        return None
    try:
        db = connect_readonly(index_path)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else "unapplied"


def apply_corrections(db: sqlite3.Connection, parsed: ParsedFile) -> list[Outcome]:
    """Reset the index's entities to the linker's and replay every correction (in a transaction
    the caller owns)."""
    if not _linker_kept(db):
        if not parsed.corrections:
            db.execute("DELETE FROM corrections_applied")
            return []  # the entities are still the linker's: nothing to reset or replay
        snapshot_auto(db)
    corpus = dict(db.execute("SELECT key, value FROM meta")).get("corpus", "")
    previous = {row[0] for row in db.execute("SELECT entity FROM curated")}
    db.execute("DELETE FROM mentions WHERE auto_entity IS NULL")
    db.execute("UPDATE mentions SET entity = auto_entity WHERE entity IS NOT auto_entity")
    if previous:
        db.execute(
            "UPDATE quotes SET speaker ="
            " (SELECT a.speaker FROM auto_quote_speakers a WHERE a.quote = quotes.rowid)"
        )
    state = _State(db, previous)
    outcomes: list[Outcome] = []
    for correction in parsed.corrections:
        if not corpus_matches(correction, corpus):
            status, detail, changed = "other corpus", f"only for {correction.corpus}", 0
        else:
            status, detail, changed = state.apply(correction)
        outcomes.append(
            Outcome(
                correction.position,
                correction.line,
                correction.describe(),
                status,
                detail,
                changed,
            )
        )
    state.write()
    db.execute("DELETE FROM corrections_applied")
    db.executemany(
        "INSERT INTO corrections_applied(position, line, description, status, detail, changed)"
        " VALUES (?,?,?,?,?,?)",
        [(o.position, o.line, o.description, o.status, o.detail, o.changed) for o in outcomes],
    )
    return outcomes


@dataclass(eq=False, slots=True)
class _Entity:
    """An entity as the corrections shape it; ``into`` points at the entity it was merged into."""

    rowid: int
    id: str
    name: str
    kind: str
    aliases: list[str]
    members: list[int]  # auto entities whose mentions are this entity's (unless moved)
    mentions: int = 0  # the linker's counts, right while ``touched`` is False
    articles: int = 0
    hidden_by: int | None = None  # position of the correction that hid it
    touched: bool = False
    redirects: list[str] = field(default_factory=list)  # ids of entities merged into it
    into: _Entity | None = None

    def root(self) -> _Entity:
        entity = self
        while entity.into is not None:
            entity = entity.into
        return entity


@dataclass
class _Added:
    """A mention a correction added (an alias's occurrence, an accepted unlinked mention)."""

    article: int
    start: int
    end: int
    text: str
    in_aside: bool
    entity: _Entity
    hidden: bool = False


@dataclass
class _Span:
    """A mention of an article as things stand: stored (``rowid``) or added."""

    start: int
    end: int
    text: str
    entity: _Entity | None  # None: hidden
    rowid: int | None = None
    added: _Added | None = None


class _State:
    """The entities of one index while corrections are replayed over them."""

    def __init__(self, db: sqlite3.Connection, previous: set[int]) -> None:
        self.db = db
        self.previous = previous  # entities the last application changed
        self.entities: dict[int, _Entity] = {}
        aliases: dict[int, list[str]] = {}
        for entity, alias in db.execute("SELECT entity, alias FROM auto_aliases ORDER BY alias"):
            aliases.setdefault(entity, []).append(alias)
        for rowid, entity_id, name, kind, mentions, articles in db.execute(
            "SELECT rowid, id, name, kind, mentions, articles FROM auto_entities"
        ):
            self.entities[rowid] = _Entity(
                rowid, entity_id, name, kind, aliases.get(rowid, []), [rowid], mentions, articles
            )
        self.next_rowid = max(self.entities, default=0) + 1
        self.ids = {e.id for e in self.entities.values()}
        self.moved: dict[int, _Entity | None] = {}  # stored mention rowid -> entity (None: hidden)
        self.moved_spans: dict[int, tuple[int, int, str]] = {}
        self.added: list[_Added] = []
        self._by_key: dict[str, list[_Entity]] | None = None
        self._articles: dict[str, int] = {}

    # -- looking things up ------------------------------------------------------------------

    def _keys(self) -> dict[str, list[_Entity]]:
        if self._by_key is None:
            self._by_key = {}
            for entity in self.entities.values():
                if entity.into is None:
                    self._index(entity)
        return self._by_key

    @staticmethod
    def _names_of(entity: _Entity) -> list[str]:
        return list(dict.fromkeys(name_key(n) for n in (entity.name, *entity.aliases)))

    def _index(self, entity: _Entity) -> None:
        assert self._by_key is not None
        for key in self._names_of(entity):
            self._by_key.setdefault(key, []).append(entity)

    def _unindex(self, entity: _Entity) -> None:
        """Take an entity out of the name lookup before its names change (or it is merged)."""
        by_key = self._keys()
        for key in self._names_of(entity):
            holders = by_key.get(key, [])
            if entity in holders:
                holders.remove(entity)

    def find(self, name: str) -> _Entity | None:
        """The entity a name stands for: one of that name first, then one with that alias;
        among several, the most mentioned; hidden ones only if nothing visible has the name."""
        key = name_key(name)
        candidates = self._keys().get(key, [])
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda e: (
                e.hidden_by is not None,
                name_key(e.name) != key,
                -e.mentions,
                e.rowid,
            ),
        )

    def named(self, name: str, other_than: _Entity) -> _Entity | None:
        """Another entity whose canonical name is ``name``."""
        key = name_key(name)
        for entity in self._keys().get(key, []):
            if entity is not other_than and name_key(entity.name) == key:
                return entity
        return None

    def article_rowid(self, article_id: str) -> int | None:
        if article_id not in self._articles:
            row = self.db.execute(
                "SELECT rowid FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            self._articles[article_id] = row[0] if row else 0
        return self._articles[article_id] or None

    def entity_of_stored(self, rowid: int, auto_entity: int) -> _Entity | None:
        """Whose a stored mention is now (None: hidden)."""
        if rowid in self.moved:
            entity = self.moved[rowid]
            entity = entity.root() if entity is not None else None
        else:
            entity = self.entities[auto_entity].root()
        if entity is None or entity.hidden_by is not None:
            return None
        return entity

    def spans(self, article: int) -> list[_Span]:
        """Every mention of one article as things stand, hidden ones included."""
        spans = [
            _Span(start, end, text, self.entity_of_stored(rowid, auto), rowid=rowid)
            for rowid, start, end, text, auto in self.db.execute(
                f"SELECT {_STORED_MENTION} WHERE m.article = ? AND m.auto_entity IS NOT NULL",
                (article,),
            )
        ]
        for added in self.added:
            if added.article == article:
                root = added.entity.root()
                visible = not added.hidden and root.hidden_by is None
                spans.append(
                    _Span(
                        added.start, added.end, added.text, root if visible else None, added=added
                    )
                )
        return spans

    def mentions_of(self, entity: _Entity) -> list[_Span]:
        """Every visible mention an entity has now."""
        spans: list[_Span] = []
        members = [m for m in entity.members]
        for chunk_start in range(0, len(members), 500):
            chunk = members[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, start, end, text, auto in self.db.execute(
                f"SELECT {_STORED_MENTION} WHERE m.auto_entity IN ({marks})",
                chunk,
            ):
                if rowid not in self.moved and self.entity_of_stored(rowid, auto) is entity:
                    spans.append(_Span(start, end, text, entity, rowid=rowid))
        for rowid, target in self.moved.items():
            if target is not None and target.root() is entity:
                start, end, text = self.moved_spans[rowid]
                spans.append(_Span(start, end, text, entity, rowid=rowid))
        for added in self.added:
            if not added.hidden and added.entity.root() is entity:
                spans.append(_Span(added.start, added.end, added.text, entity, added=added))
        return spans

    def taken(self, article: int) -> list[tuple[int, int]]:
        """Where an article's mentions are, hidden ones included (cheaper than ``spans``)."""
        taken = [
            (start, end)
            for start, end in self.db.execute(
                'SELECT start, "end" FROM mentions WHERE article = ? AND auto_entity IS NOT NULL',
                (article,),
            )
        ]
        taken.extend((a.start, a.end) for a in self.added if a.article == article)
        return taken

    def _move(self, span: _Span, target: _Entity | None) -> None:
        assert span.rowid is not None
        self.moved[span.rowid] = target
        self.moved_spans[span.rowid] = (span.start, span.end, span.text)

    # -- the operations ---------------------------------------------------------------------

    def apply(self, c: Correction) -> tuple[Status, str, int]:
        """Replay one correction: (status, why, how many mentions or entities it changed)."""
        if c.op == "merge":
            return self._merge(c)
        entity = self.find(c.name)
        if entity is None:
            return "no match", f'no entity is called "{c.name}" here', 0
        if entity.hidden_by is not None and c.op != "hide":
            return (
                "conflict",
                f'"{entity.name}" is hidden (correction {entity.hidden_by}); undo that first',
                0,
            )
        handler = {
            "split": self._split,
            "rename": self._rename,
            "kind": self._kind,
            "hide": self._hide,
            "hide-mention": self._hide_mentions,
            "alias": self._alias,
            "link": self._link,
            "reject": self._reject,
        }[c.op]
        return handler(c, entity)

    def _merge(self, c: Correction) -> tuple[Status, str, int]:
        found: list[_Entity] = []
        missing: list[str] = []
        for name in c.names:
            entity = self.find(name)
            if entity is None:
                missing.append(name)
            elif entity not in found:
                found.append(entity)
        hidden = [e for e in found if e.hidden_by is not None]
        if hidden:
            first = hidden[0]
            return (
                "conflict",
                f'"{first.name}" is hidden (correction {first.hidden_by}): a merge into a hidden '
                "entity would hide the others too; undo the hide first",
                0,
            )
        if len(found) < 2:
            if not missing:
                return "already", f'already one entity, "{found[0].name}"', 0
            names = ", ".join(f'"{n}"' for n in missing)
            return "no match", f"not found here: {names}", 0
        target = found[0]
        if c.as_name:
            key = name_key(c.as_name)
            target = next((e for e in found if name_key(e.name) == key), None) or next(
                (e for e in found if key in {name_key(a) for a in e.aliases}), found[0]
            )
            clash = self.named(c.as_name, target)
            if clash is not None and clash not in found:
                return (
                    "conflict",
                    f'"{c.as_name}" is already the name of another entity ({clash.kind}); '
                    "add it to the merge instead",
                    0,
                )
        moved = sum(len(self.mentions_of(e)) for e in found if e is not target)
        every_name = [target.name, *target.aliases]
        for entity in found:
            self._unindex(entity)
        for other in found:
            if other is target:
                continue
            other.into = target
            target.members.extend(other.members)
            target.redirects.extend([other.id, *other.redirects])
            every_name.extend([other.name, *other.aliases])
        if c.as_name:
            every_name.insert(0, c.as_name)
            target.name = c.as_name
        target.aliases = _without(every_name, target.name)
        target.touched = True
        self._index(target)
        detail = f'{plural(moved, "mention")} joined "{target.name}"'
        if missing:
            detail += "; not found here: " + ", ".join(f'"{n}"' for n in missing)
        return "applied", detail, moved

    def _split(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        key = name_key(c.alias)
        if key == name_key(entity.name):
            return (
                "conflict",
                f'"{c.alias}" is the canonical name of that entity: rename it first, then split',
                0,
            )
        spans = [s for s in self.mentions_of(entity) if name_key(s.text) == key]
        spelled = next((a for a in entity.aliases if name_key(a) == key), None)
        if not spans and spelled is None:
            return "no match", f'"{entity.name}" has no alias or mention "{c.alias}"', 0
        target = self.named(c.alias, entity)
        if target is None or target.hidden_by is not None:
            target = self._new_entity(spelled or c.alias, entity.kind)
        for span in spans:
            if span.added is not None:
                span.added.entity = target
            elif span.rowid is not None:
                self._move(span, target)
        self._unindex(entity)
        entity.aliases = [a for a in entity.aliases if name_key(a) != key]
        self._index(entity)
        entity.touched = target.touched = True
        if not spans:
            detail = f'"{c.alias}" is no longer a name of "{entity.name}" (no mention used it)'
            return "applied", detail, 0
        return "applied", f'{plural(len(spans), "mention")} now "{target.name}"', len(spans)

    def _new_entity(self, name: str, kind: str) -> _Entity:
        base = f"{kind.lower()}:{slug(name)}"
        entity_id, number = base, 1
        while entity_id in self.ids:
            number += 1
            entity_id = f"{base}-{number}"
        self.ids.add(entity_id)
        entity = _Entity(self.next_rowid, entity_id, name, kind, [], [], touched=True)
        self.next_rowid += 1
        self.entities[entity.rowid] = entity
        self._keys()
        self._index(entity)
        return entity

    def _rename(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        clash = self.named(c.to, entity)
        if clash is not None:
            return (
                "conflict",
                f'"{clash.name}" is already the name of another entity ({clash.kind}); to make '
                f'them one: curate merge "{entity.name}" "{clash.name}" --as "{clash.name}"',
                0,
            )
        if entity.name == c.to:
            return "already", f'already called "{c.to}"', 0
        self._unindex(entity)
        entity.aliases = _without([entity.name, *entity.aliases], c.to)
        entity.name = c.to
        self._index(entity)
        entity.touched = True
        return "applied", f'now "{c.to}"', 1

    def _kind(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        if entity.kind == c.kind:
            return "already", f"already a {c.kind}", 0
        entity.kind = c.kind
        entity.touched = True
        return "applied", f'"{entity.name}" is now a {c.kind}', 1

    def _hide(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        if entity.hidden_by is not None:
            return "already", f"already hidden by correction {entity.hidden_by}", 0
        count = len(self.mentions_of(entity)) if entity.touched else entity.mentions
        entity.hidden_by = c.position
        entity.touched = True
        return "applied", f"{plural(count, 'mention')} hidden", count

    def _locate(
        self, ref: MentionRef, spans: Iterable[_Span], entity: _Entity | None
    ) -> _Span | None:
        """The span a reference means: at its offset, else the nearest one with its text."""
        key = name_key(ref.text)
        fitting = [
            s for s in spans if name_key(s.text) == key and (entity is None or s.entity is entity)
        ]
        exact = [s for s in fitting if s.start == ref.start]
        if exact:
            return exact[0]
        return min(fitting, key=lambda s: abs(s.start - ref.start), default=None)

    def _hide_mentions(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        hidden = 0
        for ref in c.mentions:
            article = self.article_rowid(ref.article)
            if article is None:
                continue
            span = self._locate(ref, self.spans(article), entity)
            if span is None:
                continue
            if span.added is not None:
                span.added.hidden = True
            elif span.rowid is not None:
                self._move(span, None)
            hidden += 1
        entity.touched = True
        if not hidden:
            return "no match", f'no such mention of "{entity.name}" here', 0
        return "applied", f"{plural(hidden, 'mention')} hidden", hidden

    def _alias(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        known = {name_key(n) for n in (entity.name, *entity.aliases)}
        if name_key(c.alias) not in known:
            self._unindex(entity)
            entity.aliases.append(c.alias)
            self._index(entity)
        entity.touched = True
        added = 0
        pattern = re.compile(rf"(?<!\w){re.escape(c.alias)}(?!\w)")
        for article, text, blocks in self._articles_with(c.alias):
            taken = self.taken(article)
            for match in pattern.finditer(text):
                block = _block_at(blocks, match.start())
                if block is None or block.kind == "comment" or _overlaps(taken, match.span()):
                    continue
                self.added.append(
                    _Added(
                        article,
                        match.start(),
                        match.end(),
                        match.group(),
                        block.kind in ASIDE_KINDS,
                        entity,
                    )
                )
                taken.append(match.span())
                added += 1
        return "applied", f'{plural(added, "new mention")} of "{c.alias}"', added

    def _articles_with(self, words: str) -> list[tuple[int, str, Sequence]]:
        """Articles whose text may hold ``words`` (found with the full-text index)."""
        phrase = '"' + words.replace('"', '""') + '"'
        sql = (
            "SELECT a.rowid, article_text(a.body), a.blocks FROM articles_fts f JOIN articles a"
            " ON a.rowid = f.rowid WHERE articles_fts MATCH ? ORDER BY a.rowid"
        )
        try:
            try:
                rows = self.db.execute(sql, (phrase,)).fetchall()
            except sqlite3.OperationalError as error:
                if not needs_positions(error):
                    raise
                # No positions in the full-text index: the articles with every word of the
                # phrase hold every article with the phrase (the caller finds the phrase).
                every_word = words_expression(query_words(self.db, words), "AND")
                rows = self.db.execute(sql, (every_word,)).fetchall() if every_word else []
        except sqlite3.OperationalError:
            rows = self.db.execute(
                "SELECT rowid, article_text(body), blocks FROM articles"
                " WHERE instr(article_text(body), ?) ORDER BY rowid",
                (words,),
            ).fetchall()
        return [(rowid, text, blocks_from_json(blocks)) for rowid, text, blocks in rows]

    def _place_article(self, ref: MentionRef) -> tuple[int, str, str] | None:
        """The article a correction's place names: its rowid, text and blocks (as stored), or
        None when the article is not in this index."""
        article = self.article_rowid(ref.article)
        if article is None:
            return None
        text, blocks = self.db.execute(
            "SELECT article_text(body), blocks FROM articles WHERE rowid = ?", (article,)
        ).fetchone()
        return article, text, blocks

    def _link(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        linked = already = 0
        elsewhere: list[str] = []
        for ref in c.mentions:
            place = self._place_article(ref)
            if place is None:
                continue
            article, text, blocks = place
            span = _occurrence(text, ref)
            if span is None:
                continue
            spans = self.spans(article)
            overlapping = [s for s in spans if s.start < span[1] and span[0] < s.end]
            if overlapping:
                owner = overlapping[0].entity
                if owner is entity:
                    already += 1
                elif owner is not None:
                    elsewhere.append(owner.name)
                continue
            block = _block_at(blocks_from_json(blocks), span[0])
            aside = block is not None and block.kind in ASIDE_KINDS
            self.added.append(
                _Added(article, span[0], span[1], text[span[0] : span[1]], aside, entity)
            )
            linked += 1
        entity.touched = True
        if not linked:
            if already:
                return "already", f'already {plural(already, "mention")} of "{entity.name}"', 0
            if elsewhere:
                return "conflict", "already mentions of " + ", ".join(sorted(set(elsewhere))), 0
            return "no match", "none of those places is in this corpus", 0
        return "applied", f"{plural(linked, 'mention')} linked", linked

    def _reject(self, c: Correction, entity: _Entity) -> tuple[Status, str, int]:
        present = 0
        for ref in c.mentions:
            place = self._place_article(ref)
            if place is not None and _occurrence(place[1], ref) is not None:
                present += 1
        if not present:
            return "no match", "none of those places is in this corpus", 0
        return "applied", f"{plural(present, 'place')} left unlinked", 0

    # -- writing ----------------------------------------------------------------------------

    def write(self) -> None:
        """Write the corrected entities, aliases and mentions over the index's current ones."""
        db = self.db
        roots = [e for e in self.entities.values() if e.into is None and e.touched]
        updates: list[tuple[int | None, int]] = []
        for entity in roots:
            target = None if entity.hidden_by is not None else entity.rowid
            updates.extend((target, m) for m in entity.members if m != target)
        db.executemany("UPDATE mentions SET entity = ? WHERE auto_entity = ?", updates)
        # A quote's speaker follows its entity (a split leaves it with the part keeping the name).
        db.executemany("UPDATE quotes SET speaker = ? WHERE speaker = ?", updates)
        db.executemany(
            "UPDATE mentions SET entity = ? WHERE rowid = ?",
            [(self._visible_rowid(target), rowid) for rowid, target in self.moved.items()],
        )
        for added in self.added:
            root = added.entity.root()
            owner = None if added.hidden or root.hidden_by is not None else root.rowid
            db.execute(
                'INSERT INTO mentions(article, start, "end", sentence, entity, in_aside,'
                " auto_entity) VALUES (?,?,?,?,?,?,NULL)",
                (
                    added.article,
                    added.start,
                    added.end,
                    self._sentence(added.article, added.start, added.end),
                    owner,
                    int(added.in_aside),
                ),
            )
        # Only the rows of entities a correction touches now or touched last time are written;
        # every other row already holds the linker's entity.
        changed = [
            e
            for e in self.entities.values()
            if e.touched or e.into is not None or e.hidden_by is not None
        ]
        rewrite = {e.rowid for e in changed} | self.previous
        marks = ",".join("?" * len(rewrite))
        rowids = sorted(rewrite)
        for chunk_start in range(0, len(rowids), 500):
            chunk = rowids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM entities WHERE rowid IN ({marks})", chunk)
            db.execute(f"DELETE FROM aliases WHERE entity IN ({marks})", chunk)
        db.execute("DELETE FROM entity_ids")
        visible = [
            e
            for rowid in rowids
            if (e := self.entities.get(rowid)) is not None
            and e.into is None
            and e.hidden_by is None
        ]
        counts = self._counts([e.rowid for e in visible if e.touched])
        entity_rows: list[tuple[int, str, str, str, int, int]] = []
        alias_rows: list[tuple[int, str]] = []
        redirect_rows: list[tuple[str, int]] = []
        for entity in visible:
            mentions, articles = (
                counts.get(entity.rowid, (0, 0))
                if entity.touched
                else (entity.mentions, entity.articles)
            )
            if not mentions:
                continue
            entity_rows.append(
                (entity.rowid, entity.id, entity.name, entity.kind, mentions, articles)
            )
            alias_rows.extend((entity.rowid, a) for a in _without(entity.aliases, entity.name))
            redirect_rows.extend((old, entity.rowid) for old in entity.redirects)
        db.executemany(
            "INSERT INTO entities(rowid, id, name, kind, mentions, articles) VALUES (?,?,?,?,?,?)",
            entity_rows,
        )
        db.executemany("INSERT OR IGNORE INTO aliases(entity, alias) VALUES (?, ?)", alias_rows)
        db.executemany("INSERT OR IGNORE INTO entity_ids(id, entity) VALUES (?, ?)", redirect_rows)
        db.execute("DELETE FROM curated")
        db.executemany("INSERT INTO curated(entity) VALUES (?)", [(e.rowid,) for e in changed])
        added_to = {a.entity.root().rowid for a in self.added}
        if rewrite or added_to:
            self._rescore_related(rewrite | added_to)
            self._relayout_mention_pages(rewrite | added_to)

    def _relayout_mention_pages(self, touched: set[int]) -> None:
        """Lay out the mention lists of the touched entities again, as the writer does (their
        mentions moved, went or came)."""
        db = self.db
        rowids = sorted(touched)
        for chunk_start in range(0, len(rowids), 500):
            chunk = rowids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM mention_pages WHERE entity IN ({marks})", chunk)
            rows = db.execute(
                'SELECT article, start, "end", sentence, entity, in_aside'
                f" FROM mentions WHERE entity IN ({marks}) ORDER BY rowid",
                chunk,
            ).fetchall()
            db.executemany(
                "INSERT INTO mention_pages(entity, first_row, article, sentences, first_mention,"
                " mentions) VALUES (?,?,?,?,?,?)",
                mention_pages(rows),
            )

    def _rescore_related(self, touched: set[int]) -> None:
        """Score co-mentions of the touched entities again (merged, split and hidden entities
        change who is named with whom), as the writer scores them: running text only, one
        count per sentence. Pairs of untouched entities keep their scores."""
        from syria_reader.index.derived import log_likelihood

        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS touched_entities (entity INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM touched_entities")
        db.executemany("INSERT INTO touched_entities VALUES (?)", [(t,) for t in touched])
        db.execute(
            "DELETE FROM related WHERE entity IN (SELECT entity FROM touched_entities)"
            " OR other IN (SELECT entity FROM touched_entities)"
        )
        pairs: dict[tuple[int, int], int] = {}
        for a, b, together in db.execute(
            "SELECT m1.entity, m2.entity, count(DISTINCT m1.sentence)"
            " FROM touched_entities t JOIN mentions m1 ON m1.entity = t.entity"
            " JOIN mentions m2 ON m2.sentence = m1.sentence"
            " WHERE m1.in_aside = 0 AND m2.in_aside = 0 AND m2.entity IS NOT NULL"
            " AND m2.entity != m1.entity GROUP BY m1.entity, m2.entity"
        ):
            pairs[(min(a, b), max(a, b))] = together
        involved = sorted({e for pair in pairs for e in pair})
        seen = self._sentence_counts(involved)
        total = db.execute(
            "SELECT count(DISTINCT sentence) FROM mentions WHERE in_aside = 0"
            " AND entity IS NOT NULL"
        ).fetchone()[0]
        rows = []
        for (a, b), together in pairs.items():
            score = log_likelihood(together, seen.get(a, 0), seen.get(b, 0), total)
            if score > 0:
                rows.append((a, b, together, score_to_int(score)))
                rows.append((b, a, together, score_to_int(score)))
        db.executemany(
            "INSERT OR REPLACE INTO related(entity, other, together, score) VALUES (?,?,?,?)",
            rows,
        )

    def _sentence_counts(self, rowids: list[int]) -> dict[int, int]:
        """How many running-text sentences name each entity."""
        counts: dict[int, int] = {}
        for chunk_start in range(0, len(rowids), 500):
            chunk = rowids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for entity, count in self.db.execute(
                "SELECT entity, count(DISTINCT sentence) FROM mentions"
                f" WHERE in_aside = 0 AND entity IN ({marks}) GROUP BY entity",
                chunk,
            ):
                counts[entity] = count
        return counts

    @staticmethod
    def _visible_rowid(target: _Entity | None) -> int | None:
        if target is None:
            return None
        root = target.root()
        return None if root.hidden_by is not None else root.rowid

    def _counts(self, rowids: list[int]) -> dict[int, tuple[int, int]]:
        counts: dict[int, tuple[int, int]] = {}
        for chunk_start in range(0, len(rowids), 500):
            chunk = rowids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for entity, mentions, articles in self.db.execute(
                f"SELECT entity, count(*), count(DISTINCT article) FROM mentions"
                f" WHERE entity IN ({marks}) GROUP BY entity",
                chunk,
            ):
                counts[entity] = (mentions, articles)
        return counts

    def _sentence(self, article: int, start: int, end: int) -> int:
        row = self.db.execute(
            'SELECT rowid FROM sentences WHERE article = ? AND start <= ? AND "end" >= ?'
            ' ORDER BY "end" - start LIMIT 1',
            (article, start, end),
        ).fetchone()
        if row is not None:
            return int(row[0])
        # The sentence's text is read back from the article's (see schema.sentences).
        cursor = self.db.execute(
            'INSERT INTO sentences(article, start, "end") VALUES (?,?,?)', (article, start, end)
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)


def _without(names: Iterable[str], name: str) -> list[str]:
    """Names with repeats and ``name`` itself left out, in order. Spellings that differ only in
    case stay ("GENEVA" beside "Geneva"), as the linker lists every spelling the text writes."""
    return [other for other in dict.fromkeys(names) if other != name]


def _block_at(blocks: Sequence[Block], offset: int) -> Block | None:
    for block in blocks:
        if block.start <= offset < block.end:
            return block
    return None


def _overlaps(taken: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in taken)


def _occurrence(text: str, ref: MentionRef) -> tuple[int, int] | None:
    """Where a referenced text is in an article: at its offset, else its nearest occurrence."""
    if text[ref.start : ref.end] == ref.text:
        return ref.start, ref.end
    pattern = re.compile(rf"(?<!\w){re.escape(ref.text)}(?!\w)")
    spans = [m.span() for m in pattern.finditer(text)]
    return min(spans, key=lambda s: abs(s[0] - ref.start), default=None)


def preview(index_path: Path, correction: Correction, corrections: Path | None = None) -> Outcome:
    """What ``correction`` would do if added at the end of the file, without changing anything."""
    from dataclasses import replace

    parsed = load(corrections or corrections_path())
    candidate = replace(correction, position=len(parsed.corrections) + 1, line=0)
    trial = ParsedFile(
        (*parsed.corrections, candidate), parsed.undone, parsed.problems, parsed.readable
    )
    db = sqlite3.connect(index_path, isolation_level=None, timeout=30)
    register_functions(db)
    try:
        schema.create_curation_indexes(db)  # committed: a preview that rolls back keeps them
        db.execute("BEGIN IMMEDIATE")
        try:
            return apply_corrections(db, trial)[-1]
        finally:
            db.execute("ROLLBACK")
    finally:
        db.close()


def rejected_places(parsed: ParsedFile, corpus: str) -> set[tuple[str, int, str]]:
    """The (article id, start, text) places the user rejected as mentions, in this corpus."""
    return {
        (ref.article, ref.start, ref.text)
        for c in parsed.corrections
        if c.op == "reject" and corpus_matches(c, corpus)
        for ref in c.mentions
    }
