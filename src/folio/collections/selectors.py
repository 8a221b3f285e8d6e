"""Reads of collections: a customer's statement of account with aging, promises, disputes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.collections.models import Dispute, Promise
from folio.customers.models import Customer
from folio.documents.models import (
    PAYABLE_TYPES,
    Direction,
    Document,
    DocumentEvent,
    DocumentStatus,
    DocumentType,
    EventKind,
    PaymentStatus,
)

# Issued to the customer: the same statuses the portal shows.
ISSUED_STATUSES = (
    DocumentStatus.SENDING,
    DocumentStatus.SENT,
    DocumentStatus.DELIVERED,
    DocumentStatus.FAILED,
)
AGING_BUCKETS = (
    ("not_due", _("Not due")),
    ("1_30", _("1-30 days")),
    ("31_60", _("31-60 days")),
    ("61_90", _("61-90 days")),
    ("over_90", _("Over 90 days")),
)


def aging_bucket(due_date: datetime.date | None, today: datetime.date) -> str:
    days = (today - due_date).days if due_date else 0
    if days <= 0:
        return "not_due"
    if days <= 30:
        return "1_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    return "over_90"


@dataclass
class OpenItem:
    document: Document
    bucket: str
    days_overdue: int


@dataclass
class Statement:
    customer: Customer
    as_of: datetime.date
    currency: str
    items: list[OpenItem] = field(default_factory=list)
    buckets: list[tuple[str, str, Decimal]] = field(default_factory=list)
    total_open: Decimal = Decimal("0")
    payments: list[DocumentEvent] = field(default_factory=list)
    credits: list[Document] = field(default_factory=list)


def statement_for(
    customer: Customer, *, today: datetime.date | None = None, since_days: int = 365
) -> Statement:
    """Open items by aging bucket, and the payments and credits of the last `since_days`."""
    today = today or timezone.localdate()
    issued = Document.objects.filter(
        customer=customer, direction=Direction.SENT, status__in=ISSUED_STATUSES
    )
    open_documents = list(
        issued.filter(
            type__in=PAYABLE_TYPES,
            payment_status__in=[PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID],
        ).order_by("due_date", "issue_date", "id")
    )
    items = [
        OpenItem(
            document=document,
            bucket=aging_bucket(document.due_date, today),
            days_overdue=max((today - document.due_date).days, 0) if document.due_date else 0,
        )
        for document in open_documents
    ]
    totals = {key: Decimal("0") for key, _label in AGING_BUCKETS}
    for item in items:
        totals[item.bucket] += item.document.amount_open
    since = timezone.now() - datetime.timedelta(days=since_days)
    payments = list(
        DocumentEvent.objects.filter(document__in=issued, kind=EventKind.PAYMENT, at__gte=since)
        .select_related("document")
        .order_by("-at", "-id")[:200]
    )
    credits = list(
        issued.filter(
            type=DocumentType.CREDIT_NOTE,
            issue_date__gte=today - datetime.timedelta(days=since_days),
        ).order_by("-issue_date", "-id")[:200]
    )
    currencies = {item.document.currency for item in items}
    return Statement(
        customer=customer,
        as_of=today,
        currency=currencies.pop() if len(currencies) == 1 else "",
        items=items,
        buckets=[(key, label, totals[key]) for key, label in AGING_BUCKETS],
        total_open=sum(totals.values(), Decimal("0")),
        payments=payments,
        credits=credits,
    )


def promises_of(customer: Customer) -> QuerySet[Promise]:
    return customer.promises.prefetch_related("documents").order_by("-created_at")


def disputes_of(document: Document) -> QuerySet[Dispute]:
    return document.disputes.prefetch_related("lines__line").order_by("-created_at")


def disputes_open_for(actor) -> QuerySet[Dispute]:
    """Open disputes on the documents of the senders the (staff) actor may see, oldest first:
    the sender portal's queue (resolve with collections.services.dispute_resolve)."""
    from folio.documents.selectors import documents_visible_to

    return (
        Dispute.objects.filter(status="open", document__in=documents_visible_to(actor))
        .select_related("document", "document__customer")
        .prefetch_related("lines__line")
        .order_by("created_at", "id")
    )


def promises_open_for(actor) -> QuerySet[Promise]:
    """Open promises to pay of the customers of the senders the actor may see."""
    from folio.tenancy.selectors import organization_ids_visible_to

    return (
        Promise.objects.filter(
            status="open", customer__sender_id__in=organization_ids_visible_to(actor)
        )
        .select_related("customer")
        .prefetch_related("documents")
        .order_by("promised_date", "id")
    )
