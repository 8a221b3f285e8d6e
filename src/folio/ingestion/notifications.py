"""E-mails about stopped documents (subject/text/HTML template triples)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from folio.documents.models import Document, DocumentStatus
from folio.ingestion.models import DocumentVersion, VersionOutcome


def _send(*, template: str, to: str, language: str, context: dict) -> None:
    with translation.override(language or "en"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def stopped_notify(*, document_code: str, version: int) -> int:
    document = (
        Document.objects.select_related("organization", "customer")
        .filter(code=document_code)
        .first()
    )
    if document is None or document.status != DocumentStatus.STOPPED:
        return 0
    stopped = DocumentVersion.objects.filter(
        document=document, version=version, outcome=VersionOutcome.STOPPED
    ).first()
    if stopped is None or document.version != version:
        return 0
    reasons = stopped.stop_reasons
    context = {
        "document": document,
        "organization": document.organization,
        "reasons": reasons,
        "site_url": settings.SITE_URL,
    }
    sent = 0
    if document.organization.email:
        _send(
            template="ingestion/email/stopped_sender",
            to=document.organization.email,
            language=document.organization.language,
            context=context,
        )
        sent += 1
    customer = document.customer
    rule_codes = {reason["rule"] for reason in reasons}
    from folio.ingestion.models import StopRule

    tell_customer = StopRule.objects.filter(code__in=rule_codes, notify_customer=True).exists()
    if tell_customer and customer is not None and customer.email:
        _send(
            template="ingestion/email/stopped_customer",
            to=customer.email,
            language=customer.language,
            context={**context, "customer": customer},
        )
        sent += 1
    return sent
