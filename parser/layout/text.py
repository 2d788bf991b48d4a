"""Per-document text layouts: the text the body grammar reads, mapped to the source.

A plain-text document is read as it is (with PEM dash-escapes undone); an HTML
document is rendered to aligned lines by ``html_layout``. Either way the layout
keeps an ``OffsetMap`` so every span found in it points back into the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Span, Text
from ..source.offsets import OffsetMap, OffsetMapBuilder, line_starts
from ..source.text import SourceText

_DASH_ESCAPE = re.compile(r"^- ", re.MULTILINE)
# Blanks, comments and tags from a place on: what a reader of the rendered page does
# not see. Its match ends at the first text (or at the end of the file).
_MARKUP = re.compile(r"(?:\s+|<!--.*?-->|<[^>]*>)*", re.DOTALL)
# What made a piece of layout text that is not a copy: a tag (a newline for </p>,
# padding for <td>), a comment, or an entity (&#9744; shown as a box).
_MADE = re.compile(r"<!--.*?-->|<[^>]*>|&#?\w+;?", re.DOTALL)


class Layout:
    """Text for the body grammar, with the way back to the source.

    For an HTML document the layout's lines are the *rendered lines* (what
    ``eightk show --source`` numbers); ``to_layout`` and ``rendered_line`` map a
    source offset forward into them, the inverse of ``offsets``. ``check``,
    ``show`` and ``report`` all place things with these methods, so they agree on
    the line; the indexes behind them are built once per layout, on first use.
    """

    __slots__ = ("text", "offsets", "kind", "source", "region", "_index", "_line_starts",
                 "_text_from")

    def __init__(self, text: str, offsets: OffsetMap, kind: str, source: SourceText,
                 region: tuple[int, int] | None = None) -> None:
        self.text = text
        self.offsets = offsets
        self.kind = kind
        self.source = source
        self.region = region  # the source range of the document laid out
        self._index: _BySource | None = None
        self._line_starts: list[int] | None = None
        self._text_from: dict[int, int] = {}  # gap start -> first text a reader sees from it

    # ------------------------------------------------------------ source -> layout

    def _by_source(self) -> _BySource:
        if self._index is None:
            self._index = _BySource(self.offsets, len(self.text), self.source.text)
        return self._index

    def place(self, start: int, end: int | None = None) -> int | None:
        """The layout offset where the source range ``[start, end)`` is shown: its
        first text that is rendered, copied or written as an entity (a value whose
        span opens with tags, as an inline XBRL fact's does, is where its text is;
        a check box fact, ``&#9744;``, where the box is), else where ``to_layout``
        puts ``start``. The one answer ``check`` (a span's ``rendered_line``),
        ``show --source`` and ``report`` give."""
        index = self._by_source()
        at = index.copy_of(start)
        if at is not None:
            return at
        if end is not None and end > start:
            j = index.next_text(start)
            if j is not None and index.keys[j] < end:
                return index.starts[j]
        return self.to_layout(start)

    def to_layout(self, source_offset: int) -> int | None:
        """The layout offset showing ``source_offset``: a character copied into the
        layout maps to its copy; an offset in markup (in or between tags and
        comments, or a blank the layout did not keep) maps to the end of the
        rendered text just before it (the start of the layout when none precedes
        it). None for an offset at or after text that is not rendered, up to the
        next rendered text (a hidden inline XBRL header, a style sheet): no rendered
        line shows it."""
        index = self._by_source()
        keys, starts, lengths, copied = index.keys, index.starts, index.lengths, index.copied
        i = bisect_right(keys, source_offset) - 1
        if i < 0:
            start_of = self.region[0] if self.region is not None else 0
            return 0 if self._in_markup(start_of, source_offset) else None
        first = bisect_left(keys, keys[i], 0, i)  # several segments can start at one offset
        for j in range(first, i + 1):
            if copied[j] and source_offset - keys[j] <= lengths[j]:
                return starts[j] + source_offset - keys[j]
        if keys[i] == source_offset:  # markup that produced layout text (a newline, padding)
            return starts[first]
        if copied[i]:  # after rendered text: markup from its end on
            after = starts[i] + lengths[i]
            return after if self._in_markup(keys[i] + lengths[i], source_offset) else None
        # in or after the markup that made layout text (the tag or entity at keys[i])
        made = _MADE.match(self.source.text, keys[i])
        after = made.end() if made is not None else keys[i] + 1
        return starts[i] if self._in_markup(after, source_offset) else None

    def _in_markup(self, start: int, offset: int) -> bool:
        """Whether everything from ``start`` up to and including ``offset`` is markup
        (tags, comments, blanks): no text a reader would have seen skipped, and
        ``offset`` itself not text. The first text after each ``start`` is found
        once: every offset in a long hidden header then costs a look-up, not a scan."""
        if offset < start:
            return True
        seen = self._text_from.get(start)
        if seen is None:
            seen = self._text_from[start] = _MARKUP.match(self.source.text, start).end()
        return offset < seen or seen == len(self.source.text)

    def covers(self, source_offset: int) -> bool:
        """Whether ``source_offset`` lies in the document this layout renders."""
        if self.region is not None:
            return self.region[0] <= source_offset <= self.region[1]
        index = self._by_source()
        keys, lengths, copied = index.keys, index.lengths, index.copied
        return keys[0] <= source_offset <= keys[-1] + (lengths[-1] if copied[-1] else 1)

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def line_of(self, layout_offset: int) -> int:
        """The 1-based layout line holding ``layout_offset``; the end of the text is on
        the last line (not on the empty one after a final newline)."""
        starts = self._starts()
        last = len(starts) - 1 if len(starts) > 1 and starts[-1] == len(self.text) else len(starts)
        return min(max(bisect_right(starts, layout_offset), 1), last)

    def rendered_line(self, start: int, end: int | None = None) -> int | None:
        """The rendered line (1-based layout line) of the source range ``[start,
        end)`` (of the offset ``start`` alone when no end is given), as ``place``
        finds it; None where it is not rendered."""
        at = self.place(start, end)
        return None if at is None else self.line_of(at)

    def line_sources(self) -> list[int]:
        """For each layout line, the source offset a reader would look up for it: its
        first character copied from the file (``rendered_line`` of which is that
        line), or for a line made only of markup's output (a blank line, table
        padding, ``<PAGE>``) the markup that made its start."""
        starts = self._starts()
        segments, sources, copied = self.offsets.columns()
        out: list[int] = []
        j = 0
        n = len(segments)
        for line, start in enumerate(starts):
            end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)
            if start >= len(self.text) and line:
                break
            while j + 1 < n and segments[j + 1] <= start:
                j += 1
            k, found = j, None
            while k < n and segments[k] < end:  # the first copied run on the line
                if copied[k]:
                    at = max(segments[k], start)
                    found = sources[k] + at - segments[k]
                    break
                k += 1
            out.append(found if found is not None else self.offsets.to_source(start))
        return out

    def line_text(self, line: int) -> str:
        """The text of layout line ``line`` (1-based), without its newline."""
        starts = self._starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.range_to_source(start, end)

    def span(self, start: int, end: int) -> Span:
        source = self.source
        shift = self.offsets._shift
        if shift is not None and source._rendered is None:
            # a text layout that is a slice of the source (text 8-Ks, the 8-K of a
            # text submission): what the general way below gives, two calls fewer
            end = max(start, end)
            return source.span(start + shift, end + shift) if shift else source.span(start, end)
        src_start, src_end = self.source_range(start, end)
        if source._rendered is self and 0 <= start < len(self.text):
            # Where ``place`` puts the source range, found without the
            # source-ordered index: ``start`` copied from the file is its one copy
            # (the renderer copies each character once); ``start`` made for an
            # entity (a box, ``&#9744;``) is that entity's segment, the first text
            # at or after the range's start (nothing else maps to an ``&``).
            starts, _sources, copied = self.offsets.columns()
            i = bisect_right(starts, start) - 1
            if copied[i]:
                return source.span_on(src_start, src_end, self.line_of(start))
            if src_end > src_start and source.text.startswith("&", src_start):
                return source.span_on(src_start, src_end, self.line_of(starts[i]))
        return source.span(src_start, src_end)

    def value(self, value: str, start: int, end: int) -> Text:
        return Text(value=value, span=self.span(start, end))


class _BySource:
    """An offset map's segments ordered by source offset (tables put source text out
    of order), as columns: source offset, layout start, layout length, copied;
    segments at one source offset keep their layout order. Built once per layout."""

    __slots__ = ("keys", "starts", "lengths", "copied", "_next", "_source")

    def __init__(self, offsets: OffsetMap, length: int, source: str) -> None:
        starts, sources, copied = offsets.columns()
        lengths = [b - a for a, b in zip(starts, [*starts[1:], length], strict=True)]
        if all(a <= b for a, b in zip(sources, sources[1:], strict=False)):
            self.keys, self.starts, self.lengths, self.copied = sources, starts, lengths, copied
        else:
            order = sorted(range(len(sources)), key=sources.__getitem__)  # stable
            self.keys = [sources[i] for i in order]
            self.starts = [starts[i] for i in order]
            self.lengths = [lengths[i] for i in order]
            self.copied = [copied[i] for i in order]
        self._next: list[int] | None = None
        self._source = source

    def copy_of(self, offset: int) -> int | None:
        """The layout offset of the copy of source character ``offset``, if copied."""
        keys = self.keys
        i = bisect_right(keys, offset) - 1
        if i < 0:
            return None
        for j in range(bisect_left(keys, keys[i], 0, i), i + 1):
            if self.copied[j] and offset - keys[j] < self.lengths[j]:
                return self.starts[j] + offset - keys[j]
        return None

    def next_text(self, offset: int) -> int | None:
        """The first segment (in source order) starting at or after ``offset`` that is
        the file's text: copied, or what an entity stands for (``&#9744;``, ``&nbsp;``),
        not what a tag made (a newline, padding)."""
        if self._next is None:  # for each segment, the first text one from it on
            n = len(self.keys)
            source = self._source
            following = [n] * (n + 1)
            for k in range(n - 1, -1, -1):
                text = self.copied[k] or source.startswith("&", self.keys[k])
                following[k] = k if text else following[k + 1]
            self._next = following
        j = self._next[bisect_left(self.keys, offset)]
        return j if j < len(self.keys) else None


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
    tab = text.find("\t")
    dash = _dash_line(text, 0) if escaped else -1
    while pos < n:
        # The lines before the next one with work to do (a tab, a dash-stuffed
        # start) are copied as they are, in one piece: line by line, each made one
        # more piece and extended the same copied run of the offset map.
        if tab != -1 and tab < pos:
            tab = text.find("\t", pos)
        if dash != -1 and dash < pos:
            dash = _dash_line(text, pos)
        upto = n if tab == -1 else text.rfind("\n", pos, tab) + 1 or pos
        if dash != -1 and dash < upto:
            upto = dash
        if upto > pos:
            pieces.append(text[pos:upto])
            builder.copied(start + pos, upto - pos)
            pos = upto
            continue
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
            # the runs between tabs are copied, each tab is padding to the next
            # stop (the line's one newline is its last character: no column after)
            column = 0
            at = start + line_start
            for k, run in enumerate(line.split("\t")):
                if k:
                    width = 8 - column % 8
                    pieces.append(" " * width)
                    builder.synthetic(at, width)
                    column += width
                    at += 1
                if run:
                    pieces.append(run)
                    builder.copied(at, len(run))
                    column += len(run)
                    at += len(run)
        pos = eol
    return Layout(_ensure_newline("".join(pieces)), builder.build(), "text", source,
                  (start, end))


def _dash_line(text: str, pos: int) -> int:
    """The start of the first line at or after line start ``pos`` that begins with
    PEM dash-stuffing ("- "); -1 if none does."""
    if text.startswith("- ", pos):
        return pos
    return text.find("\n- ", pos) + 1 or -1


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
