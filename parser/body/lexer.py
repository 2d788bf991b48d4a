"""Line tokens for ``grammar/body.lark``: its terminals, then the context passes.

The line kinds (headings, layout tags, text) are the grammar's terminals,
matched by ``lexing.Vocabulary``. Two things a pattern cannot see are decided
here, each by one pass over the token stream:

- ``headings_in_sentences``: an item heading right below a line that stops in
  mid-sentence ("... as referred to in" / "Item 2. The registrant will ...") is
  the sentence going on, so it is text;
- ``explanatory_note_first``: "Explanatory Note" is a heading only before every
  other heading; inside an item it is the item's text.

``table_tags`` checks that ASCII ``<TABLE>`` tags nest, without changing a token.

``tokenize`` gives one token per line; ``tokenize_runs``, what the reader parses,
gives the same lines with each run of consecutive ``TEXT`` lines as one token
(``TextRun``, holding the run's ``Line``s), and in a text of up to ``COLUMNS``
characters the layout tags among them in the run too. The grammar takes ``TEXT``
and a tag wherever it takes one, so a run parses as its lines would; the parser
then only sees where sections start.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .. import grammars
from ..lexing import HEAD, LineToken, Vocabulary, lex, line_token, lines_of
from .lines import Line, Run, column_code

HEADINGS = frozenset(("ITEM_HEAD", "SIGNATURE_HEAD", "EXHIBIT_INDEX_HEAD", "EXPLANATORY_HEAD",
                      "SECTION_HEAD"))
MARKUP = frozenset(("PAGE", "TABLE_OPEN", "TABLE_CLOSE", "TABLE_TAG"))


class BodyNote(NamedTuple):
    name: str
    message: str
    start: int
    end: int
    related: tuple[int, int] | None = None


class BodyTokens(NamedTuple):
    tokens: list[LineToken]
    notes: list[BodyNote]


class TextRun(LineToken):
    """Consecutive ``TEXT`` lines as one ``TEXT`` token: it spans them (``line`` is
    the first one's number, ``end_line`` the last one's) and holds them: a list of
    ``Line``s (with the layout tags among them, each a ``Line`` of its kind, from
    ``_lex_body``), or in a text over ``COLUMNS`` characters a ``Run`` (columns, a
    ``Line`` made for each line read)."""

    __slots__ = ("lines",)
    lines: list[Line] | Run

    def __new__(cls, lines: list[Line] | Run) -> TextRun:
        if isinstance(lines, Run):
            (start, line), (end, end_line) = lines.first, lines.last
        else:
            first, last = lines[0], lines[-1]
            start, line, end, end_line = first.start, first.number, last.end, last.number
        self = super().__new__(cls, "TEXT", "", start, line, end_line, end)
        self.lines = lines
        return self

    def __reduce__(self):
        return (TextRun, (self.lines,))


# A text longer than this keeps its text lines as columns (``Run``): a dense 25 MB
# body's 400,000 text lines as Line objects took 4.5 times the text's size. Shorter
# texts keep Lines, made once (reading columns makes them on every read).
COLUMNS = 1 << 21

_make_line = functools.partial(tuple.__new__, Line)  # Line._make, without its Python frame


def _text_lines(token: LineToken, text: str) -> list[Line]:
    """The ``Line``s of a ``TEXT`` token: a run's, or the one line it is."""
    if isinstance(token, TextRun):
        return list(token.lines)
    return [_make_line(("TEXT", token.value or text[token.start_pos:token.end_pos],
                        token.start_pos, token.end_pos, token.line, None))]


def _last_line(token: LineToken, text: str) -> str:
    if isinstance(token, TextRun):
        lines = token.lines
        return lines.last_text() if isinstance(lines, Run) else lines[-1].text
    return text[token.start_pos:token.end_pos]


@functools.cache
def vocabulary() -> Vocabulary:
    return Vocabulary(grammars.load("body.lark"))


@functools.cache
def _markup() -> Vocabulary:
    return Vocabulary(grammars.load("body.lark"), MARKUP)


def markup_kind(line: str) -> str | None:
    """The layout tag a raw line of text is (``PAGE``, ``TABLE_OPEN`` ...), or None."""
    kind, _ = _markup().classify(line)
    return None if kind == "TEXT" else kind


_SENTENCE_GOES_ON = re.compile(r"[a-z,;]$|\b(?:in|of|to|under|and|or|the|see|by)$")


def _mid_sentence(previous: str) -> bool:
    """Whether a line stops in the middle of a sentence (a line of prose that ends
    in a lower-case word or a comma)."""
    stripped = previous.rstrip()
    return len(stripped) > 40 and _SENTENCE_GOES_ON.search(stripped[-30:]) is not None


def headings_in_sentences(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """An item heading directly below text that stops mid-sentence is that text."""
    previous: LineToken | None = None
    for token in tokens:
        if (token.type == "ITEM_HEAD" and previous is not None and previous.type == "TEXT"
                and previous.end_line == token.line - 1
                and _mid_sentence(_last_line(previous, text))):
            token = token.retyped("TEXT", "")
        previous = token
        yield token


def explanatory_note_first(tokens: Iterable[LineToken]) -> Iterator[LineToken]:
    """An explanatory note heading counts only before every other heading."""
    headed = False
    for token in tokens:
        if token.type == "EXPLANATORY_HEAD" and headed:
            token = token.retyped("TEXT", "")
        if token.type in HEADINGS:
            headed = True
        yield token


def table_tags(tokens: Iterable[LineToken], notes: list[BodyNote]) -> Iterator[LineToken]:
    """Report ``<TABLE>`` tags that do not nest (tokens pass unchanged)."""
    tables: list[tuple[int, int]] = []
    for token in tokens:
        if token.type == "TABLE_OPEN":
            if tables:
                notes.append(BodyNote(
                    "unbalanced-table-tags", "`<TABLE>` opened inside an unclosed table",
                    token.start_pos, token.end_pos, tables[-1]))
            tables.append((token.start_pos, token.end_pos))
        elif token.type == "TABLE_CLOSE":
            if tables:
                tables.pop()
            else:
                notes.append(BodyNote("unbalanced-table-tags", "`</TABLE>` without an open table",
                                      token.start_pos, token.end_pos))
        yield token
    for start, end in tables:
        notes.append(BodyNote("unbalanced-table-tags", "`<TABLE>` is never closed", start, end))


def tokenize(text: str) -> BodyTokens:
    notes: list[BodyNote] = []
    tokens = lex(text, vocabulary(), lines_of(text))
    tokens = headings_in_sentences(tokens, text)
    tokens = explanatory_note_first(tokens)
    tokens = table_tags(tokens, notes)
    out = list(tokens)
    return BodyTokens(out, notes)


def lex_runs(text: str, vocabulary: Vocabulary) -> Iterator[LineToken]:
    """What ``lexing.lex`` makes of ``text``'s lines, with each run of ``TEXT`` lines
    one ``TextRun``, for a text over ``COLUMNS`` characters (a shorter one goes
    through ``_lex_body``): the text lines go into columns shared by the runs
    (each its ``lo:hi``), and the text is split a megabyte at a time, so no line
    is held as a string once classified."""
    find = vocabulary.first
    plain = vocabulary.plain or _never
    code = column_code(text)
    columns = array(code), array(code), array(code)  # start, end, line number
    add_start, add_end, add_number = (c.append for c in columns)
    lo = 0
    start = 0
    for number, line in enumerate(_lines(text), 1):
        end = start + len(line)
        if line and not line.isspace():
            found = None if plain(line) is not None else find(
                line if len(line) <= HEAD else line[:HEAD])
            if found is None:
                add_start(start)
                add_end(end)
                add_number(number)
            else:
                if len(columns[0]) > lo:
                    yield TextRun(Run(text, *columns, lo, len(columns[0])))
                    lo = len(columns[0])
                yield line_token(found[0], line, start, number, number, end, found[1])
        start = end + 1
    if len(columns[0]) > lo:
        yield TextRun(Run(text, *columns, lo, len(columns[0])))


def _never(line: str) -> None:
    """``Vocabulary.plain`` for a vocabulary without one."""
    return None


_PIECE = 1 << 20  # characters of text split into lines at a time


def _lines(text: str) -> Iterator[str]:
    """``text.split("\n")``, a piece of about a megabyte at a time."""
    at = 0
    while True:
        cut = text.find("\n", at + _PIECE)
        if cut == -1:
            yield from text[at:].split("\n")
            return
        yield from text[at:cut].split("\n")
        at = cut + 1


def text_runs(tokens: Iterable[LineToken], text: str) -> Iterator[LineToken]:
    """Consecutive ``TEXT`` tokens (runs, or single lines a pass made text) as one run."""
    pending: list[LineToken] = []
    for token in tokens:
        if token.type == "TEXT":
            pending.append(token)
            continue
        if pending:
            yield _joined(pending, text)
            pending = []
        yield token
    if pending:
        yield _joined(pending, text)


def _joined(tokens: list[LineToken], text: str) -> TextRun:
    if len(tokens) == 1 and isinstance(tokens[0], TextRun):
        return tokens[0]
    if any(isinstance(t, TextRun) and isinstance(t.lines, Run) for t in tokens):
        # a single line is one a pass made text (a heading in mid-sentence)
        return TextRun(Run.joined(text, (t.lines if isinstance(t, TextRun)
                                         else (t.start_pos, t.end_pos, t.line)
                                         for t in tokens)))
    lines: list[Line] = []
    for token in tokens:
        lines += _text_lines(token, text)
    return TextRun(lines)


def tokenize_runs(text: str) -> BodyTokens:
    """``tokenize``'s tokens with every run of ``TEXT`` lines one ``TextRun``; in a
    text of up to ``COLUMNS`` characters, with the layout tags among them too
    (``_lex_body``)."""
    notes: list[BodyNote] = []
    if len(text) <= COLUMNS:
        return BodyTokens(_lex_body(text, vocabulary(), notes), notes)
    tokens = lex_runs(text, vocabulary())
    tokens = headings_in_sentences(tokens, text)
    tokens = explanatory_note_first(tokens)
    tokens = table_tags(tokens, notes)
    return BodyTokens(list(text_runs(tokens, text)), notes)


def _lex_body(text: str, vocabulary: Vocabulary, notes: list[BodyNote]) -> list[LineToken]:
    """``tokenize_runs`` of a text of up to ``COLUMNS`` characters, in one loop, with
    each layout tag (``MARKUP``) put in the run of text lines it stands among: the
    grammar takes a tag wherever it takes ``TEXT`` (``_front_line``,
    ``_body_line``), and the reader turns either into the same ``Line``, so the
    parser then sees a token per heading and one between two headings (a
    submission's text has as many tags as runs of text). The passes
    (``headings_in_sentences``, ``explanatory_note_first``, ``table_tags``) are
    decided as each line is named, as they would decide them on ``lex_runs``'
    tokens, and a heading they make text joins the run it then continues
    (``text_runs``)."""
    find = vocabulary.first
    plain = vocabulary.plain or _never
    make = _make_line
    out: list[LineToken] = []
    run: list[Line] = []
    # the number of the last line ``headings_in_sentences`` takes for text: a text
    # line or a heading it made text (not a tag, nor an explanatory note made text)
    text_end = 0
    headed = False  # a heading came (``explanatory_note_first``)
    tables: list[tuple[int, int]] = []  # open <TABLE> tags (``table_tags``)
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line:  # an empty line (one in four): no pattern asked
            start += 1
            continue
        end = start + len(line)
        if plain(line) is not None:  # text, by its first character
            run.append(make(("TEXT", line, start, end, number, None)))
            text_end = number
        elif line and not line.isspace():
            found = find(line if len(line) <= HEAD else line[:HEAD])
            if found is None:
                run.append(make(("TEXT", line, start, end, number, None)))
                text_end = number
                start = end + 1
                continue
            kind = found[0]
            if kind in MARKUP:
                if kind == "TABLE_OPEN":
                    if tables:
                        notes.append(BodyNote(
                            "unbalanced-table-tags", "`<TABLE>` opened inside an unclosed table",
                            start, end, tables[-1]))
                    tables.append((start, end))
                elif kind == "TABLE_CLOSE":
                    if tables:
                        tables.pop()
                    else:
                        notes.append(BodyNote("unbalanced-table-tags",
                                              "`</TABLE>` without an open table", start, end))
                run.append(make((kind, line, start, end, number, found[1])))
            elif (kind == "ITEM_HEAD" and text_end == number - 1 and run
                    and _mid_sentence(run[-1].text)):
                run.append(make(("TEXT", line, start, end, number, None)))
                text_end = number
            elif kind == "EXPLANATORY_HEAD" and headed:
                run.append(make(("TEXT", line, start, end, number, None)))
            else:
                if kind in HEADINGS:
                    headed = True
                if run:
                    out.append(TextRun(run))
                    run = []
                out.append(line_token(kind, line, start, number, number, end, found[1]))
        start = end + 1
    if run:
        out.append(TextRun(run))
    for start, end in tables:
        notes.append(BodyNote("unbalanced-table-tags", "`<TABLE>` is never closed", start, end))
    return out


def separated(tokens: list[LineToken]) -> list[LineToken]:
    """``tokens`` with the layout tags ``_lex_body`` put in runs of text lines taken
    out again, each its own token (what ``lex_runs`` gives): the stream recovery
    reads, where each line that departs from the grammar is reported alone."""
    out: list[LineToken] = []
    for token in tokens:
        lines = token.lines if isinstance(token, TextRun) else None
        if type(lines) is not list or all(line.kind == "TEXT" for line in lines):
            out.append(token)
            continue
        run: list[Line] = []
        for line in lines:
            if line.kind == "TEXT":
                run.append(line)
                continue
            if run:
                out.append(TextRun(run))
                run = []
            out.append(line_token(line.kind, line.text, line.start, line.number, line.number,
                                  line.end, line.match))
        if run:
            out.append(TextRun(run))
    return out
