"""`eightk parse` and `eightk schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import json_schema, parse_source
from ..render.as_json import filing_json
from . import app
from .common import EXIT_INPUT, _files, _read


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE_OR_FOLDER",
        help="Filings, or folders searched for .txt, .nc, .htm, .html, .sgml, .xml files "
             "(as `eightk check` does); '-' reads stdin.")],
    spans: Annotated[bool, typer.Option("--spans/--no-spans", help="Include source spans.")] = True,
    compact: Annotated[bool, typer.Option(help="One line of JSON per filing.")] = False,
) -> None:
    """Parse filings and print their data as JSON.

    One file gives one indented JSON object; several files, or a folder, give JSON
    Lines (one object per line, in the order of the arguments and, within a
    folder, of the sorted paths). `eightk schema` prints the JSON Schema.

    \b
    Examples:
      eightk parse filing.txt
      eightk parse --no-spans ./filings > filings.jsonl
      cat filing.txt | eightk parse -
    """
    failed = False
    paths = _files(files)
    many = len(paths) > 1 or any(path.is_dir() for path in files)
    for path in paths:
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
    """Print the JSON Schema of the JSON that `eightk parse` prints.

    \b
    Example:
      eightk schema > eightk.schema.json
    """
    import json

    typer.echo(json.dumps(json_schema(), indent=2))
