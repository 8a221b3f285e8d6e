"""Sender portal latency on PostgreSQL: p50/p95/p99 per page at a steady 20 requests a second.

    .venv/bin/python bench/portal.py [--database folio_bench_1m] [--documents 1000000]
                                     [--customers 20000] [--rate 20] [--seconds 60]
                                     [--workers 4] [--reseed]

Uses the shared seeded database (bench/seed.py: 1,000,000 documents with deliveries and events,
3 companies of one enterprise, 20,000 customers; seeded once, reused), serves the site with
`folio serve` on loopback and drives it from a separate load process, open loop
(bench/support.py: requests on a fixed clock, latency from the scheduled time), signed in as
the enterprise's administrator, over a mix of dashboard, documents list with filters, search,
document page and export start (time to the first bytes of the CSV).
Targets (issue 8): p95 under 150 ms per page, the dashboard under 300 ms.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import support

PORT = 8108
MIX = [
    ("dashboard", 2),
    ("list_filtered", 3),
    ("search", 3),
    ("document", 4),
    ("export_start", 1),
]
TARGETS = {
    "dashboard": 300,
    "list_filtered": 150,
    "search": 150,
    "document": 150,
    "export_start": 150,
}
# Filled in the parent before the load process forks.
DOCUMENT_CODES: list[str] = []
SEARCHES = (
    "INV-2026-{n}",  # a number (prefix of a few)
    "C-{c}",  # a customer number
    "Nordmann",  # a family name: thousands of matches, the first page
    "Strandgata",  # a word no document has
    "PO-{po}",  # a buyer reference
    "Serviceavtale",  # a word in notes
    "{kid}",  # a KID
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="folio_bench_1m")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="folio serve worker processes")
    parser.add_argument("--reseed", action="store_true")
    return parser.parse_args()


def page_url(kind: str, rng: random.Random) -> str:
    if kind == "dashboard":
        return "/app/dashboard/"
    if kind == "list_filtered":
        status = rng.choice(["delivered", "sent", "stopped", "failed"])
        channel = rng.choice(["", "&channel=email", "&channel=print"])
        direction = rng.choice(["", "", "&direction=sent"])
        return f"/app/documents/?status={status}{channel}{direction}&sort=-issued"
    if kind == "search":
        text = rng.choice(SEARCHES).format(
            n=rng.randint(1, 999),
            c=rng.randint(1, 20_000),
            po=rng.randint(1, 99_990),
            kid=f"{(rng.randint(1, 1_000_000) * 7919) % 1_000_000_000:010d}",
        )
        return "/app/documents/?q=" + text
    if kind == "document":
        return f"/app/documents/{rng.choice(DOCUMENT_CODES)}/"
    return "/app/documents/export.csv?status=stopped"


def perform(client, kind: str, rng: random.Random) -> int:
    url = page_url(kind, rng)
    with client.stream("GET", url) as response:
        # Export start: the first bytes of the stream; every other page: the whole body.
        for _chunk in response.iter_bytes():
            if kind == "export_start":
                break
        return response.status_code


def main() -> None:
    args = arguments()
    facts = support.bench_database(
        args.database,
        documents=args.documents,
        customers=args.customers,
        reseed=args.reseed,
        port=PORT,
    )
    import seed

    DOCUMENT_CODES.extend(seed.sample_document_codes(300))
    cookie = support.session_cookie(facts["user_id"])
    cookies = {"sessionid": cookie}
    with support.serve(facts["env"], port=PORT, workers=args.workers) as base:
        support.warm(
            base,
            ["/app/dashboard/", "/app/documents/", "/app/documents/?q=Nordmann"],
            cookies=cookies,
            rounds=args.workers * 2,
        )
        plan = support.LoadPlan(
            base=base,
            rate=args.rate,
            seconds=args.seconds,
            mix=MIX,
            perform=perform,
            cookies=cookies,
        )
        outcomes, machine = support.drive(plan)
    support.report(
        outcomes,
        machine,
        mix=MIX,
        targets=TARGETS,
        title=(
            f"Sender portal: {facts['documents']:,} documents, {facts['customers']:,} customers, "
            f"3 organizations; {args.rate:g} requests/s open loop for {args.seconds} s, "
            f"{args.workers} workers"
        ),
    )


if __name__ == "__main__":
    main()
