"""Loading the Lark grammars, and running them over pre-made token lists.

Both grammars (``envelope.lark``, ``body.lark``) are LALR over *line* tokens.
The tokens are made beforehand by small Python lexers (``envelope_lexer.py``,
``body_lexer.py``) because the decisions they make need context a regular
lexer lacks: a document's content runs to the next ``</TEXT>`` (found with
``str.find``, far faster than any regex), a caption row continues on the next
line, a cover-page pattern only counts before the first item. The grammars
then say how those lines fit together. This is the "post-lexer" arrangement
that python-hcl2 uses, taken one step further.

Lark types stop here and in ``recovery.py``: callers get trees transformed into
``model`` objects and ``Diagnostic``s, never a lark exception.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from lark import Lark, Token
from lark.lexer import Lexer


class PretokenizedLexer(Lexer):
    """A "lexer" whose input already is an iterator of tokens."""

    def __init__(self, lexer_conf: object) -> None:  # lark passes its conf
        pass

    def lex(self, data: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        return data


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>``, from the wheel or from a source checkout."""
    try:
        return resources.files(__package__).joinpath("grammar", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        here = Path(__file__).resolve().parent.parent / "grammar" / name
        return here.read_text("utf-8")


@functools.cache
def load(name: str) -> Lark:
    """The LALR parser for ``grammar/<name>``, built once per process."""
    return Lark(
        grammar_text(name),
        parser="lalr",
        lexer=PretokenizedLexer,
        # Positions come from the tokens themselves; lark's propagation would
        # only cost time (it was a quarter of the envelope's).
        propagate_positions=False,
        maybe_placeholders=False,
    )


def tokens_iter(tokens: Iterable[Token]) -> Iterator[Token]:
    return iter(tokens)
