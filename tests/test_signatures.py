"""Signature blocks: the layouts filers use, read into registrant, name, title, date.

Each test parses a minimal 8-K (a cover line, one item, the block) and checks
what was read, and that every value's span points at its words in the source.
"""

from __future__ import annotations

import re

from conftest import no_runaway
from eightk import parse_source
from eightk.body.reader import read_body
from eightk.body.signatures import read_signatures
from eightk.checks.validate import validate
from eightk.model import Signature

HEAD = """\
                                    FORM 8-K

Item 8.01 Other Events.

The company moved its offices.
"""

PURSUANT = """
Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.
"""


def _check_spans(parsed, sigs: list[Signature]) -> None:
    text = parsed.source.text
    for sig in sigs:
        for value in (sig.registrant, sig.name, sig.title, sig.signature):
            if value is None:
                continue
            assert value.span is not None
            window = re.sub(r"\s+", " ", text[value.span.start : value.span.end])
            for word in re.findall(r"[A-Za-z0-9]{2,}", value.value):
                assert word in window, (value.value, window)
        if sig.date is not None:
            assert text[sig.date.span.start : sig.date.span.end] == sig.date.text


def signatures(block: str, heading: bool = True) -> list[Signature]:
    """The signatures of HEAD + block, under a SIGNATURES heading or at the item's end."""
    data = HEAD + ("\n                                   SIGNATURES\n" if heading else "") + block
    parsed = parse_source(data.encode())
    if heading:
        sigs = parsed.filing.signatures
    else:
        # every part, as body.py hands them on: the block is in the last item
        layout = parsed.layout
        sigs = read_signatures(read_body(layout).parts, layout)
    _check_spans(parsed, sigs)
    return sigs


def values(sig: Signature) -> tuple:
    return (
        sig.registrant.value if sig.registrant else None,
        sig.name.value if sig.name else None,
        sig.title.value if sig.title else None,
        str(sig.date.value) if sig.date else None,
        sig.conformed,
    )


# ------------------------------------------------------------------ finding the block


def test_by_without_colon():
    (sig,) = signatures(PURSUANT + """
DEERE & COMPANY

By /s/ Frank S. Cottrell
Frank S. Cottrell
Secretary

Dated: December 6, 1994
""")
    assert values(sig) == ("DEERE & COMPANY", "Frank S. Cottrell", "Secretary", "1994-12-06",
                           True)


def test_conformed_signature_without_by():
    (sig,) = signatures(PURSUANT + """
                                       ADELPHIA COMMUNICATIONS CORPORATION
                                       (Registrant)

                                       /s/ Timothy J. Rigas
                                       Timothy J. Rigas
                                       Senior Vice President,
                                       Chief Financial Officer
Date: January 14, 1994
""")
    assert values(sig) == ("ADELPHIA COMMUNICATIONS CORPORATION", "Timothy J. Rigas",
                           "Senior Vice President, Chief Financial Officer", "1994-01-14", True)


def test_block_at_the_end_of_the_last_item_without_heading():
    (sig,) = signatures(PURSUANT + """
Dated: March 22, 1994

FIRST BANK SYSTEM, INC.

By /s/ Susan E. Lester
__________________________
Susan E. Lester
Executive Vice President & Controller
""", heading=False)
    assert values(sig) == ("FIRST BANK SYSTEM, INC.", "Susan E. Lester",
                           "Executive Vice President & Controller", "1994-03-22", True)


def test_block_without_heading_or_pursuant_sentence():
    (sig,) = signatures("""
ROCK OF AGES CORPORATION

By: /s/ Kurt M. Swenson

Kurt M. Swenson, Chairman and Chief Executive Officer
""", heading=False)
    assert values(sig) == ("ROCK OF AGES CORPORATION", "Kurt M. Swenson",
                           "Chairman and Chief Executive Officer", None, True)


def test_item_text_alone_is_no_signature():
    assert signatures("""
The agreement was signed by the parties on May 1, 2003 and is filed as
Exhibit 10.1 to this report.
""", heading=False) == []


# ------------------------------------------------------------------ name and title


def test_name_and_title_on_one_line():
    (sig,) = signatures(PURSUANT + """
BRT REALTY TRUST

Date: June 28, 1994 By:
Simeon Brinberg, Secretary
""")
    assert values(sig) == ("BRT REALTY TRUST", "Simeon Brinberg", "Secretary", "1994-06-28",
                           False)


def test_typed_name_differs_from_the_signed_one():
    (sig,) = signatures(PURSUANT + """
                                                 FOOD CONCEPTS, INC.
                                                 Registrant
                                                 By: /s/ Herb Glaubman
                                                     Herbert Glaubman, President
Dated:    January 26, 1998
""")
    assert values(sig) == ("FOOD CONCEPTS, INC.", "Herbert Glaubman", "President",
                           "1998-01-26", True)


def test_trailing_comma_is_not_part_of_the_name():
    (sig,) = signatures(PURSUANT + """
                        APPLE COMPUTER, INC.

                                        By:     /s/Fred D. Anderson
                                                Fred D. Anderson,
                                                Executive Vice President and
                                                Chief Financial Officer

Date:  December 24, 1996
""")
    assert values(sig) == ("APPLE COMPUTER, INC.", "Fred D. Anderson",
                           "Executive Vice President and Chief Financial Officer",
                           "1996-12-24", True)


def test_typed_name_in_front_of_the_title_is_dropped():
    (sig,) = signatures(PURSUANT + """
NUANCE COMMUNICATIONS, INC.

By: /s/ Thomas L. Beaudoin
Thomas L. Beaudoin, Executive Vice President and Chief Financial Officer

Date: October 10, 2014
""")
    assert values(sig)[1:3] == ("Thomas L. Beaudoin",
                                "Executive Vice President and Chief Financial Officer")


def test_name_suffix_stays_with_the_name():
    (sig,) = signatures(PURSUANT + """
TRITON ENERGY CORPORATION

By: /s/ Robert B. Holland, III
Robert B. Holland, III, Senior Vice President and General Counsel

Date: March 16, 1994
""")
    assert values(sig)[1:3] == ("Robert B. Holland, III",
                                "Senior Vice President and General Counsel")


def test_conformed_mark_variants_are_not_part_of_the_name():
    (sig,) = signatures(PURSUANT + """
                                            WAL-MART STORES, INC.


May 19, 1995                                By: \\s\\ Paul R. Carter
                                                -----------------------------
                                                Paul R. Carter
                                                Executive Vice President and
                                                 Chief Financial Officer
""")
    assert values(sig) == ("WAL-MART STORES, INC.", "Paul R. Carter",
                           "Executive Vice President and Chief Financial Officer",
                           "1995-05-19", True)
    (sig,) = signatures(PURSUANT + """
ACME WIDGET CORP.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, President
""")
    assert values(sig) == ("ACME WIDGET CORP.", "Richard Sands", "President", "1994-06-23",
                           True)


def test_upper_case_conformed_mark_counts():
    (sig,) = signatures(PURSUANT + """
PARTECH HOLDINGS CORPORATION
(Registrant)

Date: March 10, 1994 By: /S/ JOHN E. RAYL
------------------------------------
John E. Rayl
President
""")
    assert values(sig) == ("PARTECH HOLDINGS CORPORATION", "John E. Rayl", "President",
                           "1994-03-10", True)


def test_name_and_title_labels():
    (sig,) = signatures(PURSUANT + """
                        TYSON FOODS, INC.
Date: January 3, 2017   By:      /s/ R. Read Hudson
                        Name:    R. Read Hudson
                        Title:   Vice President, Associate General
                                 Counsel and Secretary
""")
    assert values(sig) == ("TYSON FOODS, INC.", "R. Read Hudson",
                           "Vice President, Associate General Counsel and Secretary",
                           "2017-01-03", True)


def test_footnote_after_the_title_is_not_title():
    (sig,) = signatures(PURSUANT + """
                              FORD MOTOR COMPANY
                              (Registrant)
Date: October 3, 2017   By:   /s/ Corey M. MacGillivray
                              Corey M. MacGillivray
                              Assistant Secretary

*   Any reference in the attached exhibit(s) to our corporate website(s) and/or other social media sites or platforms is provided for convenience only.
""")  # noqa: E501
    assert values(sig) == ("FORD MOTOR COMPANY", "Corey M. MacGillivray", "Assistant Secretary",
                           "2017-10-03", True)


# ------------------------------------------------------------------ the registrant


def test_registrant_wrapped_over_two_lines():
    (sig,) = signatures(PURSUANT + """
RESIDENTIAL FUNDING MORTGAGE SECURITIES I,
INC.

By:    /s/Davee Olson
Name:  Davee Olson
Title: Chief Financial Officer
Dated: December 26, 2000
""")
    assert values(sig) == ("RESIDENTIAL FUNDING MORTGAGE SECURITIES I, INC.", "Davee Olson",
                           "Chief Financial Officer", "2000-12-26", True)
    (sig,) = signatures(PURSUANT + """
Date: February 10, 1994

NORTH FORK
BANCORPORATION, INC.

By: /s/Anthony J. Abate

Anthony J. Abate
Senior Vice President
""")
    assert sig.registrant.value == "NORTH FORK BANCORPORATION, INC."


def test_several_registrants_above_one_signature():
    first, second = signatures("""
Date:     January 25, 2005            THE SOUTHERN COMPANY

                                      By    /s/W. Dean Hudson
                                             W. Dean Hudson
                                               Comptroller

                                      ALABAMA POWER COMPANY
                                      GEORGIA POWER COMPANY
                                      GULF POWER COMPANY

                                      By    /s/Wayne Boston
                                              Wayne Boston
                                           Assistant Secretary
""")
    assert values(first) == ("THE SOUTHERN COMPANY", "W. Dean Hudson", "Comptroller",
                             "2005-01-25", True)
    assert values(second) == (
        "ALABAMA POWER COMPANY; GEORGIA POWER COMPANY; GULF POWER COMPANY", "Wayne Boston",
        "Assistant Secretary", "2005-01-25", True)


def test_registrant_at_the_margin_above_a_two_column_signature():
    # NetApp 2021, Internet America 2003: the name spans the page, the date and the
    # By: line share the next line in two columns
    (sig,) = signatures(PURSUANT + """
NETAPP, INC.
(Registrant)

February 4, 2021   By:   /s/ Matthew K. Fawcett
                         Matthew K. Fawcett
                         Senior Vice President, General Counsel and Corporate Secretary
""")
    assert values(sig) == ("NETAPP, INC.", "Matthew K. Fawcett",
                           "Senior Vice President, General Counsel and Corporate Secretary",
                           "2021-02-04", True)


def test_officers_signing_one_under_the_other_share_the_registrant():
    # Pericom 2006: the CEO and the CFO sign for the one registrant above them
    first, second = signatures(PURSUANT + """
                                         PERICOM SEMICONDUCTOR CORPORATION

                                         By:  /s/ Alex Hui
                                              ----------------------------------
                                              Alex Hui
                                              President, Chief Executive Officer

                                         By:  /s/ Angela Chen
                                              ----------------------------------
                                              Angela Chen
                                              Chief Financial Officer
""")
    assert [values(s)[:3] for s in (first, second)] == [
        ("PERICOM SEMICONDUCTOR CORPORATION", "Alex Hui", "President, Chief Executive Officer"),
        ("PERICOM SEMICONDUCTOR CORPORATION", "Angela Chen", "Chief Financial Officer")]
    assert first.registrant.span == second.registrant.span


def test_officers_signing_side_by_side_are_two_signatures():
    # a 1994 amendment: the second signing column is read as a second stream, so
    # each officer keeps a name and a title of their own
    first, second = signatures(PURSUANT + """
                                        HARBOR POINT INDUSTRIES, INC.
                                        (Registrant)

Date: March 18, 1994

/s/ Walter K. Brennan                   /s/ Louise M. Farrow
------------------------------          ------------------------------
Walter K. Brennan                       Louise M. Farrow
President and Chief Executive           Vice President, Finance and
Officer                                 Chief Financial Officer
""")
    assert [values(s) for s in (first, second)] == [
        ("HARBOR POINT INDUSTRIES, INC.", "Walter K. Brennan",
         "President and Chief Executive Officer", "1994-03-18", True),
        ("HARBOR POINT INDUSTRIES, INC.", "Louise M. Farrow",
         "Vice President, Finance and Chief Financial Officer", "1994-03-18", True)]


def test_by_lines_side_by_side_beside_the_date():
    first, second = signatures(PURSUANT + """
                                   HARBOR POINT INDUSTRIES, INC.

Date: March 18, 1994       By: /s/ Walter K. Brennan      By: /s/ Louise M. Farrow
                               ---------------------          --------------------
                               Walter K. Brennan              Louise M. Farrow
                               President                      Treasurer
""")
    assert [values(s) for s in (first, second)] == [
        ("HARBOR POINT INDUSTRIES, INC.", "Walter K. Brennan", "President", "1994-03-18",
         True),
        ("HARBOR POINT INDUSTRIES, INC.", "Louise M. Farrow", "Treasurer", "1994-03-18",
         True)]


def test_by_and_the_conformed_name_apart_are_one_signature():
    (sig,) = signatures(PURSUANT + """
                                   HARBOR POINT INDUSTRIES, INC.

Date: March 18, 1994               By:      /s/ Walter K. Brennan
                                            Walter K. Brennan
                                            President
""")
    assert values(sig) == ("HARBOR POINT INDUSTRIES, INC.", "Walter K. Brennan", "President",
                           "1994-03-18", True)


def test_name_under_a_conformed_mark_with_no_name():
    # WLR Foods 1994: "By: /s/______" and the name on the next line, not in the title
    (sig,) = signatures(PURSUANT + """
HARBOR POINT INDUSTRIES, INC.

By: /s/______________________
Delia R. Santos
Chief Financial Officer
Secretary and Treasurer
""")
    assert values(sig)[:3] == ("HARBOR POINT INDUSTRIES, INC.", "Delia R. Santos",
                               "Chief Financial Officer Secretary and Treasurer")


def test_name_typed_in_full_under_an_abbreviated_signature():
    # Marygold 2022 ("/S/ Nicolas Gerber" over "Nicholas Gerber"), 1994 ("/s/ W.A.
    # Freeman" over "William A. Freeman"): the typed name is no line of the title
    (sig,) = signatures(PURSUANT + """
March 22, 1994                                  /s/ W.A. Freeman
                                                William A. Freeman
                                                President
""")
    assert values(sig)[1:3] == ("William A. Freeman", "President")


def test_registrant_on_the_date_line():
    (sig,) = signatures(PURSUANT + """
Date: January 7, 1994 ADELPHIA COMMUNICATIONS CORPORATION
(Registrant)

/s/ Timothy J. Rigas
Timothy J. Rigas
Senior Vice President
""")
    assert values(sig) == ("ADELPHIA COMMUNICATIONS CORPORATION", "Timothy J. Rigas",
                           "Senior Vice President", "1994-01-07", True)


def test_each_signature_takes_the_registrant_above_it():
    sigs = signatures(PURSUANT.replace("the\nregistrant", "each\nRegistrant") + """
<TABLE>
<S><C> BIG WINE COMPANY, INC.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, President and
Chief Executive Officer

SUBSIDIARIES

Batavia Wine Cellars, Inc.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, Vice
President

Monarch Wine Company, Limited
Partnership

Dated: June 23, 1994 By: s/David S. Sorce
David S.
Sorce, Vice President
</TABLE>
""")
    assert [values(s) for s in sigs] == [
        ("BIG WINE COMPANY, INC.", "Richard Sands", "President and Chief Executive Officer",
         "1994-06-23", True),
        ("Batavia Wine Cellars, Inc.", "Richard Sands", "Vice President", "1994-06-23", True),
        ("Monarch Wine Company, Limited Partnership", "David S. Sorce", "Vice President",
         "1994-06-23", True),
    ]
    for sig in sigs:
        for value in (sig.registrant, sig.name, sig.title):
            assert "<" not in value.value


def test_co_registrants_each_with_the_exchange_act_sentence():
    first, second = signatures(PURSUANT + """
                                                  Louisville Gas and Electric Company

Dated:   March 25, 2003   By:   /s/  John R. McCall
                                Executive Vice President,
                                Corporate Secretary
""" + PURSUANT + """
                                                  Kentucky Utilities Company

Dated:   March 25, 2003   By:   /s/  John R. McCall
                                Executive Vice President,
                                Corporate Secretary
""")
    assert values(first) == ("Louisville Gas and Electric Company", "John R. McCall",
                             "Executive Vice President, Corporate Secretary", "2003-03-25", True)
    assert values(second) == ("Kentucky Utilities Company", "John R. McCall",
                              "Executive Vice President, Corporate Secretary", "2003-03-25",
                              True)


# ------------------------------------------------------------------ layouts and dates


def test_two_column_block_with_the_date_on_the_left():
    (sig,) = signatures(PURSUANT + """
                                              HOLLOWAY GRAIN COMPANY, INC.

                                              By: /s/ Miriam T. Okafor
                                                  ---------------------------
                                                  Miriam T. Okafor
                                                  Vice President, Finance and
Date: March 6, 2006                               Treasurer
""")
    assert values(sig) == ("HOLLOWAY GRAIN COMPANY, INC.", "Miriam T. Okafor",
                           "Vice President, Finance and Treasurer", "2006-03-06", True)


def test_collapsed_columns_cut_after_the_date():
    (sig,) = signatures(PURSUANT + """
INTERNATIONAL PAPER COMPANY
(Registrant)

Date: May 23, 1994 /s/SYVERT E. NERHEIM
Purchase, NY Syvert E. Nerheim
Assistant Secretary
""")
    assert values(sig) == ("INTERNATIONAL PAPER COMPANY", "Syvert E. Nerheim",
                           "Assistant Secretary", "1994-05-23", True)
    (sig,) = signatures(PURSUANT + """
CORNING INCORPORATED
Registrant

Date: January 24, 1994 By /s/ M. ANN GOSNELL
M. Ann Gosnell
Assistant Secretary
""")
    assert values(sig) == ("CORNING INCORPORATED", "M. Ann Gosnell", "Assistant Secretary",
                           "1994-01-24", True)


def test_date_line_with_the_title_beside_it():
    (sig,) = signatures(PURSUANT + """
PREMIER FINANCIAL BANCORP, INC.
(Registrant)

/s/ Brien M. Chase
Date: March 30, 2021                       Brien M. Chase, Senior Vice President
  and Chief Financial Officer
""")
    assert values(sig) == ("PREMIER FINANCIAL BANCORP, INC.", "Brien M. Chase",
                           "Senior Vice President and Chief Financial Officer", "2021-03-30",
                           True)


def test_date_in_the_exchange_act_sentence():
    (sig,) = signatures("""
Pursuant to the requirements of the Securities Exchange Act of 1934, the Registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized on this 8th day of January, 2025.

ACORN ENERGY, INC.
By:      /s/ Tracy S. Clifford
Name:    Tracy S. Clifford
Title:   Chief Financial Officer
""")  # noqa: E501
    assert values(sig) == ("ACORN ENERGY, INC.", "Tracy S. Clifford", "Chief Financial Officer",
                           "2025-01-08", True)


def test_by_in_a_sentence_is_not_a_signature():
    sigs = signatures(PURSUANT + """
ACME WIDGET CORP.

By: /s/ Jane Q. Public
Jane Q. Public
Treasurer

The statements were prepared
by the Company and reviewed
by its auditors.
""")
    assert [values(s) for s in sigs] == [
        ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer", None, True)]


def test_slash_s_variants_count_as_conformed():
    for mark in ("s/", "\\s\\ ", "/s ", "/S/ ", "/s/"):
        (sig,) = signatures(PURSUANT + f"""
ACME WIDGET CORP.

By: {mark}Jane Q. Public
Treasurer
""")
        assert values(sig) == ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer", None, True), mark
        assert sig.signature.value == f"By: {mark}Jane Q. Public"
    (sig,) = signatures(PURSUANT + """
ACME WIDGET CORP.

By: Jane Q. Public
Treasurer/Secretary
""")
    assert values(sig) == ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer/Secretary", None,
                           False)


# ------------------------------------------------------------------ chains of By: lines


def test_general_partner_by_line_belongs_to_the_registrant_chain():
    (sig,) = signatures(PURSUANT + """
ALLIANCE CAPITAL MANAGEMENT L.P.

Dated: August 18, 1994 By: Alliance Capital Management
Corporation, General Partner

By: /s/ John D. Carifa
----------------------------------
John D. Carifa
President and Chief Operating
Officer
""")
    assert values(sig) == (
        "ALLIANCE CAPITAL MANAGEMENT L.P. By: Alliance Capital Management Corporation, "
        "General Partner", "John D. Carifa", "President and Chief Operating Officer",
        "1994-08-18", True)


def test_chain_of_partners_above_the_signer():
    (sig,) = signatures(PURSUANT + """
BALCOR PENSION INVESTORS-IV

By: Balcor Mortgage Advisors-III,
general partner

By: RGF-Balcor Associates-II,
a partner

By: The Balcor Company,
a partner

By: /s/ Jerry M. Ogle
Jerry M. Ogle, Vice President
and Secretary

Dated: February 16, 1994
""")
    assert values(sig) == (
        "BALCOR PENSION INVESTORS-IV By: Balcor Mortgage Advisors-III, general partner "
        "By: RGF-Balcor Associates-II, a partner By: The Balcor Company, a partner",
        "Jerry M. Ogle", "Vice President and Secretary", "1994-02-16", True)
    (sig,) = signatures(PURSUANT + """
                                   WIDGET HOLDINGS LP
                                   By: Widget GP LLC, its Managing Member
                                   By: /s/ Ann Smith
                                   Name: Ann Smith
                                   Title: Chief Financial Officer
""")
    assert values(sig)[:2] == ("WIDGET HOLDINGS LP By: Widget GP LLC, its Managing Member",
                               "Ann Smith")


def test_depositor_by_line_belongs_to_the_registrant_chain():
    (sig,) = signatures(PURSUANT + """
ACME MORTGAGE TRUST 2005-1

By: Acme Mortgage Securities Corp., as Depositor

By: /s/ Ann Smith
Name: Ann Smith
Title: Vice President
""")
    assert values(sig) == (
        "ACME MORTGAGE TRUST 2005-1 By: Acme Mortgage Securities Corp., as Depositor",
        "Ann Smith", "Vice President", None, True)


def test_people_signing_as_trustees_are_signatures():
    sigs = signatures(PURSUANT + """
THE SMITH FAMILY TRUST

By: /s/ John A. Smith, Trustee
By: /s/ Mary B. Smith, Trustee
""")
    assert [s.name.value for s in sigs] == ["John A. Smith", "Mary B. Smith"]
    sigs = signatures(PURSUANT + """
THE SMITH FAMILY TRUST

By: John A. Smith, Trustee
By: Mary B. Smith, Trustee
""")
    assert [(s.name.value, s.conformed) for s in sigs] == [("John A. Smith", False),
                                                           ("Mary B. Smith", False)]


# ------------------------------------------------------------------ where the block ends


def test_block_closes_at_the_page_break_after_the_signature():
    sigs = signatures(PURSUANT + """
CORNING INCORPORATED
Registrant

By: /s/ Kathy A. Asbeck
-------------------
Kathy A. Asbeck
Assistant Controller

<PAGE>

MORAN RESEARCH LABS

BALANCE SHEET

SEPTEMBER 30, 1994

Cash ....................................................$ 386,805

In our opinion, the financial statements referred to above present
fairly, in all material respects, the financial position of the company.

/s/ Leverone & Company

November 10, 1994

<PAGE>

Received by the Plan Administrator this          day of          , 2
By:
    --------------------------------
Title:
""")
    assert [values(s) for s in sigs] == [
        ("CORNING INCORPORATED", "Kathy A. Asbeck", "Assistant Controller", None, True)]


def test_co_registrants_signing_page_after_page():
    sigs = signatures(PURSUANT + """
BIG WINE COMPANY, INC.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, President

Tenner Brothers, Inc.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, Vice
President
<PAGE>
Widmer's Wine Cellars, Inc.

Dated: June 23, 1994 By: s/Richard Sands
Richard Sands, Vice
President
<PAGE>
""" + PURSUANT + """
Barton Beers, Ltd.

By: /s/ David S. Sorce
David S. Sorce, Vice President
""")
    assert [s.registrant.value for s in sigs] == [
        "BIG WINE COMPANY, INC.", "Tenner Brothers, Inc.", "Widmer's Wine Cellars, Inc.",
        "Barton Beers, Ltd."]


def test_name_and_title_over_the_page_break_stay_in_the_block():
    (sig,) = signatures(PURSUANT + """
ACME WIDGET CORP.

By: /s/ Jane Q. Public
<PAGE>
Name: Jane Q. Public
Title: Treasurer
""")
    assert values(sig) == ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer", None, True)


def test_block_closes_at_a_heading_after_the_signature():
    sigs = signatures(PURSUANT + """
ACME WIDGET CORP.

By: /s/ Jane Q. Public
Jane Q. Public
Treasurer

REPORT OF INDEPENDENT AUDITORS

/s/ Ernst & Young LLP
Dallas, Texas
November 2, 1994
""")
    assert [values(s) for s in sigs] == [
        ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer", None, True)]


def test_page_break_before_the_signature_keeps_the_block_open():
    (sig,) = signatures(PURSUANT + """
<PAGE>

ACME WIDGET CORP.

By: /s/ Jane Q. Public
Jane Q. Public
Treasurer

Date: May 2, 1994
""")
    assert values(sig) == ("ACME WIDGET CORP.", "Jane Q. Public", "Treasurer", "1994-05-02",
                           True)


STATEMENTS = "<PAGE>\n\nRESTATED FINANCIAL INFORMATION\n\n" + "".join(
    f"Line {i} of the statements ............. {i},000\n" for i in range(90)
) + "\nDecember 31, 1993\n\n/s/ Arthur Andersen & Co.\n"


def test_block_in_the_middle_of_a_long_last_item():
    (sig,) = signatures("""
(1) Restated Condensed Combined Balance Sheet 3

Pursuant to the requirements of the Securities Exchange Act of 1934 the
registrant has duly caused this Form 8-K/A to be signed on its behalf by the
undersigned thereunto duly authorized.

CORESTATES FINANCIAL CORP

By: /s/ Albert W. Mandia
-----------------------
Albert W. Mandia
Executive Vice President, Finance

Dated: September 13, 1994

""" + STATEMENTS, heading=False)
    assert values(sig) == ("CORESTATES FINANCIAL CORP", "Albert W. Mandia",
                           "Executive Vice President, Finance", "1994-09-13", True)


def test_block_closing_an_earlier_item_of_an_amendment():
    data = """\
                                    FORM 8-K/A

ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS

(a). Financial Statements of Business Acquired

Pursuant to the requirements of the Securities and Exchange Act of 1934, the
Registrant has duly caused this amendment to be signed on its behalf by the
undersigned, thereunto duly authorized.

CUBIC CORPORATION

By: /s/ Thomas A. Baz
---------------------------------------
Thomas A. Baz
Vice President and Controller

Dated: June 21, 1994.

<PAGE>

ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS

The following financial statements are filed as a part of this report.

""" + STATEMENTS
    parsed = parse_source(data.encode())
    sigs = parsed.filing.signatures
    _check_spans(parsed, sigs)
    assert [values(s) for s in sigs] == [
        ("CUBIC CORPORATION", "Thomas A. Baz", "Vice President and Controller", "1994-06-21",
         True)]


# ------------------------------------------------------------------ typed signatures


def test_typed_name_and_title_under_the_registrant_is_a_signature():
    (sig,) = signatures(PURSUANT + """
EASTMAN KODAK COMPANY
(Registrant)

Date October 21, 1994

C. Michael Hamilton, General Comptroller,
Principal Accounting Officer and
Duly Authorized Officer
""")
    assert values(sig) == (
        "EASTMAN KODAK COMPANY", "C. Michael Hamilton",
        "General Comptroller, Principal Accounting Officer and Duly Authorized Officer",
        "1994-10-21", False)
    (sig,) = signatures(PURSUANT + """
ACME WIDGET CORP.

Jane Q. Public
Vice President and Treasurer
""")
    assert values(sig) == ("ACME WIDGET CORP.", "Jane Q. Public", "Vice President and Treasurer",
                           None, False)
    parsed = parse_source((HEAD + "\n   SIGNATURES\n" + PURSUANT + """
EASTMAN KODAK COMPANY
(Registrant)

C. Michael Hamilton, General Comptroller
""").encode())
    found = {d.name for d in validate(parsed)}
    assert "unconformed-signature" in found and "missing-signatures" not in found


# ------------------------------------------------------------------ the rules


def test_signature_before_the_event_is_reported_once_per_date():
    data = HEAD.replace(
        "FORM 8-K\n",
        "FORM 8-K\n\nDate of Report (Date of earliest event reported): April 5, 2006\n",
    ) + "\n                SIGNATURES\n" + PURSUANT + """
                        ACME WIDGET CORP.
Date: April 6, 2005     By: /s/ Alex Hui
                        Alex Hui, Chief Financial Officer

                        By: /s/ Jane Q. Public
                        Jane Q. Public, Treasurer
"""
    parsed = parse_source(data.encode())
    assert len(parsed.filing.signatures) == 2
    early = [d for d in validate(parsed) if d.name == "signature-before-event"]
    assert len(early) == 1
    (diagnostic,) = early
    event = parsed.filing.cover.date_of_report
    secondary = [label for label in diagnostic.labels if not label.primary]
    assert [(label.span, label.message) for label in secondary] == [
        (event.span, "date of report")]
    assert parsed.source.text[event.span.start : event.span.end] == "April 5, 2006"


def test_a_date_that_does_not_exist_is_reported_once_at_the_date():
    data = HEAD + "\n                SIGNATURES\n" + PURSUANT + """
                        ACME WIDGET CORP.
Date: March 41, 2006    By: /s/ Alex Hui
                        Alex Hui, Chief Financial Officer

                        By: /s/ Jane Q. Public
                        Jane Q. Public, Treasurer
"""
    parsed = parse_source(data.encode())
    assert [s.date.text for s in parsed.filing.signatures] == ["March 41, 2006"] * 2
    assert all(s.date.value is None for s in parsed.filing.signatures)
    (found,) = [d for d in validate(parsed) if d.name == "malformed-signature-date"]
    assert found.code == "S704" and found.severity == "warning"
    span = found.span
    assert parsed.source.text[span.start : span.end] == "March 41, 2006"
    assert "March 41, 2006" in found.message


def test_a_real_signature_date_is_not_reported():
    (sig,) = signatures(PURSUANT + """
                        ACME WIDGET CORP.
Date: February 29, 2008 By: /s/ Alex Hui
                        Alex Hui, Chief Financial Officer
""")
    assert str(sig.date.value) == "2008-02-29"
    data = HEAD + "\n                SIGNATURES\n" + PURSUANT + """
                        ACME WIDGET CORP.
Date: February 29, 2008 By: /s/ Alex Hui
                        Alex Hui, Chief Financial Officer
"""
    assert "malformed-signature-date" not in {d.name for d in validate(parse_source(
        data.encode()))}


# ------------------------------------------------------------------ bad input


def test_odd_blocks_never_raise_and_stay_fast():
    blocks = [
        "By: " + "/s/ " * 50_000,
        "A" * 1_000_000,
        "Date: " + "January 1, 2000 " * 20_000,
        "a, " * 100_000,
        "By " + " " * 200_000 + "x",
        "Pursuant to " + "x " * 200_000,
        "<S><C>" * 50_000 + " ACME INC.\nBy: /s/ X",
        "s/" * 100_000,
        "\\s\\ " * 100_000,
        "By: /s/ Jo Do\nJo Do, " + "III, " * 50_000,
        "(a Delaware corporation" + " " * 5_000 + "x\nBy: /s/ X",
        "registrant" + " " * 1_900 + "x\nBy: /s/ X",
        "Pursuant to the requirements " + "day of " * 300 + "\nBy: /s/ X",
        "Pursuant to the requirements, this 31st day of February, 2020 authorized\nBy: /s/ X",
        "COMPANY INC.\n" * 5_000 + "By: /s/ X\nX\nTitle",
        "By:\nBy:\n/s/\n/s/\nName:\nTitle:\nDate:\n,\n, ,\n",
        "ACME LP\n" + "By: Acme GP Corporation, General Partner\n" * 5_000 + "By: /s/ X",
        "By: " + "Acme Corporation, its general partner " * 30_000 + "\nBy: /s/ X",
        "By: /s/ X\n" + "<PAGE>\n" * 5_000 + "REPORT OF INDEPENDENT AUDITORS\n" * 5_000,
        "Pursuant to the requirements of the Securities\n" * 5_000,
        "s/ " * 300_000 + "\n" + "\\s\\" * 300_000,
        "ACME INC.\n" + "John Q. Public, General Comptroller\n" * 5_000,
        "By: /s/ Jo Do, " + "Trustee, " * 100_000,
    ]
    for block in blocks:
        for heading in (True, False):
            with no_runaway():
                sigs = signatures(PURSUANT + block + "\n", heading=heading)
            for sig in sigs:
                assert sig.name is None or sig.name.value.strip() == sig.name.value


def test_a_sentence_without_day_of_gives_the_date_after_authorized():
    # the "this 8th day of ..." pattern is run only where "day" is written (case
    # ignored, or a character it folds to an ASCII letter is there): both forms read
    text = ("SIGNATURES\n\nPursuant to the requirements of the Securities Exchange Act of 1934, "
            "the registrant has duly caused this report to be signed on its behalf by the "
            "undersigned hereunto duly authorized on this 8th DAY OF January, 2025.\n\n"
            "ACME WIDGETS, INC.\n\nBy: /s/ Jane Q. Public\n")
    (found,) = parse_source(text.encode()).filing.signatures
    assert found.date is not None and found.date.text == "8th DAY OF January, 2025"
    plain = text.replace(" on this 8th DAY OF January, 2025", " March 3, 2025")
    (found,) = parse_source(plain.encode()).filing.signatures
    assert found.date is not None and found.date.text == "March 3, 2025"
