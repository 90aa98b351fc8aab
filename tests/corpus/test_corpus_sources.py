"""Finding and decoding corpus files: encodings, binaries, links, unreadable files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from syria_reader.corpus.sources import decode_bytes, is_binary, scan_corpus


def test_utf8_with_and_without_bom(write_corpus) -> None:
    root = write_corpus(
        {"a.txt": "Aleppo — “quoted”\n".encode(), "b.txt": b"\xef\xbb\xbfBOM text\n"}
    )
    sources, problems = scan_corpus(root)
    assert problems == []
    assert [s.text for s in sources] == ["Aleppo — “quoted”\n", "BOM text\n"]
    assert [s.encoding for s in sources] == ["utf-8", "utf-8-sig"]


def test_cp1252_fallback_is_reported(write_corpus) -> None:
    root = write_corpus({"old.txt": "Caf\u00e9 \u201cquotes\u201d \u2014 dash".encode("cp1252")})
    sources, problems = scan_corpus(root)
    assert sources[0].text == "Café “quotes” — dash"
    assert sources[0].encoding == "cp1252"
    assert len(problems) == 1 and "old.txt" in problems[0] and "cp1252" in problems[0]


def test_utf16_with_bom(write_corpus) -> None:
    root = write_corpus({"w.txt": "Windows text".encode("utf-16")})
    sources, problems = scan_corpus(root)
    assert sources[0].text == "Windows text" and problems == []


def test_binary_files_are_skipped_with_a_warning(write_corpus) -> None:
    root = write_corpus({"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ok.txt": "fine"})
    sources, problems = scan_corpus(root)
    assert [s.path.name for s in sources] == ["ok.txt"]
    assert len(problems) == 1 and "image.txt" in problems[0] and "binary" in problems[0]


def test_is_binary_and_decode_bytes() -> None:
    assert is_binary(b"abc\x00def")
    assert not is_binary(b"plain text\n")
    assert decode_bytes(b"plain") == ("plain", "utf-8", None)


def test_line_endings_and_controls_are_normalised(write_corpus) -> None:
    root = write_corpus({"crlf.txt": b"one\r\ntwo\rthree\x1b[31m red"})
    sources, _ = scan_corpus(root)
    assert sources[0].text == "one\ntwo\nthree red"


def test_only_article_suffixes_recursive_sorted_and_hashed(write_corpus) -> None:
    root = write_corpus(
        {
            "z.md": "md",
            "sub/a.html": "<p>x</p>",
            "sub/b.htm": "y",
            "notes.odt": "no",
            "corpus.toml": "",
            "c.TXT": "t",
        }
    )
    sources, problems = scan_corpus(root)
    assert [s.path.relative_to(root).as_posix() for s in sources] == [
        "c.TXT",
        "sub/a.html",
        "sub/b.htm",
        "z.md",
    ]
    assert problems == []
    import hashlib

    assert sources[0].sha256 == hashlib.sha256(b"t").hexdigest()


def test_a_single_file_is_a_corpus(write_corpus) -> None:
    root = write_corpus({"one.txt": "only"})
    sources, problems = scan_corpus(root / "one.txt")
    assert [s.text for s in sources] == ["only"] and problems == []


def test_symlink_loops_are_reported_not_followed_forever(write_corpus) -> None:
    root = write_corpus({"sub/a.txt": "article"})
    os.symlink(root, root / "sub" / "back")  # folder loop
    os.symlink(root / "loop1.txt", root / "loop2.txt")
    os.symlink(root / "loop2.txt", root / "loop1.txt")  # file link loop
    os.symlink(root / "missing.txt", root / "broken.txt")
    sources, problems = scan_corpus(root)
    assert [s.path.name for s in sources] == ["a.txt"]
    text = "\n".join(problems)
    assert "symlink loop" in text and "loop1.txt" in text and "loop2.txt" in text
    assert "broken.txt" in text and "broken symlink" in text
    assert any("back" in p and "loop" in p for p in problems)


def _refuse_to_read(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the file called ``name`` unreadable (chmod would not stop a test run as root)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == name:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_unreadable_file_is_reported(write_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_corpus({"secret.txt": "x", "open.txt": "y"})
    _refuse_to_read(monkeypatch, "secret.txt")
    sources, problems = scan_corpus(root)
    assert [s.path.name for s in sources] == ["open.txt"]
    assert len(problems) == 1 and "secret.txt" in problems[0] and "Permission denied" in problems[0]


def test_missing_root_is_a_problem(tmp_path: Path) -> None:
    sources, problems = scan_corpus(tmp_path / "nowhere")
    assert sources == [] and "no such file or folder" in problems[0]


def test_the_check_only_scan_finds_the_same_files_and_hashes(
    write_corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syria_reader.corpus.sources import hash_corpus, relative_path

    root = write_corpus(
        {
            "a.txt": "Aleppo\n",
            "sub/b.md": "Caf\u00e9".encode("cp1252"),  # a decoding problem: the full scan's only
            "sub/c.html": "<p>x</p>",
            "report.pdf": b"%PDF-1.4\x00\x01binary, and hashed as a document",
            "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "big.txt": "x" * 3000,
            "secret.txt": "unreadable",
            ".hidden.txt": "not read",
            "notes.odt": "not an article",
        }
    )
    os.symlink(root / "missing.txt", root / "broken.txt")
    _refuse_to_read(monkeypatch, "secret.txt")
    for corpus in (root, root / "a.txt", root / "nowhere"):
        sources, problems = scan_corpus(corpus, max_bytes=2000)
        hashed, hash_problems = hash_corpus(corpus, max_bytes=2000)
        assert {h.key: (h.sha256, h.stamp) for h in hashed} == {
            relative_path(s, corpus): (s.sha256, s.stamp) for s in sources
        }
        assert hash_problems == [p for p in problems if "cp1252" not in p]
    assert sorted(h.key for h in hash_corpus(root, 2000)[0]) == [
        "a.txt",
        "report.pdf",
        "sub/b.md",
        "sub/c.html",
    ]


def test_the_check_only_scan_reads_no_file_whose_hash_is_known(
    write_corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from syria_reader.corpus.sources import hash_corpus

    root = write_corpus({"a.txt": "one", "b.txt": "two"})
    read: list[str] = []
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    hashed, _ = hash_corpus(root, None, lambda key, stamp: "f" * 64 if key == "a.txt" else None)
    assert read == ["b.txt"]
    assert {h.key: h.sha256 for h in hashed}["a.txt"] == "f" * 64


@given(st.binary(max_size=300), st.integers(min_value=0, max_value=9000))
def test_is_binary_counts_control_bytes_as_a_count_per_byte_value_did(
    data: bytes, padding: int
) -> None:
    data = data + b"a" * padding  # the sample is the first 8,192 bytes
    sample = data[:8192]
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 27))
    expected = (
        not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        and bool(sample)
        and (b"\x00" in sample or controls / len(sample) > 0.05)
    )
    assert is_binary(data) == expected
