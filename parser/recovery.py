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


class TooManyErrors(Exception):
    pass


def _accepts_after(parser, token: Token) -> set[str]:
    """What the parser would accept after ``token``, without building any tree.

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
) -> Tree | None:
    """Parse ``tokens``; return the tree, or None if even recovery failed.

    With ``replacement`` (a kind such as ``TEXT``), an unexpected token is read as
    that kind where the grammar takes it there, so its line stays in the tree;
    otherwise it is dropped."""
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
        # lark hands over its live parser state; keep the LALR state number as it is
        # now, before recovery feeds the parser on
        state = getattr(error.state, "position", error.state)
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
        report(Problem("unexpected", token, None, expected, state))
        if replacement is not None and replacement in expected:
            retyped = copy(token)
            retyped.type = replacement
            parser.feed_token(retyped)
        return True  # the token is dropped, or was read as the replacement

    last_end = tokens[-1].end_pos if tokens else 0
    try:
        return lark.parse(tokens_iter(tokens), on_error=on_error)  # type: ignore[arg-type]
    except (UnexpectedInput, TooManyErrors):
        return None
