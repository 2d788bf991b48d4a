"""Model objects written back as the text of a filing, in the canonical layout.

``cover_text`` writes a ``CoverPage`` the way grammar/cover.lark describes a
cover: each value on the line above the caption that names it, in the caption's
columns, then the check boxes, the 12(b) table and the emerging growth company
boxes. Values are written with single spaces (a run of spaces is a column gap).
Reading the text back gives the same values; the fuzz tests hold the grammar,
the reader and this writer to that.
"""

from __future__ import annotations

import textwrap

from ..model import CheckBox, CoverPage, Registrant, Text

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
