"""Collections sweeps: promises followed up, reminders sent once and paused by disputes and
promises."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from folio.collections.models import DunningPolicy, PromiseStatus, Reminder
from folio.collections.selectors import aging_bucket, statement_for
from folio.collections.services import (
    dispute_create,
    promise_create,
    promises_sweep,
    reminders_sweep,
)
from folio.documents.models import Document, DocumentType
from folio.documents.services import document_register_payment
from folio.tenancy.actors import Actor
from tests.factories import DocumentFactory

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def kari(consumer_recipient):
    return consumer_recipient


def _overdue(persona, days: int) -> Document:
    return DocumentFactory(
        customer=persona.customer, status="sent", due_date=TODAY - datetime.timedelta(days=days)
    )


def _actor(persona) -> Actor:
    return Actor.for_user(persona.user)


def test_promise_is_reminded_once_then_kept_when_paid(kari, django_capture_on_commit_callbacks):
    invoice = _overdue(kari, 3)
    customer = kari.customer
    customer.email = "kari@example.test"
    customer.save(update_fields=["email"])
    promise = promise_create(
        contact=kari.contact,
        documents=[invoice],
        amount=invoice.amount_open,
        promised_date=timezone.localdate() + datetime.timedelta(days=1),
        actor=_actor(kari),
    )
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert promises_sweep(today=today)["reminded"] == 1
        assert promises_sweep(today=today)["reminded"] == 0
    assert len(mail.outbox) == 1
    document_register_payment(
        document=invoice, amount=invoice.amount_open, actor=Actor.for_system("bank")
    )
    assert promises_sweep(today=today)["kept"] == 1
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.KEPT


def test_promise_broken_when_the_date_passes_unpaid(kari):
    invoice = _overdue(kari, 3)
    promise = promise_create(
        contact=kari.contact,
        documents=[invoice],
        amount=Decimal("10.00"),
        promised_date=timezone.localdate(),
        actor=_actor(kari),
    )
    later = timezone.localdate() + datetime.timedelta(days=1)
    assert promises_sweep(today=later)["broken"] == 1
    assert promises_sweep(today=later)["broken"] == 0
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.BROKEN


def test_reminders_are_sent_once_per_level_with_the_fee(kari):
    DunningPolicy.objects.create(
        sender=kari.customer.sender, first_after_days=7, interval_days=14, fee=Decimal("35.00")
    )
    overdue = _overdue(kari, 10)
    not_yet = _overdue(kari, 3)
    assert reminders_sweep(today=TODAY) >= 1
    assert reminders_sweep(today=TODAY) == 0
    assert not Reminder.objects.filter(document=not_yet).exists()
    reminder = Reminder.objects.get(document=overdue)
    assert reminder.document == overdue and reminder.level == 1
    letter = reminder.reminder_document
    assert letter.type == DocumentType.REMINDER
    assert letter.amount_total == overdue.amount_open + Decimal("35.00")
    # The reminder goes out like any document: routed to a channel (or failed with a reason).
    assert letter.status in {"sending", "failed"}


def test_reminders_pause_for_disputed_and_promised_invoices(kari):
    DunningPolicy.objects.create(sender=kari.customer.sender, first_after_days=7)
    disputed = _overdue(kari, 20)
    promised = _overdue(kari, 20)
    dispute_create(
        contact=kari.contact,
        document=disputed,
        reason="not_delivered",
        comment="",
        actor=_actor(kari),
    )
    promise_create(
        contact=kari.contact,
        documents=[promised],
        amount=promised.amount_open,
        promised_date=timezone.localdate() + datetime.timedelta(days=3),
        actor=_actor(kari),
    )
    reminders_sweep(today=TODAY)
    assert not Reminder.objects.filter(document__in=[disputed, promised]).exists()
    # The world's other overdue invoices of the same sender were reminded.
    assert Reminder.objects.filter(document__organization=kari.customer.sender).exists()


def test_aging_buckets_and_statement_totals(kari):
    assert [
        aging_bucket(TODAY - datetime.timedelta(days=d), TODAY) for d in (0, 1, 31, 61, 91)
    ] == [
        "not_due",
        "1_30",
        "31_60",
        "61_90",
        "over_90",
    ]
    old = _overdue(kari, 95)
    recent = _overdue(kari, 5)
    statement = statement_for(kari.customer, today=TODAY)
    totals = {key: amount for key, _label, amount in statement.buckets}
    assert totals["over_90"] == old.amount_open and totals["1_30"] == recent.amount_open
    assert statement.total_open == sum(totals.values())
