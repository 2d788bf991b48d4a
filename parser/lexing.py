"""Line lexers whose vocabulary is the grammar's terminals.

Every grammar of eightk reads *lines*: one token per non-blank line. What a
line is (an item heading, a caption row, a By: line ...) is written in the
``.lark`` file as a named regex terminal with a priority; a ``Vocabulary`` takes
those terminals from the compiled grammar and matches them against each line in
priority order (ties in the order the grammar defines them). The first that
matches names the token, and the token keeps its match, so the groups a
terminal defines (an item's number, a signer's name) are read from the token
and never by running another regex over the line.

Only the first ``HEAD`` characters of a line are matched, and the patterns have
no nested quantifiers, so a 1 MB line costs what a short one does. The lowest
terminal of a vocabulary (``TEXT``: any line) is the catch-all.

What a regular expression cannot see, the context of a line (a heading in the
middle of a sentence, a caption row continued on the next line), is decided by
small post-lexer passes over the token stream, one function each, next to the
reader that needs them.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from lark import Lark, Token

from .prefilter import ASCII, conditions_of

HEAD = 320  # characters of a line that classification looks at
_FEW = 40  # a kind's possible last characters worth testing (of the 128 there are)


_str_new = str.__new__


def _made(cls: type, kind: str, value: str, start: int, line: int, end_line: int, end: int,
          match: re.Match[str] | None = None) -> LineToken:
    """A line token of ``cls``: what lark's Token.__new__ does, without its
    keyword-argument handling (a quarter of the body lexer's time went there)."""
    self = _str_new(cls, value)
    self.type = kind
    self.value = value
    self.start_pos = start
    self.line = line
    self.column = 1
    self.end_line = end_line
    self.end_column = 1
    self.end_pos = end
    self.match = match
    return self


class LineToken(Token):
    """A token for one line (or a few joined lines), with the match that named it.

    ``match`` is None for the catch-all kind (plain text), which also carries no
    copy of its text: a 50 MB 8-K has a million such lines, and their text is in
    the layout.
    """

    __slots__ = ("match",)
    match: re.Match[str] | None

    __new__ = _made  # (a function named __new__ in a class body is a static method)

    def __reduce__(self):
        # copy.copy (recovery reads a line as another kind on a copy) rebuilds the
        # token through this, with the match
        return (LineToken, (self.type, self.value, self.start_pos, self.line, self.end_line,
                            self.end_pos, self.match))

    def retyped(self, kind: str, value: str | None = None,
                match: re.Match[str] | None = None) -> LineToken:
        """The same line as another kind (what post-lexer passes produce); plain
        text kinds pass ``value=""``."""
        return line_token(kind, self.value if value is None else value, self.start_pos,
                         self.line, self.end_line, self.end_pos, match)


# ``LineToken(...)`` without the class: calling the type costs a third more (its
# call machinery around the Python ``__new__``), and the lexers make a token per
# line. A partial keeps it a C-level call.
line_token = functools.partial(_made, LineToken)


class Vocabulary:
    """The line kinds of one grammar (or one region of it), in priority order."""

    __slots__ = ("kinds", "fallback", "plain", "_any", "_any_text", "_by_group", "_by_first",
                 "_other")

    def __init__(self, lark: Lark, names: Iterable[str] | None = None,
                 fallback: str = "TEXT") -> None:
        wanted = set(names) if names is not None else None
        defined = [t for t in lark.terminals if t.name != fallback
                   and (wanted is None or t.name in wanted)]
        # stable: equal priorities keep the order of the grammar file
        defined.sort(key=lambda t: -t.priority)
        # Plain strings for names: lark gives some as its Token, whose Python
        # __eq__ then runs in every comparison and look-up of a token's kind.
        self.kinds: list[tuple[str, re.Pattern[str]]] = [
            (sys.intern(str(t.name)), re.compile(t.pattern.to_regexp())) for t in defined
        ]
        # One pass over the line for all kinds: an alternation in priority order,
        # each kind's own groups renamed apart. The kind it names is then matched
        # alone, so the token's match has the terminal's own group names.
        alternatives = []
        self._by_group: dict[str, tuple[str, re.Pattern[str]]] = {}
        for i, (name, pattern) in enumerate(self.kinds):
            inner = re.sub(r"\(\?P<(\w+)>", rf"(?P<_{i}_\1>", pattern.pattern)
            alternatives.append(f"(?P<_k{i}>{inner})")
            self._by_group[f"_k{i}"] = (name, pattern)
        # Compiled when a line first needs it (one with a non-ASCII character in
        # its head): a third of what making a vocabulary costs, which a process
        # reading only ASCII text never pays.
        self._any_text = "|".join(alternatives)
        self._any: re.Pattern[str] | None = None
        # The catch-all need not be used by any rule (the envelope's JUNK never is:
        # recovery reports and drops such lines), so lark may have left it out.
        self.fallback = fallback
        # For ASCII lines, the kinds worth trying given the line's first non-blank
        # character, each with the strings one of which it needs (see prefilter):
        # most lines are then named without running a pattern.
        found = conditions_of([pattern for _, pattern in self.kinds])

        # A kind with no string it needs (or only one letter) may need a run of
        # digits or marks (its ``run``): one search for it costs less than a
        # pattern scanning the line.
        runs = [re.compile(c.run).search
                if c.run is not None and min(map(len, c.needs or ("",))) < 2 else None
                for c in found]

        # A kind anchored at the line's end may end only in a few characters (a
        # telephone number in a digit, a header block's label in ":").
        ends = [c.last if c.last is not None and len(c.last) <= _FEW else None for c in found]

        # Many first characters leave the same kinds (577 characters over the
        # vocabularies, 80 different lists): one function each list, made once,
        # a third of what a process paid to get ready otherwise.
        made: dict[tuple[str, ...], Callable[[str], Found] | None] = {}

        def plan(char: str | None) -> Callable[[str], Found] | None:
            chosen = [(name, pattern, tuple(sorted(c.needs or ())), run, end)
                      for (name, pattern), c, run, end
                      in zip(self.kinds, found, runs, ends, strict=True)
                      if c.first is None or char in c.first]
            key = tuple(name for name, *_ in chosen)  # a kind's tests are its own
            if key not in made:
                made[key] = _plan_function(chosen)
            return made[key]

        chars = {char for c in found if c.first is not None for char in c.first}
        self._by_first = {char: plan(char) for char in chars}
        # each letter under both cases: ``first`` then looks a line's first
        # character up as it is, without lower-casing it
        self._by_first.update({char.upper(): found for char, found in self._by_first.items()
                               if char.upper() != char})
        self._other = plan(None)
        # A line whose first character (after spaces and tabs) is an ASCII one no
        # kind starts with is the fallback kind, whatever else it holds: ``first``
        # looks at that character alone before anything else, and the alternation
        # (for a line with a non-ASCII character) can match no kind either. One
        # match tells such a line (most lines): ``plain``, None where some kind
        # may start with any character.
        self.plain: Callable[[str], object] | None = None
        starts = set()
        if self._other is None:
            starts = {c for c in ASCII if not c.isspace() and c.lower() not in self._by_first}
        if starts:
            self.plain = re.compile(
                "[ \t]*[" + "".join(re.escape(c) for c in sorted(starts)) + "]").match

    def classify(self, line: str) -> tuple[str, re.Match[str] | None]:
        """The kind of ``line`` and the match that named it."""
        found = self.first(line[:HEAD])
        return (self.fallback, None) if found is None else found

    def first(self, head: str) -> tuple[str, re.Match[str] | None] | None:
        """``classify`` of a line's first ``HEAD`` characters, None for the fallback
        kind (for lexers that treat plain lines apart)."""
        if head.isascii():
            char = head.lstrip(" \t")[:1]
            if char:
                plan = self._by_first.get(char, self._other)
                if plan is None:
                    return None  # most lines start with a character no kind starts with
                return plan(head)
        return self.alternation(head)

    def alternation(self, head: str) -> tuple[str, re.Match[str] | None] | None:
        """``first`` by one match of the alternation over every kind (the way for
        non-ASCII lines, which the shortcuts of ``prefilter`` do not cover)."""
        if self._any is None:
            if not self._any_text:
                return None
            self._any = re.compile(self._any_text)
        found = self._any.match(head)
        if found is None:
            return None
        name, pattern = self._by_group[found.lastgroup]  # type: ignore[index]
        return name, pattern.match(head)

    def match_as(self, name: str, line: str) -> re.Match[str] | None:
        """``line`` matched as kind ``name`` (when context overrules the first match)."""
        pattern = next(p for n, p in self.kinds if n == name)
        return pattern.match(line[:HEAD])

    def names(self) -> list[str]:
        return [name for name, _ in self.kinds]


Found = tuple[str, "re.Match[str] | None"]


def _plan_function(plan: list[tuple[str, re.Pattern[str], tuple[str, ...],
                                    Callable[[str], object] | None,
                                    frozenset[str] | None]]) -> Callable[[str], Found] | None:
    """``Vocabulary.first`` for an ASCII line whose first character leaves the kinds
    of ``plan`` (name, pattern, strings one of which the lower-cased line holds, a
    run it holds, the characters it may end in; see ``prefilter``), in priority
    order: the first kind whose conditions hold and whose pattern matches, else
    None. Made as one function with the kinds' tests written out, in the same
    order: a loop over the kinds unpacked a tuple and tested each condition's
    presence for every kind on every line (half of a cover line's time)."""
    if not plan:
        return None
    namespace: dict[str, object] = {}
    lines = ["def first(head):"]
    if any(run is not None or needs or ends is not None for _, _, needs, run, ends in plan):
        lines.append("    low = head.lower()")
    if any(ends is not None for *_, ends in plan):
        lines.append("    last = None")
    for i, (name, pattern, needs, run, ends) in enumerate(plan):
        namespace[f"n{i}"], namespace[f"p{i}"] = name, pattern.match
        indent = "    "
        if ends is not None:
            namespace[f"e{i}"] = ends
            lines += [f"{indent}if last is None:",
                      f"{indent}    last = low.rstrip(' \\t\\n')[-1:]",
                      f"{indent}if last in e{i}:"]
            indent += "    "
        if run is not None:
            namespace[f"r{i}"] = run
            lines.append(f"{indent}if r{i}(low) is not None:")
            indent += "    "
        elif needs:
            lines.append(f"{indent}if {' or '.join(f'{need!r} in low' for need in needs)}:")
            indent += "    "
        lines += [f"{indent}m = p{i}(head)",
                  f"{indent}if m is not None:",
                  f"{indent}    return n{i}, m"]
    lines.append("    return None")
    exec("\n".join(lines), namespace)  # noqa: S102 - code made here from the grammar's kinds
    return namespace["first"]  # type: ignore[return-value]


class RawLine(NamedTuple):
    """A non-blank line of a text: where it is, and its 1-based line number."""

    start: int
    end: int
    number: int


def lines_of(text: str, start: int = 0, end: int | None = None,
             first_number: int = 1) -> Iterator[RawLine]:
    """The non-blank lines of ``text[start:end]``."""
    n = len(text) if end is None else end
    pos = start
    number = first_number - 1
    while pos < n:
        eol = text.find("\n", pos, n)
        if eol == -1:
            eol = n
        number += 1
        line_start = pos
        pos = eol + 1
        if text[line_start:eol].strip():
            yield RawLine(line_start, eol, number)


def lex(text: str, vocabulary: Vocabulary, lines: Iterable[RawLine]) -> Iterator[LineToken]:
    """One token per line, named by the vocabulary."""
    fallback = vocabulary.fallback
    for start, end, number in lines:
        line = text[start:end]
        kind, match = vocabulary.classify(line)
        value = "" if kind == fallback else line
        yield line_token(kind, value, start, number, number, end, match)
