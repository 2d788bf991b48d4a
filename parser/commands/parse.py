"""`eightk parse` and `eightk schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import json_schema, parse_source
from ..render.as_json import filing_json
from . import app
from .common import EXIT_INPUT, _read


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Filings to parse ('-' for stdin).")],
    spans: Annotated[bool, typer.Option("--spans/--no-spans", help="Include source spans.")] = True,
    compact: Annotated[bool, typer.Option(help="One line of JSON per filing.")] = False,
) -> None:
    """Parse filings and print their data as JSON (JSON Lines for several files)."""
    failed = False
    many = len(files) > 1
    for path in files:
        data = _read(path)
        if data is None:
            failed = True
            continue
        filing = parse_source(data, str(path)).filing
        indent = None if (compact or many) else 2
        typer.echo(filing_json(filing, spans=spans, indent=indent))
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON that `eightk parse` prints."""
    import json

    typer.echo(json.dumps(json_schema(), indent=2))
