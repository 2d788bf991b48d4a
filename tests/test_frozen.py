"""Characterisation: what eightk reads from every sample is what was frozen.

``tests/frozen/*.jsonl`` holds, per file, every value with its span and every
diagnostic (``python tests/frozen/freeze.py`` writes them); ``*-counts.tsv``
the diagnostic counts per code over each corpus, as miniwdl's corpus tests keep
them, so a new false warning fails here even where no field changed. When a
change is an improvement, regenerate and say in the commit what changed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from frozen.freeze import HERE, corpus_files, counts, freeze

CORPORA = corpus_files()


def _frozen(corpus: str) -> dict[str, dict]:
    path = HERE / f"{corpus}.jsonl"
    return {r["file"]: r for r in map(json.loads, path.read_text().splitlines())}


def _differences(old: dict, new: dict) -> list[str]:
    out = []
    for key in sorted(set(old["fields"]) | set(new["fields"])):
        a, b = old["fields"].get(key), new["fields"].get(key)
        if a != b:
            out.append(f"  {key}: {a!r} -> {b!r}")
    gone = Counter(old["diagnostics"]) - Counter(new["diagnostics"])
    came = Counter(new["diagnostics"]) - Counter(old["diagnostics"])
    out += [f"  - {d}" for d in sorted(gone.elements())]
    out += [f"  + {d}" for d in sorted(came.elements())]
    return out


@pytest.mark.parametrize("corpus", ["project", "shared"])
def test_corpus_output_is_frozen(corpus):
    if corpus not in CORPORA:
        pytest.skip("../shared/corpus is not here")
    frozen = _frozen(corpus)
    files = CORPORA[corpus]
    assert sorted(frozen) == sorted(name for name, _ in files), "the corpus changed: refreeze"
    report = []
    fresh = []
    for name, path in files:
        record = freeze(path, name)
        fresh.append(record)
        diff = _differences(frozen[name], record)
        if diff:
            report.append(f"{name}:\n" + "\n".join(diff[:40]))
    assert not report, f"{len(report)} files read differently:\n" + "\n".join(report[:30])
    expected = {}
    for line in (HERE / f"{corpus}-counts.tsv").read_text().splitlines()[1:]:
        code, n = line.split("\t")
        expected[code] = int(n)
    assert dict(counts(fresh)) == expected


def test_frozen_files_are_current_format():
    # a record per line, each with the three keys the comparison reads
    for path in Path(HERE).glob("*.jsonl"):
        for line in path.read_text().splitlines()[:5]:
            assert set(json.loads(line)) == {"file", "fields", "diagnostics"}
