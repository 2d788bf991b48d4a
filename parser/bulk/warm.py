"""Everything eightk builds on first use, built once before worker processes fork.

The grammars' parsers, the line vocabularies and their compiled patterns are
made the first time a file needs them: about a tenth of a second of CPU with the
parsers read from the cache folder (``grammars.py``), a quarter without. A
worker forked before that makes them again, each worker for itself; forked
after, it shares the parent's (copy-on-write) and starts at full speed.

The filings below are made up (a fictional registrant), one of each kind the
pipeline reads differently: a submission with a plain-text 8-K (envelope,
cover, items, exhibit list, signatures) and an HTML 8-K (the HTML layout).
"""

from __future__ import annotations

_TEXT_SUBMISSION = b"""<SEC-DOCUMENT>0000000000-24-000001.txt : 20240102
<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240102
ACCESSION NUMBER:\t\t0000000000-24-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t2
CONFORMED PERIOD OF REPORT:\t20240102
ITEM INFORMATION:\t\tOther Events
ITEM INFORMATION:\t\tFinancial Statements and Exhibits
FILED AS OF DATE:\t\t20240102

FILER:

\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE WIDGETS INC
\t\tCENTRAL INDEX KEY:\t\t\t0000000000
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC FILE NUMBER:\t001-00000
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>example.txt
<TEXT>
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT
                     Pursuant to Section 13 or 15(d) of the
                         Securities Exchange Act of 1934

        Date of Report (Date of Earliest Event Reported): January 2, 2024

                              EXAMPLE WIDGETS INC.
             (Exact Name of Registrant as Specified in its Charter)

           Delaware                      001-00000               00-0000000
(State or Other Jurisdiction of     (Commission File          (IRS Employer
Incorporation or Organization)           Number)           Identification No.)

        1 Example Road, Springfield, Illinois                   62701
(Address of Principal Executive Offices)                      (Zip Code)

       Registrant's telephone number, including area code: (217) 555-0100

Item 8.01 Other Events.

      On January 2, 2024, the Company announced its results.

Item 9.01 Financial Statements and Exhibits.

(d)   Exhibits

Exhibit No.                  Description

  99.1      Press release dated January 2, 2024.

                                   SIGNATURES

      Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                              EXAMPLE WIDGETS INC.

Date: January 2, 2024                     By: /s/ Jane Example
                                              Jane Example
                                              Chief Financial Officer
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.txt
<TEXT>
Press release.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""

_HTML_8K = b"""<html><head><title>8-K</title></head><body>
<p style="text-align:center"><b>UNITED STATES<br>SECURITIES AND EXCHANGE COMMISSION</b></p>
<p style="text-align:center"><b>FORM 8-K</b></p>
<p>Date of Report (Date of earliest event reported): January 2, 2024</p>
<p style="text-align:center"><b>EXAMPLE WIDGETS INC.</b><br>(Exact name of registrant as
specified in its charter)</p>
<table><tr><td>Delaware</td><td>001-00000</td><td>00-0000000</td></tr>
<tr><td>(State of incorporation)</td><td>(Commission File Number)</td>
<td>(IRS Employer Identification No.)</td></tr></table>
<p>&#9744; Written communications pursuant to Rule 425 under the Securities Act</p>
<p><b>Item&nbsp;8.01 Other Events.</b></p>
<p>On January 2, 2024, the Company announced its results.</p>
<p><b>Item&nbsp;9.01 Financial Statements and Exhibits.</b></p>
<table><tr><td>Exhibit No.</td><td>Description</td></tr>
<tr><td>99.1</td><td>Press release dated January 2, 2024.</td></tr></table>
<p style="text-align:center"><b>SIGNATURES</b></p>
<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has
duly caused this report to be signed on its behalf by the undersigned hereunto duly
authorized.</p>
<p>EXAMPLE WIDGETS INC.</p>
<p>Date: January 2, 2024&nbsp;&nbsp;By: /s/ Jane Example<br>Jane Example<br>Chief Financial
Officer</p>
</body></html>
"""


def warm() -> None:
    """Parse, validate and tabulate one filing of each kind, for what that builds.
    Never raises: a warm-up that fails leaves the work to the first real file."""
    from ..checks.validate import validate
    from ..pipeline import parse_bytes
    from .tables import rows

    for name, data in (("warm.txt", _TEXT_SUBMISSION), ("warm.htm", _HTML_8K)):
        try:
            parsed = parse_bytes(data, name)
            rows(parsed.filing, name, validate(parsed))
        except Exception:  # noqa: BLE001, S112 - only a head start; the run goes on
            continue
