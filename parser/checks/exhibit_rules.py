"""Exhibit rules: every listed exhibit attached, every attached exhibit listed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..exhibits import exhibit_key
from ..model import Diagnostic
from . import Context, rule

# Exhibits that are not separate documents, or not listed by convention.
EMBEDDED = {(104,)}  # the cover page inline XBRL lives in the 8-K document itself


def _has_attachments(ctx: Context) -> bool:
    """Whether the file holds the submission's attachments: a full submission, or
    several bare <DOCUMENT> blocks. (A lone 8-K document, as crawlers download
    them, says nothing about what was attached.)"""
    shape = ctx.filing.source.shape
    return shape == "submission" or (shape == "documents" and len(ctx.filing.documents) > 1)


def _in_the_8k_text(ctx: Context, number: str, after: int) -> bool:
    """Old filings often append an exhibit to the 8-K document itself, under an
    "EXHIBIT 99.1" line, instead of attaching it as a document of its own."""
    layout = ctx.layout
    if layout is None:
        return False
    heading = re.compile(rf"(?im)^[ \t]*exhibit[ \t]+(?:no\.?[ \t]*)?{re.escape(number)}[ \t]*$")
    return heading.search(layout.text, after) is not None


@rule("exhibit-not-attached")
def not_attached(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_attachments(ctx):
        return
    header = ctx.header
    count = header.public_document_count if header is not None else None
    if count is not None and count > len(ctx.filing.documents):
        return  # this copy lacks documents the submission had: nothing can be said
    for exhibit in ctx.filing.exhibits:
        if exhibit.document is not None or exhibit.incorporated_by_reference:
            continue
        key = exhibit_key(exhibit.number.value)
        if key[:1] in EMBEDDED or not key:
            continue
        listed_at = exhibit.number.span.end if exhibit.number.span else 0
        if _in_the_8k_text(ctx, exhibit.number.value, _layout_offset(ctx, listed_at)):
            continue
        yield ctx.report(
            "exhibit-not-attached",
            f"Exhibit {exhibit.number.value} is listed but no document of type "
            f"EX-{exhibit.number.value} is attached",
            exhibit.number.span, label="listed here",
        )


def _layout_offset(ctx: Context, source_offset: int) -> int:
    """A layout offset at or before ``source_offset`` (text layouts map linearly)."""
    layout = ctx.layout
    if layout is None or layout.kind != "text":
        return 0
    base = layout.offsets.to_source(0)
    return max(0, min(len(layout.text), source_offset - base))


@rule("exhibit-not-listed")
def not_listed(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_attachments(ctx) or ctx.layout is None:
        return
    listed = {e.document for e in ctx.filing.exhibits if e.document is not None}
    keys = {exhibit_key(e.number.value) for e in ctx.filing.exhibits}
    for index, document in enumerate(ctx.filing.documents):
        kind = document.type.value.upper() if document.type else ""
        if not kind.startswith("EX-") or kind.startswith(("EX-101", "EX-100")):
            continue
        if index in listed or exhibit_key(kind) in keys:
            continue
        yield ctx.report(
            "exhibit-not-listed",
            f"document {document.sequence.value if document.sequence else index + 1} "
            f"({document.type.value}) is not in the exhibit list",  # type: ignore[union-attr]
            document.type.span, label="attached here",  # type: ignore[union-attr]
        )
