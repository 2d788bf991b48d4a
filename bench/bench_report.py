"""``eightk report`` on the largest real filings: generation time, page size and
how long the page takes to open in headless Chromium.

    python bench/bench_report.py [--corpus ../shared/corpus] [-n 10] [--browser] [FILE ...]

Prints one row per filing: its size, the time to parse and validate, the time to
build the page, the page's size and its ratio to the filing's, and with
``--browser`` the time Chromium takes to load it (navigation start to the end of
the load event, from the page's Navigation Timing entry).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eightk import parse_source, validate  # noqa: E402
from eightk.render.report import build_report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def largest(corpus: Path, n: int) -> list[Path]:
    files = [p for folder in ("real", "edgar-crawler") for p in (corpus / folder).glob("*")
             if p.is_file() and p.suffix not in (".tsv", ".md")]
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--browser", action="store_true", help="also time opening in Chromium")
    args = parser.parse_args()
    files = args.files or largest(args.corpus, args.n)
    driver = None
    if args.browser:
        sys.path.insert(0, str(ROOT / "tests"))
        from browser import start_chromium  # the tests' own launcher

        driver = start_chromium()
    out = Path(tempfile.mkdtemp())
    print(f"{'file':58} {'bytes':>10} {'parse':>7} {'page':>7} {'page bytes':>11} {'ratio':>6}"
          + (f" {'open':>7}" if driver else ""))
    try:
        for path in files:
            data = path.read_bytes()
            t0 = time.perf_counter()
            parsed = parse_source(data, str(path))
            found = validate(parsed)
            t1 = time.perf_counter()
            page = build_report(parsed, found, path=path.name).encode("utf-8", "replace")
            t2 = time.perf_counter()
            row = (f"{path.name[:58]:58} {len(data):>10,} {t1 - t0:>6.2f}s {t2 - t1:>6.2f}s "
                   f"{len(page):>11,} {len(page) / len(data):>5.2f}x")
            if driver is not None:
                target = out / (path.name + ".html")
                target.write_bytes(page)
                driver.get(target.as_uri())
                load = driver.execute_script(
                    "var e = performance.getEntriesByType('navigation')[0];"
                    "return e.loadEventEnd - e.startTime;")
                row += f" {load / 1000:>6.2f}s"
            print(row, flush=True)
    finally:
        if driver is not None:
            driver.quit()


if __name__ == "__main__":
    main()
