"""Parsers kept in the cache folder (``grammars.build`` with ``user_cache``): a stored
parser is the parser building gives, and a cache folder that is off, unwritable or
damaged changes nothing but the time (no error, the same output)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from eightk import grammars, user_cache
from lark import Lark

PARSERS = [("envelope.lark", "start"), ("body.lark", "start"), ("cover.lark", "start"),
           ("exhibits.lark", "start"), ("signatures.lark", "block"),
           ("signatures.lark", "lines")]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(user_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _restored(lark: Lark) -> bool:
    return lark.source_path == "<deserialized>"  # what lark's load sets


def _shape(lark: Lark) -> tuple:
    """Everything of a parser the pipeline reads: its terminals in order (the
    vocabularies), its rules, and its LALR table, with the states numbered in the
    order a walk from the start finds them (lark numbers them differently from
    one build to the next)."""
    table = lark.parser.parser.parser.parse_table
    (start,) = table.start_states.values()
    number: dict[int, int] = {}
    queue = [start]
    while queue:
        state = queue.pop(0)
        if state not in number:
            number[state] = len(number)
            queue += [argument for _, (action, argument) in sorted(table.states[state].items())
                      if action.name == "Shift"]
    assert len(number) == len(table.states)
    return (
        [(t.name, t.pattern.to_regexp(), t.priority) for t in lark.terminals],
        [(r.origin.name, [s.name for s in r.expansion], r.alias, r.options.keep_all_tokens,
          r.options.expand1) for r in lark.rules],
        {number[state]: {kind: (action.name, number[argument] if action.name == "Shift"
                                else str(argument)) for kind, (action, argument) in row.items()}
         for state, row in table.states.items()},
        [number[state] for state in table.end_states.values()],
    )


@pytest.mark.parametrize("name, start", PARSERS)
def test_a_stored_parser_is_the_one_building_gives(cache, name, start):
    built = grammars.build(name, start)
    assert not _restored(built)
    (file,) = (cache / "parsers").glob(f"{Path(name).stem}.{start}.*")
    restored = grammars.build(name, start)
    assert _restored(restored)
    assert _shape(restored) == _shape(built)
    assert file.stat().st_size > 1000


def test_a_transformer_comes_with_a_stored_parser_and_other_options_build(cache):
    grammars.build("body.lark")

    class Names(grammars.Transformer):
        pass

    with_transformer = grammars.build("body.lark", transformer=Names())
    assert _restored(with_transformer) and with_transformer.options.transformer is not None
    assert not _restored(grammars.build("body.lark", strict=True))
    fresh = grammars.build("body.lark", stored=False)
    assert not _restored(fresh) and fresh.grammar is not None  # what from_lark reads


def test_the_key_holds_the_imported_grammars(monkeypatch):
    source = grammars.grammar_text("body.lark")
    before = grammars._key(source, "start")
    assert grammars._key(source, "block") != before
    real = grammars.grammar_text
    changed = {"layout.lark": "\n// changed\n"}
    monkeypatch.setattr(grammars, "grammar_text", lambda name: real(name) + changed.get(name, ""))
    assert grammars._key(source, "start") != before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "checked garbage", "checked wrong"])
def test_a_damaged_file_is_built_again_and_stored_again(cache, damage):
    built = grammars.build("cover.lark")
    (file,) = (cache / "parsers").glob("cover.start.*")
    whole = file.read_bytes()
    if damage == "garbage":
        file.write_bytes(b"\x00not a parser" * 10)
    elif damage == "truncated":
        file.write_bytes(whole[: len(whole) // 2])
    else:  # passes the checksum but is not a parser: msgpack that is not, or lark data that is not
        import hashlib

        import msgspec
        payload = (b"\xc1" if damage == "checked garbage"
                   else msgspec.msgpack.encode({"data": {"options": {}}, "memo": {}}))
        file.write_bytes(hashlib.sha256(payload).digest() + payload)
    again = grammars.build("cover.lark")
    assert not _restored(again) and _shape(again) == _shape(built)
    assert _restored(grammars.build("cover.lark"))  # stored again, whole


def test_an_unwritable_folder_builds_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv(user_cache.ENV, str(blocker / "cache"))  # a folder under a file
    first, second = grammars.build("exhibits.lark"), grammars.build("exhibits.lark")
    assert not _restored(first) and not _restored(second)
    assert _shape(first) == _shape(second)


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(user_cache.ENV, "")
    monkeypatch.chdir(tmp_path)
    assert user_cache.folder() is None
    assert not _restored(grammars.build("body.lark")) and not _restored(grammars.build("body.lark"))
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_the_platforms_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(user_cache.ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache.folder() == tmp_path / "xdg" / "eightk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert user_cache.folder() == tmp_path / ".cache" / "eightk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_cache.folder() == tmp_path / ".cache" / "eightk"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert user_cache.folder() == tmp_path / "Library" / "Caches" / "eightk"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert user_cache.folder() == tmp_path / "local" / "eightk" / "Cache"
    monkeypatch.setenv(user_cache.ENV, "~/elsewhere")
    assert user_cache.folder() == tmp_path / "elsewhere"


def _check(env_dir: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **{user_cache.ENV: env_dir})
    return subprocess.run([sys.executable, "-m", "eightk", "check", "--format", "json",
                           str(CORPUS / "text-2006-sub.txt"), str(CORPUS / "html-2012-8k.htm")],
                          capture_output=True, text=True, env=env, timeout=300)


def test_the_command_says_the_same_whatever_state_the_cache_is_in(tmp_path):
    """A fresh process: building and storing, reading what was stored, a damaged
    folder, an unwritable one, none: the same output and nothing on stderr."""
    cache = tmp_path / "cache"
    runs = {"stores": _check(str(cache))}
    stored = sorted((cache / "parsers").iterdir())
    assert len(stored) >= len(PARSERS)
    conditions = sorted((cache / "prefilter").iterdir())  # prefilter.conditions_of
    assert conditions
    stored += conditions
    runs["reads"] = _check(str(cache))
    for file in stored:
        file.write_bytes(file.read_bytes()[:-7] + b"damaged")
    runs["damaged"] = _check(str(cache))
    (tmp_path / "a-file").write_text("")
    runs["unwritable"] = _check(str(tmp_path / "a-file" / "cache"))
    runs["off"] = _check("")
    first = runs["stores"]
    assert first.stdout.strip(), first.stderr
    for name, run in runs.items():
        assert (run.returncode, run.stdout, run.stderr) == (first.returncode, first.stdout, ""), \
            name
