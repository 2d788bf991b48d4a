"""Lines and parts of an 8-K text, as the body transformer hands them on."""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
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
        lines = self.lines
        # without making the last text line's ``Line``
        if type(lines) is Run:
            return lines.last[0] if len(lines) else self.head.end
        if type(lines) is Lines:
            return lines.last_end(self.head.end)
        return lines[-1].end if lines else self.head.end


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

    def texts(self) -> list[str]:
        """The text of each line, no ``Line`` made."""
        lo, hi = self.lo, self.hi
        return list(map(self.text.__getitem__, map(slice, self.starts[lo:hi],
                                                   self.ends[lo:hi])))

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
        ends = self._ends
        n = ends[-1] if ends else 0
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step == 1 and start == 0 and stop == n:
                return list(self)
            return [self[k] for k in range(start, stop, step)]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        p = bisect_right(ends, i)
        piece = self._pieces[p]
        if type(piece) is Run:  # the run's line made here: one Python call, not two
            k = piece.lo + i - (ends[p - 1] if p else 0)
            start, end = piece.starts[k], piece.ends[k]
            return _make_line(("TEXT", piece.text[start:end], start, end, piece.numbers[k],
                               None))
        return piece

    def __iter__(self) -> Iterator[Line]:
        pieces = self._pieces
        if len(pieces) == 1 and type(pieces[0]) is Run:  # (an item of text alone)
            return iter(pieces[0])
        return chain.from_iterable(piece if type(piece) is Run else (piece,)
                                   for piece in pieces)

    def last_end(self, default: int) -> int:
        """``self[-1].end`` (``default`` when there are no lines), the ``Line`` not made."""
        for piece in reversed(self._pieces):
            if type(piece) is not Run:
                return piece.end
            if len(piece):
                return piece.last[0]
        return default

    def texts(self, leave_out: frozenset[str]) -> list[str]:
        """The text of each line whose kind is not in ``leave_out``, in order, no
        text line's ``Line`` made."""
        out: list[str] = []
        for piece in self._pieces:
            if type(piece) is Run:
                if "TEXT" not in leave_out:
                    out += piece.texts()
            elif piece.kind not in leave_out:
                out.append(piece.text)
        return out

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


def texts_of(lines: Iterable[Line], leave_out: frozenset[str]) -> list[str]:
    """The text of each of ``lines`` whose kind is not in ``leave_out``."""
    if type(lines) is Lines:
        return lines.texts(leave_out)
    if type(lines) is Run:
        return [] if "TEXT" in leave_out else lines.texts()
    return [line.text for line in lines if line.kind not in leave_out]



class Parts(Sequence[Part]):
    """The parts a body reader keeps for the validator, as columns: each ``Part``
    made anew when it is asked for. A dense 25 MB body has 37,000 parts, each a
    ``Part``, its heading's ``Line``, string, match and ints and its ``Run``: 20 MB
    kept after their data objects were read; as columns, 40 bytes a part. Only a
    part whose lines are a run of the shared columns (or none), whose heading is its
    layout line and whose match can be made again (its pattern run over the same
    characters) is kept so; any other is kept as it is. ``keys`` holds what the
    validator reads of each heading (``keys_of`` it), worked out here while the
    match is at hand, so that it makes no heading again. ``parts`` is emptied as
    they are kept (each let go at once: not held twice at the peak)."""

    __slots__ = ("text", "kinds", "keys", "_keys_of", "_head_kinds", "_patterns", "_columns",
                 "_ints", "_kept", "_ranges")

    def __init__(self, parts: list[Part], text: str,
                 keys_of: Callable[[Line], tuple[str, ...]]) -> None:
        self.text = text
        self.kinds: list[str] = []  # each part's kind, read without making the part
        self.keys: list[tuple[str, ...]] = []
        self._keys_of = keys_of
        # each heading's kind and pattern (None: no match)
        self._head_kinds: list[str] = []
        self._patterns: list[re.Pattern[str] | None] = []
        # per part: heading start, end, number, matched length (-1: no match), lines
        # lo, hi in the shared columns (-1: no lines); after ``let_go_of_columns``
        # the first line's start and the last line's end
        code = column_code(text)
        self._ints = tuple(array(code) for _ in range(6))
        self._columns: tuple[array, array, array] | None = None  # the runs' shared columns
        self._ranges = False  # whether lo, hi are now offsets in the text
        self._kept: dict[int, Part] = {}  # parts kept as they are, by index
        self.take(parts, 0, len(parts))
        parts.clear()

    def take(self, parts: list[Part], lo: int, hi: int) -> None:
        """Keep ``parts[lo:hi]`` after those already kept, each let go from ``parts``."""
        text = self.text
        keys_of = self._keys_of
        add_kind, add_keys = self.kinds.append, self.keys.append
        add_head_kind, add_pattern = self._head_kinds.append, self._patterns.append
        add_start, add_end, add_number, add_size, add_lo, add_hi = (
            c.append for c in self._ints)
        shared = None if self._columns is None else self._columns[0]
        at = len(self.kinds)
        for k in range(lo, hi):
            part = parts[k]
            parts[k] = None  # type: ignore[call-overload]
            kind, head, lines = part
            add_kind(kind)
            add_keys(keys_of(head))
            m = head.match
            start, end = head.start, head.end
            size = -1
            ok = len(head.text) == end - start and text.startswith(head.text, start)
            if ok and m is not None:
                size = len(m.string)
                # a match of the heading's first ``size`` characters from their start
                ok = (m.pos == 0 and m.endpos == size and m.start() == 0
                      and (m.string is head.text or head.text.startswith(m.string)))
            if ok and type(lines) is Run:
                if shared is None:
                    shared = lines.starts
                    self._columns = (lines.starts, lines.ends, lines.numbers)
                ok = lines.starts is shared and lines.text is text
                first, last = lines.lo, lines.hi
            else:
                ok = ok and type(lines) is list and not lines
                first = last = -1
            if not ok:
                self._kept[at] = part
                start = end = first = last = 0
            add_head_kind(head.kind)
            add_pattern(None if m is None else m.re)
            add_start(start)
            add_end(end)
            add_number(head.number)
            add_size(size)
            add_lo(first)
            add_hi(last)
            at += 1

    def let_go_of_columns(self) -> None:
        """Keep each part's lines as the text's range from its first line to its
        last, not as a share of the columns of every text line (4.8 MB of a dense
        25 MB body): the validator seldom reads them. Exact because a lexer run is
        every line between its first and last that is not blank (a line of another
        kind would have ended it)."""
        if self._columns is None or self._ranges:
            return
        starts, ends = self._columns[:2]
        los, his = self._ints[4], self._ints[5]
        kept = self._kept
        for i in range(len(los)):
            lo = los[i]
            if lo >= 0 and i not in kept:
                los[i], his[i] = starts[lo], ends[his[i] - 1]
        self._columns = None
        self._ranges = True

    def __len__(self) -> int:
        return len(self.kinds)

    @overload
    def __getitem__(self, i: int) -> Part: ...
    @overload
    def __getitem__(self, i: slice) -> list[Part]: ...
    def __getitem__(self, i):
        n = len(self.kinds)
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("part index out of range")
        kept = self._kept.get(i)
        if kept is not None:
            return kept
        return Part(self.kinds[i], self.head(i), self.lines(i))

    def lines(self, i: int) -> Sequence[Line]:
        """The lines of part ``i``, no heading made."""
        kept = self._kept.get(i)
        if kept is not None:
            return kept.lines
        lo, hi = self._ints[4][i], self._ints[5][i]
        if lo < 0:
            return []
        if not self._ranges:
            return Run(self.text, *self._columns, lo, hi)  # type: ignore[misc]
        # the lines that are not blank from ``lo`` to ``hi``, numbered from the heading's
        text = self.text
        number = self._ints[2][i] + text.count("\n", self._ints[0][i], lo)
        rows = []
        at = lo
        for line in text[lo:hi].split("\n"):
            if line and not line.isspace():
                rows.append((at, at + len(line), number))
            at += len(line) + 1
            number += 1
        return Run.joined(text, rows)

    def head_text(self, i: int) -> str:
        """The text of part ``i``'s heading, no ``Line`` made."""
        kept = self._kept.get(i)
        if kept is not None:
            return kept.head.text
        return self.text[self._ints[0][i]:self._ints[1][i]]

    def head(self, i: int) -> Line:
        """The heading ``Line`` of part ``i`` (its match made again), no ``Part`` made."""
        kept = self._kept.get(i)
        if kept is not None:
            return kept.head
        starts, ends, numbers, sizes = self._ints[:4]
        start, end, size = starts[i], ends[i], sizes[i]
        text = self.text[start:end]
        kind, pattern = self._head_kinds[i], self._patterns[i]
        m = None
        if pattern is not None:
            m = pattern.match(text if size == len(text) else text[:size])
        return _make_line((kind, text, start, end, numbers[i], m))

    def __iter__(self) -> Iterator[Part]:
        return map(self.__getitem__, range(len(self.kinds)))


def own_columns(lines: Sequence[Line]) -> Sequence[Line]:
    """``lines`` with each run in columns of its own (a share of the lexer's columns
    would hold all of them)."""
    if type(lines) is Run:
        return Run.joined(lines.text, [lines])
    if type(lines) is Lines:
        return Lines([Run.joined(p.text, [p]) if type(p) is Run else p
                      for p in lines._pieces])
    return lines


def kinds_of(parts: Sequence[Part]) -> list[str]:
    """The kind of each of ``parts``, without making a kept part."""
    return parts.kinds if type(parts) is Parts else [part.kind for part in parts]


def part_lines(parts: Sequence[Part], i: int) -> Sequence[Line]:
    """The lines of ``parts[i]``, without making a kept part's heading."""
    return parts.lines(i) if type(parts) is Parts else parts[i].lines


def head_text(parts: Sequence[Part], i: int) -> str:
    """The text of the heading of ``parts[i]``, without making a kept part."""
    return parts.head_text(i) if type(parts) is Parts else parts[i].head.text


def head_of(parts: Sequence[Part], i: int) -> Line:
    """The heading of ``parts[i]``, without making a kept part's lines."""
    return parts.head(i) if type(parts) is Parts else parts[i].head
