"""What holds memory while a dense body is parsed and validated (issue 14).

Two fresh processes run the whole pipeline (parse_source + validate) on
``bench_scaling.build_dense(size)``: the first gives the resident memory (VmRSS,
VmHWM) after each stage, the second the memory Python allocated (tracemalloc:
now, and the most so far) after each stage, then what the result holds, found by
letting go of one part at a time (the validator's diagnostics, the body parts
kept for the validator, the line index, the text, the items, the signatures) and
counting what was freed, and the cyclic garbage the paused collector
(``gcpause``) left, which a collection then frees.
With ``--top N``, the N allocation sites holding most at the end (by line).

    python bench/bench_memory.py [--size 25m] [--top 15]

tracemalloc slows the run severalfold and counts Python's allocations only:
resident memory is that plus the interpreter, the imports, the input bytes (held
by the caller here) and what the allocators keep after frees (fragmentation).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import gc, sys, tracemalloc
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from bench_scaling import build
from msgspec.structs import replace
import eightk.pipeline as pipeline
import eightk.body.reader as reader
from eightk import parse_source, validate

validate(parse_source(build("text", 10_000)))  # grammars built, modules imported
data = build("dense", {size})
mb = len(data) / 1e6


def status(key):
    text = open("/proc/self/status").read()
    return int(next(l.split()[1] for l in text.splitlines() if l.startswith(key))) / 1024


TRACED = {traced}


def mark(name):
    if TRACED:  # (tracemalloc's own tables would swell the resident memory)
        now, most = tracemalloc.get_traced_memory()
        print(f"{{name:28}} {{now / 1e6:9.1f}} {{most / 1e6:9.1f}}", flush=True)
    else:
        print(f"{{name:28}} {{status('VmRSS'):9.1f}} {{status('VmHWM'):9.1f}}", flush=True)


def wrap(module, name):
    original = getattr(module, name)
    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        mark(name)
        return result
    setattr(module, name, wrapped)


for name in ("decode", "text_layout", "read_body"):
    wrap(pipeline, name)
for name in ("parse_with_recovery", "read_cover", "read_items", "read_exhibits",
             "read_signatures"):
    wrap(reader, name)
if TRACED:
    print(f"after each stage, MB  {{'traced':>9}} {{'most':>9}}  (tracemalloc)")
else:
    print(f"{{len(data):,}} bytes of dense body")
    print(f"after each stage, MB  {{'VmRSS':>9}} {{'VmHWM':>9}}")
before = status("VmRSS")
if TRACED:
    tracemalloc.start()
mark("start")
parsed = parse_source(data)
mark("parse_source")
diagnostics = validate(parsed)
mark("validate")
if not TRACED:
    peak = status("VmHWM")
    print(f"peak {{peak:.0f}} MB = {{peak / mb:.1f}} x the body; growth over the RSS before "
          f"({{before:.0f}} MB: interpreter, imports, input bytes) {{peak - before:.0f}} MB "
          f"= {{(peak - before) / mb:.1f}} x")
    sys.exit(0)


def traced():
    return tracemalloc.get_traced_memory()[0] / 1e6


found = gc.collect()
print(f"cyclic garbage the paused collector left: {{found}} objects")
top = tracemalloc.take_snapshot() if {top} else None
print(f"what the result holds (MB, and x the body), {{traced():.1f}} MB traced in all:")
steps = []
held = traced()
def let_go(name):
    global held
    gc.collect()
    now = traced()
    print(f"  {{name:44}} {{held - now:7.1f}} {{(held - now) / mb:5.2f}}")
    held = now
del diagnostics
let_go("diagnostics validate added")
parsed = parsed._replace(body=None)
let_go("body parts kept for the validator (Body)")
parsed = parsed._replace(layout=None)
let_go("layout (a plain text's is the source text)")
source = parsed.source
parsed = parsed._replace(source=None)
source._index = None
let_go("line index (newlines per 2K block)")
text = source.text
del source
let_go("SourceText")
del text
let_go("decoded text")
filing = parsed.filing
del parsed
filing = replace(filing, diagnostics=[])
let_go("diagnostics found while parsing")
filing = replace(filing, items=[])
let_go("items")
filing = replace(filing, signatures=[])
let_go("signatures")
del filing
let_go("the rest of the Filing")
if top is not None:
    print("allocation sites holding most at the end:")
    for stat in top.statistics("lineno")[:{top}]:
        print("  ", stat)
"""


def _size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].lower()]) if text[-1].isalpha() else int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="25m", help="dense body size (default 25m)")
    ap.add_argument("--top", type=int, default=0, help="list the N largest allocation sites")
    args = ap.parse_args()
    for traced in (False, True):
        code = CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), size=_size(args.size),
                            top=args.top, traced=traced)
        status = subprocess.run([sys.executable, "-c", code]).returncode
        if status:
            return status
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
