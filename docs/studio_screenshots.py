"""The README's pictures of chainrule studio, taken in headless Chromium with Playwright.

    python docs/studio_screenshots.py        # writes docs/studio-en.png and docs/studio-ko.png

English: the circle data set after a few seconds of live training, w3's chain rule open.
Korean: Mazur's 2-2-2 network in step mode after the forward pass, w5's chain rule open.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from chainrule.studio.app import create_app

HERE = Path(__file__).resolve().parent


def main() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(lang="en"), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            page = browser.new_page(viewport={"width": 1600, "height": 980})
            page.goto(f"{base}/?dataset=circle&features=x1,x2,x1sq,x2sq&hidden=4,2")
            page.get_by_test_id("play").click()
            page.wait_for_timeout(6000)
            page.get_by_test_id("pause").click()
            page.get_by_test_id("weight-w3").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(HERE / "studio-en.png"))
            page.goto(f"{base}/?dataset=mazur&lang=ko")
            page.get_by_test_id("weight-w5").wait_for()
            page.get_by_test_id("phase").click()
            page.wait_for_timeout(500)
            page.get_by_test_id("weight-w5").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(HERE / "studio-ko.png"))
            browser.close()
    finally:
        server.should_exit = True
    print("wrote docs/studio-en.png and docs/studio-ko.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
