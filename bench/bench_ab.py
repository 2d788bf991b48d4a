"""Two versions of eightk on the same files in one process, taking turns file by file.

On a shared, noisy machine two runs made one after the other differ by 20% and
more; a change of 1-5% only shows when both versions meet the same load. Here
both are imported into one interpreter under different names (eightk_base,
eightk_head), every file is read into memory, and for each file the two sides
take turns (the one that starts alternates) for --repeat rounds; each side keeps
its best CPU time on that file (time.process_time_ns; --clock thread for
thread_time_ns). Per kind it prints the files, each side's median ms, the median
of the per-file ratios head/base with their interquartile range, and the ratio of
the summed times; a last row for all kinds.

It is a correctness guard too: each side first runs the whole pipeline once on
every file (the warm-up), and the outputs (msgspec.to_builtins of the Filing and
of the diagnostics validate gives) must be the same. Files whose output differs
are listed with the first place they part, and the exit status is then 1: a change
made for speed must not change output.

    python bench/bench_ab.py --base REV [--head REV | --head-tree DIR]
        [--kinds text-8k,submission,html-8k,ixbrl-8k] [--repeat 5] [--limit N]
        [--stage pipeline|parse|validate|layout] [--corpus ../shared/corpus]

A revision's parser/ and grammar/ come from ``git archive`` into a temporary
folder (never a stash or a checkout: other worktrees share them); its grammar
loader finds that grammar/ beside its parser/, as in a checkout. --head-tree (the
default: this checkout) imports DIR/parser as it is, uncommitted changes included.
Stages: pipeline = validate(parse_source(bytes)); parse = parse_source(bytes);
validate = validate(parsed), each side's parse made beforehand (a rule's lazily
filled caches are then warm for both sides alike); layout = the HTML layout alone
(render_html over the 8-K document, decoded beforehand; files whose 8-K document
is not HTML are left out of the timing); cover = the cover page reader alone
(body.cover.read_cover over the lines before the first heading, as the side's own
pipeline hands them over; files without them are left out).
Files are chosen as bench_peers.py chooses them (its select()).

Both sides share the process: lark, msgspec, the re module's cache, and process-
wide registrations (the "eightk-latin1" codec error handler: the side imported last
wins) are common to them. Garbage left by the warm-up is collected and frozen
before timing, so neither side pays for the other's old objects. Two runs of the
same code against itself (--base HEAD on an unchanged tree, 489 files, --repeat 5)
gave 0.996 and 1.008 over all files: below about 1% a difference is noise.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_peers import KINDS, chosen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("pipeline", "parse", "validate", "layout", "cover")
SIDES = ("base", "head")


def export(rev: str, dest: Path) -> str:
    """``rev``'s parser/ and grammar/ under ``dest``; its short commit id."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", f"{rev}^{{commit}}"],
                            capture_output=True, text=True)
    if commit.returncode != 0:
        raise SystemExit(f"bench_ab: no revision {rev!r}: {commit.stderr.strip()}")
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev,
                           "parser", "grammar"], capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_ab: git archive {rev} failed: "
                         f"{done.stderr.decode(errors='replace').strip()}")
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return commit.stdout.strip()


def import_tree(name: str, tree: Path) -> ModuleType:
    """``tree``/parser imported as the package ``name`` (its relative imports stay
    inside it); checked to read its grammars from ``tree``/grammar."""
    package = tree / "parser"
    if not (package / "__init__.py").is_file():
        raise SystemExit(f"bench_ab: no parser/__init__.py in {tree}")
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    # grammars.grammar_text falls back to parser/../grammar when the package holds
    # no grammar/ of its own: here the copy's, as the check below makes sure.
    grammars = importlib.import_module(f"{name}.grammars")
    for lark_file in sorted((tree / "grammar").glob("*.lark")):
        if grammars.grammar_text(lark_file.name) != lark_file.read_text(encoding="utf-8"):
            raise SystemExit(f"bench_ab: {name} does not read {lark_file}")
    return module


def strays(names: dict[str, Path]) -> list[str]:
    """Modules a side imported from outside its own tree, or the installed eightk:
    either would mean the two sides are not the versions they claim to be."""
    out = []
    for module_name, module in list(sys.modules.items()):
        top = module_name.split(".")[0]
        where = getattr(module, "__file__", None)
        outside = top in names and where and not Path(where).resolve().is_relative_to(names[top])
        if top == "eightk" or outside:
            out.append(f"{module_name} ({where})")
    return out


def output(module: ModuleType, data: bytes) -> object:
    """What must not change: the Filing and every diagnostic, as plain data."""
    try:
        parsed = module.parse_source(data)
        found = module.validate(parsed)
    except Exception as error:  # noqa: BLE001 - a crash is an output to compare too
        return {"raised": f"{type(error).__name__}: {error}"}
    return {"filing": msgspec.to_builtins(parsed.filing),
            "diagnostics": msgspec.to_builtins(found)}


def first_difference(a: object, b: object, path: str = "") -> tuple[str, object, object] | None:
    """Where two outputs first part (a dotted path), with the two values there."""
    if type(a) is not type(b):
        return path or ".", a, b
    if isinstance(a, dict):
        assert isinstance(b, dict)
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return f"{path}.{key}", a.get(key, "<absent>"), b.get(key, "<absent>")
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        assert isinstance(b, list)
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{index}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path} (length)", len(a), len(b)
        return None
    return None if a == b else (path or ".", a, b)


def stage_call(module: ModuleType, stage: str) -> Callable[[object], object]:
    if stage == "pipeline":
        parse_source, validate = module.parse_source, module.validate
        return lambda data: validate(parse_source(data))
    if stage == "parse":
        return module.parse_source
    if stage == "validate":
        return module.validate
    if stage == "cover":
        read_cover = importlib.import_module(f"{module.__name__}.body.cover").read_cover
        return lambda job: read_cover(*job)
    render_html = importlib.import_module(f"{module.__name__}.layout.html").render_html
    return lambda job: render_html(*job)


def layout_job(module: ModuleType, data: bytes) -> tuple[str, int, int] | None:
    """render_html's arguments for the file's 8-K document, if it is HTML."""
    parsed = module.parse_source(data)
    layout = parsed.layout
    if layout is None or layout.kind != "html" or layout.region is None:
        return None
    return (parsed.source.text, *layout.region)


def cover_job(module: ModuleType, data: bytes) -> tuple | None:
    """read_cover's arguments for the file's 8-K body (its front lines, the
    explanatory note, the layout), as the side's pipeline calls it; None without
    a front."""
    reader = importlib.import_module(f"{module.__name__}.body.reader")
    real, found = reader.read_cover, []

    def spy(*args):
        found.append(args)
        return real(*args)

    reader.read_cover = spy
    try:
        module.parse_source(data)
    finally:
        reader.read_cover = real
    return found[0] if found and found[0][0] else None


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def report(rows: list[dict], kinds: list[str]) -> None:
    print(f"\n{'kind':11} {'files':>5} {'base ms':>8} {'head ms':>8} {'head/base':>9} "
          f"{'IQR':>13} {'sum h/b':>8}")
    for kind in [*kinds, "all"]:
        chosen = [r for r in rows if kind in ("all", r["kind"])]
        if not chosen:
            continue
        base = [r["base"] for r in chosen]
        head = [r["head"] for r in chosen]
        ratios = [h / b for b, h in zip(base, head, strict=True) if b > 0]
        if not ratios:
            continue
        q1, q3 = quartiles(ratios)
        print(f"{kind:11} {len(chosen):5} {statistics.median(base) / 1e6:8.3f} "
              f"{statistics.median(head) / 1e6:8.3f} {statistics.median(ratios):9.3f} "
              f"{q1:6.3f}-{q3:<6.3f} {sum(head) / sum(base):8.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the revision to compare against (git rev)")
    head = ap.add_mutually_exclusive_group()
    head.add_argument("--head", help="a revision to measure (git rev)")
    head.add_argument("--head-tree", type=Path, default=ROOT,
                      help="a checkout whose parser/ and grammar/ to measure as they are "
                           "(default this one)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma list of " + ", ".join(KINDS))
    ap.add_argument("--repeat", type=int, default=5, help="best of N per file and side (5)")
    ap.add_argument("--limit", type=int, default=0, help="at most N files of each kind")
    ap.add_argument("--stage", choices=STAGES, default="pipeline")
    ap.add_argument("--clock", choices=("process", "thread"), default="process",
                    help="CPU clock: process_time_ns (default) or thread_time_ns")
    ap.add_argument("--show", type=int, default=10, help="differing files to list (10)")
    args = ap.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown kind: {', '.join(unknown)}")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    files = chosen(args.corpus, kinds, args.limit)
    if not files:
        return 0
    datas = [Path(f["path"]).read_bytes() for f in files]

    with tempfile.TemporaryDirectory(prefix="eightk-ab-") as tmp:
        trees: dict[str, Path] = {}
        labels: dict[str, str] = {}
        trees["base"] = Path(tmp) / "base"
        labels["base"] = f"{args.base} ({export(args.base, trees['base'])})"
        if args.head:
            trees["head"] = Path(tmp) / "head"
            labels["head"] = f"{args.head} ({export(args.head, trees['head'])})"
        else:
            trees["head"] = args.head_tree.resolve()
            labels["head"] = f"the tree {trees['head']}"
        modules = {side: import_tree(f"eightk_{side}", trees[side]) for side in SIDES}
        return measure(args, files, datas, modules, trees, labels, kinds)


def measure(args, files: list[dict], datas: list[bytes], modules: dict[str, ModuleType],
            trees: dict[str, Path], labels: dict[str, str], kinds: list[str]) -> int:
    counts = {k: sum(1 for f in files if f["kind"] == k) for k in kinds}
    print(f"{len(files)} files, {sum(map(len, datas)) / 1e6:.1f} MB: "
          + ", ".join(f"{k} {n}" for k, n in counts.items() if n))
    print(f"base: {labels['base']}\nhead: {labels['head']}")

    # The warm-up: each side once over every file (grammars built, caches filled),
    # keeping what it gave for the comparison.
    outputs = {side: [output(modules[side], data) for data in datas] for side in SIDES}
    differ = []
    for index, f in enumerate(files):
        found = first_difference(outputs["base"][index], outputs["head"][index])
        if found:
            differ.append((f, found))
    failed = {i for side in SIDES for i, out in enumerate(outputs[side])
              if isinstance(out, dict) and "raised" in out}
    del outputs

    calls = {side: stage_call(modules[side], args.stage) for side in SIDES}
    jobs: dict[str, list[object]] = {side: list(datas) for side in SIDES}
    if args.stage in ("layout", "cover"):
        job_of = layout_job if args.stage == "layout" else cover_job
        jobs = {side: [job_of(modules[side], d) if i not in failed else None
                       for i, d in enumerate(datas)] for side in SIDES}
    elif args.stage == "validate":
        jobs = {side: [modules[side].parse_source(d) if i not in failed else None
                       for i, d in enumerate(datas)] for side in SIDES}
    timed = [i for i in range(len(files)) if i not in failed
             and all(jobs[side][i] is not None for side in SIDES)]
    for side in SIDES:  # the stage itself once, before any timing
        for i in timed:
            calls[side](jobs[side][i])
    leaks = strays({f"eightk_{side}": trees[side].resolve() for side in SIDES})
    gc.collect()
    gc.freeze()

    clock = time.process_time_ns if args.clock == "process" else time.thread_time_ns
    best = {side: [0] * len(files) for side in SIDES}
    for i in timed:
        for side in SIDES:
            best[side][i] = 1 << 62
        for round_ in range(args.repeat):
            order = SIDES if (i + round_) % 2 == 0 else SIDES[::-1]
            for side in order:
                call, job = calls[side], jobs[side][i]
                start = clock()
                call(job)
                took = clock() - start
                if took < best[side][i]:
                    best[side][i] = took
    gc.unfreeze()

    print(f"\nstage {args.stage}: best of {args.repeat} {args.clock} CPU times per file and "
          f"side, the sides taking turns file by file in one process; ms = median over the "
          f"files of each side's best; head/base = median of the per-file ratios, IQR their "
          f"25th-75th percentiles; sum h/b = summed head / summed base")
    rows = [{"kind": files[i]["kind"], "base": best["base"][i], "head": best["head"][i]}
            for i in timed]
    report(rows, kinds)
    if failed:
        print(f"\n{len(failed)} files left out of the timing: a side raised on them")
    left = len(files) - len(timed) - len(failed)
    if left:
        why = ("their 8-K document is not HTML" if args.stage == "layout"
               else "no lines before their first heading")
        print(f"\n{left} files left out of the timing: {why}")
    status = 0
    if leaks:
        status = 1
        print("\nmodules imported from outside their side's tree (the comparison is not "
              "trustworthy):\n    " + "\n    ".join(leaks[:10]))
    if differ:
        status = 1
        print(f"\noutput differs on {len(differ)} of {len(files)} files (Filing and "
              f"diagnostics as plain data); first place each parts, base -> head:")
        for f, (where, a, b) in differ[:args.show]:
            name = f"{Path(f['path']).parent.name}/{f['name']}"
            print(f"    {name}: {where}: {_short(a)} -> {_short(b)}")
        if len(differ) > args.show:
            print(f"    ... and {len(differ) - args.show} more (--show N)")
    else:
        print(f"\nsame output on all {len(files)} files (Filing and diagnostics as plain data)")
    return status


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 70 else text[:67] + "..."


if __name__ == "__main__":
    raise SystemExit(main())
