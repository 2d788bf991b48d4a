"""Parse time against input size, text and HTML, 10 KB to 50 MB; peak memory.

Inputs are built from the project's samples by repeating an item's paragraph
until the target size is reached, so each size is a realistic 8-K that is
simply longer. Reports seconds, MB/s, and the growth of time per MB relative
to the smallest size (close to 1.0 means linear). Peak memory is measured in a
fresh process per run (VmHWM), the whole pipeline including validation.

    python bench/bench_scaling.py [--sizes 10k,100k,1m,10m,50m]
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


def _size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].lower()]) if text[-1].isalpha() else int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10k,100k,1m,10m,50m")
    args = ap.parse_args()
    sizes = [_size(s) for s in args.sizes.split(",")]
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
