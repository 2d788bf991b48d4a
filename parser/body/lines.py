"""Lines and parts of an 8-K text, as the body transformer hands them on."""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, repeat
from typing import NamedTuple, overload


class Line(NamedTuple):
    """One token of the body grammar: a line (or a caption row of several lines).

    ``start``/``end`` are offsets in the layout text; ``text`` is the line as
    laid out, indentation included, so columns are ``offset - line start``.
    """

    kind: str
    text: str
    start: int
    end: int
    number: int  # 1-based line number in the layout
    match: re.Match[str] | None = None  # what the lexer matched: a heading's groups


class Part(NamedTuple):
    """A heading and the lines under it: an item, the signatures, the exhibit index."""

    kind: str  # item | signatures | exhibit_index | explanatory | section
    head: Line
    lines: Sequence[Line]  # a list, or the builder's Lines

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else self.head.end


_make_line = functools.partial(tuple.__new__, Line)  # Line._make, without its Python frame


class Run(Sequence[Line]):
    """Consecutive ``TEXT`` lines of a layout kept as columns (start, end, line
    number), each ``Line`` made when it is asked for. A dense 25 MB body has
    400,000 text lines: kept as ``Line``s with their text they took 4.5 times the
    text's size; as columns, 12 bytes a line (``column_code``). The body lexer's
    runs share one set of columns (``lo:hi`` is a run's share); a run joined from
    others has its own. A part whose lines are one run keeps the run as its lines
    (it answers what ``Lines`` does)."""

    __slots__ = ("text", "starts", "ends", "numbers", "lo", "hi")

    def __init__(self, text: str, starts: array, ends: array, numbers: array,
                 lo: int = 0, hi: int | None = None) -> None:
        self.text = text
        self.starts, self.ends, self.numbers = starts, ends, numbers
        self.lo = lo
        self.hi = len(starts) if hi is None else hi

    @classmethod
    def joined(cls, text: str, pieces: Iterable[Run | tuple[int, int, int]]) -> Run:
        """One run of the lines of ``pieces``: runs, and single lines as (start,
        end, number)."""
        pieces = list(pieces)
        code = next((p.starts.typecode for p in pieces if isinstance(p, Run)), column_code(text))
        starts, ends, numbers = array(code), array(code), array(code)
        for piece in pieces:
            if isinstance(piece, Run):
                starts.extend(piece.starts[piece.lo:piece.hi])
                ends.extend(piece.ends[piece.lo:piece.hi])
                numbers.extend(piece.numbers[piece.lo:piece.hi])
            else:
                starts.append(piece[0])
                ends.append(piece[1])
                numbers.append(piece[2])
        return cls(text, starts, ends, numbers)

    def __len__(self) -> int:
        return self.hi - self.lo

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> list[Line]: ...
    def __getitem__(self, i):
        n = self.hi - self.lo
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        k = self.lo + i
        start, end = self.starts[k], self.ends[k]
        return _make_line(("TEXT", self.text[start:end], start, end, self.numbers[k], None))

    def __iter__(self) -> Iterator[Line]:
        # in C: no Python frame per line
        lo, hi = self.lo, self.hi
        starts, ends = self.starts[lo:hi], self.ends[lo:hi]
        return map(_make_line, zip(repeat("TEXT"), map(self.text.__getitem__,
                                                       map(slice, starts, ends)),
                                   starts, ends, self.numbers[lo:hi], repeat(None)))

    @property
    def first(self) -> tuple[int, int]:
        """(start, line number) of the first line."""
        return self.starts[self.lo], self.numbers[self.lo]

    @property
    def last(self) -> tuple[int, int]:
        """(end, line number) of the last line."""
        return self.ends[self.hi - 1], self.numbers[self.hi - 1]

    def last_text(self) -> str:
        return self.text[self.starts[self.hi - 1]:self.ends[self.hi - 1]]

    # What ``Lines`` answers, for a part whose lines are one run (a dense body's
    # every part): the reader hands the run on as it is, without a ``Lines`` (a
    # list and a count besides) around it.
    def text_lines(self) -> int:
        return self.hi - self.lo

    def find_kind(self, kind: str) -> int | None:
        return None

    def has_kind(self, kinds: frozenset[str], lo: int = 0, hi: int | None = None) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Lines, list, Run)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (compared by lines, as Lines are)

    def __repr__(self) -> str:
        return f"Run({list(self)!r})"


def column_code(text: str) -> str:
    """The array type of a text's line columns: 4 bytes where every offset fits."""
    return "i" if len(text) < 1 << 31 else "q"


class Lines(Sequence[Line]):
    """The lines under a heading, as the builder joins them: ``Line``s (headings,
    layout tags) and ``Run``s of text lines, read as one sequence of ``Line``s.
    Indexing and iterating make a text line's ``Line`` anew; a slice is a list."""

    __slots__ = ("_pieces", "_ends")

    def __init__(self, pieces: list[Line | Run]) -> None:
        self._pieces = pieces
        ends: list[int] = []
        total = 0
        for piece in pieces:
            total += len(piece) if type(piece) is Run else 1
            ends.append(total)
        self._ends = ends

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> list[Line]: ...
    def __getitem__(self, i):
        n = len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step == 1 and start == 0 and stop == n:
                return list(self)
            return [self[k] for k in range(start, stop, step)]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        p = bisect_right(self._ends, i)
        piece = self._pieces[p]
        if type(piece) is Run:
            return piece[i - (self._ends[p - 1] if p else 0)]
        return piece

    def __iter__(self) -> Iterator[Line]:
        return chain.from_iterable(piece if type(piece) is Run else (piece,)
                                   for piece in self._pieces)

    def text_lines(self) -> int:
        """How many text lines (in runs: none of them blank) there are, without
        making a ``Line``."""
        return sum(len(piece) for piece in self._pieces if type(piece) is Run)

    def find_kind(self, kind: str) -> int | None:
        """The index of the first line of ``kind`` (not ``TEXT``), looking only at
        the lines that are not in runs."""
        at = 0
        for piece in self._pieces:
            if type(piece) is Run:
                at += len(piece)
                continue
            if piece.kind == kind:
                return at
            at += 1
        return None

    def has_kind(self, kinds: frozenset[str], lo: int = 0, hi: int | None = None) -> bool:
        """Whether a line of ``lines[lo:hi]`` is of one of ``kinds`` (not ``TEXT``),
        looking only at the lines that are not in runs."""
        hi = len(self) if hi is None else hi
        at = 0
        for piece in self._pieces:
            if at >= hi:
                break
            if type(piece) is Run:
                at += len(piece)
                continue
            if at >= lo and piece.kind in kinds:
                return True
            at += 1
        return False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Lines, list, Run)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Lines({list(self)!r})"
