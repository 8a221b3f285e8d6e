"""End-to-end ingestion: documents per second, statements per document, stage times and peak
RSS, on SQLite and on PostgreSQL.

    .venv/bin/python bench/ingest.py [--documents 10000] [--lines 20] [--db sqlite,postgres]
        [--path batch,api] [--engine native] [--pg-url postgres://postgres@localhost]
        [--profile FILE]

Each database and path runs in its own child process (Django settings are per process) on a
fresh database: a SQLite file in a temporary data folder, or a PostgreSQL database made for
the run and dropped after it. The documents are Folio JSON invoices with `--lines` lines for
200 customers, generated (and zipped, 1,000 to an archive, to keep them small in memory)
before the clock starts. Each goes through the whole pipeline (JSON -> UBL, hardened parse,
validation, seller and buyer matching, one stop rule, the document with its lines, files,
events and version, ACCEPTED with the routing job queued) in one process:

- `batch`: the ZIP batch path (`batch_ingest`, as `POST /api/v1/batches`, `folio ingest` and
  the drop folders run it): one IngestRun for the archive, commits grouped.
- `api`: `document_ingest` once per document, each in its own transaction with nothing
  shared between documents, as `POST /api/v1/documents` runs it.

Printed per run: documents/s, ms/document (wall clock), the CPU ms/document of the ingesting
process alone (less sensitive to a busy machine; PostgreSQL's own work is not in it), SQL
statements per document (counted with a
connection execute wrapper: every statement a cursor runs, savepoints included, commits not),
the time per stage in ms/document (JSON -> UBL, hardened parse, EN 16931 model, validation,
store = matching, filters and writes; the rest is commits, the ZIP and the pipeline around),
peak RSS (the child's ru_maxrss) and the load average before and after (the machine is shared).
`--profile FILE` writes a cProfile of the timed part of the first run to FILE.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ZIP_ENTRIES = 1000
STAGES = ("json_to_ubl", "parse_xml", "en16931_model", "validation", "store")


def _seed():
    """The sender, its 200 customers and one stop rule; the org numbers of the customers."""
    from stdnum.no import orgnr
    from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID

    from folio.customers.services import customer_create
    from folio.ingestion.services import stop_rule_create
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
    org_numbers: list[str] = []
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
    return sender, org_numbers


def _archives(documents: int, lines: int, org_numbers: list[str]) -> list[bytes]:
    """The documents as ZIPs of up to ZIP_ENTRIES Folio JSON files each."""
    from tests.ingestion_pipeline.documents import business_buyer, folio_json

    archives = []
    for start in range(0, documents, ZIP_ENTRIES):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(start, min(start + ZIP_ENTRIES, documents)):
                body = folio_json(
                    f"B-{index:06d}",
                    lines=lines,
                    buyer=business_buyer(org_numbers[index % len(org_numbers)]),
                )
                archive.writestr(f"B-{index:06d}.json", json.dumps(body))
        archives.append(buffer.getvalue())
    return archives


def _time_stages(totals: dict[str, float], cpu_totals: dict[str, float]) -> None:
    """Wrap the pipeline's stages so that each adds its wall-clock time to `totals` and its
    CPU time to `cpu_totals` (cost: four clock reads per call; a stage called inside itself
    counts once)."""
    from folio.ingestion import pipeline, services
    from folio.ingestion.validation.native import engine as native_engine

    running: set[str] = set()

    def timed(name, function):
        def wrapper(*args, **kwargs):
            if name in running:  # already timed by an outer call of the same stage
                return function(*args, **kwargs)
            running.add(name)
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                totals[name] += time.perf_counter() - started
                cpu_totals[name] += time.process_time() - cpu_started
                running.discard(name)

        return wrapper

    pipeline.xml_from_json = timed("json_to_ubl", pipeline.xml_from_json)
    pipeline.parse_xml = timed("parse_xml", pipeline.parse_xml)
    pipeline.from_ubl = timed("en16931_model", pipeline.from_ubl)
    native_engine.NativeEngine.validate = timed("validation", native_engine.NativeEngine.validate)
    services._store = timed("store", services._store)
    # A batch's commit group enqueues its documents' routing jobs together when it ends,
    # outside `_store`: that write is part of the store stage too.
    services.routes_enqueue = timed("store", services.routes_enqueue)


def child(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")
    os.environ["FOLIO_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from django.db import connection
    from tests.ingestion_pipeline.documents import folio_json

    from folio.documents.models import Document, DocumentStatus
    from folio.ingestion.batches import batch_ingest, zip_entries
    from folio.ingestion.services import document_ingest
    from folio.tenancy.actors import Actor

    sender, org_numbers = _seed()
    archives = _archives(args.documents, args.lines, org_numbers)
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

    stage_seconds = dict.fromkeys(STAGES, 0.0)
    stage_cpu_seconds = dict.fromkeys(STAGES, 0.0)
    _time_stages(stage_seconds, stage_cpu_seconds)
    statements = 0

    def count_statements(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    load_before = os.getloadavg()
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    with connection.execute_wrapper(count_statements):
        if profiler is not None:
            profiler.enable()
        for archive in archives:
            if args.path == "batch":
                outcomes = [
                    outcome
                    for _name, outcome in batch_ingest(
                        organization=sender, data=archive, actor=api_actor, engine=args.engine
                    )
                ]
            else:
                outcomes = [
                    document_ingest(
                        organization=sender,
                        body=entry.data,
                        actor=api_actor,
                        content_type="application/json",
                        engine=args.engine,
                    )
                    for entry in zip_entries(archive)
                ]
            for outcome in outcomes:
                statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        if profiler is not None:
            profiler.disable()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    load_after = os.getloadavg()
    if profiler is not None:
        profiler.dump_stats(args.profile)
    accepted = Document.objects.filter(organization=sender, status=DocumentStatus.ACCEPTED)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_document = 1000 / args.documents
    stages_ms = {name: round(seconds * per_document, 2) for name, seconds in stage_seconds.items()}
    stages_ms["other"] = round((elapsed - sum(stage_seconds.values())) * per_document, 2)
    stages_cpu_ms = {
        name: round(seconds * per_document, 2) for name, seconds in stage_cpu_seconds.items()
    }
    stages_cpu_ms["other"] = round((cpu - sum(stage_cpu_seconds.values())) * per_document, 2)
    print(
        json.dumps(
            {
                "documents": args.documents,
                "lines": args.lines,
                "path": args.path,
                "seconds": round(elapsed, 2),
                "per_second": round(args.documents / elapsed, 1),
                "ms_per_document": round(1000 * elapsed / args.documents, 2),
                "cpu_ms_per_document": round(1000 * cpu / args.documents, 2),
                "statements_per_document": round(statements / args.documents, 2),
                "stages_ms": stages_ms,
                "stages_cpu_ms": stages_cpu_ms,
                "peak_rss_mb": round(peak_mb, 1),
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in load_after],
                "statuses": statuses,
                "accepted_in_db": accepted.count() - 1,
            }
        )
    )


def run(db: str, path: str, args, profile: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLIO_", "DATABASE_URL"))}
    # Development settings (no secrets needed) but DEBUG off, as in production: DEBUG records
    # and formats every SQL statement, which costs more than some of the statements.
    env.update(FOLIO_ENV="development", FOLIO_DEBUG="false", FOLIO_VALIDATION_ENGINE=args.engine)
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

        command = [
            sys.executable,
            __file__,
            "--child",
            "--documents",
            str(args.documents),
            "--lines",
            str(args.lines),
            "--engine",
            args.engine,
            "--path",
            path,
        ]
        if profile:
            command += ["--profile", profile]
        try:
            completed = subprocess.run(
                command, env=env, capture_output=True, text=True, check=False
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
    parser.add_argument("--path", default="batch,api", help="batch, api or both (comma-separated)")
    parser.add_argument("--engine", default="native", choices=["native", "official", "both"])
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@localhost")
    )
    parser.add_argument("--profile", default="", help="cProfile of the first run to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(
        f"Ingesting {args.documents} Folio JSON invoices of {args.lines} lines, "
        f"engine {args.engine}, one process, DEBUG off"
    )
    header = (
        f"{'database':<9} {'path':<6} {'docs/s':>7} {'ms/doc':>7} {'cpu ms':>7} {'stmt/doc':>8} "
        + " ".join(f"{name:>13}" for name in (*STAGES, "other"))
        + f" {'RSS MB':>7}  load before -> after; statuses"
    )
    print(
        "ms/doc: wall clock; cpu ms: this process's CPU time per document; stage columns: CPU "
        "ms per document (wall-clock stage times are in the child's JSON)"
    )
    print(header)
    profile = args.profile
    for db in [d.strip() for d in args.db.split(",") if d.strip()]:
        for path in [p.strip() for p in args.path.split(",") if p.strip()]:
            result = run(db, path, args, profile)
            profile = ""
            stages = result["stages_cpu_ms"]
            print(
                f"{db:<9} {path:<6} {result['per_second']:>7} {result['ms_per_document']:>7} "
                f"{result['cpu_ms_per_document']:>7} "
                f"{result['statements_per_document']:>8} "
                + " ".join(f"{stages[name]:>13}" for name in (*STAGES, "other"))
                + f" {result['peak_rss_mb']:>7}  {result['load_before'][0]} -> "
                f"{result['load_after'][0]}; {result['statuses']} "
                f"(accepted in database: {result['accepted_in_db']})",
                flush=True,
            )
    print("Targets: 200 documents/s on PostgreSQL, peak RSS under 300 MB.")


if __name__ == "__main__":
    main()
