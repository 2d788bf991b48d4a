"""Write *candidate* golden summaries for filings that have none yet.

    python tests/golden/make_golden.py [--force NAME...]

A candidate is what the code reads today; it becomes a golden only after a
person (or a reviewer) has read the filing and corrected every wrong value.
Existing goldens are never overwritten unless named with --force.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE.parent)]

from eightk import parse  # noqa: E402
from golden_summary import summary  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def golden_name(path: Path) -> str:
    if SHARED in path.parents:
        return "shared__" + "__".join(path.relative_to(SHARED).parts) + ".json"
    return "corpus__" + "__".join(path.relative_to(ROOT / "corpus").parts) + ".json"


def targets() -> list[Path]:
    out = [p for p in sorted((ROOT / "corpus").rglob("*"))
           if p.is_file() and p.suffix not in (".md", ".tsv")]
    for line in (HERE / "FILES.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(SHARED / line)
    return out


def main(argv: list[str]) -> int:
    force = set(argv[argv.index("--force") + 1 :]) if "--force" in argv else set()
    for path in targets():
        if not path.exists():
            continue
        out = HERE / golden_name(path)
        if out.exists() and out.name not in force:
            continue
        data = summary(parse(path))
        out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print("wrote", out.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
