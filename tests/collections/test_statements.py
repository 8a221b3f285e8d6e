"""Scheduled statements of account: e-mailed with the PDF to customers with open items, once
per run."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from folio.collections.models import StatementSchedule
from folio.collections.services import statements_sweep
from tests.factories import DocumentFactory


def test_due_schedule_mails_statements_once(consumer_recipient):
    customer = consumer_recipient.customer
    customer.email = "kari@example.test"
    customer.save(update_fields=["email"])
    DocumentFactory(customer=customer, status="sent")
    today = timezone.localdate()
    StatementSchedule.objects.create(sender=customer.sender, every_days=30, next_run_on=today)
    assert statements_sweep(today=today) >= 1
    message = next(m for m in mail.outbox if m.to == ["kari@example.test"])
    _filename, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    sent = len(mail.outbox)
    assert statements_sweep(today=today) == 0
    assert len(mail.outbox) == sent
    schedule = StatementSchedule.objects.get()
    assert schedule.next_run_on == today + datetime.timedelta(days=30)
