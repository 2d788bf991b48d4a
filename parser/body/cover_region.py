"""The cover page's grammar as a region: its parser, and its departures worded.

``grammar/cover.lark`` is parsed from its ``start`` rule; a line out of place
(a check box before its introduction, an item heading among the cover's lines)
is reported with the message of the example input that fails the same way, and
recovery reads on: it puts in a missing introduction or question where that
lets the line through, else reads the line as text.
"""

from __future__ import annotations

from ..lexing import LineToken, lex, lines_of
from ..regions import Region
from . import lexer as body_lexer
from .cover_lexer import lex_cover
from .lines import Line


def example_tokens(text: str) -> list[LineToken]:
    """Tokens of a cover written out as text (for the error examples)."""
    front = [Line("TEXT", text[t.start_pos:t.end_pos], t.start_pos, t.end_pos, t.line)
             for t in lex(text, body_lexer.vocabulary(), lines_of(text))]
    return lex_cover(front, text)


_WORDS = {
    "FORM_TITLE": "the form's title", "BOILERPLATE": "the form's standing text",
    "AMENDMENT": "the amendment number", "REPORT_DATE": "the date of report",
    "CAPTION": "a caption row", "PAREN_CAPTION": "a caption row",
    "NAMES_CAPTION": "a caption row", "NAME_LINE": "the registrant's name",
    "TABLE_CAPTION": "a co-registrant table", "HEADER_ROW": "a header row",
    "PHONE": "the telephone line", "TEXT": "a line of values",
    "BOX_INTRO": "the check-box introduction", "BOX": "a check box",
    "SECURITIES_12B": "the Section 12(b) table", "HEADER_12B": "the 12(b) table's header row",
    "EGC_QUESTION": "the emerging growth company question",
    "EGC_BOX": "the emerging growth company box",
    "EGC_TRANSITION": "the extended transition period box",
    "ITEM_HEAD": "an item heading", "$END": "the end of the cover page",
}

# Error examples: each kind of line that can be out of place, after a few of the
# lines it can follow. Where the parser fails on a real cover in the same state on
# the same kind of line, or else on the same kind of line, the message is theirs.
_BOXES = ("Check the appropriate box below if the Form 8-K filing is intended\n"
          "[ ] Written communications pursuant to Rule 425\n")
_TABLE = ("Securities registered pursuant to Section 12(b) of the Act:\n"
          "Title of each class    Trading Symbol(s)    Name of each exchange\n")
_QUESTION = ("Indicate by check mark whether the registrant is an emerging growth company as "
             "defined in Rule 405 of the Securities Act of 1933\n")
_EGC_BOX = "Emerging growth company  [ ]\n"
_TRANSITION = ("If an emerging growth company, indicate by check mark if the registrant has "
               "elected not to use the extended transition period  [ ]\n")
_LATE = (_BOXES, _TABLE, _QUESTION + _EGC_BOX + _TRANSITION)
_EARLY = ("", "FORM 8-K\n",
          "ACME WIDGETS, INC.\n(Exact name of registrant as specified in its charter)\n")
_REGISTRANT_LINES = (
    "(Exact name of registrant as specified in its charter)\n",
    "Delaware        (Commission File Number)\n",
    "Registrant's telephone number, including area code: (212) 555-0100\n",
    "Date of Report (Date of earliest event reported): May 5, 2004\n",
    "Commission    Registrant, State of Incorporation,    I.R.S. Employer\n"
    "1-3526        The Southern Company                   58-0690070\n",
    "State or other    Commission\njurisdiction      File Number\nDelaware          1-234\n")

# message: (label at the offending line, example inputs failing there)
DEPARTURES: dict[str, tuple[str, list[str]]] = {
    "check box without its introduction \"Check the appropriate box below ...\"": (
        "expected the introduction above the boxes", [
            before + "[ ] Soliciting material pursuant to Rule 14a-12\n"
            for before in _EARLY + _LATE[1:]]),
    "emerging growth company box out of place: it follows the question \"Indicate by "
    "check mark whether the registrant is an emerging growth company ...\"": (
        "expected the question above it", [
            before + line for before in _EARLY + _LATE[:2] for line in (_EGC_BOX, _TRANSITION)]),
    "header row of a Section 12(b) table without \"Securities registered pursuant to "
    "Section 12(b) of the Act\"": (
        "expected that line above it", [
            before + _TABLE.split("\n")[1] + "\n" for before in _EARLY + _LATE[::2]]),
    "item heading inside the cover page": (
        "read as the cover's text: the line above it runs on into it", [
            before + "Item 8.01 Other Events\n" for before in _EARLY + _LATE]),
    "registrant's caption row, telephone line or date of report after the check boxes, "
    "the Section 12(b) table or the emerging growth company boxes": (
        "expected before them; read as text", [
            before + line for before in _LATE for line in _REGISTRANT_LINES]),
}
EXAMPLES = {message: inputs for message, (_, inputs) in DEPARTURES.items()}
LABELS = {message: label for message, (label, _) in DEPARTURES.items()}

REGION = Region("cover.lark", example_tokens, _WORDS, EXAMPLES,
                insertable=("BOX_INTRO", "EGC_QUESTION"), kind_first=True)
