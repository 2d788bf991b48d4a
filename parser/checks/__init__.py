"""Validator rules, one module per family, each rule a function over a ``Context``.

A rule is registered with ``@rule("kebab-name")``; the name ties it to its code,
severity, help and explanation in ``parser/codes.py``. Rules only read the data
objects (and, for layout rules, the document's lines); they never parse.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..codes import BY_NAME
from ..model import CoverPage, Diagnostic, Filing, Header, Span
from ..source.text import make_diagnostic
from ..vocab.normalize import keys_agree, name_key

if TYPE_CHECKING:
    from ..pipeline import Parsed

Check = Callable[["Context"], Iterator[Diagnostic]]
T = TypeVar("T")
CHECKS: dict[str, Check] = {}


def rule(name: str) -> Callable[[Check], Check]:
    if name not in BY_NAME:
        raise KeyError(f"rule {name!r} has no entry in codes.py")

    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


def _filed(header: Header | None) -> dt.date | None:
    """The filing date: the header's FILED AS OF DATE."""
    if header is not None and header.filed_as_of is not None:
        return header.filed_as_of.value
    return None


def _event(cover: CoverPage | None, header: Header | None) -> dt.date | None:
    """The date of the earliest event: cover date of report, else the header's period."""
    if cover is not None and cover.date_of_report is not None and cover.date_of_report.value:
        return cover.date_of_report.value
    if header is not None and header.period_of_report is not None:
        return header.period_of_report.value
    return None


class Context:
    """What rules look at: the filing, its source, the 8-K text's layout and parts;
    ``filed`` (the header's FILED AS OF DATE), ``event`` (the cover's date of report,
    else the header's period) and ``day`` (the one that decides the filing's era and
    form requirements: filed, else event), ``companies`` (the header's)."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.filing: Filing = parsed.filing
        self.header = self.filing.header
        self.cover = self.filing.cover
        self.source = parsed.source
        self.layout = parsed.layout
        self.body = parsed.body
        # dates several rules ask for, worked out once
        self.filed = _filed(self.header)
        self.event = _event(self.cover, self.header)
        self.day = self.filed or self.event
        # the header's companies, which the cross-checks compare with the cover
        header = self.header
        self.companies = ([p.company for p in header.parties if p.company is not None]
                          if header is not None else [])
        # the cross-checks compare the same few names rule after rule
        self._name_keys: dict[str | None, str | None] = {}
        self._agree: dict[tuple[str | None, str | None], bool] = {}
        self._once: dict[Callable[[Context], Any], Any] = {}

    def once(self, work: Callable[[Context], T]) -> T:
        """``work(self)``, worked out once for the filing: what several rules share."""
        try:
            return self._once[work]
        except KeyError:
            done = self._once[work] = work(self)
            return done

    def names_agree(self, a: str | None, b: str | None) -> bool:
        """``vocab.normalize.names_agree``, each name keyed and each pair compared
        once for the filing."""
        pair = (a, b)
        agree = self._agree.get(pair)
        if agree is None:
            agree = self._agree[pair] = keys_agree(self._name_key(a), self._name_key(b))
        return agree

    def _name_key(self, text: str | None) -> str | None:
        keys = self._name_keys
        if text in keys:
            return keys[text]
        key = keys[text] = name_key(text)
        return key

    @property
    def amendment(self) -> bool:
        header = self.header
        if header is not None and header.submission_type is not None:
            return header.submission_type.value.upper().endswith("/A")
        return bool(self.cover and self.cover.amendment)

    def report(self, name: str, message: str, span: Span | None, **more) -> Diagnostic:
        return make_diagnostic(name, message, span, **more)

    def point(self, offset: int) -> Span:
        return self.source.span(offset, offset)


@functools.cache
def _registered() -> dict[str, Check]:
    """Every rule, its module imported once (importing registers the rules)."""
    from . import (  # noqa: F401
        ascii_rules,
        cover_rules,
        crosscheck_rules,
        envelope_rules,
        exhibit_rules,
        item_rules,
        signature_rules,
    )

    return CHECKS


def run(parsed: Parsed, names: set[str] | None = None) -> list[Diagnostic]:
    context = Context(parsed)
    out: list[Diagnostic] = []
    for name, check in _registered().items():
        if names is not None and name not in names:
            continue
        out.extend(check(context))
    return out
