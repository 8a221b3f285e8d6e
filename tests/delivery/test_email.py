"""E-mail over SMTP to the sandbox server: attachments, headers, bounces and fallback."""

from __future__ import annotations

import email
from email.policy import default as default_policy

import pytest
from django.conf import settings

from folio.delivery.models import Delivery, DeliveryStatus, MessageTemplate
from folio.delivery.services import delivery_policy_update, message_template_set
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind
from folio.rendering.models import RenderedArtefact
from folio.tenancy.actors import Actor
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


def test_the_sent_mime_is_kept_as_the_recipient_saw_it(smtp_server):
    document = accepted_document(email="kept@example.test")
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    artefact = RenderedArtefact.objects.get(delivery=delivery)
    assert artefact.kind == "email"
    [message] = smtp_server.messages()
    with artefact.file.open("rb") as handle:
        kept = handle.read()
    kept_message = email.message_from_bytes(kept, policy=default_policy)
    assert kept_message["Message-ID"].strip() == delivery.external_reference
    assert kept_message["Subject"] == message["Subject"]
    assert [p.get_filename() for p in kept_message.iter_attachments()] == [
        p.get_filename() for p in message.iter_attachments()
    ]


def test_sender_template_link_only_with_placeholders(smtp_server):
    document = accepted_document(email="tmpl@example.test", portal_access=True)
    actor = Actor.for_system("tests")
    delivery_policy_update(
        organization=document.organization, actor=actor, email_attachments="link"
    )
    message_template_set(
        organization=document.organization,
        purpose="document",
        subject="Faktura {{ document.number }} fra {{ sender.name }}",
        text_body="Se {{ document.portal_url }} eller {{ customer.portal_url }}.",
        html_body="<p>{{ document.number }}</p>",
        actor=actor,
    )
    route_document.enqueue(str(document.code), channel="email")
    run_jobs()
    [message] = smtp_server.messages()
    assert message["Subject"] == f"Faktura {document.number} fra {document.organization.name}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert f"/portal/documents/{document.code}/" in text and "/portal/ " in text.replace(".", " ")
    assert list(message.iter_attachments()) == []


def test_a_stored_template_the_sandbox_refuses_falls_back_to_the_default(smtp_server):
    # Saved before the sandbox existed (the service refuses it now): the document still goes out.
    document = accepted_document(email="legacy@example.test")
    MessageTemplate.objects.create(
        organization=document.organization,
        purpose="document",
        subject="{% load i18n %}{% translate 'Invoice' %} {{ document.number }}",
        text_body="{{ settings.SECRET_KEY }}",
    )
    route_document.enqueue(str(document.code), channel="email")
    run_jobs()

    delivery = Delivery.objects.get(document=document)
    assert delivery.status == DeliveryStatus.SENT
    [message] = smtp_server.messages()
    assert document.number in message["Subject"]
    assert "{%" not in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "SECRET_KEY" not in text and settings.SECRET_KEY not in text
