"""grammar/signatures.lark: its line kinds, the lexer's passes token by token, its rules."""

from __future__ import annotations

import pytest
from eightk import grammars, parse_source
from eightk.body import signature_lexer as lexer
from eightk.body.lines import Line
from eightk.body.signatures import _region, lex_text
from eightk.body.signer_lines import signers
from eightk.lexing import LineToken, lines_of

SENTENCE = ("Pursuant to the requirements of the Securities Exchange Act of 1934, the\n"
            "registrant has duly caused this report to be signed on its behalf by the\n"
            "undersigned hereunto duly authorized.\n")
COLUMN = " " * 40


def lines(text: str) -> list[Line]:
    out = []
    for start, end, number in lines_of(text):
        line = text[start:end]
        kind = "PAGE" if line.strip() == "<PAGE>" else "TEXT"
        out.append(Line(kind, line, start, end, number))
    return out


def line_kinds(text: str) -> list[str]:
    return [t.type for t in lexer.line_tokens(lines(text))]


def roles(text: str) -> list[tuple[str, str]]:
    return [(t.type, t.value) for t in lex_text(text)]


# ------------------------------------------------------------------ the grammar


@pytest.mark.parametrize("start", ["block", "lines"])
def test_the_grammar_is_lalr_without_conflicts(start):
    # strict: a shift/reduce conflict is an error, not resolved silently
    grammars.build("signatures.lark", start, strict=True)


def test_the_lines_rule_reads_every_line_kind():
    text = ("SIGNATURES\n" + SENTENCE + "- 2 -\n<PAGE>\nACME CORP\nDate: May 2, 1994 By: --\n"
            "By: /s/ Jane Q. Public\nName: Jane Q. Public\nTitle: Treasurer\n"
            "INDEX TO EXHIBITS\nREPORT OF INDEPENDENT AUDITORS\n")
    tokens = list(lexer.line_tokens(lines(text)))
    assert {"PAGE_NUMBER", "EXCHANGE_ACT", "PAGE", "BY_INSIDE", "BY_CONFORMED", "NAME_LINE",
            "TITLE_LINE", "EXHIBIT_LIST", "HEADING"} <= {t.type for t in tokens}
    grammars.load("signatures.lark", "lines").parse(iter(tokens))


def test_signed_lines():
    assert lexer.signed_line("Date: June 23, 1994     By: s/Richard Sands")
    assert lexer.signed_line("/s/ Jane Q. Public")
    assert not lexer.signed_line("by the Company and its auditors")


def test_every_line_kind_has_a_pattern():
    for start in ("block", "lines"):
        for terminal in grammars.load("signatures.lark", start).terminals:
            assert terminal.pattern.to_regexp(), terminal.name
    assert "%declare" not in grammars.grammar_text("signatures.lark")


# ------------------------------------------------------------------ line kinds


@pytest.mark.parametrize(("piece", "kind"), [
    ("------------------------------", "RULE"),
    ("Date: March 3, 2025", "DATE_LINE"),
    ("Dated:    January 26, 1998", "DATE_LINE"),
    ("Date October 21, 1994", "DATE_LINE"),
    ("May 19, 1995", "DATE_LINE"),
    ("Date: ________", "DATE_BLANK"),
    ("Dated: Agust 16, 1994", "DATE_BLANK"),  # no month: no date read
    ("(Registrant)", "CAPTION"),
    ("REGISTRANT", "CAPTION"),
    ("(Name and Title)", "CAPTION"),
    ("(a Minnesota Corporation)", "DESCRIPTION"),
    ("Any reference in the attached exhibit(s) to our corporate website(s) and/or other "
     "social media sites or platforms is provided for convenience only.", "PROSE"),
    ("By:", "BY_BLANK"),
    ("By: ______________", "BY_BLANK"),
    ("By: /s/ Jane Q. Public", "BY_CONFORMED"),
    ("BY: /S/ JOHN E. RAYL", "BY_CONFORMED"),
    ("By: \\s\\ Paul R. Carter", "BY_CONFORMED"),
    ("By /s/ Frank S. Cottrell", "BY_CONFORMED"),
    ("By: Philip A. Moravec", "BY_TYPED"),
    ("By Jane Doe", "BY_TYPED"),
    ("/s/ Timothy J. Rigas", "CONFORMED"),
    ("s/Richard Sands", "CONFORMED"),
    ("Name:  Jane Q. Public", "NAME_LINE"),
    ("Title: Chief Financial Officer", "TITLE_LINE"),
    ("Its: President", "TITLE_LINE"),
    ("the agreement was signed by the parties and is filed as an exhibit", "TEXT"),
    ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
     "WORDY"),
    ("by the Company", "TEXT"),  # "by" in a sentence signs nothing
    ("By May 5, 1994 the plan", "DATE_LINE"),  # no signature: a short line with a date
    ("By: June 5, 1994", "BY_TYPED"),
    ("its/their officers", "TEXT"),  # no conformed mark inside a word
    ("ACME WIDGETS, INC.", "TEXT"),
])
def test_piece_vocabulary(piece, kind):
    assert lexer.piece_vocabulary().classify(piece)[0] == kind


def test_signature_lines_carry_the_signed_name():
    _, match = lexer.piece_vocabulary().classify("By:    /s/ Jane Q. Public")
    assert match.group("mark") == "/s/" and match.group("name") == "Jane Q. Public"
    _, match = lexer.piece_vocabulary().classify("Title:   Vice President, Finance")
    assert match.group("value") == "Vice President, Finance"


@pytest.mark.parametrize(("line", "kind"), [
    ("- 4 -", "PAGE_NUMBER"),
    ("Page 3", "PAGE_NUMBER"),
    ("12", "PAGE_NUMBER"),
    ("Pursuant to the requirements of the Securities Exchange Act of 1934, the", "EXCHANGE_ACT"),
    ("Pursuant to the requirements of the", "PURSUANT"),  # wrapped: the pass decides
    ("Pursuant to General Instruction B.2", "PURSUANT"),
    ("January 28, 1994 By: --------", "BY_INSIDE"),
    ("Date: May 23, 1994 /s/SYVERT E. NERHEIM", "CONFORMED"),
    ("REPORT OF INDEPENDENT AUDITORS", "HEADING"),
    ("CONSOLIDATED BALANCE SHEETS", "HEADING"),
    ("Exhibit No.    Description", "EXHIBIT_LIST"),
    ("INDEX TO EXHIBITS", "EXHIBIT_LIST"),
    ("ACME WIDGETS, INC.", "TEXT"),
])
def test_line_vocabulary(line, kind):
    assert lexer.line_vocabulary().classify(line)[0] == kind


def test_the_exchange_act_sentence_is_found_wrapped():
    wrapped = lines("Pursuant to the requirements of the\nSecurities Exchange Act of 1934, the\n")
    assert lexer.exchange_act_at(wrapped, 0)
    other = lines("Pursuant to the requirements of the\nSecurities Act of 1933, the\n")
    assert not lexer.exchange_act_at(other, 0)


# ------------------------------------------------------------------ line passes


def test_a_paragraph_is_one_token():
    text = "SIGNATURE\n" + SENTENCE + "\nPursuant to General Instruction B.2\nof Form 8-K\n\nX\n"
    tokens = list(lexer.paragraphs(list(lexer.line_tokens(lines(text)))))
    assert [t.type for t in tokens] == ["TEXT", "EXCHANGE_ACT", "PURSUANT", "TEXT"]
    sentence, other = tokens[1], tokens[2]
    assert (sentence.line, sentence.end_line) == (2, 4)
    assert text[sentence.start_pos:sentence.end_pos] == SENTENCE.rstrip("\n")
    assert (other.line, other.end_line) == (6, 7)  # to the blank line: no "authorized"


def test_the_block_closes_at_a_page_break_after_its_signature():
    text = ("ACME CORP\nBy: /s/ Jane Q. Public\nTreasurer\n<PAGE>\n"
            "BALANCE SHEET\nCash ........ 3\n")
    assert [t.value for t in lexer.closed(lexer.line_tokens(lines(text)))] == [
        "ACME CORP", "By: /s/ Jane Q. Public", "Treasurer"]


def test_a_page_of_more_signatures_keeps_the_block_open():
    text = ("ACME CORP\nBy: /s/ Jane Q. Public\n<PAGE>\nACME SUB, INC.\n"
            "By: /s/ Jane Q. Public\n")
    assert len(lexer.closed(lexer.line_tokens(lines(text)))) == 5
    text = "ACME CORP\nBy: /s/ Jane Q. Public\n<PAGE>\nName: Jane Q. Public\n"
    assert len(lexer.closed(lexer.line_tokens(lines(text)))) == 4


def test_a_heading_closes_only_after_a_signature():
    text = "PRESS RELEASE\nACME CORP\nBy: /s/ Jane Q. Public\nPRESS RELEASE\nmore\n"
    assert [t.type for t in lexer.closed(lexer.line_tokens(lines(text)))] == [
        "HEADING", "TEXT", "BY_CONFORMED"]


def test_page_numbers_and_layout_tags_are_left_out():
    text = "ACME CORP\n- 4 -\n<PAGE>\n12\nBy: /s/ Jane Q. Public\n"
    kept = lexer.layout_lines(lexer.line_tokens(lines(text)))
    assert [t.type for t in kept] == ["TEXT", "BY_CONFORMED"]


def test_the_block_ends_at_an_exhibit_list():
    text = "By: /s/ Jane Q. Public\nExhibit No.   Description\n99.1  Press release\n"
    assert [t.type for t in lexer.exhibit_list(lexer.line_tokens(lines(text)))] == [
        "BY_CONFORMED"]


def test_ascii_table_tags_inside_a_line_are_spaces():
    (token,) = lexer.line_tokens(lines("<S><C> BIG WINE COMPANY, INC.\n"))
    assert token.value == "       BIG WINE COMPANY, INC." and token.type == "TEXT"


# ------------------------------------------------------------------ columns


def _columns(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    right, left = lexer.columns(list(lexer.line_tokens(lines(text))))
    return [(t.type, t.value) for t in right], [(t.type, t.value) for t in left]


def test_two_columns_are_two_streams():
    right, left = _columns(f"{COLUMN}ACME CORP\nDate: March 6, 2006" + " " * 21
                           + "By: /s/ Jane Q. Public\n")
    assert right == [("TEXT", "ACME CORP"), ("BY_CONFORMED", "By: /s/ Jane Q. Public")]
    assert left == [("LEFT_DATE", "Date: March 6, 2006")]


def test_a_registrant_at_the_margin_above_the_first_signature_spans_the_page():
    right, left = _columns("NETAPP, INC.\n(Registrant)\n\n"
                           "February 4, 2021   By:   /s/ Matthew K. Fawcett\n"
                           "                         Matthew K. Fawcett\n"
                           "Purchase, NY\n")
    assert right[:2] == [("TEXT", "NETAPP, INC."), ("CAPTION", "(Registrant)")]
    assert left == [("LEFT_DATE", "February 4, 2021")]  # "Purchase, NY": no date, left out


def test_collapsed_columns_are_cut_after_the_date_and_before_by():
    right, _ = _columns("Date: May 23, 1994 /s/SYVERT E. NERHEIM\n"
                        "January 28, 1994 By: --------\n")
    assert right == [("DATE_LINE", "Date: May 23, 1994"), ("CONFORMED", "/s/SYVERT E. NERHEIM"),
                     ("DATE_LINE", "January 28, 1994"), ("BY_BLANK", "By: --------")]


def test_left_dates_go_back_in_reading_order():
    def token(kind: str, line: int) -> LineToken:
        return LineToken(kind, kind, line, line, line, line + 1)

    merged = lexer.beside([token("A", 1), token("B", 3)], [token("L", 3), token("M", 9)])
    assert [(t.type, t.line) for t in merged] == [("A", 1), ("L", 3), ("B", 3), ("M", 9)]


# ------------------------------------------------------------------ capacity


def test_a_general_partner_line_wrapped_is_one_capacity_token():
    text = ("ALLIANCE CAPITAL MANAGEMENT L.P.\nBy: Alliance Capital Management\n"
            "Corporation, General Partner\n\nBy: /s/ John D. Carifa\n")
    right, _ = lexer.columns(list(lexer.line_tokens(lines(text))))
    tokens = lexer.capacity(right)
    assert [t.type for t in tokens] == ["TEXT", "CAPACITY", "BY_CONFORMED"]
    assert tokens[1].value == "By: Alliance Capital Management\nCorporation, General Partner"
    assert (tokens[1].line, tokens[1].end_line) == (2, 3)


def test_a_capacity_needs_a_signature_under_it():
    for text in ("ACME LP\nBy: Acme GP LLC, its General Partner\nACME LP\n",
                 "ACME LP\nBy: Acme GP LLC\nName: Ann Smith\nTitle: General Partner\n"
                 "By: /s/ Ann Smith\n",  # a label is a signature's line, not a partner's
                 "ACME LP\nBy: Jane Q. Public, General Partner\nBy: /s/ Ann Smith\n"):
        right, _ = lexer.columns(list(lexer.line_tokens(lines(text))))
        assert "CAPACITY" not in [t.type for t in lexer.capacity(right)], text


# ------------------------------------------------------------------ signers


def test_roles_of_a_plain_block():
    assert roles(SENTENCE + "\nACME WIDGETS, INC.\n(Registrant)\n\nBy: /s/ Jane Q. Public\n"
                 "--------------------\nJane Q. Public\nVice President and\nTreasurer\n") == [
        ("EXCHANGE_ACT", SENTENCE.rstrip("\n")), ("REGISTRANT", "ACME WIDGETS, INC."),
        ("CAPTION", "(Registrant)"), ("BY_CONFORMED", "By: /s/ Jane Q. Public"),
        ("RULE", "--------------------"), ("TYPED_NAME", "Jane Q. Public"),
        ("TITLE_TEXT", "Vice President and"), ("TITLE_TEXT", "Treasurer")]


def test_name_and_title_on_one_line_are_two_tokens():
    assert roles("ACME CORP\nBy: /s/ Herb Glaubman\nHerbert Glaubman, President\n")[2:] == [
        ("TYPED_NAME", "Herbert Glaubman"), ("TITLE_TEXT", "President")]
    # the office after the signed name
    assert roles("ACME TRUST\nBy: /s/ John A. Smith, Trustee\n")[1:] == [
        ("BY_CONFORMED", "By: /s/ John A. Smith, Trustee"), ("TYPED_NAME", "John A. Smith"),
        ("TITLE_TEXT", "Trustee")]


def test_a_company_name_after_a_complete_signature_is_the_next_registrant():
    found = roles("THE SOUTHERN COMPANY\nBy /s/W. Ron Hinson\nW. Ron Hinson\nComptroller\n"
                  "ALABAMA POWER COMPANY\nGULF POWER COMPANY\nBy /s/Wayne Boston\n")
    assert [kind for kind, _ in found] == [
        "REGISTRANT", "BY_CONFORMED", "TYPED_NAME", "TITLE_TEXT", "REGISTRANT", "REGISTRANT",
        "BY_CONFORMED"]


def test_conformed_names_and_by_lines_written_apart():
    assert [k for k, _ in roles("ACME CORP\nBy:\n/s/ WILLIAM J. HEALY\n")] == [
        "REGISTRANT", "BY_BLANK", "SIGNED_UNDER"]
    assert [k for k, _ in roles("ACME CORP\n/s/ James M. Cornelius\nBy: ________\n")] == [
        "REGISTRANT", "CONFORMED", "BY_UNDER"]


def test_a_typed_signature_under_the_registrant():
    assert roles("EASTMAN KODAK COMPANY\n\nC. Michael Hamilton, General Comptroller,\n"
                 "Principal Accounting Officer\n")[1:] == [
        ("TYPED_SIGNATURE", "C. Michael Hamilton"),
        ("TITLE_TEXT", "General Comptroller,"), ("TITLE_TEXT", "Principal Accounting Officer")]


def test_lines_waiting_for_no_signature_are_text():
    # far above the signature (two blank lines), or ended by a sentence
    assert [k for k, _ in roles("Some heading\n\n\nACME CORP\nBy: /s/ Jane Q. Public\n")] == [
        "TEXT", "REGISTRANT", "BY_CONFORMED"]
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert [k for k, _ in roles(f"ACME CORP\n{words}\nBy: /s/ Jane Q. Public\n")] == [
        "TEXT", "WORDY", "BY_CONFORMED"]


def test_a_label_above_any_signature_keeps_its_kind():
    def token(kind: str, text: str, line: int) -> LineToken:
        match = lexer.piece_vocabulary().classify(text)[1]
        return LineToken(kind, text, line * 100, line, line, line * 100 + len(text), match)

    tokens = [token("TEXT", "ACME CORP", 1), token("TITLE_LINE", "Title: Treasurer", 2),
              token("BY_CONFORMED", "By: /s/ Jane Q. Public", 3)]
    assert [t.type for t in signers(tokens)] == ["REGISTRANT", "TITLE_LINE", "BY_CONFORMED"]


# ------------------------------------------------------------------ departures


def _departures(block: str) -> list[tuple[int, str]]:
    head = "FORM 8-K\n\nItem 8.01 Other Events.\n\nThe company moved.\n\nSIGNATURES\n\n"
    parsed = parse_source((head + block).encode())
    return [(d.span.line - 8, d.message) for d in parsed.source.diagnostics
            if d.name == "signature-layout"]


def test_a_clean_block_departs_from_nothing():
    assert _departures(SENTENCE + "\nACME CORP\n\nBy: /s/ Jane Q. Public\nName: Jane Q. Public\n"
                       "Title: Treasurer\n\nBy: /s/ John Roe\nName: John Roe\n") == []


def test_a_block_without_the_sentence_or_a_registrant():
    assert _departures("\nBy: /s/ Jane Q. Public\nTreasurer\n") == [
        (2, "the signature block has no Exchange Act sentence above its first signature"),
        (2, "no registrant's name stands above this signature")]
    assert _departures(SENTENCE + "\nDate: May 2, 1994\nBy: /s/ Jane Q. Public\n") == [
        (6, "no registrant's name stands above this signature")]


@pytest.mark.parametrize("label", ["Name: Jane Q. Public", "Title: Treasurer"])
@pytest.mark.parametrize("above", ["", "ACME CORP\n", "ACME CORP\n(Registrant)\n",
                                   "Date: May 2, 1994\nACME CORP\n"])
def test_a_label_above_its_signature_is_worded_from_the_examples(label, above):
    found = _departures(SENTENCE + "\n" + above + label + "\nBy: /s/ Jane Q. Public\n")
    word = label.split(":")[0]
    assert [message for _, message in found if "registrant" not in message] == [
        f"a `{word}:` line with no signature above it"]


def test_the_examples_fail_where_their_messages_say():
    table = _region().table()
    messages = set(table.values())
    assert messages == {"a `Name:` line with no signature above it",
                        "a `Title:` line with no signature above it"}


def test_a_title_above_its_signature_is_its_title():
    head = "FORM 8-K\n\nItem 8.01 Other Events.\n\nThe company moved.\n\nSIGNATURES\n\n"
    parsed = parse_source((head + SENTENCE + "\nACME CORP\nTitle: Treasurer\n"
                           "By: /s/ Jane Q. Public\n").encode())
    (sig,) = parsed.filing.signatures
    assert (sig.registrant.value, sig.name.value, sig.title.value) == (
        "ACME CORP", "Jane Q. Public", "Treasurer")
