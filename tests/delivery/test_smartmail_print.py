"""Smartmail (open within N days or print once), bounces by DSN, and print batches."""

from __future__ import annotations

import csv
import datetime
import json
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from folio.channels.print.batches import print_batch_create, print_status_files_read
from folio.channels.smartmail.services import smartmail_expire_due
from folio.delivery.models import (
    Delivery,
    DeliveryStatus,
    PrintItemStatus,
    SmartmailStatus,
    SmartmailTracking,
)
from folio.delivery.services import delivery_policy_update
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind
from folio.tenancy.actors import Actor
from tests.delivery.conftest import accepted_document, run_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def smartmail_document(**customer_fields):
    document = accepted_document(**customer_fields)
    route_document.enqueue(str(document.code), channel="smartmail")
    run_jobs()
    return document


def open_link_of(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    [url] = [word for word in text.split() if "/delivery/open/" in word]
    return url.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")


def test_smartmail_link_get_is_not_an_opening_but_the_post_is(smtp_server):
    document = smartmail_document(email="ola@example.test")
    delivery = Delivery.objects.get(document=document)
    assert delivery.status == DeliveryStatus.SENT
    tracking = SmartmailTracking.objects.get(delivery=delivery)
    assert tracking.status == SmartmailStatus.WAITING
    [message] = smtp_server.messages()
    assert list(message.iter_attachments()) == []
    url = open_link_of(message)
    client = Client()

    # A mail scanner prefetching the link: sees a page, opens nothing.
    page = client.get(url)
    assert page.status_code == 200
    assert document.number in page.content.decode()
    tracking.refresh_from_db()
    assert tracking.status == SmartmailStatus.WAITING
    assert not document.events.filter(kind=EventKind.VIEWED).exists()

    opened = client.post(url, {"action": "view"})
    assert opened.status_code == 200
    tracking.refresh_from_db()
    delivery.refresh_from_db()
    assert tracking.status == SmartmailStatus.OPENED
    assert tracking.opened_via == "link"
    assert delivery.status == DeliveryStatus.OPENED

    # Opened ones are never printed.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert smartmail_expire_due() == 0
    assert not Delivery.objects.filter(document=document, channel="print").exists()


def test_smartmail_pdf_download_counts_as_opened(smtp_server):
    document = smartmail_document(email="pdf@example.test")
    url = open_link_of(smtp_server.messages()[0])
    response = Client().post(url, {"action": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    tracking = SmartmailTracking.objects.get(delivery__document=document)
    assert (tracking.status, tracking.opened_via) == (SmartmailStatus.OPENED, "pdf")


def test_unknown_link_answers_404(db):
    assert Client().get("/delivery/open/not-a-token/").status_code == 404


def test_unopened_smartmail_is_printed_exactly_once_with_two_schedulers(smtp_server):
    document = smartmail_document(email="late@example.test")
    tracking = SmartmailTracking.objects.get(delivery__document=document)
    results = []

    start = threading.Barrier(2)

    def scheduler():
        start.wait()
        for _try in range(50):
            try:
                results.append(smartmail_expire_due(now=tracking.deadline + timedelta(minutes=1)))
                return
            except OperationalError:
                # SQLite lets one writer in at a time; a real scheduler runs the sweep again.
                time.sleep(0.05)
            finally:
                connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    run_jobs()

    tracking.refresh_from_db()
    assert tracking.status == SmartmailStatus.PRINTED
    prints = Delivery.objects.filter(document=document, channel="print")
    assert prints.count() == 1
    assert prints.get().status == DeliveryStatus.SENT
    assert tracking.delivery.__class__.objects.get(pk=tracking.delivery_id).status == (
        DeliveryStatus.EXPIRED
    )
    # A later sweep, or the recipient opening it now, changes nothing.
    assert smartmail_expire_due(now=tracking.deadline + datetime.timedelta(days=2)) == 0
    assert Delivery.objects.filter(document=document, channel="print").count() == 1


def test_custom_smartmail_days_set_the_deadline(smtp_server):
    document = accepted_document(email="days@example.test")
    delivery_policy_update(
        organization=document.organization,
        actor=Actor.for_system("tests"),
        smartmail_days=3,
    )
    route_document.enqueue(str(document.code), channel="smartmail")
    run_jobs()
    tracking = SmartmailTracking.objects.get(delivery__document=document)
    days = (tracking.deadline - tracking.delivery.status_changed_at).total_seconds() / 86400
    assert 2.99 < days < 3.01


def test_dsn_bounce_from_the_sandbox_fails_over_to_print(smtp_server, tmp_path):
    document = accepted_document(email="bounce-me@example.test")
    route_document.enqueue(str(document.code))
    run_jobs()
    email_delivery = Delivery.objects.get(document=document, channel="email")
    assert email_delivery.status == DeliveryStatus.SENT

    call_command("bounces", str(tmp_path / "mail" / "bounces"))
    run_jobs()

    email_delivery.refresh_from_db()
    assert email_delivery.status == DeliveryStatus.FAILED
    bounce = email_delivery.bounces.get()
    assert (bounce.kind, bounce.status_code) == ("hard", "5.1.1")
    print_delivery = Delivery.objects.get(document=document, channel="print")
    assert print_delivery.fallback_of == email_delivery
    assert print_delivery.status == DeliveryStatus.SENT
    # Reading the same mailbox again changes nothing.
    call_command("bounces", str(tmp_path / "mail" / "bounces"))
    assert Delivery.objects.filter(document=document).count() == 2


def test_print_batch_manifest_and_partner_status_file(settings):
    documents = [
        accepted_document(pages=pages, email="", country=country)
        for pages, country in [(1, "NO"), (3, "SE"), (2, "NO")]
    ]
    for document in documents:
        route_document.enqueue(str(document.code))
    run_jobs()
    deliveries = [Delivery.objects.get(document=d) for d in documents]
    assert {d.channel for d in deliveries} == {"print"}

    batch = print_batch_create(actor=Actor.for_system("tests"))
    assert batch is not None
    assert (batch.letter_count, batch.page_count, batch.sheet_count) == (3, 6, 4)
    folder = settings.FOLIO_PRINT_DROP_DIR
    manifest = json.loads((folder / f"{batch.name}.manifest.json").read_text())
    assert [item["pages"] for item in manifest["items"]] == [1, 3, 2]
    # Duplex: each letter starts on a new sheet, so odd page counts get a blank back page.
    assert [item["first_page"] for item in manifest["items"]] == [1, 3, 7]
    assert [item["country"] for item in manifest["items"]] == ["NO", "SE", "NO"]
    rows = list(csv.DictReader((folder / f"{batch.name}.manifest.csv").open()))
    assert [row["message_key"] for row in rows] == [d.message_key for d in deliveries]
    assert (folder / f"{batch.name}.ready").exists()
    from pypdf import PdfReader

    assert len(PdfReader(folder / f"{batch.name}.pdf").pages) == 8
    assert print_batch_create(actor=Actor.for_system("tests")) is None

    status_dir = settings.FOLIO_PRINT_STATUS_DIR
    status_dir.mkdir(parents=True)
    (status_dir / f"{batch.name}.status.csv").write_text(
        "message_key,status,at,detail\n"
        f"{deliveries[0].message_key},posted,2026-11-23T18:00:00+01:00,\n"
        f"{deliveries[1].message_key},printed,2026-11-23T18:00:00+01:00,\n"
        f"{deliveries[2].message_key},rejected,2026-11-23T18:00:00+01:00,address unreadable\n"
    )
    assert print_status_files_read(actor=Actor.for_system("tests")) == 3
    states = [Delivery.objects.get(pk=d.pk) for d in deliveries]
    assert [d.status for d in states] == [
        DeliveryStatus.DELIVERED,
        DeliveryStatus.SENT,
        DeliveryStatus.FAILED,
    ]
    assert [d.print_item.status for d in states] == [
        PrintItemStatus.POSTED,
        PrintItemStatus.PRINTED,
        PrintItemStatus.REJECTED,
    ]
    assert documents[0].events.filter(kind=EventKind.PRINTED).exists()
    documents[0].refresh_from_db()
    assert documents[0].status == DocumentStatus.DELIVERED
    # Nothing reaches the third customer any more: the document fails, with the reason.
    documents[2].refresh_from_db()
    assert documents[2].status == DocumentStatus.FAILED
    assert not (status_dir / f"{batch.name}.status.csv").exists()
