"""Loading a corpus: article ids, offsets, HTML and Markdown files, files with no text."""

from __future__ import annotations

from syria_reader.corpus.load import articles_from_source, load_corpus
from syria_reader.corpus.metadata import CorpusMetadata
from syria_reader.corpus.sources import scan_corpus

PARA = (
    "The army said on Monday that its forces had retaken three villages north of the city "
    "after heavy fighting."
)

HTML = """<!DOCTYPE html><html><head><title>Army retakes villages | Example News</title>
<meta name="author" content="Jane Smith"><meta property="og:site_name" content="Example News">
<meta property="og:title" content="Army retakes villages">
<meta property="article:published_time" content="2015-10-12T10:00:00Z"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="#main">Skip to main content</a></nav>
<header><h1>Army retakes villages</h1></header>
<article id="main"><p>PARA</p>
<p>Rebel commanders denied the claim and said their fighters still held the main road into the province.</p>
<p>Aid agencies warned that thousands of civilians had fled the area in the past week and needed shelter.</p>
<script>document.write("\\u001b[31m evil")</script></article>
<div class="newsletter"><p>Sign up to our newsletter for the latest news</p></div>
<section id="comments"><h3>2 Comments</h3>
<div class="comment"><p>Great article, thanks for writing it.</p></div>
<div class="comment"><p>I disagree with the second paragraph entirely.</p></div></section>
<footer><p>Copyright 2015 Example News. All rights reserved.</p></footer></body></html>""".replace(  # noqa: E501 - paragraphs of test HTML: kept whole, as a page has them
    "PARA", PARA
)


def test_ids_are_paths_without_extension_and_stable(write_corpus) -> None:
    page = (
        " I \n\nn one of the strangest episodes \nof the war, rebel groups fight \neach other as "
        "well as the army.\n\n"
        "Officials said the strikes had hit \nthe area north of the city late \non Sunday, "
        "killing several \n"
        "fighters and wounding others.\n\n"
        " T \n\nhere was little sign of \nagreement in Vienna after the \nministers met to "
        "discuss the war.\n"
    )
    root = write_corpus(
        {
            "page.txt": page,
            "sub/dir/story.md": f"# Title\n\n{PARA}\n",
            "x.txt": PARA,
            "x.html": HTML,
        }
    )
    first = load_corpus(root)
    assert [a.id for a in first.articles] == ["page", "page.2", "sub/dir/story", "x.html", "x.txt"]
    assert [a.path for a in first.articles] == [
        "page.txt",
        "page.txt",
        "sub/dir/story.md",
        "x.html",
        "x.txt",
    ]
    again = load_corpus(root)
    assert [(a.id, a.text) for a in again.articles] == [(a.id, a.text) for a in first.articles]


def test_blocks_are_offsets_into_the_text(write_corpus) -> None:
    root = write_corpus(
        {
            "a.txt": f"Army retakes villages\n\n{PARA}\n\nA video grab made on October 12, 2015 "
            "[AFP]\n"
        }
    )
    (article,) = load_corpus(root).articles
    assert article.text == "\n\n".join(article.block_text(b) for b in article.blocks)
    assert [b.kind for b in article.blocks] == ["title", "paragraph", "caption"]
    assert article.words == len(["Army", "retakes", "villages"]) + len(PARA.split())
    assert article.title == "Army retakes villages"


def test_html_main_text_title_byline_and_date(write_corpus) -> None:
    root = write_corpus({"page.html": HTML})
    (article,) = load_corpus(root).articles
    assert (article.title, article.author, article.source, article.date) == (
        "Army retakes villages",
        "Jane Smith",
        "Example News",
        "2015-10-12",
    )
    text = "\n\n".join(article.block_text(b) for b in article.blocks if b.kind != "comment")
    assert text.startswith("Army retakes villages\n\n" + PARA)
    comments = [article.block_text(b) for b in article.blocks if b.kind == "comment"]
    assert comments == [
        "2 Comments",
        "Great article, thanks for writing it.",
        "I disagree with the second paragraph entirely.",
    ]
    for junk in (
        "Skip to main content",
        "Home",
        "newsletter",
        "Copyright",
        "evil",
        "document.write",
    ):
        assert junk not in text


def test_markdown_headings_and_markup(write_corpus) -> None:
    other = (
        "Aid agencies warned that **thousands** of civilians had fled the area in the past week."
    )
    root = write_corpus(
        {
            "a.md": f"# Army retakes *villages*\n\n{PARA} See [the "
            f"map](http://example.com).\n\n## Aftermath\n\n{other}\n"
        }
    )
    (article,) = load_corpus(root).articles
    assert [(b.kind, article.block_text(b)) for b in article.blocks] == [
        ("title", "Army retakes villages"),
        ("paragraph", f"{PARA} See the map."),
        ("heading", "Aftermath"),
        ("paragraph", other.replace("**", "")),
    ]


def test_a_file_without_article_text_is_reported(write_corpus) -> None:
    root = write_corpus(
        {"empty.txt": "", "nav.txt": "Skip to main content\n\nSubscribe\n", "ok.txt": PARA}
    )
    load = load_corpus(root)
    assert [a.id for a in load.articles] == ["ok"]
    assert sorted(p.split(":")[0].rsplit("/", 1)[-1] for p in load.problems) == [
        "empty.txt",
        "nav.txt",
    ]
    sources, _ = scan_corpus(root)
    assert (
        articles_from_source(sources[0], root, CorpusMetadata()) == []
    )  # no problems list: silent


def test_single_file_corpus(write_corpus) -> None:
    root = write_corpus({"a.txt": PARA, "corpus.toml": '[files."a.txt"]\ntitle = "Given"\n'})
    (article,) = load_corpus(root / "a.txt").articles
    assert (article.id, article.path, article.title) == ("a", "a.txt", "Given")
