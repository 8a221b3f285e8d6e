"""Dispatch in batches: one job claims several due deliveries (SKIP LOCKED) and sends e-mail over
one SMTP connection; nothing is sent twice, nothing not yet due is taken early."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from folio.channels.email.smtp import smtp_connection_reuse, smtp_send
from folio.delivery.dispatch import delivery_dispatch
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.tasks import route_document
from folio.sandbox.smtp import SandboxSMTPServer
from tests.delivery.conftest import accepted_document, run_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def routed(*emails: str) -> list[Delivery]:
    """Documents routed to e-mail, their deliveries PENDING with their dispatch jobs queued."""
    documents = [accepted_document(email=address) for address in emails]
    for document in documents:
        route_document.call(str(document.code))
    return [Delivery.objects.get(document=document) for document in documents]


def dispatch_results() -> list[str]:
    return list(
        DBTaskResult.objects.filter(task_path__endswith="dispatch_delivery")
        .order_by("enqueued_at")
        .values_list("return_value", flat=True)
    )


def test_one_job_sends_the_due_batch_over_one_connection(smtp_server, settings):
    settings.FOLIO_DELIVERY_CLAIM_BATCH = 20
    deliveries = routed(*(f"batch{n}@example.test" for n in range(5)))
    run_jobs()

    assert sorted(message["To"] for message in smtp_server.messages()) == sorted(
        f"batch{n}@example.test" for n in range(5)
    )
    assert smtp_server.handler.sessions == 1
    for delivery in deliveries:
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SENT
        assert delivery.attempts.count() == 1
        assert delivery.claimed_until is None
    # The first job sent all five; the other four found theirs handed over.
    assert dispatch_results() == ["sent", "skipped", "skipped", "skipped", "skipped"]
    assert smtp_server.duplicates() == []


def test_a_batch_of_one_opens_a_connection_per_message(smtp_server, settings):
    settings.FOLIO_DELIVERY_CLAIM_BATCH = 1
    routed("one@example.test", "two@example.test", "three@example.test")
    run_jobs()
    assert len(smtp_server.messages()) == 3
    assert smtp_server.handler.sessions == 3
    assert dispatch_results() == ["sent", "sent", "sent"]


def test_a_delivery_waiting_for_its_retry_is_not_taken_by_anothers_batch(smtp_server):
    waiting, due = routed("later@example.test", "now@example.test")
    retry_at = timezone.now() + datetime.timedelta(minutes=30)
    Delivery.objects.filter(pk=waiting.pk).update(next_attempt_at=retry_at)

    assert delivery_dispatch(delivery_code=str(due.code)) == "sent"
    # Its own job, run before the retry time, leaves it alone too.
    assert delivery_dispatch(delivery_code=str(waiting.code)) == "skipped"
    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.PENDING
    assert waiting.attempts.count() == 0
    assert [message["To"] for message in smtp_server.messages()] == ["now@example.test"]


def test_a_refused_recipient_in_a_batch_fails_alone(smtp_server):
    first, refused, last = routed(
        "first@example.test", "reject-me@example.test", "last@example.test"
    )
    assert delivery_dispatch(delivery_code=str(first.code)) == "sent"
    statuses = {
        d.pk: d.status for d in Delivery.objects.filter(pk__in=[first.pk, refused.pk, last.pk])
    }
    assert statuses == {
        first.pk: DeliveryStatus.SENT,
        refused.pk: DeliveryStatus.FAILED,
        last.pk: DeliveryStatus.SENT,
    }
    assert sorted(m["To"] for m in smtp_server.messages()) == [
        "first@example.test",
        "last@example.test",
    ]
    # The connection that carried the refused transaction is not used again.
    assert smtp_server.handler.sessions == 2


def test_a_kept_connection_the_server_dropped_is_replaced(tmp_path, settings):
    first = SandboxSMTPServer(tmp_path / "first").start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = first.host, first.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    message = b"From: a@example.test\r\nTo: b@example.test\r\nSubject: x\r\n\r\nHello\r\n"
    with smtp_connection_reuse():
        smtp_send(envelope_from="a@example.test", recipient="b@example.test", message=message)
        first.stop()
        second = SandboxSMTPServer(tmp_path / "second").start()
        settings.EMAIL_PORT = second.port
        # Another server now: the kept connection is not for it and is not used.
        smtp_send(envelope_from="a@example.test", recipient="c@example.test", message=message)
        third_port = second.port
        second.stop()
        third = SandboxSMTPServer(tmp_path / "third", port=third_port).start()
        # Same address, but the server behind the kept connection went away: a new one is made.
        smtp_send(envelope_from="a@example.test", recipient="d@example.test", message=message)
    third.stop()
    assert len(first.messages()) == len(second.messages()) == len(third.messages()) == 1
    assert third.handler.sessions == 1
