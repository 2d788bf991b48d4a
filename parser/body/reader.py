"""The 8-K text: tokens -> ``grammar/body.lark`` -> cover, items, signatures, exhibits.

The transformer turns the parse tree into ``Line`` and ``Part`` objects (no lark
types past this module); ``cover``, ``item_sections``, ``signatures`` and
``exhibits`` read the data objects out of them.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from lark import Lark, Token, Transformer

from .. import grammars
from ..layout.text import Layout
from ..lexing import LineToken
from ..model import CoverPage, Exhibit, Item, Signature, Text
from ..recovery import Problem, parse_with_recovery
from . import lexer as body_lexer
from .cover import read_cover
from .exhibits import read_exhibits
from .items import heading_key_tuple, heading_keys, read_items
from .lexer import TextRun
from .lines import Line, Lines, Part, Parts, Run, own_columns
from .signature_lexer import signed_line
from .signatures import read_signatures

_WORDS = {
    "ITEM_HEAD": "an item heading such as `Item 2.02`",
    "SIGNATURE_HEAD": "the `SIGNATURES` heading",
    "TEXT": "text",
    "$END": "the end of the document",
}


class Body(NamedTuple):
    cover: CoverPage | None
    intro: Text | None
    items: list[Item]
    exhibits: list[Exhibit]
    signatures: list[Signature]
    parts: Sequence[Part]  # a list, or ``Parts`` for a body of many
    front: Sequence[Line]


# From how many parts a body keeps them as ``Parts`` for the validator (a filing
# has a dozen at most: theirs are read as they are, not made again)
_MANY_PARTS = 256


class _Builder(Transformer):
    """One method per grammar rule, returning ``Line`` / ``Part`` objects. The body
    parser calls them as it reduces (``transformer=`` on the LALR parser): no tree
    is built and walked again. Tokens reach the rules as they are: a ``TextRun``
    (``body_lexer``) stands for its lines, any other token for its one line."""

    @staticmethod
    def _line(token: Token) -> Line:
        return Line(token.type, token.value, token.start_pos, token.end_pos, token.line,
                    getattr(token, "match", None))

    @classmethod
    def _lines(cls, children: list) -> list[Line] | Lines | Run:
        lines: list[Line] = []
        pieces: list[Line | Run] = []  # with runs kept as columns (a text over COLUMNS)
        for child in children:
            if isinstance(child, TextRun):
                if isinstance(child.lines, Run):
                    pieces += lines
                    pieces.append(child.lines)
                    lines = []
                else:
                    lines += child.lines
            elif isinstance(child, Line):
                lines.append(child)
            elif isinstance(child, Token):
                lines.append(cls._line(child))
        if not pieces:
            return lines
        if not lines and len(pieces) == 1:
            return pieces[0]  # one run: it is the lines (a dense body's every part)
        return Lines(pieces + lines)  # a Line made from a run's columns when read

    def markup(self, children: list) -> Line:
        return self._line(children[0])

    def _part(self, kind: str, children: list) -> Part:
        return Part(kind, self._line(children[0]), self._lines(children[1:]))

    def item(self, children: list) -> Part:
        return self._part("item", children)

    def signatures(self, children: list) -> Part:
        return self._part("signatures", children)

    def exhibit_index(self, children: list) -> Part:
        return self._part("exhibit_index", children)

    def explanatory(self, children: list) -> Part:
        return self._part("explanatory", children)

    def section(self, children: list) -> Part:
        return Part("section", self._line(children[0]), [])

    def part(self, children: list) -> Part:
        return children[0]

    def front(self, children: list) -> tuple[list[Line] | Lines | Run, Part | None]:
        lines = self._lines([c for c in children if not isinstance(c, Part)])
        note = next((c for c in children if isinstance(c, Part)), None)
        return lines, note

    def start(self, children: list) -> tuple[list[Line], Part | None, list[Part]]:
        lines, note = children[0]
        return lines, note, [c for c in children[1:] if isinstance(c, Part)]


@functools.cache
def _parser() -> Lark:
    """``grammar/body.lark`` with the builder applied as the parser reduces."""
    return grammars.build("body.lark", transformer=_Builder())


def _with_value(token: Token, text: str) -> Token:
    """A token fed from outside (tests) with its line as its value, as the lexer's are."""
    if token.type == "TEXT" or token.value:
        return token
    return LineToken(token.type, text[token.start_pos:token.end_pos], token.start_pos,
                     token.line, token.end_line, token.end_pos, getattr(token, "match", None))


def _first_of(lines: Sequence[Line], kind: str) -> int | None:
    """The index of the first line of ``kind`` (a layout tag, a heading)."""
    if isinstance(lines, (Lines, Run)):
        return lines.find_kind(kind)  # text runs passed over unread
    return next((k for k, line in enumerate(lines) if line.kind == kind), None)


def _drop_contents(parts: list[Part]) -> list[Part]:
    """Leave out a table of contents: a run of headings with (almost) nothing under
    them whose items are headed again, with text, further on (Oracle 2014, Nuance
    2007: "ITEM 2.02 ... / ITEM 9.01 ... / SIGNATURE / EXHIBIT INDEX"). The table
    ends at its page break: the next page (under a running "Table of Contents"
    header) starts the report, whose first item may be short ("The information
    set forth under Item 2.03 is incorporated herein by reference"). The part
    that closes the contents page may list more (its EXHIBIT INDEX entries, "EX-2.1
    Share Purchase Agreement" ...): they go with the table."""

    def listing(part: Part) -> bool:
        # up to six short text lines (stops at the first that says otherwise: a
        # report's item has hundreds)
        if part.kind == "explanatory":
            return False
        if isinstance(part.lines, (Lines, Run)) and part.lines.text_lines() > 6:
            return False  # (a run's lines are never blank: counted without reading them)
        count = total = 0
        for line in part.lines:
            if line.kind != "TEXT":
                continue
            size = len(line.text.strip())
            if not size:
                continue
            count += 1
            total += size
            if count > 6 or size >= 100 or total >= 400:
                return False
        return True

    def closing(part: Part) -> list[str] | None:
        """The entries of what may be the last part of a contents page: up to a
        dozen, then its page break ("EXHIBIT INDEX" / "EX-2.1 Share Purchase
        Agreement" / ... / <PAGE>); None if it is not. It is not either if one of
        them signs, which is asked only where the answer changes what is dropped
        (naming a line costs more than the rest)."""
        at = _first_of(part.lines, "PAGE")
        if at is None or part.kind == "explanatory":
            return None
        lines = [line.text.strip() for line in part.lines[:at]
                 if line.kind == "TEXT" and line.text.strip()]
        return lines if len(lines) <= 12 and all(len(line) < 100 for line in lines) else None

    def dropped(i: int, j: int) -> bool:
        """Whether parts[i:j] are a table of contents, given the keys of the parts
        after it (``later``)."""
        listed = [k for ks in keys[i:j] for k in ks]
        return j - i >= 2 and sum(later[k] > 0 for k in listed) * 2 >= len(listed)

    keys = [heading_keys(p.head) if p.kind == "item" else [p.kind] for p in parts]
    later = Counter(k for ks in keys for k in ks)  # the keys of parts[i:], kept as i moves
    i = 0
    while i < len(parts):
        if not listing(parts[i]):
            later.subtract(keys[i])
            i += 1
            continue
        j = i
        entries: list[str] | None = None  # a closing part's, not yet asked if one signs
        while j < len(parts) and (listing(parts[j])
                                  or (j > i and (entries := closing(parts[j])) is not None)):
            later.subtract(keys[j])
            j += 1
            if _first_of(parts[j - 1].lines, "PAGE") is not None:
                break  # the contents page ends: a short item on the next is the report's
        if entries is None:
            drop = dropped(i, j)
        else:  # the closing part (it has a page break: the last taken)
            with_it = dropped(i, j)
            later.update(keys[j - 1])  # as if it were not taken
            without = dropped(i, j - 1)
            # When neither drops anything, taking it or not ends the same (i past it)
            if (with_it or without) and any(signed_line(line) for line in entries):
                j, drop = j - 1, without  # it signs: not a closing part
            else:
                later.subtract(keys[j - 1])
                drop = with_it
        if drop:
            parts = parts[:i] + parts[j:]
            break
        i = j
    # A SIGNATURE(S) heading before the first item, with no signature under it,
    # is a contents entry when the report is signed again after its items.
    signed = [i for i, p in enumerate(parts) if p.kind == "signatures"]
    first_item = next((i for i, p in enumerate(parts) if p.kind == "item"), None)
    if (len(signed) > 1 and first_item is not None and signed[0] < first_item
            and not any(signed_line(line.text) for line in parts[signed[0]].lines)):
        parts = parts[: signed[0]] + parts[signed[0] + 1 :]
    return parts


def read_body(layout: Layout, lexed: body_lexer.BodyTokens | None = None) -> Body:
    """Read the 8-K text of ``layout``; problems go to ``layout.source``.

    ``lexed`` replaces the lexer's tokens (tests feed token sequences the lexer
    would not make, to exercise the grammar's error path)."""
    source = layout.source
    if lexed is None:
        lexed = body_lexer.tokenize_runs(layout.text)
    else:
        tokens = [_with_value(t, layout.text) for t in lexed.tokens]
        lexed = lexed._replace(tokens=list(body_lexer.text_runs(tokens, layout.text)))
    for note in lexed.notes:
        related = [(layout.span(*note.related), "opened here")] if note.related else None
        source.report(note.name, note.message, layout.span(note.start, note.end),
                      label=note.message, secondary=related)

    def report(problem: Problem) -> None:
        token = problem.token
        if token.type == "$END":
            return
        expected = ", ".join(sorted({_WORDS[t] for t in problem.expected if t in _WORDS}))
        source.report(
            "body-syntax", f"unexpected {token.type.lower().replace('_', ' ')} line",
            layout.span(token.start_pos, token.end_pos),
            label=f"expected {expected or 'something else'}",
        )

    built = parse_with_recovery(_parser(), lexed.tokens, (), report,
                                recovered=functools.partial(body_lexer.separated, lexed.tokens))
    if built is None:
        return Body(None, None, [], [], [], [], [])
    front, note, parts = built
    del built, lexed  # the Lines hold what is needed from here on
    parts = _drop_contents(parts)
    cover, intro = read_cover(front, note, layout)
    if len(parts) >= _MANY_PARTS:
        # kept as columns as the items are read: the items, the exhibit lists and
        # the signatures fill the room the parts let go (20 MB of a dense 25 MB
        # body); the later readers read them by index, no part made
        kept = Parts([], layout.text, heading_key_tuple)
        items = read_items(parts, layout, kept)
        parts = kept
    else:
        items = read_items(parts, layout)
    exhibits = read_exhibits(parts, layout)
    signatures = read_signatures(parts, layout)
    if not items:
        at = front[-1].end if front else 0
        source.report(
            "no-items", "no item heading was found in the 8-K text", layout.span(at, at),
            label="expected an item heading such as `Item 2.02` by here",
        )
    if type(parts) is Parts:  # what the validator keeps: no share of every line's columns
        parts.let_go_of_columns()
        front = own_columns(front)
    return Body(cover, intro, items, exhibits, signatures, parts, front)
