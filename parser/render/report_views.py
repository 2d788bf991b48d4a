"""The text views of ``eightk report``: what eightk read, line by line, with marks.

A view is one part of the file as eightk read it: the envelope and header, or one
document. The 8-K document shows its text layout (for HTML, the rendered lines
the grammar read), every other document its own text (HTML exhibits rendered the
same way), and what is not text (uuencoded, PDF) is one line saying so. Each view
keeps an ``OffsetMap`` from its text to the source, and the inverse, so every
span eightk reports (a source range) can be found on the page.

Everything from the filing is escaped here; control characters are shown as
their Unicode pictures so a NUL or form feed is seen, not swallowed.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from ..layout.text import Layout
from ..source.offsets import OffsetMap, OffsetMapBuilder
from ..source.text import SourceText

# C0 controls (but tab and newline), DEL and C1 controls become visible.
_VISIBLE = {c: 0x2400 + c for c in range(32) if c not in (9, 10)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def esc(value: str) -> str:
    """Text from the filing, safe as element content."""
    return html.escape(value.translate(_VISIBLE), quote=False)


def attr(value: str) -> str:
    """Text from the filing, safe inside a double-quoted attribute."""
    return html.escape(value.translate(_VISIBLE), quote=True)


class Chunk(NamedTuple):
    """A run of view lines read one way: ``envelope`` lines copied from the file,
    a ``text`` or ``html`` layout, or a ``note`` eightk wrote."""

    kind: str
    first: int  # first view line
    count: int
    number: int  # the line number shown on the first line (the source line, or layout line 1)
    positions: list[str] | None  # HTML layout: the source line:column where each line starts


class Region(NamedTuple):
    """A recognised part of a view, by view lines (inclusive)."""

    id: str
    kind: str  # cover | note | item | signatures | exhibits | header | envelope
    label: str
    first: int
    last: int
    source: tuple[int, int] | None = None  # HTML 8-K: the source range, for its original


class Inverse:
    """Source offset -> view offset: the inverse of a view's ``OffsetMap``.

    Same answers as ``render.show._to_layout`` (the copied run that holds the
    offset, else the first made-up run that stands for markup at exactly that
    offset), but indexed, so a page with thousands of marks does not scan every
    segment of a long HTML layout for each."""

    __slots__ = ("_starts", "_copied", "_synthetic", "_all")

    def __init__(self, offsets: OffsetMap, length: int) -> None:
        segments = offsets.segments
        copied: list[tuple[int, int, int]] = []
        synthetic: dict[int, int] = {}
        for i, (start, source, is_copied) in enumerate(segments):
            end = segments[i + 1][0] if i + 1 < len(segments) else length
            if end <= start:
                continue
            if is_copied:
                copied.append((source, source + end - start, start))
            elif source not in synthetic:
                synthetic[source] = start
        copied.sort()
        self._copied = copied
        self._starts = [c[0] for c in copied]
        self._synthetic = synthetic
        self._all = sorted([(c[0], c[2]) for c in copied] + [(s, v) for s, v in synthetic.items()])

    def find(self, offset: int) -> int | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0:
            source, end, view = self._copied[i]
            if source <= offset < end:
                return view + offset - source
        return self._synthetic.get(offset)

    def near(self, offset: int) -> int | None:
        """The view offset of the first text at or after ``offset`` (for a place in
        markup the layout does not show)."""
        found = self.find(offset)
        if found is not None:
            return found
        i = bisect_left(self._all, (offset, -1))
        return self._all[i][1] if i < len(self._all) else None


class View:
    """One tab of the page: its text, map to the source, chunks and regions."""

    def __init__(self, key: str, title: str, detail: str, start: int, end: int) -> None:
        self.key = key
        self.title = title
        self.detail = detail
        self.start = start  # the source range the view stands for
        self.end = end
        self.text = ""
        self.offsets: OffsetMap | None = None
        self.chunks: list[Chunk] = []
        self.regions: list[Region] = []
        self.line_starts: list[int] = [0]
        self._inverse: Inverse | None = None

    @property
    def inverse(self) -> Inverse:
        if self._inverse is None:
            assert self.offsets is not None
            self._inverse = Inverse(self.offsets, len(self.text))
        return self._inverse

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    @property
    def lines(self) -> int:
        return len(self.line_starts) - 1

    def locate(self, start: int, end: int, near: bool = False) -> tuple[int, int] | None:
        """View offsets of the source range ``[start, end)``, or None if not shown."""
        find = self.inverse.near if near else self.inverse.find
        a = find(start)
        if a is None:
            return None
        b = self.inverse.find(max(end - 1, start))
        if b is None or b < a:  # the end is in markup, or a table cell laid out earlier
            b = self.line_starts[self.line_of(a) + 1] - 1
        return a, max(b + 1, a + 1)


class ViewBuilder:
    """Appends chunks to a view; each chunk ends with a newline."""

    def __init__(self, view: View, source: SourceText) -> None:
        self.view = view
        self.source = source
        self.pieces: list[str] = []
        self.map = OffsetMapBuilder()
        self.lines = 0

    def _add(self, kind: str, text: str, number: int, positions: list[str] | None) -> None:
        count = text.count("\n")
        self.view.chunks.append(Chunk(kind, self.lines, count, number, positions))
        self.pieces.append(text)
        self.lines += count

    def verbatim(self, start: int, end: int, kind: str = "envelope") -> None:
        """Source lines as they are in the file."""
        if end <= start:
            return
        text = self.source.text[start:end]
        self.map.copied(start, len(text))
        if not text.endswith("\n"):
            text += "\n"
            self.map.synthetic(end, 1)
        self._add(kind, text, self.source.index.line_col(start)[0], None)

    def layout(self, layout: Layout) -> None:
        """A text layout: the 8-K text eightk read, or an HTML document rendered."""
        text = layout.text
        if not text:
            return
        segments = layout.offsets.segments
        for i, (start, source, copied) in enumerate(segments):
            end = segments[i + 1][0] if i + 1 < len(segments) else len(text)
            if copied:
                self.map.copied(source, end - start)
            else:
                self.map.synthetic(source, end - start)
        if not text.endswith("\n"):
            self.map.synthetic(layout.offsets.to_source(len(text) - 1), 1)
            text += "\n"
        if layout.kind == "html":
            offsets = []
            at = 0
            while at < len(text):
                offsets.append(layout.offsets.to_source(at))
                at = text.index("\n", at) + 1
            self._add("html", text, 1, self._positions(offsets))
        else:
            first = self.source.index.line_col(layout.offsets.to_source(0))[0]
            self._add("text", text, first, None)

    def _positions(self, offsets: list[int]) -> list[str]:
        """``line:column`` of each source offset, in one pass over the text they span
        (asking the line index one by one would count from its last block each time
        once a document skips far ahead, as an inline-XBRL hidden header does)."""
        text = self.source.text
        shown: dict[int, str] = {}
        last, line = None, 0
        for offset in sorted(set(offsets)):
            if last is None:
                line = self.source.index.line_col(offset)[0]
            else:
                line += text.count("\n", last, offset)
            shown[offset] = f"{line}:{offset - text.rfind(chr(10), 0, offset)}"
            last = offset
        return [shown[o] for o in offsets]

    def note(self, message: str, at: int) -> None:
        """A line eightk writes in place of content it does not show."""
        text = message + "\n"
        self.map.synthetic(at, len(text))
        self._add("note", text, 0, None)

    def finish(self) -> View:
        view = self.view
        view.text = "".join(self.pieces)
        view.offsets = self.map.build()
        starts = [0]
        find = view.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        if starts[-1] != len(view.text):
            starts.append(len(view.text))
        view.line_starts = starts
        return view


# ---------------------------------------------------------------- marks and rendering


class Mark(NamedTuple):
    """Something to colour in a view: a field, a diagnostic, a diagnostic's label."""

    id: int
    kind: str  # cover | item | exhibit | signature | header | xbrl | diag | label
    label: str
    start: int  # source offsets
    end: int
    classes: str = ""  # more CSS classes (severity and family of a diagnostic)


class Placed(NamedTuple):
    mark: Mark
    view: int
    start: int  # view offsets
    end: int
    exact: bool  # False: the span is in markup the view does not show; placed at what follows


class Note(NamedTuple):
    """A diagnostic written under the line it points at."""

    html: str
    classes: str


# Lines are written in blocks that the browser lays out only when they come into sight
# (CSS content-visibility): a 2 MB filing is 30,000 lines, and laying them all out
# on opening took seconds. Each block restarts the line counter at its first line.
BLOCK = 64

FIELD_KINDS = frozenset({"cover", "item", "exhibit", "signature", "header", "xbrl"})


def render_view(view: View, placed: Sequence[Placed], notes: dict[int, list[Note]],
                originals: set[str]) -> str:
    """The HTML of one view: chunks of lines, regions, marks, notes under lines."""
    by_line: dict[int, list[tuple[int, int, Placed]]] = defaultdict(list)
    starts = view.line_starts
    for p in placed:
        row = view.line_of(p.start)
        while row < view.lines and starts[row] < p.end:
            line_end = starts[row + 1] - 1
            a = max(p.start, starts[row]) - starts[row]
            b = min(p.end, line_end) - starts[row]
            if b > a or (b == a and p.start >= starts[row] and p.mark.kind in ("diag", "label")):
                by_line[row].append((a, max(b, a), p))
            row += 1
    region_at: dict[int, Region] = {}  # a region inside another (an exhibit list in its
    for region in sorted(view.regions, key=lambda r: (r.first, -r.last)):  # item) wins
        for row in range(region.first, region.last + 1):
            region_at[row] = region
    out: list[str] = []
    text = view.text
    opened: set[str] = set()
    for chunk in view.chunks:
        out.append(f'<div class="ck ck-{chunk.kind}">')
        open_region: Region | None = None
        in_block = 0  # lines in the open block (0: none open)
        for i in range(chunk.count):
            row = chunk.first + i
            region = region_at.get(row)
            if in_block and (region is not open_region or in_block == BLOCK):
                out.append("</div>")
                in_block = 0
            if region is not open_region:
                if open_region is not None:
                    out.append("</section>")
                if region is not None:
                    # a region an inner one interrupted goes on without its id and label
                    anchor = "" if region.id in opened else f' id="{region.id}"'
                    out.append(f'<section class="rg rg-{region.kind}"{anchor}>')
                    if region.id not in opened:
                        out.append(_region_label(region, region.id in originals))
                    opened.add(region.id)
                open_region = region
            if not in_block:
                out.append(f'<div class="bk" style="counter-reset:n {chunk.number - 1 + i};'
                           f'contain-intrinsic-size:auto {_height(view, row, region_at):.0f}em">')
            in_block += 1
            line = text[starts[row] : starts[row + 1] - 1]
            position = chunk.positions[i] if chunk.positions is not None else None
            out.append(f'<div data-s="{position}">' if position else "<div>")
            marks = by_line.get(row)
            out.append(_line_html(line, marks) if marks else esc(line))
            if marks:
                tags = [p.mark.label for a, _, p in marks
                        if p.mark.kind in FIELD_KINDS and p.start >= starts[row]]
                if tags:
                    out.append(f'<span class="tg">{esc("; ".join(dict.fromkeys(tags)))}</span>')
            out.append("</div>")
            for note in notes.get(row, ()):
                out.append(f'<aside class="dn {note.classes}">{note.html}</aside>')
        if in_block:
            out.append("</div>")
        if open_region is not None:
            out.append("</section>")
        out.append("</div>")
    return "".join(out)


def _height(view: View, row: int, region_at: dict[int, Region]) -> float:
    """The height (em) a block of lines from ``row`` will about take, lines wrapped at
    about 100 characters: the browser sizes a block it has not laid out yet by this,
    so a jump to a line far down lands where the line will be."""
    starts = view.line_starts
    region = region_at.get(row)
    rows = 0.0
    for r in range(row, min(row + BLOCK, view.lines)):
        if region_at.get(r) is not region:
            break
        rows += max(1, -(-(starts[r + 1] - starts[r] - 1) // 100))
    return rows * 1.35


def _region_label(region: Region, original: bool) -> str:
    button = (f' <button class="orig" data-orig="{region.id}" title="the original HTML of this '
              'part, made safe, next to these lines">original ▸</button>') if original else ""
    return f'<header class="rl">{esc(region.label)}{button}</header>'


def _line_html(line: str, marks: list[tuple[int, int, Placed]]) -> str:
    """A line with its marks as spans; overlapping marks become one span per
    stretch, carrying every mark it is part of (``data-m`` lists their ids)."""
    cuts = {0, len(line)}
    for a, b, _ in marks:
        cuts.add(min(a, len(line)))
        cuts.add(min(b, len(line)))
    points = sorted(cuts)
    out: list[str] = []
    empties: dict[int, list[Placed]] = defaultdict(list)  # marks of no width, by place
    for a, b, p in marks:
        if a == b:
            empties[min(a, len(line))].append(p)
    for x, y in zip(points, points[1:], strict=False):
        if x in empties:
            out.append(_empty(empties.pop(x)))
        active = [p for a, b, p in marks if a <= x and y <= b and a < b]
        piece = esc(line[x:y])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(
            c for p in active for c in (f"k-{p.mark.kind}", *p.mark.classes.split()) if c))
        ids = " ".join(str(p.mark.id) for p in active)
        titles = "; ".join(dict.fromkeys(p.mark.label for p in active))
        out.append(f'<span class="m {classes}" data-m="{ids}" title="{attr(titles)}">'
                   f"{piece}</span>")
    for at in sorted(empties):
        out.append(_empty(empties[at]))
    return "".join(out)


def _empty(marks: list[Placed]) -> str:
    """A diagnostic that points between characters (at the end of a line)."""
    ids = " ".join(str(p.mark.id) for p in marks)
    classes = " ".join(dict.fromkeys(c for p in marks for c in p.mark.classes.split()))
    titles = "; ".join(dict.fromkeys(p.mark.label for p in marks))
    return (f'<span class="m k-{marks[0].mark.kind} z {classes}" data-m="{ids}" '
            f'title="{attr(titles)}"> </span>')
