"""Possessive quantifiers in the grammars change no match, only its cost.

The line kinds of every vocabulary (the body's, the cover's, the exhibit
list's, the signatures', the envelope's, and the layout tags all of them share)
match the blanks they start with (and some runs after: PROSE / WORDY's words,
ITEM_HEAD's blanks between its parts, FIELD's before the colon) possessively
(``[ \\t]*+``, ``\\S++``): what follows can never match a blank (or a word
character), so giving one back could never make a match, and a line the kind
does not match is given up without retrying each shorter indent. Here each such
pattern is checked against itself with the possessive quantifiers made greedy,
on lines built to tempt a difference and on every line of the samples (and of
the shared corpus, where it is present): the same match, span and groups, by
``match``, ``search`` and ``fullmatch``; and the prefilter reads the same
conditions off both forms (``prefilter.conditions``), so no line is tried
against more kinds than before.
"""

from __future__ import annotations

import re

import pytest
from conftest import project_files, shared_files
from eightk.body import cover_lexer, exhibit_lexer, signature_lexer
from eightk.body import lexer as body_lexer
from eightk.envelope import lexer as envelope_lexer
from eightk.prefilter import conditions

# a possessive quantifier: a quantifier followed by "+" (not escaped, not in a class)
_POSSESSIVE = re.compile(r"(?<!\\)([*+?}])\+")

TRICKY = [
    "", " ", "\t", "   \t  ", "Exhibit No.                  Description",
    "            2003, announcing financial results for the first quarter of 2003",
    "  99.1      Press release of Tamarack Outdoor Products Corp. dated April 24,",
    "(c)   Exhibits:", "   (d)   Exhibits.", "EXHIBITS   ", "Exhibits:      99.1 Press release",
    "    * Previously filed.", "   *", "   ----------   ---------", "  Press release . . . . 16",
    "      (furnished pursuant to Item 12 of Form 8-K).", "        By: /s/ Jane Q. Public",
    "        By:", "   BY   ", "        Date: May 2, 1994", "   Dated:    January 26, 1998",
    "      Pursuant to the requirements of the Securities Exchange Act of 1934, the",
    "   pursuant to", "      - 4 -", "     12     ", "   Name:  Jane Q. Public", "  Title: CFO",
    "  Its: President", "   (Registrant)", "  (a Minnesota Corporation)",
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    "one two three four five six seven eight nine ten eleven twelve thirteen",
    " a  b\tc \t d e f g h i j k l m n o p q r s t u v w", "a b c d e f g h i j k l m\r n o",
    "  INDEX TO EXHIBITS", "   ####", " " * 300 + "99.1 Press release", "x" * 400,
    # body headings and layout tags
    "   Item 2.02   Results of Operations", "\tITEM 5.  OTHER EVENTS", "  Items 1 through 4.",
    "Item\u00a0\u00a02.02 Results", "  -  Item  -  8.01  Other Events",
    "   Item No. 7 (c) Exhibits", "Items 2.02 and  7.01 ,  Results", "  Item 7 of this report",
    "Item 5 - Other Events.....  3", "    Items   ", "  Item 2.02    ", "ITEM  V.  OTHER",
    "   SIGNATURES   ", "   S I G N A T U R E S", "   Signature  Page :  ", "  EXHIBIT   INDEX  ",
    "   Explanatory   Note", "   Section  2 - Financial",
    "  Section 9   -   Financial Statements and Exhibits", "  <PAGE>   12  ", "   <TABLE>  ",
    "    </TABLE>", "   <S>    <C>  ", "  <CAPTION>", "   <page", "\u00a0 Not applicable.",
    # cover lines
    "     (State or other     (Commission     (IRS Employer", "  (  Exact name of registrant",
    "   Delaware       COMMISSION   ", "Delaware    Commission  File Number", "   FORM   8-K  ",
    "  Form 8-K/A", "    (A  Delaware Corporation)", "  Incorporated under the Laws of Ohio   IRS",
    "   1-3526        The Southern Company     58-0690070", "  001-11227  Washington Energy  none",
    "   (404) 506-5000", "  Tel.  (949) 429-5370  ",
    " 100 Main St, Springfield, IL 62701  (217) 555-0100", "     62701 ,  (217) 555-0100",
    "   Fax:  (888) 312-0124", "   January 7, 1994  ACME INC.", "  Sept. 19 , 2016",
    "   A C M E   &   C O M P A N Y  ", "   [X]  ", "    ☐", "  ----- ------ ",
    "  Emerging growth company " + "x" * 90, "  Washington, D.C. 20549",
    # envelope lines (the lexer strips their indentation; raw ones tempt too)
    "FILER:", "COMPANY DATA:   ", "  BUSINESS ADDRESS :\t", "FORM TYPE:\t8-K",
    "CONFORMED NAME  \t:", "STANDARD INDUSTRIAL CLASSIFICATION:  [5122]", "<FILER>  ", "</FILER>",
    "<TYPE>8-K",
]


def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(kind, pattern, the pattern with greedy quantifiers) for every kind of the
    vocabularies that has a possessive quantifier, and for the cover's kinds only
    its passes give (their patterns test lines and pieces of lines)."""
    out = []
    vocabularies = [body_lexer.vocabulary(), cover_lexer.vocabulary(),
                    exhibit_lexer.vocabulary(), signature_lexer.line_vocabulary(),
                    signature_lexer.piece_vocabulary(),
                    *(words.vocabulary for words in envelope_lexer._vocabularies())]
    kinds = [kind for words in vocabularies for kind in words.kinds]
    kinds += [(name, cover_lexer.pattern(name))
              for name in ("HEADER_ROW", "REGISTRANT_ROW", "STATE_ROW", "PHONE_ROW")]
    seen = set()
    for kind, pattern in kinds:
        if pattern.pattern in seen:  # the layout tags are in every vocabulary
            continue
        seen.add(pattern.pattern)
        greedy = _POSSESSIVE.sub(r"\1", pattern.pattern)
        if greedy != pattern.pattern:
            out.append((kind, pattern, re.compile(greedy, pattern.flags)))
    return out


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.span() == b.span() and a.groups() == b.groups()
            and a.groupdict() == b.groupdict())


def _check(lines: list[str]) -> list[tuple[str, str]]:
    differ = []
    for kind, pattern, greedy in _patterns():
        for line in lines:
            head = line[:320]  # all a vocabulary looks at (a search of a 1 MB line: minutes)
            if not (_same(pattern.match(head), greedy.match(head))
                    and _same(pattern.search(head), greedy.search(head))
                    and _same(pattern.fullmatch(head), greedy.fullmatch(head))):
                differ.append((kind, line))
    return differ


def test_the_grammars_have_possessive_line_kinds() -> None:
    kinds = {kind for kind, _, _ in _patterns()}
    assert {"ROW", "HEADER", "LEADER", "BY_CONFORMED", "EXCHANGE_ACT", "WORDY",
            "PROSE"} <= kinds
    assert {"PAGE", "TABLE_OPEN", "TABLE_CLOSE", "TABLE_TAG", "ITEM_HEAD", "SIGNATURE_HEAD",
            "EXHIBIT_INDEX_HEAD", "EXPLANATORY_HEAD", "SECTION_HEAD", "CAPTION", "PAREN_CAPTION",
            "FORM_TITLE", "EGC_QUESTION", "GLYPH", "INCORPORATION", "DATE_LINE", "SPACED",
            "PHONE_VALUE", "ADDRESS_PHONE", "FAX", "HEADER_ROW", "REGISTRANT_ROW", "ROLE",
            "BLOCK", "FIELD"} <= kinds


def test_the_prefilter_reads_the_same_conditions_off_both_forms() -> None:
    """Possessive repeats are read as the greedy ones are: no kind is tried on more
    lines than before (nor on fewer: the conditions only ever hold more lines)."""
    differ = [kind for kind, pattern, greedy in _patterns()
              if conditions(pattern) != conditions(greedy)]
    assert differ == []


def test_possessive_and_greedy_kinds_match_alike_on_tricky_lines() -> None:
    assert _check(TRICKY) == []


@pytest.mark.parametrize("where", ["project", "shared"])
def test_possessive_and_greedy_kinds_match_alike_on_the_corpus(where: str) -> None:
    files = project_files() if where == "project" else shared_files()[::20]
    if not files:
        pytest.skip("../shared/corpus is not here")
    lines = set()
    for path in files:
        for line in path.read_bytes().decode("latin-1").splitlines():
            if line.strip():
                lines.add(line)
    assert _check(sorted(lines)) == []
