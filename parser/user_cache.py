"""The user's cache folder: what eightk keeps between runs to start faster.

Today that is the grammars' parsers (``grammars.py``), under 0.2 MB per
version of the grammars, and the line kinds' prefilter conditions
(``prefilter.conditions_of``), about 12 kB. Where it is:

- ``$EIGHTK_CACHE_DIR`` when set; set and empty (``EIGHTK_CACHE_DIR=``), nothing
  is kept and every process builds its parsers;
- else the platform's cache folder, as ``platformdirs`` names it:
  ``$XDG_CACHE_HOME/eightk`` (``~/.cache/eightk``) on Linux and the BSDs,
  ``~/Library/Caches/eightk`` on macOS, ``%LOCALAPPDATA%\\eightk\\Cache`` on
  Windows.

Nothing in it is needed: it can be deleted at any time. A file that is missing,
unreadable or damaged (each is stored with its SHA-256) reads as absent, and one
that cannot be written is not: the caller builds what it needs, and no error
reaches the user. A file is written under a temporary name and renamed into
place, so processes running side by side never read half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from pathlib import Path

ENV = "EIGHTK_CACHE_DIR"


def folder() -> Path | None:
    """The cache folder, None when caching is off (or no home folder is known)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            return Path(local) / "eightk" / "Cache" if local else None
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "eightk"
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # the XDG spec: a relative path is invalid and is ignored
        return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "eightk"
    except RuntimeError:  # Path.home() with neither $HOME nor a password entry
        return None


def read(kind: str, name: str) -> bytes | None:
    """What was stored as ``kind/name``; None if nothing was, or it is damaged."""
    where = folder()
    if where is None:
        return None
    try:
        stored = (where / kind / name).read_bytes()
    except (OSError, ValueError):
        return None
    digest, payload = stored[:32], stored[32:]
    return payload if hashlib.sha256(payload).digest() == digest else None


def write(kind: str, name: str, payload: bytes) -> None:
    """Store ``payload`` as ``kind/name``, if the folder can be written (never raises
    OSError: the next run builds again)."""
    where = folder()
    if where is None:
        return
    try:
        target = where / kind
        target.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, target / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass
