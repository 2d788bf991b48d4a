"""`eightk fetch`: filings from EDGAR into ``DIR/CIK/ACCESSION.txt``.

The only command that uses the network; its HTTP client is imported when the
command runs, so the other commands never load it.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import EXIT_USAGE, _console

EXIT_FAILED, EXIT_INTERRUPTED = 1, 130
_CONTACT = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}")

UA_HELP = (
    "eightk: fetch needs a User-Agent that names you and gives a contact e-mail, for example\n"
    "  --user-agent \"Jane Doe jane@example.com\"   or   "
    "export EIGHTK_USER_AGENT=\"Jane Doe jane@example.com\"\n"
    "The SEC's fair-access policy asks every automated tool to declare itself this way, and "
    "EDGAR blocks tools that do not."
)


def _usage(message: str) -> typer.Exit:
    typer.echo(f"eightk: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def _day(value: str, option: str) -> date:
    from ..fetch.edgar import parse_date

    day = parse_date(value)
    if day is None:
        raise _usage(f"{option} takes a date as YYYY-MM-DD, not {value!r}")
    return day


@app.command()
def fetch(
    accessions: Annotated[list[str] | None, typer.Argument(
        help="Accession numbers (with or without dashes), or CIK/ACCESSION.", show_default=False)
    ] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Folder the filings land in, as DIR/CIK/ACCESSION.txt.")
    ] = Path("."),
    cik: Annotated[list[int] | None, typer.Option(
        "--cik", help="A company's CIK (repeatable).", show_default=False)] = None,
    ticker: Annotated[list[str] | None, typer.Option(
        "--ticker", help="A company's ticker (repeatable).", show_default=False)] = None,
    form: Annotated[list[str] | None, typer.Option(
        "--form", help="Form names to fetch (repeatable); default the 8-K family: 8-K, "
                       "8-K/A, 8-K12B, 8-K12G3, 8-K15D5 and their amendments.",
        show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="First filing date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last filing date (default today).")] = None,
    feed: Annotated[str | None, typer.Option(
        help="Daily feed archives for DATE or DATE..DATE (weekdays).")] = None,
    user_agent: Annotated[str | None, typer.Option(
        "--user-agent", envvar="EIGHTK_USER_AGENT",
        help="Who you are and a contact e-mail, as the SEC requires.")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", envvar="EIGHTK_BASE_URL",
        help="A mirror or test server standing in for www.sec.gov and data.sec.gov.")] = None,
    rate: Annotated[float, typer.Option(
        help="Requests a second across all workers (at most 10).")] = 10.0,
    workers: Annotated[int, typer.Option(help="Downloads at once.")] = 4,
    retries: Annotated[int, typer.Option(help="Retries of a request (429, 5xx, dropped).")] = 5,
    backoff: Annotated[float, typer.Option(
        help="Seconds before the first retry; doubles each time.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds a connection may stay silent.")] = 60.0,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="List what would be fetched (indexes are still read).")] = False,
    cache: Annotated[Path | None, typer.Option(
        help="Where index files are kept (default DIR/.eightk-cache).", show_default=False)
    ] = None,
    paths: Annotated[bool | None, typer.Option(
        "--paths/--no-paths", help="Print each complete file's path on stdout (default: when "
                                   "stdout is not a terminal, for `| eightk extract @-`).",
        show_default=False)] = None,
) -> None:
    """Get filings from EDGAR, politely (declared User-Agent, at most 10 requests a
    second, retries with backoff) and resumably (what is on disk is not fetched
    again; a cut download is never kept). Exit 0 when every file is there, 1 when
    some failed, 2 on a usage error, 130 on Ctrl-C."""
    accessions = accessions or []
    if not user_agent or not _CONTACT.search(user_agent):
        typer.echo(UA_HELP, err=True)
        raise typer.Exit(EXIT_USAGE)
    if not 0 < rate <= 10:
        raise _usage("--rate must be above 0 and at most 10 (the SEC's limit for everyone)")
    if workers < 1 or retries < 0 or backoff < 0 or timeout <= 0:
        raise _usage("--workers must be at least 1; --retries, --backoff and --timeout at "
                     "least 0")
    from ..fetch import edgar

    specs = []
    for text in accessions:
        parsed = edgar.cik_and_accession(text)
        if parsed is None:
            raise _usage(f"{text!r} is not an accession number (0000320193-24-000123, with or "
                         "without dashes, or CIK/ACCESSION)")
        specs.append(parsed)
    first = _day(since, "--since") if since else None
    last = _day(until, "--until") if until else date.today()
    if first and first > last:
        raise _usage("--since is after --until")
    feed_days = None
    if feed is not None:
        if accessions or cik or ticker or form or since or until:
            raise _usage("--feed stands alone: it takes every filing of the days it names")
        start, _, end = feed.partition("..")
        feed_days = (_day(start, "--feed"), _day(end or start, "--feed"))
        if feed_days[0] > feed_days[1]:
            raise _usage("--feed's first date is after its last")
    elif accessions:
        if form or since or until:
            raise _usage("accession numbers name their filings: --form, --since and --until "
                         "do not apply")
        if len(cik or []) + len(ticker or []) > 1:
            raise _usage("with accession numbers, give at most one --cik or --ticker")
    elif not cik and not ticker and first is None:
        raise _usage("give accession numbers, --cik/--ticker, --feed, or --since for every "
                     "filer's filings between two dates")
    forms = {f.strip().upper() for f in form} if form else set(edgar.FORMS_8K)

    code = _run(specs, output, cik or [], ticker or [], forms, first, last, feed_days,
                user_agent, base_url, rate, workers, retries, backoff, timeout, dry_run, cache,
                paths)
    raise typer.Exit(code)


def _run(specs, output, ciks, tickers, forms, first, last, feed_days, user_agent, base_url, rate,
         workers, retries, backoff, timeout, dry_run, cache, paths) -> int:
    from ..fetch import FetchError, Hosts, Http, IndexCache, PlanError, Planner, Settings
    from ..fetch import run as fetch_all

    err = _console(stderr=True)
    show_paths = paths if paths is not None else not sys.stdout.isatty()
    hosts = Hosts.single(base_url) if base_url else Hosts()
    settings = Settings(user_agent=user_agent, rate=rate, retries=retries, backoff=backoff,
                        timeout=timeout, connections=workers,
                        on_wait=lambda message: err.print(f"eightk: {message}", markup=False))
    status = err.status("planning", spinner="dots") if err.is_terminal else None
    with Http(settings) as http:
        index = IndexCache(cache or output / ".eightk-cache", http, hosts)

        def step(message: str) -> None:
            if status is not None:
                status.update(message)

        planner = Planner(output, index, on_step=step)
        try:
            if status is not None:
                status.start()
            try:
                if feed_days is not None:
                    targets = planner.feeds(*feed_days)
                elif specs:
                    owner = ciks[0] if ciks else (planner.ticker_cik(tickers[0]) if tickers
                                                  else None)
                    targets = planner.accessions(specs, owner)
                elif ciks or tickers:
                    targets = []
                    for number in [*ciks, *(planner.ticker_cik(t) for t in tickers)]:
                        targets += planner.company(number, forms, first, last)
                    targets = list({t.label: t for t in targets}.values())
                else:
                    targets = planner.indexes(forms, first, last)
            finally:
                if status is not None:
                    status.stop()
        except PlanError as error:
            err.print(f"eightk: {error}", markup=False)
            return EXIT_FAILED
        except FetchError as error:
            err.print(f"eightk: {error.reason}", markup=False)
            return EXIT_FAILED
        except KeyboardInterrupt:
            err.print("eightk: interrupted", markup=False)
            return EXIT_INTERRUPTED
        for note in planner.notes:
            err.print(f"eightk: {note}", markup=False)
        if dry_run:
            return _dry_run(targets, err)
        return _fetch(http, targets, workers, show_paths, err, fetch_all)


def _dry_run(targets, err) -> int:
    missing = [t for t in targets if not t.path.is_file()]
    for target in missing:
        sys.stdout.write(f"{target.url}\t{target.path}\n")
    sys.stdout.flush()
    err.print(f"would fetch {len(missing)} files; {len(targets) - len(missing)} already present",
              markup=False)
    return 0


def _fetch(http, targets, workers, show_paths, err, fetch_all) -> int:
    from ..fetch.runner import FAILED, FETCHED, PRESENT

    pipe_open = [show_paths]

    def emit(outcome) -> None:
        if outcome.status == FAILED:
            err.print(f"eightk: failed {outcome.target.label}: {outcome.reason}", markup=False)
        elif pipe_open[0] and outcome.status in (FETCHED, PRESENT):
            try:
                sys.stdout.write(f"{outcome.target.path}\n")
                sys.stdout.flush()  # the reader (eightk extract @-) starts on it now
            except BrokenPipeError:
                pipe_open[0] = False  # the reader is gone; the download goes on

    if err.is_terminal and targets:
        summary = _with_progress(http, targets, workers, emit, err, fetch_all)
    else:
        summary = fetch_all(http, targets, workers=workers, on_outcome=emit)
    parts = [f"fetched {summary.fetched} ({_size(summary.bytes)})",
             f"already present {summary.present}", f"failed {summary.failed}"]
    if summary.unpublished:
        parts.append(f"{summary.unpublished} days without a feed archive")
    err.print(f"{'; '.join(parts)}; {summary.requests} requests in {summary.seconds:.1f} s",
              markup=False)
    if summary.interrupted:
        err.print("eightk: interrupted; files not complete were removed, run again to go on",
                  markup=False)
        return EXIT_INTERRUPTED
    if summary.stopped:
        err.print(f"eightk: stopped: {summary.stopped}", markup=False)
        return EXIT_FAILED
    return EXIT_FAILED if summary.failed else 0


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _with_progress(http, targets, workers, emit, err, fetch_all):
    import time

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("[bold]fetching"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[volume]}"), TimeRemainingColumn(), console=err,
                  transient=True) as progress:
        task = progress.add_task("fetch", total=len(targets), volume="")
        seen = {"bytes": 0, "failed": 0}
        started = time.perf_counter()

        def volume() -> str:
            elapsed = max(time.perf_counter() - started, 1e-6)
            return (f"{seen['bytes'] / 1e6:.1f} MB, {seen['bytes'] / elapsed / 1e6:.2f} MB/s, "
                    f"{seen['failed']} failed")

        def tick(n: int) -> None:
            seen["bytes"] += n
            progress.update(task, volume=volume())

        def outcome(result) -> None:
            seen["failed"] += result.status == "failed"
            progress.update(task, advance=1, volume=volume())
            emit(result)

        return fetch_all(http, targets, workers=workers, on_outcome=outcome, on_tick=tick)
