"""Fixtures for the ingestion pipeline: a sender whose identifiers match the test documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_tasks_db.models import DBTaskResult

from folio.tenancy.models import Organization
from tests.factories import CompanyFactory, api_key_with_secret
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = Path(settings.FOLIO_CORPUS)
    assert (path / "README.md").is_file(), f"the shared corpus is missing at {path}"
    return path


@pytest.fixture
def sender(db) -> Organization:
    """The seller of tests/ingestion_pipeline/documents.py and of the EHF corpus example."""
    return CompanyFactory(
        slug="nordlys-energi",
        name="Nordlys Energi AS",
        org_number=SELLER_ORG_NUMBER,
        vat_id=SELLER_VAT_ID,
        email="billing@nordlys.example.test",
    )


@pytest.fixture
def other_sender(db) -> Organization:
    return CompanyFactory(slug="hansa-handel", country="DE", org_number="HRB1234")


def key_client(organization: Organization) -> Client:
    _key, secret = api_key_with_secret(organization)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api(sender) -> Client:
    return key_client(sender)


@pytest.fixture
def other_api(other_sender) -> Client:
    return key_client(other_sender)


def post_json(client: Client, document: dict, **headers):
    return client.post(
        "/api/v1/documents",
        data=json.dumps(document),
        content_type="application/json",
        headers=headers,
    )


def post_xml(client: Client, xml: bytes, **headers):
    return client.post(
        "/api/v1/documents", data=xml, content_type="application/xml", headers=headers
    )


def enqueued(task_path: str, code: str) -> int:
    """How many jobs of this task were enqueued for this document code."""
    return sum(
        1
        for row in DBTaskResult.objects.filter(task_path=task_path)
        if row.args_kwargs.get("args", [None])[0] == code
    )


ROUTE_TASK = "folio.delivery.tasks.route_document"
NOTIFY_TASK = "folio.ingestion.tasks.notify_stopped"
