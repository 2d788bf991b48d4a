"""value_rows.assign: the pieces of one row of values by caption."""

from __future__ import annotations

from eightk.body.captions import Caption
from eightk.body.columns import Chunk
from eightk.body.value_rows import assign


def test_a_column_emptied_by_moves_is_left_out():
    # "001-35128" and "41-1928376" both stand under the state's caption; each goes
    # to the caption its look names, and the state's column holds nothing
    caps = [Caption("state", 10, 69, "(State)"), Caption("file_number", 72, 83, "(File No.)"),
            Caption("irs", 87, 100, "(IRS No.)")]
    pieces = [Chunk(0, 9, "Minnesota"), Chunk(12, 21, "001-35128"), Chunk(24, 34, "41-1928376")]
    placed = [(pieces[0], 3), (pieces[1], None), (pieces[2], None)]
    got = assign(placed, caps, [(10, 69), (72, 83), (87, 100), (0, 7)])
    assert got == {3: [pieces[0]], 1: [pieces[1]], 2: [pieces[2]]}
