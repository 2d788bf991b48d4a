"""The decoded source text, spans into it, and the diagnostics found in it."""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from ..codes import BY_NAME
from ..model import Diagnostic, Label, Severity, Span, Text
from .offsets import LineIndex


class SourceText:
    """The normalised text of one file, able to make spans and diagnostics."""

    __slots__ = ("text", "path", "_index", "diagnostics", "_rendered", "_ints")

    # How many recent span numbers (offsets, lines) ``_ints`` keeps: the spans of one
    # value (an item's number, title, heading, body and the item itself) fall among
    # a few dozen, and the table is emptied when it grows past this.
    _RECENT = 64
    _SHARED = 1 << 20  # the length of text from which spans share their ints

    def __init__(self, text: str, path: str | None = None) -> None:
        self.text = text
        self.path = path
        self._index: LineIndex | None = None
        self.diagnostics: list[Diagnostic] = []
        self._rendered: Any = None  # the Layout of the HTML document read, once there is one
        # recent span numbers by value: spans made one after another share the int
        # objects of equal offsets and lines (32 bytes each past 256) where each would
        # hold its own; a dense 25 MB body makes 200,000 spans. Only in a text of a
        # megabyte or more: below, the look-ups cost more time than the memory is worth
        self._ints: dict[int, int] | None = {} if len(text) >= self._SHARED else None

    def set_rendered(self, layout: Any) -> None:
        """From now on, spans starting in the HTML document ``layout`` renders carry
        the rendered line (the layout's line) they start on; diagnostics already
        reported there get it too."""
        self._rendered = layout
        self.diagnostics = [self._with_rendered(d) for d in self.diagnostics]

    def _rendered_line(self, start: int, end: int) -> int | None:
        layout = self._rendered
        if layout is None or not layout.covers(start):
            return None
        return layout.rendered_line(start, end)

    def _with_rendered(self, diagnostic: Diagnostic) -> Diagnostic:
        def fix(span: Span | None) -> Span | None:
            if span is None or span.rendered_line is not None:
                return span
            line = self._rendered_line(span.start, span.end)
            return span if line is None else replace(span, rendered_line=line)

        if diagnostic.span is None and not diagnostic.labels:
            return diagnostic
        return replace(diagnostic, span=fix(diagnostic.span),
                       labels=[replace(label, span=fix(label.span)) for label in
                               diagnostic.labels])

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            start, end = self._clamped(start, end)
        index = self._index or self.index
        line, column, end_line, end_column = index.line_cols(start, end)
        if self._rendered is None and self._ints is None:  # ``_made``, a call less
            return Span(start=start, end=end, line=line, column=column, end_line=end_line,
                        end_column=end_column, rendered_line=None)
        rendered_line = None if self._rendered is None else self._rendered_line(start, end)
        return self._made(start, end, line, column, end_line, end_column, rendered_line)

    def span_on(self, start: int, end: int, rendered_line: int) -> Span:
        """``span`` for a range whose rendered line the caller found (a layout's own
        text, placed without a search)."""
        if not 0 <= start <= end <= len(self.text):
            start, end = self._clamped(start, end)
        index = self._index or self.index
        line, column = index.line_col(start)
        end_line, end_column = (line, column) if end == start else index.line_col(end)
        return self._made(start, end, line, column, end_line, end_column, rendered_line)

    def span_in_line(self, start: int, end: int, line: int, line_start: int) -> Span:
        """``span`` for a range on one line whose number and first offset the caller
        knows (the envelope lexer counts the header's lines): no look-up."""
        if self._rendered is not None or not 0 <= line_start <= start <= end <= len(self.text):
            return self.span(start, end)
        if self._ints is None:  # _made's struct, a call less (a header makes dozens)
            return Span(start=start, end=end, line=line, column=start - line_start + 1,
                        end_line=line, end_column=end - line_start + 1)
        return self._made(start, end, line, start - line_start + 1, line, end - line_start + 1,
                          None)

    def _clamped(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        start = min(max(start, 0), n)
        return start, min(max(end, start), n)

    def _made(self, start: int, end: int, line: int, column: int, end_line: int,
              end_column: int, rendered_line: int | None) -> Span:
        ints = self._ints
        if ints is not None:
            if len(ints) > self._RECENT:
                ints.clear()
            shared = ints.setdefault
            start, end = shared(start, start), shared(end, end)
            line, end_line = shared(line, line), shared(end_line, end_line)
            if rendered_line is not None:
                rendered_line = shared(rendered_line, rendered_line)
        return Span(start=start, end=end, line=line, column=column, end_line=end_line,
                    end_column=end_column, rendered_line=rendered_line)

    def value(self, value: str, start: int, end: int) -> Text:
        return Text(value=value, span=self.span(start, end))

    def report(self, name: str, message: str, span: Span | None = None, **more) -> Diagnostic:
        diagnostic = make_diagnostic(name, message, span, **more)
        self.diagnostics.append(diagnostic)
        return diagnostic


def make_diagnostic(
    name: str,
    message: str,
    span: Span | None = None,
    *,
    label: str | None = None,
    secondary: list[tuple[Span | None, str]] | None = None,
    help: str | None = None,
    note: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic of rule ``name`` (kebab-case), at ``span``, labelled."""
    rule = BY_NAME[name]
    labels: list[Label] = []
    if span is not None and label:
        labels.append(Label(span=span, message=label, primary=True))
    for other, text in secondary or ():
        if other is not None:
            labels.append(Label(span=other, message=text))
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        span=span,
        labels=labels,
        help=help if help is not None else rule.help,
        note=note,
    )
