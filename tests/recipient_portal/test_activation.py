"""Credentials in two parts: part one in a printed letter (print channel), part two by e-mail;
only both together let the customer in."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from folio.servicedesk.activation import portal_activation_issue
from folio.servicedesk.models import PortalActivation
from folio.tenancy.actors import Actor
from tests.factories import ContactFactory


@pytest.fixture
def issued(world, personas, django_capture_on_commit_callbacks):
    customer = world.customers["kari"]
    customer.address_line1, customer.postcode, customer.city = "Storgata 1", "0155", "Oslo"
    customer.save(update_fields=["address_line1", "postcode", "city"])
    contact = ContactFactory(customer=customer, name="Per Nordmann", email="per@example.test")
    clerk = Actor.for_user(personas["subsidiary_clerk_no"].user)
    with django_capture_on_commit_callbacks(execute=True):
        activation = portal_activation_issue(contact=contact, actor=clerk)
    letter = activation.letter
    pdf = letter.files.get(kind="pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.file.read())).pages)
    letter_code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", text).group(0)
    # The e-mail is in the customer's language; the code is the only such group in it.
    email_code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", mail.outbox[-1].body).group(1)
    return contact, activation, letter_code, email_code


def test_the_letter_goes_to_print_and_codes_are_stored_hashed(issued):
    contact, activation, letter_code, _email_code = issued
    assert activation.letter.deliveries.get().channel == "print"
    normal = letter_code.replace("-", "")
    assert activation.letter_code_hash == hashlib.sha256(normal.encode()).hexdigest()
    stored = str(PortalActivation.objects.filter(pk=activation.pk).values().get())
    assert normal not in stored and letter_code not in stored
    assert mail.outbox[-1].to == [contact.email] and letter_code not in mail.outbox[-1].body


def test_both_parts_sign_in_once(issued):
    contact, _activation, letter_code, email_code = issued
    client = Client()
    response = client.post(
        "/portal/activate/", {"letter_code": letter_code.lower(), "email_code": email_code}
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200
    contact.refresh_from_db()
    assert contact.user is not None
    again = Client().post(
        "/portal/activate/", {"letter_code": letter_code, "email_code": email_code}
    )
    assert again.status_code == 200 and "do not work" in again.content.decode()


def test_one_part_alone_does_not_activate_and_tries_are_counted(issued):
    contact, activation, letter_code, _email_code = issued
    client = Client()
    wrong = client.post(
        "/portal/activate/", {"letter_code": letter_code, "email_code": "AAAA-AAAA"}
    )
    unknown = client.post(
        "/portal/activate/", {"letter_code": "AAAA-AAAA-AAAA", "email_code": "AAAA-AAAA"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert client.get("/portal/").status_code == 302
    activation.refresh_from_db()
    assert activation.failed_attempts == 1 and activation.used_at is None
    contact.refresh_from_db()
    assert contact.user is None
    assert PortalActivation.objects.count() == 1
