"""Signature blocks: registrant, conformed signature, name, title, date.

Signature blocks are often two columns: the date on the left, the registrant,
``By: /s/ ...``, name and title on the right, on the same lines. The right
column starts where the ``By:`` / ``/s/`` lines start; each line is cut there
so the two columns are read as two streams instead of interleaved text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .body_lexer import classify_markup
from .columns import Chunk, chunks, is_rule
from .dates import find_date
from .layout import Layout
from .lines import Line, Part
from .model import DateValue, Signature, Text

_BY = re.compile(r"^\s*by\b\s*[:.]?\s*", re.IGNORECASE)
_CONFORMED = re.compile(r"/\s*s\s*/\s*", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(name|title|its|date|dated)\s*:\s*", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^\s*(?:date|dated)\b\s*[:.]?\s*", re.IGNORECASE)
_PURSUANT = re.compile(r"^\s*pursuant\s+to\b", re.IGNORECASE)
_REGISTRANT_CAPTION = re.compile(r"^\s*\(?\s*registrant\s*\)?\s*$", re.IGNORECASE)
_STOP = re.compile(r"^\s*(?:exhibit\s+(?:no|number|\d)|index\s+to\s+exhibits|#+\s*$)",
                   re.IGNORECASE)


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
        self.title: list[_Piece] = []
        self.date: DateValue | None = None
        self.conformed = False
        self.last = piece.number


def _split_columns(lines: list[Line]) -> tuple[list[_Piece], list[_Piece]]:
    """Cut each line into a left and a right column piece."""
    starts = []
    for line in lines:
        for chunk in chunks(line.text):
            if _BY.match(chunk.text) or _CONFORMED.match(chunk.text):
                starts.append(chunk.start)
    right_col = min(starts) if starts else None
    if right_col is not None and right_col < 12:
        right_col = None  # a one-column block
    left: list[_Piece] = []
    right: list[_Piece] = []
    for line in lines:
        raw = chunks(line.text)
        pieces = _cut_by(raw)
        if right_col is None:
            if len(pieces) != len(raw):  # "January 28, 1994 By: ----": two pieces
                for p in pieces:
                    right.append(_Piece(p.text, line.start + p.start, line.number))
            elif pieces:
                a, b = pieces[0].start, pieces[-1].end
                right.append(_Piece(line.text[a:b], line.start + a, line.number))
            continue
        lefts = [p for p in pieces if p.end <= right_col - 1 and p.start < right_col - 4]
        rights = [p for p in pieces if p not in lefts]
        for group, out in ((lefts, left), (rights, right)):
            if group:
                a, b = group[0].start, group[-1].end
                out.append(_Piece(line.text[a:b], line.start + a, line.number))
    return left, right


def _cut_by(pieces: list[Chunk]) -> list[Chunk]:
    """Collapsed spacing: "January 28, 1994 By: ----" becomes two pieces."""
    out: list[Chunk] = []
    for piece in pieces:
        at = re.search(r"\sBy\s*:", piece.text)
        if at:
            out.append(Chunk(piece.start, piece.start + at.start(), piece.text[: at.start()]))
            rest = piece.text[at.start() + 1 :]
            out.append(Chunk(piece.start + at.start() + 1, piece.end, rest))
        else:
            out.append(piece)
    return out


def _date(piece: _Piece, layout: Layout) -> DateValue | None:
    found = find_date(piece.text)
    if found is None:
        return None
    s, e, day = found
    return DateValue(value=day, text=piece.text[s:e],
                     span=layout.span(piece.start + s, piece.start + e))


def _text(piece: _Piece, layout: Layout, value: str | None = None, offset: int = 0) -> Text:
    value = piece.text[offset:].strip() if value is None else value
    at = piece.text.find(value, offset)
    start = piece.start + (at if at != -1 else offset)
    return layout.value(value, start, start + len(value))


def _skip_pursuant(lines: list[Line]) -> list[Line]:
    for i, line in enumerate(lines[:3]):
        if _PURSUANT.match(line.text):
            for j in range(i, min(i + 8, len(lines))):
                if re.search(r"authori[sz]ed\W*$", lines[j].text.strip(), re.IGNORECASE):
                    return lines[j + 1 :]
            # No "authorized": the paragraph ends at the first blank line.
            j = i
            while j + 1 < len(lines) and lines[j + 1].number == lines[j].number + 1:
                j += 1
            return lines[j + 1 :]
    return lines


def _block(part: Part, layout: Layout) -> list[Signature]:
    lines = [
        line for line in part.lines
        if classify_markup(line.text) is None and not line.text.strip().isdigit()
        and not re.fullmatch(r"\s*-\s*\d+\s*-\s*", line.text)
    ]
    lines = _skip_pursuant(lines)
    stop = next((i for i, line in enumerate(lines) if _STOP.match(line.text)), None)
    if stop is not None:
        lines = lines[:stop]
    left, right = _split_columns(lines)
    sigs: list[_Sig] = []
    pending: list[_Piece] = []  # registrant name lines waiting for a By:
    dates: list[tuple[int, DateValue]] = []
    for piece in left:
        found = _date(piece, layout)
        if found is not None:
            dates.append((piece.number, found))
    current: _Sig | None = None
    for piece in right:
        text = piece.text
        if is_rule(text):
            continue
        if _DATE_LABEL.match(text) or (find_date(text) and len(text) < 40 and not _BY.match(text)):
            found = _date(piece, layout)
            if found is not None:
                dates.append((piece.number, found))
                continue
        if _REGISTRANT_CAPTION.match(text):
            continue
        by = _BY.match(text)
        conformed = _CONFORMED.search(text)
        if (
            by and current is not None and current.signature is not None
            and is_rule(text[by.end():] or "---") and piece.number - current.last <= 2
        ):
            continue  # "/s/ Name" written above its "By: ______" line
        if by or (conformed and (current is None or current.signature is not None)):
            current = _Sig(piece, pending)
            pending = []
            sigs.append(current)
            begin = by.end() if by else 0
            rest = text[begin:]
            if rest.strip() and not is_rule(rest):
                current.signature = piece
                current.conformed = bool(_CONFORMED.search(rest))
                current.name = _name_after(piece, begin) or current.name
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
                current.name = value
            elif what in ("title", "its"):
                current.title.append(value)
            current.last = piece.number
            continue
        if current is not None and piece.number - current.last <= 2 and not _looks_like_entity(
            text, current
        ):
            if current.signature is None and current.name is None:
                current.name = piece
            elif current.name is not None and _same_name(current.name.text, text):
                current.name = piece  # the typed name under the /s/ line
            else:
                current.title.append(piece)
            current.last = piece.number
            continue
        # a registrant name (or several) above the next By:
        if pending and piece.number - pending[-1].number > 2:
            pending = []
        pending.append(piece)
        current = None if current is None or piece.number - current.last > 1 else current
        if current is not None:
            current = None
    return [_signature(sig, dates, layout) for sig in sigs]


def _name_after(piece: _Piece, begin: int) -> _Piece | None:
    """The signer's name on a signature line: what follows ``By:`` and ``/s/``."""
    text = piece.text
    m = _CONFORMED.search(text, begin)
    if m:
        begin = m.end()
    m = re.search(r"[^\s_,:-][^_]*?(?=[\s_,]*$)", text[begin : begin + 200])
    if m is None:
        return None
    return _Piece(m.group(), piece.start + begin + m.start(), piece.number)


def _looks_like_entity(text: str, sig: _Sig) -> bool:
    """An upper-case company name after a complete signature starts the next block."""
    if sig.name is None or not sig.title:
        return False
    letters = [c for c in text if c.isalpha()]
    upper = letters and all(c.isupper() for c in letters)
    return bool(upper) and any(
        w in text.upper() for w in ("INC", "CORP", "COMPANY", "L.P", "LLC", "TRUST", "BANK")
    )


def _same_name(a: str, b: str) -> bool:
    key = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
    return key(a) == key(b)


def _signature(sig: _Sig, dates: list[tuple[int, DateValue]], layout: Layout) -> Signature:
    registrant = None
    if sig.registrant:
        names = [p for p in sig.registrant if not _REGISTRANT_CAPTION.match(p.text)]
        if names:
            first, last = names[0], names[-1]
            value = "; ".join(p.text.strip() for p in names)
            registrant = layout.value(value, first.start, last.start + len(last.text))
    date = None
    if dates:
        date = min(dates, key=lambda d: abs(d[0] - sig.head.number))[1]
    title = None
    if sig.title:
        first, last = sig.title[0], sig.title[-1]
        value = " ".join(p.text.strip() for p in sig.title)
        title = layout.value(value, first.start, last.start + len(last.text))
    name = None
    if sig.name is not None and sig.name.text.strip():
        name = _text(sig.name, layout)
    signature = _text(sig.signature, layout) if sig.signature else None
    end_piece = sig.title[-1] if sig.title else sig.name or sig.head
    return Signature(
        registrant=registrant, name=name, title=title, date=date, conformed=sig.conformed,
        signature=signature,
        span=layout.span(sig.head.start, end_piece.start + len(end_piece.text)),
    )


def read_signatures(parts: list[Part], layout: Layout) -> list[Signature]:
    out: list[Signature] = []
    for part in parts:
        out.extend(_block(part, layout))
    return out
