"""Build PDF, Word and EPUB files in a test: a two-column newspaper page, a report, a collection.

reportlab (in the ``test`` extra) writes the PDF; python-docx and ebooklib (runtime
dependencies, which read these formats) write the others. Nothing here is a stored fixture.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: The left column of the page: a drop capital "I" beside its first three lines, hyphenated
#: line ends, a paragraph break.
LEFT = [
    "n one of the most bizarre epi-",
    "sodes of the war, rival rebel",
    "groups fight each other as well",
    "as the belea-",
    "guered regime of the president,",
    "and militants have achieved their",
    "most significant advances in",
    "months by closing on the city.",
    "",
    "The deadly irony is that the",
    "army intervened in the war with",
    "the avowed objective of blasting",
    "the militants, which the presi-",
    "dent fears is extending its reach.",
]
RIGHT = [
    "Officials said the talks would",
    "go on next week in the capital,",
    "where ministers are expected to",
    "meet again. The talks were de-",
    "scribed as constructive by all",
    "sides, though no agreement was",
    "reached on the future of the",
    "country or on a ceasefire.",
    "",
    "Analysts said the fighting would",
    "continue through the winter.",
]
HEADLINE = "Rebels close in on the city with help from their enemy"
FIRST_PARAGRAPH = (
    "In one of the most bizarre episodes of the war, rival rebel groups fight each other as "
    "well as the beleaguered regime of the president, and militants have achieved their most "
    "significant advances in months by closing on the city."
)


def two_column_pdf(path: Path, pages: int = 1, *, text_layer: bool = True) -> Path:
    """A newspaper page: running head and folio, a headline across both columns, a drop
    capital, hyphenated line ends. Lines are drawn left, right, left... so the order the text
    was drawn in is not the reading order."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("page3.indd")  # what layout software leaves there: not a title
    c.setAuthor("Jane Doe")
    for number in range(1, pages + 1):
        if text_layer:
            c.setFont("Helvetica", 8)
            c.drawString(40, height - 30, "THE EXAMPLE WEEKLY")
            c.drawRightString(width - 40, height - 30, "October 30, 2015")
            c.drawCentredString(width / 2, 25, str(number))
            c.setFont("Helvetica-Bold", 20)
            c.drawString(40, height - 70, HEADLINE)
            c.setFont("Helvetica-Bold", 40)
            c.drawString(40, height - 135, "I")
            c.setFont("Times-Roman", 11)
            for index in range(max(len(LEFT), len(RIGHT))):
                y = height - 105 - 14 * index
                if index < len(LEFT) and LEFT[index]:
                    c.drawString(62 if index < 3 else 40, y, LEFT[index])
                if index < len(RIGHT) and RIGHT[index]:
                    c.drawString(width / 2 + 10, y, RIGHT[index])
        else:
            c.rect(40, 100, width - 80, height - 200, fill=1)  # a scan: an image, no text
        c.showPage()
    c.save()
    return path


REPORT_PARAGRAPHS = [
    "The mission visited three towns in the north of the country in October and spoke with "
    "more than forty residents, local officials and aid workers about the situation there.",
    "Residents described shortages of fuel, bread and medicine, and said that prices had "
    "doubled since the road to the coast was cut in the summer.",
]


def word_report(path: Path) -> Path:
    """A Word report: a Title, a byline, headings, paragraphs, a footnote."""
    import docx

    document = docx.Document()
    document.core_properties.author = "Field Office"
    document.core_properties.title = "Draft"
    document.add_paragraph("Aid reaches the northern towns", style="Title")
    document.add_paragraph("By Jane Doe")
    document.add_heading("Findings", level=1)
    document.add_paragraph(REPORT_PARAGRAPHS[0])
    document.add_heading("Prices", level=1)
    paragraph = document.add_paragraph(REPORT_PARAGRAPHS[1])
    document.save(str(path))
    _add_footnote(path, paragraph_text=paragraph.text, note="Prices were collected in Idlib.")
    return path


def _add_footnote(path: Path, *, paragraph_text: str, note: str) -> None:
    """Add one footnote to a .docx (python-docx cannot write them): the part, its
    relationship, its content type, and a reference after the paragraph's text."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {ns}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )
    )
    body = parts["word/document.xml"].decode()
    marker = f"{paragraph_text}</w:t></w:r>"
    body = body.replace(marker, marker + '<w:r><w:footnoteReference w:id="1"/></w:r>', 1)
    parts.update(
        {
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
            "word/document.xml": body.encode(),
            "word/footnotes.xml": footnotes.encode(),
        }
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


CHAPTERS = [
    (
        "Talks open in the capital",
        "Ministers from four countries met in the capital on Friday to open talks on a ceasefire, "
        "officials said, though none expected an agreement before the winter.",
    ),
    (
        "Fighting goes on in the north",
        "Fighting went on in the north of the country on Saturday as government forces pressed "
        "an offensive against rebel-held towns, a monitoring group said.",
    ),
]


def epub_collection(path: Path, chapters: list[tuple[str, str]] | None = None) -> Path:
    """An e-book collecting articles: a cover page, then one chapter per article (with a
    footnote in the first)."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("test-collection")
    book.set_title("Dispatches")
    book.set_language("en")
    book.add_author("Various")
    book.add_metadata("DC", "publisher", "The Example Weekly")
    book.add_metadata("DC", "date", "2015-10-30")
    cover = epub.EpubHtml(title="Cover", file_name="cover.xhtml", lang="en")
    cover.content = "<html><body><p>Dispatches</p></body></html>"
    items = [cover]
    for number, (title, text) in enumerate(chapters or CHAPTERS, start=1):
        chapter = epub.EpubHtml(title=title, file_name=f"chapter{number}.xhtml", lang="en")
        note = (
            '<aside epub:type="footnote" id="n1"><p>Officials spoke on condition of anonymity.</p>'
            "</aside>"
            if number == 1
            else ""
        )
        chapter.content = (
            f"<html><body><h1>{title}</h1><p>{text}</p><p>{text} They said more talks "
            f"would follow.</p>{note}</body></html>"
        )
        items.append(chapter)
    for item in items:
        book.add_item(item)
    book.toc = items[1:]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = items
    epub.write_epub(str(path), book)
    return path
