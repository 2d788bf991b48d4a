"""One side of bench_peers.py: time one parser over a list of files, print JSON.

Runs in whichever interpreter has that parser (the project's for eightk and the
floor, the scratch venv for the peers), pinned to one CPU. Every file is read
into memory before the clock starts; only the call that parses one file is
timed (``time.perf_counter`` around it, best of ``--repeat``). A parser that
raises on a file is recorded with its error, not timed. Sockets are blocked:
a parser that tries the network is stopped at the first attempt (the attempt is
raised as a BaseException so that retry loops do not swallow it) and the file is
recorded as failed, with where it tried to go.

Standard library only at import time: the parser is imported by its adapter.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

Runner = Callable[[bytes, dict], int]  # returns how many items it found


class NetworkBlocked(BaseException):
    """A parser tried to open a connection (BaseException: retry loops catch Exception)."""


class FileTimeout(BaseException):
    """One call ran past --file-timeout."""


ATTEMPTS: list[str] = []


def block_network() -> None:
    def blocked(*args, **_kwargs):
        target = next((a for a in args if isinstance(a, (tuple, str))), "?")
        ATTEMPTS.append(str(target)[:80])
        raise NetworkBlocked(f"tried the network ({target}); blocked by the benchmark")

    socket.socket.connect = blocked  # type: ignore[method-assign]
    socket.socket.connect_ex = blocked  # type: ignore[method-assign]
    socket.create_connection = blocked  # type: ignore[assignment]
    socket.getaddrinfo = blocked  # type: ignore[assignment]


# --- adapters: one per side, each returns a function bytes -> items found ---

def eightk_runner(with_validate: bool) -> Runner:
    import eightk

    def run(data: bytes, meta: dict) -> int:
        parsed = eightk.parse_source(data)
        if with_validate:
            eightk.validate(parsed)
        return len(parsed.filing.items)

    return run


# The floor: what any tool must at least do. Decode, then one compiled scan for
# item headings; written to match text and HTML alike (entities for the space).
FLOOR_ITEM = re.compile(r"\bitems?(?:\s|&nbsp;|&#160;|&#xa0;)+\d{1,2}(?:\.\d{2})?", re.I)


def floor_runner() -> Runner:
    def run(data: bytes, meta: dict) -> int:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        return sum(1 for _ in FLOOR_ITEM.finditer(text))

    return run


def _count_class(node, name: str) -> int:
    found = 0
    if isinstance(node, dict):
        if node.get("class") == name:
            found += 1
        for value in node.values():
            found += _count_class(value, name)
    elif isinstance(node, list):
        for value in node:
            found += _count_class(value, name)
    return found


def doc2dict_runner() -> Runner:
    """datamule's item finder: secsgml splits a submission, doc2dict reads the 8-K document.

    The mapping is doc2dict's own for 8-K (item and signature headings at level 0),
    the one datamule passes. html2dict for HTML, txt2dict (its default UTF-8) for
    text. Where a submission's 8-K document has no <FILENAME> (datamule then has no
    extension and parses nothing), the content decides HTML or text: more than
    datamule itself does.
    """
    from doc2dict import html2dict, txt2dict
    from doc2dict.mapping_dicts.sec_html_mapping_dicts import dict_8k_html
    from secsgml import parse_sgml_content_into_memory

    # Old text documents carry <PAGE>, <TABLE>, <S>, <C> markup: not evidence of HTML.
    html_tag = re.compile(rb"<(?:html|body|div|font|br|p)[\s>]", re.I)

    def is_html(name: bytes, content: bytes) -> bool:
        if name:
            return name.lower().endswith((b".htm", b".html"))
        return html_tag.search(content[:4000]) is not None

    def run(data: bytes, meta: dict) -> int:
        if meta["kind"] == "submission":
            metadata, documents = parse_sgml_content_into_memory(bytes_content=data)
            found = next(
                ((info, content) for info, content
                 in zip(metadata[b"documents"], documents, strict=True)
                 if info.get(b"type", b"").strip().upper().startswith(b"8-K")), None)
            if found is None:
                raise LookupError("secsgml found no 8-K document in the submission")
            info, content = found
            name = info.get(b"filename", b"").strip()
            html = is_html(name, content)
        else:
            content, html = data, meta["kind"] != "text-8k"
        tree = (html2dict(content, mapping_dict=dict_8k_html) if html
                else txt2dict(content, mapping_dict=dict_8k_html))
        return _count_class(tree, "item")

    return run


def edgartools_runner(scratch: Path) -> Runner:
    """edgartools offline: local-data mode, no network fallback, its own caches in scratch.

    A submission: Filing.from_sgml_text, the filing's 8-K object (CurrentReport),
    its items and each item's text. An HTML document: edgar.documents.HTMLParser
    for 8-K, its item sections and each one's text. A bare text 8-K goes the
    submission way, the only one edgartools has for text (it rejects it).
    """
    os.environ.update({
        "EDGAR_USE_LOCAL_DATA": "1", "EDGAR_ALLOW_NETWORK_FALLBACK": "0",
        "EDGAR_LOCAL_DATA_DIR": str(scratch / "data"), "EDGAR_CACHE_DIR": str(scratch / "cache"),
        "EDGAR_IDENTITY": "eightk benchmark bench@example.invalid",
    })
    from edgar import Filing
    from edgar.documents import HTMLParser, ParserConfig

    def run(data: bytes, meta: dict) -> int:
        text = data.decode("utf-8", errors="replace")  # as edgartools reads a file
        if meta["kind"] in ("html-8k", "ixbrl-8k"):
            document = HTMLParser(ParserConfig(form="8-K")).parse(text)
            items = [s for s in document.sections.values() if s.kind == "item"]
            for section in items:
                section.text()
            return len(items)
        report = Filing.from_sgml_text(text).obj()
        if not hasattr(report, "items"):
            raise TypeError(f"edgartools made a {type(report).__name__}, not an 8-K report")
        names = report.items
        for name in names:
            report[name]
        return len(names)

    return run


def edgar_crawler_runner(checkout: Path) -> Runner:
    """edgar-crawler's ExtractItems.extract_items, with the file served from memory.

    Its settings as shipped: tables removed, every 8-K item (the list switches at
    2004-08-23 by filing date), no signature. Its ``open`` is replaced by one that
    decodes the in-memory bytes exactly as open(..., errors="backslashreplace")
    would (TextIOWrapper, UTF-8, universal newlines). Its INFO log lines are off.
    """
    import logging

    sys.path.insert(0, str(checkout))
    import extract_items as crawler  # type: ignore[import-not-found]

    logging.disable(logging.INFO)
    current: dict[str, bytes] = {}

    def from_memory(path, mode="r", errors=None, **_kwargs):
        return io.TextIOWrapper(io.BytesIO(current["data"]), encoding="utf-8", errors=errors)

    crawler.open = from_memory

    def run(data: bytes, meta: dict) -> int:
        current["data"] = data
        filing = {
            "Type": "8-K", "Date": meta["date"], "filename": meta["name"], "CIK": "",
            "Company": "", "Period of Report": None, "SIC": None, "State of Inc": None,
            "State location": None, "Fiscal Year End": None, "html_index": None,
            "htm_file_link": None, "complete_text_file_link": None,
        }
        # A new extractor per file, as its process pool gives every filing a fresh copy.
        extractor = crawler.ExtractItems(
            remove_tables=True, items_to_extract=[], include_signature=False,
            raw_files_folder="/in-memory", extracted_files_folder="/in-memory/out",
            skip_extracted_filings=False,
        )
        extractor.determine_items_to_extract(filing)
        out = extractor.extract_items(filing)
        if out is None:
            return 0
        return sum(1 for k, v in out.items() if k.startswith("item_") and v)

    return run


def make(peer: str, args) -> Runner:
    if peer == "eightk":
        return eightk_runner(with_validate=True)
    if peer == "eightk-parse":
        return eightk_runner(with_validate=False)
    if peer == "floor":
        return floor_runner()
    if peer == "doc2dict":
        return doc2dict_runner()
    if peer == "edgartools":
        return edgartools_runner(Path(args.scratch))
    if peer == "edgar-crawler":
        return edgar_crawler_runner(Path(args.edgar_crawler))
    raise SystemExit(f"unknown side {peer!r}")


VERSIONS = {
    "eightk": ["eightk", "lark", "selectolax", "msgspec"],
    "eightk-parse": ["eightk", "lark", "selectolax", "msgspec"],
    "doc2dict": ["doc2dict", "secsgml", "selectolax"],
    "edgartools": ["edgartools", "lxml"],
    "edgar-crawler": ["beautifulsoup4", "lxml", "cssutils", "pandas"],
    "floor": [],
}


def versions(peer: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in VERSIONS.get(peer, []):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


def call(run: Runner, data: bytes, meta: dict, timeout: float) -> tuple[float, float, int]:
    """Wall seconds (perf_counter), CPU seconds of this process, items found."""
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        found = run(data, meta)
        return time.perf_counter() - start, time.process_time() - cpu, found
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peer", required=True)
    ap.add_argument("--files", required=True, help="JSON list of {path, name, kind, date}")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", type=int, default=None)
    ap.add_argument("--file-timeout", type=float, default=120.0)
    ap.add_argument("--scratch", default="/tmp/eightk-bench-peers")
    ap.add_argument("--edgar-crawler", default="")
    args = ap.parse_args()

    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    entries = json.loads(Path(args.files).read_text())
    blobs = [Path(e["path"]).read_bytes() for e in entries]  # all in memory first

    def on_alarm(_signum, _frame):
        raise FileTimeout(f"ran past {args.file_timeout:g} s")

    signal.signal(signal.SIGALRM, on_alarm)
    block_network()
    started = time.perf_counter()
    run = make(args.peer, args)
    import_seconds = time.perf_counter() - started

    # Warm-up outside the timings: one file of each kind, for lazy imports and caches.
    seen: set[str] = set()
    for entry, data in zip(entries, blobs, strict=True):
        if entry["kind"] not in seen:
            seen.add(entry["kind"])
            # A failure here is recorded in the timed pass.
            with contextlib.suppress(Exception, NetworkBlocked, FileTimeout):
                call(run, data, entry, args.file_timeout)
    del ATTEMPTS[:]

    results = []
    for entry, data in zip(entries, blobs, strict=True):
        row = {"path": entry["path"], "kind": entry["kind"], "bytes": len(data),
               "seconds": None, "cpu": None, "items": None, "error": None, "network": False}
        best = best_cpu = float("inf")
        try:
            for _ in range(args.repeat):
                seconds, cpu, row["items"] = call(run, data, entry, args.file_timeout)
                best, best_cpu = min(best, seconds), min(best_cpu, cpu)
            row["seconds"], row["cpu"] = best, best_cpu
        except NetworkBlocked as exc:
            row["error"], row["network"] = str(exc), True
        except FileTimeout as exc:
            row["error"] = f"FileTimeout: {exc}"
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - a peer's failure is a result
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            row["error"] = f"{type(exc).__name__}: {message}"[:200]
        results.append(row)

    Path(args.out).write_text(json.dumps({
        "peer": args.peer, "versions": versions(args.peer), "import_seconds": import_seconds,
        "repeat": args.repeat, "cpu": args.cpu, "network_attempts": ATTEMPTS, "files": results,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
