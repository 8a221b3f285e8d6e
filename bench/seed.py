"""A million documents on PostgreSQL in a few minutes, reusable by every web bench.

    .venv/bin/python bench/seed.py [--database folio_bench_1m] [--documents 1000000]
                                   [--customers 20000] [--reseed]

Seeds into the real tables that the migrations created (the column list comes from the models,
so the seed follows the schema), with set-based SQL (`INSERT ... SELECT ... generate_series`):

- an operator, the enterprise Nordlys Group and its subsidiaries in Norway, Sweden and Denmark
  (documents split 50/30/20 %), a bench user who administers the whole enterprise;
- the customers, 80 % consumers and 20 % businesses, named from Nordic first and family names,
  split like the documents;
- the documents over the last 400 days (13+ months), more of them recently (a growing sender),
  skewed towards the busier customers; 90 % sent and 10 % received; types, channels (per
  country), statuses (recent ones still on their way), amounts (log-normal), KIDs, references
  and notes in realistic shares;
- a delivery for every document that went out (a few with an earlier failed e-mail that fell
  back to print), with the channel's cost, and the events of each document's timeline.

The database keeps a small `folio_bench_seed` table saying what it holds, so a later run skips
seeding; `--reseed` drops and recreates the database first.
"""

# The seeder builds its SQL from its own constants and the models, never from outside input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SEED_TABLE = "folio_bench_seed"
COMPANIES = (
    # country, currency, share of documents and customers, channel mix (cumulative shares)
    ("NO", "NOK", 0.5, "efaktura_no", ["email", "efaktura_no", "peppol", "print", "smartmail",
                                       "avtalegiro_no", "portal"],
     [0.35, 0.55, 0.70, 0.80, 0.88, 0.93, 1.0]),
    ("SE", "SEK", 0.3, "kivra_se", ["email", "kivra_se", "peppol", "efaktura_se", "print",
                                    "portal"],
     [0.35, 0.60, 0.72, 0.82, 0.92, 1.0]),
    ("DK", "DKK", 0.2, "email", ["email", "peppol", "print", "portal"], [0.45, 0.75, 0.90, 1.0]),
)  # fmt: skip
FIRST_NAMES = [
    "Kari",
    "Ola",
    "Ingrid",
    "Lars",
    "Anna",
    "Erik",
    "Maja",
    "Nils",
    "Sofia",
    "Jonas",
    "Emma",
    "Mikkel",
    "Freja",
    "Oskar",
    "Astrid",
    "Henrik",
    "Sigrid",
    "Magnus",
    "Liv",
    "Anders",
    "Elsa",
    "Johan",
    "Ida",
    "Mats",
    "Karin",
    "Per",
    "Frida",
    "Søren",
    "Hanne",
    "Bjørn",
]
FAMILY_NAMES = [
    "Nordmann",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersson",
    "Karlsson",
    "Nilsson",
    "Jensen",
    "Pedersen",
    "Berg",
    "Lindqvist",
    "Haugen",
    "Bakke",
    "Dahl",
    "Lund",
    "Holm",
    "Strand",
    "Eriksen",
    "Sørensen",
    "Kristiansen",
    "Moen",
    "Solberg",
    "Lindberg",
    "Nielsen",
    "Rasmussen",
    "Vik",
    "Aas",
    "Bråten",
    "Ødegård",
]
COMPANY_SUFFIXES = ("AS", "Bygg AS", "Eiendom AS", "AB", "Handel AB", "ApS", "Consult", "Drift AS")
NOTES = (
    "Strøm for perioden",
    "Nettleie og fastledd",
    "Serviceavtale årlig",
    "Konsulenttimer etter avtale",
    "Fjernvärme kvartal",
    "Abonnement månedlig",
    "Reparasjon etter befaring",
    "Levering av materialer",
)
# What a delivery on each channel costs the sender (NOK), per the operator's price list.
CHANNEL_COSTS = {
    "email": "0.10",
    "smartmail": "0.60",
    "print": "12.50",
    "portal": "0.00",
    "peppol": "0.45",
    "efaktura_no": "1.20",
    "avtalegiro_no": "0.90",
    "kivra_se": "2.10",
    "efaktura_se": "1.50",
}


def _sql_text_array(values) -> str:
    return "(ARRAY[" + ",".join("'" + value.replace("'", "''") + "'" for value in values) + "])"


def _column_defaults(model) -> dict[str, str]:
    """A SQL expression per column of `model` that is valid for any row (overridden below):
    new columns that a migration adds get a value without the seeder knowing them."""
    from django.db import models

    expressions = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        default = field.get_default() if field.has_default() else None
        if isinstance(field, models.UUIDField):
            value = "gen_random_uuid()"
        elif isinstance(field, models.DateTimeField):
            value = "now()" if not field.null else "NULL"
        elif isinstance(field, models.DateField):
            value = "current_date" if not field.null else "NULL"
        elif isinstance(field, models.BooleanField):
            value = "true" if default else "false"
        elif isinstance(field, models.JSONField):
            value = "'[]'::jsonb" if isinstance(default, list) else "'{}'::jsonb"
        elif isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
            value = str(default) if default is not None else ("NULL" if field.null else "0")
        elif field.null:
            value = "NULL"
        else:
            value = "'" + str(default or "").replace("'", "''") + "'"
        expressions[field.column] = value
    return expressions


def _insert_select(model, overrides: dict[str, str], source: str) -> str:
    expressions = {**_column_defaults(model), **overrides}
    unknown = set(overrides) - {field.column for field in model._meta.concrete_fields}
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    columns = ", ".join(expressions)
    values = ", ".join(expressions.values())
    # Only the seeder's own constant expressions go in here, never outside input.
    return f"INSERT INTO {model._meta.db_table} ({columns}) SELECT {values} FROM {source}"


def seeded_facts() -> dict | None:
    """What the database holds from an earlier seed, or None."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [SEED_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT documents, customers, user_id, seconds FROM {SEED_TABLE}")
        row = cursor.fetchone()
    if row is None:
        return None
    return {"documents": row[0], "customers": row[1], "user_id": row[2], "seconds": row[3]}


def _organizations():
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
        name="Nordlys Group",
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
        for country, *_rest in COMPANIES
    ]
    user = user_create(username="bench-admin", email="bench@example.test", password="bench")  # noqa: S106
    membership_grant(
        actor=system,
        user=user,
        organization=enterprise,
        role=MembershipRole.ADMIN,
        scope=MembershipScope.SUBTREE,
    )
    return companies, user


def _slot_case(random_column: str) -> str:
    """Which company (1, 2, 3) a row belongs to, by the companies' shares."""
    parts, cumulative = [], 0.0
    for index, (_country, _currency, share, *_rest) in enumerate(COMPANIES[:-1], start=1):
        cumulative += share
        parts.append(f"WHEN {random_column} < {cumulative} THEN {index}")
    return f"(CASE {' '.join(parts)} ELSE {len(COMPANIES)} END)"


def _pick(random_column: str, values: list[str], cumulative: list[float]) -> str:
    whens = " ".join(
        f"WHEN {random_column} < {bound} THEN '{value}'"
        for value, bound in zip(values[:-1], cumulative[:-1], strict=True)
    )
    return f"(CASE {whens} ELSE '{values[-1]}' END)"


def seed(*, documents: int, customers: int) -> dict:
    from django.db import connection, transaction

    from folio.customers.models import Customer
    from folio.delivery.models import Delivery
    from folio.documents.models import Document, DocumentEvent

    started = time.monotonic()
    customer_table = Customer._meta.db_table
    document_table = Document._meta.db_table
    delivery_table = Delivery._meta.db_table
    # Everything in one transaction: a failed seed leaves an empty database, not half a seed.
    with transaction.atomic(), connection.cursor() as cursor:
        companies, user = _organizations()
        company_ids = "(ARRAY[" + ",".join(str(company.pk) for company in companies) + "])"
        countries = _sql_text_array(country for country, *_rest in COMPANIES)
        currencies = _sql_text_array(currency for _c, currency, *_rest in COMPANIES)
        languages = "(ARRAY['nb','sv','da'])"
        # A bench database: losing the last commit on a crash costs a reseed, nothing more.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL work_mem = '128MB'")
        # The foreign keys are deferred constraints: checked row by row at COMMIT, they cost
        # more than the inserts. The rows here reference what the same statements made, so
        # skip those triggers (a bench database, seeded by a superuser).
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT setseed(0.08)")
        first = _sql_text_array(FIRST_NAMES)
        family = _sql_text_array(FAMILY_NAMES)
        suffixes = _sql_text_array(COMPANY_SUFFIXES)
        cursor.execute(
            _insert_select(
                Customer,
                {
                    "sender_id": f"{company_ids}[slot]",
                    "customer_number": "'C-' || n",
                    "kind": "CASE WHEN n % 5 = 0 THEN 'business' ELSE 'person' END",
                    "name": f"""CASE WHEN n % 5 = 0
                        THEN {family}[1 + (n * 7) % {len(FAMILY_NAMES)}] || ' '
                             || {suffixes}[1 + n % {len(COMPANY_SUFFIXES)}]
                        ELSE {first}[1 + (n * 13) % {len(FIRST_NAMES)}] || ' '
                             || {family}[1 + (n / 7) % {len(FAMILY_NAMES)}] END""",
                    "address_line1": "'Storgata ' || (1 + n % 120)",
                    "postcode": "lpad(((n * 37) % 9000 + 1000)::text, 4, '0')",
                    "city": "(ARRAY['Oslo','Bergen','Stockholm','Göteborg','København'])"
                    "[1 + n % 5]",
                    "country": f"{countries}[slot]",
                    "email": "'customer' || n || '@example.test'",
                    "phone": "'+47' || (40000000 + n)",
                    "language": f"{languages}[slot]",
                    "org_number": "CASE WHEN n % 5 = 0 THEN (900000000 + n)::text ELSE '' END",
                    "preferred_channel": "(ARRAY['email','email','print','portal'])[1 + n % 4]",
                    "portal_access": "n % 3 = 0",
                    "created_at": "now() - interval '500 days' + n * interval '1 minute'",
                    "updated_at": "now() - interval '500 days' + n * interval '1 minute'",
                },
                f"(SELECT n, {_slot_case('random()')} AS slot "
                f"FROM generate_series(1, {customers}) AS n) AS c",
            )
        )
        # Customers by company, numbered 1..k, so a document can pick one by rank.
        cursor.execute(
            f"""CREATE TEMPORARY TABLE bench_customer_rank ON COMMIT DROP AS
            SELECT array_position({company_ids}, sender_id) AS slot, id, name,
                   row_number() OVER (PARTITION BY sender_id ORDER BY id) AS rank
            FROM {customer_table}"""
        )
        cursor.execute("CREATE INDEX ON bench_customer_rank (slot, rank)")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_company_size ON COMMIT DROP AS "
            "SELECT slot, count(*) AS customers FROM bench_customer_rank GROUP BY slot"
        )
        channel_case = (
            "(CASE g.slot "
            + " ".join(
                f"WHEN {index} THEN {_pick('g.r_channel', channels, bounds)}"
                for index, (*_head, channels, bounds) in enumerate(COMPANIES, start=1)
            )
            + " END)"
        )
        type_case = _pick(
            "g.r_type",
            ["invoice", "credit_note", "reminder", "statement", "order_confirmation", "quote",
             "payment_request", "delivery_note", "contract", "other"],
            [0.70, 0.76, 0.84, 0.88, 0.92, 0.94, 0.96, 0.98, 0.99, 1.0],
        )  # fmt: skip
        received_type_case = _pick(
            "g.r_type",
            ["invoice", "credit_note", "purchase_order", "order_confirmation"],
            [0.75, 0.85, 0.95, 1.0],
        )
        old_status = _pick(
            "g.r_status",
            ["delivered", "sent", "failed", "stopped", "cancelled", "accepted"],
            [0.86, 0.91, 0.935, 0.96, 0.98, 1.0],
        )
        recent_status = _pick(
            "g.r_status",
            ["delivered", "sent", "sending", "accepted", "stopped", "failed"],
            [0.55, 0.75, 0.83, 0.90, 0.96, 1.0],
        )
        received_status = _pick(
            "g.r_status", ["accepted", "received", "stopped"], [0.80, 0.95, 1.0]
        )
        cursor.execute(
            f"""CREATE TEMPORARY TABLE bench_document_draw ON COMMIT DROP AS
            SELECT g.*,
                   now() - g.age_days * interval '1 day' - g.r_misc * interval '86399 seconds'
                       AS created_at,
                   CASE WHEN g.n % 10 = 0 THEN {received_status}
                        WHEN g.age_days < 3 THEN {recent_status} ELSE {old_status} END AS status,
                   -- busier customers get more documents
                   1 + floor(power(g.r_customer, 2.2) * s.customers)::int AS customer_rank
            FROM (
                SELECT n, {_slot_case("random()")} AS slot, random() AS r_status,
                       random() AS r_type, random() AS r_channel, random() AS r_amount,
                       random() AS r_misc, random() AS r_customer,
                       floor(power(random(), 1.35) * 400)::int AS age_days
                FROM generate_series(1, {documents}) AS n
            ) AS g JOIN bench_company_size AS s ON s.slot = g.slot"""
        )
        cursor.execute(
            _insert_select(
                Document,
                {
                    "organization_id": f"{company_ids}[g.slot]",
                    "customer_id": "c.id",
                    "direction": "CASE WHEN g.n % 10 = 0 THEN 'received' ELSE 'sent' END",
                    "type": f"CASE WHEN g.n % 10 = 0 THEN {received_type_case} "
                    f"ELSE {type_case} END",
                    "number": "CASE WHEN g.n % 10 = 0 THEN 'SUP-' ELSE 'INV-' END "
                    "|| to_char(g.created_at, 'YYYY') || '-' || g.n",
                    "issue_date": "(g.created_at - (g.n % 3) * interval '1 day')::date",
                    "due_date": "(g.created_at + ((ARRAY[14, 30, 10])[1 + g.n % 3]) "
                    "* interval '1 day')::date",
                    "currency": f"{currencies}[g.slot]",
                    "amount_net": "round(exp(4 + g.r_amount * 6)::numeric, 2)",
                    "amount_vat": "round(exp(4 + g.r_amount * 6)::numeric * 0.25, 2)",
                    "amount_total": "round(exp(4 + g.r_amount * 6)::numeric * 1.25, 2)",
                    "amount_payable": "round(exp(4 + g.r_amount * 6)::numeric * 1.25, 2)",
                    "amount_paid": "CASE WHEN g.age_days > 30 AND g.r_misc < 0.88 "
                    "THEN round(exp(4 + g.r_amount * 6)::numeric * 1.25, 2) ELSE 0 END",
                    "payment_status": "CASE WHEN g.age_days > 30 AND g.r_misc < 0.88 "
                    "THEN 'paid' ELSE 'unpaid' END",
                    "payment_reference": "lpad(((g.n::bigint * 7919) % 1000000000)::text, 10, '0')",
                    "buyer_reference": "CASE WHEN g.r_misc < 0.3 "
                    "THEN 'PO-' || (g.n % 99991) ELSE '' END",
                    "order_reference": "CASE WHEN g.r_misc > 0.85 "
                    "THEN 'ORD-' || (g.n % 77777) ELSE '' END",
                    "counterparty_name": "c.name",
                    "note": f"CASE WHEN g.n % 20 = 0 THEN {_sql_text_array(NOTES)}"
                    f"[1 + (g.n / 20) % {len(NOTES)}] || ' ' || to_char(g.created_at, 'MM/YYYY') "
                    "ELSE '' END",
                    "status": "g.status",
                    # Documents still with the sender (stopped, waiting) have no channel yet.
                    "channel": "CASE WHEN g.status IN ('stopped', 'accepted', 'received', "
                    "'cancelled') THEN '' "
                    f"WHEN g.n % 10 = 0 THEN 'portal' ELSE {channel_case} END",
                    "created_at": "g.created_at",
                    "updated_at": "g.created_at + interval '5 minutes'",
                    "status_changed_at": "g.created_at + interval '5 minutes'",
                    "first_viewed_at": "CASE WHEN g.r_misc < 0.25 "
                    "THEN g.created_at + interval '1 day' END",
                },
                "bench_document_draw AS g "
                "JOIN bench_customer_rank AS c ON c.slot = g.slot AND c.rank = g.customer_rank "
                # In arrival order, as a live system writes them: a month's documents lie
                # together in the table, as they would after a year of ingest.
                "ORDER BY g.created_at",
            )
        )
        costs = (
            "(CASE d.channel "
            + " ".join(f"WHEN '{channel}' THEN {cost}" for channel, cost in CHANNEL_COSTS.items())
            + " ELSE 0 END)"
        )
        cursor.execute(
            _insert_select(
                Delivery,
                {
                    "document_id": "d.id",
                    "channel": "d.channel",
                    "status": "CASE WHEN d.status = 'delivered' AND d.channel IN "
                    "('email', 'smartmail', 'kivra_se') AND d.id % 5 < 2 THEN 'opened' "
                    "WHEN d.status IN ('delivered', 'accepted') THEN 'delivered' "
                    "ELSE d.status END",
                    "status_changed_at": "d.created_at + interval '3 minutes'",
                    "cost": costs,
                    "cost_currency": "'NOK'",
                    "message_key": "'bench-' || d.id",
                    "address": "CASE WHEN d.channel = 'email' "
                    "THEN 'customer' || d.customer_id || '@example.test' ELSE '' END",
                    "attempt_count": "1",
                    "opened_at": "CASE WHEN d.first_viewed_at IS NOT NULL "
                    "THEN d.first_viewed_at END",
                    "created_at": "d.created_at + interval '2 minutes'",
                    "updated_at": "d.created_at + interval '3 minutes'",
                },
                f"{document_table} AS d WHERE d.channel <> ''",
            )
        )
        # One print letter in three first went out by e-mail, bounced and fell back to print.
        cursor.execute(
            _insert_select(
                Delivery,
                {
                    "document_id": "d.id",
                    "channel": "'email'",
                    "status": "'failed'",
                    "status_changed_at": "d.created_at + interval '1 minute'",
                    "cost": CHANNEL_COSTS["email"],
                    "cost_currency": "'NOK'",
                    "message_key": "'bench-bounced-' || d.id",
                    "address": "'customer' || d.customer_id || '@example.test'",
                    "attempt_count": "1",
                    "last_error": "'550 5.1.1 mailbox unavailable'",
                    "created_at": "d.created_at + interval '1 minute'",
                    "updated_at": "d.created_at + interval '1 minute'",
                },
                f"{document_table} AS d WHERE d.channel = 'print' AND d.id % 3 = 0",
            )
        )
        events = """(VALUES
            ('received', 0, '', 'received', false, true),
            ('validated', 1, '', '', false, true),
            ('stopped', 2, 'received', 'stopped', false, d.status = 'stopped'),
            ('accepted', 2, 'received', 'accepted', false,
                d.status NOT IN ('stopped', 'received')),
            ('routed', 3, '', '', true, dl.id IS NOT NULL),
            ('sent', 120, 'sending', 'sent', true, dl.id IS NOT NULL),
            ('delivered', 180, 'sent', 'delivered', true, dl.status IN ('delivered', 'opened')),
            ('opened', 86400, '', '', true, dl.status = 'opened'),
            ('failed', 180, 'sent', 'failed', true, dl.status = 'failed'),
            ('cancelled', 600, 'accepted', 'cancelled', false, d.status = 'cancelled')
        ) AS e(kind, after_seconds, from_status, to_status, about_delivery, applies)"""
        cursor.execute(
            _insert_select(
                DocumentEvent,
                {
                    "document_id": "d.id",
                    "at": "LEAST(now(), d.created_at + e.after_seconds * interval '1 second')",
                    "kind": "e.kind",
                    "from_status": "e.from_status",
                    "to_status": "e.to_status",
                    "actor_label": "'bench'",
                    "delivery_id": "CASE WHEN e.about_delivery THEN dl.id END",
                    "channel": "CASE WHEN e.about_delivery THEN d.channel ELSE '' END",
                },
                f"{document_table} AS d LEFT JOIN {delivery_table} AS dl "
                "ON dl.message_key = 'bench-' || d.id "
                f"CROSS JOIN LATERAL {events} WHERE e.applies",
            )
        )
        seconds = time.monotonic() - started
        cursor.execute(
            f"CREATE TABLE {SEED_TABLE} (documents integer, customers integer, "
            "user_id integer, seconds double precision, seeded_at timestamptz DEFAULT now())"
        )
        cursor.execute(
            f"INSERT INTO {SEED_TABLE} (documents, customers, user_id, seconds) "
            "VALUES (%s, %s, %s, %s)",
            [documents, customers, user.pk, seconds],
        )
    # Statistics for the planner and a visibility map for index-only scans.
    with connection.cursor() as cursor:
        for model in (Customer, Document, Delivery, DocumentEvent):
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {SEED_TABLE} SET seconds = %s", [seconds])
    return {"documents": documents, "customers": customers, "user_id": user.pk, "seconds": seconds}


def statistics_rollup() -> None:
    """Roll up the closed months' figures, as the scheduler's sweep would (fast when done)."""
    from folio.documents.statistics import monthly_figures_rollup

    monthly_figures_rollup()


def sample_document_codes(count: int = 300) -> list[str]:
    from django.db import connection

    from folio.documents.models import Document

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code FROM {Document._meta.db_table} TABLESAMPLE SYSTEM (1) "
            "ORDER BY random() LIMIT %s",
            [count],
        )
        return [str(row[0]) for row in cursor.fetchall()]


def main() -> None:
    import support

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="folio_bench_1m")
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reseed", action="store_true", help="drop the database and seed again")
    args = parser.parse_args()
    facts = support.bench_database(
        args.database,
        documents=args.documents,
        customers=args.customers,
        reseed=args.reseed,
        port=8108,
    )
    print(f"{args.database}: {facts['documents']:,} documents, {facts['customers']:,} customers")


if __name__ == "__main__":
    main()
