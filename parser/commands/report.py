"""`eightk report`: one self-contained HTML page to debug a filing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import parse_source
from . import app
from .check import Level
from .common import EXIT_INPUT, EXIT_USAGE, _codes, _read


@app.command()
def report(
    file: Annotated[Path, typer.Argument(help="The filing to report on ('-' reads stdin).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the page (default: FILE-NAME.html here; "
        "'-' for stdout).")] = None,
    select: Annotated[str | None, typer.Option(
        help="Only these codes, families or names, comma-separated.")] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these codes or names.")] = None,
    severity: Annotated[Level | None, typer.Option(
        help="Severities ticked when the page opens (the others are one click away).")] = None,
    config: Annotated[Path | None, typer.Option(
        help="pyproject.toml with a [tool.eightk] section (default: the nearest one).")] = None,
) -> None:
    """Write one HTML page showing what eightk read and every problem at its place."""
    from ..checks import config as settings
    from ..checks.validate import resolve, validate
    from ..render.report import build_report

    try:
        team = settings.load(config if config is not None else settings.find())
    except settings.ConfigError as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    chosen = _codes(select) or team.get("select")
    dropped = _codes(ignore) or team.get("ignore")
    level = severity.value if severity else team.get("severity", "warning")
    try:
        resolve(chosen or [])
        resolve(dropped or [])
    except KeyError as error:
        typer.echo(f"eightk: unknown rule code or name {error.args[0]!r} "
                   "(see `eightk rules`)", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    data = _read(file)
    if data is None:
        raise typer.Exit(EXIT_INPUT)
    parsed = parse_source(data, str(file))
    found = validate(parsed, select=chosen, ignore=dropped, severity="info")
    page = build_report(parsed, found, path=str(file), severity=level)
    encoded = page.encode("utf-8", errors="replace")
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(encoded)
        return
    target = output if output is not None else Path(
        (file.name if str(file) != "-" else "stdin") + ".html")
    try:
        target.write_bytes(encoded)
    except OSError as error:
        typer.echo(f"eightk: cannot write {target}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    ratio = len(encoded) / max(len(data), 1)
    typer.echo(f"eightk: wrote {target} ({len(encoded):,} bytes, {ratio:.1f}x the filing; "
               f"{len(found)} diagnostic{'s' if len(found) != 1 else ''})", err=True)
