"""Headless Chromium for the HTML report: the DOM after the page's script ran, and screenshots.

Also makes the README's screenshots from real run folders:

    .venv/bin/python -m tests.report._chromium runs/demo-reference runs/demo-retrieval --out docs/img
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from workbench.report.render import html_report, load_runs

SETUP_HINT = "Debian's chromium package is needed: sim/setup.sh installs it (apt-get install chromium)"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise FileNotFoundError(f"no chromium on PATH. {SETUP_HINT}")
    return found


def _run(arguments: list[str], timeout: float = 60) -> str:
    done = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--run-all-compositor-stages-before-draw", *arguments],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(url: str) -> str:
    return _run(["--virtual-time-budget=5000", "--dump-dom", url])


def self_check(page: Path, address: str) -> dict:
    """What the report's own self-check measured, the page loaded at ``page`` + ``address``
    (e.g. ``?selfcheck=1#status=fail``)."""
    dom = dump_dom(page.resolve().as_uri() + address)
    start, end = dom.find('<pre id="selfcheck">'), dom.rfind("</pre>")
    if start < 0:
        raise AssertionError(f"the page wrote no self-check for {address!r}")
    return json.loads(html.unescape(dom[start + len('<pre id="selfcheck">'):end]))


def screenshot(page: Path, address: str, png: Path, width: int = 1280, height: int = 900) -> None:
    """A picture of the window the browser shows at ``page`` + ``address``. Headless screenshots
    ignore the page's scrolling, so the page is framed: its own scrolling (to a filtered list) shows."""
    with tempfile.TemporaryDirectory() as folder:
        frame = Path(folder) / "frame.html"
        frame.write_text(f"<!doctype html><html><body style='margin:0'><iframe src='{page.resolve().as_uri()}{address}'"
                         f" style='border:0;width:{width}px;height:{height}px'></iframe></body></html>")
        _run([f"--window-size={width},{height}", "--virtual-time-budget=5000", f"--screenshot={png.resolve()}",
              frame.as_uri()])


def _main() -> None:
    parser = argparse.ArgumentParser(description="Screenshots of the HTML report of run folders")
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(html_report(load_runs(arguments.runs)))
        screenshot(page, "", arguments.out / "report-overview.png", height=1250)
        screenshot(page, f"#status=fail&open={_first_failure(page)}", arguments.out / "report-samples.png",
                   height=820)


def _first_failure(page: Path) -> str:
    """The sample list's first failing sample (a functional failure when there is one): its id."""
    text = page.read_text()
    for status in ("fail_functional", "fail_"):
        found = re.search(rf"<details class='sample' id='([\w-]+)'[^>]*data-status='{status}", text)
        if found:
            return found.group(1)
    return ""


if __name__ == "__main__":
    _main()
