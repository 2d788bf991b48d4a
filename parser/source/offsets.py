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

_PLUS_ONE = (1).__add__


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

    The text is cut into blocks of 2K characters. For every block up to the
    largest offset asked about, the number of newlines before it is counted (in
    C: a submission's documents far ahead cost a count, not an index); the line
    starts inside a block are listed (8 bytes a line) only when an offset in it
    is asked about. Any offset is then a binary search in its block, whatever
    order spans are asked in.
    """

    __slots__ = ("text", "_before", "_starts", "_code")

    # small: listing a block's lines costs about 70 ns a line, and the spans of
    # a header or a cover page fall in a block or two (2K against 8K: the spans of
    # the corpus's text filings 30.5 -> 28.1 ms; 1K counts too many blocks)
    _BLOCK = 1 << 11

    def __init__(self, text: str) -> None:
        self.text = text
        self._before = array("q", (0,))  # newlines before block k, for the blocks counted
        self._starts: dict[int, array] = {}  # block k -> the line starts its newlines make
        # 4 bytes a line start where every offset fits (a dense body lists them all)
        self._code = "i" if len(text) < 1 << 31 else "q"

    def _count_to(self, k: int) -> None:
        before, size = self._before, self._BLOCK
        i = len(before) - 1
        if i >= k:
            return
        # the blocks i .. k-1 counted and summed in C, not a Python loop a block (a
        # document at the end of a 5 MB submission is 2,500 blocks ahead)
        counts = map(self.text.count, repeat("\n"), range(i * size, k * size, size),
                     range((i + 1) * size, (k + 1) * size, size))
        totals = accumulate(counts, initial=before[i])
        next(totals)  # (before[i] itself)
        before.extend(totals)

    def _block(self, k: int) -> array:
        starts = self._starts.get(k)
        if starts is None:
            # each newline's position plus one, summed up in C from the block's
            # start: each line's length plus its newline (the piece after the
            # last newline makes no line start here)
            at = k * self._BLOCK
            pieces = self.text[at:at + self._BLOCK].split("\n")
            ends = accumulate(map(_PLUS_ONE, map(len, pieces[:-1])), initial=at)
            next(ends)
            starts = self._starts[k] = array(self._code, ends)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        k = offset // self._BLOCK
        starts = self._starts.get(k)
        if starts is None:  # (a block is listed only once the ones before it are counted)
            self._count_to(k)
            starts = self._block(k)
        i = bisect_right(starts, offset)  # the block's line starts at or before offset
        if i:
            return self._before[k] + i + 1, offset - starts[i - 1] + 1
        before = self._before[k]
        if not before:
            return 1, offset + 1
        # the line began in an earlier block: the one holding the last newline so far
        j = bisect_right(self._before, before - 1, 0, k + 1) - 1
        return before + 1, offset - self._block(j)[-1] + 1

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col`` of ``start`` and of ``end`` (a span's two ends): when both
        fall after a line start in one block, as most spans do, one look-up."""
        k = start // self._BLOCK
        starts = self._starts.get(k)
        if starts is not None and end // self._BLOCK == k:
            i = bisect_right(starts, start)
            if i:
                j = bisect_right(starts, end, i - 1)
                before = self._before[k]
                line = before + i + 1
                # a span on one line keeps one int for both line numbers: a dense
                # body has hundreds of thousands of spans
                return (line, start - starts[i - 1] + 1,
                        line if j == i else before + j + 1, end - starts[j - 1] + 1)
        line, column = self.line_col(start)
        if end == start:
            return line, column, line, column
        return (line, column, *self.line_col(end))

