"""Offset maps: where a character of a derived text came from in its source.

Every text the grammars see is derived from the decoded file: a document's TEXT
block, with PEM dash-escapes undone, or an HTML document rendered to lines. An
``OffsetMap`` turns an offset in the derived text back into an offset in the
source, so a span found by the body grammar can be shown in the file itself.

The map is piecewise: segment ``i`` covers derived offsets ``[starts[i],
starts[i+1])``. A *copied* segment maps linearly (the text was copied verbatim);
a *synthetic* one (a newline made for ``<br>``, padding between table columns)
maps every offset to the single source offset of the markup that produced it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from itertools import accumulate, repeat

_BITS = 11  # a LineIndex block is 2K characters (see LineIndex)
_SIZE = 1 << _BITS


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (``[0]`` and one after
    every newline)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


class OffsetMap:
    __slots__ = ("_starts", "_sources", "_copied", "_shift")

    def __init__(self, starts: list[int], sources: list[int], copied: list[bool]) -> None:
        if not starts or starts[0] != 0:
            raise ValueError("an offset map starts at derived offset 0")
        self._starts = starts
        self._sources = sources
        self._copied = copied
        # a verbatim slice (a plain-text document): every offset just moves
        self._shift = sources[0] if len(starts) == 1 and copied[0] else None

    @classmethod
    def shifted(cls, base: int) -> OffsetMap:
        """Identity map moved by ``base``: a verbatim slice of the source."""
        return cls([0], [base], [True])

    def to_source(self, offset: int) -> int:
        if self._shift is not None:
            return self._shift + offset
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            i = 0
        if self._copied[i]:
            return self._sources[i] + (offset - self._starts[i])
        return self._sources[i]

    def range_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source range of the derived range ``[start, end)``: from the source of
        its first character to just after the source of its last (an empty range
        is empty at the source of ``start``)."""
        shift = self._shift
        if shift is not None:
            if not shift:  # the ints given back, not copies: spans share them with lines
                return start, max(start, end)
            return shift + start, shift + max(start, end)
        src_start = self.to_source(start)
        src_end = self.to_source(end - 1) + 1 if end > start else src_start
        return src_start, max(src_end, src_start)

    @property
    def segments(self) -> list[tuple[int, int, bool]]:
        return list(zip(self._starts, self._sources, self._copied, strict=True))

    def columns(self) -> tuple[list[int], list[int], list[bool]]:
        """The segments as three columns (derived start, source offset, copied): the
        map's own lists, to be read, not changed (indexes are built from them)."""
        return self._starts, self._sources, self._copied


class OffsetMapBuilder:
    """Collects segments while a derived text is written piece by piece."""

    __slots__ = ("_starts", "_sources", "_copied", "length")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._sources: list[int] = []
        self._copied: list[bool] = []
        self.length = 0

    def copied(self, source_start: int, length: int) -> None:
        """``length`` characters copied verbatim from ``source_start``."""
        if length <= 0:
            return
        if (
            self._copied
            and self._copied[-1]
            and self._sources[-1] + (self.length - self._starts[-1]) == source_start
        ):
            self.length += length  # extends the previous verbatim run
            return
        self._push(source_start, True)
        self.length += length

    def synthetic(self, source_at: int, length: int) -> None:
        """``length`` characters made up for markup found at ``source_at``."""
        if length <= 0:
            return
        if self._copied and not self._copied[-1] and self._sources[-1] == source_at:
            self.length += length
            return
        self._push(source_at, False)
        self.length += length

    def _push(self, source: int, copied: bool) -> None:
        self._starts.append(self.length)
        self._sources.append(source)
        self._copied.append(copied)

    def build(self) -> OffsetMap:
        if not self._starts:
            return OffsetMap([0], [0], [True])
        if self._starts[0] != 0:
            raise AssertionError("segments must start at 0")
        return OffsetMap(self._starts, self._sources, self._copied)


class LineIndex:
    """Character offset to 1-based (line, column), computed only when asked.

    No table of line starts: the index knows one line, the last one asked
    about (where it starts and ends, and its number), which answers at once for
    the next span on it (a third of spans are). Another line's number is the
    newlines counted (in C) from that line when it is in the same 2K block,
    else from the start of the offset's block; where it starts is the newline
    before the offset (``rfind`` inside the block, so a megabyte-long line costs
    what a short one does). The newlines before each block are counted once, for
    the whole text, when an offset first needs them. A look-up then scans at
    most a few blocks, whatever order offsets come in.
    """

    __slots__ = ("text", "_before", "_start", "_end", "_line")

    _BLOCK = _SIZE

    def __init__(self, text: str) -> None:
        self.text = text
        self._before: array | None = None  # newlines before block k, once counted
        # the line known: its first offset, its last (its newline, or as far as
        # one was looked for) and its number; none yet
        self._start, self._end, self._line = 0, -1, 1

    def _counted(self) -> array:
        text = self.text
        # every block's newlines counted and summed in C, not a Python loop a
        # block: the pipeline asks for a span over the whole document anyway
        counts = map(text.count, repeat("\n"), range(0, len(text), _SIZE),
                     range(_SIZE, len(text) + _SIZE, _SIZE))
        before = self._before = array("q", accumulate(counts, initial=0))
        return before

    def _find(self, offset: int) -> tuple[int, int]:
        """``line_col`` of an offset off the known line, which it then becomes."""
        text = self.text
        low = offset & -_SIZE  # where its block starts
        known = self._end
        if low <= known < offset:  # the known line ends earlier in the block
            line = self._line + text.count("\n", known, offset)
        elif offset < self._start < low + _SIZE:
            line = self._line - text.count("\n", offset, self._start)
        else:
            before = self._before or self._counted()
            line = before[offset >> _BITS] + 1 + text.count("\n", low, offset)
        newline = text.rfind("\n", low, offset)
        if newline != -1:
            start = newline + 1
        elif line == 1:
            start = 0
        else:  # the line began in an earlier block: the last one holding a newline
            before = self._before or self._counted()
            k = offset >> _BITS
            j = bisect_right(before, before[k] - 1, 0, k + 1) - 1
            start = text.rfind("\n", j << _BITS, low) + 1
        end = text.find("\n", offset, offset + _SIZE)
        if end == -1:  # none in a block's length: the line goes on at least that far
            end = min(offset + _SIZE - 1, len(text))
        self._start, self._end, self._line = start, end, line
        return line, offset - start + 1

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._start <= offset <= self._end:
            return self._line, offset - self._start + 1
        return self._find(offset)

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col`` of ``start`` and of ``end`` (a span's two ends)."""
        if self._start <= start <= self._end:
            line, column = self._line, start - self._start + 1
        else:
            line, column = self._find(start)
        if end <= self._end:
            # a span on one line keeps one int for both line numbers: a dense
            # body has hundreds of thousands of spans
            return line, column, line, column + end - start
        if end - start >= _SIZE:
            known = self._line, self._start, self._end
            end_line, end_column = self._find(end)
            # the start's line stays the known one: the next span is likelier near it
            self._line, self._start, self._end = known
            return line, column, end_line, end_column
        text = self.text
        newline = text.rfind("\n", start, end)
        if newline == -1:
            return line, column, line, column + end - start
        return line, column, line + text.count("\n", start, end), end - newline
