"""The EDGAR envelope and both header dialects."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CORPUS, require_shared
from eightk import parse, parse_source


def names(filing) -> list[str]:
    return [d.name for d in filing.diagnostics]


def test_labelled_header_with_pem():
    filing = parse(CORPUS / "text-2006-sub.txt")
    header = filing.header
    assert filing.source.shape == "submission"
    assert header.dialect == "labelled"
    assert header.submission_type.value == "8-K"
    assert header.period_of_report.value == dt.date(2006, 6, 12)
    assert [i.number for i in header.items] == ["1.01", "2.03", "9.01"]
    (filer,) = header.parties
    assert filer.role == "filer"
    assert filer.company.irs_number.value == "760394128"
    assert [d.type.value for d in filing.documents] == ["8-K", "EX-10.1", "EX-99.1"]
    assert filing.body_document == 0 and filing.documents[0].parsed
    # documents are opaque spans; exhibits point at them
    assert {e.number.value: e.document for e in filing.exhibits} == {"10.1": 1, "99.1": 2}
    assert names(filing) == []


def test_tagged_and_labelled_headers_read_the_same():
    tagged = parse(CORPUS / "header-only-tagged.hdr.sgml").header
    labelled = parse(CORPUS / "header-only-labelled.txt").header
    assert tagged.dialect == "tagged" and labelled.dialect == "labelled"
    for header in (tagged, labelled):
        assert header.accession_number is not None
        assert header.parties and header.parties[0].company.cik is not None
        assert header.filed_as_of.value is not None


def test_feed_file_with_crlf_and_uuencoded_part():
    filing = parse(CORPUS / "tagged-2024-sub.nc")
    assert filing.header.dialect == "tagged"
    assert [i.number for i in filing.header.items] == ["5.07", "7.01", "9.01"]
    assert "uuencoded" in [d.format for d in filing.documents]
    assert filing.source.line_ends == "crlf"


def test_stray_closing_tags_and_split_sic():
    filing = parse(CORPUS / "text-2000-stray-tags-sub.txt")
    company = filing.header.parties[0].company
    assert company.sic_code is not None and company.sic_code.value.isdigit()
    assert "envelope-syntax" not in names(filing)


def test_unknown_header_label_is_kept_with_a_warning():
    data = (CORPUS / "text-2006-sub.txt").read_bytes().replace(
        b"FILED AS OF DATE:", b"WIDGET COUNT:\t\t7\nFILED AS OF DATE:", 1)
    filing = parse(data)
    assert ("WIDGET COUNT", "7") in [(f.label, f.value) for f in filing.header.other_fields]
    warning = next(d for d in filing.diagnostics if d.name == "unknown-header-label")
    assert warning.severity == "warning" and "WIDGET COUNT" in warning.message


def test_missing_text_close_is_reported_and_recovered():
    data = (CORPUS / "text-2006-sub.txt").read_bytes()
    damaged = data.replace(b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-10.1",
                           b"</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-10.1", 1)
    assert damaged != data
    parsed = parse_source(damaged)
    filing = parsed.filing
    assert names(filing).count("missing-text-close") == 1
    assert len(filing.documents) == 3  # nothing lost
    diag = next(d for d in filing.diagnostics if d.name == "missing-text-close")
    assert parsed.source.text[diag.span.start:].startswith("</DOCUMENT>")


def test_missing_document_close():
    data = (CORPUS / "text-2006-sub.txt").read_bytes()
    damaged = data.replace(b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-10.1",
                           b"</TEXT>\n<DOCUMENT>\n<TYPE>EX-10.1", 1)
    filing = parse(damaged)
    assert names(filing).count("missing-document-close") == 1
    assert len(filing.documents) == 3


def test_bare_document_blocks():
    filing = parse(CORPUS / "documents-2016-8k.txt")
    assert filing.source.shape == "documents"
    assert filing.header is None
    assert filing.documents[0].type.value == "8-K"


def test_repeated_ims_header_and_escaped_pem(shared):
    filing = parse(shared / "real" / "brt-realty-trust-1994-06-28-sub.txt")
    assert filing.header.accession_number.value == "0000014846-94-000008"
    assert filing.header.parties[0].former_names[0].name.value == "BERG ENTERPRISES REALTY GROUP"
    assert names(filing) == []


def test_ein_label_and_organization_name(shared):
    require_shared()
    filing = parse(shared / "real" / "abvc-biopharma-inc-2025-04-15-sub.txt")
    company = filing.header.parties[0].company
    assert company.irs_number.value == "260014658"
    assert company.organization_name.value == "03 Life Sciences"
    assert company.sic_description.value == "PHARMACEUTICAL PREPARATIONS"
    assert company.sic_code.value == "2834"


@pytest.mark.parametrize("shape_file, shape", [
    ("header-only-labelled.txt", "header-only"),
    ("text-1997-not-applicable-8k.txt", "text"),
    ("html-2012-8k.htm", "html"),
    ("text-1995-ims-sub.txt", "submission"),
])
def test_shapes(shape_file, shape):
    assert parse(CORPUS / shape_file).source.shape == shape
