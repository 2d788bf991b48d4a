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
# a line whose first non-blank character is "<", or longer than the text limit
_MATTERS = re.compile(rf"^(?:[^\S\n]*<[^\n]*|[^\n]{{{TEXT_LIMIT + 1},}})", re.MULTILINE)


def _text_document(ctx: Context) -> bool:
    return ctx.layout is not None and ctx.layout.kind == "text"


# Texts up to this size are first split into lines for the cheap test below; a
# bigger one goes straight to the scan (the list of its lines would cost memory).
_SPLIT_UP_TO = 1 << 20


def _measured(line: str) -> int:
    """A line's length as the limit applies to it."""
    measured = line.rstrip()
    while measured.startswith("- -"):  # a PEM dash-escape left in the text
        measured = measured[2:]
    return len(measured)


def _none_over(text: str) -> bool:
    """Whether no line can be over either limit: none is longer than the smaller
    one once trailing blanks are dropped. Most documents pass, and the test (a split
    and a max in C) costs a fifth of the scan it saves."""
    if len(text) > _SPLIT_UP_TO:
        return False
    lines = text.split("\n")
    if max(map(len, lines)) <= TEXT_LIMIT:
        return True
    return all(_measured(line) <= TEXT_LIMIT for line in lines if len(line) > TEXT_LIMIT)


@rule("long-line")
def long_lines(ctx: Context) -> Iterator[Diagnostic]:
    if not _text_document(ctx):
        return
    layout = ctx.layout
    if _none_over(layout.text):  # type: ignore[union-attr]
        return
    first: tuple[int, int, int] | None = None
    count = 0
    in_table = False
    # Only two kinds of line matter: a layout tag (tables change the limit) and a
    # line longer than the smaller limit; the others are passed over in C.
    for found in _MATTERS.finditer(layout.text):  # type: ignore[union-attr]
        line = found.group()
        pos = found.start()
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
