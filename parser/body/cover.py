"""The cover page, read from the lines before the first item.

The body grammar marks the cover's landmarks (captions, the date of report,
the telephone line, check boxes, the 12(b) table and the EGC boxes); this
module reads the values around them. Values sit *above* their parenthesised
captions, in aligned columns ("Georgia   000-23741   58-1592285" over three
captions), so each value chunk goes to the caption whose columns it overlaps.
Co-registrant filings repeat the name caption (one registrant each) or use a
table with the captions on top and one row block per registrant.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..layout.text import Layout
from ..model import CheckBox, CoverPage, DateValue, Registrant, Security, Text
from ..vocab.dates import find_date
from ..vocab.normalize import state_code
from .columns import Chunk, best_column, chunks, is_rule, overlap, split_chunk
from .lines import Line, Part

FORM_RE = re.compile(
    r"form\s+(8-?k(?:\s*/\s*a|12b(?:/a)?|12g3(?:/a)?|15d5(?:/a)?)?)", re.IGNORECASE
)
AMENDMENT_RE = re.compile(r"amendment\s+no\.?\s*(\d{1,2})", re.IGNORECASE)
PHONE_RE = re.compile(
    r"(?:\+?1[\s.-]?)?(?:\(\s*\d{3}\s*\)[\s.\-/]{0,12}|\b\d{3}[\s.\-/]{0,3})\d{3}[\s.\-]{0,3}\d{4}\b"
    r"(?:\s{0,2}(?:x|ext\.?)\s{0,2}\d{1,6})?",
    re.IGNORECASE,
)
IRS_RE = re.compile(r"\b\d{2}\s?-\s?\d{7}\b")
_NUMBER_PREFIX = re.compile(r"(?:No\.?|Number:?|#)\s*", re.IGNORECASE)
IRS_END = re.compile(r"(\d{2}\s?-\s?\d{7})\s*$")
IRS_LIKE = re.compile(r"\d{2}\s?-\s?\d{6,8}")  # also mistyped ones ("03-153200")
FILE_NO_RE = re.compile(r"\b(?:[0-9]{1,3}|I)-\d{2,6}(?:-\d{1,3})?\b")
ZIP_RE = re.compile(r"(?<![Bb]ox )(?<![Bb]ox)\b\d{5}(?:-\d{4})?\s*$")  # not "P.O. Box 32010"
BOILERPLATE_RE = re.compile(
    r"securities\s+and\s+exchange\s+commission|washington,?\s+d\.?\s?c\b|current\s+report|"
    r"pursuant\s+to\s+section|securities\s+exchange\s+act|united\s+states|^\s*form\s+8|"
    r"^\s*\(?\s*amendment\s+no|^\s*\(?\s*date\s+of\s+report",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(r"\(")

CHECKED = {"☒", "☑", "ý", "þ", "[x]", "|x|", "(x)", "x", "■", "✓", "✔", "[✓]"}
UNCHECKED = {"☐", "¨", "[ ]", "[]", "|_|", "[_]", "( )", "o", "□", "❑", "q", "_"}
GLYPH_START = re.compile(
    r"^\s*(☐|☒|☑|¨|ý|þ|■|□|❑|✓|✔|\[\s{0,3}\]|\[\s?[xX✓]\s?\]|\|[_xX]\||\[_\]|\(\s?[xX]?\)|"
    r"[oxXq](?=\s)|_{1,6}(?=\s))"
)
GLYPH_END = re.compile(
    r"(?:^|\s)(☐|☒|☑|¨|ý|þ|■|□|❑|\[\s{0,3}\]|\[\s?[xX]\s?\]|\|[_xX]\||\[_\]|[oxX]|_{1,6})\s*$"
)
GLYPH_ONLY = re.compile(
    r"^\s*(☐|☒|☑|¨|ý|þ|■|□|❑|\[\s{0,3}\]|\[\s?[xX]\s?\]|\|[_xX]\||\[_\]|[oxX])\s*$"
)

BOX_NAMES = (
    ("425", "written-communications"),
    ("14a-12", "soliciting-material"),
    ("14d-2", "pre-commencement-tender-offer"),
    ("13e-4", "pre-commencement-issuer-tender-offer"),
)


class _Caption(NamedTuple):
    kind: str  # name, state, file_number, irs, address, zip, phone, former_name, combined
    start: int
    end: int
    text: str


def _has(low: str, *words: str) -> bool:
    return any(re.search(rf"\b{word}\b", low) for word in words)


def _caption_kind(text: str) -> str | None:
    """Which cover field a caption names, from its words."""
    low = text.lower()
    if _has(low, "exact name", "name of registrant", "as specified in"):
        return "name"
    if "registrant" in low and _has(low, "state of", "state") and "former" not in low:
        return "combined"  # "Registrant, State of Incorporation, Address and Telephone"
    if _has(low, "former name", "former address"):
        return "former_name"
    if _has(low, "address"):
        return "address"  # may also name the zip code and telephone: split by shape
    if _has(low, "telephone"):
        return "phone"
    if _has(low, "employer", "identification") or re.search(r"\bi\.?\s?r\.?\s?s\b", low):
        return "irs"
    if _has(low, "commission", r"file\s+n\w*"):
        return "file_number"
    if _has(low, "zip", "postal code"):
        return "zip"
    if _has(low, "executive offices?"):
        return "address"
    if _has(low, "state", "jurisdiction", "incorporation", "organization"):
        return "state"
    return None


# Where a caption begins inside a run of text whose column gaps were lost.
_CAPTION_KEYWORD = re.compile(
    r"(?<!including )(?<!and )(?<=\s)"  # "(Address, including Zip Code ...)" is one caption
    r"(?=\(?\s?(?:commission\b|i\.\s?r\.\s?s\.|irs\b|zip\b|address\s+of|exact\s+name|"
    r"state\s+or|state\s+of|former\s+name))",
    re.IGNORECASE,
)


def _caption_segments(first: str) -> list[Chunk]:
    """The captions of a caption row's first line, one chunk each.

    Collapsed spacing ("(State or other (Commission File No.) (IRS Employer",
    "State or other jurisdiction Commission File Number") puts several captions
    in one chunk; they are split where a "(" or a caption's first word begins.
    """
    out: list[Chunk] = []
    for chunk in _split_keywords(chunks(first)):
        starts = [m.start() for m in _CAPTION_START.finditer(chunk.text)]
        if len(starts) <= 1:
            out.append(chunk)
            continue
        # Split only at "(" that open a new caption, not "(s)" inside one.
        out += split_chunk(chunk, [s for s in starts if s == 0 or chunk.text[s - 1] == " "])
    return out


def _split_keywords(pieces: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for piece in pieces:
        cuts = [0, *(m.start() for m in _CAPTION_KEYWORD.finditer(piece.text))]
        kinds = {
            _caption_kind(piece.text[a:b]) for a, b in zip(cuts, [*cuts[1:], None], strict=True)
        }
        if len(cuts) == 1 or len(kinds - {None}) < 2:
            out.append(piece)
        else:
            out += split_chunk(piece, cuts)
    return out


def _split_closing(pieces: list[Chunk]) -> list[Chunk]:
    """Collapsed continuation rows: "organization) Identification No.)" is two captions."""
    out: list[Chunk] = []
    for piece in pieces:
        out += split_chunk(piece, [m.end() for m in re.finditer(r"\)\s", piece.text)])
    return out


def _captions(line: Line) -> list[_Caption]:
    """The captions of a caption row (one or more physical lines), left to right.

    Continuation lines complete the caption they stand under; in a header row
    without parentheses a chunk under no caption starts a new one (the first
    line of such a row need not have every column).
    """
    physical = line.text.split("\n")
    open_style = "(" not in line.text
    # [start, end, first text, all texts]
    segments = [
        [seg.start, seg.end, seg.text, [seg.text]] for seg in _caption_segments(physical[0])
    ]
    for more in physical[1:]:
        for chunk in _split_closing(_split_keywords(chunks(more))):
            spans = [(seg[0], seg[1]) for seg in segments]
            hits = [
                i for i, (a, b) in enumerate(spans) if overlap(chunk.start, chunk.end, a, b) > 0
            ]
            if not hits and (open_style or not segments):
                segments.append([chunk.start, chunk.end, chunk.text, [chunk.text]])
                continue
            i = hits[0] if hits else best_column(chunk, spans)
            seg = segments[i]
            seg[3].append(chunk.text)
            if open_style:
                seg[0], seg[1] = min(seg[0], chunk.start), max(seg[1], chunk.end)
    out = []
    for start, end, first, texts in sorted(segments, key=lambda seg: seg[0]):
        if not open_style and not first.startswith("(") and _caption_kind(first) is None:
            continue  # a value standing on a row of parenthesised captions
        # The first line says what a caption is; its continuation only completes it.
        text = " ".join(texts)
        kind = _caption_kind(first) or _caption_kind(text)
        if kind is not None:
            out.append(_Caption(kind, start, end, text))
    return out


def _split_state(text: str) -> tuple[str | None, str]:
    """"New York Vintners International Company, Inc." -> ("New York", "Vintners ...").

    The longest leading run of words (up to three) that names a place, or that
    is a single capitalised word followed by more text (a misspelt state)."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and state_code(" ".join(words[:size]), exact=True):
            head = " ".join(words[:size])
            return head, text[len(head):].strip()
    if len(words) > 2 and words[0][:1].isupper() and words[0].isalpha():
        return words[0], text[len(words[0]):].strip()
    return None, text


def _glyph_state(glyph: str) -> bool | None:
    g = glyph.strip().lower().replace(" ", "")
    g = {"[]": "[ ]", "()": "( )"}.get(g, g)
    if g in CHECKED or g.replace("✓", "x") in CHECKED:
        return True
    if g in UNCHECKED or g.startswith("_"):
        return False
    return None


class _Cover:
    def __init__(self, lines: list[Line], layout: Layout) -> None:
        self.lines = lines
        self.layout = layout
        self.used: set[int] = set()  # indices of lines consumed as values
        self.registrants: list[dict[str, Text]] = []
        # values standing on a caption line, waiting for the caption below them
        self.carried: tuple[int, list[tuple[int, int, str]]] | None = None

    # -- helpers
    def text(self, line: Line, start_col: int, value: str) -> Text:
        """A Text for ``value`` found at ``start_col`` of ``line``'s first physical line."""
        start = line.start + start_col
        return self.layout.value(value, start, start + len(value))

    def value_at(self, line: Line, needle: str, from_col: int = 0) -> Text:
        at = line.text.find(needle, from_col)
        if at == -1:
            at = 0
        start = line.start + at
        return self.layout.value(needle, start, start + len(needle))

    def current(self) -> dict[str, Text]:
        if not self.registrants:
            self.registrants.append({})
        return self.registrants[-1]

    def put(self, kind: str, value: Text) -> None:
        field = {"irs": "irs_number"}.get(kind, kind)
        if field in ("irs_number", "file_number"):
            m = _NUMBER_PREFIX.match(value.value)
            if m and m.end() < len(value.value):  # "No. 95-4545390"
                shift = m.end()
                span = value.span
                value = Text(value=value.value[shift:], span=self.layout.source.span(
                    span.start + shift, span.end) if span else None)
        registrant = self.current()
        if field == "name" and "name" in registrant:
            self.registrants.append({})
            registrant = self.registrants[-1]
        if field in registrant:
            if field == "address":  # several lines of one address
                old = registrant[field]
                start = old.span.start if old.span else 0
                end = value.span.end if value.span else 0
                registrant[field] = Text(
                    value=f"{old.value}, {value.value}", span=self.layout.source.span(start, end)
                )
            return
        registrant[field] = value

    def above(self, index: int, limit: int = 4) -> list[int]:
        """Indices of the value lines directly above ``index`` (nearest last)."""
        out: list[int] = []
        expect = self.lines[index].number - 1
        i = index - 1
        gap_allowed = True
        while i >= 0 and len(out) < limit:
            line = self.lines[i]
            if line.kind != "TEXT" or i in self.used:
                break
            if is_rule(line.text):
                if out:  # a rule above a value closes the value block
                    break
                expect = line.number - 1
                i -= 1
                continue
            if BOILERPLATE_RE.search(line.text[:200]):
                break
            gap = line.number < expect  # a blank line between
            if gap and (out or not gap_allowed or expect - line.number > 2):
                break
            gap_allowed = False
            out.append(i)
            expect = line.number - 1
            i -= 1
        return out[::-1]

    def below(self, index: int, limit: int = 2) -> list[int]:
        """Indices of value lines directly below the caption row at ``index``."""
        line = self.lines[index]
        expect = line.number + line.text.count("\n") + 1
        out: list[int] = []
        for i in range(index + 1, min(index + 1 + limit, len(self.lines))):
            other = self.lines[i]
            if other.kind != "TEXT" or i in self.used or other.number > expect + 1:
                break
            if BOILERPLATE_RE.search(other.text[:200]) or is_rule(other.text):
                break
            out.append(i)
            expect = other.number + 1
        return out

    # -- captions
    def caption(self, index: int) -> None:
        line = self.lines[index]
        caps = _captions(line)
        if not caps:
            return
        if any(c.kind == "combined" for c in caps):
            self.combined_table(index, caps)
            return
        first_line = line.text.split("\n")[0]
        slots = [c for c in chunks(first_line)
                 if not c.text.startswith("(") and _caption_kind(c.text) is None]
        right = [c for c in slots if c.start > caps[-1].end]
        if right and len(right) == len(slots):
            # "(Registrant's telephone number ...)     800-323-6883": the value
            # stands right of its caption.
            value = right[0]
            self.put(caps[-1].kind, self.text(line, value.start,
                                              first_line[value.start : right[-1].end]))
            return
        if self.colon_values(line, first_line, caps, slots) or self.inline_value(line, caps):
            return
        kinds = [c.kind for c in caps]
        if "name" in kinds and len(caps) >= 2 and self.registrant_rows(index, caps):
            return
        value_rows = self.above(index, limit=2 if caps[0].kind == "name" else 4)
        if caps[0].kind == "name" and len(value_rows) > 1:
            # "(Ford Credit Auto Receivables Corporation - Originator)" under the
            # name describes the registrant; it is not part of the name.
            value_rows = [r for r in value_rows
                          if not re.fullmatch(r"\s*\(.*\)\s*", self.lines[r].text)]
        if not value_rows and self.carried is not None and self.carried[0] == index - 1:
            # "Minneapolis, Minnesota   (Zip Code)" then "(Address of ...)": the value
            # left of the zip caption, with the lines above it, is this address.
            pieces = self.carried[1]
            self.carried = None
            self.store({0: pieces}, caps[:1])
            return
        if "(" not in line.text and len(caps) >= 2:
            # A header row without parentheses may stand above its values (Zurn 1994).
            below = self.below(index)
            above_adjacent = bool(value_rows) and (
                self.lines[value_rows[-1]].number == line.number - 1
            )
            if below and not above_adjacent:
                value_rows = below
        if not value_rows:
            self.same_line_value(line, caps, first_line)
            return
        columns = [(c.start, c.end) for c in caps]
        # value chunks on the caption line itself stand for a caption below them
        carry_at = len(caps)
        columns += [(c.start, c.end) for c in slots]
        # caption index -> pieces (layout start, layout end, text), top to bottom
        found: dict[int, list[tuple[int, int, str]]] = {}
        for row in value_rows:
            self.used.add(row)
            value_line = self.lines[row]
            pieces = chunks(value_line.text)
            placed: list[tuple[Chunk, int | None]] = [(p, None) for p in pieces]
            if len(caps) > 1 and len(pieces) < len(caps):
                placed = self.split_collapsed(pieces, caps)
            by_caption = self.assign(placed, caps, columns)
            for i, group in by_caption.items():
                a, b = group[0].start, group[-1].end
                found.setdefault(i, []).append(
                    (value_line.start + a, value_line.start + b, value_line.text[a:b])
                )
        carried = [piece for i in sorted(found) if i >= carry_at for piece in found.pop(i)]
        if slots:
            carried += [(line.start + c.start, line.start + c.end, c.text) for c in slots]
            self.carried = (index, carried)
        self.store(found, caps)

    def registrant_rows(self, index: int, caps: list[_Caption]) -> bool:
        """A table of registrants above a row of captions naming state, name and IRS
        number, one registrant a row ("Delaware  Canandaigua Wine Company, Inc.
        16-0716709"). Only taken when at least two rows end in an IRS number."""
        rows: list[int] = []
        i = index - 1
        while i >= 0 and len(rows) < 40:
            line = self.lines[i]
            if line.kind != "TEXT" or i in self.used:
                break
            if is_rule(line.text):
                i -= 1
                continue
            if not IRS_END.search(line.text):
                above = self.lines[i - 1] if i > 0 else None
                if rows and above is not None and above.kind == "TEXT" and IRS_END.search(
                    above.text
                ):
                    i -= 1  # "subsidiaries": the row above wrapped onto this line
                    continue
                break
            rows.append(i)
            i -= 1
        if len(rows) < 2:
            return False
        kinds = [c.kind for c in caps]
        state_first = "state" in kinds and kinds.index("state") < kinds.index("name")
        for row in reversed(rows):
            self.used.add(row)
            line = self.lines[row]
            text = line.text.rstrip()
            m = IRS_END.search(text)
            assert m is not None
            body = text[: m.start()].strip()
            lead = len(text) - len(text.lstrip())
            self.registrants.append({})
            self.put("irs", self.text(line, m.start(1), m.group(1)))
            state, name = _split_state(body) if state_first else (None, body)
            # "Canandaigua Wine Company, Inc. and its" / "subsidiaries"
            name = re.sub(r"\s+and\s+its(?:\s+subsidiaries)?$", "", name, flags=re.IGNORECASE)
            if state:
                self.put("state", self.text(line, lead, state))
            if name:
                self.put("name", self.text(line, text.index(name, lead), name))
        return True

    def inline_value(self, line: Line, caps: list[_Caption]) -> bool:
        """"Commission file number 000-20908": a caption without parentheses and its
        value in one run of text."""
        if len(caps) != 1 or "(" in line.text:
            return False
        cap = caps[0]
        pattern = {"file_number": FILE_NO_RE, "irs": IRS_RE, "phone": PHONE_RE}.get(cap.kind)
        if pattern is None:
            return False
        first = line.text.split("\n")[0]
        m = pattern.search(first, cap.start)
        if m is None or m.start() == cap.start:
            return False
        self.put(cap.kind, self.text(line, m.start(), m.group()))
        return True

    def colon_values(
        self, line: Line, first: str, caps: list[_Caption], slots: list[Chunk]
    ) -> bool:
        """"Commission File Number:  0-11596": a caption ending in a colon, its value
        after it on the same line."""
        done = False
        for cap in caps:
            if not cap.text.rstrip().endswith(":"):
                continue
            value = next((c for c in slots if c.start > cap.start), None)
            if value is not None:
                self.put(cap.kind, self.text(line, value.start, value.text))
                done = True
        return done

    def store(self, found: dict[int, list[tuple[int, int, str]]], caps: list[_Caption]) -> None:
        kinds = {c.kind for c in caps}
        for i, pieces in found.items():
            kind = caps[i].kind
            if kind == "address":
                self.store_address(pieces, "zip" not in kinds, "phone" not in kinds)
                continue
            value = " ".join(text for _, _, text in pieces)
            self.put(kind, self.layout.value(value, pieces[0][0], pieces[-1][1]))

    def store_address(
        self, pieces: list[tuple[int, int, str]], zip_here: bool, phone_here: bool
    ) -> None:
        """Address lines; a telephone line or a trailing zip code is split off when
        no caption of its own claims it ("(Address, including Zip Code, and
        telephone number ...)")."""
        lines: list[tuple[int, int, str]] = []
        for start, end, text in pieces:
            if phone_here and PHONE_RE.fullmatch(text.strip()):
                self.put("phone", self.layout.value(text, start, end))
                continue
            lines.append((start, end, text.rstrip(" ,")))
        if not lines:
            return
        start, end, last = lines[-1]
        m = ZIP_RE.search(last)
        if zip_here and m and m.start() > 0:
            zip_text = m.group().strip()
            self.put("zip", self.layout.value(zip_text, start + m.start(), start + m.start()
                                              + len(zip_text)))
            lines[-1] = (start, start + len(last[: m.start()].rstrip(" ,")),
                         last[: m.start()].rstrip(" ,"))
        value = ", ".join(text for _, _, text in lines if text)
        if value:
            self.put("address", self.layout.value(value, lines[0][0], lines[-1][1]))

    def assign(
        self, placed: list[tuple[Chunk, int | None]], caps: list[_Caption],
        columns: list[tuple[int, int]],
    ) -> dict[int, list[Chunk]]:
        """Chunks of one value row, by caption index."""
        by_caption: dict[int, list[Chunk]] = {}
        for piece, forced in placed:
            i = forced if forced is not None else best_column(piece, columns)
            by_caption.setdefault(i, []).append(piece)
        # A row "510 Lake Cook Road, Suite 100,   Deerfield,   Illinois   60015": under
        # "(Zip Code)" only the zip; what stands left of it is the address.
        if "zip" in [c.kind for c in caps] and "address" in [c.kind for c in caps]:
            zi, ai = [c.kind for c in caps].index("zip"), [c.kind for c in caps].index("address")
            group = by_caption.get(zi, [])
            keep = [p for p in group if ZIP_RE.search(p.text)]
            if keep and len(keep) < len(group):
                by_caption[zi] = keep
                moved = [p for p in group if p not in keep]
                by_caption[ai] = sorted(by_caption.get(ai, []) + moved)
        # Two values in one caption's column, one of which looks like another
        # caption's value (an IRS number under the file number, because tabs were
        # rendered at another width): move it where its look says it belongs.
        kinds = [c.kind for c in caps]
        for i, group in list(by_caption.items()):
            if len(group) < 2:
                continue
            for piece in list(group):
                target = None
                if IRS_RE.fullmatch(piece.text) and "irs" in kinds:
                    target = kinds.index("irs")
                elif FILE_NO_RE.fullmatch(piece.text) and "file_number" in kinds:
                    target = kinds.index("file_number")
                if target is not None and target != i and target not in by_caption:
                    group.remove(piece)
                    by_caption[target] = [piece]
        return by_caption

    def split_collapsed(
        self, pieces: list[Chunk], caps: list[_Caption]
    ) -> list[tuple[Chunk, int | None]]:
        """1994 filings lost their column spacing: split "Georgia 0-23741 58-1592285"
        by what the values look like instead of where they stand."""
        kinds = [c.kind for c in caps]
        out: list[tuple[Chunk, int | None]] = []
        for piece in pieces:
            text, base = piece.text, piece.start
            found: list[tuple[int, int, int]] = []  # (start, end, caption index)
            for kind, pattern in (("irs", IRS_RE), ("file_number", FILE_NO_RE), ("zip", ZIP_RE)):
                if kind in kinds:
                    m = pattern.search(text)
                    if m and not any(s <= m.start() < e for s, e, _ in found):
                        found.append((m.start(), m.end(), kinds.index(kind)))
            if not found:
                out.append((piece, None))
                continue
            found.sort()
            matched = {cap for _, _, cap in found}
            leftover = next((i for i in range(len(caps)) if i not in matched), None)
            cursor = 0
            for s, e, cap in [*found, (len(text), len(text), -1)]:
                rest = text[cursor:s].strip()
                if rest:
                    off = text.index(rest, cursor)
                    out.append((Chunk(base + off, base + off + len(rest), rest), leftover))
                if cap >= 0:
                    out.append((Chunk(base + s, base + e, text[s:e]), cap))
                cursor = e
        return out

    def same_line_value(self, line: Line, caps: list[_Caption], first: str) -> None:
        """"(Former name ..., if changed since last report): Not Applicable"."""
        cap = caps[-1]
        close = first.find(")", cap.start)
        if close == -1:
            return
        rest = first[close + 1 :].lstrip(" :.-\t")
        if rest and cap.kind in ("former_name", "state", "file_number", "irs", "name"):
            self.put(cap.kind, self.text(line, first.index(rest, close), rest.rstrip()))

    def combined_table(self, index: int, caps: list[_Caption]) -> None:
        """Captions on top, a block of rows per registrant (Southern Co. style)."""
        columns = [(c.start, c.end) for c in caps]
        kinds = [c.kind for c in caps]
        name_col = caps[kinds.index("combined")].start
        i = index + 1
        current: dict[str, Text] | None = None
        while i < len(self.lines):
            line = self.lines[i]
            if line.kind == "CAPTION" and not chunks(line.text)[0].text[:1].isdigit():
                i += 1  # the caption row's second line
                continue
            if line.kind != "TEXT" or BOILERPLATE_RE.search(line.text[:200]):
                break
            pieces = chunks(line.text)
            if not pieces:
                break
            lead = pieces[0]
            if lead.start < name_col - 2 and not FILE_NO_RE.fullmatch(lead.text):
                break  # prose under the table: rows start with a file number or in the name column
            self.used.add(i)
            starts_block = any(
                kinds[best_column(p, columns)] == "file_number" and FILE_NO_RE.fullmatch(p.text)
                for p in pieces
            )
            if starts_block:
                self.registrants.append({})
                current = self.registrants[-1]
            if current is None:
                i += 1
                continue
            for piece in pieces:
                kind = kinds[best_column(piece, columns)]
                value = self.text(line, piece.start, piece.text)
                if kind == "combined":
                    self.combined_cell(current, line, piece)
                elif kind in ("file_number", "irs"):
                    current.setdefault("irs_number" if kind == "irs" else kind, value)
            i += 1

    def combined_cell(self, registrant: dict[str, Text], line: Line, piece: Chunk) -> None:
        text = piece.text
        value = self.text(line, piece.start, text)
        m = re.match(r"\(\s*an?\s+(.+?)\s+(?:corporation|company|limited|partnership|trust|"
                     r"business trust|llc)\s*\)$", text, re.IGNORECASE)
        if "name" not in registrant:
            registrant["name"] = value
        elif m:
            registrant["state"] = self.text(line, piece.start + m.start(1), m.group(1))
        elif PHONE_RE.fullmatch(text.strip()):
            registrant["phone"] = value
        else:
            zip_match = ZIP_RE.search(text)
            if zip_match and "zip" not in registrant:
                registrant["zip"] = self.text(line, piece.start + zip_match.start(),
                                              zip_match.group().strip())
                text = text[: zip_match.start()].rstrip(" ,")
                value = self.text(line, piece.start, text)
            if "address" in registrant:
                old = registrant["address"]
                start = old.span.start if old.span else 0
                end = value.span.end if value.span else 0
                registrant["address"] = Text(
                    value=f"{old.value}, {text}", span=self.layout.source.span(start, end)
                )
            else:
                registrant["address"] = value

    # -- other landmarks
    def phone(self, index: int) -> None:
        """The number on the telephone line, or on a line just above or below it."""
        line = self.lines[index]
        after = line.text.lower().find("telephone number")
        after = after + len("telephone number") if after != -1 else 0
        m = PHONE_RE.search(line.text, after)
        if m:
            self.put("phone", self.text(line, m.start(), m.group()))
            return
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if nxt is not None and nxt.number == line.number + 1 and nxt.start == line.end + 1:
            # "... including area code: (206)" / "622-6767": the number wraps
            joined = Line("TEXT", line.text + "\n" + nxt.text, line.start, nxt.end, line.number)
            m = PHONE_RE.search(joined.text, after)
            if m and m.end() > len(line.text):
                self.used.add(index + 1)
                self.put("phone", self.layout.value(" ".join(m.group().split()),
                                                    line.start + m.start(), line.start + m.end()))
                return
        for j in self._near(index):
            other = self.lines[j]
            m = PHONE_RE.search(other.text)
            if m:
                self.used.add(j)
                self.put("phone", self.text(other, m.start(), m.group()))
                return
        # Something is written there, but not a phone number: keep it as written
        # so the validator can say what is wrong with it.
        rest = re.sub(r"^[^:]*telephone\s+number[^:(]*(?:\([^)]*\))?\s*[:.]?", "",
                      line.text.strip(), flags=re.IGNORECASE).strip(" :)")
        if rest and re.search(r"\d", rest):
            self.put("phone", self.text(line, line.text.rindex(rest), rest))

    def _near(self, index: int) -> list[int]:
        """Unused TEXT lines within two lines above (rules skipped) or one below."""
        out: list[int] = []
        number = self.lines[index].number
        for j in (index - 1, index - 2, index + 1):
            if not 0 <= j < len(self.lines) or j in self.used:
                continue
            other = self.lines[j]
            if other.kind == "TEXT" and abs(other.number - number) <= 3 and not is_rule(
                other.text
            ):
                out.append(j)
        return out

    def report_date(self, index: int) -> DateValue | None:
        line = self.lines[index]
        low = line.text.lower()
        phrase = re.search(r"date\s+of\s+(?:report|earliest\s+event)", low)
        begin = phrase.end() if phrase else 0
        candidates = [(line, begin)]
        for j in (index + 1, index + 2, index - 1):
            near = 0 <= j < len(self.lines) and self.lines[j].kind == "TEXT"
            if near and abs(self.lines[j].number - line.number) <= 3:
                candidates.append((self.lines[j], 0))
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if nxt is not None and nxt.number == line.number + 1 and nxt.start == line.end + 1:
            # "... reported) - February 10," / "1994": the date wraps; the layout
            # text of both lines is contiguous, so offsets carry over.
            candidates.insert(1, (Line("TEXT", line.text + "\n" + nxt.text, line.start,
                                       nxt.end, line.number), begin))
        for cand, start in candidates:
            found = find_date(cand.text, start)
            if found is not None:
                s, e, day = found
                return DateValue(
                    value=day, text=" ".join(cand.text[s:e].split()),
                    span=self.layout.span(cand.start + s, cand.start + e),
                )
        return None

    def glyph_near(self, index: int, forward: int = 0) -> tuple[str, int, Line] | None:
        """A check-box glyph at the start of line ``index`` (or alone on the line before)."""
        line = self.lines[index]
        m = GLYPH_START.match(line.text)
        if m:
            return m.group(1), m.start(1), line
        m = GLYPH_END.search(line.text)
        if m and _glyph_state(m.group(1)) is not None and m.group(1) not in ("x", "X", "o"):
            return m.group(1), m.start(1), line
        prev = index - 1
        if prev >= 0 and GLYPH_ONLY.match(self.lines[prev].text):
            g = GLYPH_ONLY.match(self.lines[prev].text)
            assert g is not None
            return g.group(1), g.start(1), self.lines[prev]
        for j in range(index + 1, min(index + 1 + forward, len(self.lines))):
            other = self.lines[j]
            if other.kind not in ("TEXT", "EGC"):
                break
            m = GLYPH_END.search(other.text) or GLYPH_START.match(other.text)
            if m:
                return m.group(1), m.start(1), other
        return None

    def box(self, index: int, name: str) -> CheckBox:
        line = self.lines[index]
        found = self.glyph_near(index)
        text = line.text.strip()
        value = self.value_at(line, text)
        if found is None:
            return CheckBox(name=name, checked=None, glyph=None, text=value)
        glyph, _, _ = found
        return CheckBox(name=name, checked=_glyph_state(glyph), glyph=glyph, text=value)

    def box_name(self, index: int) -> str | None:
        line = self.lines[index].text
        follow = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
        joined = f"{line} {follow}".lower().replace(" ", "")
        low = line.lower()
        if "writtencommunication" in joined.split("soliciting")[0] and "written" in low:
            return "written-communications"
        if "soliciting" in low:
            return "soliciting-material"
        for number, name in BOX_NAMES[2:]:
            if number in line.replace(" ", "") or (number in follow.replace(" ", "")):
                return name
        return None

    def securities(self, index: int) -> list[Security]:
        """Rows of the 12(b) table after its introduction line."""
        header: Line | None = None
        columns: list[tuple[int, int]] = []
        kinds: list[str] = []
        rows: list[Security] = []
        for j in range(index + 1, min(index + 30, len(self.lines))):
            line = self.lines[j]
            if line.kind != "TEXT":
                if line.kind in ("PAGE", "TABLE_OPEN", "TABLE_CLOSE", "TABLE_TAG"):
                    continue
                break
            low = line.text.lower()
            if header is None:
                if "title of each class" in low or "trading symbol" in low:
                    header = line
                    for chunk in chunks(line.text):
                        c = chunk.text.lower()
                        kind = (
                            "title" if "title" in c or "class" in c
                            else "symbol" if "symbol" in c or "trading" in c
                            else "exchange" if "exchange" in c or "name of" in c
                            else None
                        )
                        if kind:
                            columns.append((chunk.start, chunk.end))
                            kinds.append(kind)
                    self.used.add(j)
                    continue
                if low.strip().rstrip(".") in ("none", "not applicable", "n/a"):
                    self.used.add(j)
                    return []
                break
            if all(_HEADER_WORDS.match(c.text) for c in chunks(line.text)):
                self.used.add(j)  # the header row's second line ("Symbol(s)  on which registered")
                continue
            if EGC_LIKE.search(line.text) or len(line.text.strip()) > 200:
                break
            pieces = chunks(line.text)
            if not pieces or not columns:
                break
            if pieces[0].text.lower().rstrip(".") in ("none", "not applicable", "n/a"):
                self.used.add(j)
                break
            self.used.add(j)
            cells: dict[str, Text] = {}
            in_order = len(pieces) == len(kinds) == 3  # a long title pushes the others right
            for n, piece in enumerate(pieces):
                kind = kinds[n] if in_order else kinds[best_column(piece, columns)]
                if kind in cells:
                    old = cells[kind]
                    cells[kind] = Text(value=f"{old.value} {piece.text}", span=old.span)
                else:
                    cells[kind] = self.text(line, piece.start, piece.text)
            if set(cells) == {"exchange"} and rows and rows[-1].exchange is not None:
                # "New York Stock Exchange" / "NYSE Texas, Inc.": two lines of one cell
                last = rows[-1]
                rows[-1] = Security(
                    title=last.title, symbol=last.symbol,
                    exchange=Text(value=f"{last.exchange.value} {cells['exchange'].value}",
                                  span=last.exchange.span),
                )
                continue
            if set(cells) == {"title"} and rows and "symbol" in kinds:
                # A class title wrapped onto a second line.
                last = rows[-1]
                if last.title is not None:
                    rows[-1] = Security(
                        title=Text(value=f"{last.title.value} {cells['title'].value}",
                                   span=last.title.span),
                        symbol=last.symbol, exchange=last.exchange,
                    )
                continue
            rows.append(Security(
                title=cells.get("title"), symbol=cells.get("symbol"),
                exchange=cells.get("exchange"),
            ))
        return rows

    def egc(self, index: int) -> tuple[str, CheckBox] | None:
        line = self.lines[index]
        low = line.text.lower()
        if "extended transition" in low or "if an emerging growth company" in low:
            found = None
            for j in range(index, min(index + 6, len(self.lines))):
                other = self.lines[j]
                if j > index and other.kind not in ("TEXT",):
                    break
                m = GLYPH_END.search(other.text)
                if m and _glyph_state(m.group(1)) is not None:
                    found = (m.group(1), other)
                    break
                m = GLYPH_ONLY.match(other.text)
                if m:
                    found = (m.group(1), other)
                    break
            glyph = found[0] if found else None
            return "extended_transition_period", CheckBox(
                name="extended-transition-period",
                checked=_glyph_state(glyph) if glyph else None, glyph=glyph,
                text=self.value_at(line, line.text.strip()),
            )
        if "indicate by check mark whether" in low or len(low.strip()) > 80:
            return None
        found2 = self.glyph_near(index, forward=1)
        glyph = found2[0] if found2 else None
        return "emerging_growth_company", CheckBox(
            name="emerging-growth-company",
            checked=_glyph_state(glyph) if glyph else None, glyph=glyph,
            text=self.value_at(line, line.text.strip()),
        )


_HEADER_WORDS = re.compile(
    r"^(?:trading\s+)?symbol(?:\(s\)|s)?$|^(?:name\s+of\s+each\s+exchange\s+)?on\s+which"
    r"(?:\s+registered)?$|^registered$|^trading$|^title\s+of\s+each\s+class$|^class$|"
    r"^name\s+of\s+each\s+exchange$",
    re.IGNORECASE,
)
EGC_LIKE = re.compile(r"emerging\s+growth|indicate\s+by\s+check", re.IGNORECASE)


def read_cover(
    lines: list[Line], note: Part | None, layout: Layout
) -> tuple[CoverPage | None, Text | None]:
    if not lines:
        return None, _intro(note, layout)
    cover = _Cover(lines, layout)
    form: Text | None = None
    amendment_number: int | None = None
    date: DateValue | None = None
    boxes: dict[str, CheckBox] = {}
    egc: dict[str, CheckBox] = {}
    securities: list[Security] = []
    section_12b = False
    last_cover = 0
    for i, line in enumerate(lines):
        kind = line.kind
        if kind == "TEXT" and i in cover.used:
            continue
        if kind == "FORM_TITLE" and form is None:
            m = FORM_RE.search(line.text)
            if m:
                form = cover.text(line, m.start(1), m.group(1))
        elif kind == "REPORT_DATE" and date is None:
            date = cover.report_date(i)
        elif kind == "CAPTION":
            cover.caption(i)
        elif kind == "PHONE":
            cover.phone(i)
        elif kind == "BOX":
            name = cover.box_name(i)
            if name and name not in boxes:
                boxes[name] = cover.box(i, name)
        elif kind == "SECURITIES_12B":
            securities = cover.securities(i)
            section_12b = True
        elif kind == "EGC":
            found = cover.egc(i)
            if found and found[0] not in egc:
                egc[found[0]] = found[1]
        else:
            if kind == "TEXT" and amendment_number is None and i < 40:
                m = AMENDMENT_RE.search(line.text)
                if m:
                    amendment_number = int(m.group(1))
            continue
        last_cover = i
    if date is None:
        date = _lone_date(lines, layout)
    if form is None and not cover.registrants and date is None:
        return None, _intro(note, layout)
    amendment = bool(form and "/A" in form.value.upper().replace(" ", "")) or (
        amendment_number is not None
    )
    registrants = [Registrant(**dict(r)) for r in _share(cover.registrants) if r]
    order = [name for _, name in BOX_NAMES]
    span = layout.span(lines[0].start, lines[last_cover].end)
    return (
        CoverPage(
            form_type=form,
            amendment=amendment,
            amendment_number=amendment_number,
            date_of_report=date,
            registrants=registrants,
            check_boxes=[boxes[n] for n in order if n in boxes],
            emerging_growth_company=egc.get("emerging_growth_company"),
            extended_transition_period=egc.get("extended_transition_period"),
            securities_12b=securities,
            securities_12b_section=section_12b,
            span=span,
        ),
        _intro(note, layout),
    )


def _lone_date(lines: list[Line], layout: Layout) -> DateValue | None:
    """A cover without "Date of Report": the date standing alone on a line before
    the registrant's name caption (1-800-Flowers 2023)."""
    for line in lines:
        if line.kind == "CAPTION":
            return None
        if line.kind != "TEXT":
            continue
        stripped = line.text.strip()
        found = find_date(stripped)
        if found is not None and found[0] == 0 and found[1] == len(stripped):
            at = line.text.index(stripped)
            return DateValue(value=found[2], text=stripped,
                             span=layout.span(line.start + at, line.start + at + len(stripped)))
    return None


def _share(registrants: list[dict[str, Text]]) -> list[dict[str, Text]]:
    """Co-registrants listed as a table share the address block under it: the
    address, zip and telephone given once (on the last registrant) apply to the
    registrants that have none of their own."""
    if len(registrants) < 2:
        return registrants
    last = registrants[-1]
    shared = {k: last[k] for k in ("address", "zip", "phone") if k in last}
    if not shared or any(k in r for r in registrants[:-1] for k in shared):
        return registrants
    return [{**shared, **r} for r in registrants]


def _intro(note: Part | None, layout: Layout) -> Text | None:
    if note is None:
        return None
    start = note.head.start
    end = note.end
    return layout.value(layout.text[start:end].strip(), start, end)
