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
