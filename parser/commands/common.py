"""What the commands share: exit codes, reading inputs, consoles."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 4


def _read(path: Path) -> bytes | None:
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read()
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        typer.echo(f"eightk: cannot read {path}: {reason}", err=True)
        return None


FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".sgml", ".xml", ".xhtml")


def _files(paths: list[Path]) -> list[Path]:
    """The files to read: paths as given; folders walked for filings (.txt, .nc,
    .htm, .html, .sgml; hidden entries skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / n for n in sorted(names)
                           if not n.startswith(".") and n.lower().endswith(FILING_SUFFIXES))
        else:
            out.append(path)
    return out


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


def _console(stderr: bool):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)
