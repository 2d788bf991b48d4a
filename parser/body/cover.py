"""The cover page: ``grammar/cover.lark``'s parse tree -> ``CoverPage``.

The grammar says what the cover is made of: title lines, the date of report,
the registrant's values above the caption rows that name them (or a header row
over its values, or a co-registrant table), the telephone line, then the check
boxes, the Section 12(b) table and the emerging growth company boxes. The
transformer below has one method per rule and returns the model objects; what
a grammar cannot say well stays here, in Python: which value chunk of a row
belongs to which caption (by the columns they share, or by what a value looks
like when a 1994 repository collapsed the spacing), splitting an address from
its zip code, reading a date or a telephone number out of a line.

Departures from the layout go to the source as ``cover-layout`` warnings: the
parser's (a check box without its introduction, an item heading inside the
cover ...), worded from example inputs, and two the reading finds (a caption
row with no values, a line of values no caption names).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import msgspec
from lark import Token, Tree

from ..grammars import Transformer
from ..layout.text import Layout
from ..lexing import LineToken
from ..model import CheckBox, CoverPage, DateValue, Registrant, Security, Text
from ..regions import SyntaxProblem
from ..vocab.dates import find_date
from ..vocab.glyphs import GLYPH_END, GLYPH_START, glyph_state
from ..vocab.normalize import state_code
from ..vocab.shapes import (
    FILE_NUMBER,
    IRS,
    IRS_AT_END,
    NOTHING,
    NUMBER_PREFIX,
    PHONE,
    ZIP_AT_END,
)
from .captions import Caption, caption_kind, captions, values_beside
from .columns import Chunk, best_column, chunks, overlap
from .cover_lexer import CAPTIONS, ROWS, VALUE_LINES, lex_cover, pattern, plain
from .cover_region import LABELS, REGION
from .lexer import MARKUP
from .lines import Line, Part
from .value_rows import assign, split_collapsed, split_state, split_state_end

BOX_NAMES = (
    ("425", "written-communications"),
    ("14a-12", "soliciting-material"),
    ("14d-2", "pre-commencement-tender-offer"),
    ("13e-4", "pre-commencement-issuer-tender-offer"),
)

# The 12(b) header row's second line: "Symbol(s)    on which registered".
_HEADER_WORDS = re.compile(
    r"^(?:trading\s+)?symbol(?:\(s\)|s)?$|^(?:name\s+of\s+each\s+exchange\s+)?on\s+which"
    r"(?:\s+registered)?$|^registered$|^trading$|^title\s+of\s+each\s+class$|^class$|"
    r"^name\s+of\s+each\s+exchange$",
    re.IGNORECASE,
)
# The emerging growth company question, wrapped before its key words: the 12(b)
# table has ended.
_EGC_LIKE = re.compile(r"emerging\s+growth|indicate\s+by\s+check", re.IGNORECASE)
# "... if changed since last report - not applicable.": the value after the caption.
_FORMER_VALUE = re.compile(r"since\s+last\s+report\s*(?:[-:]|--)\s*(\S[\s\S]*?)\s*$",
                           re.IGNORECASE)
# A letter-spaced word: single characters one space apart.
_SPACED_WORD = re.compile(r"\S(?: \S)+")
# "(Ford Credit Auto Receivables Corporation - Originator)": a line describing the
# registrant, in parentheses.
_DESCRIBED = re.compile(r"\s*\(.*\)\s*")
# The rest of the telephone line's caption after "telephone number": ", including
# area code:", "(including area code)".
_CAPTION_REST = re.compile(r"[^:(]*(?:\([^)]*\))?\s*[:.]?")

Piece = tuple[int, int, str]  # layout start, layout end, text
_new_line = tuple.__new__

# A caption, as the cover's vocabulary names one, opening a value: "(Exact name of
# registrant ...)", "State or other jurisdiction" (a caption row that reached a
# value's place, where the layout ran it into a value).
@functools.cache
def _caption_value() -> re.Pattern[str]:
    return re.compile(f"(?:{pattern('PAREN_CAPTION').pattern})|"
                      f"(?:{pattern('HEADER_ROW').pattern})")


def _first(line: Line) -> str:
    """The first physical line of a token (caption rows and the telephone line may
    hold the lines that continue them)."""
    return line.text.split("\n", 1)[0]


def unspaced(text: str) -> str:
    """"A C M E   &   C O M P A N Y" -> "ACME & COMPANY": the letters of each
    word together, the words one space apart. Where a repository collapsed the
    gaps between words to one space too, an ampersand or a comma still parts
    them ("D E E R E & C O M P A N Y" -> "DEERE & COMPANY")."""
    words = re.split(r"\s{2,}", text.strip())
    out = []
    for word in words:
        if _SPACED_WORD.fullmatch(word):
            word = word.replace(" ", "")
            word = re.sub(r"\s*&\s*", " & ", re.sub(r",(?=\w)", ", ", word))
        out.append(word)
    return " ".join(out)


def _value_pieces(line: Line) -> list[Chunk]:
    """The chunks of a line of values: a letter-spaced line is one value, read
    without its spacing; a line opening with a date gives what follows the date
    (the date is the date of report's, never a registrant's value)."""
    if line.kind == "SPACED":
        stripped = line.text.strip()
        at = line.text.index(stripped)
        return [Chunk(at, at + len(stripped), unspaced(stripped))]
    if line.kind == "DATE_LINE" and line.match is not None and line.match.group("rest"):
        at = line.match.start("rest")
        return [Chunk(c.start + at, c.end + at, c.text) for c in chunks(line.text[at:])]
    return chunks(line.text)


def _state_column(text: str) -> tuple[int, str | None, str]:
    """A registrant's row in a table whose state has a column of its own: "Washington
    Energy Company   Washington" -> (column of the state, "Washington", "Washington
    Energy Company"); collapsed to single spaces, the state is the place its last
    words name."""
    pieces = chunks(text)
    if len(pieces) > 1 and state_code(pieces[-1].text, exact=True):
        return pieces[-1].start, pieces[-1].text, text[: pieces[-2].end]
    state, name = split_state_end(text)
    if state is None:
        return 0, None, text
    return text.rindex(state), state, name


def _state_of(match: re.Match[str] | None) -> tuple[int, str] | None:
    """The state an INCORPORATION line names (its column and text), if a known place."""
    if match is None:
        return None
    group = "state" if match.group("state") is not None else "laws"
    value = match.group(group)
    if value is None or state_code(value) is None:
        return None  # "(A Development Stage Company)": not a state ("Kentucky and Virginia" is)
    return match.start(group), value


class CoverReader(Transformer):
    """One method per rule of ``grammar/cover.lark``, in the order of the page.

    Lark transforms a tree depth first, left to right, so the methods see the
    parts of the cover in document order; the registrants are built as they go
    (a second name caption starts the next registrant, a field keeps its first
    value), and a caption row can take values carried from the caption row right
    above it."""

    def __init__(self, tokens: list[LineToken], layout: Layout,
                 report: Callable[[str, Line, str], None]) -> None:
        super().__init__()
        self.layout = layout
        self.report = report
        text = layout.text
        # every line of the cover in order, for what a part reads around itself
        # (a date on the line below its caption, a glyph alone on the line above
        # its box)
        # (tuple.__new__: what Line(...) does without its Python-level __new__, half
        # the time of a cover's lines)
        self.lines = [_new_line(Line, (t.type, t.value or text[t.start_pos:t.end_pos],
                                       t.start_pos, t.end_pos, t.line, t.match))
                      for t in tokens]
        self.at = {t.start_pos: i for i, t in enumerate(tokens)}
        self.registrants: list[dict[str, Text]] = []
        self.found = 0  # values read for the registrants so far
        self.carried: tuple[int, list[Piece]] | None = None
        self.table_state = False  # the table of registrants has a state column of its own
        self.form: Text | None = None
        self.date: DateValue | None = None
        self.last: tuple[int, int] | None = None  # the last landmark read: the cover's end
        self.registrant_area = False  # the previous part belongs to the registrant
        self.captionless = False  # the registrant's name stood without a caption
        self.named_together: list[int] = []  # registrants named over one caption
        self.target: int | None = None  # the registrant values go to, if not the last

    # -------------------------------------------------------------- the walk

    def _walk(self, tree: Tree) -> object:
        """``grammars.Transformer._walk`` with the methods looked up in the tables
        below instead of by ``getattr`` on every node and line (a tenth of the
        cover's reading went to the look-ups and the generic walk): every rule of
        ``grammar/cover.lark`` has its method, no method is wrapped, none discards."""
        children = []
        append = children.append
        at, lines = self.at, self.lines
        for child in tree.children:
            if type(child) is Tree:
                append(self._walk(child))
            elif isinstance(child, Token):
                kind = child.type
                method = _TOKEN_METHODS.get(kind)
                if method is not None:
                    append(method(self, child))
                    continue
                # ``__default_token__`` written out: a call less for every line
                i = at.get(child.start_pos)
                if i is None:
                    append(self.__default_token__(child))
                    continue
                line = lines[i]
                append(line if line[0] == kind else line._replace(kind=kind))  # [0]: .kind
            elif isinstance(child, Tree):  # (a subclass of Tree)
                append(self._walk(child))
            else:
                append(child)
        method = _RULE_METHODS.get(tree.data)
        if method is None:  # a rule with no method of its own (none so far)
            return self.__default__(tree.data, children, tree.meta)
        return method(self, children)

    # -------------------------------------------------------------- tokens and helpers

    def __default_token__(self, token: Token) -> Line:
        at = self.at.get(token.start_pos)
        if at is None:  # a token recovery put in, at the end
            return Line(token.type, "", token.start_pos, token.start_pos, token.line or 0)
        line = self.lines[at]
        return line if line.kind == token.type else line._replace(kind=token.type)

    def index(self, line: Line) -> int:
        return self.at[line.start]

    def mark(self, line: Line) -> None:
        """``line`` is a landmark the cover reads: the cover runs at least to it."""
        self.last = (line.start, line.start + len(_first(line)) if line.kind == "PHONE"
                     else line.end)

    def text(self, line: Line, start_col: int, value: str) -> Text:
        """A Text for ``value`` found at ``start_col`` of ``line``'s first physical line."""
        start = line.start + start_col
        return self.layout.value(value, start, start + len(value))

    def value_at(self, line: Line, needle: str) -> Text:
        at = max(line.text.find(needle), 0)
        return self.layout.value(needle, line.start + at, line.start + at + len(needle))

    def current(self) -> dict[str, Text]:
        if self.target is not None:
            return self.registrants[self.target]
        if not self.registrants:
            self.registrants.append({})
        return self.registrants[-1]

    def put(self, kind: str, value: Text) -> None:
        if _caption_value().match(value.value):
            return  # a caption's words are never a value of the field it names
        self.found += 1
        if pattern("SPACED").fullmatch(value.value):  # "A C M E": letter-spaced
            value = Text(value=unspaced(value.value), span=value.span)
        field = "irs_number" if kind == "irs" else kind
        if field in ("irs_number", "file_number"):
            m = NUMBER_PREFIX.match(value.value)
            if m and m.end() < len(value.value):  # "No. 95-4545390"
                shift = m.end()
                span = value.span
                value = Text(value=value.value[shift:], span=self.layout.source.span(
                    span.start + shift, span.end) if span else None)
        registrant = self.current()
        if field == "name" and "name" in registrant:
            self.registrants.append({})
            registrant = self.registrants[-1]
        if field not in registrant:  # the first value stands (a second address
            registrant[field] = value  # caption names another office)

    def _joined(self, old: Text, more: Text, between: str = ", ") -> Text:
        """A value read in pieces ("100 Main Street" + "Springfield"), spanning them all."""
        start = old.span.start if old.span else 0
        end = more.span.end if more.span else 0
        return Text(value=f"{old.value}{between}{more.value}",
                    span=self.layout.source.span(start, end))

    # -------------------------------------------------------------- the title and the date

    def values(self, children: list[Line]) -> list[Line]:
        return children

    def below(self, children: list[Line]) -> list[Line]:
        for line in children:
            if line.kind == "FORM_TITLE":
                self._form(line)
        return children

    def title_line(self, children: list) -> None:
        line: Line = children[-1]
        if line.kind == "FORM_TITLE":
            self._form(line)
        self.registrant_area = False

    def _form(self, line: Line) -> None:
        """The form's type, from the first "FORM 8-K" line: "8-K", "8-K/A", "8-K12B"."""
        if self.form is None:
            self.mark(line)
            m = line.match
            if m is not None:
                self.form = self.text(line, m.start("form"), m.group("form"))

    def report_date(self, children: list) -> None:
        line: Line = children[-1]
        self.registrant_area = False
        if self.date is not None:
            return
        self.mark(line)
        self.date, on_line = self._date_near(self.index(line))
        if on_line is not None:
            self._beside_date(line, on_line)

    def _beside_date(self, line: Line, found: tuple[int, int, object]) -> None:
        """"Date of report: December 9, 1994 Commission File No. 1-7361": a caption
        and its value after the date (``found`` on the line), on its line (a
        collapsed 1994 cover)."""
        first = _first(line)
        after = found[1]
        if not 0 < after < len(first):
            return
        rest = first[after:]
        kind = caption_kind(rest)
        shape = {"file_number": FILE_NUMBER, "irs": IRS}.get(kind or "")
        m = shape.search(rest) if shape is not None else None
        if m is not None:
            self.put(kind, self.text(line, after + m.start(), m.group()))  # type: ignore[arg-type]

    def _date_near(self, index: int) -> tuple[DateValue | None, tuple[int, int, object] | None]:
        """The date on the date of report line, after its words, or on a line near it:
        the next one or two, or the one above; and where the date stands on the line
        itself (``find_date``'s answer), if it does."""
        line = self.lines[index]
        begin = line.match.end() if line.match is not None else 0
        if "\n" not in line.text and (found := find_date(line.text, begin)) is not None:
            return self._date_value(line, found), found
        candidates = [(line, begin)]
        for j in (index + 1, index + 2, index - 1):
            near = 0 <= j < len(self.lines) and plain(self.lines[j].kind)
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
                return self._date_value(cand, found), None
        return None, None

    def _date_value(self, line: Line, found: tuple[int, int, object]) -> DateValue:
        s, e, day = found
        return DateValue(value=day, text=" ".join(line.text[s:e].split()),  # type: ignore[arg-type]
                         span=self.layout.span(line.start + s, line.start + e))

    # -------------------------------------------------------------- registrant blocks

    def caption_block(self, children: list) -> None:
        run: list[Line] = children[0] if len(children) > 1 else []
        self._caption(children[-1], run, [])

    def header_block(self, children: list) -> None:
        run: list[Line] = children[0] if isinstance(children[0], list) else []
        header = next(c for c in children if isinstance(c, Line) and c.kind == "HEADER_ROW")
        self._caption(header, run, [c for c in children if isinstance(c, Line)
                                    and c.kind == "ROW"])

    def _caption(self, line: Line, run: list[Line], rows_below: list[Line]) -> None:
        """The values of a caption row: beside it, above it, carried from the row
        above, or below it (a header row)."""
        self.mark(line)
        inside = self.registrant_area
        self.registrant_area = True
        caps = captions(line.text)
        if not caps or any(c.kind == "combined" for c in caps):
            return
        before = self.found
        taken = self._read_caption(line, caps, run, rows_below)
        if inside:
            if self.captionless:
                taken = taken + self._by_shape(run, taken)
            self._unread(run, taken)
        if self.found == before and not {c.kind for c in caps} <= {"former_name", "zip"}:
            # a former name is often left blank, and a zip code read with the address
            self.report("caption row with no values", line,
                        "expected the values on the line above this caption row, or beside it")

    def _by_shape(self, run: list[Line], taken: list[Line]) -> list[Line]:
        """On a cover without captions for the registrant, the lines under its name
        that no caption takes, read by what they hold: "Identification No.
        31-0624874", an address ending in its zip code, "Phone: (513) 579-2121"."""
        used = {line.start for line in taken}
        lines = [line for line in run if line.start not in used and line.kind in VALUE_LINES]
        read: list[Line] = []
        address: list[Line] = []
        for line in lines:
            text = line.text
            irs = IRS.search(text)
            if irs is not None and caption_kind(text) == "irs":
                self.put("irs", self.text(line, irs.start(), irs.group()))
                read.append(line)
            elif caption_kind(text) is not None and not re.search(r"\d", text):
                read.append(line)  # "Address and" / "Telephone Number": a header's words
            elif line.kind in ("TEXT", "PHONE_VALUE", "ADDRESS_PHONE", "FAX"):
                address.append(line)
        # the address: the block of lines ending in the one with the zip code, and a
        # telephone line right under it
        ends = [i for i, line in enumerate(address)
                if ZIP_AT_END.search(line.text) or line.kind == "ADDRESS_PHONE"]
        if not ends:
            return read
        last = ends[-1]
        first = last
        while first > 0 and address[first - 1].number >= address[first].number - 2:
            first -= 1
        if (last + 1 < len(address) and address[last + 1].kind == "PHONE_VALUE"
                and address[last + 1].number <= address[last].number + 2):
            last += 1
        block = address[first : last + 1]
        pieces = []
        for line in block:
            stripped = line.text.strip()
            at = line.start + line.text.index(stripped)
            pieces.append((at, at + len(stripped), stripped))
        self._store_address(pieces, True, True)
        return read + block

    def _unread(self, run: list[Line], taken: list[Line]) -> None:
        """Lines of values between two caption rows that neither reads."""
        used = {line.start for line in taken}
        unread = [line for line in run
                  if (line.kind in VALUE_LINES or line.kind == "GLYPH")
                  and line.start not in used
                  and line.text.count(")") <= line.text.count("(")  # not a caption's tail
                  and not _DESCRIBED.fullmatch(line.text) and caption_kind(line.text) is None]
        if unread:
            many = f"{len(unread)} lines" if len(unread) > 1 else "a line"
            self.report(f"{many} of values that no caption names", unread[0],
                        "not read: the caption row below takes only the lines right above it")

    def _read_caption(self, line: Line, caps: list[Caption], run: list[Line],
                      rows_below: list[Line]) -> list[Line]:
        """Read the values of one caption row; the lines of ``run`` it took."""
        first_line = _first(line)
        slots = values_beside(first_line)
        for cap in caps:
            beside = [c for c in slots if cap.under and overlap(c.start, c.end, cap.start,
                                                                 cap.end) > 0]
            if beside:
                # "DELAWARE  (Commission file number)" over "(State of incorporation)"
                self.put(cap.kind, self.text(line, beside[0].start, beside[0].text))
                slots = [c for c in slots if c is not beside[0]]
        caps = [c for c in caps if not c.under] or caps
        right = [c for c in slots if c.start > caps[-1].end]
        if right and len(right) == len(slots):
            # "(Registrant's telephone number ...)     800-323-6883": the value
            # stands right of its caption.
            value = right[0]
            self.put(caps[-1].kind, self.text(line, value.start,
                                              first_line[value.start : right[-1].end]))
            return []
        if (self._colon_values(line, first_line, caps, slots) or self._inline_value(line, caps)
                or self._former_beside(line, caps)):
            return []
        kinds = [c.kind for c in caps]
        if line.kind == "NAMES_CAPTION":
            return self._names(run, line)
        if "name" in kinds and len(caps) >= 2:
            rows = self._registrant_rows(run, caps)
            if rows:
                return rows
        value_rows = self._above(run, line, limit=2 if caps[0].kind == "name" else 4)
        incorporated: list[tuple[Line, tuple[int, str]]] = []
        if caps[0].kind == "name" and len(value_rows) > 1:
            # "(Ford Credit Auto Receivables Corporation - Originator)" under the
            # name describes the registrant; it is not part of the name; "(A
            # Delaware Corporation)" gives its state.
            incorporated = [(r, found) for r in value_rows if r.kind == "INCORPORATION"
                            and (found := _state_of(r.match)) is not None]
            value_rows = [r for r in value_rows if not _DESCRIBED.fullmatch(r.text)
                          and r.kind != "INCORPORATION"]
        index = self.index(line)
        if not value_rows and self.carried is not None and self.carried[0] == index - 1:
            # "Minneapolis, Minnesota   (Zip Code)" then "(Address of ...)": the value
            # left of the zip caption, with the lines above it, is this address.
            pieces = self.carried[1]
            self.carried = None
            self._store({0: pieces}, caps[:1])
            return []
        taken = value_rows
        if rows_below and "(" not in line.text and len(caps) >= 2:
            value_rows = rows_below  # a header row without parentheses: values below
        if not value_rows:
            self._same_line_value(line, caps, first_line)
            return []
        columns = [(c.start, c.end) for c in caps]
        # value chunks on the caption line itself stand for a caption below them
        carry_at = len(caps)
        together = self.named_together
        if len(caps) > 1 and len(together) > 1 and len(value_rows) == len(together):
            # a row of values per registrant named one after the other above
            self.named_together = []
            for registrant, value_line in zip(together, value_rows, strict=True):
                self.target = registrant
                self._store(self._row_values([value_line], caps, columns), caps)
            self.target = None
            return taken
        found = self._row_values(value_rows, caps, columns + [(c.start, c.end) for c in slots])
        carried = [piece for i in sorted(found) if i >= carry_at for piece in found.pop(i)]
        if slots:
            carried += [(line.start + c.start, line.start + c.end, c.text) for c in slots]
            self.carried = (index, carried)
            self.found += 1  # read, for the caption row below
        self._store(found, caps)
        for row, (at, state) in incorporated:
            self.put("state", self.text(row, at, state))
        return taken if value_rows is taken else []

    def _row_values(self, value_rows: list[Line], caps: list[Caption],
                    columns: list[tuple[int, int]]) -> dict[int, list[Piece]]:
        """The pieces of rows of values, by the index of the caption (or of the value
        beside the caption row, from ``carry_at``) whose column they stand in."""
        found: dict[int, list[Piece]] = {}  # caption index -> pieces, top to bottom
        for value_line in value_rows:
            pieces = _value_pieces(value_line)
            if len(columns) == 1:  # one caption, no value beside it: every piece is its
                by_caption = {0: pieces} if pieces else {}
            else:
                placed: list[tuple[Chunk, int | None]] = [(p, None) for p in pieces]
                if len(caps) > 1:
                    placed = split_collapsed(pieces, caps,
                                             columns if len(pieces) >= len(caps) else None)
                by_caption = assign(placed, caps, columns)
            for i, group in by_caption.items():
                a, b = group[0].start, group[-1].end
                between = any(a < p.start < b for j, other in by_caption.items() if j != i
                              for p in other)
                text = (" ".join(p.text for p in group) if between or value_line.kind == "SPACED"
                        else value_line.text[a:b])
                found.setdefault(i, []).append((value_line.start + a, value_line.start + b,
                                                text))
        return found

    def _names(self, run: list[Line], line: Line) -> list[Line]:
        """"(Exact name of registrants as specified in their charters)": each line of
        the block above it names a registrant."""
        rows = [r for r in self._above(run, line, limit=8)
                if not _DESCRIBED.fullmatch(r.text) and r.kind != "INCORPORATION"]
        self.named_together = []
        for row in rows:
            piece = _value_pieces(row)
            if not piece:
                continue
            start, end = piece[0].start, piece[-1].end
            text = " ".join(p.text for p in piece)
            self.put("name", self.layout.value(text, row.start + start, row.start + end))
            self.named_together.append(len(self.registrants) - 1)
        return rows

    def _above(self, run: list[Line], caption: Line, limit: int) -> list[Line]:
        """The value lines directly above a caption row (nearest last): a block of
        lines with no blank line inside, at most two blank lines (and any rules)
        above the caption."""
        out: list[Line] = []
        expect = caption.number - 1
        gap_allowed = True
        counted = 0
        for line in reversed(run):
            if line.kind == "TABLE_TAG" and not out:
                # "<S> <C> <C>" between a row of values and its captions (an ASCII
                # table whose <CAPTION> holds the values)
                expect = line.number - 1
                continue
            if counted >= limit or not plain(line.kind) or line.kind in ROWS:
                break
            if line.kind == "DATE_LINE" and (line.match is None
                                             or line.match.group("rest") is None):
                break  # a date alone: the date of report, no field of the registrant
            if line.kind == "RULE":
                if out:  # a rule above a value closes the value block
                    break
                expect = line.number - 1
                continue
            gap = line.number < expect  # a blank line between
            if gap and (out or not gap_allowed or expect - line.number > 2):
                break
            gap_allowed = False
            out.append(line)
            # a telephone or fax number under the address is no line of it
            counted += line.kind not in ("PHONE_VALUE", "FAX")
            expect = line.number - 1
        return out[::-1]

    def _registrant_rows(self, run: list[Line], caps: list[Caption]) -> list[Line]:
        """A table of registrants above a row of captions naming state, name and IRS
        number, one registrant a row ("Delaware  Canandaigua Wine Company, Inc.
        16-0716709"). Only taken when at least two rows end in an IRS number."""
        rows: list[Line] = []
        i = len(run) - 1
        while i >= 0 and len(rows) < 40:
            line = run[i]
            if not plain(line.kind) or line.kind in ROWS:
                break
            if line.kind == "RULE":
                i -= 1
                continue
            if not IRS_AT_END.search(line.text):
                above = run[i - 1] if i > 0 else None
                if rows and above is not None and plain(above.kind) and IRS_AT_END.search(
                    above.text
                ):
                    i -= 1  # "subsidiaries": the row above wrapped onto this line
                    continue
                break
            rows.append(line)
            i -= 1
        if len(rows) < 2:
            return []
        kinds = [c.kind for c in caps]
        state_first = "state" in kinds and kinds.index("state") < kinds.index("name")
        for line in reversed(rows):
            text = line.text.rstrip()
            m = IRS_AT_END.search(text)
            assert m is not None
            body = text[: m.start()].strip()
            lead = len(text) - len(text.lstrip())
            self.registrants.append({})
            self.put("irs", self.text(line, m.start(1), m.group(1)))
            state, name = split_state(body) if state_first else (None, body)
            # "Canandaigua Wine Company, Inc. and its" / "subsidiaries"
            name = re.sub(r"\s+and\s+its(?:\s+subsidiaries)?$", "", name, flags=re.IGNORECASE)
            if state:
                self.put("state", self.text(line, lead, state))
            if name:
                self.put("name", self.text(line, text.index(name, lead), name))
        return [line for line in run if line.start >= rows[-1].start]

    def _inline_value(self, line: Line, caps: list[Caption]) -> bool:
        """"Commission file number 000-20908": a caption without parentheses and its
        value in one run of text."""
        if len(caps) != 1 or "(" in line.text:
            return False
        cap = caps[0]
        pattern = {"file_number": FILE_NUMBER, "irs": IRS, "phone": PHONE}.get(cap.kind)
        if pattern is None:
            return False
        m = pattern.search(_first(line), cap.start)
        if m is None or m.start() == cap.start:
            return False
        self.put(cap.kind, self.text(line, m.start(), m.group()))
        return True

    def _former_beside(self, line: Line, caps: list[Caption]) -> bool:
        """"Former name or former address, if changed since last report - not
        applicable.": the caption written as a sentence, its value after it (the
        lines above it are not the former name)."""
        if [c.kind for c in caps] != ["former_name"] or "(" in line.text:
            return False
        m = _FORMER_VALUE.search(line.text)
        if m is None:
            return False
        value = " ".join(m.group(1).split())
        self.put("former_name", self.layout.value(value, line.start + m.start(1),
                                                  line.start + m.end(1)))
        return True

    def _colon_values(self, line: Line, first: str, caps: list[Caption],
                      slots: list[Chunk]) -> bool:
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

    def _same_line_value(self, line: Line, caps: list[Caption], first: str) -> None:
        """"(Former name ..., if changed since last report): Not Applicable"."""
        cap = caps[-1]
        close = first.find(")", cap.start)
        if close == -1:
            return
        rest = first[close + 1 :].lstrip(" :.-\t")
        if rest and cap.kind in ("former_name", "state", "file_number", "irs", "name"):
            self.put(cap.kind, self.text(line, first.index(rest, close), rest.rstrip()))

    def _store(self, found: dict[int, list[Piece]], caps: list[Caption]) -> None:
        kinds = {c.kind for c in caps}
        for i, pieces in found.items():
            kind = caps[i].kind
            if kind == "address":
                self._store_address(pieces, "zip" not in kinds, "phone" not in kinds)
                continue
            texts = [text for _, _, text in pieces]
            if kind == "zip":  # "43085" over "Columbus, OH 43085": one zip code
                texts = list(dict.fromkeys(texts))
            value = " ".join(texts)
            self.put(kind, self.layout.value(value, pieces[0][0], pieces[-1][1]))

    def _store_address(self, pieces: list[Piece], zip_here: bool, phone_here: bool) -> None:
        """Address lines; a telephone number or a trailing zip code is split off when
        no caption of its own claims it ("(Address, including Zip Code, and
        telephone number ...)"): a line of the number alone ("Tel. (949) 429-5370"),
        or ending a line after the zip code ("..., CA 92672, Tel. (949) 429-5370").
        A fax number is no part of the address."""
        lines: list[Piece] = []
        for start, end, text in pieces:
            if pattern("FAX").match(text):
                continue
            if phone_here:
                m = pattern("PHONE_VALUE").match(text)
                if m is not None:
                    self.put("phone", self.layout.value(m.group("phone"), start + m.start("phone"),
                                                        start + m.end("phone")))
                    continue
                m = pattern("ADDRESS_PHONE").match(text)
                if m is not None:
                    self.put("phone", self.layout.value(m.group("phone"), start + m.start("phone"),
                                                        start + m.end("phone")))
                    text = text[: m.end("zip")]
                    end = start + m.end("zip")
            lines.append((start, end, text.rstrip(" ,")))
        if not lines:
            return
        start, end, last = lines[-1]
        m = ZIP_AT_END.search(last)
        if zip_here and m and (m.start() > 0 or len(lines) > 1):
            # "Atlanta, Georgia 30308", or the zip code alone under the address
            zip_text = m.group().strip()
            self.put("zip", self.layout.value(zip_text, start + m.start(), start + m.start()
                                              + len(zip_text)))
            lines[-1] = (start, start + len(last[: m.start()].rstrip(" ,")),
                         last[: m.start()].rstrip(" ,"))
        value = ", ".join(text for _, _, text in lines if text)
        if value:
            self.put("address", self.layout.value(value, lines[0][0], lines[-1][1]))

    # -------------------------------------------------------------- a name without caption

    def registrant_name(self, children: list) -> None:
        """The name standing alone (no caption names it), letter-spaced or not; a
        line right under it naming the state it is incorporated in ("Incorporated
        under the Laws of Ohio") gives the state."""
        line: Line = children[-1]
        self.mark(line)
        self.registrant_area = self.captionless = True
        stripped = line.text.strip()
        at = line.text.index(stripped)
        spaced = pattern("SPACED").fullmatch(line.text) is not None
        value = unspaced(stripped) if spaced else stripped
        self.put("name", self.layout.value(value, line.start + at, line.start + at + len(stripped)))
        index = self.index(line)
        for below in self.lines[index + 1 : index + 3]:
            if below.kind == "INCORPORATION" and below.number - line.number <= 3:
                found = _state_of(below.match)
                if found is not None:
                    self.put("state", self.text(below, *found))
                break

    # -------------------------------------------------------------- co-registrant tables

    def TABLE_CAPTION(self, token: Token) -> Line:
        line = self.__default_token__(token)
        low = " ".join(line.text.lower().split())
        # "Registrant, State of Incorporation, Address ..." names one column; a
        # 1994 header gives the state a column of its own
        self.table_state = (not re.search(r"registrant,?\s+state", low)
                            and re.search(r"\bstate\b|incorporation", low) is not None)
        return line

    def table_registrant(self, rows: list[Line]) -> Registrant:
        """One registrant's block of rows: its file number, name and IRS number (the
        groups of its ``REGISTRANT_ROW``), "(A Georgia Corporation)", address lines,
        telephone."""
        fields: dict[str, Text] = {}
        first = rows[0]
        m = first.match
        if m is None:  # a row recovery put in
            return Registrant()
        fields["file_number"] = self.text(first, m.start("file"), m.group("file"))
        if m.group("irs") is not None:
            fields["irs_number"] = self.text(first, m.start("irs"), m.group("irs"))
        at, name = m.start("name"), m.group("name")
        if self.table_state:
            at_state, state, name = _state_column(name)
            if state is not None:
                fields["state"] = self.text(first, at + at_state, state)
        fields["name"] = self.text(first, at, name)
        address: list[Piece] = []
        for line in rows[1:]:
            if line.kind == "STATE_ROW":
                found = _state_of(line.match)
                if found is not None:
                    fields.setdefault("state", self.text(line, *found))
            elif line.kind == "PHONE_ROW" and line.match is not None:
                fields.setdefault("phone", self.text(line, line.match.start("phone"),
                                                     line.match.group("phone")))
            else:
                self._table_row(fields, line, address)
        if address:
            fields["address"] = self.layout.value(", ".join(t for _, _, t in address),
                                                  address[0][0], address[-1][1])
        return Registrant(**fields)

    def _table_row(self, fields: dict[str, Text], line: Line, address: list[Piece]) -> None:
        """An address line of a registrant's block: it may end in the zip code and the
        telephone number ("Atlanta, Georgia 30308   (404) 506-6526"), or be the IRS
        number written under the address."""
        text = line.text.rstrip()
        lead = len(text) - len(text.lstrip())
        if pattern("FAX").match(text):
            return
        if IRS.fullmatch(text.strip()) and "irs_number" not in fields:
            fields["irs_number"] = self.text(line, lead, text.strip())
            return
        m = pattern("ADDRESS_PHONE").match(text)
        if m is not None:
            fields.setdefault("phone", self.text(line, m.start("phone"), m.group("phone")))
            text = text[: m.end("zip")]
        zip_match = ZIP_AT_END.search(text)
        if zip_match and "zip" not in fields:
            fields["zip"] = self.text(line, zip_match.start(), zip_match.group().strip())
            text = text[: zip_match.start()].rstrip(" ,")
        value = text[lead:].rstrip(" ,")
        if value:
            address.append((line.start + lead, line.start + lead + len(value), value))

    def coregistrants(self, children: list) -> None:
        caption = next(c for c in children if isinstance(c, Line) and c.kind == "TABLE_CAPTION")
        self.mark(caption)
        self.registrant_area = True
        for found in children:
            if isinstance(found, Registrant):
                self.registrants.append(
                    {k: v for k, v in msgspec.structs.asdict(found).items() if v is not None})

    # -------------------------------------------------------------- the telephone line

    def telephone(self, children: list) -> None:
        """The number on the telephone line, on the line below (joined into the token),
        or on one of the two lines above it."""
        line: Line = children[-1]
        run: list[Line] = children[0] if len(children) > 1 else []
        self.mark(line)
        self.registrant_area = True
        if self.captionless and run:
            # the address of a cover without captions, above the telephone line
            self._by_shape(run, [])
        first, _, below = line.text.partition("\n")
        after = line.match.end() if line.match is not None else 0
        m = PHONE.search(first, after)
        if m:
            self.put("phone", self.text(line, m.start(), m.group()))
            return
        below_start = line.end - len(below)
        if below and below_start == line.start + len(first) + 1:
            # "... including area code: (206)" / "622-6767": the number wraps
            m = PHONE.search(line.text, after)
            if m and m.end() > len(first):
                self.put("phone", self.layout.value(" ".join(m.group().split()),
                                                    line.start + m.start(), line.start + m.end()))
                return
        for other in run[-1:-3:-1]:
            if (other.kind != "RULE" and plain(other.kind) and other.kind not in ROWS
                    and abs(other.number - line.number) <= 3):
                m = PHONE.search(other.text)
                if m:
                    self.put("phone", self.text(other, m.start(), m.group()))
                    return
        if below:
            m = PHONE.search(below)
            if m:
                self.put("phone", self.layout.value(m.group(), below_start + m.start(),
                                                    below_start + m.end()))
                return
        # Something is written there, but not a phone number: keep it as written
        # so the validator can say what is wrong with it.
        rest = _CAPTION_REST.sub("", first[after:], count=1).strip(" :)")
        if rest and re.search(r"\d", rest):
            self.put("phone", self.text(line, first.rindex(rest), rest))

    # -------------------------------------------------------------- check boxes

    def box(self, children: list) -> CheckBox | None:
        line: Line = children[0]
        self.mark(line)
        index = self.index(line)
        name = self._box_name(index)
        if name is None:
            return None
        found = self._glyph_near(index)
        value = self.value_at(line, line.text.strip())
        if found is None:
            return CheckBox(name=name, checked=None, glyph=None, text=value)
        return CheckBox(name=name, checked=glyph_state(found), glyph=found, text=value)

    def check_boxes(self, children: list) -> tuple[CheckBox, ...]:
        self.registrant_area = False
        return tuple(c for c in children if isinstance(c, CheckBox))

    def _box_name(self, index: int) -> str | None:
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

    def _glyph_near(self, index: int, forward: int = 0) -> str | None:
        """A check-box glyph at the start or end of line ``index``, alone on the line
        before, or on one of the ``forward`` lines after."""
        line = self.lines[index]
        m = GLYPH_START.match(line.text)
        if m:
            return m.group(1)
        m = GLYPH_END.search(line.text)
        if m and glyph_state(m.group(1)) is not None and m.group(1) not in ("x", "X", "o"):
            return m.group(1)
        if index > 0 and self.lines[index - 1].kind == "GLYPH":
            return self.lines[index - 1].match.group("glyph")  # type: ignore[union-attr]
        for j in range(index + 1, min(index + 1 + forward, len(self.lines))):
            other = self.lines[j]
            if not plain(other.kind) and not other.kind.startswith("EGC_"):
                break
            m = GLYPH_END.search(other.text) or GLYPH_START.match(other.text)
            if m:
                return m.group(1)
        return None

    # -------------------------------------------------------------- the 12(b) table

    def securities(self, children: list) -> list[Security]:
        """The rows under the table's header row; none when it says "None"."""
        self.registrant_area = False
        self.mark(children[0])
        lines = [line for c in children[1:] for line in (c if isinstance(c, list) else [c])]
        header = False
        columns: list[tuple[int, int]] = []
        kinds: list[str] = []
        rows: list[Security] = []
        for line in lines[:29]:
            if not plain(line.kind):
                if line.kind in MARKUP:
                    continue
                break
            if not header:
                if line.kind == "HEADER_12B":
                    header = True
                    for chunk in chunks(line.text):
                        c = chunk.text.lower()
                        kind = ("title" if "title" in c or "class" in c
                                else "symbol" if "symbol" in c or "trading" in c
                                else "exchange" if "exchange" in c or "name of" in c
                                else None)
                        if kind:
                            columns.append((chunk.start, chunk.end))
                            kinds.append(kind)
                    continue
                break  # "None", or no header row: no rows
            if all(_HEADER_WORDS.match(c.text) for c in chunks(line.text)):
                continue  # the header row's second line ("Symbol(s)  on which registered")
            if _EGC_LIKE.search(line.text) or len(line.text.strip()) > 200:
                break
            pieces = chunks(line.text)
            if not pieces or not columns or NOTHING.match(pieces[0].text):
                break
            cells: dict[str, Text] = {}
            in_order = len(pieces) == len(kinds) == 3  # a long title pushes the others right
            for n, piece in enumerate(pieces):
                kind = kinds[n] if in_order else kinds[best_column(piece, columns)]
                value = self.text(line, piece.start, piece.text)
                cells[kind] = self._joined(cells[kind], value, " ") if kind in cells else value
            if set(cells) == {"exchange"} and rows and rows[-1].exchange is not None:
                # "New York Stock Exchange" / "NYSE Texas, Inc.": two lines of one cell
                last = rows[-1]
                rows[-1] = msgspec.structs.replace(
                    last, exchange=self._joined(last.exchange, cells["exchange"], " "))
                continue
            if set(cells) == {"title"} and rows and "symbol" in kinds:
                # A class title wrapped onto a second line.
                last = rows[-1]
                if last.title is not None:
                    rows[-1] = msgspec.structs.replace(
                        last, title=self._joined(last.title, cells["title"], " "))
                continue
            rows.append(Security(title=cells.get("title"), symbol=cells.get("symbol"),
                                 exchange=cells.get("exchange")))
        return rows

    # -------------------------------------------------------------- emerging growth company

    def egc(self, children: list) -> dict[str, CheckBox]:
        """The emerging growth company box and the extended transition period box
        (the question itself holds no box)."""
        self.registrant_area = False
        out: dict[str, CheckBox] = {}
        for line in children:
            if not isinstance(line, Line):
                continue
            self.mark(line)
            if line.kind == "EGC_TRANSITION":
                out.setdefault("extended_transition_period", self._transition(line))
            elif line.kind == "EGC_BOX":
                glyph = self._glyph_near(self.index(line), forward=1)
                out.setdefault("emerging_growth_company", CheckBox(
                    name="emerging-growth-company",
                    checked=glyph_state(glyph) if glyph else None, glyph=glyph,
                    text=self.value_at(line, line.text.strip())))
        return out

    def _transition(self, line: Line) -> CheckBox:
        index = self.index(line)
        glyph = None
        for j in range(index, min(index + 6, len(self.lines))):
            other = self.lines[j]
            if j > index and not plain(other.kind):
                break
            m = GLYPH_END.search(other.text)
            if m and glyph_state(m.group(1)) is not None:
                glyph = m.group(1)
                break
            if other.kind == "GLYPH":
                glyph = other.match.group("glyph")  # type: ignore[union-attr]
                break
        return CheckBox(name="extended-transition-period",
                        checked=glyph_state(glyph) if glyph else None, glyph=glyph,
                        text=self.value_at(line, line.text.strip()))

    # -------------------------------------------------------------- the page

    def start(self, children: list) -> CoverPage | None:
        """The cover page, from its parts (None when it names no form, no registrant
        and no date: then it is not a cover page)."""
        boxes: dict[str, CheckBox] = {}
        egc: dict[str, CheckBox] = {}
        securities: list[Security] | None = None
        for part in children:
            if isinstance(part, dict):  # the emerging growth company boxes
                for key, box in part.items():
                    egc.setdefault(key, box)
            elif isinstance(part, tuple):  # check boxes
                for box in part:
                    boxes.setdefault(box.name, box)
            elif isinstance(part, list) and all(isinstance(row, Security) for row in part):
                securities = part  # the 12(b) table (loose lines are lists of Line)
            elif isinstance(part, list) and self.captionless:
                # the last lines of a cover without captions: the address under a
                # header row ("Address and / Telephone Number"), read by their shape
                self._by_shape([line for line in part if isinstance(line, Line)], [])
        lines, layout, form = self.lines, self.layout, self.form
        date = self.date or _lone_date(lines, layout)
        if form is None and not self.registrants and date is None:
            return None
        number = _amendment_number(lines)
        end = self.last[1] if self.last is not None else lines[0].end
        return CoverPage(
            form_type=form,
            amendment=bool(form and "/A" in form.value.upper().replace(" ", ""))
            or number is not None,
            amendment_number=number,
            date_of_report=date,
            registrants=[Registrant(**dict(r)) for r in _share(self.registrants) if r],
            check_boxes=[boxes[name] for _, name in BOX_NAMES if name in boxes],
            emerging_growth_company=egc.get("emerging_growth_company"),
            extended_transition_period=egc.get("extended_transition_period"),
            securities_12b=securities or [],
            securities_12b_section=securities is not None,
            span=layout.span(lines[0].start, end),
        )


# The walk's tables: a method per rule of the grammar, per token kind read apart.
_RULE_METHODS: dict[str, Callable[[CoverReader, list], object]] = {
    name: getattr(CoverReader, name)
    for name in ("start", "title_line", "report_date", "caption_block", "header_block",
                 "coregistrants", "table_registrant", "registrant_name", "telephone",
                 "values", "check_boxes", "box", "securities", "egc", "below")}
_TOKEN_METHODS: dict[str, Callable[[CoverReader, Token], Line]] = {
    "TABLE_CAPTION": CoverReader.TABLE_CAPTION}


def _lone_date(lines: list[Line], layout: Layout) -> DateValue | None:
    """A cover without "Date of Report": the date standing alone on a line before
    the registrant's name caption (1-800-Flowers 2023), or opening the line of
    values right above a caption row that names the date ("March 3, 1994 ACME
    WIDGETS, INC." over "(Date of Report) (Exact name of registrant ...)")."""
    for i, line in enumerate(lines):
        if line.kind in CAPTIONS:
            return None
        m = line.match if line.kind == "DATE_LINE" else None
        if m is not None and m.group("rest"):
            below = next((b for b in lines[i + 1 : i + 4] if b.kind != "RULE"), None)
            found = find_date(m.group("date"))
            if (below is not None and below.kind in CAPTIONS and "date" in below.text.lower()
                    and found is not None):
                at = m.start("date")
                return DateValue(value=found[2], text=m.group("date"),
                                 span=layout.span(line.start + at, line.start + m.end("date")))
        if not plain(line.kind):
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


def _amendment_number(lines: list[Line]) -> int | None:
    """"Amendment No. 2" among the first lines of the cover."""
    for line in lines[:40]:
        if line.kind == "AMENDMENT" and line.match is not None:
            return int(line.match.group("number"))
    return None


# ------------------------------------------------------------------ reading


def read_cover(
    front: list[Line], note: Part | None, layout: Layout
) -> tuple[CoverPage | None, Text | None]:
    """The cover page of the lines before the first heading (the body grammar's
    ``front``), and the explanatory note's text; departures from the cover's
    layout go to ``layout.source``."""
    if not front:
        return None, _intro(note, layout)
    tokens = lex_cover(front, layout.text)
    source = layout.source

    def at(start: int, end: int):
        """The words of the line starting at ``start`` (its first line, if several)."""
        line = layout.text[start:end].split("\n", 1)[0]
        lead = len(line) - len(line.lstrip())
        return layout.span(start + lead, start + len(line.rstrip()))

    def report(message: str, line: Line, label: str) -> None:
        source.report("cover-layout", message, at(line.start, line.end), label=label)

    def syntax(problem: SyntaxProblem) -> None:
        token = problem.token
        if token.type == "$END":
            return
        label = LABELS.get(problem.message) or "expected " + (
            ", ".join(problem.expected) or "something else")
        source.report("cover-layout", problem.message, at(token.start_pos, token.end_pos),
                      label=label)

    tree = REGION.parse(tokens, syntax)
    if tree is None:  # recovery gave up: no cover is read
        return None, _intro(note, layout)
    return CoverReader(tokens, layout, report).transform(tree), _intro(note, layout)
