"""Filings as JSON, and the JSON Schema of that JSON."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ..model import Filing

_encoder = msgspec.json.Encoder()


def _drop_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_spans(v) for k, v in value.items() if k not in ("span", "content_span")}
    if isinstance(value, list):
        return [_drop_spans(v) for v in value]
    return value


def filing_json(filing: Filing, *, spans: bool = True, indent: int | None = 2) -> str:
    if spans and indent is None:
        return _encoder.encode(filing).decode()
    data = msgspec.to_builtins(filing)
    if not spans:
        data = _drop_spans(data)
    return json.dumps(data, indent=indent, ensure_ascii=False)


def schema() -> dict:
    out = msgspec.json.schema(Filing)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "eightk filing"
    return out
