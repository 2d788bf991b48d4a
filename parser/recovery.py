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

import functools
import inspect
import threading
from collections.abc import Callable, Sequence
from copy import copy
from types import FunctionType
from typing import Any, NamedTuple

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders
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
    transformer: Callable[[], Transformer] | None = None,
    recovered: Callable[[], Sequence[Token]] | None = None,
) -> Any:
    """Parse ``tokens``; return the tree, or None if even recovery failed.

    With ``replacement`` (a kind such as ``TEXT``), an unexpected token is read as
    that kind where the grammar takes it there, so its line stays in the tree;
    otherwise it is dropped. With ``pairs``, where no one insertable kind lets a
    token through, two may (each is reported).

    With ``transformer`` (a function making a fresh one), the result is what the
    transformer makes of the tree: on the plain path it runs as the parser
    reduces and no tree is built. A transformer given here must keep what it does
    to itself (no diagnostics reported from it): when the input departs from the
    grammar, the one that ran on the plain path is dropped and a fresh one walks
    the tree recovery built.

    With ``recovered``, the tokens recovery reads instead of ``tokens`` where they
    depart: the plain path may be given fewer tokens, each standing for several
    that parse the same way (the body's runs of text lines and layout tags), but a
    departure is reported and recovered from line by line."""
    # Most inputs are in the language: parse them on the plain path, and go
    # through lark's interactive parser, from the start, only when one departs
    # (the callbacks build trees or data objects, nothing else, so the plain
    # path's partial work is simply dropped).
    try:
        return plain_parse(lark, tokens, None if transformer is None else transformer())
    except _Failed:
        pass
    if recovered is not None:
        tokens = recovered()
    tree = _recover(lark, tokens, insertable, report, replacement, pairs)
    return tree if transformer is None or tree is None else transformer().transform(tree)


def _recover(lark: Lark, tokens: Sequence[Token], insertable: Sequence[str],
             report: Callable[[Problem], None], replacement: str | None,
             pairs: bool) -> Tree | None:
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
    state a row, per token kind of the row a shift (the next state's row, or with
    the kind's callback, if the transformer has one, or the reductions of one child
    that follow the shift whatever comes next, a tuple ``(row, callback)``; where
    those end in a list growing by one, a function folding the token into the
    value on top) or a reduction (``[callback, length, name]``: the rule's
    callback, its length and the name to go to; the row maps the name to a row,
    a tuple or a function as it maps a token kind). Built
    once per parser, from the table and callbacks lark made; ``late`` is the same
    table with callbacks that call the transformer of the parse in progress
    (``plain_parse`` with a transformer)."""

    __slots__ = ("actions", "start", "end", "_lark", "_late", "_by_class", "_names")

    def __init__(self, lark: Lark) -> None:
        parser = lark.parser.parser.parser  # lark's _Parser: its table and callbacks
        (start,) = lark.options.start
        self.start = parser.parse_table.start_states[start]
        self.end = parser.parse_table.end_states[start]
        self._lark = lark
        self._late: dict | None = None
        self._by_class: dict[tuple[type, bool], dict] = {}
        self._names: frozenset[str] | None = None
        callbacks = _spliced(lark, parser.callbacks, lark.options.transformer)
        self.actions = self._lay_out(callbacks, lambda kind: parser.callbacks.get(kind))

    def _lay_out(self, callbacks: dict, on_shift: Callable[[str], object]) -> dict:
        """The rows by state number. The kinds of action differ in type (a dict, a
        tuple, a function, a list) so that ``_run`` tells them apart by one test,
        most often the first (a shift)."""
        table = self._lark.parser.parser.parser.parse_table
        nonterminals = {rule.origin.name for rule in self._lark.rules}
        # A state that reduces one rule of one symbol whatever comes next (after
        # TEXT in ``_body_line: TEXT | markup``): the shift into it reduces at once,
        # and goes where the state it shifted from goes on the rule's name (the
        # reduction pops only the shifted token), and on through such states; what
        # the next token would have found there. The callbacks run in the same
        # order; a token that departs is still never shifted (it fails a step later,
        # in the state the reductions lead to).
        # A state that reduces ``x: x y`` whatever comes next, entered by ``y`` (a
        # list growing by one, ``__body_line_star: __body_line_star _body_line``):
        # the state below it was entered by ``x`` and is where the reduction goes
        # back to (the state under that one goes there on ``x``), so the shift
        # leading to it folds ``y`` into the value on top and stays where it is.
        unit, folds = {}, {}
        for state, row in table.states.items():
            rules = {id(argument): argument for action, argument in row.values()
                     if action is not Shift}
            if not row or len(rules) != 1 or any(action is Shift for action, _ in row.values()):
                continue
            rule = next(iter(rules.values()))
            if len(rule.expansion) == 1:
                unit[state] = rule
            elif len(rule.expansion) == 2 and rule.expansion[0] == rule.origin:
                folds[state] = rule
        rows: dict = {state: {} for state in table.states}
        for state, row in table.states.items():
            out = rows[state]
            for kind, (action, argument) in row.items():
                if action is Shift:
                    shifted = None if kind in nonterminals else on_shift(kind)
                    chain = []
                    while argument in unit and argument != self.end:
                        rule = unit[argument]
                        chain.append(callbacks[rule])
                        argument = row[rule.origin.name][1]
                    if argument in folds and argument != self.end:
                        out[kind] = _folded(shifted, chain, callbacks[folds[argument]])
                    elif chain:
                        out[kind] = (rows[argument], _chained(shifted, chain))
                    else:
                        out[kind] = rows[argument] if shifted is None else (rows[argument],
                                                                            shifted)
                else:
                    out[kind] = [callbacks[argument], len(argument.expansion),
                                 argument.origin.name]
        return rows

    @property
    def late(self) -> dict | None:
        """The actions with each rule's callback calling the current transformer's
        method (lark's own wrappers around it: inlined rules, kept tokens); None
        where a rule leaves tokens out of its tree (a transformer's token methods
        would then see tokens the tree never holds)."""
        if self._late is None:
            lark = self._lark
            if any(symbol.is_term and getattr(symbol, "filter_out", False)
                   for rule in lark.rules for symbol in rule.expansion):
                self._late = {}
            else:
                late = _Late()
                callbacks = lark._parse_tree_builder.create_callback(late)
                self._late = self._lay_out(_spliced(lark, callbacks, late), _token_callback)
        return self._late or None

    def late_for(self, transformer: Transformer) -> dict | None:
        """``late`` for ``transformer``, by its class: each rule's and token kind's
        callback calls the class's method itself (a dispatch that looked the method
        up on the instance, and asked it for a ``visit_wrapper`` it did not have,
        cost 1.8 us a call against 0.25), and a token the transformer takes as it
        is (it visits no tokens, or has no method for the kind and lark's
        ``__default_token__``) is shifted with no call at all. ``late`` itself
        where the instance holds an attribute of a method's name (a walk would
        call that)."""
        late = self.late
        if late is None:
            return None
        if self._names is None:
            self._names = frozenset(
                [t.name for t in self._lark.terminals]
                + [r.alias or r.options.template_source or r.origin.name
                   for r in self._lark.rules]
                + ["__default__", "__default_token__"])
        if not self._names.isdisjoint(getattr(transformer, "__dict__", ())):
            return late
        key = (type(transformer), bool(transformer.__visit_tokens__))
        rows = self._by_class.get(key)
        if rows is None:
            cls, visit = key
            if (inspect.getattr_static(cls, "__getattr__", None) is not None
                    or cls.__getattribute__ is not object.__getattribute__):
                self._by_class[key] = late  # methods only a look-up on the instance finds
                return late
            nonterminals = {rule.origin.name for rule in self._lark.rules}

            def on_shift(kind: str) -> Callable[[Token], object] | None:
                return None if not visit or kind in nonterminals else _class_token(cls, kind)

            callbacks = self._lark._parse_tree_builder.create_callback(_ClassLate(cls))
            rows = self._by_class[key] = self._lay_out(
                _spliced(self._lark, callbacks, _Late()), on_shift)
        return rows


def _chained(shifted: Callable | None, chain: list[Callable]) -> Callable[[Token], object]:
    """A shift's callback (``shifted``, None: the token as it is) followed by the
    reductions of ``chain``, each of one child, as one function."""
    return _maker(len(chain), shifted is not None, False)(shifted, None, *chain)


def _folded(shifted: Callable | None, chain: list[Callable], fold: Callable
            ) -> Callable[[object, Token], object]:
    """``_chained``, then the reduction of ``x: x y`` taking the value on top
    (``x``) and the chain's (``y``), as one function of the two."""
    return _maker(len(chain), shifted is not None, True)(shifted, fold, *chain)


@functools.cache
def _maker(length: int, shifted: bool, folded: bool) -> Callable[..., Callable]:
    """A function making ``_chained``'s or ``_folded``'s function for one shape from
    its callbacks (``s`` the shift's, ``f`` the fold's, ``c0``... the chain's): the
    code is made once a shape (a handful), each entry of a table is then a closure
    (an ``exec`` an entry made getting a process ready 0.05 s slower)."""
    value = "s(t)" if shifted else "t"
    for i in range(length):
        value = f"c{i}([{value}])"
    names = "".join(f", c{i}" for i in range(length))
    inner = f"def folded(top, t):\n        return f([top, {value}])" if folded else (
        f"def chained(t):\n        return {value}")
    source = (f"def make(s, f{names}):\n    {inner}\n"
              f"    return {'folded' if folded else 'chained'}")
    namespace: dict = {}
    exec(source, namespace)  # noqa: S102 - made from the table's shapes
    return namespace["make"]


def _spliced(lark: Lark, callbacks: dict, user: object) -> dict:
    """``callbacks`` (lark's, for the rules of ``lark``, calling ``user``'s methods)
    with the inlined rules (``_name``) giving a plain list of their children where
    lark builds a ``Tree`` only for the rule above to take its children out of it;
    that rule's callback then splices the list in. Every rule's callback becomes a
    small function made for its one shape of children (lark's goes through a loop
    over the children and a wrapper a call). What reaches ``user`` and what
    ``plain_parse`` returns are the same as with lark's callbacks: same trees, same
    lists, same calls in the same order.

    An inlined rule keeps lark's callback where that is not a plain tree (``user``
    has a method of its name; an alias, a template, ``?_name``), and so does every
    rule where lark's callbacks are not of the kinds made for an LALR parser
    without placeholders (then nothing changes)."""
    (start,) = lark.options.start
    by_name: dict[str, list] = {}
    for rule in callbacks:
        by_name.setdefault(rule.origin.name, []).append(rule)

    def plain_tree(name: str, rules: list) -> bool:
        return (name.startswith("_") and name != start and not any(
                    rule.alias or rule.options.expand1 or rule.options.template_source
                    for rule in rules)
                and getattr(user, name, None) is None)

    listed = {name for name, rules in by_name.items() if plain_tree(name, rules)}
    out: dict = {}
    for rule, callback in callbacks.items():
        keep_all = rule.options.keep_all_tokens
        include = [(i, 0 if not _inlined(symbol) else 1 if symbol.name in listed else 2)
                   for i, symbol in enumerate(rule.expansion)
                   if keep_all or not (symbol.is_term and symbol.filter_out)]
        filtered = len(include) < len(rule.expansion) or any(how for _, how in include)
        if isinstance(callback, ChildFilterLALR_NoPlaceholders):
            builder = callback.node_builder
            if [(i, how > 0) for i, how in include] != callback.to_include:
                return callbacks  # not how lark laid it out: leave it all to lark
        elif filtered:
            return callbacks
        else:
            builder = callback
        out[rule] = _splicer(include, len(rule.expansion),
                             None if rule.origin.name in listed else builder)
    return out


def _inlined(symbol: object) -> bool:
    """Whether lark splices the children of ``symbol``'s tree into its parent's."""
    return not symbol.is_term and symbol.name.startswith("_")  # type: ignore[attr-defined]


def _splicer(include: list[tuple[int, int]], size: int, builder: Callable | None) -> Callable:
    """A callback taking a rule's ``size`` children (the values of its expansion's
    symbols) and giving ``builder`` (None: the caller) the kept ones, with the
    children of inlined rules spliced in: ``include`` gives each kept position with
    how (0 as it is, 1 a list, 2 a tree's children). Like lark, the list of a first
    spliced child is extended in place (a left-recursive ``_x: _x y`` grows one
    list)."""
    whole = include == [(i, 0) for i in range(size)]  # every child kept as it is
    if whole and builder is not None:
        return builder  # nothing to leave out or splice (lark adds no filter either)
    body = []
    kept: list[str] = []
    for i, how in include:
        if how == 0:
            kept.append(f"c[{i}]")
            continue
        if kept:
            body.append(f"o = [{', '.join(kept)}]" if not body else
                        f"o.append({kept[0]})" if len(kept) == 1 else
                        f"o += ({', '.join(kept)},)")
            kept = []
        piece = f"c[{i}]" if how == 1 else f"c[{i}].children"
        body.append(f"o = {piece}" if not body else f"o += {piece}")
    if kept or not body:
        body.append(f"o = [{', '.join(kept)}]" if not body else
                    f"o.append({kept[0]})" if len(kept) == 1 else f"o += ({', '.join(kept)},)")
    if whole:
        body = ["o = c"]  # keep every child: the list the parser made is the result
    body.append("return o" if builder is None else "return b(o)")
    source = "def spliced(c):\n    " + "\n    ".join(body)
    namespace: dict = {"b": builder}
    exec(source, namespace)  # noqa: S102 - code made here from the grammar's shapes
    return namespace["spliced"]


class _Target(threading.local):
    value: Any = None  # the transformer of the parse in progress in this thread


_TARGET = _Target()


class _Dispatch:
    """A rule's callback: the current transformer's method of that name, else its
    ``__default__`` (as its ``transform`` would call them)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, children: list) -> object:
        target = _TARGET.value
        method = getattr(target, self.name, None)
        if method is None:
            return target.__default__(self.name, children, None)
        wrapper = getattr(method, "visit_wrapper", None)
        if wrapper is not None:
            return method.visit_wrapper(method, self.name, children, None)
        return method(children)


class _Late:
    """What lark builds the late callbacks for: every rule has a method, one that
    dispatches; inlined rules (``_name``) keep lark's tree, as in a walked tree."""

    def __getattr__(self, name: str) -> _Dispatch:
        if name.startswith("_"):
            raise AttributeError(name)
        return _Dispatch(name)


def _plain_method(cls: type, name: str) -> FunctionType | None:
    """``cls``'s method ``name`` where calling it with the instance is what calling
    the instance's would do (a plain function, no ``v_args`` wrapper), else None."""
    found = inspect.getattr_static(cls, name, None)
    if isinstance(found, FunctionType) and getattr(found, "visit_wrapper", None) is None:
        return found
    return None


class _ClassLate:
    """``_Late`` for the transformers of one class: each rule's callback calls the
    class's method (or ``__default__``) with the transformer of the parse in
    progress; ``_Dispatch`` where the class has something else under the name."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __getattr__(self, name: str) -> Callable[[list], object]:
        if name.startswith("_"):
            raise AttributeError(name)
        cls = self.cls
        if inspect.getattr_static(cls, name, None) is None:
            default = _plain_method(cls, "__default__")
            if default is None:
                return _Dispatch(name)
            return lambda children: default(_TARGET.value, name, children, None)
        method = _plain_method(cls, name)
        if method is None:
            return _Dispatch(name)
        return lambda children: method(_TARGET.value, children)


def _class_token(cls: type, kind: str) -> Callable[[Token], object] | None:
    """The callback shifting a token of ``kind`` for a transformer of ``cls`` that
    visits tokens: None where it takes the token as it is."""
    if inspect.getattr_static(cls, kind, None) is None:
        default = inspect.getattr_static(cls, "__default_token__", None)
        if default is Transformer.__default_token__:
            return None
        if not isinstance(default, FunctionType):
            return _token_callback(kind)
        return lambda token: default(_TARGET.value, token)
    method = _plain_method(cls, kind)
    if method is None:
        return _token_callback(kind)
    return lambda token: method(_TARGET.value, token)


def _token_callback(kind: str) -> Callable[[Token], object]:
    def shifted(token: Token) -> object:
        target = _TARGET.value
        if not target.__visit_tokens__:
            return token
        method = getattr(target, kind, None)
        return target.__default_token__(token) if method is None else method(token)
    return shifted


def _run(actions: dict, start: int, end: int, tokens: Sequence[Token]) -> object:
    """What lark's parser returns for ``tokens``, the same callbacks called in the
    same order, without its per-token overhead (a loop, an assertion and a rule
    hash per action); ``_Failed`` where the input departs from the grammar. The
    stack holds rows of the table (``_Plan``), not state numbers: a row is then
    one look-up away."""
    row = actions[start]
    rows = [row]
    values: list = []
    for token in tokens:
        kind = token.type
        while True:
            action = row.get(kind)
            if type(action) is dict:  # a shift
                row = action
                rows.append(row)
                values.append(token)
                break
            if type(action) is tuple:  # a shift with the kind's callback
                row = action[0]
                rows.append(row)
                values.append(action[1](token))
                break
            if type(action) is FunctionType:  # a shift folded into the value on top
                values[-1] = action(values[-1], token)
                break
            if action is None:
                raise _Failed
            callback, size, name = action
            if size:
                children = values[-size:]
                del rows[-size:]
                del values[-size:]
            else:
                children = []
            value = callback(children)
            row = rows[-1][name]  # the goto: laid out as a shift of the name
            if type(row) is dict:
                rows.append(row)
                values.append(value)
            elif type(row) is tuple:
                values.append(row[1](value))
                row = row[0]
                rows.append(row)
            else:
                values[-1] = row(values[-1], value)
                row = rows[-1]
    # the reductions at the end, written out again rather than shared with the
    # loop above: a call per reduction there would cost more than the copy
    last = actions[end]
    while True:
        action = row.get("$END")
        if type(action) is not list:
            raise _Failed
        callback, size, name = action
        if size:
            children = values[-size:]
            del rows[-size:]
            del values[-size:]
        else:
            children = []
        value = callback(children)
        row = rows[-1][name]
        if type(row) is dict:
            rows.append(row)
            values.append(value)
        elif type(row) is tuple:
            values.append(row[1](value))
            row = row[0]
            rows.append(row)
        else:
            values[-1] = row(values[-1], value)
            row = rows[-1]
        if row is last:
            return values[-1]


def plain_parse(lark: Lark, tokens: Sequence[Token], transformer: Transformer | None = None
                ) -> object:
    """The result of parsing ``tokens`` with ``lark`` (with ``transformer``, what it
    makes of the tree, built as the parser reduces); ``_Failed`` on a departure."""
    found = _PLANS.get(id(lark))
    if found is None or found[0] is not lark:
        found = _PLANS[id(lark)] = (lark, _Plan(lark))
    plan = found[1]
    if transformer is None:
        return _run(plan.actions, plan.start, plan.end, tokens)
    late = plan.late_for(transformer)
    if late is None:
        return transformer.transform(_run(plan.actions, plan.start, plan.end, tokens))
    outer, _TARGET.value = _TARGET.value, transformer  # parses may nest
    try:
        return _run(late, plan.start, plan.end, tokens)
    finally:
        _TARGET.value = outer


_PLANS: dict[int, tuple[Lark, _Plan]] = {}
