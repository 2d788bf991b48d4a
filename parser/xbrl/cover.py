"""Inline XBRL cover facts (``dei:``) of an 8-K HTML document.

``extract_cover`` scans the document for ``ix:`` elements with a small tokenizer
instead of an XML or HTML parser: it needs exact source offsets for spans, must
not resolve entities or fetch anything, and must survive markup no parser
accepts (unclosed tags, 100,000 levels of nesting, a document cut in half).
Only ``ix:`` tags are tracked on a stack; the HTML around them is skipped, so
the cost is linear in the document and independent of its nesting.

Values follow the Inline XBRL rules in the ways that matter for cover facts:
the text of a fact is the text of its content (nested ``ix`` facts included,
``ix:exclude`` left out, ``ix:continuation`` chains appended), then the ``format``
transform (``ixt`` registries 1 to 5, ``ixt-sec`` 2015-08-31) gives the value.
Text is whitespace-normalised, and block elements (``<br>``, ``<p>``, ``<td>``...)
count as a space, so a fact split over lines reads as words.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from ..model import Security, Span, Text, XbrlCover, XbrlFact
from ..vocab import transforms as codes

__all__ = ["extract_cover", "known_formats", "transform"]

SpanOf = Callable[[int, int], Span]

# ------------------------------------------------------------------ namespaces

_IX_NAMESPACES = frozenset(
    {"http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL"}
)
_DEI_NAMESPACE = "http://xbrl.sec.gov/dei/"
# Namespace URI prefix -> the prefix used in our output, whatever the filer chose.
_CANONICAL_PREFIXES: tuple[tuple[str, str], ...] = (
    (_DEI_NAMESPACE, "dei"),
    ("http://fasb.org/us-gaap/", "us-gaap"),
    ("http://fasb.org/srt/", "srt"),
    ("http://www.xbrl.org/inlineXBRL/transformation/", "ixt"),
    ("http://www.xbrl.org/2008/inlineXBRL/transformation", "ixt"),
    ("http://www.sec.gov/inlineXBRL/transformation/", "ixt-sec"),
)
_CLASS_AXIS = "us-gaap:StatementClassOfStockAxis"
_ENTITY_AXIS = "dei:LegalEntityAxis"  # a co-registrant's facts

# Limits that keep hostile input linear: how deep ix elements are tracked, how far
# back an end tag looks for its start tag, how many facts and continuations are read.
_MAX_STACK = 10_000
_MAX_FACT_NESTING = 8
_END_TAG_LOOKBACK = 64
_MAX_FACTS = 20_000
_MAX_CONTINUATIONS = 1_000

# ------------------------------------------------------------------ cover fields

_COVER_FIELDS: dict[str, str] = {
    "DocumentType": "document_type",
    "DocumentPeriodEndDate": "period_end_date",
    "AmendmentFlag": "amendment_flag",
    "EntityCentralIndexKey": "cik",
    "EntityRegistrantName": "registrant_name",
    "EntityIncorporationStateCountryCode": "state_of_incorporation",
    "EntityFileNumber": "file_number",
    "EntityTaxIdentificationNumber": "tax_id",
    "EntityAddressAddressLine1": "address_line1",
    "EntityAddressAddressLine2": "address_line2",
    "EntityAddressCityOrTown": "city",
    "EntityAddressStateOrProvince": "state",
    "EntityAddressPostalZipCode": "postal_code",
    "CityAreaCode": "city_area_code",
    "LocalPhoneNumber": "local_phone",
    "WrittenCommunications": "written_communications",
    "SolicitingMaterial": "soliciting_material",
    "PreCommencementTenderOffer": "pre_commencement_tender_offer",
    "PreCommencementIssuerTenderOffer": "pre_commencement_issuer_tender_offer",
    "EntityEmergingGrowthCompany": "emerging_growth_company",
    "EntityExTransitionPeriod": "ex_transition_period",
}
# Per-class facts: one 12(b) row per context.
_CLASS_FIELDS: dict[str, str] = {
    "Security12bTitle": "title",
    "Security12gTitle": "title",
    "TradingSymbol": "symbol",
    "SecurityExchangeName": "exchange",
}


# ================================================================== public API


def extract_cover(
    source: str,
    start: int = 0,
    end: int | None = None,
    *,
    span_of: SpanOf | None = None,
) -> XbrlCover | None:
    """The ``dei:`` facts of the inline XBRL document ``source[start:end]``.

    The slice may be the bare HTML, its ``<XBRL>`` wrapper or a whole EDGAR
    ``<TEXT>`` block. Returns None when it holds no ``ix:`` element. Spans (made
    by ``span_of`` from absolute offsets) cover each fact element's content.
    Never raises on bad markup: what can be read is returned.
    """
    try:
        facts = _scan_document(source, start, end)
    except Exception:  # a safety net: garbage input must not crash a batch run
        return None
    if facts is None:
        return None
    return _build_cover(facts, span_of)


# ================================================================== scanning


class _Fact(NamedTuple):
    """A dei fact as found: everything but its span."""

    name: str
    value: str | None
    text: str
    format: str | None
    context: str | None
    member: str | None
    start: int
    end: int
    dimensional: bool
    entity: str | None = None


class _Open(NamedTuple):
    """An ix element whose end tag has not been seen yet (``attrs`` None: not read)."""

    local: str
    tag_start: int
    content_start: int
    attrs: dict[str, str] | None
    fact_depth: int


class _RawFact(NamedTuple):
    tag_start: int
    content_start: int
    content_end: int
    local: str
    attrs: dict[str, str]


class _Markup(NamedTuple):
    """What one pass over the ix tags found."""

    facts: list[_RawFact]
    continuations: dict[str, tuple[int, int, str | None]]
    seen_ix: bool


def _scan_document(source: str, start: int, end: int | None) -> list[_Fact] | None:
    """The dei facts of ``source[start:end]`` in document order; None without ix markup."""
    n = len(source)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    if start >= end:
        return None
    ns = _namespaces(source, start, end)
    ix_prefixes = _ix_prefixes(ns)
    markup = _scan_ix(source, start, end, ix_prefixes)
    if not markup.seen_ix:
        return None
    contexts = _contexts(source, start, end, ns)
    used: set[str] = set()
    facts: list[_Fact] = []
    for raw in sorted(markup.facts, key=lambda f: f.tag_start):
        fact = _read_fact(source, raw, ns, ix_prefixes, contexts, markup.continuations, used)
        if fact is not None:
            facts.append(fact)
    return facts


# ------------------------------------------------------------------ namespaces


# Patterns stop at "<" inside a tag (XML allows none there) and bound attribute
# values, so a missing ">" or quote costs a short scan, not one to the end.
# (No leading \b: a literal first lets the regex engine skip ahead, 100x faster.)
_XMLNS_RE = re.compile(
    r"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"<>]{0,2048})"|'([^'<>]{0,2048})')"""
)
_ROOT_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?html\b[^<>]*>", re.IGNORECASE)


def _namespaces(source: str, start: int, end: int) -> dict[str, str]:
    """Prefix -> namespace URI, from the root ``<html>`` element if it declares any.

    Documents declare everything on the root; when it has nothing (a fragment, a
    stripped wrapper) the declarations anywhere in the document are used, first
    one winning.
    """
    root = _ROOT_RE.search(source, start, end)
    if root:
        found = _declarations(root.group(0))
        if found:
            return found
    ns: dict[str, str] = {}
    for m in _XMLNS_RE.finditer(source, start, end):
        ns.setdefault(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
    return ns


def _declarations(tag: str) -> dict[str, str]:
    ns: dict[str, str] = {}
    for m in _XMLNS_RE.finditer(tag):
        ns.setdefault(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
    return ns


def _ix_prefixes(ns: dict[str, str]) -> tuple[str, ...]:
    """Prefixes bound to the Inline XBRL namespace; ``ix`` when none is declared."""
    found = sorted(p for p, uri in ns.items() if uri.strip().rstrip("/") in _IX_NAMESPACES)
    return tuple(found) if found else ("ix",)


def _canonical_qname(qname: str, ns: dict[str, str]) -> tuple[str | None, str]:
    """(canonical prefix or the prefix as written, local name) of ``p:Local``."""
    prefix, sep, local = qname.strip().rpartition(":")
    if not sep:
        return None, local
    uri = ns.get(prefix)
    if uri is None:
        return prefix, local
    for base, canonical in _CANONICAL_PREFIXES:
        if uri.startswith(base):
            return canonical, local
    return prefix, local


def _is_dei(prefix: str, ns: dict[str, str]) -> bool:
    """Whether ``prefix`` is bound to a dei namespace (or is ``dei``, undeclared)."""
    uri = ns.get(prefix)
    return prefix == "dei" if uri is None else uri.startswith(_DEI_NAMESPACE)


def _qname_text(qname: str, ns: dict[str, str]) -> str:
    prefix, local = _canonical_qname(qname, ns)
    return f"{prefix}:{local}" if prefix else local


# ------------------------------------------------------------------ the ix tag scan


@cache
def _ix_tag_re(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    if not prefixes:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(
        rf"<!--|<!\[CDATA\[|<(/?)(?:{alternatives}):([A-Za-z_][\w.-]*)", re.IGNORECASE
    )


# A name starts after a space or quote, so a retry inside a long name fails at once.
_ATTR_RE = re.compile(
    r"""(?<![^\s"'])([^\s=/>"']{1,256}+)\s*=\s*"""
    r"""(?:"([^"]{0,4096})"|'([^']{0,4096})'|([^\s>"']{1,4096}))"""
)


def _attributes(tag: str) -> dict[str, str]:
    """Attributes of a start tag, names lowercased (HTML tools lowercase them)."""
    attrs: dict[str, str] = {}
    # one value group matches; the others give "" (as does an empty value)
    for name, dq, sq, bare in _ATTR_RE.findall(tag):
        raw = dq or sq or bare
        attrs.setdefault(name.lower(), html.unescape(raw) if "&" in raw else raw)
    return attrs


def _skip_special(source: str, m: re.Match[str], end: int) -> int:
    """Position after a comment or CDATA section (``end`` if it never closes)."""
    closer = "-->" if m.group(0) == "<!--" else "]]>"
    close = source.find(closer, m.end(), end)
    return end if close < 0 else close + len(closer)


def _scan_ix(source: str, start: int, end: int, prefixes: tuple[str, ...]) -> _Markup:
    """One pass over the ``ix:`` tags: facts and continuations with their offsets."""
    pattern = _ix_tag_re(prefixes)
    stack: list[_Open] = []
    overflow = 0  # start tags past _MAX_STACK, matched by the next end tags
    facts: list[_RawFact] = []
    continuations: dict[str, tuple[int, int, str | None]] = {}
    seen = False
    pos = start
    while len(facts) < _MAX_FACTS:
        m = pattern.search(source, pos, end)
        if m is None:
            break
        if m.group(2) is None:
            pos = _skip_special(source, m, end)
            continue
        gt = source.find(">", m.end(), end)
        if gt < 0:
            break
        seen = True
        pos = gt + 1
        local = m.group(2).lower()
        if m.group(1):
            if overflow:
                overflow -= 1
                continue
            frame = _close(stack, local)
            if frame is not None:
                _record(frame, m.start(), facts, continuations)
            continue
        tag = source[m.start() : pos]
        if tag.endswith("/>"):
            _record_empty(local, m.start(), pos, tag, stack, facts, continuations)
        elif len(stack) >= _MAX_STACK:
            overflow += 1
        else:
            stack.append(_open(local, m.start(), pos, tag, stack))
    return _Markup(facts, continuations, seen)


def _fact_depth(stack: list[_Open]) -> int:
    return stack[-1].fact_depth if stack else 0


def _open(local: str, tag_start: int, content_start: int, tag: str, stack: list[_Open]) -> _Open:
    depth = _fact_depth(stack)
    attrs: dict[str, str] | None = None
    if local in ("nonnumeric", "nonfraction"):
        depth += 1
        # Facts nested deeper than this are not read: each level re-reads the text
        # of the levels inside it, so unbounded nesting would be quadratic.
        if depth <= _MAX_FACT_NESTING:
            attrs = _attributes(tag)
    elif local == "continuation":
        attrs = _attributes(tag)
    return _Open(local, tag_start, content_start, attrs, depth)


def _close(stack: list[_Open], local: str) -> _Open | None:
    """Pop the innermost open element named ``local`` (and anything left open in it)."""
    lowest = max(0, len(stack) - _END_TAG_LOOKBACK)
    for i in range(len(stack) - 1, lowest - 1, -1):
        if stack[i].local == local:
            frame = stack[i]
            del stack[i:]
            return frame
    return None  # a stray end tag: ignored


def _record(
    frame: _Open,
    content_end: int,
    facts: list[_RawFact],
    continuations: dict[str, tuple[int, int, str | None]],
) -> None:
    if frame.attrs is None:
        return
    if frame.local == "continuation":
        cid = frame.attrs.get("id")
        if cid and len(continuations) < _MAX_CONTINUATIONS:
            continuations.setdefault(
                cid, (frame.content_start, content_end, frame.attrs.get("continuedat"))
            )
        return
    facts.append(
        _RawFact(frame.tag_start, frame.content_start, content_end, frame.local, frame.attrs)
    )


def _record_empty(
    local: str,
    tag_start: int,
    pos: int,
    tag: str,
    stack: list[_Open],
    facts: list[_RawFact],
    continuations: dict[str, tuple[int, int, str | None]],
) -> None:
    """A self-closing ``<ix:... />``: an element with empty content."""
    if local in ("nonnumeric", "nonfraction", "continuation"):
        _record(_open(local, tag_start, pos, tag, stack), pos, facts, continuations)


# ------------------------------------------------------------------ contexts


_CONTEXT_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?context\b([^<>]*)>", re.IGNORECASE)
_CONTEXT_END_RE = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?context\s*>", re.IGNORECASE)
_MEMBER_RE = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?explicitMember\b([^<>]*)>([^<]*)<", re.IGNORECASE
)


def _contexts(source: str, start: int, end: int, ns: dict[str, str]) -> dict[str, dict[str, str]]:
    """Context id -> {dimension: member} for every ``xbrli:context`` in the document."""
    contexts: dict[str, dict[str, str]] = {}
    pos = start
    while True:
        m = _CONTEXT_RE.search(source, pos, end)
        if m is None:
            return contexts
        pos = m.end()
        if m.group(0).endswith("/>"):
            continue
        close = _CONTEXT_END_RE.search(source, pos, end)
        if close is None:  # the rest is this context: no later one can close either
            body_end = pos = end
        else:
            body_end, pos = close.start(), close.end()
        cid = _attributes(m.group(1)).get("id")
        if cid is None or cid in contexts:
            continue
        dims: dict[str, str] = {}
        for member in _MEMBER_RE.finditer(source, m.end(), body_end):
            dimension = _attributes(member.group(1)).get("dimension")
            if dimension:
                dims[_qname_text(dimension, ns)] = _qname_text(member.group(2), ns)
        contexts[cid] = dims


# ------------------------------------------------------------------ one fact


def _read_fact(
    source: str,
    raw: _RawFact,
    ns: dict[str, str],
    ix_prefixes: tuple[str, ...],
    contexts: dict[str, dict[str, str]],
    continuations: dict[str, tuple[int, int, str | None]],
    used: set[str],
) -> _Fact | None:
    """The dei fact of ``raw`` (None for facts of other taxonomies)."""
    prefix, _, local = raw.attrs.get("name", "").strip().rpartition(":")
    if not local or not _is_dei(prefix, ns):
        return None
    text = _content_text(source, raw.content_start, raw.content_end, ix_prefixes)
    more = _continued_text(source, raw.attrs.get("continuedat"), continuations, used, ix_prefixes)
    if more:
        text = f"{text} {more}".strip()
    fmt = raw.attrs.get("format")
    format_name = _qname_text(fmt, ns) if fmt else None
    value: str | None = None
    if not _is_nil(raw.attrs):
        try:
            value = transform(format_name, text)
            if raw.local == "nonfraction":
                value = _numeric(value, raw.attrs)
        except Exception:  # one odd value must not cost the other facts (value: None)
            value = None
    context = raw.attrs.get("contextref")
    dims = contexts.get(context or "", {})
    return _Fact(
        name=f"dei:{local}",
        value=value,
        text=text,
        format=format_name,
        context=context,
        member=dims.get(_CLASS_AXIS),
        start=raw.content_start,
        end=raw.content_end,
        dimensional=bool(dims),
        entity=dims.get(_ENTITY_AXIS),
    )


def _is_nil(attrs: dict[str, str]) -> bool:
    # (a list: a generator costs more than the few attributes)
    return "true" in [v.strip() for k, v in attrs.items() if k.endswith(":nil")]


def _continued_text(
    source: str,
    cid: str | None,
    continuations: dict[str, tuple[int, int, str | None]],
    used: set[str],
    ix_prefixes: tuple[str, ...],
) -> str:
    """Text of the ``ix:continuation`` chain starting at ``cid``.

    Each continuation is read once for the whole document (the spec allows one
    reference), which also stops cycles and repeated reads of a large block.
    """
    parts: list[str] = []
    while cid and cid not in used and cid in continuations:
        used.add(cid)
        a, b, cid = continuations[cid]
        parts.append(_content_text(source, a, b, ix_prefixes))
    return " ".join(p for p in parts if p)


# ------------------------------------------------------------------ content text

_TAG_NAME_RE = re.compile(r"(/?)([A-Za-z_][\w.:-]*)")
_BLOCK_TAGS = frozenset(
    {
        "br", "p", "div", "td", "th", "tr", "li", "ul", "ol", "table", "tbody", "thead",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dd", "dt", "dl", "blockquote", "pre",
        "center", "section", "caption",
    }
)


_BLOCK_NAMES = "|".join(sorted(_BLOCK_TAGS))
_BLOCK_TAG_RE = re.compile(
    rf"</?(?:[A-Za-z_][\w.-]*:)?(?:{_BLOCK_NAMES})\b[^<>]*>", re.IGNORECASE
)
_ANY_TAG_RE = re.compile(r"</?[A-Za-z_][^<>]*>")


def _content_text(source: str, a: int, b: int, ix_prefixes: tuple[str, ...]) -> str:
    """The displayed text of ``source[a:b]``: tags dropped, entities decoded,
    ``ix:exclude`` content left out, whitespace collapsed."""
    chunk = source[a:b]
    if "<!" not in chunk and "<?" not in chunk and "exclude" not in chunk.lower():
        # The common case, done by two regex passes instead of a loop over tags.
        plain = _ANY_TAG_RE.sub("", _BLOCK_TAG_RE.sub(" ", chunk))
        return " ".join(html.unescape(plain).split())
    return _content_text_slow(source, a, b, ix_prefixes)


def _content_text_slow(source: str, a: int, b: int, ix_prefixes: tuple[str, ...]) -> str:
    """``_content_text`` for content with comments, CDATA or ``ix:exclude``."""
    excludes = {f"{p.lower()}:exclude" for p in ix_prefixes}
    parts: list[str] = []
    excluded = 0
    pos = a
    while pos < b:
        lt = source.find("<", pos, b)
        stop = b if lt < 0 else lt
        if not excluded and stop > pos:
            parts.append(source[pos:stop])
        if lt < 0:
            break
        pos, excluded = _skip_tag(source, lt, b, excludes, excluded, parts)
    return " ".join(html.unescape("".join(parts)).split())


def _skip_tag(
    source: str, lt: int, b: int, excludes: set[str], excluded: int, parts: list[str]
) -> tuple[int, int]:
    """Step over the markup at ``lt``; returns the next position and exclude depth."""
    if source.startswith("<!--", lt):
        close = source.find("-->", lt + 4, b)
        return (b if close < 0 else close + 3), excluded
    if source.startswith("<![CDATA[", lt):
        close = source.find("]]>", lt + 9, b)
        if not excluded:
            parts.append(html.escape(source[lt + 9 : b if close < 0 else close], quote=False))
        return (b if close < 0 else close + 3), excluded
    if source.startswith(("<?", "<!"), lt):  # processing instruction, doctype
        close = source.find(">", lt + 2, b)
        return (b if close < 0 else close + 1), excluded
    m = _TAG_NAME_RE.match(source, lt + 1, b)
    if m is None:  # a lone "<" is text
        if not excluded:
            parts.append("<")
        return lt + 1, excluded
    gt = source.find(">", m.end(), b)
    if gt < 0:  # no tag ends before the content does: the rest is text
        if not excluded:
            parts.append(source[lt:b])
        return b, excluded
    name = m.group(2).lower()
    if name in excludes:
        if m.group(1):
            excluded = max(0, excluded - 1)
        elif source[gt - 1] != "/":
            excluded += 1
    elif not excluded and name.rpartition(":")[2] in _BLOCK_TAGS:
        parts.append(" ")
    return gt + 1, excluded


# ------------------------------------------------------------------ numbers


def _numeric(value: str | None, attrs: dict[str, str]) -> str | None:
    """Apply ``scale`` and ``sign`` of an ``ix:nonFraction`` to its value."""
    if value is None:
        return None
    try:
        number = Decimal(value)
        scale = int(attrs.get("scale", "0") or "0")
    except (InvalidOperation, ValueError):
        return value
    # Huge exponents would make format() write millions of digits.
    if not number.is_finite() or abs(scale) > 100 or abs(number.adjusted()) > 100:
        return value
    if scale:
        number = number.scaleb(scale)
    if attrs.get("sign", "").strip() == "-":
        number = -number
    return format(number, "f")


# ================================================================== building the cover


def _build_cover(found: list[_Fact], span_of: SpanOf | None) -> XbrlCover:
    facts = [_to_model(f, span_of) for f in found]
    fields: dict[str, XbrlFact] = {}
    fallback: dict[str, XbrlFact] = {}
    for fact, raw in zip(facts, found, strict=True):
        field = _COVER_FIELDS.get(fact.name[4:])
        if field is None:
            continue
        # The entity's own fact has no dimension; co-registrant or former-address
        # facts (LegalEntityAxis, EntityAddressesAddressTypeAxis) only fill gaps.
        target = fallback if raw.dimensional else fields
        target.setdefault(field, fact)
    for field, fact in fallback.items():
        fields.setdefault(field, fact)
    return XbrlCover(**fields, securities_12b=_securities(facts), facts=facts)


def _to_model(fact: _Fact, span_of: SpanOf | None) -> XbrlFact:
    return XbrlFact(
        name=fact.name,
        value=fact.value,
        text=fact.text,
        format=fact.format,
        context=fact.context,
        member=fact.member,
        span=span_of(fact.start, fact.end) if span_of else None,
        entity=fact.entity,
    )


def _securities(facts: list[XbrlFact]) -> list[Security]:
    """12(b) rows: the per-class facts grouped by context, in document order."""
    rows: dict[str, dict[str, Text]] = {}
    for fact in facts:
        part = _CLASS_FIELDS.get(fact.name[4:])
        if part is None:
            continue
        row = rows.setdefault(fact.context or "", {})
        # The exchange is given as its code (NYSE), the title and symbol as shown.
        value = fact.value if fact.value is not None else fact.text
        row.setdefault(part, Text(value=value, span=fact.span))
    return [Security(**row) for row in rows.values()]


# ================================================================== transforms


def transform(format_name: str | None, text: str) -> str | None:
    """The value of a fact whose (canonical) format is ``format_name``.

    ``format_name`` uses the prefixes ``ixt`` and ``ixt-sec`` whatever the
    document declared. Unknown formats give the text unchanged; a known format
    that does not fit the text (``stateprovnameen`` on "Atlantis") gives None.
    """
    if not format_name:
        return text
    prefix, _, local = format_name.rpartition(":")
    table = _SEC_TRANSFORMS if prefix == "ixt-sec" else _IXT_TRANSFORMS
    function = table.get(local.lower())
    if function is None:
        return text
    return function(text)


# ------------------------------------------------------------------ booleans and fixed values


def _fixed(value: str) -> Callable[[str], str]:
    return lambda _text: value


def _ballot_box(true: str, false: str) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        box = text.strip()
        if box == "\u2610":
            return false
        if box in ("\u2611", "\u2612"):
            return true
        return None

    return read


# ------------------------------------------------------------------ dates

_WORD_OR_NUMBER_RE = re.compile(r"[^\W\d_]+|\d+")
_DATE_FILLERS = frozenset({"st", "nd", "rd", "th", "of", "the"})


def _year(digits: str) -> int | None:
    if len(digits) == 4:
        return int(digits)
    if len(digits) <= 2:
        return 2000 + int(digits)  # the registry's reading of two-digit years
    return None


def _small(digits: str) -> int | None:
    """A day or month number (int() of a long digit run would be slow or refused)."""
    return int(digits) if len(digits) <= 2 else None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_day(month: int | None, day: int | None) -> str | None:
    if month is None or day is None:
        return None
    if _iso(2000, month, day) is None:  # 2000 is a leap year, so --02-29 passes
        return None
    return f"--{month:02d}-{day:02d}"


def _year_month(year: int | None, month: int | None) -> str | None:
    if year is None or month is None or not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}"


def _named_parts(text: str, order: str) -> dict[str, str] | None:
    """Split a date with a month name ("April 15, 2025") by ``order`` (e.g. "mdy")."""
    tokens = [t for t in _WORD_OR_NUMBER_RE.findall(text) if t.lower() not in _DATE_FILLERS]
    if len(tokens) != len(order):
        return None
    parts: dict[str, str] = {}
    for kind, token in zip(order, tokens, strict=True):
        if (kind == "m") == token.isdecimal():
            return None
        parts[kind] = token
    return parts


def _named_date(order: str) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        p = _named_parts(text, order)
        if p is None:
            return None
        month = codes.MONTHS.get(p["m"].lower())
        if "y" not in p:
            return _month_day(month, _small(p["d"]))
        if "d" not in p:
            return _year_month(_year(p["y"]), month)
        return _iso(_year(p["y"]), month, _small(p["d"]))

    return read


_NUMBERS_RE = re.compile(r"(\d+)")


def _numeric_parts(text: str, order: str, separator: str | None) -> dict[str, str] | None:
    """Split an all-digit date ("4/15/2025") by ``order``; ``separator`` if required."""
    pieces = _NUMBERS_RE.split(text.strip())
    if pieces[0] or pieces[-1] or len(pieces) != 2 * len(order) + 1:
        return None
    if separator is not None and any(sep.strip() != separator for sep in pieces[2:-1:2]):
        return None
    return dict(zip(order, pieces[1::2], strict=True))


def _numeric_date(order: str, separator: str | None = None) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        p = _numeric_parts(text, order, separator)
        if p is None:
            return None
        month, day = _small(p["m"]), _small(p.get("d", "1"))
        if "y" not in p:
            return _month_day(month, day)
        if "d" not in p:
            return _year_month(_year(p["y"]), month)
        return _iso(_year(p["y"]), month, day)

    return read


# ------------------------------------------------------------------ numbers


def _decimal_text(digits: str, fraction: str | None) -> str:
    whole = digits.lstrip("0") or "0"
    return f"{whole}.{fraction}" if fraction else whole


def _grouped(group: str, point: str) -> Callable[[str], str | None]:
    """Numbers with thousands separators from ``group`` (may be none) and mark ``point``."""
    groups = rf"\d{{1,3}}(?:[{re.escape(group)}]\d{{3}})+|" if group else ""
    pattern = re.compile(rf"({groups}\d*)(?:{re.escape(point)}(\d*))?")

    def read(text: str) -> str | None:
        m = pattern.fullmatch(text.strip())
        if m is None or not (m.group(1) or m.group(2)):
            return None
        digits = "".join(c for c in m.group(1) if c.isdecimal())
        return _decimal_text(digits, m.group(2))

    return read


def _zero_dash(text: str) -> str | None:
    return "0" if re.fullmatch(r"[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]", text.strip()) else None


def _number_words(text: str) -> str | None:
    """``ixt-sec:numwordsen``: "two hundred and five" -> "205"; "no", "none" -> "0"."""
    words = re.sub(r"[,\u2010-\u2015-]", " ", text.lower()).split()
    words = [w for w in words if w != "and"]
    if words in (["no"], ["none"], ["nil"]):
        return "0"
    if not words:
        return None
    total = current = 0
    for word in words:
        if word in codes.NUMBER_WORDS:
            current += codes.NUMBER_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in codes.NUMBER_SCALES:
            total += max(current, 1) * codes.NUMBER_SCALES[word]
            current = 0
        else:
            return None
    return str(total + current)


# ------------------------------------------------------------------ names to codes


def _key(name: str) -> str:
    """A name as looked up: case, spacing, dots, commas and a leading "The" ignored."""
    key = name.casefold().replace("\u2019", "'").replace("&", " and ")
    key = re.sub(r"[.,]", " ", key)
    key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


@cache
def _lookup(table: str) -> dict[str, str]:
    tables: dict[str, list[dict[str, str]]] = {
        "stateprov": [codes.US_STATES, codes.US_TERRITORIES, codes.CANADIAN_PROVINCES],
        # EDGAR uses postal codes for the states, so state names are accepted too,
        # after the registry's names ("Georgia" stays the country, 2Q).
        "edgar": [
            codes.EDGAR_TERRITORIES,
            codes.EDGAR_CANADIAN_PROVINCES,
            {n: e for names, _, e in codes.COUNTRIES if e for n in names},
            codes.US_STATES,
        ],
        "country": [{n: iso for names, iso, _ in codes.COUNTRIES if iso for n in names}],
        "exchange": [codes.EXCHANGE_NAMES],
        "filer": [codes.FILER_CATEGORIES],
    }
    merged: dict[str, str] = {}
    for mapping in tables[table]:
        for name, code in mapping.items():
            merged.setdefault(_key(name), code)
    return merged


def _by_name(
    table: str, codes_accepted: Callable[[], set[str]] | None = None
) -> Callable[[str], str | None]:
    def read(text: str) -> str | None:
        key = _key(text)
        found = _lookup(table).get(key)
        if found is None and table == "edgar":
            found = _lookup(table).get(re.sub(r" canada$", "", key))
        if found is None and codes_accepted is not None:
            wanted = text.strip()
            # A code written out instead of a name ("DE", "NASDAQ") is taken as is.
            found = next((c for c in codes_accepted() if c.casefold() == wanted.casefold()), None)
        return found

    return read


@cache
def _state_codes() -> set[str]:
    return set(_lookup("stateprov").values())


@cache
def _edgar_codes() -> set[str]:
    return set(_lookup("edgar").values())


@cache
def _country_codes() -> set[str]:
    return set(_lookup("country").values())


def _exchange(text: str) -> str | None:
    key = re.sub(r" (llc|inc|incorporated|corp|corporation)$", "", _key(text))
    found = _lookup("exchange").get(key)
    if found is None:
        found = next((c for c in codes.EXCHANGE_CODES if c.casefold() == key), None)
    return found


# ------------------------------------------------------------------ registries

_IXT_TRANSFORMS: dict[str, Callable[[str], str | None]] = {
    # booleans and fixed values (TR2/TR3 names, TR4/TR5 names)
    "booleanfalse": _fixed("false"),
    "booleantrue": _fixed("true"),
    "fixed-false": _fixed("false"),
    "fixed-true": _fixed("true"),
    "nocontent": _fixed(""),
    "fixed-empty": _fixed(""),
    "fixed-zero": _fixed("0"),
    "zerodash": _zero_dash,
    "numdash": _zero_dash,
    # dates with an English month name
    "datemonthdayyearen": _named_date("mdy"),
    "date-monthname-day-year-en": _named_date("mdy"),
    "datemonthnamedayyearen": _named_date("mdy"),  # not a registry name; tolerated
    "datelongus": _named_date("mdy"),
    "dateshortus": _named_date("mdy"),
    "datedaymonthyearen": _named_date("dmy"),
    "date-day-monthname-year-en": _named_date("dmy"),
    "datelonguk": _named_date("dmy"),
    "dateshortuk": _named_date("dmy"),
    "datemonthdayen": _named_date("md"),
    "date-monthname-day-en": _named_date("md"),
    "datelongmonthdayus": _named_date("md"),
    "dateshortmonthdayus": _named_date("md"),
    "datedaymonthen": _named_date("dm"),
    "date-day-monthname-en": _named_date("dm"),
    "datelongdaymonthuk": _named_date("dm"),
    "dateshortdaymonthuk": _named_date("dm"),
    "datemonthyearen": _named_date("my"),
    "date-monthname-year-en": _named_date("my"),
    "datelongmonthyear": _named_date("my"),
    "dateshortmonthyear": _named_date("my"),
    "dateyearmonthen": _named_date("ym"),
    "date-year-monthname-en": _named_date("ym"),
    "datelongyearmonth": _named_date("ym"),
    "dateshortyearmonth": _named_date("ym"),
    # all-digit dates
    "dateslashus": _numeric_date("mdy", "/"),
    "dateslasheu": _numeric_date("dmy", "/"),
    "datedotus": _numeric_date("mdy", "."),
    "datedoteu": _numeric_date("dmy", "."),
    "datemonthdayyear": _numeric_date("mdy"),
    "date-month-day-year": _numeric_date("mdy"),
    "datedaymonthyear": _numeric_date("dmy"),
    "date-day-month-year": _numeric_date("dmy"),
    "dateyearmonthday": _numeric_date("ymd"),
    "date-year-month-day": _numeric_date("ymd"),
    "datemonthday": _numeric_date("md"),
    "date-month-day": _numeric_date("md"),
    "dateslashmonthdayus": _numeric_date("md", "/"),
    "datedaymonth": _numeric_date("dm"),
    "date-day-month": _numeric_date("dm"),
    "dateslashdaymontheu": _numeric_date("dm", "/"),
    "datemonthyear": _numeric_date("my"),
    "date-month-year": _numeric_date("my"),
    "date-year-month": _numeric_date("ym"),
    # numbers
    "numdotdecimal": _grouped(", \u00a0", "."),
    "num-dot-decimal": _grouped(", \u00a0", "."),
    "numcommadot": _grouped(",", "."),
    "numspacedot": _grouped(" \u00a0", "."),
    "numcommadecimal": _grouped(". \u00a0", ","),
    "num-comma-decimal": _grouped(". \u00a0", ","),
    "numdotcomma": _grouped(".", ","),
    "numspacecomma": _grouped(" \u00a0", ","),
    "numcomma": _grouped("", ","),
}

_SEC_TRANSFORMS: dict[str, Callable[[str], str | None]] = {
    "boolballotbox": _ballot_box("true", "false"),
    "yesnoballotbox": _ballot_box("Yes", "No"),
    "stateprovnameen": _by_name("stateprov", _state_codes),
    "edgarprovcountryen": _by_name("edgar", _edgar_codes),
    "countrynameen": _by_name("country", _country_codes),
    "exchnameen": _exchange,
    "entityfilercategoryen": _by_name("filer"),
    "numwordsen": _number_words,
    "numinf": _fixed("INF"),
    "numneginf": _fixed("-INF"),
    "numnan": _fixed("NaN"),
}


def known_formats() -> Iterator[str]:
    """Every format with a transform, canonical prefixes (for docs and tests)."""
    yield from (f"ixt:{name}" for name in _IXT_TRANSFORMS)
    yield from (f"ixt-sec:{name}" for name in _SEC_TRANSFORMS)
