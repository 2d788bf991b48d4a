"""EDGAR's public layout: where things live and how its index files read.

Pure functions, no network. The paths are EDGAR's; a base URL (``--base-url``)
replaces both hosts (www.sec.gov and data.sec.gov) and keeps the paths, so a
mirror or a test server answers the same requests.

Facts, and how sure they are (the marks of shared/docs/8k-format.md: [C] is
corroborated by two or more independent public code bases or documents; none
of these could be checked against the live site from here):
- [C] ``/Archives/edgar/data/CIK/ACCESSIONNODASH/ACCESSION.txt`` and the flat
  ``/Archives/edgar/data/CIK/ACCESSION.txt`` the indexes list; the CIK in the
  path is the company's, which is not always the accession number's prefix
  (that is the submitter's, often a filing agent's: sec-edgar issue #100,
  datamule PR #104).
- [C] ``/Archives/edgar/full-index/YYYY/QTRn/master.idx`` and
  ``/Archives/edgar/daily-index/YYYY/QTRn/master.YYYYMMDD.idx``. Daily names
  used other date forms before 1998 (secedgar's ``daily.py``; a Java client
  says the same), so eightk reads days before 1998-04-01 from the quarterly
  index only, rather than guess a name.
- [C] Index rows: ``CIK|Company Name|Form Type|Date Filed|Filename`` after a
  short header and a line of dashes; daily files may write the date as
  ``YYYYMMDD``; both are read.
- [C] ``/Archives/edgar/Feed/YYYY/QTRn/YYYYMMDD.nc.tar.gz``; [M] that the feed
  starts in 1995 Q3 (secedgar alone), so no date is refused for it.
- [C] ``data.sec.gov/submissions/CIK##########.json``: ``filings.recent`` holds
  column arrays (``accessionNumber``, ``filingDate``, ``form``, ...);
  ``filings.files`` names older pages (``CIK##########-submissions-001.json``)
  with ``filingFrom``/``filingTo``; a page holds the same arrays at top level.
- [C] ``www.sec.gov/files/company_tickers.json``: ``{"0": {"cik_str": 320193,
  "ticker": "AAPL", "title": "Apple Inc."}, ...}``.
- [C] At most 10 requests a second from one user, whatever the number of
  machines, with a User-Agent declaring who is asking; past that EDGAR blocks
  for ten minutes (the SEC's fair-access text as quoted on several pages).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

WWW = "https://www.sec.gov"
DATA = "https://data.sec.gov"


@dataclass(frozen=True)
class Hosts:
    """Where EDGAR's two hosts are: the submissions lists live on data.sec.gov,
    everything else on www.sec.gov. A base URL stands in for both."""

    www: str = WWW
    data: str = DATA

    @classmethod
    def single(cls, base: str) -> Hosts:
        base = base.rstrip("/")
        return cls(base, base)

    def url(self, path: str) -> str:
        return (self.data if path.startswith("/submissions/") else self.www) + path

# The 8-K family, as eightk's parser recognises it (envelope.documents.FORMS_8K).
FORMS_8K = ("8-K", "8-K/A", "8-K12B", "8-K12B/A", "8-K12G3", "8-K12G3/A", "8-K15D5", "8-K15D5/A")

FIRST_FULL_INDEX = date(1993, 1, 1)
# Daily index files are named master.YYYYMMDD.idx from 1998 Q2 on; earlier names
# used two-digit years (and MMDDYY before 1995), so those days come from the
# quarterly index instead of a guessed file name.
FIRST_DAILY_INDEX = date(1998, 4, 1)

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_CIK_ACCESSION = re.compile(r"^(\d{1,10})/(\d{10}-?\d{2}-?\d{6})(?:\.txt)?$")


class Filing(NamedTuple):
    """One filing an index or a submissions list names."""

    cik: int
    accession: str  # with dashes
    form: str
    filed: date | None
    path: str  # under the base URL, starting with /Archives/


def accession(text: str) -> str | None:
    """``0000320193-24-000123`` from that or ``000032019324000123``; None if neither."""
    match = _ACCESSION.match(text.strip())
    return "-".join(match.groups()) if match else None


def cik_and_accession(text: str) -> tuple[int | None, str] | None:
    """``CIK/ACCESSION`` or a bare accession number (CIK None); None if neither."""
    text = text.strip()
    match = _CIK_ACCESSION.match(text)
    if match:
        acc = accession(match.group(2))
        return (int(match.group(1)), acc) if acc else None
    acc = accession(text.removesuffix(".txt"))
    return (None, acc) if acc else None


def prefix_cik(acc: str) -> int:
    """The CIK in an accession number: the submitter's, not always the company's."""
    return int(acc[:10])


def submission_path(cik: int, acc: str) -> str:
    return f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}/{acc}.txt"


def quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, qtr: int) -> date:
    return date(year, 3 * qtr - 2, 1)


def quarter_end(year: int, qtr: int) -> date:
    return (date(year + 1, 1, 1) if qtr == 4 else date(year, 3 * qtr + 1, 1)) - timedelta(days=1)


def quarters(since: date, until: date) -> Iterator[tuple[int, int]]:
    year, qtr = since.year, quarter(since)
    while quarter_start(year, qtr) <= until:
        yield year, qtr
        year, qtr = (year + 1, 1) if qtr == 4 else (year, qtr + 1)


def full_index_path(year: int, qtr: int) -> str:
    return f"/Archives/edgar/full-index/{year}/QTR{qtr}/master.idx"


def daily_index_path(day: date) -> str:
    return f"/Archives/edgar/daily-index/{day.year}/QTR{quarter(day)}/master.{day:%Y%m%d}.idx"


def feed_path(day: date) -> str:
    return f"/Archives/edgar/Feed/{day.year}/QTR{quarter(day)}/{day:%Y%m%d}.nc.tar.gz"


def submissions_path(cik: int) -> str:
    return f"/submissions/CIK{cik:010d}.json"


def submissions_page_path(name: str) -> str:
    return f"/submissions/{name}"


TICKERS_PATH = "/files/company_tickers.json"


def parse_date(text: str) -> date | None:
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_index(data: bytes) -> Iterator[Filing]:
    """The rows of a ``master.idx`` (quarterly or daily). Header lines, the dashes
    and anything malformed are skipped: only rows with a numeric CIK and a
    ``.txt`` path under ``edgar/data/`` count."""
    for raw in data.decode("latin-1").splitlines():
        cik, sep, rest = raw.partition("|")
        if not sep or not cik.strip().isdigit():
            continue
        fields = rest.rsplit("|", 3)  # a company name could hold a '|'; the rest cannot
        if len(fields) != 4:
            continue
        _name, form, filed, filename = (f.strip() for f in fields)
        match = re.fullmatch(r"edgar/data/\d+/(\d{10}-\d{2}-\d{6})\.txt", filename)
        if not match:
            continue
        yield Filing(int(cik), match.group(1), form, parse_date(filed), f"/Archives/{filename}")


class Submissions(NamedTuple):
    filings: list[Filing]
    pages: list[tuple[str, date | None, date | None]]  # (name, filingFrom, filingTo)


def _columns(cik: int, block: dict) -> list[Filing]:
    accessions = block.get("accessionNumber") or []
    forms = block.get("form") or []
    dates = block.get("filingDate") or []
    out = []
    for i, raw in enumerate(accessions):
        acc = accession(str(raw))
        if acc is None:
            continue
        form = str(forms[i]) if i < len(forms) else ""
        filed = parse_date(str(dates[i])) if i < len(dates) else None
        out.append(Filing(cik, acc, form, filed, submission_path(cik, acc)))
    return out


def parse_submissions(cik: int, data: bytes) -> Submissions:
    """A company's ``CIK##########.json``: its recent filings and its older pages.
    Raises ValueError when the bytes are not that document."""
    doc = json.loads(data)
    if not isinstance(doc, dict) or not isinstance(doc.get("filings"), dict):
        raise ValueError("not a submissions document (no 'filings')")
    filings = _columns(cik, doc["filings"].get("recent") or {})
    pages = []
    for page in doc["filings"].get("files") or []:
        if isinstance(page, dict) and isinstance(page.get("name"), str):
            pages.append((page["name"], parse_date(str(page.get("filingFrom", ""))),
                          parse_date(str(page.get("filingTo", "")))))
    return Submissions(filings, pages)


def parse_submissions_page(cik: int, data: bytes) -> list[Filing]:
    doc = json.loads(data)
    if not isinstance(doc, dict) or "accessionNumber" not in doc:
        raise ValueError("not a submissions page (no 'accessionNumber')")
    return _columns(cik, doc)


def parse_tickers(data: bytes) -> dict[str, int]:
    """``company_tickers.json`` as {TICKER: CIK}."""
    doc = json.loads(data)
    rows = doc.values() if isinstance(doc, dict) else doc
    out: dict[str, int] = {}
    for row in rows:
        if isinstance(row, dict) and "ticker" in row and "cik_str" in row:
            out.setdefault(str(row["ticker"]).upper(), int(row["cik_str"]))
    return out


# A full submission ends with one of these; used only when the HTTP framing
# cannot tell a complete body from a cut one (a body delimited by closing).
SUBMISSION_ENDS = (b"</SEC-DOCUMENT>", b"</IMS-DOCUMENT>",
                   b"-----END PRIVACY-ENHANCED MESSAGE-----", b"</SUBMISSION>")


def looks_complete_submission(tail: bytes) -> bool:
    return any(end in tail for end in SUBMISSION_ENDS)
