"""Signature blocks: registrant, conformed signature, name, title, date.

Signature blocks are often two columns: the date on the left, the registrant,
``By: /s/ ...``, name and title on the right, on the same lines. The right
column starts where the ``By:`` / ``/s/`` lines start; each line is cut there
so the two columns are read as two streams instead of interleaved text.

Collapsed layouts (runs of spaces squeezed to one) put both columns on one
run of text: a line that starts with a date ("Date: May 23, 1994 /s/ ...",
"Date: January 7, 1994 ADELPHIA COMMUNICATIONS CORPORATION") is cut after
the date, and " By:" cuts a line too.

A block reads, top to bottom: registrant name(s), ``By: /s/ Name`` (or only
``/s/ Name``, or ``By: ____`` with the typed name under it), the typed name
and the title ("Name:"/"Title:" labels, "Name, Title" on one line, or a name
line then title lines). Each signature takes the registrant lines right above
it; "By: X Corporation, General Partner" lines between the registrant and the
signer are no signatures but links of the registrant's chain. A typed
"Name, Title" right under the registrant, with no By: and no /s/, is a
signature that is not conformed. The conformed mark is "/s/" in any case, or
one of the variants "s/", "\\s\\", "/s".

The block ends at the first page break or heading (financial statements, an
auditors' report) after a signature: what follows is exhibit text, and neither
its signatures nor its dates are the registrant's. Without a SIGNATURES
heading the block is looked for in the last item from its "Pursuant to the
requirements of the Securities Exchange Act" sentence, wherever that is, then
in the earlier items, then at the last item's end.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..layout.text import Layout
from ..model import DateValue, Signature, Text
from ..vocab.dates import MONTHS, find_date
from .columns import Chunk, chunks, is_rule
from .lexer import MARKUP
from .lines import Line, Part

_BY = re.compile(r"^\s*by\b\s*[:.]?\s*", re.IGNORECASE)
# The conformed mark: "/s/", "/S/", and the variants filers typed for it, "\\s\\",
# "s/Name", "/s Name" (not inside a word: "its/their", "w/s" are no marks)
_CONFORMED = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:[/\\]\s{0,2}s\s{0,2}[/\\]|s\s{0,2}[/\\](?=\s{0,3}[A-Za-z])|[/\\]\s{0,2}s(?![A-Za-z0-9/\\]))"
    r"\s*",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(name|title|its|date|dated)\s*:\s*", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^\s*(?:date|dated)\b\s*[:.]?\s*", re.IGNORECASE)
_PURSUANT = re.compile(r"^\s*pursuant\s+to\b", re.IGNORECASE)
_PURSUANT_ACT = re.compile(r"^\s*pursuant\s+to\s+the\s+requirements\b", re.IGNORECASE)
_AUTHORIZED = re.compile(r"authori[sz]ed\W*$", re.IGNORECASE)
_AUTHORIZED_AT = re.compile(r"authori[sz]ed\b", re.IGNORECASE)
# "... duly authorized on this 8th day of January, 2025."
_DAY_OF = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s{1,3}day\s{1,3}of\s{1,3}(?P<month>[A-Za-z]{3,9})\.?"
    r"\s{0,3},?\s{0,3}(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_REGISTRANT_CAPTION = re.compile(r"^[\s(]*registrants?[\s)]*$", re.IGNORECASE)
# "(a Minnesota Corporation)", "A Nevada Corporation": under the registrant's name
_DESCRIPTION = re.compile(
    r"^[\s(]*an?\s+[A-Za-z][\w .-]{0,60}\b(?:corporation|company|trust|partnership)[\s).,]*$",
    re.IGNORECASE,
)
# "(Signature)", "(Name and Title)": captions under a signature line
_CAPTION = re.compile(
    r"^\s*\(\s*(?:signature|name|title|date|name\s+and\s+title|print(?:ed)?\s+name)\s*\)"
    r"[\s*]*$",
    re.IGNORECASE,
)
_STOP = re.compile(r"^\s*(?:exhibit\s+(?:no|number|\d)|index\s+to\s+exhibits|#+\s*$)",
                   re.IGNORECASE)
# "..., General Partner", "its Managing Member", "as Owner Trustee", "a partner",
# "as Depositor": the capacity in which an organisation signs for the registrant
# ("By: X Corp., its General Partner" above the person's "By: /s/ ...")
_CAPACITY = re.compile(
    r"(?:^|[\s,(])(?:(?:its|a|an|the|as)\s{1,3}){0,2}"
    r"(?:(?:sole|managing|administrative|owner|master|securities|special|co-)\s{0,3})?"
    r"(?:general\s{1,3}partner|managing\s{1,3}member|member|manager|trustee|partner|"
    r"depositor|servicer|administrator|sponsor|agent|attorney-in-fact)s?"
    r"\)?[\s,.;]*$",
    re.IGNORECASE,
)
# words of an organisation's name that are no person's: "Balcor Mortgage Advisors-III"
_ORG_WORDS = frozenset({
    "ADVISORS", "ADVISERS", "ASSOCIATES", "MANAGEMENT", "CAPITAL", "PROPERTIES", "REALTY",
    "INVESTORS", "INVESTMENT", "INVESTMENTS", "SERVICES", "VENTURES", "ENTERPRISES", "HOLDING",
    "SECURITIES", "MORTGAGE", "FINANCIAL", "EQUITIES", "EQUITY", "FUNDING", "ASSET", "ASSETS",
    "RESOURCES", "INDUSTRIES", "INTERNATIONAL", "SYSTEMS", "AMERICA", "AMERICAN", "NATIONAL",
})
# A heading that starts what follows a signature block: financial statements, an
# auditors' report, an exhibit's title
_HEADING = re.compile(
    r"\s{0,80}(?:report\s{1,3}of\s{1,3}independent|independent\s{1,3}(?:auditor|accountant|"
    r"certified|registered|public)|(?:(?:unaudited|audited|consolidated|combined|condensed|"
    r"restated|pro\s{1,3}forma|interim|historical)[\s,]{1,3}){0,4}(?:financial\s{1,3}"
    r"(?:statements|information)|balance\s{1,3}sheets?|statements?\s{1,3}of\s{1,3}"
    r"(?:income|operations|earnings|cash|financial|changes|stockholders|shareholders|"
    r"retained|assets|net|operating|certain|revenues)|notes\s{1,3}to\b)|index\s{1,3}to\s{1,3}"
    r"(?:financial|consolidated)|table\s{1,3}of\s{1,3}contents|exhibits?\s{1,3}\d|annex\b|"
    r"appendix\b|press\s{1,3}release|news\s{1,3}release|for\s{1,3}immediate\s{1,3}release)",
    re.IGNORECASE,
)
# "Pursuant to the requirements of the Securities (and) Exchange Act": a block starts
_EXCHANGE_ACT = re.compile(
    r"\s{0,80}pursuant\s{1,3}to\s{1,3}the\s{1,3}requirements\s{1,3}of\s{1,3}the\s{1,3}"
    r"securities\s{1,3}(?:and\s{1,3})?exchange\s{1,3}act",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?(?:s|c|fn|caption|page|table)>", re.IGNORECASE)
_CUT_BY = re.compile(r"\sBy\s*:")
_WORD = re.compile(r"[A-Za-z][A-Za-z.&'-]{0,40}")
_DATE_REACH = 25  # lines between a signature and its date, at most
_MAX_LINE = 2000  # a longer line is prose, never part of a signature

_BREAK = "\x00"  # a piece that ends the signature being read (a "Pursuant to" paragraph)

_ENTITY_WORDS = frozenset({
    "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC",
    "LP", "LLP", "PLC", "NA", "TRUST", "BANK", "BANCORP", "BANCORPORATION", "PARTNERSHIP",
    "PARTNERS", "FUND", "GROUP", "HOLDINGS", "SA", "NV", "AG", "ASSOCIATION"
})
_SUFFIX_ONLY = frozenset({
    "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC",
    "LP", "LLP", "PLC", "NA", "PARTNERSHIP"
})
# words of an office, in a title under a typed name
_OFFICE_WORDS = frozenset({
    "president", "officer", "secretary", "treasurer", "director", "chairman", "chairperson",
    "counsel", "controller", "comptroller", "manager", "partner", "vice", "chief", "executive",
    "trustee", "member", "principal", "attorney", "agent", "signatory", "ceo", "cfo", "coo",
})
_NAME_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV", "V", "ESQ", "MD", "PHD", "CPA"})
_TITLE_WORDS = frozenset({
    "president", "officer", "secretary", "treasurer", "director", "chairman", "chairperson",
    "chair", "counsel", "controller", "comptroller", "manager", "partner", "vice", "chief",
    "executive", "general", "assistant", "senior", "trustee", "member", "principal",
    "attorney", "agent", "authorized", "signatory", "company", "corporation", "inc",
    "financial", "operating", "accounting", "administrator", "head", "deputy", "associate",
    "ceo", "cfo", "coo"
})


class _Piece(NamedTuple):
    text: str
    start: int  # layout offset
    number: int  # line number


class _Sig:
    def __init__(self, piece: _Piece, registrant: list[_Piece]) -> None:
        self.head = piece
        self.registrant = registrant
        self.signature: _Piece | None = None
        self.name: _Piece | None = None
        self.partial = ""  # a typed name wrapped over two lines, its first line
        self.title: list[_Piece] = []
        self.conformed = False
        self.last = piece.number


# ------------------------------------------------------------------ lines -> pieces


def _clean_lines(lines: list[Line]) -> list[Line]:
    """The block's lines without markup, page numbers and the "Pursuant to" paragraph.

    ASCII table tags inside a line (``<S><C> NAME``) become spaces, so offsets
    and columns stay put. A "Pursuant to" paragraph becomes one ``_BREAK`` line
    (spanning the paragraph): it ends the signature above it (co-registrant
    filings repeat it before each block) and may hold the date it was signed.
    """
    out: list[Line] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        i += 1
        text = line.text
        if len(text) > _MAX_LINE:
            out.append(line._replace(kind=_BREAK, text="", end=line.start))
            continue
        if line.kind in MARKUP:
            continue
        stripped = text.strip()
        if not stripped or stripped.isdigit() or _page_number(stripped):
            continue
        if _PURSUANT.match(text):
            # up to the line ending in "authorized", else to the first blank line
            j = i - 1
            end = None
            for k in range(j, min(j + 8, n)):
                if _AUTHORIZED.search(lines[k].text[-200:].strip()):
                    end = k
                    break
            if end is None:
                end = j
                while end + 1 < n and lines[end + 1].number == lines[end].number + 1:
                    end += 1
            out.append(line._replace(kind=_BREAK, text="", end=lines[end].end))
            i = end + 1
            continue
        if "<" in text:
            text = _TAG.sub(lambda m: " " * len(m.group()), text)
            if not text.strip():
                continue
            line = line._replace(text=text)
        out.append(line)
    return out


def _by(text: str) -> re.Match[str] | None:
    """ "By: ...", "By /s/ ...", "By Jane Doe": a signature line; not "by the Company"."""
    m = _BY.match(text)
    if m is None or ":" in m.group() or "." in m.group():
        return m
    rest = text[m.end() : m.end() + 40]
    if not rest.strip():
        return m
    first = rest[0]
    if first in "/\\_-(" or (first.isupper() and find_date(rest) is None):
        return m
    return None


def _page_number(text: str) -> bool:
    """"- 4 -", "-2-", "Page 3": a page number line."""
    if len(text) > 12:
        return False
    core = text.strip("- ")
    if core.lower().startswith("page"):
        core = core[4:].strip()
    return core.isdigit() and core != text


def _split_columns(lines: list[Line]) -> tuple[list[_Piece], list[_Piece]]:
    """Cut each line into a left and a right column piece."""
    starts = []
    for line in lines:
        if line.kind == _BREAK:
            continue
        for chunk in chunks(line.text):
            if _by(chunk.text) or _CONFORMED.match(chunk.text):
                starts.append(chunk.start)
    right_col = min(starts) if starts else None
    if right_col is not None and right_col < 12:
        right_col = None  # a one-column block
    left: list[_Piece] = []
    right: list[_Piece] = []
    for line in lines:
        if line.kind == _BREAK:
            right.append(_Piece(_BREAK, line.start, line.number))
            continue
        raw = chunks(line.text)
        pieces = _cut_by(raw)
        if right_col is None:
            if len(pieces) != len(raw):  # "January 28, 1994 By: ----": two pieces
                for p in pieces:
                    right.extend(_split_date(_Piece(p.text, line.start + p.start, line.number)))
            elif pieces:
                a, b = pieces[0].start, pieces[-1].end
                right.extend(_split_date(_Piece(line.text[a:b], line.start + a, line.number)))
            continue
        lefts = [p for p in pieces if p.end <= right_col - 1 and p.start < right_col - 4]
        rights = [p for p in pieces if p not in lefts]
        for group, out in ((lefts, left), (rights, right)):
            if group:
                a, b = group[0].start, group[-1].end
                out.extend(_split_date(_Piece(line.text[a:b], line.start + a, line.number)))
    return left, right


def _cut_by(pieces: list[Chunk]) -> list[Chunk]:
    """Collapsed spacing: "January 28, 1994 By: ----" becomes two pieces."""
    out: list[Chunk] = []
    for piece in pieces:
        at = _CUT_BY.search(piece.text)
        if at:
            out.append(Chunk(piece.start, piece.start + at.start(), piece.text[: at.start()]))
            rest = piece.text[at.start() + 1 :]
            out.append(Chunk(piece.start + at.start() + 1, piece.end, rest))
        else:
            out.append(piece)
    return out


def _split_date(piece: _Piece) -> list[_Piece]:
    """"Date: May 23, 1994 /s/ NAME" is two pieces: the date, and what follows it."""
    text = piece.text
    label = _DATE_LABEL.match(text)
    at = label.end() if label else len(text) - len(text.lstrip())
    found = find_date(text[: at + 40], at)
    if found is None or found[0] != at:
        return [piece]
    end = found[1]
    rest = text[end:].lstrip(" \t,.")
    if not rest.strip():
        return [piece]
    cut = len(text) - len(rest)
    return [_Piece(text[:end], piece.start, piece.number),
            _Piece(rest, piece.start + cut, piece.number)]


# ------------------------------------------------------------------ values


def _date(piece: _Piece, layout: Layout) -> DateValue | None:
    found = find_date(piece.text)
    if found is None:
        return None
    s, e, day = found
    return DateValue(value=day, text=piece.text[s:e],
                     span=layout.span(piece.start + s, piece.start + e))


def _sentence_date(line: Line, layout: Layout) -> DateValue | None:
    """The date in "... duly authorized on this 8th day of January, 2025." """
    start = line.start
    text = layout.text[start : min(line.end, start + _MAX_LINE)]
    m = _DAY_OF.search(text)
    if m is not None:
        month = MONTHS.get(m.group("month").lower())
        day = None
        if month is not None:
            try:
                day = dt.date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                day = None
        return DateValue(value=day, text=m.group(),
                         span=layout.span(start + m.start(), start + m.end()))
    at = _AUTHORIZED_AT.search(text)
    found = find_date(text, at.end()) if at is not None else None
    if found is None:
        return None
    s, e, day = found
    return DateValue(value=day, text=text[s:e], span=layout.span(start + s, start + e))


def _text(piece: _Piece, layout: Layout) -> Text:
    text = piece.text
    value = text.strip()
    at = text.find(value) if value else 0
    start = piece.start + max(at, 0)
    return layout.value(value, start, start + len(value))


def _trim(piece: _Piece, a: int, b: int) -> _Piece:
    """``piece.text[a:b]`` without surrounding spaces, as a piece."""
    sub = piece.text[a:b]
    lead = len(sub) - len(sub.lstrip())
    return _Piece(sub.strip(), piece.start + a + lead, piece.number)


def _clean_name(piece: _Piece) -> _Piece | None:
    """A name without a conformed mark in front ("/s/", "\\s\\", "s/") or a comma after."""
    text = piece.text
    a = len(text) - len(text.lstrip())
    m = _CONFORMED.match(text, a)
    if m is not None:
        a = m.end()
    b = len(text.rstrip(" \t,;_"))
    if b <= a:
        return None
    return _trim(piece, a, b)


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _same_name(a: str, b: str) -> bool:
    key = _key(b)
    return bool(key) and _key(a) == key


def _words(text: str) -> list[str]:
    return [w.upper().replace(".", "") for w in _WORD.findall(text[:300])]


def _is_entity(text: str) -> bool:
    return any(w in _ENTITY_WORDS for w in _words(text))


def _ends_entity(text: str) -> bool:
    """ "Batavia Wine Cellars, Inc.": a line ending the way a company's name ends."""
    words = _words(text)
    return bool(words) and words[-1] in _ENTITY_WORDS


def _looks_like_person(text: str) -> bool:
    """ "Herbert Glaubman", "John C. Clark, III": a person's name, not a title."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 6 or len(text) > 60:
        return False
    for token in tokens:
        word = token.strip(",.").lower()
        if word in _TITLE_WORDS or any(c.isdigit() for c in token):
            return False
        if not token[0].isupper():
            return False
    return True


# ------------------------------------------------------------------ the block


def _signed(text: str) -> bool:
    """Whether a line holds a signature: ``By:``, ``/s/``, "... By: ____"."""
    head = text[:300]
    return bool(_by(head) or _CUT_BY.search(head) or _CONFORMED.search(head))


def _closed(lines: list[Line]) -> list[Line]:
    """The block's lines up to the page break or heading that follows its signature.

    Once a signature has been read, a ``<PAGE>`` or a heading (financial
    statements, an auditors' report, an exhibit) ends the block: what follows is
    exhibit text, and its signatures and dates are none of the registrant's.
    """
    seen = False
    for i, line in enumerate(lines):
        text = line.text
        if len(text) > _MAX_LINE:
            continue
        if seen:
            if line.kind == "PAGE":
                if not _more_signatures(lines, i + 1):
                    return lines[:i]
            elif len(text.strip()) < 100 and _HEADING.match(text):
                return lines[:i]
        elif _signed(text):
            seen = True
    return lines


def _more_signatures(lines: list[Line], start: int) -> bool:
    """Whether the page from ``lines[start]`` goes on with signatures: co-registrants
    signing page after page ("Widmer's Wine Cellars, Inc." / "By: /s/ ...")."""
    seen = 0
    paragraph = False  # in a "Pursuant to ..." paragraph repeated for the next registrant
    for line in lines[start : start + 40]:
        text = line.text
        if len(text) > _MAX_LINE:
            return False
        stripped = text.strip()
        if not stripped or line.kind in MARKUP or _page_number(stripped):
            continue
        if stripped.isdigit():
            continue
        if _signed(text):
            return True
        if seen == 0 and _LABEL.match(text) and not _DATE_LABEL.match(text):
            return True  # "Name:" / "Title:" of the signature above the page break
        if _HEADING.match(text) or _STOP.match(text):
            return False
        if _PURSUANT.match(text):
            paragraph = True
        if paragraph:
            paragraph = not _AUTHORIZED.search(stripped[-200:])
        elif len(stripped.split(None, 8)) > 8 or len(stripped) > 80:
            return False  # a sentence: the page holds text, not signatures
        seen += 1
        if seen > 10:
            return False
    return False


def _block(lines: list[Line], layout: Layout) -> list[Signature]:
    cleaned = _clean_lines(_closed(lines))
    stop = next((i for i, line in enumerate(cleaned) if _STOP.match(line.text)), None)
    if stop is not None:
        cleaned = cleaned[:stop]
    left, right = _split_columns(cleaned)
    sigs: list[_Sig] = []
    pending: list[_Piece] = []  # registrant name lines waiting for a By:
    dates: list[tuple[int, DateValue]] = []
    for line in cleaned:
        if line.kind == _BREAK and line.end > line.start:
            found = _sentence_date(line, layout)
            if found is not None:
                dates.append((line.number, found))
    for piece in left:
        if find_date(piece.text[:200]) is not None:
            found = _date(piece, layout)
            if found is not None:
                dates.append((piece.number, found))
    current: _Sig | None = None
    skip = 0  # pieces already read as part of a capacity line
    for index, piece in enumerate(right):
        if index < skip:
            continue
        text = piece.text
        if text == _BREAK:
            current, pending = None, []
            continue
        if is_rule(text):
            if current is not None and piece.number - current.last == 1:
                current.last = piece.number  # the line under "By: /s/ ..."
            continue
        date_label = _DATE_LABEL.match(text)
        if date_label or (len(text) < 40 and find_date(text) and not _by(text)):
            found = _date(piece, layout)
            if found is not None:
                dates.append((piece.number, found))
                continue
            rest = text[date_label.end():].strip() if date_label else ""
            if date_label and (not rest or is_rule(rest) or len(rest) < 20):
                continue  # "Date: ________", "Dated: Agust 16, 1994"
        if _REGISTRANT_CAPTION.match(text) or _CAPTION.match(text) or (
            pending and _DESCRIPTION.match(text)
        ):
            continue
        if _is_prose(text):
            current, pending = None, []
            continue
        by = _by(text)
        conformed = _CONFORMED.search(text)
        if (
            by and current is not None and current.signature is not None
            and is_rule(text[by.end():] or "---") and piece.number - current.last <= 2
        ):
            continue  # "/s/ Name" written above its "By: ______" line
        if by and not conformed:
            count = _capacity(right, index, by.end())
            if count:  # "By: X Corporation, General Partner": the registrant's chain
                if pending and piece.number - pending[-1].number > 3:
                    pending = []
                pending.extend(right[index : index + count])
                current = None
                skip = index + count
                continue
        if by or (conformed and (current is None or current.signature is not None)):
            current = _Sig(piece, pending)
            pending = []
            sigs.append(current)
            begin = by.end() if by else 0
            rest = text[begin:]
            if rest.strip() and not is_rule(rest):
                current.signature = piece
                current.conformed = bool(_CONFORMED.search(rest))
                current.name = _name_after(piece, begin)
                _split_office(current)
            continue
        label = _LABEL.match(text)
        if current is not None and current.signature is None and conformed:
            current.signature = piece
            current.conformed = True
            current.name = _name_after(piece, 0) or current.name
            current.last = piece.number
            continue
        if label and current is not None:
            what = label.group(1).lower()
            value = _Piece(text[label.end():], piece.start + label.end(), piece.number)
            if what == "name":
                current.name = _clean_name(value) or current.name
            elif what in ("title", "its") and value.text.strip():
                current.title.append(value)
            current.last = piece.number
            continue
        if current is not None and _continues(current, piece) and (
            (current.name is not None and _same_name(current.name.text, text))
            or (not _looks_like_entity(text, current)
                and not (piece.number - current.last > 1 and _before_head(right, index)))
        ):
            _typed(current, piece)
            current.last = piece.number
            continue
        # a registrant name (or several) above the next By:
        if len(text.split(None, 13)) > 13:
            current, pending = None, []  # a sentence, not a name
            continue
        if current is None and _typed_signature(right, index, pending):
            # "C. Michael Hamilton, General Comptroller" under the registrant, unsigned
            current = _Sig(piece, pending)
            pending = []
            sigs.append(current)
            _typed(current, piece)
            continue
        if pending:
            gap = piece.number - pending[-1].number
            if gap > 2 or (gap == 2 and not _ends_entity(pending[-1].text)):
                pending = []
        pending.append(piece)
        current = None
    return [_signature(sig, dates, layout) for sig in sigs]


def _is_prose(text: str) -> bool:
    """A sentence (a footnote, a paragraph of the filing), not a line of a signature."""
    return len(text.split(None, 18)) > 18


def _continues(sig: _Sig, piece: _Piece) -> bool:
    """Whether ``piece`` is close enough under ``sig`` to be its name or title."""
    gap = piece.number - sig.last
    return gap == 1 if sig.title else gap <= 2


def _is_signature_line(text: str) -> bool:
    return bool(_by(text) or _CONFORMED.search(text))


def _capacity(right: list[_Piece], index: int, begin: int) -> int:
    """How many pieces from ``right[index]`` make a capacity line, 0 if it is none.

    "By: Alliance Capital Management Corporation, General Partner" (maybe wrapped
    over two or three lines) names the organisation that signs for the registrant,
    in a chain that ends with a person's ``By: /s/ ...`` line right below.
    """
    first = right[index]
    text = first.text[begin:]
    if not text.strip() or is_rule(text):
        return 0
    count, last = 1, first.number
    while True:
        if len(text) < 300 and _CAPACITY.search(text):
            head = _CAPACITY.sub("", text, count=1).strip(" ,")
            nxt = right[index + count] if index + count < len(right) else None
            if (
                head and _is_organisation(head) and nxt is not None and nxt.text != _BREAK
                and nxt.number - last <= 4 and _is_signature_line(nxt.text)
            ):
                return count
            return 0
        if count >= 3 or index + count >= len(right):
            return 0
        piece = right[index + count]
        if piece.text == _BREAK or piece.number - last > 1 or _is_signature_line(piece.text):
            return 0
        text += " " + piece.text.strip()
        count, last = count + 1, piece.number


def _is_organisation(text: str) -> bool:
    """ "The Balcor Company", "RGF-Balcor Associates-II": a company's name, not a person's."""
    words = {w.upper() for w in re.findall(r"[A-Za-z]+", text[:200])}
    if words & (_ENTITY_WORDS | _ORG_WORDS):
        return True
    return not _looks_like_person(text)


def _officer(text: str) -> bool:
    """Whether ``text`` names an office: "General Comptroller", "Vice President"."""
    words = {w.strip(",.").lower() for w in text[:200].split()}
    return bool(words & _OFFICE_WORDS)


def _split_office(sig: _Sig) -> None:
    """ "By: /s/ John A. Smith, Trustee": the title after the signed name goes to the title."""
    name = sig.name
    if name is None or "," not in name.text:
        return
    split = _name_title(sig, name)
    if split is None:
        return
    typed, title = split
    if typed is not None and title is not None and _officer(title.text):
        sig.name = typed
        sig.title.append(title)


def _typed_signature(right: list[_Piece], index: int, pending: list[_Piece]) -> bool:
    """Whether ``right[index]`` is a typed name and title, without By: or /s/, right
    under the registrant: a signature that is not conformed."""
    piece = right[index]
    if not pending or piece.number - pending[-1].number > 6 or _before_head(right, index):
        return False
    text = piece.text.strip()
    if _is_entity(text) or _signed(text):
        return False
    head, comma, rest = text.partition(",")
    if comma:
        return _looks_like_person(head.strip()) and _officer(rest)
    nxt = right[index + 1] if index + 1 < len(right) else None
    return (
        _looks_like_person(text) and nxt is not None and nxt.text != _BREAK
        and nxt.number - piece.number == 1 and _officer(nxt.text.split(",")[0])
        and not _is_entity(nxt.text)
    )


def _before_head(right: list[_Piece], index: int) -> bool:
    """Whether a ``By:`` / ``/s/`` line follows ``right[index]`` closely: a registrant."""
    number = right[index].number
    for piece in right[index + 1 : index + 6]:
        if piece.number - number > 4 or piece.text == _BREAK:
            return False
        text = piece.text
        if _by(text) or _CONFORMED.search(text):
            return True
        if _LABEL.match(text) and not _DATE_LABEL.match(text):
            return False
    return False


def _name_after(piece: _Piece, begin: int) -> _Piece | None:
    """The signer's name on a signature line: what follows ``By:`` and ``/s/``."""
    text = piece.text
    m = _CONFORMED.search(text, begin, begin + 200)
    if m:
        begin = m.end()
    m = re.search(r"[^\s_,:-][^_]*?(?=[\s_,]*$)", text[begin : begin + 200])
    if m is None:
        return None
    return _clean_name(_Piece(m.group(), piece.start + begin + m.start(), piece.number))


def _typed(sig: _Sig, piece: _Piece) -> None:
    """A line under the signature: the typed name, "Name, Title", or a title line."""
    text = piece.text
    if sig.title:
        sig.title.append(piece)
        return
    name = sig.name
    if name is not None:
        if _same_name(name.text, text):
            sig.name = _clean_name(piece) or name  # the typed name under the /s/ line
            return
        tail = _name_at_end(piece, name.text)
        if tail is not None:  # "Purchase, NY Syvert E. Nerheim": collapsed columns
            sig.name = tail
            return
        key, full = _key(sig.partial + text), _key(name.text)
        if len(key) >= 3 and full.startswith(key) and "," not in text:
            sig.partial += text  # "David S." / "Sorce, Vice President"
            return
    split = _name_title(sig, piece)
    if split is not None:
        typed, title = split
        if typed is not None:
            sig.name = typed
        if title is not None:
            sig.title.append(title)
        return
    if sig.signature is None and sig.name is None:
        sig.name = _clean_name(piece)  # "By: ______" then the typed name
        return
    sig.title.append(piece)


def _name_at_end(piece: _Piece, name: str) -> _Piece | None:
    name = name.strip()
    if len(_key(name)) < 6:
        return None
    text = piece.text.rstrip(" ,")
    if not text.lower().endswith(name.lower()) or len(text) == len(name):
        return None
    at = len(text) - len(name)
    if text[at - 1] != " ":
        return None
    return _trim(piece, at, len(text))


def _name_title(sig: _Sig, piece: _Piece) -> tuple[_Piece | None, _Piece | None] | None:
    """ "Herbert Glaubman, President": the typed name and the title on one line."""
    text = piece.text
    comma = text.find(",", 0, 80)
    if comma == -1:
        return None
    # "John C. Clark, III, Senior Vice President": the suffix stays with the name
    end = comma
    while end != -1:
        after = text.find(",", end + 1)
        segment = text[end + 1 : after if after != -1 else len(text)]
        if segment.strip().upper().replace(".", "") in _NAME_SUFFIXES:
            end = after
            continue
        break
    if end == -1:
        return None  # "John C. Clark, III": only a name
    head, rest = text[:end], text[end + 1 :]
    if not rest.strip(" ,"):
        return None
    name = sig.name
    if sig.partial and name is not None and _key(sig.partial + head) == _key(name.text):
        typed = None  # the name, wrapped: keep the signed one
    elif (name is not None and _same_name(name.text, head)) or _looks_like_person(head.strip()):
        typed = _clean_name(_Piece(head, piece.start, piece.number))
    else:
        return None
    sig.partial = ""
    title = _trim(piece, end + 1, len(text)) if rest.strip() else None
    return typed, title


def _looks_like_entity(text: str, sig: _Sig) -> bool:
    """An upper-case company name after a complete signature starts the next block."""
    if sig.name is None or not sig.title:
        return False
    letters = [c for c in text[:200] if c.isalpha()]
    upper = letters and all(c.isupper() for c in letters)
    return bool(upper) and _is_entity(text)


def _wraps(first: str, second: str) -> bool:
    """Whether two registrant lines are one name wrapped, not two names."""
    a = first.strip()
    if a.endswith((",", "&", "-")):
        return True
    words = _words(a)
    if words and words[-1] in ("AND", "OF", "THE", "FOR"):
        return True
    second_words = _words(second)
    if second_words and all(w in _SUFFIX_ONLY for w in second_words):
        return True  # "INC." / "CORPORATION" on its own line
    return not any(w in _ENTITY_WORDS for w in words)


def _registrant(pieces: list[_Piece], layout: Layout) -> Text | None:
    names = [p for p in pieces if not _REGISTRANT_CAPTION.match(p.text) and p.text.strip()]
    if not names:
        return None
    groups: list[list[_Piece]] = [[names[0]]]
    for piece in names[1:]:
        # "By: X Corporation, General Partner" stays with the name it signs for
        if _by(piece.text) or _wraps(groups[-1][-1].text, piece.text):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    value = "; ".join(
        " ".join(p.text.strip() for p in group).rstrip(" ,;") for group in groups
    )
    first, last = names[0], names[-1]
    return layout.value(value, first.start, last.start + len(last.text.rstrip()))


def _signature(sig: _Sig, dates: list[tuple[int, DateValue]], layout: Layout) -> Signature:
    registrant = _registrant(sig.registrant, layout) if sig.registrant else None
    date = None
    near = [d for d in dates if abs(d[0] - sig.head.number) <= _DATE_REACH]
    if near:
        date = min(near, key=lambda d: abs(d[0] - sig.head.number))[1]
    name = None
    if sig.name is not None and sig.name.text.strip():
        name = _text(sig.name, layout)
    title_pieces = _strip_name(sig.title, name.value if name else None)
    title = None
    if title_pieces:
        first, last = title_pieces[0], title_pieces[-1]
        value = " ".join(p.text.strip() for p in title_pieces)
        title = layout.value(value, first.start, last.start + len(last.text.rstrip()))
    signature = _text(sig.signature, layout) if sig.signature else None
    end_piece = sig.title[-1] if sig.title else sig.name or sig.head
    return Signature(
        registrant=registrant, name=name, title=title, date=date, conformed=sig.conformed,
        signature=signature,
        span=layout.span(sig.head.start, max(end_piece.start + len(end_piece.text),
                                             sig.head.start)),
    )


def _strip_name(title: list[_Piece], name: str | None) -> list[_Piece]:
    """The title without the typed name repeated in front of it."""
    pieces = [p for p in title if p.text.strip()]
    if not pieces or not name:
        return pieces
    first = pieces[0]
    text = first.text
    lead = len(text) - len(text.lstrip())
    if not text.lower().startswith(name.lower(), lead):
        return pieces
    after = lead + len(name)
    if after < len(text) and text[after] not in ", ;":
        return pieces
    rest = text[after:].lstrip(" ,;")
    if not rest:
        return pieces[1:]
    return [_trim(first, len(text) - len(rest), len(text))] + pieces[1:]


# ------------------------------------------------------------------ no heading


def _tail_block(lines: list[Line]) -> list[Line]:
    """The signature block of an item's lines when there is no heading: from the
    "Pursuant to the requirements" sentence among the last lines, else from the
    last "Pursuant to the requirements of the Securities Exchange Act" sentence
    anywhere in the item (a block followed by financial statements)."""
    window = lines[-60:]
    for i in range(len(window) - 1, -1, -1):
        text = window[i].text
        if len(text) <= _MAX_LINE and _PURSUANT_ACT.match(text):
            return window[i:]
    at = _exchange_act(lines)
    return lines[at:] if at is not None else []


def _tail_signature(lines: list[Line]) -> list[Line]:
    """Without any "Pursuant to" sentence: the short lines right above the first
    ``By:`` or ``/s/`` line near the end of the item."""
    window = lines[-20:]
    for i, line in enumerate(window):
        text = line.text
        if len(text) > _MAX_LINE:
            continue
        stripped = text.strip()
        if not (_by(stripped) and len(stripped) < 80) and not _CONFORMED.match(stripped):
            continue
        start = i
        while start > 0 and i - start < 6:
            above = window[start - 1]
            if (above.number < window[start].number - 2 or len(above.text.strip()) > 60
                    or _is_prose(above.text)):
                break
            start -= 1
        return window[start:]
    return []


def _exchange_act(lines: list[Line]) -> int | None:
    """Where the last "Pursuant to the requirements of the Securities Exchange Act"
    sentence of ``lines`` starts (it may wrap after any word), or None."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text[:200]
        if not _PURSUANT.match(text):
            continue
        if i + 1 < len(lines):
            text = text.rstrip() + " " + lines[i + 1].text[:200].lstrip()
        if _EXCHANGE_ACT.match(text):
            return i
    return None


def read_signatures(parts: list[Part], layout: Layout) -> list[Signature]:
    """The signatures of the SIGNATURES parts of ``parts``.

    ``parts`` may hold every part of the document: with no signature found
    under a SIGNATURES heading, the last item is read for a block (from its
    "Pursuant to the requirements ..." sentence), then the earlier items, then
    the ``By:`` / ``/s/`` lines at the end of the last item.
    """
    out: list[Signature] = []
    for part in parts:
        if part.kind == "signatures":
            out.extend(_block(part.lines, layout))
    items = [p for p in parts if p.kind == "item"]
    if out or not items:
        return out
    tail = _tail_block(items[-1].lines)
    if tail:
        out.extend(_block(tail, layout))
    # an 8-K/A that repeats its item: the block may close an earlier one
    for item in reversed(items[:-1]):
        if out:
            break
        at = _exchange_act(item.lines)
        if at is not None:
            out.extend(_block(item.lines[at:], layout))
    if not out:
        tail = _tail_signature(items[-1].lines)
        if tail:
            out.extend(_block(tail, layout))
    return out
