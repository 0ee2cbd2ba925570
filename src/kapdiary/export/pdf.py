"""The export as a PDF: the HTML page, laid out on A4 by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'kapdiary[pdf]'``), imported only when a
PDF is made. It draws the very page the HTML export makes, charts included, with its print
styles, and these for paper: the entries start on a new page, an entry that fits on a page
is not split across two, and every page's footer holds the client's name, the period and
the page number. WeasyPrint is given nothing to fetch: a link to anything outside the page
is refused, so making the file never touches the network or another file.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from kapdiary import messages
from kapdiary.errors import KapdiaryError

if TYPE_CHECKING:
    from kapdiary.export import Document

PAGE_CSS = """
@page {
  size: A4; margin: 16mm 15mm 20mm;
  @bottom-left {
    content: %(footer)s; font-size: 8pt; color: #626a73;
    font-family: system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  }
  @bottom-right {
    content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #626a73;
    font-family: system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  }
}
section.entries { break-before: page; }
article.entry { break-inside: avoid; }
footer { margin-top: 1.5rem; }
"""


def ready() -> None:
    """Fail with the fix, before anything is asked or written, when PDFs cannot be made."""
    _weasyprint()


def render(document: Document) -> bytes:
    import gc

    from kapdiary.export import html

    # The quick start turns the collector off (a reading command makes next to no cycles);
    # laying out a PDF makes many, so it is back on for this.
    gc.enable()
    weasyprint = _weasyprint()
    page = html.render(document, extra_css=PAGE_CSS % {"footer": css_string(footer(document))})
    # No protocol is allowed: file:, http:, data: and the rest are refused alike.
    nothing = weasyprint.URLFetcher(allowed_protocols=())
    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=nothing).write_pdf()
    return pdf


def footer(document: Document) -> str:
    """``Sam · 25 October – 21 November 2026``: whose diary, and which days."""
    from kapdiary.render.format import span

    period = span(document.period.since, document.period.until)
    return f"{document.client} · {period}" if document.client else f"Integration diary · {period}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: anything but letters, digits and spaces escaped, so
    a name can neither end the string nor the style element."""
    out = []
    for char in text:
        if char.isalnum() or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")  # the space ends the escape and is not text
    return '"' + "".join(out) + '"'


def _weasyprint() -> ModuleType:
    import importlib

    try:
        weasyprint = importlib.import_module("weasyprint")
    except ImportError as exc:
        raise KapdiaryError(messages.pdf_needs_extra()) from exc
    except OSError as exc:  # installed, but the Pango library it draws text with is missing
        raise KapdiaryError(messages.pdf_needs_pango(exc)) from exc
    return weasyprint
