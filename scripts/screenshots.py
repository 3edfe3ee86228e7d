"""Screenshots of a built site for a person to look at.

Usage: python scripts/screenshots.py SITE OUT [PAGE...]

Serves SITE on localhost and drives Debian's Chromium with Playwright, at desktop and phone widths.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def shoot(site: Path, out: Path, pages: list[str], full_page: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            for name, (w, h) in WIDTHS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                for path in pages:
                    page.goto(base + path)
                    target = out / f"{path.strip('/').replace('/', '_') or 'home'}-{name}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return written


if __name__ == "__main__":
    site, out, *pages = sys.argv[1:]
    for path in shoot(Path(site), Path(out), pages or [""]):
        print(path)
