"""Printed pieces as A4 PDF (WeasyPrint), the way the monthly report is made: the HTML of the
print page and one print stylesheet from the static files, nothing fetched over the network
(the QR codes are inline SVG)."""

from django.contrib.staticfiles import finders

POSTER_STYLESHEET = "css/poster-print.css"


def _no_fetch(url, *args, **kwargs):
    """The PDF embeds everything it needs; nothing is fetched while rendering."""
    raise ValueError(f"not fetched: {url}")


def pdf_from_html(html: str, *, stylesheet: str = POSTER_STYLESHEET) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango costs time every page need not pay

    css_path = finders.find(stylesheet)
    stylesheets = [CSS(filename=css_path)] if css_path else []
    return HTML(string=html, base_url="/", url_fetcher=_no_fetch).write_pdf(stylesheets=stylesheets)
