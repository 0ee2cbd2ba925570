"""`kapdiary export --format pdf`: the HTML export on A4 pages, read back as a coach would.

The PDF is made with WeasyPrint (the optional extra ``kapdiary[pdf]``) and read back with
pypdf: its pages' text, the footer on every page, the entries on pages of their own, and
no private word anywhere. Without WeasyPrint those tests are skipped, unless
KAPDIARY_REQUIRE_PDF=1 (CI sets it, in a fresh environment with the extra), where a
missing WeasyPrint fails them. What happens without the extra is tested always: a real
process whose ``weasyprint`` cannot be imported, as in an environment without it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import kapdiary_command
from test_export import DEFAULT_NAME, SECRETS, diary, exported  # noqa: F401 - the fixture

REQUIRED = os.environ.get("KAPDIARY_REQUIRE_PDF") == "1"


def _weasyprint_works() -> bool:
    if importlib.util.find_spec("weasyprint") is None:
        return False
    try:
        import weasyprint  # noqa: F401
    except OSError:  # installed without the Pango library
        return False
    return True


HAS_PDF = _weasyprint_works()
needs_pdf = pytest.mark.skipif(
    not HAS_PDF and not REQUIRED,
    reason="WeasyPrint is not installed (pip install 'kapdiary[pdf]')",
)
FOOTER = "Sam · 25 October – 21 November 2026"


def pages_of(path: Path) -> list[str]:
    """Each page's text, as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@needs_pdf
def test_the_pdf_has_the_export_on_pages_with_a_footer_and_nothing_private(
    run,
    diary: Path,  # noqa: F811
) -> None:
    preview, path = exported(run, "-f", "pdf")

    assert path == Path.cwd() / f"{DEFAULT_NAME}.pdf"
    assert f"Export for your coach, as PDF, to {DEFAULT_NAME}.pdf" in preview
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    for secret in SECRETS:
        assert secret.encode() not in data
    pages = [flat(p) for p in pages_of(path)]
    whole = " ".join(pages)
    for secret in SECRETS:
        assert secret not in whole
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert FOOTER in page, (number, page[-200:])
        assert f"Page {number} of {len(pages)}" in page
    for words in (
        "INTEGRATION DIARY Sam",  # the kicker is in capitals on the page
        "Period 25 October – 21 November 2026 (28 days)",
        "For Dr Rivera",
        "Be present with my kids",
        "A walk by the river with the kids.",
        "Slow mornings.",
        "Heavy, then light. #insight",
        "I wrote <script>alert('x')</script> & <b>bold</b>.",  # text, not markup
        "Read them a story",
        "IM injection",
    ):
        assert flat(words) in whole, words
    # The charts' words are drawn too: the axis days and a session's mark.
    assert "25 Oct" in whole and "21 Nov" in whole
    # The entries begin on a page of their own, after the figures.
    [first_entries] = [n for n, page in enumerate(pages) if "Entries" in page.split()[:3]]
    assert first_entries >= 1
    assert "Progress" in " ".join(pages[:first_entries])


@needs_pdf
def test_the_ending_pdf_chooses_the_format(run, diary: Path, tmp_path: Path) -> None:  # noqa: F811
    result = run("export", "--yes", "-o", str(tmp_path / "for-dr-rivera.PDF"))

    assert result.exit_code == 0, result.output
    assert (tmp_path / "for-dr-rivera.PDF").read_bytes().startswith(b"%PDF-")


@needs_pdf
def test_a_name_cannot_break_out_of_the_footer(run, diary: Path) -> None:  # noqa: F811
    name = 'Sam "x" \\ }</style><img src=x> @page { }'
    assert run("config", "set", "name", name).exit_code == 0

    _, path = exported(run, "-f", "pdf")

    pages = pages_of(path)
    assert all(f"{name} · 25 October" in flat(page) for page in pages)
    assert "Page 1 of" in flat(pages[0])


def _without(tmp_path: Path, problem: str) -> subprocess.CompletedProcess[str]:
    """The real program, in a process where ``import weasyprint`` fails as it would
    without the extra (ImportError) or without the Pango library (OSError)."""
    fake = tmp_path / "no-weasyprint"
    (fake / "weasyprint").mkdir(parents=True)
    (fake / "weasyprint" / "__init__.py").write_text(f"raise {problem}\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(fake), *sys.path]))
    return subprocess.run(
        [*kapdiary_command(), "export", "--yes", "-f", "pdf"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        (
            "ImportError(\"No module named 'weasyprint'\")",
            "PDF export needs WeasyPrint, an optional extra: install it with "
            "`pip install 'kapdiary[pdf]'`",
        ),
        (
            "OSError(\"cannot load library 'libpango-1.0-0': no such file\")",
            "WeasyPrint is installed but cannot start (cannot load library 'libpango-1.0-0': "
            "no such file); it needs the Pango library: `apt install libpango-1.0-0",
        ),
    ],
)
def test_without_the_extra_one_line_says_how_to_install_it_and_no_file_is_made(
    diary: Path,  # noqa: F811
    tmp_path: Path,
    problem: str,
    words: str,
) -> None:
    result = _without(tmp_path, problem)

    assert result.returncode == 1, result.stderr
    assert result.stdout == ""  # said before any preview
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kapdiary: {words}"), line
    assert list(Path.cwd().iterdir()) == []
    assert not (diary / "export.toml").exists()  # the next export still starts here


def test_help_does_not_load_weasyprint(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kapdiary", "export", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    assert "md|html|json|pdf" in result.stdout
    assert "weasyprint" not in result.stderr  # the import-time report names every module


def test_ci_checks_the_pdf_for_real() -> None:
    """The PDF tests above may skip here; CI runs them where they cannot."""
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")

    assert "KAPDIARY_REQUIRE_PDF=1" in ci
    assert ".[pdf" in ci or "[pdf," in ci
