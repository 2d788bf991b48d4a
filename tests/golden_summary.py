"""The golden summary of a filing: the fields a reader can check against the filing.

Golden files (tests/golden/*.json) hold this summary, written from the code's
output once and then corrected by reading the filing itself; the test compares
the current output with them. Long texts are cut to their first 80 characters,
and spans are left out, so a golden file can be checked by eye.
"""

from __future__ import annotations

from eightk.model import Filing, Text


def _v(value: Text | None, cut: int = 80) -> str | None:
    if value is None:
        return None
    text = " ".join(value.value.split())
    return text[:cut]


def summary(filing: Filing) -> dict:
    header = filing.header
    cover = filing.cover
    out: dict = {"shape": filing.source.shape}
    if header is not None:
        out["header"] = {
            "accession_number": _v(header.accession_number),
            "submission_type": _v(header.submission_type),
            "period_of_report": str(header.period_of_report.value)
            if header.period_of_report and header.period_of_report.value else None,
            "filed_as_of": str(header.filed_as_of.value)
            if header.filed_as_of and header.filed_as_of.value else None,
            "items": [i.number for i in header.items],
            "filers": [
                {
                    "role": p.role,
                    "name": _v(p.company.name) if p.company else None,
                    "cik": _v(p.company.cik) if p.company else None,
                    "irs_number": _v(p.company.irs_number) if p.company else None,
                    "state": _v(p.company.state_of_incorporation) if p.company else None,
                    "file_number": _v(p.filing_values[0].file_number)
                    if p.filing_values else None,
                }
                for p in header.parties
            ],
        }
    else:
        out["header"] = None
    out["documents"] = [
        [_v(d.type), d.format] for d in filing.documents
    ]
    if cover is not None:
        out["cover"] = {
            "form_type": _v(cover.form_type),
            "amendment": cover.amendment,
            "date_of_report": str(cover.date_of_report.value)
            if cover.date_of_report and cover.date_of_report.value else None,
            "registrants": [
                {
                    k: _v(getattr(r, k))
                    for k in ("name", "state", "file_number", "irs_number", "address", "zip",
                              "phone", "former_name")
                }
                for r in cover.registrants
            ],
            "check_boxes": {b.name: b.checked for b in cover.check_boxes},
            "emerging_growth_company": cover.emerging_growth_company.checked
            if cover.emerging_growth_company else None,
            "extended_transition_period": cover.extended_transition_period.checked
            if cover.extended_transition_period else None,
            "securities_12b": [
                [_v(s.title), _v(s.symbol), _v(s.exchange)] for s in cover.securities_12b
            ],
        }
    else:
        out["cover"] = None
    out["items"] = [
        {"key": i.key, "title_as_written": _v(i.title_as_written),
         "not_applicable": i.not_applicable}
        for i in filing.items
    ]
    out["exhibits"] = [
        {"number": e.number.value, "description": _v(e.description, 60), "document": e.document}
        for e in filing.exhibits
    ]
    out["signatures"] = [
        {
            "registrant": _v(s.registrant), "name": _v(s.name), "title": _v(s.title),
            "date": str(s.date.value) if s.date and s.date.value else None,
            "conformed": s.conformed,
        }
        for s in filing.signatures
    ]
    return out
