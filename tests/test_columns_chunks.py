"""``columns.chunks`` names a line of one run without its pattern: the runs must be
what the pattern finds on any line."""

from __future__ import annotations

import random

from eightk.body.columns import _CHUNK, chunks


def _by_pattern(line: str) -> list[tuple[int, int, str]]:
    line = line.replace("\t", "  ")
    for tag in ("<S>", "<s>", "<C>", "<c>"):
        line = line.replace(tag, "   ")
    return [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(line)]


def test_one_run_and_many():
    assert chunks("   By: /s/ John Smith  ") == [(3, 21, "By: /s/ John Smith")]
    assert chunks("Name    Title") == [(0, 4, "Name"), (8, 13, "Title")]
    assert chunks("a\u00a0b") == [(0, 1, "a"), (2, 3, "b")]  # a no-break space parts runs
    assert chunks("  \t ") == []


def test_same_runs_as_the_pattern():
    pieces = [" ", "  ", "a", "Bc", "\t", "\u00a0", "\u2003", "\x0b", "\x0c", "\r",
              "\x1c", "\x85", "\xad", "<S>", "<C>", "\u3000", "é", "\x00"]
    rng = random.Random(14)
    for _ in range(50_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert chunks(line) == _by_pattern(line), repr(line)
