"""Screenshots of the public pages at a 375 px phone and a 1366 px desktop, for docs/screenshots/.

Run against a server with the demo data, e.g.
  DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python scripts/public_screenshots.py \
      http://127.0.0.1:8731 room-desktop:/rooms/14/
Each argument after the base address is name:path; a name ending in -phone is taken at 375 px,
a name with -large-text in it in large-text mode (大字模式, as if chosen with the header button)."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main(base, shots):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for shot in shots:
            name, path = shot.split(":", 1)
            phone = name.endswith("-phone")
            page = browser.new_page(
                viewport={"width": 375, "height": 812} if phone else {"width": 1366, "height": 900},
                device_scale_factor=1,
                locale="zh-CN",
            )
            if "-large-text" in name:
                page.add_init_script('localStorage.setItem("text-size", "large")')
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page="full" in name, scale="css")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
