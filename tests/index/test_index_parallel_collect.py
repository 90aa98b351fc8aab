"""Linking's first step in worker processes gives the mentions, entities and index that
collecting in the build's own process gives."""

from __future__ import annotations

import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from syria_reader.index import parallel_collect
from syria_reader.index.build import build_index
from syria_reader.index.codec import analysis_to_blob
from syria_reader.index.freshness import gather_inputs, index_path_for
from syria_reader.index.parallel import worth_parallel
from syria_reader.index.reuse import PreviousIndex, load_articles
from syria_reader.nlp.corpus_mentions import (
    article_context,
    collect_mentions,
    lowercase_words,
    mention_rows,
    mentions_from_rows,
)
from syria_reader.nlp.linking import link

from .conftest import ARTICLES
from .tables import differences

MORE = {
    "wires/idlib.txt": (
        "Strikes on Idlib\n\n"
        "IDLIB, May 9 2016 - The Syrian Observatory for Human Rights said Daesh fighters "
        "shelled al-Nusra positions near Idlib. Lavrov told RIA Novosti that the Islamic "
        "State group was losing ground. The UN envoy Staffan de Mistura met him later.\n"
    ),
}


def _cached(corpus: Path, settings):
    """The corpus's articles, their cached analyses and gazetteer, from its built index."""
    build_index(corpus, settings)
    inputs = gather_inputs(corpus, settings)
    previous = PreviousIndex.open(index_path_for(corpus))
    assert previous is not None
    try:
        loaded = load_articles(inputs, previous)
    finally:
        previous.close()
    articles = [article for article, _, _ in loaded.articles]
    return articles, [loaded.cached[a.id][1] for a in articles], inputs.gazetteer


def test_rows_give_back_the_mentions_with_this_process_s_gazetteer_entries(
    write_corpus, rules_settings
):
    articles, analyses, gazetteer = _cached(write_corpus({**ARTICLES, **MORE}), rules_settings)
    lowercase = lowercase_words(articles)
    positions = parallel_collect.entry_positions(gazetteer)
    known = 0
    for index, (article, analysis) in enumerate(zip(articles, analyses, strict=True)):
        found = collect_mentions(
            index, article_context(article, analysis), analysis, gazetteer, lowercase
        )
        again = mentions_from_rows(index, mention_rows(found, positions), gazetteer.entries)
        assert again == found
        for old, new in zip(found, again, strict=True):
            assert new.gazetteer is old.gazetteer  # the same entry object, not a copy
            known += old.gazetteer is not None
    assert known  # Daesh, ISIS, al-Nusra: the gazetteer's entries were carried


def _blobs(articles, analyses):
    return [
        analysis_to_blob(a, article.text) for a, article in zip(analyses, articles, strict=True)
    ]


@pytest.mark.parametrize("processes", [2, 3])
def test_collecting_in_processes_links_as_in_one(write_corpus, rules_settings, processes):
    articles, analyses, gazetteer = _cached(write_corpus({**ARTICLES, **MORE}), rules_settings)
    here = link(articles, analyses, gazetteer)
    with parallel_collect.ProcessCollector(_blobs(articles, analyses), gazetteer, processes) as c:
        there = link(articles, analyses, gazetteer, collector=c)
        assert 0 < c.share < len(articles)  # some collected here, the others by the workers
    assert there.entities == here.entities
    assert list(there.mentions) == list(here.mentions)
    assert len(here.mentions) > 10


class _BrokenFuture:
    def result(self):
        raise BrokenProcessPool("a worker died")

    def cancel(self) -> bool:
        return True


class _DyingPool:
    """A pool whose workers die before sending anything back."""

    def __init__(self, *_args, **_kwargs) -> None:
        pass

    def submit(self, *_args):
        return _BrokenFuture()

    def shutdown(self, **_kwargs) -> None:
        pass


def _no_processes(*_args, **_kwargs):
    raise OSError("no processes here")


@pytest.mark.parametrize("pool", [_no_processes, _DyingPool], ids=["cannot start", "dies"])
def test_what_the_workers_do_not_send_back_is_collected_here(
    write_corpus, rules_settings, monkeypatch, pool
):
    articles, analyses, gazetteer = _cached(write_corpus({**ARTICLES, **MORE}), rules_settings)
    monkeypatch.setattr(parallel_collect, "ProcessPoolExecutor", pool)
    with parallel_collect.ProcessCollector(_blobs(articles, analyses), gazetteer, 2) as c:
        there = link(articles, analyses, gazetteer, collector=c)
    assert list(there.mentions) == list(link(articles, analyses, gazetteer).mentions)


def test_stored_analyses_must_match_the_articles(write_corpus, rules_settings):
    articles, analyses, gazetteer = _cached(write_corpus(dict(ARTICLES)), rules_settings)
    collector = parallel_collect.ProcessCollector(_blobs(articles, analyses)[:2], gazetteer, 2)
    with pytest.raises(ValueError, match="2 stored analyses for"):
        collector.begin(articles, lowercase_words(articles))


def test_a_build_collecting_in_processes_writes_the_same_index(
    write_corpus, rules_settings, tmp_path, monkeypatch
):
    corpus = write_corpus({**ARTICLES, **MORE})
    alone = build_index(corpus, rules_settings, workers=1, rebuild=True).path
    kept = tmp_path / "alone.sqlite3"
    shutil.copyfile(alone, kept)
    started = []

    class Counted(parallel_collect.ProcessCollector):
        def begin(self, articles, lowercase) -> None:
            super().begin(articles, lowercase)
            started.append((self.processes, self.share, len(articles)))

    monkeypatch.setattr(parallel_collect, "MIN_CHARS_PER_COLLECTOR", 1)
    monkeypatch.setattr(parallel_collect, "ProcessCollector", Counted)
    together = build_index(corpus, rules_settings, workers=2, rebuild=True).path
    [(processes, here, articles)] = started
    assert processes == 2 and 0 < here < articles  # some articles here, the others in a worker
    assert differences(kept, together) == []


def test_small_corpora_collect_in_one_process_and_the_build_takes_its_share():
    class Text:
        def __init__(self, size: int) -> None:
            self.text = "x" * size

    small = [Text(1000)] * 10
    large = [Text(parallel_collect.MIN_CHARS_PER_COLLECTOR)] * 3
    least = parallel_collect.MIN_CHARS_PER_COLLECTOR
    assert worth_parallel(small, 4, least) == 1
    assert worth_parallel(large, 1, least) == 1
    assert worth_parallel(large, 2, least) == 2
    assert worth_parallel(large, 4, least) == 3
    assert parallel_collect.own_share(1000, 1) == 1000
    # A little less than an even share: it also turns the workers' rows into mentions.
    assert 400 < parallel_collect.own_share(1000, 2) < 500
    assert 150 < parallel_collect.own_share(1000, 4) < 250
