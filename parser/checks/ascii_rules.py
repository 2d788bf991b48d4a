"""ASCII document rules (EDGAR Filer Manual): line length and character set.

One diagnostic per document each, at the first offending line, with the count in
a note: a report with 300 long lines has one root cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..body.lexer import markup_kind
from ..model import Diagnostic
from . import Context, rule

TEXT_LIMIT, TABLE_LIMIT = 80, 132
# The lines that matter: a line whose first non-blank character is "<" (tables
# change the limit), or one longer than the text limit. Each pattern after the
# first line starts with its newline: the regex engine then finds candidates by a
# fast search for "\n" instead of trying a "^" at every character.
_MATTERS = rf"[^\S\n]*<[^\n]*|[^\n]{{{TEXT_LIMIT + 1},}}"
_FIRST_MATTERS = re.compile(_MATTERS)
_NEXT_MATTERS = re.compile(rf"\n({_MATTERS})")
# a later line with a non-blank character beyond the text limit
_MAY_BE_OVER = re.compile(rf"\n[^\n]{{{TEXT_LIMIT}}}[^\n]*?\S")


def _text_document(ctx: Context) -> bool:
    return ctx.layout is not None and ctx.layout.kind == "text"


def _measured(line: str) -> int:
    """A line's length as the limit applies to it."""
    measured = line.rstrip()
    while measured.startswith("- -"):  # a PEM dash-escape left in the text
        measured = measured[2:]
    return len(measured)


def _none_over(text: str) -> bool:
    """Whether no line can be over either limit: none has a non-blank character
    beyond the smaller one. Most documents pass, at a seventh of the scan's cost."""
    end = text.find("\n")
    if _measured(text if end < 0 else text[:end]) > TEXT_LIMIT:
        return False
    return _MAY_BE_OVER.search(text) is None


def _lines_that_matter(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each layout tag and each line over the text limit."""
    found = _FIRST_MATTERS.match(text)
    if found is not None:
        yield 0, found.group()
    for found in _NEXT_MATTERS.finditer(text):
        yield found.start(1), found.group(1)


@rule("long-line")
def long_lines(ctx: Context) -> Iterator[Diagnostic]:
    if not _text_document(ctx):
        return
    layout = ctx.layout
    text = layout.text  # type: ignore[union-attr]
    if _none_over(text):
        return
    first: tuple[int, int, int] | None = None
    count = 0
    in_table = False
    for pos, line in _lines_that_matter(text):
        if line[:1] == "<" or line.lstrip()[:1] == "<":
            kind = markup_kind(line[:100])
            in_table = kind == "TABLE_OPEN" or (in_table and kind != "TABLE_CLOSE")
        limit = TABLE_LIMIT if in_table else TEXT_LIMIT
        length = _measured(line)
        if length > limit:
            count += 1
            if first is None:
                first = (pos, pos + length, limit)
    if first is not None:
        start, end, limit = first
        yield ctx.report(
            "long-line", f"line of {end - start} columns in an ASCII document (limit {limit})",
            layout.span(start + limit, end), label=f"beyond column {limit}",  # type: ignore[union-attr]
            note=f"{count} line{'s' if count > 1 else ''} of this document "
                 f"{'are' if count > 1 else 'is'} over the limit",
        )


_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")  # U+FFFD: a NUL, reported as such


@rule("non-ascii-character")
def non_ascii(ctx: Context) -> Iterator[Diagnostic]:
    if not _text_document(ctx):
        return
    layout = ctx.layout
    text = layout.text  # type: ignore[union-attr]
    found = None if text.isascii() else _NON_ASCII.search(text)
    if found is None:
        return
    char = found.group()
    count = len(_NON_ASCII.findall(text))
    yield ctx.report(
        "non-ascii-character", f"character `{char}` (U+{ord(char):04X}) in an ASCII document",
        layout.span(found.start(), found.end()), label="not ASCII",  # type: ignore[union-attr]
        note=f"{count} character{'s' if count > 1 else ''} outside ASCII in this document",
    )
