"""Measure the two PDF libraries on generated two-column pages: speed (as a ratio) and order.

    PYTHONPATH=src python bench/bench_pdf_readers.py [PAGES]

Builds a PDF of PAGES two-column newspaper pages (tests/corpus/corpus_documents.py, drawn
left line, right line, ... so the drawing order is not the reading order), then times
pypdfium2 (line segments with boxes, what corpus/pdf_reader.py uses) against pdfplumber
(words with boxes, what a geometric reader on it would need), each the best of three runs,
and shows how each library's own plain-text output orders the first page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "corpus"))

from corpus_documents import two_column_pdf


def _pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    count = 0
    for page in pdf:
        textpage = page.get_textpage()
        for index in range(textpage.count_rects()):
            textpage.get_text_bounded(*textpage.get_rect(index))
            count += 1
        textpage.close()
        page.close()
    pdf.close()
    return count


def _plumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


def _best(function: Callable[[Path], int], path: Path) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    """Run the measurement and print it."""
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    try:
        import pdfplumber
    except ImportError:
        print("pdfplumber is not installed (it is not a dependency): pip install pdfplumber")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        path = two_column_pdf(Path(folder) / "pages.pdf", pages=pages)
        pdfium_time = _best(_pdfium, path)
        plumber_time = _best(_plumber, path)
        print(f"{pages} two-column pages")
        print(f"pypdfium2 segments: {pdfium_time * 1000 / pages:.2f} ms a page")
        print(f"pdfplumber words:   {plumber_time * 1000 / pages:.2f} ms a page")
        print(f"pdfplumber / pypdfium2: {plumber_time / pdfium_time:.1f}x")
        import pdfplumber
        import pypdfium2 as pdfium

        with pdfplumber.open(str(path)) as pdf:
            plumber_text = pdf.pages[0].extract_text()
        pdf = pdfium.PdfDocument(str(path))
        pdfium_text = pdf[0].get_textpage().get_text_range()
        print("\npdfplumber extract_text, first lines:")
        print("\n".join(plumber_text.splitlines()[2:6]))
        print("\npypdfium2 get_text_range, first lines:")
        print("\n".join(pdfium_text.splitlines()[4:8]))
        pdf.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
