"""Line tokens of the cover page: ``grammar/cover.lark``'s terminals, then one pass.

The body grammar hands over the lines before the first heading as text; here
each is named by the cover vocabulary (a caption row, the date of report, a
check box ...). One thing a pattern cannot see is decided by a pass:
``caption_continued`` joins a caption row wrapped onto the next lines
("(State or other jurisdiction of" / "incorporation)") into one token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from .. import grammars
from ..lexing import LineToken, Vocabulary
from .lexer import MARKUP
from .lines import Line

CAPTIONS = frozenset(("CAPTION", "PAREN_CAPTION"))


@functools.cache
def vocabulary() -> Vocabulary:
    lark = grammars.load("cover.lark")
    return Vocabulary(lark, [t.name for t in lark.terminals if t.name not in MARKUP])


def _continues_caption(line: str, caption: str) -> bool:
    """A caption row wrapped onto this line: "Incorporation)    Number)    No.)".

    It holds no number (values do), and either closes more parentheses than it
    opens or continues a header row written without parentheses ("Commission" /
    "File Number").
    """
    stripped = line.strip()
    if len(stripped) > 200 or re.search(r"\d{3}", stripped):
        return False
    if stripped.count(")") > stripped.count("("):
        return True
    return "(" not in caption and "(" not in stripped and len(stripped.split()) <= 12


def caption_continued(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """A line right below a caption row that continues it joins the caption's token."""
    pending: LineToken | None = None
    for token in tokens:
        if (pending is not None and token.type not in MARKUP
                and pending.end_line == token.line - 1
                and _continues_caption(text[token.start_pos:token.end_pos], pending.value)):
            pending = LineToken(pending.type, f"{pending.value}\n"
                                f"{text[token.start_pos:token.end_pos]}", pending.start_pos,
                                pending.line, token.line, token.end_pos, pending.match)
            continue
        if pending is not None:
            yield pending
            pending = None
        if token.type in CAPTIONS:
            pending = token
        else:
            yield token
    if pending is not None:
        yield pending


def lex_cover(front: list[Line], text: str) -> list[LineToken]:
    """The cover's tokens, from the front lines of the body grammar."""
    words = vocabulary()

    def named() -> Iterator[LineToken]:
        for line in front:
            if line.kind in MARKUP:
                yield LineToken(line.kind, line.text, line.start, line.number, line.number,
                                line.end)
                continue
            kind, match = words.classify(line.text)
            yield LineToken(kind, "" if kind == "TEXT" else line.text, line.start,
                            line.number, line.number, line.end, match)

    return list(caption_continued(named(), text))
