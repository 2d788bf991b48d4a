"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer).

    mkdir -p fuzz/work
    python fuzz/fuzz_parse.py fuzz/work corpus/ -max_total_time=3600    # an hour, locally
    python fuzz/fuzz_parse.py fuzz/work corpus/ -runs=1000              # what CI runs

The folders given are the seed corpus (the project's own samples are a good
start); libFuzzer mutates them guided by coverage and writes the inputs it keeps
into the FIRST folder (fuzz/work, ignored by git), so corpus/ stays as it is.
Every input goes through
parsing, validation and JSON; any exception, or a span outside the text, is a
crash: libFuzzer stops and writes the input to crash-<hash>. Each crash found
becomes a regression test in tests/test_fuzz_regressions.py.
Needs `pip install atheris` (not part of the package's dependencies).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["eightk"]):
    from eightk import parse_source, to_json
    from eightk.checks.validate import validate


def check(data: bytes) -> None:
    parsed = parse_source(data)
    validate(parsed)
    text_length = len(parsed.source.text)
    for diagnostic in parsed.filing.diagnostics:
        span = diagnostic.span
        if span is not None and not 0 <= span.start <= span.end <= text_length:
            raise AssertionError(f"span outside the text: {diagnostic}")
    to_json(parsed.filing, indent=None)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
