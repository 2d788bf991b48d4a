"""Cross-checks: header, cover page and inline-XBRL cover facts tell the same story.

Each pair is compared only where both sides have a well-formed value: a
malformed value is reported by its own shape rule, not twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Diagnostic, Span, Text
from ..vocab.normalize import file_number_key, irs_key, names_agree, state_code
from . import Context, rule
from .business_days import business_days_after

EXEMPT_FROM_DEADLINE = {"7.01", "8.01", "9.01"}  # furnished / voluntary (General Instr. B.1)


def _companies(ctx: Context):
    header = ctx.header
    return [p.company for p in header.parties if p.company is not None] if header else []


def _registrant_values(ctx: Context, field: str) -> list[Text]:
    cover = ctx.cover
    if cover is None:
        return []
    return [getattr(r, field) for r in cover.registrants if getattr(r, field) is not None]


def _pairs(ctx: Context, field: str, header_field: str, key) -> list[tuple[Text, Text]]:
    """(cover value, header value) pairs to compare. Co-registrants are paired
    by name, so one wrong number among several registrants is still seen; when
    no name pairs up, every cover value meets every header value."""
    cover, companies = ctx.cover, _companies(ctx)
    if cover is None or not companies:
        return []
    paired: list[tuple[Text, Text]] = []
    for registrant in cover.registrants:
        ours = getattr(registrant, field)
        if ours is None or key(ours.value) is None or registrant.name is None:
            continue
        for company in companies:
            theirs = getattr(company, header_field)
            if (
                company.name is not None and theirs is not None and key(theirs.value)
                and names_agree(registrant.name.value, company.name.value)
            ):
                paired.append((ours, theirs))
    return paired


def _mismatch(ctx: Context, name: str, what: str, ours: Text, theirs: Text | None,
              their_label: str, span: Span | None = None) -> Diagnostic:
    shown = theirs.value if theirs is not None else "?"
    return ctx.report(
        name, f"{what}: cover page `{ours.value}`, {their_label} `{shown}`",
        span or ours.span, label=f"cover page {what}",
        secondary=[(theirs.span if theirs else None, their_label)],
    )


@rule("registrant-name-mismatch")
def names(ctx: Context) -> Iterator[Diagnostic]:
    ours = _registrant_values(ctx, "name")
    theirs = [c.name for c in _companies(ctx) if c.name is not None]
    if ours and theirs and not any(names_agree(a.value, b.value) for a in ours for b in theirs):
        yield _mismatch(ctx, "registrant-name-mismatch", "registrant name", ours[0], theirs[0],
                        "header COMPANY CONFORMED NAME")
    xbrl = ctx.filing.xbrl_cover
    if ours and xbrl is not None and xbrl.registrant_name and xbrl.registrant_name.value:
        fact = xbrl.registrant_name
        if not any(names_agree(a.value, fact.value) for a in ours):
            yield ctx.report(
                "registrant-name-mismatch",
                f"registrant name: cover page `{ours[0].value}`, dei:EntityRegistrantName "
                f"`{fact.value}`", ours[0].span, label="cover page name",
                secondary=[(fact.span, "dei:EntityRegistrantName")],
            )


@rule("cik-mismatch")
def ciks(ctx: Context) -> Iterator[Diagnostic]:
    xbrl = ctx.filing.xbrl_cover
    theirs = [c.cik for c in _companies(ctx) if c.cik is not None]
    if xbrl is None or xbrl.cik is None or not xbrl.cik.value or not theirs:
        return
    fact = xbrl.cik
    if not any(t.value.lstrip("0") == fact.value.lstrip("0") for t in theirs):
        yield ctx.report(
            "cik-mismatch",
            f"dei:EntityCentralIndexKey `{fact.value}` is not a CIK of the submission's filers "
            f"({', '.join(t.value for t in theirs)})", fact.span, label="XBRL CIK",
            secondary=[(theirs[0].span, "header CIK")],
        )


def _known_irs(value: str) -> str | None:
    key = irs_key(value)
    return key if key and key.strip("0") else None  # 000000000: "unknown" in headers


@rule("irs-number-mismatch")
def irs_numbers(ctx: Context) -> Iterator[Diagnostic]:
    ours = [v for v in _registrant_values(ctx, "irs_number") if irs_key(v.value)]
    theirs = [c.irs_number for c in _companies(ctx)
              if c.irs_number is not None and _known_irs(c.irs_number.value)]
    paired = _pairs(ctx, "irs_number", "irs_number", _known_irs)
    for a, b in paired:
        if irs_key(a.value) != irs_key(b.value):
            yield _mismatch(ctx, "irs-number-mismatch", "IRS number", a, b, "header IRS NUMBER")
    if not paired and ours and theirs and not any(
        irs_key(a.value) == irs_key(b.value) for a in ours for b in theirs
    ):
        yield _mismatch(ctx, "irs-number-mismatch", "IRS number", ours[0], theirs[0],
                        "header IRS NUMBER")
    xbrl = ctx.filing.xbrl_cover
    tax_id = xbrl.tax_id if xbrl is not None else None
    if ours and tax_id is not None and irs_key(tax_id.value) and not any(
        irs_key(a.value) == irs_key(tax_id.value) for a in ours
    ):
        yield ctx.report(
            "irs-number-mismatch",
            f"IRS number: cover page `{ours[0].value}`, dei:EntityTaxIdentificationNumber "
            f"`{xbrl.tax_id.value}`", ours[0].span, label="cover page IRS number",
            secondary=[(xbrl.tax_id.span, "XBRL fact")],
        )


@rule("state-mismatch")
def states(ctx: Context) -> Iterator[Diagnostic]:
    ours = [v for v in _registrant_values(ctx, "state") if state_code(v.value)]
    theirs = [c.state_of_incorporation for c in _companies(ctx)
              if c.state_of_incorporation is not None]
    if ours and theirs:
        codes = {t.value.strip().upper() for t in theirs}
        if not any(state_code(a.value) in codes for a in ours):
            yield ctx.report(
                "state-mismatch",
                f"state of incorporation: cover page `{ours[0].value}` "
                f"({state_code(ours[0].value)}), header `{theirs[0].value}`",
                ours[0].span, label="cover page state",
                secondary=[(theirs[0].span, "header STATE OF INCORPORATION")],
            )
    xbrl = ctx.filing.xbrl_cover
    fact = xbrl.state_of_incorporation if xbrl is not None else None
    if ours and fact is not None and fact.value and len(fact.value) == 2:
        us_codes = {state_code(a.value) for a in ours}
        if fact.value.upper() not in us_codes:
            yield ctx.report(
                "state-mismatch",
                f"state of incorporation: cover page `{ours[0].value}`, "
                f"dei:EntityIncorporationStateCountryCode `{fact.value}`",
                ours[0].span, label="cover page state", secondary=[(fact.span, "XBRL fact")],
            )


@rule("file-number-mismatch")
def file_numbers(ctx: Context) -> Iterator[Diagnostic]:
    ours = [v for v in _registrant_values(ctx, "file_number") if file_number_key(v.value)]
    header = ctx.header
    theirs = [fv.file_number for p in (header.parties if header else []) for fv in p.filing_values
              if fv.file_number is not None and file_number_key(fv.file_number.value)]
    if ours and theirs:
        keys = {file_number_key(t.value) for t in theirs}
        if not any(file_number_key(a.value) in keys for a in ours):
            serial = {k.split("-")[1] for k in keys if k}
            note = ("the serial is the same and the prefix differs: the registration moved "
                    "between Section 12(g) and 12(b)"
                    if any((file_number_key(a.value) or "-").split("-")[1] in serial
                           for a in ours) else None)
            yield ctx.report(
                "file-number-mismatch",
                f"commission file number: cover page `{ours[0].value}`, header "
                f"`{theirs[0].value}`", ours[0].span, label="cover page file number",
                secondary=[(theirs[0].span, "header SEC FILE NUMBER")], note=note,
            )
    xbrl = ctx.filing.xbrl_cover
    fact = xbrl.file_number if xbrl is not None else None
    if ours and fact is not None and file_number_key(fact.value) and not any(
        file_number_key(a.value) == file_number_key(fact.value) for a in ours
    ):
        yield ctx.report(
            "file-number-mismatch",
            f"commission file number: cover page `{ours[0].value}`, dei:EntityFileNumber "
            f"`{fact.value}`", ours[0].span, label="cover page file number",
            secondary=[(fact.span, "XBRL fact")],
        )


@rule("report-date-mismatch")
def report_dates(ctx: Context) -> Iterator[Diagnostic]:
    cover, header = ctx.cover, ctx.header
    ours = cover.date_of_report if cover is not None else None
    if ours is None or ours.value is None:
        return
    period = header.period_of_report if header is not None else None
    if period is not None and period.value is not None and period.value != ours.value:
        yield ctx.report(
            "report-date-mismatch",
            f"date of report {ours.value} differs from the header's period of report "
            f"{period.value}", ours.span, label="cover page date of report",
            secondary=[(period.span, "CONFORMED PERIOD OF REPORT")],
        )
    xbrl = ctx.filing.xbrl_cover
    fact = xbrl.period_end_date if xbrl is not None else None
    if fact is not None and fact.value and fact.value != ours.value.isoformat():
        yield ctx.report(
            "report-date-mismatch",
            f"date of report {ours.value} differs from dei:DocumentPeriodEndDate {fact.value}",
            ours.span, label="cover page date of report", secondary=[(fact.span, "XBRL fact")],
        )


@rule("late-filing")
def late(ctx: Context) -> Iterator[Diagnostic]:
    from .cover_rules import BOXES_FROM

    event, filed = ctx.event, ctx.filed
    if event is None or filed is None or event < BOXES_FROM or ctx.amendment:
        return
    items = {i.canonical or i.key for i in ctx.filing.items if not i.not_applicable}
    if not items or items <= EXEMPT_FROM_DEADLINE:
        return
    days = business_days_after(event, filed)
    if days > 4:
        cover = ctx.cover
        span = cover.date_of_report.span if cover and cover.date_of_report else None
        yield ctx.report(
            "late-filing",
            f"filed {filed}, {days} business days after the event of {event} (the limit is 4)",
            span, label="date of the event",
            secondary=[(ctx.header.filed_as_of.span if ctx.header and ctx.header.filed_as_of
                        else None, "FILED AS OF DATE")],
            note="weekends and US federal holidays do not count; Items 7.01 and 8.01 and "
                 "amendments are exempt",
        )


@rule("amendment-mismatch")
def amendment(ctx: Context) -> Iterator[Diagnostic]:
    header, cover = ctx.header, ctx.cover
    if header is None or header.submission_type is None or cover is None:
        return
    if cover.form_type is None:
        return
    declared = header.submission_type.value.upper().endswith("/A")
    if declared != cover.amendment:
        said = "an amendment" if cover.amendment else "not an amendment"
        yield ctx.report(
            "amendment-mismatch",
            f"the submission type is `{header.submission_type.value}` but the cover page says "
            f"{said} (`FORM {cover.form_type.value}`)",
            cover.form_type.span, label="form named on the cover",
            secondary=[(header.submission_type.span, "submission type")],
        )
