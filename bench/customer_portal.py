"""Customer portal latency on PostgreSQL: p95 of sign-in, document list, document page and PDF
download at a steady 50 requests a second, with a million documents.

    .venv/bin/python bench/customer_portal.py [--database folio_bench_1m] [--documents 1000000]
                                              [--customers 20000] [--rate 50] [--seconds 60]
                                              [--workers 4] [--reseed]

Uses the shared bench database of bench/seed.py (seeded once, reused; see bench/support.py) and
adds the customer side to it, once: portal users who are contacts of customer accounts (the
accounts with the most documents, up to several thousand each, and typical ones), a stored PDF
for some of each account's documents, and users who sign in by e-mail link. Then serves the site
with `folio serve` and drives it open loop (bench/support.py `drive`):

  sign_in   a magic link's whole walk: GET the link (token parked in the session, redirect),
            GET the confirm page, POST it (signed in) -- one fresh single-use token each
  list      a signed-in contact's document list: first page, a filter, or the next page
  document  one of the contact's documents
  pdf       that document's PDF, streamed from the stored file

Targets (issue 7): p95 under 150 ms; the PDF from its stored file under 100 ms.
"""

# The seeding SQL is built from the models' table names, never from outside input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import random
import re
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import support  # bench/support.py, next to this file

PORT = 8107
MIX = [("sign_in", 1), ("list", 3), ("document", 4), ("pdf", 2)]
TARGETS = {"sign_in": 150, "list": 150, "document": 150, "pdf": 100}
# Signed-in contacts: of the accounts with the most documents, and of randomly chosen ones.
BIG_ACCOUNTS = 10
TYPICAL_ACCOUNTS = 30
STORED_PDFS_PER_ACCOUNT = 8
USER_PREFIX = "customer-bench-"
# A small but real PDF (one page), stored like a sender's own PDF of the document.
PDF_BYTES = (
    b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    + b"% invoice body\n" * 4000
    + b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="folio_bench_1m")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="web worker processes")
    parser.add_argument("--reseed", action="store_true", help="seed the database again")
    return parser.parse_args()


def _portal_user(customer, *, role: str):
    """The bench's user and contact for one account (made once, then reused)."""
    from django.contrib.auth import get_user_model

    from folio.customers.models import Contact

    user, created = get_user_model().objects.get_or_create(
        username=f"{USER_PREFIX}{role}-{customer.code.hex[:12]}",
        defaults={"email": customer.email or f"{customer.code.hex[:12]}@bench.example"},
    )
    if created:
        Contact.objects.create(customer=customer, user=user, name=customer.name, is_admin=True)
    return user


def seed_customer_side(sign_ins: int) -> dict:
    """Portal contacts with signed-in sessions and stored PDFs, and sign-in links.

    Returns {"accounts": [(session key, [document codes], [codes with a stored PDF])],
    "links": [magic link paths], "largest": documents of the largest account}."""
    from django.db import connection
    from django.db.models import Count
    from sesame.utils import get_query_string

    from folio.customers.models import Customer
    from folio.documents.models import Document, DocumentFile
    from folio.documents.services import document_file_attach
    from folio.tenancy.actors import Actor

    rng = random.Random(7)
    visible = Document.objects.filter(direction="sent", status__in=["sent", "delivered"])
    largest = list(
        visible.values("customer_id")
        .annotate(documents=Count("id"))
        .order_by("-documents")[:BIG_ACCOUNTS]
    )
    biggest = [row["customer_id"] for row in largest]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {Customer._meta.db_table} WHERE kind = 'person' "
            "ORDER BY md5(id::text) LIMIT %s",
            [TYPICAL_ACCOUNTS + sign_ins],
        )
        sampled = [row[0] for row in cursor.fetchall() if row[0] not in biggest]
    chosen = biggest + sampled[:TYPICAL_ACCOUNTS]
    Customer.objects.filter(id__in=chosen + sampled).update(portal_access=True, is_active=True)
    system = Actor.for_system("bench")
    accounts = []
    for customer in Customer.objects.filter(id__in=chosen).order_by("id"):
        user = _portal_user(customer, role="contact")
        own = list(visible.filter(customer=customer).order_by("-issue_date", "-id")[:200])
        if not own:
            continue
        with_pdf = own[:STORED_PDFS_PER_ACCOUNT]
        stored = set(
            DocumentFile.objects.filter(document__in=with_pdf, kind="pdf").values_list(
                "document_id", flat=True
            )
        )
        for document in with_pdf:
            if document.id not in stored:
                document_file_attach(
                    document=document,
                    kind="pdf",
                    filename=f"{document.number}.pdf",
                    content=PDF_BYTES,
                    content_type="application/pdf",
                    actor=system,
                )
        accounts.append(
            (
                support.session_cookie(user.pk),
                [str(document.code) for document in rng.sample(own, min(len(own), 50))],
                [str(document.code) for document in with_pdf],
            )
        )
    links = []
    for customer in Customer.objects.filter(id__in=sampled[TYPICAL_ACCOUNTS:]).order_by("id"):
        user = _portal_user(customer, role="link")
        links.append("/portal/login/link/open/" + get_query_string(user, scope="portal"))
    return {"accounts": accounts, "links": links, "largest": largest[0]["documents"]}


def make_perform(base: str, seeded: dict):
    """The load's requests. Each signed-in account has its own client (its own cookies)."""
    import httpx

    links = list(seeded["links"])
    accounts = seeded["accounts"]
    clients: dict[int, httpx.Client] = {}
    lock = threading.Lock()

    def client_of(index: int) -> httpx.Client:
        with lock:
            if index not in clients:
                clients[index] = httpx.Client(
                    base_url=base, cookies={"sessionid": accounts[index][0]}, timeout=60
                )
            return clients[index]

    def sign_in() -> int:
        with lock:
            link = links.pop() if links else ""
        if not link:
            return 0
        with httpx.Client(base_url=base, timeout=60) as client:
            parked = client.get(link)
            page = client.get(parked.headers["location"])
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            if found is None:
                return 0
            done = client.post(
                "/portal/login/link/confirm/",
                data={"csrfmiddlewaretoken": found.group(1)},
                headers={"Referer": base + "/portal/login/link/confirm/"},
            )
        signed_in = done.status_code == 302 and done.headers["location"] == "/portal/"
        return 200 if signed_in else done.status_code or 0

    def perform(_shared_client, kind: str, rng: random.Random) -> int:
        if kind == "sign_in":
            return sign_in()
        index = rng.randrange(len(accounts))
        _session, codes, with_pdf = accounts[index]
        client = client_of(index)
        if kind == "list":
            url = rng.choice(["/portal/", "/portal/?state=open", "/portal/?type=invoice"])
            if rng.random() < 0.3:
                # The next page, as the "Older" link has it.
                url = f"/portal/?older={rng.choice(codes)}"
        elif kind == "document":
            url = f"/portal/documents/{rng.choice(codes)}/"
        else:
            url = f"/portal/documents/{rng.choice(with_pdf)}/pdf/"
        return client.get(url).status_code

    return perform


def main() -> None:
    args = arguments()
    support.bench_database(
        args.database,
        documents=args.documents,
        customers=args.customers,
        reseed=args.reseed,
        port=PORT,
    )
    share = dict(MIX)["sign_in"] / sum(weight for _kind, weight in MIX)
    sign_ins = int(args.rate * args.seconds * share * 1.3) + 20
    print(f"portal users, stored PDFs and {sign_ins} sign-in links ...", flush=True)
    seeded = seed_customer_side(sign_ins)
    first = seeded["accounts"][0]
    env = support.django_environment(args.database, port=PORT)
    with support.serve(env, port=PORT, workers=args.workers) as base:
        support.warm(
            base,
            [
                "/portal/",
                f"/portal/documents/{first[1][0]}/",
                f"/portal/documents/{first[2][0]}/pdf/",
            ],
            cookies={"sessionid": first[0]},
            rounds=args.workers * 3,
        )
        plan = support.LoadPlan(
            base=base,
            rate=args.rate,
            seconds=args.seconds,
            mix=MIX,
            perform=make_perform(base, seeded),
        )
        outcomes, machine = support.drive(plan)
    support.report(
        outcomes,
        machine,
        mix=MIX,
        targets=TARGETS,
        title=(
            f"Customer portal: {args.documents:,} documents, {args.customers:,} customers; "
            f"{len(seeded['accounts'])} signed-in accounts (the largest has "
            f"{seeded['largest']:,} documents); {args.rate:g} requests/s open loop for "
            f"{args.seconds} s, {args.workers} web workers"
        ),
    )


if __name__ == "__main__":
    main()
