"""Swedish bank e-faktura end to end against the sandbox intermediary over loopback."""

from __future__ import annotations

import pytest

from folio.channels.efaktura_se.services import (
    efaktura_se_registrations_poll,
    efaktura_se_status_poll,
)
from folio.channels.kivra_se.ocr import se_ocr_valid
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.tasks import route_document
from folio.documents.models import EventKind, PaymentStatus
from tests.nordic.conftest import SE_SENDER, consumer, nordic_document, run_jobs, swedish_sender

SSN = "198112172385"


@pytest.mark.django_db(transaction=True)
def test_bank_efaktura_end_to_end_with_status_and_payment(intermediary):
    intermediary.add_consumer(SSN, senders=[SE_SENDER])
    customer = consumer(swedish_sender(), national_id=SSN, preferred_channel="efaktura_se")
    document = nordic_document(customer, currency="SEK", number="70001")
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.status) == ("efaktura_se", DeliveryStatus.SENT)
    invoice = intermediary.invoices[delivery.external_reference]
    assert invoice["consumerId"] == f"EF{SSN}" and invoice["bankgiro"] == "5050-1055"
    assert se_ocr_valid(invoice["reference"], length_digit=True)

    intermediary.settle(delivery.external_reference, status="DELIVERED")
    assert efaktura_se_status_poll() == 1
    intermediary.settle(delivery.external_reference, status="PAID")
    assert efaktura_se_status_poll() == 1
    assert efaktura_se_status_poll() == 0
    delivery.refresh_from_db()
    document.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert document.payment_status == PaymentStatus.PAID


@pytest.mark.django_db(transaction=True)
def test_refused_by_the_bank_falls_back(intermediary, smtp_server):
    intermediary.add_consumer(SSN, senders=[SE_SENDER])
    customer = consumer(
        swedish_sender(), national_id=SSN, preferred_channel="efaktura_se", email="a@example.test"
    )
    document = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(document.code))
    run_jobs()
    failed = Delivery.objects.get(document=document)
    intermediary.settle(failed.external_reference, status="REJECTED", reason="account closed")
    efaktura_se_status_poll()
    run_jobs()
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.FAILED
    fallback = Delivery.objects.get(document=document, fallback_of=failed)
    assert fallback.channel == "email" and "account closed" in fallback.routing_reason


@pytest.mark.django_db(transaction=True)
def test_registration_in_the_bank_switches_the_next_document(intermediary, smtp_server):
    intermediary.add_consumer(SSN)
    customer = consumer(swedish_sender(), national_id=SSN, email="b@example.test")
    before = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(before.code))
    run_jobs()
    assert Delivery.objects.get(document=before).channel == "email"

    intermediary.register(SE_SENDER, SSN)
    assert efaktura_se_registrations_poll() == 1
    after = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(after.code))
    run_jobs()
    assert Delivery.objects.get(document=after).channel == "efaktura_se"
    assert "registered for e-faktura" in after.events.get(kind=EventKind.ROUTED).message
