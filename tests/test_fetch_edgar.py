"""EDGAR's paths and index formats (eightk.fetch.edgar): no network."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from eightk.envelope.documents import FORMS_8K as PARSER_8K
from eightk.envelope.documents import is_8k_form
from eightk.fetch import edgar


@pytest.mark.parametrize("text, expected", [
    ("0000320193-24-000123", (None, "0000320193-24-000123")),
    ("000032019324000123", (None, "0000320193-24-000123")),
    ("320193/0000320193-24-000123", (320193, "0000320193-24-000123")),
    ("320193/000032019324000123.txt", (320193, "0000320193-24-000123")),
    ("0000320193-24-00012", None),
    ("320193/", None),
    ("abc", None),
])
def test_accession_numbers(text, expected):
    assert edgar.cik_and_accession(text) == expected


def test_paths():
    day = date(2024, 6, 3)
    assert edgar.submission_path(320193, "0000320193-24-000123") == \
        "/Archives/edgar/data/320193/000032019324000123/0000320193-24-000123.txt"
    assert edgar.full_index_path(2024, 2) == "/Archives/edgar/full-index/2024/QTR2/master.idx"
    assert edgar.daily_index_path(day) == \
        "/Archives/edgar/daily-index/2024/QTR2/master.20240603.idx"
    assert edgar.feed_path(day) == "/Archives/edgar/Feed/2024/QTR2/20240603.nc.tar.gz"
    assert edgar.submissions_path(320193) == "/submissions/CIK0000320193.json"
    hosts = edgar.Hosts()
    assert hosts.url(edgar.submissions_path(1)) == \
        "https://data.sec.gov/submissions/CIK0000000001.json"
    assert hosts.url(edgar.TICKERS_PATH) == "https://www.sec.gov/files/company_tickers.json"
    mirror = edgar.Hosts.single("http://mirror:8080/")
    assert mirror.url(edgar.submissions_path(1)) == \
        "http://mirror:8080/submissions/CIK0000000001.json"


def test_quarters():
    assert list(edgar.quarters(date(2023, 11, 5), date(2024, 4, 1))) == [
        (2023, 4), (2024, 1), (2024, 2)]
    assert edgar.quarter_end(2024, 1) == date(2024, 3, 31)
    assert edgar.quarter_end(2024, 4) == date(2024, 12, 31)
    assert edgar.quarter_start(2024, 3) == date(2024, 7, 1)


def test_index_rows():
    data = (b"Description:           Master Index of EDGAR Dissemination Feed\n"
            b"Last Data Received:    March 31, 2024\n\n"
            b"CIK|Company Name|Form Type|Date Filed|Filename\n" + b"-" * 80 + b"\n"
            b"1000045|NICHOLAS FINANCIAL INC|8-K|2024-02-14|edgar/data/1000045/0000950170-24-015"
            b"340.txt\n"
            b"1000097|A|B PARTNERS|8-K/A|20240105|edgar/data/1000097/0001000097-24-000002.txt\n"
            b"1000209|BROKEN ROW|8-K|2024-01-02\n"
            b"1000228|HENRY SCHEIN INC|10-K|2024-02-20|edgar/data/1000228/0001000228-24-000011"
            b".txt\n")
    rows = list(edgar.parse_index(data))
    assert [(r.cik, r.accession, r.form, r.filed) for r in rows] == [
        (1000045, "0000950170-24-015340", "8-K", date(2024, 2, 14)),
        (1000097, "0001000097-24-000002", "8-K/A", date(2024, 1, 5)),  # '|' in the name
        (1000228, "0001000228-24-000011", "10-K", date(2024, 2, 20)),
    ]
    assert rows[0].path == "/Archives/edgar/data/1000045/0000950170-24-015340.txt"


def test_submissions_and_pages():
    doc = {"cik": "320193", "filings": {
        "recent": {"accessionNumber": ["0000320193-24-000006", "bad"], "form": ["8-K", "4"],
                   "filingDate": ["2024-02-01", "2024-01-01"]},
        "files": [{"name": "CIK0000320193-submissions-001.json", "filingCount": 1000,
                   "filingFrom": "1994-01-26", "filingTo": "2014-12-31"}]}}
    listing = edgar.parse_submissions(320193, json.dumps(doc).encode())
    assert [(f.accession, f.form, f.filed) for f in listing.filings] == [
        ("0000320193-24-000006", "8-K", date(2024, 2, 1))]
    assert listing.pages == [("CIK0000320193-submissions-001.json", date(1994, 1, 26),
                              date(2014, 12, 31))]
    page = {"accessionNumber": ["0000912057-96-000001"], "form": ["8-K"],
            "filingDate": ["1996-01-02"]}
    assert edgar.parse_submissions_page(320193, json.dumps(page).encode())[0].path == \
        "/Archives/edgar/data/320193/000091205796000001/0000912057-96-000001.txt"
    with pytest.raises(ValueError):
        edgar.parse_submissions(1, b'{"error": "Not Found"}')


def test_tickers():
    data = json.dumps({"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
                       "1": {"cik_str": 789019, "ticker": "msft", "title": "MICROSOFT"}})
    assert edgar.parse_tickers(data.encode()) == {"AAPL": 320193, "MSFT": 789019}


def test_the_8k_family_is_the_parsers():
    """fetch's default forms are exactly the forms the parser calls 8-Ks."""
    assert all(is_8k_form(form) for form in edgar.FORMS_8K)
    candidates = {"".join(p) for p in itertools.product(
        ["8-K"], ["", "12B", "12G3", "15D5", "12G", "15D", "405"], ["", "/A"])}
    assert {c for c in candidates if PARSER_8K.match(c)} == set(edgar.FORMS_8K)
