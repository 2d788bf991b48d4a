"""`eightk fetch` against a local EDGAR (tests/fake_edgar.py): manners (User-Agent,
rate, gzip, Retry-After), robustness (404, dropped and cut connections, Ctrl-C),
resuming, the index and submissions paths, feeds, and the pipe into extract."""

from __future__ import annotations

import gzip
import json
import os
import select
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from eightk.commands import app
from fake_edgar import (
    SAMPLES,
    FakeEdgar,
    feed_archive,
    master_index,
    serve_samples,
    submissions,
)
from typer.testing import CliRunner

UA = "Eightk Tests tests@example.com"
runner = CliRunner()


@pytest.fixture
def edgar():
    with FakeEdgar() as server:
        serve_samples(server)
        yield server


def fetch(edgar: FakeEdgar, out: Path, *args: str, env: dict | None = None):
    return runner.invoke(app, ["fetch", *args, "-o", str(out), "--base-url", edgar.url,
                               "--user-agent", UA, "--backoff", "0.05"], env=env)


def files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.is_file() and ".eightk-cache" not in p.parts)


def cik_acc(s) -> str:
    return f"{s.cik}/{s.accession}"


# -- manners -------------------------------------------------------------------


def test_refuses_without_a_declared_user_agent(edgar, tmp_path):
    s = SAMPLES[0]
    for agent in ([], ["--user-agent", "python-httpx/0.28"]):
        result = runner.invoke(app, ["fetch", cik_acc(s), "-o", str(tmp_path), "--base-url",
                                     edgar.url, *agent], env={"EIGHTK_USER_AGENT": ""})
        assert result.exit_code == 2
        assert "EIGHTK_USER_AGENT" in result.stderr and "e-mail" in result.stderr
        assert "fair-access" in result.stderr
    assert edgar.seen == []  # refused before any request
    assert files(tmp_path) == []


def test_user_agent_and_gzip_on_every_request(edgar, tmp_path):
    s = SAMPLES[0]
    edgar.add(s.path, s.body, ("gzip",))  # compressed on the wire when asked
    edgar.add("/submissions/CIK0009945678.json",
              submissions(s.cik, [(s.accession, "8-K", s.filed), ("0009950888-06-000999", "10-K",
                                                                  "2006-08-01")]))
    result = fetch(edgar, tmp_path, "--cik", str(s.cik))
    assert result.exit_code == 0, result.stderr
    assert edgar.paths() == ["/submissions/CIK0009945678.json", s.path]
    for seen in edgar.seen:
        assert seen.headers["User-Agent"] == UA
        assert "gzip" in seen.headers["Accept-Encoding"]
    landed = tmp_path / str(s.cik) / f"{s.accession}.txt"
    assert landed.read_bytes() == s.body  # stored decoded, byte for byte
    assert result.stdout.splitlines() == [str(landed)]


def test_rate_stays_at_or_under_ten_a_second_across_workers(edgar, tmp_path):
    # 22 requests from 4 workers: any 11 consecutive arrivals must span at least a
    # second, so no one-second window at the server holds more than 10.
    accs = [cik_acc(s) for s in SAMPLES] + [f"{s.cik}/{s.accession[:-3]}999" for s in SAMPLES]
    accs += [f"{s.cik}/{s.accession[:-3]}998" for s in SAMPLES[:6]]
    result = fetch(edgar, tmp_path, *accs, "--workers", "4", "--retries", "0")
    assert result.exit_code == 1  # the invented ones are 404s
    times = [s.at for s in edgar.seen]
    assert len(times) == 22
    gaps = [times[i + 10] - times[i] for i in range(len(times) - 10)]
    assert min(gaps) >= 1.0, gaps


def test_rate_can_be_lowered(edgar, tmp_path):
    result = fetch(edgar, tmp_path, *[cik_acc(s) for s in SAMPLES[:7]], "--rate", "4",
                   "--workers", "3")
    assert result.exit_code == 0, result.stderr
    times = [s.at for s in edgar.seen]
    assert len(times) == 7
    assert min(times[i + 4] - times[i] for i in range(len(times) - 4)) >= 1.0


def test_rate_above_ten_is_refused(edgar, tmp_path):
    result = fetch(edgar, tmp_path, cik_acc(SAMPLES[0]), "--rate", "20")
    assert result.exit_code == 2
    assert "at most 10" in result.stderr
    assert edgar.seen == []


def test_429_with_retry_after_is_retried_and_pauses_every_worker(edgar, tmp_path):
    first, *others = SAMPLES[:4]
    edgar.add(first.path, first.body, ("status", 429, {"Retry-After": "1"}, b"slow down"))
    result = fetch(edgar, tmp_path, *[cik_acc(s) for s in (first, *others)], "--workers", "3")
    assert result.exit_code == 0, result.stderr
    assert "429" in result.stderr
    for s in (first, *others):
        assert (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes() == s.body
    refused = edgar.requests_for(first.path)[0].at
    after = [s.at for s in edgar.seen if s.at > refused]
    assert len(edgar.requests_for(first.path)) == 2
    # Retry-After: 1 holds every worker, not only the one that was refused.
    assert min(after) - refused >= 0.95


def test_retry_after_as_a_date():
    from eightk.fetch.http import retry_after

    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("soon") is None


# -- robustness ----------------------------------------------------------------


def test_404_is_a_failure_and_the_run_goes_on(edgar, tmp_path):
    good, other = SAMPLES[0], SAMPLES[1]
    result = fetch(edgar, tmp_path, cik_acc(good), f"{good.cik}/0009950888-06-000413",
                   cik_acc(other))
    assert result.exit_code == 1
    assert "failed 0009950888-06-000413: HTTP 404" in result.stderr
    assert "fetched 2" in result.stderr and "failed 1" in result.stderr
    assert files(tmp_path) == sorted([f"{good.cik}/{good.accession}.txt",
                                      f"{other.cik}/{other.accession}.txt"])


def test_bare_accession_of_an_agent_says_what_to_give(edgar, tmp_path):
    s = SAMPLES[0]  # filed by agent 0009950888 for CIK 9945678
    result = fetch(edgar, tmp_path, s.accession.replace("-", ""))
    assert result.exit_code == 1
    assert "CIK/ACCESSION or --cik" in result.stderr
    assert files(tmp_path) == []
    assert not (tmp_path / "9950888").exists()  # no empty folder left for the failure
    result = fetch(edgar, tmp_path, s.accession, "--cik", str(s.cik))
    assert result.exit_code == 0
    assert files(tmp_path) == [f"{s.cik}/{s.accession}.txt"]


def test_dropped_connection_is_retried(edgar, tmp_path):
    s = SAMPLES[2]
    edgar.add(s.path, s.body, ("drop",), ("drop",))
    result = fetch(edgar, tmp_path, cik_acc(s))
    assert result.exit_code == 0, result.stderr
    assert len(edgar.requests_for(s.path)) == 3
    assert (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes() == s.body


def test_a_connection_that_always_drops_fails_that_filing_only(edgar, tmp_path):
    bad, good = SAMPLES[2], SAMPLES[3]
    edgar.add(bad.path, bad.body, *[("drop",)] * 10)
    result = fetch(edgar, tmp_path, cik_acc(bad), cik_acc(good), "--retries", "2")
    assert result.exit_code == 1
    assert "connection dropped" in result.stderr and "after 3 attempts" in result.stderr
    assert len(edgar.requests_for(bad.path)) == 3
    assert files(tmp_path) == [f"{good.cik}/{good.accession}.txt"]


@pytest.mark.parametrize("cut", [("cut", 3000), ("close", 3000)],
                         ids=["content-length", "close-delimited"])
def test_a_truncated_download_is_never_kept(edgar, tmp_path, cut):
    s = SAMPLES[0]
    edgar.add(s.path, s.body, *[cut] * 10)
    result = fetch(edgar, tmp_path, cik_acc(s), "--retries", "1")
    assert result.exit_code == 1
    assert "failed" in result.stderr
    assert list(tmp_path.rglob("*.txt")) == []
    assert list(tmp_path.rglob("*.part")) == []


@pytest.mark.parametrize("cut", [("cut", 3000), ("close", 3000)],
                         ids=["content-length", "close-delimited"])
def test_a_cut_download_is_fetched_again_whole(edgar, tmp_path, cut):
    s = SAMPLES[0]
    edgar.add(s.path, s.body, cut)
    result = fetch(edgar, tmp_path, cik_acc(s))
    assert result.exit_code == 0, result.stderr
    assert len(edgar.requests_for(s.path)) == 2
    assert (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes() == s.body


def test_a_whole_close_delimited_body_is_kept(edgar, tmp_path):
    s = SAMPLES[1]
    edgar.add(s.path, s.body, ("close",))
    assert fetch(edgar, tmp_path, cik_acc(s)).exit_code == 0
    assert len(edgar.requests_for(s.path)) == 1
    assert (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes() == s.body


def test_edgar_blocking_the_tool_stops_the_run(edgar, tmp_path):
    page = b"<html><h1>Your Request Originates from an Undeclared Automated Tool</h1></html>"
    for s in SAMPLES:
        edgar.add(s.path, s.body, ("status", 403, {}, page))
    result = fetch(edgar, tmp_path, *[cik_acc(s) for s in SAMPLES], "--workers", "2")
    assert result.exit_code == 1
    assert "undeclared" in result.stderr and "stopped" in result.stderr
    assert len(edgar.seen) <= 3  # not one request per filing
    assert files(tmp_path) == []


# -- resuming ------------------------------------------------------------------


def test_resumed_run_fetches_only_what_is_missing(edgar, tmp_path):
    chosen = SAMPLES[:5]
    assert fetch(edgar, tmp_path, *[cik_acc(s) for s in chosen[:3]]).exit_code == 0
    # What an interrupted download leaves: a hidden .part, never complete.
    leftover = tmp_path / str(chosen[3].cik) / f".{chosen[3].accession}.txt.part"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(chosen[3].body[:500])
    edgar.seen.clear()
    result = fetch(edgar, tmp_path, *[cik_acc(s) for s in chosen])
    assert result.exit_code == 0, result.stderr
    assert sorted(edgar.paths()) == sorted([chosen[3].path, chosen[4].path])
    assert "already present 3" in result.stderr and "fetched 2" in result.stderr
    for s in chosen:
        assert (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes() == s.body
    assert not leftover.exists()
    # every file of the request is printed, present or new, for the reader of the pipe
    assert len(result.stdout.splitlines()) == 5


def test_a_filing_already_under_another_cik_is_not_fetched_again(edgar, tmp_path):
    s = SAMPLES[3]
    (tmp_path / "123").mkdir()
    (tmp_path / "123" / f"{s.accession}.txt").write_bytes(s.body)
    result = fetch(edgar, tmp_path, cik_acc(s))
    assert result.exit_code == 0
    assert edgar.seen == []
    assert result.stdout.strip() == str(tmp_path / "123" / f"{s.accession}.txt")


@pytest.mark.parametrize("pace", [("slow", 2048, 0.05), ("slow", 8192, 30.0)],
                         ids=["trickling", "stalled"])
def test_ctrl_c_stops_promptly_and_keeps_no_partial_file(edgar, tmp_path, pace):
    s = SAMPLES[0]
    big = s.body * 40
    edgar.add(s.path, big, pace)  # 10 s to send it all, or 8 kB and then silence
    env = {**os.environ, "EIGHTK_USER_AGENT": UA, "EIGHTK_BASE_URL": edgar.url}
    proc = subprocess.Popen([sys.executable, "-m", "eightk", "fetch", cik_acc(s), "-o",
                             str(tmp_path)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    part = tmp_path / str(s.cik) / f".{s.accession}.txt.part"
    deadline = time.monotonic() + 20
    while not (part.exists() and part.stat().st_size > 4096):
        assert time.monotonic() < deadline, "the download never started"
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=15)
    assert proc.returncode == 130, err
    assert time.monotonic() - sent < 4  # a stalled read is abandoned after 2 s
    assert b"interrupted" in err
    assert list(tmp_path.rglob("*.txt")) == [] and not part.exists()


# -- companies, indexes, feeds ----------------------------------------------------


def test_cik_reads_older_submission_pages_only_when_the_dates_need_them(edgar, tmp_path):
    new, old, older = SAMPLES[4], SAMPLES[0], SAMPLES[6]  # 2021, 2006, 1998
    cik = 4242
    for s in (new, old, older):
        edgar.add(f"/Archives/edgar/data/{cik}/{s.accession.replace('-', '')}/{s.accession}.txt",
                  s.body)
    pages = [{"name": "CIK0000004242-submissions-001.json", "filingFrom": "2003-01-01",
              "filingTo": "2010-12-31"},
             {"name": "CIK0000004242-submissions-002.json", "filingFrom": "1994-01-01",
              "filingTo": "2002-12-31"}]
    edgar.add("/submissions/CIK0000004242.json",
              submissions(cik, [(new.accession, "8-K/A", new.filed),
                                ("0000004242-21-000001", "10-Q", "2021-05-01")], pages))
    edgar.add("/submissions/CIK0000004242-submissions-001.json",
              submissions(cik, [(old.accession, "8-K", old.filed)], top=False))
    edgar.add("/submissions/CIK0000004242-submissions-002.json",
              submissions(cik, [(older.accession, "8-K", older.filed)], top=False))
    result = fetch(edgar, tmp_path, "--cik", str(cik), "--since", "2005-01-01")
    assert result.exit_code == 0, result.stderr
    assert "/submissions/CIK0000004242-submissions-002.json" not in edgar.paths()
    assert files(tmp_path) == sorted(f"{cik}/{s.accession}.txt" for s in (new, old))


def test_ticker_goes_through_edgars_ticker_list(edgar, tmp_path):
    s = SAMPLES[5]
    edgar.add("/files/company_tickers.json", json.dumps(
        {"0": {"cik_str": s.cik, "ticker": "FICT", "title": "Fictional"}}).encode())
    edgar.add(f"/submissions/CIK{s.cik:010d}.json",
              submissions(s.cik, [(s.accession, s.form, s.filed)]))
    result = fetch(edgar, tmp_path, "--ticker", "fict")
    assert result.exit_code == 0, result.stderr
    assert files(tmp_path) == [f"{s.cik}/{s.accession}.txt"]
    result = fetch(edgar, tmp_path, "--ticker", "NOPE")
    assert result.exit_code == 1
    assert "no ticker 'NOPE'" in result.stderr


def test_every_filer_from_the_quarterly_index(edgar, tmp_path):
    a, b, co = SAMPLES[0], SAMPLES[1], SAMPLES[3]  # 2006-06-15, 2007-11-05, 2009-10-16
    rows = [(a.cik, "IRONWOOD", "8-K", a.filed, a.accession),
            (a.cik, "IRONWOOD", "10-K", "2006-05-02", "0009945678-06-000002"),
            (co.cik, "COREG ONE", "8-K", "2006-04-03", co.accession),
            (co.cik + 1, "COREG TWO", "8-K", "2006-04-03", co.accession)]
    edgar.add("/Archives/edgar/full-index/2006/QTR2/master.idx", master_index(rows))
    edgar.add("/Archives/edgar/full-index/2006/QTR3/master.idx", master_index(
        [(b.cik, "OTHER", "8-K15D5", "2006-07-05", b.accession)]))
    for s in (a, b, co):
        edgar.add(f"/Archives/edgar/data/{s.cik}/{s.accession}.txt", s.body)
    result = fetch(edgar, tmp_path, "--since", "2006-04-01", "--until", "2006-09-30")
    assert result.exit_code == 0, result.stderr
    # the 10-K is left out; the co-registrants' filing is fetched once, under the first CIK
    assert files(tmp_path) == sorted([f"{a.cik}/{a.accession}.txt", f"{b.cik}/{b.accession}.txt",
                                      f"{co.cik}/{co.accession}.txt"])
    assert [p for p in edgar.paths() if "full-index" in p] == [
        "/Archives/edgar/full-index/2006/QTR2/master.idx",
        "/Archives/edgar/full-index/2006/QTR3/master.idx"]
    # A second run reads the closed quarters from the cache, and fetches nothing.
    edgar.seen.clear()
    result = fetch(edgar, tmp_path, "--since", "2006-04-01", "--until", "2006-09-30")
    assert result.exit_code == 0
    assert edgar.seen == []
    assert "already present 3" in result.stderr
    meta = json.loads(next(tmp_path.rglob("master.idx.meta.json")).read_text())
    assert date.fromisoformat(meta["fetched"][:10]) <= date.today()
    # --form picks other forms from the same cached index
    result = fetch(edgar, tmp_path, "--since", "2006-04-01", "--until", "2006-06-30", "--form",
                   "10-K", "--dry-run")
    assert result.stdout.strip().endswith(f"{a.cik}/0009945678-06-000002.txt")


@pytest.mark.parametrize("framing, asked_again", [("ok", 0), ("close", 1)],
                         ids=["content-length", "close-delimited"])
def test_a_closed_quarter_is_final_only_when_its_index_came_whole(edgar, tmp_path, framing,
                                                                   asked_again):
    path = "/Archives/edgar/full-index/2006/QTR2/master.idx"
    edgar.add(path, master_index([]), *[(framing,)] * 3)
    args = ("--since", "2006-04-01", "--until", "2006-06-30", "--dry-run")
    assert fetch(edgar, tmp_path, *args).exit_code == 0
    meta_file = next(tmp_path.rglob("master.idx.meta.json"))
    meta = json.loads(meta_file.read_text())
    meta["fetched"] = "2024-01-01T00:00:00+00:00"  # long after the quarter, long ago
    meta_file.write_text(json.dumps(meta))
    assert fetch(edgar, tmp_path, *args).exit_code == 0
    assert len(edgar.requests_for(path)) == 1 + asked_again


def test_a_few_days_come_from_the_daily_indexes(edgar, tmp_path):
    s = SAMPLES[0]  # filed Thursday 2006-06-15
    edgar.add("/Archives/edgar/daily-index/2006/QTR2/master.20060615.idx", master_index(
        [(s.cik, "IRONWOOD", "8-K", s.filed, s.accession)], daily=True))
    edgar.add("/Archives/edgar/daily-index/2006/QTR2/master.20060616.idx", master_index(
        [(s.cik, "IRONWOOD", "4", "2006-06-16", "0009945678-06-000077")], daily=True))
    edgar.add(f"/Archives/edgar/data/{s.cik}/{s.accession}.txt", s.body)
    result = fetch(edgar, tmp_path, "--since", "2006-06-14", "--until", "2006-06-19")
    assert result.exit_code == 0, result.stderr
    assert not any("full-index" in p for p in edgar.paths())
    # Saturday and Sunday are not asked for; a weekday with no index is a note, not a failure
    assert [p.rsplit(".", 2)[1] for p in edgar.paths() if "daily-index" in p] == [
        "20060614", "20060615", "20060616", "20060619"]
    assert "no daily index for 2006-06-14" in result.stderr
    assert files(tmp_path) == [f"{s.cik}/{s.accession}.txt"]


def test_a_current_index_is_asked_for_again_conditionally(edgar, tmp_path):
    today = date.today()
    qtr = (today.month - 1) // 3 + 1
    start = date(today.year, 3 * qtr - 2, 1)
    path = f"/Archives/edgar/full-index/{today.year}/QTR{qtr}/master.idx"
    body = master_index([])
    edgar.add(path, body, ("ok",), ("304-if-asked",), Last_Modified="Mon, 01 Jan 2024 00:00:00 GMT")
    args = ("--since", start.isoformat(), "--until", today.isoformat())
    if (today - start).days < 14:
        pytest.skip("early in a quarter the daily indexes are used instead")
    assert fetch(edgar, tmp_path, *args).exit_code == 0
    assert fetch(edgar, tmp_path, *args).exit_code == 0
    assert len(edgar.requests_for(path)) == 1  # fresh for a while: the copy is used
    meta_file = next(tmp_path.rglob("master.idx.meta.json"))
    meta = json.loads(meta_file.read_text())
    meta["fetched"] = (date.today() - timedelta(days=2)).isoformat() + "T00:00:00+00:00"
    meta_file.write_text(json.dumps(meta))
    assert fetch(edgar, tmp_path, *args).exit_code == 0
    asked = edgar.requests_for(path)
    assert len(asked) == 2
    assert asked[1].headers["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"


def test_feeds_land_as_they_are_and_extract_reads_them(edgar, tmp_path):
    nc = (CORPUS / "tagged-2024-sub.nc").read_bytes()
    archive = feed_archive({"0009967890-24-000031.nc": nc})
    edgar.add("/Archives/edgar/Feed/2024/QTR2/20240524.nc.tar.gz", archive)
    # 2024-05-25/26 are a weekend; 2024-05-27 (Memorial Day) has no archive: 404
    result = fetch(edgar, tmp_path, "--feed", "2024-05-24..2024-05-27")
    assert result.exit_code == 0, result.stderr
    assert sorted(edgar.paths()) == ["/Archives/edgar/Feed/2024/QTR2/20240524.nc.tar.gz",
                                     "/Archives/edgar/Feed/2024/QTR2/20240527.nc.tar.gz"]
    assert "1 days without a feed archive" in result.stderr
    assert (tmp_path / "20240524.nc.tar.gz").read_bytes() == archive
    out = tmp_path / "x.jsonl"
    extracted = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--workers", "1"])
    assert extracted.exit_code == 0, extracted.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["key"] for r in rows] == ["0009967890-24-000031"]


def test_a_cut_feed_archive_is_never_kept(edgar, tmp_path):
    archive = feed_archive({"a.nc": (CORPUS / "tagged-2024-sub.nc").read_bytes() * 20})
    edgar.add("/Archives/edgar/Feed/2024/QTR2/20240524.nc.tar.gz", archive,
              *[("close", len(archive) // 2)] * 5)
    result = fetch(edgar, tmp_path, "--feed", "2024-05-24", "--retries", "1")
    assert result.exit_code == 1
    assert "gzip" in result.stderr
    assert list(tmp_path.glob("*.tar.gz")) == [] and list(tmp_path.rglob("*.part")) == []


def test_dry_run_lists_and_fetches_nothing(edgar, tmp_path):
    a, b = SAMPLES[0], SAMPLES[1]
    assert fetch(edgar, tmp_path, cik_acc(a)).exit_code == 0
    edgar.seen.clear()
    result = fetch(edgar, tmp_path, cik_acc(a), cik_acc(b), "--dry-run")
    assert result.exit_code == 0
    assert edgar.seen == []
    assert result.stdout.splitlines() == [
        f"{edgar.url}{b.path}\t{tmp_path / str(b.cik) / (b.accession + '.txt')}"]
    assert "would fetch 1 files; 1 already present" in result.stderr


def test_environment_gives_the_agent_and_the_base_url(edgar, tmp_path):
    s = SAMPLES[0]
    result = runner.invoke(app, ["fetch", cik_acc(s), "-o", str(tmp_path)],
                           env={"EIGHTK_USER_AGENT": UA, "EIGHTK_BASE_URL": edgar.url})
    assert result.exit_code == 0, result.stderr
    assert edgar.seen[0].headers["User-Agent"] == UA


@pytest.mark.parametrize("args, message", [
    (["0000320193-24-00012"], "not an accession number"),
    (["--since", "2024-13-01"], "YYYY-MM-DD"),
    (["--feed", "2024-06-03", "--cik", "1"], "--feed stands alone"),
    ([], "give accession numbers"),
    (["0000320193-24-000123", "--since", "2024-01-01"], "do not apply"),
])
def test_usage_errors(edgar, tmp_path, args, message):
    result = fetch(edgar, tmp_path, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert edgar.seen == []


# -- into extract --------------------------------------------------------------


def test_fetch_piped_into_extract(edgar, tmp_path):
    chosen = SAMPLES[:3]
    env = {**os.environ, "EIGHTK_USER_AGENT": UA, "EIGHTK_BASE_URL": edgar.url}
    out = tmp_path / "x.jsonl"
    fetcher = subprocess.Popen([sys.executable, "-m", "eightk", "fetch",
                                *[cik_acc(s) for s in chosen], "-o", str(tmp_path / "f")],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    extractor = subprocess.run([sys.executable, "-m", "eightk", "extract", "@-", "-o", str(out)],
                               stdin=fetcher.stdout, capture_output=True, env=env, cwd=ROOT,
                               timeout=120)
    fetcher.stdout.close()
    assert fetcher.wait(timeout=60) == 0
    assert extractor.returncode == 0, extractor.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["key"] for r in rows) == sorted(s.accession for s in chosen)


def test_extract_takes_paths_from_stdin_as_they_come(tmp_path):
    """``@-`` yields the first filing before standard input has ended."""
    script = (
        "import sys\n"
        "from eightk.bulk.inputs import members\n"
        "for m in members(['@-']):\n"
        "    print(m.name, len(m.data), flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    first, second = CORPUS / "text-2006-sub.txt", CORPUS / "text-2008-8k12g3-sub.txt"
    proc.stdin.write(f"{first}\n")
    proc.stdin.flush()
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    if not ready:
        proc.kill()
        pytest.fail("@- waited for the end of standard input")
    line = proc.stdout.readline()  # answered while stdin is still open
    assert line.split() == [str(first), str(first.stat().st_size)]
    proc.stdin.write(f"{second}\n")
    proc.stdin.close()
    assert proc.stdout.readline().split() == [str(second), str(second.stat().st_size)]
    assert proc.wait(timeout=30) == 0


def test_compressed_answers_are_stored_decoded(edgar, tmp_path):
    s = SAMPLES[4]
    edgar.add(s.path, s.body, ("gzip",))
    assert fetch(edgar, tmp_path, cik_acc(s)).exit_code == 0
    stored = (tmp_path / str(s.cik) / f"{s.accession}.txt").read_bytes()
    assert stored == s.body and not stored.startswith(gzip.compress(b"")[:2])
