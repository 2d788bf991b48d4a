"""Shared fixtures: where the project's samples and the shared real corpus are."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"

# the parsers eightk stores between runs go to a folder of the test run's own,
# not the user's cache (commands run in subprocesses inherit it)
if "EIGHTK_CACHE_DIR" not in os.environ:
    os.environ["EIGHTK_CACHE_DIR"] = tempfile.mkdtemp(prefix="eightk-test-cache-")
    atexit.register(shutil.rmtree, os.environ["EIGHTK_CACHE_DIR"], True)
SHARED = ROOT.parent / "shared" / "corpus"


def shared_files() -> list[Path]:
    """Every filing of ../shared/corpus (empty where the folder is absent)."""
    if not SHARED.is_dir():
        return []
    out = []
    for folder in ("real", "edgar-crawler"):
        for path in sorted((SHARED / folder).glob("*")):
            if path.is_file() and path.suffix not in (".tsv", ".md"):
                out.append(path)
    return out


def project_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".md", ".tsv"))



# one sample of each kind the benches tell apart
BENCH_SAMPLES = {
    "text-2003-items-9-12-8k.txt": "text-8k",
    "text-2006-sub.txt": "submission",
    "html-2012-8k.htm": "html-8k",
    "ixbrl-2023-8k.htm": "ixbrl-8k",
}


def sample_corpus(where: Path) -> Path:
    """``BENCH_SAMPLES`` laid out in ``where`` as ../shared/corpus is (real/ and its
    MANIFEST.tsv), for the benches' own tests."""
    real = where / "real"
    real.mkdir()
    rows = ["file\tkind\tera\tcompany\tform\tdate_if_known\tsource_repo\tsource_path"
            "\tsource_commit\tbytes"]
    for name, kind in BENCH_SAMPLES.items():
        data = (CORPUS / name).read_bytes()
        (real / name).write_bytes(data)
        rows.append(f"{name}\t{kind}\t-\t-\t8-K\t-\t-\t-\t-\t{len(data)}")
    (real / "MANIFEST.tsv").write_text("\n".join(rows) + "\n")
    return where

@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not here")
    return SHARED


def require_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not here")


class _Runaway(AssertionError):
    pass


@contextlib.contextmanager
def no_runaway(seconds: int = 120):
    """Fail, instead of hanging the suite, when a block runs for minutes.

    Not a speed check (bench/ measures speed): the bound is far above any normal
    run on a loaded machine, and trips only on runaway work, such as a pattern
    that backtracks catastrophically on a long line.
    """

    def stop(signum, frame):
        raise _Runaway(f"still running after {seconds} s: runaway work")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
