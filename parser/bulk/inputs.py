"""Where filings come from in bulk: files, folders, globs, lists, stdin, archives.

``members(inputs)`` yields one ``Member`` per filing, in a deterministic order,
reading archives as streams (nothing is unpacked to disk): ``.gz``, ``.zip``,
``.tar``, ``.tar.gz`` (EDGAR's daily feed archives ``YYYYMMDD.nc.tar.gz`` among
them). A member that cannot be read becomes a ``Member`` with ``error`` set,
never an exception, so a batch run records it and goes on.

The same files give the same members whatever holds them (a folder, a zip, a
tar): hidden entries are passed over silently; files whose names are not a
filing's (``.pdf``, ``.jpg``) and, unless asked for all forms, submissions
whose header names a form outside the 8-K family are yielded as *skipped*
members, so they are counted. A file named on the command line is read
whatever its name.

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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..envelope.documents import is_8k_form

DEFAULT_LIMIT = 256 * 1024 * 1024  # largest filing read, uncompressed
FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".sgml", ".xml", ".xhtml", ".pc")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".gz")


class Member(NamedTuple):
    """One filing to parse: its name (``archive!member`` inside archives), its
    bytes, or the reason it could not be read (``error``, a rule name and text),
    or the reason it is passed over (``skip``: ``"other-form"``, a submission
    whose header names another form; ``"other-file"``, a file in a folder or an
    archive whose name is not a filing's). Skipped members are counted, not
    parsed.

    A plain file may come *unread* (``path`` set, ``data`` None): whoever parses
    it reads it (``load``), so worker processes read their own files instead of
    the main process piping every byte to them."""

    name: str
    data: bytes | None
    error: tuple[str, str] | None = None
    path: str | None = None
    limit: int = DEFAULT_LIMIT
    skip: str | None = None

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


Report = Callable[[str], None]


def _hidden(name: str) -> bool:
    """Hidden entries (``.git``, macOS ``._x`` files) are passed over silently,
    in folders and in archives alike."""
    return any(part.startswith(".") for part in PurePosixPath(name.replace("\\", "/")).parts
               if part not in (".", ".."))


def _is_filing_name(name: str) -> bool:
    return name.lower().endswith(FILING_SUFFIXES)


def _is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def _read_capped(stream, limit: int) -> bytes | None:
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _too_large(name: str, limit: int) -> Member:
    return Member(name, None, ("member-too-large",
                               f"{name} is larger than {limit:,} bytes uncompressed; not read"))


def is_other_form(head: bytes) -> bool:
    """Whether the first few KB name a submission type outside the 8-K family
    (a 10-K in a feed archive, a lone ``<TYPE>EX-99.1`` exhibit). A file that
    names no type is not another form: it may be a bare 8-K document."""
    return _header_says_8k(head) is False


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
            if info.isdir() or _hidden(info.name):
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
            if not _is_filing_name(info.name):
                yield Member(member, None, skip="other-file")
                continue
            if only_8k:
                head = stream.read(16384)
                if is_other_form(head):  # another form in a feed archive: not even read
                    yield Member(member, None, skip="other-form")
                    continue
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
        if info.is_dir() or _hidden(info.filename):
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
                if not _is_filing_name(info.filename):
                    yield Member(member, None, skip="other-file")
                    continue
                data = _read_capped(stream, limit)  # the header's size may lie
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError,
                RuntimeError) as error:
            yield Member(member, None, ("archive-error", f"{member}: damaged member ({error})"))
            continue
        if data is None:
            yield _too_large(member, limit)
            continue
        if only_8k and is_other_form(data):
            yield Member(member, None, skip="other-form")
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


def _not_found(name: str, reason: str, report: Report | None) -> Member:
    if report is not None:
        report(f"{name}: {reason}")
    return Member(name, None, ("unreadable-input", f"cannot read {name}: {reason}"))


def _walk(folder: str, report: Report | None) -> Iterator[str | Member]:
    errors: list[OSError] = []
    found = failed = 0
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for entry in sorted(names):
            if entry.startswith("."):
                continue
            path = os.path.join(root, entry)
            found += 1
            if entry.lower().endswith(FILING_SUFFIXES + ARCHIVE_SUFFIXES):
                yield path
            else:
                yield Member(path, None, skip="other-file")
        for error in errors:
            failed += 1
            where = error.filename or folder
            yield _not_found(where, f"folder not readable ({error.strerror or error})", report)
        errors.clear()
    for error in errors:  # the folder itself (os.walk yields nothing for it)
        failed += 1
        yield _not_found(error.filename or folder,
                         f"folder not readable ({error.strerror or error})", report)
    if not found and not failed and report is not None:
        report(f"{folder}: folder holds no files")


def _expand(inputs: Iterable[str], report: Report | None = None) -> Iterator[str | Member]:
    """Paths from the arguments: globs expanded, folders walked, @lists read.
    An argument that names nothing comes as a Member with its error (and goes
    to ``report``); a file in a folder whose name is not a filing's as a
    Member skipped as ``other-file``."""
    for item in inputs:
        if item == "-":
            yield item
        elif item == "@-":  # paths on stdin, taken as they come (eightk fetch ... | extract @-)
            yield from _expand((line.strip() for line in sys.stdin
                                if line.strip() and not line.startswith("#")), report)
        elif item.startswith("@"):
            try:
                lines = Path(item[1:]).read_text().splitlines()
            except (OSError, UnicodeDecodeError) as error:
                reason = getattr(error, "strerror", None) or str(error)
                yield _not_found(item[1:], f"list not readable ({reason})", report)
                continue
            yield from _expand((line.strip() for line in lines
                                if line.strip() and not line.startswith("#")), report)
        elif glob.has_magic(item) and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if matches:
                yield from _expand(matches, report)
            else:
                yield _not_found(item, "matches no file", report)
        elif os.path.isdir(item):
            yield from _walk(item, report)
        elif os.path.exists(item):
            yield item
        else:
            yield _not_found(item, "no such file or folder", report)


def members(
    inputs: Iterable[str], *, limit: int = DEFAULT_LIMIT, only_8k: bool = True,
    lazy: bool = False, report: Report | None = None,
) -> Iterator[Member]:
    """Every filing of ``inputs``, in order; see the module docstring. With
    ``lazy``, plain files come unread (call ``Member.load``). Arguments that
    name nothing go to ``report`` too."""
    for path in _expand(inputs, report):
        if isinstance(path, Member):
            yield path
            continue
        if path == "-":
            yield from _stdin(limit, only_8k, report)
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


def count(inputs: Iterable[str]) -> int | None:
    """How many members ``members(inputs)`` will yield, or None where that cannot
    be known without reading everything (a tar archive, stdin, an archive inside
    a zip). Walks the folders a second time; meant for a progress bar."""
    inputs = list(inputs)
    if "@-" in inputs:  # the paths are still to come on stdin (and reading it would use them up)
        return None
    total = 0
    for path in _expand(inputs):
        if isinstance(path, Member):
            total += 1
        elif path == "-" or path.lower().endswith((".tar", ".tar.gz", ".tgz")):
            return None
        elif path.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(path) as archive:
                    names = [i.filename for i in archive.infolist()
                             if not i.is_dir() and not _hidden(i.filename)]
            except (OSError, zipfile.BadZipFile):
                total += 1  # one error row
                continue
            if any(_is_archive(n) for n in names):
                return None
            total += len(names)
        else:
            total += 1
    return total


def _stdin(limit: int, only_8k: bool, report: Report | None = None) -> Iterator[Member]:
    """Standard input: one filing, or an archive (``curl .../20240603.nc.tar.gz | eightk
    extract -``). Read whole (up to the limit), since a pipe cannot be rewound."""
    data = _read_capped(sys.stdin.buffer, limit)
    if data is None:
        yield _too_large("-", limit)
        return
    if not data:  # nothing came down the pipe (a failed download, say)
        yield _not_found("-", "standard input is empty", report)
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
