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
from lark.parsers.lalr_analysis import Shift

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
    # Most inputs are in the language: parse them on the plain path, and go
    # through lark's interactive parser, from the start, only when one departs
    # (the callbacks build trees or data objects, nothing else, so the plain
    # path's partial work is simply dropped).
    try:
        return plain_parse(lark, tokens)
    except _Failed:
        pass
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


# ------------------------------------------------------------------ the plain path


class _Failed(Exception):
    """The tokens are not in the language: lark's parser takes over, with recovery."""


class _Plan:
    """Lark's LALR table for one parser and start rule, laid out for ``_run``: per
    state, per token kind, a shift (the next state and the kind's callback, if the
    transformer has one) or a reduction (the rule's callback, its length and the
    name to go to). Built once per parser, from the table and callbacks lark made."""

    __slots__ = ("actions", "start", "end")

    def __init__(self, lark: Lark) -> None:
        parser = lark.parser.parser.parser  # lark's _Parser: its table and callbacks
        table, callbacks = parser.parse_table, parser.callbacks
        (start,) = lark.options.start
        self.start, self.end = table.start_states[start], table.end_states[start]
        self.actions: dict = {}
        for state, row in table.states.items():
            out = {}
            for kind, (action, argument) in row.items():
                if action is Shift:
                    out[kind] = (True, argument, callbacks.get(kind))
                else:
                    out[kind] = (False, callbacks[argument], len(argument.expansion),
                                 argument.origin.name)
            self.actions[state] = out


def _run(plan: _Plan, tokens: Sequence[Token]) -> object:
    """What lark's parser returns for ``tokens``, the same callbacks called in the
    same order, without its per-token overhead (a loop, an assertion and a rule
    hash per action); ``_Failed`` where the input departs from the grammar."""
    actions = plan.actions
    states = [plan.start]
    values: list = []
    for token in tokens:
        kind = token.type
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                raise _Failed
            if action[0]:
                states.append(action[1])
                values.append(token if action[2] is None else action[2](token))
                break
            _, callback, size, name = action
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            states.append(actions[states[-1]][name][1])
    end = plan.end
    while True:
        action = actions[states[-1]].get("$END")
        if action is None or action[0]:
            raise _Failed
        _, callback, size, name = action
        if size:
            children = values[-size:]
            del states[-size:]
            del values[-size:]
        else:
            children = []
        values.append(callback(children))
        states.append(actions[states[-1]][name][1])
        if states[-1] == end:
            return values[-1]


def plain_parse(lark: Lark, tokens: Sequence[Token]) -> object:
    """The result of parsing ``tokens`` with ``lark``; ``_Failed`` on a departure."""
    plan = _PLANS.get(id(lark))
    if plan is None or plan[0] is not lark:
        plan = _PLANS[id(lark)] = (lark, _Plan(lark))
    return _run(plan[1], tokens)


_PLANS: dict[int, tuple[Lark, _Plan]] = {}
