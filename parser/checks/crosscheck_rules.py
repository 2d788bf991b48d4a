"""Cross-checks: header, cover page and inline-XBRL cover facts tell the same story.

Each pair is compared only where both sides have a well-formed value: a
malformed value is reported by its own shape rule, not twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Diagnostic, Party, Registrant, Span, Text, XbrlFact
from ..vocab.normalize import file_number_key, irs_key, state_code
from . import Context, rule
from .business_days import business_days_after
from .cover_rules import BOXES_FROM

EXEMPT_FROM_DEADLINE = {"7.01", "8.01", "9.01"}  # furnished / voluntary (General Instr. B.1)


def _registrant_values(ctx: Context, field: str) -> list[Text]:
    cover = ctx.cover
    if cover is None:
        return []
    return [getattr(r, field) for r in cover.registrants if getattr(r, field) is not None]


def _pairs(ctx: Context, field: str, header_field: str, key) -> list[tuple[Text, Text]]:
    """(cover value, header value) pairs to compare. Co-registrants are paired
    by name, so one wrong number among several registrants is still seen; when
    no name pairs up, every cover value meets every header value."""
    cover, companies = ctx.cover, ctx.companies
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
                and ctx.names_agree(registrant.name.value, company.name.value)
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
    theirs = [c.name for c in ctx.companies if c.name is not None]
    if ours and theirs and not any(ctx.names_agree(a.value, b.value) for a in ours for b in theirs):
        yield _mismatch(ctx, "registrant-name-mismatch", "registrant name", ours[0], theirs[0],
                        "header COMPANY CONFORMED NAME")
    xbrl = ctx.filing.xbrl_cover
    if ours and xbrl is not None and xbrl.registrant_name and xbrl.registrant_name.value:
        fact = xbrl.registrant_name
        if not any(ctx.names_agree(a.value, fact.value) for a in ours):
            yield ctx.report(
                "registrant-name-mismatch",
                f"registrant name: cover page `{ours[0].value}`, dei:EntityRegistrantName "
                f"`{fact.value}`", ours[0].span, label="cover page name",
                secondary=[(fact.span, "dei:EntityRegistrantName")],
            )


@rule("cik-mismatch")
def ciks(ctx: Context) -> Iterator[Diagnostic]:
    xbrl = ctx.filing.xbrl_cover
    theirs = [c.cik for c in ctx.companies if c.cik is not None]
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
    companies = ctx.companies
    xbrl = ctx.filing.xbrl_cover
    tax_id = xbrl.tax_id if xbrl is not None else None
    if not companies and tax_id is None:
        return  # nothing to compare the cover's numbers with (a bare 8-K without XBRL)
    ours = [v for v in _registrant_values(ctx, "irs_number") if irs_key(v.value)]
    theirs = [c.irs_number for c in companies
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
    if ours and tax_id is not None and irs_key(tax_id.value) and not any(
        irs_key(a.value) == irs_key(tax_id.value) for a in ours
    ):
        yield ctx.report(
            "irs-number-mismatch",
            f"IRS number: cover page `{ours[0].value}`, dei:EntityTaxIdentificationNumber "
            f"`{tax_id.value}`", ours[0].span, label="cover page IRS number",
            secondary=[(tax_id.span, "XBRL fact")],
        )


@rule("state-mismatch")
def states(ctx: Context) -> Iterator[Diagnostic]:
    theirs = [c.state_of_incorporation for c in ctx.companies
              if c.state_of_incorporation is not None]
    xbrl = ctx.filing.xbrl_cover
    fact = xbrl.state_of_incorporation if xbrl is not None else None
    if not theirs and fact is None:
        return  # nothing to compare the cover's states with
    ours = [v for v in _registrant_values(ctx, "state") if state_code(v.value)]
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
    # each value with its key, keyed once
    header = ctx.header
    theirs = [(fv.file_number, k) for p in (header.parties if header else [])
              for fv in p.filing_values
              if fv.file_number is not None and (k := file_number_key(fv.file_number.value))]
    xbrl = ctx.filing.xbrl_cover
    fact = xbrl.file_number if xbrl is not None else None
    if not theirs and fact is None:
        return  # nothing to compare the cover's numbers with
    ours = [(v, k) for v in _registrant_values(ctx, "file_number")
            if (k := file_number_key(v.value))]
    if ours and theirs:
        keys = {k for _, k in theirs}
        if not any(k in keys for _, k in ours):
            serial = {k.split("-")[1] for k in keys}
            note = ("the serial is the same and the prefix differs: the registration moved "
                    "between Section 12(g) and 12(b)"
                    if any(k.split("-")[1] in serial for _, k in ours) else None)
            first, their_first = ours[0][0], theirs[0][0]
            yield ctx.report(
                "file-number-mismatch",
                f"commission file number: cover page `{first.value}`, header "
                f"`{their_first.value}`", first.span, label="cover page file number",
                secondary=[(their_first.span, "header SEC FILE NUMBER")], note=note,
            )
    if not ours or fact is None:
        return
    fact_key = file_number_key(fact.value)
    if fact_key and not any(k == fact_key for _, k in ours):
        first = ours[0][0]
        yield ctx.report(
            "file-number-mismatch",
            f"commission file number: cover page `{first.value}`, dei:EntityFileNumber "
            f"`{fact.value}`", first.span, label="cover page file number",
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


# ------------------------------------------------------------------ registrants
#
# A combined 8-K (a holding company and its utilities) is filed once by several
# registrants: the header has a FILER block for each, the cover page a block of
# values for each (a row block of its table), and the inline XBRL tags each
# co-registrant's cover facts under a member of dei:LegalEntityAxis.

# field, words, the header's CompanyData attribute, the dei element
_REGISTRANT_FIELDS = (
    ("state", "state of incorporation", "state_of_incorporation",
     "dei:EntityIncorporationStateCountryCode"),
    ("file_number", "commission file number", None, "dei:EntityFileNumber"),
    ("irs_number", "IRS employer identification number", "irs_number",
     "dei:EntityTaxIdentificationNumber"),
)


def _filers(ctx: Context) -> list[Party]:
    """The header's FILER blocks, one per CIK (a subject company or a filed-by
    block is no registrant of the report)."""
    header = ctx.header
    if header is None:
        return []
    out: list[Party] = []
    seen: set[str] = set()
    for party in header.parties:
        company = party.company
        if party.role != "filer" or company is None:
            continue
        key = company.cik.value.lstrip("0") if company.cik else str(len(out))
        if key not in seen:
            seen.add(key)
            out.append(party)
    return out


def _xbrl_registrants(ctx: Context) -> list[dict[str, XbrlFact]]:
    """The registrants the inline XBRL names, each as its dei facts by element: the
    entity's own (no legal-entity member) and one per dei:LegalEntityAxis member
    that has a dei:EntityRegistrantName."""
    xbrl = ctx.filing.xbrl_cover
    if xbrl is None:
        return []
    groups: dict[str | None, dict[str, XbrlFact]] = {}
    for fact in xbrl.facts:
        if fact.member is None:  # not a class of stock's (12(b) row) fact
            groups.setdefault(fact.entity, {}).setdefault(fact.name, fact)
    return [g for g in groups.values()
            if g.get("dei:EntityRegistrantName") and g["dei:EntityRegistrantName"].value]


def _name_of(group: dict[str, XbrlFact]) -> str:
    return group["dei:EntityRegistrantName"].value or ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@rule("registrant-count-mismatch")
def registrant_count(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if cover is None or not cover.registrants:
        return
    filers, tagged = _filers(ctx), _xbrl_registrants(ctx)
    named = cover.registrants
    cover_short = len(named) < max(len(filers), len(tagged))
    xbrl_short = bool(tagged) and len(tagged) < len(filers)
    # A cover naming more registrants than the header files for is not reported:
    # asset-backed 8-Ks name a sponsor, and guarantors are named beside them.
    if not cover_short and not xbrl_short:
        return
    said = [f"the cover page names {_plural(len(named), 'registrant')}"]
    if filers:
        said.append(f"the header {_plural(len(filers), 'filer')}")
    if tagged:
        said.append(f"the inline XBRL {_plural(len(tagged), 'registrant')} "
                    "(dei:EntityRegistrantName)")
    secondary: list[tuple[Span | None, str]] = []
    names = [r.name.value for r in named if r.name is not None]
    for party in filers:
        theirs = party.company.name if party.company else None
        if theirs is not None and not any(ctx.names_agree(n, theirs.value) for n in names):
            secondary.append((theirs.span, "a filer the cover page does not name"))
    for group in tagged:
        fact = group["dei:EntityRegistrantName"]
        if not any(ctx.names_agree(n, fact.value) for n in names):
            secondary.append((fact.span, "a registrant the cover page does not name"))
    first = named[0]
    span = (first.name.span if first.name is not None else None) or cover.span
    yield ctx.report(
        "registrant-count-mismatch", "registrants: " + ", ".join(said), span,
        label="the cover page's registrants start here", secondary=secondary[:3],
    )


def _paired(ctx: Context, registrant: Registrant, count: int, candidates: list,
            name_of) -> object | None:
    """The header filer (or XBRL registrant) that is this cover registrant: by name,
    or the only one when the cover names one registrant."""
    if registrant.name is not None:
        for candidate in candidates:
            if ctx.names_agree(registrant.name.value, name_of(candidate)):
                return candidate
    return candidates[0] if count == 1 and len(candidates) == 1 else None


def _known(ctx: Context, registrant: Registrant, count: int, field: str, header_attr: str | None,
           dei: str) -> tuple[str, Text | XbrlFact, str] | None:
    """Where a field the cover page leaves out for ``registrant`` is given: (value,
    the value's object, where) from the header's filer or the inline XBRL."""
    filers = _filers(ctx)
    party = _paired(ctx, registrant, count, filers,
                    lambda p: p.company.name.value if p.company and p.company.name else "")
    if party is not None:
        if header_attr is not None and party.company is not None:
            value = getattr(party.company, header_attr)
            if value is not None and value.value.strip("0 "):
                return value.value, value, f"header {header_attr.upper().replace('_', ' ')}"
        if field == "file_number" and party.filing_values:
            value = party.filing_values[0].file_number
            if value is not None and value.value:
                return value.value, value, "header SEC FILE NUMBER"
    group = _paired(ctx, registrant, count, _xbrl_registrants(ctx), _name_of)
    if group is not None:
        fact = group.get(dei)  # type: ignore[union-attr]
        if fact is not None and fact.value:
            return fact.value, fact, dei
    return None


def _registrant_span(registrant: Registrant, cover) -> Span | None:
    spans = [getattr(registrant, f).span for f in ("name", "address", "phone", "zip")
             if getattr(registrant, f) is not None]
    return next((s for s in spans if s is not None), cover.span)


@rule("registrant-fields-missing")
def registrant_fields(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    if cover is None or not cover.registrants:
        return
    registrants = cover.registrants
    count = len(registrants)
    # per registrant: (words, what shows it is due, its span, its label)
    gaps: list[list[tuple[str, str, Span | None, str]]] = []
    for registrant in registrants:
        found: list[tuple[str, str, Span | None, str]] = []
        for field, words, header_attr, dei in _REGISTRANT_FIELDS:
            if getattr(registrant, field) is not None:
                continue
            known = _known(ctx, registrant, count, field, header_attr, dei)
            others = [r for r in registrants if getattr(r, field) is not None]
            if known is not None:
                value, where, label = known
                said = (f"the header has `{value}`" if label.startswith("header")
                        else f"{label} `{value}`")
                found.append((words, said, where.span, label))
            elif others:
                found.append((words, "the other registrants' blocks have one",
                              getattr(others[0], field).span, f"another registrant's {words}"))
        gaps.append(found)
    # a field no registrant of a combined cover gives: said once, for the cover
    everywhere = [words for words, *_ in gaps[0]
                  if count > 1 and all(any(w == words for w, *_ in g) for g in gaps)]
    if everywhere:
        first = [next(item for item in gaps[0] if item[0] == words) for words in everywhere]
        yield ctx.report(
            "registrant-fields-missing",
            f"the cover page gives none of its {count} registrants a "
            + " or a ".join(everywhere) + " (for "
            + (registrants[0].name.value if registrants[0].name else "the first")
            + ", " + "; ".join(said for _, said, _, _ in first) + ")",
            _registrant_span(registrants[0], cover), label="the registrants' blocks",
            secondary=[(span, label) for _, _, span, label in first][:3],
        )
    for registrant, found in zip(registrants, gaps, strict=True):
        found = [item for item in found if item[0] not in everywhere]
        if not found:
            continue
        who = registrant.name.value if registrant.name is not None else "a registrant"
        yield ctx.report(
            "registrant-fields-missing",
            f"the cover page gives {who} "
            + "; ".join(f"no {words} ({said})" for words, said, _, _ in found),
            _registrant_span(registrant, cover), label="the registrant's block",
            secondary=[(span, label) for _, _, span, label in found][:3],
        )
