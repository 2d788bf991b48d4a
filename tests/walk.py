"""Every object of some model types inside a parsed filing (tests and benches
that look at all values or all spans of a filing)."""

from __future__ import annotations

from typing import Any

import msgspec


def every(node: Any, kinds: type | tuple[type, ...], out: list | None = None) -> list:
    """Every object of ``kinds`` in ``node``, a model object, a list of them, or
    anything else (nothing), depth first, a found object's own fields walked too."""
    if out is None:
        out = []
    if isinstance(node, kinds):
        out.append(node)
    if isinstance(node, msgspec.Struct):
        for field in node.__struct_fields__:
            every(getattr(node, field), kinds, out)
    elif isinstance(node, list):
        for value in node:
            every(value, kinds, out)
    return out
