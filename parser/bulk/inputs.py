"""Where filings come from in bulk: files, folders, globs, lists, stdin, archives.

``members(inputs)`` yields one ``Member`` per filing, in a deterministic order,
reading archives as streams (nothing is unpacked to disk): ``.gz``, ``.zip``,
``.tar``, ``.tar.gz`` (EDGAR's daily feed archives ``YYYYMMDD.nc.tar.gz`` among
them). A member that cannot be read becomes a ``Member`` with ``error`` set,
never an exception, so a batch run records it and goes on.

Archives are hostile input: a member larger than ``limit`` bytes uncompressed
(a zip bomb) is refused after reading at most ``limit + 1`` bytes; links,
devices and absolute or ``..`` paths inside a tar are skipped and reported.
Since nothing is ever written from an archive, no path can escape anywhere.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..envelope.documents import is_8k_form

DEFAULT_LIMIT = 256 * 1024 * 1024  # largest filing read, uncompressed
FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".sgml", ".xml", ".xhtml", ".pc")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".gz")


class Member(NamedTuple):
    """One filing to parse: its name (``archive!member`` inside archives), its
    bytes, or the reason it could not be read (``error``, a rule name and text).

    A plain file may come *unread* (``path`` set, ``data`` None): whoever parses
    it reads it (``load``), so worker processes read their own files instead of
    the main process piping every byte to them."""

    name: str
    data: bytes | None
    error: tuple[str, str] | None = None
    path: str | None = None
    limit: int = DEFAULT_LIMIT

    def load(self) -> Member:
        """The member with its bytes read (or its error set)."""
        if self.path is None or self.data is not None or self.error is not None:
            return self
        try:
            with open(self.path, "rb") as stream:
                data = _read_capped(stream, self.limit)
        except OSError as error:
            return Member(self.name, None, ("unreadable-input",
                                            f"cannot read {self.path}: {error.strerror or error}"))
        return _too_large(self.name, self.limit) if data is None else Member(self.name, data)


def _is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def _read_capped(stream, limit: int) -> bytes | None:
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _too_large(name: str, limit: int) -> Member:
    return Member(name, None, ("member-too-large",
                               f"{name} is larger than {limit:,} bytes uncompressed; not read"))


def _header_says_8k(head: bytes) -> bool | None:
    """The submission type from the first few KB of a feed file (None: unknown)."""
    text = head[:16384].decode("latin-1")
    for marker in ("CONFORMED SUBMISSION TYPE:", "<TYPE>"):
        at = text.find(marker)
        if at != -1:
            end = text.find("\n", at)
            value = text[at + len(marker) : end if end != -1 else None].strip()
            return is_8k_form(value.split("\r")[0].strip())
    return None


def _tar_members(name: str, fileobj, limit: int, only_8k: bool) -> Iterator[Member]:
    try:
        archive = tarfile.open(fileobj=fileobj, mode="r|*")  # noqa: SIM115 (the caller owns the file)
    except (tarfile.TarError, OSError, EOFError) as error:
        yield Member(name, None, ("archive-error", f"{name}: not a readable archive ({error})"))
        return
    try:
        for info in archive:
            member = f"{name}!{info.name}"
            if info.isdir():
                continue
            if not info.isfile():
                yield Member(member, None, ("unsafe-archive-member",
                                           f"{member} is a link or device; skipped"))
                continue
            parts = Path(info.name).parts
            if info.name.startswith("/") or ".." in parts:
                yield Member(member, None, ("unsafe-archive-member",
                                            f"{member} has an absolute or '..' path; skipped"))
                continue
            if info.size > limit:
                yield _too_large(member, limit)
                continue
            stream = archive.extractfile(info)
            if stream is None:
                continue
            if _is_archive(info.name):
                yield from _archive_members(member, stream, limit, only_8k)
                continue
            if not info.name.lower().endswith(FILING_SUFFIXES):
                continue
            if only_8k:
                head = stream.read(16384)
                if _header_says_8k(head) is False:
                    continue  # another form in a feed archive: skipped before parsing
                data = head + stream.read(limit + 1 - len(head))
            else:
                data = stream.read(limit + 1)
            if len(data) > limit:
                yield _too_large(member, limit)
                continue
            yield Member(member, data)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        yield Member(name, None, ("archive-error", f"{name}: archive is damaged ({error})"))


def _zip_members(name: str, fileobj, limit: int, only_8k: bool) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError) as error:
        yield Member(name, None, ("archive-error", f"{name}: not a readable zip ({error})"))
        return
    for info in archive.infolist():
        member = f"{name}!{info.filename}"
        if info.is_dir():
            continue
        if info.filename.startswith("/") or ".." in Path(info.filename).parts:
            yield Member(member, None, ("unsafe-archive-member",
                                        f"{member} has an absolute or '..' path; skipped"))
            continue
        if info.file_size > limit:
            yield _too_large(member, limit)
            continue
        try:
            with archive.open(info) as stream:
                if _is_archive(info.filename):
                    yield from _archive_members(member, io.BytesIO(stream.read(limit + 1)),
                                                limit, only_8k)
                    continue
                if not info.filename.lower().endswith(FILING_SUFFIXES):
                    continue
                data = _read_capped(stream, limit)  # the header's size may lie
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError,
                RuntimeError) as error:
            yield Member(member, None, ("archive-error", f"{member}: damaged member ({error})"))
            continue
        if data is None:
            yield _too_large(member, limit)
            continue
        if only_8k and _header_says_8k(data) is False:
            continue
        yield Member(member, data)


def _archive_members(name: str, fileobj, limit: int, only_8k: bool) -> Iterator[Member]:
    lower = name.lower()
    if lower.endswith(".zip"):
        yield from _zip_members(name, fileobj, limit, only_8k)
    elif lower.endswith((".tar", ".tar.gz", ".tgz")):
        yield from _tar_members(name, fileobj, limit, only_8k)
    elif lower.endswith(".gz"):
        try:
            data = _read_capped(gzip.GzipFile(fileobj=fileobj), limit)
        except (OSError, EOFError, zlib.error) as error:
            yield Member(name, None, ("archive-error", f"{name}: damaged gzip ({error})"))
            return
        if data is None:
            yield _too_large(name, limit)
        else:
            yield Member(name[:-3], data)


def _expand(inputs: Iterable[str]) -> Iterator[str]:
    """Paths from the arguments: globs expanded, folders walked, @lists read."""
    for item in inputs:
        if item == "-":
            yield item
        elif item == "@-":  # paths on stdin, taken as they come (eightk fetch ... | extract @-)
            yield from _expand(line.strip() for line in sys.stdin
                               if line.strip() and not line.startswith("#"))
        elif item.startswith("@"):
            try:
                lines = Path(item[1:]).read_text().splitlines()
            except OSError as error:
                yield f"\0{item[1:]}\0{error.strerror or error}"
                continue
            yield from _expand(line.strip() for line in lines
                               if line.strip() and not line.startswith("#"))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            yield from _expand(matches) if matches else iter([item])
        elif os.path.isdir(item):
            for root, dirs, names in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for entry in sorted(names):
                    lower = entry.lower()
                    if not entry.startswith(".") and lower.endswith(
                        FILING_SUFFIXES + ARCHIVE_SUFFIXES
                    ):
                        yield os.path.join(root, entry)
        else:
            yield item


def members(
    inputs: Iterable[str], *, limit: int = DEFAULT_LIMIT, only_8k: bool = True,
    lazy: bool = False,
) -> Iterator[Member]:
    """Every filing of ``inputs``, in order; see the module docstring. With
    ``lazy``, plain files come unread (call ``Member.load``)."""
    for path in _expand(inputs):
        if path.startswith("\0"):
            _, name, reason = path.split("\0")
            yield Member(name, None, ("unreadable-input", f"cannot read list {name}: {reason}"))
            continue
        if path == "-":
            yield from _stdin(limit, only_8k)
            continue
        if _is_archive(path):
            try:
                with open(path, "rb") as stream:
                    yield from _archive_members(path, stream, limit, only_8k)
            except OSError as error:
                yield Member(path, None, ("unreadable-input",
                                          f"cannot read {path}: {error.strerror or error}"))
            continue
        member = Member(path, None, path=path, limit=limit)
        yield member if lazy else member.load()


def _stdin(limit: int, only_8k: bool) -> Iterator[Member]:
    """Standard input: one filing, or an archive (``curl .../20240603.nc.tar.gz | eightk
    extract -``). Read whole (up to the limit), since a pipe cannot be rewound."""
    data = _read_capped(sys.stdin.buffer, limit)
    if data is None:
        yield _too_large("-", limit)
        return
    if data.startswith(b"PK") or data[257:262] == b"ustar":
        kind = "-.zip" if data.startswith(b"PK") else "-.tar"
        yield from _archive_members(kind, io.BytesIO(data), limit, only_8k)
        return
    if data.startswith(b"\x1f\x8b"):
        try:  # a gzipped tar (a feed archive), or a single gzipped filing
            inner = gzip.GzipFile(fileobj=io.BytesIO(data)).read(1024)
        except (OSError, EOFError, zlib.error):
            inner = b""
        kind = "-.tar.gz" if inner[257:262] == b"ustar" else "-.gz"
        yield from _archive_members(kind, io.BytesIO(data), limit, only_8k)
        return
    yield Member("-", data)
