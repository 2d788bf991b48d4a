"""The original HTML of a region of an HTML 8-K, made safe, for ``eightk report``.

A region (the cover page, an item) is a range of the HTML source that starts
somewhere inside the document's element tree: the cover page usually starts in
the middle of a table. Cut out alone, its markup would lose the table, the cell
widths and the fonts around it, so the slice is prefixed with the start tags of
the elements open at its first character (found by one linear scan of the
document), and the browser's own parser closes what the slice leaves open. The
result is cleaned by ``sanitize`` before it goes anywhere near the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .sanitize import sanitize_html


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>?|<\?[^>]*>?"
    r"|<(/?)([A-Za-z][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_RAW = _names("script style textarea title xmp iframe noembed noframes noscript")
_VOID = _names(
    "area base br col embed hr img input keygen link meta param source track wbr basefont "
    "bgsound frame image"
)
_TABLE = _names("table thead tbody tfoot tr td th caption colgroup")
_SKIP = frozenset({"html", "head"})
_MAX_STACK = 512  # unclosed <font> and <p> pile up in old filings; the innermost matter
_MAX_PREFIX = 48  # non-table elements carried into a slice (table structure always is)


def open_tags(html: str, start: int, end: int, targets: Sequence[int]) -> dict[int, list[str]]:
    """For each offset of ``targets`` (inside ``html[start:end]``), the start tags of
    the elements open there, outermost first."""
    wanted = sorted(set(targets))
    out: dict[int, list[str]] = {}
    stack: list[tuple[str, str]] = []
    pos = start
    t = 0
    while t < len(wanted):
        match = _TOKEN.search(html, pos, end)
        at = match.start() if match else end
        while t < len(wanted) and wanted[t] <= at:
            out[wanted[t]] = [raw for _, raw in stack]
            t += 1
        if match is None:
            break
        pos = match.end()
        name = match.group(2)
        if name is None:
            continue
        name = name.lower()
        if match.group(1):  # an end tag closes up to its element, if it is open
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            continue
        if name in _RAW:
            close = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(html, pos, end)
            pos = close.end() if close else end
            continue
        if name in _VOID or match.group(3).rstrip().endswith("/"):
            continue
        if name in ("td", "th", "tr", "p") and stack:
            # implied ends: a cell ends the open cell, a row the open row
            closes = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("td", "th", "tr"),
                      "p": ("p",)}[name]
            while stack and stack[-1][0] in closes:
                stack.pop()
        if len(stack) < _MAX_STACK:
            stack.append((name, match.group(0)))
    return out


def _prefix(tags: list[str]) -> str:
    kept: list[str] = []
    others = 0
    for raw in reversed(tags):
        name = _TOKEN.match(raw)
        tag = name.group(2).lower() if name and name.group(2) else ""
        if tag in _SKIP:
            continue
        if tag == "body":  # its style (the document's font) carried by a div
            raw = "<div" + raw[5:]
        if tag in _TABLE:
            kept.append(raw)
        elif others < _MAX_PREFIX:
            kept.append(raw)
            others += 1
    return "".join(reversed(kept))


def region_documents(html: str, start: int, end: int, ranges: Sequence[tuple[int, int]]
                     ) -> list[str]:
    """The safe body HTML of each source range (``sandbox_head`` makes it a page)."""
    stacks = open_tags(html, start, end, [a for a, _ in ranges])
    out = []
    for a, b in ranges:
        piece = html[a:b]
        lt = piece.rfind("<")
        if lt != -1 and piece.find(">", lt) == -1:
            piece = piece[:lt]  # the range ends inside a tag
        out.append(sanitize_html(_prefix(stacks.get(a, [])) + piece))
    return out
