"""The one way eightk talks HTTP: an httpx client with EDGAR's manners.

- Every request carries the declared User-Agent and ``Accept-Encoding: gzip``.
- One ``Pacer`` spaces every request of the run (all workers, retries and index
  look-ups included) at least ``SPACING / rate`` seconds apart, so no window of
  one second ever holds more than ``rate`` request starts.
- 429 and 5xx answers and dropped connections are retried with exponential
  backoff; a ``Retry-After`` is honoured, and after a 429 every worker waits.
- A download goes to a hidden temporary name beside its destination and is
  renamed only once it is known to be whole: the HTTP framing (Content-Length or
  chunked) was satisfied, gzip data decompressed to its end, and a body that
  only the closing of the connection delimited ends like a submission does.
"""

from __future__ import annotations

import email.utils
import os
import random
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from .edgar import looks_complete_submission

# 5% under the limit: request times measured at a server jitter by a few
# milliseconds, and the SEC counts at its end.
SPACING = 1.05
MAX_RATE = 10.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The SEC's page for undeclared tools and for rate-limit blocks comes as a 403;
# going on would only prolong the block.
BLOCKED_MARKERS = (b"Undeclared Automated Tool", b"Request Rate Threshold Exceeded")


class Cancelled(Exception):
    """The run was interrupted (Ctrl-C)."""


class FetchError(Exception):
    """A request that did not give what was asked, after the retries it deserved."""

    def __init__(self, reason: str, status: int | None = None, *, fatal: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.fatal = fatal  # the whole run should stop (EDGAR has blocked us)


class Pacer:
    """Spaces request starts at least ``interval`` apart, across threads.

    Each caller reserves the next free slot and sleeps until it; on waking it
    starts only if the last start (as it really happened, not as scheduled) is
    ``interval`` behind, so a thread that woke late cannot bunch up with the
    next one. A pause (after a 429) holds every caller until it ends."""

    def __init__(self, rate: float, cancel: threading.Event) -> None:
        self.interval = SPACING / rate
        self.cancel = cancel
        self._lock = threading.Lock()
        self._next = 0.0  # the next free slot
        self._last = float("-inf")  # when the last request really started
        self._paused_until = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next, self._last + self.interval, self._paused_until)
            self._next = slot + self.interval
        while True:
            if slot > now and self.cancel.wait(slot - now):
                raise Cancelled
            if self.cancel.is_set():
                raise Cancelled
            with self._lock:
                now = time.monotonic()
                if self._paused_until > slot:  # a 429 came meanwhile: queue behind the pause
                    slot = max(self._next, self._paused_until)
                    self._next = slot + self.interval
                    continue
                ready = max(slot, self._last + self.interval)
                if now >= ready:
                    self._last = now
                    self._next = max(self._next, now + self.interval)
                    return
                slot = ready  # woke early, or a late starter went just before: wait the rest

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)


@dataclass
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes = b""
    size: int = 0  # bytes written, for downloads

    @property
    def framed(self) -> bool:
        """Whether the HTTP framing (a length, or chunks) vouches that the body is
        whole; a body ended only by the connection closing could be cut short."""
        return framed(self.headers)


def framed(headers: httpx.Headers) -> bool:
    return "content-length" in headers or \
        "chunked" in headers.get("transfer-encoding", "").lower()


@dataclass
class Settings:
    user_agent: str
    rate: float = MAX_RATE
    retries: int = 5
    backoff: float = 1.0  # first wait before a retry; doubles each time
    max_wait: float = 900.0  # longest Retry-After honoured
    timeout: float = 60.0
    connections: int = 4
    on_wait: Callable[[str], None] | None = None  # told why the run is waiting
    cancel: threading.Event = field(default_factory=threading.Event)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _GzipCheck:
    """Follows a gzip stream as it arrives; whole only if every member ended."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj(wbits=31)
        self.broken = False

    def feed(self, data: bytes) -> None:
        while data and not self.broken:
            try:
                self._d.decompress(data)
            except zlib.error:
                self.broken = True
                return
            if not self._d.eof:
                return
            data = self._d.unused_data
            if data and not data.startswith(b"\x1f\x8b"):
                return  # trailing padding after a complete member: gzip ignores it too
            if data:
                self._d = zlib.decompressobj(wbits=31)

    def whole(self) -> bool:
        return not self.broken and self._d.eof


class Http:
    """An httpx client with pacing, retries and whole-or-nothing downloads."""

    def __init__(self, settings: Settings) -> None:
        if not 0 < settings.rate <= MAX_RATE:
            raise ValueError(f"rate must be above 0 and at most {MAX_RATE:g} requests a second")
        self.settings = settings
        self.cancel = settings.cancel
        self.pacer = Pacer(settings.rate, settings.cancel)
        self.requests = 0
        self._count_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 15.0)),
            limits=httpx.Limits(max_connections=settings.connections,
                                max_keepalive_connections=settings.connections),
            follow_redirects=True,
            trust_env=False,  # only the URLs given: no proxy picked up from the environment
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the retry loop ------------------------------------------------------------

    def _sleep(self, seconds: float) -> None:
        if self.cancel.wait(seconds):
            raise Cancelled

    def _backoff(self, attempt: int) -> float:
        base = self.settings.backoff * (2**attempt)
        return min(base, 60.0) * (0.75 + random.random() / 2)  # jitter spreads the workers

    def _tell(self, message: str) -> None:
        if self.settings.on_wait is not None:
            self.settings.on_wait(message)

    def request(self, url: str, *, headers: dict[str, str] | None = None,
                sink: Callable[[httpx.Response], int] | None = None) -> Answer:
        """GET ``url``. A 200 with a ``sink`` is streamed to it (it returns the byte
        count and raises FetchError for an incomplete body); other answers are
        read whole (capped) and returned for the caller to judge. 429, 5xx and
        transport errors are retried; FetchError when the retries run out."""
        attempts = self.settings.retries + 1
        last = ""
        for attempt in range(attempts):
            self.pacer.wait()
            with self._count_lock:
                self.requests += 1
            wait: float | None = None
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status in RETRY_STATUSES:
                        asked = retry_after(response.headers.get("Retry-After"))
                        last = f"HTTP {status} {response.reason_phrase}".strip()
                        wait = min(asked, self.settings.max_wait) if asked is not None else None
                        if status == 429:
                            wait = wait if wait is not None else max(self._backoff(attempt), 10.0)
                            self.pacer.pause(wait)  # everyone waits, not only this worker
                            self._tell(f"EDGAR answered 429 (too many requests); all requests "
                                       f"wait {wait:.0f} s")
                    elif status == 200 and sink is not None:
                        size = sink(response)
                        return Answer(status, response.headers, size=size)
                    else:
                        body = self._read_capped(response, 1 << 20 if status == 200 else 65536)
                        if status == 403 and any(m in body for m in BLOCKED_MARKERS):
                            raise FetchError(
                                "EDGAR refused the request as coming from an undeclared or "
                                "too fast automated tool (HTTP 403); check the User-Agent and "
                                "wait ten minutes before trying again", 403, fatal=True)
                        return Answer(status, response.headers, body)
            except (httpx.TransportError, _Incomplete) as error:
                last = _describe(error)
            if attempt + 1 < attempts:
                self._sleep(wait if wait is not None else self._backoff(attempt))
        raise FetchError(f"{last} (after {attempts} attempts)")

    def _read_capped(self, response: httpx.Response, cap: int) -> bytes:
        parts, size = [], 0
        for chunk in response.iter_bytes():
            if self.cancel.is_set():
                raise Cancelled
            parts.append(chunk)
            size += len(chunk)
            if size > cap and response.status_code != 200:
                break
        return b"".join(parts)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Answer:
        """A small document (an index, a JSON list), read into memory."""
        return self.request(url, headers=headers)

    # -- downloads -------------------------------------------------------------

    def download(self, url: str, dest: Path, *, on_bytes: Callable[[int], None] | None = None,
                 kind: str = "submission") -> int:
        """``url`` into ``dest``, whole or not at all. Returns the bytes written;
        FetchError when EDGAR has no such file or it never arrived whole."""
        part = dest.with_name(f".{dest.name}.part")

        def sink(response: httpx.Response) -> int:
            gz = _GzipCheck() if dest.name.endswith(".gz") else None
            size, tail = 0, b""
            # The folder is made only for a file that is coming: a failure leaves none.
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "wb") as out:
                for chunk in response.iter_bytes():
                    if self.cancel.is_set():
                        raise Cancelled
                    out.write(chunk)
                    size += len(chunk)
                    tail = (tail + chunk)[-4096:]
                    if gz is not None:
                        gz.feed(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
                out.flush()
                os.fsync(out.fileno())
            if size == 0:
                raise _Incomplete("the answer was empty")
            if gz is not None and not gz.whole():
                raise _Incomplete("the gzip data ends before its end (a cut download)")
            if not framed(response.headers) and kind == "submission" \
                    and not looks_complete_submission(tail):
                raise _Incomplete("the body ends before </SEC-DOCUMENT> (a cut download)")
            return size

        try:
            answer = self.request(url, sink=sink)
        except OSError as error:  # the disk, not the network: this file fails, the run goes on
            part.unlink(missing_ok=True)
            raise FetchError(f"cannot write {part}: {error.strerror or error}") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        if answer.status != 200:
            part.unlink(missing_ok=True)
            raise FetchError(f"HTTP {answer.status} {_phrase(answer.status)}".strip(),
                             answer.status)
        if self.cancel.is_set():
            part.unlink(missing_ok=True)
            raise Cancelled
        try:
            os.replace(part, dest)  # the only way a file gets its final name
        except OSError as error:
            part.unlink(missing_ok=True)
            raise FetchError(f"cannot write {dest}: {error.strerror or error}") from None
        return answer.size


class _Incomplete(Exception):
    pass


def _describe(error: BaseException) -> str:
    if isinstance(error, _Incomplete):
        return str(error)
    if isinstance(error, httpx.TimeoutException):
        return f"timed out ({type(error).__name__})"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({error})"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"connection dropped ({error})"
    return f"{type(error).__name__}: {error}"


def _phrase(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def utc_now() -> datetime:
    return datetime.now(UTC)
