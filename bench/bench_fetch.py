"""`eightk fetch` against the tests' local EDGAR: the request rate the server sees,
and the cost of a resumed run.

Serves N fictional submissions (the project's corpus, under invented accession
numbers) from tests/fake_edgar.py on 127.0.0.1 and fetches them with W workers.
Prints the requests a second measured at the server, the most requests seen in
any one-second window, the smallest gap between two requests, and what a second
run over the same folder asks for.

    python bench/bench_fetch.py [--files 60] [--workers 4] [--rate 10]
"""

from __future__ import annotations

import argparse
import bisect
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from eightk.fetch import Hosts, Http, IndexCache, Planner, Settings, run  # noqa: E402
from fake_edgar import SAMPLES, FakeEdgar  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=10.0)
    args = parser.parse_args()
    with FakeEdgar() as server, tempfile.TemporaryDirectory() as folder:
        specs = []
        for i in range(args.files):
            s = SAMPLES[i % len(SAMPLES)]
            acc = f"{s.accession[:-6]}{i:06d}"
            server.add(f"/Archives/edgar/data/{s.cik}/{acc.replace('-', '')}/{acc}.txt", s.body)
            specs.append((s.cik, acc))
        out = Path(folder)
        for label in ("first run", "second run"):
            server.seen.clear()
            with Http(Settings(user_agent="bench bench@example.com", rate=args.rate,
                               connections=args.workers)) as http:
                planner = Planner(out, IndexCache(out / ".cache", http, Hosts.single(server.url)))
                started = time.perf_counter()
                summary = run(http, planner.accessions(specs), workers=args.workers)
                seconds = time.perf_counter() - started
            times = sorted(s.at for s in server.seen)
            print(f"{label}: fetched {summary.fetched}, present {summary.present}, "
                  f"failed {summary.failed}, {len(times)} requests in {seconds:.2f} s")
            if len(times) > 1:
                busiest = max(bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times))
                gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
                span = times[-1] - times[0]
                print(f"  at the server: {(len(times) - 1) / span:.2f} requests/s, at most "
                      f"{busiest} in any 1 s window, smallest gap {min(gaps) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
