"""The whole pipeline for one file: bytes -> ``Filing``.

decoding -> envelope grammar (header, documents as opaque spans) -> the 8-K
document's text layout -> body grammar -> cover, items, exhibits, signatures.
No stage raises on bad input: problems become diagnostics, and whatever could
be read is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from msgspec.structs import replace

from .body.attachments import match_documents
from .body.reader import Body, read_body
from .envelope.documents import detect_format, is_8k_form, make_document
from .envelope.header import build_header
from .envelope.lexer import looks_like_envelope
from .envelope.reader import read_envelope
from .gcpause import paused
from .layout.text import Layout, text_layout
from .model import Diagnostic, Document, Filing, Header, Source
from .source.decoding import Decoded, decode
from .source.text import SourceText


class Parsed(NamedTuple):
    """A parsed file with what renderers need besides the data: the text."""

    filing: Filing
    source: SourceText
    layout: Layout | None  # the layout of the 8-K document that was read
    body: Body | None = None  # its parts (headings and lines), for the validator


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.span.start if d.span else -1, d.code))


def _html_layout(source: SourceText, start: int, end: int) -> Layout | None:
    try:
        from .layout.html import render_html
    except ImportError:  # pragma: no cover - only while HTML support is absent
        return None
    rendered = render_html(source.text, start, end)
    layout = Layout(rendered.text, rendered.offsets, "html", source, (start, end))
    # every span made inside the document from now on carries its rendered line
    source.set_rendered(layout)
    return layout


def _xbrl_cover(source: SourceText, start: int, end: int):
    try:
        from .xbrl.cover import extract_cover
    except ImportError:  # pragma: no cover
        return None
    return extract_cover(source.text, start, end, span_of=source.span)


def parse_bytes(data: bytes, path: str | None = None) -> Parsed:
    with paused():  # no cyclic collection while the file's objects are made
        return _parse_decoded(decode(data), len(data), path)


def parse_path(file: Path, path: str | None = None) -> Parsed:
    """``parse_bytes`` of the file's bytes, which are let go once decoded: what is
    read from a file is held once (as text), not twice, while it is parsed."""
    return parse_read(file.read_bytes, path)


def parse_read(read: Callable[[], bytes], path: str | None = None) -> Parsed:
    """``parse_bytes`` of the bytes ``read()`` gives, let go once decoded (nobody
    else holds them)."""
    data = read()
    with paused():
        decoded, size = decode(data), len(data)
        del data
        return _parse_decoded(decoded, size, path)


def _parse_decoded(decoded: Decoded, size: int, path: str | None = None) -> Parsed:
    source = SourceText(decoded.text, path)
    for note in decoded.notes:
        span = source.span(note.offset, note.offset + 1) if note.offset is not None else None
        source.report(note.code, note.message, span, label=note.message if span else None)

    def finish(
        shape: str, layout: Layout | None = None, body: Body | None = None, **parts
    ) -> Parsed:
        filing = Filing(
            source=Source(
                path=path, size=size, encoding=decoded.encoding,
                line_ends=decoded.line_ends, shape=shape,  # type: ignore[arg-type]
            ),
            diagnostics=_sorted(source.diagnostics),
            **parts,
        )
        return Parsed(filing, source, layout, body)

    if decoded.binary is not None:
        source.report("binary-input", f"the file is {decoded.binary}, not a text filing")
        return finish("binary")
    if not decoded.text or decoded.text.isspace():  # (strip() would copy the whole text)
        if decoded.text:
            source.report("empty-file", "the file holds only blank lines")
        return finish("empty")

    text = decoded.text
    header: Header | None = None
    pem = False
    if looks_like_envelope(text):
        envelope = read_envelope(source)
        pem = envelope.pem
        header = (
            build_header(source, envelope.header, envelope.roots) if envelope.header else None
        )
        documents = [make_document(source, raw) for raw in envelope.documents]
        shape = "submission" if header and documents else "header-only" if header else "documents"
    elif (page := _index_page(text)) is not None:
        kind, region = page
        if region is None:
            source.report(
                "not-an-8k", f"the file is an EDGAR {kind}, not an 8-K",
                source.span(0, min(len(text), 200)), label="an index page",
            )
            return finish("html")
        envelope = read_envelope(source, only=region)
        header = build_header(source, envelope.header, envelope.roots) if envelope.header else None
        return finish("header-only", header=header)
    else:
        fmt = detect_format(text, 0, len(text))
        documents = [
            Document(format=fmt, size=len(text), span=source.span(0, len(text)),
                     content_span=source.span(0, len(text)))
        ]
        shape = "html" if fmt == "html" else "text"

    submission_type = header.submission_type.value if header and header.submission_type else None
    if submission_type and not is_8k_form(submission_type):
        source.report(
            "not-an-8k", f"the submission type is {submission_type}, not a Form 8-K",
            header.submission_type.span if header and header.submission_type else None,
            label="submission type",
        )
        return _assemble(finish, shape, header, documents, None, source, None)

    body_index = _body_document(documents, shape)
    if body_index is None:
        types = [d.type.value for d in documents if d.type is not None]
        if shape == "documents" and types:
            first = documents[0].type
            source.report(
                "not-an-8k", f"the file holds {', '.join(types[:3])}"
                f"{' ...' if len(types) > 3 else ''}, not an 8-K",
                first.span if first else None, label="document type",
            )
        elif shape in ("submission", "documents"):
            source.report("no-8k-document", "no document of type 8-K was found")
        return _assemble(finish, shape, header, documents, None, source, None)

    document = documents[body_index]
    span = document.content_span
    layout: Layout | None = None
    if span is not None and document.format == "text":
        layout = text_layout(source, span.start, span.end, pem)
    elif span is not None and document.format == "html":
        layout = _html_layout(source, span.start, span.end)
    if layout is None:
        source.report(
            "document-not-parsed",
            f"the 8-K document is {document.format}, which eightk does not read",
            document.span, label="this document",
        )
        return _assemble(finish, shape, header, documents, None, source, None)
    return _assemble(finish, shape, header, documents, body_index, source, layout)


_INDEX_MARKS = ("Filing Detail", "EDGAR Filing Documents", 'class="formGrouping"',
                "<TITLE>SEC EDGAR Submission")
_INDEX_CLUES = ("Filing D", 'class="formGrouping"', "<TITLE>SEC EDGAR Submission")


def _index_page(text: str) -> tuple[str, tuple[int, int] | None] | None:
    """An EDGAR index page (``-index.html``, ``-index-headers.html``): what it is, and
    where its header is when it carries one inside an HTML comment."""
    # Searched without a copy of the head, and "Filing D" for the first two marks
    # (both hold it): three searches over a page that is not an index, not four.
    if all(text.find(mark, 0, 65536) == -1 for mark in _INDEX_CLUES):
        return None
    head = text[:65536]
    if not any(mark in head for mark in _INDEX_MARKS):
        return None
    start = head.find("<SEC-HEADER>")
    end = text.find("</SEC-HEADER>", start) if start != -1 else -1
    if start != -1 and end != -1 and "<!--" in head[:start]:
        return "index page", (start, end + len("</SEC-HEADER>"))
    return "filing index page", None


def _body_document(documents: list[Document], shape: str) -> int | None:
    if shape in ("text", "html"):
        return 0
    for index, document in enumerate(documents):
        if document.type is not None and is_8k_form(document.type.value):
            return index
    return None


def _assemble(finish, shape, header, documents, body_index, source, layout) -> Parsed:
    if body_index is None or layout is None:
        return finish(shape, header=header, documents=documents)
    body = read_body(layout)
    span = documents[body_index].content_span
    xbrl = None
    if layout.kind == "html" and span is not None:
        xbrl = _xbrl_cover(source, span.start, span.end)
    documents = list(documents)
    documents[body_index] = replace(documents[body_index], parsed=True)
    exhibits = match_documents(body.exhibits, documents)
    return finish(
        shape, header=header, documents=documents, body_document=body_index, cover=body.cover,
        items=body.items, exhibits=exhibits, signatures=body.signatures, xbrl_cover=xbrl,
        layout=layout, body=body,
    )


def parse_file(path: str | Path) -> Parsed:
    return parse_path(Path(path), str(path))
