"""Region grammars: the cover page, the signature block, the exhibit list.

The body grammar cuts an 8-K text into sections; each region of it is then read
by a grammar of its own (``grammar/<region>.lark``): its own line vocabulary
(terminals with priorities, matched by ``lexing.Vocabulary``), its own rules,
its own transformer returning model objects. A ``Region`` holds what one
region needs: the parser (one per grammar and start rule, built once), the
lexer that turns a region's lines into tokens, and the examples that word its
syntax errors.

Syntax errors are worded the way lark's ``match_examples`` does it: each message
comes with a few small malformed inputs; the LALR state (and the token kind)
their parse fails in is recorded once, and an error of a real filing in the same
state gets that message. A region's grammar stays permissive where real filings
vary, so what it reports are departures from the layout, and recovery reads the
offending line as plain text (``replacement``) so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken

from . import grammars
from .recovery import Problem, lalr_state, parse_with_recovery


class SyntaxProblem(NamedTuple):
    """A departure from a region's layout, worded for people."""

    token: Token  # the offending line (``$END``: the end of the region)
    message: str  # from the examples, or a generic "unexpected ..."
    expected: list[str]  # what the grammar would have taken there, in words
    missing: str | None = None  # the kind inserted before the token, if one was missing


class Region:
    """One region grammar: parser, lexer and error examples."""

    def __init__(
        self,
        grammar: str,
        lex: Callable[[str], Sequence[Token]],
        words: Mapping[str, str],
        examples: Mapping[str, Sequence[str]] = {},
        start: str = "start",
        replacement: str | None = "TEXT",
        insertable: Sequence[str] = (),
        pairs: bool = False,
        kind_first: bool = False,
    ) -> None:
        """``lex`` turns a text into the region's tokens (used for the examples; a
        reader may make tokens its own way); ``words`` names token kinds in
        messages ("ITEM_HEAD": "an item heading"); ``examples`` maps a message to
        malformed inputs that fail where the message applies; ``insertable`` are
        kinds recovery may put in where one is missing (a heading that lets the
        offending line through; the problem names it in ``missing``), before
        reading the line as ``replacement``; with ``pairs``, two may be missing one
        after the other; ``kind_first``: where no example fails in the same state
        on the same kind of line, one failing on the same kind of line (in another
        state) words the problem before one failing in the same state on another
        kind (for regions whose departures are named by the offending line)."""
        self.grammar = grammar
        self.start = start
        self.lex = lex
        self.words = dict(words)
        self.examples = dict(examples)
        self.replacement = replacement
        self.insertable = tuple(insertable)
        self.pairs = pairs
        self.kind_first = kind_first
        self._table: dict[tuple[int, str] | int | str, str] | None = None

    @property
    def lark(self) -> Lark:
        return grammars.load(self.grammar, self.start)

    # ---------------------------------------------------------------- errors

    def failure(self, text: str) -> tuple[int, str] | None:
        """Where parsing ``text`` strictly fails: (LALR state, token kind)."""
        try:
            self.lark.parse(iter(self.lex(text)))  # type: ignore[arg-type]
        except UnexpectedToken as error:
            state = lalr_state(error)
            return None if state is None else (state, error.token.type)
        except UnexpectedInput:
            return None
        return None

    def table(self) -> dict[tuple[int, str] | int | str, str]:
        """(state, token kind) -> message, state -> message and token kind -> message,
        from the examples; the first example of a state wins, as in
        ``match_examples``."""
        if self._table is None:
            table: dict[tuple[int, str] | int | str, str] = {}
            for message, inputs in self.examples.items():
                for text in inputs:
                    found = self.failure(text)
                    if found is None:
                        continue
                    table.setdefault(found, message)
                    table.setdefault(found[0], message)
                    table.setdefault(found[1], message)
            self._table = table
        return self._table

    def word(self, problem: Problem) -> SyntaxProblem:
        """The message of the example failing where ``problem`` does: in the same
        state on the same kind of line, else in the same state, else on the same
        kind of line (the last two the other way round with ``kind_first``)."""
        table = self.table()
        token = problem.token
        keys: list[tuple[int, str] | int | str] = []
        if problem.state is not None:
            keys += [(problem.state, token.type), problem.state]
        keys.insert(1 if self.kind_first and keys else len(keys), token.type)
        message = next((table[k] for k in keys if k in table), None)
        expected = sorted({self.words[t] for t in problem.expected if t in self.words})
        if message is None:
            what = self.words.get(token.type, token.type.lower().replace("_", " "))
            message = f"{what} out of place"
        return SyntaxProblem(token, message, expected, problem.missing)

    # ---------------------------------------------------------------- parsing

    def parse(self, tokens: Sequence[Token], report: Callable[[SyntaxProblem], None],
              transformer: Callable[[], Transformer] | None = None) -> Any:
        """The tree of ``tokens``; every departure goes to ``report``, and parsing
        goes on (an unexpected line is read as ``replacement``). With
        ``transformer`` (a function making a fresh one that reports nothing), what
        it makes of the tree, run as the parser reduces where no line departs
        (``recovery.parse_with_recovery``)."""
        return parse_with_recovery(self.lark, tokens, self.insertable,
                                   lambda p: report(self.word(p)), self.replacement,
                                   pairs=self.pairs, transformer=transformer)
