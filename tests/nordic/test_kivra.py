"""Kivra end to end against the sandbox Kivra API over loopback, with every payload checked
against the schemas of Kivra's own OpenAPI document (../shared/corpus/kivra-api/swagger.yml)."""

from __future__ import annotations

import base64
import datetime
import json
import time
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import time_machine
import yaml
from django.conf import settings
from django.utils import timezone
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from folio.channels.kivra_se.ocr import se_ocr_build, se_ocr_valid
from folio.channels.kivra_se.services import kivra_matches_refresh
from folio.channels.registry import transport_for
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, DocumentType, EventKind, PaymentStatus
from folio.registries.models import Registration, WebhookEvent
from tests.nordic.conftest import consumer, nordic_document, run_jobs, swedish_sender

SPEC = Path(settings.FOLIO_CORPUS) / "kivra-api" / "swagger.yml"
SPEC_ID = "urn:folio:kivra-swagger"
WEBHOOK_URL = "/nordic/webhooks/kivra/payments/"
SSN = "197701032380"


@cache
def spec() -> dict:
    return yaml.safe_load(SPEC.read_text())


def validate(instance: dict, name: str) -> None:
    """Validate against a schema of the spec, resolving its `#/components/...` references."""
    resource = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry = Registry().with_resource(SPEC_ID, resource)
    schema = {"$ref": f"{SPEC_ID}#/components/schemas/{name}"}
    jsonschema.Draft202012Validator(schema, registry=registry).validate(instance)


def webhook_schema() -> dict:
    body = spec()["webhooks"]["payment.webhook"]["post"]["requestBody"]
    return body["content"]["application/json"]["schema"]


def swedish_consumer(kivra, *, kivra_user=True, **fields):
    sender = swedish_sender()
    if kivra_user:
        kivra.users.add(SSN)
        fields.setdefault("preferred_channel", "kivra_se")
    return consumer(sender, national_id="770103-2380", **fields)


def post_webhook(client, headers: dict, body: bytes):
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    return client.post(WEBHOOK_URL, data=body, content_type="application/json", **extra)


@pytest.mark.parametrize("base", ["1234", "12345678", "2024000117"])
def test_swedish_ocr_references_carry_length_and_check_digits(base):
    reference = se_ocr_build(base)
    assert reference.startswith(base)
    assert len(reference) == len(base) + 2
    assert se_ocr_valid(reference, length_digit=True)
    broken = reference[:-1] + str((int(reference[-1]) + 1) % 10)
    assert not se_ocr_valid(broken)


@pytest.mark.django_db(transaction=True)
def test_kivra_end_to_end_content_matches_the_spec_and_payment_comes_back(kivra, client):
    customer = swedish_consumer(kivra)
    document = nordic_document(customer, currency="SEK", number="2024-00117")

    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.address) == ("kivra_se", SSN)
    assert delivery.status == DeliveryStatus.DELIVERED
    document.refresh_from_db()
    assert document.status == DocumentStatus.DELIVERED
    content = kivra.contents[delivery.external_reference]
    content.pop("tenant")
    validate(content, "Content_user_v2")
    assert content["type"] == "invoice"
    # The check has teeth: the spec requires the account of the payment options.
    broken = json.loads(json.dumps(content))
    del broken["payment_multiple_options"]["account"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, "Content_user_v2")
    [part] = content["parts"]
    assert base64.b64decode(part["data"]).startswith(b"%PDF")
    assert document.number.encode() in base64.b64decode(part["responsive_part"]["data"])
    options = content["payment_multiple_options"]
    assert (options["method"], options["account"], options["currency"]) == ("1", "5050-1055", "SEK")
    [option] = options["options"]
    assert option["type"] == "SE_OCR" and se_ocr_valid(option["reference"], length_digit=True)
    assert option["reference"].startswith("202400117")
    assert option["amount"] == str(document.amount_payable)

    # Kivra reports the payment, signed; a retry of the same event changes nothing.
    headers, body = kivra.payment_webhook(delivery.external_reference, event_id="evt-1")
    jsonschema.validate(json.loads(body), webhook_schema())
    assert post_webhook(client, headers, body).json() == {"outcome": "settled"}
    assert post_webhook(client, headers, body).json() == {"outcome": "duplicate"}
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID
    assert document.events.filter(kind=EventKind.PAYMENT).count() == 1
    assert WebhookEvent.objects.filter(source="kivra").count() == 1


@pytest.mark.django_db(transaction=True)
def test_webhooks_need_a_valid_recent_signature(kivra, client):
    customer = swedish_consumer(kivra)
    document = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(document.code))
    run_jobs()
    key = Delivery.objects.get(document=document).external_reference

    headers, body = kivra.payment_webhook(key, event_id="evt-forged")
    headers["webhook-signature"] = "v1," + base64.b64encode(b"x" * 32).decode()
    assert post_webhook(client, headers, body).status_code == 403
    stale, body = kivra.payment_webhook(key, timestamp=int(time.time()) - 3600)
    assert post_webhook(client, stale, body).status_code == 403
    tampered_headers, body = kivra.payment_webhook(key)
    assert (
        post_webhook(client, tampered_headers, body.replace(b'"bank"', b'"instant"')).status_code
        == 403
    )
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.UNPAID
    assert not WebhookEvent.objects.exists()

    headers, body = kivra.payment_webhook(key, event="scheduled")
    assert post_webhook(client, headers, body).json() == {"outcome": "scheduled"}
    assert document.events.filter(kind=EventKind.STATUS_CHANGED, data__event="scheduled").exists()


@pytest.mark.django_db(transaction=True)
def test_company_content_and_credit_note_follow_the_spec(kivra):
    sender = swedish_sender()
    company = consumer(sender, business=True, org_number="5568402266", preferred_channel="kivra_se")
    kivra.companies.add("SE556840226601")
    invoice = nordic_document(company, currency="SEK")
    credit = nordic_document(company, currency="SEK")
    credit.type = DocumentType.CREDIT_NOTE
    credit.save(update_fields=["type"])
    for document in (invoice, credit):
        route_document.enqueue(str(document.code))
    run_jobs()
    for document, kind in ((invoice, "invoice"), (credit, "letter.creditnotice")):
        delivery = Delivery.objects.get(document=document)
        content = dict(kivra.contents[delivery.external_reference])
        content.pop("tenant")
        validate(content, "Content_company")
        assert content["vat_number"] == "SE556840226601" and content["type"] == kind


@pytest.mark.django_db(transaction=True)
def test_expired_token_is_renewed_and_the_send_goes_through(kivra):
    customer = swedish_consumer(kivra)
    first = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(first.code))
    run_jobs()
    issued = kivra.tokens_issued
    kivra.expire_tokens()
    second = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(second.code))
    run_jobs()
    assert Delivery.objects.get(document=second).status == DeliveryStatus.DELIVERED
    assert kivra.tokens_issued == issued + 1
    assert len(kivra.contents) == 2


@pytest.mark.django_db(transaction=True)
def test_kivra_down_retries_then_delivers_once(kivra):
    customer = swedish_consumer(kivra)
    document = nordic_document(customer, currency="SEK")
    assert transport_for("kivra_se").reach(customer).available
    kivra.down = True
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.status) == ("kivra_se", DeliveryStatus.PENDING)
    kivra.down = False
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        run_jobs()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(kivra.contents) == 1


@pytest.mark.django_db(transaction=True)
def test_kivra_sign_up_switches_the_next_document(kivra, smtp_server):
    customer = swedish_consumer(kivra, kivra_user=False, email="lina@example.test")
    before = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(before.code))
    run_jobs()
    assert Delivery.objects.get(document=before).channel == "email"

    kivra.users.add(SSN)
    assert kivra_matches_refresh() == 1
    assert kivra_matches_refresh() == 0
    after = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(after.code))
    run_jobs()
    delivery = Delivery.objects.get(document=after)
    assert delivery.channel == "kivra_se"
    assert "registered for Kivra" in after.events.get(kind=EventKind.ROUTED).message
    [registration] = Registration.objects.filter(customer=customer)
    assert (registration.channel, registration.action) == ("kivra_se", "registered")


@pytest.mark.django_db(transaction=True)
def test_the_sandbox_posts_the_payment_webhook_to_folio_over_a_socket(kivra, live_server):
    customer = swedish_consumer(kivra)
    document = nordic_document(customer, currency="SEK")
    route_document.enqueue(str(document.code))
    run_jobs()
    key = Delivery.objects.get(document=document).external_reference
    status = kivra.webhook_deliver(f"{live_server.url}{WEBHOOK_URL}", key, event_id="evt-live")
    assert status == 200
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID
