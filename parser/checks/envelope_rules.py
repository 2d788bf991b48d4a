"""Envelope and header rules: document type, accession numbers, dates, CIKs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..model import DateValue, Diagnostic
from . import Context, rule

ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
CIK = re.compile(r"^\d{10}$")


@rule("document-type-mismatch")
def document_type(ctx: Context) -> Iterator[Diagnostic]:
    header, docs = ctx.header, ctx.filing.documents
    if header is None or header.submission_type is None or not docs or docs[0].type is None:
        return
    declared, first = header.submission_type.value.upper(), docs[0].type.value.upper()
    if declared.replace(" ", "") != first.replace(" ", ""):
        yield ctx.report(
            "document-type-mismatch",
            f"the first document is `{docs[0].type.value}` but the submission type is "
            f"`{header.submission_type.value}`",
            docs[0].type.span, label="first document's type",
            secondary=[(header.submission_type.span, "submission type")],
        )


@rule("accession-mismatch")
def accession(ctx: Context) -> Iterator[Diagnostic]:
    header = ctx.header
    if header is None or header.accession_number is None:
        return
    number = header.accession_number.value
    for named in header.envelope_accession_numbers:
        if named.value != number:
            yield ctx.report(
                "accession-mismatch",
                f"the envelope line names `{named.value}` but the header's accession number "
                f"is `{number}`",
                named.span, label="named here",
                secondary=[(header.accession_number.span, "ACCESSION NUMBER")],
            )
            return


@rule("malformed-accession-number")
def accession_shape(ctx: Context) -> Iterator[Diagnostic]:
    header = ctx.header
    if header is None or header.accession_number is None:
        return
    if not ACCESSION.match(header.accession_number.value):
        yield ctx.report(
            "malformed-accession-number",
            f"accession number `{header.accession_number.value}` is not NNNNNNNNNN-NN-NNNNNN",
            header.accession_number.span, label="expected 10, 2 and 6 digits",
        )


def _dates(ctx: Context) -> Iterator[tuple[str, DateValue]]:
    header = ctx.header
    if header is None:
        return
    for label, value in (
        ("CONFORMED PERIOD OF REPORT", header.period_of_report),
        ("FILED AS OF DATE", header.filed_as_of),
        ("DATE AS OF CHANGE", header.date_of_change),
    ):
        if value is not None:
            yield label, value
    for party in header.parties:
        for former in party.former_names:
            if former.date_changed is not None:
                yield "DATE OF NAME CHANGE", former.date_changed


@rule("malformed-header-date")
def header_dates(ctx: Context) -> Iterator[Diagnostic]:
    for label, value in _dates(ctx):
        if value.value is None:
            yield ctx.report(
                "malformed-header-date",
                f"{label} `{value.text}` is not a valid YYYYMMDD date",
                value.span, label="not a calendar date",
            )
    header = ctx.header
    if header is not None and header.acceptance_datetime is not None:
        text = header.acceptance_datetime.value
        # what strptime("%Y%m%d%H%M%S") accepts of 14 digits (ASCII ones: its
        # patterns take no other), where every field must take two (the year four),
        # at a tenth of its cost
        ok = len(text) == 14 and text.isdigit() and text.isascii()
        if ok:
            try:
                dt.datetime(int(text[:4]), int(text[4:6]), int(text[6:8]), int(text[8:10]),
                            int(text[10:12]), int(text[12:14]))
            except ValueError:
                ok = False
        if not ok:
            yield ctx.report(
                "malformed-header-date",
                f"ACCEPTANCE-DATETIME `{text}` is not YYYYMMDDhhmmss",
                header.acceptance_datetime.span, label="not a date and time",
            )


@rule("malformed-cik")
def cik_shape(ctx: Context) -> Iterator[Diagnostic]:
    header = ctx.header
    if header is None:
        return
    for party in header.parties:
        cik = party.company.cik if party.company else None
        if cik is not None and not CIK.match(cik.value):
            yield ctx.report(
                "malformed-cik", f"CIK `{cik.value}` is not ten digits", cik.span,
                label="expected ten digits, zero-padded",
            )
