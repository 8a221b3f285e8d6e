"""eFaktura (Norway) end to end against the sandbox submitter service over loopback: reach,
consignment, invoice details URL, status, payment back from Nets, blocked consumers,
registrations, and failures that retry or fall back."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from folio.channels.avtalegiro_no.claims import nets_incoming_process
from folio.channels.efaktura_no.services import (
    efaktura_invoice_cancel,
    efaktura_registrations_poll,
    efaktura_status_poll,
)
from folio.channels.registry import transport_for
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.routing import document_route
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind, PaymentStatus
from folio.registries.models import AvtaleGiroMandate, Registration, RegistryEntry
from folio.sandbox.nets import settlement_text
from folio.tenancy.actors import Actor
from tests.nordic.conftest import (
    ISSUER,
    NETS_ACCOUNT,
    NETS_SENDER,
    consumer,
    nordic_document,
    norwegian_sender,
    run_jobs,
)

NATIONAL_ID = "01017012345"
EFAKTURA_ID = "EF-7000123"


def efaktura_customer(efaktura, *, agreement=True, **fields):
    """A consumer in the eFaktura registry; with an agreement, eFaktura is their preference."""
    sender = norwegian_sender()
    if agreement:
        fields.setdefault("preferred_channel", "efaktura_no")
    customer = consumer(sender, national_id=NATIONAL_ID, **fields)
    efaktura.add_receiver(NATIONAL_ID, EFAKTURA_ID, issuers=[ISSUER] if agreement else [])
    return customer


@pytest.mark.django_db(transaction=True)
def test_efaktura_end_to_end_with_details_url_status_and_payment(efaktura, client):
    customer = efaktura_customer(efaktura)
    document = nordic_document(customer, kid="1234567")

    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.address) == ("efaktura_no", EFAKTURA_ID)
    assert delivery.status == DeliveryStatus.SENT
    entry = RegistryEntry.objects.get(customer=customer, channel="efaktura_no")
    assert entry.registered and not entry.blocked and entry.checked_at
    consignment = efaktura.consignments[delivery.message_key]
    [invoice] = consignment["invoices"]
    assert invoice["invoiceNumber"] == document.number
    assert invoice["kid"] == "1234567" and invoice["paymentType"] == "GIRO"
    assert invoice["amount"] == str(document.amount_payable)

    # The bank fetches the invoice details from Folio's signed URL.
    details = urlsplit(invoice["detailsUrl"]).path
    page = client.get(details)
    assert page.status_code == 200
    assert document.number in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert client.get(details[:-3] + "xx/").status_code == 404
    days = settings.FOLIO_EFAKTURA_DETAILS_DAYS + 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days)):
        assert client.get(details).status_code == 404

    efaktura.process()
    assert efaktura_status_poll() == 1
    delivery.refresh_from_db()
    document.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert document.status == DocumentStatus.DELIVERED

    # The payer pays in the bank; Nets' OCR file brings the payment back.
    inbox = Path(settings.FOLIO_NETS_INBOX_DIR)
    inbox.mkdir(parents=True)
    (inbox / "ocr-1.txt").write_text(
        settlement_text(
            data_recipient=NETS_SENDER,
            account=NETS_ACCOUNT,
            payments=[("1234567", document.amount_payable, timezone.localdate())],
        ),
        encoding="iso-8859-1",
    )
    nets_incoming_process()
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID


@pytest.mark.django_db(transaction=True)
def test_a_blocked_consumer_is_never_sent_efaktura(efaktura, smtp_server):
    customer = efaktura_customer(efaktura, email="kari@example.test")
    efaktura.block(ISSUER, EFAKTURA_ID)
    document = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(document.code), channel="efaktura_no")
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert delivery.channel == "email"
    assert "blocked eFaktura" in delivery.routing_reason
    assert efaktura.consignments == {}


@pytest.mark.django_db(transaction=True)
def test_blocking_after_routing_is_caught_right_before_sending(efaktura, smtp_server):
    customer = efaktura_customer(efaktura, email="kari@example.test")
    document = nordic_document(customer, kid="1234567")
    # Routing sees no block (and stores that answer as fresh) ...
    routed = document_route(document=document, actor=Actor.for_system("tests"))
    assert routed.channel == "efaktura_no"
    # ... then the consumer blocks the issuer before the send job runs.
    efaktura.block(ISSUER, EFAKTURA_ID)
    run_jobs()
    failed = Delivery.objects.get(document=document, channel="efaktura_no")
    assert failed.status == DeliveryStatus.FAILED
    assert "blocked eFaktura" in failed.last_error
    assert efaktura.consignments == {}
    assert Delivery.objects.get(document=document, fallback_of=failed).channel == "email"
    assert RegistryEntry.objects.get(customer=customer, channel="efaktura_no").blocked


@pytest.mark.django_db(transaction=True)
def test_rejected_consignment_falls_back_to_the_next_channel(efaktura, smtp_server):
    customer = efaktura_customer(efaktura, email="kari@example.test")
    document = nordic_document(customer, kid="7654321")
    efaktura.reject_kids.add("7654321")
    route_document.enqueue(str(document.code))
    run_jobs()
    efaktura.process()
    efaktura_status_poll()
    run_jobs()
    rejected = Delivery.objects.get(document=document, channel="efaktura_no")
    assert rejected.status == DeliveryStatus.FAILED
    fallback = Delivery.objects.get(document=document, fallback_of=rejected)
    assert fallback.channel == "email" and fallback.status == DeliveryStatus.SENT
    assert "Invalid KID" in fallback.routing_reason
    assert len(smtp_server.messages()) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", ["down", "token"])
def test_service_down_or_expired_token_retries_and_loses_nothing(efaktura, failure):
    customer = efaktura_customer(efaktura)
    document = nordic_document(customer, kid="1234567")
    assert transport_for("efaktura_no").reach(customer).available
    if failure == "down":
        efaktura.down = True
    else:
        efaktura.expire_token()
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert delivery.channel == "efaktura_no"
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts.filter(outcome="transient_error").count() >= 1
    assert efaktura.consignments == {}

    efaktura.down = False
    efaktura.token_expired = False
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        run_jobs()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert list(efaktura.consignments) == [delivery.message_key]


@pytest.mark.django_db(transaction=True)
def test_registration_switches_the_next_document_and_the_sender_sees_why(
    efaktura, smtp_server, client
):
    customer = efaktura_customer(efaktura, agreement=False, email="kari@example.test")
    before = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(before.code))
    run_jobs()
    assert Delivery.objects.get(document=before).channel == "email"

    efaktura.register(ISSUER, NATIONAL_ID, customer_number=customer.customer_number)
    assert efaktura_registrations_poll() == 1
    assert efaktura_registrations_poll() == 0  # the feed read again adds nothing

    after = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(after.code))
    run_jobs()
    delivery = Delivery.objects.get(document=after)
    assert delivery.channel == "efaktura_no"
    routed = after.events.get(kind=EventKind.ROUTED)
    assert "registered for eFaktura" in routed.message
    assert "online bank" in routed.message

    # The payer unregisters: the next document goes back to e-mail.
    efaktura.register(
        ISSUER, NATIONAL_ID, customer_number=customer.customer_number, unregister=True
    )
    efaktura_registrations_poll()
    last = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(last.code))
    run_jobs()
    assert Delivery.objects.get(document=last).channel == "email"
    actions = Registration.objects.filter(customer=customer).order_by("at", "id")
    assert [r.action for r in actions] == ["registered", "unregistered"]


@pytest.mark.django_db(transaction=True)
def test_efaktura_with_an_avtalegiro_mandate_uses_the_combined_payment_type(efaktura):
    customer = efaktura_customer(efaktura)
    AvtaleGiroMandate.objects.create(
        organization=customer.sender,
        customer=customer,
        kid="1234567",
        notify=True,
        reported_at=timezone.now(),
    )
    document = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(document.code), channel="efaktura_no")
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    invoice = json.loads(json.dumps(efaktura.consignments[delivery.message_key]["invoices"][0]))
    assert invoice["paymentType"] == "AVTALEGIRO"


@pytest.mark.django_db(transaction=True)
def test_a_sent_invoice_can_be_withdrawn_from_the_bank(efaktura):
    customer = efaktura_customer(efaktura)
    document = nordic_document(customer, kid="1234567")
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    efaktura_invoice_cancel(delivery=delivery, actor=Actor.for_system("tests"))
    [invoice] = efaktura.consignments[delivery.message_key]["invoices"]
    assert invoice["status"] == "CANCELLED"
    assert document.events.filter(kind=EventKind.CANCELLED, delivery=delivery).exists()
