"""Render gwlint's HTML report in headless Chromium and save a screenshot, to look at it.

    python scripts/html_screenshot.py [PATH ...] [-o shot.png] [--width 1280] [--height 2000]

Lints PATHs (default: tests/fixtures/markdown) with ``--format html``, shows the first
error's tooltip (as hovering would), and writes the PNG. Needs Debian's ``chromium``
(``apt-get install chromium fonts-noto-cjk``; without a CJK font Chinese shows as boxes).
The browser runs offline with a throwaway profile.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html_file: Path, png: Path, width: int, height: int) -> subprocess.CompletedProcess:
    browser = chromium()
    if browser is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               f"--window-size={width},{height}", f"--screenshot={png}",
                               html_file.resolve().as_uri()],
                              capture_output=True, text=True, timeout=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["tests/fixtures/markdown"])
    parser.add_argument("-o", "--output", default="gwlint-report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "lint", "-f", "html", "-o", str(report),
                        *args.paths])
        page = report.read_text(encoding="utf-8")
        # show one tooltip, as a hover would
        page = page.replace('class="f sev2"', 'class="f sev2 show-tip"', 1)
        report.write_text(page, encoding="utf-8")
        run = screenshot(report, Path(args.output), args.width, args.height)
    if not Path(args.output).exists():
        print(run.stderr, file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
