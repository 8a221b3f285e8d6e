"""The sandbox print partner closing the loop, the Peppol folder transport, and the
Smartmail reminder."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from folio.channels.peppol.access_point import FolderAccessPoint
from folio.channels.peppol.inbound import peppol_incoming_process
from folio.channels.peppol.sbdh import sbdh_build, sbdh_read
from folio.channels.print.batches import print_batch_create, print_status_files_read
from folio.channels.smartmail.services import smartmail_remind_due
from folio.delivery.models import Delivery, DeliveryStatus, SmartmailTracking
from folio.delivery.services import delivery_policy_update
from folio.delivery.tasks import route_document
from folio.documents.models import Direction, Document, EventKind
from folio.sandbox.print_partner import print_partner_run_once
from folio.tenancy.actors import Actor
from tests.channels.test_peppol import EXAMPLES
from tests.delivery.conftest import accepted_document, run_jobs
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_sandbox_print_partner_prints_posts_and_rejects(settings):
    good = accepted_document(email="")
    undeliverable = accepted_document(email="", country="XX")
    for document in (good, undeliverable):
        route_document.enqueue(str(document.code), channel="print")
    run_jobs()
    batch = print_batch_create(actor=Actor.for_system("tests"))

    handled = print_partner_run_once(
        drop_dir=settings.FOLIO_PRINT_DROP_DIR, status_dir=settings.FOLIO_PRINT_STATUS_DIR
    )
    assert handled == [batch.name]
    assert print_status_files_read(actor=Actor.for_system("tests")) == 3

    assert Delivery.objects.get(document=good).status == DeliveryStatus.DELIVERED
    assert good.events.filter(kind=EventKind.PRINTED).exists()
    assert Delivery.objects.get(document=undeliverable).status == DeliveryStatus.FAILED
    batch.refresh_from_db()
    assert batch.status == "processed"


def test_peppol_folder_transport_writes_once_and_reads_the_inbox(settings, tmp_path):
    settings.FOLIO_PEPPOL_TRANSPORT = "folder"
    folder = FolderAccessPoint()
    envelope = sbdh_build(
        payload=(EXAMPLES / "base-example.xml").read_bytes(),
        sender="0192:923609016",
        receiver="0192:974760673",
        country_c1="NO",
        instance_identifier="8a3c7f5e-0c1d-4e2f-9a8b-7c6d5e4f3a2b",
    )
    folder.submit(envelope=envelope, instance_identifier="8a3c7f5e-0c1d-4e2f-9a8b-7c6d5e4f3a2b")
    folder.submit(envelope=envelope, instance_identifier="8a3c7f5e-0c1d-4e2f-9a8b-7c6d5e4f3a2b")
    [written] = settings.FOLIO_PEPPOL_OUTBOX_DIR.glob("*.xml")
    assert sbdh_read(written.read_bytes()).receiver == "0192:974760673"

    receiver = CompanyFactory(country="NO", org_number="974760673", peppol_id="0192:974760673")
    settings.FOLIO_PEPPOL_INBOX_DIR.mkdir(parents=True)
    (settings.FOLIO_PEPPOL_INBOX_DIR / "in-1.xml").write_bytes(envelope)
    peppol_incoming_process()
    document = Document.objects.get(direction=Direction.RECEIVED)
    assert document.organization == receiver
    assert (settings.FOLIO_PEPPOL_INBOX_DIR / "processed" / "in-1.xml").exists()


def test_smartmail_reminder_goes_once_before_the_deadline(smtp_server):
    document = accepted_document(email="remind@example.test")
    delivery_policy_update(
        organization=document.organization,
        actor=Actor.for_system("tests"),
        smartmail_days=7,
        smartmail_reminder_days=2,
    )
    route_document.enqueue(str(document.code), channel="smartmail")
    run_jobs()
    tracking = SmartmailTracking.objects.get(delivery__document=document)
    assert tracking.reminder_due_at == tracking.deadline - datetime.timedelta(days=2)

    early = tracking.reminder_due_at - datetime.timedelta(hours=1)
    assert smartmail_remind_due(now=early) == 0
    due = tracking.reminder_due_at + datetime.timedelta(minutes=1)
    assert smartmail_remind_due(now=due) == 1
    assert smartmail_remind_due(now=due) == 0
    messages = smtp_server.messages()
    assert len(messages) == 2
    assert messages[1]["Subject"].startswith("Reminder")
    assert "/delivery/open/" in messages[1].get_body(preferencelist=("plain",)).get_content()


def test_print_batch_command_hands_over_and_reads_answers(settings):
    document = accepted_document(email="")
    route_document.enqueue(str(document.code), channel="print")
    run_jobs()
    out = io.StringIO()
    call_command("print_batch", stdout=out)
    assert "1 letters" in out.getvalue()
    print_partner_run_once(
        drop_dir=settings.FOLIO_PRINT_DROP_DIR, status_dir=settings.FOLIO_PRINT_STATUS_DIR
    )
    out = io.StringIO()
    call_command("print_batch", "--status-only", stdout=out)
    assert "2 letters updated" in out.getvalue()  # printed, then posted
    assert Delivery.objects.get(document=document).status == DeliveryStatus.DELIVERED
