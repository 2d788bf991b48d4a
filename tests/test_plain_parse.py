"""The plain LALR loop (``recovery.plain_parse``) gives what lark's parser gives.

Every grammar's input goes through the plain loop first, and through lark's
interactive parser (with recovery) only when it departs from the grammar. These
tests compare the plain loop with lark's own ``parse`` on every token sequence
the pipeline parses in the samples (and the shared corpus), trees and, where a
transformer runs as the parser reduces, its result with the walk of lark's tree.
"""

from __future__ import annotations

import pytest
from conftest import project_files, shared_files
from eightk import grammars, parse_source, recovery
from eightk.envelope import lexer as envelope_lexer
from eightk.envelope.reader import _Builder as EnvelopeBuilder
from eightk.source.text import SourceText
from lark import Transformer, Tree


def _same(a, b) -> bool:
    if isinstance(a, Tree) and isinstance(b, Tree):
        return a.data == b.data and len(a.children) == len(b.children) and all(
            _same(x, y) for x, y in zip(a.children, b.children, strict=True))
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_plain_loop_builds_what_lark_builds(monkeypatch, corpus):
    files = project_files() if corpus == "project" else shared_files()
    if not files:
        pytest.skip("../shared/corpus is not here")
    plain = recovery.plain_parse
    compared = []

    def checked(lark, tokens, transformer=None):
        got = plain(lark, tokens, transformer)  # _Failed propagates: recovery takes over
        if transformer is None and lark.options.transformer is None:
            assert _same(got, lark.parse(iter(tokens)))
            compared.append(lark)
        return got

    monkeypatch.setattr(recovery, "plain_parse", checked)
    for path in files:
        parse_source(path)
    assert len(compared) > (20 if corpus == "project" else 300)


def test_a_transformer_run_as_the_parser_reduces_makes_what_its_walk_makes():
    checked = 0
    for path in project_files() + shared_files():
        text = path.read_bytes().decode("latin-1")
        if not envelope_lexer.looks_like_envelope(text):
            continue
        tokens = envelope_lexer.tokenize(text).tokens
        lark = grammars.load("envelope.lark")
        source = SourceText(text)
        try:
            walked = EnvelopeBuilder(source).transform(lark.parse(iter(tokens)))
        except Exception:  # noqa: BLE001 - a sample that needs recovery
            continue
        assert recovery.plain_parse(lark, tokens, EnvelopeBuilder(source)) == walked
        checked += 1
    assert checked > 5


def test_rules_without_a_method_and_token_methods_as_in_a_walk():
    class Names(Transformer):
        def __default_token__(self, token):
            return f"<{token.type}>"

        def FIELD(self, token):  # noqa: N802 (a terminal's name)
            return token.type.lower()

    text = "<SEC-HEADER>\nACCESSION NUMBER:\t0000000000-00-000001\n</SEC-HEADER>\n"
    tokens = envelope_lexer.tokenize(text).tokens
    lark = grammars.load("envelope.lark")
    walked = Names().transform(lark.parse(iter(tokens)))
    assert _same(recovery.plain_parse(lark, tokens, Names()), walked)


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_region_transformers_as_the_parser_reduces_make_what_their_walk_makes(
        monkeypatch, corpus):
    # every region (and the envelope) read with a transformer: the result is the
    # same as the transformer's walk of the tree, made by a fresh one
    from eightk import regions
    from eightk.envelope import reader

    files = project_files() if corpus == "project" else shared_files()
    if not files:
        pytest.skip("../shared/corpus is not here")
    original = recovery.parse_with_recovery
    compared = []

    def checked(lark, tokens, insertable, report, replacement=None, pairs=False,
                transformer=None):
        got = original(lark, tokens, insertable, report, replacement, pairs, transformer)
        if transformer is not None:
            tree = original(lark, tokens, insertable, lambda problem: None, replacement, pairs)
            walked = None if tree is None else transformer().transform(tree)
            assert got == walked
            compared.append(lark)
        return got

    monkeypatch.setattr(regions, "parse_with_recovery", checked)
    monkeypatch.setattr(reader, "parse_with_recovery", checked)
    for path in files:
        parse_source(path)
    assert len(compared) > (20 if corpus == "project" else 500)


_SHAPES = r"""
start: head _rows tail? pair*
head: A _mark? B
_mark: "(" C ")"
_rows: _row+
_row: A | B | _two
_two: C C
?tail: D | D D
!pair: "[" A "]"
    | C _maybe        -> named
_maybe: D | A D
%declare A B C D
"""


def _shaped_tokens(kinds: str) -> list:
    from lark import Token
    names = {"(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB"}
    return [Token(names.get(k, k), k.lower(), i, 1, i + 1, 1, i + 1, i + 1)
            for i, k in enumerate(kinds.split())]


@pytest.mark.parametrize("kinds", [
    "A B A", "A ( C ) B A B C C A", "A B A D", "A B A D D", "A B B [ A ] C D [ A ] C A D",
    "A ( C ) B C C C C A B D D C D",
])
def test_spliced_callbacks_give_what_lark_gives_for_every_shape_of_rule(kinds):
    # inlined rules (a list spliced in, never a tree), filtered tokens, `?rule`,
    # `!rule`, aliases, an inlined rule with a transformer method, left recursion
    lark = grammars.build(text=_SHAPES, stored=False)
    tokens = _shaped_tokens(kinds)
    assert _same(recovery.plain_parse(lark, tokens), lark.parse(iter(tokens)))

    class Pairs(Transformer):
        def head(self, children):
            return ("head", *children)

        def pair(self, children):
            return ("pair", *children)

        def _two(self, children):  # an inlined rule with a method: lark calls it
            return Tree("two", children)

    walked = Pairs().transform(lark.parse(iter(tokens)))
    assert _same(recovery.plain_parse(lark, tokens, Pairs()), walked)
    built = grammars.build(text=_SHAPES, stored=False, transformer=Pairs())
    assert _same(recovery.plain_parse(built, tokens), built.parse(iter(tokens)))


def test_methods_found_by_class_as_a_walk_finds_them_on_the_instance():
    # the tables calling a class's methods are kept by class and visit_tokens: an
    # instance that visits no tokens, then one that does, one whose own attributes
    # name a token kind and a rule, one of a class with a v_args method and a
    # __default__ of its own, each get what their walk gets
    from lark import v_args

    class Fields(Transformer):
        def FIELD(self, token):  # noqa: N802 (a terminal's name)
            return "field"

        def header(self, children):
            return ("header", *children)

    class Inline(Fields):
        @v_args(inline=True)
        def header(self, *children):
            return ("inline", *children)

        def __default__(self, data, children, meta):
            return (f"<{data}>", *children)

    text = "<SEC-HEADER>\nACCESSION NUMBER:\t0000000000-00-000001\n</SEC-HEADER>\n"
    tokens = envelope_lexer.tokenize(text).tokens
    lark = grammars.load("envelope.lark")
    quiet = Fields(visit_tokens=False)
    shadowed = Fields()
    shadowed.HEADER_OPEN = lambda token: "opened"
    shadowed.header = lambda children: ("own", *children)
    for transformer in (quiet, Fields(), shadowed, Fields(visit_tokens=False), Inline(),
                        Inline(visit_tokens=False)):
        walked = transformer.transform(lark.parse(iter(tokens)))
        assert _same(recovery.plain_parse(lark, tokens, transformer), walked)
    assert "opened" in str(shadowed.transform(lark.parse(iter(tokens))))
    assert "own" in str(shadowed.transform(lark.parse(iter(tokens))))
    assert "field" not in str(quiet.transform(lark.parse(iter(tokens))))
    assert "inline" in str(Inline().transform(lark.parse(iter(tokens))))


_UNITS = r"""
start: x+ END?
x: y
y: z | B
z: A
%declare A B END
"""


@pytest.mark.parametrize("kinds", ["A", "A A B", "B A END", "A B A B A END"])
def test_a_shift_into_a_chain_of_one_child_reductions_reduces_in_the_same_order(kinds):
    # the plain loop reduces x: y, y: z, z: A as it shifts A (``_chained``): the
    # same tree, and a transformer's methods, tokens first, called in lark's order
    lark = grammars.build(text=_UNITS, stored=False)
    tokens = _shaped_tokens(kinds)
    assert _same(recovery.plain_parse(lark, tokens), lark.parse(iter(tokens)))

    class Calls(Transformer):
        def __init__(self):
            super().__init__(visit_tokens=True)
            self.calls = []

        def __default__(self, data, children, meta):
            self.calls.append(data)
            return Tree(data, children, meta)

        def __default_token__(self, token):
            self.calls.append(token.type)
            return token

    walk, plain = Calls(), Calls()
    assert _same(recovery.plain_parse(lark, tokens, plain), walk.transform(
        lark.parse(iter(tokens))))
    assert plain.calls == walk.calls


@pytest.mark.parametrize("kinds", ["END", "A END A", "A END END"])
def test_a_token_that_departs_after_a_chain_of_reductions_still_fails(kinds):
    lark = grammars.build(text=_UNITS, stored=False)
    with pytest.raises(recovery._Failed):
        recovery.plain_parse(lark, _shaped_tokens(kinds))
