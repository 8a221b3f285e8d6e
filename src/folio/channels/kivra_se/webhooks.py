"""Kivra's payment webhooks (Standard Webhooks): verified on the raw body, deduplicated on the
event id, applied to the delivery whose content key they name.

The signature is HMAC-SHA256 over `webhook-id.webhook-timestamp.body` with the shared secret
(base64, optionally prefixed `whsec_`); `webhook-signature` lists one or more `v1,<base64>`.
A timestamp further than FOLIO_KIVRA_WEBHOOK_TOLERANCE seconds from now is refused (replay).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from folio.core.errors import ApplicationError, PermissionDeniedError
from folio.delivery.models import Delivery
from folio.documents.models import EventKind
from folio.documents.services import document_register_payment, event_record
from folio.registries.models import WebhookEvent
from folio.tenancy.actors import Actor


def _secret_key(secret: str) -> bytes:
    raw = secret.removeprefix("whsec_")
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        return raw.encode()


def webhook_signature(*, secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def webhook_verify(*, headers: dict[str, str], body: bytes, now: float | None = None) -> None:
    """Raise PermissionDeniedError unless the request is Kivra's, signed and recent."""
    secret = settings.FOLIO_KIVRA_WEBHOOK_SECRET
    message_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    signatures = headers.get("webhook-signature", "").split()
    if not (secret and message_id and timestamp.isdigit() and signatures):
        raise PermissionDeniedError("bad_signature", _("The webhook is not signed."))
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > settings.FOLIO_KIVRA_WEBHOOK_TOLERANCE:
        raise PermissionDeniedError("stale_webhook", _("The webhook's timestamp is too old."))
    expected = webhook_signature(
        secret=secret, message_id=message_id, timestamp=timestamp, body=body
    )
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise PermissionDeniedError("bad_signature", _("The webhook signature does not match."))


@transaction.atomic
def kivra_webhook_apply(*, payload: dict, actor: Actor | None = None) -> str:
    """Apply one verified payment webhook; returns what happened (for the log and tests)."""
    actor = actor or Actor.for_system("kivra")
    event_id = str(payload.get("id", ""))
    data = payload.get("data") or {}
    if not event_id or not isinstance(data, dict) or not data.get("content_key"):
        raise ApplicationError("invalid_webhook", _("The webhook lacks an id or content key."))
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(source="kivra", event_id=event_id, payload=payload)
    except IntegrityError:
        return "duplicate"
    delivery = (
        Delivery.objects.select_related("document")
        .filter(channel="kivra_se", external_reference=str(data["content_key"]))
        .first()
    )
    if delivery is None:
        return "unknown_content"
    document = delivery.document
    kind = payload.get("type", "")
    if kind == "invoice_declined":
        event_record(
            document=document,
            kind=EventKind.RESPONSE,
            actor=actor,
            delivery=delivery,
            message=_("The recipient declined the invoice in Kivra."),
            data={"kind": "kivra", "event": "declined"},
        )
        return "declined"
    event = data.get("payment_event", "")
    details = {
        "kind": "kivra",
        "event": event,
        "payment_type": data.get("payment_type", ""),
        "amount": data.get("amount", ""),
        "pay_date": data.get("pay_date", ""),
        "reference": data.get("remittance_string", ""),
    }
    if event == "settled":
        try:
            amount = Decimal(str(data.get("amount", "")))
        except InvalidOperation as exc:
            raise ApplicationError("invalid_webhook", _("The amount is not a number.")) from exc
        document_register_payment(
            document=document,
            amount=amount,
            actor=actor,
            reference=str(data.get("remittance_string", "")),
            source=_("Paid in Kivra (%(type)s)") % {"type": data.get("payment_type", "")},
        )
        return "settled"
    message = {
        "scheduled": _("The recipient scheduled the payment in Kivra for %(date)s."),
        "failed": _("The payment scheduled in Kivra failed (%(date)s)."),
    }.get(event, _("Kivra reported a payment event (%(date)s)."))
    event_record(
        document=document,
        kind=EventKind.STATUS_CHANGED,
        actor=actor,
        delivery=delivery,
        message=message % {"date": data.get("pay_date") or data.get("event_time", "")},
        data=details,
    )
    return event or "other"
