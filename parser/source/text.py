"""The decoded source text, spans into it, and the diagnostics found in it."""

from __future__ import annotations

from ..codes import BY_NAME
from ..model import Diagnostic, Label, Severity, Span, Text
from .offsets import LineIndex


class SourceText:
    """The normalised text of one file, able to make spans and diagnostics."""

    __slots__ = ("text", "path", "_index", "diagnostics")

    def __init__(self, text: str, path: str | None = None) -> None:
        self.text = text
        self.path = path
        self._index: LineIndex | None = None
        self.diagnostics: list[Diagnostic] = []

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def span(self, start: int, end: int) -> Span:
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        line, column = self.index.line_col(start)
        end_line, end_column = self.index.line_col(end)
        return Span(
            start=start, end=end, line=line, column=column, end_line=end_line,
            end_column=end_column,
        )

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
