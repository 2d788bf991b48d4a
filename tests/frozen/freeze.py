"""The frozen output of every sample: each value with its span, and every diagnostic.

``python tests/frozen/freeze.py`` rewrites ``project.jsonl`` (the project's corpus/)
and, where ../shared/corpus is present, ``shared.jsonl``. ``tests/test_frozen.py``
compares a fresh run against them, field by field, so any change in what eightk
reads (a reader rewritten, a rule changed) shows up as a named difference that
must be looked at and either fixed or accepted by regenerating the files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

LONG = 160  # longer values are kept as length and digest (item bodies, descriptions)


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and len(value) > LONG:
        digest = hashlib.sha1(value.encode()).hexdigest()[:12]
        return f"<{len(value)} chars {digest}>"
    return value


def _walk(node: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(node, dict):
        if "span" in node and "value" in node:
            span = node["span"]
            where = [span["start"], span["end"]] if span else None
            out[path] = [_scalar(node["value"]), *(where or [])]
            rest = {k: v for k, v in node.items() if k not in ("value", "span")}
            for key, value in rest.items():
                _walk(value, f"{path}.{key}", out)
            return
        for key, value in node.items():
            if key == "span" and isinstance(value, dict):
                out[f"{path}.span"] = [value["start"], value["end"]]
            else:
                _walk(value, f"{path}.{key}" if path else key, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(value, f"{path}[{i}]", out)
    elif node is not None and node != [] and node is not False:
        out[path] = _scalar(node)


def freeze(path: Path, name: str) -> dict[str, Any]:
    """The frozen record of one file: its fields (no diagnostics) and its diagnostics."""
    from eightk import parse_source, validate

    parsed = parse_source(path)
    data = msgspec.to_builtins(parsed.filing)
    data.pop("diagnostics", None)
    data["source"].pop("path", None)
    fields: dict[str, Any] = {}
    _walk(data, "", fields)
    found = validate(parsed, severity="info")
    diagnostics = [
        f"{d.code} {d.span.start if d.span else '-'}-{d.span.end if d.span else '-'} {d.message}"
        for d in found
    ]
    return {"file": name, "fields": fields, "diagnostics": diagnostics}


def corpus_files() -> dict[str, list[tuple[str, Path]]]:
    from conftest import SHARED, project_files, shared_files

    out = {"project": [(p.relative_to(ROOT).as_posix(), p) for p in project_files()]}
    if SHARED.is_dir():
        out["shared"] = [(p.relative_to(SHARED).as_posix(), p) for p in shared_files()]
    return out


def counts(records: list[dict[str, Any]]) -> Counter:
    return Counter(line.split(" ", 1)[0] for r in records for line in r["diagnostics"])


def main() -> None:
    for corpus, files in corpus_files().items():
        records = [freeze(path, name) for name, path in files]
        with open(HERE / f"{corpus}.jsonl", "w") as out:
            for record in records:
                out.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
        with open(HERE / f"{corpus}-counts.tsv", "w") as out:
            out.write("code\tcount\n")
            for code, n in sorted(counts(records).items()):
                out.write(f"{code}\t{n}\n")
        print(f"{corpus}: {len(records)} files, {sum(counts(records).values())} diagnostics")


if __name__ == "__main__":
    main()
