"""Cover page rules: elements required by era, and the shape of its values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..model import Diagnostic, Span, Text
from ..vocab.normalize import file_number_key
from ..vocab.shapes import NOTHING
from . import Context, rule

BOXES_FROM = dt.date(2004, 8, 23)
EGC_FROM = dt.date(2017, 4, 12)
TABLE_12B_FROM = dt.date(2019, 5, 2)

# what else filers write for an empty value, besides "None" / "Not applicable"
OTHER_EMPTY = re.compile(r"^\W*(?:na|applied\s+for|pending|inapplicable|—|-+)\W*$",
                         re.IGNORECASE)
IRS = re.compile(r"^\d{2}-\d{7}$")
FILE_NUMBER = re.compile(r"^(?:\d{1,3}|I)-\d{1,6}(?:-\d{1,3})?$")
_FILE_NUMBERS_APART = re.compile(r"\s*(?:,|;|\band\b|\s{2,})\s*")
_EXTENSION = re.compile(r"(?i)\b(?:x|ext\.?|extension)\b")
_NON_DIGIT = re.compile(r"\D")
# "(404) 555-1234", "404-555-1234", "404.555.1234": ten digits and nothing else, so
# well formed (most telephone numbers; told by one match)
_PLAIN_PHONE = re.compile(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}")


def _end_of_cover(ctx: Context) -> Span | None:
    cover = ctx.cover
    if cover is None or cover.span is None:
        return None
    return ctx.point(cover.span.end)


def _cover_applies(ctx: Context) -> bool:
    return ctx.cover is not None and ctx.day is not None and bool(ctx.cover.registrants)


@rule("missing-cover-page")
def cover_missing(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.layout is None or ctx.cover is not None:
        return
    index = ctx.filing.body_document
    body = ctx.filing.documents[index] if index is not None else None
    span = body.content_span if body is not None else None
    yield ctx.report(
        "missing-cover-page", "the 8-K text has no recognisable cover page",
        ctx.point(span.start) if span else None, label="expected FORM 8-K and the cover here",
    )


@rule("missing-check-boxes")
def check_boxes(ctx: Context) -> Iterator[Diagnostic]:
    if not _cover_applies(ctx) or ctx.day < BOXES_FROM or ctx.cover.check_boxes:  # type: ignore[operator,union-attr]
        return
    yield ctx.report(
        "missing-check-boxes",
        f"the cover page of an 8-K filed on {ctx.day} lacks the four Rule 425 / 14a-12 / "
        "14d-2(b) / 13e-4(c) check boxes",
        _end_of_cover(ctx), label="expected the check boxes by here",
    )


@rule("missing-egc")
def egc(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if not _cover_applies(ctx) or ctx.day < EGC_FROM:  # type: ignore[operator]
        return
    if cover.emerging_growth_company is not None or cover.extended_transition_period is not None:  # type: ignore[union-attr]
        return
    yield ctx.report(
        "missing-egc",
        f"the cover page of an 8-K filed on {ctx.day} lacks the emerging growth company box",
        _end_of_cover(ctx), label="expected the emerging growth company box by here",
    )


def _section_12b_registrant(ctx: Context) -> bool:
    numbers = [r.file_number.value for r in ctx.cover.registrants if r.file_number]  # type: ignore[union-attr]
    if ctx.header is not None:
        numbers += [fv.file_number.value for p in ctx.header.parties for fv in p.filing_values
                    if fv.file_number]
    return any((file_number_key(n) or "").startswith("001-") for n in numbers)


@rule("missing-12b-table")
def table_12b(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if not _cover_applies(ctx) or ctx.day < TABLE_12B_FROM:  # type: ignore[operator]
        return
    if cover.securities_12b_section or cover.securities_12b or not _section_12b_registrant(ctx):  # type: ignore[union-attr]
        return
    yield ctx.report(
        "missing-12b-table",
        "the cover page lacks the Section 12(b) table of a registrant with securities "
        "registered under Section 12(b)",
        _end_of_cover(ctx), label="expected \"Securities registered pursuant to Section 12(b)\"",
        note="the commission file number starts with 1- or 001-: a Section 12(b) registration",
    )


def _values(ctx: Context, field: str) -> Iterator[Text]:
    if ctx.cover is None:
        return
    for registrant in ctx.cover.registrants:
        value = getattr(registrant, field)
        if value is not None and not (NOTHING.match(value.value) or OTHER_EMPTY.match(value.value)):
            yield value


@rule("malformed-irs-number")
def irs_shape(ctx: Context) -> Iterator[Diagnostic]:
    for value in _values(ctx, "irs_number"):
        if not IRS.match(value.value.replace(" ", "")):
            yield ctx.report(
                "malformed-irs-number",
                f"IRS employer identification number `{value.value}` is not NN-NNNNNNN",
                value.span, label="expected two digits, a hyphen and seven digits",
            )


@rule("malformed-file-number")
def file_number_shape(ctx: Context) -> Iterator[Diagnostic]:
    for value in _values(ctx, "file_number"):
        if FILE_NUMBER.match(value.value):
            continue  # one well-formed number (most values): no pieces to look at
        pieces = [p for p in _FILE_NUMBERS_APART.split(value.value) if p]
        bad = [p for p in pieces if not FILE_NUMBER.match(p.strip())]
        if bad:
            yield ctx.report(
                "malformed-file-number",
                f"commission file number `{bad[0]}` has an odd shape", value.span,
                label="expected a prefix and a serial, such as 0-23741 or 001-40700",
            )


@rule("malformed-phone")
def phone_shape(ctx: Context) -> Iterator[Diagnostic]:
    for value in _values(ctx, "phone"):
        if _PLAIN_PHONE.fullmatch(value.value):
            continue
        main = _EXTENSION.split(value.value)[0]
        digits = _NON_DIGIT.sub("", main)
        if digits.startswith("1") and len(digits) == 11:
            digits = digits[1:]
        foreign = value.value.lstrip().startswith("+") or "011" in digits[:3]
        if len(digits) != 10 and not (foreign and len(digits) >= 8):
            yield ctx.report(
                "malformed-phone",
                f"telephone number `{value.value}` has {len(digits)} digits", value.span,
                label="expected ten digits with the area code",
            )


@rule("malformed-report-date")
def report_date_shape(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if cover is None or cover.date_of_report is None or cover.date_of_report.value is not None:
        return
    yield ctx.report(
        "malformed-report-date",
        f"date of report `{cover.date_of_report.text}` is not a real date",
        cover.date_of_report.span, label="not a calendar date",
    )


def _amendment_to_report(ctx: Context) -> bool:
    """The 1990s "AMENDMENT TO REPORT" cover (amending a report "dated ..."), which
    has no Date of Report of its own."""
    body = ctx.body
    return body is not None and any(
        "amendment to report" in line.text.lower()
        or "amendment to application or report" in line.text.lower()
        for line in body.front[:40]
    )


@rule("missing-report-date")
def report_date_missing(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if cover is None or cover.date_of_report is not None or not cover.registrants:
        return
    if _amendment_to_report(ctx):
        return
    yield ctx.report(
        "missing-report-date", "the cover page has no date of report", ctx.point(
            cover.span.start) if cover.span else None,
        label="expected \"Date of Report (Date of earliest event reported)\" on this cover",
    )
