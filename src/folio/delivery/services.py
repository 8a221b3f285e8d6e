"""Writes to deliveries and their attempts; each status change is a document event."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import IllegalTransitionError
from folio.customers.models import ChannelCode
from folio.delivery.models import (
    DELIVERY_TRANSITIONS,
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
)
from folio.documents.models import Document, EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor
from folio.tenancy.services import require_permission

DELIVERY_EVENT_KIND = {
    DeliveryStatus.SENDING: EventKind.SENDING,
    DeliveryStatus.SENT: EventKind.SENT,
    DeliveryStatus.DELIVERED: EventKind.DELIVERED,
    DeliveryStatus.OPENED: EventKind.OPENED,
    DeliveryStatus.FAILED: EventKind.FAILED,
    DeliveryStatus.EXPIRED: EventKind.EXPIRED,
    DeliveryStatus.CANCELLED: EventKind.CANCELLED,
    DeliveryStatus.PENDING: EventKind.STATUS_CHANGED,
}


@transaction.atomic
def delivery_create(
    *,
    document: Document,
    channel: str,
    actor: Actor,
    reason: str = "",
    cost: Decimal = Decimal("0"),
    cost_currency: str = "NOK",
    fallback_of: Delivery | None = None,
) -> Delivery:
    """Create a pending delivery and record the routing decision as an event."""
    require_permission(actor, "send", document.organization)
    channel = ChannelCode(channel)
    sequence = Delivery.objects.filter(document=document).count() + 1
    delivery = Delivery.objects.create(
        document=document,
        channel=channel,
        status=DeliveryStatus.PENDING,
        status_changed_at=timezone.now(),
        cost=cost,
        cost_currency=cost_currency,
        routing_reason=str(reason),
        fallback_of=fallback_of,
        message_key=f"folio-{document.code}-{channel}-{sequence}",
        next_attempt_at=timezone.now(),
    )
    event_record(
        document=document,
        kind=EventKind.FALLBACK if fallback_of else EventKind.ROUTED,
        actor=actor,
        message=reason,
        delivery=delivery,
        data={"cost": str(cost), "currency": cost_currency},
    )
    return delivery


@transaction.atomic
def delivery_transition(
    *,
    delivery: Delivery,
    to_status: str,
    actor: Actor,
    message: str = "",
    external_reference: str = "",
    data: dict | None = None,
    at: datetime.datetime | None = None,
) -> Delivery:
    require_permission(actor, "send", delivery.document.organization)
    locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
    to_status = DeliveryStatus(to_status)
    if to_status not in DELIVERY_TRANSITIONS[locked.status]:
        raise IllegalTransitionError(
            "illegal_transition",
            _("A delivery cannot go from %(from)s to %(to)s.")
            % {"from": locked.get_status_display(), "to": to_status.label},
            extra={"from": locked.status, "to": to_status},
        )
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = at or timezone.now()
    fields = ["status", "status_changed_at", "updated_at"]
    if external_reference:
        locked.external_reference = external_reference
        fields.append("external_reference")
    locked.save(update_fields=fields)
    event_record(
        document=locked.document,
        kind=DELIVERY_EVENT_KIND[to_status],
        actor=actor,
        message=message,
        from_status=from_status,
        to_status=to_status,
        delivery=locked,
        data=data,
        at=locked.status_changed_at,
    )
    for name in ("status", "status_changed_at", "external_reference"):
        setattr(delivery, name, getattr(locked, name))
    return delivery


@transaction.atomic
def delivery_attempt_record(
    *,
    delivery: Delivery,
    outcome: str,
    duration_ms: int,
    response: str = "",
    error: str = "",
    actor: Actor,
) -> DeliveryAttempt:
    require_permission(actor, "send", delivery.document.organization)
    outcome = AttemptOutcome(outcome)
    attempt = DeliveryAttempt.objects.create(
        delivery=delivery,
        at=timezone.now(),
        outcome=outcome,
        response=response,
        duration_ms=duration_ms,
        error=error,
        permanent=outcome == AttemptOutcome.PERMANENT_ERROR,
    )
    Delivery.objects.filter(pk=delivery.pk).update(attempt_count=F("attempt_count") + 1)
    return attempt
