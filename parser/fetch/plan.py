"""What to fetch: accession numbers, a company's filings, every filing of some
forms over some dates, or daily feed archives, each turned into ``Target``s.

Where a list of filings comes from:
- a CIK or ticker: the company's submissions list (one small JSON document, plus
  the older pages that overlap the dates), far cheaper than the indexes;
- no company: the quarterly ``master.idx`` of each quarter the dates touch, or
  the daily ``master.YYYYMMDD.idx`` files when only a few days of a quarter are
  asked for (a daily file is about 1/60 of a quarter's), or when the quarter's
  file is not there yet.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import edgar
from .cache import IndexCache, Missing, Policy
from .http import FetchError

DAILY_AT_MOST = 14  # calendar days of a quarter read from daily indexes rather than its master.idx


@dataclass(frozen=True)
class Target:
    """One file to have on disk."""

    label: str  # the accession number, or the feed's date
    url: str
    path: Path  # where it lands (an existing copy's path when one is already there)
    kind: str = "submission"  # or "feed"


class PlanError(Exception):
    """The request cannot be turned into files (a ticker EDGAR does not know, ...)."""


def existing_filings(out: Path) -> dict[str, Path]:
    """Accession numbers already complete under ``out/*/`` (any CIK folder), so a
    filing of several companies is not fetched twice. Hidden ``.part`` files are
    not complete and are not listed."""
    found: dict[str, Path] = {}
    try:
        folders = [e for e in os.scandir(out) if e.is_dir() and not e.name.startswith(".")]
    except OSError:
        return found
    for folder in folders:
        try:
            for entry in os.scandir(folder.path):
                name = entry.name
                if name.endswith(".txt") and not name.startswith(".") and entry.is_file():
                    acc = edgar.accession(name[:-4])
                    if acc:
                        found.setdefault(acc, Path(entry.path))
        except OSError:
            continue
    return found


class Planner:
    def __init__(self, out: Path, cache: IndexCache,
                 on_step: Callable[[str], None] | None = None) -> None:
        self.out = out
        self.hosts = cache.hosts
        self.cache = cache
        self.on_step = on_step or (lambda _message: None)
        self._existing: dict[str, Path] | None = None
        self.notes: list[str] = []  # things the user should know (an index not published ...)

    @property
    def existing(self) -> dict[str, Path]:
        if self._existing is None:
            self._existing = existing_filings(self.out)
        return self._existing

    def _target(self, cik: int, acc: str, path: str) -> Target:
        dest = self.existing.get(acc) or self.out / str(cik) / f"{acc}.txt"
        return Target(acc, self.hosts.url(path), dest)

    # -- accession numbers -----------------------------------------------------

    def accessions(self, specs: Iterable[tuple[int | None, str]],
                   cik: int | None = None) -> list[Target]:
        """``(CIK or None, ACCESSION)`` pairs. Without a CIK, the accession number's
        prefix stands in: right when the company filed itself, wrong when an agent
        did (EDGAR then answers 404 and the failure says what to give)."""
        targets, seen = [], set()
        for given, acc in specs:
            if acc in seen:
                continue
            seen.add(acc)
            owner = given or cik or edgar.prefix_cik(acc)
            targets.append(self._target(owner, acc, edgar.submission_path(owner, acc)))
        return targets

    # -- companies -------------------------------------------------------------

    def ticker_cik(self, ticker: str) -> int:
        self.on_step("reading EDGAR's ticker list")
        try:
            table = edgar.parse_tickers(self.cache.get(edgar.TICKERS_PATH,
                                                       Policy(fresh=timedelta(days=1))))
        except FetchError as error:
            if error.fatal:
                raise
            raise PlanError(f"EDGAR's ticker list could not be fetched: {error.reason}") from None
        except ValueError as error:
            raise PlanError(f"EDGAR's ticker list could not be read: {error}") from None
        cik = table.get(ticker.strip().upper())
        if cik is None:
            raise PlanError(f"EDGAR's ticker list has no ticker {ticker!r}; give --cik instead")
        return cik

    def company(self, cik: int, forms: set[str], since: date | None,
                until: date | None) -> list[Target]:
        self.on_step(f"reading the submissions list of CIK {cik}")
        policy = Policy(fresh=timedelta(hours=1), missing_ok=True)
        try:
            listing = edgar.parse_submissions(cik, self.cache.get(edgar.submissions_path(cik),
                                                                  policy))
        except Missing:
            raise PlanError(f"EDGAR has no submissions list for CIK {cik}") from None
        except FetchError as error:
            if error.fatal:
                raise
            raise PlanError(f"the submissions list of CIK {cik} could not be fetched: "
                            f"{error.reason}") from None
        except ValueError as error:
            raise PlanError(f"the submissions list of CIK {cik} could not be read: "
                            f"{error}") from None
        filings = list(listing.filings)
        for name, first, last in listing.pages:
            if (since and last and last < since) or (until and first and first > until):
                continue  # the page holds no filing of the dates asked for
            self.on_step(f"reading {name}")
            try:
                filings += edgar.parse_submissions_page(
                    cik, self.cache.get(edgar.submissions_page_path(name), policy))
            except FetchError as error:
                if error.fatal:
                    raise
                raise PlanError(f"{name} could not be fetched: {error.reason}") from None
            except (Missing, ValueError) as error:
                raise PlanError(f"{name} could not be read: {error or 'not on EDGAR'}") from None
        return self._select(filings, forms, since, until, keep_cik=cik)

    # -- every filer, from the indexes -------------------------------------------

    def indexes(self, forms: set[str], since: date, until: date) -> list[Target]:
        filings: list[edgar.Filing] = []
        today = date.today()
        for year, qtr in edgar.quarters(max(since, edgar.FIRST_FULL_INDEX), until):
            first = max(since, edgar.quarter_start(year, qtr))
            last = min(until, edgar.quarter_end(year, qtr), today)
            if last < first:
                continue
            if (last - first).days < DAILY_AT_MOST and first >= edgar.FIRST_DAILY_INDEX:
                filings += self._daily(first, last)
                continue
            path = edgar.full_index_path(year, qtr)
            self.on_step(f"reading the index of {year} Q{qtr}")
            policy = Policy(final_after=edgar.quarter_end(year, qtr) + timedelta(days=7),
                            fresh=timedelta(hours=6))
            try:
                filings += edgar.parse_index(self.cache.get(path, policy))
            except Missing:
                if first >= edgar.FIRST_DAILY_INDEX:
                    filings += self._daily(first, last)  # the quarter's file is not there yet
                else:
                    self.notes.append(f"EDGAR has no index for {year} Q{qtr}")
            except FetchError as error:
                if error.fatal:
                    raise
                raise PlanError(f"the index of {year} Q{qtr} could not be fetched: "
                                f"{error.reason}") from None
        return self._select(filings, forms, since, until)

    def _daily(self, first: date, last: date) -> list[edgar.Filing]:
        out: list[edgar.Filing] = []
        day = first
        while day <= last:
            if day.weekday() < 5:  # EDGAR publishes no index for a Saturday or Sunday
                self.on_step(f"reading the daily index of {day}")
                policy = Policy(final_after=day + timedelta(days=2), fresh=timedelta(hours=1),
                                missing_ok=True)
                try:
                    out += edgar.parse_index(self.cache.get(edgar.daily_index_path(day), policy))
                except Missing:
                    self.notes.append(f"no daily index for {day} (a holiday, or not yet "
                                      "published)")
                except FetchError as error:
                    if error.fatal:
                        raise
                    raise PlanError(f"the daily index of {day} could not be fetched: "
                                    f"{error.reason}") from None
            day += timedelta(days=1)
        return out

    def _select(self, filings: Iterable[edgar.Filing], forms: set[str], since: date | None,
                until: date | None, keep_cik: int | None = None) -> list[Target]:
        """The filings of the forms and dates asked for, once per accession number
        (a filing of several companies is listed once per company: the first
        CIK listed, or the one asked for, names its folder), oldest first."""
        chosen: dict[str, edgar.Filing] = {}
        for filing in filings:
            if filing.form.upper() not in forms:
                continue
            if filing.filed is not None and ((since and filing.filed < since)
                                             or (until and filing.filed > until)):
                continue
            held = chosen.get(filing.accession)
            if held is None or (keep_cik is not None and filing.cik == keep_cik != held.cik):
                chosen[filing.accession] = filing
        ordered = sorted(chosen.values(), key=lambda f: (f.filed or date.min, f.accession))
        return [self._target(f.cik, f.accession, f.path) for f in ordered]

    # -- feeds -----------------------------------------------------------------

    def feeds(self, first: date, last: date) -> list[Target]:
        """One archive per weekday; EDGAR publishes none for weekends."""
        targets = []
        day = first
        while day <= last:
            if day.weekday() < 5:
                dest = self.out / f"{day:%Y%m%d}.nc.tar.gz"
                targets.append(Target(day.isoformat(), self.hosts.url(edgar.feed_path(day)), dest,
                                      "feed"))
            day += timedelta(days=1)
        return targets
