"""The EDGAR envelope: tokens -> grammar -> raw header tree and document list.

``read_envelope`` runs ``grammar/envelope.lark`` over the tokens of
``envelope_lexer`` and turns the parse tree into plain objects: the header as a
tree of fields and groups (the same shape for both header dialects), and the
documents with their tags and content offsets. ``header.py`` turns the header
tree into the ``Header`` model.
"""

from __future__ import annotations

from typing import NamedTuple

from lark import Token

from .. import grammars
from ..grammars import Transformer
from ..model import Span, Text
from ..recovery import Problem, parse_with_recovery
from ..source.text import SourceText
from . import lexer as envelope_lexer
from .lexer import LineRun

_INSERTABLE = ("TEXT_CLOSE", "DOCUMENT_CLOSE", "CONTAINER_CLOSE", "HEADER_CLOSE")

_WORDS = {
    "TEXT_CLOSE": "`</TEXT>`",
    "DOCUMENT_CLOSE": "`</DOCUMENT>`",
    "CONTAINER_CLOSE": "a closing tag",
    "HEADER_CLOSE": "`</SEC-HEADER>`",
    "DOCUMENT_OPEN": "`<DOCUMENT>`",
    "TEXT_OPEN": "`<TEXT>`",
    "DOC_TAG": "a document tag such as `<TYPE>`",
    "FIELD": "a header line such as `ACCESSION NUMBER:`",
    "ROLE": "a header section such as `FILER:`",
    "BLOCK": "a header block such as `COMPANY DATA:`",
    "ROOT_CLOSE": "`</SEC-DOCUMENT>`",
    "$END": "the end of the file",
}


class RawField(NamedTuple):
    label: str  # label or tag name as written, upper case
    value: str
    start: int  # the whole line
    end: int
    value_start: int
    value_end: int
    tagged: bool
    # the number of the field's line when it is one line whose number the lexer
    # counted (lines before any document's content), else 0: spans on it then
    # need no look-up in the line index
    line: int = 0


def field_span(source: SourceText, field: RawField, start: int, end: int) -> Span:
    """``source.span(start, end)`` of a range inside ``field``'s line."""
    if field.line:
        return source.span_in_line(start, end, field.line, field.start)
    return source.span(start, end)


def field_text(source: SourceText, field: RawField, value: str, start: int, end: int) -> Text:
    """``source.value(value, start, end)`` of a range inside ``field``'s line."""
    if field.line:
        return Text(value=value, span=source.span_in_line(start, end, field.line, field.start))
    return Text(value=value, span=source.span(start, end))


class RawGroup(NamedTuple):
    name: str
    children: list[RawField | RawGroup]
    start: int
    end: int
    tagged: bool


class RawDocument(NamedTuple):
    tags: list[RawField]
    start: int
    end: int
    content_start: int | None
    content_end: int | None


class Envelope(NamedTuple):
    roots: list[RawField]  # <SEC-DOCUMENT> / <IMS-DOCUMENT> / <SEC-HEADER> lines
    header: RawGroup | None
    header_count: int
    documents: list[RawDocument]
    pem: bool
    opened: bool = False  # <SEC-DOCUMENT>, <IMS-DOCUMENT> or <SUBMISSION> was seen
    closed: bool = False  # ... and its end tag


_LABELS: dict[str, str] = {}  # a label as written -> its key (stripped, upper case)
_new = tuple.__new__


class _Run(list):
    """The fields of one ``LineRun`` (consecutive lines of one kind), spread into
    the children of the rule that holds them."""


def _spread(children: list) -> list[RawField | RawGroup]:
    """The fields and groups among ``children``, each run's fields in its place."""
    out: list[RawField | RawGroup] = []
    for child in children:
        if type(child) is _Run:
            out.extend(child)
        elif isinstance(child, (RawField, RawGroup)):
            out.append(child)
    return out


class _Builder(Transformer):
    """One method per grammar rule; returns plain objects, never lark types."""

    def __init__(self, source: SourceText, counted: int = 0) -> None:
        super().__init__()
        self.text = source.text
        self.counted = counted  # tokens starting before this offset have their line number
        self.header_lines: list[RawField] = []
        self.opened = self.closed = False
        self.pem_open = self.pem_closed = False

    # -- tokens
    def _field(self, token: Token, tagged: bool) -> RawField:
        # The lexer's match names the label and where the value begins; the
        # token's value may go on past that line (a continued field).
        m = token.match  # type: ignore[attr-defined]
        value = token.value[m.start("value"):].strip()
        start = token.start_pos
        end = token.end_pos
        text = self.text
        if value:
            at = text.find(value, start, end)
            if at != -1:
                value_end = at + len(value)
            else:  # a value continued over several lines: from its first word to the end
                at = text.find(value.split()[0], start, end)
                at, value_end = (at, end) if at != -1 else (start, end)
        else:
            at = value_end = end
        label = m["label"]
        key = _LABELS.get(label)
        if key is None:
            key = label.strip().upper()
            if len(_LABELS) < 4096:  # a header's labels are few; a bad file's may not be
                _LABELS[label] = key
        # one line, from its start (the part after a wrapped "]" starts mid-line)
        line = token.line
        if not (start < self.counted and token.end_line == line and text[start - 1] == "\n"):
            line = 0
        # tuple.__new__: what RawField(...) does, without its Python-level __new__
        return _new(RawField, (key, value, start, end, at, value_end, tagged, line))

    # (each terminal's method reads its token itself: a call less a header line)
    def FIELD(self, token: Token) -> RawField | _Run:  # noqa: N802 (lark names terminals so)
        if type(token) is LineRun:
            field = self._field
            return _Run([field(line, False) for line in token.lines])
        return self._field(token, False)

    def TAG_FIELD(self, token: Token) -> RawField | _Run:  # noqa: N802
        if type(token) is LineRun:
            field = self._field
            return _Run([field(line, True) for line in token.lines])
        return self._field(token, True)

    DOC_TAG = TAG_FIELD

    def ROOT_OPEN(self, token: Token) -> RawField:  # noqa: N802
        return self._field(token, True)

    def SUBMISSION_OPEN(self, token: Token) -> RawField:  # noqa: N802
        return self._field(token, True)

    # -- rules
    def container(self, children: list) -> RawGroup:
        opener: Token = children[0]
        closer: Token = children[-1]
        name = opener.value.strip().strip("<>").upper()
        body = _spread(children[1:-1])
        return RawGroup(name, body, opener.start_pos, max(closer.end_pos, opener.end_pos), True)

    def block(self, children: list) -> RawGroup:
        opener: Token = children[0]
        name = opener.value.split(":")[0].strip().upper()
        body = _spread(children[1:])
        end = body[-1].end if body else opener.end_pos
        return RawGroup(name, body, opener.start_pos, end, False)

    role_section = block

    def header_body(self, children: list) -> RawGroup:
        body = _spread(children)
        start = body[0].start if body else 0
        end = body[-1].end if body else 0
        return RawGroup("HEADER", body, start, end, False)

    def HEADER_OPEN(self, token: Token) -> RawField:  # noqa: N802
        return self._field(token, True)

    def header(self, children: list) -> RawGroup:
        group: RawGroup = children[-1]
        opener = children[0] if isinstance(children[0], RawField) else None
        if opener is not None:
            self.header_lines.append(opener)
            return group._replace(start=opener.start)
        return group

    def header_repeat(self, children: list) -> object:
        self.header_lines.extend(c for c in children if isinstance(c, RawField))
        groups = [c for c in children if isinstance(c, RawGroup)]
        return groups[-1] if groups else None

    def header_section(self, children: list) -> tuple[RawGroup, int]:
        groups = [c for c in children if isinstance(c, RawGroup)]
        # 1994 IMS files repeat the header after a PEM block; the last one counts.
        last = groups[-1]
        closers = [c for c in children if isinstance(c, Token) and c.type == "HEADER_CLOSE"]
        if closers and closers[-1].end_pos > last.end:
            last = last._replace(end=closers[-1].end_pos)
        return last, len(groups)

    def text_block(self, children: list) -> tuple[int, int]:
        content: Token = children[1]
        return content.start_pos, content.end_pos

    def document(self, children: list) -> RawDocument:
        opener: Token = children[0]
        closer: Token = children[-1]
        tags: list[RawField] = _spread(children)  # type: ignore[assignment]
        content = next((c for c in children if isinstance(c, tuple) and len(c) == 2), None)
        end = max(closer.end_pos, content[1] if content else 0)
        return RawDocument(
            tags, opener.start_pos, end, content[0] if content else None,
            content[1] if content else None,
        )

    def doc_tag(self, children: list) -> RawField:
        return children[0]

    def pem(self, children: list) -> str:
        begin: Token = children[0]
        if begin.value.startswith("-----BEGIN"):  # not an escaped, nested one
            self.pem_open = True
        return "pem"

    def pem_end(self, children: list) -> str:
        if children and str(children[0]).startswith("-----END"):
            self.pem_closed = True
        return "pem-end"

    def root_open(self, children: list) -> RawField:
        self.opened = True
        return children[0]

    submission_open = root_open

    def root_close(self, children: list) -> str:
        self.closed = True
        return "close"

    submission_close = root_close

    def start(self, children: list) -> Envelope:
        roots = [c for c in children if isinstance(c, RawField)] + self.header_lines
        header = next((c for c in children if isinstance(c, tuple) and len(c) == 2
                       and isinstance(c[0], RawGroup)), None)
        documents = [c for c in children if isinstance(c, RawDocument)]
        pem = any(c == "pem" for c in children)
        return Envelope(
            roots, header[0] if header else None, header[1] if header else 0, documents, pem,
            self.opened, self.closed,
        )


def _counted_until(source: SourceText, tokens: list[Token]) -> int:
    """Up to where the lexer's line numbers are the source's: up to the first
    document's content, which it passes over without counting its lines (checked
    on the last token before it; 0 where that disagrees)."""
    end, last = len(source.text), None
    for token in tokens:
        if token.type == "CONTENT":
            end = token.start_pos
            break
        last = token
    if last is None or source.index.line_col(last.start_pos)[0] != last.line:
        return 0
    return end


class _Departs(Exception):
    """The tokens depart from the grammar: parse them line by line to say where."""


def _departs(problem: Problem) -> None:
    raise _Departs


def read_envelope(source: SourceText, only: tuple[int, int] | None = None) -> Envelope:
    """Read the envelope of ``source``, or only the part ``only`` = (start, end) of it
    (an EDGAR index page carries its header inside an HTML comment)."""
    text = source.text
    if only is not None:
        # Blank out the rest, keeping offsets: every span still points into source.
        start, end = only
        text = " " * start + text[start:end] + " " * (len(text) - end)
    lexed = envelope_lexer.tokenize(text)
    for note in lexed.notes:
        related = [(source.span(*note.related), "opened here")] if note.related else None
        source.report(
            note.name, note.message, source.span(note.start, note.end),
            label="closed here", secondary=related,
        )
    reported_truncation = False

    def report(problem: Problem) -> None:
        nonlocal reported_truncation
        token = problem.token
        if token.type == "$END" and lexed.truncated:
            if not reported_truncation:
                reported_truncation = True
                end = len(source.text)
                missing = _WORDS.get(problem.missing or "", "the envelope ends")
                source.report(
                    "truncated-envelope",
                    f"the file ends before {missing}",
                    source.span(end, end),
                    label="the file ends here",
                )
            return
        if problem.kind == "missing" and problem.missing == "TEXT_CLOSE":
            at = token.start_pos
            source.report(
                "missing-text-close", "a document's `<TEXT>` block is not closed",
                source.span(at, at), label="expected `</TEXT>` before this line",
            )
        elif problem.kind == "missing" and problem.missing == "DOCUMENT_CLOSE":
            at = token.start_pos if token.type != "$END" else len(source.text)
            source.report(
                "missing-document-close", "a `<DOCUMENT>` block is not closed",
                source.span(at, at), label="expected `</DOCUMENT>` before this line",
            )
        elif problem.kind == "missing":
            at = token.start_pos if token.type != "$END" else len(source.text)
            what = _WORDS.get(problem.missing or "", problem.missing or "")
            source.report(
                "envelope-syntax", f"expected {what}", source.span(at, at),
                label=f"expected {what} here",
            )
        else:
            expected = ", ".join(
                sorted({_WORDS[t] for t in problem.expected if t in _WORDS})
            ) or "something else"
            shown = token.value.strip()
            if len(shown) > 60:
                shown = shown[:57] + "..."
            source.report(
                "envelope-syntax",
                f"unexpected line in the envelope: `{shown}`",
                source.span(token.start_pos, token.end_pos),
                label=f"expected {expected}",
            )

    counted = 0 if only is not None else _counted_until(source, lexed.tokens)
    builders: list[_Builder] = []

    def fresh() -> _Builder:
        builders.append(_Builder(source, counted))
        return builders[-1]

    lark = grammars.load("envelope.lark")
    envelope = None
    merged = envelope_lexer.runs(lexed.tokens)
    if merged is not lexed.tokens:
        # Runs of lines parse as the lines do (lexer.runs); a departure from the
        # grammar is worded line by line, so the lines are parsed again then.
        try:
            envelope = parse_with_recovery(lark, merged, _INSERTABLE, _departs,
                                           transformer=fresh)
        except _Departs:
            envelope = None
    if envelope is None:
        envelope = parse_with_recovery(lark, lexed.tokens, _INSERTABLE, report,
                                       transformer=fresh)
    if envelope is None:
        source.report(
            "envelope-syntax", "the envelope could not be read",
            source.span(0, 0), label="reading stopped here",
        )
        return Envelope([], None, 0, [], False)
    builder = builders[-1]  # the one that made the envelope (after recovery, a fresh one)
    envelope = envelope._replace(closed=envelope.closed and not (
        builder.pem_open and not builder.pem_closed))
    if envelope.opened and not envelope.closed and not reported_truncation and not lexed.truncated:
        # Every submission ends with </SEC-DOCUMENT> (or </SUBMISSION>), and one in
        # PEM armour with its END line: a file that stops short lost the rest.
        end = len(source.text.rstrip())
        what = ("`</SEC-DOCUMENT>`" if not builder.closed
                else "the `-----END PRIVACY-ENHANCED MESSAGE-----` line")
        source.report(
            "truncated-envelope", f"the file ends before {what}",
            source.span(end, end), label="the file ends here",
        )
        reported_truncation = True
    if lexed.truncated and not reported_truncation:
        end = len(source.text)
        source.report(
            "truncated-envelope", "the file ends inside a document", source.span(end, end),
            label="the file ends here",
        )
    return envelope

