"""Credentials in two parts (issue 7): part one printed in a letter through the print channel,
part two sent by e-mail; the customer types both in the portal to activate their access.

Codes are random, shown once, and stored only as SHA-256 hashes. A wrong try counts against
the activation; after MAX_FAILED_ATTEMPTS it is void, and every failure looks the same.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import secrets
import threading
from decimal import Decimal
from pathlib import Path

import typst
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from folio.channels.print.transport import address_lines
from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode, Contact
from folio.documents.models import DocumentStatus, DocumentType, FileKind
from folio.documents.services import (
    DocumentInput,
    document_create,
    document_file_attach,
    document_transition,
)
from folio.servicedesk.models import PortalActivation
from folio.tenancy.actors import Actor
from folio.tenancy.services import audit_record, require_permission

# Letters take days to arrive.
ACTIVATION_DAYS = 30
MAX_FAILED_ATTEMPTS = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LETTER_TEMPLATE = Path(__file__).resolve().parent / "typst" / "access_letter.typ"
_typst_lock = threading.Lock()


class ActivationFailed(ApplicationError):
    status = 400


def _code(length: int) -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def _normal(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode()).hexdigest()


def _letter_pdf(contact: Contact, code: str) -> bytes:
    customer = contact.customer
    with translation.override(customer.language or "en"):
        data = {
            "language": (customer.language or "en")[:2],
            "customer": contact.name,
            "address": address_lines(customer)[1:],
            "title": _("Your access to the customer portal of %(sender)s")
            % {"sender": customer.sender.name},
            "intro": _(
                "This letter holds part one of your access code. Part two comes by e-mail. "
                "You need both."
            ),
            "code": code,
            "howto": _("Open the page below, and type both parts:"),
            "url": settings.SITE_URL + reverse("recipient_portal:activate"),
            "sender": customer.sender.name,
        }
    fonts = [str(Path(d)) for d in settings.FOLIO_RENDER_FONT_DIRS if Path(d).is_dir()]
    with _typst_lock:
        return typst.compile(
            str(LETTER_TEMPLATE),
            root=str(LETTER_TEMPLATE.parent),
            font_paths=fonts,
            sys_inputs={"data": json.dumps(data)},
        )


@transaction.atomic
def portal_activation_issue(*, contact: Contact, actor: Actor) -> PortalActivation:
    """Send part one by letter (print channel) and part two by e-mail to this contact."""
    customer = contact.customer
    require_permission(actor, "manage_customers", customer.sender)
    if not customer.portal_access:
        raise ApplicationError(
            "no_portal_access", gettext_lazy("Give the customer portal access first.")
        )
    if not contact.email:
        raise ApplicationError("no_email", gettext_lazy("The contact needs an e-mail address."))
    if not (customer.address_line1 and customer.postcode):
        raise ApplicationError("no_address", gettext_lazy("The customer needs a postal address."))
    # Any earlier activation stops working.
    PortalActivation.objects.filter(contact=contact, used_at__isnull=True).update(
        expires_at=timezone.now()
    )
    letter_code, email_code = _code(12), _code(8)
    activation = PortalActivation.objects.create(
        contact=contact,
        letter_code_hash=_hash(letter_code),
        email_code_hash=_hash(email_code),
        expires_at=timezone.now() + datetime.timedelta(days=ACTIVATION_DAYS),
    )
    system = Actor.for_system("portal activation")
    letter = document_create(
        actor=system,
        organization=customer.sender,
        customer=customer,
        data=DocumentInput(
            type=DocumentType.OTHER,
            number=f"PORTAL-ACCESS-{activation.pk:06d}",
            issue_date=timezone.localdate(),
            currency="NOK",
            amount_net=Decimal("0"),
            amount_vat=Decimal("0"),
            amount_total=Decimal("0"),
            amount_payable=Decimal("0"),
            note=str(gettext_lazy("Customer portal access letter")),
        ),
    )
    document_file_attach(
        document=letter,
        kind=FileKind.PDF,
        filename=f"{letter.number}.pdf",
        content=_letter_pdf(contact, letter_code),
        content_type="application/pdf",
        actor=system,
    )
    document_transition(document=letter, to_status=DocumentStatus.ACCEPTED, actor=system)
    from folio.delivery.routing import document_route

    document_route(document=letter, actor=system, forced_channel=ChannelCode.PRINT)
    activation.letter = letter
    activation.save(update_fields=["letter", "updated_at"])
    with translation.override(customer.language or "en"):
        subject = _("Part two of your access to the customer portal")
        body = _(
            "Hello %(name)s,\n\nPart two of your access code is: %(code)s\n\n"
            "Part one comes in a letter. Type both at %(url)s\n"
        ) % {
            "name": contact.name,
            "code": email_code,
            "url": settings.SITE_URL + reverse("recipient_portal:activate"),
        }
    transaction.on_commit(lambda: send_mail(subject, body, None, [contact.email]))
    audit_record(
        actor=actor, action="portal.activation_issued", organization=customer.sender, obj=contact
    )
    return activation


@transaction.atomic
def portal_activation_redeem(*, letter_code: str, email_code: str):
    """Both parts -> the contact's user (made on first use); None or ActivationFailed if not."""
    failure = ActivationFailed(
        "activation_failed", gettext_lazy("These codes do not work. Check both parts.")
    )
    activation = (
        PortalActivation.objects.select_for_update()
        .select_related("contact", "contact__customer")
        .filter(letter_code_hash=_hash(letter_code))
        .first()
    )
    if (
        activation is None
        or activation.used_at is not None
        or activation.expires_at <= timezone.now()
        or activation.failed_attempts >= MAX_FAILED_ATTEMPTS
        or not activation.contact.customer.portal_access
    ):
        raise failure
    if not hmac.compare_digest(activation.email_code_hash, _hash(email_code)):
        PortalActivation.objects.filter(pk=activation.pk).update(
            failed_attempts=F("failed_attempts") + 1
        )
        # Returned, not raised: the counted failure must be committed.
        return None
    contact = activation.contact
    user = contact.user
    if user is None:
        user = get_user_model().objects.create_user(
            username=f"contact-{contact.code.hex}", email=contact.email, first_name=contact.name
        )
        Contact.objects.filter(pk=contact.pk).update(user=user)
    activation.used_at = timezone.now()
    activation.save(update_fields=["used_at", "updated_at"])
    audit_record(
        actor=Actor.for_system(contact.name),
        action="portal.activated",
        organization=contact.customer.sender,
        obj=contact,
    )
    return user
