"""Line classification alone, two versions in one process: ``Vocabulary.first``
over the lines each vocabulary is really asked about.

The whole pipeline (bench_ab.py) shows a change to a line kind's pattern only
diluted by everything else; this measures the classification itself. Both
versions are imported side by side as bench_ab.py imports them (base from
``git archive`` of --base, head this checkout as it is). The head side parses
the chosen files once with ``Vocabulary.first`` watched, which records every
line head each vocabulary (the body's, the cover's, the exhibit list's, the
signatures' lines and pieces, the envelope's ...) is asked to name; the base
side parses them too, to make its own vocabularies. Then, per vocabulary, the
two sides' ``first`` run over that vocabulary's recorded heads, taking turns for
--repeat rounds, each keeping its best CPU time (process_time_ns). Every head
must be named alike by both sides (kind and match span), else the exit status
is 1.

Per vocabulary it prints the heads, each side's mean microseconds per head and
head/base; then, for each kind whose pattern differs between the sides, the
time of that kind's pattern alone over the heads of its vocabulary that its
first character lets through (what ``first`` would try it on, before the other
conditions).

    python bench/bench_vocab.py --base integrate [--kinds ...] [--limit N] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ab import ROOT, export, import_tree  # noqa: E402
from bench_peers import KINDS, chosen  # noqa: E402

SIDES = ("base", "head")


def _key(vocabulary) -> tuple:
    return (vocabulary.fallback, tuple(vocabulary.names()))


def _label(key: tuple) -> str:
    fallback, names = key
    shown = ",".join(names[:3]) + (",..." if len(names) > 3 else "")
    return f"{len(names)} kinds [{shown}]"


def record(module, datas: list[bytes], heads: dict | None) -> dict:
    """The side's vocabularies by their kinds, met while parsing ``datas``; with
    ``heads`` (a dict), every head each was asked about is appended there."""
    lexing = importlib.import_module(f"{module.__name__}.lexing")
    real = lexing.Vocabulary.first
    found: dict = {}

    def first(self, head):
        key = _key(self)
        found.setdefault(key, self)
        if heads is not None:
            heads.setdefault(key, []).append(head)
        return real(self, head)

    lexing.Vocabulary.first = first
    try:
        for data in datas:
            try:
                module.parse_source(data)
            except Exception:  # noqa: BLE001, S112 - bench_ab.py reports crashes; here, lines
                continue
    finally:
        lexing.Vocabulary.first = real
    return found


def _named(found) -> tuple | None:
    return None if found is None else (found[0], found[1] and found[1].span())



def _best(calls: dict, heads: list[str], repeat: int) -> dict[str, int]:
    """Each side's best CPU time (ns) calling its function on every head, the sides
    taking turns, the order swapped every round."""
    best = {side: 1 << 62 for side in SIDES}
    for round_ in range(repeat):
        for side in SIDES if round_ % 2 == 0 else SIDES[::-1]:
            call = calls[side]
            start = time.process_time_ns()
            for h in heads:
                call(h)
            best[side] = min(best[side], time.process_time_ns() - start)
    return best

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the revision to compare against (git rev)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--limit", type=int, default=0, help="at most N files of each kind")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = chosen(args.corpus, [k for k in args.kinds.split(",") if k], args.limit)
    if not files:
        return 0
    datas = [Path(f["path"]).read_bytes() for f in files]
    with tempfile.TemporaryDirectory(prefix="eightk-vocab-") as tmp:
        trees = {"base": Path(tmp) / "base", "head": ROOT}
        commit = export(args.base, trees["base"])
        modules = {side: import_tree(f"eightk_{side}", trees[side]) for side in SIDES}
        heads: dict = {}
        vocabularies = {"head": record(modules["head"], datas, heads),
                        "base": record(modules["base"], datas, None)}
    print(f"{len(files)} files; base {args.base} ({commit}), head the tree {ROOT}")

    status = 0
    gc.collect()
    gc.freeze()
    print(f"\n{'vocabulary':48} {'heads':>8} {'base us':>8} {'head us':>8} {'head/base':>9}")
    totals = {side: 0 for side in SIDES}
    for key, lines in sorted(heads.items(), key=lambda kv: -len(kv[1])):
        if key not in vocabularies["base"]:
            print(f"{_label(key):48} {len(lines):8}  (no such vocabulary in base)")
            continue
        firsts = {side: vocabularies[side][key].first for side in SIDES}
        wrong = [h for h in set(lines)
                 if _named(firsts["base"](h)) != _named(firsts["head"](h))]
        if wrong:
            status = 1
            print(f"{_label(key)}: {len(wrong)} heads named otherwise, e.g. {wrong[0]!r}")
        best = _best(firsts, lines, args.repeat)
        for side in SIDES:
            totals[side] += best[side]
        n = len(lines)
        print(f"{_label(key):48} {n:8} {best['base'] / n / 1e3:8.3f} "
              f"{best['head'] / n / 1e3:8.3f} {best['head'] / best['base']:9.3f}")
        # the kinds whose pattern changed, alone
        patterns = {side: dict(vocabularies[side][key].kinds) for side in SIDES}
        prefilter = importlib.import_module("eightk_head.prefilter")
        for name, pattern in patterns["head"].items():
            old = patterns["base"].get(name)
            if old is None or old.pattern == pattern.pattern:
                continue
            starts = prefilter.conditions(pattern).first
            tried = [h for h in lines if starts is None or not h.isascii()
                     or h.lstrip(" \t")[:1].lower() in starts]
            if not tried:
                continue
            kind_best = _best({"base": old.match, "head": pattern.match}, tried, args.repeat)
            m = len(tried)
            print(f"    {name:44} {m:8} {kind_best['base'] / m / 1e3:8.3f} "
                  f"{kind_best['head'] / m / 1e3:8.3f} "
                  f"{kind_best['head'] / kind_best['base']:9.3f}")
    print(f"{'all vocabularies':48} {'':8} {'':8} {'':8} "
          f"{totals['head'] / max(totals['base'], 1):9.3f}  "
          f"(base {totals['base'] / 1e6:.1f} ms, head {totals['head'] / 1e6:.1f} ms)")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
