"""Measure the HTML layout stage, and the alternatives it was chosen against.

Run: ``python bench/bench_html_layout.py [--repeat N] [--cold] [--profile]`` from
the repository root. Reads the HTML documents of ``../shared/corpus``
(``real/*.htm*``, ``edgar-crawler/*.htm`` and the HTML documents inside
``real/*-sub.txt``) and prints, per approach, median / p90 / max milliseconds of
CPU time per document (the machine is shared: wall time is noise) and MB/s.

Approaches:

* ``render_html``: the chosen renderer (regex tokenizer + stack machine + table
  layout), output text and offset map included.
* ``tokenize only``: the same regex scan with no processing, the floor of (b).
* ``html.parser``: the standard library tokenizer with no-op callbacks; it would
  still need a tree builder and offsets rebuilt from ``getpos()`` line/column.
* ``selectolax``: lexbor parse plus ``text()``; fastest, but lexbor keeps no
  source positions, so it cannot produce the offset map.
* ``selectolax walk+align``: the C-tokenizer route to an offset map: the lexbor
  tree walked from Python (each element's attributes read) and each text node
  found in the source by a forward search (word by word where entities or white
  space differ). It does none of the layout yet, still costs about half of
  ``render_html``, and places text that tree building moved (foster parenting)
  or that entities split only approximately (``misses`` counts the words not
  found in order); its tree differs from the renderer's stack machine, so the
  layout would change too.
* ``lxml``: ``lxml.html`` parse plus ``text_content()`` (only if lxml is
  installed); it keeps line numbers only, no offsets.

Also times the stress inputs the renderer must survive: 100,000 nested
elements, unclosed tags, stray ``<`` and a ~20 MB concatenation of the corpus.
Exits cleanly (status 0, a note on stderr) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eightk.layout.html import render_html  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"

_TEXT_RE = re.compile(r"<TEXT>\n?(.*?)</TEXT>", re.S | re.I)
_HTML_RE = re.compile(r"<html[\s>]", re.I)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_documents(corpus: Path = CORPUS) -> list[tuple[str, str, int, int]]:
    """(name, source, start, end) of every HTML document in the corpus."""
    docs: list[tuple[str, str, int, int]] = []
    paths = sorted(corpus.glob("real/*.htm*")) + sorted(corpus.glob("edgar-crawler/*.htm"))
    for path in paths:
        source = _decode(path.read_bytes())
        m = _TEXT_RE.search(source)
        start, end = (m.start(1), m.end(1)) if m else (0, len(source))
        docs.append((path.name, source, start, end))
    for path in sorted(corpus.glob("real/*-sub.txt")):
        source = _decode(path.read_bytes())
        for n, m in enumerate(_TEXT_RE.finditer(source)):
            if _HTML_RE.search(source, m.start(1), min(m.end(1), m.start(1) + 2000)):
                docs.append((f"{path.name}#{n}", source, m.start(1), m.end(1)))
    return docs


# ---------------------------------------------------------------- the approaches

_LT_RE = re.compile(r"<(?:!--.*?-->|[^>]*>)", re.S)
_PIECE_RE = re.compile(r"[^&<\s\u00a0]+")


def tokenize_only(source: str, start: int, end: int) -> int:
    count = 0
    pos = start
    find = source.find
    match = _LT_RE.match
    while True:
        lt = find("<", pos, end)
        if lt < 0:
            return count
        m = match(source, lt, end)
        pos = m.end() if m else lt + 1
        count += 1


class _NullParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)


def stdlib_parser(source: str, start: int, end: int) -> None:
    parser = _NullParser()
    parser.feed(source[start:end])
    parser.close()


def selectolax_text(source: str, start: int, end: int) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source[start:end])
    return tree.body.text(separator="\n") if tree.body is not None else ""


def selectolax_walk_align(source: str, start: int, end: int) -> int:
    """Walk the lexbor tree and find each text node in the source; return the
    number of words that could not be found in order."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source[start:end])
    if tree.root is None:
        return 0
    pos = start
    find = source.find
    misses = 0
    for node in tree.root.traverse(include_text=True):
        if node.tag != "-text":
            node.attributes  # noqa: B018 - what a renderer reads of every element
            continue
        text = node.text_content
        if not text or text.isspace():
            continue
        at = find(text, pos, end)
        if at >= 0:
            pos = at + len(text)
            continue
        for piece in _PIECE_RE.findall(text):  # entities or white space differ
            at = find(piece, pos, end)
            if at >= 0:
                pos = at + len(piece)
            else:
                misses += 1
    return misses


def lxml_text(source: str, start: int, end: int) -> str:
    import lxml.html

    chunk = source[start:end]
    chunk = re.sub(r"^\s*<\?xml[^>]*>", "", chunk)  # lxml refuses str with a declaration
    if not chunk.strip():
        return ""
    return str(lxml.html.fromstring(chunk).text_content())


def _render(source: str, start: int, end: int) -> None:
    render_html(source, start, end)


def _approaches() -> list[tuple[str, Callable[[str, int, int], object]]]:
    found: list[tuple[str, Callable[[str, int, int], object]]] = [
        ("render_html", _render),
        ("tokenize only", tokenize_only),
        ("html.parser", stdlib_parser),
        ("selectolax", selectolax_text),
        ("selectolax walk+align", selectolax_walk_align),
    ]
    try:
        import lxml.html  # noqa: F401
    except ImportError:
        print("(lxml not installed: skipped)", file=sys.stderr)
    else:
        found.append(("lxml", lxml_text))
    return found


# ---------------------------------------------------------------- measuring


def _time(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def _clear_caches() -> None:
    """Forget every tag and text run seen (the renderer's caches are shared by
    all documents of a process): each document is then laid out as the first."""
    from eightk.layout import html

    html._TAG_CACHE.clear()
    html._TEXT_CACHE.clear()
    html._BLANK_RUNS.clear()
    html._parse_attrs.cache_clear()
    html._decode_entity.cache_clear()


def measure(
    docs: list[tuple[str, str, int, int]],
    fn: Callable[[str, int, int], object],
    repeat: int,
    cold: bool = False,
) -> tuple[list[float], float]:
    times = []
    total = 0
    for _name, source, start, end in docs:
        run = lambda s=source, a=start, b=end: fn(s, a, b)  # noqa: E731
        times.append(_time(run, repeat, _clear_caches if cold else None))
        total += end - start
    return times, total / 1e6 / sum(times)


def _profile(docs: list[tuple[str, str, int, int]]) -> None:
    """Where render_html spends its time over the corpus (cProfile, warm caches;
    the profiler inflates Python calls, so read the shares, not the seconds)."""
    import cProfile
    import pstats

    for _name, source, start, end in docs:
        render_html(source, start, end)
    profile = cProfile.Profile()
    profile.enable()
    for _name, source, start, end in docs:
        render_html(source, start, end)
    profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(20)


def _report(label: str, times: list[float], mb_s: float) -> None:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    print(
        f"{label:<22} median {statistics.median(ordered) * 1e3:7.2f} ms"
        f"   p90 {p90 * 1e3:7.2f} ms   max {ordered[-1] * 1e3:8.2f} ms   {mb_s:6.2f} MB/s"
    )


def _stress(docs: list[tuple[str, str, int, int]]) -> None:
    bodies = [source[start:end] for _n, source, start, end in docs]
    big = "".join(bodies)
    while len(big) < 20_000_000:
        big += big
    cases = {
        "100k nested div": "<div>" * 100_000 + "x" + "</div>" * 100_000,
        "100k nested table": "<table><tr><td>" * 100_000 + "x",
        "100k unclosed <p>": "<p>para " * 100_000,
        "1M stray '<'": "a < b <3 " * 100_000,
        f"{len(big) / 1e6:.0f} MB corpus": big,
    }
    for label, source in cases.items():
        seconds = _time(lambda s=source: render_html(s), 1)
        mb_s = len(source) / 1e6 / max(seconds, 1e-9)
        print(f"{label:<20} {seconds * 1e3:9.1f} ms   {mb_s:6.2f} MB/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per document")
    parser.add_argument("--no-stress", action="store_true", help="skip the stress inputs")
    parser.add_argument(
        "--cold", action="store_true", help="also time render_html with its caches emptied per run"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile render_html, then stop")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: nothing to measure", file=sys.stderr)
        return 0
    docs = html_documents()
    size = sorted(end - start for _n, _s, start, end in docs)
    print(
        f"{len(docs)} HTML documents, median {statistics.median(size) / 1e3:.1f} KB, "
        f"max {size[-1] / 1e3:.0f} KB (best of {args.repeat})"
    )
    if args.profile:
        _profile(docs)
        return 0
    for label, fn in _approaches():
        _report(label, *measure(docs, fn, args.repeat))
        if label == "render_html" and args.cold:
            _report("  cold caches", *measure(docs, fn, args.repeat, cold=True))
    if not args.no_stress:
        print("stress inputs (one run each):")
        _stress(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
