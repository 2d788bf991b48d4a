# ruff: noqa: E501  (the samples are HTML, written as a filing would be)
"""Hostile filings for the report's safety tests: an HTML 8-K and a text 8-K that try
every way we know to run script or fetch something when a report of them is
opened. ``BASE`` is replaced by the address of a server the test runs, which
counts every request it gets (there must be none).

Each attempt sets ``window.top.__pwned`` or fetches ``BASE/<what>``, so a test
can tell which wall failed.
"""

from __future__ import annotations

HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<meta http-equiv="refresh" content="0;url=BASE/meta-refresh">
<base href="BASE/base/">
<link rel="stylesheet" href="BASE/link.css">
<link rel="prefetch" href="BASE/prefetch">
<script src="BASE/script.js"></script>
<script>window.top.__pwned = "head script"; fetch("BASE/fetch");</script>
<style>
@import url("BASE/import.css");
@import "BASE/import2.css";
@font-face { font-family: evil; src: url(BASE/font.woff); }
body { background: url(BASE/body-bg.png); }
.cover { background-image: u\\72l(BASE/escaped-url.png); }
.logo { background: image-set("BASE/image-set.png" 1x); }
p { behavior: url(BASE/htc.htc); width: expression(alert(1)); }
</style>
</head>
<body onload="window.top.__pwned='onload'" background="BASE/body-attr.png">
<p align="center" onmouseover="window.top.__pwned='mouseover'"><b>UNITED STATES</b></p>
<p align="center"><b>SECURITIES AND EXCHANGE COMMISSION</b></p>
<p align="center"><b>Washington, D.C. 20549</b></p>
<p align="center"><img src="BASE/logo.png" srcset="BASE/logo-2x.png 2x" onerror="window.top.__pwned='onerror'"></p>
<p align="center"><b>FORM 8-K</b></p>
<p align="center"><b>CURRENT REPORT</b></p>
<p align="center">Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934</p>
<p align="center">Date of Report (Date of earliest event reported): March 4, 2024</p>
<p align="center" class="cover" style="background:url('BASE/inline-style.png')"><b>Hostile &lt;/script&gt;&lt;script&gt;window.top.__pwned='escaped'&lt;/script&gt; Holdings, Inc.</b></p>
<p align="center">(Exact name of registrant as specified in its charter)</p>
<table width="100%" background="BASE/table-bg.png">
<tr><td align="center">Delaware</td><td align="center">001-34567</td><td align="center">12-3456789</td></tr>
<tr><td align="center">(State or other jurisdiction of incorporation)</td><td align="center">(Commission File Number)</td><td align="center">(IRS Employer Identification No.)</td></tr>
</table>
<table width="100%"><tr><td align="center">1 Main Street, Springfield, Illinois</td><td align="center">62701</td></tr>
<tr><td align="center">(Address of principal executive offices)</td><td align="center">(Zip Code)</td></tr></table>
<p align="center">Registrant's telephone number, including area code: (217) 555-0100</p>
<p align="center">Not Applicable</p>
<p align="center">(Former name or former address, if changed since last report)</p>
<form action="BASE/form" method="post"><input name="q" value="x" autofocus onfocus="window.top.__pwned='onfocus'"><button formaction="BASE/button">go</button>
<p>Check the appropriate box below if the Form 8-K filing is intended to simultaneously satisfy the filing obligation of the registrant under any of the following provisions:</p>
<p>&#9744; Written communications pursuant to Rule 425 under the Securities Act (17 CFR 230.425)</p>
<p>&#9744; Soliciting material pursuant to Rule 14a-12 under the Exchange Act (17 CFR 240.14a-12)</p>
<p>&#9744; Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act (17 CFR 240.14d-2(b))</p>
<p>&#9744; Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act (17 CFR 240.13e-4(c))</p>
</form>
<p><b>Item 8.01 Other Events.</b></p>
<p>On March 4, 2024, the Company announced <a href="javascript:window.top.__pwned='href'">a thing</a>
<a href="BASE/anchor" ping="BASE/ping">and a link</a>.
<iframe src="BASE/iframe"></iframe><object data="BASE/object"></object><embed src="BASE/embed">
<video poster="BASE/poster.png" src="BASE/video.mp4"></video><audio src="BASE/audio.mp3" autoplay></audio>
<svg><image href="BASE/svg-image.png"/><script>window.top.__pwned='svg'</script></svg>
<math><mtext><table><mglyph><style><img src=BASE/mxss.png onerror="window.top.__pwned='mxss'"></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=BASE/noscript.png onerror=window.top.__pwned='noscript'>"></p></noscript>
<p title="</script><script>window.top.__pwned='title'</script>">A title attribute that closes a script.</p>
<!-- </script><script>window.top.__pwned='comment'</script> -->
<template><img src="BASE/template.png"></template>
<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4=">
<textarea></textarea><img src=BASE/textarea.png></textarea>
</p>
<p><b>Item 9.01 Financial Statements and Exhibits.</b></p>
<p>(d) Exhibits</p>
<p>99.1 Press release <a href="BASE/ex99.htm">dated March 4, 2024</a></p>
<p align="center"><b>SIGNATURE</b></p>
<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.</p>
<p>HOSTILE HOLDINGS, INC.</p>
<p>Date: March 4, 2024 By: /s/ Mallory Example<br>Mallory Example, Chief Executive Officer</p>
<script>window.top.__pwned = "body script"</script>
</body></html>
"""

HOSTILE_TEXT = """                       UNITED STATES
             SECURITIES AND EXCHANGE COMMISSION
                   Washington, D.C. 20549

                          FORM 8-K

                       CURRENT REPORT
   Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934

Date of Report (Date of earliest event reported): March 4, 2024

     </script><script>window.top.__pwned='text'</script><img src="BASE/text.png">
     (Exact name of registrant as specified in its charter)

Delaware                     001-34567                 12-3456789
(State or other jurisdiction (Commission               (IRS Employer
of incorporation)            File Number)              Identification No.)

Item 8.01 Other Events. <!-- <script>window.top.__pwned='comment'</script> \u2028 -->

On March 4, 2024 the Company said "<iframe src=BASE/iframe>" & '</textarea>' \x00\x0c.

                              SIGNATURE

HOSTILE HOLDINGS, INC.
By: /s/ Mallory Example
Date: March 4, 2024
"""


def hostile_html(base: str) -> bytes:
    return HOSTILE_HTML.replace("BASE", base).encode("utf-8")


def hostile_text(base: str) -> bytes:
    return HOSTILE_TEXT.replace("BASE", base).encode("utf-8")
