"""Parse time against input size, text and HTML, 10 KB to 50 MB; peak memory.

Inputs are built from the project's samples by repeating an item's paragraph
until the target size is reached, so each size is a realistic 8-K that is
simply longer. Reports seconds, MB/s, and the growth of time per MB relative
to the smallest size (close to 1.0 means linear). Peak memory is measured in a
fresh process per run (VmHWM), the whole pipeline including validation.

``--dense`` sweeps a dense body instead (issue 14): the text sample's whole body
(item headings, an exhibit list, a signature block) repeated after its cover
page, so every ~2 KB brings two more item headings, an exhibit list and a
signature block. Each size runs in a fresh process that times the whole
pipeline once and reports its peak memory (VmHWM), with the items, signatures
and diagnostics found, so one can see the input was read as dense.

    python bench/bench_scaling.py [--sizes 10k,100k,1m,10m,50m]
    python bench/bench_scaling.py --dense [--sizes 1m,2m,5m,10m,25m]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXT_SAMPLE = ROOT / "corpus" / "text-2003-items-9-12-8k.txt"
HTML_SAMPLE = ROOT / "corpus" / "html-2012-8k.htm"

PARAGRAPH = (
    "     On March 3, 2025, the Company entered into an agreement with its lenders under\n"
    "which the revolving credit facility was extended by two years and the interest rate\n"
    "margin was reduced. The agreement is filed as an exhibit to this report.\n\n"
)
HTML_PARAGRAPH = (
    "<p style=\"margin:6pt 0\">On March 3, 2025, the Company entered into an agreement "
    "with its lenders under which the revolving credit facility was extended by two years "
    "and the interest rate margin was reduced &amp; the margin was reduced.</p>\n"
)


def build(kind: str, size: int) -> bytes:
    if kind == "dense":
        return build_dense(size)
    if kind == "text":
        data = TEXT_SAMPLE.read_bytes()
        marker = b"SIGNATURES"
        filler = PARAGRAPH.encode()
    else:
        data = HTML_SAMPLE.read_bytes()
        marker = b"Item&nbsp;9.01" if b"Item&nbsp;9.01" in data else b"9.01"
        filler = HTML_PARAGRAPH.encode()
    at = data.index(marker)
    count = max(0, (size - len(data)) // len(filler))
    return data[:at] + filler * count + data[at:]


def build_dense(size: int) -> bytes:
    """The text sample's cover, then its body (from the first item heading to the end) repeated."""
    data = TEXT_SAMPLE.read_bytes()
    at = data.index(b"ITEM 7.")
    unit = data[at:].rstrip() + b"\n\n"
    count = max(1, (size - at) // len(unit))
    return data[:at] + unit * count


def _size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].lower()]) if text[-1].isalpha() else int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=None,
                    help="comma list (default 10k,100k,1m,10m,50m; with --dense 1m,2m,5m,10m,25m)")
    ap.add_argument("--dense", action="store_true",
                    help="sweep a dense body: item headings, exhibit lists, signatures repeated")
    args = ap.parse_args()
    if args.dense:
        return dense_sweep([_size(s) for s in (args.sizes or "1m,2m,5m,10m,25m").split(",")])
    sizes = [_size(s) for s in (args.sizes or "10k,100k,1m,10m,50m").split(",")]
    from eightk import parse_source
    from eightk.checks.validate import validate

    print(f"{'kind':5} {'size':>10} {'seconds':>9} {'MB/s':>7} {'s/MB vs smallest':>17} "
          f"{'peak MB':>8}")
    for kind in ("text", "html"):
        base = None
        for size in sizes:
            data = build(kind, size)
            best = float("inf")
            for _ in range(3 if len(data) < 5_000_000 else 1):
                start = time.perf_counter()
                validate(parse_source(data))
                best = min(best, time.perf_counter() - start)
            per_mb = best / (len(data) / 1e6)
            base = base or per_mb
            peak = _peak_memory(kind, size)
            print(f"{kind:5} {len(data):10,} {best:9.3f} {len(data) / best / 1e6:7.1f} "
                  f"{per_mb / base:17.2f} {peak:8.0f}")
    return 0


DENSE_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from bench_scaling import build
from eightk import parse_source, validate
validate(parse_source(build("text", 10_000)))  # build the grammars outside the timing
data = build("dense", {size})
def status(key):
    text = open("/proc/self/status").read()
    return int(next(l.split()[1] for l in text.splitlines() if l.startswith(key))) / 1024
before = status("VmRSS")
start, cpu = time.perf_counter(), time.process_time()
parsed = parse_source(data)
diagnostics = validate(parsed)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({{"bytes": len(data), "seconds": seconds, "cpu": cpu, "before_mb": before,
                  "peak_mb": status("VmHWM"), "items": len(parsed.filing.items),
                  "signatures": len(parsed.filing.signatures),
                  "exhibits": len(parsed.filing.exhibits), "diagnostics": len(diagnostics)}}))
"""


def dense_sweep(sizes: list[int]) -> int:
    """One fresh process per size: the whole pipeline once, its time and peak memory."""
    import json

    print("dense text body (items, exhibit list, signatures repeated), whole pipeline "
          "(parse_source + validate), one run per size in a fresh process")
    # CPU seconds beside wall seconds: on a shared machine the gap is time spent waiting.
    # peak: the process's VmHWM, interpreter, imports and the input bytes included;
    # growth: peak less the RSS just before the parse (interpreter, imports, input)
    print(f"{'size':>11} {'seconds':>8} {'cpu s':>7} {'s/MB':>6} {'peak MB':>8} {'peak/size':>9} "
          f"{'RSS before':>10} {'growth/size':>11} {'items':>7} {'signatures':>10} "
          f"{'exhibits':>8} {'diagnostics':>11}")
    for size in sizes:
        code = DENSE_CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), size=size)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if out.returncode != 0:
            last = (out.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"{size:>11,} failed: {last}")
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        mb = row["bytes"] / 1e6
        print(f"{row['bytes']:>11,} {row['seconds']:8.2f} {row['cpu']:7.2f} "
              f"{row['seconds'] / mb:6.2f} "
              f"{row['peak_mb']:8.0f} {row['peak_mb'] / mb:9.1f} {row['before_mb']:10.0f} "
              f"{(row['peak_mb'] - row['before_mb']) / mb:11.1f} "
              f"{row['items']:7} {row['signatures']:10} {row['exhibits']:8} "
              f"{row['diagnostics']:11}")
    return 0


def _peak_memory(kind: str, size: int) -> float:
    """Peak resident memory (MB) of a fresh process that builds and parses the input."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent.
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        f"sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
        "from bench_scaling import build\nfrom eightk import parse_source\n"
        "from eightk import validate\n"
        f"data = build({kind!r}, {size})\nvalidate(parse_source(data))\n"
        "status = open('/proc/self/status').read()\n"
        "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    try:
        return int(out.stdout.strip()) / 1024  # VmHWM is in kB
    except ValueError:
        return float("nan")


if __name__ == "__main__":
    raise SystemExit(main())
