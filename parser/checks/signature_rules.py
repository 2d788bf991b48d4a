"""Signature rules: a signature block exists, is conformed, and is dated with a real date
that is not before the event."""

from __future__ import annotations

from collections.abc import Iterator

from ..body.lines import kinds_of
from ..model import Diagnostic
from . import Context, rule


@rule("missing-signatures")
def missing(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.layout is None or not ctx.filing.items or ctx.filing.signatures:
        return
    body = ctx.body
    headed = body is not None and "signatures" in kinds_of(body.parts)  # (no part made)
    last = body.parts[-1] if body is not None and body.parts else None
    end = len(ctx.layout.text.rstrip())  # where the text stops, the block was due
    at = ctx.layout.span(end, end)
    if headed:
        message = "the SIGNATURES section has no signature in it"
        label = "expected `By: /s/ Name` in the signature block"
    else:
        message = "the 8-K text has no signature block"
        label = "expected `SIGNATURES` by here"
    secondary = []
    if last is not None and last.kind == "item":
        secondary.append((ctx.layout.span(last.head.start, last.head.end),
                          "the last item starts here"))
    yield ctx.report("missing-signatures", message, at, label=label, secondary=secondary)


@rule("unconformed-signature")
def unconformed(ctx: Context) -> Iterator[Diagnostic]:
    for signature in ctx.filing.signatures:
        if signature.conformed:
            continue
        where = signature.signature or signature.name
        yield ctx.report(
            "unconformed-signature",
            f"the signature of {signature.name.value if signature.name else 'the registrant'} "
            "is not conformed with /s/",
            where.span if where else signature.span, label="expected `/s/` before the name",
        )


@rule("signature-before-event")
def early(ctx: Context) -> Iterator[Diagnostic]:
    cover = ctx.cover
    event = cover.date_of_report if cover is not None else None
    if event is None or event.value is None:
        return
    reported: set[tuple[int, int]] = set()
    for signature in ctx.filing.signatures:
        date = signature.date
        if date is not None and date.value is not None and date.value < event.value:
            # two signers under one date line: one finding for the date
            where = (date.span.start, date.span.end) if date.span is not None else None
            if where is not None:
                if where in reported:
                    continue
                reported.add(where)
            yield ctx.report(
                "signature-before-event",
                f"signed {date.value}, before the event of {event.value}", date.span,
                label="signature date", secondary=[(event.span, "date of report")],
            )


@rule("malformed-signature-date")
def malformed_date(ctx: Context) -> Iterator[Diagnostic]:
    reported: set[tuple[int, int]] = set()
    for signature in ctx.filing.signatures:
        date = signature.date
        if date is None or date.value is not None or date.span is None:
            continue
        # two signers under one date line: one finding for the date
        where = (date.span.start, date.span.end)
        if where in reported:
            continue
        reported.add(where)
        yield ctx.report(
            "malformed-signature-date", f"signature date `{date.text}` is not a real date",
            date.span, label="not a calendar date",
        )
