"""Demo seed of payments (issue 7): invoices paid in the portal, in full and in part.

Each payment is a real checkout at the sandbox payment provider (`payment_start`), completed
on its hosted page (`sandbox_checkout_complete`), so that the ledger, the payment rows and the
invoices' payment events are what a customer's click would have made, at its moment in the
past (`DemoContext.clock_at`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.urls import reverse

from folio.core.demo import DemoContext
from folio.customers.models import Contact
from folio.documents.models import Document, DocumentType, PaymentStatus
from folio.payments.models import Payment
from folio.payments.services import payment_start, sandbox_checkout_complete
from folio.servicedesk.demo import (
    contact_actor,
    last_event_at,
    later,
    portal_contact,
    story_documents,
    take,
)

CENT = Decimal("0.01")
OTHER_FULL_PAYMENTS = 4
OTHER_PART_PAYMENTS = 2


def pay_in_portal(
    context: DemoContext,
    *,
    contact: Contact,
    documents: Sequence[Document],
    at: datetime.datetime,
    amounts: dict[int, Decimal] | None = None,
) -> Payment:
    """Check out at the sandbox PSP at `at` and pay on its page two minutes later."""
    with context.clock_at(at):
        payment = payment_start(
            contact=contact,
            documents=documents,
            amounts=amounts,
            return_url=reverse("recipient_portal:pay_return"),
            actor=contact_actor(contact),
        )
    with context.clock_at(later(context, at, minutes=2)):
        sandbox_checkout_complete(payment=payment, paid=True)
    for document in documents:
        document.refresh_from_db()
    return payment


def part_of(document: Document, share: str) -> dict[int, Decimal]:
    return {document.id: (document.amount_open * Decimal(share)).quantize(CENT)}


def seed_demo(context: DemoContext) -> None:
    rng = context.rng_for("payments")
    stories = context.portal_documents
    full = part = 0
    for key, at in (
        ("kari_paid", context.moment(58, 20, 5)),
        ("svea_paid", context.moment(30, 9, 40)),
    ):
        document = take(context, stories[key])
        pay_in_portal(
            context, contact=portal_contact(document.customer), documents=[document], at=at
        )
        full += 1
    partly = take(context, stories["kari_partly_paid"])
    pay_in_portal(
        context,
        contact=portal_contact(partly.customer),
        documents=[partly],
        amounts=part_of(partly, "0.4"),
        at=context.moment(27, 12, 30),
    )
    part += 1
    open_invoices = {"type": DocumentType.INVOICE, "payment_status": PaymentStatus.UNPAID}
    others = story_documents(
        context, rng, count=OTHER_FULL_PAYMENTS + OTHER_PART_PAYMENTS, **open_invoices
    )
    for index, (contact, document) in enumerate(others):
        at = later(context, last_event_at(document), days=rng.randint(1, 8), hours=5)
        in_part = index >= OTHER_FULL_PAYMENTS
        pay_in_portal(
            context,
            contact=contact,
            documents=[document],
            amounts=part_of(document, rng.choice(["0.25", "0.5"])) if in_part else None,
            at=at,
        )
        part += in_part
        full += not in_part
    context.counts["portal payments in full"] = full
    context.counts["portal payments in part"] = part
