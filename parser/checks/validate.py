"""The validator: parse diagnostics plus every rule of ``eightk.checks``, filtered.

    >>> from eightk import parse_source, validate
    >>> diagnostics = validate(parse_source("corpus/malformed/unknown-item.txt"))
"""

from __future__ import annotations

from collections.abc import Iterable

from ..codes import BY_NAME, RULES
from ..gcpause import paused
from ..model import Diagnostic
from ..pipeline import Parsed
from . import run

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def resolve(codes: Iterable[str]) -> set[str]:
    """Rule names for codes or names ("I401", "unknown-item", "I4" for a family)."""
    out: set[str] = set()
    for code in codes:
        code = code.strip()
        if not code:
            continue
        if code in BY_NAME:
            out.add(code)
            continue
        matched = [r.name for c, r in RULES.items() if c.startswith(code.upper())]
        if not matched:
            raise KeyError(code)
        out.update(matched)
    return out


def validate(
    parsed: Parsed,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: str = "info",
) -> list[Diagnostic]:
    """All diagnostics of a parsed file at or above ``severity``, sorted by place."""
    chosen = resolve(select) if select else None
    dropped = resolve(ignore) if ignore else set()
    with paused():
        found = list(parsed.filing.diagnostics) + run(parsed)
    threshold = SEVERITY_RANK[severity]
    out = [
        d for d in found
        if (chosen is None or d.name in chosen) and d.name not in dropped
        and SEVERITY_RANK[d.severity] >= threshold
    ]
    out.sort(key=lambda d: (d.span.start if d.span else -1, d.code))
    return out
