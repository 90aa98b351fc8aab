"""How long the quotes, related, timeline and search views take to open, on the busiest entity,
as ratios to opening that entity's mention list (the reader's existing view) in the same run.

    python bench/bench_insights.py [--corpus PATH] [--repeat N] [--size 140x40]

Method: the corpus's index is built or found current first (not timed; it lives in the usual
cache dir, so set XDG_CACHE_HOME to keep it apart). The reader then runs headless under
Textual's Pilot at the given size. For the entity with the most mentions, each view is opened
with its key from where a user would press it, and the clock runs from the key press until
the view's screen is on top and the next refresh has happened; then escape closes it. Medians
of ``--repeat`` openings; timings, not assertions: machines are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from syria_reader import paths
from syria_reader.config import load_settings

if TYPE_CHECKING:
    from textual.pilot import Pilot


async def _until(pilot: Pilot[int], kind: type) -> None:
    for _ in range(2000):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause()
            return
        await pilot.pause(0.001)
    raise RuntimeError(f"{kind.__name__} never opened")


async def measure(corpus: Path, repeat: int, size: tuple[int, int]) -> dict[str, list[float]]:
    """Seconds per opening of each view, ``repeat`` times each."""
    from syria_reader.ui.app import ReaderApp
    from syria_reader.ui.screens.main import MainScreen
    from syria_reader.ui.screens.mentions import MentionsScreen
    from syria_reader.ui.screens.quotes import QuotesScreen
    from syria_reader.ui.screens.related import RelatedScreen
    from syria_reader.ui.screens.search import SearchScreen
    from syria_reader.ui.screens.timeline import TimelineScreen

    app = ReaderApp(corpus, load_settings())
    times: dict[str, list[float]] = {}
    cpu_times: dict[str, list[float]] = {}
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(200):
            await pilot.pause()
            if app.index is not None and app.article is not None:
                break
        assert app.index is not None
        busiest = app.index.entities()[0]
        print(f"busiest entity: {busiest.name} ({busiest.mentions} mentions)")

        async def timed(label: str, keys: tuple[str, ...], kind: type, back: int) -> None:
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(*keys)
            await _until(pilot, kind)
            times.setdefault(label, []).append(time.perf_counter() - start)
            cpu_times.setdefault(label, []).append(time.process_time() - cpu)
            for _ in range(back):
                await pilot.press("escape")
                await pilot.pause()

        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            app.open_mentions(busiest.id)
            await _until(pilot, MentionsScreen)
            times.setdefault("mention list (baseline)", []).append(time.perf_counter() - start)
            cpu_times.setdefault("mention list (baseline)", []).append(time.process_time() - cpu)
            await timed("quotes (Q)", ("Q",), QuotesScreen, 1)
            await timed("related (R)", ("R",), RelatedScreen, 1)
            await timed("entity timeline (t)", ("t",), TimelineScreen, 2)
            await _until(pilot, MainScreen)
            await timed("full timeline (t)", ("t",), TimelineScreen, 1)
            await timed("search screen (f)", ("f",), SearchScreen, 0)
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.press(*busiest.name.split()[0], "enter")
            await pilot.pause()
            times.setdefault("search hits shown", []).append(time.perf_counter() - start)
            cpu_times.setdefault("search hits shown", []).append(time.process_time() - cpu)
            await pilot.press("escape", "escape")
            await _until(pilot, MainScreen)
    return {f"{label}|wall": v for label, v in times.items()} | {
        f"{label}|cpu": v for label, v in cpu_times.items()
    }


def main() -> int:
    """Build or find the index, measure, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=paths.bundled_seeds())
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", default="140x40")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    from syria_reader.index.build import ensure_index

    ensure_index(args.corpus, load_settings(), progress=True)
    times = asyncio.run(measure(args.corpus, max(1, args.repeat), (width, height)))
    # Wall time is what the reader waits; CPU time (this process) is less hurt by a busy machine.
    base_wall = statistics.median(times["mention list (baseline)|wall"])
    base_cpu = statistics.median(times["mention list (baseline)|cpu"])
    print(f"{'view':<26} {'wall s':>7} {'max':>6} {'x list':>7} {'cpu s':>7} {'x list':>7}")
    for label in dict.fromkeys(key.split("|")[0] for key in times):
        wall, cpu = times[f"{label}|wall"], times[f"{label}|cpu"]
        print(
            f"{label:<26} {statistics.median(wall):>7.3f} {max(wall):>6.3f} "
            f"{statistics.median(wall) / base_wall:>7.2f} {statistics.median(cpu):>7.3f} "
            f"{statistics.median(cpu) / base_cpu:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
