"""Line tokens of the cover page: ``grammar/cover.lark``'s terminals, then the passes.

The body grammar hands over the lines before the first heading as text; here
each is named by the cover vocabulary (a caption row, the date of report, a
check box ...). A line the body's vocabulary names an item heading (the body
read it as text because of the line above it) keeps that name, ``ITEM_HEAD``:
the cover grammar has no place for it, so it is reported.

What a pattern cannot see, because it depends on the lines around, is decided
by one pass each:

- ``caption_continued``: a caption row wrapped onto the next lines ("(State or
  other jurisdiction of" / "incorporation)") is one token;
- ``header_rows``: a caption row without parentheses whose values stand on the
  lines below it, not above, is a ``HEADER_ROW`` over ``ROW``s (Zurn 1994);
- ``table_rows``: the lines under a co-registrant table's caption row are its
  ``ROW``s, and a row holding a commission file number opens a registrant's
  block (``REGISTRANT_ROW``);
- ``phone_continued``: the telephone number on the line below the telephone
  line joins its token, unless a line just above holds it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .. import grammars
from ..lexing import HEAD, LineToken, Vocabulary
from ..vocab.shapes import FILE_NUMBER, PHONE
from . import lexer as body_lexer
from .captions import captions
from .columns import best_column, chunks
from .lexer import MARKUP
from .lines import Line

CAPTIONS = frozenset(("CAPTION", "PAREN_CAPTION", "TABLE_CAPTION", "HEADER_ROW"))
# The lines that name something on a cover page; every other kind is a line of
# text of some sort (a value, a rule, boilerplate) or a layout tag.
LANDMARKS = CAPTIONS | {"FORM_TITLE", "REPORT_DATE", "PHONE", "BOX_INTRO", "BOX",
                        "SECURITIES_12B", "EGC_QUESTION", "EGC_BOX", "EGC_TRANSITION"}
ROWS = frozenset(("ROW", "REGISTRANT_ROW"))
# Lines of the form's own text: values never run across them.
STANDING = frozenset(("BOILERPLATE", "AMENDMENT"))
# Kinds only a pass gives: never matched against a line alone.
_BY_CONTEXT = ROWS | {"HEADER_ROW"}


def plain(kind: str) -> bool:
    """A line of text (a value, a rule, boilerplate ...), not a landmark or a tag."""
    return kind not in LANDMARKS and kind not in MARKUP


@functools.cache
def _item_heading() -> re.Pattern[str]:
    """The body grammar's ITEM_HEAD pattern: a line the body read as text although
    it looks like an item heading."""
    return dict(body_lexer.vocabulary().kinds)["ITEM_HEAD"]


@functools.cache
def vocabulary() -> Vocabulary:
    lark = grammars.load("cover.lark")
    return Vocabulary(lark, [t.name for t in lark.terminals
                             if t.name not in MARKUP and t.name not in _BY_CONTEXT])


def _text(token: LineToken, text: str) -> str:
    return token.value or text[token.start_pos:token.end_pos]


# ------------------------------------------------------------------ caption rows

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


def caption_continued(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """A line right below a caption row that continues it joins the caption's token."""
    pending: LineToken | None = None
    for token in tokens:
        if (pending is not None and token.type not in MARKUP
                and pending.end_line == token.line - 1
                and _continues_caption(_text(token, text), pending.value)):
            pending = LineToken(pending.type, f"{pending.value}\n{_text(token, text)}",
                                pending.start_pos, pending.line, token.line, token.end_pos,
                                pending.match)
            continue
        if pending is not None:
            yield pending
            pending = None
        if token.type in CAPTIONS:
            pending = token
        else:
            yield token
    if pending is not None:
        yield pending


def header_rows(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """A caption row without parentheses, naming two or more fields, with no value
    right above it and values on the one or two lines below: those lines are its
    rows.

        ZURN INDUSTRIES, INC.
                                                           IRS Employer
            State of             Commission               Identification
          Incorporation          File Number                  Number
          Pennsylvania             1-5502                   25-1040754
    """
    buffered = list(tokens)
    for i, token in enumerate(buffered):
        if token.type not in ("CAPTION", "PAREN_CAPTION") or "(" in token.value:
            continue
        if len(captions(token.value)) < 2:
            continue
        if i > 0:
            above = buffered[i - 1]
            if (plain(above.type) and above.type not in ROWS | STANDING | {"RULE"}
                    and above.end_line == token.line - 1):
                continue  # a value right above: the row closes it, as captions do
        rows: list[int] = []
        expect = token.end_line + 1
        for j in range(i + 1, min(i + 3, len(buffered))):
            below = buffered[j]
            if (not plain(below.type) or below.type in ROWS | STANDING | {"RULE"}
                    or below.line > expect + 1):
                break
            rows.append(j)
            expect = below.line + 1
        if rows:
            buffered[i] = token.retyped("HEADER_ROW")
            for j in rows:
                buffered[j] = buffered[j].retyped("ROW", "")
    yield from buffered


def table_rows(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """The lines under a co-registrant table's caption row, while they start in the
    registrant column or with a commission file number (prose under the table
    starts further left): ``ROW``s, and ``REGISTRANT_ROW`` for a row with a file
    number in the file number column, which opens the next registrant."""
    table: tuple[list[tuple[int, int]], list[str], int] | None = None
    for token in tokens:
        if token.type == "TABLE_CAPTION":
            found = captions(token.value)
            kinds = [c.kind for c in found]
            table = None
            if "combined" in kinds:
                columns = [(c.start, c.end) for c in found]
                table = (columns, kinds, found[kinds.index("combined")].start)
            yield token
            continue
        if table is not None:
            columns, kinds, name_column = table
            pieces = chunks(_text(token, text)) if plain(token.type) else []
            if (not pieces or token.type in STANDING
                    or (pieces[0].start < name_column - 2
                        and not FILE_NUMBER.fullmatch(pieces[0].text))):
                table = None
            else:
                opens = any(kinds[best_column(p, columns)] == "file_number"
                            and FILE_NUMBER.fullmatch(p.text) for p in pieces)
                yield token.retyped("REGISTRANT_ROW" if opens else "ROW", "")
                continue
        yield token


# ------------------------------------------------------------------ the telephone line

def _number_after(line: str, after: int) -> bool:
    return PHONE.search(line, after) is not None


def phone_continued(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """The number under the telephone line joins its token:

        Registrant's telephone number, including area code:
        (708) 677-2900

    or "... including area code: (206)" / "622-6767" wrapped. Not when the line
    itself holds a number, nor when one of the two lines above does (the number
    stands above its caption, as values do).
    """
    buffered = list(tokens)
    out: list[LineToken] = []
    skip = -1
    for i, token in enumerate(buffered):
        if i == skip:
            continue
        if token.type != "PHONE" or i + 1 >= len(buffered):
            out.append(token)
            continue
        line = token.value
        after = token.match.end() if token.match is not None else 0
        nxt = buffered[i + 1]
        if _number_after(line, after) or not plain(nxt.type) or nxt.type in ROWS:
            out.append(token)
            continue
        below = _text(nxt, text)
        joined = f"{line}\n{below}"
        wrapped = (nxt.line == token.line + 1 and nxt.start_pos == token.end_pos + 1
                   and (m := PHONE.search(joined, after)) is not None and m.end() > len(line))
        near_above = any(
            plain(other.type) and other.type not in ROWS | {"RULE"}
            and abs(other.line - token.line) <= 3
            and PHONE.search(_text(other, text)) is not None
            for other in out[-2:])
        alone_below = (not near_above and nxt.type != "RULE" and nxt.line - token.line <= 3
                       and PHONE.search(below) is not None)
        if wrapped or alone_below:
            out.append(LineToken("PHONE", joined, token.start_pos, token.line, nxt.line,
                                 nxt.end_pos, token.match))
            skip = i + 1
            continue
        out.append(token)
    yield from out


# ------------------------------------------------------------------ the cover's tokens

def lex_cover(front: list[Line], text: str) -> list[LineToken]:
    """The cover's tokens, from the front lines of the body grammar."""
    words = vocabulary()
    heading = _item_heading()

    def named() -> Iterator[LineToken]:
        for line in front:
            if line.kind in MARKUP:
                yield LineToken(line.kind, line.text, line.start, line.number, line.number,
                                line.end)
                continue
            kind, match = words.classify(line.text)
            if kind == "TEXT" and (found := heading.match(line.text[:HEAD])) is not None:
                kind, match = "ITEM_HEAD", found
            yield LineToken(kind, "" if kind == "TEXT" else line.text, line.start,
                            line.number, line.number, line.end, match)

    tokens = caption_continued(named(), text)
    tokens = header_rows(tokens, text)
    tokens = table_rows(tokens, text)
    tokens = phone_continued(tokens, text)
    return list(tokens)
