"""PDF rendering, kept free of Django so that worker processes can import it cheaply.

The stylesheet and the font configuration are built once per process and
reused for every report (the batch's workers render many PDFs each).
"""

from functools import lru_cache
from pathlib import Path

STYLESHEET = Path(__file__).parent / "static" / "statistics" / "report.css"


@lru_cache(maxsize=1)
def _setup():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return CSS(filename=str(STYLESHEET), font_config=fonts), fonts


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    stylesheet, fonts = _setup()
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def warm_up() -> None:
    """Load WeasyPrint, the stylesheet and the fonts (a worker's initializer)."""
    render_pdf("<p>.</p>")


def render_named(item: tuple[str, str]) -> tuple[str, bytes]:
    """(file name, HTML) → (file name, PDF): the unit of work of the report batch's process pool."""
    name, html = item
    return name, render_pdf(html)
