"""Exhibit lists: Item 9.01(d) / old Item 7(c) and the exhibit index.

``grammar/exhibits.lark`` says what a list looks like (a label, a column header,
rows of a number and a description with continuation lines, notes, legends,
"Not applicable." kinds) and names its line kinds; ``exhibit_lexer`` decides
from context which lines are rows, continuations, notes and legends. Here the
parse tree becomes ``Exhibit`` objects, and Python does what a grammar cannot
say well: the columns. A column after the description ("Method of Filing",
"Page") is cut off where the header places it, and a trailing "Page 3" after a
wide gap always is; when the header is collapsed to single spaces and the
column cannot be placed, the list's descriptions are *suspect* and a clean
list of the same exhibit (the exhibit index) supplies the description.

A footnote marker ("*2.1", "10.1*", "... Louisiana*") refers to the legend below
its list, or below another list ("* Previously filed."): a legend that says the
exhibit was filed before or is incorporated by reference marks it incorporated,
and so does a "(previously filed)" note below its row. Rows of all lists are
merged by number, first occurrence first (incorporated by reference if any list
says so).

Where a list departs from the layout (text between its rows: a row that lost
its number, or one broken by a page break) the grammar reports
``exhibit-layout`` at the line, worded from examples; the list is read anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from lark import Token
from msgspec.structs import replace

from ..grammars import Transformer
from ..layout.text import Layout
from ..lexing import LineToken, lines_of
from ..model import Exhibit
from ..prefilter import lower_like_re
from ..regions import Region, SyntaxProblem
from ..vocab.exhibit_numbers import exhibit_key
from .columns import chunks
from .exhibit_lexer import (
    HEAD,
    ListStart,
    desc_at,
    find_list,
    indent_of,
    lex_list,
    line_of,
    list_start,
    marker,
    number_of,
    pattern,
    tokens_of,
    trailing_marker,
)
from .items import part_keys
from .lexer import markup_kind
from .lines import Line, Part, head_text, kinds_of, part_lines

# what says an exhibit was filed before: "incorporated herein by reference",
# "previously filed" (the NOTE line of grammar/exhibits.lark says it on its own line)
_INCORPORATED_WORDS = r"incorporated\s+(?:herein\s+)?by\s+reference|previously\s+filed"
INCORPORATED = re.compile(rf"{_INCORPORATED_WORDS}|filed\s+as\s+exhibit", re.IGNORECASE)
# what a legend says when its rows are incorporated: "Previously filed.", "Incorporated
# by reference to ...", "... Exhibit 2.1 is hereby incorporated by reference to ..." (not
# "... may only be incorporated by reference in another filing ...")
_LEGEND_INCORPORATED = re.compile(
    rf"[\W_]{{0,5}}(?:{_INCORPORATED_WORDS}|filed\s+(?:previously|as\s+exhibit))"
    rf"|.{{0,300}}?\b(?:is|are)\s+(?:hereby\s+)?(?:{_INCORPORATED_WORDS})",
    re.IGNORECASE,
)


def incorporated(description: str) -> bool:
    """Whether a description says its exhibit was filed before (``INCORPORATED``).
    Each way of saying it holds "filed" or "incorporated": a description with
    neither (most) is not scanned (``lower_like_re``: where lower-casing does not
    fold as the pattern's IGNORECASE does, the pattern tells)."""
    low = lower_like_re(description)
    if low is not None and "filed" not in low and "incorporated" not in low:
        return False
    return INCORPORATED.search(description) is not None


_DESCRIPTION_WORDS = {"description", "of", "exhibit", "exhibits", "document", "documents"}


# ------------------------------------------------------------------ columns


class Columns(NamedTuple):
    cut: int | None  # column where a column after the description starts
    suspect: bool  # a column after the description that cannot be placed


def columns(header: LineToken | None, text: str) -> Columns:
    """Where the column header of a list ("Exhibit No.   Description   Method of
    Filing") places the column after the description."""
    if header is None:
        return Columns(None, False)
    found = chunks(line_of(header, text)[:HEAD])
    for i, chunk in enumerate(found):
        low = chunk.text.lower().split()
        if "description" not in low and "document" not in low:
            continue
        at = low.index("description" if "description" in low else "document")
        suspect = any(w not in _DESCRIPTION_WORDS for w in low[at + 1 :])
        return Columns(found[i + 1].start if i + 1 < len(found) else None, suspect)
    return Columns(None, False)


def _column_end(line: str, start: int, cut: int | None) -> int:
    """Where the description in ``line`` (from ``start``) ends by the columns: at the
    end of the line, or before the gap in front of the next column."""
    end = len(line.rstrip())
    if cut is None:
        # a page column at the end: "News Release dated March 22, 1994        Page 3"
        gap = line.rfind("   ", start, end)
        if gap > start and pattern("PAGE_NUMBER").match(line, gap, end):
            while gap > start and line[gap - 1] == " ":
                gap -= 1
            return gap
        return end
    if end <= cut or cut <= start:
        return end
    gap = line.rfind("  ", start, cut + 3)
    if gap == -1 or gap + 2 < cut - 4:
        return end
    while gap > start and line[gap - 1] == " ":
        gap -= 1
    return gap


def description_end(line: str, start: int, cut: int | None) -> int:
    """Where the description in ``line`` (from ``start``) ends: where its column
    ends, and before a leader ("Press release ........ 16", "Consent of KPMG
    ......", a LEADER of grammar/exhibits.lark) that fills the space to the page
    column (the last 300 characters are looked at: a leader is at the end)."""
    end = _column_end(line, start, cut)
    if end - start < 3:
        return end
    at = max(start, end - 300)
    # a leader is three or more of ". _ - =" (dots maybe spaced): a description
    # with fewer has none, and the pattern need not scan it
    if (line.count(".", at, end) + line.count("-", at, end) + line.count("_", at, end)
            + line.count("=", at, end)) < 3:
        return end
    fill = pattern("LEADER").search(line, at, end)
    return end if fill is None else max(fill.start(), start)


# ------------------------------------------------------------------ the transformer


class _Found(NamedTuple):
    """A row as read: its values and where they are, made into an ``Exhibit`` only
    when the merge of the lists keeps it (most filings list an exhibit twice, a
    dense one thousands of times: the copies need no spans)."""

    number: str
    number_at: tuple[int, int]  # layout offsets
    description: str
    description_at: tuple[int, int]
    source: str  # "item" or "index"
    incorporated: bool  # by reference
    suspect: bool  # its description may hold another column
    mark: str = ""  # its footnote marker, for the legend below the list

    def exhibit(self, layout: Layout) -> Exhibit:
        return Exhibit(
            number=layout.value(self.number, *self.number_at),
            description=layout.value(self.description, *self.description_at),
            source=self.source, incorporated_by_reference=self.incorporated,
        )


class _List(NamedTuple):
    rows: list[_Found]
    legends: dict[str, str]  # by footnote marker


class _Builder(Transformer):
    """One method per rule of ``grammar/exhibits.lark``, returning exhibits."""

    def __init__(self, layout: Layout, ends: Callable[[str, int], int], suspect: bool,
                 index: bool) -> None:
        """``ends(line, start)``: where a description ends (``description_end`` by the
        list's columns)."""
        super().__init__(visit_tokens=False)
        self.layout = layout
        self.ends = ends
        self.suspect = suspect
        self.index = index

    def _piece(self, token: Token, at: int) -> tuple[int, int, str] | None:
        line = line_of(token, self.layout.text)  # type: ignore[arg-type]
        end = self.ends(line, at)
        if end <= at:
            return None
        return token.start_pos + at, token.start_pos + end, line[at:end]

    def row(self, children: list[Token]) -> _Found | None:
        head, *rest = children
        m = head.match  # type: ignore[attr-defined]
        number, number_start, number_end = number_of(m)
        at = desc_at(m)
        pieces = [] if at is None else [self._piece(head, at)]
        for token in rest:
            if token.type == "CONTINUATION":
                pieces.append(self._piece(token, indent_of(token.value)))
        found = [p for p in pieces if p is not None]
        if not found:  # "EX-1.1" alone on its line, nothing follows: no row
            return None
        # clean text: its lines joined, runs of spaces (justified or tabbed text:
        # "Letter   Agreement,   dated") made one
        value = " ".join(" ".join(text.split()) for _, _, text in found)
        mark = marker(m) or trailing_marker(value)
        noted = bool(rest) and rest[-1].type == "NOTE"  # "(previously filed)" below it
        return _Found(number, (head.start_pos + number_start, head.start_pos + number_end),
                      value, (found[0][0], found[-1][1]), "index" if self.index else "item",
                      noted or incorporated(value), self.suspect, mark)

    def kind_heading(self, children: list[Token]) -> None:
        return None  # "(16) Letter re change in accountant" / "Not applicable.": none

    def legend(self, children: list[Token]) -> None:
        return None  # its text was read with the list's tokens (a legend may stand below)

    def start(self, children: list) -> list[_Found]:
        return [c for c in children if isinstance(c, _Found)]


# ------------------------------------------------------------------ the region


def _example_tokens(text: str) -> list[LineToken]:
    """The tokens of a small Item 9.01 text (for wording errors from examples)."""
    lines = [Line(markup_kind(text[s:e]) or "TEXT", text[s:e], s, e, n)
             for s, e, n in lines_of(text)]
    start = list_start(tokens_of(lines), "9.01")
    if start is None:
        return []
    return lex_list(start, text, lambda line, at: description_end(line, at, None)).tokens


_WORDS = {
    "ROW": "an exhibit row", "KIND_HEAD": "an exhibit row", "LEGEND": "a footnote legend",
    "CONTINUATION": "the description going on", "NOTE": "a `(previously filed)` note",
    "TEXT": "text",
}
# Text between two rows, after each kind of line that may come before it (each
# leaves the parser in a state of its own).
_ABOVE = [
    "99.1 Press release.", "99.1 Press release of the\nCompany.",
    "99.1 Press release.\n\n(previously filed)", "16 Letter re accountants\n\nNot applicable.",
    "99.1 Press release.\n* Furnished.", "99.1 Press release.\n-----",
    "99.1 Press release.\n-2-", "99.1 Press release.\n\nExhibit No.   Description",
    "99.1 Press release.\n\n(Schedules omitted.)",
    "99.1 Press release.\n\nEXHIBIT INDEX (continued)", "99.1 Press release.\n\n(d) Exhibits",
    "99.1 Press release.\n\n(d) Exhibits furnished", "99.1 Press release.\n*",
    "99.1 Press release.\n\nExhibit. Page",
]
_EXAMPLES = {
    "text between the rows of the exhibit list: a row that lost its number, or the rest "
    "of a row broken by a page break": [
        f"(d) Exhibits\n\n{above}\n\nThe presentation of the Company.\n\n99.2 Presentation.\n"
        for above in _ABOVE],
}
REGION = Region("exhibits.lark", _example_tokens, _WORDS, _EXAMPLES)


def _report(layout: Layout, problem: SyntaxProblem) -> None:
    token = problem.token
    expected = " or ".join(problem.expected)
    lines = layout.text[token.start_pos : token.end_pos]
    start = token.start_pos + len(lines) - len(lines.lstrip())  # the text, not its indent
    layout.source.report(
        "exhibit-layout", problem.message, layout.span(start, token.end_pos),
        label=f"expected {expected}" if expected else problem.message,
    )


def _ends(cut: int | None) -> Callable[[str, int], int]:
    """``description_end`` by one list's columns, each line worked out once: the
    lexer's passes ask where a row's description ends, and the builder asks again."""
    done: dict[tuple[str, int], int] = {}

    def ends(line: str, at: int) -> int:
        key = (line, at)
        found = done.get(key)
        if found is None:
            found = done[key] = description_end(line, at, cut)
        return found
    return ends


def read_list(start: ListStart, layout: Layout, index: bool = False) -> _List:
    """The rows of one list and the legends below it; departures go to the source."""
    cut, suspect = columns(start.header, layout.text)
    ends = _ends(cut)
    tokens, legends = lex_list(start, layout.text, ends)
    if not any(t.type in ("ROW", "KIND_HEAD") for t in tokens):
        return _List([], legends)  # no row: nothing to read, nothing out of place
    def builder() -> _Builder:
        return _Builder(layout, ends, suspect, index)

    rows = REGION.parse(tokens, lambda problem: _report(layout, problem), builder)
    if rows is None:
        # more departures than recovery takes (each was reported): the rows
        # without the text between them
        rows = REGION.parse([t for t in tokens if t.type != "TEXT"], lambda problem: None,
                            builder)
    if rows is None:
        return _List([], legends)
    return _List(rows, legends)


def _heading_is_label(heading: str) -> bool:
    """ "Item 7(c). Exhibits", "ITEM 9.01(d). Exhibits": the heading labels the list."""
    words = [w for w in re.findall(r"[a-z]{1,20}", heading[:HEAD].lower())
             if w not in ("item", "items", "c", "d")]
    return words in (["exhibits"], ["exhibit"])


def _start_of(parts: Sequence[Part], i: int, kind: str) -> ListStart | None:
    """Where the exhibit list of part ``i`` (of ``kind``) starts: Item 9.01 / 7 and
    the exhibit index have one; another item only under a label or a column header
    of its own. (Read by index: a dense body's parts kept as columns are not made.)"""
    if kind == "exhibit_index":
        return list_start(tokens_of(part_lines(parts, i)), "index")
    if kind != "item":
        return None
    lines = part_lines(parts, i)
    if set(part_keys(parts, i)) & {"9.01", "7"}:
        where = "labelled" if _heading_is_label(head_text(parts, i)) else "9.01"
    elif find_list(lines):
        where = "other"
    else:
        return None
    return list_start(tokens_of(lines), where)


def read_exhibits(parts: Sequence[Part], layout: Layout) -> list[Exhibit]:
    lists = []
    for i, kind in enumerate(kinds_of(parts)):
        start = _start_of(parts, i, kind)
        if start is not None:
            lists.append(read_list(start, layout, kind == "exhibit_index"))
    # a marker's legend: the one below its own list, else one below another list
    anywhere: dict[str, str] = {}
    for found in lists:
        for mark, legend in found.legends.items():
            anywhere.setdefault(mark, legend)
    rows: list[_Found] = []
    for found in lists:
        for f in found.rows:
            legend = found.legends.get(f.mark, anywhere.get(f.mark)) if f.mark else None
            if (legend is not None and not f.incorporated
                    and _LEGEND_INCORPORATED.match(legend) is not None):
                f = f._replace(incorporated=True)
            rows.append(f)
    where: dict[tuple, int] = {}
    out: list[Exhibit] = []
    suspect: list[bool] = []
    for f in rows:
        key = exhibit_key(f.number)
        if key in where:
            i = where[key]
            if suspect[i] and not f.suspect:
                # the first list mixed another column into its descriptions
                out[i] = replace(out[i], description=layout.value(f.description,
                                                                  *f.description_at))
                suspect[i] = False
            if f.incorporated and not out[i].incorporated_by_reference:
                # the exhibit index says what the item's list does not ("*2.1" and its legend)
                out[i] = replace(out[i], incorporated_by_reference=True)
            continue
        where[key] = len(out)
        out.append(f.exhibit(layout))
        suspect.append(f.suspect)
    return out

