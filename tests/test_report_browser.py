"""`eightk report` pages opened in headless Chromium (Debian's chromium and
chromium-driver, driven by selenium; skipped where they are not installed).

Checked for each page: it loads with no console error and no network request,
every diagnostic of `eightk check` is listed and visible, links move to their
place, a cover page region has ink in a screenshot, and the hostile samples of
tests/hostile.py neither run nor fetch anything (a local server counts requests,
and a control page proves that a fetch would have been seen).
"""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser import console_errors, requests_made, start_chromium, why_not
from conftest import CORPUS, ROOT, SHARED
from eightk.commands import app
from hostile import hostile_html, hostile_text
from typer.testing import CliRunner

REASON = why_not()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

SAMPLES = [
    "corpus/text-2003-items-9-12-8k.txt",
    "corpus/text-2009-coregistrant-sub.txt",
    "corpus/tagged-2024-sub.nc",
    "corpus/html-2012-8k.htm",
    "corpus/html-2021-8ka-sub.txt",
    "corpus/ixbrl-2023-8k.htm",
    "corpus/ixbrl-2019-8k12b-sub.txt",
    "corpus/header-only-tagged.hdr.sgml",
    "corpus/malformed/truncated-envelope.txt",
    "corpus/malformed/unknown-item.txt",
    "corpus/malformed/nul-bytes.txt",
    "corpus/malformed/long-line.txt",
    "corpus/malformed/missing-egc.htm",
    "corpus/malformed/exhibit-not-attached.txt",
]
BINARY = b"PK\x03\x04" + bytes(range(256)) * 8  # a ZIP-looking file
CONFIG = "tests/snapshots/empty.toml"  # no team settings: check's defaults


@pytest.fixture(scope="module")
def driver():
    try:
        browser = start_chromium()
    except Exception as error:  # a browser that cannot start here is an environment limit
        pytest.skip(f"chromium did not start: {str(error).splitlines()[0]}")
    browser.get("about:blank")  # let the first tab settle before any page is checked
    yield browser
    browser.quit()


def make_report(source: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["report", str(source), "-o", str(out), "--config",
                                      str(ROOT / CONFIG)])
    assert result.exit_code == 0, result.output
    return out


def check_json(source: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["check", "--format", "json", "--config", str(ROOT / CONFIG),
                                      str(source)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def open_page(driver, page: Path) -> None:
    console_errors(driver)  # drop what earlier pages logged
    requests_made(driver)
    driver.get(page.as_uri())
    deadline = time.monotonic() + 10
    while driver.execute_script("return document.readyState") != "complete":
        assert time.monotonic() < deadline, "the page did not finish loading"
        time.sleep(0.02)


def foreign_requests(driver, page: Path) -> list[str]:
    """Requests other than the page itself and inline data (the browser's own chrome://
    pages, such as the new tab it opens with, are not the page's doing)."""
    return [url for url in requests_made(driver)
            if url != page.as_uri()
            and not url.startswith(("data:", "about:", "chrome:", "chrome-untrusted:"))]


def listed(driver) -> list[tuple[str, bool]]:
    """Each diagnostic entry of the page: its text, and whether it is shown."""
    return [tuple(row) for row in driver.execute_script(
        "return Array.from(document.querySelectorAll('.dlist > li')).map("
        "li => [li.querySelector('pre').innerText, li.offsetParent !== null]);")]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.rsplit("/", 1)[-1])
def test_page_loads_clean_with_every_diagnostic(driver, tmp_path, sample):
    source = ROOT / sample
    page = make_report(source, tmp_path / "report.html")
    open_page(driver, page)
    assert console_errors(driver) == []
    assert foreign_requests(driver, page) == []
    entries = listed(driver)
    expected = check_json(source)
    for d in expected:
        head = f"{d['severity']}[{d['code']}]: {d['message']}"
        where = f"{source}:{d['location']['row']}:{d['location']['column']}" if d["location"] \
            else str(source)
        matches = [(text, shown) for text, shown in entries
                   if text.split("\n", 1)[0] == head and f"--> {where}" in text]
        assert matches, f"{head} at {where} is not on the page"
        assert all(shown for _, shown in matches), f"{head} is hidden"
    # the page lists infos too, unticked (`eightk check` shows warnings and up)
    assert len(entries) >= len(expected)


def test_binary_input_page(driver, tmp_path):
    source = tmp_path / "archive.zip"
    source.write_bytes(BINARY)
    page = make_report(source, tmp_path / "report.html")
    open_page(driver, page)
    assert console_errors(driver) == [] and foreign_requests(driver, page) == []
    text = driver.find_element("css selector", ".view").text
    assert "eightk read no text from this file" in text
    assert [t.split("\n")[0] for t, _ in listed(driver)] == [
        f"{d['severity']}[{d['code']}]: {d['message']}" for d in check_json(source)]


def _in_view(driver, element) -> bool:
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "var c = document.querySelector('main .views').getBoundingClientRect();"
        "return r.height > 0 && r.top >= c.top && r.bottom <= c.bottom;", element)


def test_clicking_a_field_scrolls_to_its_span(driver, tmp_path):
    page = make_report(CORPUS / "text-2009-coregistrant-sub.txt", tmp_path / "report.html")
    open_page(driver, page)
    # the last signer: far below the cover page the view opens on
    link = driver.find_elements(
        "xpath", "//aside[contains(@class, 'fields')]//dt[contains(., 'signed by')]"
        "/following-sibling::dd[1]/a")[-1]
    mark_id = link.get_attribute("data-go")
    target = driver.find_element("css selector", f'.view [data-m~="{mark_id}"]')
    assert not _in_view(driver, target)
    link.click()
    assert _in_view(driver, target)
    assert "cur" in target.get_attribute("class")
    assert link.text and link.text in target.text  # the signer's name, at its span
    # a field of the header is in another view: the page moves there
    header_link = driver.find_element("css selector", "aside.fields dd a[data-go]")
    target = driver.find_element(
        "css selector", f'.view [data-m~="{header_link.get_attribute("data-go")}"]')
    assert not target.is_displayed()
    header_link.click()
    assert target.is_displayed() and _in_view(driver, target)
    assert console_errors(driver) == [] and foreign_requests(driver, page) == []


def test_far_jumps_on_a_2mb_page(driver, tmp_path):
    """Lines are laid out a block at a time as they come into sight; a jump from the
    top of a 2 MB filing to its signature, and back to the cover, still lands."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_report import synthetic

    source = synthetic(tmp_path)[0]
    page = make_report(source, tmp_path / "report.html")
    open_page(driver, page)
    assert console_errors(driver) == [] and foreign_requests(driver, page) == []
    assert driver.execute_script("return document.querySelectorAll('.bk > div').length") > 30000
    for label in ("signed by", "name"):
        link = driver.find_element(
            "xpath", f"//aside[contains(@class, 'fields')]//dt[normalize-space()='{label}']"
            "/following-sibling::dd[1]/a")
        target = driver.find_element("css selector",
                                     f'.view [data-m~="{link.get_attribute("data-go")}"]')
        link.click()
        assert _in_view(driver, target), label
        assert link.text in target.text


def test_hover_shows_the_source_place_of_a_layout_line(driver, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page = make_report(CORPUS / "ixbrl-2023-8k.htm", tmp_path / "report.html")
    open_page(driver, page)
    line = driver.find_element("xpath", "//div[@data-s][contains(., 'Meridian Ridge Bancorp')]")
    ActionChains(driver).move_to_element(line).perform()
    shown = driver.execute_script(
        "return getComputedStyle(arguments[0], '::after').content", line)
    # the registrant's name is on line 31 of the file, from column 139 (see model spans)
    assert shown == '"file 31:139"', shown


def test_diagnostic_link_goes_to_its_place_and_filters_hide(driver, tmp_path):
    page = make_report(CORPUS / "malformed" / "unknown-item.txt", tmp_path / "report.html")
    open_page(driver, page)
    go = driver.find_element("css selector", ".dlist a.go")
    target = driver.find_element("css selector",
                                 f'.view [data-m~="{go.get_attribute("data-go")}"]')
    go.click()
    assert _in_view(driver, target) and target.text == "5.2"
    note = driver.find_element("css selector", "aside.dn")
    assert note.is_displayed() and "warning[I401]" in note.text
    assert listed(driver)[0][1]
    driver.find_element("css selector", 'input[data-sev="warning"]').click()
    assert not listed(driver)[0][1] and not note.is_displayed()
    assert "showing 0 of 1" in driver.find_element("css selector", ".filters .shown").text
    driver.find_element("css selector", 'input[data-sev="warning"]').click()
    driver.find_element("css selector", 'input[data-fam="I"]').click()
    assert not listed(driver)[0][1]


def _ink(png: bytes) -> tuple[float, int]:
    """Share of dark pixels and number of distinct colours of a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    dark = sum(count for count, (r, g, b) in colours if r + g + b < 300)
    return dark / (image.width * image.height), len(colours)


@pytest.mark.parametrize("sample", ["text-2006-sub.txt", "html-2012-8k.htm",
                                    "ixbrl-2023-8k.htm"])
def test_cover_page_screenshot_is_not_blank(driver, tmp_path, sample):
    page = make_report(CORPUS / sample, tmp_path / "report.html")
    open_page(driver, page)
    cover = driver.find_element("css selector", ".view:not([hidden]) section.rg-cover")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", cover)
    png = cover.screenshot_as_png
    (tmp_path / "cover.png").write_bytes(png)
    dark, colours = _ink(png)
    assert dark > 0.01 and colours > 10, (dark, colours)


def test_original_rendering_next_to_the_layout(driver, tmp_path):
    page = make_report(CORPUS / "ixbrl-2023-8k.htm", tmp_path / "report.html")
    open_page(driver, page)
    driver.find_element("css selector", "section.rg-cover button.orig").click()
    frame = driver.find_element("css selector", ".orig-pane iframe")
    assert frame.get_attribute("sandbox") == ""
    lines = driver.find_element("css selector", ".view:not([hidden]) .lines")
    assert frame.is_displayed() and lines.is_displayed()
    assert frame.location["x"] > lines.location["x"]  # side by side
    time.sleep(0.3)
    png = frame.screenshot_as_png
    (tmp_path / "original.png").write_bytes(png)
    dark, colours = _ink(png)
    assert dark > 0.005 and colours > 10, (dark, colours)
    assert console_errors(driver) == [] and foreign_requests(driver, page) == []


# ---------------------------------------------------------------- hostile input


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server name)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server():
    handler = type("Handler", (_Counter,), {"hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler.hits
    server.shutdown()
    server.server_close()


def test_the_checks_would_see_a_fetch_and_an_error(driver, tmp_path, counting_server):
    """Control: a page that does fetch and log an error is caught by the same checks."""
    base, hits = counting_server
    page = tmp_path / "control.html"
    page.write_text(f'<img src="{base}/control.png"><script>console.error("boom")</script>'
                    f'<iframe srcdoc="<img src={base}/frame.png>"></iframe>')
    open_page(driver, page)
    deadline = time.monotonic() + 5
    while len(hits) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(hits) == ["/control.png", "/frame.png"]  # a frame's fetch is seen too
    assert f"{base}/control.png" in foreign_requests(driver, page)
    assert any("boom" in m for m in console_errors(driver))


@pytest.mark.parametrize("kind", ["html", "text"])
def test_hostile_filing_runs_and_fetches_nothing(driver, tmp_path, counting_server, kind):
    base, hits = counting_server
    # even the file name tries: it is shown on the page
    name = "hostile-<img src=x onerror=window.__pwned=1>"
    source = tmp_path / f"{name}.{'htm' if kind == 'html' else 'txt'}"
    source.write_bytes(hostile_html(base) if kind == "html" else hostile_text(base))
    page = make_report(source, tmp_path / "report.html")
    open_page(driver, page)
    buttons = driver.find_elements("css selector", "button.orig")
    assert (len(buttons) >= 3) == (kind == "html")
    for button in buttons:  # every region's original, one after the other
        button.click()
        time.sleep(0.2)
        frame = driver.find_element("css selector", ".orig-pane iframe")
        assert frame.get_attribute("sandbox") == ""
    for element in driver.find_elements("css selector", ".view:not([hidden]) .m")[:40]:
        # marks are live: clicking one must not run anything either
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
    time.sleep(0.5)
    assert driver.execute_script("return window.__pwned") is None
    assert hits == []
    assert foreign_requests(driver, page) == []
    assert console_errors(driver) == []
    assert "Hostile" in driver.page_source or kind == "text"


def test_sandbox_and_policy_hold_without_the_sanitiser(driver, tmp_path, counting_server,
                                                       monkeypatch):
    """The second and third walls alone: every region's "original" is the hostile HTML
    as it came, not cleaned at all. The sandboxed iframe under the page's policy must
    still run nothing and fetch nothing."""
    import eightk.render.report as report_module

    base, hits = counting_server
    raw = hostile_html(base).decode()
    monkeypatch.setattr(report_module, "region_documents",
                        lambda html, start, end, ranges: [raw for _ in ranges])
    source = tmp_path / "hostile.htm"
    source.write_bytes(hostile_html(base))
    page = make_report(source, tmp_path / "report.html")
    assert "window.top.__pwned" in page.read_text()  # the raw HTML is on the page this time
    open_page(driver, page)
    buttons = driver.find_elements("css selector", "button.orig")
    assert buttons
    for button in buttons:
        button.click()
        time.sleep(0.3)
    time.sleep(1.0)  # a meta refresh of 0 s, images, style sheets: give them time
    # the raw filing did render in the frame (so the walls had something to stop)
    frame = driver.find_element("css selector", ".orig-pane iframe")
    assert _ink(frame.screenshot_as_png)[0] > 0.005
    assert driver.execute_script("return window.__pwned") is None
    assert hits == []
    assert foreign_requests(driver, page) == []
    # what the browser says is only that it refused
    for message in console_errors(driver):
        assert "Refused" in message or "Blocked" in message or "sandbox" in message, message


# ---------------------------------------------------------------- real filings


def test_largest_real_filings_open_clean(driver, tmp_path):
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not here")
    files = sorted((p for folder in ("real", "edgar-crawler")
                    for p in (SHARED / folder).glob("*") if p.suffix in (".txt", ".htm", ".nc")),
                   key=lambda p: p.stat().st_size, reverse=True)[:3]
    for source in files:
        page = make_report(source, tmp_path / (source.name + ".html"))
        open_page(driver, page)
        assert console_errors(driver) == [], source
        assert foreign_requests(driver, page) == [], source
        heads = {t.split("\n", 1)[0] for t, _ in listed(driver)}
        for d in check_json(source):
            assert f"{d['severity']}[{d['code']}]: {d['message']}" in heads, (source, d)
