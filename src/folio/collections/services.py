"""Writes of collections: promises to pay, disputes and their resolution, reminders (dunning).

The sweeps (collections/sweeps.py) call the `*_sweep` services; each is idempotent: a promise
is reminded or closed once (conditional updates), a reminder level exists once per invoice.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from decimal import Decimal

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.collections.models import (
    Dispute,
    DisputeLine,
    DisputeReason,
    DisputeStatus,
    DunningPolicy,
    Promise,
    PromiseStatus,
    Reminder,
)
from folio.core.errors import ApplicationError, ConflictError, NotFoundError
from folio.customers.models import Contact
from folio.documents.models import (
    PAYABLE_TYPES,
    Document,
    DocumentStatus,
    DocumentType,
    EventKind,
    PaymentStatus,
)
from folio.documents.services import (
    DocumentInput,
    LineInput,
    document_create,
    document_register_payment,
    document_transition,
    event_record,
)
from folio.servicedesk.models import PortalAction
from folio.servicedesk.services import notify_sender, require_portal_action
from folio.tenancy.actors import Actor
from folio.tenancy.services import require_permission

logger = logging.getLogger(__name__)

OPEN_PAYMENT_STATUSES = (PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID)
# A promise further out than this is a payment plan, which the sender agrees separately.
PROMISE_MAX_DAYS = 90
PROMISE_REMINDER_DAYS_BEFORE = 2


def _recipient_actor(contact: Contact, actor: Actor) -> Actor:
    return actor if actor.user_or_none is not None else Actor.for_system(contact.name)


def _own_open_invoices(contact: Contact, documents: Sequence[Document]) -> list[Document]:
    for document in documents:
        if document.customer_id != contact.customer_id or document.type not in PAYABLE_TYPES:
            raise NotFoundError("document_not_found", _("No such document."))
        if document.payment_status not in OPEN_PAYMENT_STATUSES:
            raise ApplicationError(
                "not_open", _("%(document)s has nothing left to pay.") % {"document": document}
            )
    return list(documents)


@transaction.atomic
def promise_create(
    *,
    contact: Contact,
    documents: Sequence[Document],
    amount: Decimal,
    promised_date: datetime.date,
    actor: Actor,
) -> Promise:
    """The customer promises to pay `amount` by `promised_date` for these invoices."""
    require_portal_action(contact=contact, action=PortalAction.PROMISE)
    if not contact.can_pay:
        raise NotFoundError("not_found", _("No such page."))
    if not documents:
        raise ApplicationError("nothing_chosen", _("Choose at least one invoice."))
    invoices = _own_open_invoices(contact, documents)
    currencies = {document.currency for document in invoices}
    if len(currencies) != 1:
        raise ApplicationError("mixed_currencies", _("Promise per currency, please."))
    today = timezone.localdate()
    if not today <= promised_date <= today + datetime.timedelta(days=PROMISE_MAX_DAYS):
        raise ApplicationError(
            "invalid_date",
            _("Choose a date between today and %(days)s days ahead.") % {"days": PROMISE_MAX_DAYS},
        )
    open_total = sum((document.amount_open for document in invoices), Decimal("0"))
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0 or amount > open_total:
        raise ApplicationError(
            "invalid_amount",
            _("Promise between 0.01 and %(open)s.") % {"open": open_total},
        )
    if Promise.objects.filter(documents__in=invoices, status=PromiseStatus.OPEN).exists():
        raise ConflictError(
            "already_promised", _("There is already an open promise for one of these invoices.")
        )
    promise = Promise.objects.create(
        customer=contact.customer,
        amount=amount,
        currency=currencies.pop(),
        promised_date=promised_date,
        created_by=actor.user_or_none,
        paid_at_promise=sum((document.amount_paid for document in invoices), Decimal("0")),
    )
    promise.documents.set(invoices)
    event_actor = _recipient_actor(contact, actor)
    for document in invoices:
        event_record(
            document=document,
            kind=EventKind.RESPONSE,
            actor=event_actor,
            message=_("Promised to pay %(amount)s %(currency)s by %(date)s.")
            % {"amount": amount, "currency": promise.currency, "date": promised_date.isoformat()},
            data={"promise": str(promise.code), "amount": str(amount)},
        )
    return promise


def _promise_paid(promise: Promise) -> Decimal:
    paid = promise.documents.aggregate(total=Sum("amount_paid"))["total"] or Decimal("0")
    return paid - promise.paid_at_promise


def _mail_customer(promise: Promise, subject, body) -> None:
    if promise.customer.email:
        send_mail(str(subject), str(body), None, [promise.customer.email])


def promises_sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Mark promises kept when paid, remind before the date, and report broken ones."""
    today = today or timezone.localdate()
    counts = {"kept": 0, "reminded": 0, "broken": 0}
    for promise in Promise.objects.filter(status=PromiseStatus.OPEN).select_related(
        "customer", "customer__sender"
    ):
        with transaction.atomic():
            if _promise_paid(promise) >= promise.amount:
                if Promise.objects.filter(pk=promise.pk, status=PromiseStatus.OPEN).update(
                    status=PromiseStatus.KEPT, closed_at=timezone.now()
                ):
                    counts["kept"] += 1
                continue
            if promise.promised_date < today:
                claimed = Promise.objects.filter(pk=promise.pk, status=PromiseStatus.OPEN).update(
                    status=PromiseStatus.BROKEN, closed_at=timezone.now()
                )
                if claimed:
                    counts["broken"] += 1
                    subject = _("A promise to pay was not kept")
                    body = _("%(customer)s promised %(amount)s %(currency)s by %(date)s.") % {
                        "customer": promise.customer.name,
                        "amount": promise.amount,
                        "currency": promise.currency,
                        "date": promise.promised_date.isoformat(),
                    }
                    transaction.on_commit(
                        lambda p=promise, s=subject, b=body: (
                            notify_sender(sender=p.customer.sender, subject=s, body=b),
                            _mail_customer(p, s, b),
                        )
                    )
                continue
            reminder_day = promise.promised_date - datetime.timedelta(
                days=PROMISE_REMINDER_DAYS_BEFORE
            )
            if today >= reminder_day and promise.reminded_at is None:
                claimed = Promise.objects.filter(pk=promise.pk, reminded_at__isnull=True).update(
                    reminded_at=timezone.now()
                )
                if claimed:
                    counts["reminded"] += 1
                    subject = _("Reminder: your promise to pay")
                    body = _("You promised to pay %(amount)s %(currency)s by %(date)s.") % {
                        "amount": promise.amount,
                        "currency": promise.currency,
                        "date": promise.promised_date.isoformat(),
                    }
                    transaction.on_commit(
                        lambda p=promise, s=subject, b=body: _mail_customer(p, s, b)
                    )
    return counts


@transaction.atomic
def dispute_create(
    *,
    contact: Contact,
    document: Document,
    reason: str,
    comment: str,
    line_amounts: dict[int, Decimal] | None = None,
    actor: Actor,
) -> Dispute:
    """Dispute a whole invoice (no `line_amounts`) or some lines (line id -> amount)."""
    require_portal_action(contact=contact, action=PortalAction.DISPUTE)
    if not contact.can_dispute or document.customer_id != contact.customer_id:
        raise NotFoundError("not_found", _("No such page."))
    if document.type not in PAYABLE_TYPES:
        raise NotFoundError("not_found", _("No such page."))
    DisputeReason(reason)
    if document.disputes.filter(status=DisputeStatus.OPEN).exists():
        raise ConflictError("already_disputed", _("This invoice already has an open dispute."))
    lines = {line.id: line for line in document.lines.all()}
    chosen: list[tuple] = []
    for line_id, amount in (line_amounts or {}).items():
        line = lines.get(int(line_id))
        if line is None:
            raise NotFoundError("line_not_found", _("No such line."))
        amount = Decimal(amount).quantize(Decimal("0.01"))
        gross = line.amount_net * (1 + line.vat_rate / 100)
        if amount <= 0 or amount > gross.quantize(Decimal("0.01")):
            raise ApplicationError(
                "invalid_amount",
                _("Dispute between 0.01 and %(max)s on line %(line)s.")
                % {"max": gross.quantize(Decimal("0.01")), "line": line.position},
            )
        chosen.append((line, amount))
    total = (
        sum((amount for _line, amount in chosen), Decimal("0")) if chosen else document.amount_open
    )
    if total <= 0:
        raise ApplicationError("nothing_open", _("Nothing is left to dispute on this invoice."))
    dispute = Dispute.objects.create(
        document=document,
        reason=reason,
        comment=comment.strip(),
        amount=total,
        created_by=actor.user_or_none,
    )
    DisputeLine.objects.bulk_create(
        DisputeLine(dispute=dispute, line=line, amount=amount) for line, amount in chosen
    )
    message = _("Disputed %(amount)s %(currency)s: %(reason)s") % {
        "amount": total,
        "currency": document.currency,
        "reason": dispute.get_reason_display(),
    }
    event_record(
        document=document,
        kind=EventKind.RESPONSE,
        actor=_recipient_actor(contact, actor),
        message=message,
        data={
            "dispute": str(dispute.code),
            "lines": {str(line.position): str(amount) for line, amount in chosen},
        },
    )
    transaction.on_commit(
        lambda: notify_sender(
            sender=document.organization,
            subject=_("%(customer)s disputes %(document)s")
            % {"customer": contact.customer.name, "document": document},
            body=f"{message}\n\n{dispute.comment}",
        )
    )
    return dispute


def _credit_note_number(dispute: Dispute) -> str:
    """CN-<invoice>-1, -2...: a number people can read out, and the same in every demo seed."""
    document = dispute.document
    sequence = Dispute.objects.filter(document=document, credit_note__isnull=False).count() + 1
    while Document.objects.filter(
        organization_id=document.organization_id,
        type=DocumentType.CREDIT_NOTE,
        number=f"CN-{document.number}-{sequence}",
    ).exists():
        sequence += 1
    return f"CN-{document.number}-{sequence}"


@transaction.atomic
def dispute_resolve(*, dispute: Dispute, accept: bool, answer: str, actor: Actor) -> Dispute:
    """The sender accepts (a credit note for the disputed amount) or rejects with an answer."""
    document = dispute.document
    require_permission(actor, "edit_documents", document.organization)
    locked = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if locked.status != DisputeStatus.OPEN:
        raise ConflictError("already_resolved", _("This dispute has already been resolved."))
    if not accept and not answer.strip():
        raise ApplicationError("answer_required", _("Tell the customer why."))
    now = timezone.now()
    if accept:
        credit = document_create(
            actor=actor,
            organization=document.organization,
            customer=document.customer,
            data=DocumentInput(
                type=DocumentType.CREDIT_NOTE,
                number=_credit_note_number(locked),
                issue_date=timezone.localdate(),
                currency=document.currency,
                amount_net=locked.amount,
                amount_vat=Decimal("0"),
                amount_total=locked.amount,
                amount_payable=Decimal("0"),
                order_reference=document.number,
                note=str(_("Credit for disputed %(document)s") % {"document": document}),
                lines=[
                    LineInput(
                        item_name=str(
                            _("Credit: %(reason)s") % {"reason": locked.get_reason_display()}
                        ),
                        quantity=Decimal("1"),
                        unit_price=locked.amount,
                        amount_net=locked.amount,
                        vat_category="O",
                        vat_rate=Decimal("0"),
                    )
                ],
            ),
        )
        document_transition(document=credit, to_status=DocumentStatus.ACCEPTED, actor=actor)
        # Sent like any document, on the channel the customer uses.
        from folio.delivery.routing import document_route

        document_route(document=credit, actor=actor)
        locked.credit_note = credit
        # The credited amount comes off what the customer owes on the invoice.
        credited = min(locked.amount, document.amount_open)
        if credited > 0:
            document_register_payment(
                document=document,
                amount=credited,
                actor=actor,
                reference=credit.number,
                source=str(_("Credit note %(number)s") % {"number": credit.number}),
            )
    locked.status = DisputeStatus.ACCEPTED if accept else DisputeStatus.REJECTED
    locked.answer = answer.strip()
    locked.resolved_by_name = actor.label
    locked.resolved_at = now
    locked.save(
        update_fields=[
            "status",
            "answer",
            "resolved_by_name",
            "resolved_at",
            "credit_note",
            "updated_at",
        ]
    )
    event_record(
        document=document,
        kind=EventKind.STATUS_CHANGED,
        actor=actor,
        message=(
            _("Dispute accepted; credit note %(number)s.") % {"number": locked.credit_note.number}
            if accept
            else _("Dispute rejected: %(answer)s") % {"answer": locked.answer}
        ),
        data={"dispute": str(locked.code), "status": locked.status},
        at=now,
    )
    return locked


def disputed_open_amount(document: Document) -> Decimal:
    return document.disputes.filter(status=DisputeStatus.OPEN).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0")


def _reminder_number(document: Document, level: int) -> str:
    return f"{document.number}-R{level}"


def reminders_sweep(*, today: datetime.date | None = None, limit: int = 500) -> int:
    """Send the due reminders of every sender with dunning switched on.

    A reminder is a REMINDER document routed like any other (to the channel the customer
    actually uses). An invoice under an open promise is skipped; disputed amounts are not
    reminded. The (invoice, level) row is unique, so a second run sends nothing again.
    """
    today = today or timezone.localdate()
    sent = 0
    for policy in DunningPolicy.objects.filter(enabled=True, sender__is_active=True).select_related(
        "sender"
    ):
        first_due = today - datetime.timedelta(days=policy.first_after_days)
        candidates = (
            Document.objects.filter(
                organization=policy.sender,
                type=DocumentType.INVOICE,
                payment_status__in=OPEN_PAYMENT_STATUSES,
                status__in=[DocumentStatus.SENT, DocumentStatus.DELIVERED],
                due_date__lte=first_due,
                customer__isnull=False,
            )
            .exclude(promises__status=PromiseStatus.OPEN)
            .annotate(reminder_count=Count("reminders", distinct=True))
            .filter(reminder_count__lt=policy.max_reminders)
            .select_related("customer", "organization")
            .order_by("due_date", "id")[:limit]
        )
        for document in candidates:
            if _remind_one(document, policy, today):
                sent += 1
    return sent


def _remind_one(document: Document, policy: DunningPolicy, today: datetime.date) -> bool:
    last = document.reminders.order_by("-level").first()
    level = (last.level if last else 0) + 1
    if level > policy.max_reminders:
        return False
    if last is not None and (today - last.created_at.date()).days < policy.interval_days:
        return False
    remind_amount = document.amount_open - disputed_open_amount(document)
    if remind_amount <= 0:
        return False
    # Routing and creation need the sender's rights; the sweep acts for Folio.
    from folio.delivery.routing import document_route

    actor = Actor.for_system("dunning")
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                document=document, level=level, fee=policy.fee, amount_open=remind_amount
            )
            total = remind_amount + policy.fee
            reminder_document = document_create(
                actor=actor,
                organization=document.organization,
                customer=document.customer,
                data=DocumentInput(
                    type=DocumentType.REMINDER,
                    number=_reminder_number(document, level),
                    issue_date=today,
                    due_date=today + datetime.timedelta(days=max(policy.interval_days, 7)),
                    currency=document.currency,
                    amount_net=total,
                    amount_vat=Decimal("0"),
                    amount_total=total,
                    amount_payable=policy.fee,
                    payment_reference=document.payment_reference,
                    order_reference=document.number,
                    note=str(
                        _("Reminder %(level)s for %(document)s: %(amount)s %(currency)s open.")
                        % {
                            "level": level,
                            "document": document,
                            "amount": remind_amount,
                            "currency": document.currency,
                        }
                    ),
                    lines=[
                        LineInput(
                            item_name=str(
                                _("Open amount of %(number)s") % {"number": document.number}
                            ),
                            quantity=Decimal("1"),
                            unit_price=remind_amount,
                            amount_net=remind_amount,
                            vat_category="O",
                            vat_rate=Decimal("0"),
                        ),
                        *(
                            [
                                LineInput(
                                    item_name=str(_("Reminder fee")),
                                    quantity=Decimal("1"),
                                    unit_price=policy.fee,
                                    amount_net=policy.fee,
                                    vat_category="O",
                                    vat_rate=Decimal("0"),
                                )
                            ]
                            if policy.fee
                            else []
                        ),
                    ],
                ),
            )
            document_transition(
                document=reminder_document, to_status=DocumentStatus.ACCEPTED, actor=actor
            )
            reminder.reminder_document = reminder_document
            reminder.save(update_fields=["reminder_document", "updated_at"])
            event_record(
                document=document,
                kind=EventKind.STATUS_CHANGED,
                actor=actor,
                message=_("Reminder %(level)s sent (%(number)s).")
                % {"level": level, "number": reminder_document.number},
                data={"reminder": level, "fee": str(policy.fee)},
            )
            document_route(document=reminder_document, actor=actor)
    except IntegrityError:
        # Another scheduler made this level first.
        return False
    return True


def statements_sweep(*, today: datetime.date | None = None) -> int:
    """E-mail statements for every due schedule; a run is claimed before anything is sent, so
    two schedulers never send the same run twice."""
    from django.core.mail import EmailMessage
    from django.utils import translation

    from folio.collections.models import StatementSchedule
    from folio.collections.selectors import statement_for
    from folio.collections.statement_pdf import statement_pdf_render
    from folio.customers.models import Customer

    today = today or timezone.localdate()
    sent = 0
    for schedule in StatementSchedule.objects.filter(enabled=True, next_run_on__lte=today):
        claimed = StatementSchedule.objects.filter(
            pk=schedule.pk, next_run_on=schedule.next_run_on
        ).update(next_run_on=today + datetime.timedelta(days=max(schedule.every_days, 1)))
        if not claimed:
            continue
        customers = (
            Customer.objects.filter(
                sender_id=schedule.sender_id,
                is_active=True,
                documents__payment_status__in=OPEN_PAYMENT_STATUSES,
            )
            .exclude(email="")
            .distinct()
        )
        for customer in customers.select_related("sender"):
            statement = statement_for(customer, today=today)
            if not statement.items:
                continue
            language = customer.language or "en"
            with translation.override(language):
                message = EmailMessage(
                    subject=str(
                        _("Statement of account from %(sender)s") % {"sender": customer.sender.name}
                    ),
                    body=str(
                        _("Your open items as of %(date)s are in the attached statement.")
                        % {"date": today.isoformat()}
                    ),
                    to=[customer.email],
                )
            message.attach(
                f"statement-{today.isoformat()}.pdf",
                statement_pdf_render(statement, language=language),
                "application/pdf",
            )
            message.send()
            sent += 1
    return sent
