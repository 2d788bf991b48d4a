"""The 8-K text: headings of both eras, cover columns, signatures, exhibit lists."""

from __future__ import annotations

import pytest
from eightk import parse, parse_text
from eightk.body import lexer as body_lexer
from eightk.vocab.items import key_for_title, normalise_number

COVER = """\
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT
                     Pursuant to Section 13 or 15(d) of the
                         Securities Exchange Act of 1934

       Date of Report (Date of Earliest Event Reported): March 3, 2006

                          HOLLOWAY GRAIN COMPANY, INC.
             (Exact name of Registrant as Specified in its Charter)

            Kansas                       001-31234               48-0938271
(State or other Jurisdiction of      (Commission File          (IRS Employer
Incorporation or Organization)           Number)             Identification No.)

        200 Elevator Row
          Salina, Kansas                                  67401
----------------------------------------                ----------
(Address of principal executive offices)                (Zip code)

       Registrant's telephone number, including area code: (785) 555-0100

                                 Not Applicable
          (Former name or former address, if changed since last report)

[X]  Written communications pursuant to Rule 425 under the Securities Act
     (17 CFR 230.425)
[ ]  Soliciting material pursuant to Rule 14a-12 under the Exchange Act
[ ]  Pre-commencement communications pursuant to Rule 14d-2(b) under the
     Exchange Act (17 CFR 240.14d-2(b))
[ ]  Pre-commencement communications pursuant to Rule 13e-4(c) under the
     Exchange Act (17 CFR 240.13e-4(c))
"""

SIGNATURES = """
                                   SIGNATURES

      Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                              HOLLOWAY GRAIN COMPANY, INC.

                                              By: /s/ Miriam T. Okafor
                                                  ---------------------------
                                                  Miriam T. Okafor
                                                  Vice President, Finance and
Date: March 6, 2006                               Treasurer
"""


def body(items: str, signatures: str = SIGNATURES) -> bytes:
    return (COVER + "\n" + items + signatures).encode()


def test_cover_columns_resolve_by_position():
    filing = parse(body("Item 8.01 Other Events.\n\nThe company moved.\n"))
    cover = filing.cover
    assert cover.form_type.value == "8-K"
    assert str(cover.date_of_report.value) == "2006-03-03"
    (reg,) = cover.registrants
    assert reg.name.value == "HOLLOWAY GRAIN COMPANY, INC."
    assert (reg.state.value, reg.file_number.value, reg.irs_number.value) == (
        "Kansas", "001-31234", "48-0938271")
    assert reg.address.value == "200 Elevator Row, Salina, Kansas"
    assert reg.zip.value == "67401"
    assert reg.phone.value == "(785) 555-0100"
    assert reg.former_name.value == "Not Applicable"
    boxes = {b.name: b.checked for b in cover.check_boxes}
    assert boxes == {
        "written-communications": True,
        "soliciting-material": False,
        "pre-commencement-tender-offer": False,
        "pre-commencement-issuer-tender-offer": False,
    }


def test_value_spans_point_at_the_values():
    data = body("Item 8.01 Other Events.\n\nThe company moved.\n")
    filing = parse(data)
    text = data.decode()
    reg = filing.cover.registrants[0]
    for value in (reg.state, reg.file_number, reg.irs_number, reg.zip, reg.phone):
        assert text[value.span.start : value.span.end] == value.value


def test_two_column_signature_is_not_interleaved():
    filing = parse(body("Item 8.01 Other Events.\n\nThe company moved.\n"))
    (sig,) = filing.signatures
    assert sig.registrant.value == "HOLLOWAY GRAIN COMPANY, INC."
    assert sig.name.value == "Miriam T. Okafor"
    assert sig.title.value == "Vice President, Finance and Treasurer"
    assert str(sig.date.value) == "2006-03-06"
    assert sig.conformed


def test_signature_without_s_is_not_conformed():
    filing = parse(body("Item 8.01 Other Events.\n\nText.\n",
                        SIGNATURES.replace("/s/ Miriam", "Miriam")))
    assert filing.signatures[0].conformed is False
    assert filing.signatures[0].name.value == "Miriam T. Okafor"


HEADINGS = [
    ("Item 2.02 Results of Operations and Financial Condition", ["2.02"]),
    ("Item 2.02.  Results of Operations and Financial Condition.", ["2.02"]),
    ("ITEM 2.02 - RESULTS OF OPERATIONS AND FINANCIAL CONDITION", ["2.02"]),
    ("ITEM 2. 02 RESULTS OF OPERATIONS AND FINANCIAL CONDITION", ["2.02"]),
    ("Item 2.02:", ["2.02"]),
    ("Items 2.02 and 7.01.  Results of Operations; Regulation FD Disclosure", ["2.02", "7.01"]),
    ("Items 1 through 4. Not applicable.", ["1", "2", "3", "4"]),
    ("Item 5. Other Events", ["5"]),
    ("ITEM 7.", ["7"]),
    ("Item 7(c). Exhibits", ["7"]),
    ("Item 9.01(d) Exhibits", ["9.01"]),
    ("     ITEM 12.  RESULTS OF OPERATIONS AND FINANCIAL CONDITION", ["12"]),
    ("Item 5.2 Departure of Directors", ["5.2"]),
    # a dash or colon between the word and the number (2010s small filers)
    ("Item - 5.02  Departure of Directors or Certain Officers", ["5.02"]),
    ("ITEM - 9.01 FINANCIAL STATEMENTS AND EXHIBITS", ["9.01"]),
    ("Item: 8.01 Other Events", ["8.01"]),
]


@pytest.mark.parametrize("heading, keys", HEADINGS)
def test_item_heading_variants(heading, keys):
    filing = parse(body(f"{heading}\n\nSome text for the item.\n"))
    assert [i.key for i in filing.items] == keys


@pytest.mark.parametrize(
    "sentence",
    [
        "Item 2.02 of this Current Report is incorporated by reference.",
        "Item 7 of Form 8-K requires the financial statements.",
        "Items 2.02 and 9.01 of Form 8-K apply.",
        "Item 8.01, the Company said, is voluntary.",
        "Itemized deductions are not affected.",
    ],
)
def test_sentences_starting_with_item_are_not_headings(sentence):
    assert body_lexer.vocabulary().classify(sentence)[0] == "TEXT"


def test_a_dash_before_the_number_is_no_heading_in_a_sentence():
    # the dash makes "Item - 5.02" a heading only where "Item 5.02" would be one
    assert body_lexer.vocabulary().classify("Item - 5.02 of this report applies.")[0] == "TEXT"


CONTENTS = """<PAGE>
Table of Contents

TABLE OF CONTENTS

Item 1.01 Entry into a Material Definitive Agreement
Item 2.03 Creation of a Direct Financial Obligation
Item 9.01 Financial Statements and Exhibits
SIGNATURES
EXHIBIT INDEX
<PAGE>
Table of Contents

Item 1.01 Entry into a Material Definitive Agreement.

The information set forth under Item 2.03 below is incorporated herein by reference.

Item 2.03 Creation of a Direct Financial Obligation.

On March 3, 2006, the Company entered into a Credit Agreement with Plains Bank, as
administrative agent, providing for a revolving credit facility of up to $40 million.
Borrowings bear interest at LIBOR plus 1.50% and mature on March 3, 2011.

Item 9.01 Financial Statements and Exhibits.

(d) Exhibits

10.1  Credit Agreement dated as of March 3, 2006.
<PAGE>
Table of Contents
"""


def test_a_short_first_item_after_the_contents_page_is_kept():
    # the contents table ends at its page break: the Item 1.01 under the running
    # "Table of Contents" header of the next page is the report's, however short
    filing = parse(body(CONTENTS))
    assert [i.key for i in filing.items] == ["1.01", "2.03", "9.01"]
    first = filing.items[0]
    assert first.body.value.startswith("The information set forth under Item 2.03")
    assert [e.number.value for e in filing.exhibits] == ["10.1"]


def test_the_contents_page_ends_with_its_exhibit_entries():
    # Nuance 2008: the contents table lists the exhibits under EXHIBIT INDEX, more
    # entries than a short part holds, up to its page break; they go with it, and
    # the exhibits are read from Item 9.01 and the exhibit index
    entries = "".join(f"EX-{n} {d}\n" for n, d in [
        ("1.1", "Underwriting Agreement"), ("4.1", "Indenture"), ("4.2", "Form of Note"),
        ("5.1", "Opinion of Counsel"), ("23.1", "Consent of Counsel"),
        ("99.1", "Press Release")])
    contents = (f"<PAGE>\nTABLE OF CONTENTS\n\nItem 8.01 Other Events\n"
                f"Item 9.01 Financial Statements and Exhibits\nSIGNATURES\nEXHIBIT INDEX\n"
                f"{entries}<PAGE>\nTable of Contents\n\n")
    report = ("Item 8.01 Other Events.\n\nOn March 3, 2006, the Company sold $40 million of "
              "notes.\n\nItem 9.01 Financial Statements and Exhibits.\n\n(d) Exhibits\n\n"
              + "".join(f"{n}  {d} dated March 3, 2006.\n" for n, d in [
                  ("1.1", "Underwriting Agreement"), ("4.1", "Indenture"),
                  ("4.2", "Form of Note"), ("5.1", "Opinion of Counsel"),
                  ("23.1", "Consent of Counsel"), ("99.1", "Press release")]))
    index = "\nEXHIBIT INDEX\n\n" + "".join(f"{n}  {d}\n" for n, d in [
        ("1.1", "Underwriting Agreement"), ("99.1", "Press release")])
    filing = parse(body(contents + report, SIGNATURES + index))
    assert [i.key for i in filing.items] == ["8.01", "9.01"]
    exhibits = [(e.number.value, e.description.value, e.source) for e in filing.exhibits]
    assert exhibits[0] == ("1.1", "Underwriting Agreement dated March 3, 2006.", "item")
    assert [n for n, _, _ in exhibits] == ["1.1", "4.1", "4.2", "5.1", "23.1", "99.1"]


def test_title_on_the_next_line_and_sub_paragraphs():
    filing = parse(body("Item 1.01.\nEntry into a Material Definitive Agreement.\n\n"
                        "On March 3 the company signed.\n\n"
                        "Item 9.01  Financial Statements and Exhibits.\n\n(d) Exhibits\n\n"
                        "Exhibit No.   Description\n"
                        "10.1          Supply Agreement dated March 3, 2006, between the\n"
                        "              Company and Prairie Rail LLC.\n"
                        "99.1          Press release dated March 6, 2006.\n"))
    first, second = filing.items
    assert first.title_as_written.value == "Entry into a Material Definitive Agreement"
    assert first.body.value == "On March 3 the company signed."
    assert second.title == "Financial Statements and Exhibits"
    numbers = [(e.number.value, e.description.value) for e in filing.exhibits]
    assert numbers == [
        ("10.1", "Supply Agreement dated March 3, 2006, between the Company and Prairie Rail LLC."),
        ("99.1", "Press release dated March 6, 2006."),
    ]


def test_old_items_keep_their_number_and_map_to_new():
    filing = parse(body("Item 5. Other Events\n\nText.\n\nItem 7. Financial Statements and "
                        "Exhibits\n\n(c) Exhibits\n\n99  Press release.\n"))
    assert [(i.key, i.canonical, i.era) for i in filing.items] == [
        ("5", "8.01", "pre-2004"), ("7", "9.01", "pre-2004")]


def test_not_applicable_items():
    filing = parse(body("Items 1 through 4. Not applicable.\n\nItem 5. Other Events\n\n"
                        "The board met.\n\nItem 6. Not applicable.\n"))
    states = [(i.key, i.not_applicable) for i in filing.items]
    assert states == [("1", True), ("2", True), ("3", True), ("4", True), ("5", False),
                      ("6", True)]


def test_not_applicable_is_told_in_any_case_re_ignores():
    # lower() does not fold the dotted capital I as re does case ignored; the text
    # is then looked at line by line, not passed over for lacking the words
    filing = parse(body("Item 5. Other Events\n\nNot Appl\u0130cable.\n\n"
                        "Item 6. Resignations\n\n(a) The board.\n(b) N/A\n\n"
                        "Item 7. Financial Statements\n\nNONE\n"))
    assert [(i.key, i.not_applicable) for i in filing.items] == [
        ("5", True), ("6", False), ("7", True)]


def test_collapsed_1994_cover():
    text = (
        "FORM 8-K\nDate of Report (Date of earliest event reported) June 14, 1994\n\n"
        "WESTBURY TRUST\n(Exact name of registrant as specified in charter)\n\n"
        "Massachusetts 1-7172 13-2755856\n(State or other (Commission File No.) (IRS Employer\n"
        "jurisdiction of I.D. No.)\nincorporation)\n\n"
        "60 Mill Road, Great Neck, New York 11021\n"
        "(Address of principal executive office) (Zip Code)\n\n"
        "Item 5. Other Events\n\nText.\n"
    )
    reg = parse(text.encode()).cover.registrants[0]
    assert (reg.state.value, reg.file_number.value, reg.irs_number.value) == (
        "Massachusetts", "1-7172", "13-2755856")
    assert reg.zip.value == "11021"
    assert reg.address.value == "60 Mill Road, Great Neck, New York"


@pytest.mark.parametrize(
    "title, era, key",
    [
        ("Other events", "pre-2004", "5"),
        ("Other Events", "post-2004", "8.01"),
        ("Financial statements and exhibits", "pre-2004", "7"),
        ("Departure of Directors or Certain Officers; Election of Directors; Appointment of "
         "Certain Officers: Compensatory Arrangements of Certain Officers", "post-2004", "5.02"),
        ("Entry into a Material Definitive Agreement", "pre-2004", "1.01"),
        ("7", None, "7"),
    ],
)
def test_header_item_titles(title, era, key):
    assert key_for_title(title, era) == key


def test_normalise_number():
    assert normalise_number("2. 02") == "2.02"
    assert normalise_number("07") == "7"
    assert normalise_number("5.2") == "5.2"


@pytest.mark.parametrize("columns", [False, True])
def test_lines_after_a_section_heading_are_reported_one_by_one(columns, monkeypatch):
    # The grammar takes nothing under a section heading: the tag and the text
    # below one depart from it, and each line is reported on its own, whether the
    # lexer put the tag in the run of text lines (a short text) or not (columns)
    if columns:
        monkeypatch.setattr(body_lexer, "COLUMNS", 0)
    text = ("FORM 8-K\nAcme Corp\nSection 2 - Financial Information\n<PAGE>\n"
            "some text here\n<TABLE>\nItem 2.02 Results of Operations\n"
            "The results were good.\n\nSIGNATURES\nAcme\n")
    filing = parse_text(text)
    found = [(d.message, d.span.line) for d in filing.diagnostics
             if d.name in ("body-syntax", "unbalanced-table-tags")]
    assert found == [("unexpected page line", 4), ("unexpected text line", 5),
                     ("unexpected table open line", 6), ("`<TABLE>` is never closed", 6)]
    assert [i.key for i in filing.items] == ["2.02"]
