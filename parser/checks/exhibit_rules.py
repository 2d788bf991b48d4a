"""Exhibit rules: every listed exhibit attached, every attached exhibit listed.

Neither rule reports what the filing accounts for another way: an exhibit
incorporated by reference (by its own words, a "(previously filed)" note or a
footnote legend), one included in another exhibit ("(included in 2.2)"), one
attached in lettered parts (4.5 as EX-4.5(A) ... EX-4.5(H)), one whose text is
part of the 8-K document itself, or a document an unnumbered entry of the list
("The Agreement.") stands for. One listed exhibit attached under another number
is reported once, by exhibit-not-attached, with the document as a second label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Diagnostic, Document, Exhibit
from ..vocab.exhibit_numbers import exhibit_key
from . import Context, rule
from .exhibit_evidence import Embedded, covering_number, unnumbered_entries

# Exhibits that are not separate documents, or not listed by convention.
EMBEDDED = {(104,)}  # the cover page inline XBRL lives in the 8-K document itself


def _has_attachments(ctx: Context) -> bool:
    """Whether the file holds the submission's attachments: a full submission, or
    several bare <DOCUMENT> blocks. (A lone 8-K document, as crawlers download
    them, says nothing about what was attached.)"""
    shape = ctx.filing.source.shape
    return shape == "submission" or (shape == "documents" and len(ctx.filing.documents) > 1)


_EXHIBIT_HEADING = r"[ \t]*exhibit[ \t]+(?:no\.?[ \t]*)?(\S{1,20})[ \t]*$"
_FIRST_HEADING = re.compile(_EXHIBIT_HEADING, re.IGNORECASE | re.MULTILINE)
# a later line: found by a fast search for its newline, not a "^" tried at every
# character
_NEXT_HEADING = re.compile("\n" + _EXHIBIT_HEADING, re.IGNORECASE | re.MULTILINE)


def _exhibit_headings(ctx: Context) -> dict[tuple, list[int]]:
    """The "EXHIBIT 99.1" lines of the 8-K text: where each exhibit number heads one."""
    out: dict[tuple, list[int]] = {}
    if ctx.layout is not None:
        text = ctx.layout.text
        first = _FIRST_HEADING.match(text)
        if first is not None:
            out.setdefault(exhibit_key(first.group(1)), []).append(0)
        for m in _NEXT_HEADING.finditer(text):
            out.setdefault(exhibit_key(m.group(1)), []).append(m.start() + 1)
    return out


def _in_the_8k_text(headings: dict[tuple, list[int]], key: tuple, after: int) -> bool:
    """Old filings often append an exhibit to the 8-K document itself, under an
    "EXHIBIT 99.1" line, instead of attaching it as a document of its own."""
    return any(at >= after for at in headings.get(key, ()))


def _layout_offset(ctx: Context, source_offset: int) -> int:
    """A layout offset at or before ``source_offset`` (text layouts map linearly)."""
    layout = ctx.layout
    if layout is None or layout.kind != "text":
        return 0
    base = layout.offsets.to_source(0)
    return max(0, min(len(layout.text), source_offset - base))


def _is_part(key: tuple) -> bool:
    """A lettered part of an exhibit: the "a" of EX-4.5(A)."""
    return len(key) >= 2 and isinstance(key[-1], str) and len(key[-1]) <= 4


class _Review(NamedTuple):
    unattached: list[tuple[Exhibit, int | None]]  # to report, with the document it may be
    unlisted: list[int]  # documents to report, by index


class _Keys:
    """The keys of the listed exhibits' numbers and of the attached exhibits' types,
    each list worked out when first needed: a filing whose every exhibit is matched
    to its document, and every document to its exhibit, needs neither."""

    def __init__(self, ctx: Context, documents: list[tuple[int, Document, str]]) -> None:
        self._ctx = ctx
        self._documents = documents
        self._listed: list[tuple] | None = None
        self._attached: list[tuple] | None = None

    @property
    def listed(self) -> list[tuple]:
        """One per exhibit of the list, in its order."""
        if self._listed is None:
            self._listed = [exhibit_key(e.number.value) for e in self._ctx.filing.exhibits]
        return self._listed

    @property
    def attached(self) -> list[tuple]:
        """One per exhibit document, in the order of ``_exhibit_documents``."""
        if self._attached is None:
            self._attached = [exhibit_key(kind) for _, _, kind in self._documents]
        return self._attached


def _exhibit_documents(ctx: Context) -> list[tuple[int, Document, str]]:
    """(index, document, its type in capitals) of each EX- document."""
    out = []
    for index, document in enumerate(ctx.filing.documents):
        kind = document.type.value.upper() if document.type else ""
        if kind.startswith("EX-"):
            out.append((index, document, kind))
    return out


def _unattached(ctx: Context, keys: _Keys) -> list[Exhibit]:
    """The listed exhibits nothing accounts for."""
    header = ctx.header
    count = header.public_document_count if header is not None else None
    if count is not None and count > len(ctx.filing.documents):
        return []  # this copy lacks documents the submission had: nothing can be said
    known: set[tuple] | None = None
    embedded: Embedded | None = None
    headings: dict[tuple, list[int]] | None = None
    out = []
    for at, exhibit in enumerate(ctx.filing.exhibits):
        if exhibit.document is not None or exhibit.incorporated_by_reference:
            continue
        key = keys.listed[at]
        if key[:1] in EMBEDDED or not key:
            continue
        cover = covering_number(exhibit)
        if cover is not None:
            if known is None:
                known = set(keys.listed) | set(keys.attached)
            covered = exhibit_key(cover)
            if covered != key and covered in known:
                continue  # "4.1 Form of Certificate (included in 2.2)"
        if any(_is_part(k) and k[:-1] == key for k in keys.attached):
            continue  # "4.5 Specimens of Notes: (a) ... (h)" attached as EX-4.5(A) ...
        listed_at = exhibit.number.span.end if exhibit.number.span else 0
        if headings is None:
            headings = _exhibit_headings(ctx)
        if _in_the_8k_text(headings, key, _layout_offset(ctx, listed_at)):
            continue
        if ctx.layout is not None and ctx.body is not None:
            if embedded is None:
                embedded = Embedded(ctx.body.parts, ctx.layout, _registrant_names(ctx))
            if embedded.holds(exhibit):
                continue
        out.append(exhibit)
    return out


def _registrant_names(ctx: Context) -> list[str]:
    names = [r.name.value for r in (ctx.cover.registrants if ctx.cover else ()) if r.name]
    if ctx.header is not None:
        names += [p.company.name.value for p in ctx.header.parties
                  if p.company is not None and p.company.name is not None]
    names += [s.registrant.value for s in ctx.filing.signatures if s.registrant is not None]
    return names


def _review(ctx: Context) -> _Review:
    """What both rules report, worked out once per filing."""
    return ctx.once(_work_out)


def _work_out(ctx: Context) -> _Review:
    documents = _exhibit_documents(ctx)
    keys = _Keys(ctx, documents)
    unattached = _unattached(ctx, keys)
    unlisted: list[int] = []
    if ctx.layout is not None:
        listed = {e.document for e in ctx.filing.exhibits if e.document is not None}
        numbers: set[tuple] | None = None
        for at, (index, _, kind) in enumerate(documents):
            if kind.startswith(("EX-101", "EX-100")) or index in listed:
                continue
            if numbers is None:
                numbers = set(keys.listed)
            key = keys.attached[at]
            if key in numbers:
                continue
            if _is_part(key) and key[:-1] in numbers:
                continue  # EX-4.5(A): a part of the listed 4.5
            unlisted.append(index)
        if unlisted and ctx.body is not None:
            # "(c) Exhibits" / "The Agreement.": an entry without a number for each
            unlisted = unlisted[unnumbered_entries(ctx.body.parts):]
    if unattached and len(unattached) == len(unlisted):
        # "1. Agreement and Plan of Reorganization" attached as EX-2: one inconsistency
        return _Review(list(zip(unattached, unlisted, strict=True)), [])
    return _Review([(e, None) for e in unattached], unlisted)


@rule("exhibit-not-attached")
def not_attached(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_attachments(ctx):
        return
    documents = ctx.filing.documents
    for exhibit, paired in _review(ctx).unattached:
        secondary = None
        message = (f"Exhibit {exhibit.number.value} is listed but no document of type "
                   f"EX-{exhibit.number.value} is attached")
        if paired is not None:
            document = documents[paired]
            kind = document.type.value  # type: ignore[union-attr]
            message += f"; the unlisted document {_sequence(document, paired)} ({kind}) may be it"
            secondary = [(document.type.span, "attached here, not in the exhibit list")]  # type: ignore[union-attr]
        yield ctx.report("exhibit-not-attached", message, exhibit.number.span,
                         label="listed here", secondary=secondary)


def _sequence(document: Document, index: int) -> str:
    return document.sequence.value if document.sequence else str(index + 1)


@rule("exhibit-not-listed")
def not_listed(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_attachments(ctx) or ctx.layout is None:
        return
    documents = ctx.filing.documents
    for index in _review(ctx).unlisted:
        document = documents[index]
        yield ctx.report(
            "exhibit-not-listed",
            f"document {_sequence(document, index)} "
            f"({document.type.value}) is not in the exhibit list",  # type: ignore[union-attr]
            document.type.span, label="attached here",  # type: ignore[union-attr]
        )
