"""Per-document text layouts: the text the body grammar reads, mapped to the source.

A plain-text document is read as it is (with PEM dash-escapes undone); an HTML
document is rendered to aligned lines by ``html_layout``. Either way the layout
keeps an ``OffsetMap`` so every span found in it points back into the file.
"""

from __future__ import annotations

import re

from ..model import Span, Text
from ..source.offsets import OffsetMap, OffsetMapBuilder
from ..source.text import SourceText

_DASH_ESCAPE = re.compile(r"^- ", re.MULTILINE)


class Layout:
    """Text for the body grammar, with the way back to the source."""

    __slots__ = ("text", "offsets", "kind", "source")

    def __init__(self, text: str, offsets: OffsetMap, kind: str, source: SourceText) -> None:
        self.text = text
        self.offsets = offsets
        self.kind = kind
        self.source = source

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        src_start = self.offsets.to_source(start)
        src_end = self.offsets.to_source(end - 1) + 1 if end > start else src_start
        return src_start, max(src_end, src_start)

    def span(self, start: int, end: int) -> Span:
        return self.source.span(*self.source_range(start, end))

    def value(self, value: str, start: int, end: int) -> Text:
        return Text(value=value, span=self.span(start, end))


def text_layout(source: SourceText, start: int, end: int, pem: bool) -> Layout:
    """A plain-text document: the slice itself, with PEM dash-stuffing undone and
    tabs expanded to 8-column stops (columns are how cover pages align values)."""
    text = source.text[start:end]
    escaped = pem and "- " in text
    if not escaped and "\t" not in text:
        return Layout(_ensure_newline(text), OffsetMap.shifted(start), "text", source)
    builder = OffsetMapBuilder()
    pieces: list[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        eol = text.find("\n", pos)
        eol = n if eol == -1 else eol + 1
        line_start = pos
        if escaped and text.startswith("- ", pos):
            line_start = pos + 2  # the "- " of PEM dash-stuffing is dropped
        line = text[line_start:eol]
        if "\t" not in line:
            pieces.append(line)
            builder.copied(start + line_start, len(line))
        else:
            column = 0
            for i, char in enumerate(line):
                if char == "\t":
                    width = 8 - column % 8
                    pieces.append(" " * width)
                    builder.synthetic(start + line_start + i, width)
                    column += width
                else:
                    pieces.append(char)
                    builder.copied(start + line_start + i, 1)
                    column = 0 if char == "\n" else column + 1
        pos = eol
    return Layout(_ensure_newline("".join(pieces)), builder.build(), "text", source)


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
