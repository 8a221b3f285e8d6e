"""Dispatch throughput: deliveries per second for mixed documents with two workers.

    .venv/bin/python bench/dispatch.py [--documents 10000] [--workers 2] [--database-url URL]

Seeds a fresh database (a temporary SQLite file, or the empty database at --database-url) with
documents for e-mail, Smartmail, portal, print and Peppol, queues their routing jobs, starts
the sandbox mail server and Peppol access point in this process and `folio worker` processes,
and times routing + dispatch until every delivery is handed over. Then it proves that none was
lost (every document has exactly one delivery, all sent) and none sent twice (the mail server
and the access point received each message key once, one attempt per delivery).

Besides deliveries per second (which depend on how busy the machine is) it prints the workers'
CPU time per delivery, a steadier figure for comparing changes, and the load average.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MIX = [("email", 50), ("smartmail", 15), ("portal", 10), ("print", 15), ("peppol", 10)]
PEPPOL_IDS = ["0192:974760673", "0007:5560360793"]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    folder = Path(tempfile.mkdtemp(prefix="folio-bench-dispatch-"))
    (folder / "data").mkdir()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "folio.settings",
            "FOLIO_ENV": "test",
            "FOLIO_DATA_DIR": str(folder / "data"),
            "FOLIO_LOG_LEVEL": "WARNING",
        }
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    from django.conf import settings

    from folio.sandbox.peppol import SandboxAccessPoint
    from folio.sandbox.smtp import SandboxSMTPServer

    smtp = SandboxSMTPServer(folder / "mail").start()
    access_point = SandboxAccessPoint(
        folder / "ap", participants={pid: {} for pid in PEPPOL_IDS}
    ).start()
    os.environ.update(
        {
            "FOLIO_SMTP_HOST": smtp.host,
            "FOLIO_SMTP_PORT": str(smtp.port),
            "FOLIO_PEPPOL_AP_URL": access_point.url,
            "FOLIO_PEPPOL_SMP_URL": f"{access_point.url}/smp",
        }
    )
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp.host, smtp.port
    settings.FOLIO_PEPPOL_AP_URL = access_point.url
    settings.FOLIO_PEPPOL_SMP_URL = f"{access_point.url}/smp"
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    counts = seed(args.documents)
    print(f"seeded {args.documents} documents in {time.monotonic() - started:.1f} s: {counts}")

    env = dict(os.environ)
    load_before = os.getloadavg()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = [
        subprocess.Popen(
            [
                str(Path(sys.executable).with_name("folio")),
                "worker",
                "--queues",
                "delivery",
                "--interval",
                "0.05",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    try:
        elapsed = wait_until_handed_over(args.documents)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    load_after = os.getloadavg()
    print(
        f"{args.documents} deliveries routed and handed over in {elapsed:.1f} s with "
        f"{args.workers} workers: {args.documents / elapsed:.1f} deliveries/s"
    )
    print(
        f"worker CPU: {worker_cpu:.1f} s, {1000 * worker_cpu / args.documents:.1f} ms per "
        f"delivery (routing + dispatch); claim batch {settings.FOLIO_DELIVERY_CLAIM_BATCH}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    verify(args.documents, smtp, access_point, counts)
    smtp.stop()
    access_point.stop()


def seed(total: int) -> dict[str, int]:
    from django.db import transaction
    from pypdf import PdfWriter

    from folio.customers.services import customer_create
    from folio.delivery.tasks import route_document
    from folio.documents.models import DocumentStatus
    from folio.documents.services import (
        DocumentInput,
        LineInput,
        document_create,
        document_file_attach,
        document_transition,
    )
    from folio.tenancy.actors import Actor
    from folio.tenancy.services import organization_create

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()
    ubl = (
        Path(os.environ.get("FOLIO_CORPUS", REPO.parent / "shared" / "corpus"))
        / "peppol-bis-invoice-3/rules/examples/base-example.xml"
    ).read_bytes()
    actor = Actor.for_system("bench")
    operator = organization_create(actor=actor, kind="operator", name="Op", slug="op", country="NO")
    actor = Actor.for_system("bench")
    sender = organization_create(
        actor=actor,
        kind="company",
        name="Bench AS",
        slug="bench",
        country="NO",
        parent=operator,
        peppol_id="0192:923609016",
    )
    actor = Actor.for_system("bench")
    import datetime
    from decimal import Decimal

    channels = [code for code, weight in MIX for _ in range(weight)]
    counts: dict[str, int] = {}
    for start in range(0, total, 500):
        with transaction.atomic():
            for number in range(start, min(start + 500, total)):
                channel = channels[number % len(channels)]
                counts[channel] = counts.get(channel, 0) + 1
                customer = customer_create(
                    actor=actor,
                    sender=sender,
                    customer_number=str(number),
                    kind="business",
                    name=f"Customer {number}",
                    country="NO",
                    email=f"c{number}@example.test",
                    address_line1="Storgata 1",
                    postcode="0155",
                    city="Oslo",
                    peppol_id=PEPPOL_IDS[number % len(PEPPOL_IDS)] if channel == "peppol" else "",
                    portal_access=channel == "portal",
                )
                document = document_create(
                    actor=actor,
                    organization=sender,
                    customer=customer,
                    data=DocumentInput(
                        type="invoice",
                        number=f"B-{number}",
                        issue_date=datetime.date.today(),
                        currency="NOK",
                        amount_net=Decimal("100"),
                        amount_vat=Decimal("25"),
                        amount_total=Decimal("125"),
                        amount_payable=Decimal("125"),
                        lines=[LineInput("Item", Decimal("1"), Decimal("100"), Decimal("100"))],
                    ),
                )
                if channel == "peppol":
                    document_file_attach(
                        document=document,
                        kind="source_xml",
                        filename="invoice.xml",
                        content=ubl,
                        content_type="application/xml",
                        actor=actor,
                    )
                else:
                    document_file_attach(
                        document=document,
                        kind="pdf",
                        filename="invoice.pdf",
                        content=pdf,
                        content_type="application/pdf",
                        actor=actor,
                    )
                document_transition(
                    document=document, to_status=DocumentStatus.ACCEPTED, actor=actor
                )
                route_document.enqueue(str(document.code), channel=channel)
    return counts


def wait_until_handed_over(total: int) -> float:
    from django.db import close_old_connections

    from folio.documents.models import Document, DocumentStatus

    started = time.monotonic()
    done = {DocumentStatus.SENT, DocumentStatus.DELIVERED, DocumentStatus.FAILED}
    while True:
        close_old_connections()
        finished = Document.objects.filter(status__in=done).count()
        if finished >= total:
            return time.monotonic() - started
        if time.monotonic() - started > 3600:
            raise SystemExit(f"gave up: {finished} of {total} handed over after an hour")
        time.sleep(0.5)


def verify(total: int, smtp, access_point, counts: dict[str, int]) -> None:
    from django.db.models import Count

    from folio.delivery.models import Delivery, DeliveryStatus, PrintItem
    from folio.documents.models import Document

    per_document = Document.objects.annotate(n=Count("deliveries")).values_list("n", flat=True)
    lost = sum(1 for n in per_document if n == 0)
    doubled = sum(1 for n in per_document if n > 1)
    unsent = Delivery.objects.exclude(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.DELIVERED]
    ).count()
    multiple_attempts = Delivery.objects.filter(attempt_count__gt=1).count()
    messages = smtp.messages()
    message_ids = [str(message["Message-ID"]).strip() for message in messages]
    mail_expected = counts.get("email", 0) + counts.get("smartmail", 0) + counts.get("portal", 0)
    envelopes = access_point.received()
    letters = PrintItem.objects.count()
    print(f"documents without a delivery (lost): {lost}")
    print(f"documents with more than one delivery: {doubled}")
    print(f"deliveries not handed over: {unsent}")
    print(f"deliveries sent more than once (attempts > 1): {multiple_attempts}")
    print(
        f"mail server: {len(messages)} messages, {len(set(message_ids))} distinct Message-IDs "
        f"(expected {mail_expected}), {len(smtp.duplicates())} duplicates dropped"
    )
    print(
        f"access point: {len(envelopes)} envelopes (expected {counts.get('peppol', 0)}), "
        f"{len(access_point.duplicates)} duplicates dropped"
    )
    print(f"print queue: {letters} letters (expected {counts.get('print', 0)})")
    ok = (
        lost == 0
        and doubled == 0
        and unsent == 0
        and multiple_attempts == 0
        and len(messages) == len(set(message_ids)) == mail_expected
        and len(envelopes) == counts.get("peppol", 0)
        and letters == counts.get("print", 0)
        and Delivery.objects.count() == total
    )
    print("none lost, none sent twice" if ok else "CHECK FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
