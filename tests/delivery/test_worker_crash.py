"""A worker killed mid-dispatch loses no delivery and causes at most one duplicate send, which
the far side drops by the stable message key.

Real processes: `folio worker` against a database file, the sandbox mail server in this
process holding its reply so that the worker can be killed after the message went out and
before the worker recorded it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from folio.sandbox.smtp import SandboxSMTPServer

FOLIO = str(Path(sys.executable).with_name("folio"))

SETUP = """
import io, json
from pypdf import PdfWriter
from folio.customers.services import customer_create
from folio.documents.models import DocumentStatus
from folio.documents.services import document_create, document_file_attach, document_transition
from folio.delivery.tasks import route_document
from folio.tenancy.actors import Actor
from folio.tenancy.services import organization_create
from tests.factories import document_input, line_inputs
actor = Actor.for_system("crash test")
operator = organization_create(actor=actor, kind="operator", name="Op", slug="op", country="NO")
actor = Actor.for_system("crash test")
sender = organization_create(actor=actor, kind="company", name="Sender AS", slug="sender",
                             country="NO", parent=operator)
actor = Actor.for_system("crash test")
customer = customer_create(actor=actor, sender=sender, customer_number="1", kind="person",
                           name="Kari", country="NO", email="kari@example.test")
document = document_create(actor=actor, organization=sender, customer=customer,
                           data=document_input(number="CRASH-1", lines=line_inputs(1)))
writer = PdfWriter(); writer.add_blank_page(width=595, height=842)
buffer = io.BytesIO(); writer.write(buffer)
document_file_attach(document=document, kind="pdf", filename="crash.pdf",
                     content=buffer.getvalue(), content_type="application/pdf", actor=actor)
document_transition(document=document, to_status=DocumentStatus.ACCEPTED, actor=actor)
route_document.enqueue(str(document.code))
"""

REPORT = """
import json
from folio.delivery.models import Delivery
print(json.dumps([
    {"channel": d.channel, "status": d.status, "attempts": d.attempt_count,
     "outcomes": list(d.attempts.values_list("outcome", flat=True))}
    for d in Delivery.objects.all()
]))
"""

RECOVER = """
from folio.delivery.dispatch import deliveries_recover_stalled
print(deliveries_recover_stalled())
"""


def folio(env: dict, *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [FOLIO, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"folio {args[0]} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def report(env: dict) -> list[dict]:
    return json.loads(folio(env, "shell", "-c", REPORT).strip().splitlines()[-1])


@pytest.mark.slow
def test_killed_worker_loses_nothing_and_the_duplicate_is_dropped(tmp_path):
    server = SandboxSMTPServer(tmp_path / "mail", hold_seconds=30).start()
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)} | {
        "FOLIO_ENV": "test",
        "FOLIO_DATA_DIR": str(tmp_path / "data"),
        "FOLIO_SMTP_HOST": server.host,
        "FOLIO_SMTP_PORT": str(server.port),
        "FOLIO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    (tmp_path / "data").mkdir()
    try:
        folio(env, "migrate", "-v0")
        folio(env, "shell", "-c", SETUP)
        worker = subprocess.Popen(
            [FOLIO, "worker", "--queues", "delivery", "--interval", "0.1"],
            # A short lease, so that the test need not wait minutes for the recovery.
            env=env | {"FOLIO_DELIVERY_LEASE_SECONDS": "2"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not server.messages() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(server.messages()) == 1, "the worker never sent the message"
        # The message is out; the server has not answered yet. Kill the worker now.
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        [stalled] = report(env)
        assert stalled["status"] == "sending"

        server.handler.hold_seconds = 0
        time.sleep(2.5)
        assert folio(env, "shell", "-c", RECOVER).strip().endswith("1")
        folio(env, "worker", "--queues", "delivery", "--batch", "--interval", "0")

        [delivered] = report(env)
        assert delivered["channel"] == "email"
        assert delivered["status"] == "sent"
        # The killed try left no attempt row; the resend is the one recorded success.
        assert delivered["outcomes"] == ["success"]
        assert len(server.messages()) == 1
        assert len(server.duplicates()) == 1
    finally:
        server.stop()
