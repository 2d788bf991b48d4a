"""Exhibit lists: Item 9.01(d) / old Item 7(c) and the exhibit index.

A row starts with an exhibit number ("99.1", "10.2*", "3(i)", "10.16b", "(2.1)",
"16.", "Exhibit 99", "2    .1" split over two table cells) and a description.
Every following line up to a blank line that does not start a new row continues
the description, wherever it is indented (a page number or a footnote does
not). A line that looks like a row but sits at the description column of a
table, is written in another style than the list's rows ("Exhibit 1.2 to the
Company's ..." inside a list of bare numbers) or goes on in lower case
continues the row above instead, and so does one below a line that cannot end
there ("of First Mortgage Bonds," / "6 5/8% Series due 2004."); a row whose text
cannot end ("... additional information of") goes on after a blank line. A row
followed by "Not applicable." is a heading of an exhibit kind, not an exhibit.

A footnote marker ("*2.1", "10.1*", "... Louisiana*") refers to the legend below
its list, or below another list ("* Previously filed."): a legend that says the
exhibit was filed before or is incorporated by reference marks it incorporated,
and so does a "(previously filed)" paragraph right after a row.

A list starts after an exhibits label ("(d) Exhibits", "c. Exhibits",
"EXHIBITS", "(c) The following exhibits are filed:"; the label line may hold the
first row: "(c) Exhibits. Exhibit 16, the letter ..."), a column header
("Exhibit No.   Description") or a heading that is the label ("Item 7(c).
Exhibits"). Without one, the whole item is read *strictly*: a row must look
like one (a capital after the number, at the start of a paragraph, no "(1)" or
"1." numbering). A paragraph of text before or after the rows makes the rest of
a list strict too, so numbered notes of attached financial statements are not
exhibits. A stand-alone label or a header inside another item ("Exhibits" under
Item 2.02) starts a list too.

A column after the description ("Method of Filing", "Page") is cut off where
the header places it, and a trailing "Page 3" after a wide gap always is. When
the header is collapsed to single spaces and the column cannot be placed, the
list's descriptions are *suspect* and a clean list of the same exhibit (the
exhibit index) supplies the description. Rows of all lists are merged by
number, first occurrence first (incorporated by reference if any list says so).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from msgspec.structs import replace

from ..layout.text import Layout
from ..model import Document, Exhibit, Text
from .columns import chunks, is_rule
from .items import heading_keys
from .lexer import MARKUP
from .lines import Line, Part

_HEAD = 400  # characters of a line the patterns look at

_NUM = r"\d{1,3}(?:\.\d{1,3}){0,2}(?:[ \t]?\([a-z0-9]{1,4}\))?[a-z]?"
ROW_RE = re.compile(
    r"(?P<indent>[ \t]*)"
    # "(c) Exhibit 99.1 - ..." and "(c) Exhibits. Exhibit 16, the letter ..." on the label line
    r"(?:\(?[a-d]\)[ \t]*(?:exhibits?[ \t]*[.:][ \t]*)?(?=exhibit))?"
    r"(?P<prefix>exhibits?[ \t]*(?:(?:no\.?|number|#)[ \t]*)?(?:[:.][ \t]*)?)?"
    r"(?P<lead>[*†‡+]{0,3})"  # "*2.1": incorporated by reference, says a footnote
    rf"(?:\((?P<pnum>{_NUM})\)|(?P<num>(?:EX-)?{_NUM}))"
    r"(?P<mark>[*†‡+#]{0,2})(?P<dot>[.,](?=[ \t]))?(?=[ \t]|$)"
    r"(?:[ \t]+(?:[-–—:.]{1,2}[ \t]+)?(?P<desc>\S))?",
    re.IGNORECASE,
)
# "(d) Exhibits", "c. Exhibits.", "(c) Exhibits Page No.", "(d)  Exhibit"
LABEL_RE = re.compile(
    r"[ \t]*(?:\([a-d]\)|[a-d][.)])[ \t]*(?:list[ \t]+of[ \t]+)?exhibits?\b", re.IGNORECASE
)
# "(c) The following exhibits are filed herewith:" (with "exhibit" and a colon)
SUB_LABEL_RE = re.compile(r"[ \t]*(?:\([c-d]\)|[c-d][.)])[ \t]+\S")
# a label on a line of its own: "Exhibits", "EXHIBITS*", "(d) Exhibits."
STANDALONE_LABEL_RE = re.compile(
    r"[ \t]*(?:(?:\([a-d]\)|[a-d][.)])[ \t]*)?(?:list[ \t]+of[ \t]+)?exhibits?"
    r"[ \t]*(?:[.:*][ \t]*)?$",
    re.IGNORECASE,
)
INCORPORATED = re.compile(
    r"incorporated\s+(?:herein\s+)?by\s+reference|previously\s+filed|filed\s+as\s+exhibit",
    re.IGNORECASE,
)
# "EXHIBIT 7.2", "Exhibit 1.B", "EX-99.1 EARNINGS RELEASE" in a document's <DESCRIPTION>
_DOC_NUMBER = re.compile(
    r"[ \t]*(?:exhibit|ex)[ \t]*(?:[-.#:][ \t]*)?(?:no\.?[ \t]*)?"
    r"(?P<num>\d{1,3}(?:[.-]\d{1,3}){0,2}(?:\.?[a-z](?![a-z0-9])|[ \t]?\([a-z0-9]{1,4}\))?)"
    r"(?![0-9])",
    re.IGNORECASE,
)
_SPLIT_NUMBER = re.compile(r"\.(\d{1,3})[*†‡+#]{0,2}[ \t]+(?=\S)")
_PAGE_NUMBER = re.compile(r"[-–—\s]{0,4}(?:page[ \t]*)?\d{1,3}[-–—\s]{0,4}$", re.IGNORECASE)
_NOT_APPLICABLE = re.compile(r"[\W_]{0,5}(?:not[ \t]+applicable|n/a|none)[\W_]{0,5}$",
                             re.IGNORECASE)
_KEY_PARTS = re.compile(r"\d{1,9}|[a-z]{1,12}")
_EX_PREFIX = re.compile(r"[ \t]*ex(?:hibit)?[-. \t]*", re.IGNORECASE)
_HEADER_FIRST = ("exhibit", "exhibits", "exh.", "no.", "no", "number", "designation", "#",
                 "exhibit#")
_DESCRIPTION_WORDS = {"description", "of", "exhibit", "exhibits", "document", "documents"}


def exhibit_key(number: str) -> tuple:
    """Comparison key: ``"99.01"``, ``"EX-99.1"`` and ``"99.1"`` compare equal, and so
    do ``"1(b)"``, ``"1.B"`` and ``"1b"`` (a letter is a letter however it is written)."""
    number = number[:60].strip().lower().rstrip("*†‡")
    m = _EX_PREFIX.match(number)
    if m and number[:2] == "ex":
        number = number[m.end():]
    return tuple(int(p) if p.isdigit() else p for p in _KEY_PARTS.findall(number))


def _major(number: str) -> int:
    key = exhibit_key(number)
    return key[0] if key and isinstance(key[0], int) else 999


class _Candidate(NamedTuple):
    number: str
    num_at: int  # offset of the number in the line
    num_end: int  # offset after it
    desc_at: int | None  # offset of the description in the line
    style: tuple[bool, bool]  # (written with "Exhibit", written in parentheses)
    spaced: bool  # two or more spaces between number and description, as in a table
    loose: bool  # "(1) ..." or "16. ...": a numbered paragraph too, unless under a label
    mark: str  # "*" of "*2.1" or "10.1*": a footnote marker


def _candidate(head: str) -> _Candidate | None:
    """The row a line would start, if it looks like one."""
    m = ROW_RE.match(head)
    if m is None:
        return None
    group = "pnum" if m.group("pnum") is not None else "num"
    number = m.group(group)
    if m.group("dot") == "," and m.group("prefix") is None:
        return None  # "15, 1994 ...": a comma follows a number only in "Exhibit 16, the ..."
    if _major(number) > 110:
        return None
    desc_at = m.start("desc") if m.group("desc") is not None else None
    # a bare number with nothing after it is a page number, not "99.1" alone on its line
    if desc_at is None and not ("." in number or "(" in number or group == "pnum"):
        return None
    num_end = m.end(group)
    if desc_at is not None and group == "num" and "." not in number:
        # "2    .1   Stock Purchase Agreement": the number split over two table cells
        split = _SPLIT_NUMBER.match(head, desc_at)
        if split is not None:
            number = f"{number}.{split.group(1)}"
            num_end, desc_at = split.end(1), split.end()
    spaced = desc_at is not None and head.count(" ", m.end("mark"), desc_at) >= 2
    return _Candidate(number, m.start(group), num_end, desc_at,
                      (m.group("prefix") is not None, group == "pnum"), spaced,
                      group == "pnum" or m.group("dot") == ".",
                      m.group("lead") or m.group("mark"))


def _starts_row(desc: str) -> bool:
    """Whether a description begins the way a description does (strict lists)."""
    return bool(desc) and (desc[0].isupper() or desc[0] in "\"'“‘([$0123456789")


class _Header(NamedTuple):
    cut: int | None  # column where a column after the description starts
    suspect: bool  # a column after the description that cannot be placed


_NO_HEADER = _Header(None, False)


def _header(text: str, described: bool = False) -> _Header | None:
    """A column header ("Exhibit No.   Description   Method of Filing"), if ``text`` is one
    (with ``described``, only one that names the description column)."""
    head = text[:_HEAD]
    words = head.lower().split()
    if not words or len(head) > 200 or words[0] not in _HEADER_FIRST:
        return None
    named = "description" in words or "document" in words
    if not named and (words[0] not in ("exhibit", "exhibits")
                      or words[1:] not in ([], ["no."], ["no"], ["number"], ["#"])):
        return None  # "Exhibit", "Exhibit No." alone, over a "Number" line
    if described and not named:
        return None
    if ROW_RE.match(head):
        return None
    found = chunks(head)
    for i, chunk in enumerate(found):
        low = chunk.text.lower().split()
        if "description" not in low and "document" not in low:
            continue
        at = low.index("description" if "description" in low else "document")
        suspect = any(w not in _DESCRIPTION_WORDS for w in low[at + 1 :])
        if i + 1 < len(found):
            return _Header(found[i + 1].start, suspect)
        return _Header(None, suspect)
    return _NO_HEADER


def _cut(text: str, start: int, cut: int | None) -> int:
    """Where the description in ``text`` (from ``start``) ends: at the end of the
    text, or before the gap in front of the next column."""
    end = len(text.rstrip())
    if cut is None:
        # a page column at the end: "News Release dated March 22, 1994        Page 3"
        gap = text.rfind("   ", start, end)
        if gap > start and _PAGE_NUMBER.match(text, gap, end):
            while gap > start and text[gap - 1] == " ":
                gap -= 1
            return gap
        return end
    if end <= cut or cut <= start:
        return end
    gap = text.rfind("  ", start, cut + 3)
    if gap == -1 or gap + 2 < cut - 4:
        return end
    while gap > start and text[gap - 1] == " ":
        gap -= 1
    return gap


class _Found(NamedTuple):
    exhibit: Exhibit
    suspect: bool
    mark: str = ""  # its footnote marker, for the legend below the list


# "* Previously filed.", "** Incorporated by reference to ...": the legend of a marker
_LEGEND = re.compile(r"[ \t]*([*†‡+]{1,3})[ \t]*(?=[^\s*†‡+#])")
# what a legend says when its rows are incorporated: "Previously filed.", "Incorporated
# by reference to ...", "... Exhibit 2.1 is hereby incorporated by reference to ..." (not
# "... may only be incorporated by reference in another filing ...")
_LEGEND_INCORPORATED = re.compile(
    r"[\W_]{0,5}(?:incorporated[ \t]+(?:herein[ \t]+)?by[ \t]+reference|previously[ \t]+filed"
    r"|filed[ \t]+(?:previously|as[ \t]+exhibit))"
    r"|.{0,300}?\b(?:is|are)[ \t]+(?:hereby[ \t]+)?(?:incorporated[ \t]+(?:herein[ \t]+)?by"
    r"[ \t]+reference|previously[ \t]+filed)",
    re.IGNORECASE,
)
# "Louisiana*": a marker at the end of a row's description
_TRAILING_MARK = re.compile(r"(?<=[^\s*†‡+#])[*†‡+]{1,3}$")
# "(previously filed)" as a paragraph of its own right after a row
_NOTE = re.compile(
    r"\(?[ \t]*(?:previously[ \t]+filed|incorporated[ \t]+(?:herein[ \t]+)?by[ \t]+reference"
    r"|filed[ \t]+previously)[^()]{0,160}\)?[.;]?$",
    re.IGNORECASE,
)
# "6 5/8% Series due 2004.": a fraction, not an exhibit number and its description
_FRACTION = re.compile(r"\d{1,3}/\d{1,3}(?!\d)")
# words a line does not end with unless the description goes on below
_OPEN_WORDS = frozenset(("of", "and", "the", "or", "to", "for", "by", "with", "between",
                         "among", "in", "on", "a", "an", "&", "from", "under", "at", "as"))
_LAST_WORD = re.compile(r"(?:^|\s)([^\s]{1,12})$")


def _open_end(text: str, comma: bool = True) -> bool:
    """Whether a description line stops where it cannot: after a comma or "of"."""
    text = text[-200:].rstrip()
    if comma and text.endswith(","):
        return True
    m = _LAST_WORD.search(text)
    return m is not None and m.group(1).lower() in _OPEN_WORDS


def _legends(lines: list[Line]) -> tuple[dict[str, str], set[int]]:
    """The legends of footnote markers below a list ("* Previously filed.") by marker,
    and the line numbers they take (a legend goes on until a blank line)."""
    out: dict[str, str] = {}
    taken: set[int] = set()
    mark: str | None = None
    last = -10
    for line in lines:
        text = line.text
        if "\n" in text or line.kind in MARKUP:
            continue
        head = text[:_HEAD]
        stripped = head.strip()
        if not stripped:
            continue
        candidate = _candidate(head)
        m = _LEGEND.match(head) if candidate is None else None
        if m is not None and not is_rule(stripped):
            mark = m.group(1)
            if mark not in out:
                out[mark] = head[m.end():].strip()
            taken.add(line.number)
            last = line.number
            continue
        if (mark is not None and line.number == last + 1 and len(out[mark]) < 1000
                and (candidate is None or candidate.desc_at is None
                     or not _starts_row(head[candidate.desc_at:]))):
            # "Exhibit 2.1 is hereby incorporated by reference to ...": the legend goes on
            out[mark] = f"{out[mark]} {stripped}"
            taken.add(line.number)
            last = line.number
            continue
        mark = None
    return out, taken


def _rows(lines: list[Line], layout: Layout, strict: bool,
          header: _Header = _NO_HEADER) -> tuple[list[_Found], dict[str, str]]:
    """The rows of a list, and the legends of their footnote markers."""
    out: list[_Found] = []
    legends, legend_lines = _legends(lines)
    number: Text | None = None
    mark = ""
    pieces: list[tuple[int, int, str]] = []
    row_col = 0
    desc_col: int | None = None
    lower_desc = False  # the current row's description starts in lower case
    row_spaced = False  # the current row is laid out as a table row
    style: tuple[bool, bool] | None = None  # how the list's first row is written
    last = -10  # line number of the current row's last line
    previous = -10  # line number of the previous line
    previous_prose = False  # the previous line was text that is not part of the list
    closed = -10  # line number of the last line of the row flushed last

    def flush() -> None:
        nonlocal number, pieces, closed
        if number is None:
            return
        if not pieces:  # "EX-1.1" alone on its line, nothing follows: no row
            number = None
            return
        value = " ".join(text for _, _, text in pieces)
        description = layout.value(value, pieces[0][0], pieces[-1][1])
        found_mark = mark
        if not found_mark:
            trailing = _TRAILING_MARK.search(value[-10:])
            found_mark = trailing.group() if trailing else ""
        out.append(_Found(Exhibit(
            number=number, description=description,
            incorporated_by_reference=INCORPORATED.search(value) is not None,
        ), header.suspect, found_mark))
        closed = last
        number, pieces = None, []

    count = len(lines)
    for index, line in enumerate(lines):
        text = line.text
        if "\n" in text or line.kind in MARKUP:
            continue
        head = text[:_HEAD]
        stripped = head.strip()
        indent = len(head) - len(head.lstrip(" \t"))
        if not stripped:
            continue
        if line.number in legend_lines:
            flush()
            previous, previous_prose = line.number, False
            continue
        if number is not None and _NOT_APPLICABLE.match(stripped):
            number, pieces = None, []  # "(16) Letter re change in accountant" / "Not Applicable."
            previous, previous_prose = line.number, False
            continue
        if previous_prose and line.number > previous + 1:
            # text before or after the list: from here on only a line that is plainly
            # a row starts one ("1. SIGNIFICANT ACCOUNTING POLICIES" of statements)
            strict = True
        candidate = _candidate(head)
        adjacent = number is not None and (
            line.number == last + 1
            # "... additional information of" / blank line / "Deere & Company ...": the
            # description cannot end there, so the row goes on below the blank line
            or (previous == last and candidate is None and bool(pieces)
                and _open_end(pieces[-1][2], comma=False)))
        is_row = candidate is not None
        if candidate is not None:
            desc = head[candidate.desc_at :] if candidate.desc_at is not None else ""
            if not adjacent:
                if strict and not _starts_row(desc):
                    is_row = False
                if strict and previous_prose and line.number == previous + 1:
                    is_row = False  # "... attached as\nExhibit 99.1. The ..." in a paragraph
            else:  # it could continue the row above
                # at the description column of a table, "10 Day Notes" is text
                at_desc_col = (desc_col is not None and row_spaced and not candidate.spaced
                               and indent >= desc_col - 1 and indent > row_col + 1)
                # "of First Mortgage Bonds," / "6 5/8% Series due 2004.": text goes on
                goes_on = (_FRACTION.match(desc) is not None
                           or (not candidate.spaced and bool(pieces)
                               and _open_end(pieces[-1][2])))
                if (at_desc_col or goes_on or candidate.style != style
                        or (desc[:1].islower() and not lower_desc)):
                    is_row = False
        if is_row and candidate is not None and (
                (candidate.loose and strict)
                or (candidate.style[1] and style is not None and style != candidate.style)):
            is_row = False  # "(1) The financial statements ...": a paragraph, a footnote
        if is_row and candidate is not None:
            flush()
            num = candidate.number
            start = line.start + candidate.num_at
            number = layout.value(num, start, line.start + candidate.num_end)
            mark = candidate.mark
            row_col = indent
            if style is None:
                style = candidate.style
            desc_col = candidate.desc_at
            row_spaced = candidate.spaced
            lower_desc = False
            if candidate.desc_at is not None:
                end = _cut(text, candidate.desc_at, header.cut)
                value = text[candidate.desc_at : end]
                pieces.append((line.start + candidate.desc_at, line.start + end, value))
                lower_desc = value[:1].islower()
            last = line.number
            previous_prose = False
        elif (adjacent and not is_rule(stripped) and stripped[0] not in "*†‡+"
              and not _PAGE_NUMBER.match(stripped)):
            end = _cut(text, indent, header.cut)
            if end > indent:
                pieces.append((line.start + indent, line.start + end, text[indent:end]))
            last = line.number
        else:
            flush()
            if (out and closed == previous and line.number > closed + 1
                    and (index + 1 == count or lines[index + 1].number > line.number + 1)
                    and _NOTE.match(stripped) is not None):
                # "2(a) Agreement ..." / blank line / "(previously filed)": a note of the row
                found = out[-1]
                out[-1] = found._replace(
                    exhibit=replace(found.exhibit, incorporated_by_reference=True))
            # a paragraph of text, unless it introduces the list ("... filed herewith:")
            previous_prose = (
                (candidate is not None and previous_prose and line.number == previous + 1)
                or (not stripped.endswith(":") and len(stripped.split(None, 3)) > 3
                    and any(c.isalpha() for c in stripped) and _header(head) is None))
        previous = line.number
    flush()
    return out, legends


def _is_label(head: str, standalone: bool) -> bool:
    """An exhibits label: "(d) Exhibits", "EXHIBITS", and under Item 9.01 / 7 also
    "(c) The following exhibits are filed herewith:"."""
    if STANDALONE_LABEL_RE.match(head):
        return True
    if standalone:
        return False
    if LABEL_RE.match(head):
        return True
    stripped = head.rstrip()
    return (stripped.endswith(":") and SUB_LABEL_RE.match(head) is not None
            and "exhibit" in stripped.lower())


def _heading_is_label(heading: str) -> bool:
    """ "Item 7(c). Exhibits", "ITEM 9.01(d). Exhibits": the heading labels the list."""
    words = [w for w in re.findall(r"[a-z]{1,20}", heading[:_HEAD].lower())
             if w not in ("item", "items", "c", "d")]
    return words in (["exhibits"], ["exhibit"])


def _list_lines(lines: list[Line], standalone: bool,
                labelled: bool = False) -> tuple[list[Line], bool, _Header]:
    """Where the exhibit list of an item starts: after its label or column header.

    Returns the lines, whether to be strict (no label or header was found) and
    the header's columns. With ``standalone`` (an item other than 9.01 / 7) only
    a label on a line of its own or a column header naming the description
    counts, an item without either has no list, and rows must look like rows.
    With ``labelled`` the heading itself is the label.
    """
    for i, line in enumerate(lines):
        head = line.text[:_HEAD]
        if _is_label(head, standalone):
            rest = lines[i:] if ROW_RE.match(head) else lines[i + 1 :]
            _, header = _find_header(rest[:8])
            return rest, standalone, header
    at, header = _find_header(lines, described=standalone)
    if at is not None:
        return lines[at + 1 :], standalone, header
    if standalone:
        return [], False, _NO_HEADER
    return lines, not labelled, _NO_HEADER


def _find_header(lines: list[Line], described: bool = False) -> tuple[int | None, _Header]:
    """The column header of a list and where it is, if one comes before the first row."""
    for i, line in enumerate(lines):
        head = line.text[:_HEAD]
        found = _header(head, described)
        if found is not None:
            return i, found
        candidate = _candidate(head)
        if candidate is not None and not candidate.loose:
            break
    return None, _NO_HEADER


def read_exhibits(parts: list[Part], layout: Layout) -> list[Exhibit]:
    lists: list[tuple[list[_Found], dict[str, str]]] = []
    for part in parts:
        if part.kind == "item":
            standalone = not set(heading_keys(part.head)) & {"9.01", "7"}
            labelled = not standalone and _heading_is_label(part.head.text)
            lines, strict, header = _list_lines(part.lines, standalone, labelled)
            lists.append(_rows(lines, layout, strict, header))
        elif part.kind == "exhibit_index":
            lines = part.lines
            at, header = _find_header(lines)
            if at is not None:
                lines = lines[at + 1 :]
            rows, legends = _rows(lines, layout, False, header)
            lists.append(([f._replace(exhibit=replace(f.exhibit, source="index")) for f in rows],
                          legends))
    # a marker's legend: the one below its own list, else one below another list
    anywhere: dict[str, str] = {}
    for _, legends in lists:
        for mark, legend in legends.items():
            anywhere.setdefault(mark, legend)
    found: list[_Found] = []
    for rows, legends in lists:
        for f in rows:
            legend = legends.get(f.mark, anywhere.get(f.mark)) if f.mark else None
            if (legend is not None and not f.exhibit.incorporated_by_reference
                    and _LEGEND_INCORPORATED.match(legend) is not None):
                f = f._replace(exhibit=replace(f.exhibit, incorporated_by_reference=True))
            found.append(f)
    where: dict[tuple, int] = {}
    out: list[Exhibit] = []
    suspect: list[bool] = []
    for exhibit, is_suspect, _ in found:
        key = exhibit_key(exhibit.number.value)
        if key in where:
            i = where[key]
            if suspect[i] and not is_suspect and exhibit.description is not None:
                # the first list mixed another column into its descriptions
                out[i] = replace(out[i], description=exhibit.description)
                suspect[i] = False
            if exhibit.incorporated_by_reference and not out[i].incorporated_by_reference:
                # the exhibit index says what the item's list does not ("*2.1" and its legend)
                out[i] = replace(out[i], incorporated_by_reference=True)
            continue
        where[key] = len(out)
        out.append(exhibit)
        suspect.append(is_suspect)
    return out


def _document_keys(doc: Document) -> tuple[tuple, tuple | None]:
    """The exhibit number a document's TYPE gives, and a more precise one its
    DESCRIPTION gives ("EX-7" described as "EXHIBIT 7.2"), if any."""
    kind = exhibit_key(doc.type.value) if doc.type else ()
    finer = None
    if doc.description is not None:
        m = _DOC_NUMBER.match(doc.description.value[:_HEAD])
        if m is not None:
            named = exhibit_key(m.group("num"))
            if len(named) > len(kind) and named[: len(kind)] == kind:
                finer = named
    return kind, finer


def match_documents(exhibits: list[Exhibit], documents: list[Document]) -> list[Exhibit]:
    """Point each exhibit at the attached ``EX-`` document of the same number.

    A document is used once. Exact numbers first (a document's DESCRIPTION may
    name a finer number than its TYPE); then an exhibit "10.02" takes the first
    unused "EX-10" in order of appearance (exhibits incorporated by reference
    last); then an exhibit "99" takes an "EX-99.1" when it is the only one, and
    "101" the first of its files "EX-101.SCH", "EX-101.LAB" ...
    """
    by_finer: dict[tuple, list[int]] = {}
    by_kind: dict[tuple, list[int]] = {}
    by_prefix: dict[tuple, list[tuple[int, tuple]]] = {}  # of the document's number
    for index, doc in enumerate(documents):
        if doc.type is None or not doc.type.value.upper().startswith("EX-"):
            continue
        kind, finer = _document_keys(doc)
        if not kind:
            continue
        if finer is not None:
            by_finer.setdefault(finer, []).append(index)
        by_kind.setdefault(kind, []).append(index)
        best = finer or kind
        for n in range(1, len(best)):
            by_prefix.setdefault(best[:n], []).append((index, best))
    keys = [exhibit_key(e.number.value) for e in exhibits]
    chosen: list[int | None] = [None] * len(exhibits)
    used: set[int] = set()

    def take(i: int, indexes: list[int]) -> None:
        free = [index for index in indexes if index not in used]
        if free:
            chosen[i] = min(free)
            used.add(chosen[i])

    for table in (by_finer, by_kind):
        for i, key in enumerate(keys):
            if chosen[i] is None and key in table:
                take(i, table[key])
    for incorporated in (False, True):
        for i, key in enumerate(keys):
            if (chosen[i] is None and len(key) >= 2
                    and exhibits[i].incorporated_by_reference == incorporated):
                take(i, [d for n in range(1, len(key)) for d in by_kind.get(key[:n], ())])
    for i, key in enumerate(keys):
        if chosen[i] is None and key in by_prefix:
            finer_docs = [(index, k) for index, k in by_prefix[key] if index not in used]
            # "101" attached as EX-101.SCH, EX-101.LAB ...: the files of one exhibit
            files = all(isinstance(k[len(key)], str) and len(k[len(key)]) >= 3
                        for _, k in finer_docs)
            if len(finer_docs) == 1 or (finer_docs and files):
                take(i, [finer_docs[0][0]])
    return [e if c is None else replace(e, document=c)
            for e, c in zip(exhibits, chosen, strict=True)]


# ---------------------------------------------------------------- for the exhibit rules

# "(included in 2.2)", "included as Exhibit 4.3", "included as Exhibit A to Exhibit 4.3"
_INCLUDED = re.compile(
    r"\bincluded[ \t]{1,5}(?:in|as)[ \t]{1,5}(?:(?:a[ \t]{1,5})?part[ \t]{1,5}of[ \t]{1,5})?"
    r"(?:exhibit[ \t]{1,5}[a-z][ \t]{1,5}(?:to|of)[ \t]{1,5})?"
    r"(?:exhibits?[ \t]{0,5}(?:no\.?[ \t]{0,5})?)?\(?"
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}(?:\([a-z0-9]{1,4}\)|[a-z](?![a-z0-9]))?)",
    re.IGNORECASE,
)


def covering_number(exhibit: Exhibit) -> str | None:
    """The exhibit that contains this one, when its description says so: "4.1 Form of
    Certificate (included in 2.2)"."""
    if exhibit.description is None:
        return None
    m = _INCLUDED.search(exhibit.description.value[:4000])
    return m.group("num") if m is not None else None


def unnumbered_entries(parts: list[Part]) -> int:
    """How many entries without a number an exhibits label is followed by: "(c)
    Exhibits" / "The Agreement." or "Exhibits:" / "The Registrant's press release of
    January 24, 1994." (short paragraphs, before any numbered row)."""
    count = 0
    for part in parts:
        if part.kind != "item":
            continue
        standalone = not set(heading_keys(part.head)) & {"9.01", "7"}
        for i, line in enumerate(part.lines):
            head = line.text[:_HEAD]
            if _is_label(head, standalone):
                if ROW_RE.match(head) is None:
                    count += _entries(part.lines[i + 1 :])
                break
    return count


def _entries(lines: list[Line]) -> int:
    paragraphs: list[list[str]] = []
    previous = -10
    for line in lines[:400]:
        text = line.text
        if "\n" in text or line.kind in MARKUP:
            continue
        stripped = text[:_HEAD].strip()
        if not stripped or _PAGE_NUMBER.match(stripped) or is_rule(stripped):
            continue
        if paragraphs and line.number == previous + 1:
            paragraphs[-1].append(stripped)
        else:
            paragraphs.append([stripped])
        previous = line.number
        if len(paragraphs) > 20:
            break
    if any(_candidate(p[0]) is not None or _header(p[0]) is not None for p in paragraphs):
        return 0  # a numbered list, maybe after a sentence ("The exhibit listed below ...")
    count = 0
    for paragraph in paragraphs:
        value = " ".join(paragraph)
        if (len(paragraph) > 3 or len(value) > 300 or _NOT_APPLICABLE.match(value)
                or value.endswith(":") or _ABOUT_EXHIBITS.search(value) is not None
                or not (value[0].isupper() or value[0] in "\"'“")):
            break
        count += 1
    return count


# a sentence about the exhibits, not an entry: "The exhibits filed herewith are listed in
# the Exhibit Index ...", "The following exhibits ..."
_ABOUT_EXHIBITS = re.compile(r"\b(?:exhibits?|following|below|herewith|listed)\b", re.IGNORECASE)


_PAGE_BREAK = re.compile(r"<page>|\f", re.IGNORECASE)
# "(see page 25 hereof)"
_HEREOF = re.compile(
    r"\bpages?[ \t]{0,5}\d{1,4}(?:[ \t]{0,5}(?:-|to|through)[ \t]{0,5}\d{1,4})?"
    r"[ \t]{1,5}(?:hereof|herein|of[ \t]{1,5}this[ \t]{1,5}(?:report|form|current))",
    re.IGNORECASE,
)
_HEREWITH = re.compile(
    r"\b(?:filed|included|attached|furnished|set[ \t]{1,5}forth)[ \t]{1,5}"
    r"(?:herewith|hereto|herein|in[ \t]{1,5}this[ \t]{1,5}report)\b",
    re.IGNORECASE,
)
_PAGE_REF = re.compile(r"\bpages?[ \t]{0,5}(\d{1,3})\b", re.IGNORECASE)
_PAGE_COLUMN = re.compile(r"[ \t]{3}(?:page[ \t]{0,3})?(\d{1,3})$", re.IGNORECASE)
_WORDS = re.compile(r"[a-z0-9&]{1,30}")
_STOP = frozenset((
    "the", "a", "an", "of", "form", "forms", "copy", "copies", "text", "to", "and", "by",
    "for", "in", "on", "as", "with", "between", "among", "its", "this", "dated", "registrant",
    "registrants", "company", "companys", "s", "exhibit", "exhibits", "no"))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _significant(text: str) -> list[str]:
    words = _WORDS.findall(text[:400].lower().replace("'", ""))
    return [_stem(w) for w in words if w not in _STOP and not w.isdigit()]


def _content_lines(text: str) -> int:
    return sum(1 for line in text.splitlines()
               if line.strip() and not _PAGE_NUMBER.match(line.strip()[:_HEAD]))


# exhibits a heading names by its first word alone: "CONSENT OF INDEPENDENT AUDITORS"
# is the exhibit "Consent of Ernst & Young LLP"
_KINDS = frozenset(("consent", "letter", "opinion"))


def _is_heading(line: str) -> bool:
    """A short line in capitals, or a centred one in title case."""
    stripped = line.strip()
    if not 3 <= len(stripped) <= 80:
        return False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3 or _candidate(stripped) is not None:
        return False
    if all(c.isupper() for c in letters):
        return True
    indent = len(line) - len(line.lstrip())
    return indent >= 10 and all(w[0].isupper() for w in stripped.split()
                                if len(w) > 3 and w[0].isalpha())


class _Page(NamedTuple):
    start: int
    end: int  # where the page break after it starts
    blank: bool
    content: int  # lines of text other than page numbers


class Embedded:
    """Whether an exhibit's text is demonstrably part of the 8-K document itself.

    Its row says so ("see page 25 hereof"), names a later page of this document
    ("Page 3" in a page column), or says "filed herewith" (itself or by its
    footnote) when the document goes on after its signatures; or a later heading
    begins as its description does. ``names`` are the registrant's names, whose
    words begin many headings. What several exhibits need is read once.
    """

    def __init__(self, parts: list[Part], layout: Layout, names: list[str] = ()) -> None:
        self.parts = parts
        self.layout = layout
        self.names = {w for name in names for w in _significant(name)}
        self._lines: list[tuple[int, int, int, int]] | None = None
        self._index_rows: dict[tuple, list[tuple[int, int]]] | None = None
        # headings by their first word: (offsets, word sets) in order of the text
        self._headings: dict[str, tuple[list[int], list[set[str]]]] | None = None
        self._pages: list[_Page] | None = None
        self._legends: dict[int, dict[str, str]] = {}

    def holds(self, exhibit: Exhibit) -> bool:
        end: int | None = None
        for part, index in self._rows_of(exhibit):
            row_end = self._row_says(part, index)
            if row_end is None:
                return True
            end = row_end if end is None else min(end, row_end)
        return (end is not None and exhibit.description is not None
                and self._heading_after(end, exhibit.description.value))

    # ---------------------------------------------------------------- rows

    def _rows_of(self, exhibit: Exhibit) -> list[tuple[int, int]]:
        """Where ``exhibit`` is listed, as (part, line) indexes: its own row and its
        rows in an exhibit index."""
        span = exhibit.number.span
        if span is None:
            return []
        if self._lines is None:
            to_source = self.layout.offsets.to_source
            self._lines = [(to_source(line.start), to_source(line.end - 1), p, i)
                           for p, part in enumerate(self.parts)
                           for i, line in enumerate(part.lines) if line.end > line.start]
            self._index_rows = {}
            for p, part in enumerate(self.parts):
                if part.kind != "exhibit_index":
                    continue
                for i, line in enumerate(part.lines):
                    candidate = _candidate(line.text[:_HEAD])
                    if candidate is not None:
                        key = exhibit_key(candidate.number)
                        self._index_rows.setdefault(key, []).append((p, i))
        out: list[tuple[int, int]] = []
        at = bisect_right(self._lines, (span.start, 1 << 62)) - 1
        if at >= 0 and self._lines[at][0] <= span.start <= self._lines[at][1]:
            out.append(self._lines[at][2:])
        for found in (self._index_rows or {}).get(exhibit_key(exhibit.number.value), ()):
            if found not in out:
                out.append(found)
        return out

    def _row_says(self, p: int, index: int) -> int | None:
        """None when the row at line ``index`` of part ``p`` places its exhibit in the
        8-K text, else where the row ends."""
        lines = self.parts[p].lines
        row = [lines[index]]
        for line in lines[index + 1 : index + 40]:
            if line.number != row[-1].number + 1 or _candidate(line.text[:_HEAD]) is not None:
                break
            row.append(line)
        end = row[-1].end
        notes = " ".join(line.text[:2000] for line in row)
        candidate = _candidate(lines[index].text[:_HEAD])
        mark = candidate.mark if candidate is not None else ""
        if not mark:
            trailing = _TRAILING_MARK.search(row[-1].text[:2000].rstrip()[-10:])
            mark = trailing.group() if trailing else ""
        if mark:
            if p not in self._legends:
                self._legends[p] = _legends(lines)[0]
            legend = self._legends[p].get(mark)
            if legend is not None:
                notes = f"{notes} {legend}"
        if _HEREOF.search(notes):
            return None
        page_numbers = [int(m.group(1)) for m in _PAGE_REF.finditer(notes)]
        for line in row:
            m = _PAGE_COLUMN.search(line.text[:2000].rstrip()[-12:])
            if m is not None:
                page_numbers.append(int(m.group(1)))
        if page_numbers:
            page, after = self._page_at(end)
            if any(page < n <= page + after for n in page_numbers):
                return None
        if _HEREWITH.search(notes):
            # the 8-K goes on after its signatures (and the row's own page)
            signed = [part.head.start for part in self.parts
                      if part.kind == "signatures" and part.head.start > end]
            if self._text_after(max([end] + signed[:1])) >= 15:
                return None
        return end

    # ---------------------------------------------------------------- pages

    def _pages_of_text(self) -> list[_Page]:
        if self._pages is None:
            text = self.layout.text
            pages: list[_Page] = []
            start = 0
            for m in _PAGE_BREAK.finditer(text):
                chunk = text[start : m.start()]
                pages.append(_Page(start, m.start(), not chunk.strip(), _content_lines(chunk)))
                start = m.end()
            chunk = text[start:]
            pages.append(_Page(start, len(text), not chunk.strip(), _content_lines(chunk)))
            self._pages = pages
        return self._pages

    def _page_at(self, at: int) -> tuple[int, int]:
        """The number of the page ``at`` is on (a break after nothing but blank lines
        does not count), and how many pages of text follow it."""
        pages = self._pages_of_text()
        here = max(0, bisect_right([p.start for p in pages], at) - 1)
        number = 1 + sum(1 for p in pages[:here] if not p.blank)
        return number, sum(1 for p in pages[here + 1 :] if p.content >= 2)

    def _text_after(self, at: int) -> int:
        """Lines of text on the pages after the one ``at`` is on."""
        pages = self._pages_of_text()
        here = max(0, bisect_right([p.start for p in pages], at) - 1)
        return sum(p.content for p in pages[here + 1 :])

    # ---------------------------------------------------------------- headings

    def _heading_after(self, at: int, description: str) -> bool:
        """Whether a heading after ``at`` begins the way the description does:
        "Articles Supplementary of the Company" and "ARTICLES SUPPLEMENTARY", "Form of
        Horizon Bank Salary Continuation Agreement" and "HORIZON BANK / SALARY
        CONTINUATION AGREEMENT", "Consents of experts" and "CONSENT OF INDEPENDENT
        AUDITORS". A word of the registrant's name does not count on its own ("BEST BUY
        CO., INC." is no heading of "Form of Best Buy Capital Preferred Securities
        Certificate")."""
        wanted = _significant(description)
        own = [w for w in wanted if w not in self.names]
        if not own:
            return False
        first = wanted[0]
        needed = {own[0]}
        if first not in _KINDS and len(wanted) > 1:
            needed.add(wanted[1])
        if self._headings is None:
            self._headings = self._read_headings()
        offsets, word_sets = self._headings.get(first, ([], []))
        start = bisect_right(offsets, at)
        return any(needed <= words for words in word_sets[start:])

    def _read_headings(self) -> dict[str, tuple[list[int], list[set[str]]]]:
        """The headings of the text (up to three heading lines in a row), by their
        first word."""
        out: dict[str, tuple[list[int], list[set[str]]]] = {}
        group: list[str] = []
        group_at = 0

        def close() -> None:
            words = _significant(" ".join(group))
            if words:
                offsets, word_sets = out.setdefault(words[0], ([], []))
                offsets.append(group_at)
                word_sets.append(set(words))

        offset = 0
        for line in self.layout.text.splitlines(keepends=True):
            heading = _is_heading(line[:_HEAD]) if len(line) <= _HEAD else False
            if heading and len(group) < 3:
                if not group:
                    group_at = offset
                group.append(line.strip())
            else:
                if group:
                    close()
                group = [line.strip()] if heading else []
                group_at = offset
            offset += len(line)
        if group:
            close()
        return out
