"""Sender portal latency on PostgreSQL: p50/p95 per page at a steady 20 requests a second.

    .venv/bin/python bench/portal.py [--documents 1000000] [--customers 20000] [--rate 20]
                                     [--seconds 60] [--keep]

Creates a fresh PostgreSQL database (`createdb`, trust auth on localhost), migrates it, seeds
3 companies of one enterprise, the customers, the documents (with one delivery and three events
each) in set-based SQL, then serves the site with gunicorn on loopback and drives it from a
separate load process: an open loop (a request starts every 1/rate seconds whether or not the
earlier ones finished) over a mix of dashboard, documents list with filters, search, document
page and export start (time to the first bytes of the CSV). Prints the figures per page.
Targets (issue 8): p95 under 150 ms per page, the dashboard under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8108
MIX = [
    ("dashboard", 2),
    ("list_filtered", 3),
    ("search", 3),
    ("document", 4),
    ("export_start", 1),
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def _column_defaults(model) -> dict[str, str]:
    """A SQL expression per column of `model` that is valid for any row (overridden below)."""
    from django.db import models

    expressions = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if isinstance(field, models.UUIDField):
            value = "gen_random_uuid()"
        elif isinstance(field, models.DateTimeField):
            value = "now()"
        elif isinstance(field, models.DateField):
            value = "current_date"
        elif isinstance(field, models.BooleanField):
            value = "false"
        elif isinstance(field, models.JSONField):
            value = "'{}'::jsonb" if not isinstance(field.default(), list) else "'[]'::jsonb"
        elif isinstance(field, models.DecimalField | models.IntegerField):
            value = str(field.default) if field.has_default() else "0"
        elif field.null:
            value = "NULL"
        else:
            value = f"'{field.default}'" if field.has_default() and field.default else "''"
        expressions[field.column] = value
    return expressions


def _insert_select(model, overrides: dict[str, str], source: str) -> str:
    expressions = {**_column_defaults(model), **overrides}
    columns = ", ".join(expressions)
    values = ", ".join(expressions.values())
    # Only the bench's own constant expressions go in here, never outside input.
    return f"INSERT INTO {model._meta.db_table} ({columns}) SELECT {values} FROM {source}"  # noqa: S608


def seed(documents: int, customers: int) -> dict:
    from django.db import connection

    from folio.customers.models import Customer
    from folio.delivery.models import Delivery
    from folio.documents.models import Document, DocumentEvent
    from folio.tenancy.actors import Actor
    from folio.tenancy.models import MembershipRole, MembershipScope, OrganizationKind
    from folio.tenancy.services import membership_grant, organization_create, user_create

    system = Actor.for_system("bench")
    operator = organization_create(
        actor=system, kind=OrganizationKind.OPERATOR, name="Operator", slug="op", country="NO"
    )
    enterprise = organization_create(
        actor=system,
        kind=OrganizationKind.ENTERPRISE,
        name="Nordlys",
        slug="nordlys",
        country="NO",
        parent=operator,
    )
    companies = [
        organization_create(
            actor=system,
            kind=OrganizationKind.COMPANY,
            name=f"Nordlys {country}",
            slug=f"nordlys-{country.lower()}",
            country=country,
            parent=enterprise,
        )
        for country in ("NO", "SE", "DK")
    ]
    user = user_create(username="bench-admin", email="bench@example.test", password="bench")  # noqa: S106
    membership_grant(
        actor=system,
        user=user,
        organization=enterprise,
        role=MembershipRole.ADMIN,
        scope=MembershipScope.SUBTREE,
    )
    ids = "ARRAY[" + ",".join(str(c.pk) for c in companies) + "]"
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            _insert_select(
                Customer,
                {
                    "sender_id": f"({ids})[1 + (n % 3)]",
                    "customer_number": "'C-' || n",
                    "kind": "'person'",
                    "name": "'Customer ' || n || ' Nordmann'",
                    "country": "'NO'",
                    "email": "'c' || n || '@example.test'",
                    "language": "'nb'",
                    "preferred_channel": "'email'",
                },
                f"generate_series(1, {customers}) AS n",
            )
        )
        cursor.execute(f"SELECT min(id) FROM {Customer._meta.db_table}")  # noqa: S608
        first_customer = cursor.fetchone()[0]
        cursor.execute(
            _insert_select(
                Document,
                {
                    "organization_id": "c.sender_id",
                    "customer_id": "c.id",
                    "direction": "CASE WHEN n % 10 = 0 THEN 'received' ELSE 'sent' END",
                    "type": "CASE WHEN n % 7 = 0 THEN 'credit_note' ELSE 'invoice' END",
                    "number": "'INV-' || n",
                    "issue_date": "current_date - (n % 400)",
                    "due_date": "current_date - (n % 400) + 14",
                    "currency": "'NOK'",
                    "amount_net": "(n % 5000) + 100",
                    "amount_vat": "((n % 5000) + 100) * 0.25",
                    "amount_total": "((n % 5000) + 100) * 1.25",
                    "amount_payable": "((n % 5000) + 100) * 1.25",
                    "payment_reference": "lpad((n * 7)::text, 10, '0')",
                    "counterparty_name": "c.name",
                    "status": "(ARRAY['delivered','sent','delivered','stopped','failed',"
                    "'delivered','accepted','delivered'])[1 + n % 8]",
                    "payment_status": "'unpaid'",
                    "channel": "(ARRAY['email','print','peppol','efaktura_no','portal'])"
                    "[1 + n % 5]",
                    "created_at": "now() - (n % 400) * interval '1 day'",
                    "status_changed_at": "now() - (n % 400) * interval '1 day'",
                },
                f"generate_series(1, {documents}) AS n JOIN {Customer._meta.db_table} c "
                f"ON c.id = {first_customer} + n % {customers}",
            )
        )
        cursor.execute(
            _insert_select(
                Delivery,
                {
                    "document_id": "d.id",
                    "channel": "d.channel",
                    "status": "CASE WHEN d.status = 'failed' THEN 'failed' ELSE 'delivered' END",
                    "cost": "(ARRAY[0.50, 12.00, 0.30, 0.80, 0.00])[1 + d.id % 5]",
                    "cost_currency": "'NOK'",
                    "message_key": "'bench-' || d.id",
                },
                f"{Document._meta.db_table} d WHERE d.status NOT IN ('stopped', 'accepted')",
            )
        )
        for kind, offset in (("received", 0), ("accepted", 1), ("sent", 2)):
            cursor.execute(
                _insert_select(
                    DocumentEvent,
                    {
                        "document_id": "d.id",
                        "at": f"d.created_at + interval '{offset} minute'",
                        "kind": f"'{kind}'",
                        "actor_label": "'bench'",
                        "delivery_id": "NULL",
                    },
                    f"{Document._meta.db_table} d",
                )
            )
        cursor.execute("ANALYZE")
    seeded = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code FROM {Document._meta.db_table} ORDER BY random() LIMIT 200"  # noqa: S608
        )
        codes = [str(row[0]) for row in cursor.fetchall()]
    return {"user_id": user.pk, "codes": codes, "seconds": seeded}


def session_cookie(user_id: int) -> str:
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def page_url(kind: str, rng: random.Random, codes: list[str]) -> str:
    if kind == "dashboard":
        return "/app/dashboard/"
    if kind == "list_filtered":
        status = rng.choice(["delivered", "sent", "stopped", "failed"])
        channel = rng.choice(["", "&channel=email", "&channel=print"])
        return f"/app/documents/?status={status}{channel}&sort=-issued"
    if kind == "search":
        return "/app/documents/?q=" + rng.choice(
            [f"INV-{rng.randint(1, 1000)}", f"C-{rng.randint(1, 1000)}", "Nordmann 17"]
        ).replace(" ", "+")
    if kind == "document":
        return f"/app/documents/{rng.choice(codes)}/"
    return "/app/documents/export.csv?status=stopped"


def load(base: str, cookie: str, codes: list[str], rate: float, seconds: int, out) -> None:
    """The load process: an open loop at `rate` requests a second for `seconds`."""
    import httpx

    rng = random.Random(8)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    client = httpx.Client(
        base_url=base,
        cookies={"sessionid": cookie},
        timeout=30,
        limits=httpx.Limits(max_connections=200),
    )

    def one(kind: str, url: str) -> None:
        started = time.perf_counter()
        try:
            with client.stream("GET", url) as response:
                # Export start: the first bytes; every other page: the whole body.
                for _chunk in response.iter_bytes():
                    if kind == "export_start":
                        break
                status = response.status_code
        except httpx.HTTPError:
            status = 0
        with lock:
            results.append((kind, (time.perf_counter() - started) * 1000, status))

    threads = []
    start = time.perf_counter()
    total = int(rate * seconds)
    for index in range(total):
        due = start + index / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        kind = rng.choice(kinds)
        thread = threading.Thread(target=one, args=(kind, page_url(kind, rng, codes)))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    out.put(results)


def main() -> None:
    args = arguments()
    database = f"folio_bench_portal_{os.getpid()}"
    subprocess.run(["createdb", "-h", "localhost", "-U", "postgres", database], check=True)
    url = f"postgres://postgres@localhost/{database}"
    data = Path(tempfile.mkdtemp(prefix="folio-bench-portal-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "folio.settings",
        "DATABASE_URL": url,
        "FOLIO_DATA_DIR": str(data),
        "FOLIO_LOG_LEVEL": "WARNING",
        "FOLIO_DEBUG": "0",
        "FOLIO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    os.environ.update(env)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(f"seeding {args.documents:,} documents, {args.customers:,} customers ...", flush=True)
        seeded = seed(args.documents, args.customers)
        print(f"seeded in {seeded['seconds']:.1f} s", flush=True)
        cookie = session_cookie(seeded["user_id"])
        from django.db import connections

        connections.close_all()
        server = subprocess.Popen(
            [
                str(REPO / ".venv/bin/gunicorn"),
                "folio.wsgi",
                "-b",
                f"127.0.0.1:{PORT}",
                "-w",
                str(args.workers),
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{PORT}"
        import httpx

        for _attempt in range(100):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        # Warm each worker's connection and caches, outside the measurement.
        for _warm in range(args.workers * 4):
            httpx.get(base + "/app/dashboard/", cookies={"sessionid": cookie}, timeout=30)
        queue: multiprocessing.Queue = multiprocessing.Queue()
        loader = multiprocessing.Process(
            target=load, args=(base, cookie, seeded["codes"], args.rate, args.seconds, queue)
        )
        loader.start()
        results = queue.get()
        loader.join()
        report(results, args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            subprocess.run(
                ["dropdb", "-h", "localhost", "-U", "postgres", "--if-exists", database],
                check=False,
            )


def report(results: list[tuple[str, float, int]], args) -> None:
    print(
        f"\n{args.documents:,} documents, {args.customers:,} customers, 3 organizations; "
        f"{args.rate:g} requests/s open loop for {args.seconds} s; {len(results)} requests"
    )
    print(f"{'page':<15}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}  target")
    summary = {}
    for kind, _weight in MIX:
        times = sorted(ms for k, ms, status in results if k == kind)
        errors = sum(1 for k, _ms, status in results if k == kind and status != 200)
        if not times:
            continue
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        target = 300 if kind == "dashboard" else 150
        summary[kind] = {"p50": statistics.median(times), "p95": p95, "errors": errors}
        print(
            f"{kind:<15}{len(times):>6}{statistics.median(times):>10.1f}{p95:>10.1f}"
            f"{times[-1]:>10.1f}{errors:>8}  {'ok' if p95 < target else 'MISSED'} (<{target})"
        )
    print(json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
