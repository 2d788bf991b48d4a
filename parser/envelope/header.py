"""The EDGAR header (either dialect) as a ``Header``.

Labelled (``COMPANY CONFORMED NAME:``) and tagged (``<CONFORMED-NAME>``) headers
carry the same information; both names map to one key here. Labels eightk
does not know are kept in ``other_fields`` with a warning, never dropped.
"""

from __future__ import annotations

import re

from ..model import (
    Address,
    CompanyData,
    DateValue,
    DeclaredItem,
    FilingValues,
    FormerName,
    Header,
    HeaderField,
    Party,
    Text,
)
from ..source.text import SourceText
from ..vocab import items as item_vocab
from ..vocab.dates import parse_yyyymmdd
from .reader import RawField, RawGroup, field_span, field_text

# label (labelled dialect) or tag (tagged dialect) -> key
TOP_FIELDS = {
    "ACCESSION NUMBER": "accession_number", "ACCESSION-NUMBER": "accession_number",
    "CONFORMED SUBMISSION TYPE": "submission_type", "TYPE": "submission_type",
    "PUBLIC DOCUMENT COUNT": "public_document_count",
    "PUBLIC-DOCUMENT-COUNT": "public_document_count",
    "CONFORMED PERIOD OF REPORT": "period_of_report", "PERIOD": "period_of_report",
    "ITEM INFORMATION": "items", "ITEMS": "items",
    "FILED AS OF DATE": "filed_as_of", "FILING-DATE": "filed_as_of",
    "DATE AS OF CHANGE": "date_of_change", "DATE-OF-FILING-DATE-CHANGE": "date_of_change",
    "ACCEPTANCE-DATETIME": "acceptance_datetime",
}
# Known header fields that the model does not break out: kept, without a warning.
KNOWN_OTHER = frozenset(
    {
        "SROS", "GROUP MEMBERS", "GROUP-MEMBERS", "CONFIRMING COPY", "CONFIRMING-COPY",
        "EFFECTIVENESS DATE", "EFFECTIVENESS-DATE", "ABS ASSET CLASS", "ABS-ASSET-CLASS",
        "ABS-RULE", "DEPOSITOR-CIK", "SPONSOR-CIK", "CORRECTION", "DELETION", "TIMESTAMP",
        "PAPER", "PRIVATE-TO-PUBLIC", "FILED PURSUANT TO", "IS-FILER-A-NEW-REGISTRANT",
        "IS-FILER-A-WELL-KNOWN-SEASONED-ISSUER", "FILED-FOR-SECURITIES", "REFERENCES-429",
        "CATEGORY", "DEPOSITOR CIK", "SPONSOR CIK", "NO-ANNUAL-ACTIVITY",
        "NO ANNUAL ACTIVITY", "NO-INITIAL-PERIODIC-REPORT", "NO-QUARTERLY-ACTIVITY",
        "ACTION-DATE", "RECEIVED-DATE", "FILER-AGENT", "SERIES-AND-CLASSES-CONTRACTS-DATA",
    }
)
ROLES = {
    "FILER": "filer", "SUBJECT COMPANY": "subject-company", "SUBJECT-COMPANY": "subject-company",
    "FILED BY": "filed-by", "FILED-BY": "filed-by", "REPORTING-OWNER": "reporting-owner",
    "REPORTING OWNER": "reporting-owner", "ISSUER": "issuer", "DEPOSITOR": "depositor",
    "SECURITIZER": "securitizer", "ISSUING ENTITY": "issuing-entity",
    "ISSUING_ENTITY": "issuing-entity", "ISSUING-ENTITY": "issuing-entity",
    "SERIAL COMPANY": "serial-company", "SERIAL-COMPANY": "serial-company",
}
BLOCKS = {
    "COMPANY DATA": "company", "COMPANY-DATA": "company", "OWNER DATA": "company",
    "OWNER-DATA": "company",
    "FILING VALUES": "filing_values", "FILING-VALUES": "filing_values",
    "BUSINESS ADDRESS": "business_address", "BUSINESS-ADDRESS": "business_address",
    "MAIL ADDRESS": "mail_address", "MAIL-ADDRESS": "mail_address",
    "FORMER COMPANY": "former", "FORMER-COMPANY": "former", "FORMER NAME": "former",
    "FORMER-NAME": "former",
}
COMPANY_FIELDS = {
    "COMPANY CONFORMED NAME": "name", "CONFORMED-NAME": "name",
    "CENTRAL INDEX KEY": "cik", "CIK": "cik",
    "STANDARD INDUSTRIAL CLASSIFICATION": "sic", "ASSIGNED-SIC": "sic",
    "ORGANIZATION NAME": "organization_name", "ORGANIZATION-NAME": "organization_name",
    "IRS NUMBER": "irs_number", "EIN": "irs_number", "IRS-NUMBER": "irs_number",
    "STATE OF INCORPORATION": "state_of_incorporation",
    "STATE-OF-INCORPORATION": "state_of_incorporation",
    "FISCAL YEAR END": "fiscal_year_end", "FISCAL-YEAR-END": "fiscal_year_end",
}
FILING_VALUE_FIELDS = {
    "FORM TYPE": "form_type", "FORM-TYPE": "form_type", "SEC ACT": "act", "ACT": "act",
    "SEC FILE NUMBER": "file_number", "FILE-NUMBER": "file_number",
    "FILM NUMBER": "film_number", "FILM-NUMBER": "film_number",
}
ADDRESS_FIELDS = {
    "STREET 1": "street1", "STREET1": "street1", "STREET 2": "street2", "STREET2": "street2",
    "CITY": "city", "STATE": "state", "ZIP": "zip", "BUSINESS PHONE": "phone", "PHONE": "phone",
}
FORMER_FIELDS = {
    "FORMER CONFORMED NAME": "name", "FORMER-CONFORMED-NAME": "name",
    "DATE OF NAME CHANGE": "date_changed", "DATE-CHANGED": "date_changed",
}

_SIC = re.compile(r"^(.*?)\s*\[(\d*)\]\s*$")


class _Build:
    def __init__(self, source: SourceText, tagged: bool) -> None:
        self.source = source
        self.tagged = tagged
        self.span_in_line = source.span_in_line

    def text(self, field: RawField) -> Text | None:
        # field_text written out: most of a header's fields come through here
        value = field.value
        if not value:
            return None
        if field.line:
            return Text(value=value, span=self.span_in_line(
                field.value_start, field.value_end, field.line, field.start))
        return Text(value=value, span=self.source.span(field.value_start, field.value_end))

    def date(self, field: RawField) -> DateValue | None:
        if not field.value:
            return None
        return DateValue(
            value=parse_yyyymmdd(field.value),
            text=field.value,
            span=field_span(self.source, field, field.value_start, field.value_end),
        )

    def keep(self, field: RawField, known: bool) -> HeaderField:
        kept = HeaderField(
            label=field.label, value=field.value,
            span=field_span(self.source, field, field.value_start, field.value_end),
        )
        if not known:
            what = f"`<{field.label}>`" if field.tagged else f"`{field.label}:`"
            self.source.report(
                "unknown-header-label", f"unknown header field {what}",
                field_span(self.source, field, field.start, field.end), label="kept as it is",
            )
        return kept

    # -- blocks
    def company(self, group: RawGroup, extra: list[HeaderField]) -> CompanyData:
        values: dict[str, Text | None] = {}
        for field in self.fields(group, extra, COMPANY_FIELDS):
            key = COMPANY_FIELDS[field.label]
            if key == "sic":
                values.update(self.sic(field))
            else:
                values[key] = self.text(field)
        return CompanyData(**values)

    def sic(self, field: RawField) -> dict[str, Text | None]:
        m = _SIC.match(field.value)
        if not m:  # the tagged dialect and IMS-era headers give the number alone
            return {"sic_code": self.text(field)}
        desc, code = m.group(1).strip(), m.group(2)
        out: dict[str, Text | None] = {"sic_code": None, "sic_description": None}
        if code:
            at = self.source.text.find(code, field.value_start, field.end)
            out["sic_code"] = (field_text(self.source, field, code, at, at + len(code))
                               if at != -1 else None)
        if desc:
            out["sic_description"] = field_text(
                self.source, field, desc, field.value_start, field.value_start + len(desc)
            )
        return out

    def filing_values(self, group: RawGroup, extra: list[HeaderField]) -> FilingValues:
        values = {
            FILING_VALUE_FIELDS[f.label]: self.text(f)
            for f in self.fields(group, extra, FILING_VALUE_FIELDS)
        }
        return FilingValues(**values)

    def address(self, group: RawGroup, extra: list[HeaderField]) -> Address:
        values = {
            ADDRESS_FIELDS[f.label]: self.text(f) for f in self.fields(group, extra, ADDRESS_FIELDS)
        }
        return Address(**values)

    def former(self, group: RawGroup, extra: list[HeaderField]) -> FormerName:
        name = date = None
        for field in self.fields(group, extra, FORMER_FIELDS):
            if FORMER_FIELDS[field.label] == "name":
                name = self.text(field)
            else:
                date = self.date(field)
        return FormerName(name=name, date_changed=date)

    def fields(self, group: RawGroup, extra: list[HeaderField], known: dict[str, str]):
        for child in group.children:
            if isinstance(child, RawGroup):
                self.unknown_group(child, extra)
            elif child.label in known:
                yield child
            else:
                extra.append(self.keep(child, child.label in KNOWN_OTHER))

    def unknown_group(self, group: RawGroup, extra: list[HeaderField]) -> None:
        for child in group.children:
            if isinstance(child, RawGroup):
                self.unknown_group(child, extra)
            else:
                extra.append(self.keep(child, group.name in KNOWN_OTHER))

    def party(self, group: RawGroup) -> Party:
        extra: list[HeaderField] = []
        company = business = mail = None
        filing_values: list[FilingValues] = []
        former: list[FormerName] = []
        loose: list[RawField] = []
        for child in group.children:
            if isinstance(child, RawField):
                loose.append(child)
                continue
            kind = BLOCKS.get(child.name)
            if kind == "company":
                company = self.company(child, extra)
            elif kind == "filing_values":
                filing_values.append(self.filing_values(child, extra))
            elif kind == "business_address":
                business = self.address(child, extra)
            elif kind == "mail_address":
                mail = self.address(child, extra)
            elif kind == "former":
                former.append(self.former(child, extra))
            else:
                self.unknown_group(child, extra)
        for field in loose:
            extra.append(self.keep(field, field.label in KNOWN_OTHER))
        return Party(
            role=ROLES.get(group.name, group.name.lower().replace(" ", "-")),
            company=company, filing_values=filing_values, business_address=business,
            mail_address=mail, former_names=former, other_fields=extra,
            span=self.source.span(group.start, group.end),
        )


def declared_item(source: SourceText, field: RawField, era) -> DeclaredItem | None:
    if not field.value:
        return None
    key = item_vocab.key_for_title(field.value, era)
    return DeclaredItem(
        text=field_text(source, field, field.value, field.value_start, field.value_end),
        number=key,
        canonical=item_vocab.canonical(key) if key else None,
        era=item_vocab.era_of_key(key) if key else None,
    )


_ENVELOPE_ACCESSION = re.compile(r"^\s*(\S+?)(?:\.txt|\.hdr\.sgml)?\s*(?::|$)")
_DIGIT = re.compile(r"\d")
_SUFFIX = re.compile(r"\.(?:txt|hdr\.sgml)$")


def envelope_accessions(source: SourceText, lines: list[RawField]) -> list[Text]:
    """The accession numbers named on ``<SEC-DOCUMENT>acc.txt : date`` lines."""
    out = []
    for line in lines:
        m = _ENVELOPE_ACCESSION.match(line.value)
        if m and m.group(1) and _DIGIT.search(m.group(1)):
            name = m.group(1).rsplit("/", 1)[-1]  # 2000-era "/in/edgar/work/.../acc.txt"
            name = _SUFFIX.sub("", name)
            at = source.text.find(name, line.start, line.end)
            if at != -1:
                out.append(field_text(source, line, name, at, at + len(name)))
    return out


def build_header(source: SourceText, root: RawGroup, lines: list[RawField] | None = None) -> Header:
    tagged = any(
        (isinstance(c, RawField) and c.tagged and c.label != "ACCEPTANCE-DATETIME")
        or (isinstance(c, RawGroup) and c.tagged)
        for c in root.children
    )
    build = _Build(source, tagged)
    values: dict[str, object] = {}
    item_fields: list[RawField] = []
    parties: list[Party] = []
    extra: list[HeaderField] = []
    for child in root.children:
        if isinstance(child, RawGroup):
            if child.name in ROLES or child.name in BLOCKS:
                if child.name in BLOCKS:  # a block outside any role: treat as the filer's
                    child = RawGroup("FILER", [child], child.start, child.end, child.tagged)
                parties.append(build.party(child))
            else:
                build.unknown_group(child, extra)
            continue
        key = TOP_FIELDS.get(child.label)
        if key is None:
            extra.append(build.keep(child, child.label in KNOWN_OTHER))
        elif key == "items":
            item_fields.append(child)
        elif key in ("period_of_report", "filed_as_of", "date_of_change"):
            values[key] = build.date(child)
        elif key == "public_document_count":
            values[key] = int(child.value) if child.value.isdigit() else None
        elif key not in values:
            values[key] = build.text(child)

    # Titles shared by both eras resolve by the filing date's era.
    filed = values.get("filed_as_of") or values.get("period_of_report")
    era = item_vocab.era_of(filed.value) if isinstance(filed, DateValue) else None
    declared = [d for f in item_fields if (d := declared_item(source, f, era)) is not None]
    return Header(
        dialect="tagged" if tagged else "labelled",
        items=declared,
        blank_item_lines=sum(1 for f in item_fields if not f.value),
        parties=parties,
        other_fields=extra,
        envelope_accession_numbers=envelope_accessions(source, lines or []),
        span=source.span(root.start, root.end),
        **values,  # type: ignore[arg-type]
    )
