"""Bounces: delivery status notifications (RFC 3464) read back into deliveries.

A DSN names our delivery three ways, tried in order: the X-Folio-Message-Key header of the
returned message, the VERP envelope address it was sent back to (bounces+KEY@domain), and the
returned Message-ID. A permanent failure (status 5.x.x) fails the delivery and falls back to
the next channel; a temporary one (4.x.x) is only recorded. Each DSN counts once.
"""

from __future__ import annotations

import email
import mailbox
import re
from dataclasses import dataclass
from email.message import Message
from email.policy import default as default_policy
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from folio.delivery.models import Bounce, BounceKind, Delivery, DeliveryStatus
from folio.delivery.services import delivery_transition
from folio.documents.models import EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor

STATUS_PATTERN = re.compile(r"^([245])\.\d{1,3}\.\d{1,3}$")


@dataclass(frozen=True)
class BounceReport:
    report_id: str
    message_key: str
    original_message_id: str
    recipient: str
    status: str
    diagnostic: str

    @property
    def kind(self) -> str:
        return BounceKind.HARD if self.status.startswith("5") else BounceKind.SOFT


def _verp_key(address: str) -> str:
    local = settings.FOLIO_BOUNCE_ADDRESS.partition("@")[0]
    match = re.search(rf"{re.escape(local)}\+([A-Za-z0-9._-]+)@", address or "")
    return match.group(1) if match else ""


def bounce_parse(raw: bytes) -> BounceReport | None:
    """The DSN's facts, or None when the message is not a delivery status notification."""
    message = email.message_from_bytes(raw, policy=default_policy)
    if message.get_content_type() != "multipart/report":
        return None
    status = diagnostic = recipient = ""
    returned_headers: Message | None = None
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in ("message/delivery-status", "message/global-delivery-status"):
            # Its payload is a list of header blocks: per-message, then one per recipient.
            for block in part.get_payload():
                status = status or str(block.get("Status", "")).strip()
                diagnostic = diagnostic or str(block.get("Diagnostic-Code", "")).strip()
                recipient = recipient or str(block.get("Final-Recipient", "")).strip()
        elif content_type in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                returned_headers = payload[0]
            elif isinstance(payload, str):
                returned_headers = email.message_from_string(payload, policy=default_policy)
    if not STATUS_PATTERN.match(status) or status.startswith("2"):
        return None
    key = ""
    original_id = ""
    if returned_headers is not None:
        key = str(returned_headers.get("X-Folio-Message-Key", "")).strip()
        original_id = str(returned_headers.get("Message-ID", "")).strip()
    key = key or _verp_key(str(message.get("To", "")))
    report_id = str(message.get("Message-ID", "")).strip() or f"{key}:{status}:{recipient}"
    return BounceReport(
        report_id=report_id,
        message_key=key,
        original_message_id=original_id,
        recipient=recipient.partition(";")[2].strip() or recipient,
        status=status,
        diagnostic=diagnostic,
    )


@transaction.atomic
def bounce_record(*, report: BounceReport, actor: Actor) -> str:
    """Apply one parsed DSN: 'duplicate', 'unknown', 'soft' or 'failed'."""
    from folio.delivery.routing import delivery_fall_back

    if Bounce.objects.filter(report_id=report.report_id).exists():
        return "duplicate"
    delivery = None
    if report.message_key:
        delivery = Delivery.objects.filter(message_key=report.message_key).first()
    if delivery is None and report.original_message_id:
        delivery = Delivery.objects.filter(external_reference=report.original_message_id).first()
    Bounce.objects.create(
        delivery=delivery,
        report_id=report.report_id[:300],
        original_message_id=report.original_message_id[:300],
        recipient=report.recipient[:300],
        kind=report.kind,
        status_code=report.status,
        diagnostic=report.diagnostic,
    )
    if delivery is None:
        return "unknown"
    detail = f"{report.status} {report.diagnostic}".strip()
    if report.kind == BounceKind.SOFT:
        event_record(
            document=delivery.document,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            message=_("Temporary bounce: %(detail)s") % {"detail": detail},
            delivery=delivery,
            data={"status": report.status},
        )
        return "soft"
    locked = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    if locked.status not in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED):
        return "ignored"
    reason = _("Bounced: %(detail)s") % {"detail": detail}
    delivery_transition(
        delivery=locked,
        to_status=DeliveryStatus.FAILED,
        actor=actor,
        message=reason,
        data={"status": report.status, "recipient": report.recipient},
    )
    delivery_fall_back(failed=locked, reason=reason, actor=actor)
    return "failed"


def bounce_process(*, raw: bytes, actor: Actor) -> str:
    report = bounce_parse(raw)
    if report is None:
        return "not_a_bounce"
    return bounce_record(report=report, actor=actor)


def bounces_read_mailbox(*, path: Path, actor: Actor, remove: bool = False) -> dict[str, int]:
    """Process every message of a Maildir folder or an mbox file; counts per outcome."""
    box: mailbox.Mailbox = (
        mailbox.Maildir(path, factory=None, create=False)
        if path.is_dir()
        else mailbox.mbox(path, create=False)
    )
    counts: dict[str, int] = {}
    box.lock()
    try:
        for key in list(box.keys()):
            outcome = bounce_process(raw=box.get_bytes(key), actor=actor)
            counts[outcome] = counts.get(outcome, 0) + 1
            if remove and outcome != "not_a_bounce":
                box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return counts
