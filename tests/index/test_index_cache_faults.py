"""A cache that cannot be written (its parent is a file, permission denied, a full disk): one
clear line, and the commands work from the files where they can. Notes are never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from syria_reader import cli
from syria_reader.index.build import build_index, index_path_for


@pytest.fixture
def rules_config(isolated_user_dirs: Path) -> Path:
    config = isolated_user_dirs / "xdg_config_home" / "syria-reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    return config


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def cache_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder's parent should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    return blocker


def test_with_no_cache_folder_every_command_still_answers(
    small_corpus, rules_config, cache_is_a_file, capsys
) -> None:
    corpus = str(small_corpus)
    code, out, err = _run(capsys, "articles", "--corpus", corpus)
    assert code == 0 and "geneva-talks" in out and "Traceback" not in err
    code, out, err = _run(capsys, "show", "wires/geneva-talks", "--corpus", corpus)
    assert code == 0 and "Geneva" in out and "Traceback" not in err
    code, out, err = _run(capsys, "entities", "--corpus", corpus)
    assert code == 0 and "Islamic State" in out
    (warning,) = [line for line in err.splitlines() if "cannot write the index" in line]
    assert "temporary index" in warning and str(cache_is_a_file) in warning
    code, out, err = _run(capsys, "notes", "export", "--corpus", corpus)
    assert code == 0 and "Traceback" not in err
    code, out, err = _run(capsys, "index", "--corpus", corpus)
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("syria-reader: cannot write the index in ")


def test_a_cache_that_refuses_writes_keeps_the_old_index_in_use(
    small_corpus, rules_config, rules_settings, capsys, monkeypatch
) -> None:
    old = build_index(small_corpus, rules_settings).path
    before = old.read_bytes()
    (small_corpus / "wires" / "idlib.txt").write_text("Idlib\n\nStrikes on Idlib.\n", "utf-8")
    from syria_reader.index import build

    def refused(path: Path, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build, "IndexWriter", refused)
    code, out, err = _run(capsys, "entities", "--corpus", str(small_corpus))
    assert code == 0 and "Islamic State" in out and "Traceback" not in err
    assert "Permission denied; showing the index as it was" in err
    assert old.read_bytes() == before


FULL_DISK = textwrap.dedent(
    """
    import errno, sqlite3, sys
    from syria_reader.index import writer
    from syria_reader import cli

    real_fill = writer._fill

    def fill_until_full(db, *args):
        db.execute("CREATE TABLE filler (x)")
        db.execute("INSERT INTO filler VALUES (zeroblob(100000))")
        raise sqlite3.OperationalError("database or disk is full")

    writer._fill = fill_until_full
    sys.exit(cli.main(sys.argv[1:]))
    """
)


def test_a_full_disk_during_a_build_is_one_line_and_the_old_index_stays(
    small_corpus, rules_config, rules_settings
) -> None:
    old = build_index(small_corpus, rules_settings).path
    before = old.read_bytes()
    (small_corpus / "wires" / "idlib.txt").write_text("Idlib\n\nStrikes on Idlib.\n", "utf-8")
    for argv, status in ((["index"], 1), (["entities"], 0)):
        done = subprocess.run(
            [sys.executable, "-c", FULL_DISK, *argv, "--corpus", str(small_corpus)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == status, done.stderr
        assert "Traceback" not in done.stderr
        assert "database or disk is full" in done.stderr
        assert old.read_bytes() == before
        assert not list(old.parent.glob("*.tmp"))


def test_no_index_writable_anywhere_is_one_line(
    small_corpus, rules_config, cache_is_a_file, capsys, monkeypatch
) -> None:
    import tempfile

    def no_space(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", no_space)  # no temporary folder either
    code, out, err = _run(capsys, "entities", "--corpus", str(small_corpus))
    assert code == 1 and out == "" and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("syria-reader: cannot write the index")
    code, out, err = _run(capsys, "articles", "--corpus", str(small_corpus))
    assert code == 0 and "geneva-talks" in out  # what needs no index still works


def test_ctrl_c_during_a_cli_build_is_one_line_and_keeps_the_old_index(
    small_corpus, rules_config, rules_settings
) -> None:
    old = build_index(small_corpus, rules_settings).path
    before = old.read_bytes()
    for n in range(60):
        (small_corpus / f"extra{n}.txt").write_text(f"Report {n}\n\nFighting in Homs.\n", "utf-8")
    slow = textwrap.dedent(
        """
        import signal, sys, time
        from syria_reader.index import build
        from syria_reader.nlp.rules import RuleExtractor
        from syria_reader import cli

        class Slow(RuleExtractor):
            def analyse(self, articles, batch_size=32, progress=None):
                print("extracting", file=sys.stderr, flush=True)
                for article in articles:
                    time.sleep(0.2)
                    yield self.analyse_one(article, progress)
                    print("analysed one", file=sys.stderr, flush=True)

        build._load_extractor = lambda model, gazetteer: Slow(gazetteer)
        # As in a terminal: a suite started in the background inherits SIGINT ignored.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.exit(cli.main(sys.argv[1:]))
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", slow, "index", "--corpus", str(small_corpus)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # interrupt once the build is surely inside extraction
        seen.append(line)
        if "analysed one" in line:
            break
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130, "".join(seen) + rest
    assert "Traceback" not in rest and "interrupted" in rest
    assert old.read_bytes() == before
    assert os.path.exists(index_path_for(small_corpus))
