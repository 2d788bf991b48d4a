"""Line tokens of an exhibit list: ``grammar/exhibits.lark``'s terminals, then passes.

Each line of an item or of the exhibit index is named by the exhibit
vocabulary (a row, a label, a column header, a legend ...); what a pattern
cannot see is decided by one pass each, in this order:

- ``list_start``: where the list starts (after its label, else after a column
  header), whether it is read strictly, and which header places its columns;
- ``legends``: a legend and the lines that go on below it become one token;
- ``rows_in_context``: which row-looking lines start rows, which lines continue
  the row above, and where prose makes the rest of the list strict;
- ``notes``: "(previously filed)" is a note only as a paragraph of its own right
  below a row;
- ``kind_headings``: a row followed by "Not applicable." heads a kind of exhibit;
- ``list_end``: the list ends with its last row and the legends right below it;
  a paragraph of text becomes one token.

The decisions of ``rows_in_context`` depend on each other (a line that continues
a row is no prose, prose makes later rows strict, and what is a row decides what
continues it), so they are one pass, with one named predicate per rule.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple

from .. import grammars
from ..lexing import HEAD as LINE_HEAD
from ..lexing import LineToken, Vocabulary, line_token
from ..prefilter import lower_like_re
from .lexer import MARKUP
from .lines import Line, texts_of

HEAD = 400  # characters of a line the context rules look at (legends, prose)
# kinds the passes give; no line is lexed as one of them
MADE = frozenset(("CONTINUATION", "KIND_HEAD"))
# lines that never continue a row: "-3-", "------", "*"
FURNITURE = frozenset(("RULE", "STRAY_MARK", "PAGE_NUMBER"))


@functools.cache
def vocabulary(names: tuple[str, ...] | None = None) -> Vocabulary:
    """The exhibit list's line kinds (or some of them)."""
    lark = grammars.load("exhibits.lark")
    if names is None:
        names = tuple(t.name for t in lark.terminals if t.name not in MADE)
    return Vocabulary(lark, names)


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern of one terminal (for a column inside a line)."""
    return dict(vocabulary().kinds)[name]


# ------------------------------------------------------------------ what a row is
# The ROW terminal's groups, read: where the number and the description are, and
# how the row is written.


def is_row(row: re.Match[str]) -> bool:
    """The rules of a row the ROW pattern leaves to its groups: a comma follows a
    number only after "Exhibit" ("Exhibit 16, the letter ..." but not "15, 1994"),
    a description holds a word (not "10.50   1,250,000", a price and a share count
    in a table of figures, nor the page range "1 - 15"), and a number alone on its
    line has a dot or parentheses (not the page "17")."""
    if row.group("dot") == "," and row.group("prefix") is None:
        return False
    if row.start("desc") >= 0 and row.group("worded") is None:
        return False
    return (row.start("desc") >= 0 or row.group("pnum") is not None
            or row.group("dots") is not None or row.group("sub") is not None)


def _split(row: re.Match[str]) -> bool:
    """ "2    .1": a number split over two table cells (only when the first holds no dot)."""
    return (row.group("split") is not None and row.group("pnum") is None
            and row.group("dots") is None)


def number_of(row: re.Match[str]) -> tuple[str, int, int]:
    """The exhibit number of a row ("2.1" of "2    .1"), where it starts and ends."""
    group = "pnum" if row.group("pnum") is not None else "num"
    if _split(row):
        return f"{row.group(group)}.{row.group('split')}", row.start(group), row.end("split")
    return row.group(group), row.start(group), row.end(group)


def desc_at(row: re.Match[str]) -> int | None:
    """Where the description starts in the line (None: nothing after the number)."""
    if row.group("split") is not None and not _split(row):
        return row.start("split") - 1  # "2.1   .3 ...": the ".3" is text
    at = row.start("desc")
    return at if at >= 0 else None


def description_of(row: re.Match[str]) -> str:
    at = desc_at(row)
    return row.string[at:] if at is not None else ""


def fraction(row: re.Match[str]) -> bool:
    """ "6 5/8% Series due 2004": a fraction, not an exhibit number and its description."""
    return row.group("fraction") is not None and (row.group("split") is None or _split(row))


def loose(row: re.Match[str]) -> bool:
    """ "(1) ..." or "16. ...": a numbered paragraph too, unless under a label."""
    return row.group("pnum") is not None or row.group("dot") == "."


def style(row: re.Match[str]) -> tuple[bool, bool]:
    """How a row is written: with "Exhibit", in parentheses."""
    return row.group("prefix") is not None, row.group("pnum") is not None


def spaced(row: re.Match[str]) -> bool:
    """Two or more spaces between number and description, as in a table."""
    at = desc_at(row)
    return at is not None and row.string.count(" ", row.end("mark"), at) >= 2


def marker(row: re.Match[str]) -> str:
    """The footnote marker of a row: the "*" of "*2.1" or "10.1*"."""
    return row.group("lead") or row.group("mark")


_TRAILING_MARK = re.compile(r"(?<=[^\s*†‡+#])[*†‡+]{1,3}$")


def trailing_marker(description: str) -> str:
    """A footnote marker at the end of a description: the "*" of "... Louisiana*"."""
    found = _TRAILING_MARK.search(description[-10:])
    return found.group() if found else ""


def starts_like_a_row(description: str) -> bool:
    """Whether a description begins the way a description does (strict lists)."""
    return bool(description) and (description[0].isupper()
                                  or description[0] in "\"'“‘([$0123456789")


# ------------------------------------------------------------------ tokens


def classify(line: str, words: Vocabulary | None = None) -> tuple[str, re.Match[str] | None]:
    """The kind of a line and its match; a ROW match that breaks a rule of rows
    (``is_row``) names the line by the other kinds."""
    words = words or vocabulary()
    kind, match = words.classify(line)
    if kind == "ROW" and not is_row(match):  # type: ignore[arg-type]
        kind, match = _without_row(words).classify(line)
    return kind, match


@functools.cache
def _without_row(words: Vocabulary) -> Vocabulary:
    """``words`` but ROW (a line whose ROW match breaks a rule of rows)."""
    return vocabulary(tuple(n for n in words.names() if n != "ROW"))


def tokens_of(lines: Iterable[Line]) -> list[LineToken]:
    """One token per line of a part, named by the exhibit vocabulary (layout tags
    keep their kind)."""
    out = []
    words = vocabulary()
    first = words.first  # ``classify``, its calls written out
    for line in lines:
        if line.kind in MARKUP:
            out.append(line_token(line.kind, line.text, line.start, line.number, line.number,
                                  line.end))
            continue
        found = first(line.text[:LINE_HEAD])
        if found is None:
            out.append(line_token("TEXT", "", line.start, line.number, line.number, line.end))
            continue
        kind, match = found
        if kind == "ROW" and not is_row(match):  # type: ignore[arg-type]
            kind, match = _without_row(words).classify(line.text)
        out.append(line_token(kind, "" if kind == "TEXT" else line.text, line.start,
                              line.number, line.number, line.end, match))
    return out


def line_of(token: LineToken, text: str) -> str:
    return token.value or text[token.start_pos : token.end_pos]


# ------------------------------------------------------------------ list_start


class ListStart(NamedTuple):
    label: LineToken | None  # "(d) Exhibits" (a row on the label line is a row)
    tokens: list[LineToken]  # the list from below its label
    strict: bool  # rows must look like rows (no label or header was found)
    header: LineToken | None  # the column header that places the columns


def _header_before_rows(tokens: list[LineToken], named: bool = False) -> int | None:
    """Where the column header of a list is, if one comes before its first row
    (numbered paragraphs, "(1) ...", may come first)."""
    for i, token in enumerate(tokens):
        if token.type == "HEADER" and (not named or token.match.group("named") is not None):
            return i
        if token.type == "LABEL" and token.match.group("bare") and not named:
            return i  # "Exhibits" alone heads an exhibit index
        if token.type == "ROW" and not loose(token.match):
            return None
    return None


def is_label(token: LineToken, standalone: bool) -> bool:
    """An exhibits label: "(d) Exhibits", "EXHIBITS" (in an item other than 9.01 / 7
    only these, on a line of their own), "(c) The following exhibits are filed:",
    or a label line holding the first row ("(c) Exhibit 99.1 - ...")."""
    if token.type == "LABEL":
        return True
    if standalone:
        return False
    return token.type == "LETTERED_LABEL" or (
        token.type == "ROW" and token.match.group("label") is not None)


def first_label(lines: Sequence[Line], standalone: bool) -> tuple[int, LineToken] | None:
    """The first line of ``lines`` that ``is_label`` (as ``tokens_of`` names it), and
    its index: only the lines that spell "exhibit" are named, as every kind of label
    does (LABEL, LETTERED_LABEL, and a ROW's ``label`` group, which looks ahead
    for it); a line is named alone, whatever is around it."""
    texts = texts_of(lines, frozenset())
    words = vocabulary()
    for i in holding([text[:LINE_HEAD] for text in texts], ("exhibit",)):
        line = lines[i]
        if line.kind in MARKUP:
            continue
        found = words.first(texts[i][:LINE_HEAD])
        if found is None:
            continue
        kind, match = found
        if kind == "ROW" and not is_row(match):  # type: ignore[arg-type]
            kind, match = _without_row(words).classify(texts[i])
        token = line_token(kind, texts[i], line.start, line.number, line.number, line.end, match)
        if is_label(token, standalone):
            return i, token
    return None


def list_start(tokens: list[LineToken], where: str) -> ListStart | None:
    """The list of an item or of the exhibit index (``where``: "9.01" for Item
    9.01 / 7, "labelled" for an Item 7(c) heading that is the label, "other" for
    another item, "index").

    A list starts at its label ("(d) Exhibits"; in another item only a label on
    a line of its own), whose next lines may hold the column header; else at a
    column header before the first row (in another item one that names the
    description). Under Item 9.01 / 7 without either the whole item is the
    list, read strictly unless the heading is the label; another item has no
    list then. The exhibit index is a list from its header, or from its top.
    """
    if where == "index":
        at = _header_before_rows(tokens)
        if at is None:
            return ListStart(None, tokens, False, None)
        return ListStart(None, tokens[at:], False, tokens[at])
    standalone = where == "other"
    for i, token in enumerate(tokens):
        if is_label(token, standalone):
            if token.type == "ROW":  # "(c) Exhibit 99.1 - Joint Press Release ..."
                label, rest, window = None, tokens[i:], tokens[i : i + 8]
            else:
                label, rest = token, tokens[i + 1 :]
                window = rest[:8]
            at = _header_before_rows(window)
            return ListStart(label, rest, standalone, None if at is None else window[at])
    at = _header_before_rows(tokens, named=standalone)
    if at is not None:
        return ListStart(None, tokens[at:], standalone, tokens[at])
    if standalone:
        return None
    return ListStart(None, tokens, where != "labelled", None)


# What a line holds (case ignored) when ``find_list`` can stop at it with True: a
# LABEL spells "exhibit" in both of its branches, a HEADER naming the description
# (its ``named`` group) "description" or "document". A line with none of them is
# neither, whatever it is.
_LIST_WORDS = ("exhibit", "description", "document")
_PLUS_ONE = (1).__add__


def holding(texts: list[str], words: tuple[str, ...] = _LIST_WORDS) -> list[int]:
    """The indexes of the lines of ``texts`` that may hold one of ``words`` (lower
    case, no newline), case ignored, in order: found in the lines joined and
    lower-cased at once, not line by line (``lower_like_re``: a line where lower-
    casing does not fold as the patterns' IGNORECASE does is kept whatever it
    holds)."""
    joined = "\n".join(texts)
    low = lower_like_re(joined)
    if low is None:  # (a line where only the pattern can tell is kept)
        return [i for i, low in enumerate(map(lower_like_re, texts))
                if low is None or any(w in low for w in words)]
    found: set[int] = set()
    starts: list[int] | None = None  # where each line starts in ``joined``
    for word in words:
        at = low.find(word)
        while at != -1:
            if starts is None:
                starts = list(accumulate(map(_PLUS_ONE, map(len, texts)), initial=0))
            k = bisect_right(starts, at) - 1
            found.add(k)
            at = low.find(word, starts[k + 1])  # (from the next line on)
    return sorted(found)


def _list_kind(text: str, words: Vocabulary) -> tuple[str, re.Match[str] | None]:
    """``classify`` of a line by ``words`` (ROW, LABEL, HEADER), its calls written out."""
    found = words.first(text[:LINE_HEAD])
    if found is None:
        return "TEXT", None
    kind, match = found
    if kind == "ROW" and not is_row(match):  # type: ignore[arg-type]
        kind, match = _without_row(words).classify(text)
    return kind, match


def find_list(lines: Iterable[Line]) -> bool:
    """Whether another item holds an exhibit list: a label on a line of its own,
    or a column header naming the description before any row.

    A label anywhere answers yes (before the first row that is no numbered
    paragraph, or after it); a header only before such a row. Only the lines that
    may be either (``holding`` one of ``_LIST_WORDS``) are named first: most items have none of
    them, and most of the rest only a sentence that mentions an exhibit."""
    words = vocabulary(("ROW", "LABEL", "HEADER"))
    texts = texts_of(lines, MARKUP)
    header = False
    # (a line is named by its head: a word further on decides nothing)
    for i in holding([text[:LINE_HEAD] for text in texts]):
        kind, match = _list_kind(texts[i], words)
        if kind == "LABEL":
            return True
        if kind == "HEADER" and match.group("named") is not None:  # type: ignore[union-attr]
            header = True
    if not header:
        return False
    # a header that names the description: whether a row comes before it
    for text in texts:
        kind, match = _list_kind(text, words)
        if kind == "HEADER" and match.group("named") is not None:  # type: ignore[union-attr]
            return True
        if kind == "ROW" and not loose(match):  # type: ignore[arg-type]
            return False  # (no line is a label: that was looked for above)
    return False


# ------------------------------------------------------------------ legends


def _legend_text(token: LineToken) -> str:
    return token.value[:HEAD][token.match.end():].strip()


def legends(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """A legend ("* Previously filed.") and the lines right below it that go on
    ("(File No. 33-51373).") are one LEGEND token, its lines joined by newlines.

    A line that starts a row with a description begins as a description does
    ends it, and so does a legend text of 1000 characters; the text of a marker's
    later legends goes on the first one's (what ``legend_texts`` reads).
    """
    length: dict[str, int] = {}  # of each marker's legend text so far
    open_: LineToken | None = None
    mark = ""
    for token in tokens:
        if token.type in MARKUP:
            if open_ is not None:
                yield open_
                open_ = None
            yield token
            continue
        if token.type == "LEGEND":
            if open_ is not None:
                yield open_
            mark = token.match.group("mark")
            length.setdefault(mark, len(_legend_text(token)))
            open_ = token
            continue
        if (open_ is not None and token.line == open_.end_line + 1 and length[mark] < 1000
                and not (token.type == "ROW"
                         and starts_like_a_row(description_of(token.match)))):
            line = line_of(token, text)
            length[mark] += 1 + len(line[:HEAD].strip())
            open_ = line_token("LEGEND", f"{open_.value}\n{line}", open_.start_pos, open_.line,
                               token.line, token.end_pos, open_.match)
            continue
        if open_ is not None:
            yield open_
            open_ = None
        yield token
    if open_ is not None:
        yield open_


def legend_texts(tokens: Iterable[LineToken]) -> dict[str, str]:
    """The legend of each marker: its first legend, with the lines that go on below
    any legend of that marker."""
    out: dict[str, str] = {}
    for token in tokens:
        if token.type != "LEGEND":
            continue
        first, *more = token.value.split("\n")
        mark = token.match.group("mark")
        if mark not in out:
            out[mark] = _legend_text(token.retyped("LEGEND", first, token.match))
        for line in more:
            out[mark] = f"{out[mark]} {line[:HEAD].strip()}"
    return out


# ------------------------------------------------------------------ rows_in_context

# words a line does not end with unless the description goes on below
_OPEN_WORDS = frozenset(("of", "and", "the", "or", "to", "for", "by", "with", "between",
                         "among", "in", "on", "a", "an", "&", "from", "under", "at", "as"))
_LAST_WORD = re.compile(r"(?:^|\s)([^\s]{1,12})$")


def open_end(text: str, comma: bool = True) -> bool:
    """Whether a description line stops where it cannot: after a comma or "of"."""
    text = text[-200:].rstrip()
    if comma and text.endswith(","):
        return True
    m = _LAST_WORD.search(text)
    return m is not None and m.group(1).lower() in _OPEN_WORDS


def is_prose(token: LineToken, line: str) -> bool:
    """A line of a paragraph of text: four words or more, not ending in a colon
    (which introduces the list), not a column header."""
    stripped = line[:HEAD].strip()
    return (token.type != "HEADER" and not stripped.endswith(":")
            and len(stripped.split(None, 3)) > 3 and any(c.isalpha() for c in stripped))


class _Row(NamedTuple):
    """The row being read: where it is, how it is laid out, its last text."""

    last: int  # line number of its last line
    indent: int
    desc_col: int | None  # column of its description
    spaced: bool  # laid out as a table row
    lower: bool  # its description starts in lower case
    tail: str | None  # the last line of its description (after column cutting)


def indent_of(line: str) -> int:
    head = line[:HEAD]
    return len(head) - len(head.lstrip(" \t"))


def _adjacent(row: _Row | None, token: LineToken, previous: int) -> bool:
    """Whether ``token`` is right below the open row, or below a blank line after a
    description that cannot end there ("... additional information of")."""
    return row is not None and (
        token.line == row.last + 1
        or (previous == row.last and token.type != "ROW" and row.tail is not None
            and open_end(row.tail, comma=False)))


def _continues(row: _Row, token: LineToken, line: str, list_style: tuple[bool, bool] | None
               ) -> bool:
    """Whether a row-looking line right below a row goes on with its description:
    at the description column of a table ("10 Day Notes"), below a line that cannot
    end ("of First Mortgage Bonds,"), a fraction ("6 5/8% Series due 2004"), in
    another style than the list's rows, or in lower case after a capital."""
    m = token.match
    indent = indent_of(line)
    at_desc_col = (row.desc_col is not None and row.spaced and not spaced(m)
                   and indent >= row.desc_col - 1 and indent > row.indent + 1)
    goes_on = (fraction(m)
               or (not spaced(m) and row.tail is not None and open_end(row.tail)))
    lower = description_of(m)[:1].islower() and not row.lower
    return at_desc_col or goes_on or style(m) != list_style or lower


def _row_below(tokens: list[LineToken], i: int) -> bool:
    """Whether the line right below ``tokens[i]`` (layout tags aside) is a ROW."""
    below = _significant(tokens, i, 1)
    return below is not None and below.type == "ROW" and below.line == tokens[i].end_line + 1


def rows_in_context(tokens: Iterable[LineToken], text: str, strict: bool,
                    description_end: Callable[[str, int], int]) -> Iterator[LineToken]:
    """Decide the rows of a list: a ROW starts a row, continues the one above
    (CONTINUATION) or, in a strict list, is TEXT; any other line right below a row
    continues it unless it is a page number, a rule or a footnote marker.

    A list is strict without a label, and becomes strict after a paragraph of
    prose: then a row must start a paragraph and its description like one, and
    "(1)" / "1." numbering is a paragraph's. In any list, a line right below a
    line of prose whose "description" does not start like one ("10.50 per share,
    net to the seller") is the sentence going on. A row in parentheses keeps to the
    style of the list's first row. ``description_end(line, start)`` is where the
    description in a line ends (column cutting).
    """
    row: _Row | None = None
    list_style: tuple[bool, bool] | None = None
    prose = False  # the previous line was prose
    previous = -10  # line number of the previous line
    tokens = tokens if isinstance(tokens, list) else list(tokens)
    # Below the last ROW line, with no row open, every line passes as it is (only a
    # ROW starts a row, only an open row is continued, and strictness and prose only
    # decide rows): an item's text after its list is not looked at line by line.
    last_row = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].type == "ROW"), -1)
    for i, token in enumerate(tokens):
        if row is None and i > last_row:
            yield from tokens[i:]
            return
        kind = token.type
        if kind in MARKUP:
            yield token
            continue
        if kind == "LEGEND" or (kind == "NOT_APPLICABLE" and row is not None):
            # a legend closes the row; "Not applicable." below a row: no exhibit
            row, prose, previous = None, False, token.end_line
            yield token
            continue
        if prose and token.line > previous + 1:
            strict = True
        m = token.match if kind == "ROW" else None
        # (a line of text in a strict list, no row open, needs its text only below)
        line = line_of(token, text) if row is not None or m is not None or not strict else ""
        adjacent = row is not None and _adjacent(row, token, previous)
        starts = m is not None
        if m is not None:
            if not adjacent:
                below_prose = prose and token.line == previous + 1
                if not starts_like_a_row(description_of(m)) and (strict or below_prose):
                    starts = False  # "... at a price of" / "10.50 per share, net ..."
                elif strict and below_prose:
                    starts = False  # "... attached as" / "Exhibit 99.1. The ..."
            elif _continues(row, token, line, list_style):  # type: ignore[arg-type]
                starts = False
            if starts and ((loose(m) and strict) or (
                    style(m)[1] and list_style is not None and list_style != style(m))):
                starts = False  # "(1) The financial statements ...": a paragraph
        if starts:
            if list_style is None:
                list_style = style(m)
            at = desc_at(m)
            tail = None if at is None else line[at : description_end(line, at)]
            row = _Row(token.line, indent_of(line), at, spaced(m),
                       (tail or "")[:1].islower(), tail)
            prose = False
            yield token
        elif adjacent and kind not in FURNITURE and not (m is not None and m.group("lead")):
            indent = indent_of(line)
            end = description_end(line, indent)
            tail = line[indent:end] if end > indent else row.tail  # type: ignore[union-attr]
            row = _Row(token.line, row.indent, row.desc_col,  # type: ignore[union-attr]
                       row.spaced, row.lower, tail)  # type: ignore[union-attr]
            yield token.retyped("CONTINUATION", line)
        else:
            row = None
            if strict and not _row_below(tokens, i):
                # The list is strict for good, so whether this line is prose is read
                # only by a row right below it (``below_prose``, and a row read as
                # text there passes it on): with none, it is not worked out (the
                # lead of an Item 7 holding financial statements: thousands of lines).
                prose = False
            else:
                line = line or line_of(token, text)
                prose = (m is not None and prose and token.line == previous + 1) or is_prose(
                    token, line)
            yield token.retyped("TEXT", "") if kind == "ROW" else token
        previous = token.end_line


# ------------------------------------------------------------------ notes, kind headings


def _significant(tokens: list[LineToken], i: int, step: int) -> LineToken | None:
    i += step
    while 0 <= i < len(tokens):
        if tokens[i].type not in MARKUP:
            return tokens[i]
        i += step
    return None


def notes(tokens: list[LineToken]) -> list[LineToken]:
    """A NOTE ("(previously filed)") belongs to the row above only as a paragraph
    of its own, after a blank line below the row's last line; elsewhere it is
    text."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token.type != "NOTE":
            continue
        above = _significant(tokens, i, -1)
        below = tokens[i + 1] if i + 1 < len(tokens) else None
        described = above is not None and (
            above.type == "CONTINUATION"
            or (above.type == "ROW" and desc_at(above.match) is not None))
        if not (described and token.line > above.end_line + 1  # type: ignore[union-attr]
                and (below is None or below.line > token.line + 1)):
            out[i] = token.retyped("TEXT", "")
    return out


def kind_headings(tokens: list[LineToken]) -> list[LineToken]:
    """A row whose description is followed by "Not applicable." names a kind of
    exhibit the filing has none of: a KIND_HEAD ("(16) Letter re change in
    certifying accountant" / "Not Applicable.")."""
    out = list(tokens)
    head: int | None = None
    for i, token in enumerate(tokens):
        if token.type == "ROW":
            head = i
        elif token.type == "NOT_APPLICABLE" and head is not None:
            out[head] = tokens[head].retyped("KIND_HEAD")
            head = None
        elif token.type not in MARKUP and token.type != "CONTINUATION":
            head = None
    return out


# ------------------------------------------------------------------ list_end

ROWS = frozenset(("ROW", "KIND_HEAD"))
# what may follow the last row of a list and still be part of it
_BELOW = frozenset(("LEGEND", "RULE", "LEADER", "PAGE_NUMBER", "STRAY_MARK", "HEADER",
                    "COLUMN_TITLES", "REMARK", "CONTINUED", "LABEL", "LETTERED_LABEL",
                    "NOT_APPLICABLE"))


def _paragraphs(tokens: list[LineToken]) -> list[LineToken]:
    """Text lines right below a text line or a remark join it: one paragraph."""
    out: list[LineToken] = []
    for token in tokens:
        if (token.type == "TEXT" and out and out[-1].type in ("TEXT", "REMARK")
                and out[-1].end_line + 1 == token.line):
            above = out.pop()
            token = line_token(above.type, above.value, above.start_pos, above.line,
                               token.end_line, token.end_pos, above.match)
        out.append(token)
    return out


def list_end(tokens: list[LineToken]) -> list[LineToken]:
    """The list without layout tags, to the end of its last row and the legends
    right below it (what follows is the rest of the item). A list with no row is
    all lead."""
    kept = [t for t in tokens if t.type not in MARKUP]
    last = None  # where the last row ends
    open_: str | None = None  # the kind of row the last tokens belong to
    for i, token in enumerate(kept):
        if token.type in ROWS:
            open_ = token.type
        elif not (open_ is not None and token.type == "CONTINUATION"
                  or open_ == "ROW" and token.type == "NOTE"
                  or open_ == "KIND_HEAD" and token.type == "NOT_APPLICABLE"):
            open_ = None
            continue
        last = i
    if last is None:
        return _paragraphs(kept)
    end = last
    for i in range(last + 1, len(kept)):
        if kept[i].type not in _BELOW:
            break
        if kept[i].type == "LEGEND":
            end = i
    return _paragraphs(kept[: end + 1])


class Listed(NamedTuple):
    tokens: list[LineToken]  # the list, for its grammar
    legends: dict[str, str]  # the legend of each footnote marker, by marker


def lex_list(start: ListStart, text: str, description_end: Callable[[str, int], int]
             ) -> Listed:
    """The tokens of a list from its label on, through every pass, and its legends
    (a legend may stand below the end of the list: "99.1*" / "The Company will
    file the statements by amendment." / "* Previously filed.")."""
    # a pass whose kind of line the list lacks leaves it as it is (no pass makes a
    # LEGEND, NOTE or NOT_APPLICABLE): most lists have no legend, note or kind heading
    kinds = {token.type for token in start.tokens}
    tokens: list[LineToken] = start.tokens
    found: dict[str, str] = {}
    if "LEGEND" in kinds:
        tokens = list(legends(tokens, text))
        found = legend_texts(tokens)
    tokens = list(rows_in_context(tokens, text, start.strict, description_end))
    if "NOTE" in kinds:
        tokens = notes(tokens)
    if "NOT_APPLICABLE" in kinds:
        tokens = kind_headings(tokens)
    listed = list_end(tokens)
    return Listed(listed if start.label is None else [start.label, *listed], found)
