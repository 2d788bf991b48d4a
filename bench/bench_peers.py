"""eightk against the peers on the same files, per kind of filing, one core each.

Every side runs in its own process pinned to one CPU, one after the other, over
the same list of files from ../shared/corpus; each reads all files into memory
first and times only its call on one file (best of --repeat). What is timed:

  eightk         eightk.parse_source(bytes) then eightk.validate(parsed): decoding,
                 envelope and header, HTML layout, items with their text, cover
                 page, exhibits, signatures, XBRL cover, every diagnostic and check
  eightk-parse   eightk.parse_source(bytes) alone
  doc2dict       datamule's item finder: secsgml splits a submission, doc2dict
                 (html2dict / txt2dict with its 8-K mapping) reads the 8-K document
                 into a tree of item and signature sections
  edgartools     offline (local-data mode, no network fallback): a submission through
                 Filing.from_sgml_text and its 8-K report (items, each item's text);
                 an HTML document through edgar.documents.HTMLParser for 8-K (item
                 sections, each one's text); bare text goes the submission way
  edgar-crawler  its ExtractItems.extract_items (tables removed, every 8-K item),
                 the file served from memory; needs a checkout (--edgar-crawler), as
                 it is not on PyPI
  floor          decoding the bytes and one compiled regex scan for "Item N"
                 headings: the least any item finder does

The peers live in a scratch virtual environment (--peers-venv, created and filled
from PyPI when missing), never in the project's dependencies. Sockets are blocked
in every side: a peer that tries the network fails that file, and is reported.

    python bench/bench_peers.py [--repeat 3] [--limit N] [--kinds text-8k,submission]
        [--peers eightk,doc2dict] [--peers-venv DIR] [--edgar-crawler DIR] [--json OUT]

Kinds: text-8k (bare text 8-K document), submission (full EDGAR submission .txt/.nc,
any era, real/ 'submission' and '8-k/a' and edgar-crawler/ full submissions), html-8k
(HTML 8-K document), ixbrl-8k (inline-XBRL 8-K document; an edgar-crawler HTML
document counts as one when it has an <ix:header>).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "peers_worker.py"
KINDS = ("text-8k", "submission", "html-8k", "ixbrl-8k")
SIDES = ("eightk", "eightk-parse", "doc2dict", "edgartools", "edgar-crawler", "floor")
LOCAL = {"eightk", "eightk-parse", "floor"}  # run in this interpreter
# Pinned so that two runs compare the same peers; the worker reports what it ran.
PEER_REQUIREMENTS = [
    "doc2dict==0.7.3", "secsgml==0.3.6", "edgartools==5.62.1",
    # edgar-crawler's extract_items.py imports these (its requirements.txt pins
    # versions that no longer build on Python 3.11; current ones work).
    "beautifulsoup4", "lxml", "cssutils", "click", "numpy", "pandas", "tqdm", "pathos",
]


def load(corpus: Path) -> list[dict]:
    """Every 8-K file of the two manifests with its kind and filing date."""
    files: list[dict] = []
    real = corpus / "real" / "MANIFEST.tsv"
    if real.is_file():
        with real.open(newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                kind = {"8-k/a": "submission"}.get(row["kind"], row["kind"])
                if kind in KINDS:
                    files.append(_entry(corpus / "real" / row["file"], kind,
                                        row.get("date_if_known", "")))
    crawler = corpus / "edgar-crawler" / "MANIFEST.tsv"
    if crawler.is_file():
        with crawler.open(newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                path = corpus / "edgar-crawler" / row["file"]
                if row["format"] == "full-submission":
                    kind = "submission"
                else:
                    head = path.read_bytes().lower()
                    kind = "ixbrl-8k" if b"<ix:header" in head else "html-8k"
                files.append(_entry(path, kind, "", row["year"]))
    return [f for f in files if Path(f["path"]).is_file()]


def chosen(corpus: Path, kinds: list[str], limit: int = 0) -> list[dict]:
    """``select``, saying on stderr why nothing is there to measure (no corpus,
    no files of those kinds)."""
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; nothing to measure", file=sys.stderr)
        return []
    files = select(corpus, kinds, limit)
    if not files:
        print("no files of those kinds", file=sys.stderr)
    return files


def select(corpus: Path, kinds: list[str], limit: int = 0) -> list[dict]:
    """The files of ``kinds`` in manifest order, at most ``limit`` of each kind (0: all).
    bench_ab.py measures the same files."""
    files = [f for f in load(corpus) if f["kind"] in kinds]
    if limit:
        per_kind: dict[str, int] = {}
        kept = []
        for f in files:
            per_kind[f["kind"]] = per_kind.get(f["kind"], 0) + 1
            if per_kind[f["kind"]] <= limit:
                kept.append(f)
        files = kept
    return files


FILED = re.compile(rb"(?:FILED AS OF DATE:\s*|<FILING-DATE>\s*)(\d{4})(\d{2})(\d{2})")
NEW_ITEM = re.compile(rb"Item(?:\s|&nbsp;|&#160;)+\d\.\d\d", re.I)


def _entry(path: Path, kind: str, date: str, year: str = "") -> dict:
    """The filing date edgar-crawler needs to pick its item list (old or new 8-K items).

    The manifest's date, else the header's, else the year of the edgar-crawler file
    name (in 2004, the year the items changed, the kind of heading decides).
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        data = path.read_bytes() if path.is_file() else b""
        found = FILED.search(data[:20000])
        if found:
            date = "-".join(g.decode() for g in found.groups())
        elif year == "2004":
            date = "2004-12-31" if NEW_ITEM.search(data) else "2004-01-01"
        elif year:
            date = f"{year}-06-30"
        else:
            date = "2010-01-01"
    return {"path": str(path), "name": path.name, "kind": kind, "date": date}


def ensure_venv(where: Path, install: bool) -> Path | None:
    """The scratch venv's python, created and filled from PyPI if missing."""
    python = where / "bin" / "python"
    if python.exists():
        return python
    if not install:
        return None
    print(f"creating the peers' scratch venv at {where} (pip install "
          f"{' '.join(PEER_REQUIREMENTS)})", file=sys.stderr)
    venv.create(where, with_pip=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_REQUIREMENTS], check=True)
    return python


def run_side(side: str, python: Path, files: list[dict], args, scratch: Path) -> dict | None:
    listing = scratch / f"{side}.files.json"
    out = scratch / f"{side}.out.json"
    listing.write_text(json.dumps(files))
    command = [str(python), str(WORKER), "--peer", side, "--files", str(listing),
               "--out", str(out), "--repeat", str(args.repeat), "--cpu", str(args.cpu),
               "--file-timeout", str(args.file_timeout), "--scratch", str(scratch / side),
               "--edgar-crawler", str(args.edgar_crawler)]
    print(f"running {side} on {len(files)} files ...", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, cwd=scratch)
    if done.returncode != 0 or not out.exists():
        tail = "\n    ".join((done.stderr or done.stdout).strip().splitlines()[-6:])
        print(f"{side}: the run failed (exit {done.returncode}):\n    {tail}", file=sys.stderr)
        return None
    return json.loads(out.read_text())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ratio(mine: list[dict], theirs: list[dict], key: str) -> str:
    """Median of mine / median of theirs over the files both handled."""
    a = {r["path"]: r[key] for r in mine}
    b = {r["path"]: r[key] for r in theirs}
    common = a.keys() & b.keys()
    if not common:
        return "-"
    times = statistics.median(a[p] for p in common) / statistics.median(b[p] for p in common)
    return f"{times:.2f}"


def report(results: dict[str, dict], kinds: list[str], repeat: int) -> None:
    base = results.get("eightk")
    print(f"\nbest of {repeat} per file, one core per side, files in memory; ms are wall "
          f"time (perf_counter around the call), cpu ms the process's CPU time in the same "
          f"calls (on a loaded machine the two part: a long call is preempted more often "
          f"than a short one); x eightk = the side's median / eightk's (whole pipeline) "
          f"median over the files both handled, in wall and in cpu time (above 1: eightk "
          f"is faster)")
    header = (f"{'kind':10} {'side':14} {'handled':>9} {'w/ items':>8} {'median ms':>10} "
              f"{'p90 ms':>8} {'cpu ms':>7} {'MB/s':>7} {'x eightk':>9} {'cpu x':>6}")
    for kind in kinds + ["all"]:
        print()
        print(header)
        base_ok = [r for r in base["files"] if r["error"] is None
                   and kind in ("all", r["kind"])] if base else []
        for side, result in results.items():
            rows = [r for r in result["files"] if kind in ("all", r["kind"])]
            if not rows:
                continue
            ok = [r for r in rows if r["error"] is None]
            with_items = sum(1 for r in ok if r["items"])
            line = f"{kind:10} {side:14} {len(ok):>4}/{len(rows):<4} {with_items:8}"
            if not ok:
                print(line + f" {'-':>10} {'-':>8} {'-':>7} {'-':>7} {'-':>9} {'-':>6}")
                continue
            ms = [r["seconds"] * 1000 for r in ok]
            mbps = sum(r["bytes"] for r in ok) / sum(r["seconds"] for r in ok) / 1e6
            cpu = statistics.median(r["cpu"] * 1000 for r in ok)
            wall_x = cpu_x = "-"
            if base_ok and side != "eightk":
                wall_x, cpu_x = ratio(ok, base_ok, "seconds"), ratio(ok, base_ok, "cpu")
            print(line + f" {statistics.median(ms):10.2f} {pct(ms, 0.9):8.2f} {cpu:7.2f} "
                  f"{mbps:7.1f} {wall_x:>9} {cpu_x:>6}")

    print()
    for side, result in results.items():
        failed = [r for r in result["files"] if r["error"] is not None]
        network = [r for r in failed if r["network"]]
        versions = ", ".join(f"{k} {v}" for k, v in result["versions"].items())
        print(f"{side}: {versions}; import {result['import_seconds']:.2f} s; "
              f"{len(failed)} files failed, {len(network)} of them by trying the network")
        shown: dict[str, int] = {}
        for row in failed:
            key = re.sub(r"\d+", "N", row["error"])[:90]
            shown[key] = shown.get(key, 0) + 1
            if shown[key] <= 2:
                print(f"    {Path(row['path']).parent.name}/{Path(row['path']).name}: "
                      f"{row['error'][:150]}")
        for key, count in shown.items():
            if count > 2:
                print(f"    ... and {count - 2} more like: {key}")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per file (default 3)")
    ap.add_argument("--limit", type=int, default=0, help="at most N files of each kind")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma list of " + ", ".join(KINDS))
    ap.add_argument("--peers", default=",".join(SIDES), help="comma list of " + ", ".join(SIDES))
    ap.add_argument("--peers-venv", type=Path, default=ROOT / "bench" / ".peers-venv",
                    help="scratch venv for the peers (default bench/.peers-venv, git-ignored)")
    ap.add_argument("--no-install", action="store_true",
                    help="do not create the scratch venv; skip the peers if it is missing")
    ap.add_argument("--edgar-crawler", type=Path, default=ROOT / "bench" / ".edgar-crawler",
                    help="a checkout of nlpaueb/edgar-crawler (its extract_items.py); "
                         "default bench/.edgar-crawler, git-ignored")
    ap.add_argument("--cpu", type=int, default=(os.cpu_count() or 1) - 1,
                    help="the CPU every side is pinned to (default the last)")
    ap.add_argument("--file-timeout", type=float, default=120.0,
                    help="seconds one call may take before the file counts as failed")
    ap.add_argument("--json", type=Path, help="also write every side's per-file timings here")
    ap.add_argument("--report", type=Path, metavar="JSON",
                    help="print the table of timings saved by --json, measuring nothing")
    args = ap.parse_args()
    if args.report:
        saved = json.loads(args.report.read_text())
        found = {r["kind"] for result in saved.values() for r in result["files"]}
        repeat = next(iter(saved.values()))["repeat"] if saved else 0
        report(saved, [k for k in KINDS if k in found], repeat)
        return 0

    kinds = [k for k in args.kinds.split(",") if k]
    sides = [s for s in args.peers.split(",") if s]
    unknown = [k for k in kinds if k not in KINDS] + [s for s in sides if s not in SIDES]
    if unknown:
        ap.error(f"unknown kind or side: {', '.join(unknown)}")
    files = chosen(args.corpus, kinds, args.limit)
    if not files:
        return 0
    counts = {k: sum(1 for f in files if f["kind"] == k) for k in kinds}
    size = sum(Path(f["path"]).stat().st_size for f in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB: "
          + ", ".join(f"{k} {n}" for k, n in counts.items()))

    peers_python = None
    if any(s not in LOCAL for s in sides):
        peers_python = ensure_venv(args.peers_venv, install=not args.no_install)
        if peers_python is None:
            print(f"no peers venv at {args.peers_venv} (--no-install): peers left out")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="eightk-peers-") as tmp:
        scratch = Path(tmp)
        for side in sides:
            if side in LOCAL:
                python = Path(sys.executable)
            elif peers_python is None:
                continue
            else:
                python = peers_python
            if side == "edgar-crawler" and not (args.edgar_crawler / "extract_items.py").is_file():
                print(f"edgar-crawler: left out, no extract_items.py in {args.edgar_crawler} "
                      f"(not on PyPI: put a checkout of nlpaueb/edgar-crawler there)")
                continue
            (scratch / side).mkdir()
            result = run_side(side, python, files, args, scratch)
            if result is not None:
                results[side] = result
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if results:
        report(results, [k for k in kinds if counts[k]], args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
