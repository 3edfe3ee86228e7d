"""Draw the share images (og:image) of each kind of page, in each language, into docs/assets/og/.

Run once when a kind of page or the site's name changes, and commit the PNGs: the build only
links them (outputs/page_meta.py), so nothing is drawn or fetched at build time. Drawn by Debian's
Chromium from a small HTML card with the system's fonts (no network).

    .venv/bin/python scripts/og_images.py
"""

from __future__ import annotations

import shutil
import sys
from html import escape
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from macros.outputs.page_meta import OG_IMAGE_SIZE, OG_KINDS  # noqa: E402
from macros.render.labels import word  # noqa: E402

CARD = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {w}px; height: {h}px; }}
body {{ background: #3f51b5; color: #fff; font-family: sans-serif; display: flex;
        flex-direction: column; justify-content: center; padding: 0 48px; box-sizing: border-box; }}
.site {{ font-size: 44px; font-weight: 700; line-height: 1.1; }}
.kind {{ margin-top: 18px; font-size: 26px; opacity: 0.9; text-transform: capitalize; }}
.rule {{ width: 96px; height: 6px; background: #fff; margin-bottom: 28px; }}
</style><div class="rule"></div><div class="site">{site}</div>
<div class="kind">{kind}</div></html>"""


def site_name(lang: str) -> str:
    config = REPO / ("mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml")
    text = "\n".join(line for line in config.read_text().splitlines() if "!ENV" not in line)
    return yaml.safe_load(text)["site_name"]


def main() -> None:
    out = REPO / "docs" / "assets" / "og"
    out.mkdir(parents=True, exist_ok=True)
    width, height = OG_IMAGE_SIZE
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            for lang in ("en", "nl"):
                for kind in OG_KINDS:
                    card = CARD.format(
                        lang=lang, w=width, h=height, site=escape(site_name(lang)),
                        kind=escape(word(lang, f"og_{kind}")),
                    )  # fmt: skip
                    page.set_content(card)
                    page.screenshot(path=str(out / f"{lang}-{kind}.png"))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
