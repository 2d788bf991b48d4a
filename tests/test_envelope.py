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


def test_runs_of_one_kind_become_one_token_and_spread_back_to_the_same_header():
    from eightk.envelope import lexer
    from eightk.envelope.reader import read_envelope
    from eightk.source.text import SourceText

    text = (CORPUS / "text-2006-sub.txt").read_bytes().decode()
    lines = lexer.tokenize(text).tokens
    merged = lexer.runs(lines)
    assert len(merged) < len(lines)
    for token in merged:
        if isinstance(token, lexer.LineRun):
            assert token.type in ("FIELD", "TAG_FIELD", "DOC_TAG", "PEM_FIELD")
            assert len(token.lines) > 1 and {t.type for t in token.lines} == {token.type}
            assert (token.start_pos, token.end_pos) == (token.lines[0].start_pos,
                                                       token.lines[-1].end_pos)
    # spread back, the runs are the lines, in order
    spread = [line for t in merged for line in getattr(t, "lines", [t])]
    assert spread == lines and [t.start_pos for t in spread] == [t.start_pos for t in lines]
    no_runs = [t for t in lines if t.type not in ("FIELD", "TAG_FIELD", "DOC_TAG", "PEM_FIELD")]
    assert lexer.runs(no_runs) is no_runs
    # what the runs parse to is what the lines parse to
    from eightk import grammars, recovery
    from eightk.envelope.reader import _Builder, _counted_until

    lark = grammars.load("envelope.lark")
    source = SourceText(text)
    counted = _counted_until(source, lines)
    assert counted == text.index("<TEXT>") + len("<TEXT>\n")  # the first content
    assert (recovery.plain_parse(lark, merged, _Builder(source, counted))
            == recovery.plain_parse(lark, lines, _Builder(source, counted))
            == read_envelope(SourceText(text)))


def test_a_departure_inside_a_run_is_reported_line_by_line():
    # two header lines after the documents: the grammar takes no field there, and each
    # line gets its own diagnostic (the runs are parsed again as lines to say where)
    data = (CORPUS / "text-2006-sub.txt").read_bytes().replace(
        b"</SEC-DOCUMENT>", b"STRAY LABEL:\tone\nOTHER LABEL:\ttwo\n</SEC-DOCUMENT>", 1)
    parsed = parse_source(data)
    syntax = [d for d in parsed.filing.diagnostics if d.name == "envelope-syntax"]
    assert [parsed.source.text[d.span.start:d.span.end] for d in syntax] == [
        "STRAY LABEL:\tone", "OTHER LABEL:\ttwo"]
    assert len(parsed.filing.documents) == 3


def test_document_in_a_documents_text_does_not_end_it():
    # "DOCUMENT>" inside a document's text, not on a line of its own: the content
    # still runs to </TEXT>
    data = (CORPUS / "text-2006-sub.txt").read_bytes()
    marked = data.replace(b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-10.1",
                          b"the <DOCUMENT> and </DOCUMENT> tags\n</TEXT>\n</DOCUMENT>\n"
                          b"<DOCUMENT>\n<TYPE>EX-10.1", 1)
    assert marked != data
    plain, quoted = parse(data), parse(marked)
    assert names(quoted) == names(plain) == []
    grown = len(marked) - len(data)
    assert quoted.documents[0].size == plain.documents[0].size + grown
    assert [d.type.value for d in quoted.documents] == ["8-K", "EX-10.1", "EX-99.1"]


def test_the_lexer_remembers_lines_it_named_and_forgets_them_when_full(monkeypatch):
    from eightk.envelope import lexer

    words = lexer._vocabularies()[0]
    line = "FORM TYPE:\t\t8-K"
    kind, match = words.classify(line)
    assert (kind, match.group("value")) == ("FIELD", "8-K")
    again, named = words.classify(line), words.vocabulary.classify(line)
    assert again[1] is match  # remembered, not named again
    assert (again[0], again[1].span(), again[1].groupdict()) == (
        named[0], named[1].span(), named[1].groupdict())
    assert line in words.seen
    monkeypatch.setattr(lexer, "_REMEMBERED", len(words.seen))
    words.classify("ANOTHER LABEL:\tvalue")
    assert list(words.seen) == ["ANOTHER LABEL:\tvalue"]


@pytest.mark.parametrize("mark", [b"Filing Detail", b"EDGAR Filing Documents",
                                  b'<div class="formGrouping">', b"<TITLE>SEC EDGAR Submission"])
def test_each_mark_of_an_edgar_index_page_names_it(mark):
    page = b"<html><body><p>" + mark + b"</p>" + b"<p>Filing Date 2010</p>" * 50 + b"</body></html>"
    filing = parse(page)
    assert filing.source.shape == "html"
    assert "not-an-8k" in names(filing) and filing.documents == []
    # with its header inside a comment, the header is read
    header = (CORPUS / "header-only-labelled.txt").read_bytes()
    filing = parse(page.replace(b"<body>", b"<body><!--\n<SEC-HEADER>\n" + header.split(
        b"<SEC-HEADER>", 1)[-1].split(b"</SEC-HEADER>", 1)[0] + b"</SEC-HEADER>\n-->", 1))
    assert filing.source.shape == "header-only" and filing.header is not None
    # "Filing D..." that is neither mark does not make a page an index page
    assert "not-an-8k" not in names(parse(b"<html><body><p>Filing Date</p>"
                                          b"<p>Item 8.01 Other Events</p></body></html>"))


def test_runs_parse_as_their_lines_in_every_sample():
    # the grammar takes FIELD, TAG_FIELD, DOC_TAG and PEM_FIELD only in repetitions;
    # were one put anywhere else, a run would parse differently from its lines
    from conftest import project_files, shared_files
    from eightk import grammars, recovery
    from eightk.envelope import lexer
    from eightk.envelope.reader import _Builder
    from eightk.source.text import SourceText

    lark = grammars.load("envelope.lark")
    compared = 0
    for path in project_files() + shared_files():
        text = path.read_bytes().decode("latin-1")
        if not lexer.looks_like_envelope(text):
            continue
        lines = lexer.tokenize(text).tokens
        merged = lexer.runs(lines)
        source = SourceText(text)
        try:
            expected = recovery.plain_parse(lark, lines, _Builder(source))
        except Exception:  # noqa: BLE001 - departs from the grammar: recovery's affair
            with pytest.raises(Exception):  # noqa: B017, PT011 - and so do the runs
                recovery.plain_parse(lark, merged, _Builder(source))
            continue
        assert recovery.plain_parse(lark, merged, _Builder(source)) == expected
        compared += merged is not lines
    assert compared > 20


def _fields(group):
    for child in group.children:
        if hasattr(child, "children"):
            yield from _fields(child)
        else:
            yield child


def test_header_lines_counted_by_the_lexer_are_the_source_lines():
    # A field's line comes from the lexer (no index look-up); it must be the line
    # the index gives, on every sample and shared filing with an envelope, and the
    # spans made from it the same.
    from conftest import project_files, shared_files
    from eightk.envelope.lexer import looks_like_envelope
    from eightk.envelope.reader import field_span, read_envelope
    from eightk.source.decoding import decode
    from eightk.source.text import SourceText

    known = 0
    for path in project_files() + shared_files():
        text = decode(path.read_bytes()).text
        if not looks_like_envelope(text):
            continue
        envelope = read_envelope(SourceText(text))
        fields = [*envelope.roots, *(_fields(envelope.header) if envelope.header else ()),
                  *(tag for document in envelope.documents for tag in document.tags)]
        source = SourceText(text)
        for field in fields:
            if not field.line:
                continue
            known += 1
            assert (field.line, 1) == source.index.line_col(field.start), (path, field)
            for start, end in ((field.value_start, field.value_end), (field.start, field.end)):
                assert field_span(source, field, start, end) == source.span(start, end)
    assert known > 500


def test_lexer_lines_are_not_trusted_where_they_disagree_or_the_text_was_blanked():
    from eightk.envelope.reader import _counted_until, read_envelope
    from eightk.lexing import LineToken
    from eightk.source.text import SourceText

    source = SourceText("A: 1\nB: 2\n")
    assert _counted_until(source, [LineToken("FIELD", "B: 2", 5, 2, 2, 9)]) == len(source.text)
    assert _counted_until(source, [LineToken("FIELD", "B: 2", 5, 7, 7, 9)]) == 0
    # an index page's header read in place, the rest blanked: no line is the lexer's
    text = (CORPUS / "text-2006-sub.txt").read_text()
    start, end = text.index("<SEC-HEADER>"), text.index("</SEC-HEADER>") + 13
    page = "<html><!--\n" + text[start:end] + "\n--></html>"
    envelope = read_envelope(SourceText(page), only=(11, 11 + end - start))
    assert envelope.header is not None
    assert all(not f.line for f in _fields(envelope.header))
