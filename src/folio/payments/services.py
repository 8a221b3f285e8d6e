"""Writes to payments: start a checkout, apply the PSP's events, keep invoices in step.

The ledger holds the PSP's own figures per PSP object (latest cumulative amount), and each
payment's effect on its invoices is recomputed from the ledger. A replayed event, or events in
any order, therefore lead to the same invoice amounts as the PSP's final word.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError, NotFoundError
from folio.customers.models import Contact
from folio.documents.models import PAYABLE_TYPES, Document
from folio.documents.models import PaymentStatus as InvoiceStatus
from folio.documents.services import document_register_payment
from folio.payments.models import (
    PAYMENT_TRANSITIONS,
    LedgerEntry,
    LedgerKind,
    Payment,
    PaymentAllocation,
    PaymentStatus,
    WebhookEvent,
)
from folio.payments.providers import ProviderEvent, provider_get
from folio.servicedesk.models import PortalAction
from folio.servicedesk.selectors import portal_settings_for
from folio.servicedesk.services import require_portal_action
from folio.tenancy.actors import Actor

CENT = Decimal("0.01")


def _ledger_actor() -> Actor:
    # The PSP's word moves invoice amounts on Folio's authority, not the payer's.
    return Actor.for_system("payments")


def payment_provider_code_for(sender) -> str:
    configured = portal_settings_for(sender).payment_provider
    return configured or settings.FOLIO_PAYMENT_PROVIDER


@transaction.atomic
def payment_start(
    *,
    contact: Contact,
    documents: Sequence[Document],
    amounts: dict[int, Decimal] | None = None,
    return_url: str,
    actor: Actor,
) -> Payment:
    """Open a checkout at the sender's PSP for some open invoices of one customer.

    `amounts` (document id -> amount) pays part of an invoice; by default the open amount.
    """
    customer = contact.customer
    require_portal_action(contact=contact, action=PortalAction.PAY)
    if not contact.can_pay:
        raise NotFoundError("not_found", _("No such page."))
    if not documents:
        raise ApplicationError("nothing_to_pay", _("Choose at least one invoice to pay."))
    currencies = {document.currency for document in documents}
    if len(currencies) != 1:
        raise ApplicationError(
            "mixed_currencies", _("Invoices in different currencies are paid separately.")
        )
    allocations = []
    for document in documents:
        if document.customer_id != customer.id or document.type not in PAYABLE_TYPES:
            raise NotFoundError("document_not_found", _("No such document."))
        if document.payment_status not in {InvoiceStatus.UNPAID, InvoiceStatus.PARTLY_PAID}:
            raise ApplicationError(
                "already_paid", _("%(document)s is already paid.") % {"document": document}
            )
        amount = (amounts or {}).get(document.id, document.amount_open)
        amount = Decimal(amount).quantize(CENT)
        if amount <= 0 or amount > document.amount_open:
            raise ApplicationError(
                "invalid_amount",
                _("Pay between 0.01 and %(open)s for %(document)s.")
                % {"open": document.amount_open, "document": document},
            )
        allocations.append((document, amount))
    payment = Payment.objects.create(
        sender=customer.sender,
        customer=customer,
        provider=payment_provider_code_for(customer.sender),
        amount=sum((amount for _document, amount in allocations), Decimal("0")),
        currency=currencies.pop(),
        idempotency_key=f"folio-{secrets.token_hex(16)}",
        created_by=actor.user_or_none,
    )
    PaymentAllocation.objects.bulk_create(
        PaymentAllocation(payment=payment, document=document, amount=amount, position=position)
        for position, (document, amount) in enumerate(allocations)
    )
    provider = provider_get(payment.provider)
    description = ", ".join(str(document) for document, _amount in allocations)
    checkout = provider.checkout_create(
        payment=payment,
        description=f"{customer.sender.name}: {description}",
        success_url=return_url,
        cancel_url=return_url,
    )
    payment.provider_reference = checkout.reference
    payment.checkout_url = checkout.url
    payment.status = PaymentStatus.PENDING
    payment.save(update_fields=["provider_reference", "checkout_url", "status", "updated_at"])
    return payment


def _move(payment: Payment, to_status: str) -> bool:
    """Move forward if legal; an event that would move backwards (a late one) is ignored."""
    if payment.status == to_status or to_status not in PAYMENT_TRANSITIONS[payment.status]:
        return False
    payment.status = to_status
    payment.save(update_fields=["status", "updated_at"])
    return True


def _ledger_raise(
    payment: Payment, *, kind: str, external_id: str, amount: Decimal, at: datetime.datetime
) -> None:
    """Record the PSP's figure for one object; only a higher cumulative figure changes it."""
    entry = LedgerEntry.objects.filter(payment=payment, kind=kind, external_id=external_id).first()
    if entry is None:
        LedgerEntry.objects.create(
            payment=payment, kind=kind, external_id=external_id, amount=amount, occurred_at=at
        )
    elif amount > entry.amount:
        entry.amount = amount
        entry.occurred_at = max(entry.occurred_at, at)
        entry.save(update_fields=["amount", "occurred_at", "updated_at"])


def _reconcile(payment: Payment, *, reference: str) -> None:
    """Bring the invoices to what the ledger says this payment is worth now."""
    totals = dict(
        payment.ledger.values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    net = (totals.get(LedgerKind.PAYMENT) or Decimal(0)) - (
        totals.get(LedgerKind.REFUND) or Decimal(0)
    )
    remaining = min(max(net, Decimal(0)), payment.amount)
    actor = _ledger_actor()
    for allocation in payment.allocations.select_related("document").order_by("position"):
        target = min(allocation.amount, remaining)
        remaining -= target
        delta = target - allocation.applied_amount
        if delta == 0:
            continue
        document_register_payment(
            document=allocation.document,
            amount=delta,
            actor=actor,
            reference=reference,
            source=str(_("Refund via %(provider)s") if delta < 0 else _("Paid via %(provider)s"))
            % {"provider": payment.get_provider_display()},
        )
        allocation.applied_amount = target
        allocation.save(update_fields=["applied_amount"])
    applied = payment.allocations.aggregate(total=Sum("applied_amount"))["total"] or Decimal(0)
    payment.applied_amount = applied
    payment.save(update_fields=["applied_amount", "updated_at"])


def _payment_for_event(event: ProviderEvent, provider: str) -> Payment | None:
    payments = Payment.objects.select_for_update().filter(provider=provider)
    if event.payment_code:
        try:
            return payments.filter(code=event.payment_code).first()
        except (ValidationError, ValueError, TypeError):
            return None
    if event.checkout_reference:
        return payments.filter(provider_reference=event.checkout_reference).first()
    return None


@transaction.atomic
def payment_event_apply(*, provider: str, event: ProviderEvent) -> str:
    """Apply one verified PSP event once. Returns what happened (for the webhook's answer)."""
    try:
        with transaction.atomic():
            seen = WebhookEvent.objects.create(
                provider=provider,
                event_id=event.event_id,
                event_type=event.event_type,
                provider_created_at=event.created_at,
            )
    except IntegrityError:
        return "duplicate"
    payment = _payment_for_event(event, provider)
    if payment is None:
        outcome = "unknown_payment" if event.kind != "ignored" else "ignored"
    elif event.kind == "paid":
        _ledger_raise(
            payment,
            kind=LedgerKind.PAYMENT,
            external_id=event.external_id,
            amount=event.amount,
            at=event.created_at,
        )
        _move(payment, PaymentStatus.SUCCEEDED)
        _reconcile(payment, reference=event.external_id)
        outcome = "paid"
    elif event.kind == "refunded":
        _ledger_raise(
            payment,
            kind=LedgerKind.REFUND,
            external_id=event.external_id,
            amount=event.amount,
            at=event.created_at,
        )
        _reconcile(payment, reference=event.external_id)
        outcome = "refunded"
    elif event.kind in {"expired", "failed"}:
        moved = _move(
            payment, PaymentStatus.EXPIRED if event.kind == "expired" else PaymentStatus.FAILED
        )
        outcome = event.kind if moved else "stale"
    else:
        outcome = "ignored"
    seen.outcome = outcome
    seen.save(update_fields=["outcome"])
    return outcome


def sandbox_checkout_complete(*, payment: Payment, paid: bool) -> str:
    """The sandbox PSP's hosted page was submitted: report it like a PSP webhook would."""
    now = timezone.now()
    event = ProviderEvent(
        event_id=f"sbx_evt_{secrets.token_hex(12)}",
        event_type="checkout.completed" if paid else "checkout.cancelled",
        created_at=now,
        kind="paid" if paid else "failed",
        payment_code=str(payment.code),
        external_id=f"sbx_pi_{payment.code.hex}",
        amount=payment.amount,
    )
    return payment_event_apply(provider=payment.provider, event=event)


def document_pay_url(document: Document) -> str:
    """The portal link that pays one invoice (for `{{ document.pay_url }}` in e-mails);
    empty when nothing is left to pay."""
    if document.type not in PAYABLE_TYPES or document.payment_status not in (
        InvoiceStatus.UNPAID,
        InvoiceStatus.PARTLY_PAID,
    ):
        return ""
    return settings.SITE_URL + reverse("recipient_portal:pay_one", kwargs={"code": document.code})
