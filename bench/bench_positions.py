"""The rendered-line mapping (``Layout.to_layout`` / ``place``): what check, show and
report all use to put a source place on a line of an HTML document's layout.

    python bench/bench_positions.py [--corpus ../shared/corpus] [--per-doc 5000]

For every HTML 8-K of the corpus: the time to build the layout's index by source
offset (once per layout), then the time per look-up over ``--per-doc`` offsets
spread evenly over the document (text, markup, hidden content alike) and per
``place`` of every span the parse made. Also the 3,000-hidden-fact file of
``bench_report.many_marks``: every hidden fact's span asks for the first text
after the same gap, which the mapping finds once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_report import many_marks  # noqa: E402
from eightk import parse_source  # noqa: E402
from eightk.layout.text import Layout  # noqa: E402
from eightk.model import Span  # noqa: E402
from walk import every  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--per-doc", type=int, default=5000)
    args = parser.parse_args()
    files = [p for folder in ("real", "edgar-crawler") for p in sorted((args.corpus / folder)
             .glob("*")) if p.is_file() and p.suffix not in (".tsv", ".md")]
    if not files:
        print(f"no corpus at {args.corpus}", file=sys.stderr)
    layouts = []
    for path in files:
        parsed = parse_source(path)
        if parsed.layout is not None and parsed.layout.kind == "html":
            layouts.append((parsed.layout, every(parsed.filing, Span)))
    build = lookups = placing = 0.0
    n_lookups = n_spans = 0
    for layout, spans in layouts:
        fresh = Layout(layout.text, layout.offsets, "html", layout.source, layout.region)
        t0 = time.perf_counter()
        fresh.to_layout(fresh.region[0])  # builds the index
        t1 = time.perf_counter()
        lo, hi = fresh.region
        for offset in range(lo, hi, max(1, (hi - lo) // args.per_doc)):
            fresh.to_layout(offset)
            n_lookups += 1
        t2 = time.perf_counter()
        inside = [s for s in spans if fresh.covers(s.start)]
        for span in inside:
            fresh.place(span.start, span.end)
        t3 = time.perf_counter()
        build += t1 - t0
        lookups += t2 - t1
        placing += t3 - t2
        n_spans += len(inside)
    if layouts:
        print(f"{len(layouts)} HTML layouts: index {build * 1000:.0f} ms in all "
              f"({build / len(layouts) * 1000:.2f} ms each); "
              f"to_layout {lookups / max(n_lookups, 1) * 1e6:.2f} us x {n_lookups:,}; "
              f"place {placing / max(n_spans, 1) * 1e6:.2f} us x {n_spans:,} spans")
    data = many_marks().encode()
    t0 = time.perf_counter()
    parsed = parse_source(data, "many-marks.htm")
    t1 = time.perf_counter()
    hidden = sum(1 for s in every(parsed.filing, Span) if s.rendered_line is None)
    print(f"3,000 hidden facts and exhibits ({len(data):,} bytes): parse {t1 - t0:.2f} s, "
          f"{hidden:,} spans on no rendered line")


if __name__ == "__main__":
    main()
