"""Routes of the delivery app: the link in an e-mail that opens a document, and webhooks.

The open link's GET only shows what is behind it (mail scanners fetch links); opening the
document or downloading its PDF are POST actions, and only those count as "opened".
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from folio.channels.artefacts import document_pdf, document_summary_html
from folio.channels.base import TransportError
from folio.channels.email.bounces import bounce_process
from folio.core.errors import NotFoundError
from folio.delivery.forms import OpenDocumentForm
from folio.delivery.services import delivery_link_resolve, document_opened_record
from folio.servicedesk.models import PortalAction
from folio.servicedesk.selectors import portal_settings_for
from folio.tenancy.actors import Actor

# Inbound DSNs are small; anything bigger is not a bounce report.
MAX_BOUNCE_BYTES = 512 * 1024


@require_http_methods(["GET", "POST"])
def open_document(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = delivery_link_resolve(token)
    except NotFoundError as exc:
        raise Http404 from exc
    delivery = link.delivery
    document = delivery.document
    # The sender may close downloads in its customer portal; the link follows that choice.
    downloads_open = PortalAction.DOWNLOAD in portal_settings_for(document.organization).actions
    context = {
        "document": document,
        "sender": document.organization,
        "form": OpenDocumentForm(),
        "downloads_open": downloads_open,
    }
    if request.method == "GET":
        response = render(request, "delivery/open_confirm.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    form = OpenDocumentForm(request.POST)
    if not form.is_valid():
        return render(request, "delivery/open_confirm.html", {**context, "form": form}, status=400)
    action = form.cleaned_data["action"]
    actor = Actor.for_system("recipient link")
    if action == OpenDocumentForm.PDF:
        if not downloads_open:
            raise Http404
        try:
            pdf = document_pdf(document)
        except TransportError as exc:
            raise Http404 from exc
        document_opened_record(document=document, via="pdf", actor=actor, delivery=delivery)
        response = HttpResponse(pdf.content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
        return response
    document_opened_record(document=document, via="link", actor=actor, delivery=delivery)
    return render(
        request,
        "delivery/open_document.html",
        {**context, "summary": document_summary_html(document)},
    )


def _signature_valid(request: HttpRequest, secret: str) -> bool:
    expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request.headers.get("X-Folio-Signature", ""))


@csrf_exempt
@require_POST
def bounce_webhook(request: HttpRequest) -> HttpResponse:
    """A mail system posts one raw DSN (message/rfc822), signed with the shared secret."""
    secret = settings.FOLIO_BOUNCE_WEBHOOK_SECRET
    if not secret or not _signature_valid(request, secret):
        return JsonResponse({"code": "invalid_signature"}, status=403)
    if len(request.body) > MAX_BOUNCE_BYTES:
        return JsonResponse({"code": "too_large"}, status=413)
    outcome = bounce_process(raw=request.body, actor=Actor.for_system("bounces"))
    return JsonResponse({"outcome": outcome})
