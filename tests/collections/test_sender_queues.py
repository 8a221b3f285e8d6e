"""What the sender side reads: open disputes and promises, scoped to the staff user's tenants."""

from __future__ import annotations

import datetime

from django.utils import timezone

from folio.collections.selectors import disputes_open_for, promises_open_for
from folio.collections.services import dispute_create, promise_create
from folio.tenancy.actors import Actor
from tests.factories import DocumentFactory


def test_queues_show_own_tenants_only(consumer_recipient, personas):
    kari = consumer_recipient
    actor = Actor.for_user(kari.user)
    disputed = DocumentFactory(customer=kari.customer, status="sent")
    promised = DocumentFactory(customer=kari.customer, status="sent")
    dispute = dispute_create(
        contact=kari.contact, document=disputed, reason="other", comment="", actor=actor
    )
    promise = promise_create(
        contact=kari.contact,
        documents=[promised],
        amount=promised.amount_open,
        promised_date=timezone.localdate() + datetime.timedelta(days=3),
        actor=actor,
    )
    clerk = Actor.for_user(personas["subsidiary_clerk_no"].user)
    german = Actor.for_user(personas["german_admin"].user)
    assert list(disputes_open_for(clerk)) == [dispute]
    assert list(promises_open_for(clerk)) == [promise]
    assert not disputes_open_for(german).exists()
    assert not promises_open_for(german).exists()
