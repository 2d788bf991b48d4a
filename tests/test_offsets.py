"""Line and column of an offset, however the offsets are asked for."""

from __future__ import annotations

import random

from eightk.source.offsets import LineIndex


def _expected(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def test_line_col_in_order_out_of_order_and_far_ahead():
    rng = random.Random(7)
    text = "".join(rng.choice("ab \n") for _ in range(1_500_000))
    index = LineIndex(text)
    # far-ahead offsets in order (a submission's documents), then anywhere
    asked = sorted(rng.sample(range(len(text)), 300)) + rng.sample(range(len(text)), 300)
    asked += [0, len(text) - 1, len(text)]
    for offset in asked:
        assert index.line_col(offset) == _expected(text, offset), offset


def test_line_col_across_blocks_and_long_lines():
    # lines longer than the index's blocks, offsets on block edges and on newlines
    block = LineIndex._BLOCK
    text = "x" * (2 * block + 5) + "\n" + "y" * block + "\n\n" + "z" * (3 * block) + "\n"
    index = LineIndex(text)
    edges = [k * block + d for k in range(7) for d in (-1, 0, 1)]
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    asked = [o for o in edges + newlines + [n + 1 for n in newlines] if 0 <= o <= len(text)]
    for offset in reversed(asked):  # from the end first: blocks counted before indexed
        assert index.line_col(offset) == _expected(text, offset), offset


def test_line_cols_of_a_range_is_line_col_of_both_ends():
    # ranges inside one block, across blocks, empty, on newlines, asked in any order
    rng = random.Random(11)
    block = LineIndex._BLOCK
    text = "".join(rng.choice("ab \n") for _ in range(6 * block)) + "c" * (2 * block) + "\n"
    index = LineIndex(text)
    starts = rng.sample(range(len(text)), 400) + [0, block - 1, block, len(text)]
    for start in starts:
        for end in {start, min(len(text), start + rng.randrange(1, 80)),
                    min(len(text), start + rng.randrange(block, 3 * block))}:
            assert index.line_cols(start, end) == (*_expected(text, start),
                                                   *_expected(text, end)), (start, end)


def test_spans_asked_as_a_parse_asks_them():
    # runs of spans on one line, the next line, a little back, a block away, far
    # back, past a line longer than a block, and the text's end: whatever the
    # index remembers of the last line asked about must not leak into the next
    rng = random.Random(5)
    block = LineIndex._BLOCK
    text = ("".join(rng.choice("abc  \n") for _ in range(5 * block)) + "q" * (3 * block)
            + "\n\n" + "".join(rng.choice("ab\n") for _ in range(2 * block)))
    index = LineIndex(text)
    at = 0
    for _ in range(3000):
        step = rng.choice((0, 1, 3, 40, -5, -60, block, -block, 4 * block, -7 * block))
        at = min(max(at + step + rng.randrange(-2, 3), 0), len(text))
        end = min(len(text), at + rng.choice((0, 1, 5, 30, 200, block + 7, 3 * block)))
        if rng.random() < 0.3:
            assert index.line_col(at) == _expected(text, at), at
        else:
            assert index.line_cols(at, end) == (*_expected(text, at),
                                                *_expected(text, end)), (at, end)
    for text in ("", "\n", "abc", "a\n\nb\n"):
        index = LineIndex(text)
        for offset in [len(text), *range(len(text))]:
            assert index.line_col(offset) == _expected(text, offset), (text, offset)
