"""A filing as rows of normalised tables, for analysis.

Six tables: ``filings`` (one row a file), ``filers`` (header role blocks),
``items``, ``exhibits``, ``signatures`` and ``diagnostics``. Every row carries
``key``, the input document it came from (the file, or ``archive!member``), so
the key is unique per input document and joins between tables never multiply
rows (two files of one accession, a ``-sub.txt`` and its ``-8k.htm``, are two
keys). The accession number is a column of ``filings``. Child rows carry ``n``,
their order within the filing, so any output sorts back into the order of a
single-process run.

``items.text`` is the body of each item as the parser found it, whitespace
normalised: runs of spaces, tabs and wrapped lines become one space, and a
paragraph break (one or more blank lines) becomes one newline. Table rows
without a blank line between them therefore join into one paragraph.
Items under one combined heading ("Items 2.02 and 9.01") share one text.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Diagnostic, Filing, Span, Text

Row = dict[str, Any]

# column -> type ("str", "int", "bool", "date"), per table; order is output order
COLUMNS: dict[str, dict[str, str]] = {
    "filings": {
        "key": "str", "source": "str", "accession_number": "str", "submission_type": "str",
        "form_type": "str", "amendment": "bool", "date_of_report": "date",
        "period_of_report": "date", "filed_as_of": "date", "acceptance_datetime": "str",
        "cik": "str", "company_name": "str", "registrant_name": "str", "state": "str",
        "file_number": "str", "irs_number": "str", "address": "str", "zip": "str",
        "phone": "str", "registrant_count": "int", "reported_items": "str",
        "declared_items": "str", "exhibit_count": "int", "signature_count": "int",
        "document_count": "int",
        "emerging_growth_company": "bool", "shape": "str", "encoding": "str", "size": "int",
        "errors": "int", "warnings": "int", "infos": "int",
    },
    "filers": {
        "key": "str", "n": "int", "role": "str", "name": "str", "cik": "str",
        "sic_code": "str", "sic_description": "str", "irs_number": "str",
        "state_of_incorporation": "str", "fiscal_year_end": "str", "form_type": "str",
        "file_number": "str", "film_number": "str", "city": "str", "state": "str", "zip": "str",
        "phone": "str",
    },
    "items": {
        "key": "str", "n": "int", "item": "str", "canonical": "str",
        "era": "str", "number_as_written": "str", "title": "str", "title_as_written": "str",
        "not_applicable": "bool", "combined": "bool", "text_chars": "int", "line": "int",
        "rendered_line": "int", "text": "str",
    },
    "exhibits": {
        "key": "str", "n": "int", "number": "str", "description": "str",
        "document_type": "str", "document_sequence": "str", "incorporated_by_reference": "bool",
        "listed_in": "str", "line": "int", "rendered_line": "int",
    },
    "signatures": {
        "key": "str", "n": "int", "registrant": "str", "name": "str",
        "title": "str", "date": "date", "conformed": "bool", "line": "int",
        "rendered_line": "int",
    },
    "diagnostics": {
        "key": "str", "n": "int", "code": "str", "name": "str",
        "severity": "str", "message": "str", "line": "int", "column": "int",
        "rendered_line": "int",
    },
}
TABLES = tuple(COLUMNS)
CHILD_TABLES = TABLES[1:]


def schema(fields: list[str] | None = None, item_text: bool = True) -> dict[str, dict[str, str]]:
    """The columns an extract has: ``fields`` picks the filings columns (``key``
    is always kept, first: it is what the other tables join on); without
    ``item_text`` the items table has no ``text`` column."""
    out = dict(COLUMNS)
    if fields:
        chosen = ["key", *(f for f in fields if f != "key")]
        out["filings"] = {f: COLUMNS["filings"][f] for f in chosen}
    if not item_text:
        out["items"] = {c: t for c, t in COLUMNS["items"].items() if c != "text"}
    return out


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def normalise_text(value: str) -> str:
    """Runs of whitespace to one space; paragraph breaks (blank lines) to one newline."""
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(value))
    return "\n".join(p for p in paragraphs if p)


def _v(value: Text | None) -> str | None:
    return " ".join(value.value.split()) if value is not None else None


def _date(value) -> str | None:
    return value.value.isoformat() if value is not None and value.value is not None else None


def rows(filing: Filing, source: str, diagnostics: list[Diagnostic] | None = None, *,
         item_text: bool = True) -> dict[str, list[Row]]:
    """The rows of every table for one filing (``diagnostics`` defaults to the
    filing's own; pass the validator's to include its findings)."""
    key = source
    found = filing.diagnostics if diagnostics is None else diagnostics
    header, cover = filing.header, filing.cover
    first = cover.registrants[0] if cover and cover.registrants else None
    company = next((p.company for p in header.parties if p.company), None) if header else None
    counts = {s: sum(d.severity == s for d in found) for s in ("error", "warning", "info")}
    filing_row: Row = {
        "key": key,
        "source": source,
        "accession_number": _v(header.accession_number) if header else None,
        "submission_type": _v(header.submission_type) if header else None,
        "form_type": _v(cover.form_type) if cover else None,
        "amendment": cover.amendment if cover else None,
        "date_of_report": _date(cover.date_of_report) if cover else None,
        "period_of_report": _date(header.period_of_report) if header else None,
        "filed_as_of": _date(header.filed_as_of) if header else None,
        "acceptance_datetime": _v(header.acceptance_datetime) if header else None,
        "cik": _v(company.cik) if company else None,
        "company_name": _v(company.name) if company else None,
        "registrant_name": _v(first.name) if first else None,
        "state": _v(first.state) if first else None,
        "file_number": _v(first.file_number) if first else None,
        "irs_number": _v(first.irs_number) if first else None,
        "address": _v(first.address) if first else None,
        "zip": _v(first.zip) if first else None,
        "phone": _v(first.phone) if first else None,
        "registrant_count": len(cover.registrants) if cover else 0,
        "reported_items": ",".join(i.key for i in filing.items if not i.not_applicable),
        "declared_items": ",".join(i.number or "?" for i in header.items) if header else None,
        "exhibit_count": len(filing.exhibits),
        "signature_count": len(filing.signatures),
        "document_count": len(filing.documents),
        "emerging_growth_company": cover.emerging_growth_company.checked
        if cover and cover.emerging_growth_company else None,
        "shape": filing.source.shape,
        "encoding": filing.source.encoding,
        "size": filing.source.size,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }
    out: dict[str, list[Row]] = {table: [] for table in TABLES}
    out["filings"].append(filing_row)
    for n, party in enumerate(header.parties if header else []):
        c = party.company
        values = party.filing_values[0] if party.filing_values else None
        address = party.business_address
        out["filers"].append({
            "key": key, "n": n, "role": party.role,
            "name": _v(c.name) if c else None, "cik": _v(c.cik) if c else None,
            "sic_code": _v(c.sic_code) if c else None,
            "sic_description": _v(c.sic_description) if c else None,
            "irs_number": _v(c.irs_number) if c else None,
            "state_of_incorporation": _v(c.state_of_incorporation) if c else None,
            "fiscal_year_end": _v(c.fiscal_year_end) if c else None,
            "form_type": _v(values.form_type) if values else None,
            "file_number": _v(values.file_number) if values else None,
            "film_number": _v(values.film_number) if values else None,
            "city": _v(address.city) if address else None,
            "state": _v(address.state) if address else None,
            "zip": _v(address.zip) if address else None,
            "phone": _v(address.phone) if address else None,
        })
    texts: dict[int, str] = {}  # items of one combined heading share one body
    for n, item in enumerate(filing.items):
        body = item.body
        text = None
        if body is not None:
            text = texts.get(id(body))
            if text is None:
                text = texts[id(body)] = normalise_text(body.value)
        row = {
            "key": key, "n": n, "item": item.key,
            "canonical": item.canonical, "era": item.era,
            "number_as_written": item.number.value, "title": item.title,
            "title_as_written": _v(item.title_as_written),
            "not_applicable": item.not_applicable, "combined": item.combined,
            "text_chars": len(text) if text else 0,
            **_lines(item.heading.span),
        }
        if item_text:
            row["text"] = text
        out["items"].append(row)
    for n, exhibit in enumerate(filing.exhibits):
        doc = filing.documents[exhibit.document] if exhibit.document is not None else None
        out["exhibits"].append({
            "key": key, "n": n, "number": exhibit.number.value,
            "description": _v(exhibit.description),
            "document_type": _v(doc.type) if doc else None,
            "document_sequence": _v(doc.sequence) if doc else None,
            "incorporated_by_reference": exhibit.incorporated_by_reference,
            "listed_in": exhibit.source,
            **_lines(exhibit.number.span),
        })
    for n, s in enumerate(filing.signatures):
        out["signatures"].append({
            "key": key, "n": n, "registrant": _v(s.registrant),
            "name": _v(s.name), "title": _v(s.title), "date": _date(s.date),
            "conformed": s.conformed, **_lines(s.span),
        })
    for n, d in enumerate(found):
        out["diagnostics"].append({
            "key": key, "n": n, "code": d.code, "name": d.name,
            "severity": d.severity, "message": d.message,
            **_lines(d.span), "column": d.span.column if d.span else None,
        })
    return out


def _lines(span: Span | None) -> dict[str, int | None]:
    """Where a value or problem is: its line in the file, and for an HTML document
    its line in the rendered text (as ``eightk check`` and ``show`` print both)."""
    if span is None:
        return {"line": None, "rendered_line": None}
    return {"line": span.line, "rendered_line": span.rendered_line}


def failure_rows(source: str, diagnostic: Diagnostic) -> dict[str, list[Row]]:
    """Rows for a file that could not be parsed at all (unreadable, timed out)."""
    out: dict[str, list[Row]] = {table: [] for table in TABLES}
    out["diagnostics"].append({
        "key": source, "n": 0, "code": diagnostic.code,
        "name": diagnostic.name, "severity": diagnostic.severity,
        "message": diagnostic.message, "line": None, "column": None, "rendered_line": None,
    })
    return out


def select(row: Row, columns: dict[str, str]) -> Row:
    """``row`` with exactly ``columns``, in their order."""
    return {c: row.get(c) for c in columns}
