"""A PNG of a PDF's first page, for the sender portal's thumbnails.

pypdfium2 (PDFium, the engine in Chromium) renders in-process from a wheel on PyPI: no
subprocess per preview and no system package on production machines; it rasterises the
stored PDF bytes themselves, so the preview shows exactly the artefact that was sent.
"""

from __future__ import annotations

import io

DEFAULT_PREVIEW_DPI = 80


def pdf_first_page_png(content: bytes, *, dpi: int = DEFAULT_PREVIEW_DPI) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        page = document[0]
        try:
            bitmap = page.render(scale=dpi / 72)
            image = bitmap.to_pil()
        finally:
            page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
