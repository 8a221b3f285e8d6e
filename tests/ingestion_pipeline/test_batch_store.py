"""The store step at batch scale: documents of a ZIP commit in groups, share one run (engine,
buyer matches, stop rules), and each keeps its own result, events, files and next job."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from folio.core.errors import IllegalTransitionError
from folio.customers.models import Customer
from folio.documents.models import Document, DocumentFile, DocumentStatus, EventKind, FileKind
from folio.documents.services import DocumentInput, document_receive
from folio.ingestion import services as ingestion_services
from folio.ingestion.models import Submission
from folio.tenancy.actors import Actor
from tests.factories import CustomerFactory
from tests.ingestion_pipeline.conftest import NOTIFY_TASK, ROUTE_TASK, enqueued, post_json
from tests.ingestion_pipeline.documents import business_buyer, folio_json
from tests.ingestion_pipeline.test_attacks_and_entry_points import post_zip, zip_of
from tests.ingestion_pipeline.test_stop_filters import add_rule


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def body(document: dict) -> bytes:
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("bound", "value"),
    [
        # Groups of two, so that the seven files span four commits.
        ("GROUP_COMMIT_DOCUMENTS", 2),
        # Groups closed by the bytes a group holds prepared: one document each.
        ("GROUP_PREPARE_BYTES", 1),
    ],
)
def test_a_batch_commits_in_groups_and_every_file_keeps_its_own_result(
    api, sender, monkeypatch, bound, value
):
    monkeypatch.setattr(ingestion_services, bound, value)
    strict = CustomerFactory(sender=sender, business=True, org_number="987654325")
    add_rule(api, kind="required_term", term="contract_reference", customer=str(strict.code))
    newcomer = business_buyer("922222223")
    files = {
        "a.json": body(folio_json("G-1", buyer=newcomer)),
        "b.json": body(folio_json("G-2", buyer=newcomer)),
        "c.json": body(folio_json("G-1", buyer=newcomer)),
        "d.json": b"{not json",
        "e.json": body(folio_json("G-3")),
        "f.json": body(folio_json("G-4", contract_reference="K-1")),
        "g.json": body(folio_json("G-5", buyer=newcomer)),
    }
    response = post_zip(api, zip_of(files))
    assert response.status_code == 200, response.json()
    summary = response.json()
    assert (summary["count"], summary["stored"], summary["duplicates"], summary["rejected"]) == (
        7,
        5,
        1,
        1,
    )
    results = {result["file"]: result for result in summary["results"]}
    statuses = {name: (r["status"], r.get("document_status")) for name, r in results.items()}
    assert statuses == {
        "a.json": (201, "accepted"),
        "b.json": (201, "accepted"),
        "c.json": (409, None),
        "d.json": (422, None),
        "e.json": (201, "stopped"),
        "f.json": (201, "accepted"),
        "g.json": (201, "accepted"),
    }
    # The duplicate names the document stored earlier in the same batch.
    assert results["c.json"]["existing_id"] == results["a.json"]["id"]
    assert results["d.json"]["code"] == "json_malformed"

    # The unknown buyer became one customer (flagged), which the later documents matched.
    [created] = Customer.objects.filter(sender=sender, org_number="922222223")
    assert created.needs_review
    for name in ("a.json", "b.json", "g.json"):
        assert results[name]["customer"] == str(created.code)
    assert results["e.json"]["customer"] == str(strict.code)

    accepted = Document.objects.get(code=results["a.json"]["id"])
    assert list(accepted.events.order_by("at", "id").values_list("kind", flat=True)) == [
        EventKind.RECEIVED,
        EventKind.VALIDATED,
        EventKind.ACCEPTED,
    ]
    assert accepted.lines.count() == 2 and accepted.versions.get().outcome == "accepted"
    stopped = Document.objects.get(code=results["e.json"]["id"])
    assert stopped.status == DocumentStatus.STOPPED
    events = list(stopped.events.order_by("at", "id"))
    assert [e.kind for e in events] == [EventKind.RECEIVED, EventKind.VALIDATED, EventKind.STOPPED]
    assert (events[-1].from_status, events[-1].to_status) == ("received", "stopped")
    assert events[-1].data["reasons"][0]["term"] == "contract_reference"
    assert stopped.status_reason == events[-1].message != ""
    for name, status in statuses.items():
        if status == (201, "accepted"):
            assert enqueued(ROUTE_TASK, results[name]["id"]) == 1
            assert enqueued(NOTIFY_TASK, results[name]["id"]) == 0
    assert enqueued(ROUTE_TASK, results["e.json"]["id"]) == 0
    assert enqueued(NOTIFY_TASK, results["e.json"]["id"]) == 1

    # Files only for the five stored documents: the duplicate wrote none, not even on disk.
    assert DocumentFile.objects.count() == 10
    assert {f.kind for f in stopped.files.all()} == {FileKind.SOURCE_XML, FileKind.SOURCE_JSON}
    assert len(stored_files()) == 10


def test_a_duplicate_number_changes_nothing_and_binds_no_key(api, sender):
    first = post_json(api, folio_json("D-1", lines=3))
    assert first.status_code == 201
    files_before, rows_before = stored_files(), DocumentFile.objects.count()
    customers_before = Customer.objects.count()
    again = post_json(api, folio_json("D-1", buyer=business_buyer("922222223")))
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]
    keyed = post_json(api, folio_json("D-1"), **{"Idempotency-Key": "dup-1"})
    assert keyed.status_code == 409 and keyed.json()["existing_id"] == first.json()["id"]
    assert not Submission.objects.filter(idempotency_key="dup-1").exists()
    # No customer for the second document's unknown buyer, no file, no row, no event.
    assert Customer.objects.count() == customers_before
    assert (stored_files(), DocumentFile.objects.count()) == (files_before, rows_before)
    [document] = Document.objects.filter(number="D-1")
    assert document.lines.count() == 3 and document.events.count() == 3
    assert enqueued(ROUTE_TASK, first.json()["id"]) == 1


def test_a_rule_made_after_a_batch_counts_for_the_next_batch(api, sender):
    first = post_zip(api, zip_of({"a.json": body(folio_json("N-1"))})).json()
    assert first["results"][0]["document_status"] == "accepted"
    add_rule(api, kind="required_term", term="project_reference")
    second = post_zip(api, zip_of({"b.json": body(folio_json("N-2"))})).json()
    assert second["results"][0]["document_status"] == "stopped"


def test_receive_refuses_a_status_a_received_document_cannot_move_to(sender):
    data = DocumentInput(
        type="invoice",
        number="R-1",
        issue_date=datetime.date(2026, 11, 1),
        currency="NOK",
        amount_net=Decimal("100.00"),
        amount_vat=Decimal("25.00"),
        amount_total=Decimal("125.00"),
        amount_payable=Decimal("125.00"),
    )
    with pytest.raises(IllegalTransitionError):
        document_receive(
            actor=Actor.for_system("test"),
            organization=sender,
            customer=None,
            data=data,
            files=[],
            events=[],
            status=DocumentStatus.DELIVERED,
        )
    assert not Document.objects.filter(number="R-1").exists()
