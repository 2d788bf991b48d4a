"""The ``eightk`` command: a thin typer layer over the library.

Each command reads its inputs, calls the library and hands the result to a
renderer; one module per command family. Exit codes: 0 ok, 1 findings at or
above the threshold (check), 2 usage error, 4 unreadable input.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Parse, validate and extract SEC Form 8-K filings.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eightk {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print eightk's version and exit.")
    ] = False,
) -> None:
    """Parse, validate and extract SEC Form 8-K filings."""


# Importing a command module registers its commands on ``app``, in this order.
from . import parse, check, show, report, extract, fetch  # noqa: E402, F401, I001


def main() -> None:
    app()
