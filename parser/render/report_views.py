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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from ..layout.text import Layout
from ..source.offsets import line_starts
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
    # HTML layout: for each line, the file's line:column of its first character copied
    # from the file (Layout.line_sources), so ``check`` puts that place on this line
    positions: list[str] | None


class Region(NamedTuple):
    """A recognised part of a view, by view lines (inclusive)."""

    id: str
    kind: str  # cover | note | item | signatures | exhibits | header | envelope
    label: str
    first: int
    last: int
    source: tuple[int, int] | None = None  # HTML 8-K: the source range, for its original


class Piece(NamedTuple):
    """A stretch of a view and the source range it stands for: lines copied as they
    are (``layout`` None), a text layout (placed by the layout's own mapping, the
    one ``check`` and ``show`` use), or a note eightk wrote (``note``)."""

    at: int  # view offset of its first character
    length: int  # its characters in the view, with any newline eightk added
    start: int  # source range
    end: int
    layout: Layout | None = None
    note: bool = False


class View:
    """One tab of the page: its text, the pieces it is made of, chunks and regions."""

    def __init__(self, key: str, title: str, detail: str, start: int, end: int) -> None:
        self.key = key
        self.title = title
        self.detail = detail
        self.start = start  # the source range the view stands for
        self.end = end
        self.text = ""
        self.pieces: list[Piece] = []
        self.chunks: list[Chunk] = []
        self.regions: list[Region] = []
        self.line_starts: list[int] = [0]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    @property
    def lines(self) -> int:
        return len(self.line_starts) - 1

    def find(self, offset: int, end: int | None = None) -> tuple[int, bool] | None:
        """The view offset showing source ``offset`` (with ``end``: the range from it,
        placed by ``Layout.place``) and whether it is exact (False: the offset is in
        content a note stands for), or None where nothing shows it (a hidden part of
        an HTML document: ``check`` gives it no rendered line either).
        A view holds a few pieces (the document's envelope lines, its content, the
        lines after), so they are looked at in turn; a layout's own index does the
        rest. The layout comes before the lines after it: ``Layout.covers`` takes
        the document's end as its own, as ``check`` does."""
        for piece in self.pieces:
            if piece.layout is not None:
                if piece.layout.covers(offset):
                    at = piece.layout.place(offset, end)
                    return None if at is None else (piece.at + min(at, piece.length - 1), True)
            elif piece.start <= offset < piece.end:
                if piece.note:
                    return piece.at, False
                return piece.at + offset - piece.start, True
        for piece in self.pieces:  # the end of lines copied without their last newline
            if piece.layout is None and offset == piece.end:
                return piece.at + piece.length - 1, not piece.note
        return None

    def locate(self, start: int, end: int) -> tuple[int, int, bool] | None:
        """View offsets of the source range ``[start, end)`` and whether they are exact,
        or None if the range's start is not shown."""
        found = self.find(start, end)
        if found is None:
            return None
        a, exact = found
        last = self.find(max(end - 1, start))
        b = last[0] if last is not None else -1
        if b < a:  # the end is hidden, or a table cell laid out earlier: to the line's end
            b = self.line_starts[self.line_of(a) + 1] - 1
        return a, max(b + 1, a + 1), exact


class ViewBuilder:
    """Appends chunks to a view; each chunk ends with a newline."""

    def __init__(self, view: View, source: SourceText) -> None:
        self.view = view
        self.source = source
        self.pieces: list[str] = []
        self.at = 0  # view offset of the next piece
        self.lines = 0

    def _add(self, kind: str, text: str, number: int, positions: list[str] | None,
             piece: Piece) -> None:
        count = text.count("\n")
        self.view.chunks.append(Chunk(kind, self.lines, count, number, positions))
        self.view.pieces.append(piece)
        self.pieces.append(text)
        self.lines += count
        self.at += len(text)

    def verbatim(self, start: int, end: int, kind: str = "envelope") -> None:
        """Source lines as they are in the file."""
        if end <= start:
            return
        text = self.source.text[start:end]
        if not text.endswith("\n"):
            text += "\n"
        self._add(kind, text, self.source.index.line_col(start)[0], None,
                  Piece(self.at, len(text), start, end))

    def layout(self, layout: Layout) -> None:
        """A text layout: the 8-K text eightk read, or an HTML document rendered."""
        text = layout.text
        if not text:
            return
        if not text.endswith("\n"):
            text += "\n"
        first = layout.offsets.to_source(0)
        start, end = layout.region or (first, layout.offsets.to_source(len(layout.text) - 1))
        piece = Piece(self.at, len(text), start, end, layout)
        if layout.kind == "html":
            self._add("html", text, 1, self._positions(layout.line_sources()), piece)
        else:
            self._add("text", text, self.source.index.line_col(first)[0], None, piece)

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

    def note(self, message: str, start: int, end: int) -> None:
        """A line eightk writes in place of content it does not show."""
        text = message + "\n"
        self._add("note", text, 0, None, Piece(self.at, len(text), start, end, note=True))

    def finish(self) -> View:
        view = self.view
        view.text = "".join(self.pieces)
        starts = line_starts(view.text)
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
    exact: bool  # False: the span is in content a note stands for (uuencoded, PDF)


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
