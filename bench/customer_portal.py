"""Customer portal latency on PostgreSQL: p50/p95 of sign-in, document list, document page and
PDF download at a steady 50 requests a second.

    .venv/bin/python bench/customer_portal.py [--documents 1000000] [--customers 20000]
                                              [--rate 50] [--seconds 60] [--keep]

Seeds a fresh PostgreSQL database the way bench/portal.py does (its set-based seeding is reused:
3 companies, the customers, the documents with a delivery and three events each), then gives
every customer portal access and makes portal contacts with users. Serves the site with
gunicorn on loopback and drives it from a separate load process, open loop, over:

  sign_in   a magic link's whole walk: GET the link (token parked in the session, redirect),
            GET the confirm page, POST it (signed in) -- one fresh single-use token each
  list      the signed-in contact's document list (random filters)
  document  one of the contact's documents
  pdf       that document's PDF, served from the stored file

Targets (issue 7): p95 under 150 ms; the PDF from its stored file under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import portal as sender_bench  # noqa: E402 - bench/portal.py's seeding, reused

PORT = 8107
MIX = [("sign_in", 1), ("list", 3), ("document", 4), ("pdf", 2)]
TARGETS = {"sign_in": 150, "list": 150, "document": 150, "pdf": 100}
CONTACTS = 40
PDF_BYTES = b"%PDF-1.7\n" + b"0" * 60_000 + b"\n%%EOF\n"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def seed_portal(sign_ins: int) -> dict:
    """Portal access for all, CONTACTS signed-in contacts with a stored PDF per document,
    and `sign_ins` users with one single-use sign-in link each."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from sesame.utils import get_query_string

    from folio.customers.models import Contact, Customer
    from folio.documents.models import Document
    from folio.documents.services import document_file_attach
    from folio.tenancy.actors import Actor

    with connection.cursor() as cursor:
        table = Customer._meta.db_table
        cursor.execute(f"UPDATE {table} SET portal_access = true, is_active = true")  # noqa: S608
    User = get_user_model()
    customers = list(Customer.objects.order_by("?")[: CONTACTS + sign_ins])
    system = Actor.for_system("bench")
    sessions, documents = [], []
    for customer in customers[:CONTACTS]:
        user = User.objects.create_user(username=f"portal-{customer.pk}", email=customer.email)
        Contact.objects.create(customer=customer, user=user, name=customer.name, is_admin=True)
        sessions.append(sender_bench.session_cookie(user.pk))
        own = list(
            Document.objects.filter(customer=customer, direction="sent", status="delivered")[:5]
        )
        for document in own:
            document_file_attach(
                document=document,
                kind="pdf",
                filename=f"{document.number}.pdf",
                content=PDF_BYTES,
                content_type="application/pdf",
                actor=system,
            )
        documents.append([str(d.code) for d in own])
    links = []
    for customer in customers[CONTACTS:]:
        user = User.objects.create_user(username=f"link-{customer.pk}", email=customer.email)
        Contact.objects.create(customer=customer, user=user, name=customer.name)
        links.append("/portal/login/link/open/" + get_query_string(user, scope="portal"))
    return {"sessions": sessions, "documents": documents, "links": links}


def load(base: str, seeded: dict, rate: float, seconds: int, out) -> None:
    """The load process: an open loop at `rate` requests a second for `seconds`."""
    import httpx

    rng = random.Random(7)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    links = list(seeded["links"])
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    limits = httpx.Limits(max_connections=200)

    def sign_in(link: str) -> int:
        with httpx.Client(base_url=base, timeout=30, limits=limits) as client:
            parked = client.get(link)
            page = client.get(parked.headers["location"])
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            done = client.post(
                "/portal/login/link/confirm/",
                data={"csrfmiddlewaretoken": token},
                headers={"Referer": base + "/portal/login/link/confirm/"},
            )
            return 200 if done.status_code == 302 and done.headers["location"] == "/portal/" else 0

    def one(kind: str, contact: int) -> None:
        started = time.perf_counter()
        try:
            if kind == "sign_in":
                with lock:
                    link = links.pop() if links else ""
                status = sign_in(link) if link else 0
            else:
                cookie = seeded["sessions"][contact]
                codes = seeded["documents"][contact]
                if kind == "list":
                    url = "/portal/" + rng.choice(["", "?state=open", "?q=INV-1", "?type=invoice"])
                elif kind == "document":
                    url = f"/portal/documents/{rng.choice(codes)}/"
                else:
                    url = f"/portal/documents/{rng.choice(codes)}/pdf/"
                response = httpx.get(base + url, cookies={"sessionid": cookie}, timeout=30)
                status = response.status_code
        except (httpx.HTTPError, AttributeError, KeyError):
            status = 0
        with lock:
            results.append((kind, (time.perf_counter() - started) * 1000, status))

    usable = [i for i, codes in enumerate(seeded["documents"]) if codes]
    threads = []
    start = time.perf_counter()
    for index in range(int(rate * seconds)):
        delay = start + index / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=one, args=(rng.choice(kinds), rng.choice(usable)))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    out.put(results)


def main() -> None:
    args = arguments()
    database = f"folio_bench_customer_portal_{os.getpid()}"
    subprocess.run(["createdb", "-h", "localhost", "-U", "postgres", database], check=True)
    data = Path(tempfile.mkdtemp(prefix="folio-bench-customer-portal-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "folio.settings",
        "DATABASE_URL": f"postgres://postgres@localhost/{database}",
        "FOLIO_DATA_DIR": str(data),
        "FOLIO_LOG_LEVEL": "WARNING",
        "FOLIO_DEBUG": "0",
        "FOLIO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FOLIO_SITE_URL": f"http://127.0.0.1:{PORT}",
        # One client address sends every sign-in here; the per-client limit is not measured.
        "FOLIO_MAGIC_LINK_LIMIT": "1000000",
    }
    os.environ.update(env)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(f"seeding {args.documents:,} documents, {args.customers:,} customers ...", flush=True)
        seeded = sender_bench.seed(args.documents, args.customers)
        share = dict(MIX)["sign_in"] / sum(weight for _kind, weight in MIX)
        seeded |= seed_portal(int(args.rate * args.seconds * share * 1.5) + 10)
        print(f"seeded in {seeded['seconds']:.1f} s (+ portal users)", flush=True)
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
        for _warm in range(args.workers * 4):
            httpx.get(base + "/portal/", cookies={"sessionid": seeded["sessions"][0]}, timeout=30)
        queue: multiprocessing.Queue = multiprocessing.Queue()
        loader = multiprocessing.Process(
            target=load, args=(base, seeded, args.rate, args.seconds, queue)
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
        f"\n{args.documents:,} documents, {args.customers:,} customers; {args.rate:g} requests/s "
        f"open loop for {args.seconds} s; {len(results)} requests, {args.workers} workers"
    )
    print(f"{'step':<10}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}  target")
    summary = {}
    for kind, _weight in MIX:
        times = sorted(ms for k, ms, _status in results if k == kind)
        errors = sum(1 for k, _ms, status in results if k == kind and status != 200)
        if not times:
            continue
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        target = TARGETS[kind]
        summary[kind] = {"p50": statistics.median(times), "p95": p95, "errors": errors}
        print(
            f"{kind:<10}{len(times):>6}{statistics.median(times):>10.1f}{p95:>10.1f}"
            f"{times[-1]:>10.1f}{errors:>8}  {'ok' if p95 < target else 'MISSED'} (<{target})"
        )
    print(json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
