"""PDF rendering, kept free of Django so that worker processes can import it cheaply."""

from pathlib import Path

STYLESHEET = Path(__file__).parent / "static" / "statistics" / "report.css"


def render_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def render_named(item: tuple[str, str]) -> tuple[str, bytes]:
    """(file name, HTML) → (file name, PDF): the unit of work of the report batch's process pool."""
    name, html = item
    return name, render_pdf(html)
