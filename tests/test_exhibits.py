"""Exhibit lists (Item 9.01(d) / old Item 7(c), the exhibit index) and their documents."""

from __future__ import annotations

import re

import pytest
from conftest import no_runaway
from eightk import parse, parse_source
from eightk.checks.validate import validate
from eightk.vocab.exhibit_numbers import exhibit_key

HEAD = "FORM 8-K\n\nItem 9.01 Financial Statements and Exhibits.\n\n"
OLD_HEAD = "FORM 8-K\n\nItem 7. Financial Statements and Exhibits.\n\n"


def body(text: str, head: str = HEAD) -> bytes:
    return (head + text).encode()


def submission(text: str, documents: list[tuple[str, str | None]], head: str = HEAD) -> bytes:
    """A minimal submission: the 8-K, then one document per (TYPE, DESCRIPTION)."""
    out = ["<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n", head, text,
           "</TEXT>\n</DOCUMENT>\n"]
    for sequence, (kind, description) in enumerate(documents, start=2):
        out.append(f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n")
        if description:
            out.append(f"<DESCRIPTION>{description}\n")
        out.append("<TEXT>\nThe exhibit.\n</TEXT>\n</DOCUMENT>\n")
    out.append("</SEC-DOCUMENT>\n")
    return "".join(out).encode()


def rows(filing) -> list[tuple[str, str | None]]:
    return [(e.number.value, e.description.value if e.description else None)
            for e in filing.exhibits]


def documents(filing) -> dict[str, int | None]:
    return {e.number.value: e.document for e in filing.exhibits}


def assert_spans_cover(data: bytes) -> None:
    """Each word of a number or description lies inside its span of the source."""
    parsed = parse_source(data)
    text = parsed.source.text
    for exhibit in parsed.filing.exhibits:
        for value in (exhibit.number, exhibit.description):
            if value is None:
                continue
            window = re.sub(r"\s+", " ", text[value.span.start : value.span.end])
            for word in re.findall(r"[A-Za-z0-9]{2,}", value.value):
                assert word in window, (value.value, window)


# ------------------------------------------------------------------ continuation lines


def test_continuation_indented_less_than_the_description():
    text = ("(c) Exhibits:\n\n"
            "                  20.1     Aames Capital Corporation, Mortgage Pass-Through\n"
            "         Certificates, Series 1998-C - Statement to Certificateholders\n\n"
            "                                       2\n")
    data = body(text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("20.1", "Aames Capital Corporation, Mortgage Pass-Through Certificates, "
                 "Series 1998-C - Statement to Certificateholders"),
    ]
    assert_spans_cover(data)


def test_continuation_at_column_zero_until_a_blank_line():
    text = ("(c) The following exhibits are filed as part of this report on Form 8-K:\n\n"
            "Exhibit 10.01 Underwriting Agreement between the Company and\n"
            "Salomon Brothers Inc, dated January 7, 1994.\n\n"
            "Exhibit 99.01 Press Release by Adelphia Communications Corporation\n"
            "dated December 22, 1993.\n\n"
            "The Company will file the statements by amendment.\n")
    data = body(text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("10.01", "Underwriting Agreement between the Company and Salomon Brothers Inc, "
                  "dated January 7, 1994."),
        ("99.01", "Press Release by Adelphia Communications Corporation dated "
                  "December 22, 1993."),
    ]
    assert_spans_cover(data)


def test_continuation_of_a_row_introduced_by_exhibit():
    text = ("      (c)   Exhibits\n\n"
            "            Exhibit 99 - Press release dated July 22, 2004, furnished\n"
            "            pursuant to Item 12\n")
    assert rows(parse(body(text, OLD_HEAD))) == [
        ("99", "Press release dated July 22, 2004, furnished pursuant to Item 12"),
    ]


def test_a_page_number_or_footnote_is_not_a_continuation():
    text = ("(d) Exhibits\n\n"
            "Exhibit 99.1 Press release dated August 30, 1994.\n"
            "-2-\n"
            "99.2*    Investor presentation\n"
            "* Furnished, not filed.\n")
    assert rows(parse(body(text))) == [
        ("99.1", "Press release dated August 30, 1994."),
        ("99.2", "Investor presentation"),
    ]


def test_a_sentence_starting_with_exhibit_inside_a_description_is_not_a_row():
    # collapsed to column 0: the rows are written "1.1", the sentence "Exhibit 1.2 to"
    text = ("(c) Exhibits.\n\n"
            "1.1 Form of Distribution Agreement between the Company and each of\n"
            "the Agents (incorporated herein by reference to\n"
            "Exhibit 1.2 to the Company's Registration Statement on Form S-3\n"
            "(File No. 33-51407)).\n\n"
            "4.3 Officers' Certificate and Company Order dated March 22, 1994.\n")
    data = body(text, OLD_HEAD)
    filing = parse(data)
    assert [n for n, _ in rows(filing)] == ["1.1", "4.3"]
    first = filing.exhibits[0]
    assert first.description.value.endswith("on Form S-3 (File No. 33-51407)).")
    assert first.incorporated_by_reference
    assert_spans_cover(data)


def test_a_row_like_line_at_the_description_column_continues_the_row():
    text = ("(d) Exhibits\n\n"
            "Exhibit No.   Description\n"
            "10.1          Supply Agreement among the Company and its lenders, Exhibit\n"
            "              1 Schedule of Lenders, dated March 3, 2006.\n"
            "99.1          Press release dated March 6, 2006.\n")
    assert rows(parse(body(text))) == [
        ("10.1", "Supply Agreement among the Company and its lenders, Exhibit "
                 "1 Schedule of Lenders, dated March 3, 2006."),
        ("99.1", "Press release dated March 6, 2006."),
    ]


# ------------------------------------------------------------------ number forms


def test_numbers_in_parentheses_are_read_without_them():
    text = ("c. Exhibits\n\n"
            "(2.1) Asset Purchase Agreement among EuroPentair Gmbh and Schroff Gmbh\n"
            "dated December 22, 1993.\n\n"
            "(99) Press Release, dated December 22, 1993.\n")
    data = body(text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("2.1", "Asset Purchase Agreement among EuroPentair Gmbh and Schroff Gmbh "
                "dated December 22, 1993."),
        ("99", "Press Release, dated December 22, 1993."),
    ]
    assert_spans_cover(data)


def test_numbered_paragraphs_are_not_rows():
    text = ("(a) Financial Statements of Business Acquired\n\n"
            "(1) The financial statements required by Item 9.01(a) will be filed by "
            "amendment.\n\n"
            "(d) Exhibits\n\n"
            "99.1   Press release dated May 15, 2007.\n")
    assert rows(parse(body(text))) == [("99.1", "Press release dated May 15, 2007.")]


def test_dotted_numbers_under_a_label_and_notes_after_the_list():
    text = ("(c) Exhibits.\n\n"
            "16. Letter from Coopers & Lybrand re change in\n"
            "certifying accountant.\n\n"
            "Notes to the financial statements of the business acquired follow.\n\n"
            "1. SIGNIFICANT ACCOUNTING POLICIES\n\n"
            "2. INVENTORIES\n")
    assert rows(parse(body(text, OLD_HEAD))) == [
        ("16", "Letter from Coopers & Lybrand re change in certifying accountant."),
    ]


def test_letter_suffixes_are_rows_of_their_own():
    text = ("(c) Exhibits.\n\n"
            "Exhibit No.    Description\n\n"
            "10.16a         Amendment to Loan and Security Agreement dated as of February\n"
            "               24, 1999.\n\n"
            "10.16b         Second Amendment to Loan and Security Agreement dated as of\n"
            "               April 15, 1999.\n\n"
            "10.16c         Subordination Agreement dated as of April 15, 1999.\n")
    data = submission(text, [("EX-10.16A", None), ("EX-10.16B", None), ("EX-10.16C", None)],
                      OLD_HEAD)
    filing = parse(data)
    assert [n for n, _ in rows(filing)] == ["10.16a", "10.16b", "10.16c"]
    assert documents(filing) == {"10.16a": 1, "10.16b": 2, "10.16c": 3}


def test_a_number_split_over_two_table_cells():
    text = ("(d) Exhibits\n\n"
            "2    .1   Stock Purchase Agreement, dated as of June 21, 2007.\n"
            "2    .2   Agreement and Plan of Merger, dated as of May 14, 2007.\n")
    data = body(text)
    assert rows(parse(data)) == [
        ("2.1", "Stock Purchase Agreement, dated as of June 21, 2007."),
        ("2.2", "Agreement and Plan of Merger, dated as of May 14, 2007."),
    ]
    assert_spans_cover(data)


def test_the_label_line_can_hold_the_row():
    text = ("(c) Exhibit 99.1 – Joint Press Release dated March 29, 2021.\n\n"
            "Pursuant to the requirements of the Securities Exchange Act of 1934, the "
            "registrant has duly caused this report to be signed.\n")
    assert rows(parse(body(text))) == [("99.1", "Joint Press Release dated March 29, 2021.")]


def test_a_list_of_exhibit_kinds_each_not_applicable_is_no_list():
    text = ("(c) Exhibits\n\n"
            "(1)    Underwriting agreement\n\n"
            "         Not Applicable.\n\n"
            "(16)   Letter re change in certifying accountant\n\n"
            "         Not Applicable.\n\n"
            "(99)   Additional Exhibits\n\n"
            "         None.\n")
    assert rows(parse(body(text, OLD_HEAD))) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("99.01", "99.1"), ("EX-99.1", "99.1"), ("1(b)", "EX-1.B"), ("10.16b", "EX-10.16B"),
     ("4.5(A)", "4.5a"), ("3(i)", "3.I")],
)
def test_exhibit_keys_compare_equal(first, second):
    assert exhibit_key(first) == exhibit_key(second)


@pytest.mark.parametrize(("first", "second"), [("10.16a", "10.16"), ("99.1", "99.2"),
                                               ("1(a)", "1(b)"), ("101", "101.SCH")])
def test_exhibit_keys_differ(first, second):
    assert exhibit_key(first) != exhibit_key(second)


# ------------------------------------------------------------------ where lists are


def test_combined_heading_with_a_c_label():
    text = ("FORM 8-K\n\nItem 8.01 Other Events; Item 9.01 Financial Statements and Exhibits.\n\n"
            "     The board authorized a repurchase.\n\n"
            "     (c)  Exhibits.\n\n"
            "          99.1   Press release of Redfern Semiconductor Corp. dated\n"
            "                 February 8, 2005.\n")
    assert rows(parse(text.encode())) == [
        ("99.1", "Press release of Redfern Semiconductor Corp. dated February 8, 2005."),
    ]


def test_an_exhibits_label_inside_another_item():
    text = ("FORM 8-K\n\nItem 2.02 Results of Operations and Financial Condition.\n\n"
            "The Company issued a press release, furnished as Exhibit 99.01.\n\n"
            "Exhibits\n\n"
            "The following exhibits relate to the quarter ended December 31, 2006:\n\n"
            "Exhibit 99.01   Press Release.\n"
            "Exhibit 99.02   Financial Highlights.\n")
    data = submission("", [("EX-99.01", None), ("EX-99.02", None)], text)
    filing = parse(data)
    assert rows(filing) == [("99.01", "Press Release."), ("99.02", "Financial Highlights.")]
    assert documents(filing) == {"99.01": 1, "99.02": 2}


def test_an_item_without_a_label_has_no_list_outside_item_9_01():
    text = ("FORM 8-K\n\nItem 8.01 Other Events.\n\n"
            "99.1 Press release is the name the Company gives to this paragraph.\n")
    assert rows(parse(text.encode())) == []


def test_the_heading_can_be_the_label():
    text = "FORM 8-K\n\nItem 7(c). Exhibits.\n\n99.1. Press Release dated November 28, 1994.\n"
    assert rows(parse(text.encode())) == [("99.1", "Press Release dated November 28, 1994.")]


def test_a_mid_paragraph_exhibit_reference_is_not_a_row():
    text = ("The Company issued a press release, a copy of which is attached as\n"
            "Exhibit 99.1. The information is furnished and not filed.\n")
    assert rows(parse(body(text))) == []


# ------------------------------------------------------------------ columns


def test_an_aligned_third_column_is_cut_off():
    text = ("EXHIBITS*\n\n"
            "Designation   Description                          Method of Filing\n"
            "Exhibit 99    News release dated October 3, 2017   Furnished with this Report\n"
            "Exhibit 99.2  Investor presentation with its       Filed with this Report\n"
            "              appendix\n")
    data = body(text)
    assert rows(parse(data)) == [
        ("99", "News release dated October 3, 2017"),
        ("99.2", "Investor presentation with its appendix"),
    ]
    assert_spans_cover(data)


def test_a_trailing_page_column_is_cut_off():
    text = ("(c) Exhibits\n\n"
            "20  Other Documents or Statements to Security Holders\n"
            "    News Release dated March 22, 1994                          Page 3\n")
    assert rows(parse(body(text, OLD_HEAD))) == [
        ("20", "Other Documents or Statements to Security Holders News Release dated "
               "March 22, 1994"),
    ]


def test_a_collapsed_third_column_gives_way_to_the_exhibit_index():
    text = ("EXHIBITS\n"
            "Designation Description Method of\n"
            "Filing\n"
            "- ----------- ------------ ----------------\n"
            "Exhibit 4.1 Purchase Agreement dated as of Incorporated by\n"
            "May 1, 1994 between Ford Motor reference from\n"
            "Credit Company, as seller. the Company's filing.\n\n"
            "SIGNATURES\n\n"
            "FORD CREDIT AUTO RECEIVABLES CORPORATION\n\n"
            "EXHIBIT INDEX\n\n"
            "Designation Description\n"
            "- ----------- -----------\n"
            "Exhibit 4.1* Purchase Agreement dated as of\n"
            "May 1, 1994 between Ford Motor\n"
            "Credit Company, as seller.\n\n"
            "* Incorporated by reference.\n")
    (exhibit,) = parse(body(text, OLD_HEAD)).exhibits
    assert exhibit.number.value == "4.1"
    assert exhibit.description.value == (
        "Purchase Agreement dated as of May 1, 1994 between Ford Motor Credit Company, as seller.")
    assert exhibit.source == "item"



def test_a_legend_after_the_text_below_the_list_marks_its_rows():
    text = ("(c) Exhibits\n\n99.1* Press release dated March 3, 1994.\n\n"
            "The Company will file the financial statements by amendment.\n\n"
            "* Previously filed.\n")
    assert [(e.number.value, e.incorporated_by_reference)
            for e in parse(body(text, OLD_HEAD)).exhibits] == [("99.1", True)]


def test_text_between_rows_is_reported_and_the_rows_are_still_read():
    text = ("(d) Exhibits\n\nExhibit No.   Description\n"
            "10.1          Ore Purchase Agreement between the Company and\n"
            "              Sierra Smelting\n\n                 2\n<PAGE>\n\n"
            "              Company.\n\n99.1          Press release.\n")
    parsed = parse_source(body(text))
    assert rows(parsed.filing) == [
        ("10.1", "Ore Purchase Agreement between the Company and Sierra Smelting"),
        ("99.1", "Press release.")]
    (found,) = [d for d in parsed.filing.diagnostics if d.name == "exhibit-layout"]
    assert found.code == "B207"
    assert parsed.source.text[found.span.start : found.span.end].strip() == "Company."
    assert "broken by a page break" in found.message

# ------------------------------------------------------------------ documents


def test_documents_of_one_type_are_matched_in_order():
    text = ("(c) Exhibits\n\n"
            "Exhibit 10.01 Underwriting Agreement.\n\n"
            "Exhibit 10.02 Registration Agreement.\n\n"
            "Exhibit 10.03 Second Amendment to Loan Agreement.\n\n"
            "Exhibit 99.01 Press Release dated December 22, 1993.\n\n"
            "Exhibit 99.02 Press Release dated January 7, 1994.\n")
    data = submission(text, [("EX-10", "UNDERWRITING AGREEMENT"), ("EX-10", None),
                             ("EX-10", None), ("EX-99", None), ("EX-99", None)], OLD_HEAD)
    assert documents(parse(data)) == {"10.01": 1, "10.02": 2, "10.03": 3, "99.01": 4,
                                      "99.02": 5}


def test_the_document_description_names_the_number():
    text = "(c) Exhibits\n\n7.1* Agreement and Plan of Reorganization.\n\n7.2* Side Agreement.\n"
    # attached in the other order: the descriptions tell them apart
    data = submission(text, [("EX-7", "EXHIBIT 7.2"), ("EX-7", "EXHIBIT 7.1")], OLD_HEAD)
    assert documents(parse(data)) == {"7.1": 2, "7.2": 1}


def test_letter_numbers_match_letter_types_and_descriptions():
    text = ("(c) Exhibits:\n\n"
            "1(a) Underwriting Agreement.\n\n1(b) Standard Provisions (Debt).\n\n"
            "4(a) Indenture.\n\n4(b) Form of Note.\n\n12 Statement re: Ratio of Earnings.\n")
    data = submission(text, [("EX-1", "EXHIBIT 1.A"), ("EX-1", "EXHIBIT 1.B"),
                             ("EX-4(A)", None), ("EX-4.B", None), ("EX-12", "EXHIBIT 12")],
                      OLD_HEAD)
    assert documents(parse(data)) == {"1(a)": 1, "1(b)": 2, "4(a)": 3, "4(b)": 4, "12": 5}


def test_incorporated_exhibits_take_a_shared_type_last():
    text = ("(c) Exhibits\n\n"
            "10.1 Credit Agreement (incorporated by reference to Exhibit 10.1 to the "
            "Company's Form 10-Q).\n\n"
            "10.2 Amendment No. 1 to the Credit Agreement.\n")
    data = submission(text, [("EX-10", None)], OLD_HEAD)
    assert documents(parse(data)) == {"10.1": None, "10.2": 1}


def test_a_general_number_takes_a_single_finer_document_or_the_first_of_its_files():
    text = ("(d) Exhibits\n\n"
            "4.5    Specimens of Notes\n"
            "99     Press release\n"
            "101    Inline XBRL documents\n")
    data = submission(text, [("EX-4.5(A)", None), ("EX-4.5(B)", None), ("EX-99.1", None),
                             ("EX-101.SCH", None), ("EX-101.LAB", None)])
    assert documents(parse(data)) == {"4.5": None, "99": 3, "101": 4}


def test_one_document_is_not_given_to_two_exhibits():
    text = "(d) Exhibits\n\n99.1   Press release\n99.2   Presentation\n"
    data = submission(text, [("EX-99", None)])
    assert documents(parse(data)) == {"99.1": 1, "99.2": None}


# ------------------------------------------------------------------ HTML, robustness


def test_an_html_exhibit_table():
    html = (b"<html><body><p>FORM 8-K</p>"
            b"<p>Item 9.01 Financial Statements and Exhibits.</p><p>(d) Exhibits.</p>"
            b"<table><tr><td>Exhibit<br>Number</td><td>Exhibit Description</td></tr>"
            b"<tr><td>99.1</td><td>Press release issued by the Company on<br>"
            b"February 1, 2024.</td></tr>"
            b"<tr><td>104</td><td>Inline XBRL for the cover page of this Current Report."
            b"</td></tr></table><p>SIGNATURES</p></body></html>")
    assert rows(parse(html)) == [
        ("99.1", "Press release issued by the Company on February 1, 2024."),
        ("104", "Inline XBRL for the cover page of this Current Report."),
    ]


@pytest.mark.parametrize(
    "junk",
    ["Exhibit" + " " * 200000 + "x", "99.1 " + "- " * 300000, "(1" * 300000,
     "1.1." * 200000, "Exhibit " * 100000, "(c) Exhibits" + " " * 300000 + ":",
     "99.1  " + "Press " * 200000],
)
def test_long_lines_are_read_quickly(junk):
    data = body("(d) Exhibits\n\n" + junk + "\n\n" + junk + "\n")
    with no_runaway():
        assert parse(data).items
        assert parse(submission(junk + "\n", [("EX-99", junk[:1000])])).documents


# ------------------------------------------------------------------ the exhibit rules


def findings(data: bytes) -> list[tuple[str, str]]:
    """The exhibit rules' findings: (code, message)."""
    return [(d.code, d.message) for d in validate(parse_source(data))
            if d.name in ("exhibit-not-attached", "exhibit-not-listed")]


SIGNED = ("\nSIGNATURES\n\nPursuant to the requirements of the Securities Exchange Act of "
          "1934, the registrant has duly caused this report to be signed on its behalf by "
          "the undersigned hereunto duly authorized.\n\nACME WIDGET CORPORATION\n\n"
          "By: /s/ Jane Roe\nJane Roe, Secretary\n\nDate: March 3, 1994\n")


def test_an_unexplained_missing_exhibit_is_reported():
    text = "(c) Exhibits\n\n10.1 Credit Agreement.\n\n99.1 Press release.\n" + SIGNED
    data = submission(text, [("EX-99.1", None), ("EX-13", None)], OLD_HEAD)
    assert sorted(code for code, _ in findings(data)) == ["X601"]  # paired with EX-13
    data = submission(text, [("EX-99.1", None)], OLD_HEAD)
    assert [code for code, _ in findings(data)] == ["X601"]


def test_footnote_markers_apply_their_legend():
    text = ("(c) Exhibits\n\n"
            "*2.1 Agreement of Merger, dated as of July 28, 1993.\n\n"
            "10.1* Credit Agreement, dated as of December 14, 1993.\n\n"
            "10.2 Registration Rights Agreement, dated as of December 14, 1993**\n\n"
            "***23.1 Consent of independent accountants.\n\n"
            "99.1+ Press release.\n"
            "- ---------------\n"
            "* Previously filed.\n\n"
            "** Incorporated by reference to Exhibit 4 to the Company's Form S-3\n"
            "(File No. 33-51373).\n\n"
            "*** Filed with this Report.\n"
            "+ Furnished and not filed, and may only be incorporated by reference in\n"
            "another filing if that filing says so.\n" + SIGNED)
    data = submission(text, [("EX-23.1", None)], OLD_HEAD)
    filing = parse(data)
    assert [n for n, _ in rows(filing)] == ["2.1", "10.1", "10.2", "23.1", "99.1"]
    assert {e.number.value: e.incorporated_by_reference for e in filing.exhibits} == {
        "2.1": True, "10.1": True, "10.2": True, "23.1": False, "99.1": False}
    assert [m for _, m in findings(data)] == [
        "Exhibit 99.1 is listed but no document of type EX-99.1 is attached"]


def test_a_legend_below_the_exhibit_index_marks_the_item_row():
    text = ("(c) Exhibits\n\n"
            "2.1 Agreement and Plan of Merger, dated as of July 10, 1994.\n\n"
            "23.1 Consent of Deloitte & Touche LLP.\n" + SIGNED + "\n"
            "EXHIBIT INDEX\n\n"
            "*2.1 Agreement and Plan of Merger, dated as of July 10, 1994.\n"
            "23.1 Consent of Deloitte & Touche LLP.\n"
            "- --------\n"
            "* Pursuant to Rule 12b-32 of the Securities Exchange Act of 1934,\n"
            "Exhibit 2.1 is hereby incorporated by reference to the Schedule 14D-1.\n")
    data = submission(text, [("EX-23.1", None)], OLD_HEAD)
    filing = parse(data)
    assert [(e.number.value, e.incorporated_by_reference) for e in filing.exhibits] == [
        ("2.1", True), ("23.1", False)]
    assert findings(data) == []


def test_a_previously_filed_note_below_a_row_belongs_to_it():
    text = ("(c) EXHIBITS:\n\n"
            "Exhibit\nNumber Description\n\n"
            "2(a) Agreement and Plan of Merger dated August 14, 1994,\n"
            "between the Company and Knogo Corporation\n\n"
            "(previously filed)\n\n"
            "2(b) Form of License Agreement between Knogo and Knogo North America\n\n"
            "(Schedules to Exhibits 2(a) and 2(b) are not included. Copies will be\n"
            "furnished supplementally upon request.)\n\n"
            "23(a) Consent of Deloitte & Touche LLP\n" + SIGNED)
    data = submission(text, [("EX-23.A", None)], OLD_HEAD)
    filing = parse(data)
    assert [(e.number.value, e.incorporated_by_reference) for e in filing.exhibits] == [
        ("2(a)", True), ("2(b)", False), ("23(a)", False)]
    assert [m for _, m in findings(data)] == [
        "Exhibit 2(b) is listed but no document of type EX-2(b) is attached"]


def test_an_exhibit_included_in_another_is_not_missing():
    text = ("(c) Exhibits\n\n"
            "NUMBER DESCRIPTION\n\n"
            "2.2 Form of Agreement of Limited Partnership\n\n"
            "4.1 Form of Preferred Securities Certificate\n(included in 2.2)\n\n"
            "4.3 Form of Indenture\n\n"
            "4.4 Form of Subordinated Debenture (included as Exhibit A to Exhibit 4.3)\n\n"
            "4.8 Form of Depositary Receipt (included in 4.7)\n" + SIGNED)
    data = submission(text, [("EX-2.2", None), ("EX-4.3", None)], OLD_HEAD)
    # 4.7 is neither listed nor attached: 4.8 is missing
    assert [m for _, m in findings(data)] == [
        "Exhibit 4.8 is listed but no document of type EX-4.8 is attached"]


def test_an_exhibit_attached_in_lettered_parts():
    text = ("(c) Exhibits.\n\n"
            "4.3 Officers' Certificate.\n\n"
            "4.5 Specimens of Notes:\n"
            "(a) Series F Fixed Rate Note;\n"
            "(b) Series F Floating Rate Note.\n" + SIGNED)
    data = submission(text, [("EX-4.3", None), ("EX-4.5(A)", None), ("EX-4.5(B)", None),
                             ("EX-4.6(A)", None)], OLD_HEAD)
    filing = parse(data)
    assert documents(filing) == {"4.3": 1, "4.5": None}
    assert [m for _, m in findings(data)] == ["document 5 (EX-4.6(A)) is not in the exhibit list"]


def test_a_continuation_line_is_not_a_row():
    text = ("(c) Exhibits.\n\n"
            "Exhibit\nNo. Description\n_______ ___________\n\n"
            "1.3 Terms Agreement, dated\n"
            "February 23, 1994, in\n"
            "connection with the\n"
            "offering of $100,000,000\n"
            "of First Mortgage Bonds,\n"
            "6 5/8% Series due 2004.\n\n"
            "4.5 Fifty-third Supplemental Indenture relating to the\n"
            "7 Series of Bonds.\n\n"
            "4.6 Form of Bond of\n"
            "8 3/4% Series due 2004.\n\n"
            "12.3 Computation of Ratio of Earnings to Fixed Charges.\n")
    data = body(text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("1.3", "Terms Agreement, dated February 23, 1994, in connection with the offering of "
                "$100,000,000 of First Mortgage Bonds, 6 5/8% Series due 2004."),
        ("4.5", "Fifty-third Supplemental Indenture relating to the 7 Series of Bonds."),
        ("4.6", "Form of Bond of 8 3/4% Series due 2004."),
        ("12.3", "Computation of Ratio of Earnings to Fixed Charges."),
    ]
    assert_spans_cover(data)


def test_an_index_row_goes_on_after_a_blank_line_when_its_text_does():
    text = ("(c) Exhibits\n\n"
            "(99) Press release and additional information of Deere &\nCompany\n\n"
            "(23) Consent of Deloitte & Touche LLP\n" + SIGNED +
            "\nEXHIBIT INDEX\n\n"
            "Sequential\n"
            "Number and Description of Exhibit               Page Number\n\n"
            "99. Press release and additional information of \n\n"
            "Deere & Company (Incorporated by reference\n"
            "to Deere & Company Current Report on Form 8-K\n"
            "dated December 6, 1994, file number 1-4121.\n\n"
            "23. Consent of Deloitte & Touche LLP\n")
    data = submission(text, [("EX-23", None)], OLD_HEAD)
    exhibit = parse(data).exhibits[0]
    assert exhibit.number.value == "99" and exhibit.incorporated_by_reference
    assert findings(data) == []


def test_an_exhibit_named_in_prose_on_the_label_line():
    text = ("(c)      Exhibits.  Exhibit  16,  the  letter  from  PricewaterhouseCoopers  LLP\n"
            "         regarding the  foregoing  change in  certifying  accountants,  is being\n"
            "         attached in  accordance  with the  provisions of Item 601 of Regulation\n"
            "         S-K.\n" + SIGNED)
    data = submission(text, [("EX-16", "LETTER RE: CHANGE OF CERTIFYING ACCOUNTANT")],
                      OLD_HEAD)
    filing = parse(data)
    assert [(e.number.value, e.document) for e in filing.exhibits] == [("16", 1)]
    assert filing.exhibits[0].description.value.startswith("the letter from Price")
    assert findings(data) == []
    # a number followed by a comma is no row without "Exhibit"
    assert rows(parse(body("(c) Exhibits\n\n15, 1994 Agreement.\n", OLD_HEAD))) == []


@pytest.mark.parametrize("entry", ["The Agreement.",
                                   "The Registrant's press release of January 24, 1994."])
def test_unnumbered_entries_stand_for_attached_documents(entry):
    text = f"(c) Exhibits\n\n{entry}\n" + SIGNED
    assert findings(submission(text, [("EX-99", None)], OLD_HEAD)) == []
    # one entry stands for one document
    assert [m for _, m in findings(submission(text, [("EX-99", None), ("EX-10", None)],
                                              OLD_HEAD))] == [
        "document 3 (EX-10) is not in the exhibit list"]
    # a sentence about the exhibits is no entry
    text = "(c) Exhibits\n\nThe exhibits are listed in the Exhibit Index.\n" + SIGNED
    assert [code for code, _ in findings(submission(text, [("EX-99", None)], OLD_HEAD))] == [
        "X602"]


def test_an_exhibit_on_a_later_page_of_the_8k_itself():
    text = ("ITEM 5 - OTHER EVENTS\n\nThe Company's news release dated March 22, 1994 is "
            "incorporated herein by reference.\n" + SIGNED + "\n"
            "EXHIBIT INDEX\n\n"
            "20  Other Documents or Statements to Security Holders\n"
            "    News Release dated March 22, 1994                          Page 3\n"
            "27  Financial Data Schedule\n\n"
            "                                -2-<PAGE>\n"
            "                                        FOR IMMEDIATE RELEASE\n"
            "ACME ANNOUNCES EARNINGS\n\nErie, PA ... Acme announced today.\n")
    head = "FORM 8-K\n\nCurrent report\n\n                    -1-<PAGE>\n\n"
    data = submission(text, [("EX-27", None)], head)
    assert findings(data) == []
    # without the page it points at, the exhibit is missing
    data = submission(text.split("                                -2-<PAGE>")[0], [("EX-27", None)],
                      head)
    assert [code for code, _ in findings(data)] == ["X601"]


def test_an_exhibit_on_a_page_hereof():
    text = ("(c) Exhibits\n\n"
            "11 Computation of earnings per share.\n\n"
            "23 Consent of Ernst & Young (see page 25\nhereof).\n" + SIGNED)
    data = submission(text, [("EX-11", None)], OLD_HEAD)
    assert findings(data) == []


def test_an_exhibit_under_its_own_heading_after_the_signatures():
    text = ("(c) Exhibits\n\n"
            "*4.1 Articles Supplementary of the Company filed with the State of\n"
            "Maryland on October 13, 1994.\n\n"
            "*23 Consents of experts.\n\n"
            "99 Form of Acme Widget Salary Continuation Agreement\n\n"
            "*Filed herewith.\n" + SIGNED + "\n<PAGE>\n\n"
            "CONSENT OF INDEPENDENT AUDITORS\n\nWe consent to the incorporation by reference.\n"
            "\n<PAGE>\n\n"
            "                         ACME WIDGET CORPORATION\n\n"
            "                         ARTICLES SUPPLEMENTARY\n\n"
            "FIRST: The Board reclassified the shares.\n\n"
            "                              ACME WIDGET\n"
            "                    SALARY CONTINUATION AGREEMENT\n\n"
            "THIS AGREEMENT is entered into this day.\n")
    data = submission(text, [("EX-10", None)], OLD_HEAD)
    assert [code for code, _ in findings(data)] == ["X602"]
    # the registrant's name alone is no heading of an exhibit
    text = ("(c) Exhibits\n\n99 Form of Acme Widget Note\n\n10 Loan Agreement\n" + SIGNED +
            "\n<PAGE>\n\nACME WIDGET CORPORATION\n\nThe text.\n")
    data = submission(text, [("EX-10", None)], OLD_HEAD)
    assert [code for code, _ in findings(data)] == ["X601"]


def test_filed_herewith_when_the_8k_goes_on_after_its_signatures():
    text = ("(c) Exhibits\n\n*4.1.3 Articles Supplementary of the Company.\n\n"
            "*23 Consent of Ernst & Young LLP.\n\n*Filed herewith.\n" + SIGNED)
    appended = "\n<PAGE>\n\n" + "".join(f"Article {n}. The text goes on.\n" for n in range(20))
    documents = [("EX-23", None)]
    assert findings(submission(text + appended, documents, OLD_HEAD)) == []
    assert [code for code, _ in findings(submission(text, documents, OLD_HEAD))] == ["X601"]


def test_a_listed_exhibit_attached_under_another_number_is_reported_once():
    text = ("(c) Exhibit\n\n"
            "1.  Agreement and Plan of Reorganization and Merger, dated as of September\n"
            "    30, 1996.\n" + SIGNED)
    data = submission(text, [("EX-2", "REORGANIZATION AGREEMENT")], OLD_HEAD)
    (diagnostic,) = [d for d in validate(parse_source(data))
                     if d.name in ("exhibit-not-attached", "exhibit-not-listed")]
    assert diagnostic.code == "X601"
    assert "EX-2" in diagnostic.message
    assert [label.message for label in diagnostic.labels] == [
        "listed here", "attached here, not in the exhibit list"]


@pytest.mark.parametrize(
    "junk",
    ["*" * 300000, "* " * 300000, "99.1 Press release of" + " of" * 200000,
     "99.1 Press" + " " * 300000 + "3", "99.1 see page 3 hereof " * 20000,
     "(c) Exhibits. Exhibit 16, " + "a " * 300000, "included in " * 100000,
     "CONSENT " * 100000, "6 5/8" * 200000, "(previously filed" + " " * 300000,
     "\n<PAGE>" * 20000],
)
def test_the_rules_read_long_lines(junk):
    text = f"(c) Exhibits\n\n*99.1 {junk}\n\n{junk}\n\n* {junk}\n" + SIGNED + f"\n<PAGE>\n{junk}\n"
    with no_runaway():
        for data in (submission(text, [("EX-99", junk[:1000]), ("EX-4.5(A)", None)], OLD_HEAD),
                     body(text)):
            parsed = parse_source(data)
            validate(parsed)
            assert parsed.filing.items, "the item before the junk is still read"


# ------------------------------------------------------------------ clean numbers and texts


def test_leaders_and_runs_of_spaces_are_no_part_of_a_description():
    text = ("(c) Exhibits\n\n"
            "Exhibit No.     Description                                           Page\n"
            "-----------     -----------                                           ----\n"
            "    2           Agreement and Plan of Merger dated as of\n"
            "                January 14, 1994 ____________________________          5\n"
            "    23          Consent of Arbor & Finch LLP, Independent Accountants......\n"
            "    99          Press release dated March 1, 1994 ----------------     16\n"
            "    99.2        Letter    to    shareholders    dated    March    1,\n"
            "                1994\n")
    data = body(text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("2", "Agreement and Plan of Merger dated as of January 14, 1994"),
        ("23", "Consent of Arbor & Finch LLP, Independent Accountants"),
        ("99", "Press release dated March 1, 1994"),
        ("99.2", "Letter to shareholders dated March 1, 1994"),
    ]
    assert_spans_cover(data)


def test_a_contents_table_lists_document_types_not_numbers():
    # "EX-1.1" of a contents table is exhibit 1.1, as the item's own list says
    text = ("Item 9.01 Financial Statements and Exhibits\nSIGNATURES\nEXHIBIT INDEX\n"
            "Ex-1.1 Underwriting Agreement\nEx-99.1 Press Release\n<PAGE>\n\n"
            "Item 9.01 Financial Statements and Exhibits.\n\n(d) Exhibits\n\n"
            "1.1   Underwriting Agreement dated May 2, 2017.\n"
            "99.1  Press release dated May 2, 2017.\n")
    filing = parse(body(text, "FORM 8-K\n\n"))
    assert sorted(e.number.value for e in filing.exhibits) == ["1.1", "99.1"]


def test_page_ranges_of_a_1994_index_are_no_exhibits():
    text = ("                                EXHIBIT INDEX\n\n"
            "                                                              Sequentially\n"
            "Exhibit                                                         Numbered\n"
            "Number      Description                                           Page\n"
            "-------     -----------                                       ------------\n\n"
            "  2         Agreement and Plan of Merger dated as of\n"
            "            January 14, 1994, between the Registrant and\n"
            "            Baxter Tool Co.\n"
            "                                                                 1 - 15\n"
            "  99        Press release dated March 1, 1994\n"
            "                                                                16 - 17\n"
            "  99.2      Letter to shareholders                             18 through 19\n")
    data = body("(c) Exhibits. See the Exhibit Index.\n\n" + text, OLD_HEAD)
    assert rows(parse(data)) == [
        ("2", "Agreement and Plan of Merger dated as of January 14, 1994, between the "
              "Registrant and Baxter Tool Co."),
        ("99", "Press release dated March 1, 1994"),
        ("99.2", "Letter to shareholders"),
    ]


def test_prices_in_a_press_release_are_no_exhibit_numbers():
    # the press release follows the exhibit index in the 8-K document
    text = ("EXHIBIT INDEX\n\nExhibit No.     Description\n-----------     -----------\n"
            "    99          Press release dated March 1, 1994\n\n<PAGE>\n"
            "                                                                  Exhibit 99\n\n"
            "     BOSTON, March 1, 1994 -- Acme Widgets, Inc. announced today the final\n"
            "results of its Dutch auction tender offer. Shares were tendered at these\n"
            "prices:\n\n"
            "     Price per share          Shares tendered\n"
            "     10.50                    1,250,000\n"
            "     10.75                      810,400\n\n"
            "     The Company accepted for purchase 2,060,400 shares at a price of\n"
            "10.50 per share, net to the seller in cash.\n")
    data = body("(c) Exhibits. See the Exhibit Index.\n\n" + text, OLD_HEAD)
    assert rows(parse(data)) == [("99", "Press release dated March 1, 1994")]


def test_the_incorporated_test_answers_as_its_pattern_does():
    # a description with neither "filed" nor "incorporated" (case ignored) is not
    # scanned: the same answer as the pattern's, whatever the case or a character
    # the pattern folds to an ASCII letter (the dotless i, the long s)
    from eightk.body.exhibits import INCORPORATED, incorporated
    words = ["incorporated herein by reference", "INCORPORATED BY REFERENCE", "Previously Filed",
             "filed as Exhibit 10.1", "FILED\tAS   EXHIBIT", "fıled as exhibit",
             "ıncorporated by reference", "\u0130ncorporated by reference", "previou\u017fly filed",
             "Press release", "Agreement filed herewith", "incorporated", "previously  filed",
             "Incorporated by\nreference", "Letter re incorporation by reference", ""]
    for before in ("", "Form of Indenture, ", "Ünïcode text "):
        for word in words:
            text = before + word
            assert incorporated(text) == (INCORPORATED.search(text) is not None), text
