"""Headless Chromium for the report tests and bench: the system browser only.

Debian's ``chromium`` and ``chromium-driver`` packages, driven by selenium with the
driver's path set explicitly, so selenium-manager never looks for (or downloads)
a browser of its own. Chromium is started with every background service off and
a fresh profile, so the only network traffic it could make is what a page asks
for, and the tests check that a report asks for none.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def browser_paths() -> tuple[str, str] | None:
    """(chromium, chromedriver) from the system, or None where either is missing."""
    chromium = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "",
                                 shutil.which("chromium-browser") or "") if p and Path(p).exists()),
                    None)
    driver = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "")
                   if p and Path(p).exists()), None)
    return (chromium, driver) if chromium and driver else None


def why_not() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    if browser_paths() is None:
        return "Debian's chromium and chromium-driver are not installed"
    return None


def start_chromium(width: int = 1400, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are not installed")
    chromium, driver = paths
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='eightk-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def requests_made(driver) -> list[str]:
    """URLs the browser asked for since the last call (from the DevTools log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver) -> list[str]:
    """Console messages of level SEVERE since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
