"""Lines and parts of an 8-K text, as the body transformer hands them on."""

from __future__ import annotations

import re
from typing import NamedTuple


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
    lines: list[Line]

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else self.head.end
