"""Inline XBRL cover facts: transforms, markup handling and the real filings."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import no_runaway
from eightk.model import Span, XbrlCover
from eightk.source.offsets import LineIndex
from eightk.xbrl import cover as ixbrl
from eightk.xbrl.cover import extract_cover, known_formats, transform
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REAL = CORPUS / "real"

HEAD = (
    '<html xmlns="http://www.w3.org/1999/xhtml"'
    ' xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"'
    ' xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"'
    ' xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31"'
    ' xmlns:dei="http://xbrl.sec.gov/dei/2024"'
    ' xmlns:xbrli="http://www.xbrl.org/2003/instance"'
    ' xmlns:xbrldi="http://xbrl.org/2006/xbrldi"'
    ' xmlns:us-gaap="http://fasb.org/us-gaap/2024"'
    ' xmlns:abc="http://abc.example/20250101">'
)
PLAIN_CONTEXT = (
    '<xbrli:context id="c1"><xbrli:entity>'
    '<xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier>'
    "</xbrli:entity><xbrli:period><xbrli:startDate>2025-04-15</xbrli:startDate>"
    "<xbrli:endDate>2025-04-15</xbrli:endDate></xbrli:period></xbrli:context>"
)


def member_context(cid: str, member: str, axis: str = "us-gaap:StatementClassOfStockAxis") -> str:
    return (
        f'<xbrli:context id="{cid}"><xbrli:entity>'
        '<xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier>'
        f'<xbrli:segment><xbrldi:explicitMember dimension="{axis}">{member}'
        "</xbrldi:explicitMember></xbrli:segment></xbrli:entity>"
        "<xbrli:period><xbrli:startDate>2025-04-15</xbrli:startDate>"
        "<xbrli:endDate>2025-04-15</xbrli:endDate></xbrli:period></xbrli:context>"
    )


def doc(body: str, hidden: str = "", resources: str = PLAIN_CONTEXT, head: str = HEAD) -> str:
    return (
        f'{head}<head><title>8-K</title></head><body><div style="display:none">'
        f"<ix:header><ix:hidden>{hidden}</ix:hidden><ix:resources>{resources}"
        f"</ix:resources></ix:header></div>{body}</body></html>"
    )


def nn(name: str, text: str, fmt: str | None = None, ctx: str = "c1", extra: str = "") -> str:
    fmt_attr = f' format="{fmt}"' if fmt else ""
    return (
        f'<ix:nonNumeric name="dei:{name}" contextRef="{ctx}"{fmt_attr}{extra}>'
        f"{text}</ix:nonNumeric>"
    )


def span_maker(text: str):
    index = LineIndex(text)

    def span_of(start: int, end: int) -> Span:
        line, column = index.line_col(start)
        end_line, end_column = index.line_col(end)
        return Span(
            start=start, end=end, line=line, column=column, end_line=end_line,
            end_column=end_column,
        )

    return span_of


def values(cover: XbrlCover) -> dict[str, str | None]:
    return {f.name: f.value for f in cover.facts}


# ------------------------------------------------------------------ no inline XBRL


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain text 8-K\nITEM 5. Other events\n",
        "<html><body><p>FORM 8-K</p><p>dei:DocumentType</p></body></html>",
        "<html><body><!-- <ix:nonNumeric name='dei:DocumentType'>8-K</ix:nonNumeric> -->"
        "</body></html>",
        "<ix:",
    ],
)
def test_no_inline_xbrl_gives_none(text: str) -> None:
    assert extract_cover(text) is None


def test_empty_range_gives_none() -> None:
    text = doc(nn("DocumentType", "8-K"))
    assert extract_cover(text, 10, 10) is None
    assert extract_cover(text, 50, 5) is None
    assert extract_cover(text, len(text) + 5) is None


# ------------------------------------------------------------------ a whole cover


COVER_BODY = (
    "<p>FORM " + nn("DocumentType", "8-K") + "</p>"
    "<p>Date of Report: "
    + nn("DocumentPeriodEndDate", "April 15, 2025", "ixt:date-monthname-day-year-en")
    + "</p><p><b>"
    + nn("EntityRegistrantName", "ACME <span>WIDGETS</span>,<br/>INC.")
    + "</b></p><table><tr><td>"
    + nn("EntityIncorporationStateCountryCode", "Nevada", "ixt-sec:stateprovnameen")
    + "</td><td>"
    + nn("EntityFileNumber", "001-40700")
    + "</td><td>"
    + nn("EntityTaxIdentificationNumber", "26-0014658")
    + "</td></tr></table><p>"
    + nn("EntityAddressAddressLine1", "44370 Old Warm Springs Blvd.")
    + ", "
    + nn("EntityAddressCityOrTown", "Fremont")
    + ", "
    + nn("EntityAddressStateOrProvince", "California", "ixt-sec:stateprovnameen")
    + " "
    + nn("EntityAddressPostalZipCode", "94538")
    + "</p><p>"
    + nn("CityAreaCode", "(510)")
    + " "
    + nn("LocalPhoneNumber", "668-0881")
    + "</p>"
    + "<p>"
    + nn("WrittenCommunications", "&#9744;", "ixt-sec:boolballotbox")
    + " Written</p><p>"
    + nn("SolicitingMaterial", "&#x2612;", "ixt-sec:boolballotbox")
    + " Soliciting</p><p>"
    + nn("PreCommencementTenderOffer", "\u2610", "ixt-sec:boolballotbox")
    + "</p><p>"
    + nn("PreCommencementIssuerTenderOffer", "&#9746;", "ixt-sec:boolballotbox")
    + "</p><table><tr><td>"
    + nn("Security12bTitle", "Common Stock, par value $0.001 per share")
    + "</td><td>"
    + nn("TradingSymbol", "ACME")
    + "</td><td>"
    + nn("SecurityExchangeName", "The Nasdaq Stock Market LLC", "ixt-sec:exchnameen")
    + "</td></tr></table><p>Emerging growth company "
    + nn("EntityEmergingGrowthCompany", "&#9746;", "ixt-sec:boolballotbox")
    + "</p><p>"
    + nn("EntityExTransitionPeriod", "&#9744;", "ixt-sec:boolballotbox")
    + "</p>"
)
COVER_HIDDEN = nn("AmendmentFlag", "false", "ixt:fixed-false") + nn(
    "EntityCentralIndexKey", "0000000001"
)


def test_cover_fields_and_values() -> None:
    text = doc(COVER_BODY, COVER_HIDDEN)
    cover = extract_cover(text)
    assert cover is not None
    expected = {
        "document_type": ("8-K", "8-K"),
        "period_end_date": ("2025-04-15", "April 15, 2025"),
        "amendment_flag": ("false", "false"),
        "cik": ("0000000001", "0000000001"),
        "registrant_name": ("ACME WIDGETS, INC.", "ACME WIDGETS, INC."),
        "state_of_incorporation": ("NV", "Nevada"),
        "file_number": ("001-40700", "001-40700"),
        "tax_id": ("26-0014658", "26-0014658"),
        "address_line1": ("44370 Old Warm Springs Blvd.", "44370 Old Warm Springs Blvd."),
        "city": ("Fremont", "Fremont"),
        "state": ("CA", "California"),
        "postal_code": ("94538", "94538"),
        "city_area_code": ("(510)", "(510)"),
        "local_phone": ("668-0881", "668-0881"),
        "written_communications": ("false", "\u2610"),
        "soliciting_material": ("true", "\u2612"),
        "pre_commencement_tender_offer": ("false", "\u2610"),
        "pre_commencement_issuer_tender_offer": ("true", "\u2612"),
        "emerging_growth_company": ("true", "\u2612"),
        "ex_transition_period": ("false", "\u2610"),
    }
    for field, (value, shown) in expected.items():
        fact = getattr(cover, field)
        assert fact is not None, field
        assert (fact.value, fact.text) == (value, shown), field
    assert cover.address_line2 is None
    assert cover.state_of_incorporation.format == "ixt-sec:stateprovnameen"
    assert cover.document_type.format is None
    assert cover.document_type.context == "c1"
    assert len(cover.facts) == 23
    [row] = cover.securities_12b
    assert row.title.value == "Common Stock, par value $0.001 per share"
    assert row.symbol.value == "ACME"
    assert row.exchange.value == "NASDAQ"


def test_facts_in_document_order_hidden_first() -> None:
    text = doc(COVER_BODY, COVER_HIDDEN)
    cover = extract_cover(text)
    names = [f.name for f in cover.facts]
    assert names[:3] == ["dei:AmendmentFlag", "dei:EntityCentralIndexKey", "dei:DocumentType"]
    assert names[-1] == "dei:EntityExTransitionPeriod"


def test_spans_cover_the_content_of_hidden_and_visible_facts() -> None:
    text = doc(COVER_BODY, COVER_HIDDEN)
    cover = extract_cover(text, span_of=span_maker(text))
    for fact in cover.facts:
        assert fact.span is not None
        assert text[fact.span.start - 1] == ">"
        assert text.startswith("</ix:nonNumeric>", fact.span.end)
    cik = cover.cik.span
    assert text[cik.start : cik.end] == "0000000001"
    assert text.index("<ix:hidden>") < cik.start < text.index("</ix:hidden>")
    name = cover.registrant_name.span
    assert text[name.start : name.end] == "ACME <span>WIDGETS</span>,<br/>INC."
    assert (name.line, name.column) == (1, name.start + 1)
    assert cover.securities_12b[0].symbol.span == cover.facts[19].span


def test_spans_are_none_without_span_of() -> None:
    cover = extract_cover(doc(COVER_BODY, COVER_HIDDEN))
    assert all(f.span is None for f in cover.facts)


def test_document_inside_an_edgar_text_block() -> None:
    inner = doc(nn("DocumentType", "8-K") + nn("EntityCentralIndexKey", "0000000001"))
    before = "<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n<XBRL>\n"
    after = (
        "\n</XBRL>\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n"
        + doc(nn("DocumentType", "10-K"))
        + "\n</TEXT>\n</DOCUMENT>\n"
    )
    whole = before + inner + after
    start = whole.index("<TEXT>") + len("<TEXT>")
    end = whole.index("</TEXT>")
    cover = extract_cover(whole, start, end, span_of=span_maker(whole))
    assert [f.value for f in cover.facts] == ["8-K", "0000000001"]
    span = cover.document_type.span
    assert whole[span.start : span.end] == "8-K"
    assert span.line == 7
    # The range is honoured: the exhibit after it is another document.
    assert extract_cover(whole, end).document_type.value == "10-K"


# ------------------------------------------------------------------ transforms


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        # dates with a month name
        ("ixt:datemonthdayyearen", "April 15, 2025", "2025-04-15"),
        ("ixt:datemonthdayyearen", "APRIL 1 , 2025", "2025-04-01"),
        ("ixt:datemonthdayyearen", "Sept. 5, 2024", "2024-09-05"),
        ("ixt:datemonthdayyearen", "February 29, 2024", "2024-02-29"),
        ("ixt:datemonthdayyearen", "February 29, 2023", None),
        ("ixt:datemonthdayyearen", "15 April 2025", None),
        ("ixt:date-monthname-day-year-en", "December 31st, 2024", "2024-12-31"),
        ("ixt:datemonthnamedayyearen", "Jan 2, 25", "2025-01-02"),
        ("ixt:date-day-monthname-year-en", "15 April 2025", "2025-04-15"),
        ("ixt:datedaymonthyearen", "3rd of March, 2023", "2023-03-03"),
        ("ixt:date-monthname-day-en", "June 30", "--06-30"),
        ("ixt:date-monthname-year-en", "March 2024", "2024-03"),
        # all-digit dates
        ("ixt:date-year-month-day", "2025-04-15", "2025-04-15"),
        ("ixt:dateyearmonthday", "2025/4/5", "2025-04-05"),
        ("ixt:dateslashus", "4/15/2025", "2025-04-15"),
        ("ixt:dateslashus", "4-15-2025", None),
        ("ixt:dateslasheu", "15/04/25", "2025-04-15"),
        ("ixt:datedotus", "04.15.2025", "2025-04-15"),
        ("ixt:datedoteu", "15.04.2025", "2025-04-15"),
        ("ixt:date-month-day-year", "04-15-2025", "2025-04-15"),
        ("ixt:datemonthdayyear", "13/15/2025", None),
        ("ixt:date-day-month-year", "15-04-2025", "2025-04-15"),
        ("ixt:datemonthday", "6-30", "--06-30"),
        ("ixt:date-month-day", "02/30", None),
        # booleans and fixed values
        ("ixt:booleanfalse", "o", "false"),
        ("ixt:booleantrue", "\u2612", "true"),
        ("ixt:fixed-false", "FALSE", "false"),
        ("ixt:fixed-true", "\u2014", "true"),
        ("ixt:nocontent", "anything", ""),
        ("ixt:fixed-empty", "x", ""),
        ("ixt:fixed-zero", "\u2014", "0"),
        ("ixt:zerodash", "\u2013", "0"),
        ("ixt:zerodash", "1", None),
        ("ixt-sec:boolballotbox", "\u2610", "false"),
        ("ixt-sec:boolballotbox", " \u2611 ", "true"),
        ("ixt-sec:boolballotbox", "\u2612", "true"),
        ("ixt-sec:boolballotbox", "x", None),
        ("ixt-sec:yesnoballotbox", "\u2612", "Yes"),
        # numbers
        ("ixt:num-dot-decimal", "1,234,567.89", "1234567.89"),
        ("ixt:num-dot-decimal", "5.22", "5.22"),
        ("ixt:numdotdecimal", "0.10", "0.10"),
        ("ixt:numdotdecimal", "1 000", "1000"),
        ("ixt:numdotdecimal", ".5", "0.5"),
        ("ixt:numdotdecimal", "1,23", None),
        ("ixt:num-comma-decimal", "1.234.567,5", "1234567.5"),
        ("ixt:numcommadecimal", "0,25", "0.25"),
        ("ixt-sec:numwordsen", "two hundred and five", "205"),
        ("ixt-sec:numwordsen", "Twenty-One Thousand, Three Hundred", "21300"),
        ("ixt-sec:numwordsen", "one million", "1000000"),
        ("ixt-sec:numwordsen", "none", "0"),
        ("ixt-sec:numwordsen", "zero", "0"),
        ("ixt-sec:numwordsen", "several", None),
        # states and provinces
        ("ixt-sec:stateprovnameen", "Delaware", "DE"),
        ("ixt-sec:stateprovnameen", "new  york", "NY"),
        ("ixt-sec:stateprovnameen", "District of Columbia", "DC"),
        ("ixt-sec:stateprovnameen", "Puerto Rico", "PR"),
        ("ixt-sec:stateprovnameen", "Ontario", "ON"),
        ("ixt-sec:stateprovnameen", "Québec", "QC"),
        ("ixt-sec:stateprovnameen", "British Columbia", "BC"),
        ("ixt-sec:stateprovnameen", "DE", "DE"),
        ("ixt-sec:stateprovnameen", "Atlantis", None),
        # EDGAR place codes
        ("ixt-sec:edgarprovcountryen", "Cayman Islands", "E9"),
        ("ixt-sec:edgarprovcountryen", "British Virgin Islands", "D8"),
        ("ixt-sec:edgarprovcountryen", "Bermuda", "D0"),
        ("ixt-sec:edgarprovcountryen", "Ontario, Canada", "A6"),
        ("ixt-sec:edgarprovcountryen", "Canada", "Z4"),
        ("ixt-sec:edgarprovcountryen", "The Netherlands", "P7"),
        ("ixt-sec:edgarprovcountryen", "United Kingdom", "X0"),
        ("ixt-sec:edgarprovcountryen", "Israel", "L3"),
        ("ixt-sec:edgarprovcountryen", "Marshall Islands", "1T"),
        ("ixt-sec:edgarprovcountryen", "Georgia", "2Q"),
        ("ixt-sec:edgarprovcountryen", "Delaware", "DE"),
        ("ixt-sec:edgarprovcountryen", "Swaziland", "V6"),
        ("ixt-sec:countrynameen", "United States of America", "US"),
        ("ixt-sec:countrynameen", "People's Republic of China", "CN"),
        ("ixt-sec:countrynameen", "Israel", "IL"),
        # exchanges
        ("ixt-sec:exchnameen", "The Nasdaq Stock Market LLC", "NASDAQ"),
        ("ixt-sec:exchnameen", "NASDAQ Global Select Market", "NASDAQ"),
        ("ixt-sec:exchnameen", "The Nasdaq Capital Market", "NASDAQ"),
        ("ixt-sec:exchnameen", "New York Stock Exchange", "NYSE"),
        ("ixt-sec:exchnameen", "The New York Stock Exchange, LLC", "NYSE"),
        ("ixt-sec:exchnameen", "NYSE", "NYSE"),
        ("ixt-sec:exchnameen", "NYSE American LLC", "NYSEAMER"),
        ("ixt-sec:exchnameen", "NYSE MKT", "NYSEAMER"),
        ("ixt-sec:exchnameen", "NYSE Arca, Inc.", "NYSEArca"),
        ("ixt-sec:exchnameen", "Cboe BZX Exchange, Inc.", "CboeBZX"),
        ("ixt-sec:exchnameen", "Cboe Exchange, Inc.", "CBOE"),
        ("ixt-sec:exchnameen", "BOX Exchange LLC", "BOX"),
        ("ixt-sec:exchnameen", "Investors Exchange LLC", "IEX"),
        ("ixt-sec:exchnameen", "Nasdaq PHLX LLC", "Phlx"),
        ("ixt-sec:exchnameen", "NYSE National, Inc.", "NYSENAT"),
        ("ixt-sec:exchnameen", "London Stock Exchange", None),
        ("ixt-sec:entityfilercategoryen", "Non-accelerated Filer", "Non-accelerated Filer"),
        # no format, unknown formats and formats not implemented: the text as is
        (None, "8-K", "8-K"),
        ("ixt:date-jpn-era-year-month-day", "令和5年4月1日", "令和5年4月1日"),
        ("ixt-sec:duryear", "5", "5"),
        ("foo:bar", "text", "text"),
    ],
)
def test_transform(fmt: str | None, text: str, expected: str | None) -> None:
    assert transform(fmt, text) == expected


def test_every_known_format_accepts_any_text() -> None:
    for fmt in known_formats():
        for text in ("", "  ", "\u2610", "April 15, 2025", "12/31/2024", "1,234.5", "x" * 200):
            result = transform(fmt, text)
            assert result is None or isinstance(result, str)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(known_formats())),
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet="0123456789 ,./-", max_size=30),
        st.from_regex(
            r"[A-Za-z]{3,9}\.? [0-9\u0660-\u0669\u00b2]{1,6}, [0-9]{1,6}", fullmatch=True
        ),
    ),
)
def test_fuzz_transforms_never_raise(fmt: str, text: str) -> None:
    result = transform(fmt, text)
    assert result is None or isinstance(result, str)


def test_long_digit_runs_are_not_dates() -> None:
    assert transform("ixt:datemonthdayyearen", "April " + "9" * 5000 + ", 2025") is None
    assert transform("ixt:dateslashus", "1/" + "9" * 5000 + "/2025") is None
    assert transform("ixt:datemonthdayyearen", "April \u00b2, 2025") is None


def test_failed_transform_keeps_text_and_format() -> None:
    text = doc(nn("EntityIncorporationStateCountryCode", "Atlantis", "ixt-sec:stateprovnameen"))
    fact = extract_cover(text).state_of_incorporation
    assert (fact.value, fact.text, fact.format) == (None, "Atlantis", "ixt-sec:stateprovnameen")


def test_unknown_format_value_is_the_text() -> None:
    text = doc(nn("DocumentPeriodEndDate", "Q1 2025", "ixt-sec:datequarterend"))
    fact = extract_cover(text).period_end_date
    assert (fact.value, fact.format) == ("Q1 2025", "ixt-sec:datequarterend")


# ------------------------------------------------------------------ prefixes


def test_prefixes_are_resolved_through_the_root_declarations() -> None:
    head = (
        '<html xmlns="http://www.w3.org/1999/xhtml"'
        ' xmlns:inl="http://www.xbrl.org/2013/inlineXBRL"'
        ' xmlns:t4="http://www.xbrl.org/inlineXBRL/transformation/2015-02-26"'
        ' xmlns:sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31"'
        ' xmlns:d19="http://xbrl.sec.gov/dei/2019-01-31"'
        ' xmlns:dei="http://example.com/not-dei"'
        ' xmlns:x="http://www.xbrl.org/2003/instance">'
    )
    body = (
        '<inl:nonNumeric name="d19:DocumentPeriodEndDate" contextRef="c1"'
        ' format="t4:datemonthdayyearen">April 15, 2025</inl:nonNumeric>'
        '<inl:nonNumeric name="d19:EntityIncorporationStateCountryCode" contextRef="c1"'
        ' format="sec:stateprovnameen">Ohio</inl:nonNumeric>'
        '<inl:nonNumeric name="dei:DocumentType" contextRef="c1">not a dei fact</inl:nonNumeric>'
        '<ix:nonNumeric name="d19:DocumentType" contextRef="c1">ix is not bound</ix:nonNumeric>'
    )
    text = (
        f"{head}<body><inl:header><inl:resources>"
        '<x:context id="c1"><x:entity/></x:context></inl:resources></inl:header>'
        f"{body}</body></html>"
    )
    cover = extract_cover(text)
    assert [(f.name, f.value, f.format) for f in cover.facts] == [
        ("dei:DocumentPeriodEndDate", "2025-04-15", "ixt:datemonthdayyearen"),
        ("dei:EntityIncorporationStateCountryCode", "OH", "ixt-sec:stateprovnameen"),
    ]
    assert cover.document_type is None


def test_undeclared_prefixes_default_to_ix_dei_ixt() -> None:
    fragment = (
        '<div><ix:nonNumeric name="dei:DocumentType" contextRef="c1">8-K</ix:nonNumeric>'
        '<ix:nonNumeric name="dei:AmendmentFlag" contextRef="c1" format="ixt:booleanfalse">'
        "false</ix:nonNumeric></div>"
    )
    assert values(extract_cover(fragment)) == {
        "dei:DocumentType": "8-K",
        "dei:AmendmentFlag": "false",
    }


def test_other_taxonomies_are_left_out() -> None:
    body = nn("DocumentType", "8-K") + (
        '<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd" decimals="-6"'
        ' scale="6" format="ixt:num-dot-decimal">1,234</ix:nonFraction>'
    )
    assert values(extract_cover(doc(body))) == {"dei:DocumentType": "8-K"}


def test_only_ix_markup_without_dei_gives_an_empty_cover() -> None:
    cover = extract_cover(doc("<p>no facts</p>"))
    assert cover is not None
    assert cover.facts == [] and cover.securities_12b == []


# ------------------------------------------------------------------ 12(b) rows


def test_securities_grouped_by_class_of_stock_contexts() -> None:
    resources = (
        PLAIN_CONTEXT
        + member_context("c_common", "us-gaap:CommonStockMember")
        + member_context("c_notes", "abc:Notes2030Member")
    )
    body = (
        "<table><tr><td>"
        + nn("Security12bTitle", "Common Stock", ctx="c_common")
        + "</td><td>"
        + nn("TradingSymbol", "ABC", ctx="c_common")
        + "</td><td>"
        + nn("SecurityExchangeName", "NYSE", "ixt-sec:exchnameen", ctx="c_common")
        + "</td></tr><tr><td>"
        + nn("Security12bTitle", "4.5% Notes due 2030", ctx="c_notes")
        + "</td><td>"
        + nn("TradingSymbol", "ABC30", ctx="c_notes")
        + "</td><td>"
        + nn("SecurityExchangeName", "NYSE American LLC", "ixt-sec:exchnameen", ctx="c_notes")
        + "</td></tr></table>"
    )
    cover = extract_cover(doc(body, resources=resources))
    rows = [(r.title.value, r.symbol.value, r.exchange.value) for r in cover.securities_12b]
    assert rows == [
        ("Common Stock", "ABC", "NYSE"),
        ("4.5% Notes due 2030", "ABC30", "NYSEAMER"),
    ]
    members = {(f.name, f.member) for f in cover.facts}
    assert ("dei:TradingSymbol", "us-gaap:CommonStockMember") in members
    assert ("dei:TradingSymbol", "abc:Notes2030Member") in members


def test_security_rows_follow_contexts_not_table_layout() -> None:
    # Titles first, then symbols, then exchanges (a column-wise layout).
    resources = member_context("a", "us-gaap:CommonStockMember") + member_context(
        "b", "us-gaap:PreferredStockMember"
    )
    body = (
        nn("Security12gTitle", "Common", ctx="a")
        + nn("Security12bTitle", "Preferred", ctx="b")
        + nn("TradingSymbol", "XA", ctx="a")
        + nn("TradingSymbol", "XB", ctx="b")
        + nn("NoTradingSymbolFlag", "true", ctx="b")
    )
    cover = extract_cover(doc(body, resources=resources))
    rows = [(r.title.value, r.symbol.value, r.exchange) for r in cover.securities_12b]
    assert rows == [("Common", "XA", None), ("Preferred", "XB", None)]
    assert "dei:NoTradingSymbolFlag" in values(cover)


def test_dimension_prefixes_are_canonical() -> None:
    head = HEAD.replace('xmlns:us-gaap="', 'xmlns:gaap="').replace(
        'xmlns:xbrldi="', 'xmlns:dim="'
    )
    resources = (
        '<xbrli:context id="k"><xbrli:entity><xbrli:segment>'
        '<dim:explicitMember dimension="gaap:StatementClassOfStockAxis">'
        " gaap:CommonStockMember </dim:explicitMember>"
        "</xbrli:segment></xbrli:entity></xbrli:context>"
    )
    cover = extract_cover(doc(nn("TradingSymbol", "ZZ", ctx="k"), resources=resources, head=head))
    assert cover.facts[0].member == "us-gaap:CommonStockMember"


def test_single_class_in_the_default_context() -> None:
    body = nn("Security12bTitle", "Common Stock") + nn("TradingSymbol", "ONE")
    cover = extract_cover(doc(body))
    [row] = cover.securities_12b
    assert (row.title.value, row.symbol.value, row.exchange) == ("Common Stock", "ONE", None)
    assert cover.facts[0].member is None


def test_entity_facts_prefer_the_context_without_dimensions() -> None:
    resources = PLAIN_CONTEXT + member_context("sub", "abc:SubsidiaryMember", "dei:LegalEntityAxis")
    body = nn("EntityRegistrantName", "Subsidiary LLC", ctx="sub") + nn(
        "EntityRegistrantName", "Parent Corp"
    ) + nn("EntityFileNumber", "333-1-01", ctx="sub")
    cover = extract_cover(doc(body, resources=resources))
    assert cover.registrant_name.value == "Parent Corp"
    assert cover.file_number.value == "333-1-01"  # only the co-registrant's: still shown
    assert [f.value for f in cover.facts] == ["Subsidiary LLC", "Parent Corp", "333-1-01"]


# ------------------------------------------------------------------ content of a fact


def test_nested_tags_entities_and_block_breaks() -> None:
    body = nn(
        "EntityAddressAddressLine1",
        '<span style="x">One&#160;Main</span><b>&amp;</b>\n  <i>Second</i><br>Street',
    )
    fact = extract_cover(doc(body)).address_line1
    assert fact.text == "One Main& Second Street"


def test_exclude_is_left_out() -> None:
    body = nn("EntityRegistrantName", "ACME <ix:exclude>(continued on page 2)</ix:exclude>CORP")
    assert extract_cover(doc(body)).registrant_name.value == "ACME CORP"


def test_nested_facts_share_their_text() -> None:
    resources = member_context("a", "us-gaap:CommonStockMember") + member_context(
        "b", "abc:NotesMember"
    )
    body = nn("TradingSymbol", nn("TradingSymbol", "ORCL", ctx="b"), ctx="a")
    cover = extract_cover(doc(body, resources=resources))
    assert [(f.value, f.context) for f in cover.facts] == [("ORCL", "a"), ("ORCL", "b")]
    assert [r.symbol.value for r in cover.securities_12b] == ["ORCL", "ORCL"]


def test_continuation_chain() -> None:
    body = (
        nn("EntityRegistrantName", "ACME", extra=' continuedAt="k1"')
        + "<p>page break</p>"
        + '<ix:continuation id="k2">CORP</ix:continuation>'
        + '<ix:continuation id="k1" continuedAt="k2">WIDGET <b>WORKS</b></ix:continuation>'
    )
    text = doc(body)
    fact = extract_cover(text, span_of=span_maker(text)).registrant_name
    assert fact.text == fact.value == "ACME WIDGET WORKS CORP"
    assert text[fact.span.start : fact.span.end] == "ACME"


def test_continuation_cycles_and_missing_targets_end() -> None:
    body = (
        nn("EntityRegistrantName", "A", extra=' continuedAt="k1"')
        + '<ix:continuation id="k1" continuedAt="k2">B</ix:continuation>'
        + '<ix:continuation id="k2" continuedAt="k1">C</ix:continuation>'
        + nn("EntityFileNumber", "1-1", extra=' continuedAt="nowhere"')
    )
    cover = extract_cover(doc(body))
    assert cover.registrant_name.value == "A B C"
    assert cover.file_number.value == "1-1"


def test_non_fraction_scale_sign_and_nil() -> None:
    body = (
        '<ix:nonFraction name="dei:EntityListingParValuePerShare" contextRef="c1"'
        ' unitRef="u" decimals="2" format="ixt:numdotdecimal">0.10</ix:nonFraction>'
        '<ix:nonFraction name="dei:EntityPublicFloat" contextRef="c1" unitRef="u"'
        ' decimals="-3" scale="3" sign="-" format="ixt:num-dot-decimal">1,234.5</ix:nonFraction>'
        '<ix:nonFraction name="dei:EntityNumberOfEmployees" contextRef="c1" unitRef="u"'
        ' xsi:nil="true"/>'
        '<ix:nonFraction name="dei:EntityCommonStockSharesOutstanding" contextRef="c1"'
        ' unitRef="u" scale="6">12</ix:nonFraction>'
    )
    assert values(extract_cover(doc(body))) == {
        "dei:EntityListingParValuePerShare": "0.10",
        "dei:EntityPublicFloat": "-1234500",
        "dei:EntityNumberOfEmployees": None,
        "dei:EntityCommonStockSharesOutstanding": "12000000",
    }


def test_attribute_quoting_and_case() -> None:
    body = (
        "<IX:NONNUMERIC NAME='dei:DocumentType' CONTEXTREF=c1>8-K</IX:NONNUMERIC>"
        '<ix:nonNumeric\n   contextRef="c1"\n   name = "dei:EntityRegistrantName">A&amp;B'
        "</ix:nonNumeric>"
    )
    cover = extract_cover(doc(body))
    assert cover.document_type.value == "8-K"
    assert cover.registrant_name.value == "A&B"


# ------------------------------------------------------------------ malformed markup


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an unclosed fact is dropped; the facts inside it are still read
        (nn("DocumentType", "8-K") + '<ix:nonNumeric name="dei:EntityRegistrantName" '
         'contextRef="c1">ACME' + nn("EntityFileNumber", "1-2"),
         {"dei:DocumentType": "8-K", "dei:EntityFileNumber": "1-2"}),
        # stray end tags are ignored
        ("</ix:nonNumeric></ix:continuation>" + nn("DocumentType", "8-K") + "</ix:exclude>",
         {"dei:DocumentType": "8-K"}),
        # facts in comments and CDATA are not facts
        ("<!-- " + nn("DocumentType", "X") + " --><![CDATA[" + nn("AmendmentFlag", "Y")
         + "]]>" + nn("DocumentType", "8-K"),
         {"dei:DocumentType": "8-K"}),
        # an unterminated comment runs to the end
        (nn("DocumentType", "8-K") + "<!-- " + nn("EntityFileNumber", "1-2"),
         {"dei:DocumentType": "8-K"}),
        # a tag cut off at the end of the document
        (nn("DocumentType", "8-K") + '<ix:nonNumeric name="dei:EntityFileNumber"',
         {"dei:DocumentType": "8-K"}),
        # unbalanced HTML inside and around a fact
        ("<table><td><p>" + nn("DocumentType", "8-<b>K</i>") + "</div></div>",
         {"dei:DocumentType": "8-K"}),
        # a lone "<" in the text, a fact without a name, one without a context
        (nn("EntityRegistrantName", "A < B") + '<ix:nonNumeric contextRef="c1">x</ix:nonNumeric>'
         + '<ix:nonNumeric name="dei:DocumentType">8-K</ix:nonNumeric>',
         {"dei:EntityRegistrantName": "A < B", "dei:DocumentType": "8-K"}),
    ],
)
def test_malformed_markup(body: str, expected: dict[str, str]) -> None:
    assert values(extract_cover(doc(body))) == expected


def test_garbage_never_raises() -> None:
    samples = [
        "<ix:" * 1000,
        "<ix:nonNumeric " * 1000,
        "<ix:nonNumeric name='dei:X'>" * 50 + "</ix:nonNumeric>" * 60,
        "\x00\xff<ix:header>\ud800</ix:header>",
        doc(COVER_BODY)[:-4000],
        doc(COVER_BODY).replace(">", ""),
        doc(COVER_BODY).replace("<", "", 40),
        doc(COVER_BODY).replace('"', "'").replace("ix:", "IX:"),
        "<xbrli:context id='a'><xbrldi:explicitMember dimension='x'>" * 100 + "<ix:x>",
    ]
    for sample in samples:
        extract_cover(sample)
        ixbrl._scan_document(sample, 0, None)  # no safety net: a bug would raise here


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' ix:nonNumericdeb\u2610\n&#;[]CDATA"))))
def test_fuzz_markup_alphabet(text: str) -> None:
    ixbrl._scan_document(text, 0, None)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_fuzz_mutated_cover(data: st.DataObject) -> None:
    text = doc(COVER_BODY, COVER_HIDDEN)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=20))
    length = data.draw(st.integers(0, 50))
    mutated = text[:cut] + junk + text[cut + length :]
    start = data.draw(st.integers(0, len(mutated)))
    ixbrl._scan_document(mutated, start, None)
    extract_cover(mutated, span_of=span_maker(mutated))


def test_deep_html_nesting_is_linear() -> None:
    depth = 100_000
    text = doc("<div>" * depth + nn("DocumentType", "8-K") + "</div>" * depth)
    with no_runaway():
        cover = extract_cover(text)
    assert cover.document_type.value == "8-K"


def test_deep_fact_nesting_is_bounded() -> None:
    depth = 100_000
    opening = '<ix:nonNumeric name="dei:DocumentType" contextRef="c1">'
    text = doc(opening * depth + "8-K" + "</ix:nonNumeric>" * depth)
    with no_runaway():
        cover = extract_cover(text)
    # only the outer levels are read (the limit keeps the work linear)
    assert len(cover.facts) == ixbrl._MAX_FACT_NESTING
    assert {f.value for f in cover.facts} == {"8-K"}


def test_many_unmatched_end_tags_are_linear() -> None:
    text = doc("<ix:nonNumeric>" * 20_000 + "</ix:other>" * 20_000 + nn("DocumentType", "8-K"))
    with no_runaway():
        cover = extract_cover(text)
    # the fact stands 20,000 unclosed facts deep, below the nesting that is read
    assert cover.document_type is None and cover.facts == []


@pytest.mark.parametrize(
    "text",
    [
        # a "<" that never closes, many times, in a fact (fast and slow text paths)
        doc(nn("EntityRegistrantName", "<a" * 100_000)),
        doc(nn("EntityRegistrantName", "exclude <!-- -->" + "<a" * 100_000)),
        # an attribute whose quote never closes, after a very long name
        doc('<ix:nonNumeric name="dei:DocumentType" ' + "a" * 100_000 + '="x>8-K</ix:nonNumeric>'),
        # roots, declarations and contexts cut short, many times
        "<html xmlns:ix='" * 20_000 + "<ix:nonNumeric>",
        '<ix:header><xbrli:context id="a"' * 20_000,
        "<ix:nonNumeric name='dei:X'>" + "<xbrldi:explicitMember dimension='d'" * 20_000,
    ],
)
def test_pathological_inputs_are_linear(text: str) -> None:
    with no_runaway():
        extract_cover(text)
        ixbrl._scan_document(text, 0, None)


# ================================================================== real filings

needs_corpus = pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus not present")


def _read(path: Path) -> str:
    # The project's source text: decoded, line ends normalised to \n.
    return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")


def _manifest() -> list[dict[str, str]]:
    if not (REAL / "MANIFEST.tsv").is_file():
        return []
    with (REAL / "MANIFEST.tsv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _primary_document(text: str) -> tuple[int, int]:
    """The TEXT block of the first DOCUMENT (the 8-K itself) of a submission."""
    start = text.index("<TEXT>") + len("<TEXT>")
    return start, text.index("</TEXT>", start)


def _header(text: str) -> dict[str, str]:
    """CIK, submission type and period from a labelled or tagged header, minimally."""
    head = text[: text.find("<DOCUMENT>")]
    patterns = {
        "cik": (r"CENTRAL INDEX KEY:\s*(\d+)", r"<CIK>(\d+)"),
        "type": (r"CONFORMED SUBMISSION TYPE:\s*(\S+)", r"<TYPE>([^<\n]+)"),
        "period": (r"CONFORMED PERIOD OF REPORT:\s*(\d{8})", r"<PERIOD>(\d{8})"),
    }
    found = {}
    for key, options in patterns.items():
        for pattern in options:
            m = re.search(pattern, head)
            if m:
                found[key] = m.group(1).strip()
                break
    return found


def _assert_sane(cover: XbrlCover, text: str, start: int, end: int) -> None:
    assert re.fullmatch(r"8-K(/A|12B|12G3|15D5)?(/A)?", cover.document_type.value)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cover.period_end_date.value)
    assert re.fullmatch(r"\d{10}", cover.cik.value)
    assert cover.registrant_name.value
    for field in (
        "written_communications", "soliciting_material", "pre_commencement_tender_offer",
        "pre_commencement_issuer_tender_offer", "emerging_growth_company",
    ):
        fact = getattr(cover, field)
        assert fact is not None and fact.value in ("true", "false"), field
    if cover.state_of_incorporation is not None:
        assert re.fullmatch(r"[A-Z0-9]{2}", cover.state_of_incorporation.value)
    for fact in cover.facts:
        assert fact.span is not None and start <= fact.span.start <= fact.span.end <= end
        # A fact's content starts right after the ">" of its start tag.
        assert text[fact.span.start - 1] == ">"
    for row in cover.securities_12b:
        assert row.title is not None and row.title.value
        if row.exchange is not None:
            assert row.exchange.value in ixbrl.codes.EXCHANGE_CODES


SINGLE_DOCUMENTS = sorted(
    {p.name for p in REAL.glob("*-8k.htm*")}
    | {r["file"] for r in _manifest() if r["kind"] == "ixbrl-8k"}
) if REAL.is_dir() else []
SUBMISSIONS = [
    r["file"] for r in _manifest()
    if r["kind"] == "submission" and r["date_if_known"] >= "2019"
]


@needs_corpus
@pytest.mark.parametrize("name", SINGLE_DOCUMENTS)
def test_real_primary_documents(name: str) -> None:
    text = _read(REAL / name)
    kind = {r["file"]: r["kind"] for r in _manifest()}.get(name)
    cover = extract_cover(text, span_of=span_maker(text))
    if kind != "ixbrl-8k":
        assert cover is None  # HTML 8-Ks from before inline XBRL
        return
    assert cover is not None
    _assert_sane(cover, text, 0, len(text))


@needs_corpus
@pytest.mark.parametrize("name", SUBMISSIONS)
def test_real_submissions_agree_with_their_header(name: str) -> None:
    text = _read(REAL / name)
    start, end = _primary_document(text)
    cover = extract_cover(text, start, end, span_of=span_maker(text))
    if "<ix:" not in text[start:end]:
        assert cover is None  # filed before the filer's inline XBRL phase-in
        return
    _assert_sane(cover, text, start, end)
    header = _header(text)
    assert cover.cik.value == header["cik"]
    assert cover.document_type.value == header["type"]
    assert cover.period_end_date.value.replace("-", "") == header["period"]


@needs_corpus
def test_edgar_crawler_documents_match_their_cik() -> None:
    folder = CORPUS / "edgar-crawler"
    if not (folder / "MANIFEST.tsv").is_file():
        pytest.skip("edgar-crawler corpus not present")
    with (folder / "MANIFEST.tsv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    checked = 0
    for row in rows:
        text = _read(folder / row["file"])
        cover = extract_cover(text, span_of=span_maker(text))
        assert (cover is None) == ("<ix:" not in text), row["file"]
        if cover is None:
            continue
        _assert_sane(cover, text, 0, len(text))
        assert cover.cik.value == row["cik"].zfill(10), row["file"]
        checked += 1
    assert checked >= 50


# ------------------------------------------------------------------ read by hand
# Expected values below were read from the rendered filings, not from this code.


def _cover_of(name: str) -> tuple[XbrlCover, str]:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    text = _read(path)
    return extract_cover(text, span_of=span_maker(text)), text


def _shown(cover: XbrlCover) -> dict[str, str | None]:
    return {
        field: getattr(cover, field).value if getattr(cover, field) else None
        for field in ixbrl._COVER_FIELDS.values()
    }


@needs_corpus
def test_premier_financial_bancorp_2021() -> None:
    cover, text = _cover_of("premier-financial-bancorp-inc-2021-03-29-8k.html")
    assert _shown(cover) == {
        "document_type": "8-K",
        "period_end_date": "2021-03-29",
        "amendment_flag": "false",
        "cik": "0000887919",
        "registrant_name": "PREMIER FINANCIAL BANCORP, INC.",
        "state_of_incorporation": "KY",
        "file_number": "000-20908",
        "tax_id": "61-1206757",
        "address_line1": "2883 5th Avenue",
        "address_line2": None,
        "city": "Huntington",
        "state": "WV",
        "postal_code": "25702",
        "city_area_code": "304",  # the parentheses are outside the tag
        "local_phone": "525-1600",
        "written_communications": "true",  # both Rule 425 and 14a-12 boxes are checked
        "soliciting_material": "true",
        "pre_commencement_tender_offer": "false",
        "pre_commencement_issuer_tender_offer": "false",
        "emerging_growth_company": "false",
        "ex_transition_period": None,  # its box is shown but not tagged
    }
    assert cover.state_of_incorporation.text == "Kentucky"
    [row] = cover.securities_12b
    assert (row.title.value, row.symbol.value, row.exchange.value) == (
        "Common Stock, no par value", "PFBI", "NASDAQ",
    )
    span = cover.registrant_name.span
    assert text[span.start : span.end] == "PREMIER FINANCIAL BANCORP, INC."


@needs_corpus
def test_caterpillar_2022() -> None:
    cover, text = _cover_of("caterpillar-inc-2022-04-28-8k.htm")
    shown = _shown(cover)
    assert shown == {
        "document_type": "8-K",
        "period_end_date": "2022-04-28",
        "amendment_flag": "false",
        "cik": "0000018230",
        "registrant_name": "CATERPILLAR INC.",
        "state_of_incorporation": "DE",
        "file_number": "1-768",
        "tax_id": "37-0602744",
        "address_line1": "510 Lake Cook Road,",  # the tag takes in the comma
        "address_line2": "Suite 100,",
        "city": "Deerfield,",
        "state": "IL",
        "postal_code": "60015",
        "city_area_code": "(224)",
        "local_phone": "551-4000",
        "written_communications": "false",
        "soliciting_material": "false",
        "pre_commencement_tender_offer": "false",
        "pre_commencement_issuer_tender_offer": "false",
        "emerging_growth_company": "false",
        "ex_transition_period": None,
    }
    rows = [
        (r.title.value, r.symbol.value, r.exchange.value) for r in cover.securities_12b
    ]
    assert rows == [
        ("Common Stock ($1.00 par value)", "CAT", "NYSE"),
        ("8% Debentures due February 15, 2023", "CAT23", "NYSE"),
        ("5.3% Debentures due September 15, 2035", "CAT35", "NYSE"),
    ]
    members = [f.member for f in cover.facts if f.name == "dei:TradingSymbol"]
    assert members == [
        "us-gaap:CommonStockMember",
        "cat:A8DebenturesDueFebruary152023Member",
        "cat:A5.3DebenturesDueSeptember152035Member",
    ]
    assert cover.securities_12b[0].exchange.value == "NYSE"
    assert cover.facts[-1].text == "\u2610"  # the EGC box as shown
    exchange = cover.securities_12b[2].exchange.span
    assert text[exchange.start : exchange.end] == "The New York Stock Exchange"


@needs_corpus
def test_oracle_2022() -> None:
    cover, text = _cover_of("oracle-corporation-2022-06-13-8k.htm")
    shown = _shown(cover)
    assert shown == {
        "document_type": "8-K",
        "period_end_date": "2022-06-13",
        "amendment_flag": "false",
        "cik": "0001341439",
        "registrant_name": "Oracle Corporation",
        "state_of_incorporation": "DE",
        "file_number": "001-35992",
        "tax_id": "54-2185193",
        "address_line1": "2300 Oracle Way",
        "address_line2": None,
        "city": "Austin",
        "state": "TX",
        "postal_code": "78741",
        "city_area_code": "(737)",
        "local_phone": "867-1000",
        "written_communications": "false",
        "soliciting_material": "false",
        "pre_commencement_tender_offer": "false",
        "pre_commencement_issuer_tender_offer": "false",
        "emerging_growth_company": "false",
        "ex_transition_period": None,
    }
    # Two classes, one "ORCL" on the page: the symbol tag of the notes is nested in
    # the symbol tag of the common stock, so both carry the same text.
    rows = [
        (r.title.value, r.symbol.value, r.exchange.value) for r in cover.securities_12b
    ]
    assert rows == [
        ("Common Stock, par value $0.01 per share", "ORCL", "NYSE"),
        ("3.125% senior notes due July 2025", "ORCL", "NYSE"),
    ]
    outer, inner = (r.symbol.span for r in cover.securities_12b)
    assert outer.start < inner.start and inner.end < outer.end
    assert text[inner.start : inner.end] == "ORCL"
