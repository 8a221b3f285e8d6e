"""Composing Folio's e-mails: the sender's template (or the default one), headers for bounces.

Sender templates use Django template syntax with a fixed context of plain values, such as
`{{ customer.portal_url }}`, `{{ document.portal_url }}`, `{{ document.open_url }}`,
`{{ document.number }}`, `{{ document.amount_payable }}`, `{{ sender.name }}`, `{{ deadline }}`.
"""

from __future__ import annotations

import datetime
import logging
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from folio.channels.base import Attachment
from folio.core.errors import ApplicationError
from folio.delivery.models import Delivery, MessageTemplate
from folio.delivery.sender_templates import sender_template_render
from folio.documents.models import Document

logger = logging.getLogger(__name__)


def mail_domain() -> str:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2] or "folio.localhost"


def message_id_for(delivery: Delivery, suffix: str = "") -> str:
    """A stable Message-ID per delivery, so that a resent duplicate can be recognized."""
    return f"<{delivery.message_key}{suffix}@{mail_domain()}>"


def bounce_address_for(message_key: str) -> str:
    """The envelope sender (VERP): a bounce names the delivery in its address."""
    local, _at, domain = settings.FOLIO_BOUNCE_ADDRESS.partition("@")
    return f"{local}+{message_key}@{domain}"


def portal_urls(document: Document) -> tuple[str, str]:
    site = settings.SITE_URL
    return (
        site + reverse("recipient_portal:home"),
        site + reverse("recipient_portal:document", kwargs={"code": document.code}),
    )


def message_context(
    *, document: Document, open_url: str = "", attached: bool = False, deadline=None
) -> dict:
    from folio.payments.services import document_pay_url

    customer = document.customer
    customer_portal_url, document_portal_url = portal_urls(document)
    language = customer.language if customer else "en"
    with translation.override(language):
        return {
            "language": language,
            "attached": attached,
            "deadline": formats.date_format(timezone.localtime(deadline), "DATE_FORMAT")
            if isinstance(deadline, datetime.datetime)
            else "",
            "sender": {"name": document.organization.name},
            "customer": {
                "name": customer.name if customer else document.counterparty_name,
                "number": customer.customer_number if customer else "",
                "portal_url": customer_portal_url if customer and customer.portal_access else "",
            },
            "document": {
                "type": str(document.get_type_display()),
                "number": document.number,
                "issue_date": formats.date_format(document.issue_date, "DATE_FORMAT"),
                "due_date": formats.date_format(document.due_date, "DATE_FORMAT")
                if document.due_date
                else "",
                "currency": document.currency,
                "amount_total": formats.number_format(document.amount_total, 2, use_l10n=True),
                "amount_payable": formats.number_format(document.amount_payable, 2, use_l10n=True)
                if document.amount_payable
                else "",
                "payment_reference": document.payment_reference,
                "portal_url": document_portal_url,
                "open_url": open_url,
                # The portal page that pays this invoice (issue 7), for {{ document.pay_url }}.
                "pay_url": document_pay_url(document)
                if customer and customer.portal_access
                else "",
            },
        }


def _sender_template(document: Document, purpose: str, language: str) -> MessageTemplate | None:
    templates = MessageTemplate.objects.filter(
        organization=document.organization, purpose=purpose, language__in=[language, ""]
    )
    return sorted(templates, key=lambda t: t.language != language)[0] if templates else None


def render_parts(*, document: Document, purpose: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) from the sender's template for `purpose`, else Folio's default."""
    language = context["language"]
    custom = _sender_template(document, purpose, language)
    with translation.override(language):
        if custom is not None:
            try:
                # Sender-written: rendered in the sandbox (delivery/sender_templates.py).
                subject = sender_template_render(custom.subject, context)
                text = sender_template_render(custom.text_body, context)
                html = (
                    sender_template_render(custom.html_body, context, html=True)
                    if custom.html_body
                    else ""
                )
                return " ".join(subject.split()), text.strip() + "\n", html
            except ApplicationError as exc:
                # A template saved under older, looser rules must not hold the document back:
                # the recipient gets Folio's own wording instead.
                logger.warning(
                    "sender template %s of %s refused at send (%s); using the default",
                    purpose,
                    document.organization_id,
                    exc,
                )
        prefix = f"channels/email/{purpose}"
        subject = render_to_string(f"{prefix}_subject.txt", context)
        text = render_to_string(f"{prefix}.txt", context)
        html = render_to_string(f"{prefix}.html", context)
    return " ".join(subject.split()), text.strip() + "\n", html


def message_build(
    *,
    delivery: Delivery,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    attachments: list[Attachment],
    message_id: str,
    reply_to: str = "",
) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    from_name, from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    sender_name = delivery.document.organization.name
    message["From"] = formataddr((sender_name or from_name, from_address))
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id
    if reply_to:
        message["Reply-To"] = reply_to
    # Bounce processing finds the delivery by this header in the returned message.
    message["X-Folio-Message-Key"] = delivery.message_key
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, _slash, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


def new_message_id() -> str:
    return make_msgid(domain=mail_domain())
