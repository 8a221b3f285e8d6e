"""The sender's desk (/app/desk/): approve customers' data changes, resolve disputes; another
tenant's requests cannot be decided."""

from __future__ import annotations

from folio.collections.models import DisputeStatus
from folio.collections.services import dispute_create
from folio.servicedesk.models import ChangeStatus
from folio.servicedesk.services import change_request_create
from folio.tenancy.actors import Actor
from tests.factories import DocumentFactory


def test_clerk_approves_a_change_and_credits_a_dispute(consumer_recipient, personas, client_for):
    kari = consumer_recipient
    actor = Actor.for_user(kari.user)
    change = change_request_create(contact=kari.contact, fields={"city": "Bergen"}, actor=actor)
    invoice = DocumentFactory(customer=kari.customer, status="sent")
    dispute = dispute_create(
        contact=kari.contact, document=invoice, reason="damaged", comment="Broken", actor=actor
    )
    german = client_for(personas["german_admin"])
    page = german.get("/app/desk/").content.decode()
    assert "Bergen" not in page and invoice.number not in page
    refused = german.post("/app/desk/changes/decide/", {"code": change.code, "decision": "approve"})
    assert refused.status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING

    clerk = client_for(personas["subsidiary_clerk_no"])
    page = clerk.get("/app/desk/").content.decode()
    assert "Bergen" in page and invoice.number in page
    clerk.post("/app/desk/changes/decide/", {"code": change.code, "decision": "approve"})
    clerk.post(
        "/app/desk/disputes/decide/", {"code": dispute.code, "decision": "accept", "answer": "ok"}
    )
    change.refresh_from_db()
    dispute.refresh_from_db()
    kari.customer.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED and kari.customer.city == "Bergen"
    assert dispute.status == DisputeStatus.ACCEPTED and dispute.credit_note is not None
