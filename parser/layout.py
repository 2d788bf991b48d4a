"""Per-document text layouts: the text the body grammar reads, mapped to the source.

A plain-text document is read as it is (with PEM dash-escapes undone); an HTML
document is rendered to aligned lines by ``html_layout``. Either way the layout
keeps an ``OffsetMap`` so every span found in it points back into the file.
"""

from __future__ import annotations

import re

from .model import Span, Text
from .offsets import OffsetMap, OffsetMapBuilder
from .source import SourceText

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
    """A plain-text document: the slice itself, with PEM dash-stuffing undone."""
    text = source.text[start:end]
    if not pem or "- " not in text:
        return Layout(_ensure_newline(text), OffsetMap.shifted(start), "text", source)
    builder = OffsetMapBuilder()
    pieces: list[str] = []
    last = 0
    for m in _DASH_ESCAPE.finditer(text):
        pieces.append(text[last : m.start()])
        builder.copied(start + last, m.start() - last)
        last = m.end()  # the "- " itself is dropped
    pieces.append(text[last:])
    builder.copied(start + last, len(text) - last)
    return Layout(_ensure_newline("".join(pieces)), builder.build(), "text", source)


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
