"""A small EDGAR for the fetch tests: http.server in a thread on 127.0.0.1,
EDGAR's path layout, payloads from the project's own corpus (fictional filers).

Each path has a body and, optionally, a script: one action per request, in
order, after which the body is served plainly. Every request is recorded with
its arrival time (monotonic, taken at the server) and its headers.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import CORPUS


@dataclass
class Seen:
    at: float
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    body: bytes
    script: list[tuple] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


class FakeEdgar:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeEdgar:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, path: str, body: bytes, *script: tuple, **headers: str) -> None:
        self.routes[path] = Route(body, list(script), {k.replace("_", "-"): v
                                                       for k, v in headers.items()})

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


def _handler(edgar: FakeEdgar):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            with edgar.lock:
                edgar.seen.append(Seen(time.monotonic(), self.path, dict(self.headers)))
                route = edgar.routes.get(self.path)
                action = route.script.pop(0) if route and route.script else ("ok",)
            if route is None:
                return self._send(404, b"<html>Not Found</html>")
            kind = action[0]
            body = route.body
            if kind == "ok":
                return self._send(200, body, route.headers)
            if kind == "status":  # ("status", code, {headers}, body)
                return self._send(action[1], action[3] if len(action) > 3 else b"",
                                  action[2] if len(action) > 2 else {})
            if kind == "drop":  # the connection closes with no answer
                self.close_connection = True
                return None
            if kind == "cut":  # Content-Length promises all, the connection closes early
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: action[1]])
                self.wfile.flush()
                self.close_connection = True
                return None
            if kind == "close":  # no length, no chunks: the close ends the body
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: action[1]] if len(action) > 1 else body)
                self.wfile.flush()
                self.close_connection = True
                return None
            if kind == "slow":  # ("slow", bytes per step, seconds per step)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for at in range(0, len(body), action[1]):
                        self.wfile.write(body[at : at + action[1]])
                        self.wfile.flush()
                        time.sleep(action[2])
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return None
            if kind == "gzip":  # compressed on the way when the client accepts it
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    return self._send(200, gzip.compress(body), {"Content-Encoding": "gzip"})
                return self._send(200, body)
            if kind == "304-if-asked":
                if self.headers.get("If-Modified-Since") or self.headers.get("If-None-Match"):
                    return self._send(304, b"")
                return self._send(200, body, route.headers)
            raise AssertionError(f"unknown action {action}")

        def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    return Handler


# -- fixtures: the project's own sample submissions (fictional filers) ----------


@dataclass(frozen=True)
class Sample:
    cik: int
    accession: str
    form: str
    filed: str  # YYYY-MM-DD
    body: bytes

    @property
    def path(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession.replace('-', '')}/" \
               f"{self.accession}.txt"

    @property
    def flat_path(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession}.txt"


def sample(name: str) -> Sample:
    body = (CORPUS / name).read_bytes()
    text = body.decode("latin-1")

    def field_(pattern: str) -> str:
        match = re.search(pattern, text)
        assert match, (name, pattern)
        return match.group(1).strip()

    filed = field_(r"FILED AS OF DATE:\s*(\d{8})")
    return Sample(int(field_(r"CENTRAL INDEX KEY:\s*(\d+)")),
                  field_(r"ACCESSION NUMBER:\s*(\S+)"),
                  field_(r"CONFORMED SUBMISSION TYPE:\s*(\S+)"),
                  f"{filed[:4]}-{filed[4:6]}-{filed[6:]}", body)


SAMPLES = [sample(n) for n in (
    "text-2006-sub.txt", "text-2007-8k15d5-sub.txt", "text-2008-8k12g3-sub.txt",
    "text-2009-coregistrant-sub.txt", "html-2021-8ka-sub.txt", "ixbrl-2019-8k12b-sub.txt",
    "text-1998-pem-sub.txt", "text-2000-stray-tags-sub.txt",
)]


def master_index(rows: list[tuple[int, str, str, str, str]], daily: bool = False) -> bytes:
    """A master.idx: EDGAR's header, the column line, dashes, then the rows
    (cik, company, form, date YYYY-MM-DD, accession)."""
    head = ("Description:           Master Index of EDGAR Dissemination Feed\n"
            "Last Data Received:    June 30, 2006\n"
            "Comments:              webmaster@sec.gov\n"
            "Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n\n\n\n"
            "CIK|Company Name|Form Type|Date Filed|Filename\n" + "-" * 80 + "\n")
    lines = [f"{cik}|{company}|{form}|{filed.replace('-', '') if daily else filed}|"
             f"edgar/data/{cik}/{acc}.txt" for cik, company, form, filed, acc in rows]
    return (head + "\n".join(lines) + "\n").encode("latin-1")


def submissions(cik: int, filings: list[tuple[str, str, str]], pages: list[dict] | None = None,
                top: bool = True) -> bytes:
    """A data.sec.gov submissions document (top) or one of its older pages, from
    (accession, form, filed) rows."""
    block = {"accessionNumber": [a for a, _, _ in filings], "form": [f for _, f, _ in filings],
             "filingDate": [d for _, _, d in filings],
             "primaryDocument": ["d.htm" for _ in filings]}
    if not top:
        return json.dumps(block).encode()
    return json.dumps({"cik": str(cik), "name": "FICTIONAL CO", "tickers": [],
                       "filings": {"recent": block, "files": pages or []}}).encode()


def feed_archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def serve_samples(edgar: FakeEdgar, samples: list[Sample] = SAMPLES) -> None:
    for s in samples:
        edgar.add(s.path, s.body)
        edgar.add(s.flat_path, s.body)


def read(path: Path) -> bytes:
    return path.read_bytes()
