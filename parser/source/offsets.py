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
from itertools import accumulate

_PLUS_ONE = (1).__add__


class OffsetMap:
    __slots__ = ("_starts", "_sources", "_copied")

    def __init__(self, starts: list[int], sources: list[int], copied: list[bool]) -> None:
        if not starts or starts[0] != 0:
            raise ValueError("an offset map starts at derived offset 0")
        self._starts = starts
        self._sources = sources
        self._copied = copied

    @classmethod
    def shifted(cls, base: int) -> OffsetMap:
        """Identity map moved by ``base``: a verbatim slice of the source."""
        return cls([0], [base], [True])

    def to_source(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            i = 0
        if self._copied[i]:
            return self._sources[i] + (offset - self._starts[i])
        return self._sources[i]

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

    Line starts are found lazily, a block at a time, only as far as the largest
    offset asked about (a span in the header of a 50 MB submission does not index
    the 50 MB), and kept in an array of 8 bytes a line. Every look-up after that
    is a binary search, whatever order spans are asked in: the documents of a
    submission, the lines of a dense body, a diagnostic's end before the next
    one's start.
    """

    __slots__ = ("text", "starts", "_scanned")

    _BLOCK = 1 << 16

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", (0,))
        self._scanned = 0  # text[:_scanned] has been indexed

    def _extend(self, offset: int) -> None:
        text = self.text
        target = min(len(text), max(offset + 1, self._scanned + self._BLOCK))
        starts = self.starts
        for block in range(self._scanned, target, self._BLOCK):
            # the line starts of one block, summed up in C: each line's length
            # plus its newline, from the block's start on (the piece after the
            # last newline starts no line)
            pieces = text[block:min(block + self._BLOCK, target)].split("\n")
            ends = accumulate(map(_PLUS_ONE, map(len, pieces[:-1])), initial=block)
            next(ends)
            starts.extend(ends)
        self._scanned = target

    def line_col(self, offset: int) -> tuple[int, int]:
        if offset >= self._scanned and self._scanned < len(self.text):
            self._extend(offset)
        starts = self.starts
        i = bisect_right(starts, offset) - 1
        if i < 0:
            i = 0
        return i + 1, offset - starts[i] + 1
