"""Cheap necessary conditions for a line kind's pattern, read off the pattern itself.

A vocabulary (``lexing.Vocabulary``) names a line by the first of its terminals
whose pattern matches the line's head. Most lines are plain text that no pattern
matches, and trying a dozen patterns that each scan the line ("telephone number"
anywhere in it) costs tens of microseconds a line. Two facts about a pattern
rule most kinds out with a dictionary look-up and a few substring tests:

- ``first``: the characters the line's first non-blank character (after spaces
  and tabs) can be when the pattern matches (``Item ...`` starts with ``i``, a
  layout tag with ``<``);
- ``needs``: strings one of which the line, lower-cased, holds when the pattern
  matches (``telephone`` for ``[^\\n]*?telephone[ \\t]+number``);
- ``run``: for a pattern with no such string, a run of characters of a class
  without letters the line holds (``[0-9]{5}`` for an address line ending in a
  zip code and a telephone number, ``[/\\\\]`` for a conformed signature's
  "/s/"), as a regular expression searched in the line: one C call that rules a
  pattern out which would otherwise scan the whole line.

Both are worked out from the parsed pattern (``re._parser``) and are only ever
too wide: where the analysis does not know an element, it assumes it matches
anything. The conditions are used only for ASCII lines, where lower-casing is
the only case folding there is; which ASCII characters an element of the pattern
matches is asked of the regular expression engine itself, character by
character, so case-insensitive matching is what ``re`` does. The patterns stay
the specification: a kind the conditions leave in is still decided by its
pattern, in priority order, and tests check the result against the one
alternation over every kind (tests/test_prefilter.py).

The analysis costs a process about 30 ms of CPU before its first line (every
pattern parsed by ``re._parser``, and hundreds of one-character patterns
compiled), serial in ``eightk extract`` before its workers start; so the
conditions of a vocabulary's patterns are kept in the user's cache folder
(``user_cache.py``), like the grammars' parsers: ``conditions_of``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Sequence
from re import _constants as C  # noqa: N812  (re's own opcode names)
from re import _parser
from typing import NamedTuple

import msgspec

from . import user_cache

ASCII = frozenset(chr(i) for i in range(128))
BLANKS = frozenset(" \t")  # what ``str.lstrip(" \t")`` removes before the first character
_BLANKS_AT_END = frozenset(" \t\n")  # what ``str.rstrip(" \t\n")`` removes after the last


# The characters beyond ASCII that ``re`` matches to an ASCII letter, case ignored
# (İ ı ſ K: as i, i, s, k). ``str.lower`` folds none of them to that letter, and
# makes two characters of İ; it folds every other character as ``re`` does where an
# ASCII word is looked for (tests/test_prefilter.py checks both over all of Unicode).
NON_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


def lower_like_re(text: str) -> str | None:
    """``text`` lower-cased, of the same length, when every ASCII word ``re`` finds
    in it case ignored is in that lower-cased text as it is written in lower case;
    None when it holds one of ``NON_ASCII_FOLDS`` (then only ``re`` can tell)."""
    if not text.isascii() and any(c in text for c in NON_ASCII_FOLDS):
        return None
    return text.lower()


class Conditions(NamedTuple):
    first: frozenset[str] | None  # lower-case; None: any
    needs: frozenset[str] | None  # lower-case substrings, one of which is present; None: none known
    run: str | None = None  # a regex the line holds (``re.search``); None: none known
    last: frozenset[str] | None = None  # lower-case; the last non-blank character; None: any


class _Any(Exception):
    """The element is beyond the analysis: it may match anything."""


_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}


def _char_class(items: list) -> str:
    """The text of a character class (``IN``) from its parsed items."""
    out = []
    for op, av in items:
        if op is C.NEGATE:
            out.insert(0, "^")
        elif op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _Any
    return "[" + "".join(out) + "]"


@functools.cache
def _matching(regex: str, ignore_case: bool) -> frozenset[str]:
    """The ASCII characters a one-character ``regex`` matches, as ``re`` matches."""
    compiled = re.compile(regex, re.IGNORECASE if ignore_case else 0)
    return frozenset(c for c in ASCII if compiled.fullmatch(c))


def _chars(op, av, ignore_case: bool) -> frozenset[str] | None:
    """The ASCII characters a one-character element matches; None if not one."""
    if op is C.LITERAL:
        return _matching(re.escape(chr(av)), ignore_case)
    if op is C.NOT_LITERAL:
        return _matching(f"[^{re.escape(chr(av))}]", ignore_case)
    if op is C.IN:
        return _matching(_char_class(av), ignore_case)
    if op is C.ANY:
        return ASCII - {"\n"}
    return None


def _flags(av, ignore_case: bool) -> bool:
    _group, add, remove, _ = av
    if add & re.IGNORECASE:
        return True
    if remove & re.IGNORECASE:
        return False
    return ignore_case


# ------------------------------------------------------------------ first


class _First(NamedTuple):
    chars: frozenset[str]  # non-blank characters the first non-blank one can be
    through: bool  # whether the element can match blanks alone (or nothing)


def _first_seq(items: list, ignore_case: bool, backwards: bool = False) -> _First:
    """With ``backwards``, the last non-blank character instead, the sequence read
    from its end (for a pattern anchored at the end of the line)."""
    chars: set[str] = set()
    for op, av in reversed(items) if backwards else items:
        found = _first_one(op, av, ignore_case, backwards)
        chars |= found.chars
        if not found.through:
            return _First(frozenset(chars), False)
    return _First(frozenset(chars), True)


def _first_one(op, av, ignore_case: bool, backwards: bool = False) -> _First:
    one = _chars(op, av, ignore_case)
    if one is not None:
        blanks = _BLANKS_AT_END if backwards else BLANKS
        return _First(one - blanks, bool(one & blanks))
    if op is C.SUBPATTERN:
        return _first_seq(av[3], _flags(av, ignore_case), backwards)
    if op is C.ATOMIC_GROUP:
        return _first_seq(av, ignore_case, backwards)
    if op is C.BRANCH:
        found = [_first_seq(branch, ignore_case, backwards) for branch in av[1]]
        return _First(frozenset().union(*(f.chars for f in found)),
                      any(f.through for f in found))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, item = av
        if high == 0:
            return _First(frozenset(), True)
        inner = _first_seq(item, ignore_case, backwards)
        return _First(inner.chars, low == 0 or inner.through)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return _First(frozenset(), True)  # consumes nothing
    if op is C.AT:
        edges = (C.AT_BEGINNING, C.AT_BEGINNING_STRING) if backwards else (C.AT_END,
                                                                           C.AT_END_STRING)
        if av in edges:
            # the end right after blanks: a line with a non-blank character is not there
            # (read backwards: the start right before them)
            return _First(frozenset(), False)
        return _First(frozenset(), True)
    raise _Any


def _last(items: list, ignore_case: bool) -> frozenset[str] | None:
    """The characters a line's last non-blank one (blanks and newlines stripped: ``$``
    lets a final newline through) can be when the pattern, matched from the line's
    start, ends with ``$``; None when it does not end so."""
    found = _last_found(items, ignore_case)
    if found is None or found.through:
        return None
    return frozenset(c.lower() for c in found.chars)


def _last_found(items: list, ignore_case: bool) -> _First | None:
    """``_last`` as ``_first_seq`` gives it, read back from the ``$`` that ends the
    pattern, also where that ``$`` ends a group the pattern ends with (lark writes a
    terminal with flags as one group, ``(?i:...$)``); None where none does."""
    if not items:
        return None
    op, av = items[-1]
    if (op, av) == (C.AT, C.AT_END):
        return _first_seq(items[:-1], ignore_case, backwards=True)
    if op is C.SUBPATTERN:
        if av[1] & re.MULTILINE:
            return None  # (its ``$`` may stand before any newline)
        inner = _last_found(av[3], _flags(av, ignore_case))
    elif op is C.ATOMIC_GROUP:
        inner = _last_found(av, ignore_case)
    else:
        return None
    if inner is None or not inner.through:
        return inner
    # the group may end in blanks or nothing: what comes before it may be last
    before = _first_seq(items[:-1], ignore_case, backwards=True)
    return _First(inner.chars | before.chars, before.through)


# ------------------------------------------------------------------ needs


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of several conditions that all hold: longest shortest string."""
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def _needs_seq(items: list, ignore_case: bool) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset(("".join(run),)))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            matched = _chars(op, av, ignore_case)
            lowered = {c.lower() for c in matched} if matched else set()
            if len(lowered) == 1:
                run.append(lowered.pop())
                continue
        close()
        found = _needs_one(op, av, ignore_case)
        if found is not None:
            candidates.append(found)
    close()
    return _best(candidates)


def _needs_one(op, av, ignore_case: bool) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        return _needs_seq(av[3], _flags(av, ignore_case))
    if op is C.ATOMIC_GROUP:
        return _needs_seq(av, ignore_case)
    if op is C.BRANCH:
        found = [_needs_seq(branch, ignore_case) for branch in av[1]]
        if any(f is None for f in found):
            return None
        return frozenset().union(*found)  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _needs_seq(item, ignore_case) if low >= 1 else None
    if op is C.ASSERT and av[0] == 1:  # a lookahead: its text is in the line too
        return _needs_seq(av[1], ignore_case)
    return None


# ------------------------------------------------------------------ runs

_RUN_CLASS = 12  # a larger class (most of the characters there are) tells little


class _Run(NamedTuple):
    regex: str
    length: int  # the fewest characters it matches
    width: int  # how many characters the class holds (the widest, for an alternation)


def _run_class(chars: frozenset[str] | None) -> str | None:
    """A character class for ``chars`` when it holds no letter (so lower-casing the
    line changes nothing it matches), no blank (nearly every line has one) and
    few characters."""
    if (not chars or len(chars) > _RUN_CLASS or any(c.isalpha() for c in chars)
            or " " in chars):
        return None
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _longer(a: _Run | None, b: _Run | None) -> _Run | None:
    if a is None or b is None:
        return a or b
    return a if (a.length, -a.width) >= (b.length, -b.width) else b


def _run_seq(items: list, ignore_case: bool) -> _Run | None:
    best = None
    for op, av in items:
        best = _longer(best, _run_one(op, av, ignore_case))
    return best


def _run_one(op, av, ignore_case: bool) -> _Run | None:
    one = _chars(op, av, ignore_case)
    if one is not None:
        regex = _run_class(one)
        return None if regex is None else _Run(regex, 1, len(one))
    if op is C.SUBPATTERN:
        return _run_seq(av[3], _flags(av, ignore_case))
    if op is C.ATOMIC_GROUP:
        return _run_seq(av, ignore_case)
    if op is C.BRANCH:
        found = [_run_seq(branch, ignore_case) for branch in av[1]]
        if any(f is None for f in found):
            return None
        regexes = sorted({f.regex for f in found})  # type: ignore[union-attr]
        return _Run(regexes[0] if len(regexes) == 1 else "(?:" + "|".join(regexes) + ")",
                    min(f.length for f in found),  # type: ignore[union-attr]
                    max(f.width for f in found))  # type: ignore[union-attr]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, item = av
        if low < 1:
            return None
        if len(item) == 1:
            chars = _chars(*item[0], ignore_case)
            if chars is not None:
                regex = _run_class(chars)
                if regex is None:
                    return None
                return _Run(regex if low == 1 else f"{regex}{{{min(low, 20)}}}", min(low, 20),
                            len(chars))
        return _run_seq(item, ignore_case)
    if op is C.ASSERT and av[0] == 1:  # a lookahead: its text is in the line too
        return _run_seq(av[1], ignore_case)
    return None


_CHAIN = 4  # the longest runs of a chain kept: enough to rule a line out


def _chain_seq(items: list, ignore_case: bool) -> list[tuple[str, int]]:
    """The runs the elements of a sequence consume one after the other, in order:
    (regex, length), length 0 for one character. Elements the analysis passes over
    (alternatives, look-arounds, optional parts, classes with letters or blanks)
    leave the others a subsequence of what the line holds, which is all a
    condition needs."""
    out: list[tuple[str, int]] = []
    for op, av in items:
        one = _chars(op, av, ignore_case)
        if one is not None:
            regex = _run_class(one)
            if regex is not None:
                out.append((regex, 1))
        elif op is C.SUBPATTERN:
            out += _chain_seq(av[3], _flags(av, ignore_case))
        elif op is C.ATOMIC_GROUP:
            out += _chain_seq(av, ignore_case)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            low, _high, item = av
            chars = _chars(*item[0], ignore_case) if len(item) == 1 else None
            if chars is not None:
                regex = _run_class(chars)
                if regex is not None:
                    low = min(low, 20)
                    out.append((regex if low == 1 else f"{regex}{{{low}}}", low))
            else:
                out += _chain_seq(item, ignore_case)  # its first time round
    return out


def _chain(items: list, ignore_case: bool) -> str | None:
    """A regex for the runs of ``_chain_seq`` one after the other (at least two):
    each taken at its first place, inside an atomic group, so a line is ruled out
    in one pass. Taking each run at its first place never misses a line that
    holds them all in order: each is a fixed number of characters of one class."""
    chain = _chain_seq(items, ignore_case)
    if len(chain) < 2:
        return None
    if len(chain) > _CHAIN:
        keep = sorted(sorted(range(len(chain)), key=lambda i: -chain[i][1])[:_CHAIN])
        chain = [chain[i] for i in keep]
    return r"\A" + "".join(rf"(?>[\s\S]*?{regex})" for regex, _ in chain)


# ------------------------------------------------------------------ conditions


@functools.cache  # the grammars share line kinds (layout.lark), and vocabularies subsets
def conditions(pattern: re.Pattern[str]) -> Conditions:
    """What a line matched by ``pattern`` (at its start) must be like, as far as
    the analysis can tell (``None`` where it cannot)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern re itself compiled; be safe anyway
        return Conditions(None, None)
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        found = _first_seq(list(parsed), ignore_case)
        first = None if found.through else frozenset(c.lower() for c in found.chars)
    except _Any:
        first = None
    try:
        needs = _needs_seq(list(parsed), ignore_case)
    except _Any:
        needs = None
    if needs is not None and "" in needs:
        needs = None
    try:
        chain = _chain(list(parsed), ignore_case)
        run = _run_seq(list(parsed), ignore_case) if chain is None else None
    except _Any:
        chain = run = None
    try:
        # (with MULTILINE, ``$`` may stand before any newline, not only the last)
        last = None if pattern.flags & re.MULTILINE else _last(list(parsed), ignore_case)
    except _Any:
        last = None
    return Conditions(first, needs, chain if chain is not None else
                      None if run is None else run.regex, last)


# ------------------------------------------------------------------ cache

_STORED_FORMAT = "1"  # how ``_encode`` lays conditions out; a change leaves old files unread
# As stored: first, needs, run, last (sets as sorted lists)
_Stored = list[tuple[list[str] | None, list[str] | None, str | None, list[str] | None]]


def conditions_of(patterns: Sequence[re.Pattern[str]]) -> list[Conditions]:
    """``conditions`` of each pattern, read from the cache folder when they were
    worked out before for the same patterns by the same analysis; worked out and
    stored otherwise (a missing, damaged or unreadable file is worked out again)."""
    key = _key(patterns)
    if key is not None:
        payload = user_cache.read("prefilter", key)
        if payload is not None:
            try:
                stored = msgspec.msgpack.decode(payload, type=_Stored)
            except msgspec.DecodeError:
                stored = None
            if stored is not None and len(stored) == len(patterns):
                return [Conditions(*(frozenset(part) if isinstance(part, list) else part
                                     for part in row)) for row in stored]
    found = [conditions(pattern) for pattern in patterns]
    if key is not None:
        user_cache.write("prefilter", key, msgspec.msgpack.encode(
            [[sorted(part) if isinstance(part, frozenset) else part for part in c]
             for c in found]))
    return found


def _key(patterns: Sequence[re.Pattern[str]]) -> str | None:
    """What the conditions follow from: the patterns with their flags, this
    module's code (its source: a checkout changes it without a new version of
    eightk) and Python's (``re._parser`` and the Unicode tables); None when the
    source cannot be read (then nothing is cached)."""
    source = _source_digest()
    if source is None:
        return None
    digest = hashlib.sha256()
    for part in (_STORED_FORMAT, sys.version, source):
        digest.update(part.encode("utf-8") + b"\0")
    for pattern in patterns:
        digest.update(f"{pattern.flags}\0{pattern.pattern}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


@functools.cache
def _source_digest() -> str | None:
    try:
        with open(__file__, "rb") as source:
            return hashlib.sha256(source.read()).hexdigest()
    except (OSError, TypeError):  # no file (a frozen or zipped install): not cached
        return None
