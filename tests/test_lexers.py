"""The line vocabularies of grammar/ and the post-lexer passes, token by token."""

from __future__ import annotations

import pytest
from eightk.body import cover_lexer
from eightk.body import lexer as body_lexer
from eightk.body.lines import Line
from eightk.lexing import LineToken, lex, lines_of


def kinds(text: str) -> list[str]:
    return [t.type for t in body_lexer.tokenize(text).tokens]


def test_a_line_named_again_is_named_the_same():
    # lex_cover keeps each distinct line's kind (cover_lexer._kind): the second
    # cover, every line of which is a line of the first, gets the same tokens
    text = "FORM 8-K\nACME WIDGETS, INC.\n(Exact name of registrant as specified in its charter)\n"
    first = [(t.type, t.match and t.match.groupdict()) for t in cover_tokens(text)]
    again = [(t.type, t.match and t.match.groupdict()) for t in cover_tokens(text)]
    words = cover_lexer.vocabulary()
    alone = [words.classify(line)[0] for line in text.splitlines()]
    assert first == again and [kind for kind, _ in first] == alone
    assert first[0] == ("FORM_TITLE", {"form": "8-K"})


@pytest.mark.parametrize(("line", "kind"), [
    ("Item 2.02 Results of Operations and Financial Condition", "ITEM_HEAD"),
    ("ITEM 5. OTHER EVENTS", "ITEM_HEAD"),
    ("ITEM V. OTHER EVENTS", "ITEM_HEAD"),
    ("Items 1 through 4. Not applicable.", "ITEM_HEAD"),
    ("  - Item 8.01", "ITEM_HEAD"),
    ("Item 7 of this report", "TEXT"),
    ("Item 7(c) of the agreement", "TEXT"),  # no backtracking into the number
    ("Item 5 - Other Events........  3", "TEXT"),
    ("Item 5   Other Events         3", "TEXT"),
    ("Itemized deductions", "TEXT"),
    ("SIGNATURES", "SIGNATURE_HEAD"),
    ("S I G N A T U R E S", "SIGNATURE_HEAD"),
    ("Signature Page", "SIGNATURE_HEAD"),
    ("Signatures follow on the next page", "TEXT"),
    ("EXHIBIT INDEX", "EXHIBIT_INDEX_HEAD"),
    ("Index to Exhibits:", "EXHIBIT_INDEX_HEAD"),
    ("EXPLANATORY NOTE", "EXPLANATORY_HEAD"),
    ("Section 2 - Financial Information", "SECTION_HEAD"),
    ("Section 2 of the Agreement", "TEXT"),
    ("<PAGE>  3", "PAGE"),
    ("<TABLE>", "TABLE_OPEN"),
    ("<TABLE", "TEXT"),
    ("</TABLE>", "TABLE_CLOSE"),
    ("<S>     <C>", "TABLE_TAG"),
    ("<S>" + " " * 100 + "<C>", "TEXT"),  # longer than 80: read as text
])
def test_body_vocabulary(line, kind):
    assert body_lexer.vocabulary().classify(line)[0] == kind


def test_item_heading_carries_its_groups():
    _, match = body_lexer.vocabulary().classify("Items 2.02 and 7.01. Results of Operations")
    assert match.group("nums") == "2.02 and 7.01"
    assert match.group("rest") == ". Results of Operations"


def test_heading_in_a_sentence_is_text():
    prose = "The transaction is described in the agreement referred to in"
    assert kinds(f"{prose}\nItem 2. The registrant will file the report.\n") == ["TEXT", "TEXT"]
    # a blank line between: the sentence ended
    assert kinds(f"{prose}\n\nItem 2. Acquisition\n") == ["TEXT", "ITEM_HEAD"]
    # a short line above is not prose
    assert kinds("Summary of\nItem 2. Acquisition\n") == ["TEXT", "ITEM_HEAD"]
    # a finished sentence above
    assert kinds("The company completed the acquisition of the assets today.\n"
                  "Item 2. Acquisition\n") == ["TEXT", "ITEM_HEAD"]


def test_explanatory_note_only_before_other_headings():
    assert kinds("EXPLANATORY NOTE\nItem 8.01 Other Events\nExplanatory Note\n") == [
        "EXPLANATORY_HEAD", "ITEM_HEAD", "TEXT"]
    assert kinds("EXPLANATORY NOTE\nEXPLANATORY NOTE\n") == ["EXPLANATORY_HEAD", "TEXT"]


def test_text_tokens_carry_no_copy_of_their_line():
    (token,) = body_lexer.tokenize("plain words here\n").tokens
    assert token.type == "TEXT" and token.value == "" and token.match is None
    assert (token.start_pos, token.end_pos, token.line) == (0, 16, 1)


def test_table_tags_are_checked_and_tokens_pass():
    lexed = body_lexer.tokenize("<TABLE>\n<TABLE>\n</TABLE>\n</TABLE>\n</TABLE>\n<TABLE>\n")
    assert [t.type for t in lexed.tokens] == ["TABLE_OPEN", "TABLE_OPEN", "TABLE_CLOSE",
                                               "TABLE_CLOSE", "TABLE_CLOSE", "TABLE_OPEN"]
    assert [n.message for n in lexed.notes] == [
        "`<TABLE>` opened inside an unclosed table", "`</TABLE>` without an open table",
        "`<TABLE>` is never closed"]


def test_layout_tags_go_in_the_runs_of_text_lines():
    # the grammar takes a tag wherever it takes text: the reader's lexer puts each
    # in the run it stands in, as the line the line-by-line lexer names
    text = "Some text\n<PAGE>\nmore text\nItem 8.01 Other Events\n<TABLE>\nrow\n</TABLE>\n"
    tokens = body_lexer.tokenize_runs(text).tokens
    assert [t.type for t in tokens] == ["TEXT", "ITEM_HEAD", "TEXT"]
    assert [line.kind for line in tokens[0].lines] == ["TEXT", "PAGE", "TEXT"]
    assert [line.kind for line in tokens[2].lines] == ["TABLE_OPEN", "TEXT", "TABLE_CLOSE"]
    page = tokens[0].lines[1]
    assert page[:5] == ("PAGE", "<PAGE>", 10, 16, 2) and page.match is not None
    # and gives them back one token each, for recovery to report line by line
    assert [t.type for t in body_lexer.separated(tokens)] == [
        "TEXT", "PAGE", "TEXT", "ITEM_HEAD", "TABLE_OPEN", "TEXT", "TABLE_CLOSE"]
    assert [(t.type, t.start_pos, t.end_pos, t.line, t.value)
            for t in body_lexer.separated(tokens)] == [
        (t.type, t.start_pos, t.end_pos, t.line, t.value)
        for t in body_lexer.text_runs(body_lexer.tokenize(text).tokens, text)]


def test_a_tag_above_a_heading_is_no_sentence_going_on():
    # a <TABLE> line that ends like prose is still a tag: the heading below it
    # stays a heading, in a run or not
    text = ("The results are set out below, in the table we refer to in\n"
            "<TABLE border=0 cellpadding=0 width=100% the table we refer to in\n"
            "Item 2. Acquisition\n</TABLE>\n")
    assert kinds(text) == ["TEXT", "TABLE_OPEN", "ITEM_HEAD", "TABLE_CLOSE"]
    assert [t.type for t in body_lexer.tokenize_runs(text).tokens] == [
        "TEXT", "ITEM_HEAD", "TEXT"]


def _front(text: str) -> list[Line]:
    return [Line("TEXT", text[t.start_pos:t.end_pos], t.start_pos, t.end_pos, t.line)
            for t in lex(text, body_lexer.vocabulary(), lines_of(text))]


def cover_tokens(text: str) -> list[LineToken]:
    return cover_lexer.lex_cover(_front(text), text)


@pytest.mark.parametrize(("line", "kind"), [
    ("(Exact name of registrant as specified in its charter)", "PAREN_CAPTION"),
    ("(Date of report)  (State of incorporation)", "PAREN_CAPTION"),
    ("State or other jurisdiction   Commission File Number", "CAPTION"),
    ("Delaware       (Commission File Number)", "CAPTION"),
    ("FORM 8-K/A", "FORM_TITLE"),
    ("Date of Report (Date of earliest event reported): May 5, 2004", "REPORT_DATE"),
    ("Registrant's telephone number, including area code: (212) 555-0100", "PHONE"),
    ("Check the appropriate box below if the Form 8-K filing is intended", "BOX_INTRO"),
    ("[ ] Written communications pursuant to Rule 425", "BOX"),
    ("Securities registered pursuant to Section 12(b) of the Act:", "SECURITIES_12B"),
    ("Emerging growth company  [ ]", "EGC_BOX"),
    ("Indicate by check mark whether the registrant is an emerging growth company as "
     "defined in Rule 405", "EGC_QUESTION"),
    ("If an emerging growth company, indicate by check mark if the registrant has elected "
     "not to use the extended transition period  [ ]", "EGC_TRANSITION"),
    ("Title of each class    Trading Symbol(s)    Name of each exchange", "HEADER_12B"),
    ("Commission    Registrant, State of Incorporation,    I.R.S. Employer", "TABLE_CAPTION"),
    ("(Exact name of registrant, state of incorporation)", "PAREN_CAPTION"),
    ("AMENDMENT NO. 2 TO CURRENT REPORT", "AMENDMENT"),
    ("SECURITIES AND EXCHANGE COMMISSION", "BOILERPLATE"),
    ("Washington, D.C. 20549", "BOILERPLATE"),
    ("601 13th Street, NW, Washington, DC   20005", "TEXT"),  # an address, not the SEC's
    ("   ----------------------", "RULE"),
    ("- -", "RULE"),
    ("--", "TEXT"),
    ("[X]", "GLYPH"),
    ("☐", "GLYPH"),
    ("ACME WIDGETS, INC.", "TEXT"),
    ("Item 8.01 Other Events", "ITEM_HEAD"),  # the body's kind: no place in a cover
    ("Item 7 of the agreement", "TEXT"),
])
def test_cover_vocabulary(line, kind):
    (token,) = cover_tokens(line + "\n")
    assert token.type == kind


def test_a_wrapped_caption_row_is_one_token():
    text = ("Delaware          001-12345          12-3456789\n"
            "(State or other   (Commission        (IRS Employer\n"
            "jurisdiction of   File Number)       Identification No.)\n"
            "incorporation)\n"
            "100 Main Street\n")
    tokens = cover_tokens(text)
    assert [t.type for t in tokens] == ["TEXT", "PAREN_CAPTION", "TEXT"]
    caption = tokens[1]
    assert (caption.line, caption.end_line) == (2, 4)
    assert caption.value.split("\n")[-1] == "incorporation)"
    assert caption.end_pos == text.index("\n100 Main")


def test_a_value_row_below_a_caption_is_not_its_continuation():
    text = ("(Address of principal executive offices)\n"
            "100 Main Street, Springfield, Illinois 62701\n")
    assert [t.type for t in cover_tokens(text)] == ["PAREN_CAPTION", "TEXT"]


def test_an_open_header_row_continues_without_parentheses():
    text = "State or other        Commission\njurisdiction          File Number\n"
    (token,) = cover_tokens(text)
    assert token.type == "CAPTION" and (token.line, token.end_line) == (1, 2)


def test_the_form_title_carries_the_form_type():
    (token,) = cover_tokens("          FORM 8-K/A (Amendment No. 1)\n")
    assert token.type == "FORM_TITLE" and token.match.group("form") == "8-K/A"
    (token,) = cover_tokens("Amendment No. 12 to Form 8-K\n")
    assert token.type == "AMENDMENT" and token.match.group("number") == "12"


ZURN = ("                         ZURN INDUSTRIES, INC.\n"
        "\n"
        "                                                   IRS Employer\n"
        "    State of             Commission               Identification\n"
        "  Incorporation          File Number                  Number\n"
        "  Pennsylvania             1-5502                   25-1040754\n"
        "\n\n"
        "  Some later line\n")


def test_a_header_row_owns_the_values_below_it():
    tokens = cover_tokens(ZURN)
    assert [(t.type, t.line) for t in tokens] == [
        ("TEXT", 1), ("HEADER_ROW", 3), ("ROW", 6), ("TEXT", 9)]
    assert tokens[1].end_line == 5


def test_a_header_row_with_a_value_right_above_closes_it():
    text = ("  Pennsylvania             1-5502\n"
            "State or other           Commission\n"
            "jurisdiction             File Number\n"
            "  100 Main Street\n")
    assert [t.type for t in cover_tokens(text)] == ["TEXT", "CAPTION", "TEXT"]


def test_a_parenthesised_caption_row_is_never_a_header_row():
    text = ("(State or other    (Commission\n"
            "jurisdiction)      File Number)\n"
            "  Delaware           1-234\n")
    assert [t.type for t in cover_tokens(text)] == ["PAREN_CAPTION", "TEXT"]


SOUTHERN = (
    "Commission       Registrant, State of Incorporation,       I.R.S. Employer\n"
    "File Number      Address and Telephone Number              Identification No.\n"
    "\n"
    "1-3526           The Southern Company                      58-0690070\n"
    "                 (A Delaware Corporation)\n"
    "                 30 Ivan Allen Jr. Boulevard, N.W.\n"
    "1-3164           Alabama Power Company                     63-0004250\n"
    "                 (An Alabama Corporation)\n"
    "The addresses of the registrants have not changed since the last report.\n")


def test_a_coregistrant_table_has_a_row_block_per_registrant():
    tokens = cover_tokens(SOUTHERN)
    assert [t.type for t in tokens] == [
        "TABLE_CAPTION", "REGISTRANT_ROW", "STATE_ROW", "ROW", "REGISTRANT_ROW", "STATE_ROW",
        "TEXT"]
    assert (tokens[0].line, tokens[0].end_line) == (1, 2)
    assert tokens[1].value == ""  # rows are text: their words are in the layout
    # the row's parts are the groups of its terminal, and the state row's too
    assert [tokens[1].match.group(g) for g in ("file", "name", "irs")] == [
        "1-3526", "The Southern Company", "58-0690070"]
    assert tokens[5].match.group("state") == "Alabama"


def test_the_table_ends_at_boilerplate():
    text = SOUTHERN.replace("The addresses", "Securities Exchange Act: the addresses")
    assert cover_tokens(text)[-1].type == "BOILERPLATE"


PHONE = "Registrant's telephone number, including area code:\n"


@pytest.mark.parametrize(("text", "joined"), [
    (PHONE + "(708) 677-2900\n", True),  # the number on the line below
    (PHONE + "\n\n(708) 677-2900\n", True),  # up to three lines below
    (PHONE + "\n\n\n(708) 677-2900\n", False),
    ("Registrant's telephone number, including area code: (206)\n622-6767\n", True),  # wrapped
    ("(708) 677-2900\n" + PHONE + "\n(708) 677-2901\n", False),  # above it: as values stand
    ("Registrant's telephone number: (708) 677-2900\n(708) 677-2901\n", False),
    (PHONE + "---------------\n", False),
    (PHONE + "100 Main Street\n", False),
])
def test_the_number_below_the_telephone_line_joins_it(text, joined):
    tokens = cover_tokens(text)
    (phone,) = [t for t in tokens if t.type == "PHONE"]
    assert ("\n" in phone.value) is joined
    # the last line is in the telephone token, or a token of its own
    assert (phone.end_pos == len(text) - 1) is joined
    assert any(t.type != "PHONE" and t.line == text.count("\n") for t in tokens) is not joined


def test_the_passes_run_on_their_own():
    # each pass is a generator over tokens: it can be tested without the others
    tokens = [LineToken("PHONE", PHONE.strip(), 0, 1, 1, len(PHONE) - 1, None),
              LineToken("TEXT", "", len(PHONE), 2, 2, len(PHONE) + 14)]
    text = PHONE + "(708) 677-2900\n"
    (joined,) = cover_lexer.phone_continued(tokens, text)
    assert (joined.type, joined.line, joined.end_line, joined.end_pos) == (
        "PHONE", 1, 2, len(text) - 1)
