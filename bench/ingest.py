"""End-to-end ingestion: documents per second and peak RSS, on SQLite and on PostgreSQL.

    .venv/bin/python bench/ingest.py [--documents 10000] [--lines 20] [--db sqlite,postgres]
        [--engine native] [--pg-url postgres://postgres@localhost]

Each database runs in its own child process (Django settings are per process) on a fresh
database: a SQLite file in a temporary data folder, or a PostgreSQL database made for the run
and dropped after it. The documents are Folio JSON invoices with `--lines` lines for 200
customers, generated before the clock starts; each goes through the whole pipeline as the API
runs it (JSON -> UBL, hardened parse, validation, seller and buyer matching, one stop rule,
the document with its lines, files, events and version, ACCEPTED with the routing job queued)
in one process, one document per transaction. Peak RSS is the child's ru_maxrss.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")
    os.environ["FOLIO_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from tests.ingestion_pipeline.documents import (
        SELLER_ORG_NUMBER,
        SELLER_VAT_ID,
        business_buyer,
        folio_json,
    )

    from folio.customers.services import customer_create
    from folio.documents.models import Document, DocumentStatus
    from folio.ingestion.services import document_ingest, stop_rule_create
    from folio.tenancy.actors import Actor
    from folio.tenancy.services import organization_create

    actor = Actor.for_system("bench")
    operator = organization_create(
        actor=actor, kind="operator", name="Operator", slug="op", country="NO"
    )
    sender = organization_create(
        actor=actor,
        kind="company",
        name="Nordlys Energi AS",
        slug="nordlys-energi",
        country="NO",
        parent=operator,
        org_number=SELLER_ORG_NUMBER,
        vat_id=SELLER_VAT_ID,
    )
    from stdnum.no import orgnr

    org_numbers = []
    base = 91000000
    while len(org_numbers) < 200:
        base += 1
        for digit in "0123456789":
            if orgnr.is_valid(f"{base}{digit}"):
                org_numbers.append(f"{base}{digit}")
                break
    for position, number in enumerate(org_numbers):
        customer_create(
            actor=actor,
            sender=sender,
            customer_number=f"C{position:05d}",
            kind="business",
            name=f"Customer {position}",
            country="NO",
            org_number=number,
        )
    stop_rule_create(
        actor=actor, organization=sender, kind="allowed_currencies", currencies=["NOK"]
    )
    bodies = [
        json.dumps(
            folio_json(
                f"B-{index:06d}",
                lines=args.lines,
                buyer=business_buyer(org_numbers[index % len(org_numbers)]),
            )
        ).encode()
        for index in range(args.documents)
    ]
    api_actor = Actor.for_system("bench-api")
    # Warm up (compiled schemas, rule tables) on one document that is not counted.
    warm = document_ingest(
        organization=sender,
        body=json.dumps(folio_json("WARM-1", lines=args.lines)).encode(),
        actor=api_actor,
        content_type="application/json",
        engine=args.engine,
    )
    assert warm.status == 201, warm.body
    started = time.perf_counter()
    statuses: dict[int, int] = {}
    for body in bodies:
        outcome = document_ingest(
            organization=sender,
            body=body,
            actor=api_actor,
            content_type="application/json",
            engine=args.engine,
        )
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    elapsed = time.perf_counter() - started
    accepted = Document.objects.filter(organization=sender, status=DocumentStatus.ACCEPTED)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "documents": args.documents,
                "lines": args.lines,
                "seconds": round(elapsed, 2),
                "per_second": round(args.documents / elapsed, 1),
                "ms_per_document": round(1000 * elapsed / args.documents, 2),
                "peak_rss_mb": round(peak_mb, 1),
                "statuses": statuses,
                "accepted_in_db": accepted.count() - 1,
            }
        )
    )


def run(db: str, args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLIO_", "DATABASE_URL"))}
    env.update(FOLIO_ENV="development", FOLIO_VALIDATION_ENGINE=args.engine)
    cleanup = None
    with tempfile.TemporaryDirectory(prefix="folio-bench-ingest-") as data_dir:
        env["FOLIO_DATA_DIR"] = data_dir
        if db == "postgres":
            import psycopg

            name = f"folio_bench_ingest_{uuid.uuid4().hex[:8]}"
            admin_url = f"{args.pg_url.rstrip('/')}/postgres"
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{name}"

            def cleanup():
                with psycopg.connect(admin_url, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        try:
            completed = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--documents",
                    str(args.documents),
                    "--lines",
                    str(args.lines),
                    "--engine",
                    args.engine,
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            if cleanup is not None:
                cleanup()
    if completed.returncode != 0:
        raise SystemExit(f"{db} run failed:\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--engine", default="native", choices=["native", "official", "both"])
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@localhost")
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(
        f"Ingesting {args.documents} Folio JSON invoices of {args.lines} lines, "
        f"engine {args.engine}, one process, one transaction per document"
    )
    print(f"{'database':<10} {'docs/s':>8} {'ms/doc':>8} {'peak RSS MB':>12}  statuses")
    for db in [d.strip() for d in args.db.split(",") if d.strip()]:
        result = run(db, args)
        print(
            f"{db:<10} {result['per_second']:>8} {result['ms_per_document']:>8} "
            f"{result['peak_rss_mb']:>12}  {result['statuses']} "
            f"(accepted in database: {result['accepted_in_db']})"
        )
    print("Targets: 200 documents/s on PostgreSQL, peak RSS under 300 MB.")


if __name__ == "__main__":
    main()
