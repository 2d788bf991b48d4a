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
- ``table_header``: a 1994 header naming a column per field ("Commission File
  Number  Registrant  State of Incorporation  I.R.S. Employer Identification
  Number", over up to five lines) right above rows of registrants is one
  ``TABLE_CAPTION`` token;
- ``table_rows``: the lines under a co-registrant table's caption row are its
  rows: the row with a commission file number, a name and an IRS number opens a
  registrant's block (``REGISTRANT_ROW``), and the lines under it that stand
  right of the file number are that registrant's ``STATE_ROW``, ``PHONE_ROW``
  or (address) ``ROW``;
- ``captionless_name``: on a cover whose captions never name the registrant,
  the first line after the title and the date of report that looks like a
  company's name is its name (``NAME_LINE``);
- ``phone_continued``: the telephone number on the line below the telephone
  line joins its token, unless a line just above holds it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .. import grammars
from ..lexing import HEAD, LineToken, Vocabulary, line_token
from ..prefilter import conditions_of
from ..vocab.shapes import FILE_NUMBER, IRS, NOTHING, PHONE
from .captions import captions
from .lexer import MARKUP
from .lines import Line

CAPTIONS = frozenset(("CAPTION", "PAREN_CAPTION", "NAMES_CAPTION", "TABLE_CAPTION",
                      "HEADER_ROW"))
# The lines that name something on a cover page; every other kind is a line of
# text of some sort (a value, a rule, boilerplate) or a layout tag.
LANDMARKS = CAPTIONS | {"FORM_TITLE", "REPORT_DATE", "PHONE", "BOX_INTRO", "BOX",
                        "SECURITIES_12B", "EGC_QUESTION", "EGC_BOX", "EGC_TRANSITION",
                        "NAME_LINE"}
ROWS = frozenset(("ROW", "REGISTRANT_ROW", "STATE_ROW", "PHONE_ROW"))
# Lines of the form's own text: values never run across them.
STANDING = frozenset(("BOILERPLATE", "AMENDMENT"))
# Kinds only a pass gives: never matched against a line alone.
_BY_CONTEXT = ROWS | {"HEADER_ROW", "NAME_LINE"}
# Lines that hold a value of some shape (or plain text): what a value run is made of.
VALUE_LINES = frozenset(("TEXT", "SPACED", "DATE_LINE", "INCORPORATION", "PHONE_VALUE",
                         "ADDRESS_PHONE", "FAX"))


def plain(kind: str) -> bool:
    """A line of text (a value, a rule, boilerplate ...), not a landmark or a tag."""
    return kind not in LANDMARKS and kind not in MARKUP


@functools.cache
def _item_heading() -> Vocabulary:
    """The body grammar's ITEM_HEAD kind alone: a line the body read as text although
    it looks like an item heading (as a vocabulary, so most lines are ruled out by
    the prefilter's conditions before the pattern runs)."""
    return Vocabulary(grammars.load("body.lark"), ["ITEM_HEAD"])


@functools.cache
def vocabulary() -> Vocabulary:
    lark = grammars.load("cover.lark")
    return Vocabulary(lark, [t.name for t in lark.terminals
                             if t.name not in MARKUP and t.name not in _BY_CONTEXT])


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern of one terminal of ``grammar/cover.lark`` (a token test:
    does this line, or this piece of one, hold what that kind holds?)."""
    for terminal in grammars.load("cover.lark").terminals:
        if terminal.name == name:
            return re.compile(terminal.pattern.to_regexp())
    raise KeyError(name)


@functools.cache
def _starts(name: str) -> frozenset[str] | None:
    """The (lower-case) characters an ASCII line of kind ``name`` can start with, after
    blanks (``prefilter``; None: any): the other lines are not tried against the
    pattern."""
    return conditions_of([pattern(name)])[0].first  # (read from the cache folder)


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
            pending = line_token(pending.type, f"{pending.value}\n{_text(token, text)}",
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


_HEADER_KINDS = frozenset(("CAPTION", "PAREN_CAPTION"))  # what header_rows may retype


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
        if token.type not in _HEADER_KINDS or "(" in token.value:
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
            if (not plain(below.type) or below.type in ROWS | STANDING | {"RULE", "DATE_LINE"}
                    or below.line > expect + 1):
                break  # a date is the date of report's, never a registrant's field
            rows.append(j)
            expect = below.line + 1
        if rows:
            buffered[i] = token.retyped("HEADER_ROW")
            for j in rows:
                buffered[j] = buffered[j].retyped("ROW", "")
    yield from buffered


# The words of a header naming a column per field, without parentheses; what a
# line of one may hold besides them is short ("of", "No.").
_HEADER_WORDS = re.compile(
    r"\b(?:commission|file|number|registrant|state|incorporation|organization|"
    r"jurisdiction|i\.?\s?r\.?\s?s\.?|irs|employer|identification|no\.?)(?![\w])",
    re.IGNORECASE)


_RULE_WORD = re.compile(r"[-=_]{2,}")


def _header_line(text: str) -> bool:
    """Lines of a header naming columns: the words of each mostly header words,
    no digits."""
    for line in text.split("\n"):
        words = line.split()
        if words and all(_RULE_WORD.fullmatch(w) for w in words):
            continue  # "---------   --------" drawn under the header
        if not words or len(words) > 14 or re.search(r"\d", line):
            return False
        if len(_HEADER_WORDS.findall(line)) * 2 < len(words):
            return False
    return True


def table_header(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """A header of up to five lines naming the registrant, its commission file number
    (and its state, its IRS number), each field a column, right above a row holding
    a file number, a name and an IRS number: one ``TABLE_CAPTION`` token over
    its lines. The 1994 covers of two registrants wrote them so:

                                                        I.R.S.
           Commission                                   Employer
           File                          State of       Identification
           Number      Registrant        Incorporation  Number
           001-11227   Washington Energy Company  Washington  91-1005304
    """
    buffered = list(tokens)
    row = pattern("REGISTRANT_ROW")
    starts = _starts("REGISTRANT_ROW")
    out: list[LineToken] = []
    i = 0
    while i < len(buffered):
        token = buffered[i]
        m = None
        if plain(token.type):
            line = _text(token, text)
            first = line.lstrip(" \t")[:1]
            if starts is None or not first.isascii() or first.lower() in starts:
                m = row.match(line)
        nxt = buffered[i + 1] if i + 1 < len(buffered) else None
        wrapped = (m is not None and nxt is not None and nxt.line == token.line + 1
                   and IRS.fullmatch(_text(nxt, text).strip()) is not None)
        if m is None or (m.group("irs") is None and not wrapped) or not out:
            out.append(token)
            i += 1
            continue
        # the header lines right above, nearest last (a repository that wrapped
        # the lines at 65 characters made seven of five)
        stack: list[LineToken] = []
        rules: list[LineToken] = []
        expect = token.line - 1
        for above in reversed(out[-8:]):
            if above.type == "RULE" and not stack and above.line >= expect - 1:
                expect = above.line - 1  # "---------   --------" under the header
                rules = [above]
                continue
            if (above.type in MARKUP or above.type in STANDING or above.end_line < expect - 1
                    or not _header_line(_text(above, text))):
                break
            stack.append(above)
            expect = above.line - 1
        words = " ".join(_text(t, text) for t in reversed(stack)).lower()
        if stack and "registrant" in words and ("commission" in words or "file" in words):
            first = stack[-1]
            kept = out[len(out) - len(stack) - len(rules):][len(stack):]
            del out[len(out) - len(stack) - len(rules):]
            joined = "\n".join(_text(t, text) for t in reversed(stack))
            out.append(line_token("TABLE_CAPTION", joined, first.start_pos, first.line,
                                  stack[0].end_line, stack[0].end_pos))
            out += [t.retyped("ROW", "") for t in kept]  # the rule under the header
        out.append(token)
        i += 1
    yield from out


def table_rows(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """The lines under a co-registrant table's caption row: ``REGISTRANT_ROW`` for a
    row holding a commission file number and a name (and the IRS number), which
    opens the next registrant; the lines under it that stand right of its file
    number are that registrant's ``STATE_ROW`` ("(A Georgia Corporation)"),
    ``PHONE_ROW`` or ``ROW`` (an address line). Before the first registrant, lines
    starting in the registrant column are ``ROW``s (a rule under the caption).
    Prose under the table starts further left (or is a sentence): the table ends.
    The rows are found by what they hold, so a caption row laid out with other
    columns than its rows (an HTML caption in a table of its own) does not matter.
    """
    registrant_row = pattern("REGISTRANT_ROW")
    state_row, phone_row = pattern("INCORPORATION"), pattern("PHONE_VALUE")
    table = False
    name_column = 0  # the caption's registrant column, before the first registrant
    block: tuple[int, int] | None = None  # (file number end, name start) of the last row
    previous: LineToken | None = None  # the registrant row right above
    row_line = last_line = 0  # the line of this row, and of the row above
    for token in tokens:
        if token.type == "TABLE_CAPTION":
            found = captions(token.value)
            combined = [c for c in found if c.kind in ("combined", "name")]
            table, block = True, None
            name_column = combined[0].start if combined else 0
            yield token
            continue
        if table and plain(token.type) and token.type not in STANDING | ROWS:
            last_line, row_line = row_line, token.end_line
            line = _text(token, text)
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            m = registrant_row.match(line)
            if m is not None and (m.group("irs") is not None or block is not None
                                  or indent <= name_column):
                block = (m.end("file"), m.start("name"))
                previous = token.retyped("REGISTRANT_ROW", "", m)
                yield previous
                continue
            above, previous = previous, None
            if block is not None:
                file_end, name_start = block
                if IRS.fullmatch(stripped) and above is not None and (
                        above.match is None or above.match.group("irs") is None):
                    # the row's IRS number wrapped onto the next line
                    yield token.retyped("ROW", "")
                    continue
                if (indent > file_end and indent >= name_start - 8 and len(stripped) <= 80
                        and token.line == last_line + 1):  # a block has no blank line
                    for kind, test in (("STATE_ROW", state_row), ("PHONE_ROW", phone_row)):
                        found_kind = test.match(line)
                        if found_kind is not None:
                            yield token.retyped(kind, "", found_kind)
                            break
                    else:
                        yield token.retyped("ROW", "")
                    continue
            elif indent >= name_column - 2 and not FILE_NUMBER.match(stripped):
                yield token.retyped("ROW", "")
                continue
            table = False
        elif table and token.type not in MARKUP and token.type not in ROWS:
            table = False
        yield token


def _looks_like_name(line: str) -> bool:
    """A company's name: a short line without digits, in capitals or ending in a
    word companies end their names with ("Inc.", "Corporation", "Trust" ...)."""
    words = line.split()
    if not words or len(words) > 10 or re.search(r"\d", line) or line.rstrip().endswith(":"):
        return False
    if not re.search(r"[A-Za-z]{3}", line) or NOTHING.match(line) or _header_line(line):
        return False
    if not any(c.islower() for c in line):
        return True
    return re.search(r"\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|l\.?p|"
                     r"llc|trust|bancorp(?:oration)?|partners|group|holdings?)\.?,?$",
                     line.strip(), re.IGNORECASE) is not None


_BEFORE_NAME = frozenset(("FORM_TITLE", "BOILERPLATE", "AMENDMENT", "REPORT_DATE", "DATE_LINE",
                          "RULE"))


def captionless_name(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """The registrant's name on a cover with no caption naming it (1990s): the
    first text line after the title lines and the date of report, before the
    first caption, telephone line or check box, when it looks like a company's
    name and no caption row right under it claims it as its value."""
    buffered = list(tokens)
    for token in buffered:
        if token.type in CAPTIONS:
            kinds = {c.kind for c in captions(token.value)}
            if kinds & {"name", "combined"}:
                yield from buffered
                return
    # the last title line or date before the first line of another kind of landmark
    last = None
    for i, token in enumerate(buffered):
        if token.type in _BEFORE_NAME and token.type != "RULE":
            last = i
        elif not plain(token.type) and token.type not in MARKUP:
            break
    if last is not None:
        for i in range(last + 1, len(buffered)):
            token = buffered[i]
            if token.type == "RULE" or token.type in MARKUP:
                continue
            if token.type in ("TEXT", "SPACED") and _looks_like_name(_text(token, text)):
                nxt = buffered[i + 1] if i + 1 < len(buffered) else None
                if not (nxt is not None and nxt.type in CAPTIONS
                        and nxt.line == token.end_line + 1):
                    buffered[i] = token.retyped("NAME_LINE", "")
            break
    yield from buffered


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
            out.append(line_token("PHONE", joined, token.start_pos, token.line, nxt.line,
                                  nxt.end_pos, token.match))
            skip = i + 1
            continue
        out.append(token)
    yield from out


# ------------------------------------------------------------------ the cover's tokens

@functools.lru_cache(maxsize=4096)
def _kind(head: str) -> tuple[str, re.Match[str] | None, bool]:
    """The kind of a line whose first ``HEAD`` characters are ``head``, and the match
    that named it. Kept: three lines in four of a cover page are written the same,
    character for character, on other filings' covers (the standing text, the
    captions, the check boxes: 2,479 different lines of 10,204 on 406 covers of the
    shared corpus), and naming one costs a few microseconds. A match is read only
    for its groups and their places, which are the same for the same text.

    Third: whether the line could open a registrant's row of a 1994 table
    (``table_header`` has nothing to do on a cover with no such line)."""
    kind, match = vocabulary().classify(head)
    if kind == "TEXT" and (found := _item_heading().first(head)) is not None:
        kind, match = found
    starts = _starts("REGISTRANT_ROW")
    first = head.lstrip(" \t")[:1]
    row = ((starts is None or not first.isascii() or first.lower() in starts)
           and pattern("REGISTRANT_ROW").match(head) is not None)
    return kind, match, row


def lex_cover(front: list[Line], text: str) -> list[LineToken]:
    """The cover's tokens, from the front lines of the body grammar."""

    rows = False  # a line that could open a registrant's row (see _kind)

    def named() -> Iterator[LineToken]:
        nonlocal rows
        for line in front:
            if line.kind in MARKUP:
                yield line_token(line.kind, line.text, line.start, line.number, line.number,
                                 line.end)
                continue
            kind, match, row = _kind(line.text[:HEAD])
            if row or len(line.text) > HEAD:  # the row pattern reads the whole line
                rows = True
            yield line_token(kind, "" if kind == "TEXT" else line.text, line.start,
                             line.number, line.number, line.end, match)

    tokens = list(caption_continued(named(), text))
    if rows:
        tokens = list(table_header(tokens, text))
    # The passes below act on lines of a few kinds only; a cover without one of
    # them (most have no table of registrants, none has a header row written
    # without parentheses) skips the pass instead of visiting every line.
    kinds = {token.type for token in tokens}
    if "CAPTION" in kinds and any(token.type == "CAPTION" and "(" not in token.value
                                  for token in tokens):  # a PAREN_CAPTION holds "("
        tokens = list(header_rows(tokens, text))
    if "TABLE_CAPTION" in kinds:
        tokens = list(table_rows(tokens, text))
    tokens = list(captionless_name(tokens, text))
    if "PHONE" in kinds:
        tokens = list(phone_continued(tokens, text))
    return tokens
