"""Item rules: numbers unknown or out of era, duplicates, declared vs found, empty."""

from __future__ import annotations

from collections.abc import Iterator

from ..body.items import part_keys
from ..body.lines import head_of, kinds_of
from ..model import Diagnostic, Item
from ..vocab import items as vocab
from . import Context, rule


def _era_day(ctx: Context):
    # The event decides which form applied: an 8-K/A of a 2003 event filed in 2006
    # still uses the old items.
    return ctx.event or ctx.filed


@rule("unknown-item")
def unknown(ctx: Context) -> Iterator[Diagnostic]:
    for item in ctx.filing.items:
        if vocab.definition(item.key) is None:
            hint = ""
            major, _, minor = item.key.partition(".")
            if minor and len(minor) == 1 and vocab.definition(f"{major}.0{minor}"):
                hint = f"; did you mean `{major}.0{minor}`?"
            yield ctx.report(
                "unknown-item", f"`Item {item.number.value}` is not an item of Form 8-K{hint}",
                item.number.span, label="not an item number",
            )


@rule("item-wrong-era")
def wrong_era(ctx: Context) -> Iterator[Diagnostic]:
    day = _era_day(ctx)
    if day is None:
        return
    for item in ctx.filing.items:
        definition = vocab.definition(item.key)
        if definition is None or vocab.exists_on(item.key, day):
            continue
        if vocab.era_of_key(item.key) != vocab.era_of(day):
            why = ("items were renumbered N.NN on 2004-08-23"
                   if item.era == "pre-2004" else "decimal items start on 2004-08-23")
        elif definition.since and day < definition.since:
            why = f"Item {item.key} exists from {definition.since}"
        else:
            why = f"Item {item.key} was withdrawn before {day}"
        yield ctx.report(
            "item-wrong-era",
            f"`Item {item.number.value}` did not exist on {day}: {why}",
            item.number.span, label=f"not an item on {day}",
            note=(f"the post-2004 number is {item.canonical}"
                  if item.era == "pre-2004" and item.canonical else None),
        )


def _signed_at(ctx: Context) -> int | None:
    """Source offset where the signature block begins, if the text has one (a
    SIGNATURES heading, or the first signature read without one)."""
    body, layout = ctx.body, ctx.layout
    if body is None or layout is None:
        return None
    kinds = kinds_of(body.parts)  # (a dense body's parts: none made)
    if "signatures" in kinds:
        head = head_of(body.parts, kinds.index("signatures"))
        return layout.span(head.start, head.end).start
    spans = [s.span.start for s in ctx.filing.signatures if s.span is not None]
    return min(spans) if spans else None


def _continues_after_signatures(ctx: Context, item: Item, earlier: set[str]) -> bool:
    """1994 reports often attach the financial statements after the signatures
    under the item's heading again: a continuation, not a second report."""
    signed = ctx.once(_signed_at)  # (asked for each repeated item)
    return (signed is not None and item.heading.span is not None
            and item.heading.span.start > signed and item.key in earlier)


@rule("duplicate-item")
def duplicates(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, Item] = {}
    continued: set[str] = set()  # one continuation after the signatures per item
    # one message string per item number: a dense body repeats its items thousands
    # of times, each repeat a diagnostic
    messages: dict[str, str] = {}
    for item in ctx.filing.items:
        first = seen.get(item.key)
        if (first is not None and item.key not in continued
                and _continues_after_signatures(ctx, item, set(seen))):
            continued.add(item.key)
            continue
        if first is not None and first.heading.span != item.heading.span:
            message = messages.get(item.key)
            if message is None:
                message = messages[item.key] = f"`Item {item.key}` has a second heading"
            yield ctx.report(
                "duplicate-item", message,
                item.heading.span, label="second heading",
                secondary=[(first.heading.span, "first heading")],
            )
        seen.setdefault(item.key, item)


def _declared(ctx: Context) -> dict[str, object]:
    header = ctx.header
    if header is None:
        return {}
    out = {}
    for declared in header.items:
        if declared.number:
            out[declared.canonical or declared.number] = declared
    return out


@rule("declared-item-missing")
def declared_missing(ctx: Context) -> Iterator[Diagnostic]:
    declared = _declared(ctx)
    items = ctx.filing.items
    if not declared or not items or ctx.layout is None:
        return
    found = {i.canonical or i.key for i in items}
    for key, item in declared.items():
        if key not in found:
            yield ctx.report(
                "declared-item-missing",
                f"the header declares `{item.text.value}` (Item {item.number}) but the text "  # type: ignore[attr-defined]
                "has no heading for it",
                item.text.span, label="declared here",  # type: ignore[attr-defined]
            )


@rule("undeclared-item")
def undeclared(ctx: Context) -> Iterator[Diagnostic]:
    declared = _declared(ctx)
    if not declared:
        return
    missing = [item for item in ctx.filing.items
               if not item.not_applicable and (item.canonical or item.key) not in declared
               and vocab.definition(item.key) is not None]  # unknown-item says it better
    # An empty "ITEM INFORMATION:" line declares an item EDGAR could not name
    # (Item 12 in 2003-2004): as many undeclared items as such lines are accounted for.
    blank = ctx.header.blank_item_lines if ctx.header is not None else 0
    if len(missing) <= blank:
        return
    for item in missing:
        yield ctx.report(
            "undeclared-item",
            f"`Item {item.key}` is reported in the text but not declared in the header",
            item.number.span, label="not in the header's ITEM INFORMATION",
        )


@rule("empty-item")
def empty(ctx: Context) -> Iterator[Diagnostic]:
    for item in ctx.filing.items:
        heading = item.heading.value.rstrip()
        if heading.endswith((";", ",")) or heading.lower().endswith(" and"):
            continue  # "Item 1.01 ...;" / "Item 2.03 ...": one heading over two lines
        if item.body is None and not item.not_applicable:
            yield ctx.report(
                "empty-item", f"`Item {item.key}` has a heading but no text", item.heading.span,
                label="nothing under this heading",
            )


@rule("item-after-signatures")
def after_signatures(ctx: Context) -> Iterator[Diagnostic]:
    body, layout = ctx.body, ctx.layout
    if body is None or layout is None:
        return
    # parts by index and headings alone: a dense body's kept parts are not all made
    parts = body.parts
    kinds = kinds_of(parts)
    if "signatures" not in kinds:
        return
    at = kinds.index("signatures")
    later = [i for i in range(at + 1, len(kinds)) if kinds[i] == "item"]
    if not later:
        return  # most filings: the numbers of the items before the signatures not needed
    signed = head_of(parts, at)
    before: set[str] = set()
    for i in range(at):
        if kinds[i] == "item":
            before.update(part_keys(parts, i))
    for i in later:
        if set(part_keys(parts, i)) <= before:
            continue  # the item's financial statements, attached after the signatures
        head = head_of(parts, i)
        yield ctx.report(
            "item-after-signatures", "an item heading follows the signature block",
            layout.span(head.start, head.end), label="item heading",
            secondary=[(layout.span(signed.start, signed.end), "signatures start here")],
        )
        return
