"""Regions of a Form 8-K written back as canonical text, from the model objects.

What eightk reads, written the way the form lays it out; reading the text again
gives the same values: the round trip tests/test_fuzz.py checks against each
region's grammar. ``cover_text`` writes a ``CoverPage`` the way grammar/cover.lark
describes a cover: each value on the line above the caption that names it, in
the caption's columns, then the check boxes, the 12(b) table and the emerging
growth company boxes; values are written with single spaces (a run of spaces is a
column gap). ``signature_block`` and ``exhibit_list`` write their regions.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..model import CheckBox, CoverPage, Exhibit, Registrant, Signature, Text

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



_CAPTIONS = {
    "name": "(Exact name of registrant as specified in its charter)",
    "state": "(State or other jurisdiction of incorporation)",
    "file_number": "(Commission File Number)",
    "irs_number": "(IRS Employer Identification No.)",
    "address": "(Address of principal executive offices)",
    "zip": "(Zip Code)",
    "phone": "(Registrant's telephone number, including area code)",
    "former_name": "(Former name or former address, if changed since last report)",
}
_ROWS = (("name",), ("state", "file_number", "irs_number"))
_BOXES = {
    "written-communications":
        "Written communications pursuant to Rule 425 under the Securities Act (17 CFR 230.425)",
    "soliciting-material":
        "Soliciting material pursuant to Rule 14a-12 under the Exchange Act (17 CFR 240.14a-12)",
    "pre-commencement-tender-offer":
        "Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act",
    "pre-commencement-issuer-tender-offer":
        "Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act",
}
_QUESTION = ("Indicate by check mark whether the registrant is an emerging growth company as "
             "defined in Rule 405 of the Securities Act of 1933.")
_TRANSITION = ("If an emerging growth company, indicate by check mark if the registrant has "
               "elected not to use the extended transition period.")


def _value(text: Text | None) -> str:
    return " ".join(text.value.split()) if text is not None else ""


def _columns(pairs: list[tuple[str, str]]) -> list[str]:
    """A row of values over a row of captions, each value in its caption's columns."""
    values, captions = "", ""
    for value, caption in pairs:
        width = max(len(value), len(caption)) + 4
        values += value.ljust(width)
        captions += caption.ljust(width)
    return [values.rstrip(), captions.rstrip()]


def _registrant(registrant: Registrant) -> list[str]:
    lines: list[str] = []
    for row in _ROWS:
        pairs = [(_value(value), _CAPTIONS[field]) for field in row
                 if (value := getattr(registrant, field)) is not None]
        if pairs:
            lines += [*_columns(pairs), ""]
    if registrant.address is not None or registrant.zip is not None:
        # the zip code's caption beside the address, even without one: an address
        # alone would give up a trailing zip code
        lines += [*_columns([(_value(registrant.address), _CAPTIONS["address"]),
                             (_value(registrant.zip), _CAPTIONS["zip"])]), ""]
    for field in ("phone", "former_name"):
        if (value := getattr(registrant, field)) is not None:
            lines += [_value(value), _CAPTIONS[field], ""]
    return lines


def _glyph(box: CheckBox) -> str:
    return f"{box.glyph}  " if box.glyph else ""


def cover_text(cover: CoverPage) -> str:
    """The canonical text of a cover page."""
    lines = ["SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549", ""]
    if cover.form_type is not None:
        lines += [f"FORM {_value(cover.form_type)}", ""]
    if cover.amendment_number is not None:
        lines += [f"(Amendment No. {cover.amendment_number})", ""]
    if cover.date_of_report is not None:
        lines += ["Date of Report (Date of earliest event reported): "
                  f"{' '.join(cover.date_of_report.text.split())}", ""]
    for registrant in cover.registrants:
        lines += _registrant(registrant)
    if cover.check_boxes:
        lines += ["Check the appropriate box below if the Form 8-K filing is intended to "
                  "simultaneously satisfy the filing obligation of the registrant:", ""]
        lines += [f"{_glyph(box)}{_BOXES[box.name]}" for box in cover.check_boxes] + [""]
    if cover.securities_12b_section:
        lines += ["Securities registered pursuant to Section 12(b) of the Act:", ""]
        if cover.securities_12b:
            rows = [("Title of each class", "Trading Symbol(s)", "Name of each exchange")]
            for security in cover.securities_12b:
                title = textwrap.wrap(_value(security.title), 60) or [""]
                exchange = textwrap.wrap(_value(security.exchange), 60) or [""]
                # a long title or exchange name goes on under itself, on lines of its own
                rows += [(title[0], _value(security.symbol), exchange[0])]
                rows += [(more, "", "") for more in title[1:]]
                rows += [("", "", more) for more in exchange[1:]]
            widths = [max(len(row[i]) for row in rows) + 4 for i in range(3)]
            lines += ["".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                      for row in rows] + [""]
        else:
            lines += ["None", ""]
    transition, egc = cover.extended_transition_period, cover.emerging_growth_company
    if transition is not None:
        glyph = f"  {transition.glyph}" if transition.glyph else ""
        lines += [_QUESTION, "", f"{_TRANSITION}{glyph}", ""]
    if egc is not None:
        # its own question, last: an emerging growth company box without a glyph
        # takes the one on the line below it
        lines += [_QUESTION, "", f"{_glyph(egc)}Emerging growth company", ""]
    return "\n".join(lines) + "\n"
