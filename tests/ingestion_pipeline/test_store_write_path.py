"""The store step's write path: the rows, files and jobs it writes in few statements are the
ones the ORM's one-by-one path writes (documents, lines, files, events, routing jobs)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import transaction
from django.forms.models import model_to_dict
from django_tasks_db.models import DBTaskResult

from folio.delivery.tasks import route_document
from folio.documents.models import Document, DocumentFile, DocumentStatus, FileKind
from folio.documents.services import (
    DocumentInput,
    EventInput,
    FileInput,
    LineInput,
    document_create,
    document_receive,
)
from folio.ingestion.batches import batch_ingest
from folio.ingestion.services import IngestRun, document_ingest, ingest_in_groups
from folio.tenancy.actors import Actor
from tests.ingestion_pipeline.conftest import ROUTE_TASK, enqueued
from tests.ingestion_pipeline.documents import folio_json
from tests.ingestion_pipeline.test_attacks_and_entry_points import zip_of

ACTOR = Actor.for_system("test")


def document_data(number: str) -> DocumentInput:
    return DocumentInput(
        type="invoice",
        number=number,
        issue_date=datetime.date(2026, 11, 1),
        due_date=datetime.date(2026, 11, 15),
        currency="NOK",
        amount_net=Decimal("1000.10"),
        amount_vat=Decimal("250.03"),
        amount_total=Decimal("1250.13"),
        amount_payable=Decimal("1250.13"),
        payment_reference="0010015",
        buyer_reference="Kari",
        counterparty_name="Buyercompany ASA",
        note="Første linje\nAndre 'linje' \"sitert\"",
        lines=[
            LineInput(
                item_name="Strøm, november",
                quantity=Decimal("100.1234"),
                unit_price=Decimal("1.2500"),
                amount_net=Decimal("125.15"),
                unit_code="KWH",
                description='Målepunkt 707057500000000000; "nett" \\ leie',
                line_id="L-1",
            ),
            LineInput(
                item_name="Fastledd",
                quantity=Decimal("1"),
                unit_price=Decimal("-49"),
                amount_net=Decimal("-49.00"),
                vat_category="Z",
                vat_rate=Decimal("0"),
            ),
            LineInput(
                item_name="x" * 300,
                quantity=Decimal("0.0001"),
                unit_price=Decimal("12345.6789"),
                amount_net=Decimal("1234567.89"),
                vat_rate=Decimal("12.5"),
            ),
        ],
    )


LINE_COLUMNS = (
    "position",
    "line_id",
    "item_name",
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "amount_net",
    "vat_category",
    "vat_rate",
)
DOCUMENT_SKIPPED = {"id", "code", "number", "status", "status_changed_at"}


def test_receive_stores_the_rows_the_orm_path_stores(sender):
    created = document_create(
        actor=ACTOR, organization=sender, customer=None, data=document_data("ORM-1")
    )
    received, _files = document_receive(
        actor=ACTOR,
        organization=sender,
        customer=None,
        data=document_data("FAST-1"),
        files=[],
        events=[],
    )
    assert received.pk is not None and not received._state.adding
    again = Document.objects.get(pk=received.pk)
    assert again.code == received.code and again.status == DocumentStatus.RECEIVED
    skip = lambda document: {  # noqa: E731
        name: value
        for name, value in model_to_dict(document).items()
        if name not in DOCUMENT_SKIPPED
    }
    assert skip(again) == skip(Document.objects.get(pk=created.pk))
    assert again.created_at is not None and again.updated_at is not None
    assert list(again.lines.values_list(*LINE_COLUMNS)) == list(
        created.lines.values_list(*LINE_COLUMNS)
    )
    [first, second, third] = again.lines.all()
    assert (first.line_id, second.line_id, third.line_id) == ("L-1", "2", "3")
    assert first.quantity == Decimal("100.1234") and third.amount_net == Decimal("1234567.89")
    assert list(again.events.values_list("kind", "to_status", "actor_label")) == [
        ("received", "received", ACTOR.label)
    ]


def test_receive_writes_each_file_under_its_own_name_and_never_over_another(sender):
    files = [
        FileInput(FileKind.SOURCE_XML, "R-1.xml", b"<Invoice/>", "application/xml"),
        FileInput(FileKind.SOURCE_JSON, "R-1.json", b"{}", "application/json"),
        # The same name again: a name of its own, the first file left as it was.
        FileInput(FileKind.SOURCE_XML, "R-1.xml", b"<Invoice>2</Invoice>", "application/xml"),
    ]
    document, stored = document_receive(
        actor=ACTOR,
        organization=sender,
        customer=None,
        data=document_data("FILES-1"),
        files=files,
        events=[EventInput(kind="validated", message="ok", data={"engine": "native"})],
    )
    root = Path(settings.MEDIA_ROOT).resolve()
    prefix = f"documents/{document.code}"
    assert [f.file.name for f in stored[:2]] == [
        f"{prefix}/source_xml/R-1.xml",
        f"{prefix}/source_json/R-1.json",
    ]
    again = stored[2].file.name
    assert again.startswith(f"{prefix}/source_xml/R-1_") and again.endswith(".xml")
    assert all(f.pk is not None for f in stored)
    rows = DocumentFile.objects.filter(document=document).order_by("id")
    for row, new_file in zip(rows, files, strict=True):
        assert (root / row.file.name).read_bytes() == new_file.content
        with row.file.open("rb") as handle:
            assert handle.read() == new_file.content
        assert (row.size, row.filename) == (len(new_file.content), new_file.filename)
    assert list(document.events.values_list("kind", flat=True)) == ["received", "validated"]


def test_receive_refuses_a_file_name_that_climbs_out_and_stores_nothing(sender):
    climbing = FileInput(FileKind.ATTACHMENT, "../../../outside.xml", b"<x/>", "application/xml")
    with pytest.raises(SuspiciousFileOperation), transaction.atomic():
        document_receive(
            actor=ACTOR,
            organization=sender,
            customer=None,
            data=document_data("CLIMB-1"),
            files=[climbing],
            events=[],
        )
    assert not Document.objects.filter(number="CLIMB-1").exists()
    root = Path(settings.MEDIA_ROOT).resolve()
    assert not list(root.parent.rglob("outside.xml"))


def test_receive_saves_through_another_storage_as_through_its_own_save(sender, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    document, [stored] = document_receive(
        actor=ACTOR,
        organization=sender,
        customer=None,
        data=document_data("MEM-1"),
        files=[FileInput(FileKind.SOURCE_XML, "M.xml", b"<Invoice/>", "application/xml")],
        events=[],
    )
    assert stored.file.name == f"documents/{document.code}/source_xml/M.xml"
    with DocumentFile.objects.get(pk=stored.pk).file.open("rb") as handle:
        assert handle.read() == b"<Invoice/>"
    assert not Path(settings.MEDIA_ROOT, "documents").exists()


def job_row(row: DBTaskResult) -> tuple:
    return (
        row.task_path,
        row.queue_name,
        row.priority,
        row.backend_name,
        row.status,
        row.run_after,
        row.worker_ids,
        row.return_value,
    )


def test_a_batch_enqueues_the_routing_jobs_route_document_enqueue_would(sender):
    reference = DBTaskResult.objects.get(pk=route_document.enqueue("reference").id)
    results = batch_ingest(
        organization=sender,
        data=zip_of(
            {
                "a.json": _json("J-1"),
                "b.json": _json("J-2"),
                "c.json": _json("J-1"),
            }
        ),
        actor=ACTOR,
    )
    assert [outcome.status for _name, outcome in results] == [201, 201, 409]
    jobs = DBTaskResult.objects.filter(task_path=ROUTE_TASK).exclude(pk=reference.pk)
    assert sorted(job.args_kwargs["args"][0] for job in jobs) == sorted(
        outcome.body["id"] for _name, outcome in results[:2]
    )
    for job in jobs:
        assert job_row(job) == job_row(reference)
        assert job.args_kwargs == {"args": [job.args_kwargs["args"][0]], "kwargs": {}}
        assert job.enqueued_at is not None


def _json(number: str) -> bytes:
    return json.dumps(folio_json(number)).encode()


def test_a_group_enqueues_its_routing_jobs_when_it_ends_and_not_if_it_rolls_back(sender):
    run = IngestRun()
    seen: list[int] = []

    def ingest(number: str):
        if number == "boom":
            raise RuntimeError("boom")
        outcome = document_ingest(organization=sender, body=_json(number), actor=ACTOR, run=run)
        seen.append(DBTaskResult.objects.filter(task_path=ROUTE_TASK).count())
        return outcome

    def in_groups(numbers: list[str]):
        return ingest_in_groups(
            numbers,
            prepare_one=lambda number: number,
            store_one=ingest,
            prepared_size=lambda number: 0,
            run=run,
        )

    [first, second] = in_groups(["Q-1", "Q-2"])
    # Enqueued together as the group ended, in its transaction.
    assert seen == [0, 0]
    assert enqueued(ROUTE_TASK, first.body["id"]) == enqueued(ROUTE_TASK, second.body["id"]) == 1
    assert run.routes_pending is None

    with pytest.raises(RuntimeError):
        in_groups(["Q-3", "boom"])
    assert not Document.objects.filter(number="Q-3").exists()
    assert DBTaskResult.objects.filter(task_path=ROUTE_TASK).count() == 2
    assert run.routes_pending is None


def test_a_single_document_enqueues_its_routing_job_in_its_own_transaction(sender):
    with transaction.atomic():
        outcome = document_ingest(organization=sender, body=_json("S-1"), actor=ACTOR)
        assert enqueued(ROUTE_TASK, outcome.body["id"]) == 1


def test_a_buyer_matches_by_peppol_id_before_organization_number(sender):
    from folio.ingestion.matching import buyer_customer
    from folio.ingestion.pipeline import parse_and_validate
    from tests.factories import CustomerFactory

    by_number = CustomerFactory(sender=sender, business=True, name="Aaa", org_number="987654325")
    by_peppol = CustomerFactory(
        sender=sender, business=True, name="Zzz", org_number="", peppol_id="0192:987654325"
    )
    buyer = parse_and_validate(_json("M-1")).invoice.buyer
    assert buyer_customer(sender, buyer) == by_peppol
    by_peppol.peppol_id = "0192:111111111"
    by_peppol.save(update_fields=["peppol_id"])
    assert buyer_customer(sender, buyer) == by_number
    by_number.org_number = "922222223"
    by_number.save(update_fields=["org_number"])
    assert buyer_customer(sender, buyer) is None
