"""Speed of the whole pipeline over ../shared/corpus, one file at a time.

Reports, per kind of 8-K document (text, html), the median and 90th percentile
milliseconds per filing, filings/s and MB/s; and the envelope alone (decoding,
envelope lexer and grammar, header) over the full submissions, in MB/s.
Files are read into memory first: this measures parsing, not the disk.

    python bench/bench_parse.py [--corpus ../shared/corpus] [--repeat 3] [--check]

``--check`` also runs the validator (``eightk check``) and reports what it adds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eightk.envelope.header import build_header  # noqa: E402
from eightk.envelope.lexer import looks_like_envelope  # noqa: E402
from eightk.envelope.reader import read_envelope  # noqa: E402
from eightk.pipeline import parse_bytes  # noqa: E402
from eightk.source.decoding import decode  # noqa: E402
from eightk.source.text import SourceText  # noqa: E402


def load(root: Path) -> list[tuple[str, bytes]]:
    out = []
    for folder in ("real", "edgar-crawler"):
        for path in sorted((root / folder).glob("*")):
            if path.suffix in (".txt", ".nc", ".htm", ".html"):
                out.append((f"{folder}/{path.name}", path.read_bytes()))
    return out


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path,
                    default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per file")
    ap.add_argument("--check", action="store_true", help="also time the validator")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}; nothing to measure", file=sys.stderr)
        return 0
    files = load(args.corpus)
    parse_bytes(files[0][1])  # build the grammars once, outside the timings

    by_kind: dict[str, list[tuple[float, int]]] = {}
    check_extra: list[tuple[float, float]] = []
    total_time = total_bytes = 0.0
    for name, data in files:
        seconds = best_time(lambda data=data, name=name: parse_bytes(data, name), args.repeat)
        parsed = parse_bytes(data, name)
        filing = parsed.filing
        kind = (filing.documents[filing.body_document].format
                if filing.body_document is not None else "no 8-K text")
        by_kind.setdefault(kind, []).append((seconds, len(data)))
        total_time += seconds
        total_bytes += len(data)
        if args.check:
            from eightk.checks.validate import validate

            extra = best_time(lambda parsed=parsed: validate(parsed), args.repeat)
            check_extra.append((seconds, extra))

    print(f"{len(files)} files, {total_bytes / 1e6:.1f} MB, whole pipeline, best of "
          f"{args.repeat}, one core")
    print(f"{'8-K document':14} {'files':>6} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} "
          f"{'files/s':>8} {'MB/s':>7}")
    for kind, rows in sorted(by_kind.items()):
        ms = [s * 1000 for s, _ in rows]
        secs = sum(s for s, _ in rows)
        size = sum(b for _, b in rows)
        print(f"{kind:14} {len(rows):6} {statistics.median(ms):10.2f} {pct(ms, 0.9):8.2f} "
              f"{max(ms):8.1f} {len(rows) / secs:8.0f} {size / secs / 1e6:7.1f}")
    print(f"{'all':14} {len(files):6} {'':10} {'':8} {'':8} {len(files) / total_time:8.0f} "
          f"{total_bytes / total_time / 1e6:7.1f}")

    # The envelope alone over full submissions: decode, lex, parse, header.
    subs = [(n, d) for n, d in files if n.endswith((".txt", ".nc"))]
    env_time = env_bytes = 0.0
    for _name, data in subs:
        def envelope(data=data) -> None:
            decoded = decode(data)
            if looks_like_envelope(decoded.text):
                source = SourceText(decoded.text)
                found = read_envelope(source)
                if found.header is not None:
                    build_header(source, found.header)

        env_time += best_time(envelope, args.repeat)
        env_bytes += len(data)
    if subs:
        print(f"envelope only: {len(subs)} files, {env_bytes / 1e6:.1f} MB, "
              f"{env_bytes / env_time / 1e6:.0f} MB/s")
    if check_extra:
        parse_total = sum(p for p, _ in check_extra)
        check_total = sum(c for _, c in check_extra)
        ratios = [c / p for p, c in check_extra if p > 0]
        print(f"validator: adds {100 * check_total / parse_total:.1f}% to parse time in total, "
              f"median {100 * statistics.median(ratios):.1f}% per file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
