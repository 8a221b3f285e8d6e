"""The invoice details page the payer's bank links to (a signed, expiring URL)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import render

from folio.channels.artefacts import document_summary_html
from folio.channels.efaktura_no.details import details_delivery
from folio.core.errors import NotFoundError


def invoice_details(request: HttpRequest, token: str):
    try:
        delivery = details_delivery(token)
    except NotFoundError as exc:
        raise Http404(str(exc.message)) from exc
    document = delivery.document
    language = document.customer.language if document.customer else ""
    response = render(
        request,
        "registries/efaktura_details.html",
        {"document": document, "summary": document_summary_html(document, language=language)},
    )
    # The bank shows it framed; nobody else should keep or index it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
