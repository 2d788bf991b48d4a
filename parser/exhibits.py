"""Exhibit lists: Item 9.01(d) / old Item 7(c) and the exhibit index.

A row starts with an exhibit number ("99.1", "10.2*", "3(i)", "10.16b", "(2.1)",
"16.", "Exhibit 99", "2    .1" split over two table cells) and a description.
Every following line up to a blank line that does not start a new row continues
the description, wherever it is indented (a page number or a footnote does
not). A line that looks like a row but sits at the description column of a
table, is written in another style than the list's rows ("Exhibit 1.2 to the
Company's ..." inside a list of bare numbers) or goes on in lower case
continues the row above instead. A row followed by "Not applicable." is a
heading of an exhibit kind, not an exhibit.

A list starts after an exhibits label ("(d) Exhibits", "c. Exhibits",
"EXHIBITS", "(c) The following exhibits are filed:"), a column header
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
number, first occurrence first.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from msgspec.structs import replace

from .body_lexer import classify_markup
from .columns import chunks, is_rule
from .item_sections import heading_keys
from .layout import Layout
from .lines import Line, Part
from .model import Document, Exhibit, Text

_HEAD = 400  # characters of a line the patterns look at

_NUM = r"\d{1,3}(?:\.\d{1,3}){0,2}(?:[ \t]?\([a-z0-9]{1,4}\))?[a-z]?"
ROW_RE = re.compile(
    r"(?P<indent>[ \t]*)"
    r"(?:\(?[a-d]\)[ \t]*(?=exhibit))?"  # "(c) Exhibit 99.1 - ..." on the label line
    r"(?P<prefix>exhibits?[ \t]*(?:(?:no\.?|number|#)[ \t]*)?(?:[:.][ \t]*)?)?"
    r"[*†‡+]{0,2}"  # "*2.1": incorporated by reference, says a footnote
    rf"(?:\((?P<pnum>{_NUM})\)|(?P<num>(?:EX-)?{_NUM}))"
    r"(?P<mark>[*†‡+#]{0,2})(?P<dot>\.(?=[ \t]))?(?=[ \t]|$)"
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


def _candidate(head: str) -> _Candidate | None:
    """The row a line would start, if it looks like one."""
    m = ROW_RE.match(head)
    if m is None:
        return None
    group = "pnum" if m.group("pnum") is not None else "num"
    number = m.group(group)
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
                      group == "pnum" or m.group("dot") is not None)


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


def _rows(lines: list[Line], layout: Layout, strict: bool,
          header: _Header = _NO_HEADER) -> list[_Found]:
    out: list[_Found] = []
    number: Text | None = None
    pieces: list[tuple[int, int, str]] = []
    row_col = 0
    desc_col: int | None = None
    lower_desc = False  # the current row's description starts in lower case
    row_spaced = False  # the current row is laid out as a table row
    style: tuple[bool, bool] | None = None  # how the list's first row is written
    last = -10  # line number of the current row's last line
    previous = -10  # line number of the previous line
    previous_prose = False  # the previous line was text that is not part of the list

    def flush() -> None:
        nonlocal number, pieces
        if number is None:
            return
        if not pieces:  # "EX-1.1" alone on its line, nothing follows: no row
            number = None
            return
        value = " ".join(text for _, _, text in pieces)
        description = layout.value(value, pieces[0][0], pieces[-1][1])
        out.append(_Found(Exhibit(
            number=number, description=description,
            incorporated_by_reference=INCORPORATED.search(value) is not None,
        ), header.suspect))
        number, pieces = None, []

    for line in lines:
        text = line.text
        if "\n" in text or classify_markup(text) is not None:
            continue
        head = text[:_HEAD]
        stripped = head.strip()
        indent = len(head) - len(head.lstrip(" \t"))
        if not stripped:
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
        adjacent = number is not None and line.number == last + 1
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
                if (at_desc_col or candidate.style != style
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
            # a paragraph of text, unless it introduces the list ("... filed herewith:")
            previous_prose = (
                (candidate is not None and previous_prose and line.number == previous + 1)
                or (not stripped.endswith(":") and len(stripped.split(None, 3)) > 3
                    and any(c.isalpha() for c in stripped) and _header(head) is None))
        previous = line.number
    flush()
    return out


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
    found: list[_Found] = []
    for part in parts:
        if part.kind == "item":
            standalone = not set(heading_keys(part.head.text)) & {"9.01", "7"}
            labelled = not standalone and _heading_is_label(part.head.text)
            lines, strict, header = _list_lines(part.lines, standalone, labelled)
            found.extend(_rows(lines, layout, strict, header))
        elif part.kind == "exhibit_index":
            lines = part.lines
            at, header = _find_header(lines)
            if at is not None:
                lines = lines[at + 1 :]
            found.extend(
                _Found(replace(f.exhibit, source="index"), f.suspect)
                for f in _rows(lines, layout, False, header)
            )
    where: dict[tuple, int] = {}
    out: list[Exhibit] = []
    suspect: list[bool] = []
    for exhibit, is_suspect in found:
        key = exhibit_key(exhibit.number.value)
        if key in where:
            i = where[key]
            if suspect[i] and not is_suspect and exhibit.description is not None:
                # the first list mixed another column into its descriptions
                out[i] = replace(out[i], description=exhibit.description,
                                 incorporated_by_reference=out[i].incorporated_by_reference
                                 or exhibit.incorporated_by_reference)
                suspect[i] = False
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
