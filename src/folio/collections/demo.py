"""Demo seed of collections (issue 7): dunning policies and statement schedules of the demo
senders, and the customers' promises to pay and disputes, then the scheduler's morning run.

The last of the portal-story seeds. Promises (kept, open, broken) and disputes (open, accepted
with a credit note, rejected) go through the real services at their moments in the past
(`DemoContext.clock_at`). Yesterday morning's sweeps then close the promises and send the
reminders, as the scheduler would have: that run is the latest moment of the stories, so no
story happens after the sweep that should have seen it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from folio.collections.models import (
    Dispute,
    DisputeReason,
    DunningPolicy,
    Promise,
    Reminder,
    StatementSchedule,
)
from folio.collections.services import (
    dispute_create,
    dispute_resolve,
    promise_create,
    promises_sweep,
    reminders_sweep,
)
from folio.core.demo import DemoContext
from folio.customers.models import Contact
from folio.delivery.demo import PAYMENT_SOURCES
from folio.delivery.models import Delivery, DeliveryStatus
from folio.documents.models import Document, DocumentType, PaymentStatus
from folio.documents.services import document_register_payment
from folio.payments.demo import pay_in_portal
from folio.servicedesk.demo import (
    contact_actor,
    deliver_as_the_network_reports,
    last_event_at,
    later,
    portal_contact,
    staff_actor,
    story_documents,
    take,
)
from folio.tenancy.actors import Actor
from folio.tenancy.demo import HANSA, NORDLYS_NO, NORDLYS_SE

# Reminder fees as Norwegian and Swedish law allow them; the German sender charges none.
DUNNING_FEES = {
    NORDLYS_NO: Decimal("35.00"),
    NORDLYS_SE: Decimal("60.00"),
    HANSA: Decimal("0.00"),
}
# The Nordic senders e-mail statements of account monthly; the German one does not.
STATEMENT_SENDERS = (NORDLYS_NO, NORDLYS_SE)
# The reminder run of the seed reminds at most this many of each sender's overdue invoices
# (oldest first); the scheduler reminds the rest once the demo runs.
REMINDERS_PER_SENDER = 4
CENT = Decimal("0.01")
# customer's reason and comment; the sender's answer when rejecting, per sender.
DISPUTE_TEXTS = {
    NORDLYS_NO: (
        "Nettleien er beregnet med feil sats for denne perioden.",
        "Satsen er kontrollert mot nettselskapets tariff og er riktig.",
    ),
    NORDLYS_SE: (
        "Förbrukningen stämmer inte med vår egen mätning.",
        "Mätvärdena kommer från nätägarens timmätning och är kontrollerade.",
    ),
    HANSA: (
        "Ein Teil der Lieferung kam beschädigt an.",
        "Laut Frachtbrief wurde die Ware unbeschädigt übergeben.",
    ),
}


def seed_demo(context: DemoContext) -> None:
    senders = {slug: context.organizations.get(slug) for slug in DUNNING_FEES}
    for slug, fee in DUNNING_FEES.items():
        if senders[slug] is not None:
            DunningPolicy.objects.get_or_create(sender=senders[slug], defaults={"fee": fee})
    first_of_next_month = (context.today.replace(day=1) + datetime.timedelta(days=32)).replace(
        day=1
    )
    for slug in STATEMENT_SENDERS:
        if senders[slug] is not None:
            StatementSchedule.objects.get_or_create(
                sender=senders[slug], defaults={"next_run_on": first_of_next_month}
            )
    context.counts["dunning policies"] = DunningPolicy.objects.count()
    context.counts["statement schedules"] = StatementSchedule.objects.count()
    if not context.portal_documents:
        return
    _demo_users_stories(context)
    _other_customers_stories(context)
    _scheduler_morning_run(context)
    context.counts["promises to pay"] = Promise.objects.count()
    context.counts["disputes"] = Dispute.objects.count()
    context.counts["reminders"] = Reminder.objects.count()


def _demo_users_stories(context: DemoContext) -> None:
    stories = context.portal_documents
    today = context.today
    # Kari disputes one line; Nordlys agrees, credits it, and she pays the rest in the portal.
    credited = take(context, stories["kari_disputed_credited"])
    dispute = _dispute(
        context,
        credited,
        at=context.moment(50, 18, 20),
        line_share=Decimal("0.5"),
        line_position=4,
    )
    _resolve(context, dispute, accept=True, at=context.moment(47, 10, 5))
    credited.refresh_from_db()
    pay_in_portal(
        context,
        contact=portal_contact(credited.customer),
        documents=[credited],
        at=context.moment(44, 19, 0),
    )
    # After paying 40 % in the portal, Kari promises the rest for next week.
    partly = stories["kari_partly_paid"]
    partly.refresh_from_db()
    _promise(context, partly, at=context.moment(20, 21, 10), date=today + datetime.timedelta(7))
    # The current invoice: a question in the comments, then a disputed line, still open.
    _dispute(
        context,
        stories["kari_current"],
        at=context.moment(2, 8, 30),
        line_share=Decimal("1"),
        line_position=2,
        comment="Avtalen min har et påslag på 3,9 øre/kWh, ikke 4,9.",
    )
    # Svea Bygg disputes a whole invoice, is refused, promises to pay, and does not.
    refused = take(context, stories["svea_disputed_rejected"])
    dispute = _dispute(context, refused, at=context.moment(40, 11, 0))
    _resolve(context, dispute, accept=False, at=context.moment(38, 9, 30))
    _promise(
        context,
        refused,
        at=context.moment(37, 15, 0),
        date=today - datetime.timedelta(days=20),
    )
    # ... but keeps the next one: promised for a week ahead and paid by bank before that.
    current = take(context, stories["svea_current"])
    _promise(context, current, at=context.moment(8, 13, 30), date=today - datetime.timedelta(2))
    _bank_payment(context, current, at=context.moment(4, 8, 0))


def _other_customers_stories(context: DemoContext) -> None:
    rng = context.rng_for("collections")
    unpaid = {"type": DocumentType.INVOICE, "payment_status": PaymentStatus.UNPAID}
    # Promises kept (paid by bank before the date) and broken, a few weeks back.
    settled_window = (25, 80)
    for index, (contact, invoice) in enumerate(
        story_documents(context, rng, count=3, delivered_days_ago=settled_window, **unpaid)
    ):
        promised_at = later(context, last_event_at(invoice), days=2, hours=4)
        kept = index < 2
        _promise(
            context,
            invoice,
            at=promised_at,
            date=promised_at.date() + datetime.timedelta(days=10),
            contact=contact,
        )
        if kept:
            _bank_payment(context, invoice, at=later(context, promised_at, days=rng.randint(3, 9)))
    # An open promise, made a few days ago.
    for contact, invoice in story_documents(
        context, rng, count=1, delivered_days_ago=(5, 60), **unpaid
    ):
        _promise(
            context,
            invoice,
            at=context.moment(3, 20, 45),
            date=context.today + datetime.timedelta(days=12),
            contact=contact,
        )
    # Disputes: one accepted with a credit note, one rejected, one still open.
    for index, (contact, invoice) in enumerate(
        story_documents(context, rng, count=3, delivered_days_ago=(14, 120), **unpaid)
    ):
        disputed_at = later(context, last_event_at(invoice), days=rng.randint(2, 5), hours=2)
        dispute = _dispute(
            context,
            invoice,
            at=disputed_at,
            contact=contact,
            line_share=Decimal("0.3") if index == 0 else None,
            line_position=1,
        )
        if index < 2:
            _resolve(context, dispute, accept=index == 0, at=later(context, disputed_at, days=2))


def _scheduler_morning_run(context: DemoContext) -> None:
    """Yesterday's sweeps: promises closed, reminders sent (and taken by their networks)."""
    yesterday = context.today - datetime.timedelta(days=1)
    with context.clock_at(context.moment(1, 6, 0)):
        promises_sweep(today=yesterday)
    reminded_at = context.moment(1, 6, 30)
    with context.clock_at(reminded_at):
        reminders_sweep(today=yesterday, limit=REMINDERS_PER_SENDER)
    pending = Delivery.objects.filter(
        document__in=Reminder.objects.values("reminder_document"),
        status=DeliveryStatus.PENDING,
    ).order_by("id")
    for delivery in pending:
        deliver_as_the_network_reports(context, delivery, after=reminded_at)


def _bank_payment(context: DemoContext, invoice: Document, *, at: datetime.datetime) -> None:
    """The open amount arrives in the sender's bank file (OCR giro, Bankgirot, camt.054)."""
    invoice.refresh_from_db()
    with context.clock_at(at):
        document_register_payment(
            document=invoice,
            amount=invoice.amount_open,
            actor=Actor.for_system("payments"),
            reference=invoice.payment_reference,
            source=PAYMENT_SOURCES[invoice.currency],
        )


def _promise(
    context: DemoContext,
    invoice: Document,
    *,
    at: datetime.datetime,
    date: datetime.date,
    contact: Contact | None = None,
) -> Promise:
    contact = contact or portal_contact(invoice.customer)
    with context.clock_at(at):
        return promise_create(
            contact=contact,
            documents=[invoice],
            amount=invoice.amount_open,
            promised_date=date,
            actor=contact_actor(contact),
        )


def _dispute(
    context: DemoContext,
    invoice: Document,
    *,
    at: datetime.datetime,
    contact: Contact | None = None,
    line_share: Decimal | None = None,
    line_position: int = 1,
    comment: str = "",
) -> Dispute:
    """Dispute the whole invoice, or `line_share` of one line's amount with VAT."""
    contact = contact or portal_contact(invoice.customer)
    line_amounts = None
    if line_share is not None:
        lines = list(invoice.lines.all())
        line = lines[min(line_position, len(lines)) - 1]
        gross = line.amount_net * (1 + line.vat_rate / 100)
        line_amounts = {line.id: max((gross * line_share).quantize(CENT), CENT)}
    comment = comment or DISPUTE_TEXTS[invoice.organization.slug][0]
    with context.clock_at(at):
        return dispute_create(
            contact=contact,
            document=invoice,
            reason=DisputeReason.WRONG_AMOUNT,
            comment=comment,
            line_amounts=line_amounts,
            actor=contact_actor(contact),
        )


def _resolve(context: DemoContext, dispute: Dispute, *, accept: bool, at: datetime.datetime):
    sender = dispute.document.organization
    _comment, answer = DISPUTE_TEXTS[sender.slug]
    with context.clock_at(at):
        resolved = dispute_resolve(
            dispute=dispute,
            accept=accept,
            answer="" if accept else answer,
            actor=staff_actor(context, sender),
        )
    if resolved.credit_note is not None:
        for delivery in resolved.credit_note.deliveries.filter(status=DeliveryStatus.PENDING):
            deliver_as_the_network_reports(context, delivery, after=at)
    return resolved
