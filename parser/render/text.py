"""Regions of a Form 8-K written back as canonical text, from the model objects.

What eightk reads, written the way the form lays it out; reading the text again
gives the same values: the round trip tests/test_fuzz.py checks against each
region's grammar.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Exhibit, Signature

_MARKERS = ("*", "†", "‡", "+", "**", "††")


def exhibit_list(exhibits: Sequence[Exhibit], label: str = "(d) Exhibits.") -> str:
    """An exhibit list as Item 9.01(d) writes it: the label, a column header, one row
    per exhibit (a blank line apart, so no row reads as the one above going on),
    and the legend of the incorporated ones ("99.1*" / "* Previously filed.")."""
    descriptions = [e.description.value if e.description else "" for e in exhibits]
    # a marker no description ends with (a trailing "*" marks a row too)
    mark = next((m for m in _MARKERS if not any(d.endswith(m[-1]) for d in descriptions)), "")
    lines = [label, "", "Exhibit No.   Description", ""]
    for exhibit, description in zip(exhibits, descriptions, strict=True):
        marked = mark if exhibit.incorporated_by_reference else ""
        # " - " keeps a description that starts with a dash or a colon whole
        lines += [f"{exhibit.number.value}{marked} - {description}".rstrip(), ""]
    if mark and any(e.incorporated_by_reference for e in exhibits):
        lines.append(f"{mark} Previously filed.")
    return "\n".join(lines) + "\n"


EXCHANGE_ACT = ("Pursuant to the requirements of the Securities Exchange Act of 1934, the "
                "registrant has duly caused\nthis report to be signed on its behalf by the "
                "undersigned hereunto duly authorized.")


DATE_REACH = 25  # a signature's date is the nearest within this many lines
_COLUMN = " " * 40  # where the signing column starts


def _registrant_lines(name: str) -> list[str]:
    """A registrant's name as lines: each of several names on its own line ("ALABAMA
    POWER COMPANY; GULF POWER COMPANY"), each general partner's "By: X, General
    Partner" on its own line."""
    return [line for group in name.split("; ")
            for line in group.replace(" By: ", "\nBy: ").split("\n")]


def signature_block(signatures: list[Signature]) -> str:
    """The signature block of ``signatures``, laid out as the form does: the Exchange
    Act sentence, then in a signing column each registrant's lines once over its
    signatures (the sentence again before signatures with no registrant after some
    with one), each signature a ``By:`` line (``/s/`` where conformed) with its date
    to its left, ``Name:`` and ``Title:`` under it. A signature without a date stands
    further than the date reach from the others' dates."""
    out = [EXCHANGE_ACT, ""]
    registrant: str | None = None
    dated = any(s.date is not None for s in signatures)
    for i, signature in enumerate(signatures):
        name = signature.registrant.value if signature.registrant else None
        if signature.date is None and dated:
            out += [""] * (DATE_REACH + 1)  # above its registrant: a partner's By: stays close
        if i > 0 and name is None and registrant is not None:
            out += [EXCHANGE_ACT, ""]
        if name is not None and (i == 0 or name != registrant):
            out += [_COLUMN + line for line in _registrant_lines(name)] + [""]
        registrant = name
        date = ""
        if signature.date is not None:
            day = signature.date.value
            date = f"Date: {day.strftime('%B %d, %Y') if day else signature.date.text}"
        signed = signature.name.value if signature.name else ""
        mark = "/s/ " if signature.conformed else ""
        by = f"By: {mark}{signed}" if mark or signed else "By: ______"
        out.append(f"{date:<{len(_COLUMN)}}{by}")
        if signed:
            out.append(f"{_COLUMN}Name: {signed}")
        if signature.title is not None:
            out.append(f"{_COLUMN}Title: {signature.title.value}")
        # two blank lines: a "By: ____" close under a signature is the line it was signed on
        out += [""] * (DATE_REACH + 2 if signature.date is None and dated else 2)
    return "\n".join(out)
