"""The line vocabularies of grammar/ and the post-lexer passes, token by token."""

from __future__ import annotations

import pytest
from eightk.body import cover_lexer
from eightk.body import lexer as body_lexer
from eightk.body.lines import Line
from eightk.lexing import LineToken, lex, lines_of


def kinds(text: str) -> list[str]:
    return [t.type for t in body_lexer.tokenize(text).tokens]


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
    ("ACME WIDGETS, INC.", "TEXT"),
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
