"""Which webhook event a row of the documents' event table is, and the payload it becomes.

Documents and deliveries both write `DocumentEvent` rows (ARCHITECTURE.md §4). A delivery's
status change carries the delivery; so does the document's own status change that follows it
(`delivery.dispatch.document_move(..., delivery=...)`), with the same kind. They are told apart
by their statuses where those differ (a delivery comes from "pending", a document from
"accepted"), and otherwise by order: a delivery enters SENT, DELIVERED and FAILED once, and its
event is written before the document's, so the first event of that kind for a delivery is the
delivery's and a later one the document's.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Min

from folio.documents.models import DocumentEvent, EventKind, PaymentStatus
from folio.webhooks.models import WebhookEventType as T

DOCUMENT_KINDS = {
    EventKind.RECEIVED: T.DOCUMENT_RECEIVED,
    EventKind.ACCEPTED: T.DOCUMENT_ACCEPTED,
    EventKind.STOPPED: T.DOCUMENT_STOPPED,
    EventKind.CORRECTED: T.DOCUMENT_CORRECTED,
    EventKind.SENT: T.DOCUMENT_SENT,
    EventKind.DELIVERED: T.DOCUMENT_DELIVERED,
    EventKind.FAILED: T.DOCUMENT_FAILED,
    EventKind.CANCELLED: T.DOCUMENT_CANCELLED,
    EventKind.VIEWED: T.DOCUMENT_VIEWED,
}
DELIVERY_KINDS = {
    EventKind.ROUTED: T.DELIVERY_CREATED,
    EventKind.FALLBACK: T.DELIVERY_FALLBACK,
    EventKind.SENT: T.DELIVERY_SENT,
    EventKind.DELIVERED: T.DELIVERY_DELIVERED,
    EventKind.FAILED: T.DELIVERY_FAILED,
    EventKind.EXPIRED: T.DELIVERY_EXPIRED,
    EventKind.CANCELLED: T.DELIVERY_CANCELLED,
}
# Kinds that both a delivery and its document write, and that a delivery enters only once.
SHARED_ONCE_KINDS = frozenset({EventKind.SENT, EventKind.DELIVERED, EventKind.FAILED})
DELIVERY_ONLY_FROM = frozenset({"pending", "delivered"})
DOCUMENT_ONLY_FROM = frozenset({"received", "stopped", "accepted", "failed", "cancelled"})


def first_event_ids(events: list[DocumentEvent]) -> dict[tuple[int, str], int]:
    """(delivery id, kind) -> id of the first event of that kind for that delivery, for the
    events whose level only order can tell (one query for the whole batch)."""
    delivery_ids = {
        event.delivery_id
        for event in events
        if event.delivery_id is not None and event.kind in SHARED_ONCE_KINDS
    }
    if not delivery_ids:
        return {}
    rows = (
        DocumentEvent.objects.filter(delivery_id__in=delivery_ids, kind__in=SHARED_ONCE_KINDS)
        .values("delivery_id", "kind")
        .annotate(first=Min("id"))
    )
    return {(row["delivery_id"], row["kind"]): row["first"] for row in rows}


def event_type_of(event: DocumentEvent, first_ids: dict[tuple[int, str], int]) -> str | None:
    """The webhook event type of a document event, or None for events not sent as webhooks."""
    kind = event.kind
    if kind == EventKind.PAYMENT:
        return T.DOCUMENT_PAID if event.to_status == PaymentStatus.PAID else T.DOCUMENT_PAYMENT
    if event.delivery_id is None:
        return DOCUMENT_KINDS.get(kind)
    if kind == EventKind.OPENED:
        return T.DOCUMENT_OPENED
    if kind == EventKind.STATUS_CHANGED:
        # A soft bounce is recorded on the delivery without a status change.
        if "status" in event.data and not event.to_status:
            return T.DELIVERY_BOUNCED
        return None
    if kind in (EventKind.ROUTED, EventKind.FALLBACK, EventKind.EXPIRED):
        return DELIVERY_KINDS[kind]
    if kind == EventKind.SENDING:
        return None
    if event.from_status in DELIVERY_ONLY_FROM:
        is_delivery = True
    elif event.from_status in DOCUMENT_ONLY_FROM:
        is_delivery = False
    elif kind in SHARED_ONCE_KINDS:
        is_delivery = first_ids.get((event.delivery_id, kind)) == event.id
    else:
        is_delivery = False
    if not is_delivery:
        return DOCUMENT_KINDS.get(kind)
    if kind == EventKind.FAILED and "recipient" in event.data:
        return T.DELIVERY_BOUNCED
    return DELIVERY_KINDS.get(kind)


def _iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment is not None else None


def event_data(event: DocumentEvent, event_type: str) -> dict:
    """The payload's `data`: public codes only, never integer ids."""
    document = event.document
    customer = document.customer
    delivery = event.delivery
    data: dict = {
        "organization": {
            "id": str(document.organization.code),
            "slug": document.organization.slug,
            "name": document.organization.name,
        },
        "document": {
            "id": str(document.code),
            "number": document.number,
            "type": document.type,
            "direction": document.direction,
            "status": document.status,
            "issue_date": document.issue_date,
            "due_date": document.due_date,
            "currency": document.currency,
            "amount_total": document.amount_total,
            "amount_payable": document.amount_payable,
            "amount_paid": document.amount_paid,
            "payment_status": document.payment_status,
            "payment_reference": document.payment_reference,
            "customer": (
                {
                    "id": str(customer.code),
                    "number": customer.customer_number,
                    "name": customer.name,
                }
                if customer is not None
                else None
            ),
        },
        "event": {
            "kind": event.kind,
            "at": _iso(event.at),
            "from_status": event.from_status,
            "to_status": event.to_status,
            "message": event.message,
        },
        "delivery": (
            {
                "id": str(delivery.code),
                "channel": delivery.channel,
                "status": delivery.status,
                "message_key": delivery.message_key,
            }
            if delivery is not None
            else None
        ),
    }
    if event_type == T.DELIVERY_BOUNCED:
        data["bounce"] = {
            "status": event.data.get("status", ""),
            "recipient": event.data.get("recipient", ""),
            "permanent": event.kind == EventKind.FAILED,
        }
    if event.kind == EventKind.PAYMENT:
        data["payment"] = {
            "amount": event.data.get("amount", ""),
            "reference": event.data.get("reference", ""),
        }
    return data


def payload_body(*, event_type: str, timestamp, data: dict) -> str:
    """The JSON body, serialized once and stored, so that retries send the same bytes."""
    return json.dumps(
        {"type": event_type, "timestamp": _iso(timestamp), "data": data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )
