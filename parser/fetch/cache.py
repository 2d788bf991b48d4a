"""Index files kept on disk with the date they were fetched.

An index is kept under ``CACHE/HOST/PATH`` beside ``PATH.meta.json`` (when it
was fetched, its Last-Modified and ETag, or that EDGAR had none). Whether a kept
copy can be used as it is depends on what it indexes:

- a quarter's ``master.idx`` fetched a week or more after the quarter ended, and
  a day's ``master.YYYYMMDD.idx`` fetched two or more days after that day, are
  final: EDGAR does not add to them, so they are never asked for again (unless
  the answer had no length or chunks to vouch that it was whole);
- anything else (the current quarter, a company's submissions list, the ticker
  list) is used for ``fresh`` and then asked for again conditionally
  (If-Modified-Since / If-None-Match), which costs a 304 when nothing changed.

Dates are UTC.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from .edgar import Hosts
from .http import FetchError, Http, utc_now


@dataclass(frozen=True)
class Policy:
    final_after: date | None = None  # a copy fetched on or after this date is final
    fresh: timedelta = timedelta(hours=6)  # otherwise used as it is for this long
    missing_ok: bool = False  # a 404/403 means "nothing published", not a failure


class Missing(Exception):
    """EDGAR has no such index (a weekend's daily index, a quarter not begun)."""


class IndexCache:
    def __init__(self, folder: Path, http: Http, hosts: Hosts) -> None:
        self.folder = folder
        self.http = http
        self.hosts = hosts
        self.hits = self.fetched = 0

    def _where(self, url: str) -> Path:
        parts = urlsplit(url)
        host = parts.netloc.replace(":", "_") or "local"
        return self.folder / host / parts.path.lstrip("/")

    def get(self, path: str, policy: Policy) -> bytes:
        """The index at ``path`` (under the base URL), from disk when the policy
        allows; raises Missing or FetchError."""
        url = self.hosts.url(path)
        where = self._where(url)
        meta_file = where.with_name(where.name + ".meta.json")
        meta = _load(meta_file)
        now = utc_now()
        if meta is not None:
            fetched = datetime.fromisoformat(meta["fetched"])
            final = policy.final_after is not None and fetched.date() >= policy.final_after \
                and meta.get("framed", True)
            usable = final or now - fetched < policy.fresh
            if usable:
                if meta.get("missing"):
                    raise Missing(path)
                if where.is_file():
                    self.hits += 1
                    return where.read_bytes()
        headers = {}
        if meta is not None and where.is_file() and not meta.get("missing"):
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
        answer = self.http.get(url, headers=headers or None)
        self.fetched += 1
        if answer.status == 304 and where.is_file():
            _save(meta_file, {**meta, "fetched": now.isoformat()})
            return where.read_bytes()
        if answer.status in (403, 404) and policy.missing_ok:
            # Only a day that is surely over is recorded as having no index.
            if policy.final_after is not None and now.date() >= policy.final_after:
                _save(meta_file, {"fetched": now.isoformat(), "missing": True})
            raise Missing(path)
        if answer.status != 200:
            raise FetchError(f"HTTP {answer.status} for {url}", answer.status)
        where.parent.mkdir(parents=True, exist_ok=True)
        part = where.with_name(f".{where.name}.part")
        part.write_bytes(answer.body)
        os.replace(part, where)
        # A copy whose end only the closing connection marked may be cut short:
        # it is used while fresh, never kept as final.
        _save(meta_file, {"fetched": now.isoformat(),
                          "last_modified": answer.headers.get("Last-Modified"),
                          "etag": answer.headers.get("ETag"), "framed": answer.framed})
        return answer.body


def _load(path: Path) -> dict | None:
    try:
        meta = json.loads(path.read_text())
        datetime.fromisoformat(meta["fetched"])
        return meta
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save(path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    part.write_text(json.dumps(meta))
    os.replace(part, path)
