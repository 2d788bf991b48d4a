"""``eightk report``: one self-contained HTML page to debug a filing.

The page shows the file as eightk read it (``report_views``), each recognised
region coloured and labelled, every diagnostic at its place worded as ``eightk
check`` words it (the same ``format_full``), a side panel of extracted fields
that link to their spans, and, for an HTML 8-K, the original rendering of each
region made safe (``originals``, ``sanitize``).

Safety: everything from the filing is escaped or travels as JSON in a data
block whose ``<`` are escaped; the page's one script runs under a
Content-Security-Policy that names it by hash, allows no fetch of any kind and no
other script, so nothing from the filing can run or load, even where a sanitiser
missed something. Styles and script are inline: the file opens with no network.
"""

from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..layout.text import Layout
from ..model import CheckBox, DateValue, Diagnostic, Filing, Span, Text, XbrlFact
from ..pipeline import Parsed
from .diagnostics import format_full, summary
from .originals import region_documents
from .report_views import (
    Mark,
    Note,
    Placed,
    Region,
    View,
    ViewBuilder,
    attr,
    esc,
    render_view,
)
from .sanitize import document_css, sandbox_head
from .show import _marks as recognised_marks

SEVERITIES = ("error", "warning", "info")
FAMILIES = {
    "D": "reading the bytes", "E": "envelope and header", "B": "8-K text layout",
    "C": "cover page", "I": "items", "K": "cross-checks", "X": "exhibits", "S": "signatures",
    "A": "ASCII rules",
}


# ---------------------------------------------------------------- assets


@cache
def _asset(name: str) -> str:
    return resources.files("eightk.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _script_hash() -> str:
    digest = hashlib.sha256(_asset("report.js").encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy() -> str:
    """No fetch of any kind; styles inline; the page's own script only, by hash."""
    return (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src '{_script_hash()}'; base-uri 'none'; form-action 'none'")


def _json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block. Inside a script element
    only ``</`` (which could close it) and ``<!--`` (which changes how the rest is
    read) matter; both are written as JSON escapes, so the data reads back
    unchanged and no text of the filing can end the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------- marks


class Marks:
    """Every mark of the page, numbered; fields with the same span share one."""

    def __init__(self) -> None:
        self.items: list[Mark] = []
        self._fields: dict[tuple[int, int], int] = {}

    def field(self, span: Span | None, kind: str, label: str) -> int | None:
        if span is None:
            return None
        key = (span.start, span.end)
        if key in self._fields:
            return self._fields[key]
        self._fields[key] = mark = len(self.items)
        self.items.append(Mark(mark, kind, label, span.start, span.end))
        return mark

    def of(self, span: Span) -> int | None:
        """The mark of a field with this span, if the page has one."""
        return self._fields.get((span.start, span.end))

    def other(self, span: Span, kind: str, label: str, classes: str) -> int:
        mark = len(self.items)
        self.items.append(Mark(mark, kind, label, span.start, span.end, classes))
        return mark


def _place(views: list[View], marks: Sequence[Mark]) -> dict[int, Placed]:
    """Each mark's place in its view; marks in content nothing shows (a hidden part of
    an HTML document) get none."""
    starts = [v.start for v in views]
    out: dict[int, Placed] = {}
    for mark in marks:
        i = bisect_right(starts, mark.start) - 1
        if i < 0 or not views[i].start <= mark.start <= views[i].end:
            continue
        where = views[i].locate(mark.start, mark.end)
        if where is not None:
            out[mark.id] = Placed(mark, i, *where)
    return out


# ---------------------------------------------------------------- views


def build_views(parsed: Parsed) -> list[View]:
    """The views of the file: envelope and header, then one per document."""
    filing, source = parsed.filing, parsed.source
    text = source.text
    if filing.source.shape in ("binary", "empty") or not text.strip():
        return []
    documents = [d for d in filing.documents if d.span is not None]
    first = documents[0].span.start if documents else len(text)  # type: ignore[union-attr]
    views: list[View] = []
    if text[:first].strip():
        header = filing.header
        title = "envelope and header" if header is not None else "the file"
        detail = ("as written in the file" if header is not None or documents
                  else "as written in the file; not read as an 8-K")
        builder = ViewBuilder(View("v0", title, detail, 0, first), source)
        builder.verbatim(0, first)
        view = builder.finish()
        if header is not None and header.span is not None:
            _add_region(view, "header", "SEC header", header.span.start, header.span.end)
        _fill_regions(view, "envelope", "envelope")
        views.append(view)
    layout = parsed.layout
    for n, document in enumerate(filing.documents):
        span = document.span
        if span is None:
            continue
        later = [d.span.start for d in filing.documents[n + 1 :] if d.span is not None]
        end = later[0] if later else len(text)
        read = n == filing.body_document and layout is not None
        kind = _v(document.type) or ("8-K" if read else document.format)
        detail = (f"{document.format}, {document.size:,} characters"
                  + (f", {_v(document.filename)}" if document.filename else "")
                  + ("; read as the 8-K" if read else ""))
        if read and layout is not None and layout.kind == "html":
            detail += (" (the text layout eightk read; hover a line number for its place in "
                       "the file)")
        builder = ViewBuilder(View(f"v{len(views)}", f"{n + 1} {kind}", detail, span.start, end),
                              source)
        content = document.content_span
        if content is None:
            builder.verbatim(span.start, end)
        else:
            builder.verbatim(span.start, content.start)
            if read and layout is not None:
                builder.layout(layout)
            elif document.format == "html":
                builder.layout(_html(source, content.start, content.end))
            elif document.format in ("text", "xml", "xbrl", "empty"):
                builder.verbatim(content.start, content.end, "text")
            else:
                builder.note(f"({document.format} content, {document.size:,} characters, "
                             "not shown)", content.start, content.end)
            builder.verbatim(content.end, end)
        view = builder.finish()
        if read:
            _body_regions(view, parsed)
        _fill_regions(view, "envelope", f"document envelope ({kind})",
                      only=("envelope",))
        views.append(view)
    return views


def _html(source, start: int, end: int) -> Layout:
    from ..layout.html import render_html

    rendered = render_html(source.text, start, end)
    return Layout(rendered.text, rendered.offsets, "html", source, (start, end))


def _v(value: Text | DateValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, DateValue):
        return value.text
    return " ".join(value.value.split())


def _add_region(view: View, kind: str, label: str, start: int, end: int,
                source_range: tuple[int, int] | None = None) -> Region | None:
    where = view.locate(start, end)
    if where is None:
        return None
    first = view.line_of(where[0])
    last = view.line_of(max(where[1] - 1, where[0]))
    region = Region(f"{view.key}r{len(view.regions)}", kind, label, first, max(first, last),
                    source_range)
    view.regions.append(region)
    return region


def _fill_regions(view: View, kind: str, label: str, only: tuple[str, ...] | None = None) -> None:
    """Lines no region holds become ``kind`` (the envelope around documents)."""
    held = set()
    for region in view.regions:
        held.update(range(region.first, region.last + 1))
    for chunk in view.chunks:
        if only is not None and chunk.kind not in only:
            continue
        run: list[int] = []
        for row in range(chunk.first, chunk.first + chunk.count):
            if row in held:
                if run:
                    _fill(view, kind, label, run)
                run = []
            else:
                run.append(row)
        if run:
            _fill(view, kind, label, run)


def _fill(view: View, kind: str, label: str, rows: list[int]) -> None:
    view.regions.append(Region(f"{view.key}r{len(view.regions)}", kind, label, rows[0], rows[-1]))


def _body_regions(view: View, parsed: Parsed) -> None:
    filing, body, layout = parsed.filing, parsed.body, parsed.layout
    if body is None or layout is None:
        return
    html = layout.kind == "html"
    wanted: list[tuple[str, str, int, int]] = []
    if filing.cover is not None and filing.cover.span is not None:
        wanted.append(("cover", "cover page", filing.cover.span.start, filing.cover.span.end))
    if body.intro is not None and body.intro.span is not None:
        wanted.append(("note", "explanatory note", body.intro.span.start, body.intro.span.end))
    by_span: dict[tuple[int, int], list[str]] = defaultdict(list)
    for item in filing.items:
        if item.span is None:
            continue
        title = f"Item {item.number.value}"
        if item.canonical and item.canonical != item.number.value:
            title += f" ({item.canonical})"
        title += f" · {item.title or 'unknown item'}"
        if item.not_applicable:
            title += " · not applicable"
        by_span[(item.span.start, item.span.end)].append(title)
    for (start, end), titles in by_span.items():
        wanted.append(("item", " + ".join(titles), start, end))
    listed = [e for e in filing.exhibits if e.source == "item" and e.number.span is not None]
    if listed:  # the exhibit list of Item 9.01 (or 7), a region inside its item
        ends = [(e.description or e.number).span for e in listed]
        start = min(e.number.span.start for e in listed)  # type: ignore[union-attr]
        end = max(s.end for s in ends if s is not None)
        wanted.append(("exhibits", "exhibit list", start, end))
    for part in body.parts:
        if part.kind in ("signatures", "exhibit_index"):
            start, end = layout.source_range(part.head.start, part.end)
            kind = "signatures" if part.kind == "signatures" else "exhibits"
            wanted.append((kind, "signatures" if kind == "signatures" else "exhibit index",
                           start, end))
    wanted.sort(key=lambda w: w[2])
    for kind, label, start, end in wanted:
        _add_region(view, kind, label, start, end, (start, end) if html else None)


# ---------------------------------------------------------------- side panel


class Row(NamedTuple):
    label: str
    value: str
    mark: int | None = None
    extra: str = ""  # HTML made here (never from the filing unescaped)
    view: str | None = None  # a link to a view instead of a mark


def _text_row(marks: Marks, label: str, value: Text | DateValue | None, kind: str) -> Row | None:
    if value is None:
        return None
    shown = _v(value)
    if isinstance(value, DateValue):
        shown = f"{value.value.isoformat() if value.value else '?'}  ({value.text})"
    return Row(label, shown, marks.field(value.span, kind, label))


def _box(marks: Marks, box: CheckBox | None, label: str | None = None) -> Row | None:
    if box is None:
        return None
    state = {True: "☒ checked", False: "☐ not checked", None: "? no box found"}[box.checked]
    span = box.text.span if box.text is not None else None
    name = label or box.name.replace("-", " ")
    return Row(name, state, marks.field(span, "cover", name))


def _fields(filing: Filing, marks: Marks, views: list[View],
            diagnostics: Sequence[Diagnostic], diagnostic_ids: dict[int, int]
            ) -> list[tuple[str, list[Row]]]:
    sections: list[tuple[str, list[Row]]] = []

    def section(title: str, rows: list[Row | None]) -> None:
        kept = [r for r in rows if r is not None]
        if kept:
            sections.append((title, kept))

    # the 8-K's own recognised parts first, as ``eightk show --source`` marks them
    for span, label, kind in recognised_marks(filing):
        marks.field(span, kind, label)
    header = filing.header
    if header is not None:
        rows: list[Row | None] = [
            _text_row(marks, "accession number", header.accession_number, "header"),
            _text_row(marks, "submission type", header.submission_type, "header"),
            _text_row(marks, "period of report", header.period_of_report, "header"),
            _text_row(marks, "filed as of", header.filed_as_of, "header"),
            _text_row(marks, "accepted", header.acceptance_datetime, "header"),
            _text_row(marks, "date of change", header.date_of_change, "header"),
        ]
        for item in header.items:
            label = f"declared item {item.number or '?'}"
            rows.append(Row(label, _v(item.text), marks.field(item.text.span, "header", label)))
        for party in header.parties:
            company = party.company
            if company is not None:
                rows.append(_text_row(marks, f"{party.role.lower()} name", company.name,
                                      "header"))
                for field in ("cik", "irs_number", "state_of_incorporation", "sic_code",
                              "fiscal_year_end"):
                    rows.append(_text_row(marks, f"  {field.replace('_', ' ')}",
                                          getattr(company, field), "header"))
            for values in party.filing_values:
                rows.append(_text_row(marks, "  file number", values.file_number, "header"))
        section("Envelope header", rows)
    documents = []
    keys = {v.start: v.key for v in views}
    for n, document in enumerate(filing.documents):
        key = keys.get(document.span.start) if document.span is not None else None
        what = " · ".join(x for x in (_v(document.filename), document.format,
                                      f"{document.size:,} chars") if x)
        documents.append(Row(f"{n + 1} {_v(document.type) or document.format}", what,
                             view=key, extra=" <b>read as the 8-K</b>"
                             if n == filing.body_document else ""))
    if len(documents) > 1 or header is not None:
        section("Documents", documents)  # type: ignore[arg-type]
    cover = filing.cover
    if cover is not None:
        rows = [
            _text_row(marks, "form", cover.form_type, "cover"),
            Row("amendment", f"yes, no. {cover.amendment_number}" if cover.amendment_number
                else "yes") if cover.amendment else None,
            _text_row(marks, "date of report", cover.date_of_report, "cover"),
        ]
        for n, registrant in enumerate(cover.registrants, 1):
            prefix = f"registrant {n} " if len(cover.registrants) > 1 else ""
            for field in ("name", "state", "file_number", "irs_number", "address", "zip",
                          "phone", "former_name"):
                rows.append(_text_row(marks, prefix + field.replace("_", " "),
                                      getattr(registrant, field), "cover"))
        rows += [_box(marks, box) for box in cover.check_boxes]
        rows.append(_box(marks, cover.emerging_growth_company, "emerging growth company"))
        rows.append(_box(marks, cover.extended_transition_period, "extended transition"))
        for security in cover.securities_12b:
            value = " | ".join(_v(v) for v in (security.title, security.symbol,
                                               security.exchange))
            span = security.title.span if security.title else None
            rows.append(Row("12(b)", value, marks.field(span, "cover", "12(b) security")))
        if cover.securities_12b_section and not cover.securities_12b:
            rows.append(Row("12(b)", "none"))
        section("Cover page", rows)
    if filing.items:
        rows = []
        for item in filing.items:
            label = f"Item {item.number.value}"
            value = f"{item.canonical or '?'} {item.title or 'unknown item'}"
            flags = [item.era] + (["not applicable"] if item.not_applicable else []) + (
                ["combined heading"] if item.combined else [])
            rows.append(Row(label, value, marks.field(item.heading.span, "item",
                                                      f"Item {item.key} heading"),
                            extra=f' <span class="fl">{esc(", ".join(flags))}</span>'))
        section("Items", rows)
    if filing.exhibits:
        rows = []
        for exhibit in filing.exhibits:
            mark = marks.field(exhibit.number.span, "exhibit", f"exhibit {exhibit.number.value}")
            if exhibit.document is not None and exhibit.document < len(filing.documents):
                doc = filing.documents[exhibit.document]
                key = keys.get(doc.span.start) if doc.span is not None else None
                name = f"{_v(doc.type) or doc.format} (document {exhibit.document + 1})"
                link = (f' → <a href="#" class="to" data-view="{key}">{esc(name)}</a>' if key
                        else f" → {esc(name)}")
            elif exhibit.incorporated_by_reference:
                link = ' <span class="fl">incorporated by reference</span>'
            else:
                link = ' <span class="fl bad">not attached</span>'
            rows.append(Row(f"Exhibit {exhibit.number.value}", _v(exhibit.description), mark,
                            extra=link))
        section("Exhibits", rows)
    if filing.signatures:
        rows = []
        for n, s in enumerate(filing.signatures, 1):
            prefix = f"{n}. " if len(filing.signatures) > 1 else ""
            rows += [
                _text_row(marks, prefix + "registrant", s.registrant, "signature"),
                _text_row(marks, prefix + "signed by", s.name, "signature"),
                _text_row(marks, prefix + "title", s.title, "signature"),
                _text_row(marks, prefix + "date", s.date, "signature"),
                Row(prefix + "conformed (/s/)", "yes" if s.conformed else "no",
                    marks.field(s.signature.span if s.signature else None, "signature",
                                "signature")),
            ]
        section("Signatures", rows)
    if filing.xbrl_cover is not None:
        section("Inline XBRL (dei)", _xbrl_rows(filing, marks, diagnostics, diagnostic_ids))
    return sections


# dei fields, and the value the text gives for the same thing, where there is one
_DEI_TEXT = {
    "document_type": ("form", lambda c: c.form_type),
    "period_end_date": ("date of report", lambda c: c.date_of_report),
    "registrant_name": ("name", lambda c: _first(c, "name")),
    "state_of_incorporation": ("state", lambda c: _first(c, "state")),
    "file_number": ("file number", lambda c: _first(c, "file_number")),
    "tax_id": ("IRS number", lambda c: _first(c, "irs_number")),
    "address_line1": ("address", lambda c: _first(c, "address")),
    "postal_code": ("zip", lambda c: _first(c, "zip")),
    "local_phone": ("phone", lambda c: _first(c, "phone")),
}


def _first(cover, field: str):
    return next((getattr(r, field) for r in cover.registrants
                 if getattr(r, field) is not None), None)


def _xbrl_rows(filing: Filing, marks: Marks, diagnostics: Sequence[Diagnostic],
               diagnostic_ids: dict[int, int]) -> list[Row]:
    xbrl = filing.xbrl_cover
    assert xbrl is not None
    rows: list[Row] = []
    for field in xbrl.__struct_fields__:
        fact = getattr(xbrl, field)
        if not isinstance(fact, XbrlFact):
            continue
        label = fact.name
        mark = marks.field(fact.span, "xbrl", label)
        extra = ""
        if fact.text and fact.text != fact.value:
            extra += f' <span class="fl">shown as “{esc(fact.text)}”</span>'
        if field in _DEI_TEXT and filing.cover is not None:
            name, get = _DEI_TEXT[field]
            said = get(filing.cover)
            if said is not None:
                text_mark = marks.field(said.span, "cover", name)
                extra += (f' <span class="fl">text: <a href="#" class="to" data-go="{text_mark}">'
                          f"{esc(_v(said))}</a></span>")
        for k, d in enumerate(diagnostics):
            spans = [d.span] + [label_.span for label_ in d.labels]
            if fact.span is not None and any(
                s is not None and s.start < fact.span.end and fact.span.start < s.end
                for s in spans
            ):
                extra += (f' <a href="#" class="to bad" data-diag="{diagnostic_ids[k]}">'
                          f"✗ {esc(d.code)} disagrees</a>")
        rows.append(Row(label, fact.value or "", mark, extra))
    for security in xbrl.securities_12b:
        value = " | ".join(_v(v) for v in (security.title, security.symbol, security.exchange))
        span = security.title.span if security.title else None
        rows.append(Row("12(b) class", value, marks.field(span, "xbrl", "dei 12(b) class")))
    return rows


def _render_fields(sections: list[tuple[str, list[Row]]], placed: dict[int, Placed]) -> str:
    out: list[str] = []
    for title, rows in sections:
        out.append(f"<section><h3>{esc(title)}</h3><dl>")
        for row in rows:
            out.append(f"<dt>{esc(row.label)}</dt><dd>")
            value = esc(row.value) if row.value else '<span class="fl">—</span>'
            if row.view is not None:
                out.append(f'<a href="#" class="to" data-view="{row.view}">{value}</a>')
            elif row.mark is not None and row.mark in placed:
                where = placed[row.mark]
                title_ = "" if where.exact else ' title="in markup the text view does not show"'
                out.append(f'<a href="#" class="to" data-go="{row.mark}"{title_}>{value}</a>')
            elif row.mark is not None:
                out.append(f'<span class="np" title="not in the text eightk shows '
                           f'(hidden markup)">{value}</span>')
            else:
                out.append(value)
            out.append(row.extra + "</dd>")
        out.append("</dl></section>")
    return "".join(out)


# ---------------------------------------------------------------- diagnostics


def rich_html(text) -> str:
    """A ``rich.text.Text`` (``format_full``'s output) as escaped HTML, its styles
    as classes (``bold red`` -> ``c-bold-red``)."""
    plain = text.plain
    cuts = {0, len(plain)}
    spans = []
    for span in text.spans:
        style = str(span.style)
        if not style or span.end <= span.start:
            continue
        spans.append((span.start, span.end, "c-" + "-".join(style.split())))
        cuts.update((span.start, min(span.end, len(plain))))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        classes = " ".join(dict.fromkeys(c for s, e, c in spans if s <= a and b <= e))
        piece = esc(plain[a:b])
        out.append(f'<span class="{classes}">{piece}</span>' if classes else piece)
    return "".join(out)


def _diagnostic_list(diagnostics: Sequence[Diagnostic], parsed: Parsed, path: str,
                     primary: dict[int, int], placed: dict[int, Placed],
                     views: list[View]) -> str:
    out = []
    for k, d in enumerate(diagnostics):
        classes = f"dx sev-{d.severity} fam-{d.code[0]}"
        mark = primary.get(k)
        where = placed.get(mark) if mark is not None else None
        if where is not None and d.span is not None:
            view = views[where.view]
            shown = f"{view.title}, {_place_label(view, where, d.span, parsed.layout)}"
            go = (f'<a href="#" class="go" data-go="{mark}">go to {esc(shown)}</a>')
        elif d.span is not None:
            go = ('<span class="fl">on no rendered line (a hidden part of the HTML); the '
                  'excerpt shows its place in the file</span>')
        else:
            go = '<span class="fl">about the whole file</span>'
        rendered = format_full(d, parsed.source, path, parsed.layout)
        if rendered.plain.endswith("\n"):
            rendered.right_crop(1)
        block = rich_html(rendered)
        out.append(f'<li class="{classes}" id="d{k}"><pre>{block}</pre>{go}</li>')
    return "".join(out)


def _place_label(view: View, where: Placed, span: Span, layout: Layout | None) -> str:
    """Where a diagnostic is, worded as ``check`` words it: the file's line:column and,
    in an HTML document, the rendered line the page shows it on (for the 8-K that
    ``check`` read, the same number as its ``(rendered line N)``)."""
    at = f"{span.line}:{span.column}"
    line = view.line_of(where.start)
    for n, chunk in enumerate(view.chunks):
        if chunk.first <= line < chunk.first + chunk.count:
            rendered = line - chunk.first + 1
            if chunk.kind == "html":
                own = view.pieces[n].layout is layout
                return f"{at} (rendered line {rendered}{'' if own else ' of this document'})"
            if chunk.kind == "note":
                return f"{at}, in content this page does not show"
    return at


def _note_html(d: Diagnostic, k: int) -> str:
    label = next((lb.message for lb in d.labels if lb.primary), "")
    text = f"{d.severity}[{d.code}]: {d.message}" + (f" — {label}" if label else "")
    return f'<a href="#" class="tod" data-diag="{k}">{esc(text)}</a>'


# ---------------------------------------------------------------- the page


class Plan(NamedTuple):
    """What the page shows and where: views, numbered marks, the side panel's rows,
    each diagnostic's mark (by its index) and every mark's place."""

    views: list[View]
    marks: Marks
    sections: list[tuple[str, list[Row]]]
    primary: dict[int, int]
    placed: dict[int, Placed]


def plan(parsed: Parsed, diagnostics: Sequence[Diagnostic]) -> Plan:
    """The views of ``parsed``, a mark for every field and diagnostic, and the place
    of each (in an HTML 8-K, on the rendered line ``check`` names)."""
    views = build_views(parsed)
    marks = Marks()
    diagnostic_ids = {k: k for k in range(len(diagnostics))}
    sections = _fields(parsed.filing, marks, views, diagnostics, diagnostic_ids)
    primary: dict[int, int] = {}
    for k, d in enumerate(diagnostics):
        classes = f"dg sev-{d.severity} fam-{d.code[0]}"
        if d.span is not None:
            primary[k] = marks.other(d.span, "diag", f"{d.code} {d.name}: {d.message}",
                                     classes)
        for label in d.labels:
            if label.primary and d.span is not None and label.span == d.span:
                continue
            marks.other(label.span, "label", f"{d.code}: {label.message}",
                        f"sev-{d.severity} fam-{d.code[0]}")
    return Plan(views, marks, sections, primary, _place(views, marks.items))


def build_report(parsed: Parsed, diagnostics: Sequence[Diagnostic], *, path: str | None = None,
                 severity: str = "warning") -> str:
    """The HTML page for one parsed file and its diagnostics (``validate``'s)."""
    filing = parsed.filing
    shown_path = path or filing.source.path or "-"
    views, _, sections, primary, placed = plan(parsed, diagnostics)
    notes: dict[int, dict[int, list[Note]]] = defaultdict(lambda: defaultdict(list))
    for k, d in enumerate(diagnostics):
        where = placed.get(primary.get(k, -1))
        if where is not None:
            view = views[where.view]
            notes[where.view][view.line_of(where.start)].append(
                Note(_note_html(d, k), f"sev-{d.severity} fam-{d.code[0]}"))
    originals = _originals(parsed, views)
    per_view: dict[int, list[Placed]] = defaultdict(list)
    for p in placed.values():
        per_view[p.view].append(p)
    counts: dict[int, Counter] = defaultdict(Counter)
    for k, d in enumerate(diagnostics):
        where = placed.get(primary.get(k, -1))
        if where is not None:
            counts[where.view][d.severity] += 1
    view_html = []
    first = _first_view(filing, views)
    for i, view in enumerate(views):
        body = render_view(view, per_view[i], notes[i], set(originals) - {"head"})
        view_html.append(
            f'<div class="view" id="{view.key}"{"" if i == first else " hidden"}>'
            f'<div class="vh"><b>{esc(view.title)}</b> <span class="fl">{esc(view.detail)}</span>'
            f'</div><div class="split"><div class="lines">{body}</div>'
            f'<div class="orig-pane" hidden></div></div></div>')
    nav = []
    for i, view in enumerate(views):
        badge = "".join(f'<span class="b sev-{s}">{n}</span>'
                        for s in SEVERITIES if (n := counts[i][s]))
        nav.append(f'<li><a href="#" data-view="{view.key}" title="{attr(view.detail)}">'
                   f"{esc(view.title)}</a>{badge}</li>")
    return _page(
        parsed=parsed, path=shown_path, diagnostics=diagnostics, severity=severity,
        diagnostic_list=_diagnostic_list(diagnostics, parsed, shown_path, primary, placed,
                                         views),
        nav="".join(nav), views="".join(view_html),
        fields=_render_fields(sections, placed), originals=originals,
    )


def _first_view(filing: Filing, views: list[View]) -> int:
    """The view shown first: the 8-K document when one was read."""
    if filing.body_document is not None:
        body = filing.documents[filing.body_document]
        for i, view in enumerate(views):
            if body.span is not None and view.start == body.span.start:
                return i
    return 0


def _originals(parsed: Parsed, views: list[View]) -> dict[str, str]:
    """Region id -> the safe original HTML of that region (HTML 8-K documents only)."""
    layout, filing = parsed.layout, parsed.filing
    if layout is None or layout.kind != "html" or filing.body_document is None:
        return {}
    document = filing.documents[filing.body_document]
    content = document.content_span
    if content is None:
        return {}
    regions = [region for view in views for region in view.regions if region.source]
    if not regions:
        return {}
    text = parsed.source.text
    css = document_css(text[content.start : min(content.end, content.start + 200_000)])
    pages = region_documents(text, content.start, content.end,
                             [r.source for r in regions if r.source])
    return {"head": sandbox_head(css), **{r.id: page for r, page in zip(regions, pages,
                                                                          strict=True)}}


def _page(*, parsed: Parsed, path: str, diagnostics: Sequence[Diagnostic], severity: str,
          diagnostic_list: str, nav: str, views: str, fields: str,
          originals: dict[str, str]) -> str:
    from .. import __version__  # looked up when needed (see eightk.__getattr__)

    filing = parsed.filing
    source = filing.source
    counts = Counter(d.severity for d in diagnostics)
    families = Counter(d.code[0] for d in diagnostics)
    threshold = SEVERITIES.index(severity) if severity in SEVERITIES else 1
    hidden = [s for s in SEVERITIES if SEVERITIES.index(s) > threshold]
    sev_filters = "".join(
        f'<label class="sev-{s}"><input type="checkbox" data-sev="{s}"'
        f'{"" if s in hidden else " checked"}> {s} <span class="n">{counts[s]}</span></label>'
        for s in SEVERITIES)
    fam_filters = "".join(
        f'<label title="{attr(FAMILIES.get(f, ""))}"><input type="checkbox" data-fam="{f}" '
        f'checked> {f} <span class="n">{families[f]}</span></label>'
        for f in sorted(families))
    facts = (f"{source.shape}, {source.encoding}, {source.line_ends} line ends, "
             f"{source.size:,} bytes")
    if not views:
        views = ('<div class="view" id="none"><div class="vh"><b>nothing to show as text</b>'
                 f'</div><p class="empty">{esc(_unreadable(filing, diagnostics))}</p></div>')
    body_classes = " ".join(f"hs-{s}" for s in hidden)
    data = _json({"originals": originals})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eightk report: {esc(path)}</title>
<style>{_asset("report.css")}</style>
</head>
<body class="{body_classes}">
<header class="top">
<h1>eightk report <span class="path">{esc(path)}</span></h1>
<p class="facts">{esc(facts)} · eightk {esc(__version__)}</p>
<p class="summary">{rich_html(summary(path, diagnostics, filing))}</p>
</header>
<section class="problems" aria-label="diagnostics">
<div class="filters"><b>Diagnostics</b> {sev_filters} <span class="sep">families:</span>
{fam_filters} <span class="shown"></span></div>
<ol class="dlist">{diagnostic_list}</ol>
</section>
<main>
<nav class="docs" aria-label="documents"><h2>Documents</h2><ol>{nav}</ol>
<h2>Key</h2><ul class="key">{_key()}</ul></nav>
<section class="views">{views}</section>
<aside class="fields" aria-label="extracted fields"><h2>Fields</h2>{fields}</aside>
</main>
<script type="application/json" id="eightk-data">{data}</script>
<script>{_asset("report.js")}</script>
</body></html>
"""


def _key() -> str:
    parts = [("rg-header", "SEC header"), ("rg-envelope", "envelope"), ("rg-cover", "cover page"),
             ("rg-note", "explanatory note"), ("rg-item", "item"),
             ("rg-signatures", "signatures"), ("rg-exhibits", "exhibit list or index")]
    marks = [("k-cover", "cover field"), ("k-item", "item heading"), ("k-exhibit", "exhibit"),
             ("k-signature", "signature"), ("k-header", "header field"),
             ("k-xbrl", "XBRL fact"), ("k-diag sev-error", "error"),
             ("k-diag sev-warning", "warning"), ("k-diag sev-info", "info")]
    return "".join(
        [f'<li><span class="sw rg {c}"></span>{esc(t)}</li>' for c, t in parts]
        + [f'<li><span class="m {c}">abc</span> {esc(t)}</li>' for c, t in marks])


def _unreadable(filing: Filing, diagnostics: Sequence[Diagnostic]) -> str:
    shape = filing.source.shape
    if shape == "binary":
        why = next((d.message for d in diagnostics if d.name == "binary-input"), "binary data")
        return f"eightk read no text from this file: {why}."
    if shape == "empty":
        return "The file is empty or holds only blank lines: there is nothing to read."
    return "eightk found no text to show in this file."
