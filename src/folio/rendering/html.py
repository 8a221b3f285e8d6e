"""The same document as HTML: a page for the customer portal and the body of an e-mail.

Built from the same presentation data as the PDF, so both say the same thing. Styles are
inline (e-mail clients drop <style> blocks) and the layout is a single column of tables that
narrows on a phone. Also renders *received* UBL documents, whatever software made them.
"""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from folio.ingestion import en16931
from folio.rendering.branding import DEFAULT_BRANDING, BrandingSpec
from folio.rendering.formatting import language_for
from folio.rendering.presentation import RenderRequest, build_presentation


def render_html(request: RenderRequest, *, email: bool = False) -> str:
    data = build_presentation(request)
    logo = request.branding.logo
    return render_to_string(
        "rendering/document.html",
        {
            "d": data,
            "email": email,
            "logo_uri": logo.data_uri if logo else "",
            "qr_uri": _svg_data_uri(data["qr"]) if data["qr"] else "",
        },
    )


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_received_html(
    invoice: en16931.Invoice, *, language: str = "en", branding: BrandingSpec = DEFAULT_BRANDING
) -> str:
    """A readable page for an inbound e-invoice: both parties, every line, sums and payment."""
    request = RenderRequest(invoice=invoice, language=language_for(language), branding=branding)
    data = build_presentation(request)
    data["is_received"] = True
    data["attachments"] = [
        " ".join(part for part in (item.id, item.description, item.filename) if part)
        for item in invoice.attachments
    ]
    return render_to_string("rendering/document.html", {"d": data, "email": False, "logo_uri": ""})
