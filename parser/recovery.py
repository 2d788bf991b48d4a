"""Running a grammar with error recovery: the one place lark errors are handled.

On an unexpected token the parser first tries to *insert* a missing closing
token (``</TEXT>``, ``</DOCUMENT>``, ...) that would let the offending token
through; failing that it *drops* the offending token. Either way the problem is
reported through ``report`` and parsing goes on, so one run finds every
independent problem and still returns a tree. At end of input it inserts
closers until the grammar accepts. Relies on lark's interactive parser
(``on_error``), which is why lark's version is pinned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import copy
from typing import NamedTuple

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken

from .grammars import tokens_iter

MAX_ERRORS = 100


class Problem(NamedTuple):
    """A syntax problem, in token terms; the caller words it for people."""

    kind: str  # "missing" (a token was inserted) or "unexpected" (a token was dropped)
    token: Token  # the offending token (``$END`` at end of input)
    missing: str | None  # the inserted token type, for "missing"
    expected: frozenset[str]
    state: int | None = None  # the LALR state, to word the problem from examples


def lalr_state(error: UnexpectedToken) -> int | None:
    """The number of the LALR state ``error`` happened in (lark gives its parser
    state object, whose ``position`` is that number)."""
    state = error.state
    return getattr(state, "position", state)


class TooManyErrors(Exception):
    pass


def _trial(parser):
    """A copy of ``parser`` that builds no tree.

    A trial must not run the tree callbacks: they reuse children lists of trees
    the real parser still holds, so a trial reduction would splice the same
    subtree into the real tree again and again (a 9 KB input once grew a tree of
    1.8 million nodes that way). Like lark's own ``accepts``, the trial runs with
    no callbacks at all.
    """
    trial = parser.copy(deepcopy_values=False)
    conf = copy(trial.parser_state.parse_conf)
    conf.callbacks = {}
    trial.parser_state.parse_conf = conf
    return trial


def _accepts_after(parser, token: Token) -> set[str]:
    """What the parser would accept after ``token``, without building any tree."""
    trial = _trial(parser)
    try:
        trial.feed_token(token)
    except UnexpectedToken:
        return set()
    return trial.accepts()


def parse_with_recovery(
    lark: Lark,
    tokens: Sequence[Token],
    insertable: Sequence[str],
    report: Callable[[Problem], None],
    replacement: str | None = None,
    pairs: bool = False,
) -> Tree | None:
    """Parse ``tokens``; return the tree, or None if even recovery failed.

    With ``replacement`` (a kind such as ``TEXT``), an unexpected token is read as
    that kind where the grammar takes it there, so its line stays in the tree;
    otherwise it is dropped. With ``pairs``, where no one insertable kind lets a
    token through, two may (each is reported)."""
    errors = 0

    def synthetic(kind: str, at: Token) -> Token:
        pos = at.start_pos if at.type != "$END" else at.end_pos
        return Token(kind, "", pos, at.line, at.column, at.line, at.column, pos)

    def on_error(error: UnexpectedInput) -> bool:
        nonlocal errors
        if not isinstance(error, UnexpectedToken):
            return False
        errors += 1
        if errors > MAX_ERRORS:
            raise TooManyErrors
        parser = error.interactive_parser
        token = error.token
        expected = frozenset(parser.accepts())
        state = lalr_state(error)
        if token.type == "$END":
            if last_end is not None:
                token = Token("$END", "", last_end, None, None, None, None, last_end)
            for _ in range(64):
                allowed = parser.accepts()
                if "$END" in allowed:
                    break
                kind = next((t for t in insertable if t in allowed), None)
                if kind is None:
                    return False
                parser.feed_token(synthetic(kind, token))
                report(Problem("missing", token, kind, expected, state))
            return True
        for kind in insertable:
            if kind not in expected:
                continue
            if token.type in _accepts_after(parser, synthetic(kind, token)):
                parser.feed_token(synthetic(kind, token))
                parser.feed_token(token)
                report(Problem("missing", token, kind, expected, state))
                return True
        for first, second in _pairs(parser, token, expected) if pairs else ():
            parser.feed_token(synthetic(first, token))
            parser.feed_token(synthetic(second, token))
            parser.feed_token(token)
            report(Problem("missing", token, first, expected, state))
            report(Problem("missing", token, second, expected, state))
            return True
        report(Problem("unexpected", token, None, expected, state))
        if replacement is not None and replacement in expected:
            retyped = copy(token)
            retyped.type = replacement
            parser.feed_token(retyped)
        return True  # the token is dropped, or was read as the replacement

    def _pairs(parser, token: Token, expected: frozenset[str]) -> list[tuple[str, str]]:
        """The first two insertable kinds, one after the other, that let ``token`` in."""
        for first in insertable:
            if first not in expected:
                continue
            trial = _trial(parser)
            trial.feed_token(synthetic(first, token))
            for second in insertable:
                if (second in trial.accepts()
                        and token.type in _accepts_after(trial, synthetic(second, token))):
                    return [(first, second)]
        return []

    last_end = tokens[-1].end_pos if tokens else 0
    try:
        return lark.parse(tokens_iter(tokens), on_error=on_error)  # type: ignore[arg-type]
    except (UnexpectedInput, TooManyErrors):
        return None
