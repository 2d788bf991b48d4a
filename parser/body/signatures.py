"""Signature blocks: ``grammar/signatures.lark`` read into ``Signature`` objects.

The block's lines are tokens (``signature_lexer``: line kinds, the passes that
close the block and split its columns; ``signer_lines``: the roles of the signing
column's text lines); the grammar's
``block`` rule parses them, reporting where the block departs from its layout
(B206 ``signature-layout``); the transformer below turns each ``signer``
(registrant lines, then a signature with its typed name and title) into a
``Signature``. Dates are a signature's nearest (a date line, the left column,
the sentence's "this 8th day of January, 2025"), wherever in the block they are.

Without a SIGNATURES heading the block is looked for in the last item from its
Exchange Act sentence, wherever that is, then in the earlier items (an
amendment repeating its item), then as the By: / /s/ lines at the last item's
end.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from lark import Token

from ..grammars import Transformer
from ..layout.text import Layout
from ..lexing import LineToken, lines_of
from ..model import DateValue, Signature, Text
from ..prefilter import lower_like_re
from ..regions import Region, SyntaxProblem
from ..vocab import signers as who
from ..vocab.dates import find_date, find_day_of
from . import signature_lexer as lexer
from .lexer import markup_kind
from .lines import Line, Part, kinds_of, part_lines
from .signer_lines import Piece, clean_name, label_value, piece, signed_name, signers_named

_DATE_REACH = 25  # lines between a signature and its date, at most
_DATE_ORDER = {"EXCHANGE_ACT": 0, "PURSUANT": 0, "LEFT_DATE": 1, "DATE_LINE": 2}

_WORDS = {
    "EXCHANGE_ACT": "the Exchange Act sentence",
    "REGISTRANT": "the registrant's name",
    "CAPACITY": "a general partner's `By:` line",
    "BY_CONFORMED": "a `By: /s/ Name` line",
    "BY_TYPED": "a `By: Name` line",
    "BY_BLANK": "a `By:` line",
    "CONFORMED": "a `/s/ Name` line",
    "TYPED_SIGNATURE": "a typed name and title",
    "NAME_LINE": "a `Name:` line",
    "TITLE_LINE": "a `Title:` line",
    "TEXT": "text",
}
_SENTENCE = ("Pursuant to the requirements of the Securities Exchange Act of 1934, the "
             "registrant has duly caused this report to be signed on its behalf by the "
             "undersigned hereunto duly authorized.\n\n")
_SIGNED = "By: /s/ Jane Q. Public\n"
# What may stand above a stray label line, each a state of the parser a label can
# be unexpected in: the sentence (with a date under it), a registrant's lines (with
# a caption or date under them), text that is nobody's.
_ABOVE = ["", "Date: May 2, 1994\n", "ACME WIDGETS, INC.\n", "ACME WIDGETS, INC.\n(Registrant)\n",
          "ACME WIDGETS, INC.\nDate: May 2, 1994\n", "Some text of the filing\n\n\n\n",
          "Some text of the filing\n\n\n\nDate: May 2, 1994\n"]
# Malformed blocks, one list per message: the state their parse fails in words a
# real filing's problem in the same state.
_EXAMPLES = {
    f"a `{word}:` line with no signature above it": [
        f"{_SENTENCE}{above}{label}\n{_SIGNED}" for above in _ABOVE]
    for word, label in (("Name", "Name: Jane Q. Public"), ("Title", "Title: Treasurer"))
}


# ------------------------------------------------------------------ tokens


def lex_block(lines: list[Line]) -> list[LineToken]:
    """The tokens of a signature block for ``grammar/signatures.lark``'s ``block``: the
    lines named, the block closed, its paragraphs joined, its layout lines left out,
    cut at an exhibit list; then its columns split, general partners' lines joined,
    each line of the signing column given its role, the left column's dates put
    back in reading order."""
    return _lex(lines)[0]


def _lex(lines: list[Line]) -> tuple[list[LineToken], dict[tuple[int, str], Piece | None]]:
    """``lex_block``, and the names the ``signers`` pass read off the signature lines."""
    tokens = lexer.closed(lexer.line_tokens(lines))
    tokens = list(lexer.exhibit_list(lexer.layout_lines(lexer.paragraphs(tokens))))
    right, left = lexer.columns(tokens)
    named, names = signers_named(lexer.capacity(right))
    return lexer.beside(named, left), names


def lex_text(text: str) -> list[LineToken]:
    """The tokens of a signature block written as text (tests, error examples)."""
    lines = []
    for start, end, number in lines_of(text):
        line = text[start:end]
        lines.append(Line(markup_kind(line) or "TEXT", line, start, end, number))
    return lex_block(lines)


def _region() -> Region:
    global _REGION
    if _REGION is None:
        _REGION = Region("signatures.lark", lex_text, _WORDS, _EXAMPLES, start="block",
                         replacement="REGISTRANT", insertable=("EXCHANGE_ACT", "REGISTRANT"),
                         pairs=True)
    return _REGION


_REGION: Region | None = None


# ------------------------------------------------------------------ values


def _text(piece: Piece, layout: Layout) -> Text:
    text = piece.text
    value = text.strip()
    at = text.find(value) if value else 0
    start = piece.start + max(at, 0)
    return layout.value(value, start, start + len(value))


def _by(text: str) -> bool:
    return lexer.pattern("BY_TYPED").match(text) is not None


def _wraps(first: str, second: str) -> bool:
    """Whether two registrant lines are one name wrapped, not two names."""
    a = first.strip()
    if a.endswith((",", "&", "-")):
        return True
    words = who.words(a)
    if words and words[-1] in ("AND", "OF", "THE", "FOR"):
        return True
    second_words = who.words(second)
    if second_words and all(w in who.ENTITY_SUFFIXES for w in second_words):
        return True  # "INC." / "CORPORATION" on its own line
    return not any(w in who.ENTITY_WORDS for w in words)


def _registrant(tokens: list[Token], layout: Layout) -> Text | None:
    """The registrant's name: its lines joined, names on separate lines joined by
    "; ", a general partner's "By: X Corp., General Partner" kept with the name it
    signs for."""
    tokens = [token for token in tokens if token.value.strip()]  # not an inserted one
    lines = [line for token in tokens for line in token.value.split("\n") if line.strip()]
    if not lines:
        return None
    groups: list[list[str]] = [[lines[0]]]
    for line in lines[1:]:
        if _by(line) or _wraps(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    value = "; ".join(" ".join(p.strip() for p in group).rstrip(" ,;") for group in groups)
    return layout.value(value, tokens[0].start_pos, tokens[-1].end_pos)


def _strip_name(title: list[Piece], name: str | None) -> list[Piece]:
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
    at = len(text) - len(rest)
    return [Piece(rest.strip(), first.start + at, first.number)] + pieces[1:]


def _sentence_date(token: Token, layout: Layout) -> DateValue | None:
    """The date in "... duly authorized on this 8th day of January, 2025." """
    start = token.start_pos
    text = layout.text[start : min(token.end_pos, start + lexer.LONG)]
    # "... day of ...": most sentences have no such words, and are not scanned
    # for them (``lower_like_re``: unless only the pattern can tell)
    low = lower_like_re(text)
    found = find_day_of(text) if low is None or "day" in low else None
    if found is None:
        at = lexer.AUTHORIZED.search(text)
        found = find_date(text, at.end()) if at is not None else None
    if found is None:
        return None
    s, e, day = found
    return DateValue(value=day, text=text[s:e], span=layout.span(start + s, start + e))


def _dates(tokens: list[LineToken], layout: Layout) -> list[tuple[int, DateValue]]:
    """The block's dates and their lines: the sentences', then the left column's, then
    the signing column's (a tie in distance goes to the first)."""
    out: list[tuple[int, int, DateValue]] = []
    for token in tokens:
        kind = token.type
        found: DateValue | None = None
        if kind in lexer.SENTENCES:
            found = _sentence_date(token, layout)
        elif kind in ("LEFT_DATE", "DATE_LINE") and (at := find_date(token.value)):
            s, e, day = at
            found = DateValue(value=day, text=token.value[s:e],
                              span=layout.span(token.start_pos + s, token.start_pos + e))
        if found is not None:
            out.append((_DATE_ORDER[kind], token.line, found))
    out.sort(key=lambda d: d[0])
    return [(line, found) for _, line, found in out]


# ------------------------------------------------------------------ the transformer


class _Signing(NamedTuple):
    head: Piece
    signature: Piece | None
    conformed: bool
    name: Piece | None
    title: list[Piece]


class _Registrant(NamedTuple):
    value: Text | None
    name: Piece | None  # of a "Name:" line above the signature
    title: Piece | None  # of a "Title:" line above the signature


def _label(token: Token) -> str | None:
    """The label kind a registrant line was lexed as ("Title: ..." read as a registrant
    line where it stood above its signature), or None."""
    match = getattr(token, "match", None)
    if match is None:
        return None
    return _label_kinds().get(match.re.pattern)


@functools.cache
def _label_kinds() -> dict[str, str]:
    """The label kinds by their pattern's text."""
    return {lexer.pattern(kind).pattern: kind for kind in ("TITLE_LINE", "NAME_LINE")}


class _Reader(Transformer):
    """One method per rule of ``block``, returning ``Signature`` objects."""

    def __init__(self, layout: Layout, dates: list[tuple[int, DateValue]],
                 names: dict[tuple[int, str], Piece | None] | None = None) -> None:
        """``names``: the signed names the lexer read, by line start and text."""
        super().__init__(visit_tokens=False)
        self.layout = layout
        self.dates = dates
        self.names = names or {}

    def registrant(self, children: list[Token]) -> _Registrant:
        # "Title: Treasurer" above the By: line (reported, then read as a registrant
        # line): the title (or name) of the signature under it
        labels: dict[str, Piece] = {}
        names: list[Token] = []
        for t in children:
            if t.type in ("REGISTRANT", "CAPACITY"):
                kind = _label(t)
                if kind:
                    labels[kind] = label_value(t)
                else:
                    names.append(t)
        return _Registrant(_registrant(names, self.layout), labels.get("NAME_LINE"),
                           labels.get("TITLE_LINE"))

    def signature(self, children: list[Token]) -> _Signing:
        head = children[0]
        signed = head.type in lexer.SIGNED_HEADS
        head_piece = piece(head)
        signature = head_piece if signed else None
        name = None
        if signed:
            key = (head.start_pos, head.value)
            name = self.names[key] if key in self.names else signed_name(head)
        if head.type == "TYPED_SIGNATURE":
            name = head_piece
        conformed = head.type in ("BY_CONFORMED", "CONFORMED")
        title: list[Piece] = []
        for token in children[1:]:
            kind = token.type
            if kind == "TYPED_NAME":
                name = piece(token)
            elif kind == "TITLE_TEXT":
                title.append(piece(token))
            elif kind == "NAME_LINE":
                name = clean_name(label_value(token)) or name
            elif kind == "TITLE_LINE":
                value = label_value(token)
                if value.text.strip():
                    title.append(value)
            elif kind == "SIGNED_UNDER":
                signature, conformed = piece(token), True
                name = signed_name(token) or name
        return _Signing(head_piece, signature, conformed, name, title)

    def signer(self, children: list) -> list[Signature]:
        registrant: _Registrant = children[0]
        return [self._signature(registrant, sig, i == 0) for i, sig in enumerate(children[1:])]

    def _signature(self, registrant: _Registrant, sig: _Signing, first: bool) -> Signature:
        layout = self.layout
        head = sig.head
        end = sig.title[-1] if sig.title else sig.name or head
        span = layout.span(head.start, max(end.start + len(end.text), head.start))
        if first:  # a "Name:" / "Title:" line above the signature is its own
            if registrant.title is not None and not sig.title:
                sig = sig._replace(title=[registrant.title])
            if registrant.name is not None and sig.name is None:
                sig = sig._replace(name=clean_name(registrant.name))
        date = None
        near = [d for d in self.dates if abs(d[0] - head.number) <= _DATE_REACH]
        if near:
            date = min(near, key=lambda d: abs(d[0] - head.number))[1]
        name = _text(sig.name, layout) if sig.name is not None and sig.name.text.strip() else None
        pieces = _strip_name(sig.title, name.value if name else None)
        title = None
        if pieces:
            first_piece, last = pieces[0], pieces[-1]
            value = " ".join(p.text.strip() for p in pieces)
            title = layout.value(value, first_piece.start, last.start + len(last.text.rstrip()))
        return Signature(
            registrant=registrant.value, name=name, title=title, date=date,
            conformed=sig.conformed,
            signature=_text(sig.signature, layout) if sig.signature else None, span=span,
        )

    def block(self, children: list) -> list[Signature]:
        return [s for c in children if isinstance(c, list) for s in c]


# ------------------------------------------------------------------ a block


def _report(problems: list[SyntaxProblem], layout: Layout) -> None:
    source = layout.source
    for problem in problems:
        token = problem.token
        span = layout.span(token.start_pos, max(token.end_pos, token.start_pos))
        if problem.missing == "EXCHANGE_ACT":
            source.report(
                "signature-layout",
                "the signature block has no Exchange Act sentence above its first signature",
                span, label="expected `Pursuant to the requirements of the Securities Exchange "
                "Act of 1934, the registrant has duly caused this report to be signed ...` "
                "above this")
        elif problem.missing == "REGISTRANT":
            source.report(
                "signature-layout", "no registrant's name stands above this signature", span,
                label="expected the registrant's name (`ACME WIDGETS, INC.`) above the "
                "signature")
        elif token.type in ("NAME_LINE", "TITLE_LINE"):
            source.report("signature-layout", problem.message, span,
                          label="expected a `By: /s/ Name` line above it")
        else:  # the passes give no other token out of place
            expected = " or ".join(problem.expected) or "something else"
            source.report("signature-layout", problem.message, span,
                          label=f"expected {expected} here")


def _block(lines: list[Line], layout: Layout, headed: bool) -> list[Signature]:
    """The signatures of a block; its departures from the layout are reported when
    the block is the SIGNATURES part or gives signatures."""
    tokens, names = _lex(lines)
    problems: list[SyntaxProblem] = []
    dates = _dates(tokens, layout)
    signatures = _region().parse(tokens, problems.append,
                                 transformer=lambda: _Reader(layout, dates, names)) or []
    if headed or signatures:
        _report(problems, layout)
    return signatures


# ------------------------------------------------------------------ no heading


def _last_exchange_act(lines: list[Line]) -> int | None:
    """Where the last Exchange Act sentence of ``lines`` starts, or None."""
    for i in range(len(lines) - 1, -1, -1):
        if lexer.exchange_act_at(lines, i):
            return i
    return None


def _tail_signature(lines: list[Line]) -> list[Line]:
    """Without any Exchange Act sentence: the short lines right above the first
    ``By:`` or ``/s/`` line near the end of the item."""
    window = lines[-20:]
    for i, line in enumerate(window):
        text = line.text
        if len(text) > lexer.LONG:
            continue
        stripped = text.strip()
        found = lexer.signing_start(stripped)
        if found is None or ("by" in found.re.groupindex and len(stripped) >= 80):
            continue
        start = i
        while start > 0 and i - start < 6:
            above = window[start - 1]
            if (above.number < window[start].number - 2 or len(above.text.strip()) > 60
                    or lexer.is_prose(above.text)):
                break
            start -= 1
        return window[start:]
    return []


def read_signatures(parts: Sequence[Part], layout: Layout) -> list[Signature]:
    """The signatures of the SIGNATURES parts of ``parts``.

    ``parts`` may hold every part of the document: with no signature found
    under a SIGNATURES heading, the last item is read for a block (from its
    Exchange Act sentence), then the earlier items, then the ``By:`` / ``/s/``
    lines at the end of the last item.
    """
    out: list[Signature] = []
    kinds = kinds_of(parts)  # (a dense body's parts kept as columns: none made here)
    for i, kind in enumerate(kinds):
        if kind == "signatures":
            out.extend(_block(part_lines(parts, i), layout, True))
    if out or "item" not in kinds:
        return out
    items = [p for p in parts if p.kind == "item"]
    # the last Exchange Act sentence of the last item, then of an earlier one (an
    # 8-K/A that repeats its item: the block may close an earlier one)
    for item in reversed(items):
        if out:
            break
        at = _last_exchange_act(item.lines)
        if at is not None:
            out.extend(_block(item.lines[at:], layout, False))
    if not out:
        tail = _tail_signature(items[-1].lines)
        if tail:
            out.extend(_block(tail, layout, False))
    return out
