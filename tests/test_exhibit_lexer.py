"""The exhibit list's line vocabulary (grammar/exhibits.lark) and its passes, token by
token, and the grammar itself (conflict-free, departures worded from examples)."""

from __future__ import annotations

import pytest
from eightk.body import exhibit_lexer as xl
from eightk.body.exhibits import REGION, description_end
from eightk.body.lexer import markup_kind
from eightk.body.lines import Line, Lines, Run
from eightk.grammars import build
from eightk.lexing import lines_of


def lines(text: str) -> list[Line]:
    return [Line(markup_kind(text[s:e]) or "TEXT", text[s:e], s, e, n)
            for s, e, n in lines_of(text)]


def listed(text: str, where: str = "9.01", cut: int | None = None) -> list[tuple[str, int]]:
    """The list's tokens after every pass: (kind, first line)."""
    start = xl.list_start(xl.tokens_of(lines(text)), where)
    assert start is not None
    tokens = xl.lex_list(start, text, lambda line, at: description_end(line, at, cut)).tokens
    return [(t.type, t.line) for t in tokens]


def kinds(text: str, where: str = "9.01") -> list[str]:
    return [kind for kind, _ in listed(text, where)]


# ------------------------------------------------------------------ vocabulary


@pytest.mark.parametrize(("line", "kind"), [
    ("99.1   Press release dated March 6, 2025.", "ROW"),
    ("Exhibit 10.2* Credit Agreement", "ROW"),
    ("(2.1) Asset Purchase Agreement", "ROW"),
    ("2.1", "ROW"),  # a dotted number alone: its description is below
    ("17", "PAGE_NUMBER"),  # a bare number alone is a page number
    ("15, 1994 Agreement.", "TEXT"),  # a comma follows a number only after "Exhibit"
    ("Exhibit 16, the letter from the accountants", "ROW"),
    ("111.1 Out of range", "TEXT"),
    ("(d) Exhibits.", "LABEL"),
    ("EXHIBITS", "LABEL"),
    ("(c) The following exhibits are filed herewith:", "LETTERED_LABEL"),
    ("(d) Exhibits furnished with this report", "LETTERED_LABEL"),
    ("Exhibit No.   Description", "HEADER"),
    ("NUMBER DESCRIPTION OF EXHIBIT PAGE", "HEADER"),
    ("Exhibit No.", "HEADER"),
    ("Exhibit. Page", "COLUMN_TITLES"),
    ("- --------   -----------", "RULE"),
    ("* Previously filed.", "LEGEND"),
    ("*****", "RULE"),
    ("****Four stars", "STRAY_MARK"),
    ("      Not Applicable.", "NOT_APPLICABLE"),
    ("(previously filed)", "NOTE"),
    ("(Schedules to Exhibit 2.1 are omitted.)", "REMARK"),
    ("EXHIBIT INDEX (continued)", "CONTINUED"),
    ("-2-", "PAGE_NUMBER"),
    ("Page 3", "PAGE_NUMBER"),
    # the page column of a 1994 exhibit index ("Sequentially Numbered Page")
    ("                                           16 - 17", "PAGE_NUMBER"),
    ("Pages 5 through 9", "PAGE_NUMBER"),
    # a table of figures in a press release: a price and a share count, no row
    ("     10.50                    1,250,000", "TEXT"),
    ("     ...........................   16", "LEADER"),
    ("     _______________   17-18", "LEADER"),
    ("The Company issued a press release.", "TEXT"),
])
def test_exhibit_vocabulary(line, kind):
    assert xl.classify(line)[0] == kind


@pytest.mark.parametrize(("line", "number", "description"), [
    ("99.1   Press release", "99.1", "Press release"),
    ("2    .1   Stock Purchase Agreement", "2.1", "Stock Purchase Agreement"),
    ("2.1   .3 Amendment", "2.1", ".3 Amendment"),  # a dotted number is not split
    ("(c) Exhibits. Exhibit 16, the letter", "16", "the letter"),
    # a contents table lists the document type: the exhibit number is "99.1"
    ("EX-99.1 - Earnings release", "99.1", "Earnings release"),
    ("Ex-1.1 Underwriting Agreement", "1.1", "Underwriting Agreement"),
    ("3(i)  Articles", "3(i)", "Articles"),
])
def test_a_row_carries_its_number_and_description(line, number, description):
    kind, m = xl.classify(line)
    assert kind == "ROW"
    value, start, end = xl.number_of(m)
    assert value == number and line[start:end].replace(" ", "") == number.replace(" ", "")
    assert xl.description_of(m) == description


def test_row_groups_say_how_the_row_is_written():
    _, m = xl.classify("*2.1 Agreement")
    assert xl.marker(m) == "*" and not xl.loose(m) and not xl.spaced(m)
    _, m = xl.classify("(16)    Letter")
    assert xl.loose(m) and xl.spaced(m) and xl.style(m) == (False, True)
    _, m = xl.classify("Exhibit 99  News")
    assert xl.style(m) == (True, False)
    _, m = xl.classify("6 5/8% Series due 2004.")
    assert xl.fraction(m)


# ------------------------------------------------------------------ list_start


def test_a_list_starts_at_its_label():
    text = "The board met.\n\n(d) Exhibits\n\n99.1 Press release.\n"
    assert listed(text) == [("LABEL", 3), ("ROW", 5)]


def test_a_label_line_can_hold_the_first_row():
    assert kinds("(c) Exhibit 99.1 - Joint Press Release dated March 29, 2021.\n") == ["ROW"]


def test_without_a_label_a_list_starts_at_its_header():
    text = "(1) Financial statements will follow.\n\nExhibit No.  Description\n99.1  News.\n"
    assert listed(text) == [("HEADER", 3), ("ROW", 4)]


def test_without_a_label_or_header_item_9_01_is_read_strictly():
    start = xl.list_start(xl.tokens_of(lines("99.1 Press release.\n")), "9.01")
    assert start.strict and start.label is None
    start = xl.list_start(xl.tokens_of(lines("99.1 Press release.\n")), "labelled")
    assert not start.strict


def test_another_item_has_a_list_only_under_its_own_label_or_header():
    assert xl.list_start(xl.tokens_of(lines("99.1 Press release of today.\n")), "other") is None
    # a lettered label is no label there
    assert xl.list_start(xl.tokens_of(lines("(c) Exhibits furnished\n99.1 News.\n")),
                         "other") is None
    start = xl.list_start(xl.tokens_of(lines("Exhibits\n\n99.1 News.\n")), "other")
    assert start.label.type == "LABEL" and start.strict
    # a header there must name the description
    assert xl.list_start(xl.tokens_of(lines("Exhibit No.\n99.1 News.\n")), "other") is None
    assert xl.find_list(lines("Exhibit No.   Description\n99.1  News.\n"))
    assert not xl.find_list(lines("99.1 News.\n\nThe release is furnished.\n"))


def test_the_header_is_looked_for_in_the_lines_below_the_label():
    start = xl.list_start(xl.tokens_of(lines(
        "(d) Exhibits\n\nExhibit No.   Description   Method of Filing\n99.1   News\n")), "9.01")
    assert start.header is not None and start.header.line == 3


# ------------------------------------------------------------------ legends


def test_a_legend_and_the_lines_below_it_are_one_token():
    text = ("(c) Exhibits\n\n2.1 Agreement.\n"
            "* Pursuant to Rule 12b-32, Exhibit 2.1 is\nincorporated by reference.\n"
            "23.1 Consent of Deloitte & Touche LLP.\n")
    assert listed(text) == [("LABEL", 1), ("ROW", 3), ("LEGEND", 4), ("ROW", 6)]
    start = xl.list_start(xl.tokens_of(lines(text)), "9.01")
    (legend,) = [t for t in xl.legends(start.tokens, text) if t.type == "LEGEND"]
    assert (legend.line, legend.end_line) == (4, 5)
    assert xl.legend_texts([legend]) == {
        "*": "Pursuant to Rule 12b-32, Exhibit 2.1 is incorporated by reference."}


def test_a_later_legend_of_the_same_marker_goes_on_the_first():
    text = "* Previously filed.\n\n* Filed herewith\nthe rest\n"
    start = xl.list_start(xl.tokens_of(lines(text)), "index")
    assert xl.legend_texts(xl.legends(start.tokens, text)) == {"*": "Previously filed. the rest"}


# ------------------------------------------------------------------ rows_in_context


def test_lines_below_a_row_continue_it_and_a_page_number_does_not():
    text = "(d) Exhibits\n\n99.1 Press release of the\nCompany.\n-2-\n99.2 Presentation.\n"
    assert kinds(text) == ["LABEL", "ROW", "CONTINUATION", "PAGE_NUMBER", "ROW"]


def test_a_row_looking_line_at_the_description_column_continues_the_row():
    text = ("(d) Exhibits\n\nExhibit No.   Description\n"
            "10.1          Supply Agreement among the Company and its lenders, Exhibit\n"
            "              1 Schedule of Lenders, dated March 3, 2006.\n"
            "99.1          Press release.\n")
    assert kinds(text) == ["LABEL", "HEADER", "ROW", "CONTINUATION", "ROW"]


def test_a_line_that_cannot_end_and_a_fraction_continue_the_row():
    text = ("(c) Exhibits.\n\n4.5 Fifty-third Supplemental Indenture relating to the\n"
            "7 Series of Bonds.\n\n4.6 Form of Bond of\n8 3/4% Series due 2004.\n")
    assert kinds(text) == ["LABEL", "ROW", "CONTINUATION", "ROW", "CONTINUATION"]
    # after a blank line too, when the description cannot end there
    text = "(c) Exhibits\n\n(99) Press release and information of\n\nDeere & Company\n"
    assert kinds(text) == ["LABEL", "ROW", "CONTINUATION"]


def test_another_style_or_lower_case_continues_the_row():
    text = ("(c) Exhibits.\n\n1.1 Form of Distribution Agreement (incorporated by\n"
            "Exhibit 1.2 to the Company's Registration Statement\n")
    assert kinds(text) == ["LABEL", "ROW", "CONTINUATION"]
    text = "(c) Exhibits.\n\n1.1 Form of Agreement\n2 copies of which are attached\n"
    assert kinds(text) == ["LABEL", "ROW", "CONTINUATION"]


def test_prose_makes_the_rest_of_the_list_strict():
    text = ("(c) Exhibits.\n\n16. Letter from Coopers & Lybrand re change.\n\n"
            "Notes to the financial statements of the business acquired follow.\n\n"
            "1. SIGNIFICANT ACCOUNTING POLICIES\n\n2.1 Agreement of Merger.\n")
    assert listed(text) == [("LABEL", 1), ("ROW", 3), ("TEXT", 5), ("TEXT", 7), ("ROW", 9)]


def test_a_strict_list_takes_rows_that_look_like_rows():
    text = ("(1) The financial statements will be filed by amendment.\n\n"
            "99.1 press release in lower case.\n\n99.2 Presentation.\n")
    assert listed(text) == [("TEXT", 1), ("TEXT", 3), ("ROW", 5)]


# ------------------------------------------------------------------ notes, kinds, end


def test_a_note_belongs_to_the_row_above_only_as_a_paragraph_of_its_own():
    text = "(c) Exhibits\n\n2(a) Agreement\n\n(previously filed)\n\n2(b) License\n"
    assert kinds(text) == ["LABEL", "ROW", "NOTE", "ROW"]
    text = "(c) Exhibits\n\n(previously filed)\n\n2(b) License\n"  # no row above
    assert kinds(text) == ["LABEL", "TEXT", "ROW"]
    text = "(c) Exhibits\n\n2(a) Agreement\n\n(previously filed)\nmore\n\n2(b) License\n"
    assert kinds(text) == ["LABEL", "ROW", "TEXT", "ROW"]  # not a paragraph of its own


def test_a_row_followed_by_not_applicable_heads_a_kind():
    text = ("(c) Exhibits\n\n(1)    Underwriting agreement\n\n         Not Applicable.\n\n"
            "(99)   Additional Exhibits\n\n         None.\n")
    assert kinds(text) == ["LABEL", "KIND_HEAD", "NOT_APPLICABLE", "KIND_HEAD",
                           "NOT_APPLICABLE"]


def test_the_list_ends_with_its_last_row_and_the_legends_below_it():
    text = ("(c) Exhibits\n\n99.1* Press release.\n-------\n* Filed herewith.\n\n"
            "The Company's results follow.\n\n** Further below.\n")
    assert kinds(text) == ["LABEL", "ROW", "RULE", "LEGEND"]
    # a legend below the end of the list still is the list's
    start = xl.list_start(xl.tokens_of(lines(text)), "9.01")
    found = xl.lex_list(start, text, lambda line, at: description_end(line, at, None))
    assert found.legends == {"*": "Filed herewith.", "**": "Further below."}


def test_a_paragraph_between_rows_is_one_text_token():
    text = ("(d) Exhibits\n\n10.16b  Second Amendment dated as of April 15, 1999 by\n"
            "        and among LaSalle\n<PAGE>\n\n        National Bank, Westell, Inc.\n"
            "        and Conference Plus, Inc.\n\n10.16c  Subordination Agreement\n")
    assert listed(text) == [("LABEL", 1), ("ROW", 3), ("CONTINUATION", 4), ("TEXT", 7),
                            ("ROW", 10)]


def test_a_list_without_rows_is_all_lead():
    assert kinds("(d) Exhibits\n\nNone.\n") == ["LABEL", "NOT_APPLICABLE"]


# ------------------------------------------------------------------ the grammar


def test_the_grammar_has_no_conflicts():
    # strict: a shift/reduce or reduce/reduce conflict is an error
    build("exhibits.lark", strict=True)


def test_text_between_rows_is_a_departure_worded_from_examples():
    text = ("(d) Exhibits\n\n10.16b  Second Amendment dated as of April 15, 1999 by\n"
            "        and among LaSalle\n<PAGE>\n\n        National Bank, Westell, Inc.\n\n"
            "10.16c  Subordination Agreement\n")
    start = xl.list_start(xl.tokens_of(lines(text)), "9.01")
    tokens = xl.lex_list(start, text, lambda line, at: description_end(line, at, None)).tokens
    problems = []
    tree = REGION.parse(tokens, problems.append)
    assert tree is not None
    (problem,) = problems
    assert problem.token.line == 7
    assert problem.message.startswith("text between the rows of the exhibit list")
    assert "an exhibit row" in problem.expected
    # a list without departures reports nothing
    problems.clear()
    REGION.parse(tokens[:3], problems.append)
    assert problems == []


def _find_list_by_every_line(lines: list[Line]) -> bool:
    """``find_list`` as it was written before it looked for its words first: every
    line named in order (the reference the faster one must agree with)."""
    words = xl.vocabulary(("ROW", "LABEL", "HEADER"))
    for line in lines:
        if line.kind in xl.MARKUP:
            continue
        kind, match = xl.classify(line.text, words)
        if kind == "LABEL" or (kind == "HEADER" and match.group("named") is not None):
            return True
        if kind == "ROW" and not xl.loose(match):
            return any(xl.classify(rest.text, words)[0] == "LABEL" for rest in lines
                       if rest.kind not in xl.MARKUP)
    return False


def _as_runs(found: list[Line], text: str) -> Lines:
    """The same lines as the body reader hands over a long text: text lines in runs."""
    pieces: list = []
    for line in found:
        if line.kind == "TEXT":
            if not pieces or not isinstance(pieces[-1], list):
                pieces.append([])
            pieces[-1].append((line.start, line.end, line.number))
        else:
            pieces.append(line)
    return Lines([Run.joined(text, p) if isinstance(p, list) else p for p in pieces])


@pytest.mark.parametrize(("text", "expected"), [
    ("Exhibit No.   Description\n99.1  News.\n", True),
    ("99.1 News.\n\nExhibit No.   Description\n", False),  # a header after a row
    ("99.1 News.\n\nExhibits\n", True),  # a label anywhere
    ("(1) The plan.\n\nExhibit No.   Description\n", True),  # a numbered paragraph first
    ("The release is attached as Exhibit 99.1.\nIts description follows.\n", False),
    ("The release \u2014 attached.\n\n(d) Exhibits\n\n99.1 News.\n", True),  # not ASCII
    ("The release is furnished.\n", False),
    # letters re matches case ignored that lower() does not fold (dotless i, long s)
    ("The release.\n\n(d) Exh\u0131bits\n", True),
    ("The release.\n\nEXHIBIT NO.   DE\u017fCRIPTION\n99.1 News.\n", True),
])
def test_another_item_is_looked_at_for_a_list_by_its_words(text, expected):
    found = lines(text)
    assert xl.find_list(found) is expected
    assert xl.find_list(_as_runs(found, text)) is expected
    assert _find_list_by_every_line(found) is expected


def test_find_list_and_first_label_agree_with_naming_every_line_on_the_corpora():
    # windows of lines around each mention of an exhibit in every sample (and the
    # shared filings where present), as lists and as runs
    from conftest import project_files, shared_files

    checked = found_lists = 0
    for path in [*project_files(), *shared_files()]:
        text = path.read_bytes().decode("latin-1")
        every = lines(text)
        at = [i for i, line in enumerate(every) if "xhibit" in line.text.lower()][:40]
        for i in at:
            window = every[max(0, i - 12): i + 12]
            expected = _find_list_by_every_line(window)
            assert xl.find_list(window) is expected, (path.name, window[0].number)
            as_runs = _as_runs(window, text)
            assert xl.find_list(as_runs) is expected, (path.name, i)
            if len(as_runs._pieces) == 1 and isinstance(as_runs._pieces[0], Run):
                # a part of text lines alone: the reader hands the run on as it is
                assert xl.find_list(as_runs._pieces[0]) is expected, (path.name, i)
            for standalone in (True, False):
                label = next(((k, t) for k, t in enumerate(xl.tokens_of(window))
                              if xl.is_label(t, standalone)), None)
                for given in (window, as_runs):
                    got = xl.first_label(given, standalone)
                    assert (got and (got[0], got[1].type, got[1].match.group())) == (
                        label and (label[0], label[1].type, label[1].match.group())), path.name
            checked += 1
            found_lists += expected
    assert checked > 100 and 0 < found_lists < checked
