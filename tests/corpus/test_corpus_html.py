"""HTML end to end: a fresh install reads ``.html`` files (trafilatura needs lxml's HTML
cleaner, a separate package since lxml 5.2), from the file on disk to ``show``'s output.

Nothing here is skipped when the cleaner is missing: a missing dependency is a failure.
"""

from __future__ import annotations

import importlib

from syria_reader import paths
from syria_reader.cli import main

PAGE = """<!DOCTYPE html><html><head><title>Convoy reaches Madaya | Example News</title>
<meta name="author" content="Jane Smith"><meta property="og:site_name" content="Example News">
<meta property="og:title" content="Convoy reaches Madaya">
<meta property="article:published_time" content="2016-01-11T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Convoy reaches Madaya</h1>
<p>A convoy of 44 trucks carrying food and medicine reached the besieged town of Madaya on Monday,
the United Nations said, after weeks of talks with the government and rebel groups.</p>
<p>Aid workers described scenes of severe hunger, and said hundreds of residents needed urgent
treatment for malnutrition after months under siege.</p></article>
<footer><p>Copyright 2016 Example News. All rights reserved.</p></footer></body></html>
"""


def test_the_html_cleaner_trafilatura_needs_is_installed() -> None:
    for module in ("lxml_html_clean", "lxml.html.clean"):
        try:
            importlib.import_module(module)
        except ImportError as error:  # a failure, never a skip: HTML files would be skipped
            raise AssertionError(
                f"{module} cannot be imported ({error}); pyproject.toml must declare "
                "lxml_html_clean, or every .html file is skipped"
            ) from error


def test_an_html_file_is_read_end_to_end(tmp_path, capsys) -> None:
    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "madaya.html").write_text(PAGE, encoding="utf-8")
    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")

    assert main(["index", "--corpus", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "Indexed 1 articles" in captured.out and "files skipped 0" in captured.out
    assert "could not be cleaned" not in captured.err

    assert main(["show", "madaya", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Convoy reaches Madaya"
    assert "Example News" in lines[1] and "Jane Smith" in lines[1] and "2016-01-11" in lines[1]
    assert "A convoy of 44 trucks carrying food and medicine reached the besieged town" in out
    for junk in ("Home", "Copyright", "<p>"):
        assert junk not in out

    assert main(["search", "malnutrition", "--corpus", str(corpus)]) == 0
    assert "Convoy reaches Madaya" in capsys.readouterr().out
