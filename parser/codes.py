"""The registry of diagnostic codes.

Every problem eightk reports has a stable code (``E102``), a kebab-case name
(``missing-text-close``), a default severity, a help text and a long
explanation for ``eightk explain``. Codes are grouped by letter:

- ``D`` reading the bytes (encoding, binary input, empty files)
- ``E`` the EDGAR envelope and header
- ``B`` the 8-K body layout (syntax)
- ``C`` the cover page, ``I`` items, ``X`` exhibits, ``S`` signatures
- ``K`` cross-checks between header, cover page and XBRL
- ``A`` ASCII filing rules

Codes are never reused: a rule that goes away keeps its number retired.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import Severity


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    help: str | None
    explanation: str


_RULES: list[Rule] = []


def rule(
    code: str, name: str, severity: Severity, summary: str, help: str | None, explanation: str
) -> None:
    _RULES.append(Rule(code, name, severity, summary, help, explanation.strip()))


# ------------------------------------------------------------------ reading
rule(
    "D001", "empty-file", "error", "the file is empty", "check the download",
    """
An empty file has no header and no 8-K text. It usually means a download or a
copy failed part-way, or an archive member was stored empty.
""",
)
rule(
    "D002", "binary-input", "error", "the file is not text",
    "give eightk the EDGAR .txt submission or the 8-K document itself",
    """
EDGAR filings are text: an envelope with a header and documents, or a plain
text or HTML 8-K. A PDF, an image, a zip archive or random bytes cannot be a
Form 8-K. (Archives are read by `eightk extract`, which opens them.)
""",
)
rule(
    "D003", "unusual-encoding", "info", "the file is not UTF-8 or ASCII",
    None,
    """
EDGAR requires ASCII (or, for HTML, entities for anything else), but old
filings often contain Latin-1 or Windows-1252 bytes such as smart quotes.
eightk reads such files as Windows-1252, so every byte becomes a character and
nothing is lost; the first byte that is not UTF-8 is pointed at.
""",
)
rule(
    "D004", "nul-bytes", "warning", "the file contains NUL bytes",
    "NUL bytes are usually damage from a bad transfer; compare with the copy on EDGAR",
    """
NUL bytes have no place in a text filing. eightk replaces each with U+FFFD
(so offsets stay where they were) and carries on.
""",
)
rule(
    "D005", "unusual-line-ends", "info", "the file uses CR-only line ends",
    None,
    """
Lines may end in LF, CRLF or, in some feed files, a lone CR. eightk reads all
three; line numbers are counted the way an editor counts them.
""",
)
rule(
    "D006", "not-an-8k", "error", "the filing is not a Form 8-K",
    "eightk reads Forms 8-K, 8-K/A, 8-K12B, 8-K12G3 and 8-K15D5",
    """
The submission type in the header, or the form named on the cover page, is not
in the 8-K family. The envelope and header are still read and reported.
""",
)

# ------------------------------------------------------------------ envelope
rule(
    "E101", "envelope-syntax", "error", "a line of the EDGAR envelope is out of place",
    "compare the envelope with the layout in `eightk explain E101`",
    """
An EDGAR submission is `<SEC-DOCUMENT>` (or `<IMS-DOCUMENT>`, or `<SUBMISSION>`
in feed files), a header, then `<DOCUMENT>` blocks, each with `<TYPE>`,
`<SEQUENCE>`, optional `<FILENAME>` and `<DESCRIPTION>`, and the content between
`<TEXT>` and `</TEXT>`. This line does not fit where it stands.

    <SEC-DOCUMENT>0000912345-06-000012.txt : 20060315
    <SEC-HEADER>0000912345-06-000012.hdr.sgml : 20060315
    ACCESSION NUMBER:		0000912345-06-000012
    ...
    </SEC-HEADER>
    <DOCUMENT>
    <TYPE>8-K
    <SEQUENCE>1
    <TEXT>
    ...
    </TEXT>
    </DOCUMENT>
    </SEC-DOCUMENT>
""",
)
rule(
    "E102", "missing-text-close", "error", "a document's `<TEXT>` block is not closed",
    "add `</TEXT>` at the end of the document's content",
    """
Every `<TEXT>` block ends with `</TEXT>` before its `</DOCUMENT>`. Without it
the end of the document's content is a guess: eightk ends it at the next
`</DOCUMENT>` or `<DOCUMENT>` line.
""",
)
rule(
    "E103", "missing-document-close", "error", "a `<DOCUMENT>` block is not closed",
    "add `</DOCUMENT>` after the document's `</TEXT>`",
    """
Every `<DOCUMENT>` block ends with `</DOCUMENT>`. eightk ends the document
where the next one begins.
""",
)
rule(
    "E104", "truncated-envelope", "error", "the file ends inside the envelope",
    "the file was probably cut short: download it again",
    """
The file ends before the envelope is complete: inside a document, before
`</SEC-HEADER>`, or without the closing `</SEC-DOCUMENT>`. Everything up to
the cut is still read.
""",
)
rule(
    "E105", "document-type-mismatch", "error",
    "the first document's type differs from the submission type",
    "the first `<DOCUMENT>` of a submission is the form itself",
    """
EDGAR puts the form being filed first: in an 8-K submission the first
document's `<TYPE>` equals the header's CONFORMED SUBMISSION TYPE.
""",
)
rule(
    "E106", "accession-mismatch", "error",
    "the accession number on the envelope line differs from the header's",
    "the `<SEC-DOCUMENT>` line and ACCESSION NUMBER name the same submission",
    """
The first line of a submission names its file, `{accession}.txt`, and the
header names the same accession number. A difference means the file was
assembled from two submissions or edited by hand.
""",
)
rule(
    "E107", "malformed-header-date", "error", "a header date is not a valid YYYYMMDD date",
    "header dates are eight digits, YYYYMMDD, and a real calendar date",
    """
Dates in the EDGAR header (CONFORMED PERIOD OF REPORT, FILED AS OF DATE, DATE
AS OF CHANGE, DATE OF NAME CHANGE) are written YYYYMMDD; ACCEPTANCE-DATETIME is
YYYYMMDDhhmmss.
""",
)
rule(
    "E108", "malformed-cik", "error", "a CIK is not ten digits",
    "a Central Index Key is written with ten digits, zero-padded",
    """
CENTRAL INDEX KEY (or `<CIK>`) is a ten-digit, zero-padded number.
""",
)
rule(
    "E109", "malformed-accession-number", "error",
    "the accession number is not NNNNNNNNNN-NN-NNNNNN",
    "an accession number is the filer id (10 digits), the year (2) and a sequence (6)",
    """
Accession numbers have the form `0000912345-06-000012`: ten digits for the
filer agent, two for the year and six for the sequence.
""",
)
rule(
    "E110", "unknown-header-label", "warning", "the header has a label eightk does not know",
    None,
    """
The header carries a label or tag that is not among the known EDGAR header
fields. Its value is kept (see `other_fields` in the JSON); other parsers
crash on such lines.
""",
)
rule(
    "E111", "mismatched-header-tag", "warning", "a header container is closed by another tag",
    "tagged headers close each container with its own end tag",
    """
In the tagged header dialect (`.hdr.sgml`, `.nc` feed files) containers such as
`<FILER>` or `<COMPANY-DATA>` are closed with their own end tag. This one was
closed by a different tag or not at all; eightk closes it where the enclosing
container ends.
""",
)
rule(
    "E112", "no-8k-document", "warning", "no document of the submission is the 8-K itself",
    "the 8-K document has `<TYPE>8-K` (or 8-K/A, 8-K12B, ...)",
    """
A submission of an 8-K carries the form as a document of type 8-K (or one of
its variants). None was found, so there is no cover page or item to read.
""",
)
rule(
    "E113", "document-not-parsed", "info", "the 8-K document is in a format not read yet",
    None,
    """
The primary document is in a format eightk lists but does not read (a PDF, for
instance). The header and the list of documents are still reported.
""",
)

# ------------------------------------------------------------------ body
rule(
    "B201", "body-syntax", "error", "a line of the 8-K text is out of place",
    None,
    """
The 8-K text is read as: cover page, optional explanatory note, item sections,
signature block and exhibit index. This line does not fit there.
""",
)
rule(
    "B202", "unbalanced-table-tags", "warning", "an ASCII `<TABLE>` tag is not closed",
    "close each `<TABLE>` with `</TABLE>`",
    """
ASCII filings mark tables with `<TABLE>` ... `</TABLE>`, with `<CAPTION>`, the
`<S>`/`<C>` column row and `<FN>` inside. An unclosed or unopened table tag
changes how EDGAR and readers lay the text out.
""",
)
rule(
    "B203", "no-items", "warning", "no item heading was found in the 8-K text",
    "each reported event goes under a heading such as `Item 2.02 Results of Operations...`",
    """
Every Form 8-K reports at least one item, under a heading that names it:
`Item 5. Other Events` before 2004-08-23, `Item 8.01 Other Events` after.
No such heading was found.
""",
)


RULES: dict[str, Rule] = {r.code: r for r in _RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in _RULES}
if len(RULES) != len(_RULES) or len(BY_NAME) != len(_RULES):
    raise AssertionError("duplicate diagnostic code or name")
