"""Line tokens for ``grammar/envelope.lark``.

One token per meaningful line: envelope tags, PEM armour, header labels and
tags, document tags, and one opaque ``CONTENT`` token per ``<TEXT>`` block whose
end is found with ``str.find``. What a line is comes from the grammar's
terminals (``lexing.Vocabulary``), with the vocabulary of where the line
stands: the envelope and header, the PEM header block, or a document's tags.
What a pattern cannot see is decided here: whether ``<NAME>`` opens a container
(its end tag follows) or is a field, which container an end tag closes, a value
continued on the next line, where a document's content ends. Token values are
the line stripped; ``CONTENT`` tokens carry an empty value and only positions,
so a 50 MB uuencoded part is never copied.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from lark import Token

from .. import grammars
from ..lexing import HEAD, LineToken, Vocabulary

# Tagged containers: containers even when their end tag is missing (then the
# enclosing end tag closes them, and the mismatch is reported).
KNOWN_CONTAINERS = frozenset(
    {
        "FILER", "SUBJECT-COMPANY", "FILED-BY", "REPORTING-OWNER", "ISSUER", "DEPOSITOR",
        "SECURITIZER", "ISSUING-ENTITY", "SERIAL-COMPANY", "COMPANY-DATA", "OWNER-DATA",
        "FILING-VALUES", "BUSINESS-ADDRESS", "MAIL-ADDRESS", "FORMER-COMPANY", "FORMER-NAME",
    }
)
# Tagged leaves that may legitimately be empty and are never containers.
_LEAF_TAGS = frozenset(
    {"TYPE", "SEQUENCE", "FILENAME", "DESCRIPTION", "ITEMS", "ACT", "STREET2", "PHONE"}
)

_ENVELOPE_KINDS = (
    "PEM_BEGIN", "PEM_END", "ROOT_OPEN", "ROOT_CLOSE", "HEADER_OPEN", "HEADER_CLOSE",
    "SUBMISSION_OPEN", "SUBMISSION_CLOSE", "DOCUMENT_OPEN", "CONTAINER_OPEN", "CONTAINER_CLOSE",
    "TAG_FIELD", "ROLE", "BLOCK", "FIELD",
)
_DOCUMENT_KINDS = ("DOCUMENT_OPEN", "DOCUMENT_CLOSE", "TEXT_OPEN", "DOC_TAG")


_REMEMBERED = 2048  # lines each vocabulary remembers (then it starts afresh)
_UNSEEN = object()


class _Words:
    """A ``Vocabulary`` that remembers what each line it named was.

    Envelope lines repeat from filing to filing ("COMPANY DATA:", "FORM TYPE:
    8-K", "<SEQUENCE>1", "</TEXT>"): two lines in three of a run over the text
    submissions were named before. A line's kind and match depend on its text
    alone, so one seen again is looked up instead of named again; the match is
    shared, and a match is never changed."""

    __slots__ = ("vocabulary", "seen")

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.seen: dict[str, tuple[str, re.Match[str] | None]] = {}

    def classify(self, line: str) -> tuple[str, re.Match[str] | None]:
        head = line[:HEAD]  # all that classify looks at
        found = self.seen.get(head, _UNSEEN)
        if found is _UNSEEN:
            found = self.vocabulary.classify(head)
            if len(self.seen) >= _REMEMBERED:
                self.seen.clear()
            self.seen[head] = found
        return found  # type: ignore[return-value]

    def match_as(self, name: str, line: str) -> re.Match[str] | None:
        return self.vocabulary.match_as(name, line)


@functools.cache
def _vocabularies() -> tuple[_Words, _Words, _Words]:
    """The envelope's line kinds where each may stand: envelope and header, a
    document's tags, the PEM header block."""
    lark = grammars.load("envelope.lark")
    return (_Words(Vocabulary(lark, _ENVELOPE_KINDS, fallback="JUNK")),
            _Words(Vocabulary(lark, _DOCUMENT_KINDS, fallback="JUNK")),
            _Words(Vocabulary(lark, ("PEM_FIELD",), fallback="JUNK")))


ENVELOPE_STARTS = (
    "-----BEGIN PRIVACY-ENHANCED MESSAGE-----", "<SEC-DOCUMENT>", "<IMS-DOCUMENT>",
    "<SUBMISSION>", "<SEC-HEADER>", "<IMS-HEADER>", "<DOCUMENT>", "ACCESSION NUMBER:",
    "<ACCESSION-NUMBER>",
)


class LexNote(NamedTuple):
    """Something the lexer noticed that the grammar cannot: reported later."""

    name: str
    message: str
    start: int
    end: int
    related: tuple[int, int] | None = None


class EnvelopeTokens(NamedTuple):
    tokens: list[Token]
    notes: list[LexNote]
    truncated: bool


def undash(line: str) -> str:
    """Undo PEM dash-stuffing (``- -----BEGIN``), applied once per wrapping."""
    while line.startswith("- "):
        line = line[2:]
    return line


_BLANKS = re.compile(r"\s*")  # the whitespace str.lstrip() takes off (Unicode's)


def looks_like_envelope(text: str) -> bool:
    # the first 80 characters after the blanks; text.lstrip() would copy the file
    at = _BLANKS.match(text).end()
    return undash(text[at:at + 80]).startswith(ENVELOPE_STARTS)


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.line = 1
        self.tokens: list[Token] = []
        self.notes: list[LexNote] = []
        self.stack: list[tuple[str, int, int]] = []  # open tagged containers
        self.header_limit: int | None = None
        self.truncated = False
        self.envelope_words, self.document_words, self.pem_words = _vocabularies()

    # -- helpers
    def emit(self, kind: str, value: str, start: int, end: int, match=None) -> Token:
        # ``line`` counts envelope lines only (content is skipped, not counted):
        # diagnostics take their line numbers from the source text instead.
        token = LineToken(kind, value, start, self.line, self.line, end, match)
        self.tokens.append(token)
        return token

    def next_line(self) -> tuple[int, int, str]:
        start = self.pos
        eol = self.text.find("\n", start)
        if eol == -1:
            eol = self.n
        return start, eol, self.text[start:eol]

    def next_nonblank(self) -> tuple[int, int, str, str] | None:
        """The next line holding more than white space, blank lines passed over."""
        while self.pos < self.n:
            start, eol, line = self.next_line()
            stripped = line.strip()
            if stripped:
                return start, eol, line, stripped
            self.advance(eol)
        return None

    def advance(self, eol: int) -> None:
        self.pos = eol + 1
        self.line += 1

    def _header_end(self) -> int:
        if self.header_limit is None:
            ends = [
                i
                for i in (
                    self.text.find("\n<DOCUMENT>", self.pos),
                    self.text.find("</SEC-HEADER>", self.pos),
                    self.text.find("</IMS-HEADER>", self.pos),
                )
                if i != -1
            ]
            self.header_limit = min(ends) if ends else self.n
        return self.header_limit

    # -- the main loop
    def run(self) -> EnvelopeTokens:
        # next_nonblank, classify and the common header kinds written out in one
        # loop: a header is some sixty short lines, and the calls per line were
        # half of what lexing it cost
        text, n, tokens = self.text, self.n, self.tokens
        classify = self.envelope_words.classify
        while self.pos < n:
            start = self.pos
            eol = text.find("\n", start)
            if eol == -1:
                eol = n
            line = text[start:eol]
            stripped = line.strip()
            if not stripped:
                self.pos = eol + 1
                self.line += 1
                continue
            kind, match = classify(stripped)
            if kind == "FIELD" or kind == "BLOCK" or kind == "ROLE" or kind == "TAG_FIELD":
                tokens.append(LineToken(kind, stripped, start, self.line, self.line, eol, match))
                self.pos = eol + 1
                self.line += 1
            elif kind == "DOCUMENT_OPEN":
                self.document(start, eol)
            else:
                self.envelope_line(start, eol, line, stripped, kind, match)
        return EnvelopeTokens(tokens, self.notes, self.truncated)

    def envelope_line(self, start: int, eol: int, line: str, stripped: str, kind: str,
                      match) -> None:
        if kind == "PEM_BEGIN":
            self.emit(kind, stripped, start, eol)
            self.advance(eol)
            self.pem_fields()
            return
        if kind == "HEADER_OPEN":
            self.header_limit = None
        elif kind in ("HEADER_CLOSE", "SUBMISSION_CLOSE"):
            self.close_all(start)
        if kind in ("PEM_END", "ROOT_OPEN", "ROOT_CLOSE", "HEADER_OPEN", "HEADER_CLOSE",
                    "SUBMISSION_OPEN", "SUBMISSION_CLOSE"):
            self.emit(kind, stripped, start, eol, match)
        else:
            self.header_line(start, eol, line, stripped, kind, match)
        self.advance(eol)

    def pem_fields(self) -> None:
        # Proc-Type:, Originator-Name:, ... with indented base64 continuations,
        # up to the blank line that ends the PEM header.
        while self.pos < self.n:
            start, eol, line = self.next_line()
            kind, _ = self.pem_words.classify(line.lstrip())
            if not line.strip() or kind != "PEM_FIELD":
                return
            self.emit(kind, line.strip(), start, eol)
            self.advance(eol)

    def header_line(self, start: int, eol: int, line: str, stripped: str, kind: str,
                    match) -> None:
        if kind == "CONTAINER_CLOSE":
            self.close_tag(match.group("label"), start, eol, stripped, match)
            return
        if kind == "CONTAINER_OPEN":
            name = match.group("label")
            if name.upper() in KNOWN_CONTAINERS or (
                name not in _LEAF_TAGS and self.has_close(name, eol)
            ):
                self.stack.append((name, start, eol))
                self.emit(kind, stripped, start, eol, match)
                return
            kind, match = "TAG_FIELD", self.envelope_words.match_as("TAG_FIELD", stripped)
        if kind in ("TAG_FIELD", "ROLE", "BLOCK", "FIELD"):
            self.emit(kind, stripped, start, eol, match)
            return
        last = self.tokens[-1] if self.tokens else None
        if last is not None and last.type == "FIELD" and stripped.startswith("]"):
            # "STANDARD INDUSTRIAL CLASSIFICATION: [5122" then "]  IRS NUMBER: ...":
            # the SIC code's bracket wrapped onto the next label's line.
            self.tokens[-1] = LineToken("FIELD", last.value + "]", last.start_pos, last.line,
                                        last.end_line, last.end_pos, last.match)
            offset = line.index("]") + 1
            rest = line[offset:]
            if rest.strip():
                kind, match = self.envelope_words.classify(rest.strip())
                self.header_line(start + offset, eol, rest, rest.strip(), kind, match)
            return
        if last is not None and last.type == "FIELD" and line[:1] in (" ", "\t"):
            # A value continued on the next line (SIC descriptions are split so).
            self.tokens[-1] = LineToken("FIELD", f"{last.value} {stripped}", last.start_pos,
                                        last.line, self.line, eol, last.match)
            return
        self.emit("JUNK", stripped, start, eol)

    def has_close(self, name: str, after: int) -> bool:
        return self.text.find(f"</{name}>", after, self._header_end()) != -1

    def close_tag(self, name: str, start: int, eol: int, stripped: str, match) -> None:
        names = [entry[0] for entry in self.stack]
        if name not in names:
            self.emit("STRAY_CLOSE", stripped, start, eol, match)
            return
        while self.stack:
            open_name, open_start, open_eol = self.stack.pop()
            if open_name == name:
                self.emit("CONTAINER_CLOSE", stripped, start, eol, match)
                return
            # Closed implicitly by an outer end tag.
            self.notes.append(
                LexNote(
                    "mismatched-header-tag",
                    f"`<{open_name}>` is closed by `</{name}>`",
                    start, eol, (open_start, open_eol),
                )
            )
            self.emit("CONTAINER_CLOSE", "", start, start)

    def close_all(self, at: int) -> None:
        while self.stack:
            open_name, open_start, open_eol = self.stack.pop()
            self.notes.append(
                LexNote(
                    "mismatched-header-tag", f"`<{open_name}>` is never closed",
                    at, at, (open_start, open_eol),
                )
            )
            self.emit("CONTAINER_CLOSE", "", at, at)

    # -- documents
    def document(self, start: int, eol: int) -> None:
        if self.stack:
            self.close_all(start)
        tokens, text, n = self.tokens, self.text, self.n
        classify = self.document_words.classify
        tokens.append(LineToken("DOCUMENT_OPEN", "<DOCUMENT>", start, self.line, self.line, eol))
        self.advance(eol)
        # next_nonblank, emit and advance written out: a document's few tag lines
        # are most of the lines the lexer meets after the header
        while self.pos < n:
            start = self.pos
            eol = text.find("\n", start)
            if eol == -1:
                eol = n
            line = text[start:eol]
            stripped = line.strip()
            if not stripped:
                self.pos = eol + 1
                self.line += 1
                continue
            kind, match = classify(stripped)
            if kind == "TEXT_OPEN":
                self.text_block(start, eol, line)
                return
            if kind == "DOCUMENT_CLOSE":
                tokens.append(LineToken(kind, stripped, start, self.line, self.line, eol))
                self.advance(eol)
                return
            if kind == "DOCUMENT_OPEN":
                return  # the grammar notices the missing </DOCUMENT>
            if kind == "DOC_TAG":
                tokens.append(LineToken(kind, stripped, start, self.line, self.line, eol, match))
            elif (last := tokens[-1]).type == "DOC_TAG":
                # A <DESCRIPTION> continued on the next line.
                tokens[-1] = LineToken("DOC_TAG", f"{last.value} {stripped}",
                                       last.start_pos, last.line, self.line, eol, last.match)
            else:
                tokens.append(LineToken("JUNK", stripped, start, self.line, self.line, eol))
            self.pos = eol + 1
            self.line += 1

    def text_block(self, start: int, eol: int, line: str) -> None:
        text = self.text
        tag_end = start + line.index("<TEXT>") + len("<TEXT>")
        self.emit("TEXT_OPEN", "<TEXT>", start, tag_end)
        content_start = eol + 1 if not text[tag_end:eol].strip() else tag_end
        close = text.find("</TEXT>", content_start)
        # The content ends at </TEXT> unless the document ends (or the next begins)
        # before it. Both those lines hold "DOCUMENT>", which "</TEXT>" cannot
        # overlap: where it is not before </TEXT>, neither is, and the content,
        # a whole uuencoded file at times, is scanned twice instead of three times.
        if close != -1 and text.find("DOCUMENT>", content_start, close) == -1:
            limit = -1
        else:
            doc_close = text.find("\n</DOCUMENT>", content_start)
            next_doc = text.find("\n<DOCUMENT>", content_start)
            bounds = [i for i in (doc_close, next_doc) if i != -1]
            limit = min(bounds) if bounds else -1
        if close != -1 and (limit == -1 or close < limit):
            content_end = close
            self.emit("CONTENT", "", content_start, content_end)
            close_eol = text.find("\n", close)
            if close_eol == -1:
                close_eol = self.n
            self.emit("TEXT_CLOSE", "</TEXT>", close, close + len("</TEXT>"))
            rest = text[close + len("</TEXT>") : close_eol].strip()
            self.pos = close_eol + 1
            self.line += 1
            # </DOCUMENT> written on the same line as </TEXT>
            if self.document_words.classify(rest)[0] == "DOCUMENT_CLOSE":
                self.emit("DOCUMENT_CLOSE", rest, close_eol - len(rest), close_eol)
                return
        else:
            content_end = limit + 1 if limit != -1 else self.n
            self.emit("CONTENT", "", content_start, content_end)
            self.pos = content_end
            if limit == -1:
                self.truncated = True
                return
        # Expect </DOCUMENT>; anything else is left to the main loop and grammar.
        while (got := self.next_nonblank()) is not None:
            start, eol, line, stripped = got
            if self.document_words.classify(stripped)[0] == "DOCUMENT_CLOSE":
                self.emit("DOCUMENT_CLOSE", stripped, start, eol)
                self.advance(eol)
            return
        if self.tokens[-1].type != "DOCUMENT_CLOSE":
            self.truncated = True


def tokenize(text: str) -> EnvelopeTokens:
    return _Lexer(text).run()


# Kinds the grammar takes only in repetitions (``entry*``, ``doc_tag*``,
# ``PEM_FIELD*``): wherever it takes one such line it takes a run of them, and
# the run's lines are consecutive children of one rule.
_RUN_KINDS = frozenset({"FIELD", "TAG_FIELD", "DOC_TAG", "PEM_FIELD"})


class LineRun(LineToken):
    """Consecutive lines of one kind as one token, its ``lines`` the line tokens.

    A header's fields come thirty and more in a row; the parser then shifts and
    reduces once for the run instead of once a line. Its position is the first
    line's start to the last line's end."""

    __slots__ = ("lines",)
    lines: list[LineToken]


def runs(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each run of two or more consecutive ``_RUN_KINDS`` tokens of
    one kind as one ``LineRun`` (``tokens`` itself when there is no such run).

    The grammar accepts the result exactly when it accepts ``tokens``, with the
    same tree once each run is spread back into its lines (``reader`` does that),
    so the reader parses runs and goes back to the lines only to word a problem."""
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        kind = token.type
        j = i + 1
        if kind in _RUN_KINDS:
            while j < n and tokens[j].type == kind:
                j += 1
        if j - i > 1:
            last = tokens[j - 1]
            run = LineRun(kind, token.value, token.start_pos, token.line, last.end_line,
                          last.end_pos, token.match)  # type: ignore[attr-defined]
            run.lines = tokens[i:j]  # type: ignore[assignment]
            out.append(run)
        else:
            out.append(token)
        i = j
    return out if len(out) < n else tokens
