"""The HTML export as a person sees it: rendered by a real browser, when one is installed.

Chromium (Debian's ``chromium``) renders the page headless to a PNG at a desktop and a
phone width, and prints it to PDF. The checks are only that a picture with content came
out; what it looks like was checked by eye (see the report of issue 5).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from test_export import diary, exported  # noqa: F401 - the fixture, shared

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / f"chromium-profile-{len(list(tmp_path.glob('chromium-profile-*')))}"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,  # guards a hung browser; nothing is timed
        check=False,
    )


def png_facts(path: Path) -> tuple[int, int, int]:
    """Width, height, and how many different byte values the image data holds."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))


@pytest.mark.parametrize(("width", "height"), [(1200, 1600), (390, 1600)])
def test_the_page_renders_in_a_real_browser(
    run,
    diary: Path,  # noqa: F811
    tmp_path: Path,
    width: int,
    height: int,
) -> None:
    _, page = exported(run, "-f", "html")
    shot = tmp_path / f"page-{width}.png"

    result = chromium(
        tmp_path, f"--screenshot={shot}", f"--window-size={width},{height}", page.as_uri()
    )

    assert shot.exists(), result.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    seen_width, seen_height, values = png_facts(shot)
    assert (seen_width, seen_height) == (width, height)
    assert values > 64  # text, charts and colours, not one flat colour


def test_the_page_prints_to_pdf(run, diary: Path, tmp_path: Path) -> None:  # noqa: F811
    _, page = exported(run, "-f", "html")
    pdf = tmp_path / "page.pdf"

    result = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())

    assert pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Type /Page" in data
    assert len(data) > 10_000
