"""Inputs the coverage-guided fuzzer (fuzz/fuzz_parse.py) found crashing or slow.

Each file in tests/fuzz_regressions/ once broke the pipeline:
- crash-257b…: a caption row "x(a(b" made the caption splitter index an empty list;
- crash-515d…: a file number and an IRS number both under the state's caption
  were each moved to their own caption, leaving the state's an empty group that
  the cover reader indexed;
- slow-unit-8fb3…, slow-unit-e392…: 9 KB envelopes full of stray lines took 14 s,
  because error-recovery trials ran lark's tree callbacks, which reuse children
  lists of the real parser's trees: the tree grew to 1.8 million nodes.
They must parse, quickly (a hang guard, not a timing assertion).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from eightk import parse_source
from eightk.checks.validate import validate

CASES = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.bin"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem[:20])
def test_regression(path):
    def stop(signum, frame):
        raise AssertionError("still running after 20 s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        parsed = parse_source(path.read_bytes())
        validate(parsed)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    nodes = len(parsed.filing.documents) + len(parsed.filing.items)
    assert nodes < 1000  # the tree did not explode


def test_there_are_regressions():
    assert len(CASES) >= 3


def test_coverage_guided_fuzzer_runs_clean(tmp_path):
    """The atheris harness, for a bounded number of inputs (an hour locally: see README)."""
    import subprocess
    import sys

    pytest.importorskip("atheris")
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "work").mkdir()
    before = sorted(p.name for p in (root / "corpus").rglob("*"))
    out = subprocess.run(
        # libFuzzer writes new inputs into the first folder: a scratch one, not corpus/
        [sys.executable, str(root / "fuzz" / "fuzz_parse.py"), str(tmp_path / "work"),
         str(root / "corpus"),
         "-runs=1000", "-timeout=30", f"-artifact_prefix={tmp_path}/", "-seed=1"],
        capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Done 1000 runs" in out.stderr
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
    assert sorted(p.name for p in (root / "corpus").rglob("*")) == before
