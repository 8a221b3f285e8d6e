"""Idempotency-Key: the same key and body answer the first response again, also under 20
concurrent requests against a live server; the same key with another body is refused."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time

import httpx
from django.db import connection

from folio.documents.models import Document
from folio.ingestion.models import Submission
from tests.cli.conftest import folio_env, run_folio
from tests.factories import CompanyFactory, api_key_with_secret
from tests.ingestion_pipeline.conftest import post_json
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID, folio_json


def test_same_key_and_body_replays_the_first_answer(api, sender):
    document = folio_json("I-1")
    first = post_json(api, document, **{"Idempotency-Key": "order-1"})
    again = post_json(api, document, **{"Idempotency-Key": "order-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Document.objects.filter(organization=sender, number="I-1").count() == 1
    assert Submission.objects.filter(organization=sender).count() == 1


def test_same_key_with_another_body_is_refused(api, sender):
    post_json(api, folio_json("I-2"), **{"Idempotency-Key": "order-2"})
    other = post_json(api, folio_json("I-3"), **{"Idempotency-Key": "order-2"})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert not Document.objects.filter(number="I-3").exists()


def test_keys_belong_to_one_sender(api, sender):
    post_json(api, folio_json("I-4"), **{"Idempotency-Key": "shared"})
    # Another sender using the same key string is not answered with the first sender's reply.
    twin = CompanyFactory(slug="twin", org_number=SELLER_ORG_NUMBER, vat_id=SELLER_VAT_ID)
    _key, secret = api_key_with_secret(twin)
    from django.test import Client

    response = post_json(
        Client(headers={"Authorization": f"Bearer {secret}"}),
        folio_json("I-4"),
        **{"Idempotency-Key": "shared"},
    )
    assert response.status_code == 201
    assert Document.objects.filter(number="I-4").count() == 2


def test_a_refused_document_does_not_bind_the_key(api, sender):
    bad = folio_json("I-5", currency="ZZZ")
    assert post_json(api, bad, **{"Idempotency-Key": "k5"}).status_code == 422
    good = post_json(api, folio_json("I-5"), **{"Idempotency-Key": "k5"})
    assert good.status_code == 201


def _burst(base_url: str, secret: str, number: str) -> list[tuple[int, dict]]:
    """20 threads post the same document with one Idempotency-Key at the same moment."""
    body = json.dumps(folio_json(number))
    headers = {
        "Authorization": f"Bearer {secret}",
        "Content-Type": "application/json",
        "Idempotency-Key": f"burst-{number}",
    }
    start = threading.Barrier(20)
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()

    def send() -> None:
        with httpx.Client(base_url=base_url, timeout=90) as client:
            start.wait()
            response = client.post("/api/v1/documents", content=body, headers=headers)
        with lock:
            answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=send) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _assert_one_answer(answers: list[tuple[int, dict]]) -> dict:
    assert len(answers) == 20
    assert {status for status, _body in answers} == {201}, answers
    assert len({json.dumps(answer, sort_keys=True) for _status, answer in answers}) == 1
    return answers[0][1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SETUP_SENDER = """
from folio.tenancy.actors import Actor
from folio.tenancy.services import api_key_create, organization_create
actor = Actor.for_system("tests")
operator = organization_create(actor=actor, kind="operator", name="Op", slug="op", country="NO")
sender = organization_create(actor=actor, kind="company", name="Nordlys Energi AS",
    slug="nordlys-energi", country="NO", parent=operator, org_number="{org}", vat_id="{vat}")
print(api_key_create(actor=actor, organization=sender, name="burst")[1])
"""

COUNT_DOCUMENTS = """
from folio.documents.models import Document
from folio.ingestion.models import Submission
print(Document.objects.filter(number="{number}").count(), Submission.objects.count())
"""


def _sqlite_file_server_burst(tmp_path) -> None:
    """A threaded development server on a SQLite file, as `folio demo` runs it: each request
    thread has its own connection (Django's in-memory test database cannot do that)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    assert run_folio("migrate", "--no-input", "-v0", data_dir=data_dir, timeout=300).returncode == 0
    setup = run_folio(
        "shell",
        "-c",
        SETUP_SENDER.format(org=SELLER_ORG_NUMBER, vat=SELLER_VAT_ID),
        data_dir=data_dir,
    )
    assert setup.returncode == 0, setup.stderr
    secret = setup.stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "folio.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=folio_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        _assert_one_answer(_burst(f"http://127.0.0.1:{port}", secret, "C-20"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    counted = run_folio("shell", "-c", COUNT_DOCUMENTS.format(number="C-20"), data_dir=data_dir)
    assert counted.stdout.strip().splitlines()[-1].split() == ["1", "1"], counted.stderr


def test_twenty_concurrent_requests_with_one_key_store_one_document(
    transactional_db, live_server, tmp_path
):
    if connection.vendor == "sqlite":
        _sqlite_file_server_burst(tmp_path)
        return
    # PostgreSQL: the live server's request threads each hold their own connection.
    sender = CompanyFactory(
        slug="concurrent-sender", org_number=SELLER_ORG_NUMBER, vat_id=SELLER_VAT_ID
    )
    _key, secret = api_key_with_secret(sender)
    _assert_one_answer(_burst(live_server.url, secret, "C-20"))
    assert Document.objects.filter(organization=sender, number="C-20").count() == 1
    assert Submission.objects.filter(organization=sender).count() == 1


def test_idempotency_keys_are_forgotten_after_the_retention(api, sender):
    import datetime

    from django.utils import timezone

    from folio.ingestion.sweeps import IDEMPOTENCY_RETENTION, submissions_prune

    post_json(api, folio_json("I-9"), **{"Idempotency-Key": "old"})
    assert submissions_prune() == 0
    later = timezone.now() + IDEMPOTENCY_RETENTION + datetime.timedelta(minutes=1)
    assert submissions_prune(now=later) == 1
    # The key is free again; the number is still taken, so the same body is now a duplicate.
    again = post_json(api, folio_json("I-9"), **{"Idempotency-Key": "old"})
    assert again.status_code == 409
