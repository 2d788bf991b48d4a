<SUBMISSION>
<ACCESSION-NUMBER>0009967890-24-000031
<TYPE>8-K
<PUBLIC-DOCUMENT-COUNT>4
<PERIOD>20240522
<ITEMS>5.07
<ITEMS>7.01
<ITEMS>9.01
<FILING-DATE>20240524
<DATE-OF-FILING-DATE-CHANGE>20240524
<FILER>
<COMPANY-DATA>
<CONFORMED-NAME>NORTHWIND AEROSTRUCTURES, INC.
<CIK>0009967890
<ASSIGNED-SIC>3728
<ORGANIZATION-NAME>04 Manufacturing
<IRS-NUMBER>912047583
<STATE-OF-INCORPORATION>WA
<FISCAL-YEAR-END>1231
</COMPANY-DATA>
<FILING-VALUES>
<FORM-TYPE>8-K
<ACT>34
<FILE-NUMBER>001-38214
<FILM-NUMBER>24978213
</FILING-VALUES>
<BUSINESS-ADDRESS>
<STREET1>3300 PAINE FIELD BOULEVARD
<CITY>EVERETT
<STATE>WA
<ZIP>98204
<PHONE>425-555-0172
</BUSINESS-ADDRESS>
<MAIL-ADDRESS>
<STREET1>3300 PAINE FIELD BOULEVARD
<CITY>EVERETT
<STATE>WA
<ZIP>98204
</MAIL-ADDRESS>
<FORMER-COMPANY>
<FORMER-CONFORMED-NAME>NORTHWIND COMPOSITES INC
<DATE-CHANGED>20110308
</FORMER-COMPANY>
</FILER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>nwas-20240522.htm
<DESCRIPTION>8-K
<TEXT>
<XBRL>
<?xml version='1.0' encoding='ASCII'?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dei="http://xbrl.sec.gov/dei/2024" xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:nwas="http://www.northwindaero.com/20240522" xml:lang="en-US">
<head>
<meta http-equiv="Content-Type" content="text/html"/>
<title>nwas-20240522</title>
</head>
<body style="font-family:'Times New Roman',Times,serif;font-size:10pt">
<div style="display:none">
<ix:header>
<ix:hidden>
<ix:nonNumeric contextRef="c-1" name="dei:AmendmentFlag" id="f-1">false</ix:nonNumeric>
<ix:nonNumeric contextRef="c-1" name="dei:EntityCentralIndexKey" id="f-2">0009967890</ix:nonNumeric>
</ix:hidden>
<ix:references><link:schemaRef xlink:type="simple" xlink:href="nwas-20240522.xsd"/></ix:references>
<ix:resources>
<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0009967890</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-05-22</xbrli:startDate><xbrli:endDate>2024-05-22</xbrli:endDate></xbrli:period></xbrli:context>
</ix:resources>
</ix:header>
</div>
<p style="margin:0;text-align:center"><b>UNITED STATES</b></p>
<p style="margin:0;text-align:center"><b>SECURITIES AND EXCHANGE COMMISSION</b></p>
<p style="margin:0;text-align:center"><b>Washington, D.C. 20549</b></p>
<hr style="width:25%"/>
<p style="margin:12pt 0 0 0;text-align:center;font-size:14pt"><b>FORM <ix:nonNumeric contextRef="c-1" name="dei:DocumentType" id="f-3">8-K</ix:nonNumeric></b></p>
<hr style="width:25%"/>
<p style="margin:0;text-align:center"><b>CURRENT REPORT</b></p>
<p style="margin:0;text-align:center"><b>Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934</b></p>
<p style="margin:12pt 0 0 0;text-align:center">Date of Report (Date of earliest event reported): <ix:nonNumeric contextRef="c-1" name="dei:DocumentPeriodEndDate" format="ixt:date-monthname-day-year-en" id="f-4">May&#160;22, 2024</ix:nonNumeric></p>
<p style="margin:12pt 0 0 0;text-align:center;font-size:14pt"><b><ix:nonNumeric contextRef="c-1" name="dei:EntityRegistrantName" id="f-5">Northwind Aerostructures, Inc.</ix:nonNumeric></b></p>
<p style="margin:0;text-align:center">(Exact name of registrant as specified in its charter)</p>
<table style="width:100%;margin-top:12pt;border-collapse:collapse">
<tr>
<td style="width:33%;text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><ix:nonNumeric contextRef="c-1" name="dei:EntityIncorporationStateCountryCode" format="ixt-sec:stateprovnameen" id="f-6">Washington</ix:nonNumeric></td>
<td style="width:33%;text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><ix:nonNumeric contextRef="c-1" name="dei:EntityFileNumber" id="f-7">001-38214</ix:nonNumeric></td>
<td style="width:33%;text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><ix:nonNumeric contextRef="c-1" name="dei:EntityTaxIdentificationNumber" id="f-8">91-2047583</ix:nonNumeric></td>
</tr>
<tr>
<td style="text-align:center;vertical-align:top">(State or other jurisdiction<br/>of incorporation)</td>
<td style="text-align:center;vertical-align:top">(Commission<br/>File Number)</td>
<td style="text-align:center;vertical-align:top">(IRS Employer<br/>Identification No.)</td>
</tr>
</table>
<table style="width:100%;margin-top:12pt;border-collapse:collapse">
<tr>
<td style="width:66%;text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><ix:nonNumeric contextRef="c-1" name="dei:EntityAddressAddressLine1" id="f-9">3300 Paine Field Boulevard</ix:nonNumeric><br/><ix:nonNumeric contextRef="c-1" name="dei:EntityAddressCityOrTown" id="f-10">Everett</ix:nonNumeric>, <ix:nonNumeric contextRef="c-1" name="dei:EntityAddressStateOrProvince" format="ixt-sec:stateprovnameen" id="f-11">Washington</ix:nonNumeric></td>
<td style="width:34%;text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><ix:nonNumeric contextRef="c-1" name="dei:EntityAddressPostalZipCode" id="f-12">98204</ix:nonNumeric></td>
</tr>
<tr>
<td style="text-align:center;vertical-align:top">(Address of principal executive offices)</td>
<td style="text-align:center;vertical-align:top">(Zip Code)</td>
</tr>
</table>
<p style="margin:12pt 0 0 0;text-align:center">Registrant&#8217;s telephone number, including area code: (<ix:nonNumeric contextRef="c-1" name="dei:CityAreaCode" id="f-13">425</ix:nonNumeric>) <ix:nonNumeric contextRef="c-1" name="dei:LocalPhoneNumber" id="f-14">555-0172</ix:nonNumeric></p>
<p style="margin:12pt 0 0 0;text-align:center">Not Applicable</p>
<p style="margin:0;text-align:center">(Former name or former address, if changed since last report)</p>
<p style="margin:12pt 0 6pt 0">Check the appropriate box below if the Form 8-K filing is intended to simultaneously satisfy the filing obligation of the registrant under any of the following provisions (see General Instruction A.2. below):</p>
<table style="width:100%;border-collapse:collapse">
<tr><td style="width:4%;vertical-align:top"><ix:nonNumeric contextRef="c-1" name="dei:WrittenCommunications" format="ixt:fixed-false" id="f-15">&#9744;</ix:nonNumeric></td><td style="vertical-align:top">Written communications pursuant to Rule 425 under the Securities Act (17 CFR 230.425)</td></tr>
<tr><td style="width:4%;vertical-align:top"><ix:nonNumeric contextRef="c-1" name="dei:SolicitingMaterial" format="ixt:fixed-false" id="f-16">&#9744;</ix:nonNumeric></td><td style="vertical-align:top">Soliciting material pursuant to Rule 14a-12 under the Exchange Act (17 CFR 240.14a-12)</td></tr>
<tr><td style="width:4%;vertical-align:top"><ix:nonNumeric contextRef="c-1" name="dei:PreCommencementTenderOffer" format="ixt:fixed-false" id="f-17">&#9744;</ix:nonNumeric></td><td style="vertical-align:top">Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act (17 CFR 240.14d-2(b))</td></tr>
<tr><td style="width:4%;vertical-align:top"><ix:nonNumeric contextRef="c-1" name="dei:PreCommencementIssuerTenderOffer" format="ixt:fixed-false" id="f-18">&#9744;</ix:nonNumeric></td><td style="vertical-align:top">Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act (17 CFR 240.13e-4(c))</td></tr>
</table>
<p style="margin:12pt 0 6pt 0">Securities registered pursuant to Section 12(b) of the Act:</p>
<table style="width:100%;border-collapse:collapse">
<tr><td style="text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><b>Title of each class</b></td><td style="text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><b>Trading<br/>Symbol(s)</b></td><td style="text-align:center;vertical-align:bottom;border-bottom:1px solid #000000"><b>Name of each exchange<br/>on which registered</b></td></tr>
<tr><td style="width:48%;text-align:center"><ix:nonNumeric contextRef="c-1" name="dei:Security12bTitle" id="f-19">Common Stock, no par value</ix:nonNumeric></td><td style="width:16%;text-align:center"><ix:nonNumeric contextRef="c-1" name="dei:TradingSymbol" id="f-20">NWAS</ix:nonNumeric></td><td style="width:36%;text-align:center"><ix:nonNumeric contextRef="c-1" name="dei:SecurityExchangeName" format="ixt-sec:exchnameen" id="f-21">The Nasdaq Stock Market LLC</ix:nonNumeric></td></tr>
</table>
<p style="margin:12pt 0 0 0">Indicate by check mark whether the registrant is an emerging growth company as defined in Rule 405 of the Securities Act of 1933 (&#167;230.405 of this chapter) or Rule 12b-2 of the Securities Exchange Act of 1934 (&#167;240.12b-2 of this chapter).</p>
<p style="margin:6pt 0 0 0">Emerging growth company&#160;&#160;<ix:nonNumeric contextRef="c-1" name="dei:EntityEmergingGrowthCompany" format="ixt:fixed-false" id="f-22">&#9744;</ix:nonNumeric></p>
<p style="margin:6pt 0 0 0">If an emerging growth company, indicate by check mark if the registrant has elected not to use the extended transition period for complying with any new or revised financial accounting standards provided pursuant to Section 13(a) of the Exchange Act.&#160;&#9744;</p>
<hr style="page-break-after:always"/>
<p style="margin:12pt 0 0 0"><b>Item 5.07 Submission of Matters to a Vote of Security Holders.</b></p>
<p style="margin:6pt 0 0 0;text-indent:36pt">Northwind Aerostructures, Inc. (the &#8220;Company&#8221;) held its 2024 Annual Meeting of Shareholders on May 22, 2024 (the &#8220;Annual Meeting&#8221;). Of the 41,286,530 shares of common stock outstanding and entitled to vote as of the record date, 35,904,118 shares were represented in person or by proxy. The final voting results for each proposal are set forth below.</p>
<p style="margin:6pt 0 0 0"><i>Proposal 1 &#8211; Election of Directors.</i> Each of the three nominees was elected to serve until the 2027 Annual Meeting of Shareholders:</p>
<table style="width:100%;margin-top:6pt;border-collapse:collapse">
<tr><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:left"><b>Nominee</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>For</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Withheld</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Broker Non-Votes</b></td></tr>
<tr><td style="padding:2pt 4pt;text-align:left">Helen R. Vasquez</td><td style="padding:2pt 4pt;text-align:right">31,842,117</td><td style="padding:2pt 4pt;text-align:right">1,204,556</td><td style="padding:2pt 4pt;text-align:right">2,857,445</td></tr>
<tr><td style="padding:2pt 4pt;text-align:left">Martin O. Kjellberg</td><td style="padding:2pt 4pt;text-align:right">32,015,904</td><td style="padding:2pt 4pt;text-align:right">1,030,769</td><td style="padding:2pt 4pt;text-align:right">2,857,445</td></tr>
<tr><td style="padding:2pt 4pt;text-align:left">Priya S. Raman</td><td style="padding:2pt 4pt;text-align:right">32,388,210</td><td style="padding:2pt 4pt;text-align:right">658,463</td><td style="padding:2pt 4pt;text-align:right">2,857,445</td></tr>
</table>
<p style="margin:6pt 0 0 0"><i>Proposal 2 &#8211; Advisory Vote on Executive Compensation.</i> The shareholders approved, on an advisory basis, the compensation of the Company&#8217;s named executive officers:</p>
<table style="width:100%;margin-top:6pt;border-collapse:collapse">
<tr><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:left"><b>For</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Against</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Abstain</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Broker Non-Votes</b></td></tr>
<tr><td style="padding:2pt 4pt;text-align:left">30,117,842</td><td style="padding:2pt 4pt;text-align:right">2,701,335</td><td style="padding:2pt 4pt;text-align:right">227,496</td><td style="padding:2pt 4pt;text-align:right">2,857,445</td></tr>
</table>
<p style="margin:6pt 0 0 0"><i>Proposal 3 &#8211; Ratification of Independent Auditor.</i> The shareholders ratified the appointment of Cascade Peak LLP as the Company&#8217;s independent registered public accounting firm for 2024:</p>
<table style="width:100%;margin-top:6pt;border-collapse:collapse">
<tr><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:left"><b>For</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Against</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Abstain</b></td><td style="padding:2pt 4pt;border-bottom:1px solid #000000;text-align:right"><b>Broker Non-Votes</b></td></tr>
<tr><td style="padding:2pt 4pt;text-align:left">35,512,406</td><td style="padding:2pt 4pt;text-align:right">318,977</td><td style="padding:2pt 4pt;text-align:right">72,735</td><td style="padding:2pt 4pt;text-align:right">&#8212;</td></tr>
</table>
<p style="margin:12pt 0 0 0"><b>Item 7.01 Regulation FD Disclosure.</b></p>
<p style="margin:6pt 0 0 0;text-indent:36pt">On May 23, 2024, the Company issued a press release announcing the results of the Annual Meeting and a quarterly cash dividend. A copy of the press release is furnished as Exhibit 99.1. The information in this Item 7.01, including Exhibit 99.1, shall not be deemed &#8220;filed&#8221; for purposes of Section 18 of the Securities Exchange Act of 1934, as amended.</p>
<p style="margin:12pt 0 0 0"><b>Item 9.01 Financial Statements and Exhibits.</b></p>
<p style="margin:6pt 0 0 0">(d) Exhibits</p>
<table style="width:100%;margin-top:6pt;border-collapse:collapse">
<tr><td style="width:15%;border-bottom:1px solid #000000"><b>Exhibit No.</b></td><td style="border-bottom:1px solid #000000"><b>Description</b></td></tr>
<tr><td style="vertical-align:top">99.1</td><td style="vertical-align:top"><a href="ex99-1.htm">Press release of Northwind Aerostructures, Inc. dated May 23, 2024</a></td></tr>
<tr><td style="vertical-align:top">104</td><td style="vertical-align:top">Cover Page Interactive Data File (embedded within the Inline XBRL document)</td></tr>
</table>
<p style="margin:18pt 0 0 0;text-align:center"><b>SIGNATURE</b></p>
<p style="margin:6pt 0 0 0;text-indent:36pt">Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.</p>
<table style="width:100%;margin-top:12pt;border-collapse:collapse">
<tr><td style="width:50%"></td><td style="width:50%"><b>NORTHWIND AEROSTRUCTURES, INC.</b></td></tr>
<tr><td>&#160;</td><td>&#160;</td></tr>
<tr><td style="vertical-align:bottom">Date: May 24, 2024</td><td>By:&#160;<span style="text-decoration:underline">/s/ Jonathan E. Marsh</span></td></tr>
<tr><td></td><td>Name: Jonathan E. Marsh</td></tr>
<tr><td></td><td>Title: Vice President, General Counsel and Secretary</td></tr>
</table>
</body>
</html>
</XBRL>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99-1.htm
<DESCRIPTION>EX-99.1
<TEXT>
<HTML>
<HEAD>
<TITLE>Exhibit 99.1</TITLE>
</HEAD>
<BODY STYLE="font: 10pt Times New Roman, Times, Serif">
<P STYLE="margin: 0; text-align: right"><B>Exhibit 99.1</B></P>
<P STYLE="margin: 0; text-align: center"><IMG SRC="logo.jpg" ALT="Northwind Aerostructures logo" STYLE="height: 48px; width: 48px"></P>
<P STYLE="margin: 12pt 0 0 0; text-align: center"><B>Northwind Aerostructures Announces Annual Meeting Results and Quarterly Dividend</B></P>
<P STYLE="margin: 12pt 0 0 0; text-indent: 36pt">EVERETT, Wash., May 23, 2024 &#8211; Northwind Aerostructures, Inc. (Nasdaq: NWAS) today announced that shareholders re-elected Helen R. Vasquez, Martin O. Kjellberg and Priya S. Raman to its Board of Directors at the Company&#8217;s Annual Meeting held on May 22, 2024. Shareholders also approved, on an advisory basis, the compensation of the Company&#8217;s named executive officers and ratified the appointment of Cascade Peak LLP as independent auditor for 2024.</P>
<P STYLE="margin: 12pt 0 0 0; text-indent: 36pt">The Board of Directors declared a quarterly cash dividend of $0.18 per share, payable on June 28, 2024 to shareholders of record at the close of business on June 14, 2024.</P>
<P STYLE="margin: 12pt 0 0 0; text-indent: 36pt"><B>About Northwind Aerostructures</B> &#8211; Northwind Aerostructures designs and builds composite fuselage and wing assemblies for commercial and business aircraft.</P>
<P STYLE="margin: 12pt 0 0 0">Investor contact: Rachel Dunmore, (425) 555-0178</P>
</BODY>
</HTML>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-101.SCH
<SEQUENCE>3
<FILENAME>nwas-20240522.xsd
<DESCRIPTION>XBRL TAXONOMY EXTENSION SCHEMA DOCUMENT
<TEXT>
<XBRL>
<?xml version="1.0" encoding="US-ASCII"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:nwas="http://www.northwindaero.com/20240522" targetNamespace="http://www.northwindaero.com/20240522" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:annotation>
    <xs:appinfo>
      <link:roleType roleURI="http://www.northwindaero.com/role/Cover" id="Cover">
        <link:definition>0000001 - Document - Cover</link:definition>
        <link:usedOn>link:presentationLink</link:usedOn>
      </link:roleType>
    </xs:appinfo>
  </xs:annotation>
  <xs:import namespace="http://xbrl.sec.gov/dei/2024" schemaLocation="https://xbrl.sec.gov/dei/2024/dei-2024.xsd"/>
</xs:schema>
</XBRL>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>4
<FILENAME>logo.jpg
<DESCRIPTION>GRAPHIC
<TEXT>
begin 644 logo.jpg
M_]C_X  02D9)1@ ! 0   0 !  #_VP!#  $! 0$! 0$! 0$! 0$! 0$! 0$!
M 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0$! 0'_
MP  +"  (  @! 1$ _\0 )@ !                     ! !            
4         /_:  @! 0  /P __]D 

end
</TEXT>
</DOCUMENT>
</SUBMISSION>
