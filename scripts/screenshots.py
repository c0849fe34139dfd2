"""Take the README's and the closing notes' screenshots of a built site with Debian's Chromium.

    osa-site build && python scripts/screenshots.py            # every screenshot, into .github/screenshots/
    python scripts/screenshots.py --site site thai-home        # one of them

The site is served on 127.0.0.1 (osa_site.app.pdf.serve); Chromium runs with the PDF step's flags.
Thai pages need Debian's Thai fonts (`apt-get install fonts-thai-tlwg`), or the Thai letters
show as boxes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osa_site.app.pdf import CHROME_ARGS, chromium_path, serve  # noqa: E402

# name: (page, viewport height, whole page?): the README shows the English ones, the Thai issue the Thai ones
SHOTS = {
    "home": ("", 1100, False),
    "recipient-philippines": ("recipients/philippines/", 1100, False),
    "register-maritime": ("equipment/?domain=maritime", 1100, False),
    "thai-home": ("th/", 900, False),
    "thai-brief": ("th/brief/", 900, False),
    "thai-recipient-philippines": ("th/recipients/philippines/", 900, False),
}


def take(site: Path, names: list[str], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path()), args=CHROME_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name in names:
            path, height, whole = SHOTS[name]
            page.set_viewport_size({"width": 1280, "height": height})
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            written.append(out / f"{name}.png")
            page.screenshot(path=str(written[-1]), full_page=whole)
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[[], *SHOTS], help="which screenshots (default: all)")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / ".github" / "screenshots")
    args = parser.parse_args()
    for written in take(args.site, args.names or list(SHOTS), args.out):
        print(written.relative_to(ROOT) if written.is_relative_to(ROOT) else written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
