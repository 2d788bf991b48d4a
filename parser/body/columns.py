"""Column arithmetic for text laid out in aligned columns.

Cover pages, signature blocks and exhibit lists put values side by side,
separated by runs of spaces. A *chunk* is a run of text with at most single
spaces inside; chunks are matched to columns by how much they overlap.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

_CHUNK = re.compile(r"\S+(?: \S+)*")
_RULE = re.compile(r"^[\s\-=_*~.]*$")


class Chunk(NamedTuple):
    start: int  # column of the first character
    end: int  # column after the last character
    text: str

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2


_COLUMN_TAGS = re.compile(r"<[SsCc]>")
_chunk = functools.partial(tuple.__new__, Chunk)  # Chunk._make, without its Python frame


def chunks(line: str) -> list[Chunk]:
    """Runs of text separated by two or more spaces (tabs count as gaps too).

    ASCII table column markers (``<S>``, ``<C>``) count as spaces, so they never
    end up in a value.
    """
    if "\t" in line:
        line = line.replace("\t", "  ")
    if "<" in line:
        line = _COLUMN_TAGS.sub("   ", line)
    # Most lines are one run with single spaces inside (a name, a title, prose):
    # that run is the line without its blanks, found without the pattern. Printable
    # means no blank but " " (every other character ``\s`` matches is not).
    text = line.strip(" ")
    if text and "  " not in text and text.isprintable():
        lead = len(line) - len(line.lstrip(" "))
        return [_chunk((lead, lead + len(text), text))]
    return [_chunk((m.start(), m.end(), m.group())) for m in _CHUNK.finditer(line)]


def split_chunk(chunk: Chunk, cuts: list[int]) -> list[Chunk]:
    """``chunk`` cut at the given offsets into its text (blank pieces dropped)."""
    out: list[Chunk] = []
    bounds = sorted({0, *cuts})
    for a, b in zip(bounds, [*bounds[1:], len(chunk.text)], strict=True):
        piece = chunk.text[a:b].strip()
        if piece:
            at = chunk.text.index(piece, a)
            out.append(Chunk(chunk.start + at, chunk.start + at + len(piece), piece))
    return out


def is_rule(line: str) -> bool:
    """A line of dashes, underscores or equals signs drawn under a value."""
    stripped = line.strip()
    return bool(stripped) and _RULE.match(stripped) is not None and len(stripped) >= 3


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def best_column(chunk: Chunk, columns: list[tuple[int, int]]) -> int:
    """Index of the column ``chunk`` belongs to: largest overlap, else nearest centre."""
    best, best_score = 0, None
    for i, (start, end) in enumerate(columns):
        score = overlap(chunk.start, chunk.end, start, end)
        if score <= 0:
            score = -abs(chunk.center - (start + end) / 2)
        if best_score is None or score > best_score:
            best, best_score = i, score
    return best
