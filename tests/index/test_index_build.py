"""Building the index: keys, incremental reuse, atomic replacement, interrupted and concurrent
builds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from syria_reader import paths
from syria_reader.config import Settings
from syria_reader.index import build
from syria_reader.index.build import build_index, ensure_index, index_path_for, index_status
from syria_reader.index.query import Index


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".*.tmp"))


def test_index_lives_in_the_cache_dir_one_file_per_corpus(tmp_path):
    first, second = tmp_path / "a" / "syria", tmp_path / "b" / "syria"
    for folder in (first, second):
        folder.mkdir(parents=True)
    assert index_path_for(first).parent == paths.cache_dir()
    assert index_path_for(first) != index_path_for(second)
    assert index_path_for(first) == index_path_for(tmp_path / "a" / ".." / "a" / "syria")
    assert "syria" in index_path_for(first).name


def test_missing_then_current(small_corpus, rules_settings):
    assert index_status(small_corpus, rules_settings).state == "missing"
    report = build_index(small_corpus, rules_settings)
    assert report.built and report.articles == 3 and report.processed == 3 and report.reused == 0
    status = index_status(small_corpus, rules_settings)
    assert (status.state, status.path) == ("current", report.path)
    with Index(report.path) as index:
        info = index.info()
        assert info.articles == 3
        assert info.extractor == report.extractor == "rules"
        # The model-load warning is kept in the index and reported.
        assert report.warnings and any("no-such-model" in p for p in info.problems)


def test_edit_add_delete_reprocess_only_those_files(small_corpus, rules_settings):
    build_index(small_corpus, rules_settings)

    (small_corpus / "wires" / "aleppo-aid.txt").write_text(
        "Aid convoy reaches eastern Aleppo\n\nALEPPO, April 13 2016 - The convoy left again on "
        "Wednesday.\n",
        encoding="utf-8",
    )
    status = index_status(small_corpus, rules_settings)
    assert status.state == "stale" and "1 file changed" in status.reason
    report = build_index(small_corpus, rules_settings)
    assert (report.processed, report.reused, report.removed, report.articles) == (1, 2, 0, 3)

    (small_corpus / "wires" / "idlib.txt").write_text(
        "Strikes on Idlib\n\nIDLIB, June 1 2016 - Air strikes hit a market in Idlib on "
        "Wednesday.\n",
        encoding="utf-8",
    )
    assert "1 file added" in index_status(small_corpus, rules_settings).reason
    report = build_index(small_corpus, rules_settings)
    assert (report.processed, report.reused, report.removed, report.articles) == (1, 3, 0, 4)

    (small_corpus / "notes" / "turkey-border.md").unlink()
    assert "1 file removed" in index_status(small_corpus, rules_settings).reason
    report = build_index(small_corpus, rules_settings)
    assert (report.processed, report.reused, report.removed, report.articles) == (0, 3, 1, 3)
    with Index(report.path) as index:
        assert sorted(a.path for a in index.articles()) == [
            "wires/aleppo-aid.txt",
            "wires/geneva-talks.txt",
            "wires/idlib.txt",
        ]
        assert "Oncupinar" not in " ".join(h.snippet for h in index.search("crossing"))
    assert index_status(small_corpus, rules_settings).state == "current"


def test_touching_a_file_without_changing_it_keeps_the_index_current(small_corpus, rules_settings):
    build_index(small_corpus, rules_settings)
    target = small_corpus / "wires" / "geneva-talks.txt"
    os.utime(target, (1, 1))
    assert index_status(small_corpus, rules_settings).state == "current"


def test_model_setting_change_makes_the_index_stale(small_corpus, rules_settings):
    build_index(small_corpus, rules_settings)
    status = index_status(small_corpus, Settings(model="another-missing-model"))
    assert status.state == "stale" and "model" in status.reason


def test_user_gazetteer_change_makes_the_index_stale(
    small_corpus, rules_settings, isolated_user_dirs
):
    build_index(small_corpus, rules_settings)
    gazetteer = paths.config_dir() / "gazetteer.toml"
    gazetteer.parent.mkdir(parents=True, exist_ok=True)
    gazetteer.write_text(
        '[[entity]]\nname = "Oncupinar border crossing"\nkind = "FAC"\naliases = ["Oncupinar"]\n',
        encoding="utf-8",
    )
    status = index_status(small_corpus, rules_settings)
    assert status.state == "stale" and "gazetteer" in status.reason
    report = build_index(small_corpus, rules_settings)
    # The rule-based extractor matches gazetteer names, so its analyses are redone.
    assert report.built and report.processed == 3
    assert index_status(small_corpus, rules_settings).state == "current"
    with Index(report.path) as index:
        names = {e.name for e in index.entities()}
    assert "Oncupinar border crossing" in names


def test_rules_name_matches_the_rule_based_extractor():
    from syria_reader.nlp.rules import RULES_NAME

    assert build.RULES_NAME == RULES_NAME


def test_corpus_toml_change_makes_the_index_stale(small_corpus, rules_settings):
    build_index(small_corpus, rules_settings)
    (small_corpus / "corpus.toml").write_text(
        '[files."wires/geneva-talks.txt"]\ntitle = "Geneva talks"\n', encoding="utf-8"
    )
    status = index_status(small_corpus, rules_settings)
    assert status.state == "stale" and "corpus.toml" in status.reason
    report = build_index(small_corpus, rules_settings)
    # Only the article whose metadata changed is analysed again.
    assert (report.processed, report.reused) == (1, 2)
    assert index_status(small_corpus, rules_settings).state == "current"
    with Index(report.path) as index:
        assert "Geneva talks" in {a.title for a in index.articles()}


def test_a_linking_change_relinks_without_analysing_again(
    small_corpus, rules_settings, monkeypatch
):
    build_index(small_corpus, rules_settings)
    monkeypatch.setattr("syria_reader.nlp.version.LINKING_VERSION", "link-test")
    status = index_status(small_corpus, rules_settings)
    assert (status.state, status.reason) == ("stale", "linking changed")
    report = build_index(small_corpus, rules_settings)
    assert (report.processed, report.reused) == (0, 3)
    assert index_status(small_corpus, rules_settings).state == "current"


def test_rebuild_analyses_everything_again(small_corpus, rules_settings):
    build_index(small_corpus, rules_settings)
    report = build_index(small_corpus, rules_settings, rebuild=True)
    assert (report.processed, report.reused) == (3, 0)


def test_current_index_is_left_alone(small_corpus, rules_settings):
    first = build_index(small_corpus, rules_settings)
    before = digest(first.path)
    again = build_index(small_corpus, rules_settings)
    assert not again.built and again.processed == 0 and again.articles == 3
    assert digest(first.path) == before
    assert ensure_index(small_corpus, rules_settings) == first.path
    assert digest(first.path) == before


def test_bad_files_are_reported_and_the_rest_indexed(write_corpus, rules_settings):
    corpus = write_corpus(
        {
            "good.txt": "Shelling in Homs\n\nHOMS, Syria - Shelling hit the old city of Homs on "
            "Friday.\n",
            "broken.txt": b"\x00\x01\x02binary\x00" * 50,
        }
    )
    report = build_index(corpus, rules_settings)
    assert report.articles == 1
    assert any("broken.txt" in p for p in report.problems)
    with Index(report.path) as index:
        assert any("broken.txt" in p for p in index.info().problems)


def test_progress_callback_counts_every_analysed_article(small_corpus, rules_settings):
    calls: list[tuple[int, int, str]] = []
    build_index(
        small_corpus, rules_settings, on_progress=lambda d, t, label: calls.append((d, t, label))
    )
    assert calls[0][:2] == (0, 0)  # reading the files: no count yet
    counts = [(d, t) for d, t, _ in calls[1:]]
    assert counts[0] == (0, 3) and (3, 3) in counts
    assert all(d <= t for d, t in counts)


class _FailingExtractor:
    """Wraps the real extractor and fails after ``after`` analyses."""

    def __init__(self, inner, after: int) -> None:
        self.inner, self.after = inner, after
        self.name, self.warning = inner.name, inner.warning

    def analyse(self, articles, batch_size=32, progress=None):
        analyses = self.inner.analyse(articles, batch_size=batch_size, progress=progress)
        for n, analysis in enumerate(analyses):
            if n == self.after:
                raise RuntimeError("extractor failed half-way")
            yield analysis


def test_failed_build_leaves_the_old_index_usable(small_corpus, rules_settings, monkeypatch):
    report = build_index(small_corpus, rules_settings)
    before = digest(report.path)
    with Index(report.path) as index:
        entities_before = index.entities()

    (small_corpus / "wires" / "geneva-talks.txt").write_text(
        "Changed\n\nThe text changed.\n", encoding="utf-8"
    )
    (small_corpus / "wires" / "aleppo-aid.txt").write_text(
        "Changed too\n\nSo did this one.\n", encoding="utf-8"
    )
    real = build._load_extractor
    monkeypatch.setattr(
        build, "_load_extractor", lambda m, g: _FailingExtractor(real(m, g), after=1)
    )
    with pytest.raises(RuntimeError, match="half-way"):
        build_index(small_corpus, rules_settings)

    assert digest(report.path) == before
    assert leftovers(report.path) == []
    with Index(report.path) as index:
        assert index.entities() == entities_before
        assert index.search("ceasefire")
    assert index_status(small_corpus, rules_settings).state == "stale"

    monkeypatch.setattr(build, "_load_extractor", real)
    again = build_index(small_corpus, rules_settings)
    assert again.processed == 2 and index_status(small_corpus, rules_settings).state == "current"


def test_failure_while_writing_leaves_no_temporary_file(small_corpus, rules_settings, monkeypatch):
    report = build_index(small_corpus, rules_settings)
    before = digest(report.path)
    (small_corpus / "wires" / "idlib.txt").write_text(
        "Idlib\n\nStrikes on Idlib.\n", encoding="utf-8"
    )

    class FailingWriter(build.IndexWriter):
        def finish(self, **kwargs):
            self.close()
            self.path.write_bytes(b"half a database")
            raise OSError("disk full")

    monkeypatch.setattr(build, "IndexWriter", FailingWriter)
    with pytest.raises(OSError, match="disk full"):
        build_index(small_corpus, rules_settings)
    assert digest(report.path) == before and leftovers(report.path) == []


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from syria_reader.config import Settings
    from syria_reader.index import build

    class WriteThenDie(build.IndexWriter):
        def finish(self, **kwargs):
            if sys.argv[2] == "after-write":
                super().finish(**kwargs)
            else:
                self.close()
                self.path.write_bytes(b"partial")
            os.kill(os.getpid(), signal.SIGKILL)

    build.IndexWriter = WriteThenDie
    build.build_index(Path(sys.argv[1]), Settings(model="no-such-model"))
    """
)


@pytest.mark.parametrize("moment", ["mid-write", "after-write"])
def test_killed_build_keeps_the_old_index_and_its_leftover_is_removed(
    small_corpus, rules_settings, tmp_path, moment
):
    report = build_index(small_corpus, rules_settings)
    before = digest(report.path)
    (small_corpus / "wires" / "geneva-talks.txt").write_text(
        "Changed\n\nNew text.\n", encoding="utf-8"
    )
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(small_corpus), moment], env=os.environ.copy()
    )
    assert result.returncode == -9
    assert digest(report.path) == before
    assert len(leftovers(report.path)) == 1  # what the killed build left behind
    with Index(report.path) as index:
        assert index.info().articles == 3

    again = build_index(small_corpus, rules_settings)
    assert again.built and leftovers(report.path) == []
    assert index_status(small_corpus, rules_settings).state == "current"


BUILDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from syria_reader.config import Settings
    from syria_reader.index.build import build_index

    report = build_index(Path(sys.argv[1]), Settings(model="no-such-model"))
    print("built" if report.built else "reused")
    """
)


def test_two_builders_at_once_build_one_good_index(small_corpus, rules_settings, tmp_path):
    script = tmp_path / "builder.py"
    script.write_text(BUILDER, encoding="utf-8")
    command = [sys.executable, str(script), str(small_corpus)]
    builders = [
        subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        for _ in range(2)
    ]
    outputs = [b.communicate(timeout=300)[0].strip() for b in builders]
    assert [b.returncode for b in builders] == [0, 0]
    assert "built" in outputs
    path = index_path_for(small_corpus)
    assert leftovers(path) == []
    assert index_status(small_corpus, rules_settings).state == "current"
    with Index(path) as index:
        assert index.info().articles == 3


def test_workers_use_processes_and_give_the_same_index(small_corpus, rules_settings, monkeypatch):
    from syria_reader.index import parallel

    one = build_index(small_corpus, rules_settings)
    with Index(one.path) as index:
        expected = ([e.to_json() for e in index.entities()], [d.to_json() for d in index.dates()])
    monkeypatch.setattr(parallel, "MIN_CHARS_PER_WORKER", 1)  # so three small articles are "large"
    two = build_index(small_corpus, rules_settings, rebuild=True, workers=2)
    assert two.workers == 2 and two.processed == 3 and two.extractor == one.extractor
    with Index(two.path) as index:
        assert (
            [e.to_json() for e in index.entities()],
            [d.to_json() for d in index.dates()],
        ) == expected


def test_small_corpus_stays_in_one_process(small_corpus, rules_settings):
    report = build_index(small_corpus, rules_settings, workers=4)
    assert report.workers == 1


def test_unreadable_index_is_rebuilt(small_corpus, rules_settings):
    path = index_path_for(small_corpus)
    path.write_bytes(b"this is not a database")
    status = index_status(small_corpus, rules_settings)
    assert status.state == "stale"
    report = build_index(small_corpus, rules_settings)
    assert report.processed == 3
    with Index(path) as index:
        assert index.info().articles == 3


def test_cache_dir_with_spaces_and_uri_characters(
    small_corpus, rules_settings, tmp_path, monkeypatch
):
    odd = tmp_path / "cache dir #1 ?x=%20"
    odd.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(odd))
    report = build_index(small_corpus, rules_settings)
    assert str(report.path).startswith(str(odd))
    assert index_status(small_corpus, rules_settings).state == "current"
    with Index(report.path) as index:
        assert index.info().articles == 3


def test_a_child_never_waits_for_a_lock_its_parent_holds(tmp_path):
    from syria_reader.index.lock import BuildLock

    lock_file = tmp_path / "index.lock"
    child = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from syria_reader.index.lock import BuildLock, LockedByParent
        try:
            with BuildLock(Path(sys.argv[1])):
                print("acquired")
        except LockedByParent:
            print("refused")
        """
    )
    with BuildLock(lock_file):
        result = subprocess.run(
            [sys.executable, "-c", child, str(lock_file)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.stdout.strip() == "refused"
    result = subprocess.run(
        [sys.executable, "-c", child, str(lock_file)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "acquired"


def test_workers_none_builds_in_as_many_processes_as_auto_gives(
    small_corpus, rules_settings, monkeypatch
):
    from syria_reader.index import parallel

    monkeypatch.setattr(parallel, "MIN_CHARS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "auto_workers", lambda: 2)
    assert build_index(small_corpus, rules_settings, workers=None).workers == 2


def test_extraction_is_let_go_before_linking(small_corpus, rules_settings, monkeypatch):
    corpus = small_corpus
    events = []
    real_extract, real_link = build._extract, build._link

    def extract(*args, **kwargs):
        try:
            yield from real_extract(*args, **kwargs)
        finally:
            events.append("extraction closed")  # its model or worker processes go with it

    def linking(*args, **kwargs):
        events.append("linking")
        return real_link(*args, **kwargs)

    monkeypatch.setattr(build, "_extract", extract)
    monkeypatch.setattr(build, "_link", linking)
    build_index(corpus, rules_settings, rebuild=True)
    assert events == ["extraction closed", "linking"]
