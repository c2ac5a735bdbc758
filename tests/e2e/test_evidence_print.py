"""The evidence pack in a real Chromium: the dashboard's 「举证材料」 button opens it, it
prints to an A4 PDF with the running header and page numbers, and the first two printed
pages are saved as screenshots in test-artifacts/ (rasterised from the PDF itself)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from tests.e2e import harness
from tests.evidence.support import PHONE_PARTS, the_issue_case
from tests.support.helper_process import run_cli

pytestmark = pytest.mark.browser


class _Reply:
    def __init__(self, reply: Any) -> None:
        self.status_code, self._json = reply.status, reply.json

    def get_json(self) -> Any:
        return self._json


class _ApiClient:
    """The Flask-test-client calls tests/evidence/support.py makes, over real HTTP."""

    def __init__(self, api: Any) -> None:
        self.api = api

    def post(self, path: str, json: Any) -> _Reply:
        return _Reply(self.api.post(path, json))


def _save_png(bitmap: Any, path: Path) -> None:
    """A rendered page as PNG, with the standard library only (no imaging dependency)."""
    channels, width = bitmap.n_channels, bitmap.width
    raw = bytes(bitmap.buffer)
    rows = b"".join(
        b"\x00" + raw[y * bitmap.stride : y * bitmap.stride + width * channels]
        for y in range(bitmap.height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    colour = {3: 2, 4: 6}[channels]  # RGB or RGBA
    header = struct.pack(">IIBBBBB", width, bitmap.height, 8, colour, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def _pdf_pages(pdf: Path, artifacts: Path, stem: str, count: int) -> list[str]:
    """The text of every page; the first ``count`` pages saved as PNG screenshots."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            texts.append(page.get_textpage().get_text_range())
            if index < count:
                _save_png(
                    page.render(scale=1.5, rev_byteorder=True),
                    artifacts / f"{stem}-page-{index + 1}.png",
                )
        return texts
    finally:
        document.close()


def test_dashboard_opens_the_pack_and_it_prints_on_a4(paired_context, helper, artifacts):
    complaint = the_issue_case(_ApiClient(helper.api))
    dashboard = paired_context.new_page()
    dashboard.goto(
        f"chrome-extension://{harness.extension_id(paired_context)}/dashboard/dashboard.html"
    )
    button = dashboard.locator(f"#complaint-{complaint['id']} button.evidence")
    button.wait_for(timeout=15_000)
    assert button.inner_text() == "举证材料"
    with paired_context.expect_page(timeout=15_000) as opened:
        button.click()
    pack = opened.value
    pack.wait_for_load_state()
    assert pack.url.startswith("blob:chrome-extension://")
    body = pack.locator("body").inner_text()
    assert "举证材料：恶意骚扰投诉 T2026110400017" in body
    assert "我方于2026年11月3日 14:02致电买家一次，未接通。此后未再拨打。" in body
    assert "✓ 未在 21:00–08:00 之间致电或发短信" in body
    assert pack.locator("svg[role='img']").count() == 1
    for part in PHONE_PARTS:
        assert part not in pack.content()
    pdf = artifacts / "evidence-pack.pdf"
    pack.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    texts = _pdf_pages(pdf, artifacts, "evidence", 2)
    assert len(texts) >= 2
    # The running header and the page numbers come from the @page margin boxes.
    assert "T2026110400017" in texts[0] and "第 1 页" in texts[0].replace("\r", "")
    assert f"共 {len(texts)} 页" in texts[-1]
    assert any("申诉说明（草稿）" in text for text in texts[1:])
    pack.close()
    dashboard.close()


def test_cli_pdf_export_uses_the_local_chromium(helper, tmp_path, artifacts):
    found = helper.api.get("/v1/complaints").json["complaints"]
    complaint_id = found[0]["id"] if found else None
    if complaint_id is None:
        complaint_id = the_issue_case(_ApiClient(helper.api))["id"]
    out = tmp_path / "pack.pdf"
    result = run_cli(
        helper.data_dir,
        "complaints",
        "evidence",
        str(complaint_id),
        "--format",
        "pdf",
        "--out",
        str(out),
        "--shop",
        "秋秋小铺",
        env={"WBG_CHROMIUM": str(harness.CHROMIUM), "HOME": os.environ.get("HOME", str(tmp_path))},
        timeout=180,
    )
    assert "已生成 PDF" in result.stdout
    texts = _pdf_pages(out, artifacts, "evidence-cli", 0)
    assert len(texts) >= 2 and "秋秋小铺" in texts[0]
    for part in PHONE_PARTS:
        assert all(part not in text for text in texts)
