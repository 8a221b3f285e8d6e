"""Peppol: participant ids, SBDH against the corpus, and the channel end to end with the
sandbox access point and SMP over real sockets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from folio.channels.peppol.identifiers import InvalidParticipantError, participant_parse
from folio.channels.peppol.inbound import peppol_incoming_process
from folio.channels.peppol.sbdh import SbdhError, sbdh_build, sbdh_read
from folio.delivery.models import Delivery, DeliveryStatus, InboundEnvelope
from folio.delivery.tasks import route_document
from folio.documents.models import Direction, Document, DocumentStatus, EventKind, FileKind
from folio.sandbox.peppol import SandboxAccessPoint, invoice_response_build
from tests.delivery.conftest import pdf_bytes, run_jobs
from tests.factories import (
    CompanyFactory,
    CustomerFactory,
    DocumentFactory,
    DocumentFileFactory,
)

CORPUS = Path(settings.FOLIO_CORPUS)
SBDH_FILES = CORPUS / "peppol-commons/peppol-testfiles/src/main/resources/external/sbdh"
EXAMPLES = CORPUS / "peppol-bis-invoice-3/rules/examples"
RELEASE = CORPUS / "peppol-xslt-2026.5/phive-rules-peppol/src/test/resources/external/test-files"
RELEASE_FILES = RELEASE / "openpeppol/2026.5"
MLR = CORPUS / (
    "peppol-commons/peppol-mlr/src/test/resources/external/test-files/good/"
    "MessageLevelResponse_Example.xml"
)


@pytest.mark.parametrize("path", sorted((SBDH_FILES / "good").iterdir()), ids=lambda p: p.name)
def test_corpus_good_envelopes_are_read(path):
    envelope = sbdh_read(path.read_bytes())
    assert envelope.sender and envelope.receiver and envelope.document_type_id


@pytest.mark.parametrize("path", sorted((SBDH_FILES / "bad").iterdir()), ids=lambda p: p.name)
def test_corpus_bad_envelopes_are_rejected_with_a_reason(path):
    with pytest.raises(SbdhError) as error:
        sbdh_read(path.read_bytes())
    assert error.value.problems


@pytest.mark.parametrize(
    ("path", "root"),
    [
        (EXAMPLES / "base-example.xml", "Invoice"),
        (EXAMPLES / "base-creditnote-correction.xml", "CreditNote"),
        (RELEASE_FILES / "InvoiceResponse_Example.xml", "ApplicationResponse"),
        (RELEASE_FILES / "OrderResponse_Example.xml", "OrderResponse"),
        (RELEASE_FILES / "DespatchAdvice_Example.xml", "DespatchAdvice"),
        (RELEASE_FILES / "Catalogue_Example.xml", "Catalogue"),
        (MLR, "ApplicationResponse"),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_built_envelopes_follow_the_spec_for_every_document_type(path, root):
    envelope_bytes = sbdh_build(
        payload=path.read_bytes(),
        sender="0192:974760673",
        receiver="0007:5560360793",
        country_c1="NO",
        instance_identifier="4f0a2d9e-2b1c-4c3a-9f0e-1a2b3c4d5e6f",
    )
    envelope = sbdh_read(envelope_bytes)
    assert envelope.type == root
    assert envelope.standard == envelope.business_message.nsmap[None] or envelope.standard
    assert envelope.document_type_id.startswith(f"{envelope.standard}::{root}##")
    assert envelope.document_type_id.endswith("::2.1")
    assert (envelope.sender, envelope.receiver, envelope.country_c1) == (
        "0192:974760673",
        "0007:5560360793",
        "NO",
    )
    assert envelope.instance_identifier == "4f0a2d9e-2b1c-4c3a-9f0e-1a2b3c4d5e6f"


@pytest.mark.parametrize(
    "value",
    [
        "0192:974760673",
        "0007:5560360793",
        "0184:13585628",
        "0088:5790000435951",
        "9930:DE136695976",
        "iso6523-actorid-upis::0192:974 760 673",
    ],
)
def test_valid_participant_ids(value):
    assert participant_parse(value).scheme == value.removeprefix("iso6523-actorid-upis::")[:4]


@pytest.mark.parametrize(
    "value",
    [
        "0192:974760674",
        "0007:5560360794",
        "0088:5790000435952",
        "9930:DE136695977",
        "9999:123",
        "974760673",
    ],
)
def test_invalid_participant_ids_are_refused(value):
    with pytest.raises(InvalidParticipantError):
        participant_parse(value)


@pytest.fixture
def access_point(tmp_path, settings):
    server = SandboxAccessPoint(
        tmp_path / "ap", participants={"0192:974760673": {"response": "AP", "country": "NO"}}
    ).start()
    settings.FOLIO_PEPPOL_AP_URL = server.url
    settings.FOLIO_PEPPOL_SMP_URL = f"{server.url}/smp"
    settings.FOLIO_PEPPOL_TRANSPORT = "http"
    yield server
    server.stop()


def peppol_document(*, org_number: str, email: str = ""):
    sender = CompanyFactory(country="NO", org_number="923609016", peppol_id="0192:923609016")
    customer = CustomerFactory(
        sender=sender, business=True, org_number=org_number, country="NO", email=email
    )
    # The number is the UBL's own (cbc:ID), as ingestion stores it.
    document = DocumentFactory(customer=customer, status=DocumentStatus.ACCEPTED, number="Snippet1")
    DocumentFileFactory(
        document=document,
        kind=FileKind.SOURCE_XML,
        filename="invoice.xml",
        content=(EXAMPLES / "base-example.xml").read_bytes(),
        content_type="application/xml",
    )
    DocumentFileFactory(
        document=document,
        kind=FileKind.PDF,
        filename="invoice.pdf",
        content=pdf_bytes(),
        content_type="application/pdf",
    )
    return document


@pytest.mark.django_db(transaction=True)
def test_registered_business_gets_peppol_with_receipt_and_invoice_response(access_point):
    document = peppol_document(org_number="974760673")
    route_document.enqueue(str(document.code))
    run_jobs()

    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.address) == ("peppol", "0192:974760673")
    assert delivery.status == DeliveryStatus.SENT
    [stored] = access_point.received()
    envelope = sbdh_read(stored.read_bytes())
    assert envelope.instance_identifier == delivery.external_reference
    assert (envelope.sender, envelope.receiver) == ("0192:923609016", "0192:974760673")

    receipts = peppol_incoming_process()
    assert {receipt.status for receipt in receipts} == {"delivered", "AP"}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    response = document.events.get(kind=EventKind.RESPONSE)
    assert response.data["code"] == "AP" and response.data["kind"] == "invoice_response"
    assert peppol_incoming_process() == []


@pytest.mark.django_db(transaction=True)
def test_unregistered_receiver_falls_back_to_email(access_point, smtp_server):
    document = peppol_document(org_number="923609016", email="ap@example.test")
    route_document.enqueue(str(document.code), channel="peppol")
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert delivery.channel == "email"
    assert "not registered in Peppol" in delivery.routing_reason
    assert access_point.received() == []


@pytest.mark.django_db(transaction=True)
def test_inbound_envelope_becomes_a_received_document_of_the_right_organization(access_point):
    receiver = CompanyFactory(country="NO", org_number="974760673", peppol_id="0192:974760673")
    other = CompanyFactory(country="NO", org_number="923609016", peppol_id="0192:923609016")
    envelope = sbdh_build(
        payload=(EXAMPLES / "base-example.xml").read_bytes(),
        sender="0088:7315458756324",
        receiver="0192:974760673",
        country_c1="SE",
    )
    access_point.queue("sbdh", envelope)
    bad = (SBDH_FILES / "bad" / "bad-no-country-c1.xml").read_bytes()
    access_point.queue("sbdh", bad)

    peppol_incoming_process()

    [document] = Document.objects.filter(direction=Direction.RECEIVED)
    assert document.organization == receiver
    assert document.status == DocumentStatus.ACCEPTED
    assert document.customer.peppol_id == "0088:7315458756324"
    assert document.files.filter(kind=FileKind.SOURCE_XML).exists()
    assert not Document.objects.filter(organization=other).exists()
    statuses = sorted(InboundEnvelope.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "rejected"]
    assert access_point.inbox == {}
    # The same envelope again is one document.
    access_point.queue("sbdh", envelope)
    peppol_incoming_process()
    assert Document.objects.filter(direction=Direction.RECEIVED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_rejecting_message_level_response_falls_back(access_point, smtp_server):
    document = peppol_document(org_number="974760673", email="mlr@example.test")
    route_document.enqueue(str(document.code), channel="peppol")
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    mlr = invoice_response_build(
        sender="0192:974760673",
        receiver="0192:923609016",
        invoice_number=delivery.external_reference,
        code="RE",
    ).replace(
        b"urn:fdc:peppol.eu:poacc:trns:invoice_response:3",
        b"urn:fdc:peppol.eu:poacc:trns:mlr:3",
    )
    access_point.inbox.clear()
    access_point.queue(
        "sbdh",
        sbdh_build(
            payload=mlr,
            sender="0192:974760673",
            receiver="0192:923609016",
            country_c1="NO",
            process_id="urn:fdc:peppol.eu:poacc:bis:mlr:3",
        ),
    )
    run_jobs()
    peppol_incoming_process()
    run_jobs()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    response = document.events.get(kind=EventKind.RESPONSE)
    assert (response.data["kind"], response.data["code"]) == ("mlr", "RE")
    fallback = Delivery.objects.get(document=document, fallback_of=delivery)
    assert (fallback.channel, fallback.status) == ("email", DeliveryStatus.SENT)


@pytest.mark.django_db(transaction=True)
def test_inbound_invoice_breaking_the_rules_is_refused_with_its_rules(access_point):
    CompanyFactory(country="NO", org_number="974760673", peppol_id="0192:974760673")
    source = (EXAMPLES / "base-example.xml").read_bytes()
    broken = re.sub(rb"<cbc:IssueDate>[^<]*</cbc:IssueDate>", b"", source, count=1)
    envelope = sbdh_build(
        payload=broken, sender="0088:7315458756324", receiver="0192:974760673", country_c1="SE"
    )
    access_point.queue("sbdh", envelope)
    peppol_incoming_process()
    assert not Document.objects.filter(direction=Direction.RECEIVED).exists()
    record = InboundEnvelope.objects.get()
    assert record.status == "rejected"
    assert "XSD" in record.reason
