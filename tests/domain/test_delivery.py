"""Deliveries: the delivery status table, its events, and tenant rules."""

import pytest

from folio.core.errors import IllegalTransitionError, NotFoundError, PermissionDeniedError
from folio.delivery.models import DELIVERY_TRANSITIONS, Delivery, DeliveryStatus
from folio.delivery.selectors import deliveries_visible_to
from folio.delivery.services import delivery_create, delivery_transition
from folio.documents.models import DocumentEvent, DocumentStatus, EventKind
from folio.tenancy.actors import Actor
from tests.factories import DeliveryFactory, DocumentFactory

LEGAL_MOVES = sorted((a, b) for a, targets in DELIVERY_TRANSITIONS.items() for b in targets)
ILLEGAL_MOVES = sorted(
    (a, b)
    for a in DeliveryStatus.values
    for b in DeliveryStatus.values
    if b not in DELIVERY_TRANSITIONS[a]
)
SYSTEM = Actor.for_system


def state_of(delivery: Delivery) -> tuple:
    row = Delivery.objects.filter(pk=delivery.pk).values().get()
    events = DocumentEvent.objects.filter(document_id=delivery.document_id)
    return row, list(events.values_list("id", flat=True))


def test_create_records_the_routing_decision(db):
    document = DocumentFactory(status=DocumentStatus.ACCEPTED, line_count=1)
    delivery = delivery_create(
        document=document, channel="email", actor=SYSTEM("router"), reason="customer prefers"
    )
    assert delivery.status == DeliveryStatus.PENDING
    routed = document.events.get(kind=EventKind.ROUTED)
    assert (routed.delivery, routed.channel, routed.message) == (
        delivery,
        "email",
        "customer prefers",
    )
    fallback = delivery_create(
        document=document, channel="print", actor=SYSTEM("router"), fallback_of=delivery
    )
    assert fallback.message_key != delivery.message_key
    assert document.events.filter(kind=EventKind.FALLBACK, delivery=fallback).count() == 1


def test_an_unknown_channel_is_refused(db, row_counts):
    document = DocumentFactory(status=DocumentStatus.ACCEPTED, line_count=1)
    before = row_counts()
    with pytest.raises(ValueError):
        delivery_create(document=document, channel="pigeon", actor=SYSTEM("router"))
    assert row_counts() == before


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL_MOVES)
def test_each_legal_move_writes_exactly_one_event(db, from_status, to_status):
    delivery = DeliveryFactory(status=from_status)
    events_before = DocumentEvent.objects.filter(document=delivery.document).count()
    delivery_transition(
        delivery=delivery, to_status=to_status, actor=SYSTEM("worker"), external_reference="ext-1"
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.external_reference) == (to_status, "ext-1")
    events = DocumentEvent.objects.filter(document=delivery.document)
    assert events.count() == events_before + 1
    event = events.order_by("-id").first()
    assert (event.delivery, event.from_status, event.to_status) == (
        delivery,
        from_status,
        to_status,
    )


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL_MOVES)
def test_each_illegal_move_is_refused_and_changes_nothing(db, from_status, to_status):
    delivery = DeliveryFactory(status=from_status)
    before = state_of(delivery)
    with pytest.raises(IllegalTransitionError) as refused:
        delivery_transition(delivery=delivery, to_status=to_status, actor=SYSTEM("worker"))
    assert refused.value.extra == {"from": from_status, "to": to_status}
    assert state_of(delivery) == before


@pytest.mark.parametrize(
    ("persona", "error"),
    [
        ("viewer", PermissionDeniedError),
        ("subsidiary_clerk_se", NotFoundError),
        ("german_admin", NotFoundError),
        ("outsider", NotFoundError),
    ],
)
def test_only_senders_of_the_document_may_create_or_move_deliveries(
    world, personas, row_counts, persona, error
):
    document = world.documents["kari-credit-note"]  # ACCEPTED
    delivery = DeliveryFactory(document=document)
    actor = Actor.for_user(personas[persona].user)
    before = row_counts(), state_of(delivery)
    with pytest.raises(error):
        delivery_create(document=document, channel="email", actor=actor)
    with pytest.raises(error):
        delivery_transition(delivery=delivery, to_status=DeliveryStatus.SENDING, actor=actor)
    assert (row_counts(), state_of(delivery)) == before


def test_deliveries_are_visible_with_their_documents(world, personas):
    own = DeliveryFactory(document=world.documents["kari-credit-note"])
    foreign = DeliveryFactory(document=world.documents["svea-credit-note"])
    clerk = Actor.for_user(personas["subsidiary_clerk_no"].user)
    assert list(deliveries_visible_to(clerk)) == [own]
    admin = Actor.for_user(personas["enterprise_admin"].user)
    assert set(deliveries_visible_to(admin)) == {own, foreign}
