"""Tokens of the signature block: ``grammar/signatures.lark``'s terminals, then the passes.

Two levels, as the grammar describes them. The *lines* handed over (a SIGNATURES
part, or an item's tail) are named by the grammar's line kinds, then:

- ``closed``: the block ends at a page break or heading after its first
  signature, unless the next page goes on signing (``more_signatures``);
- ``paragraphs``: a "Pursuant to" paragraph becomes one token, EXCHANGE_ACT when
  it is the Exchange Act sentence;
- ``layout_lines``: page numbers and layout tags between the lines are left out;
- ``exhibit_list``: the block ends where an exhibit list starts.

The lines are then cut into column *pieces* (``columns``: the signing column
starts at the By: and /s/ lines; Python does the column arithmetic), each named
by the grammar's piece kinds, and two more passes give context:

- ``capacity``: "By: X Corporation, General Partner", wrapped over up to three
  lines, above a person's signature becomes one CAPACITY token;
- ``signers``: which text lines are the registrant's name, the typed name and
  title under a signature, a signature only typed, or nobody's text.

``beside`` puts the left column's dates back among the pieces, in reading order.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import NamedTuple

from .. import grammars
from ..lexing import HEAD, LineToken, Vocabulary, line_token
from ..vocab import signers as who
from ..vocab.dates import find_date
from .columns import Chunk, chunks
from .lexer import MARKUP
from .lines import Line

GRAMMAR = "signatures.lark"
LONG = 2000  # a longer line is a paragraph laid out on one line (LONG_LINE)
_PAGE_REACH = 40  # lines after a page break looked at for more signatures

# kinds that end the signature being read, and the registrant lines waiting
BREAKS = frozenset(("EXCHANGE_ACT", "PURSUANT", "LONG_LINE"))
SENTENCES = frozenset(("EXCHANGE_ACT", "PURSUANT"))
SIGNING = frozenset(("BY_BLANK", "BY_CONFORMED", "BY_TYPED", "CONFORMED"))
SIGNED_HEADS = SIGNING - {"BY_BLANK"}  # a signature line with something signed on it
# a line holding a signature, whatever its layout
SIGNED_LINES = SIGNING | {"BY_INSIDE"}
LABELS = frozenset(("NAME_LINE", "TITLE_LINE"))
_SIGNING_FIRST = frozenset("bB/\\sS")
_SIGNING_NAMES = tuple(sorted(SIGNING))
_LINE_KINDS = ("PAGE_NUMBER", "EXCHANGE_ACT", "PURSUANT", "BY_BLANK", "BY_CONFORMED",
               "BY_TYPED", "CONFORMED", "BY_INSIDE", "NAME_LINE", "TITLE_LINE", "EXHIBIT_LIST",
               "HEADING")
_PIECE_KINDS = ("RULE", "DATE_LINE", "DATE_BLANK", "CAPTION", "DESCRIPTION", "PROSE",
                "BY_BLANK", "BY_CONFORMED", "BY_TYPED", "CONFORMED", "NAME_LINE", "TITLE_LINE",
                "WORDY")

# ASCII table tags inside a line ("<S><C> NAME") are layout, read as spaces
_TAG = re.compile(r"</?(?:s|c|fn|caption|page|table)>", re.IGNORECASE)
# the Exchange Act sentence's last word: "... hereunto duly authorized."
AUTHORIZED = re.compile(r"authori[sz]ed\b", re.IGNORECASE)
_ENDS_AUTHORIZED = re.compile(AUTHORIZED.pattern + r"\W*$", re.IGNORECASE)


# ------------------------------------------------------------------ vocabularies


@functools.cache
def _words(start: str, names: tuple[str, ...]) -> Vocabulary:
    return Vocabulary(grammars.load(GRAMMAR, start), names)


def line_vocabulary() -> Vocabulary:
    return _words("lines", _LINE_KINDS)


def piece_vocabulary() -> Vocabulary:
    return _words("block", _PIECE_KINDS)


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern of one terminal of the grammar."""
    for start in ("block", "lines"):
        for terminal in grammars.load(GRAMMAR, start).terminals:
            if terminal.name == name:
                return re.compile(terminal.pattern.to_regexp())
    raise KeyError(name)


# A line's (and a piece's) kind by its first ``HEAD`` characters, remembered: a
# signature block is mostly written as other filings' blocks are, character for
# character ("SIGNATURES", "By: /s/ ...", "Chief Financial Officer", "Date: ..."):
# in one pass over the shared corpus, 44% of the lines and 64% of the pieces had
# been named before, and naming one costs a few microseconds. A match is read
# only for its groups and their places, the same for the same text.
@functools.lru_cache(maxsize=4096)
def _line_kind(head: str) -> tuple[str, re.Match[str] | None]:
    return line_vocabulary().classify(head)


@functools.lru_cache(maxsize=4096)
def _piece_kind(head: str) -> tuple[str, re.Match[str] | None]:
    return piece_vocabulary().classify(head)


def _signing_words() -> Vocabulary:
    return _words("block", _SIGNING_NAMES)


def signing_start(text: str) -> re.Match[str] | None:
    """A signature line that starts at ``text``'s first character: "By: ...", "/s/ ...".

    These lines make the signing column, and find an unheaded block."""
    if text[:1] not in _SIGNING_FIRST:
        return None  # neither "By" nor a conformed mark ("/s/", "\\s\\", "s/") starts it
    kind, match = _signing_words().classify(text)
    if match is None or (kind == "CONFORMED" and match.start("mark") != 0):
        return None
    return match


def exchange_act_at(lines: list[Line], i: int) -> bool:
    """Whether the Exchange Act sentence starts at ``lines[i]`` (wrapped or not)."""
    text = lines[i].text[:200]
    if pattern("PURSUANT").match(text) is None:
        return False
    if i + 1 < len(lines):
        text = text.rstrip() + " " + lines[i + 1].text[:200].lstrip()
    return pattern("EXCHANGE_ACT").match(text) is not None


def signed_line(text: str) -> bool:
    """Whether a line holds a signature: "By: ...", "/s/ ...", "Date: ...  By: ..."."""
    return line_vocabulary().classify(text)[0] in SIGNED_LINES


def is_prose(text: str) -> bool:
    return pattern("PROSE").match(text) is not None


# ------------------------------------------------------------------ lines


def _token(kind: str, text: str, start: int, line: int, end_line: int | None = None,
           end: int | None = None, match: re.Match[str] | None = None) -> LineToken:
    return line_token(kind, text, start, line, line if end_line is None else end_line,
                      start + len(text) if end is None else end, match)


def line_tokens(lines: Iterable[Line]) -> Iterator[LineToken]:
    """One token per line, named by the grammar's line kinds (``lines``)."""
    for line in lines:
        text = line.text
        if line.kind in MARKUP:
            yield _token(line.kind, text, line.start, line.number, end=line.end)
            continue
        if len(text) > LONG:
            yield _token("LONG_LINE", "", line.start, line.number, end=line.start)
            continue
        if "<" in text:
            text = _TAG.sub(lambda m: " " * len(m.group()), text)
        kind, match = _line_kind(text[:HEAD])
        yield line_token(kind, text, line.start, line.number, line.number, line.end, match)


def _authorized(token: LineToken) -> bool:
    tail = token.value[-200:]
    if tail.isascii() and "authori" not in tail.lower():
        return False  # the pattern's words are not there (ASCII: lower() is its case folding)
    return _ENDS_AUTHORIZED.search(tail.strip()) is not None


def more_signatures(tokens: list[LineToken], start: int) -> bool:
    """Whether the page from ``tokens[start]`` goes on with signatures: co-registrants
    signing page after page ("Widmer's Wine Cellars, Inc." / "By: /s/ ...")."""
    seen = 0
    paragraph = False  # in a "Pursuant to ..." paragraph repeated for the next registrant
    for token in tokens[start : start + _PAGE_REACH]:
        kind = token.type
        if kind == "LONG_LINE":
            return False
        if kind in MARKUP or kind == "PAGE_NUMBER":
            continue
        if kind in SIGNED_LINES:
            return True
        if seen == 0 and kind in LABELS:
            return True  # "Name:" / "Title:" of the signature above the page break
        if kind in ("HEADING", "EXHIBIT_LIST"):
            return False
        if kind in SENTENCES:
            paragraph = True
        text = token.value.strip()
        if paragraph:
            paragraph = not _authorized(token)
        elif len(text.split(None, 8)) > 8 or len(text) > 80:
            return False  # a sentence: the page holds text, not signatures
        seen += 1
        if seen > 10:
            return False
    return False


def closed(tokens: Iterable[LineToken]) -> list[LineToken]:
    """The lines up to the page break or heading that follows the first signature.

    What follows is exhibit text (financial statements, an auditors' report): its
    signatures and dates are none of the registrant's. Lines are named as they
    are read, so the text after the block costs nothing."""
    source = iter(tokens)
    ahead: deque[LineToken] = deque()  # lines read past a page break
    out: list[LineToken] = []
    seen = False
    while True:
        token = ahead.popleft() if ahead else next(source, None)
        if token is None:
            return out
        kind = token.type
        if seen:
            if kind == "PAGE":
                ahead.extend(islice(source, _PAGE_REACH - len(ahead)))
                if not more_signatures(list(ahead), 0):
                    return out
            elif kind == "HEADING":
                return out
        elif kind in SIGNED_LINES:
            seen = True
        out.append(token)


def paragraphs(tokens: list[LineToken]) -> Iterator[LineToken]:
    """A "Pursuant to" paragraph as one token: up to its line ending in "authorized"
    (within eight lines), else to the first blank line. EXCHANGE_ACT when it is the
    Exchange Act sentence, PURSUANT otherwise."""
    sentence = pattern("EXCHANGE_ACT")
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        i += 1
        if token.type not in SENTENCES:
            yield token
            continue
        j = i - 1
        end = next((k for k in range(j, min(j + 8, n)) if _authorized(tokens[k])), None)
        if end is None:
            end = j
            while end + 1 < n and tokens[end + 1].line == tokens[end].end_line + 1:
                end += 1
        lines = tokens[j : end + 1]
        text = "\n".join(t.value for t in lines)
        # a first line named EXCHANGE_ACT holds the sentence's opening words (the
        # pattern has no look-ahead or anchor: what matched the line's head matches
        # the paragraph); a PURSUANT line may be the sentence wrapped
        kind = ("EXCHANGE_ACT" if token.type == "EXCHANGE_ACT" or sentence.match(text[:600])
                else "PURSUANT")
        last = lines[-1]
        yield line_token(kind, text, token.start_pos, token.line, last.end_line, last.end_pos)
        i = end + 1


def layout_lines(tokens: Iterable[LineToken]) -> Iterator[LineToken]:
    """Without layout tags and page numbers ("- 4 -", "Page 3", "12")."""
    for token in tokens:
        if token.type not in MARKUP and token.type != "PAGE_NUMBER":
            yield token


def exhibit_list(tokens: Iterable[LineToken]) -> Iterator[LineToken]:
    """The lines before an exhibit list ("Exhibit No.", "INDEX TO EXHIBITS")."""
    for token in tokens:
        if token.type == "EXHIBIT_LIST":
            return
        yield token


# ------------------------------------------------------------------ columns


class Piece(NamedTuple):
    """A run of a line's text: a column piece, a name, a title."""

    text: str
    start: int  # layout offset
    number: int  # line number


_piece = functools.partial(tuple.__new__, Piece)  # Piece._make, without its Python frame


def _cut_by(pieces: list[Chunk]) -> list[Chunk]:
    """Collapsed spacing: "January 28, 1994 By: ----" becomes two pieces."""
    out: list[Chunk] | None = None  # None while no piece is cut: ``pieces`` itself
    for i, piece in enumerate(pieces):
        # the pattern reads " By:" in capitals only: no "By", no cut
        m = pattern("BY_INSIDE").match(piece.text) if "By" in piece.text else None
        if m is not None:
            if out is None:
                out = pieces[:i]
            at = m.start("cut")
            out.append(Chunk(piece.start, piece.start + at, piece.text[:at]))
            out.append(Chunk(piece.start + at + 1, piece.end, piece.text[at + 1 :]))
        elif out is not None:
            out.append(piece)
    return pieces if out is None else out


def _split_date(piece: Piece) -> list[Piece]:
    """"Date: May 23, 1994 /s/ NAME" is two pieces: the date, and what follows it."""
    text = piece.text
    at = len(text) - len(text.lstrip())
    if text[at : at + 1] in _LABEL_FIRST:
        label = pattern("DATE_BLANK").match(text)
        if label:
            at = label.end("label")
    if text[at : at + 1] not in _DATE_FIRST:
        return [piece]  # no date starts there: none starts with another character
    found = find_date(text[: at + 40], at)
    if found is None or found[0] != at:
        return [piece]
    end = found[1]
    rest = text[end:].lstrip(" \t,.")
    if not rest.strip():
        return [piece]
    cut = len(text) - len(rest)
    return [Piece(text[:end], piece.start, piece.number),
            Piece(rest, piece.start + cut, piece.number)]


# What a date (``find_date``: "May 23, 1994", "23 May 1994", "5/23/94", a misspelt
# month) and a date label ("Date:", "Dated") start with: other pieces are not tried.
_DATE_FIRST = frozenset("0123456789jfmasondJFMASOND")
_LABEL_FIRST = frozenset("dD")
# what a piece starting with a character neither blank nor in these is not cut at
_NO_SPLIT = frozenset(chr(i) for i in range(33, 127)) - _DATE_FIRST - _LABEL_FIRST

_Lines = list[tuple[LineToken, list[Chunk]]]


def _signatures(found: list[Chunk]) -> list[Chunk]:
    """The pieces of a line that start a signature: "By:   /s/ Name" (the word and
    the name apart) is one."""
    out: list[Chunk] = []
    bare = False  # the piece before was "By:" alone
    for chunk in found:
        m = signing_start(chunk.text)
        if m is not None and not bare:
            out.append(chunk)
        bare = (m is not None and "by" in m.re.groupindex
                and m.end("by") >= len(chunk.text.rstrip()))
    return out


def _second_column(lines: _Lines) -> _Lines:
    """The lines in reading order when two officers sign side by side ("/s/ Walter
    K. Brennan      /s/ Louise M. Farrow", each with the typed name and title under
    it): a second signing column, starting at the second signature of such a line,
    becomes a second stream read after the first, from the first line that holds
    both signatures to the next paragraph or a line that runs across the column.
    Lines above it (the registrant's name, a date) stay whole."""
    col = first = None
    for i, (_, found) in enumerate(lines):
        if len(found) < 2:
            continue  # one piece holds one signature at most
        signing = _signatures(found)
        if len(signing) > 1:
            col = signing[1].start if col is None else min(col, signing[1].start)
            first = i if first is None else first
    if col is None or first is None:
        return lines
    edge = col - 2  # a rule or title set a column or two to the left is still the second's
    end = first
    while end < len(lines) and lines[end][0].type not in BREAKS and not any(
            c.start < edge and c.end > col + 2 for c in lines[end][1]):
        end += 1
    region = lines[first:end]
    left = [(token, [c for c in found if c.start < edge]) for token, found in region]
    right = [(token, kept) for token, found in region
             if (kept := [c for c in found if c.start >= edge])]
    return lines[:first] + left + right + lines[end:]


def columns(tokens: list[LineToken]) -> tuple[list[LineToken], list[LineToken]]:
    """The signing column's pieces and the left column's dates.

    The signing column starts where the By: / /s/ lines start (the leftmost of
    them, when it is at column 12 or further); each line is cut there. A block
    of one column is read line by line, cut only where spacing collapsed two
    columns into one run ("Date: May 23, 1994 /s/ ...", "... By:"). A second
    signing column (two officers side by side) is a second stream, read after
    the first (``_second_column``)."""
    lines = _second_column([(token, chunks(token.value) if token.type not in BREAKS else [])
                            for token in tokens])
    # which pieces start a signature, each text asked once (the column's start, then
    # whether a line signs)
    signs: dict[str, bool] = {}
    starts = []
    for _, found in lines:
        for chunk in found:
            text = chunk.text
            if text[:1] in _SIGNING_FIRST:
                signed = signs[text] = signing_start(text) is not None
                if signed:
                    starts.append(chunk.start)
    right_col = min(starts) if starts else None
    if right_col is not None and right_col < 12:
        right_col = None  # a one-column block
    dates = pattern("LEFT_DATE")
    left: list[LineToken] = []
    right: list[LineToken] = []
    signing = False  # a signature line was read
    pieces_of: list[Piece] = []  # the signing column's pieces, before they are named

    for token, raw in lines:
        if token.type in BREAKS:
            pieces_of.append(token)  # type: ignore[arg-type]
            continue
        text, start, number = token.value, token.start_pos, token.line
        pieces = _cut_by(raw) if "By" in text else raw  # no piece holds " By:" otherwise
        if right_col is None:
            if len(pieces) != len(raw):  # "January 28, 1994 By: ----": two pieces
                for p in pieces:
                    pieces_of.append(_piece((p.text, start + p.start, number)))
            elif pieces:
                a, b = pieces[0].start, pieces[-1].end
                pieces_of.append(_piece((text[a:b], start + a, number)))
            continue
        lefts: list[Chunk] = []
        rights: list[Chunk] = []
        for p in pieces:
            (lefts if p.end <= right_col - 1 and p.start < right_col - 4 else rights).append(p)
        if not rights and not signing and lefts:
            # above the first signature, a line all in the left column spans the page:
            # "NETAPP, INC." at the margin over "February 4, 2021   By: /s/ ..."
            rights, lefts = lefts, []
        if not signing:
            for p in rights:
                piece_text = p.text
                if piece_text[:1] in _SIGNING_FIRST:
                    found = signs.get(piece_text)
                    if found is None:
                        found = signs[piece_text] = signing_start(piece_text) is not None
                    if found:
                        signing = True
                        break
        if lefts:
            a, b = lefts[0].start, lefts[-1].end
            for piece in _split_date(_piece((text[a:b], start + a, number))):
                m = dates.match(piece.text[:200])
                if m is not None:
                    left.append(line_token("LEFT_DATE", piece.text, piece.start, number, number,
                                           piece.start + len(piece.text), m))
        if rights:
            a, b = rights[0].start, rights[-1].end
            pieces_of.append(_piece((text[a:b], start + a, number)))
    # each piece named (after a leading date is cut off)
    for item in pieces_of:
        if type(item) is not Piece:
            right.append(item)  # type: ignore[arg-type]
            continue
        value = item.text
        if value[:1] in _NO_SPLIT:  # most pieces: no date can start them (``_split_date``)
            at, number = item.start, item.number
            kind, match = _piece_kind(value[:HEAD])
            right.append(line_token(kind, value, at, number, number, at + len(value), match))
            continue
        for part in _split_date(item):
            value, at, number = part
            kind, match = _piece_kind(value[:HEAD])
            right.append(line_token(kind, value, at, number, number, at + len(value), match))
    return right, left


def beside(right: list[LineToken], left: list[LineToken]) -> list[LineToken]:
    """The left column's dates among the signing column's pieces, in reading order
    (a line's left piece before its right piece)."""
    if not left:
        return right
    out: list[LineToken] = []
    queue = iter(left)
    waiting = next(queue, None)
    for token in right:
        while waiting is not None and waiting.line <= token.line:
            out.append(waiting)
            waiting = next(queue, None)
        out.append(token)
    while waiting is not None:
        out.append(waiting)
        waiting = next(queue, None)
    return out


# ------------------------------------------------------------------ capacity


def _capacity(tokens: list[LineToken], index: int) -> int:
    """How many pieces from ``tokens[index]`` (a "By:" line typed, not conformed) make a
    capacity line, 0 if it is none.

    "By: Alliance Capital Management Corporation, General Partner" (maybe wrapped
    over two or three lines) names the organisation that signs for the registrant,
    in a chain that ends with a person's ``By: /s/ ...`` line right below."""
    first = tokens[index]
    begin = first.match.end("by") if first.match is not None else 0
    text = first.value[begin:]
    capacity = pattern("CAPACITY")
    count, last = 1, first.line
    while True:
        if len(text) < 300 and (m := capacity.match(first.value[:begin] + text)) is not None:
            head = m.group("head").strip(" ,")
            nxt = tokens[index + count] if index + count < len(tokens) else None
            if (head and who.is_organisation(head) and nxt is not None
                    and nxt.type not in BREAKS and nxt.line - last <= 4
                    and nxt.type in SIGNING):
                return count
            return 0
        if count >= 3 or index + count >= len(tokens):
            return 0
        piece = tokens[index + count]
        if (piece.type in BREAKS or piece.line - last > 1 or piece.type in SIGNING
                or piece.type in LABELS):
            return 0  # a Name: / Title: line is a signature's, not a partner's name
        text += " " + piece.value.strip()
        count, last = count + 1, piece.line


def capacity(tokens: list[LineToken]) -> list[LineToken]:
    """A capacity line ("By: X Corp., its General Partner", wrapped or not) with a
    signature right under it becomes one CAPACITY token (its lines joined by
    newlines)."""
    out: list[LineToken] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        count = _capacity(tokens, i) if token.type == "BY_TYPED" else 0
        if not count:
            out.append(token)
            i += 1
            continue
        lines = tokens[i : i + count]
        last = lines[-1]
        out.append(line_token("CAPACITY", "\n".join(t.value for t in lines), token.start_pos,
                              token.line, last.line, last.end_pos, token.match))
        i += count
    return out
