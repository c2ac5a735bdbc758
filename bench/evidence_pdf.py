"""Evidence pack to PDF: Chromium's print (the choice) against WeasyPrint, on one pack of a
buyer with 300 contacts over 75 days.

Prints wall and CPU time (the printer runs as a child process), the ratio of each printer to
building the pack itself (the baseline, measured in the same run), pages, whether the @page
header and page numbers came out, and the load average. WeasyPrint is not a dependency: pass
the Python that has it (``--weasyprint-python .wp/bin/python``).

    python bench/evidence_pdf.py [--runs 3] [--weasyprint-python PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from helper.app import create_app
from helper.auth.tokens import issue_token
from helper.evidence.pack import build_pack
from helper.evidence.pdf import find_browser, print_pdf
from helper.evidence.render import render
from helper.settings import load_settings

_WEASY = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children)."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    action()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(
        (a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime)
        for a, b in zip(after, before, strict=True)
    )
    return wall, cpu


def _pdf_facts(pdf: Path) -> str:
    try:
        import pypdfium2
    except ImportError:
        return "(pypdfium2 not installed: pages not checked)"
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        first = document[0].get_textpage().get_text_range()
        numbered = "第 1 页" in first
        header = "BENCH-300" in first
        yes = {True: "yes", False: "NO"}
        return f"{len(document)} pages, header {yes[header]}, page numbers {yes[numbered]}"
    finally:
        document.close()


def _build(data_dir: Path) -> tuple[object, int]:
    settings = load_settings(data_dir, port=1)
    app = create_app(settings, background=False)
    svc = app.extensions["wbg"]
    with svc.store.write() as conn:
        _, token = issue_token(conn, name="bench", kind="script", now=svc.clock())
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}", "Host": "127.0.0.1:1"}

    def post(path: str, body: dict) -> dict:
        reply = client.post(path, json=body, headers=headers)
        assert reply.status_code == 200, reply.get_json()
        return reply.get_json()

    complaint = post(
        "/v1/complaints",
        {
            "type": "恶意骚扰",
            "buyer": "tb_bench",
            "case_id": "BENCH-300",
            "received_at": "2026-12-20T12:00:00+08:00",
        },
    )["complaint"]
    post("/v1/contacts/buyers", {"buyer": "tb_bench", "link": "13900001111"})
    for offset in range(75):
        day = (date(2026, 10, 7) + timedelta(days=offset)).isoformat()
        post(
            "/v1/contacts/attempts",
            {
                "buyer": "13900001111",
                "channel": "call",
                "outcome": "answered",
                "at": f"{day}T10:00:00+08:00",
            },
        )
        for minute in ("05", "10", "15"):
            post(
                "/v1/contacts/attempts",
                {
                    "buyer": "tb_bench",
                    "channel": "im",
                    "outcome": "sent",
                    "at": f"{day}T10:{minute}:00+08:00",
                },
            )
    return svc, complaint["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--weasyprint-python", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        svc, complaint_id = _build(folder / "data")
        pack: dict = {}

        def build() -> None:
            pack.update(build_pack(svc, complaint_id, shop="基准测试店"))

        results: dict[str, list[tuple[float, float]]] = {"pack (baseline)": []}
        for _ in range(args.runs):
            results["pack (baseline)"].append(_timed(build))
        html = render(pack, "html")
        page = folder / "pack.html"
        page.write_text(html, encoding="utf-8")
        facts: dict[str, str] = {}
        browser = find_browser()
        if browser is not None:
            out = folder / "chromium.pdf"
            results["chromium print"] = [
                _timed(lambda: print_pdf(html, out, browser)) for _ in range(args.runs)
            ]
            facts["chromium print"] = _pdf_facts(out)
        if args.weasyprint_python:
            out = folder / "weasy.pdf"
            command = [str(args.weasyprint_python), "-c", _WEASY, str(page), str(out)]
            results["weasyprint"] = [
                _timed(lambda: subprocess.run(command, check=True, capture_output=True))
                for _ in range(args.runs)
            ]
            facts["weasyprint"] = _pdf_facts(out)
        svc.close()
    baseline = min(wall for wall, _ in results["pack (baseline)"])
    print(f"evidence pack of 300 contacts, best of {args.runs} runs")
    for name, samples in results.items():
        wall = min(w for w, _ in samples)
        cpu = min(c for _, c in samples)
        extra = f"  {facts[name]}" if name in facts else ""
        print(f"  {name:<16} wall {wall:7.3f} s  cpu {cpu:7.3f} s  x{wall / baseline:6.1f}{extra}")
    print(f"  html {len(html) // 1024} KiB; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
