"""Routing decisions, fallback chains, dry run, and retries of temporary failures."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from folio.core.errors import PermissionDeniedError
from folio.delivery.models import AttemptOutcome, Delivery, DeliveryStatus
from folio.delivery.routing import routing_decide, routing_dry_run
from folio.delivery.services import (
    customer_channel_force,
    delivery_policy_update,
    fallback_chain_set,
)
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind
from folio.tenancy.actors import Actor
from tests.delivery.conftest import accepted_document, run_jobs
from tests.factories import ContactFactory, CustomerFactory, MembershipFactory, UserFactory


@pytest.mark.django_db
def test_cheapest_reachable_channel_wins_and_the_reason_says_why():
    customer = CustomerFactory(email="a@example.test", portal_access=True)
    decision = routing_decide(organization=customer.sender, customer=customer)
    assert decision.channel == "portal"  # 0.05 beats e-mail's 0.10 and print
    assert "Cheapest" in decision.reason
    considered = {row["channel"]: row for row in decision.considered}
    assert considered["email"]["available"] and considered["print"]["available"]
    assert not considered["peppol"]["available"]

    delivery_policy_update(
        organization=customer.sender,
        actor=Actor.for_system("tests"),
        cost_table={"email": "0.01"},
    )
    assert routing_decide(organization=customer.sender, customer=customer).channel == "email"


@pytest.mark.django_db
def test_forced_and_preferred_channels_come_first():
    customer = CustomerFactory(email="b@example.test", preferred_channel="print")
    sender = customer.sender
    assert routing_decide(organization=sender, customer=customer).channel == "print"
    delivery_policy_update(organization=sender, actor=Actor.for_system("t"), forced_channel="email")
    decision = routing_decide(organization=sender, customer=customer)
    assert (decision.channel, decision.reason) == (
        "email",
        "Forced by the sender for all documents.",
    )
    customer_channel_force(customer=customer, channel="smartmail", actor=Actor.for_system("t"))
    assert routing_decide(organization=sender, customer=customer).channel == "smartmail"
    per_document = routing_decide(organization=sender, customer=customer, forced_channel="print")
    assert (per_document.channel, per_document.reason) == ("print", "Forced for this document.")


@pytest.mark.django_db
def test_unreachable_forced_channel_gives_way_with_its_reason():
    customer = CustomerFactory(email="", preferred_channel="email")
    decision = routing_decide(organization=customer.sender, customer=customer)
    assert decision.channel == "print"
    assert "no e-mail address" in decision.reason


@pytest.mark.django_db
def test_dry_run_lists_each_customer_and_writes_nothing():
    first = CustomerFactory(email="c@example.test")
    second = CustomerFactory(sender=first.sender, email="", address_line1="")
    rows = routing_dry_run(organization=first.sender, actor=Actor.for_system("t"))
    by_customer = {row.customer: row for row in rows}
    assert by_customer[first].channel == "email"
    assert by_customer[second].channel == ""
    assert "No channel can reach" in by_customer[second].reason
    assert Delivery.objects.count() == 0


@pytest.mark.django_db
def test_only_a_sender_admin_sets_the_policy():
    membership = MembershipFactory(role="clerk")
    with pytest.raises(PermissionDeniedError):
        delivery_policy_update(
            organization=membership.organization,
            actor=Actor.for_user(membership.user),
            forced_channel="print",
        )


@pytest.mark.django_db(transaction=True)
def test_fallback_chain_per_document_type(smtp_server):
    document = accepted_document(email="reject@example.test")
    fallback_chain_set(
        organization=document.organization,
        channels=["email", "portal", "print"],
        actor=Actor.for_system("t"),
        document_type="invoice",
    )
    route_document.enqueue(str(document.code))
    run_jobs()
    channels = list(Delivery.objects.filter(document=document).values_list("channel", "status"))
    # The portal is next in the chain but the customer has no portal access: print.
    assert channels == [("email", "failed"), ("print", "sent")]
    assert document.events.filter(kind=EventKind.FALLBACK).count() == 1


@pytest.mark.django_db(transaction=True)
def test_temporary_failure_retries_with_backoff_then_succeeds(smtp_server, settings):
    settings.FOLIO_DELIVERY_RETRY_BASE_SECONDS = 60
    document = accepted_document(email="busy@example.test")
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts.get().outcome == AttemptOutcome.TRANSIENT_ERROR
    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 25 <= wait <= 60  # 60 s with jitter (50-100 %)

    Delivery.objects.filter(pk=delivery.pk).update(address="kari@example.test")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        run_jobs()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert [a.outcome for a in delivery.attempts.order_by("at")] == [
        AttemptOutcome.TRANSIENT_ERROR,
        AttemptOutcome.SUCCESS,
    ]
    assert len(smtp_server.messages()) == 1


@pytest.mark.django_db(transaction=True)
def test_gives_up_after_the_last_attempt_and_falls_back(smtp_server, settings):
    settings.FOLIO_DELIVERY_MAX_ATTEMPTS = 2
    document = accepted_document(email="busy@example.test")
    route_document.enqueue(str(document.code))
    run_jobs()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        run_jobs()
    email = Delivery.objects.get(document=document, channel="email")
    assert email.status == DeliveryStatus.FAILED
    assert email.attempt_count == 2
    assert Delivery.objects.get(document=document, channel="print").fallback_of == email


@pytest.mark.django_db(transaction=True)
def test_portal_publishes_notifies_and_tracks_opening(smtp_server):
    document = accepted_document(email="portal@example.test", portal_access=True)
    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.status) == ("portal", DeliveryStatus.DELIVERED)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DELIVERED
    [notice] = smtp_server.messages()
    text = notice.get_body(preferencelist=("plain",)).get_content()
    assert f"/portal/documents/{document.code}/" in text
    assert list(notice.iter_attachments()) == []

    from folio.delivery.services import document_opened_record

    document_opened_record(document=document, via="portal", actor=Actor.for_system("t"))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.OPENED and delivery.opened_at is not None


@pytest.mark.django_db(transaction=True)
def test_bounce_webhook_needs_the_signature(smtp_server, settings, tmp_path):
    settings.FOLIO_BOUNCE_WEBHOOK_SECRET = "s3cret"
    document = accepted_document(email="bounce-web@example.test")
    route_document.enqueue(str(document.code))
    run_jobs()
    [dsn_path] = (tmp_path / "mail" / "bounces" / "new").iterdir()
    raw = dsn_path.read_bytes()
    client = Client()

    refused = client.post(
        "/delivery/webhooks/bounces/",
        raw,
        content_type="message/rfc822",
        headers={"X-Folio-Signature": "0" * 64},
    )
    assert refused.status_code == 403
    assert Delivery.objects.get(document=document).status == DeliveryStatus.SENT

    signature = hmac.new(b"s3cret", raw, hashlib.sha256).hexdigest()
    accepted = client.post(
        "/delivery/webhooks/bounces/",
        raw,
        content_type="message/rfc822",
        headers={"X-Folio-Signature": signature},
    )
    assert accepted.json() == {"outcome": "failed"}
    assert Delivery.objects.get(document=document, channel="email").status == "failed"
    again = client.post(
        "/delivery/webhooks/bounces/",
        raw,
        content_type="message/rfc822",
        headers={"X-Folio-Signature": signature},
    )
    assert again.json() == {"outcome": "duplicate"}
    assert Decimal(Delivery.objects.get(document=document, channel="print").cost) > 0


@pytest.mark.django_db(transaction=True)
def test_opening_in_the_customer_portal_marks_the_portal_delivery_opened(smtp_server):
    document = accepted_document(email="login@example.test", portal_access=True)
    route_document.enqueue(str(document.code))
    run_jobs()
    user = UserFactory()
    ContactFactory(customer=document.customer, user=user)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get(f"/portal/documents/{document.code}/")

    assert page.status_code == 200
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.status) == ("portal", DeliveryStatus.OPENED)
    opened = document.events.get(kind=EventKind.OPENED)
    assert opened.data == {"via": "portal"}
    assert document.events.get(kind=EventKind.VIEWED).actor_user == user


@pytest.mark.django_db
def test_dry_run_command_prints_json():
    customer = CustomerFactory(email="cli@example.test")
    out = io.StringIO()
    call_command("routing_dry_run", "--sender", customer.sender.slug, "--json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert (row["customer"], row["channel"]) == (customer.customer_number, "email")
    assert Delivery.objects.count() == 0
