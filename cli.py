"""The ``eightk`` command: a thin typer layer over the ``parser`` package.

Each command reads its inputs, calls the library and hands the result to a
renderer. Exit codes: 0 ok, 1 findings at or above the threshold (check),
2 usage error, 4 unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

import parser as eightk
from parser.render_json import filing_json

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 4

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Parse, validate and extract SEC Form 8-K filings.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _read(path: Path) -> bytes | None:
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read()
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        typer.echo(f"eightk: cannot read {path}: {reason}", err=True)
        return None


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
        filing = eightk.parse_source(data, str(path)).filing
        indent = None if (compact or many) else 2
        typer.echo(filing_json(filing, spans=spans, indent=indent))
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON that `eightk parse` prints."""
    import json

    typer.echo(json.dumps(eightk.json_schema(), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
