"""Possessive quantifiers in the region grammars change no match, only its cost.

The signature and exhibit line kinds match the blanks they start with (and
PROSE / WORDY their words) possessively (``[ \\t]*+``, ``\\S++``): what follows
can never match a blank (or a word character), so giving one back could never
make a match, and a line the kind does not match is given up without retrying
each shorter indent. Here each such pattern is checked against itself with the
possessive quantifiers made greedy, on lines built to tempt a difference and on
every line of the samples (and of the shared corpus, where it is present).
"""

from __future__ import annotations

import re

import pytest
from conftest import project_files, shared_files
from eightk.body import exhibit_lexer, signature_lexer

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
]


def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(kind, pattern, the pattern with greedy quantifiers) for every kind of the
    two regions' vocabularies that has a possessive quantifier."""
    out = []
    vocabularies = [exhibit_lexer.vocabulary(), signature_lexer.line_vocabulary(),
                    signature_lexer.piece_vocabulary()]
    for words in vocabularies:
        for kind, pattern in words.kinds:
            greedy = _POSSESSIVE.sub(r"\1", pattern.pattern)
            if greedy != pattern.pattern:
                out.append((kind, pattern, re.compile(greedy, pattern.flags)))
    return out


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict()


def _check(lines: list[str]) -> list[tuple[str, str]]:
    differ = []
    for kind, pattern, greedy in _patterns():
        for line in lines:
            head = line[:320]
            if not (_same(pattern.match(head), greedy.match(head))
                    and _same(pattern.search(line), greedy.search(line))):
                differ.append((kind, line))
    return differ


def test_the_grammars_have_possessive_line_kinds() -> None:
    kinds = {kind for kind, _, _ in _patterns()}
    assert {"ROW", "HEADER", "LEADER", "BY_CONFORMED", "EXCHANGE_ACT", "WORDY",
            "PROSE"} <= kinds


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
