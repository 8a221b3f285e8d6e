"""E-mail over SMTP to the sandbox server: attachments, headers, bounces and fallback."""

from __future__ import annotations

import pytest

from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind
from tests.delivery.conftest import accepted_document, run_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def test_email_arrives_with_pdf_and_xml_attached_and_headers(smtp_server):
    document = accepted_document(email="kari@example.test")

    route_document.enqueue(str(document.code))
    run_jobs()

    delivery = Delivery.objects.get(document=document)
    assert delivery.channel == "email"
    assert delivery.status == DeliveryStatus.SENT
    [message] = smtp_server.messages()
    assert message["To"] == "kari@example.test"
    assert message["Message-ID"].strip() == delivery.external_reference
    assert message["X-Folio-Message-Key"] == delivery.message_key
    assert document.number in message["Subject"]
    filenames = sorted(part.get_filename() for part in message.iter_attachments())
    assert filenames == [f"{document.number}.pdf", f"{document.number}.xml"]
    document.refresh_from_db()
    assert document.status == DocumentStatus.SENT
    kinds = list(document.events.values_list("kind", flat=True))
    assert EventKind.ROUTED in kinds and EventKind.SENT in kinds
    assert delivery.attempts.get().outcome == "success"


def test_rejected_recipient_fails_over_to_print(smtp_server):
    document = accepted_document(email="reject-me@example.test")

    route_document.enqueue(str(document.code))
    run_jobs()

    email_delivery = Delivery.objects.get(document=document, channel="email")
    assert email_delivery.status == DeliveryStatus.FAILED
    assert "550" in email_delivery.last_error
    print_delivery = Delivery.objects.get(document=document, channel="print")
    assert print_delivery.fallback_of == email_delivery
    assert print_delivery.status == DeliveryStatus.SENT
    assert print_delivery.print_item.pages == 1
    assert smtp_server.messages() == []
