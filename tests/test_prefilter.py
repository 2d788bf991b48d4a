"""The vocabularies' shortcut (``prefilter``) names every line as the one alternation does.

``Vocabulary.first`` tries, for an ASCII line, only the kinds whose conditions
(first non-blank character, a string the line must hold) the line meets. The
conditions are derived from the patterns and must only ever be too wide: these
tests compare the shortcut with the alternation over every kind, on every line
the pipeline classifies in the samples and the shared corpus, and on generated
lines made of the words the patterns look for.
"""

from __future__ import annotations

import re

import pytest
from conftest import project_files, shared_files
from eightk import lexing, parse_source, validate
from eightk.body import cover_lexer, exhibit_lexer, signature_lexer
from eightk.body import lexer as body_lexer
from eightk.prefilter import conditions
from hypothesis import given, settings
from hypothesis import strategies as st


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return (a[0] == b[0] and a[1].span() == b[1].span()
            and a[1].groupdict() == b[1].groupdict())


class _Checked:
    """Every ``first`` call of the pipeline, checked against the alternation."""

    def __init__(self, monkeypatch) -> None:
        self.seen = 0
        self.differ: list[tuple[str, object, object]] = []
        self.vocabularies: dict[int, lexing.Vocabulary] = {}
        shortcut = lexing.Vocabulary.first

        def first(vocabulary, head):
            got = shortcut(vocabulary, head)
            want = vocabulary.alternation(head)
            self.seen += 1
            self.vocabularies[id(vocabulary)] = vocabulary
            if not _same(got, want):
                self.differ.append((head, got and got[0], want and want[0]))
            return got

        monkeypatch.setattr(lexing.Vocabulary, "first", first)


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_every_line_of_the_corpus_is_named_as_the_alternation_names_it(monkeypatch, corpus):
    files = project_files() if corpus == "project" else shared_files()
    if not files:
        pytest.skip("../shared/corpus is not here")
    checked = _Checked(monkeypatch)
    for path in files:
        validate(parse_source(path))
    # (the exhibit readers name only the lines that spell their words since
    # find_list / first_label, and _drop_contents a closing part's entries only
    # where it decides something: about 39,900 lines of the shared filings are named)
    assert checked.seen > (1000 if corpus == "project" else 35_000)
    assert checked.differ == []


def test_conditions_read_off_the_patterns():
    kinds = dict(body_lexer.vocabulary().kinds)
    item = conditions(kinds["ITEM_HEAD"])
    assert item.first is not None and "i" in item.first and "o" not in item.first
    assert item.needs == frozenset({"item"})
    page = conditions(kinds["PAGE"])
    assert page.first == frozenset("<") and page.needs == frozenset({"<page>"})
    phone = conditions(dict(cover_lexer.vocabulary().kinds)["PHONE"])
    assert phone.needs == frozenset({"telephone"})  # "[^\n]*?telephone[ \t]+number"
    # a run of digits or marks, for patterns no string tells apart
    address = conditions(dict(cover_lexer.vocabulary().kinds)["ADDRESS_PHONE"])
    # the zip code, then the telephone number's digits, in that order
    assert address.needs is None and address.run is not None
    holds = re.compile(address.run).search
    assert holds("106 s. main street, akron, ohio 44308 (216) 384-8000")
    assert not holds("hoffman estates, illinois 60179")  # an address line, no number
    assert not holds("(216) 384-8000 akron 44308")  # the runs out of order
    conformed = conditions(dict(signature_lexer.line_vocabulary().kinds)["CONFORMED"])
    assert conformed.run == "[/\\\\]"  # "/s/"
    assert conditions(re.compile(r"[ \t]*\w+")).run is None  # letters and blanks tell nothing
    # the last non-blank character, for a pattern anchored at the line's end
    assert address.last == frozenset("0123456789")  # the telephone number's last digit
    assert conditions(re.compile(r"[ \t]*(?:a|bc)[ \t]*$")).last == frozenset("ac")
    assert conditions(re.compile(r"ab?[ \t\n]*$")).last == frozenset("ab")
    assert "\r" in conditions(re.compile(r"ab?\s*$")).last  # \s: a carriage return may end it
    assert conditions(re.compile(r"[ \t]*(?:a|bc)")).last is None  # not anchored
    assert conditions(re.compile(r"[ \t]*a?[ \t]*$")).last is None  # may be blank
    assert conditions(re.compile(r"a$", re.MULTILINE)).last is None  # "$" before any newline
    # what the analysis cannot read stays open: no condition at all
    assert conditions(re.compile(r"(a)?\1")).first is None  # a back reference
    assert conditions(re.compile(r"\w+")).needs is None
    assert conditions(re.compile(r"[ \t]*x?")).first is None  # may match blanks alone


def test_conditions_follow_case_folding_as_re_does():
    # under IGNORECASE the Kelvin sign matches "k" and the long s matches "s":
    # the conditions must let those ASCII letters through
    assert "k" in conditions(re.compile("\u212a", re.IGNORECASE)).first
    assert "s" in conditions(re.compile("\u017fx", re.IGNORECASE)).first
    # case-sensitive, they match no ASCII letter
    assert "k" not in (conditions(re.compile("\u212a")).first or {"?"})


def _vocabularies() -> list[lexing.Vocabulary]:
    return [body_lexer.vocabulary(), cover_lexer.vocabulary(), exhibit_lexer.vocabulary(),
            signature_lexer.line_vocabulary()]


def _words() -> list[str]:
    """The strings the patterns look for, in both cases, and some glue."""
    words: set[str] = set()
    for vocabulary in _vocabularies():
        for _, pattern in vocabulary.kinds:
            found = conditions(pattern)
            words |= set(found.needs or ())
    glue = ["Item 2.02", "ITEM 5.", "9.01", "(d)", "/s/", "By:", "99.1", "Exhibit", "  ", "\t",
            "-", "*", ".....", "   3", "Not applicable", "None", "<PAGE>", "<S>", "<C>",
            "\u212a", "\u017f", "\u0130", "\u00a0", "\u2014", "(", ")", ":", "x", "[X]"]
    return sorted(words | {w.upper() for w in words} | {w.title() for w in words}) + glue


_LINES = st.lists(st.sampled_from(_words()) | st.text(max_size=6), max_size=12).map(
    lambda parts: "".join(p + (" " if i % 2 else "") for i, p in enumerate(parts)))


@settings(max_examples=400)
@given(_LINES)
def test_generated_lines_are_named_as_the_alternation_names_them(line):
    for vocabulary in _vocabularies():
        head = line[: lexing.HEAD]
        assert _same(vocabulary.first(head), vocabulary.alternation(head)), vocabulary.names()
        if vocabulary.plain is not None and vocabulary.plain(line) is not None:
            # a line told plain by its first character alone is one no kind matches,
            # non-ASCII characters or not
            assert vocabulary.alternation(head) is None, vocabulary.names()


def test_lines_told_plain_by_their_first_character():
    vocabulary = body_lexer.vocabulary()
    assert vocabulary.plain is not None
    for line in ["The Company announced", "  the sale", "\t2004 results", "Résumé ★",
                 "(a) Financial statements", "Tëxt ÿ"]:
        assert vocabulary.plain(line) is not None, line
        assert vocabulary.alternation(line) is None
    for line in ["Item 2.02 Results", "  SIGNATURES", "<PAGE>", "\u00a0Item 5.", "• Item 8.01",
                 "\rx", "", "   "]:
        assert vocabulary.plain(line) is None, line
    # a vocabulary with a kind that may start anywhere has none
    assert cover_lexer.vocabulary().plain is None


def _lines_of_runs(tokens) -> list[tuple[str, int, int, int]]:
    out = []
    for token in tokens:
        if isinstance(token, body_lexer.TextRun):
            # (a run holds the layout tags among its text lines too)
            out += [(line.kind, line.start, line.end, line.number) for line in token.lines]
        else:
            out.append((token.type, token.start_pos, token.end_pos, token.line))
    return out


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_body_runs_hold_the_lines_of_the_line_tokens(corpus):
    # the reader's lexer (runs of text lines, first characters looked at before
    # the vocabulary) names every line as the line-by-line lexer does
    files = project_files() if corpus == "project" else shared_files()
    if not files:
        pytest.skip("../shared/corpus is not here")
    for path in files:
        text = path.read_bytes().decode("latin-1").replace("\r\n", "\n")
        lines = [(t.type, t.start_pos, t.end_pos, t.line)
                 for t in body_lexer.tokenize(text).tokens]
        assert _lines_of_runs(body_lexer.tokenize_runs(text).tokens) == lines, path.name


def test_lower_like_re_folds_as_re_does_for_ascii_words():
    # the characters re matches to an ASCII letter case ignored, beyond ASCII, are
    # exactly NON_ASCII_FOLDS; lower() changes the length of one of them only
    import sys

    from eightk.prefilter import NON_ASCII_FOLDS, lower_like_re

    letter = re.compile("[a-z]", re.IGNORECASE)
    beyond = range(128, sys.maxunicode + 1)
    assert "".join(chr(c) for c in beyond if letter.fullmatch(chr(c))) == NON_ASCII_FOLDS
    assert [chr(c) for c in beyond if len(chr(c).lower()) != 1] == ["\u0130"]
    assert lower_like_re("EXHIBIT \u2014 Description") == "exhibit \u2014 description"
    assert lower_like_re("EXH\u0130BIT") is None and lower_like_re("De\u017fcription") is None
