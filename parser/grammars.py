"""Loading the Lark grammars of ``grammar/``: one LALR parser per grammar and start rule.

Every grammar reads *line* tokens made beforehand: the envelope's by the
hand-written ``envelope/lexer.py`` (a document's content runs to the next
``</TEXT>``, found with ``str.find``, far faster than any regex), the 8-K text's
by ``lexing.Vocabulary`` from the grammar's own terminals. Lark only parses:
the lexer it is given passes the ready tokens through. Grammars may ``%import``
each other's terminals (``grammar/layout.lark`` holds the lines every region
shares).

Lark types stop here, in ``recovery.py`` and in the transformers: callers get
``model`` objects and ``Diagnostic``s, never a lark exception.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from lark import Lark, Token
from lark.lexer import Lexer


class PretokenizedLexer(Lexer):
    """A "lexer" whose input already is an iterator of tokens."""

    def __init__(self, lexer_conf: object) -> None:  # lark passes its conf
        pass

    def lex(self, data: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        return data


def grammar_dir() -> Path:
    """``grammar/``: inside the installed package, or at the top of a checkout."""
    installed = Path(__file__).resolve().parent / "grammar"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "grammar"


def grammar_text(name: str) -> str:
    return (grammar_dir() / name).read_text("utf-8")


@functools.cache
def load(name: str, start: str = "start") -> Lark:
    """The LALR parser for ``grammar/<name>`` from rule ``start``, built once per process."""
    return Lark(
        grammar_text(name),
        parser="lalr",
        lexer=PretokenizedLexer,
        start=start,
        import_paths=[str(grammar_dir())],
        # Positions come from the tokens themselves; lark's propagation would
        # only cost time (it was a quarter of the envelope's).
        propagate_positions=False,
        maybe_placeholders=False,
    )


@functools.cache
def shared_line(name: str) -> re.Pattern[str]:
    """A line kind of ``grammar/layout.lark`` (``NOT_APPLICABLE``), compiled, for a
    reader that checks a line against that kind alone."""
    lark = Lark(f"%import layout ({name})\nstart: {name}\n", parser="lalr",
                lexer=PretokenizedLexer, import_paths=[str(grammar_dir())])
    (terminal,) = lark.terminals
    return re.compile(terminal.pattern.to_regexp())


def tokens_iter(tokens: Iterable[Token]) -> Iterator[Token]:
    return iter(tokens)
