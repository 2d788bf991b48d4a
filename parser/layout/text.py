"""Per-document text layouts: the text the body grammar reads, mapped to the source.

A plain-text document is read as it is (with PEM dash-escapes undone); an HTML
document is rendered to aligned lines by ``html_layout``. Either way the layout
keeps an ``OffsetMap`` so every span found in it points back into the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Span, Text
from ..source.offsets import OffsetMap, OffsetMapBuilder
from ..source.text import SourceText

_DASH_ESCAPE = re.compile(r"^- ", re.MULTILINE)
_TAGS = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


class Layout:
    """Text for the body grammar, with the way back to the source.

    For an HTML document the layout's lines are the *rendered lines* (what
    ``eightk show --source`` numbers); ``to_layout`` and ``rendered_line`` map a
    source offset forward into them, the inverse of ``offsets``.
    """

    __slots__ = ("text", "offsets", "kind", "source", "region", "_inverse", "_line_starts")

    def __init__(self, text: str, offsets: OffsetMap, kind: str, source: SourceText,
                 region: tuple[int, int] | None = None) -> None:
        self.text = text
        self.offsets = offsets
        self.kind = kind
        self.source = source
        self.region = region  # the source range of the document laid out
        self._inverse: tuple[list[int], list[tuple[int, int, bool]]] | None = None
        self._line_starts: list[int] | None = None

    # ------------------------------------------------------------ source -> layout

    def _segments_by_source(self) -> tuple[list[int], list[tuple[int, int, bool]]]:
        """The offset map's segments ordered by source offset (tables put source
        text out of order), as (source, layout start, layout length, copied)."""
        if self._inverse is None:
            segments = self.offsets.segments
            rows = []
            for i, (start, source, copied) in enumerate(segments):
                end = segments[i + 1][0] if i + 1 < len(segments) else len(self.text)
                rows.append((source, start, end - start, copied))
            rows.sort()
            self._inverse = ([r[0] for r in rows], [(r[1], r[2], r[3]) for r in rows])
        return self._inverse

    def to_layout(self, source_offset: int) -> int | None:
        """The layout offset showing ``source_offset``: a character copied into the
        layout maps to its copy; an offset in markup maps to the end of the
        rendered text just before it (the start of the layout when none precedes
        it). None for an offset in content that is not rendered (a hidden inline
        XBRL header, a style sheet): no rendered line shows it."""
        keys, rows = self._segments_by_source()
        i = bisect_right(keys, source_offset) - 1
        if i < 0:
            start_of = self.region[0] if self.region is not None else 0
            return 0 if self._only_markup(start_of, source_offset) else None
        first = i
        while first > 0 and keys[first - 1] == keys[i]:
            first -= 1
        for j in range(first, i + 1):  # several segments can start at one source offset
            start, length, copied = rows[j]
            if copied and source_offset - keys[j] <= length:
                return start + source_offset - keys[j]
        if keys[i] == source_offset:  # markup that produced layout text (a newline, padding)
            return rows[first][0]
        start, length, copied = rows[i]
        if not self._only_markup(keys[i] + (length if copied else 1), source_offset):
            return None
        return start + length if copied else start

    def _only_markup(self, start: int, end: int) -> bool:
        """Whether the source between two offsets holds tags and blanks only (no text
        that a reader of the rendered document would have seen skipped)."""
        if end - start <= 0:
            return True
        gap = self.source.text[start:end]
        return not _TAGS.sub("", gap).strip()

    def covers(self, source_offset: int) -> bool:
        """Whether ``source_offset`` lies in the document this layout renders."""
        if self.region is not None:
            return self.region[0] <= source_offset <= self.region[1]
        keys, rows = self._segments_by_source()
        _, length, copied = rows[-1]
        return keys[0] <= source_offset <= keys[-1] + (length if copied else 1)

    def line_of(self, layout_offset: int) -> int:
        """The 1-based layout line holding ``layout_offset``."""
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return max(bisect_right(self._line_starts, layout_offset), 1)

    def rendered_line(self, source_offset: int) -> int | None:
        """The rendered line (1-based layout line) at ``source_offset``, None where
        the source is not rendered."""
        at = self.to_layout(source_offset)
        return None if at is None else self.line_of(at)

    def line_text(self, line: int) -> str:
        """The text of layout line ``line`` (1-based), without its newline."""
        self.line_of(0)
        assert self._line_starts is not None
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

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
        return Layout(_ensure_newline(text), OffsetMap.shifted(start), "text", source,
                      (start, end))
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
    return Layout(_ensure_newline("".join(pieces)), builder.build(), "text", source,
                  (start, end))


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
