"""Line tokens for ``grammar/body.lark``.

Each non-blank line of an 8-K text becomes one token: a heading (item,
section, signatures, exhibit index, explanatory note), a cover-page line
(captions, date of report, check boxes ...), an ASCII layout tag, or TEXT.
Two decisions need context, which is why this is Python and not a lark lexer:

- cover-page patterns only count before the first heading (the "front"), so a
  sentence about the "Date of Report" inside an item stays TEXT;
- a caption row may continue on the next lines ("(State or other jurisdiction
  of" / "incorporation)"): the continuation joins the caption's token.

Classification only looks at the first ``_HEAD`` characters of a line, and the
patterns have no nested quantifiers, so a 1 MB line costs what a short one does.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lark import Token

_HEAD = 320  # characters of a line that classification looks at

# "Item 2.02", "ITEM 2. 02", "Items 2.02 and 7.01", "Item 7(c)", "Items 1 through 4",
# "Item 9.01(d)". The rest of the line is judged by _heading_rest.
# Roman numerals ("ITEM V. OTHER EVENTS", some 1994 filings) only in capitals.
_NUM = (
    r"(?:\d{1,2}(?:[ \t]?\.[ \t]?\d{1,2})?(?:[A-Za-z](?![A-Za-z]))?|(?-i:[IVX]{1,4})(?=[.:\s]))"
    r"(?:\([a-z0-9]{1,3}\))?"
)
ITEM_RE = re.compile(
    rf"[ \t]*(?:[-*•·][ \t]*)?(?P<word>items?)[ \t\u00a0]*(?:no\.?[ \t]*)?(?P<nums>{_NUM}"
    rf"(?:[ \t]*(?:,|and|&|through|thru|to|-|–|—)[ \t]*(?:items?[ \t]*)?{_NUM})*)"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
NUM_RE = re.compile(r"(\d{1,2})(?:[ \t]?\.[ \t]?(\d{1,2}))?|\b[IVX]{1,4}\b")
SECTION_TITLES = (
    "registrant", "financial information", "securities and trading", "matters related",
    "corporate governance", "asset-backed", "asset backed", "regulation fd", "other events",
    "financial statements",
)
SECTION_RE = re.compile(r"[ \t]*section[ \t]+([1-9])\b[ \t]*[-–—.:]*[ \t]*(?P<title>.*)$",
                        re.IGNORECASE)
SIGNATURE_RE = re.compile(
    r"[ \t]*(?:signatures?|s[ \t]i[ \t]g[ \t]n[ \t]a[ \t]t[ \t]u[ \t]r[ \t]e(?:[ \t]s)?)"
    r"(?:[ \t]+page)?[ \t]*[:.]?[ \t]*$",
    re.IGNORECASE,
)
EXHIBIT_INDEX_RE = re.compile(
    r"[ \t]*(?:exhibit[ \t]+index|index[ \t]+(?:to|of)[ \t]+exhibits|exhibits?[ \t]+index|"
    r"list[ \t]+of[ \t]+exhibits)[ \t]*[:.]?[ \t]*$",
    re.IGNORECASE,
)
EXPLANATORY_RE = re.compile(
    r"[ \t]*(?:explanatory|introductory)[ \t]+(?:note|statement)\b", re.IGNORECASE
)
FORM_RE = re.compile(r"[ \t]*form[ \t]+8-?k\b", re.IGNORECASE)
CAPTION_RE = re.compile(
    r"\([ \t]*(?:exact[ \t]+name|name[ \t]+of[ \t]+registrant|state\b|jurisdiction|"
    r"commission|i\.?[ \t]?r\.?[ \t]?s\.?\b|irs\b|employer|address|zip|former[ \t]+name|"
    r"registrant|full[ \t]+name)"
    r"|^[ \t]*(?:exact[ \t]+name[ \t]+of[ \t]+registrant|state[ \t]+or[ \t]+other|"
    r"commission[ \t]+file|commission[ \t]{2,}|(?:i\.?r\.?s\.?|irs)[ \t]+employer|"
    r"address[ \t]+of[ \t]+principal|zip[ \t]+code|former[ \t]+name[ \t]+or)",
    re.IGNORECASE,
)
PHONE_RE = re.compile(r"telephone[ \t]+number", re.IGNORECASE)
BOX_INTRO_RE = re.compile(r"check[ \t]+the[ \t]+appropriate[ \t]+box", re.IGNORECASE)
BOX_RE = re.compile(
    r"written[ \t]+communications?|soliciting[ \t]+material|pre-?[ \t]?commencement",
    re.IGNORECASE,
)
SEC12B_RE = re.compile(
    r"securities[ \t]+registered[ \t]+pursuant[ \t]+to[ \t]+section[ \t]+12[ \t]*\(b\)",
    re.IGNORECASE,
)
EGC_RE = re.compile(r"emerging[ \t]+growth[ \t]+company", re.IGNORECASE)
REPORT_DATE_RE = re.compile(
    r"date[ \t]+of[ \t]+(?:report|earliest[ \t]+event)", re.IGNORECASE
)
PAGE_RE = re.compile(r"[ \t]*<page>[ \t]*\d*[ \t]*$", re.IGNORECASE)
TABLE_TAG_RE = re.compile(
    r"[ \t]*(?:<caption>|</caption>|<fn>|</fn>|(?:<[sc]>[ \t]*)+)[ \t]*$", re.IGNORECASE
)


class BodyNote(NamedTuple):
    name: str
    message: str
    start: int
    end: int
    related: tuple[int, int] | None = None


class BodyTokens(NamedTuple):
    tokens: list[Token]
    notes: list[BodyNote]


def _heading_rest_ok(rest: str) -> bool:
    """Whether what follows ``Item N`` makes the line a heading, not a sentence.

    "Item 7. Financial Statements" and a bare "ITEM 7." are headings; "Item 7 of
    this report" and "Item 2.02, the Company ..." are sentences.
    """
    if "....." in rest or re.search(r"\s{3,}\d{1,3}\s*$", rest):
        return False  # "Item 5 - Other Events........  3": a table of contents entry
    rest = rest.lstrip(" \t.:-–—)\u00a0")
    if not rest:
        return True
    first = rest[0]
    if first.isupper() or first in "\"'“‘(":
        return True
    low = rest[:20].lower()
    return low.startswith(("not applicable", "n/a", "none"))


def classify_heading(line: str) -> str | None:
    """The heading token type of ``line``, or None."""
    head = line[:_HEAD]
    stripped = head.lstrip(" \t-*•·\u00a0")
    if not stripped:
        return None
    first = stripped[0]
    if first in "Ii":
        m = ITEM_RE.match(head)
        if m and _heading_rest_ok(m.group("rest")):
            return "ITEM_HEAD"
        if EXHIBIT_INDEX_RE.match(head):
            return "EXHIBIT_INDEX_HEAD"
        if EXPLANATORY_RE.match(head):
            return "EXPLANATORY_HEAD"
    elif first in "Ss":
        if SIGNATURE_RE.match(head):
            return "SIGNATURE_HEAD"
        m = SECTION_RE.match(head)
        if m and m.group("title").lower().startswith(SECTION_TITLES):
            return "SECTION_HEAD"
    elif first in "EeLl":
        if EXHIBIT_INDEX_RE.match(head):
            return "EXHIBIT_INDEX_HEAD"
        if EXPLANATORY_RE.match(head):
            return "EXPLANATORY_HEAD"
    return None


def classify_markup(line: str) -> str | None:
    stripped = line.strip()
    if not stripped.startswith("<") or len(stripped) > 80:
        return None
    upper = stripped.upper()
    if PAGE_RE.match(stripped):
        return "PAGE"
    if upper == "<TABLE>" or upper.startswith("<TABLE "):
        return "TABLE_OPEN"
    if upper == "</TABLE>":
        return "TABLE_CLOSE"
    if TABLE_TAG_RE.match(stripped):
        return "TABLE_TAG"
    return None


def classify_cover(line: str) -> str | None:
    head = line[:_HEAD]
    if head.lstrip().startswith("(") and CAPTION_RE.search(head):
        # "(Registrant's telephone number ...)", "(Address, including Zip Code, and
        # telephone number ...)": a caption under its values.
        return "CAPTION"
    if FORM_RE.match(head):
        return "FORM_TITLE"
    if REPORT_DATE_RE.search(head):
        return "REPORT_DATE"
    if PHONE_RE.search(head):
        return "PHONE"
    if BOX_INTRO_RE.search(head):
        return "BOX_INTRO"
    if SEC12B_RE.search(head):
        return "SECURITIES_12B"
    if EGC_RE.search(head):
        return "EGC"
    if BOX_RE.search(head):
        return "BOX"
    if CAPTION_RE.search(head):
        return "CAPTION"
    return None


def _continues_caption(line: str, caption: str) -> bool:
    """A caption row wrapped onto this line: "Incorporation)    Number)    No.)".

    It holds no number (values do), and either closes more parentheses than it
    opens or continues a header row written without parentheses ("Commission" /
    "File Number").
    """
    stripped = line.strip()
    if len(stripped) > 200 or re.search(r"\d{3}", stripped):
        return False
    if stripped.count(")") > stripped.count("("):
        return True
    return "(" not in caption and "(" not in stripped and len(stripped.split()) <= 12


_SENTENCE_GOES_ON = re.compile(r"[a-z,;]$|\b(?:in|of|to|under|and|or|the|see|by)$")


def _mid_sentence(previous: str) -> bool:
    """Whether the line above stops in the middle of a sentence (a line of prose
    that ends in a lower-case word or a comma)."""
    stripped = previous.rstrip()
    return len(stripped) > 40 and _SENTENCE_GOES_ON.search(stripped[-30:]) is not None


def tokenize(text: str) -> BodyTokens:
    tokens: list[Token] = []
    notes: list[BodyNote] = []
    front = True
    pos = 0
    n = len(text)
    line_no = 0
    last_line = -2  # line number of the previous token's last line
    previous = ""  # the previous token's text
    tables: list[tuple[int, int]] = []
    while pos < n:
        eol = text.find("\n", pos)
        if eol == -1:
            eol = n
        line = text[pos:eol]
        line_no += 1
        start = pos
        pos = eol + 1
        if not line.strip():
            continue
        kind = classify_markup(line)
        if kind is None:
            kind = classify_heading(line)
            if kind == "EXPLANATORY_HEAD" and not front:
                kind = None  # an "Explanatory Note" inside an item is its text
            if (kind == "ITEM_HEAD" and last_line == line_no - 1 and tokens
                    and tokens[-1].type == "TEXT" and _mid_sentence(previous)):
                kind = None  # "... referred to in" / "Item 2. The registrant will ..."
            if kind is not None:
                front = False
            elif front:
                if (
                    tokens
                    and tokens[-1].type == "CAPTION"
                    and last_line == line_no - 1
                    and _continues_caption(line, tokens[-1].value)
                ):
                    last = tokens[-1]
                    tokens[-1] = Token(
                        "CAPTION", f"{last.value}\n{line}", last.start_pos, last.line, 1,
                        line_no, 1, eol,
                    )
                    last_line = line_no
                    continue
                kind = classify_cover(line)
        elif kind == "TABLE_OPEN":
            if tables:
                notes.append(BodyNote(
                    "unbalanced-table-tags", "`<TABLE>` opened inside an unclosed table",
                    start, eol, tables[-1]))
            tables.append((start, eol))
        elif kind == "TABLE_CLOSE":
            if tables:
                tables.pop()
            else:
                notes.append(BodyNote(
                    "unbalanced-table-tags", "`</TABLE>` without an open table", start, eol))
        # Plain text lines, by far the most numerous, carry no copy of their text:
        # the transformer slices it from the layout (a 50 MB 8-K has a million lines).
        value = "" if kind is None else line
        tokens.append(Token(kind or "TEXT", value, start, line_no, 1, line_no, 1, eol))
        previous = line
        last_line = line_no
    for opened in tables:
        notes.append(BodyNote(
            "unbalanced-table-tags", "`<TABLE>` is never closed", opened[0], opened[1]))
    return BodyTokens(tokens, notes)
