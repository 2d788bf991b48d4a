"""Text lines kept as columns (``Run``, ``Lines``, for texts over ``COLUMNS``
characters) read as the lists of ``Line``s they stand for: the item body read
from the text equals the one read line by line, and every sample reads as frozen."""

from __future__ import annotations

import pytest
from conftest import project_files, shared_files
from eightk import parse_source
from eightk.body import items as body_items
from eightk.body import lexer as body_lexer
from eightk.body import reader as body_reader
from eightk.body.lexer import MARKUP
from eightk.body.lines import Line, Lines, Parts, Run
from test_frozen import test_corpus_output_is_frozen as frozen_output_check

TEXT = "first line\n\n  second\n   \nthird one\n<PAGE>\nfourth\n"


def _run(text: str, rows: list[tuple[int, int, int]]) -> Run:
    return Run.joined(text, rows)


def _line(text: str, start: int, end: int, number: int) -> Line:
    return Line("TEXT", text[start:end], start, end, number)


def test_run_reads_as_its_lines():
    rows = [(0, 10, 1), (12, 20, 3), (25, 34, 5)]
    run = _run(TEXT, rows)
    expected = [_line(TEXT, *row) for row in rows]
    assert list(run) == expected
    assert [run[i] for i in range(3)] == expected
    assert run[-1] == expected[-1] and run[1:] == expected[1:]
    assert run.last_text() == "third one" and run.first == (0, 1) and run.last == (34, 5)
    with pytest.raises(IndexError):
        run[3]
    # a share of columns another run also uses
    shared = Run(TEXT, run.starts, run.ends, run.numbers, 1, 3)
    assert list(shared) == expected[1:] and len(shared) == 2 and shared[0] == expected[1]


def test_lines_read_as_the_list_they_join():
    page = Line("PAGE", "<PAGE>", 35, 41, 6)
    first, second = _run(TEXT, [(0, 10, 1), (12, 20, 3)]), _run(TEXT, [(42, 48, 7)])
    lines = Lines([first, page, second])
    expected = [*first, page, *second]
    assert list(lines) == expected and lines == expected and len(lines) == 4
    assert [lines[i] for i in range(-4, 4)] == expected * 2
    assert lines[1:3] == expected[1:3] and lines[:] == expected
    with pytest.raises(IndexError):
        lines[4]
    assert lines.text_lines() == 3
    assert lines.find_kind("PAGE") == 2 and lines.find_kind("TABLE_OPEN") is None
    assert lines.has_kind(MARKUP) and lines.has_kind(MARKUP, 2, 3)
    assert not lines.has_kind(MARKUP, 0, 2) and not lines.has_kind(MARKUP, 3)
    assert not Lines([]) and len(Lines([])) == 0


def test_a_run_answers_what_lines_of_one_run_would():
    """A part whose lines are one run keeps the run as its lines: it answers the
    questions the reader asks of ``Lines`` as a ``Lines`` of that run does."""
    run = _run(TEXT, [(0, 10, 1), (12, 20, 3), (25, 34, 5)])
    joined = Lines([run])
    assert run.text_lines() == joined.text_lines() == 3
    assert run.find_kind("PAGE") is joined.find_kind("PAGE") is None
    assert not run.has_kind(MARKUP) and not joined.has_kind(MARKUP)
    assert run == joined and run == list(joined) and joined == run
    assert run != _run(TEXT, [(0, 10, 1)])


def test_a_dense_text_keeps_a_part_of_one_run_as_that_run(monkeypatch):
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)  # as in a text over COLUMNS characters
    text = ("ITEM 8.01 OTHER EVENTS\n\nThe company did a thing.\nAnd another.\n\n"
            "ITEM 9.01 FINANCIAL STATEMENTS AND EXHIBITS\n<PAGE>\nNone.\n")
    parsed = parse_source(text.encode())
    first, second = parsed.body.parts
    assert type(first.lines) is Run and [line.text for line in first.lines] == [
        "The company did a thing.", "And another."]
    assert type(second.lines) is Lines and second.lines.find_kind("PAGE") == 0
    assert parsed.filing.items[0].body.value == "The company did a thing.\nAnd another."


def test_lines_are_split_a_piece_at_a_time_as_split_would(monkeypatch):
    monkeypatch.setattr(body_lexer, "_PIECE", 7)
    for text in ("", "\n", "a\nbb\n\nccc\ndddddddddd\ne", "x" * 30 + "\n" * 5 + "y\n"):
        assert list(body_lexer._lines(text)) == text.split("\n")


def test_item_text_read_a_piece_at_a_time_is_the_text_read_at_once(monkeypatch):
    """``items._lines_stripped`` (an item's text, its lines' ends and its two ends
    stripped, read a megabyte at a time) against the one reading it replaces, with
    pieces of a few characters and texts of blanks, tabs, form feeds, no-break
    spaces and lone CRs, cut anywhere."""
    import random

    def at_once(text: str, start: int, end: int) -> tuple[str, int]:
        raw = text[start:end].split("\n")
        return ("\n".join([line.rstrip() for line in raw]).strip(),
                sum(1 for line in raw if line and not line.isspace()))

    rng = random.Random(14)
    alphabet = ["a", "b", " ", "\n", "\t", "\x0c", "\u00a0", "  x", "\n\n", "\r"]
    for piece in (1, 3, 7, 50):
        monkeypatch.setattr(body_items, "_PIECE", piece)
        for _ in range(500):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert body_items._lines_stripped(text, start, end) == at_once(text, start, end)


def test_not_applicable_read_a_piece_at_a_time_decides_as_at_once(monkeypatch):
    """``items._not_applicable`` reads an item's lines a piece at a time; with pieces
    of a few characters it decides as the reading of all lines at once did."""
    import random

    from eightk.body.items import _SUB_LABEL, _SUB_NA, NOTHING
    from eightk.model import Text

    def at_once(value: str) -> bool:
        lines = [line.strip() for line in value.split("\n") if line.strip()]
        if not lines:
            return False
        labels = sum(1 for line in lines if _SUB_LABEL.match(line))
        answers = sum(1 for line in lines if NOTHING.match(line) or _SUB_NA.match(line))
        if labels and labels + answers >= len(lines) and answers >= labels:
            return True
        if not NOTHING.match(lines[0]):
            return False
        return sum(c.isalpha() for c in " ".join(lines[1:])) < 60

    rng = random.Random(14)
    words = ["None.", "Not applicable.", "(a) Financial statements.", "(b) Exhibits.",
             "(a) Not applicable.", "page 3", "The company agreed to pay its lenders.",
             "  ", "", "- 2 -", "Inapplicable"]
    seen = set()
    for piece in (1, 5, 30, 1 << 20):
        monkeypatch.setattr(body_items, "_PIECE", piece)
        for _ in range(400):
            value = "\n".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
            expected = at_once(value)
            seen.add(expected)
            assert body_items._not_applicable(Text(value=value)) == expected, (piece, value)
    assert seen == {True, False}  # both answers were met


def _files():
    return project_files() + shared_files()[::5]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_item_body_from_the_text_is_the_body_read_line_by_line(path, monkeypatch):
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)  # as in a text over COLUMNS characters
    parsed = parse_source(path)
    if parsed.body is None or parsed.layout is None:
        return
    for part in parsed.body.parts:
        if not isinstance(part.lines, (Lines, Run)):
            continue
        fast = body_items._body_text(parsed.layout, part.lines)
        slow = body_items._body_text(parsed.layout, list(part.lines))
        assert fast == slow, part.head.text


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_frozen_output_when_text_lines_are_columns(corpus, monkeypatch):
    # what a text over COLUMNS characters gets: every reader sees the same lines
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)
    frozen_output_check(corpus)


def test_ordinary_texts_keep_lists_and_long_ones_columns(monkeypatch):
    text = "ITEM 8.01 OTHER EVENTS\n\nThe company did things.\nMore of them.\n"
    runs = [t for t in body_lexer.tokenize_runs(text).tokens
            if isinstance(t, body_lexer.TextRun)]
    assert len(runs) == 1 and isinstance(runs[0].lines, list)
    monkeypatch.setattr(body_lexer, "COLUMNS", 10)
    runs = [t for t in body_lexer.tokenize_runs(text).tokens
            if isinstance(t, body_lexer.TextRun)]
    assert len(runs) == 1 and isinstance(runs[0].lines, Run)
    assert [line.text for line in runs[0].lines] == ["The company did things.", "More of them."]


def _same_line(kept: Line, made: Line) -> None:
    assert tuple(kept[:5]) == tuple(made[:5])
    if kept.match is None:
        assert made.match is None
        return
    assert made.match is not None and made.match.re is kept.match.re
    assert made.match.string == kept.match.string and made.match.span() == kept.match.span()
    assert made.match.groupdict() == kept.match.groupdict()
    assert made.match.groups() == kept.match.groups()


def _same_parts(parts: list, kept: Parts) -> None:
    assert len(kept) == len(parts) and kept.kinds == [p.kind for p in parts]
    assert kept.keys == [body_items.heading_key_tuple(p.head) for p in parts]
    for i, (part, made) in enumerate(zip(parts, kept, strict=True)):
        if i in kept._kept:
            assert made is part
            continue
        assert made.kind == part.kind and made.end == part.end
        _same_line(part.head, made.head)
        _same_line(part.head, kept.head(i))
        assert kept.head_text(i) == part.head.text
        assert made.lines == part.lines and type(made.lines) is type(part.lines)
        assert list(made.lines) == list(part.lines)
    assert [p.kind for p in kept[1:3]] == [p.kind for p in parts[1:3]]
    if parts:
        _same_line(parts[-1].head, kept[-1].head)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_parts_kept_as_columns_read_as_the_parts(path, monkeypatch):
    """``Parts`` makes each part again as it was: kind, heading (its match made again
    with the same groups), lines, end, heading keys; a part it cannot keep as
    columns (lines that are not one run) is kept as it is. So again once it keeps
    each part's lines as a range of the text (``let_go_of_columns``)."""
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)  # runs of columns, as in a long text
    seen: list[tuple[list, Parts]] = []
    read_items = body_reader.read_items

    def spy(parts, layout, keep=None):
        given = list(parts)  # (the parts go to ``keep`` as they are read)
        found = read_items(parts, layout, keep)
        assert keep is not None and parts == []
        seen.append((given, keep))
        return found

    monkeypatch.setattr(body_reader, "_MANY_PARTS", 0)
    monkeypatch.setattr(body_reader, "read_items", spy)
    parsed = parse_source(path)
    for parts, kept in seen:
        assert kept._ranges or kept._columns is None  # as the body keeps them
        _same_parts(parts, kept)
        again = Parts(list(parts), kept.text, body_items.heading_key_tuple)  # columns
        _same_parts(parts, again)
        again.let_go_of_columns()
        _same_parts(parts, again)
    if seen and parsed.body is not None:
        assert parsed.body.parts is seen[-1][1]


def test_a_dense_body_keeps_its_parts_as_columns(monkeypatch):
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)
    monkeypatch.setattr(body_reader, "_MANY_PARTS", 2)
    text = ("ACME WIDGET CORP\n\nCurrent Report\n\n"
            "ITEM 8.01 OTHER EVENTS\n\nThe company did a thing.\n\n"
            "ITEM 9.01 FINANCIAL STATEMENTS AND EXHIBITS\n\nNone.\n\n"
            "                SIGNATURES\n\nBy: /s/ Jane Doe\n")
    parsed = parse_source(text.encode())
    parts = parsed.body.parts
    # the front's run in columns of its own (not a share of every line's columns)
    front = parsed.body.front
    assert type(front) is Run and (front.lo, front.hi) == (0, len(front.starts)) == (0, 2)
    assert [line.text for line in front] == ["ACME WIDGET CORP", "Current Report"]
    assert type(parts) is Parts and not parts._kept  # every part as columns
    assert parts.kinds == ["item", "item", "signatures"]
    assert parts.keys == [("8.01",), ("9.01",), ()]
    assert parts[0].head.match.group("nums") == "8.01"
    assert [line.text for line in parts[1].lines] == ["None."]
    assert parts._ranges and parts[2].lines[0] == Line("TEXT", "By: /s/ Jane Doe",
                                                       text.index("By:"), len(text) - 1, 15)


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_frozen_output_when_parts_are_kept_as_columns(corpus, monkeypatch):
    # what the validator reads of a body of many parts, on every file
    monkeypatch.setattr(body_lexer, "COLUMNS", 0)
    monkeypatch.setattr(body_reader, "_MANY_PARTS", 0)
    frozen_output_check(corpus)
