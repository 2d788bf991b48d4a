"""Evidence the exhibit rules weigh: what accounts for an exhibit the list names
but the submission does not attach, or for a document the list does not name.

- ``covering_number``: the exhibit a row says contains it ("(included in 2.2)");
- ``unnumbered_entries``: entries without a number below an exhibits label ("(c)
  Exhibits" / "The Agreement."), each standing for an attached document;
- ``Embedded``: whether an exhibit's text is part of the 8-K document itself.

Lines are named by the exhibit list's vocabulary (``grammar/exhibits.lark``):
a row, a column header, a page number, a rule, a legend.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, count
from typing import NamedTuple

from ..body.exhibit_lexer import (
    HEAD,
    classify,
    first_label,
    legend_texts,
    legends,
    marker,
    number_of,
    pattern,
    tokens_of,
    trailing_marker,
    vocabulary,
)
from ..body.items import heading_keys
from ..body.lexer import MARKUP
from ..body.lines import Line, Part
from ..layout.text import Layout
from ..model import Exhibit
from ..vocab.exhibit_numbers import exhibit_key


def _kind(text: str) -> tuple[str, re.Match[str] | None]:
    return classify(text[:HEAD])


def _is_row(text: str) -> bool:
    return classify(text, vocabulary(("ROW",)))[0] == "ROW"


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
        found = first_label(part.lines, standalone)  # (the lines that spell "exhibit")
        if found is not None and found[1].type != "ROW":
            count += _entries(part.lines[found[0] + 1 :])
    return count


def _starts_list(line: str) -> bool:
    """A row, or a column header ("Exhibits" alone is one too)."""
    kind, match = _kind(line)
    return kind in ("ROW", "HEADER") or (kind == "LABEL" and match.group("bare") is not None)


def _entries(lines: list[Line]) -> int:
    paragraphs: list[list[str]] = []
    previous = -10
    for line in lines[:400]:
        text = line.text
        if line.kind in MARKUP:
            continue
        stripped = text[:HEAD].strip()
        if not stripped or _kind(text)[0] in ("PAGE_NUMBER", "RULE"):
            continue
        if paragraphs and line.number == previous + 1:
            paragraphs[-1].append(stripped)
        else:
            paragraphs.append([stripped])
        previous = line.number
        if len(paragraphs) > 20:
            break
    if any(_starts_list(p[0]) for p in paragraphs):
        return 0  # a numbered list, maybe after a sentence ("The exhibit listed below ...")
    count = 0
    for paragraph in paragraphs:
        value = " ".join(paragraph)
        if (len(paragraph) > 3 or len(value) > 300 or pattern("NOT_APPLICABLE").match(value)
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
    page = pattern("PAGE_NUMBER")
    return sum(1 for line in text.splitlines()
               if line.strip() and not page.match(line.strip()[:HEAD]))


# exhibits a heading names by its first word alone: "CONSENT OF INDEPENDENT AUDITORS"
# is the exhibit "Consent of Ernst & Young LLP"
_KINDS = frozenset(("consent", "letter", "opinion"))


def _is_heading(line: str) -> bool:
    """A short line in capitals, or a centred one in title case."""
    stripped = line.strip()
    if not 3 <= len(stripped) <= 80:
        return False
    indent = len(line) - len(line.lstrip())
    if stripped.isascii():
        # the same verdict by tests in C first: most lines are not centred and have
        # a lower-case letter (no heading in capitals, nor one centred)
        if stripped.upper() != stripped and (
                indent < 10 or not all(w[0].isupper() for w in stripped.split()
                                       if len(w) > 3 and w[0].isalpha())):
            return False
        return sum(map(str.isalpha, stripped)) >= 3 and not _is_row(stripped)
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3 or _is_row(stripped):
        return False
    if all(c.isupper() for c in letters):
        return True
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
        # the non-empty lines of the parts, as (part, line) indexes and the line
        self._lines: list[tuple[int, int, Line]] | None = None
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
            self._lines = [(p, i, line) for p, part in enumerate(self.parts)
                           for i, line in enumerate(part.lines) if line.end > line.start]
            self._index_rows = {}
            for p, part in enumerate(self.parts):
                if part.kind != "exhibit_index":
                    continue
                for i, token in enumerate(tokens_of(part.lines)):
                    if token.type == "ROW":
                        key = exhibit_key(number_of(token.match)[0])
                        self._index_rows.setdefault(key, []).append((p, i))
        out: list[tuple[int, int]] = []
        # the line that holds the number, found by the source ranges of a few lines
        # (a bisection maps only the lines it looks at)
        at = bisect_right(self._lines, (span.start, 1 << 62), key=self._placed) - 1
        if at >= 0:
            start, end, p, i = self._placed(self._lines[at])
            if start <= span.start <= end:
                out.append((p, i))
        for found in (self._index_rows or {}).get(exhibit_key(exhibit.number.value), ()):
            if found not in out:
                out.append(found)
        return out

    def _placed(self, entry: tuple[int, int, Line]) -> tuple[int, int, int, int]:
        """A line's source range (first and last character) and its indexes."""
        p, i, line = entry
        to_source = self.layout.offsets.to_source
        return to_source(line.start), to_source(line.end - 1), p, i

    def _row_says(self, p: int, index: int) -> int | None:
        """None when the row at line ``index`` of part ``p`` places its exhibit in the
        8-K text, else where the row ends."""
        lines = self.parts[p].lines
        row = [lines[index]]
        for line in lines[index + 1 : index + 40]:
            if line.number != row[-1].number + 1 or _is_row(line.text[:HEAD]):
                break
            row.append(line)
        end = row[-1].end
        notes = " ".join(line.text[:2000] for line in row)
        kind, match = _kind(lines[index].text)
        mark = marker(match) if kind == "ROW" else ""  # type: ignore[arg-type]
        mark = mark or trailing_marker(row[-1].text[:2000].rstrip())
        if mark:
            if p not in self._legends:
                self._legends[p] = legend_texts(legends(tokens_of(lines), self.layout.text))
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

        lines = self.layout.text.splitlines(keepends=True)
        starts = list(accumulate(map(len, lines), initial=0))
        # _is_heading over the lines by map, the loop only over the headings (few):
        # a Python loop over every line was half of this on a long document
        last = -2  # the line of the heading last taken
        for i in compress(count(), map(_is_heading, lines)):
            line = lines[i]
            if group and (i != last + 1 or len(line) > HEAD):  # other lines came between
                close()
                group = []
            if len(line) > HEAD:  # no heading (only its head would be looked at)
                continue
            if len(group) < 3:
                if not group:
                    group_at = starts[i]
                group.append(line.strip())
            else:
                close()
                group = [line.strip()]
                group_at = starts[i]
            last = i
        if group:
            close()
        return out
