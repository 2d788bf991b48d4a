"""Which attached document each listed exhibit is.

An exhibit "99.1" is the document of type ``EX-99.1``; old filings attach
"EX-7" described as "EXHIBIT 7.2", or one "EX-10" for each of 10.01, 10.02 ...
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from ..model import Document, Exhibit
from ..vocab.exhibit_numbers import exhibit_key

_HEAD = 400  # characters of a description the number is looked for in

# "EXHIBIT 7.2", "Exhibit 1.B", "EX-99.1 EARNINGS RELEASE" in a document's <DESCRIPTION>
_DOC_NUMBER = re.compile(
    r"[ \t]*(?:exhibit|ex)[ \t]*(?:[-.#:][ \t]*)?(?:no\.?[ \t]*)?"
    r"(?P<num>\d{1,3}(?:[.-]\d{1,3}){0,2}(?:\.?[a-z](?![a-z0-9])|[ \t]?\([a-z0-9]{1,4}\))?)"
    r"(?![0-9])",
    re.IGNORECASE,
)


def _document_keys(doc: Document) -> tuple[tuple, tuple | None]:
    """The exhibit number a document's TYPE gives, and a more precise one its
    DESCRIPTION gives ("EX-7" described as "EXHIBIT 7.2"), if any."""
    kind = exhibit_key(doc.type.value) if doc.type else ()
    finer = None
    if doc.description is not None:
        m = _DOC_NUMBER.match(doc.description.value[:_HEAD])
        if m is not None:
            named = exhibit_key(m.group("num"))
            if len(named) > len(kind) and named[: len(kind)] == kind:
                finer = named
    return kind, finer


def match_documents(exhibits: list[Exhibit], documents: list[Document]) -> list[Exhibit]:
    """Point each exhibit at the attached ``EX-`` document of the same number.

    A document is used once. Exact numbers first (a document's DESCRIPTION may
    name a finer number than its TYPE); then an exhibit "10.02" takes the first
    unused "EX-10" in order of appearance (exhibits incorporated by reference
    last); then an exhibit "99" takes an "EX-99.1" when it is the only one, and
    "101" the first of its files "EX-101.SCH", "EX-101.LAB" ...
    """
    by_finer: dict[tuple, list[int]] = {}
    by_kind: dict[tuple, list[int]] = {}
    by_prefix: dict[tuple, list[tuple[int, tuple]]] = {}  # of the document's number
    for index, doc in enumerate(documents):
        if doc.type is None or not doc.type.value.upper().startswith("EX-"):
            continue
        kind, finer = _document_keys(doc)
        if not kind:
            continue
        if finer is not None:
            by_finer.setdefault(finer, []).append(index)
        by_kind.setdefault(kind, []).append(index)
        best = finer or kind
        for n in range(1, len(best)):
            by_prefix.setdefault(best[:n], []).append((index, best))
    keys = [exhibit_key(e.number.value) for e in exhibits]
    chosen: list[int | None] = [None] * len(exhibits)
    used: set[int] = set()

    def take(i: int, indexes: list[int]) -> None:
        free = [index for index in indexes if index not in used]
        if free:
            chosen[i] = min(free)
            used.add(chosen[i])

    for table in (by_finer, by_kind):
        for i, key in enumerate(keys):
            if chosen[i] is None and key in table:
                take(i, table[key])
    for incorporated in (False, True):
        for i, key in enumerate(keys):
            if (chosen[i] is None and len(key) >= 2
                    and exhibits[i].incorporated_by_reference == incorporated):
                take(i, [d for n in range(1, len(key)) for d in by_kind.get(key[:n], ())])
    for i, key in enumerate(keys):
        if chosen[i] is None and key in by_prefix:
            finer_docs = [(index, k) for index, k in by_prefix[key] if index not in used]
            # "101" attached as EX-101.SCH, EX-101.LAB ...: the files of one exhibit
            files = all(isinstance(k[len(key)], str) and len(k[len(key)]) >= 3
                        for _, k in finer_docs)
            if len(finer_docs) == 1 or (finer_docs and files):
                take(i, [finer_docs[0][0]])
    return [e if c is None else replace(e, document=c)
            for e, c in zip(exhibits, chosen, strict=True)]
