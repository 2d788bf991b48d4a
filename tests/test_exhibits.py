"""Exhibit lists (Item 9.01(d) / old Item 7(c), the exhibit index) and their documents."""

from __future__ import annotations

import re
import time

import pytest

from parser import parse, parse_source
from parser.exhibits import exhibit_key

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
    started = time.monotonic()
    parse(data)
    parse(submission(junk + "\n", [("EX-99", junk[:1000])]))
    assert time.monotonic() - started < 5
