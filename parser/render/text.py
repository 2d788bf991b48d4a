"""Model objects written back as 8-K text, in the canonical layout of their region.

What these write, read again, gives the same fields: the round trip the fuzz
tests check against each region's grammar.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Exhibit

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
