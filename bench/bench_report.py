"""``eightk report`` on the largest real filings: generation time, page size and
how long the page takes to open in headless Chromium.

    python bench/bench_report.py [--corpus ../shared/corpus] [-n 10] [--browser] [FILE ...]
    python bench/bench_report.py --synthetic [--browser]   # 2 MB text and HTML 8-Ks

Prints one row per filing: its size, the time to parse and validate, the time to
build the page, the page's size and its ratio to the filing's, and with
``--browser`` the time Chromium takes to open it: navigation start to the end of
the load event (Navigation Timing) and to the first contentful paint.
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


_ROW = ('<table style="width:100%;border-collapse:collapse;font-size:9pt"><tr>'
        '<td style="width:60%;padding:0 4pt">Net interest income</td>'
        '<td style="text-align:right;padding:0 4pt">$&#160;41,208</td>'
        '<td style="text-align:right;padding:0 4pt">$&#160;39,877</td></tr></table>\n')


def synthetic(folder: Path, size: int = 2_000_000) -> list[Path]:
    """A text submission and an inline-XBRL 8-K from the project's samples, their
    item text repeated until each file is ``size`` bytes: the worst case for a page,
    where everything is the 8-K document (an exhibit is only laid out once)."""
    text = (ROOT / "corpus" / "text-2006-sub.txt").read_text()
    at = text.index("     Borrowings bear interest")
    block = text[text.index("     On June 12, 2006"):at]
    text = text[:at] + block * ((size - len(text)) // len(block)) + text[at:]
    html = (ROOT / "corpus" / "ixbrl-2023-8k.htm").read_text()
    at = html.index('<p style="margin:12pt 0 0 0"><b>Item 7.01')
    block = html[html.index('<p style="margin:6pt 0 0 0;text-indent:36pt">On October 24'):at] + _ROW
    html = html[:at] + block * ((size - len(html)) // len(block)) + html[at:]
    out = [folder / "synthetic-2mb-text-sub.txt", folder / "synthetic-2mb-ixbrl-8k.htm"]
    out[0].write_text(text)
    out[1].write_text(html)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("-n", type=int, default=10)
    parser.add_argument("--browser", action="store_true", help="also time opening in Chromium")
    parser.add_argument("--synthetic", action="store_true", help="2 MB filings made from corpus/")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp())
    files = synthetic(out) if args.synthetic else args.files or largest(args.corpus, args.n)
    driver = None
    if args.browser:
        sys.path.insert(0, str(ROOT / "tests"))
        from browser import start_chromium  # the tests' own launcher

        driver = start_chromium()
    print(f"{'file':58} {'bytes':>10} {'parse':>7} {'page':>7} {'page bytes':>11} {'ratio':>6}"
          + (f" {'load':>7} {'paint':>6}" if driver else ""))
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
                painted = driver.execute_script(
                    "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                    "return p ? p.startTime : -1;")
                shown = f"{painted / 1000:>5.2f}s" if painted >= 0 else "   n/a"
                row += f" {load / 1000:>6.2f}s {shown}"
            print(row, flush=True)
    finally:
        if driver is not None:
            driver.quit()


if __name__ == "__main__":
    main()
