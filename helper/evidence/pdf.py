"""PDF through the browser the agent already has: Chromium / Chrome / Edge print the pack's
HTML headless (``--print-to-pdf``), honouring its ``@page`` rules (A4, running header with
case id and shop, page numbers in the margin boxes, Chromium 131+).

Why not WeasyPrint: it needs Pango and other native libraries that a Windows PC lacks,
while every agent's PC has Chrome or Edge; the same engine prints the HTML when the agent
presses Ctrl+P, so the file and the printout look the same. docs/evidence.md has the
measurement.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSER_ENV = "WBG_CHROMIUM"
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "msedge")
_WINDOWS = (
    r"Microsoft\Edge\Application\msedge.exe",
    r"Google\Chrome\Application\chrome.exe",
)
_TIMEOUT_S = 120


class PdfUnavailable(RuntimeError):
    pass


def find_browser() -> Path | None:
    if configured := os.environ.get(BROWSER_ENV):
        return Path(configured) if Path(configured).is_file() else None
    for name in _NAMES:
        if found := shutil.which(name):
            return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        for relative in _WINDOWS if base else ():
            candidate = Path(base) / relative
            if candidate.is_file():
                return candidate
    return None


def print_pdf(html: str, out: Path, browser: Path | None = None) -> None:
    """Write ``html`` printed to PDF at ``out``. PdfUnavailable with a Chinese reason."""
    browser = browser or find_browser()
    if browser is None:
        raise PdfUnavailable(
            "找不到 Chrome、Edge 或 Chromium，无法导出 PDF；请用 --format html 导出后在浏览器中打印"
        )
    with tempfile.TemporaryDirectory(prefix="wbg-pack-") as work:
        page = Path(work) / "pack.html"
        page.write_text(html, encoding="utf-8")
        target = Path(work) / "pack.pdf"
        command = [
            str(browser),
            "--headless=new",
            "--disable-gpu",
            "--no-sandbox" if _as_root() else "--no-first-run",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"浏览器打印 PDF 失败：{exc}") from None
        if not target.is_file() or target.stat().st_size == 0:
            raise PdfUnavailable("浏览器没有生成 PDF；请用 --format html 导出后在浏览器中打印")
        shutil.copyfile(target, out)


def _as_root() -> bool:
    # Chromium refuses to start as root without --no-sandbox (CI containers run as root).
    return hasattr(os, "geteuid") and os.geteuid() == 0
