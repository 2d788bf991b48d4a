"""Golden summaries: what the code reads equals what a reader found in the filing.

Each tests/golden/*.json was first written from the code's output and then
checked against the filing by reading it; values the code got wrong were
corrected in the golden (and the code fixed). Goldens of real filings skip
where ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "golden"))

from eightk import parse  # noqa: E402
from golden_summary import summary  # noqa: E402
from make_golden import SHARED, golden_name, targets  # noqa: E402

CASES = [p for p in targets() if (HERE / "golden" / golden_name(p)).exists()]


@pytest.mark.parametrize("path", CASES, ids=lambda p: golden_name(p)[:-5])
def test_golden(path):
    if not path.exists():
        if SHARED in path.parents:
            pytest.skip("../shared/corpus is not here")
        raise AssertionError(f"missing sample {path}")
    expected = json.loads((HERE / "golden" / golden_name(path)).read_text())
    assert summary(parse(path)) == expected


def test_enough_goldens():
    names = [p.name for p in (HERE / "golden").glob("*.json")]
    assert sum(n.startswith("shared__") for n in names) >= 40
    project = [p for p in targets() if SHARED not in p.parents]
    assert all((HERE / "golden" / golden_name(p)).exists() for p in project)
