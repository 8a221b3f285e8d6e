"""Signed events reach a real receiver on loopback: collected by the sweep, sent by the worker."""

from __future__ import annotations

import datetime
import json
import time

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from folio.delivery.dispatch import document_move
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.services import delivery_transition
from folio.documents.models import Document, DocumentStatus
from folio.tenancy.actors import Actor
from folio.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEventType,
)
from folio.webhooks.services import (
    webhook_delivery_redeliver,
    webhook_endpoint_create,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_set_active,
)
from folio.webhooks.signing import signature_verify
from tests.factories import CompanyFactory, api_key_with_secret
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID, folio_json
from tests.webhooks.conftest import collect_and_send, run_jobs

ALL_TYPES = list(WebhookEventType.values)
# The worker closes its database connection between jobs, as in production; on PostgreSQL that
# needs a test whose writes are committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seller(world):
    """A subsidiary of the Nordlys enterprise whose numbers match the test invoices."""
    return CompanyFactory(
        parent=world.organizations["nordlys"],
        slug="nordlys-energi",
        name="Nordlys Energi AS",
        org_number=SELLER_ORG_NUMBER,
        vat_id=SELLER_VAT_ID,
        email="billing@nordlys.example.test",
    )


def ingest(organization, number: str = "INV-1001") -> Document:
    _key, secret = api_key_with_secret(organization)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = client.post(
        "/api/v1/documents", data=json.dumps(folio_json(number)), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return Document.objects.get(code=response.json()["id"])


def endpoint_for(persona, organization, url, *, types=None, include_subsidiaries=False):
    return webhook_endpoint_create(
        actor=Actor.for_user(persona.user),
        organization=organization,
        url=url,
        event_types=types or ALL_TYPES,
        include_subsidiaries=include_subsidiaries,
    )


def deliver(document: Document) -> Delivery:
    """The receipt path a channel takes when the network confirms delivery."""
    actor = Actor.for_system("tests")
    delivery = Delivery.objects.filter(document=document).get()
    delivery_transition(delivery=delivery, to_status=DeliveryStatus.DELIVERED, actor=actor)
    document_move(document, DocumentStatus.DELIVERED, actor=actor, delivery=delivery)
    return delivery


def verified(request, secret: str) -> bool:
    return signature_verify(
        secret=secret, headers=request.headers, body=request.body, now=int(time.time())
    )


def test_ingested_and_delivered_document_reaches_the_receiver_signed(
    receiver, smtp_server, seller, enterprise_admin
):
    endpoint, secret = endpoint_for(enterprise_admin, seller, receiver.url, types=ALL_TYPES)
    document = ingest(seller)
    run_jobs("delivery")  # route, then send by e-mail to the sandbox SMTP server
    delivery = deliver(document)
    collect_and_send()

    assert receiver.types() == [
        "document.received",
        "document.accepted",
        "delivery.created",
        "delivery.sent",
        "document.sent",
        "delivery.delivered",
        "document.delivered",
    ]
    for request in receiver.requests:
        assert request.path == "/hooks/folio"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["webhook-id"].startswith("msg_")
        assert request.headers["webhook-signature"].startswith("v1,")
        assert verified(request, secret)
        assert not verified(request, "whsec_" + "A" * 44)
    delivered = receiver.requests[-2].payload
    assert delivered["data"]["document"]["id"] == str(document.code)
    assert delivered["data"]["document"]["number"] == "INV-1001"
    assert delivered["data"]["delivery"]["id"] == str(delivery.code)
    assert delivered["data"]["delivery"]["channel"] == delivery.channel
    assert delivered["data"]["organization"]["id"] == str(seller.code)
    assert delivered["timestamp"].endswith("Z")
    # Public codes only: no integer id of any row anywhere in the payload.
    assert '"id":' + str(document.pk) not in receiver.requests[-2].body.decode()
    log = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert log.count() == 7
    assert set(log.values_list("status", flat=True)) == {WebhookDeliveryStatus.SUCCEEDED}
    assert {request.headers["webhook-id"] for request in receiver.requests} == set(
        log.values_list("message_id", flat=True)
    )

    # Nothing new: a second round sends nothing again.
    collect_and_send()
    assert len(receiver.requests) == 7


def test_only_subscribed_types_are_sent(receiver, seller, enterprise_admin):
    endpoint_for(enterprise_admin, seller, receiver.url, types=["document.accepted"])
    ingest(seller)
    collect_and_send()
    assert receiver.types() == ["document.accepted"]


def test_a_500_then_200_is_one_retry_and_the_log_shows_both(
    receiver, seller, enterprise_admin, client_for
):
    endpoint, secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    receiver.answers = [500]
    ingest(seller)
    collect_and_send()
    [delivery] = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert delivery.status == WebhookDeliveryStatus.PENDING
    assert delivery.attempt_count == 1
    assert delivery.response_code == 500
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=3) <= wait <= datetime.timedelta(seconds=7)

    run_jobs("webhooks")  # not due yet: nothing is sent
    assert len(receiver.requests) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        run_jobs("webhooks")
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.SUCCEEDED
    assert delivery.attempt_count == 2
    first, second = receiver.requests
    # The same message: same webhook-id and body, so the receiver can dedupe.
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.message_id
    assert first.body == second.body
    assert verified(second, secret)
    assert list(delivery.attempts.values_list("number", "response_code", "succeeded")) == [
        (1, 500, False),
        (2, 200, True),
    ]

    page = client_for(enterprise_admin).get(f"/app/settings/webhooks/deliveries/{delivery.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Attempt 1" in text and "Attempt 2" in text
    assert "HTTP 500" in text and "HTTP 200" in text
    assert delivery.message_id in text


def test_4xx_is_permanent_but_408_and_429_are_retried(receiver, seller, enterprise_admin):
    endpoint, _secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.received", "document.accepted"]
    )
    receiver.answers = [410, 429]
    ingest(seller)
    collect_and_send()
    received = WebhookDelivery.objects.get(endpoint=endpoint, event_type="document.received")
    accepted = WebhookDelivery.objects.get(endpoint=endpoint, event_type="document.accepted")
    assert received.status == WebhookDeliveryStatus.FAILED
    assert received.attempt_count == 1
    assert received.next_attempt_at is None
    assert accepted.status == WebhookDeliveryStatus.PENDING
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 2
    assert endpoint.failing_since is not None


def test_another_tenants_events_never_reach_an_endpoint(
    receiver, seller, german_admin, enterprise_admin, world
):
    hansa = world.organizations["hansa"]
    endpoint_for(german_admin, hansa, receiver.url)
    # The enterprise's own endpoint without subsidiaries hears nothing of a subsidiary.
    endpoint_for(enterprise_admin, world.organizations["nordlys"], receiver.url + "/enterprise")
    ingest(seller)
    collect_and_send()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_an_enterprise_endpoint_hears_subsidiaries_when_it_asks(
    receiver, seller, enterprise_admin, world
):
    endpoint_for(
        enterprise_admin,
        world.organizations["nordlys"],
        receiver.url,
        types=["document.accepted"],
        include_subsidiaries=True,
    )
    document = ingest(seller)
    collect_and_send()
    [request] = receiver.requests
    assert request.payload["data"]["document"]["id"] == str(document.code)
    assert request.payload["data"]["organization"]["slug"] == "nordlys-energi"


def test_a_subsidiary_admin_may_not_take_in_what_they_cannot_see(world, german_admin):
    from folio.core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        # Hansa's admin does not manage Nordlys at all.
        endpoint_for(german_admin, world.organizations["nordlys"], "https://example.com/x")
    assert not WebhookEndpoint.objects.exists()


def test_disabled_endpoint_gets_nothing(receiver, seller, enterprise_admin):
    endpoint, _secret = endpoint_for(enterprise_admin, seller, receiver.url)
    webhook_endpoint_set_active(
        actor=Actor.for_user(enterprise_admin.user), endpoint=endpoint, active=False
    )
    ingest(seller)
    collect_and_send()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_turning_off_cancels_what_is_still_queued(receiver, seller, enterprise_admin):
    endpoint, _secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    ingest(seller)
    from folio.webhooks.sweeps import collect_webhook_events

    collect_webhook_events()
    webhook_endpoint_set_active(
        actor=Actor.for_user(enterprise_admin.user), endpoint=endpoint, active=False
    )
    run_jobs("webhooks")
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == WebhookDeliveryStatus.CANCELLED


def test_redelivery_sends_the_same_message_again(receiver, seller, enterprise_admin):
    _endpoint, secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    ingest(seller)
    collect_and_send()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDeliveryStatus.SUCCEEDED
    webhook_delivery_redeliver(actor=Actor.for_user(enterprise_admin.user), delivery=delivery)
    run_jobs("webhooks")
    first, again = receiver.requests
    assert again.headers["webhook-id"] == first.headers["webhook-id"]
    assert again.body == first.body
    assert verified(again, secret)
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 2


def test_rotated_secret_signs_next_to_the_old_one_for_a_day(receiver, seller, enterprise_admin):
    endpoint, old_secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    new_secret = webhook_endpoint_rotate_secret(
        actor=Actor.for_user(enterprise_admin.user), endpoint=endpoint
    )
    assert new_secret != old_secret
    ingest(seller, "INV-1")
    collect_and_send()
    [request] = receiver.requests
    assert len(request.headers["webhook-signature"].split()) == 2
    assert verified(request, new_secret) and verified(request, old_secret)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        ingest(seller, "INV-2")
        collect_and_send()
        later = receiver.requests[-1]
        assert len(later.headers["webhook-signature"].split()) == 1
        assert signature_verify(
            secret=new_secret, headers=later.headers, body=later.body, now=int(time.time())
        )
        assert not signature_verify(
            secret=old_secret, headers=later.headers, body=later.body, now=int(time.time())
        )
    # The secret is not stored in clear.
    stored = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert new_secret not in stored.secret_encrypted


def test_private_addresses_are_refused_unless_allowed(receiver, seller, enterprise_admin, settings):
    endpoint, _secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = False
    ingest(seller)
    collect_and_send()
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    # Refused addresses are not retried: only the setting (or the URL) can change that.
    assert delivery.status == WebhookDeliveryStatus.FAILED
    assert "internal address" in delivery.last_error


def test_endpoint_failing_for_days_is_turned_off_and_admins_told(
    receiver, seller, enterprise_admin, settings, django_capture_on_commit_callbacks
):
    settings.FOLIO_WEBHOOK_DISABLE_AFTER_DAYS = 3
    endpoint, _secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    receiver.answers = [503] * 20
    ingest(seller, "INV-1")
    collect_and_send()
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.consecutive_failures == 1
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ingest(seller, "INV-2")
        collect_and_send()
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.disabled_reason == "failing"
    [message] = [m for m in mail.outbox if "webhook" in m.subject.lower()]
    assert enterprise_admin.user.email in message.to
    assert endpoint.url in message.body
    assert f"/app/settings/webhooks/{endpoint.code}/" in message.body
    # Once off, nothing more is collected for it.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=2)):
        ingest(seller, "INV-3")
        collect_and_send()
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 2


def test_a_send_that_died_is_recovered_and_sent_again(receiver, seller, enterprise_admin):
    from folio.webhooks.services import webhook_deliveries_recover
    from folio.webhooks.sweeps import collect_webhook_events

    endpoint, _secret = endpoint_for(
        enterprise_admin, seller, receiver.url, types=["document.accepted"]
    )
    ingest(seller)
    collect_webhook_events()
    # A worker claimed it and died before recording anything.
    WebhookDelivery.objects.filter(endpoint=endpoint).update(
        status=WebhookDeliveryStatus.SENDING,
        attempt_count=1,
        claimed_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    assert webhook_deliveries_recover() == 1
    run_jobs("webhooks")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == WebhookDeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 1


def test_opened_and_bounced_events(receiver, smtp_server, seller, enterprise_admin):
    from folio.channels.email.bounces import BounceReport, bounce_record
    from folio.delivery.services import document_opened_record

    endpoint_for(
        enterprise_admin,
        seller,
        receiver.url,
        types=[
            "document.opened",
            "document.viewed",
            "delivery.bounced",
            "delivery.failed",
            "document.failed",
        ],
    )
    opened = ingest(seller, "INV-OPEN")
    bounced = ingest(seller, "INV-BOUNCE")
    run_jobs("delivery")
    document_opened_record(document=opened, via="link", actor=Actor.for_system("recipient"))
    sent = Delivery.objects.get(document=bounced)
    assert sent.status == DeliveryStatus.SENT
    outcome = bounce_record(
        report=BounceReport(
            report_id="r-1",
            message_key=sent.message_key,
            original_message_id="",
            recipient="post@buyercompany.no",
            status="5.1.1",
            diagnostic="user unknown",
        ),
        actor=Actor.for_system("bounces"),
    )
    assert outcome == "failed"
    collect_and_send()
    by_type = {request.payload["type"]: request.payload["data"] for request in receiver.requests}
    assert set(by_type) == {
        "document.opened",
        "document.viewed",
        "delivery.bounced",
        "document.failed",
    }
    assert by_type["document.opened"]["document"]["id"] == str(opened.code)
    # A hard bounce is the delivery's failure: one event, with the bounce's details.
    assert by_type["delivery.bounced"]["delivery"]["id"] == str(sent.code)
    assert by_type["delivery.bounced"]["bounce"] == {
        "status": "5.1.1",
        "recipient": "post@buyercompany.no",
        "permanent": True,
    }
    # No other channel reaches this buyer (no postal address), so the document fails.
    assert by_type["document.failed"]["document"]["id"] == str(bounced.code)


def test_an_event_committed_after_a_later_one_is_not_missed(receiver, seller, enterprise_admin):
    """PostgreSQL hands out ids at insert, so a slow transaction can commit an event with a
    lower id after the sweep has read past it; the cursor looks for such gaps again."""
    from folio.documents.models import DocumentEvent, EventKind
    from folio.webhooks.models import WebhookCursor
    from folio.webhooks.sweeps import collect_webhook_events

    endpoint_for(enterprise_admin, seller, receiver.url, types=["document.accepted"])
    document = ingest(seller)
    collect_and_send()
    assert receiver.types() == ["document.accepted"]
    last = DocumentEvent.objects.latest("id")
    # The event that took id last+1 is still uncommitted while last+2 is already visible.
    DocumentEvent.objects.create(
        id=last.id + 2, document=document, at=timezone.now(), kind=EventKind.COMMENT
    )
    collect_webhook_events()
    cursor = WebhookCursor.objects.get()
    assert cursor.last_event_id == last.id + 2
    assert [gap[0] for gap in cursor.gaps] == [last.id + 1]
    DocumentEvent.objects.create(
        id=last.id + 1,
        document=document,
        at=timezone.now(),
        kind=EventKind.ACCEPTED,
        from_status="received",
        to_status="accepted",
    )
    collect_and_send()
    assert receiver.types() == ["document.accepted", "document.accepted"]
    assert WebhookCursor.objects.get().gaps == []
    # A gap that never fills (a rolled-back transaction) is given up after a while.
    DocumentEvent.objects.create(
        id=last.id + 4, document=document, at=timezone.now(), kind=EventKind.COMMENT
    )
    collect_webhook_events()
    assert [gap[0] for gap in WebhookCursor.objects.get().gaps] == [last.id + 3]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        collect_webhook_events()
    assert WebhookCursor.objects.get().gaps == []


def test_redelivering_a_given_up_delivery_starts_a_new_round_of_retries(
    receiver, seller, enterprise_admin, settings
):
    settings.FOLIO_WEBHOOK_MAX_ATTEMPTS = 2
    endpoint_for(enterprise_admin, seller, receiver.url, types=["document.accepted"])
    receiver.answers = [500, 500, 500]
    ingest(seller)
    collect_and_send()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        run_jobs("webhooks")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDeliveryStatus.FAILED
    assert delivery.attempt_count == 2

    webhook_delivery_redeliver(actor=Actor.for_user(enterprise_admin.user), delivery=delivery)
    run_jobs("webhooks")
    delivery.refresh_from_db()
    # The third attempt failed too, and is retried on the schedule's first wait again.
    assert delivery.status == WebhookDeliveryStatus.PENDING
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=3) <= wait <= datetime.timedelta(seconds=7)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=10)):
        run_jobs("webhooks")
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.SUCCEEDED
    assert delivery.attempt_count == 4
    assert len({request.headers["webhook-id"] for request in receiver.requests}) == 1


def test_the_scheduler_runs_the_webhook_sweeps(receiver, seller, enterprise_admin):
    from folio.core.scheduling import sweeps_discover, sweeps_run_due

    registry = sweeps_discover()
    assert {"webhooks.collect", "webhooks.recover"} <= set(registry.sweeps)
    endpoint_for(enterprise_admin, seller, receiver.url, types=["document.accepted"])
    ingest(seller)
    ran = sweeps_run_due(registry)
    assert "webhooks.collect" in ran and "webhooks.recover" in ran
    run_jobs("webhooks")
    assert receiver.types() == ["document.accepted"]
