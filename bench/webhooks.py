"""Webhook throughput: events collected per second, and signed sends per second to a receiver.

    .venv/bin/python bench/webhooks.py [--documents 5000] [--workers 2] [--database-url URL]

Seeds a fresh database (a temporary SQLite file, or the empty database at --database-url) with
two senders, an endpoint each (every event type), and documents with four events each (one of
them a kind that is never sent). Then it times the `webhooks.collect` sweep over the backlog
(events read and deliveries written per second), and `folio worker` processes sending every
delivery to an HTTP receiver on loopback (sends per second). Last it proves that each webhook-id
arrived once, every signature verifies, and no sender's event reached the other's endpoint.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EVENT_KINDS = [
    ("received", "", "received"),
    ("validated", "", ""),
    ("accepted", "received", "accepted"),
    ("payment", "unpaid", "paid"),
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


class Receiver:
    """Answers 200 to every POST and keeps (path, headers, body)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                with receiver.lock:
                    receiver.received.append((self.path, headers, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def main() -> None:
    args = arguments()
    folder = Path(tempfile.mkdtemp(prefix="folio-bench-webhooks-"))
    (folder / "data").mkdir()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "folio.settings",
            "FOLIO_ENV": "test",
            "FOLIO_DATA_DIR": str(folder / "data"),
            "FOLIO_LOG_LEVEL": "WARNING",
            "FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS": "true",
        }
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    receiver = Receiver()
    started = time.monotonic()
    secrets = seed(args.documents, receiver.url)
    events = args.documents * len(EVENT_KINDS)
    print(
        f"seeded {args.documents} documents with {events} events in "
        f"{time.monotonic() - started:.1f} s"
    )

    from folio.webhooks.models import WebhookDelivery
    from folio.webhooks.services import COLLECT_BATCH, webhook_events_collect

    started = time.monotonic()
    read = 0
    while True:
        batch = webhook_events_collect(batch=COLLECT_BATCH)
        read += batch
        if batch < COLLECT_BATCH:
            break
    collected = time.monotonic() - started
    deliveries = WebhookDelivery.objects.count()
    print(
        f"collect: {read} events read, {deliveries} deliveries queued in {collected:.1f} s: "
        f"{read / collected:.0f} events/s, {deliveries / collected:.0f} deliveries/s"
    )

    workers = [
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("folio")),
                "worker",
                "--queues",
                "webhooks",
                "--interval",
                "0.05",
            ],
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    started = time.monotonic()
    succeeded = WebhookDelivery.objects.filter(status="succeeded")
    try:
        while succeeded.count() < deliveries:
            if time.monotonic() - started > 60 * 30:
                raise SystemExit(f"only {receiver.count()} of {deliveries} arrived in 30 min")
            time.sleep(0.5)
        sent = time.monotonic() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    print(
        f"send: {deliveries} signed POSTs answered and recorded in {sent:.1f} s with "
        f"{args.workers} workers: {deliveries / sent:.0f} sends/s"
    )
    verify(receiver, secrets, deliveries)
    receiver.server.shutdown()


def seed(documents: int, url: str) -> dict[str, str]:
    """Two senders with an endpoint each; returns endpoint path -> its secret."""
    from django.db import transaction
    from django.utils import timezone

    from folio.documents.models import Document, DocumentEvent
    from folio.tenancy.actors import Actor
    from folio.tenancy.services import organization_create
    from folio.webhooks.models import WebhookEventType
    from folio.webhooks.services import webhook_endpoint_create

    system = Actor.for_system("bench")
    operator = organization_create(
        actor=system, kind="operator", name="Bench operator", slug="bench-op", country="NO"
    )
    secrets = {}
    senders = []
    for slug in ("bench-a", "bench-b"):
        sender = organization_create(
            actor=system, kind="company", name=slug, slug=slug, country="NO", parent=operator
        )
        _endpoint, secret = webhook_endpoint_create(
            actor=system,
            organization=sender,
            url=f"{url}/{slug}",
            event_types=list(WebhookEventType.values),
        )
        secrets[f"/{slug}"] = secret
        senders.append(sender)
    now = timezone.now()
    with transaction.atomic():
        rows = Document.objects.bulk_create(
            [
                Document(
                    organization=senders[number % 2],
                    type="invoice",
                    number=f"B-{number}",
                    issue_date=now.date(),
                    status="accepted",
                    payment_status="paid",
                )
                for number in range(documents)
            ],
            batch_size=1000,
        )
        if rows[0].pk is None:  # SQLite before 3.35 returns no ids from bulk_create
            rows = list(Document.objects.order_by("id"))
        DocumentEvent.objects.bulk_create(
            [
                DocumentEvent(
                    document=document,
                    at=now + datetime.timedelta(microseconds=index),
                    kind=kind,
                    from_status=from_status,
                    to_status=to_status,
                )
                for document in rows
                for index, (kind, from_status, to_status) in enumerate(EVENT_KINDS)
            ],
            batch_size=2000,
        )
    return secrets


def verify(receiver: Receiver, secrets: dict[str, str], deliveries: int) -> None:
    from folio.webhooks.models import WebhookDelivery, WebhookDeliveryStatus
    from folio.webhooks.signing import signature_verify

    ids = [headers["webhook-id"] for _path, headers, _body in receiver.received]
    assert len(ids) == len(set(ids)) == deliveries, "a webhook-id arrived twice or not at all"
    now = int(time.time())
    for path, headers, body in receiver.received:
        assert signature_verify(
            secret=secrets[path], headers=headers, body=body, now=now, tolerance=3600
        ), f"bad signature on {headers['webhook-id']}"
        slug = json.loads(body)["data"]["organization"]["slug"]
        assert path == f"/{slug}", f"{slug}'s event reached {path}"
    assert WebhookDelivery.objects.exclude(status=WebhookDeliveryStatus.SUCCEEDED).count() == 0, (
        "not every delivery is marked succeeded"
    )
    print(f"verified: {deliveries} webhook-ids once each, signatures valid, tenants apart")


if __name__ == "__main__":
    main()
