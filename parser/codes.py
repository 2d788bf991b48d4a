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
rule(
    "D007", "time-limit", "error", "reading the file took longer than the time limit",
    "raise --timeout, or look at the file: it may be huge or pathological",
    """
`eightk extract` gives each file a time limit (--timeout) so one pathological
file cannot hold up a run of millions. The file is recorded with this
diagnostic and the run goes on.
""",
)
rule(
    "D008", "unreadable-input", "error", "the input cannot be read",
    "check that the path exists and is readable",
    """
A path given to eightk (or listed in an @file) does not exist or cannot be
read. In a batch run it is recorded and the run goes on.
""",
)
rule(
    "D009", "archive-error", "error", "an archive or one of its members is damaged",
    "download the archive again",
    """
A .zip, .tar, .tar.gz or .gz archive (such as an EDGAR daily feed archive)
could not be read, or one of its members is damaged. Members before and after
the damage are still read.
""",
)
rule(
    "D010", "unsafe-archive-member", "warning",
    "an archive member is a link, a device, or has an absolute or '..' path",
    None,
    """
EDGAR archives hold plain files. A member that is a symbolic or hard link, a
device, or that names a path outside the archive (absolute, or with ..) is
skipped. eightk never writes archive members to disk, so nothing can escape,
but such a member is not a filing either.
""",
)
rule(
    "D011", "member-too-large", "error", "the file is larger than the size limit",
    "raise --max-size if the file is a genuine filing",
    """
Files and archive members are read up to a size limit (256 MB by default), so
a decompression bomb cannot exhaust memory: reading stops one byte past the
limit and the member is recorded with this diagnostic.
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

rule(
    "B204", "item-after-signatures", "warning", "an item section follows the signatures",
    "items come before the signature block",
    """
Form 8-K puts the signature block after the items. An item heading after the
signatures usually means two reports were pasted together or the signature
block was put in the wrong place. The item is still read.
""",
)
rule(
    "B206", "signature-layout", "warning", "the signature block departs from its layout",
    "the Exchange Act sentence, then the registrant's name over `By: /s/ Name`, then "
    "`Name:` and `Title:`",
    """
Form 8-K closes with a signature block in a fixed order (grammar/signatures.lark
states it): the Exchange Act sentence, the registrant's name, the signature line,
and the signer's name and title under it:

    Pursuant to the requirements of the Securities Exchange Act of 1934, the
    registrant has duly caused this report to be signed on its behalf by the
    undersigned hereunto duly authorized.

                                    ACME WIDGETS, INC.
    Date: March 3, 2025             By: /s/ Jane Q. Public
                                    Name:  Jane Q. Public
                                    Title: Chief Financial Officer

This block departs from it in one of three ways: the first signature has no
Exchange Act sentence above it (the sentence makes the block the report's
signature; "In accordance with Section 13 ..." is the Form 10-K's); it has no
registrant's name above it, so nothing says on whose behalf it is signed; or a
`Name:` / `Title:` line stands where no `By:` or `/s/` line is above it, such as
a title written before its signature line. The block is still read: a label
line above a signature gives that signature its name or title.
""",
)

rule(
    "B207", "exhibit-layout", "warning", "text stands between the rows of an exhibit list",
    "keep each exhibit row together: its number, its description and the lines that go on",
    """
A paragraph of text stands between two rows of an exhibit list (Item 9.01(d),
old Item 7(c), the exhibit index), where only rows and what belongs to them
go: usually the rest of a row broken by a page break, or a row that lost its
number. That text is not read as part of any description; the list is read
anyway.

An exhibit list is a label, an optional column header, and rows of an exhibit
number and a description that may go on over several lines:

    (d) Exhibits.
    Exhibit No.   Description
    10.1*         Credit Agreement dated as of March 3, 2025, among the
                  Company and the lenders named therein.
    99.1          Press release dated March 6, 2025.
    * Previously filed.

Between rows a list may hold "(previously filed)" notes, "Not applicable."
below a kind of exhibit, footnote legends, remarks in parentheses, page
numbers, rules, and its label or header repeated after a page break.
""",
)

rule(
    "B205", "cover-layout", "warning", "a line of the cover page departs from its layout",
    "the cover reads: title, date of report, the registrant's values over their captions, "
    "the telephone line, then the check boxes, the 12(b) table and the EGC boxes",
    """
The cover page of Form 8-K is read by its own grammar (grammar/cover.lark): the
title lines, the date of report, the registrant's values standing above (or
beside) the caption rows that name them, the telephone line; then the four
check boxes under their introduction, the Section 12(b) table under its header
row, and the emerging growth company boxes under their question. A line that
does not fit there is reported where it stands, with what was expected, and
read as best it can be:

    [ ] Written communications pursuant to Rule 425 ...
    ^^^ check box without the introduction "Check the appropriate box below ..."

Reading the values finds two more: a caption row with no values above or
beside it (the values are elsewhere, so the fields it names stay empty), and
lines of values between two caption rows that no caption names (the caption
row below takes only the lines right above it). Both usually mean a layout
the reader does not know yet; the fields may be missing or incomplete.
""",
)

# ------------------------------------------------------------------ cover page
rule(
    "C301", "missing-cover-page", "warning", "the 8-K text has no recognisable cover page",
    "the cover page names the form, the date of report and the registrant",
    """
The text before the first item should be the cover page: FORM 8-K, the date of
report, the registrant's exact name over "(Exact name of registrant as
specified in its charter)", its state, commission file number and IRS number.
None of it was found.
""",
)
rule(
    "C302", "missing-check-boxes", "warning",
    "the cover page lacks the Rule 425 / 14a-12 / 14d-2(b) / 13e-4(c) check boxes",
    "8-Ks filed from 2004-08-23 carry the four check boxes under the address block",
    """
From 2004-08-23 (Rel. 33-8400) the cover page asks whether the filing also
satisfies Rule 425, Rule 14a-12, Rule 14d-2(b) or Rule 13e-4(c), with a box
for each:

    [ ]  Written communications pursuant to Rule 425 under the Securities Act
    [ ]  Soliciting material pursuant to Rule 14a-12 under the Exchange Act
    [ ]  Pre-commencement communications pursuant to Rule 14d-2(b) ...
    [ ]  Pre-commencement communications pursuant to Rule 13e-4(c) ...
""",
)
rule(
    "C303", "missing-egc", "warning", "the cover page lacks the emerging growth company box",
    "8-Ks filed from 2017-04-12 ask whether the registrant is an emerging growth company",
    """
From 2017-04-12 (Rel. 33-10332) the cover page carries "Indicate by check mark
whether the registrant is an emerging growth company ..." and the box
"Emerging growth company [ ]".
""",
)
rule(
    "C304", "missing-12b-table", "warning", "the cover page lacks the Section 12(b) table",
    "list each class registered under Section 12(b) with its trading symbol and exchange",
    """
From 2019-05-02 (Rel. 33-10618) the cover page lists the securities registered
under Section 12(b): title of each class, trading symbol(s), and the exchange.
The check applies when a commission file number of the filing starts with 1-
or 001- (a Section 12(b) registration).
""",
)
rule(
    "C305", "malformed-irs-number", "warning",
    "the IRS employer identification number is not NN-NNNNNNN",
    "an EIN has nine digits written NN-NNNNNNN, or \"N/A\" / \"None\" where there is none",
    """
The cover page's "(IRS Employer Identification No.)" value is nine digits,
written with a hyphen after the second: 58-1592285.
""",
)
rule(
    "C306", "malformed-file-number", "warning", "the commission file number has an odd shape",
    "commission file numbers look like 0-23741, 001-40700 or 333-46893-01",
    """
Commission file numbers are a prefix (0/000 for Section 12(g), 1/001 for
Section 12(b), 2-, 33-, 333- for Securities Act registrations, 811-/814- for
investment companies) and a serial, sometimes with a -NN suffix.
""",
)
rule(
    "C307", "malformed-phone", "warning", "the registrant's telephone number has an odd shape",
    "write the telephone number with its area code: (678) 584-4000",
    """
The cover page gives "Registrant's telephone number, including area code" as
a ten-digit number, usually written (NNN) NNN-NNNN.
""",
)
rule(
    "C308", "malformed-report-date", "error", "the date of report is not a real date",
    "write the date of the earliest event reported, e.g. March 3, 2025",
    """
The cover page's "Date of Report (Date of earliest event reported)" must be a
calendar date; it maps to the header's CONFORMED PERIOD OF REPORT and to
dei:DocumentPeriodEndDate.
""",
)
rule(
    "C309", "missing-report-date", "warning", "the cover page has no date of report",
    "add \"Date of Report (Date of earliest event reported): <date>\"",
    """
Every Form 8-K names the date of the earliest event it reports, on the cover.
""",
)

# ------------------------------------------------------------------ items
rule(
    "I401", "unknown-item", "warning", "the item number is not an item of Form 8-K",
    "items are 1 to 12 before 2004-08-23 and 1.01 to 9.01 after",
    """
Before 2004-08-23 Form 8-K had Items 1 to 12; since then Items 1.01 to 9.01:

    1.01 1.02 1.03 1.04 1.05   2.01 2.02 2.03 2.04 2.05 2.06   3.01 3.02 3.03
    4.01 4.02   5.01 5.02 5.03 5.04 5.05 5.06 5.07 5.08   6.01-6.06 6.10
    7.01   8.01   9.01

A number outside both lists, such as `Item 5.2` for 5.02, is reported here.
""",
)
rule(
    "I402", "item-wrong-era", "warning", "the item did not exist on the filing date",
    "use the item numbering in force on the filing date",
    """
Item numbers changed on 2004-08-23 (Rel. 33-8400), and items were added later:
1.04 (2012-01-27), 1.05 (2023-12-18), 5.07 (2010-02-28), 6.0x (2005). Items
10 to 12 existed only in 2003-2004. An `Item 2.02` in 1999 or an `Item 12` in
2006 is reported here.
""",
)
rule(
    "I403", "duplicate-item", "warning", "the same item has two headings",
    "report each item once, under one heading",
    """
Each item appears once in a Form 8-K. A second heading for the same item is
usually a copy-paste error, or two reports merged into one.
""",
)
rule(
    "I404", "declared-item-missing", "warning",
    "an item declared in the header has no heading in the text",
    "the EDGAR submission's items should match the headings of the 8-K text",
    """
The header's ITEM INFORMATION lines (or <ITEMS> tags) declare which items the
filing reports; EDGAR does not check them against the text. A declared item
without a heading means the header or the text is wrong.
""",
)
rule(
    "I405", "undeclared-item", "warning", "an item of the text is not declared in the header",
    "declare every item reported in the 8-K text when submitting it",
    """
The header's ITEM INFORMATION lines should name each item the 8-K text
reports; search tools rely on them.
""",
)
rule(
    "I406", "empty-item", "warning", "the item has a heading but no text",
    "write the item's disclosure under its heading, or remove the heading",
    """
An item heading is followed by the disclosure it heads. A heading directly
followed by another heading (or by the signatures) reports nothing.
""",
)

# ------------------------------------------------------------------ cross-checks
rule(
    "K501", "registrant-name-mismatch", "warning",
    "the registrant's name differs between header and cover page",
    "the cover page names the registrant exactly as its charter does",
    """
The cover page's exact name of the registrant should match the header's
COMPANY CONFORMED NAME (which EDGAR abbreviates and may put surname-first) and
dei:EntityRegistrantName. A difference often means a stale name after a name
change.
""",
)
rule(
    "K502", "cik-mismatch", "warning", "the CIK differs between header and XBRL cover facts",
    None,
    """
dei:EntityCentralIndexKey must be the CIK of a filer of the submission.
""",
)
rule(
    "K503", "irs-number-mismatch", "warning",
    "the IRS number differs between header and cover page",
    None,
    """
The header's IRS NUMBER (nine digits) should equal the cover page's IRS
Employer Identification No. (NN-NNNNNNN) and dei:EntityTaxIdentificationNumber.
""",
)
rule(
    "K504", "state-mismatch", "warning",
    "the state of incorporation differs between header and cover page",
    None,
    """
The header's STATE OF INCORPORATION (an EDGAR code, "DE") should name the state
the cover page spells out ("Delaware"), and dei:EntityIncorporationStateCountryCode.
""",
)
rule(
    "K505", "file-number-mismatch", "warning",
    "the commission file number differs between header and cover page",
    None,
    """
The header's SEC FILE NUMBER (zero-padded, 000-23741) should be the cover
page's Commission File Number (often not padded, 0-23741). Compared after
padding. A different prefix with the same serial usually means a move from
Section 12(g) to 12(b).
""",
)
rule(
    "K506", "report-date-mismatch", "warning",
    "the date of report differs from the header's period of report",
    None,
    """
CONFORMED PERIOD OF REPORT is the date of the earliest event reported, the
cover page's "Date of Report", and dei:DocumentPeriodEndDate.
""",
)
rule(
    "K507", "late-filing", "warning",
    "the 8-K was filed more than four business days after the event",
    "Form 8-K is due within four business days of the event (General Instruction B.1)",
    """
From 2004-08-23 a Form 8-K is due within four business days after the event
(weekends and US federal holidays do not count). Items 7.01 and 8.01 are
voluntary or follow Regulation FD timing and are exempt, as are amendments.
""",
)
rule(
    "K508", "amendment-mismatch", "warning",
    "the header and the cover page disagree on whether this is an amendment",
    None,
    """
An 8-K/A submission's cover page says FORM 8-K/A (or "Amendment No."); an
8-K submission's cover page does not.
""",
)

rule(
    "K509", "registrant-count-mismatch", "warning",
    "the cover page names fewer registrants than the header or the inline XBRL",
    "a combined 8-K's cover page names every registrant, with its file number, state and "
    "IRS number",
    """
A combined Form 8-K (a holding company and its utilities, a parent and its
finance subsidiary) is filed by several registrants at once: the header has a
FILER block for each, the cover page names each one with its commission file
number, state of incorporation, address and IRS employer number (in one table,
a row block per registrant, or one after the other), and the inline XBRL tags
each co-registrant's cover facts under a member of dei:LegalEntityAxis. When
the cover page names fewer registrants than the header files for, or than the
inline XBRL tags, a registrant is missing from the cover (or from what was
read of it); when the inline XBRL names fewer than the header, a co-registrant
was left untagged. A cover naming more registrants than the header is not
reported: asset-backed 8-Ks name a sponsor, and guarantors may be named.
""",
)
rule(
    "K510", "registrant-fields-missing", "warning",
    "the cover page leaves out a registrant's state, file number or IRS number",
    "give each registrant its state of incorporation, commission file number and IRS "
    "employer identification number on the cover page",
    """
Each registrant's block of the cover page gives its state of incorporation,
commission file number and IRS employer identification number. Reported when a
registrant's block has none of one of them while the header's filer block, the
registrant's inline-XBRL facts or the other registrants' blocks show it is due
(a 1994 cover that never had a file number, for a filer the header gives one,
is reported too: the form asks for it).
""",
)

# ------------------------------------------------------------------ exhibits
rule(
    "X601", "exhibit-not-attached", "warning", "a listed exhibit is not attached",
    "attach the exhibit as a document of type EX-<number>, or say it is incorporated by reference",
    """
Every exhibit listed under Item 9.01(d) (old Item 7(c)) or in the exhibit
index is attached to the submission as a document whose type is EX- and the
exhibit number, unless incorporated by reference to an earlier filing.

Not reported: Exhibit 104 (the cover page interactive data, embedded in the
inline XBRL); an exhibit incorporated by reference by its own words, a
"(previously filed)" note or a footnote legend ("* Previously filed."); one
included in another exhibit ("(included in 2.2)"); one attached in lettered
parts (4.5 as EX-4.5(A) ... EX-4.5(H)); one whose text is part of the 8-K
document itself ("see page 25 hereof", or a later heading naming it). A copy
of a filing that lacks documents its header counts says nothing either way.
""",
)
rule(
    "X602", "exhibit-not-listed", "warning", "an attached exhibit is not listed",
    "list the exhibit under Item 9.01(d) or in the exhibit index",
    """
Each EX- document of the submission should appear in the exhibit list.
XBRL documents (EX-101.*) are not listed there. Lettered parts of a listed
exhibit count as listed, and so do documents an unnumbered entry of the list
("The Agreement.") stands for. A listed exhibit attached under another number
is reported once, as exhibit-not-attached.
""",
)

# ------------------------------------------------------------------ signatures
rule(
    "S701", "missing-signatures", "warning", "the 8-K text has no signature block",
    "end the report with SIGNATURES, the Exchange Act sentence and a conformed signature",
    """
Form 8-K ends with the signature block:

    SIGNATURES
    Pursuant to the requirements of the Securities Exchange Act of 1934, the
    registrant has duly caused this report to be signed on its behalf by the
    undersigned hereunto duly authorized.
                                          ACME CORP.
    Date: March 3, 2025                   By: /s/ Jane Doe
""",
)
rule(
    "S702", "unconformed-signature", "warning", "a signature is not conformed with /s/",
    "electronic signatures are typed: By: /s/ Jane Doe",
    """
Regulation S-T Rule 302(a): signatures in an electronic filing are typed, and
the conformed-signature convention is `/s/ Name`.
""",
)
rule(
    "S703", "signature-before-event", "warning", "the report is signed before the event it reports",
    "check the signature date and the date of report",
    """
A report cannot be signed before the earliest event it reports. Usually one of
the two dates is a typo.
""",
)
rule(
    "S704", "malformed-signature-date", "warning", "a signature date is not a real date",
    "write the date the report was signed, e.g. March 3, 2025",
    """
The date in the signature block ("Date: March 3, 2025", the left column beside
the signature, or "... duly authorized on this 3rd day of March, 2025") must be
a calendar date: a day that exists in its month ("March 41", "February 30") and
a month that exists. The timing checks (a signature dated before the event)
cannot read such a date. Usually a typo for a nearby day.
""",
)

# ------------------------------------------------------------------ ASCII
rule(
    "A801", "long-line", "info", "lines of an ASCII document exceed 80 characters",
    "EDGAR ASCII documents keep text lines within 80 characters (tables within 132)",
    """
The EDGAR Filer Manual limits ASCII document lines to 80 characters, and
lines inside <TABLE> to 132. Longer lines are wrapped unpredictably by readers.
One diagnostic per document points at the first such line.
""",
)
rule(
    "A802", "non-ascii-character", "info", "an ASCII document contains characters outside ASCII",
    "use ASCII quotes and dashes in text filings",
    """
ASCII filings may only contain 7-bit ASCII; smart quotes, en and em dashes
are invalid (EDGAR Filer Manual). One diagnostic per document points at the
first such character.
""",
)


RULES: dict[str, Rule] = {r.code: r for r in _RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in _RULES}
if len(RULES) != len(_RULES) or len(BY_NAME) != len(_RULES):
    raise AssertionError("duplicate diagnostic code or name")
