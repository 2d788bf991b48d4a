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
from rich.cells import cell_len
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


def _position(span: Span | None, html: bool) -> str:
    """Where a value is: its line in a text filing; in an HTML document its source
    line:column and its rendered line, as ``48:190 / 33`` (what `eightk check` gives
    as ``48:190 (rendered line 33)``); ``12:5 / -`` for a place outside the HTML
    document (in the EDGAR header, say)."""
    if span is None:
        return ""
    if not html:
        return str(span.line)
    rendered = "-" if span.rendered_line is None else str(span.rendered_line)
    return f"{span.line}:{span.column} / {rendered}"


def _line(value: Text | DateValue | None, html: bool = False) -> str:
    return _position(value.span if value is not None else None, html)


def _position_header(html: bool) -> str:
    return "line:col /\nrendered" if html else "line"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for column in columns:
        # a position is one unit ("48:190 / 33"); other cells wrap between words
        table.add_column(column, overflow="fold", no_wrap=column in _POSITION_HEADERS)
    return table


_POSITION_HEADERS = {"line", "line:col /\nrendered"}


def _words(text: str) -> list[str]:
    """The units a wrapped cell cannot cut: its words, the first with its indent."""
    words = text.split()
    if words and text[:1] == " ":
        words[0] = text[: len(text) - len(text.lstrip())] + words[0]
    return words


def _fit(table: Table, rows: list[list[str]], width: int) -> bool:
    """Fix the widths of ``table``'s columns so that no word is cut: each column at
    least its longest word (a ``no_wrap`` column its longest cell), the rest of
    ``width`` shared by how much more each column would take. False when even the
    longest words do not fit side by side."""
    headers = [str(column.header) for column in table.columns]
    cells = [[headers[i], *(row[i] for row in rows)] for i in range(len(headers))]
    least = [max((cell_len(w) for c in col
                  for w in (c.split("\n") if column.no_wrap else _words(c))), default=1)
             for col, column in zip(cells, table.columns, strict=True)]
    most = [max((max((cell_len(line) for line in c.split("\n")), default=0) for c in col),
                default=1) for col in cells]
    most = [max(a, b) for a, b in zip(least, most, strict=True)]
    overhead = table._extra_width + sum(  # rich's own padding and rules between columns
        table._get_padding_width(i) for i in range(len(headers)))
    room = width - overhead
    if sum(least) > room:
        return False
    widths = list(least)
    spare = room - sum(widths)
    wants = [b - a for a, b in zip(least, most, strict=True)]
    while spare > 0 and any(wants):
        total = sum(wants)
        given = 0
        for i, want in enumerate(wants):
            share = min(want, max(1, spare * want // total)) if want else 0
            share = min(share, spare - given)
            widths[i] += share
            wants[i] -= share
            given += share
        spare -= given
        if given == 0:
            break
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    return True


def _print_table(console: Console, title: str, columns: list[str], rows: list[list[str]],
                 ) -> None:
    """A table, or, where its columns cannot fit without cutting words, one block per
    row (``column  value`` lines)."""
    table = _table(title, *columns)
    if _fit(table, rows, console.width):
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    console.print(RichText(title, style="bold"))
    for n, row in enumerate(rows):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold", no_wrap=False)
        for column, value in zip(columns, row, strict=True):
            if value:
                grid.add_row(column.replace("\n", " "), value)
        console.print(grid)
        if n + 1 < len(rows):
            console.print()


def show_tables(parsed: Parsed, console: Console, diagnostics=()) -> None:
    filing = parsed.filing
    html = parsed.layout is not None and parsed.layout.kind == "html"
    where = _position_header(html)
    console.print(_envelope(filing, console.width))
    if filing.cover is not None:
        console.print(_cover(filing, html, console.width))
    if filing.items:
        rows = []
        for item in filing.items:
            body = _v(item.body)
            rows.append([
                item.number.value, item.canonical or "?", item.era,
                _v(item.title_as_written) or (item.title or ""), _line(item.heading, html),
                "not applicable" if item.not_applicable else body[:70]
                + ("…" if len(body) > 70 else ""),
            ])
        _print_table(console, "Items",
                     ["item", "canonical", "era", "title as written", where, "text"], rows)
    if filing.exhibits:
        rows = []
        for exhibit in filing.exhibits:
            doc = filing.documents[exhibit.document] if exhibit.document is not None else None
            attached = (doc.type.value if doc and doc.type else "") if doc else (
                "by reference" if exhibit.incorporated_by_reference else "-")
            rows.append([exhibit.number.value, _v(exhibit.description), attached,
                         _line(exhibit.number, html)])
        _print_table(console, "Exhibits", ["number", "description", "attached as", where],
                     rows)
    if filing.signatures:
        rows = []
        for sig in filing.signatures:
            rows.append([_v(sig.registrant), _v(sig.name), _v(sig.title),
                         str(sig.date.value) if sig.date and sig.date.value else _v(sig.date),
                         "yes" if sig.conformed else "NO",
                         _line(sig.signature or sig.name, html)])
        _print_table(console, "Signatures",
                     ["registrant", "name", "title", "date", "/s/", where], rows)
    if diagnostics:
        rows = [[d.code, d.severity, _position(d.span, html), d.message] for d in diagnostics]
        _print_table(console, "Problems", ["code", "severity", where, "message"], rows)


def _grid(rows: list[list[str]], width: int, styles: tuple[str, ...]):
    """Label/value rows side by side, or, where the longest label and word cannot
    sit side by side, one wrapped line per row (``label  value  position``)."""
    grid = Table.grid(padding=(0, 2))
    for n, style in enumerate(styles):
        grid.add_column(style=style, overflow="fold", no_wrap=n == 2)
    longest = max((cell_len(row[1]) for row in rows), default=0)
    # side by side only while the values keep a readable width (long check-box
    # labels would squeeze them to a word a line)
    if _fit(grid, rows, width) and (grid.columns[1].width or 0) >= min(longest, 24):
        for row in rows:
            grid.add_row(*row)
        return grid
    lines = []
    for row in rows:
        line = RichText(no_wrap=False, overflow="fold")
        for n, (cell, style) in enumerate(zip(row, styles, strict=True)):
            if cell:
                line.append(("  " if n and line else "") + cell, style=style)
        lines.append(line)
    return Group(*lines)


def _envelope(filing: Filing, width: int) -> Panel:
    rows: list[list[str]] = []
    source = filing.source
    rows.append(["file", source.path or "-"])
    rows.append(["shape", f"{source.shape}, {source.encoding}, {source.line_ends} line ends, "
                          f"{source.size:,} bytes"])
    header = filing.header
    if header is not None:
        rows.append(["accession", _v(header.accession_number)])
        rows.append(["form", _v(header.submission_type)])
        rows.append(["period", _v(header.period_of_report)])
        rows.append(["filed", _v(header.filed_as_of)])
        rows.append(["declared items", ", ".join(
            f"{i.number or '?'} ({_v(i.text)})" for i in header.items) or "-"])
        for party in header.parties:
            company = party.company
            if company is not None:
                rows.append([party.role, f"{_v(company.name)}  CIK {_v(company.cik)}  "
                                         f"IRS {_v(company.irs_number)}  "
                                         f"{_v(company.state_of_incorporation)}"])
    inner = width - 4  # the panel's border and padding
    grid = _grid(rows, inner, ("bold", ""))
    docs = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("#", "type", "format", "size", "file", "read"):
        docs.add_column(column, overflow="fold")
    doc_rows = [[str(i), _v(doc.type), doc.format, f"{doc.size:,}", _v(doc.filename),
                 "yes" if doc.parsed else ""] for i, doc in enumerate(filing.documents)]
    _fit(docs, doc_rows, inner)
    for row in doc_rows:
        docs.add_row(*row)
    return Panel(Group(grid, docs), title="envelope", title_align="left")


def _cover(filing: Filing, html: bool, width: int) -> Panel:
    cover = filing.cover
    assert cover is not None
    rows: list[list[str]] = []
    rows.append(["form", _v(cover.form_type) + (" (amendment)" if cover.amendment else ""),
                 _line(cover.form_type, html)])
    rows.append(["date of report", _v(cover.date_of_report), _line(cover.date_of_report, html)])
    for n, registrant in enumerate(cover.registrants, 1):
        rows.append([f"registrant {n}" if len(cover.registrants) > 1 else "registrant", "", ""])
        for field in ("name", "state", "file_number", "irs_number", "address", "zip", "phone",
                      "former_name"):
            value = getattr(registrant, field)
            rows.append([f"  {field.replace('_', ' ')}", _v(value), _line(value, html)])
    for box_ in cover.check_boxes:
        rows.append([f"  {box_.name}", shown(box_.checked), _line(box_.text, html)])
    for box_ in (cover.emerging_growth_company, cover.extended_transition_period):
        if box_ is not None:
            rows.append([f"  {box_.name}", shown(box_.checked), _line(box_.text, html)])
    for security in cover.securities_12b:
        rows.append(["  12(b)", " | ".join(_v(v) for v in (security.title, security.symbol,
                                                            security.exchange)),
                     _line(security.title, html)])
    grid = _grid(rows, width - 4, ("bold", "", "dim"))
    return Panel(grid, title="cover page", title_align="left",
                 subtitle="[dim]line:col / rendered[/dim]" if html else None,
                 subtitle_align="right")


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
    if html:  # the rendered line is the gutter's number; the source place goes with the label
        marks = [(span, f"{label} ({span.line}:{span.column})", kind)
                 for span, label, kind in marks]
    import bisect

    for span, label, kind in marks:
        start = layout.place(span.start, span.end) if layout.covers(span.start) else None
        if start is None:
            continue
        last = layout.to_layout(max(span.end - 1, span.start))
        end = max(last + 1 if last is not None else start + 1, start + 1)
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
        console.print("(HTML document: the text layout the grammar read, numbered by rendered "
                      "line as `eightk check` gives it; each mark ends with its source "
                      "line:column)", style="dim")
    for n, (line, labels) in enumerate(zip(rendered, margin, strict=True)):
        out = RichText(f"{base_line + n + 1:>{width}} │ ", style="dim")
        out.append_text(line)
        if labels:
            out.append("   ◂ " + "; ".join(labels), style="dim italic")
        console.print(out, soft_wrap=True, highlight=False)
