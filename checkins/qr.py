"""QR codes (segno): inline SVG for the pages and the PDF, PNG for a download or a decoder.

Error correction level M (15 % of the code may be damaged): a poster on a noticeboard gets
scuffed, and level M keeps a room's URL in a small, easy-to-scan code.
"""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

ERROR_LEVEL = "m"


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_svg(url: str, *, title: str) -> SafeString:
    """The code as inline SVG markup with a viewBox (sized by the page's CSS) and a <title> for
    screen readers. Black on white, with the 4-module quiet zone scanners need."""
    svg = qr_code(url).svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, title=title, svgclass="qr-code", lineclass=None
    )
    # segno escapes the title; the markup is safe to put in a page as it is.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def qr_png(url: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
