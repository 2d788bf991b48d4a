"""Prefilter conditions kept in the cache folder (``prefilter.conditions_of``): what is
read back is what the analysis works out, for every line kind of every grammar, and
a cache folder that is damaged, unwritable or off changes nothing but the time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eightk import grammars, prefilter, user_cache

PARSERS = [("envelope.lark", "start"), ("body.lark", "start"), ("cover.lark", "start"),
           ("exhibits.lark", "start"), ("signatures.lark", "block"),
           ("signatures.lark", "lines")]


def _patterns(name: str, start: str) -> list[re.Pattern[str]]:
    """The grammar's line kinds, compiled as ``lexing.Vocabulary`` compiles them."""
    return [re.compile(t.pattern.to_regexp()) for t in grammars.load(name, start).terminals]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(user_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _stored(cache: Path) -> list[Path]:
    return sorted((cache / "prefilter").glob("[!.]*"))


def _analysis_forbidden(monkeypatch) -> None:
    """Make working the conditions out fail: what is returned then was read."""
    def refuse(pattern):
        raise AssertionError(f"worked out, not read: {pattern.pattern!r}")
    monkeypatch.setattr(prefilter, "conditions", refuse)


@pytest.mark.parametrize("name, start", PARSERS)
def test_what_is_read_back_is_what_the_analysis_gives(cache, monkeypatch, name, start):
    patterns = _patterns(name, start)
    assert len(patterns) > 3
    computed = [prefilter.conditions(p) for p in patterns]
    assert prefilter.conditions_of(patterns) == computed  # worked out, stored
    assert len(_stored(cache)) == 1
    _analysis_forbidden(monkeypatch)
    read = prefilter.conditions_of(patterns)
    assert read == computed
    # the same types too (the vocabulary tests ``char in first``, ``need in low``)
    assert [tuple(map(type, c)) for c in read] == [tuple(map(type, c)) for c in computed]


def test_other_patterns_are_another_entry(cache):
    # the flags are part of the key: with MULTILINE, ``$`` may stand before any newline
    one = [re.compile(r"[ \t]*Item[ \t]+\d"), re.compile(r"[ \t]*By:.*x$")]
    other = [re.compile(r"[ \t]*Item[ \t]+\d"), re.compile(r"[ \t]*By:.*x$", re.MULTILINE)]
    assert prefilter.conditions_of(one)[1].last == frozenset("x")
    assert prefilter.conditions_of(other)[1].last is None
    assert len(_stored(cache)) == 2


@pytest.mark.parametrize("damage", ["flipped", "truncated", "empty", "wrong shape"])
def test_a_damaged_file_is_worked_out_again(cache, damage):
    patterns = _patterns("body.lark", "start")
    computed = prefilter.conditions_of(patterns)
    (file,) = _stored(cache)
    data = file.read_bytes()
    if damage == "flipped":
        file.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    elif damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        file.write_bytes(b"")
    else:  # intact by its digest, but not what is stored there
        user_cache.write("prefilter", file.name, b"\x92\x01\x02")
    assert prefilter.conditions_of(patterns) == computed
    assert file.read_bytes() == data  # and stored again, whole


def test_an_unwritable_folder_works_out_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv(user_cache.ENV, str(blocker / "cache"))  # a folder under a file
    patterns = _patterns("cover.lark", "start")
    assert prefilter.conditions_of(patterns) == [prefilter.conditions(p) for p in patterns]


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(user_cache.ENV, "")
    monkeypatch.chdir(tmp_path)
    patterns = _patterns("exhibits.lark", "start")
    first = prefilter.conditions_of(patterns)
    assert first == prefilter.conditions_of(patterns) == [prefilter.conditions(p)
                                                           for p in patterns]
    assert list(tmp_path.iterdir()) == []
