"""The ``signers`` pass: what each text line of a signing column is to the signatures.

A pattern names a line ("By: /s/ Jane Q. Public" is BY_CONFORMED) but not what a
plain line is to the lines around it: "Jane Q. Public" under a signature is the
typed name, "Treasurer" under that the title, "ACME WIDGETS, INC." a blank line
further down the next registrant. That depends on the gaps between lines and on
names compared with the signed one, which an LALR(1) grammar cannot see; this
pass decides it and gives each line its role as a token kind, so the grammar's
``block`` rule can state the order of a signature block:

- REGISTRANT: a line of the registrant's name, waiting above a signature (a
  break, a wide gap or the block's end leaves waiting lines nobody's: TEXT);
- TYPED_NAME, NAME_PART, TITLE_TEXT: the typed name, a part of it wrapped, a
  line of the title, under a signature ("Name, Title" on one line becomes two
  tokens; "By: /s/ John A. Smith, Trustee" gets the two after its own token);
- TYPED_SIGNATURE: "C. Michael Hamilton, General Comptroller" right under the
  registrant, with no By: and no /s/ (its name; the title follows);
- SIGNED_UNDER: "/s/ Name" under an unsigned "By: ____";
- BY_UNDER: "By: ____" under "/s/ Name";
- WORDY: a sentence (14 words or more) continuing no signature: a break.

"Name:" / "Title:" lines with no signature above them keep their kind: the
grammar reports them. The values (names without their conformed mark, label
values) are read here too, by the functions the transformer uses.
"""

from __future__ import annotations

import re

from ..lexing import LineToken, line_token
from ..vocab import signers as who
from .signature_lexer import BREAKS, LABELS, SIGNING, Piece, _piece, pattern

# a signed name: from its first letter to its last, without rules or commas after
_NAME = re.compile(r"[^\s_,:-][^_]*?(?=[\s_,]*$)")


def piece(token: LineToken) -> Piece:
    return _piece((token.value, token.start_pos, token.line))


def _token(kind: str, part: Piece) -> LineToken:
    return line_token(kind, part.text, part.start, part.number, part.number,
                      part.start + len(part.text))


def _trim(part: Piece, a: int, b: int) -> Piece:
    """``part.text[a:b]`` without surrounding spaces."""
    sub = part.text[a:b]
    lead = len(sub) - len(sub.lstrip())
    return Piece(sub.strip(), part.start + a + lead, part.number)


# ------------------------------------------------------------------ values


def clean_name(part: Piece) -> Piece | None:
    """A name without a conformed mark in front ("/s/", "\\s\\", "s/") or a comma after."""
    text = part.text
    a = len(text) - len(text.lstrip())
    # every form of the mark has a slash or a backslash: most names have neither
    m = pattern("CONFORMED").match(text, a) if "/" in text or "\\" in text else None
    if m is not None and m.start("mark") == a:
        a = m.end("mark")
    b = len(text.rstrip(" \t,;_"))
    if b <= a:
        return None
    return _trim(part, a, b)


def signed_name(token: LineToken) -> Piece | None:
    """The signer's name on a signature line: what follows ``By:`` and ``/s/``."""
    match = token.match
    begin = 0
    if match is not None:
        groups = match.re.groupindex
        if "mark" in groups:
            begin = match.end("mark")
        elif "by" in groups:
            begin = match.end("by")
    text = token.value
    m = _NAME.search(text[begin : begin + 200])
    if m is None:
        return None
    return clean_name(Piece(m.group(), token.start_pos + begin + m.start(), token.line))


def label_value(token: LineToken) -> Piece:
    """What follows "Name:" / "Title:" on a label line."""
    at = token.match.start("value") if token.match is not None else 0
    return Piece(token.value[at:], token.start_pos + at, token.line)


# ------------------------------------------------------------------ a signature's lines


class _Open:
    """The signature being read: what decides which lines are still its own."""

    __slots__ = ("signed", "name", "typed", "partial", "titled", "last")

    def __init__(self, number: int, signed: bool) -> None:
        self.signed = signed
        self.name: Piece | None = None
        self.typed = False  # a typed name was read under the signature
        self.partial = ""  # a typed name wrapped over two lines, its first line
        self.titled = False
        self.last = number  # its last line

    def continues(self, token: LineToken) -> bool:
        """Whether ``token`` is close enough under it to be its name or title: one
        blank line may stand above the name, none inside the title."""
        gap = token.line - self.last
        return gap == 1 if self.titled else gap <= 2

    def complete_before(self, text: str) -> bool:
        """An upper-case company name after a complete signature starts the next block."""
        if self.name is None or not self.titled:
            return False
        head = text[:200]
        if head.isascii():  # ASCII: a letter, and no lower-case one, as isupper() reads it
            upper = head.isupper()
        else:
            letters = [c for c in head if c.isalpha()]
            upper = bool(letters) and all(c.isupper() for c in letters)
        return upper and who.is_entity(text)


def _name_title(sig: _Open, part: Piece) -> tuple[Piece | None, Piece | None] | None:
    """ "Herbert Glaubman, President": the typed name and the title on one line."""
    text = part.text
    comma = text.find(",", 0, 80)
    if comma == -1:
        return None
    # "John C. Clark, III, Senior Vice President": the suffix stays with the name
    end = comma
    while end != -1:
        after = text.find(",", end + 1)
        segment = text[end + 1 : after if after != -1 else len(text)]
        if segment.strip().upper().replace(".", "") in who.NAME_SUFFIXES:
            end = after
            continue
        break
    if end == -1:
        return None  # "John C. Clark, III": only a name
    head, rest = text[:end], text[end + 1 :]
    if not rest.strip(" ,"):
        return None
    name = sig.name
    if sig.partial and name is not None and who.key(sig.partial + head) == who.key(name.text):
        typed = None  # the name, wrapped: keep the signed one
    elif (name is not None and who.same_name(name.text, head)) or who.looks_like_person(
            head.strip()):
        typed = clean_name(Piece(head, part.start, part.number))
    else:
        return None
    sig.partial = ""
    title = _trim(part, end + 1, len(text)) if rest.strip() else None
    return typed, title


def _name_at_end(part: Piece, name: str) -> Piece | None:
    """ "Purchase, NY Syvert E. Nerheim": the signed name at the end of a line."""
    name = name.strip()
    if len(who.key(name)) < 6:
        return None
    text = part.text.rstrip(" ,")
    if not text.lower().endswith(name.lower()) or len(text) == len(name):
        return None
    at = len(text) - len(name)
    if text[at - 1] != " ":
        return None
    return _trim(part, at, len(text))


def _typed(sig: _Open, token: LineToken, same: bool | None = None) -> list[LineToken]:
    """A line under the signature: the typed name, "Name, Title", or a title line
    (``same``: whether it is the signed name, when the caller asked already)."""
    line = piece(token)
    text = line.text
    if sig.titled:
        return [token.retyped("TITLE_TEXT")]
    name = sig.name
    if name is not None:
        if who.same_name(name.text, text) if same is None else same:
            typed = clean_name(line)  # the typed name under the /s/ line
            if typed is None:
                return [token.retyped("NAME_PART")]
            sig.name, sig.typed = typed, True
            return [_token("TYPED_NAME", typed)]
        tail = _name_at_end(line, name.text)
        if tail is not None:  # "Purchase, NY Syvert E. Nerheim": collapsed columns
            sig.name, sig.typed = tail, True
            return [_token("TYPED_NAME", tail)]
        found, full = who.key(sig.partial + text), who.key(name.text)
        if len(found) >= 3 and full.startswith(found) and "," not in text:
            sig.partial += text  # "David S." / "Sorce, Vice President"
            return [token.retyped("NAME_PART")]
    split = _name_title(sig, line)
    if split is not None:
        typed, title = split
        out = []
        if typed is not None:
            sig.name, sig.typed = typed, True
            out.append(_token("TYPED_NAME", typed))
        if title is not None:
            sig.titled = True
            out.append(_token("TITLE_TEXT", title))
        return out
    if sig.name is None and (not sig.signed or who.looks_like_person(text.strip())):
        # "By: ______" then the typed name; "By: /s/_______" (the mark with no name
        # on the line) then the name under it, when it is a person's
        typed = clean_name(line)
        if typed is None:
            return [token.retyped("NAME_PART")]
        sig.name, sig.typed = typed, True
        return [_token("TYPED_NAME", typed)]
    if (name is not None and not sig.typed and who.looks_like_person(text.strip())
            and not who.names_office(text)):
        # "/s/ W.A. Freeman" / "William A. Freeman": the name typed in full (or spelt
        # otherwise) under the signature, not the first line of the title
        typed = clean_name(line)
        if typed is not None:
            sig.name, sig.typed = typed, True
            return [_token("TYPED_NAME", typed)]
    sig.titled = True
    return [token.retyped("TITLE_TEXT")]


def _office(sig: _Open, token: LineToken) -> list[LineToken]:
    """ "By: /s/ John A. Smith, Trustee": the signed name and the office after it, as
    a typed name and a title (tokens after the signature line's own)."""
    name = sig.name
    if name is None or "," not in name.text:
        return []
    split = _name_title(sig, name)
    if split is None or split[0] is None or split[1] is None:
        return []
    typed, title = split
    if not who.names_office(title.text):
        return []
    sig.name, sig.titled = typed, True
    return [_token("TYPED_NAME", typed), _token("TITLE_TEXT", title)]


# ------------------------------------------------------------------ lookahead


def _before_head(tokens: list[LineToken], index: int) -> bool:
    """Whether a ``By:`` / ``/s/`` line follows ``tokens[index]`` closely: a registrant."""
    number = tokens[index].line
    for token in tokens[index + 1 : index + 6]:
        if token.line - number > 4 or token.type in BREAKS:
            return False
        if token.type in SIGNING or token.type == "CAPACITY":
            return True
        if token.type in LABELS:
            return False
    return False


def _typed_signature(tokens: list[LineToken], index: int, waiting: LineToken | None) -> bool:
    """Whether ``tokens[index]`` is a typed name and title, without By: or /s/, right
    under the registrant: a signature that is not conformed."""
    token = tokens[index]
    if waiting is None or token.line - waiting.end_line > 6 or _before_head(tokens, index):
        return False
    text = token.value.strip()
    if who.is_entity(text) or token.type in SIGNING:
        return False
    head, comma, rest = text.partition(",")
    if comma:
        return who.looks_like_person(head.strip()) and who.names_office(rest)
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        who.looks_like_person(text) and nxt is not None and nxt.type not in BREAKS
        and nxt.line - token.line == 1 and who.names_office(nxt.value.split(",")[0])
        and not who.is_entity(nxt.value)
    )


# ------------------------------------------------------------------ the pass


class _Signers:
    """The state of the pass: the signature being read and the registrant lines
    waiting for theirs."""

    def __init__(self, tokens: list[LineToken]) -> None:
        self.tokens = tokens
        # ``signed_name`` of each signature line kept as it is, by its start and text
        self.names: dict[tuple[int, str], Piece | None] = {}
        self.out: list[LineToken] = []
        self.waiting: list[int] = []  # registrant lines (indices in out)
        self.since = 0  # where the waiting lines start in out
        self.current: _Open | None = None

    def drop(self) -> None:
        """The waiting lines are nobody's: text."""
        out = self.out
        if self.waiting:
            for i in range(self.since, len(out)):
                if out[i].type in ("REGISTRANT", "CAPACITY", "DESCRIPTION") or (
                        i in self.waiting and out[i].type in LABELS):
                    out[i] = out[i].retyped("TEXT")
        self.waiting = []

    def wait(self, token: LineToken) -> None:
        if not self.waiting:
            self.since = len(self.out)
        self.waiting.append(len(self.out))
        self.out.append(token)
        self.current = None

    def last_waiting(self) -> LineToken | None:
        return self.out[self.waiting[-1]] if self.waiting else None

    def open(self, token: LineToken, signed: bool) -> _Open:
        """A signature starts: the waiting lines are its registrant's."""
        self.waiting = []
        self.current = _Open(token.line, signed)
        return self.current

    def run(self) -> list[LineToken]:
        for index, token in enumerate(self.tokens):
            self.read(index, token)
        self.drop()
        return self.out

    def read(self, index: int, token: LineToken) -> None:
        kind, out, current = token.type, self.out, self.current
        if kind in BREAKS or kind == "PROSE":
            self.current = None
            self.drop()
            out.append(token)
        elif kind == "RULE":
            if current is not None and token.line - current.last == 1:
                current.last = token.line  # the rule under "By: /s/ ..."
            out.append(token)
        elif kind in ("DATE_LINE", "DATE_BLANK", "CAPTION") or (
                kind == "DESCRIPTION" and self.waiting):
            out.append(token)
        elif (kind == "BY_BLANK" and current is not None and current.signed
              and token.line - current.last <= 2):
            out.append(token.retyped("BY_UNDER"))  # "/s/ Name" written above its "By: ____"
        elif kind == "CAPACITY":  # "By: X Corporation, General Partner": the registrant's chain
            last = self.last_waiting()
            if last is not None and token.line - last.end_line > 3:
                self.drop()
            self.wait(token)
        elif kind in SIGNING and (kind != "CONFORMED" or current is None or current.signed):
            sig = self.open(token, kind != "BY_BLANK")
            out.append(token)
            if sig.signed:
                sig.name = self.names[token.start_pos, token.value] = signed_name(token)
                out.extend(_office(sig, token))
        elif kind == "CONFORMED":  # under "By: ____"
            assert current is not None
            current.signed = True
            current.name = signed_name(token) or current.name
            current.last = token.line
            out.append(token.retyped("SIGNED_UNDER"))
        elif kind in LABELS and current is not None:
            value = label_value(token)
            if kind == "NAME_LINE":
                current.name = clean_name(value) or current.name
            elif value.text.strip():
                current.titled = True
            current.last = token.line
            out.append(token)
        else:
            self.text(index, token)

    def text(self, index: int, token: LineToken) -> None:
        """A line of text (or a label with no signature above it)."""
        current, text = self.current, token.value
        if current is not None and current.continues(token):
            same = current.name is not None and who.same_name(current.name.text, text)
            if same or (not current.complete_before(text) and not (
                    token.line - current.last > 1 and _before_head(self.tokens, index))):
                self.out.extend(_typed(current, token, same))
                current.last = token.line
                return
        if len(text.split(None, 13)) > 13:
            self.current = None  # a sentence, not a name
            self.drop()
            self.out.append(token.retyped("WORDY"))
            return
        last = self.last_waiting()
        if current is None and _typed_signature(self.tokens, index, last):
            # "C. Michael Hamilton, General Comptroller" under the registrant, unsigned
            typed = _typed(self.open(token, False), token)
            typed[0] = typed[0].retyped("TYPED_SIGNATURE")
            self.out.extend(typed)
            return
        # a line of a registrant's name (or of several) above the next signature
        if last is not None:
            gap = token.line - last.end_line
            if gap > 2 or (gap == 2 and not who.ends_entity(last.value.split("\n")[-1])):
                self.drop()
        self.wait(token if token.type in LABELS else token.retyped("REGISTRANT"))


def signers(tokens: list[LineToken]) -> list[LineToken]:
    """Each line of the signing column in its role (see the module's docstring)."""
    return _Signers(tokens).run()


def signers_named(tokens: list[LineToken]
                  ) -> tuple[list[LineToken], dict[tuple[int, str], Piece | None]]:
    """``signers``, and the ``signed_name`` of each signature line (By: /s/ ..., By:
    Name, /s/ ...) by its start and text, for the reader, which would otherwise read
    each name again."""
    found = _Signers(tokens)
    return found.run(), found.names
