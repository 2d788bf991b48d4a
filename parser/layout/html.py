"""Render an HTML (or inline XBRL) 8-K as line-oriented text that reads like an ASCII 8-K.

The body grammar is line-oriented and was written for ASCII filings, so an HTML
document is laid out the way a text browser would show it: block elements end
lines, paragraphs are separated by one blank line, ``<hr>`` and CSS page breaks
become ``<PAGE>`` lines, and tables become aligned columns, so that a cover-page
row of values and the caption row under it start each cell at the same column.

Every character of the result maps back to the HTML through an ``OffsetMap``:
text copied verbatim maps linearly, characters made up for markup (entities,
newlines, column padding, ``<PAGE>``) map to the offset of that markup.

Why a hand-written tokenizer instead of lxml, selectolax or ``html.parser``:
the tree builders keep no source offsets (lexbor none at all, lxml only line
numbers), and ``html.parser`` reports line/column only and its tokenizer alone
costs more than this whole renderer (2.2 against 1.3 ms for the median 28 KB
filing). Walking lexbor's tree from Python and finding each text node in the
source by a forward search costs half the renderer before any layout is done,
and is approximate where tree building moved text or entities split it. A
regex tokenizer with exact offsets plus a small stack machine (browser-like
implied end tags, table scoping, foster parenting of stray text) gives the map
for free. ``bench/bench_html_layout.py`` has the measurements.

Where the time goes: a filing has about a thousand tags and half as many text
runs, so the cost is Python work per event. One regex finds each ``<`` and the
tag it opens; a tag's meaning depends on its text alone, so each distinct tag
(``</td>``, ``<span style="...">``) is classified once and looked up after, as
are short text runs (a newline, ``&#160;``); inline tags with no effect are
pushed and popped in the scan loop, white-space-only runs set the pending space
there, and the commonest handlers (blocks, cells, rows, words and spaces) avoid
nested calls. What is left is about a microsecond of Python per event: moving
more work into the loop (text runs, empty ``<td></td>``) no longer pays, and
compiling this module with mypyc made it only 1.26x faster.

Robustness: no entity or network resolution, no recursion (the element stack is
a list, so 100,000 nested tags are fine), every scan is linear, and tables
nested deeper than ``_MAX_TABLE_DEPTH`` are flattened so nested layouts cannot
turn quadratic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from html import unescape
from typing import NamedTuple

from ..source.offsets import OffsetMap
from ..vocab.glyphs import CHECKED_BOX, EMPTY_BOX

__all__ = ["HtmlLayout", "PAGE_MARKER", "render_html"]

PAGE_MARKER = "<PAGE>"

_GAP = 3  # spaces between table columns: at least two, so columns stay apart
_BLANK_PT = 4.0  # a margin this large (in points) shows as a blank line
_PROSE_WIDTH = 100  # a cell line longer than this is prose: it does not set column widths
_MAX_TABLE_DEPTH = 8  # real filings nest two or three deep; layout cost grows with it
_MAX_COLSPAN = 1000
_MAX_COLS = 1000

# ---------------------------------------------------------------- tag classes

_INLINE, _BLOCK, _PRE, _TABLE, _CELL = 0, 1, 2, 3, 4  # kinds that are pushed
_PLAIN = 5  # an inline element without any effect: closing it only pops it
_BR, _HR, _PAGE, _VOID, _ROW, _SECTION, _RAW, _HIDDEN = range(10, 18)  # handled apart

_PARAGRAPHS = "p h1 h2 h3 h4 h5 h6 ul ol dl blockquote menu dir form fieldset figure"
_BLOCKS = (
    "div center li dd dt address article aside section header footer nav main details "
    "summary dialog hgroup legend caption figcaption body html"
)
_VOIDS = (
    "img meta link input area base col colgroup embed param source track wbr keygen "
    "basefont bgsound frame image"
)

_KINDS: dict[str, int] = {
    "br": _BR,
    "hr": _HR,
    "page": _PAGE,  # an ASCII page marker left in an HTML document
    "table": _TABLE,
    "td": _CELL,
    "th": _CELL,
    "tr": _ROW,
    "tbody": _SECTION,
    "thead": _SECTION,
    "tfoot": _SECTION,
    "pre": _PRE,
    "listing": _PRE,
    "xmp": _PRE,
    "plaintext": _PRE,
    "script": _RAW,
    "style": _RAW,
    "title": _RAW,
    "iframe": _RAW,
    "noembed": _RAW,
    "noframes": _RAW,
    "ix:header": _HIDDEN,  # the inline XBRL hidden section
    "template": _HIDDEN,
}
_KINDS.update(dict.fromkeys(_PARAGRAPHS.split(), _BLOCK))
_KINDS.update(dict.fromkeys(_BLOCKS.split(), _BLOCK))
_KINDS.update(dict.fromkeys(_VOIDS.split(), _VOID))

# default vertical gap of block elements: 2 = blank line (1em margins), 1 = line break
_DEFAULT_GAP: dict[str, int] = dict.fromkeys(_PARAGRAPHS.split(), 2)
_DEFAULT_GAP.update(pre=2, listing=2, xmp=2, plaintext=2, table=2)

# start tags that close an open element of these names first (implied end tags)
_LIST_CLOSERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "li": (("li",), ("ul", "ol")),
    "dd": (("dd", "dt"), ("dl",)),
    "dt": (("dd", "dt"), ("dl",)),
}

# ---------------------------------------------------------------- characters

# Checkbox glyphs of the symbol fonts, as typed in the font's own code page.
_WINGDINGS = {"\u00a8": EMPTY_BOX, "\u00fd": CHECKED_BOX, "\u00fe": CHECKED_BOX, "x": CHECKED_BOX}
_WINGDINGS_2 = {**_WINGDINGS, "\u00a3": EMPTY_BOX, "R": CHECKED_BOX, "S": CHECKED_BOX,
                "T": CHECKED_BOX}
_FONT_MAPS: tuple[dict[str, str], ...] = ({}, _WINGDINGS, _WINGDINGS_2)

# Unicode spaces become a plain space (not collapsed, like &nbsp;), and so do the
# characters str.splitlines() would take for line ends, so that the lines of the
# text are exactly its "\n" lines; invisible characters are dropped.
_UNICODE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
_UNICODE_SPACES += "\u200a\u202f\u205f\u3000\x0b\x1c\x1d\x1e\x85\u2028\u2029"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACE_TABLE = {ord(c): " " for c in _UNICODE_SPACES} | {ord(c): None for c in _INVISIBLE}
_HTML_SPACE = " \t\n\r\f"

_TEXT_RE = re.compile(
    rf"(?P<w>[^{_HTML_SPACE}&{_UNICODE_SPACES}{_INVISIBLE}]+"
    rf"(?: [^{_HTML_SPACE}&{_UNICODE_SPACES}{_INVISIBLE}]+)*)"
    rf"|(?P<s>[{_HTML_SPACE}]+)"
    r"|&(?P<e>#[xX][0-9a-fA-F]{1,16};?|#[0-9]{1,16};?|[A-Za-z][A-Za-z0-9]{0,31};?)"
    r"|(?P<o>[\s\S])"
)

# ---------------------------------------------------------------- markup

_NAME = r"[A-Za-z][^\t\n\f\r />]*"
# Quoted values may hold '>'; possessive quantifiers keep a failed match linear,
# and the loose form takes over when a quote is never closed.
# One scan finds the next '<' and what it opens: a tag (groups 1-3), the loose form
# of a tag whose quote is never closed (groups 4-6), or nothing (a comment, a
# declaration or a stray '<', handled apart).
# (The attributes are the unrolled loop "run (quoted run)*", which matches what
# "(run | quoted)*" does, with fewer trips through the regex engine's repeat.)
_SCAN_RE = re.compile(
    rf"<(?:(/?)({_NAME})([^>\"']*+(?:\"[^\"]{{0,4096}}+\"[^>\"']*+|'[^']{{0,4096}}+'[^>\"']*+)*+)>"
    rf"|(/?)({_NAME})([^>]*)>|)"
)
_ATTR_RE = re.compile(
    r"(?i)(?<![\w-])(style|face|colspan)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))"
)
_RAW_END_CACHE: dict[str, re.Pattern[str]] = {}
_PRE_BREAK_RE = re.compile(r"[\t\n\r\f]")

_DISPLAY_NONE_RE = re.compile(r"(?i)(?<![\w-])display\s*:\s*none")
_BREAK_RE = re.compile(r"(?i)(?:page-)?break-(before|after)\s*:\s*(always|page|left|right)")
_MARGIN_RE = re.compile(r"(?i)(?<![\w-])margin(-top|-bottom)?\s*:\s*([^;]*)")
_INDENT_RE = re.compile(r"(?i)(?<![\w-])(?:padding|margin)-left\s*:\s*([^;]*)")
_HR_WIDTH_RE = re.compile(r"(?i)(?<![\w-])width\s*[=:]\s*[\"']?\s*(\d*\.?\d+)\s*(%?)")
_FONT_FAMILY_RE = re.compile(r"(?i)(?<![\w-])font(?:-family)?\s*:\s*([^;]*)")
_LENGTH_RE = re.compile(r"(?i)^(-?\d*\.?\d+)\s*(pt|px|in|cm|mm|em|rem|pc|ex|%)?$")
_POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 28.35, "mm": 2.835, "em": 12.0, "rem": 12.0}
_POINTS.update(pc=12.0, ex=6.0)


class _Attrs(NamedTuple):
    """What the renderer needs from a start tag's attributes."""

    hidden: bool = False
    font: int = -1  # -1 unspecified, 0 a text font, 1 Wingdings, 2 Wingdings 2
    top: int = 0  # 0 unspecified, else gap level (1 line break, 2 blank line)
    bottom: int = 0
    page_before: bool = False
    page_after: bool = False
    indent: bool = False  # left padding or margin: an inline element is set apart
    colspan: int = 1


_NO_ATTRS = _Attrs()


def _font_code(family: str) -> int:
    low = family.lower()
    if "wingdings" not in low:
        return 0
    if re.search(r"wingdings\s*2", low):
        return 2
    return 0 if re.search(r"wingdings\s*3", low) else 1


def _points(value: str) -> float:
    """A CSS length in points (0 for percentages, ``auto`` and garbage)."""
    m = _LENGTH_RE.match(value.strip())
    if m is None:
        return 0.0
    number, unit = m.groups()
    try:
        return float(number) * _POINTS.get((unit or "px").lower(), 0.0)
    except ValueError:
        return 0.0


def _gap_level(value: str) -> int:
    """Gap level of one CSS length: 2 if it shows as a blank line."""
    return 2 if _points(value) >= _BLANK_PT else 1


def _is_short_rule(attrs: str) -> bool:
    """An <hr> narrower than half the page decorates a title; it is no page break."""
    m = _HR_WIDTH_RE.search(attrs)
    if m is None:
        return False
    try:
        width = float(m.group(1))
    except ValueError:
        return False
    return width < 50 if m.group(2) else width < 300


def _margins(style: str) -> tuple[int, int]:
    top = bottom = 0
    for side, value in _MARGIN_RE.findall(style):
        parts = value.split()
        if not parts:
            continue
        side = side.lower()
        if side == "-top":
            top = _gap_level(parts[0])
        elif side == "-bottom":
            bottom = _gap_level(parts[0])
        else:  # shorthand: 1-2 values give top = bottom, 3-4 values give top and bottom
            top = _gap_level(parts[0])
            bottom = _gap_level(parts[2] if len(parts) > 2 else parts[0])
    return top, bottom


def _style_attrs(style: str, base: _Attrs) -> _Attrs:
    # Each regex runs only where the lower-cased style holds a piece of what it
    # matches; the pieces avoid the letters that case-insensitive matching also
    # finds elsewhere (i as dotless \u0131, s as long \u017f, k as the Kelvin sign),
    # so a skipped regex could not have matched.
    low = style.lower()
    hidden = "play" in low and _DISPLAY_NONE_RE.search(style) is not None
    before = after = False
    if "brea" in low:
        for which, _ in _BREAK_RE.findall(style):
            if which.lower() == "before":
                before = True
            else:
                after = True
    font = base.font
    if "font" in low:
        for family in _FONT_FAMILY_RE.findall(style):
            font = _font_code(family)
    top, bottom = _margins(style) if "argin" in style or "ARGIN" in style else (0, 0)
    indent = "-left" in low and any(_points(v) > 0.5 for v in _INDENT_RE.findall(style))
    return _Attrs(hidden, font, top, bottom, before, after, indent, base.colspan)


@lru_cache(maxsize=8192)
def _parse_attrs(raw: str) -> _Attrs:
    """Effects of an attribute string (cached: filings repeat the same few styles)."""
    found = _NO_ATTRS
    style = None
    for name, dq, sq, bare in _ATTR_RE.findall(raw):
        value = dq or sq or bare
        name = name.lower()
        if name == "style":
            style = value
        elif name == "face":
            found = found._replace(font=_font_code(value))
        else:
            digits = re.match(r"\s*(\d{1,6})", value)
            span = int(digits.group(1)) if digits else 1
            found = found._replace(colspan=min(max(span, 1), _MAX_COLSPAN))
    return _style_attrs(style, found) if style else found


@lru_cache(maxsize=4096)
def _decode_entity(entity: str) -> str:
    """Decode ``&`` + ``entity`` the way browsers do (HTML5 rules, cp1252 for 128-159)."""
    return unescape("&" + entity)


def _raw_end_re(name: str) -> re.Pattern[str]:
    pattern = _RAW_END_CACHE.get(name)
    if pattern is None:
        pattern = re.compile(rf"(?i)</{re.escape(name)}[\s/>]")
        _RAW_END_CACHE[name] = pattern
    return pattern


# stack entry: name, kind, hidden, previous font (-1: unchanged), bottom gap, page after, object
_Entry = tuple[str, int, bool, int, int, bool, object]

# A tag's meaning depends on its text alone, and filings repeat the same few tags
# (``</td>``, ``<font style="...">``) hundreds of times: each distinct tag is
# classified once. The caches are bounded: cleared when full.
_CACHE_LIMIT = 20_000

# (closing, name, kind, attributes' effects, self-closing, attribute text,
#  the stack entry of an inline start tag with no effect but maybe a font, else None,
#  the kind's start handler if the attributes ask for nothing more, else None)
_TagInfo = tuple[bool, str, int, _Attrs, bool, str, "_Entry | None", object]
_TAG_CACHE: dict[str, _TagInfo] = {}


def _tag_info(m: re.Match[str]) -> _TagInfo:
    slash, raw, attrs = m.group(1, 2, 3) if m.lastindex == 3 else m.group(4, 5, 6)
    name = raw.lower()
    kind = _KINDS.get(name, _INLINE)
    eff = _parse_attrs(attrs) if "=" in attrs else _NO_ATTRS
    if kind == _BLOCK:  # its margins with the element's default gap filled in
        default = _DEFAULT_GAP.get(name, 1)
        eff = eff._replace(top=eff.top or default, bottom=eff.bottom or default)
    entry: _Entry | None = None
    if kind == _INLINE and not (eff.hidden or eff.indent or eff.page_before or eff.page_after):
        # closing it only pops it (a font change is made and undone apart)
        entry = (name, _PLAIN, False, -1, 0, False, None)
    handler = None
    if not slash and not (eff.hidden or eff.page_before or eff.page_after):
        handler = _DIRECT_HANDLERS.get(kind)
    info = (bool(slash), name, kind, eff, attrs.endswith("/"), attrs, entry, handler)
    if len(_TAG_CACHE) >= _CACHE_LIMIT:
        _TAG_CACHE.clear()
    _TAG_CACHE[m.group()] = info
    return info


# What a run of text between tags does, as (offset in the run, text, copied, op):
# the same runs (a newline, ``&nbsp;``, ``&#160;``) recur thousands of times.
_OP_WORD, _OP_GLYPHS, _OP_SPACE, _OP_WHITE = 0, 1, 2, 3  # see _Renderer.text
_TextOp = tuple[int, str, bool, int]
_TEXT_CACHE: dict[str, tuple[_TextOp, ...]] = {}
_TEXT_CACHED = 64  # longer runs are rarely repeated: not kept
# the runs of _TEXT_CACHE that are only HTML white space -> whether the space is copied
_BLANK_RUNS: dict[str, bool] = {}


def _text_ops(run: str) -> tuple[_TextOp, ...]:
    ops: list[_TextOp] = []
    at = 0
    for word, space, entity, other in _TEXT_RE.findall(run):  # one group matches
        if word:
            ops.append((at, word, True, _OP_GLYPHS))
            at += len(word)
        elif space:
            ops.append((at, space, space[0] == " ", _OP_WHITE))
            at += len(space)
        elif entity:
            decoded = _decode_entity(entity)
            if decoded == "&" + entity:  # not an entity after all: copy it as text
                ops.append((at, decoded, True, _OP_WORD))
            elif decoded and decoded.strip(_HTML_SPACE) == "":
                ops.append((at, "", False, _OP_SPACE))
            elif decoded := decoded.translate(_SPACE_TABLE):
                ops.append((at, decoded, False, _OP_GLYPHS))
            at += len(entity) + 1
        else:
            if other == "&":
                ops.append((at, "&", True, _OP_WORD))
            elif char := other.translate(_SPACE_TABLE):  # invisible characters vanish
                ops.append((at, char, False, _OP_GLYPHS))
            at += 1
    found = tuple(ops)
    if len(run) <= _TEXT_CACHED:
        if len(_TEXT_CACHE) >= _CACHE_LIMIT:
            _TEXT_CACHE.clear()
            _BLANK_RUNS.clear()
        _TEXT_CACHE[run] = found
        if len(found) == 1 and found[0][3] == _OP_WHITE:
            _BLANK_RUNS[run] = found[0][2]
    return found


# ---------------------------------------------------------------- lines and flows

Part = tuple[str, int, bool]  # text, source offset, copied verbatim?

_TEXT, _BLANK, _PAGE_LINE = 0, 1, 2


class _Line:
    """One output line: parts plus the source offset its newline maps to."""

    __slots__ = ("parts", "nl", "kind", "width", "aligned")

    def __init__(self, parts: list[Part], nl: int, kind: int = _TEXT) -> None:
        self.parts = parts
        self.nl = nl
        self.kind = kind
        self.width = -1  # measured only for lines that go into a table column
        self.aligned = False  # a table row: its leading padding is layout, keep it


def _rstrip(parts: list[Part]) -> None:
    while parts:
        text, src, copied = parts[-1]
        stripped = text.rstrip(" \t")
        if stripped:
            if len(stripped) != len(text):
                parts[-1] = (stripped, src, copied)
            return
        parts.pop()


def _lstrip(parts: list[Part]) -> list[Part]:
    i = 0
    while i < len(parts):
        text, src, copied = parts[i]
        stripped = text.lstrip(" \t")
        if stripped:
            cut = len(text) - len(stripped)
            if not cut and not i:
                return parts
            head = (stripped, src + cut if copied else src, copied) if cut else parts[i]
            return [head, *parts[i + 1 :]]
        i += 1
    return []


class _Flow:
    """Inline content and block breaks of one formatting context (document or cell).

    Breaks are lazy: a block boundary only records the gap it asks for, and the
    next visible content turns it into a line end (plus one blank line for a
    paragraph gap). So empty elements and nested blocks cost nothing, and blank
    lines never pile up.
    """

    __slots__ = ("lines", "cur", "space_at", "space_copied", "brk", "brk_at")

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.cur: list[Part] = []
        self.space_at = -1  # source offset of a pending collapsible space
        self.space_copied = False
        self.brk = 0  # pending gap: 0 none, 1 line break, 2 blank line
        self.brk_at = 0

    def word(self, text: str, src: int, copied: bool) -> None:
        if self.brk:
            self._flush()
        if self.space_at >= 0:
            if self.cur:
                self.cur.append((" ", self.space_at, self.space_copied))
            self.space_at = -1
        self.cur.append((text, src, copied))

    def tab(self, src: int) -> None:
        """A tab in preformatted text: spaces to the next 8-column stop, as in
        plain-text documents, so columns line up the same way."""
        self.word("", src, False)
        column = sum(len(part[0]) for part in self.cur)
        self.cur[-1] = (" " * (8 - column % 8), src, False)

    def space(self, src: int, copied: bool) -> None:
        if self.space_at < 0:
            self.space_at = src
            self.space_copied = copied

    def block(self, level: int, src: int) -> None:
        if level > self.brk:
            if not self.brk:
                self.brk_at = src
            self.brk = level

    def br(self, src: int) -> None:
        if self.brk:
            self._flush()
        if self.cur:
            self._end(src)
        elif self.lines:
            self.block(2, src)  # a <br> on an empty line makes a blank line

    def page(self, src: int) -> None:
        if self.cur:
            self._end(src)
        self.brk = 0
        self.space_at = -1
        for line in reversed(self.lines):
            if line.kind == _PAGE_LINE:
                return  # nothing since the last page break
            if line.kind == _TEXT:
                self.lines.append(_Line([], src, _PAGE_LINE))
                return

    def extend(self, lines: list[_Line], src: int) -> None:
        """Append lines laid out elsewhere (a table) as their own block."""
        if not lines:
            return
        if self.cur:
            self._end(src)
        if self.brk == 2:
            self._blank(self.brk_at)
        self.brk = 0
        self.space_at = -1
        for line in lines:
            if line.kind == _TEXT:
                self.lines.append(line)
            elif line.kind == _BLANK:
                self._blank(line.nl)
            else:
                self.page(line.nl)

    def finish(self, src: int) -> list[_Line]:
        if self.cur:
            self._end(src)
        lines = self.lines
        while lines and lines[-1].kind != _TEXT:
            lines.pop()
        return lines

    def _flush(self) -> None:
        """The pending break, made now that content follows (_end and _blank inlined:
        this runs once per line)."""
        at = self.brk_at
        lines = self.lines
        parts = self.cur
        if parts:
            self.cur = []
            self.space_at = -1
            last = parts[-1][0]
            if not last or last[-1] in " \t":
                _rstrip(parts)
            if parts:
                lines.append(_Line(parts, at))
            elif lines and lines[-1].kind == _TEXT:
                lines.append(_Line([], at, _BLANK))
        if self.brk == 2 and lines and lines[-1].kind == _TEXT:
            lines.append(_Line([], at, _BLANK))
        self.brk = 0

    def _end(self, src: int) -> None:
        parts = self.cur
        self.cur = []
        self.space_at = -1
        last = parts[-1][0]
        if not last or last[-1] in " \t":
            _rstrip(parts)
        if parts:
            self.lines.append(_Line(parts, src))
        else:
            self._blank(src)

    def _blank(self, src: int) -> None:
        if self.lines and self.lines[-1].kind == _TEXT:
            self.lines.append(_Line([], src, _BLANK))


# ---------------------------------------------------------------- tables


# a laid out cell: colspan, lines, source offset (plain tuples: there are thousands)
_Cell = tuple[int, list[_Line], int]


class _Table:
    __slots__ = ("parent", "rows", "row", "row_src")

    def __init__(self, parent: _Flow) -> None:
        self.parent = parent  # also receives stray text: browsers foster it out
        self.rows: list[tuple[list[_Cell], int]] = []
        self.row: list[_Cell] | None = None
        self.row_src = 0

    def start_row(self, src: int) -> None:
        self.end_row()
        self.row = []
        self.row_src = src

    def end_row(self) -> None:
        if self.row is not None:
            self.rows.append((self.row, self.row_src))
            self.row = None

    def add(self, cell: _Cell) -> None:
        if self.row is None:
            self.start_row(cell[2])
        assert self.row is not None
        self.row.append(cell)


# a cell being filled: its table, its own flow, its colspan and where it started
_OpenCell = tuple[_Table, _Flow, int, int]


_Placed = tuple[int, int, list[_Line], int]  # column, colspan, lines, source offset


def _place(
    rows: list[tuple[list[_Cell], int]],
) -> tuple[list[tuple[list[_Placed], int]], int, bool]:
    """Grid positions of the non-empty cells; empty rows are dropped. Also the
    number of columns, and whether all the cells are in one column."""
    placed: list[tuple[list[_Placed], int]] = []
    ncols = 0
    first = -1  # the column of the first cell, while all are in it
    one_column = True
    for cells, row_src in rows:
        col = 0
        out: list[_Placed] = []
        for colspan, lines, src in cells:
            if colspan == 1 and col < _MAX_COLS:  # the usual cell
                at, span = col, 1
            else:
                at = col if col < _MAX_COLS else _MAX_COLS - 1
                span = max(1, min(colspan, _MAX_COLS - at))
            if lines:
                out.append((at, span, lines, src))
                if at != first:
                    one_column = first < 0
                    first = at
            col = at + span
        if out:
            placed.append((out, row_src))
            ncols = max(ncols, col)
    return placed, ncols, one_column


def _content_lines(lines: list[_Line]) -> list[_Line]:
    """A multi-column cell keeps its text lines only, without indentation."""
    out = []
    for line in lines:
        if line.kind == _TEXT:
            parts = line.parts
            if not line.aligned and parts and (not parts[0][0] or parts[0][0][0] in " \t"):
                parts = _lstrip(parts)  # (a line starting with text is kept as it is)
            if parts:
                kept = line if parts is line.parts else _Line(parts, line.nl)
                if len(parts) == 1:
                    kept.width = len(parts[0][0])
                else:
                    kept.width = sum([len(part[0]) for part in parts])
                out.append(kept)
    return out


def _column_widths(placed: list[tuple[list[_Placed], int]], ncols: int) -> list[int]:
    widths = [0] * ncols
    used = [False] * ncols
    spanning: dict[tuple[int, int], int] = {}
    for cells, _ in placed:
        for cell in cells:
            used[cell[0]] = True
        # The last cell of a row may run on into the empty columns to its right,
        # so a long title or footnote does not push the other rows' columns apart;
        # a prose cell pushes only the cells after it in its own row.
        for col, span, lines, _src in cells[:-1]:
            need = lines[0].width if len(lines) == 1 else max([line.width for line in lines])
            if need > _PROSE_WIDTH:
                continue
            if span == 1:
                widths[col] = max(widths[col], need)
            else:
                key = (col, span)
                spanning[key] = max(spanning.get(key, 0), need)
    last_used = [0] * ncols
    count = [0] * (ncols + 1)
    prev = 0
    for c in range(ncols):
        if used[c]:
            prev = c
        last_used[c] = prev
        count[c + 1] = count[c] + used[c]
    # A spanning cell wider than its columns widens the last of them, which keeps
    # the columns it shares with narrower rows packed to the left.
    for (col, span), need in sorted(spanning.items(), key=lambda kv: kv[0][1]):
        hi = min(col + span, ncols)
        have = sum(widths[col:hi]) + _GAP * (count[hi] - count[col] - 1)
        if need > have:
            widths[last_used[hi - 1]] += need - have
    return [w if u else -1 for w, u in zip(widths, used, strict=True)]


def _layout_table(table: _Table) -> list[_Line]:
    placed, ncols, one_column = _place(table.rows)
    if not placed:
        return []
    if one_column:  # a layout table: its cells read as plain text
        return [line for cells, _ in placed for _c, _s, lines, _src in cells for line in lines]
    cleaned = []
    for cells, row_src in placed:
        kept = []
        for c, s, lines, src in cells:
            content = _content_lines(lines)
            if content:
                kept.append((c, s, content, src))
        if kept:
            cleaned.append((kept, row_src))
    if not cleaned:
        return []
    widths = _column_widths(cleaned, ncols)
    starts = []
    x = 0
    for w in widths:
        starts.append(x)
        if w >= 0:
            x += w + _GAP
    out: list[_Line] = []
    for cells, row_src in cleaned:
        out.extend(_layout_row(cells, row_src, starts))
    return out


def _layout_row(cells: list[_Placed], row_src: int, starts: list[int]) -> list[_Line]:
    height = max([len(cell[2]) for cell in cells])
    out = []
    for i in range(height):
        parts: list[Part] = []
        cursor = 0
        for col, _span, lines, src in cells:
            if i >= len(lines):
                continue
            line = lines[i]
            target = starts[col]
            if cursor and target < cursor + _GAP:
                target = cursor + _GAP  # only when columns were clipped
            if target > cursor:
                parts.append((" " * (target - cursor), src, False))
            parts.extend(line.parts)
            cursor = target + line.width
        row = _Line(parts, row_src)
        row.aligned = True
        out.append(row)
    return out


# ---------------------------------------------------------------- the renderer



class _Renderer:
    def __init__(self, source: str, start: int, end: int) -> None:
        self.src = source
        self.start = start
        self.end = end
        self.at = start  # offset of the markup being handled
        self.root = _Flow()
        self.flow = self.root
        self.stack: list[_Entry] = []
        # tag name -> stack indices where it is open
        self.where: defaultdict[str, list[int]] = defaultdict(list)
        self.scopes: list[int] = []  # stack indices of open tables and cells
        self.tables: list[int] = []  # stack indices of open (laid out) tables
        self.flat_tables: list[int] = []  # stack indices of tables too deep to lay out
        self.hidden = 0
        self.font = 0
        self.pre = 0
        self.pre_skip = -1
        self.after = start  # offset just after the start tag being handled
        self.attrs = ""  # attributes of the start tag being handled

    # ------------------------------------------------------------ scanning

    def run(self) -> HtmlLayout:
        src, end = self.src, self.end
        pos = self.start
        last_gt = src.rfind(">", pos, end)
        text = self.text
        stack, where = self.stack, self.where
        tags, blanks = _TAG_CACHE, _BLANK_RUNS
        while True:
            # one pass of the scanner; it restarts after markup whose end it does not
            # see itself (comments, declarations, the raw text of <script> and <style>)
            for m in _SCAN_RE.finditer(src, pos, end):
                lt, after = m.span()
                if lt > pos:
                    # half the runs between tags are only white space (a newline):
                    # a pending space, set here without a call
                    run = src[pos:lt]
                    copied = blanks.get(run)
                    if copied is None or self.pre:
                        text(pos, lt, run)
                    elif not self.hidden:
                        flow = self.flow
                        if flow.space_at < 0:
                            flow.space_at = pos
                            flow.space_copied = copied
                pos = after
                if pos == lt + 1:  # not a tag
                    if lt > last_gt:  # no tag can close any more: the rest is text
                        text(lt, end)
                        pos = end
                        break
                    resume = self.not_a_tag(lt)
                    if resume != pos:
                        pos = resume
                        break
                    continue
                info = tags.get(m.group()) or _tag_info(m)
                if info[0]:  # an end tag
                    name = info[1]
                    if stack and stack[-1][0] == name:  # the usual, well-nested case
                        entry = stack.pop()
                        where[name].pop()
                        kind = entry[1]
                        if kind == _PLAIN:
                            continue
                        self.at = lt
                        if kind == _BLOCK and entry[3] < 0 and not self.flat_tables:
                            # close() of the commonest block inlined: no font to
                            # restore, no flattened table to leave
                            flow = self.flow
                            level = entry[4]
                            if level > flow.brk:
                                if not flow.brk:
                                    flow.brk_at = lt
                                flow.brk = level
                            if entry[5]:
                                flow.page(lt)
                        elif kind == _CELL:
                            if entry[3] >= 0:
                                self.font = entry[3]
                            self.close_cell(entry[6])
                        else:
                            self.close(entry)
                    else:
                        self.at = lt
                        self.end_tag(name, info[2])
                    continue
                self.at = lt
                if not self.hidden:
                    entry = info[6]
                    if entry is not None:
                        font = info[3].font
                        if font < 0 or font == self.font:  # an inline tag with no effect
                            if not info[4]:
                                where[entry[0]].append(len(stack))
                                stack.append(entry)
                            continue
                    elif info[7] is not None:  # a block, table, row, cell or <br>
                        info[7](self, info[1], info[3], info[4])
                        continue
                self.after = pos
                skip = self.start_tag(info)
                if skip:
                    hit = _raw_end_re(skip).search(src, pos, end)
                    pos = hit.start() if hit else end
                    break
            else:
                if pos < end:
                    text(pos, end)
                break
        self.at = end
        self.pop_to(0)
        return self.assemble()

    def not_a_tag(self, lt: int) -> int:
        """Handle a '<' that starts no tag; return where scanning resumes."""
        src, end = self.src, self.end
        nxt = src[lt + 1 : lt + 2]
        if nxt == "!":
            return self.skip_declaration(lt)
        if nxt in ("?", "/"):
            # <?xml ...?> and other processing instructions; "</ >" is a bogus comment
            return src.find(">", lt, end) + 1
        self.text(lt, lt + 1)  # a stray '<'
        return lt + 1

    def skip_declaration(self, lt: int) -> int:
        src, end = self.src, self.end
        if src.startswith("<!--", lt):
            close = src.find("-->", lt + 4, end)
            return end if close < 0 else close + 3
        if src.startswith("<![CDATA[", lt):
            close = src.find("]]>", lt + 9, end)
            return end if close < 0 else close + 3
        return src.find(">", lt, end) + 1  # <!DOCTYPE ...> and bogus comments

    def text(self, a: int, b: int, run: str | None = None) -> None:
        if self.hidden:
            return
        if run is None:
            run = self.src[a:b]
        ops = _TEXT_CACHE.get(run) or _text_ops(run)
        flow = self.flow
        if self.pre or self.font:
            self.text_apart(ops, a)
            return
        # _Flow.word and _Flow.space inlined: a run of prose is dozens of ops
        cur = flow.cur
        space_at, space_copied = flow.space_at, flow.space_copied
        for at, piece, copied, op in ops:
            if op <= _OP_GLYPHS:
                if flow.brk:
                    flow.space_at = space_at
                    flow._flush()
                    cur, space_at = flow.cur, flow.space_at
                if space_at >= 0:
                    if cur:
                        cur.append((" ", space_at, space_copied))
                    space_at = -1
                cur.append((piece, a + at, copied))
            elif space_at < 0:  # white space, or an entity for a space (not copied)
                space_at = a + at
                space_copied = copied
        flow.space_at, flow.space_copied = space_at, space_copied

    def text_apart(self, ops: tuple[_TextOp, ...], a: int) -> None:
        """Text in <pre> or in a symbol font."""
        flow = self.flow
        glyphs = _FONT_MAPS[self.font]
        for at, piece, copied, op in ops:
            if op == _OP_GLYPHS and glyphs:
                self.mapped(piece, a + at, copied)
            elif op <= _OP_GLYPHS:
                flow.word(piece, a + at, copied)
            elif op == _OP_SPACE:  # an entity for a space: collapses, even in <pre>
                flow.space(a + at, False)
            elif self.pre:
                self.pre_space(piece, a + at)
            else:
                flow.space(a + at, copied)

    def mapped(self, text: str, at: int, copied: bool) -> None:
        """Emit text, turning symbol-font glyphs into the check boxes they show."""
        fmap = _FONT_MAPS[self.font]
        if not text:
            return
        if not fmap or not any(c in fmap for c in text):
            self.flow.word(text, at, copied)
            return
        run = 0
        for i, char in enumerate(text):
            box = fmap.get(char)
            if box is None:
                continue
            if i > run:
                self.flow.word(text[run:i], at + run if copied else at, copied)
            self.flow.word(box, at + i if copied else at, False)
            run = i + 1
        if run < len(text):
            self.flow.word(text[run:], at + run if copied else at, copied)

    def pre_space(self, space: str, at: int) -> None:
        """Whitespace inside <pre>: spaces are kept, tabs expanded, newlines end lines,
        form feeds end pages."""
        flow = self.flow
        run = 0
        for m in _PRE_BREAK_RE.finditer(space):
            i = m.start()
            if i > run:
                flow.word(space[run:i], at + run, True)
            run = i + 1
            char = space[i]
            if char == "\t":
                flow.tab(at + i)
            elif char == "\f":
                flow.page(at + i)
            elif char == "\n" and at + i != self.pre_skip:
                flow.br(at + i)
        if run < len(space):
            flow.word(space[run:], at + run, True)

    # ------------------------------------------------------------ start tags

    def start_tag(self, info: _TagInfo) -> str | None:
        """Handle a start tag; return a tag name whose raw text must be skipped."""
        name, kind, eff, self_closing = info[1:5]
        if kind == _RAW:
            return None if self_closing else name
        if kind == _VOID:
            return None
        self.attrs = info[5]
        if self.hidden or eff.hidden or kind == _HIDDEN:
            if kind not in (_BR, _HR, _PAGE) and not self_closing:
                self.push((name, _INLINE, True, -1, 0, False, None))
                self.hidden += 1
            return None
        if eff.page_before:
            self.flow.page(self.at)
        handler = _START_HANDLERS.get(kind)
        if handler is not None:
            handler(self, name, eff, self_closing)
        elif eff is _NO_ATTRS:
            if not self_closing:
                self.push((name, _PLAIN, False, -1, 0, False, None))
        else:
            if eff.indent:
                self.flow.space(self.at, False)
            if not self_closing:
                self.push_plain(name, _INLINE, eff)
        if eff.page_after and self_closing:
            self.flow.page(self.at)
        return None

    def push(self, entry: _Entry) -> None:
        self.where[entry[0]].append(len(self.stack))
        self.stack.append(entry)

    def push_plain(
        self,
        name: str,
        kind: int,
        eff: _Attrs,
        bottom: int = 0,
        obj: object = None,
        page_after: bool = True,
    ) -> None:
        """Push an element, switching to its font (restored when it closes)."""
        prev_font = -1
        font = eff.font
        if font >= 0 and font != self.font:
            prev_font = self.font
            self.font = font
        self.where[name].append(len(self.stack))
        page_after = page_after and eff.page_after
        self.stack.append((name, kind, False, prev_font, bottom, page_after, obj))

    def start_block(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        # the commonest start tag (<p>, <div>): _Flow.block and push_plain inlined
        # (a block's eff has its default gaps filled in: see _tag_info)
        where = self.where
        if where.get("p") or name in _LIST_CLOSERS:
            self.close_implied(name)
        flow, at = self.flow, self.at
        level = eff.top
        if level > flow.brk:
            if not flow.brk:
                flow.brk_at = at
            flow.brk = level
        if self_closing:
            flow.block(eff.bottom, at)
            return
        prev_font = -1
        font = eff.font
        if font >= 0 and font != self.font:
            prev_font = self.font
            self.font = font
        stack = self.stack
        where[name].append(len(stack))
        stack.append((name, _BLOCK, False, prev_font, eff.bottom, eff.page_after, None))

    def start_pre(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        self.close_implied(name)
        self.flow.block(2, self.at)
        if not self_closing:
            self.push_plain(name, _PRE, eff, 2)
            self.pre += 1
            self.pre_skip = self.after  # a newline right after <pre> is not content

    def start_br(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        self.flow.br(self.at)

    def start_page(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        self.close_implied(name)
        if name == "hr" and _is_short_rule(self.attrs):
            self.flow.block(2, self.at)
        else:
            self.flow.page(self.at)

    def start_table(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        if self.scopes and self.tables and self.scopes[-1] == self.tables[-1]:
            self.pop_to(self.tables[-1])  # a table directly inside a table ends it
        self.flow.block(2, self.at)
        if self_closing:
            return
        if len(self.tables) >= _MAX_TABLE_DEPTH:
            self.flat_tables.append(len(self.stack))
            self.push_plain(name, _BLOCK, eff, 2)
            return
        table = _Table(self.flow)
        self.scopes.append(len(self.stack))
        self.tables.append(len(self.stack))
        self.push_plain(name, _TABLE, eff, 2, table)

    def table_in_scope(self) -> _Table | None:
        """The table that row and cell tags belong to, or None (tags are ignored)."""
        if not self.tables:
            return None
        top = self.tables[-1]
        if self.flat_tables and self.flat_tables[-1] > top:
            return None
        table = self.stack[top][6]
        assert isinstance(table, _Table)
        return table

    def start_row(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        # table_in_scope, pop_to and _Table.start_row inlined
        tables = self.tables
        top = tables[-1] if tables else -1
        if top < 0 or (self.flat_tables and self.flat_tables[-1] > top):
            self.flow.block(1, self.at)  # rows of a flattened table end lines
            return
        table = self.stack[top][6]
        assert isinstance(table, _Table)
        if len(self.stack) > top + 1:
            self.pop_to(top + 1)
        if table.row is not None:
            table.rows.append((table.row, table.row_src))
            table.row = None
        if name == "tr":
            table.row = []
            table.row_src = self.at

    def start_cell(self, name: str, eff: _Attrs, self_closing: bool) -> None:
        # the commonest tag of all: table_in_scope and push_plain inlined
        tables, stack = self.tables, self.stack
        top = tables[-1] if tables else -1
        if top < 0 or (self.flat_tables and self.flat_tables[-1] > top):
            self.flow.space(self.at, False)  # cells of a flattened table stay apart
            return
        table = stack[top][6]
        assert isinstance(table, _Table)
        inside = top + 1
        if len(stack) > inside:
            self.pop_to(inside)
        if self_closing:
            table.add((eff.colspan, [], self.at))
            return
        flow = _Flow()
        depth = len(stack)
        self.scopes.append(depth)
        prev_font = -1
        font = eff.font
        if font >= 0 and font != self.font:
            prev_font = self.font
            self.font = font
        self.where[name].append(depth)
        state: _OpenCell = (table, flow, eff.colspan, self.at)
        stack.append((name, _CELL, False, prev_font, 0, False, state))
        self.flow = flow

    def close_implied(self, name: str) -> None:
        """Start tags that end an open <p> (or <li>, <dd>, <dt>) first."""
        boundary = self.scopes[-1] if self.scopes else -1
        p = self.where.get("p")
        if p and p[-1] > boundary:
            self.pop_to(p[-1])
        closers = _LIST_CLOSERS.get(name)
        if closers is None:
            return
        names, stops = closers
        for stop in stops:
            open_at = self.where.get(stop)
            if open_at and open_at[-1] > boundary:
                boundary = open_at[-1]
        for other in names:
            open_at = self.where.get(other)
            if open_at and open_at[-1] > boundary:
                self.pop_to(open_at[-1])
                return

    # ------------------------------------------------------------ end tags

    def end_tag(self, name: str, kind: int) -> None:
        """An end tag that does not close the element on top of the stack."""
        if kind in (_ROW, _SECTION) and not self.hidden:
            table = self.table_in_scope()
            if table is None:
                self.flow.block(1, self.at)  # rows of a flattened table end lines
            else:
                self.pop_to(self.tables[-1] + 1)
                table.end_row()
            return
        if kind == _CELL and not self.hidden and self.table_in_scope() is None:
            return  # a cell of a flattened table was never opened
        open_at = self.where.get(name)
        if kind in (_CELL, _TABLE):
            boundary = -1 if kind == _TABLE or not self.tables else self.tables[-1]
        else:
            boundary = self.scopes[-1] if self.scopes else -1
        if open_at and open_at[-1] > boundary:
            self.pop_to(open_at[-1])
        elif not self.hidden and name == "p":
            self.flow.block(2, self.at)  # a stray </p> still ends a paragraph
        elif not self.hidden and kind == _BR:
            self.flow.br(self.at)

    def pop_to(self, index: int) -> None:
        """Close every open element from the top of the stack down to ``index``."""
        stack, where = self.stack, self.where
        while len(stack) > index:
            entry = stack.pop()
            where[entry[0]].pop()
            if entry[1] != _PLAIN:
                self.close(entry)

    def close(self, entry: _Entry) -> None:
        """The effects of closing an element (already taken off the stack)."""
        if entry[1] == _BLOCK:  # the commonest (never hidden: those are pushed as inline)
            if entry[3] >= 0:
                self.font = entry[3]
            if self.flat_tables and self.flat_tables[-1] == len(self.stack):
                self.flat_tables.pop()
            flow = self.flow
            level = entry[4]
            if level > flow.brk:
                if not flow.brk:
                    flow.brk_at = self.at
                flow.brk = level
            if entry[5]:
                flow.page(self.at)
            return
        if entry[1] == _CELL:  # the next commonest (never hidden, no page break after)
            if entry[3] >= 0:
                self.font = entry[3]
            self.close_cell(entry[6])
            return
        _name, kind, hidden, prev_font, bottom, page_after, obj = entry
        if hidden:
            self.hidden -= 1
            return
        if prev_font >= 0:
            self.font = prev_font
        if kind in (_BLOCK, _PRE):
            if kind == _PRE:
                self.pre -= 1
            if self.flat_tables and self.flat_tables[-1] == len(self.stack):
                self.flat_tables.pop()
            self.flow.block(bottom, self.at)
        elif kind == _CELL:
            self.close_cell(obj)
        elif kind == _TABLE:
            self.close_table(obj)
        if page_after:
            self.flow.page(self.at)

    def close_cell(self, cell: object) -> None:
        table, flow, colspan, src = cell  # type: ignore[misc]  # an _OpenCell
        self.scopes.pop()
        # flow.finish (with _end and _blank) and table.add inlined; the cell's flow
        # is not used again
        lines = flow.lines
        parts = flow.cur
        if parts:
            last = parts[-1][0]
            if not last or last[-1] in " \t":
                _rstrip(parts)
            if parts:
                lines.append(_Line(parts, self.at))
        while lines and lines[-1].kind != _TEXT:
            lines.pop()
        row = table.row
        if row is None:
            table.start_row(src)
            row = table.row
        row.append((colspan, lines, src))
        self.flow = table.parent

    def close_table(self, table: object) -> None:
        assert isinstance(table, _Table)
        self.scopes.pop()
        self.tables.pop()
        table.end_row()
        self.flow = table.parent
        self.flow.extend(_layout_table(table), self.at)
        self.flow.block(2, self.at)

    # ------------------------------------------------------------ output

    def assemble(self) -> HtmlLayout:
        lines = self.root.finish(self.end)
        if not lines:
            return HtmlLayout("", OffsetMap.shifted(self.start))
        # The segments OffsetMapBuilder would make, built inline (a call per part
        # costs more than the rest of this loop): a copied part continues the
        # previous segment when it is copied and ends where this part starts, a
        # made-up part when it is made up for the same markup.
        chunks: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        copies: list[bool] = []
        length = 0
        last = -1  # the last segment: -1 none, 0 made up for markup at `mark`, 1 copied
        mark = follows = 0  # source offset of that markup / just after the copied text
        page = len(PAGE_MARKER)
        for line in lines:
            if line.kind == _PAGE_LINE:
                chunks.append(PAGE_MARKER)
                if last or mark != line.nl:
                    starts.append(length)
                    sources.append(line.nl)
                    copies.append(False)
                    last, mark = 0, line.nl
                length += page
            for text, src, verbatim in line.parts:
                size = len(text)
                if not size:
                    continue
                chunks.append(text)
                if verbatim:
                    if last != 1 or follows != src:
                        starts.append(length)
                        sources.append(src)
                        copies.append(True)
                        last = 1
                    follows = src + size
                elif last or mark != src:
                    starts.append(length)
                    sources.append(src)
                    copies.append(False)
                    last, mark = 0, src
                length += size
            chunks.append("\n")
            if last or mark != line.nl:
                starts.append(length)
                sources.append(line.nl)
                copies.append(False)
                last, mark = 0, line.nl
            length += 1
        return HtmlLayout("".join(chunks), OffsetMap(starts, sources, copies))


_START_HANDLERS = {
    _BLOCK: _Renderer.start_block,
    _PRE: _Renderer.start_pre,
    _BR: _Renderer.start_br,
    _HR: _Renderer.start_page,
    _PAGE: _Renderer.start_page,
    _TABLE: _Renderer.start_table,
    _ROW: _Renderer.start_row,
    _SECTION: _Renderer.start_row,
    _CELL: _Renderer.start_cell,
}


# start tags that need nothing from start_tag's general path when their attributes
# neither hide them nor break pages (<pre> and <hr> look at more of the tag)
_DIRECT_HANDLERS = {
    kind: _START_HANDLERS[kind] for kind in (_BLOCK, _BR, _TABLE, _ROW, _SECTION, _CELL)
}


class HtmlLayout(NamedTuple):
    """Rendered text (``\\n`` lines, a final newline) and its map into the source."""

    text: str
    offsets: OffsetMap


def render_html(source: str, start: int = 0, end: int | None = None) -> HtmlLayout:
    """Lay out ``source[start:end]`` (an HTML document) as ASCII-8-K-like text.

    Offsets in the result's map are absolute offsets into ``source``. Never raises
    on a ``str``: malformed markup gives some text, not an error.
    """
    length = len(source)
    start = min(max(start, 0), length)
    end = length if end is None else min(max(end, start), length)
    return _Renderer(source, start, end).run()
