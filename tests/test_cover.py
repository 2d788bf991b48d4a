"""The cover page grammar (grammar/cover.lark): its rules, its reading, its departures."""

from __future__ import annotations

import msgspec
import pytest
from eightk.body import lexer as body_lexer
from eightk.body.cover import read_cover
from eightk.body.cover_region import DEPARTURES, EXAMPLES, REGION, example_tokens
from eightk.body.lines import Line
from eightk.grammars import build
from eightk.layout.text import text_layout
from eightk.lexing import lex, lines_of
from eightk.source.text import SourceText
from lark import Tree

COVER = """\
                                 UNITED STATES
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                   FORM 8-K/A
                               (Amendment No. 2)

                                 CURRENT REPORT
                     Pursuant to Section 13 or 15(d) of the
                        Securities Exchange Act of 1934

        Date of Report (Date of earliest event reported): March 3, 2025

                               ACME WIDGETS, INC.
             (Exact name of registrant as specified in its charter)

          Delaware                   001-12345                12-3456789
(State or other jurisdiction   (Commission File Number)       (IRS Employer
      of incorporation)                                    Identification No.)

         100 Main Street, Springfield, Illinois                   62701
          (Address of principal executive offices)             (Zip Code)

       Registrant's telephone number, including area code: (217) 555-0100

                                 Not Applicable
         (Former name or former address, if changed since last report)

Check the appropriate box below if the Form 8-K filing is intended to
simultaneously satisfy the filing obligation of the registrant under any of
the following provisions:

[ ]  Written communications pursuant to Rule 425 under the Securities Act
     (17 CFR 230.425)
[X]  Soliciting material pursuant to Rule 14a-12 under the Exchange Act
[ ]  Pre-commencement communications pursuant to Rule 14d-2(b) under the
     Exchange Act (17 CFR 240.14d-2(b))
[ ]  Pre-commencement communications pursuant to Rule 13e-4(c) under the
     Exchange Act (17 CFR 240.13e-4(c))

Securities registered pursuant to Section 12(b) of the Act:

Title of each class       Trading Symbol(s)    Name of each exchange on which registered
Common Stock              ACME                 The Nasdaq Stock Market LLC

Indicate by check mark whether the registrant is an emerging growth company as defined in
Rule 405 of the Securities Act of 1933 or Rule 12b-2 of the Securities Exchange Act of 1934.

Emerging growth company  [ ]

If an emerging growth company, indicate by check mark if the registrant has elected not to
use the extended transition period for complying with any new or revised financial
accounting standards provided pursuant to Section 13(a) of the Exchange Act.  [ ]
"""


def front(text: str) -> list[Line]:
    return [Line(t.type, text[t.start_pos:t.end_pos], t.start_pos, t.end_pos, t.line)
            for t in lex(text, body_lexer.vocabulary(), lines_of(text))]


def read(text: str):
    source = SourceText(text)
    layout = text_layout(source, 0, len(text), False)
    cover, _ = read_cover(front(text), None, layout)
    return cover, [d for d in source.diagnostics if d.name == "cover-layout"]


def parts(text: str) -> list[str]:
    tree = REGION.parse(example_tokens(text), lambda problem: None)
    assert tree is not None
    return [c.data for c in tree.children if isinstance(c, Tree)]


def unspanned(value):
    """A model object as plain data, without where each value was read."""
    if isinstance(value, dict):
        return {k: unspanned(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [unspanned(v) for v in value]
    return value


def fields(registrant) -> dict[str, str]:
    return {k: v.value for k, v in msgspec.structs.asdict(registrant).items() if v is not None}


def test_the_grammar_has_no_conflicts():
    build("cover.lark", strict=True)


def test_the_readers_tables_name_every_rule_and_no_other():
    # CoverReader walks the tree by these tables, not by getattr: a rule added to
    # the grammar without its entry would be read by lark's __default__ instead
    from eightk.body import cover
    lark = build("cover.lark")
    rules = {r.origin.name for r in lark.rules if not r.origin.name.startswith("_")}
    assert set(cover._RULE_METHODS) == rules
    terminals = {t.name for t in lark.terminals}
    assert set(cover._TOKEN_METHODS) == {n for n in dir(cover.CoverReader) if n in terminals}


def test_a_cover_reads_as_its_parts():
    assert parts(COVER) == (
        ["title_line"] * 8 + ["report_date", "caption_block", "caption_block",
                              "caption_block", "telephone", "caption_block", "check_boxes",
                              "securities", "egc"])


def test_the_cover_page_from_its_parts():
    cover, problems = read(COVER)
    assert problems == []
    assert (cover.form_type.value, cover.amendment, cover.amendment_number) == ("8-K/A", True, 2)
    assert cover.date_of_report.text == "March 3, 2025"
    (registrant,) = cover.registrants
    assert fields(registrant) == {
        "name": "ACME WIDGETS, INC.", "state": "Delaware", "file_number": "001-12345",
        "irs_number": "12-3456789", "address": "100 Main Street, Springfield, Illinois",
        "zip": "62701", "phone": "(217) 555-0100", "former_name": "Not Applicable"}
    assert [(b.name, b.checked) for b in cover.check_boxes] == [
        ("written-communications", False), ("soliciting-material", True),
        ("pre-commencement-tender-offer", False), ("pre-commencement-issuer-tender-offer", False)]
    (security,) = cover.securities_12b
    assert (security.title.value, security.symbol.value, security.exchange.value) == (
        "Common Stock", "ACME", "The Nasdaq Stock Market LLC")
    assert cover.emerging_growth_company.checked is False
    assert cover.extended_transition_period.glyph == "[ ]"
    # the cover runs to its last landmark: the extended transition period line
    assert COVER[cover.span.start:cover.span.end].endswith("registrant has elected not to")


def test_a_table_saying_none():
    text = COVER.replace("Common Stock              ACME                 The Nasdaq Stock "
                         "Market LLC", "None")
    cover, _ = read(text)
    assert cover.securities_12b == [] and cover.securities_12b_section


def test_a_header_row_over_its_values():
    text = ("                                FORM 8-K\n\n"
            "                         ZURN INDUSTRIES, INC.\n\n\n"
            "                                                   IRS Employer\n"
            "    State of             Commission               Identification\n"
            "  Incorporation          File Number                  Number\n"
            "  Pennsylvania             1-5502                   25-1040754\n")
    # no caption names the registrant: the name standing under the title is it
    assert parts(text) == ["title_line", "registrant_name", "header_block"]
    cover, problems = read(text)
    assert fields(cover.registrants[0]) == {
        "name": "ZURN INDUSTRIES, INC.", "state": "Pennsylvania", "file_number": "1-5502",
        "irs_number": "25-1040754"}
    assert problems == []


_HEADER = ("    State or other       Commission       IRS Employer\n"
           "    jurisdiction         File Number      Identification No.\n")


def test_a_header_row_after_a_value_on_its_line_is_no_row_of_values():
    # Found by the fuzz round trip (a generated date line without its line end ran
    # into the header row below it): the second header row stood under the first
    # as its two "rows", and its captions were read as the state, the file number
    # and the IRS number.
    text = _HEADER + "maY 01900" + _HEADER
    kinds = [(t.type, t.line) for t in example_tokens(text)]
    assert kinds == [("CAPTION", 1), ("CAPTION", 3)]
    cover, problems = read(text)
    assert cover is None or all(not fields(r) for r in cover.registrants)
    assert [p.message for p in problems] == ["caption row with no values"] * 2


def test_a_date_under_a_header_row_is_not_its_value():
    # the date of report, never a registrant's field (a generated cover read
    # "maY 01900" as the state of incorporation)
    text = _HEADER + "maY 01900\n"
    assert [t.type for t in example_tokens(text)] == ["CAPTION", "DATE_LINE"]
    cover, _ = read(text)
    assert cover is None or all(not fields(r) for r in cover.registrants)



@pytest.mark.parametrize("trailing", ["", "   ", "\t  "])
def test_the_commission_ending_a_line_is_no_caption_whatever_follows_it(trailing):
    # "EXCHANGE  COMMISSION" ending a line is the form's standing text; with blanks
    # after it, a gap that gave one back used to get past that test
    text = "Delaware    COMMISSION" + trailing + "\n"
    assert [t.type for t in example_tokens(text)] != ["CAPTION"]
    beside = "Nevada      Commission    IRS Employer" + trailing + "\n"
    assert [t.type for t in example_tokens(beside)] == ["CAPTION"]

SOUTHERN = """\
                                    FORM 8-K

Commission       Registrant, State of Incorporation,       I.R.S. Employer
File Number      Address and Telephone Number              Identification No.

1-3526           The Southern Company                      58-0690070
                 (A Delaware Corporation)
                 30 Ivan Allen Jr. Boulevard, N.W.
                 Atlanta, Georgia 30308
                 (404) 506-5000
1-3164           Alabama Power Company                     63-0004250
                 (An Alabama Corporation)
                 600 North 18th Street
                 Birmingham, Alabama 35291
                 (205) 257-1000
"""


def test_a_coregistrant_table_gives_a_registrant_per_row_block():
    assert parts(SOUTHERN) == ["title_line", "coregistrants"]
    cover, _ = read(SOUTHERN)
    assert [fields(r) for r in cover.registrants] == [
        {"name": "The Southern Company", "state": "Delaware", "file_number": "1-3526",
         "irs_number": "58-0690070", "address": "30 Ivan Allen Jr. Boulevard, N.W., Atlanta, "
         "Georgia", "zip": "30308", "phone": "(404) 506-5000"},
        {"name": "Alabama Power Company", "state": "Alabama", "file_number": "1-3164",
         "irs_number": "63-0004250", "address": "600 North 18th Street, Birmingham, Alabama",
         "zip": "35291", "phone": "(205) 257-1000"}]


def test_the_telephone_number_below_its_line():
    text = ("ACME WIDGETS, INC.\n(Exact name of registrant as specified in its charter)\n\n"
            "Registrant's telephone number, including area code:\n(708) 677-2900\n\n"
            "N/A\n(Former name or former address, if changed since last report)\n")
    cover, _ = read(text)
    assert fields(cover.registrants[0]) == {
        "name": "ACME WIDGETS, INC.", "phone": "(708) 677-2900", "former_name": "N/A"}


# ------------------------------------------------------------------ departures

def test_every_example_fails_where_its_message_says():
    for message, inputs in EXAMPLES.items():
        for text in inputs:
            assert REGION.failure(text) is not None, (message, text)


@pytest.mark.parametrize("message", sorted(DEPARTURES))
def test_each_departure_is_reported_at_its_line(message):
    text = EXAMPLES[message][-1]
    _, problems = read(text)
    assert message in [p.message for p in problems]
    found = next(p for p in problems if p.message == message)
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    # at the offending line (the examples end with it, or with a row under it)
    assert text[found.span.start:found.span.end] in text.split("\n")
    assert found.labels[0].message == DEPARTURES[message][0]
    assert last


def test_boxes_before_their_introduction_are_still_read():
    boxes = COVER[COVER.index("[ ]  Written"):COVER.index("Securities registered")]
    intro = COVER[COVER.index("Check the appropriate"):COVER.index("[ ]  Written")]
    text = COVER.replace(intro, "").replace(boxes, boxes + intro)
    cover, problems = read(text)
    assert [p.message for p in problems] == [
        "check box without its introduction \"Check the appropriate box below ...\""]
    assert problems[0].span.line == text[:text.index("[ ]  Written")].count("\n") + 1
    assert [b.checked for b in cover.check_boxes] == [False, True, False, False]


@pytest.mark.parametrize("before", ["                                 Not Applicable\n",
                                    "     Exchange Act (17 CFR 240.13e-4(c))\n"])
def test_an_item_heading_inside_the_cover_is_read_as_text(before):
    text = COVER.replace(before, before + "Item 8.01 Other Events\n")
    cover, problems = read(text)
    assert [p.message for p in problems] == ["item heading inside the cover page"]
    assert text[problems[0].span.start:problems[0].span.end] == "Item 8.01 Other Events"
    if "Applicable" in before:  # right above the former name caption: a line of its value
        assert cover.registrants[0].former_name.value == "Not Applicable Item 8.01 Other Events"
    else:  # below a check box: its text
        assert unspanned(msgspec.to_builtins(cover)) == unspanned(
            msgspec.to_builtins(read(COVER)[0]))


ADDRESS = "         100 Main Street, Springfield, Illinois                   62701\n"


def test_a_caption_row_with_no_values():
    text = COVER.replace(ADDRESS, "")
    cover, problems = read(text)
    assert [p.message for p in problems] == ["caption row with no values"]
    assert text[problems[0].span.start:problems[0].span.end].strip().startswith("(Address")
    assert cover.registrants[0].address is None


def test_values_that_no_caption_names():
    lines = ["ACME Widgets Plaza", "Building C", "Suite 100", "100 Main Street",
             "Springfield, Illinois 62701"]
    text = COVER.replace(ADDRESS, "".join(f"         {line}\n" for line in lines))
    cover, problems = read(text)
    assert [p.message for p in problems] == ["a line of values that no caption names"]
    assert text[problems[0].span.start:problems[0].span.end] == "ACME Widgets Plaza"
    assert cover.registrants[0].address.value == ("Building C, Suite 100, 100 Main Street, "
                                                  "Springfield, Illinois")


def test_no_departure_on_a_former_name_left_blank():
    text = COVER.replace("                                 Not Applicable\n", "")
    _, problems = read(text)
    assert problems == []


# ------------------------------------------------------------------ the region's wording

def test_recovery_reports_the_lalr_state_as_a_number():
    from eightk.recovery import parse_with_recovery

    problems = []
    tokens = example_tokens("Some words\n[ ] Soliciting material pursuant to Rule 14a-12\n")
    parse_with_recovery(REGION.lark, tokens, ("BOX_INTRO",), problems.append, "TEXT")
    (problem,) = problems
    assert (problem.kind, problem.missing, problem.token.type) == ("missing", "BOX_INTRO", "BOX")
    assert isinstance(problem.state, int)


@pytest.mark.parametrize(("kind_first", "message"), [(True, "heading"), (False, "box")])
def test_a_message_found_by_kind_or_by_state(kind_first, message):
    from eightk.recovery import Problem
    from eightk.regions import Region

    # "heading" is known after a title line only; "box" fails at the very start
    region = Region("cover.lark", example_tokens, {}, {
        "heading": ["FORM 8-K\nItem 8.01 Other Events\n"],
        "box": ["[ ] Soliciting material pursuant to Rule 14a-12\n"]}, kind_first=kind_first)
    (token,) = example_tokens("Item 8.01 Other Events\n")
    start = region.failure("[ ] Soliciting material pursuant to Rule 14a-12\n")[0]
    # an item heading at the very start: no example fails there on a heading
    assert region.word(Problem("unexpected", token, None, frozenset(), start)).message == message


# ------------------------------------------------------------ issue 11: the layouts

# A combined table whose caption row was laid out with other columns than its rows
# (an HTML caption in a table of its own, a text table centred differently): the
# IRS numbers stand under the registrant caption, the blocks left of it.
MISALIGNED = """\
                                    FORM 8-K

   Commission         Registrant, State of Incorporation,       I.R.S. Employer
   File Number            Address and Telephone Number        Identification No.

 1-32871     Cascade Valley Energy Corporation          93-1287345
             (An Oregon Corporation)
             1400 S.W. Fifth Avenue
             Portland, Oregon 97201
             (503) 555-0180

 1-4012      Cascade Valley Power Company               93-0256871
             (a Delaware corporation)
             1400 S.W. Fifth Avenue
             Portland, Oregon 97201    (503) 555-0181

The names and addresses of the registrants have not changed since the last report.
"""


def test_a_coregistrant_table_is_read_by_what_its_rows_hold():
    assert parts(MISALIGNED) == ["title_line", "coregistrants", "values"]
    cover, problems = read(MISALIGNED)
    assert problems == []
    assert [fields(r) for r in cover.registrants] == [
        {"name": "Cascade Valley Energy Corporation", "state": "Oregon",
         "file_number": "1-32871", "irs_number": "93-1287345",
         "address": "1400 S.W. Fifth Avenue, Portland, Oregon", "zip": "97201",
         "phone": "(503) 555-0180"},
        # the zip code and the telephone on one line
        {"name": "Cascade Valley Power Company", "state": "Delaware", "file_number": "1-4012",
         "irs_number": "93-0256871", "address": "1400 S.W. Fifth Avenue, Portland, Oregon",
         "zip": "97201", "phone": "(503) 555-0181"}]


def test_a_1994_header_with_a_column_per_field_over_a_row_per_registrant():
    text = ("                                   FORM 8-K\n\n"
            "                                                       I.R.S.\n"
            " Commission                              State of      Employer\n"
            " File                                    Incorpo-      Identification\n"
            " Number      Registrant                  ration        Number\n"
            " ---------   ------------------------    ----------    --------------\n"
            " 1-11384     Puget Harbor Resources      Washington    91-1438062\n"
            " 1-3871      Puget Harbor Gas Company    Washington    91-0388215\n\n"
            "   1201 Western Avenue, Seattle, Washington          98101\n"
            "   (Address of principal executive offices)        (Zip Code)\n")
    assert parts(text) == ["title_line", "coregistrants", "caption_block"]
    cover, problems = read(text)
    assert problems == []
    assert [(r.name.value, r.state.value, r.file_number.value, r.irs_number.value)
            for r in cover.registrants] == [
        ("Puget Harbor Resources", "Washington", "1-11384", "91-1438062"),
        ("Puget Harbor Gas Company", "Washington", "1-3871", "91-0388215")]
    # the address given once under the table is every registrant's
    assert {r.address.value for r in cover.registrants} == {
        "1201 Western Avenue, Seattle, Washington"}


def test_the_same_table_collapsed_to_single_spaces_and_wrapped():
    # as a 1994 repository keeps it: spacing collapsed, the IRS number wrapped
    text = ("FORM 8-K\nDate of Report November 8, 1994\nI.R.S.\nCommission\nEmployer\n"
            "File State of\nIdentification\nNumber Registrant Incorporation\nNumber\n"
            "001-11227 Washington Energy Company Washington\n91-1005304\n"
            "001-11271 Washington Natural Gas Company Washington\n91-1005303\n")
    cover, _ = read(text)
    assert [fields(r) for r in cover.registrants] == [
        {"name": "Washington Energy Company", "state": "Washington", "file_number": "001-11227",
         "irs_number": "91-1005304"},
        {"name": "Washington Natural Gas Company", "state": "Washington",
         "file_number": "001-11271", "irs_number": "91-1005303"}]


def test_registrants_named_one_after_the_other_over_one_caption():
    text = ("                       CENTRAL PLAINS UTILITIES COMPANY\n"
            "                        PRAIRIE WIND ELECTRIC COMPANY\n"
            "        (Exact name of registrants as specified in their charters)\n\n"
            "          Kansas                     1-7514                  48-0457120\n"
            "          Kansas                     1-3482                  48-0290150\n"
            "(State or other jurisdiction   (Commission File Number)     (IRS Employer\n"
            "     of incorporation)                                   Identification No.)\n")
    assert [t.type for t in example_tokens(text)][2] == "NAMES_CAPTION"
    cover, problems = read(text)
    assert problems == []
    assert [fields(r) for r in cover.registrants] == [
        {"name": "CENTRAL PLAINS UTILITIES COMPANY", "state": "Kansas", "file_number": "1-7514",
         "irs_number": "48-0457120"},
        {"name": "PRAIRIE WIND ELECTRIC COMPANY", "state": "Kansas", "file_number": "1-3482",
         "irs_number": "48-0290150"}]


@pytest.mark.parametrize("row", [
    "Nevada 333-23117 APPLIED FOR",  # collapsed: the text between goes to the free caption
    "Nevada                  333-23117                APPLIED FOR",
])
def test_each_value_stops_at_its_column(row):
    text = ("                        MERIDIAN SOUND SYSTEMS CORP.\n"
            "           (Exact name of registrant as specified in its charter)\n\n"
            f"{row}\n"
            "(State or other jurisdiction (Commission File Number) (IRS Employer\n"
            "of incorporation) Identification No.)\n")
    cover, _ = read(text)
    assert fields(cover.registrants[0]) == {
        "name": "MERIDIAN SOUND SYSTEMS CORP.", "state": "Nevada", "file_number": "333-23117",
        "irs_number": "APPLIED FOR"}


@pytest.mark.parametrize(("lines", "expected"), [
    # "..., CA 92660, Tel. (714) 555-0162" under a caption naming all three
    (["2900 Pacific Coast Highway, Newport Beach, CA 92660, Tel. (714) 555-0162"],
     ("2900 Pacific Coast Highway, Newport Beach, CA", "92660", "(714) 555-0162")),
    # the zip code and the telephone on one line under the address
    (["15 Technology Drive, Suite 300", "Irvine, California", "92618   (949) 555-0193"],
     ("15 Technology Drive, Suite 300, Irvine, California", "92618", "(949) 555-0193")),
    # a telephone line and a fax line under the address: the fax is neither
    (["15 Technology Drive", "Irvine, CA 92618", "Tel. (949) 555-0193", "Fax. (949) 555-0194"],
     ("15 Technology Drive, Irvine, CA", "92618", "(949) 555-0193")),
])
def test_address_zip_and_telephone_on_one_line(lines, expected):
    text = ("".join(f"      {line}\n" for line in lines)
            + "  (Address, including zip code, and telephone number, including area\n"
            + "        code, of registrant's principal executive offices)\n")
    cover, problems = read(text)
    registrant = cover.registrants[0]
    assert (registrant.address.value, registrant.zip.value, registrant.phone.value) == expected
    assert problems == []


def test_zip_and_telephone_split_by_their_shapes_under_three_captions():
    text = ("106 S. MAIN STREET, AKRON, OHIO 44308 (216) 384-8000\n"
            "(Address of Principal Executive Offices) (Zip Code) (Telephone Number)\n")
    cover, _ = read(text)
    assert fields(cover.registrants[0]) == {
        "address": "106 S. MAIN STREET, AKRON, OHIO", "zip": "44308", "phone": "(216) 384-8000"}


@pytest.mark.parametrize(("line", "name"), [
    ("B A R R O W   &   L A N E ,   I N C .", "BARROW & LANE, INC."),
    # collapsed to single spaces: the ampersand still parts the words
    ("D E E R E & C O M P A N Y", "DEERE & COMPANY"),
])
def test_a_letter_spaced_name(line, name):
    text = f"      {line}\n      (Exact name of registrant as specified in its charter)\n"
    assert [t.type for t in example_tokens(text)][0] == "SPACED"
    cover, _ = read(text)
    assert cover.registrants[0].name.value == name
    # the name's span is the letter-spaced text as written
    assert text[cover.registrants[0].name.span.start:
                cover.registrants[0].name.span.end] == line


def test_a_cover_without_a_name_caption():
    text = ("                                   FORM 8-K\n\n"
            "        Date of Report (Date of earliest event reported) -\n"
            "                               October 2, 1996\n\n"
            "                          HOLLIS-BRENNER FOODS, INC.\n\n"
            "         Minnesota                    0-14627                 41-1390722\n"
            "    (State or other           (Commission             (IRS Employer\n"
            "    jurisdiction of           File Number)            Identification\n"
            "    incorporation)                                    Number)\n")
    assert "registrant_name" in parts(text)
    cover, problems = read(text)
    assert problems == []
    assert cover.date_of_report.text == "October 2, 1996"
    assert fields(cover.registrants[0]) == {
        "name": "HOLLIS-BRENNER FOODS, INC.", "state": "Minnesota", "file_number": "0-14627",
        "irs_number": "41-1390722"}


def test_a_captionless_cover_labelled_line_by_line():
    # American Financial's 1994 cover: each value after its words, no caption rows
    text = ("FORM 8-K\n\n"
            "Date of report: December 9, 1994 Commission File No. 1-7361\n"
            "(Date of earliest event reported)\n\n"
            "AMERICAN FINANCIAL CORPORATION\n\n"
            "Incorporated under the Laws of Ohio IRS Employer\n"
            "Identification No. 31-0624874\n\n"
            "One East Fourth Street\nCincinnati, Ohio 45202\nPhone: (513) 579-2121\n\n"
            "Former name or former address, if changed since last report - not\n"
            "applicable.\n")
    cover, problems = read(text)
    assert problems == []
    assert fields(cover.registrants[0]) == {
        "name": "AMERICAN FINANCIAL CORPORATION", "state": "Ohio", "file_number": "1-7361",
        "irs_number": "31-0624874", "address": "One East Fourth Street, Cincinnati, Ohio",
        "zip": "45202", "phone": "(513) 579-2121", "former_name": "not applicable."}


def test_a_name_caption_is_never_a_captionless_name():
    # a cover with its name caption keeps its first text line for the caption
    cover, _ = read(COVER)
    assert "registrant_name" not in parts(COVER)
    assert cover.registrants[0].name.value == "ACME WIDGETS, INC."


@pytest.mark.parametrize("text", [
    # the date of report on its own line right above the name (HTML, 2014)
    "Date of Report (Date of earliest event reported):\nOctober 7, 2014\n"
    "NUANCE COMMUNICATIONS, INC.\n(Exact name of registrant as specified in its charter)\n",
    # side by side over their two captions
    "        March 3, 1994                        NUANCE COMMUNICATIONS, INC.\n"
    "(Date of earliest event reported)   (Exact name of registrant as specified\n"
    "                                                 in its charter)\n",
    # the same, collapsed by a 1994 repository
    "March 3, 1994 NUANCE COMMUNICATIONS, INC.\n"
    "(Date of earliest event reported) (Exact name of registrant as specified\n"
    "in its charter)\n",
])
def test_a_date_of_report_beside_or_above_the_name_is_not_the_name(text):
    cover, _ = read(text)
    assert cover.registrants[0].name.value == "NUANCE COMMUNICATIONS, INC."
    assert cover.date_of_report is not None and cover.date_of_report.value.day in (3, 7)


def test_a_value_on_the_caption_row_over_its_caption():
    # MEDIQ 1994: the state written on the caption row, its caption on the line below
    text = ("0-8147 51-0219413\n"
            "DELAWARE (Commission file number) (IRS employer\n"
            "(State of incorporation) identification number)\n")
    cover, _ = read(text)
    assert fields(cover.registrants[0]) == {
        "state": "DELAWARE", "file_number": "0-8147", "irs_number": "51-0219413"}
