"""``eightk show``: what the parser understood, as rich tables, or over the source.

``show_tables`` lays the filing out as panels and tables (envelope, cover page,
items, exhibits, signatures, diagnostics). ``show_source`` prints the 8-K text
with every recognised part highlighted and labelled in the margin, so a person
debugging a filing sees exactly what was read and where. For HTML documents the
rendered text layout is shown (the HTML itself is unreadable), with the spans
mapped back into it.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from ..model import DateValue, Filing, Span, Text
from ..pipeline import Parsed
from ..vocab.glyphs import shown


def _v(value: Text | DateValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, DateValue):
        return f"{value.value or '?'}  ({value.text})"
    return " ".join(value.value.split())


def _line(value: Text | DateValue | None) -> str:
    return str(value.span.line) if value is not None and value.span is not None else ""


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def show_tables(parsed: Parsed, console: Console, diagnostics=()) -> None:
    filing = parsed.filing
    console.print(_envelope(filing))
    if filing.cover is not None:
        console.print(_cover(filing))
    if filing.items:
        items = _table("Items", "item", "canonical", "era", "title as written", "line", "text")
        for item in filing.items:
            body = _v(item.body)
            items.add_row(
                item.number.value, item.canonical or "?", item.era,
                _v(item.title_as_written) or (item.title or ""), _line(item.heading),
                "not applicable" if item.not_applicable else body[:70]
                + ("…" if len(body) > 70 else ""),
            )
        console.print(items)
    if filing.exhibits:
        exhibits = _table("Exhibits", "number", "description", "attached as", "line")
        for exhibit in filing.exhibits:
            doc = filing.documents[exhibit.document] if exhibit.document is not None else None
            attached = (doc.type.value if doc and doc.type else "") if doc else (
                "by reference" if exhibit.incorporated_by_reference else "-")
            exhibits.add_row(exhibit.number.value, _v(exhibit.description), attached,
                             _line(exhibit.number))
        console.print(exhibits)
    if filing.signatures:
        signatures = _table("Signatures", "registrant", "name", "title", "date", "/s/", "line")
        for s in filing.signatures:
            signatures.add_row(_v(s.registrant), _v(s.name), _v(s.title),
                               str(s.date.value) if s.date and s.date.value else _v(s.date),
                               "yes" if s.conformed else "NO", _line(s.signature or s.name))
        console.print(signatures)
    if diagnostics:
        problems = _table("Problems", "code", "severity", "line", "message")
        for d in diagnostics:
            problems.add_row(d.code, d.severity, str(d.span.line) if d.span else "", d.message)
        console.print(problems)


def _envelope(filing: Filing) -> Panel:
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="bold")
    rows.add_column()
    source = filing.source
    rows.add_row("file", source.path or "-")
    rows.add_row("shape", f"{source.shape}, {source.encoding}, {source.line_ends} line ends, "
                          f"{source.size:,} bytes")
    header = filing.header
    if header is not None:
        rows.add_row("accession", _v(header.accession_number))
        rows.add_row("form", _v(header.submission_type))
        rows.add_row("period", _v(header.period_of_report))
        rows.add_row("filed", _v(header.filed_as_of))
        rows.add_row("declared items", ", ".join(
            f"{i.number or '?'} ({_v(i.text)})" for i in header.items) or "-")
        for party in header.parties:
            company = party.company
            if company is not None:
                rows.add_row(party.role, f"{_v(company.name)}  CIK {_v(company.cik)}  "
                                         f"IRS {_v(company.irs_number)}  "
                                         f"{_v(company.state_of_incorporation)}")
    docs = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("#", "type", "format", "size", "file", "read"):
        docs.add_column(column)
    for i, doc in enumerate(filing.documents):
        docs.add_row(str(i), _v(doc.type), doc.format, f"{doc.size:,}", _v(doc.filename),
                     "yes" if doc.parsed else "")
    return Panel(Group(rows, docs), title="envelope", title_align="left")


def _cover(filing: Filing) -> Panel:
    cover = filing.cover
    assert cover is not None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_column(style="dim")
    grid.add_row("form", _v(cover.form_type) + (" (amendment)" if cover.amendment else ""),
                 _line(cover.form_type))
    grid.add_row("date of report", _v(cover.date_of_report), _line(cover.date_of_report))
    for n, registrant in enumerate(cover.registrants, 1):
        grid.add_row(f"registrant {n}" if len(cover.registrants) > 1 else "registrant", "", "")
        for field in ("name", "state", "file_number", "irs_number", "address", "zip", "phone",
                      "former_name"):
            value = getattr(registrant, field)
            grid.add_row(f"  {field.replace('_', ' ')}", _v(value), _line(value))
    for box_ in cover.check_boxes:
        state = shown(box_.checked)
        grid.add_row(f"  {box_.name}", state, _line(box_.text))
    for box_ in (cover.emerging_growth_company, cover.extended_transition_period):
        if box_ is not None:
            grid.add_row(f"  {box_.name}", shown(box_.checked),
                         _line(box_.text))
    for security in cover.securities_12b:
        grid.add_row("  12(b)", " | ".join(_v(v) for v in (security.title, security.symbol,
                                                           security.exchange)),
                     _line(security.title))
    return Panel(grid, title="cover page", title_align="left")


# ---------------------------------------------------------------- --source

_STYLES = {
    "cover": "bold green", "item": "bold magenta", "item-body": "", "exhibit": "cyan",
    "signature": "bold yellow", "diagnostic": "reverse red",
}


def _marks(filing: Filing) -> Iterator[tuple[Span, str, str]]:
    cover = filing.cover
    if cover is not None:
        if cover.form_type and cover.form_type.span:
            yield cover.form_type.span, "form", "cover"
        if cover.date_of_report and cover.date_of_report.span:
            yield cover.date_of_report.span, "date of report", "cover"
        for registrant in cover.registrants:
            for field in ("name", "state", "file_number", "irs_number", "address", "zip",
                          "phone", "former_name"):
                value = getattr(registrant, field)
                if value is not None and value.span is not None:
                    yield value.span, field.replace("_", " "), "cover"
        for box_ in cover.check_boxes:
            if box_.text and box_.text.span:
                yield box_.text.span, f"box {box_.name}: {box_.checked}", "cover"
    for item in filing.items:
        if item.heading.span:
            yield item.heading.span, f"Item {item.key} heading", "item"
    for exhibit in filing.exhibits:
        if exhibit.number.span:
            yield exhibit.number.span, f"exhibit {exhibit.number.value}", "exhibit"
        if exhibit.description and exhibit.description.span:
            yield exhibit.description.span, "description", "exhibit"
    for s in filing.signatures:
        for value, what in ((s.registrant, "signing registrant"), (s.signature, "signature"),
                            (s.name, "signer"), (s.title, "title"), (s.date, "signed")):
            if value is not None and value.span is not None:
                yield value.span, what, "signature"


def show_source(parsed: Parsed, console: Console, diagnostics=()) -> None:
    layout = parsed.layout
    if layout is None:
        console.print("no 8-K text was read from this file")
        return
    text = layout.text
    html = layout.kind == "html"
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    rendered = [RichText(line) for line in lines]
    margin: list[list[str]] = [[] for _ in lines]
    marks = list(_marks(parsed.filing))
    marks += [(d.span, f"{d.code} {d.name}", "diagnostic") for d in diagnostics if d.span]
    import bisect

    for span, label, kind in marks:
        start = _to_layout(layout, span.start)
        end = _to_layout(layout, max(span.end - 1, span.start)) + 1
        if start is None or end is None:
            continue
        row = bisect.bisect_right(starts, start) - 1
        if not 0 <= row < len(lines):
            continue
        while row < len(lines) and starts[row] < end:
            a = max(start, starts[row]) - starts[row]
            b = min(end, starts[row] + len(lines[row])) - starts[row]
            if b > a:
                rendered[row].stylize(_STYLES[kind], a, b)
            row += 1
        first = bisect.bisect_right(starts, start) - 1
        margin[first].append(label)
    base_line = 0 if html else layout.source.index.line_col(layout.offsets.to_source(0))[0] - 1
    width = len(str(base_line + len(lines)))
    if html:
        console.print("(HTML document: showing the text layout the grammar read; line numbers "
                      "are layout lines)", style="dim")
    for n, (line, labels) in enumerate(zip(rendered, margin, strict=True)):
        out = RichText(f"{base_line + n + 1:>{width}} │ ", style="dim")
        out.append_text(line)
        if labels:
            out.append("   ◂ " + "; ".join(labels), style="dim italic")
        console.print(out, soft_wrap=True, highlight=False)


def _to_layout(layout, source_offset: int) -> int | None:
    """Layout offset of a source offset (inverse of the layout's offset map)."""
    segments = layout.offsets.segments
    if len(segments) == 1:
        start, source, _ = segments[0]
        offset = source_offset - source + start
        return offset if 0 <= offset <= len(layout.text) else None
    best = None
    for i, (start, source, copied) in enumerate(segments):
        end = segments[i + 1][0] if i + 1 < len(segments) else len(layout.text)
        length = end - start
        if copied and source <= source_offset < source + length:
            return start + source_offset - source
        if not copied and source == source_offset and best is None:
            best = start
    return best
