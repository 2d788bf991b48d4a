"""What a user installs: the wheel, in a fresh virtual environment, running every
command and Python example of the README from a folder outside the source tree.

The wheel is built from a clean copy of the repository and installed with all
its extras (``pip install 'eightk-*.whl[all]'``, from the package index this
machine is configured with); the work folder holds a copy of the bundled samples
and the files the README's commands name (``./filings``, a feed archive...), and
nothing importable. README commands are read from its code blocks
(tests/readme_commands.py), so a command added there is run here, and each must
have a check of what it made in ``_verify``.

``eightk fetch`` runs as written but for ``--base-url``, which points it at a local
EDGAR (tests/fake_edgar.py) that answers the README's CIK, ticker, accession,
quarter and feed days with the project's own samples (fictional filers); the
README's ``export EIGHTK_USER_AGENT=...`` is set as a reader would have it, and the
server checks every request carried it.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from fake_edgar import SAMPLES, FakeEdgar, feed_archive, master_index, serve_samples, submissions
from readme_commands import commands, exports, missing, python_examples
from test_packaging import _clean_copy, _fresh_venv, _run

# What stands in for the network in README lines, and must be used: the feed
# archive the curl line downloads is a local file; fetch asks the local EDGAR.
SUBSTITUTE = {r"curl -s \.\.\./(\S+)": r"cat \1",
              r"\beightk fetch ": "eightk fetch --base-url {edgar} "}

FEED = [
    "tagged-2024-sub.nc", "text-2006-sub.txt", "text-2007-8k15d5-sub.txt",
    "text-2009-coregistrant-sub.txt", "html-2021-8ka-sub.txt", "ixbrl-2019-8k12b-sub.txt",
]


def _samples() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix not in (".tsv", ".md"))


def _prepare(work: Path) -> None:
    """The files the README's commands read, made from the project's samples."""
    shutil.copytree(CORPUS, work / "corpus")
    for folder in ("filings", "big"):
        (work / folder).mkdir()
        for path in _samples():
            shutil.copy2(path, work / folder / path.name)
    (work / "paths.txt").write_text(
        "".join(f"corpus/{p.name}\n" for p in _samples() if p.suffix == ".txt"))
    with tarfile.open(work / "20240603.nc.tar.gz", "w:gz") as archive:
        for name in FEED:
            archive.add(CORPUS / name, arcname=f"20240603/{Path(name).stem}.nc")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the wheel and its extras, the work folder)."""
    tmp = tmp_path_factory.mktemp("installed")
    src = _clean_copy(tmp / "src")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp / "dist"),
                  str(src)], cwd=tmp)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp / "dist").glob("eightk-*.whl")
    bin_dir = _fresh_venv(tmp / "venv")
    done = _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                 f"{wheel}[all]"], cwd=tmp)
    assert done.returncode == 0, done.stderr[-3000:]
    work = tmp / "work"
    work.mkdir()
    _prepare(work)
    return bin_dir, work


# ---------------------------------------------------------------- the README's EDGAR

README_CIK, README_TICKER = 320193, "AAPL"
README_ACCESSION = "0000320193-24-000123"
# the company's 8-Ks the local EDGAR lists (accession, filed, sample served)
COMPANY = [(README_ACCESSION, "2024-05-02", SAMPLES[5]),
           ("0000320193-23-000077", "2023-08-03", SAMPLES[4]),
           ("0000320193-19-000004", "2019-01-02", SAMPLES[0])]
QUARTER = SAMPLES[1:4]  # the every-filer index of 2024 Q2
FEED_DAYS = [f"202406{day:02d}" for day in range(3, 8)]


def _company_path(accession: str) -> str:
    return (f"/Archives/edgar/data/{README_CIK}/{accession.replace('-', '')}/"
            f"{accession}.txt")


def _serve_readme(edgar: FakeEdgar) -> None:
    """What the README's fetch commands ask for."""
    serve_samples(edgar)
    for accession, _, sample in COMPANY:
        edgar.add(_company_path(accession), sample.body)
    edgar.add("/files/company_tickers.json", json.dumps(
        {"0": {"cik_str": README_CIK, "ticker": README_TICKER, "title": "Fictional"}}).encode())
    edgar.add(f"/submissions/CIK{README_CIK:010d}.json", submissions(
        README_CIK, [(a, "8-K", filed) for a, filed, _ in COMPANY]
        + [("0000320193-24-000070", "10-Q", "2024-05-03")]))
    edgar.add("/Archives/edgar/full-index/2024/QTR2/master.idx", master_index(
        [(s.cik, "FICTIONAL", s.form, f"2024-05-{10 + n:02d}", s.accession)
         for n, s in enumerate(QUARTER)]
        + [(SAMPLES[0].cik, "FICTIONAL", "10-K", "2024-05-20", "0009945678-24-000002")]))
    for day in FEED_DAYS:
        edgar.add(f"/Archives/edgar/Feed/2024/QTR2/{day}.nc.tar.gz", _feed(day))


@functools.cache
def _feed(day: str) -> bytes:
    """A day's feed archive, made once (gzip stamps the time it was written)."""
    nc = (CORPUS / "tagged-2024-sub.nc").read_bytes()
    return feed_archive({f"{day}/0009967890-24-{day[-2:]}0031.nc": nc})


@pytest.fixture(scope="module")
def edgar():
    with FakeEdgar() as server:
        _serve_readme(server)
        yield server


def _shell(command: str, bin_dir: Path, work: Path, stdin: bytes | None = None):
    import os

    env = dict(os.environ)
    env.update(exports())  # the README's export lines (fetch's User-Agent)
    for name in ("EIGHTK_BASE_URL", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(name, None)  # only --base-url says where EDGAR is
    env.pop("PYTHONPATH", None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    env["COLUMNS"] = "100"
    return subprocess.run(["bash", "-c", command], cwd=work, env=env, input=stdin,
                          capture_output=True, timeout=600)


def _substituted(command: str, edgar: str = "http://127.0.0.1:9") -> str:
    for pattern, replacement in SUBSTITUTE.items():
        command = re.sub(pattern, replacement.replace("{edgar}", edgar), command)
    return command


def test_readme_shows_every_command_it_must():
    assert missing(commands()) == []


def test_substitutions_are_all_used():
    for pattern in SUBSTITUTE:
        assert any(re.search(pattern, command) for command in commands()), pattern


def test_readme_sets_the_user_agent_fetch_needs():
    agent = exports().get("EIGHTK_USER_AGENT", "")
    assert re.search(r"\S+@\S+\.\w+", agent), agent


def _json_lines(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _target(command: str, work: Path) -> Path:
    return work / re.search(r" -o (\S+)", command).group(1)


def _verify_fetch(command: str, out: str, work: Path) -> None:
    """What each README fetch command must have written (the paths it printed too)."""
    printed = {Path(line) for line in out.splitlines() if line.strip()}
    target = _target(command, work)
    if "--feed" in command:
        wanted = {target / f"{day}.nc.tar.gz": _feed(day) for day in FEED_DAYS}
    elif "--ticker" in command:  # since 2020: the company's 8-Ks of 2023 and 2024
        wanted = {target / str(README_CIK) / f"{a}.txt": sample.body
                  for a, filed, sample in COMPANY if filed >= "2020-01-01"}
    elif "--since" in command:
        wanted = {target / str(s.cik) / f"{s.accession}.txt": s.body for s in QUARTER}
    else:
        wanted = {target / str(README_CIK) / f"{README_ACCESSION}.txt": COMPANY[0][2].body}
    for path, body in wanted.items():
        assert path.read_bytes() == body, path
    assert {(work / p).resolve() for p in printed} == {p.resolve() for p in wanted}, out


def _verify(command: str, out: str, work: Path) -> None:
    """What each kind of README command must have produced."""
    if command.startswith("eightk fetch ") and "| eightk extract @-" in command:
        # every 8-K of the company fetched (or found present) and extracted as it came
        rows = _json_lines(_target(command.split("|")[1], work).read_text())
        fetched = sorted(r["accession_number"] for r in rows)
        assert fetched == sorted(s.accession for _, _, s in COMPANY)
    elif command.startswith("eightk fetch "):
        _verify_fetch(command, out, work)
    elif command.startswith("eightk report "):
        page = _target(command, work).read_text()
        assert page.startswith("<!DOCTYPE html>") and "eightk report" in page
        assert '<li class="dx ' in page  # the README's sample has a diagnostic to list
    elif command.startswith("eightk parse ") and ">" not in command:
        assert json.loads(out)["items"], command
    elif command.startswith("eightk parse ") and "> filings.jsonl" in command:
        rows = _json_lines((work / "filings.jsonl").read_text())
        assert len(rows) == len(list((work / "corpus" / "malformed").glob("*.*")))
    elif command.startswith("eightk check ") and "> report.txt" in command:
        lines = (work / "report.txt").read_text().splitlines()
        assert lines and all(re.match(r"^\S+:\d+:\d+: (error|warning|info)\[[A-Z]\d{3}\]: ", line)
                             for line in lines)
    elif command.startswith("eightk check --format json "):
        assert isinstance(json.loads(out), list) and json.loads(out)
    elif command.startswith("eightk check --format json-lines"):
        assert all("I401" in json.dumps(row) for row in _json_lines(out)) and out
    elif command.startswith("eightk check --format sarif"):
        target = re.search(r"--output-file (\S+)", command)
        sarif = json.loads((work / target.group(1)).read_text() if target else out)
        assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    elif command.startswith("eightk check --format github"):
        assert out.startswith("::") and "rendered line" in out
    elif command.startswith("eightk check --statistics"):
        assert all(re.match(r"^\s*\d+\s+[A-Z]\d{3}\s+\w+\s+[\w-]+$", line)
                   for line in out.splitlines()) and out
    elif command.startswith("eightk check "):
        assert "-->" in out
    elif command.startswith("eightk show --source"):
        assert "│" in out and "rendered line" in out
    elif command.startswith("eightk show "):
        assert "cover page" in out and "Items" in out
    elif command.startswith("eightk explain "):
        assert "Example:" in out
    elif command.startswith("eightk rules --format json"):
        assert len(json.loads((work / "rules.json").read_text())) > 40
    elif command.startswith("eightk schema"):
        assert "$schema" in json.loads((work / "eightk.schema.json").read_text())
    elif "| eightk extract -" in command and " -o " not in command:
        assert any(row for row in _json_lines(out))
    elif command.startswith("eightk extract ") and " -o " in command:
        target = work / re.search(r" -o (\S+)", command).group(1)
        assert target.exists() and (target.stat().st_size > 0 or any(target.iterdir()))
    elif command.startswith("eightk stats ") and "--plot" in command:
        png = work / re.search(r"--plot (\S+)", command).group(1)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif command.startswith("eightk stats "):
        assert out.strip()
    else:
        raise AssertionError("no check of what this README command makes: add one to _verify")


def test_every_readme_command_runs_from_the_installed_wheel(installed, edgar):
    bin_dir, work = installed
    failures = []
    for command in commands():
        done = _shell(_substituted(command, edgar.url), bin_dir, work)
        out, err = done.stdout.decode(), done.stderr.decode()
        allowed = {0, 1} if command.startswith("eightk check") else {0}
        if done.returncode not in allowed or "Traceback" in err:
            failures.append(f"{command}: exit {done.returncode}\n{err[-1500:]}")
            continue
        try:
            _verify(command, out, work)
        except Exception as error:  # noqa: BLE001 - collect every failing command
            failures.append(f"{command}: {type(error).__name__} {error}\n{out[-800:]}")
    assert not failures, "\n\n".join(failures)
    # fetch asked the local EDGAR only, always as the README's User-Agent
    agent = exports()["EIGHTK_USER_AGENT"]
    assert edgar.seen and all(s.headers.get("User-Agent") == agent for s in edgar.seen)
    assert _company_path(README_ACCESSION) in edgar.paths()
    # --resume again: nothing is added, nothing lost
    resume = next(c for c in commands() if "--resume" in c)
    target = work / re.search(r" -o (\S+)", resume).group(1)
    before = target.read_text()
    again = _shell(resume, bin_dir, work)
    assert again.returncode == 0, again.stderr.decode()[-1500:]
    assert target.read_text() == before


def test_readme_python_examples_run_installed(installed):
    bin_dir, work = installed
    outputs = []
    for n, code in enumerate(python_examples()):
        script = work / f"example_{n}.py"
        script.write_text(code)
        done = _shell(f"python {script.name}", bin_dir, work)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        outputs.append(done.stdout.decode())
    assert "TAMARACK OUTDOOR PRODUCTS CORP." in outputs[0] and "K507" in outputs[0]
    assert "parse_text" in outputs[1]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "duckdb"])
def test_extract_every_format_from_a_folder_an_archive_and_stdin(installed, fmt):
    bin_dir, work = installed
    suffix = {"parquet": ".parquet/"}.get(fmt, f".{fmt}")
    runs = {
        "folder": f"eightk extract filings -o m-folder{suffix}",
        "archive": f"eightk extract 20240603.nc.tar.gz -o m-archive{suffix}",
        "stdin": f"cat 20240603.nc.tar.gz | eightk extract - -o m-stdin{suffix}",
    }
    for kind, command in runs.items():
        done = _shell(command, bin_dir, work)
        assert done.returncode == 0, (command, done.stderr.decode()[-1500:])
        target = work / f"m-{kind}{suffix.rstrip('/')}"
        assert target.exists(), command
        stats = _shell(f"eightk stats {target.name}{'/' if fmt == 'parquet' else ''}",
                       bin_dir, work)
        assert stats.returncode == 0 and stats.stdout.strip(), (command, stats.stderr)
    # the archive read from a file and from stdin gives the same filings
    if fmt == "jsonl":
        a = (work / "m-archive.jsonl").read_text()
        b = (work / "m-stdin.jsonl").read_text()
        # the key names the input document: the member of the archive, wherever
        # the archive came from ("20240603.nc.tar.gz!..." or "-.tar.gz!...")
        def members(text: str) -> list[tuple[str, str | None]]:
            return [(row["key"].split("!", 1)[1], row.get("accession_number"))
                    for row in _json_lines(text)]

        assert members(a) and members(a) == members(b)
        assert len(members(a)) == len(FEED)


def test_the_installed_command_is_the_installed_library(installed):
    bin_dir, work = installed
    done = _shell("python -c 'import eightk, sys; print(eightk.__file__)'", bin_dir, work)
    assert done.returncode == 0, done.stderr.decode()
    location = Path(done.stdout.decode().strip())
    assert str(bin_dir.parent) in str(location) and str(ROOT) not in str(location)


def test_the_installed_package_keeps_its_parsers_in_the_cache_folder(installed, tmp_path):
    """The wheel's grammars (package data) build parsers that are stored, then read
    back (not built again), with the same output; a damaged folder is built over,
    silently."""
    bin_dir, work = installed
    cache = tmp_path / "cache"
    command = f"EIGHTK_CACHE_DIR={cache} eightk check --format json corpus/text-2006-sub.txt"
    runs = [_shell(command, bin_dir, work)]
    stored = sorted((cache / "parsers").iterdir())
    assert len(stored) >= 6, [p.name for p in stored]
    written = [p.stat().st_mtime_ns for p in stored]
    runs.append(_shell(command, bin_dir, work))
    assert [p.stat().st_mtime_ns for p in stored] == written  # read, not built and written
    for path in stored:
        path.write_bytes(b"damaged")
    runs.append(_shell(command, bin_dir, work))
    assert runs[0].stdout.strip()
    for run in runs:
        assert (run.returncode, run.stdout, run.stderr) == (runs[0].returncode, runs[0].stdout,
                                                            b"")
