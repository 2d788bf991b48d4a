"""Make the README's screenshots of `eightk report` pages (headless Chromium).

    python docs/report/screenshots.py

Each page is a report of one of the project's own samples (corpus/), opened in
the system's Chromium the way tests/test_report_browser.py opens them, put in the
state the caption describes, and saved as a PNG of 128 colours (text on
flat colours loses nothing and the files stay small).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import start_chromium  # noqa: E402
from eightk import parse_source, validate  # noqa: E402
from eightk.render.report import build_report  # noqa: E402
from PIL import Image  # noqa: E402

SHOTS = [
    # (sample, file name, script run before the screenshot)
    ("corpus/malformed/irs-number-mismatch.txt", "report-diagnostic.png",
     "document.querySelector('.dlist a.go').click()"),
    ("corpus/ixbrl-2023-8k.htm", "report-original.png",
     "document.querySelector('section.rg-cover button.orig').click()"),
    ("corpus/html-2021-8ka-sub.txt", "report-submission.png",
     "document.querySelector('section.rg-note').scrollIntoView({block: 'start'})"),
]


def main() -> None:
    out = Path(__file__).resolve().parent
    work = Path(tempfile.mkdtemp())
    driver = start_chromium(width=1280, height=760)
    try:
        for sample, name, script in SHOTS:
            parsed = parse_source(ROOT / sample)
            page = work / (name + ".html")
            page.write_text(build_report(parsed, validate(parsed), path=sample),
                            encoding="utf-8")
            driver.get(page.as_uri())
            driver.execute_script(script)
            time.sleep(0.5)
            image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
            image.quantize(colors=128).save(out / name, optimize=True)
            print(f"{name}: {(out / name).stat().st_size:,} bytes")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
