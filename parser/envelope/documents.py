"""``<DOCUMENT>`` blocks as ``Document`` objects, and what format each holds."""

from __future__ import annotations

import re

from ..model import Document, DocumentFormat, Text
from ..source.text import SourceText
from .reader import RawDocument, field_text

_HTML = re.compile(
    r"<(?:html|!doctype\s+html|body|head|div|p|font|br|center|title|b|i|span|a\s)[\s>/]",
    re.IGNORECASE,
)
_UUENCODE = re.compile(r"begin [0-7]{3,4} \S")
FORMS_8K = re.compile(r"^8-K(?:12B|12G3|15D5)?(?:/A)?$", re.IGNORECASE)


def is_8k_form(form: str | None) -> bool:
    return bool(form) and FORMS_8K.match(form.strip().replace(" ", "")) is not None  # type: ignore[union-attr]


def detect_format(text: str, start: int, end: int) -> DocumentFormat:
    head = text[start : min(end, start + 4096)].lstrip()
    if not head:
        return "empty"
    upper = head[:16].upper()
    if upper.startswith("<PDF>") or head.startswith("%PDF"):
        return "pdf"
    if upper.startswith("<XBRL>"):
        return "html" if _HTML.search(head[:4096]) else "xbrl"
    if upper.startswith("<XML>") or head.startswith("<?xml"):
        inner = head[:4096]
        return "html" if re.search(r"<html[\s>]", inner, re.IGNORECASE) else "xml"
    if _UUENCODE.match(head):
        return "uuencoded"
    if _HTML.search(head[:4096]):
        return "html"
    return "text"


_TAGS = {"TYPE": 0, "SEQUENCE": 1, "FILENAME": 2, "DESCRIPTION": 3}


def _tags(source: SourceText, raw: RawDocument) -> list[Text | None]:
    """The TYPE, SEQUENCE, FILENAME and DESCRIPTION of ``raw`` (the first of each
    with a value), read in one pass over its tags rather than one per name."""
    found: list[Text | None] = [None, None, None, None]
    for field in raw.tags:
        at = _TAGS.get(field.label)
        if at is not None and found[at] is None and field.value:
            found[at] = field_text(source, field, field.value, field.value_start,
                                   field.value_end)
    return found


def make_document(source: SourceText, raw: RawDocument) -> Document:
    if raw.content_start is not None and raw.content_end is not None:
        fmt = detect_format(source.text, raw.content_start, raw.content_end)
        size = raw.content_end - raw.content_start
        content_span = source.span(raw.content_start, raw.content_end)
    else:
        fmt, size, content_span = "empty", 0, None
    kind, sequence, filename, description = _tags(source, raw)
    return Document(
        type=kind,
        sequence=sequence,
        filename=filename,
        description=description,
        format=fmt,
        size=size,
        span=source.span(raw.start, raw.end),
        content_span=content_span,
    )
