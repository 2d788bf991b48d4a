"""The data objects a parsed filing becomes.

Everything here is immutable (``frozen``) and serialises to JSON with msgspec;
``eightk schema`` prints the JSON Schema generated from these classes. Nothing
here knows about lark: the transformers build these objects and stop there.

Spans are character offsets into the *source text*: the file decoded to str with
line ends normalised to ``\\n`` (see ``decoding.py``). Line and column are 1-based
and count characters, so they match what an editor shows for the original file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from msgspec import Struct

SCHEMA_VERSION = "1"

# ``gc=False`` on every struct whose fields hold no list (so no instance can be
# part of a reference cycle: they are frozen and hold only strings, numbers,
# dates and such structs): no garbage-collector header (16 bytes an object) and
# nothing for the collector to track. A dense 25 MB body makes 200,000 spans and
# 150,000 texts. The structs holding lists (a user may append to them) keep it.

Severity = Literal["error", "warning", "info"]
Era = Literal["pre-2004", "post-2004"]


class Span(Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """A range of the source text: ``[start, end)`` plus derived line/column.

    ``rendered_line`` is set only inside an HTML document that was read: the line
    of its rendered text layout (what ``eightk show --source`` numbers) where the
    span's first rendered text is (for a span of markup alone, the line of the
    text just before it); None where the span is not rendered (a hidden inline
    XBRL header). Everywhere else it is None and left out of the JSON, so the
    JSON of text filings carries exactly the six fields.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rendered_line: int | None = None


class Text(Struct, frozen=True, kw_only=True, gc=False):
    """A string value exactly as read from the filing, with where it was read."""

    value: str
    span: Span | None = None


class DateValue(Struct, frozen=True, kw_only=True, gc=False):
    """A date as written (``text``) and as understood (``value``, None if not a date)."""

    value: dt.date | None
    text: str
    span: Span | None = None


# ---------------------------------------------------------------- header


class HeaderField(Struct, frozen=True, kw_only=True, gc=False):
    """A header line kept as label and value (unknown labels end up here)."""

    label: str
    value: str
    span: Span | None = None


class CompanyData(Struct, frozen=True, kw_only=True, gc=False):
    name: Text | None = None
    cik: Text | None = None
    sic_code: Text | None = None
    sic_description: Text | None = None
    organization_name: Text | None = None
    irs_number: Text | None = None
    state_of_incorporation: Text | None = None
    fiscal_year_end: Text | None = None


class FilingValues(Struct, frozen=True, kw_only=True, gc=False):
    form_type: Text | None = None
    act: Text | None = None
    file_number: Text | None = None
    film_number: Text | None = None


class Address(Struct, frozen=True, kw_only=True, gc=False):
    street1: Text | None = None
    street2: Text | None = None
    city: Text | None = None
    state: Text | None = None
    zip: Text | None = None
    phone: Text | None = None


class FormerName(Struct, frozen=True, kw_only=True, gc=False):
    name: Text | None = None
    date_changed: DateValue | None = None


class Party(Struct, frozen=True, kw_only=True):
    """One FILER / SUBJECT COMPANY / FILED BY (or other role) block of the header."""

    role: str
    company: CompanyData | None = None
    filing_values: list[FilingValues] = []
    business_address: Address | None = None
    mail_address: Address | None = None
    former_names: list[FormerName] = []
    other_fields: list[HeaderField] = []
    span: Span | None = None


class DeclaredItem(Struct, frozen=True, kw_only=True, gc=False):
    """An ``ITEM INFORMATION`` line or ``<ITEMS>`` tag, mapped to an item number."""

    text: Text
    number: str | None
    canonical: str | None
    era: Era | None


class Header(Struct, frozen=True, kw_only=True):
    dialect: Literal["labelled", "tagged"]
    accession_number: Text | None = None
    submission_type: Text | None = None
    public_document_count: int | None = None
    period_of_report: DateValue | None = None
    filed_as_of: DateValue | None = None
    acceptance_datetime: Text | None = None
    date_of_change: DateValue | None = None
    items: list[DeclaredItem] = []
    blank_item_lines: int = 0  # "ITEM INFORMATION:" with no text (1990s, and Item 12 in 2003)
    parties: list[Party] = []
    other_fields: list[HeaderField] = []
    envelope_accession_numbers: list[Text] = []
    span: Span | None = None


# ---------------------------------------------------------------- documents

DocumentFormat = Literal["text", "html", "xbrl", "xml", "pdf", "uuencoded", "empty"]


class Document(Struct, frozen=True, kw_only=True, gc=False):
    """One ``<DOCUMENT>`` block (or the whole file when there is no envelope)."""

    type: Text | None = None
    sequence: Text | None = None
    filename: Text | None = None
    description: Text | None = None
    format: DocumentFormat
    size: int
    span: Span | None = None
    content_span: Span | None = None
    parsed: bool = False
    note: str | None = None


# ---------------------------------------------------------------- cover page


class CheckBox(Struct, frozen=True, kw_only=True, gc=False):
    """A cover-page check box. ``checked`` is None when no box glyph was found."""

    name: str
    checked: bool | None
    glyph: str | None = None
    text: Text | None = None


class Registrant(Struct, frozen=True, kw_only=True, gc=False):
    name: Text | None = None
    state: Text | None = None
    file_number: Text | None = None
    irs_number: Text | None = None
    address: Text | None = None
    zip: Text | None = None
    phone: Text | None = None
    former_name: Text | None = None


class Security(Struct, frozen=True, kw_only=True, gc=False):
    """A row of the Section 12(b) table."""

    title: Text | None = None
    symbol: Text | None = None
    exchange: Text | None = None


class CoverPage(Struct, frozen=True, kw_only=True):
    form_type: Text | None = None
    amendment: bool = False
    amendment_number: int | None = None
    date_of_report: DateValue | None = None
    registrants: list[Registrant] = []
    check_boxes: list[CheckBox] = []
    emerging_growth_company: CheckBox | None = None
    extended_transition_period: CheckBox | None = None
    securities_12b: list[Security] = []
    securities_12b_section: bool = False  # the cover has the 12(b) section (maybe "None")
    span: Span | None = None


# ---------------------------------------------------------------- body parts


class Item(Struct, frozen=True, kw_only=True, gc=False):
    """An item section of the body.

    ``number`` is the item as written in the heading; ``key`` the number in its
    own era (``"7"``, ``"2.02"``); ``canonical`` the post-2004 number (old items
    mapped per Rel. 33-8400), so both eras can be counted together.
    """

    number: Text
    key: str
    canonical: str | None
    era: Era
    title: str | None
    title_as_written: Text | None = None
    heading: Text
    body: Text | None = None
    not_applicable: bool = False
    combined: bool = False
    span: Span | None = None


class Exhibit(Struct, frozen=True, kw_only=True, gc=False):
    number: Text
    description: Text | None = None
    document: int | None = None
    source: Literal["item", "index"] = "item"
    incorporated_by_reference: bool = False


class Signature(Struct, frozen=True, kw_only=True, gc=False):
    registrant: Text | None = None
    name: Text | None = None
    title: Text | None = None
    date: DateValue | None = None
    conformed: bool = False
    signature: Text | None = None
    span: Span | None = None


# ---------------------------------------------------------------- inline XBRL


class XbrlFact(Struct, frozen=True, kw_only=True, gc=False):
    """A ``dei:`` fact from an inline XBRL document, after its ``ixt`` transform.

    ``value`` is the transformed value (``"NV"`` for "Nevada", ``"2025-04-15"``,
    ``"true"``); ``text`` the displayed text; ``member`` the class-of-stock member
    for per-class facts (12(b) rows), else None; ``entity`` the legal-entity member
    (``dei:LegalEntityAxis``) of a co-registrant's facts, else None.
    """

    name: str
    value: str | None
    text: str
    format: str | None = None
    context: str | None = None
    member: str | None = None
    span: Span | None = None
    entity: str | None = None


class XbrlCover(Struct, frozen=True, kw_only=True):
    """The cover-page facts of an inline XBRL 8-K, by dei element."""

    document_type: XbrlFact | None = None
    period_end_date: XbrlFact | None = None
    amendment_flag: XbrlFact | None = None
    cik: XbrlFact | None = None
    registrant_name: XbrlFact | None = None
    state_of_incorporation: XbrlFact | None = None
    file_number: XbrlFact | None = None
    tax_id: XbrlFact | None = None
    address_line1: XbrlFact | None = None
    address_line2: XbrlFact | None = None
    city: XbrlFact | None = None
    state: XbrlFact | None = None
    postal_code: XbrlFact | None = None
    city_area_code: XbrlFact | None = None
    local_phone: XbrlFact | None = None
    written_communications: XbrlFact | None = None
    soliciting_material: XbrlFact | None = None
    pre_commencement_tender_offer: XbrlFact | None = None
    pre_commencement_issuer_tender_offer: XbrlFact | None = None
    emerging_growth_company: XbrlFact | None = None
    ex_transition_period: XbrlFact | None = None
    securities_12b: list[Security] = []
    facts: list[XbrlFact] = []


# ---------------------------------------------------------------- diagnostics


class Label(Struct, frozen=True, kw_only=True, gc=False):
    span: Span
    message: str
    primary: bool = False


class Diagnostic(Struct, frozen=True, kw_only=True):
    """A problem found in a filing, at a place (``span``) when it has one."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span | None = None
    labels: list[Label] = []
    help: str | None = None
    note: str | None = None


# ---------------------------------------------------------------- the filing


class Source(Struct, frozen=True, kw_only=True, gc=False):
    path: str | None
    size: int
    encoding: str
    line_ends: Literal["lf", "crlf", "cr", "mixed", "none"]
    shape: Literal[
        "submission", "header-only", "documents", "text", "html", "empty", "binary", "unknown"
    ]


class Filing(Struct, frozen=True, kw_only=True):
    """Everything read from one file."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    header: Header | None = None
    documents: list[Document] = []
    body_document: int | None = None
    cover: CoverPage | None = None
    items: list[Item] = []
    exhibits: list[Exhibit] = []
    signatures: list[Signature] = []
    xbrl_cover: XbrlCover | None = None
    diagnostics: list[Diagnostic] = []
