"""The documents list at scale: free-text search (full-text on PostgreSQL), pages that never
count the whole result, and a query budget pinned independent of the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from folio.documents.models import Document, DocumentStatus
from folio.documents.statistics import monthly_figures_rollup
from folio.sender_portal.selectors import PAGE_SIZE
from tests.factories import CompanyFactory, CustomerFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def numbers(response) -> list[str]:
    return [document.number for document in response.context["page"].documents]


def test_free_text_finds_words_in_notes_references_and_names(admin, company):
    kari = CustomerFactory(sender=company, name="Kari Nordmann")
    DocumentFactory(customer=kari, number="N-1", note="Serviceavtale Fjordhytta 2026")
    DocumentFactory(customer=kari, number="N-2", buyer_reference="PO-4711")
    DocumentFactory(customer=kari, number="N-3", order_reference="ORD-99812")
    DocumentFactory(customer=kari, number="N-4", counterparty_name="Bjørn Ødegård")
    DocumentFactory(customer=kari, number="N-5", note="Fjordhytta 2025")
    assert numbers(admin.get("/app/documents/", {"q": "fjordhytta"})) in (
        ["N-5", "N-1"],
        ["N-1", "N-5"],
    )
    # Every word must match; the beginning of the last word is enough.
    assert numbers(admin.get("/app/documents/", {"q": "2026 Fjordhyt"})) == ["N-1"]
    assert numbers(admin.get("/app/documents/", {"q": "PO-4711"})) == ["N-2"]
    assert numbers(admin.get("/app/documents/", {"q": "ord-99812"})) == ["N-3"]
    # (SQLite folds the case of ASCII letters only, PostgreSQL of all.)
    assert numbers(admin.get("/app/documents/", {"q": "Ødegård"})) == ["N-4"]
    # tsquery syntax typed into the box is just text.
    assert admin.get("/app/documents/", {"q": "fjord:* | !x & ("}).status_code == 200
    assert numbers(admin.get("/app/documents/", {"q": "nothing-like-this"})) == []


def test_search_never_reaches_another_tenant(admin, company):
    other = CustomerFactory(sender=CompanyFactory(slug="someone-else"), name="Kari Nordmann")
    DocumentFactory(customer=other, number="X-1", note="Fjordhytta")
    assert numbers(admin.get("/app/documents/", {"q": "fjordhytta"})) == []
    assert numbers(admin.get("/app/documents/", {"q": "X-1"})) == []


def test_search_uses_the_full_text_index_on_postgresql(admin, company):
    from folio.documents.selectors import document_text_condition

    query = Document.objects.filter(document_text_condition("fjordhytta 2026")).values("id")
    sql, params = query.query.sql_with_params()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'doc_search'")
            (definition,) = cursor.fetchone()
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "gin" in definition and "to_tsvector" in definition
        assert "to_tsvector" in sql and "@@" in sql
        assert "doc_search" in plan
    else:
        # SQLite: every word as a substring of one of the fields.
        assert "LIKE" in sql and "to_tsvector" not in sql


def test_pages_say_where_they_are_without_counting_everything(admin, company):
    customer = CustomerFactory(sender=company)
    for index in range(PAGE_SIZE + 3):
        DocumentFactory(customer=customer, number=f"P-{index:03}", line_count=1)
    first = admin.get("/app/documents/", {"sort": "number"})
    html = first.content.decode()
    assert f"Documents 1\u2013{PAGE_SIZE} of many" in html
    assert first.context["page"].has_more
    second = admin.get(
        "/app/documents/", {"sort": "number", "after": first.context["page"].next_cursor}
    )
    assert numbers(second) == [f"P-{index:03}" for index in range(PAGE_SIZE, PAGE_SIZE + 3)]
    last = PAGE_SIZE + 3
    assert f"Documents {PAGE_SIZE + 1}\u2013{last} of {last}" in second.content.decode()
    few = admin.get("/app/documents/", {"q": "P-001"})
    assert "Documents 1\u20131 of 1" in few.content.decode()
    with CaptureQueriesContext(connection) as captured:
        admin.get("/app/documents/")
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


# The pinned budget per page: session and user, memberships and scope, then the page's own reads.
PINNED = {
    "/app/dashboard/": 12,
    "/app/documents/": 6,
    "/app/documents/?status=delivered&channel=email&sort=-issued": 6,
    # A search: + the matching customers, + its matches (ids), then the page's rows.
    "/app/documents/?q=Nordmann&sort=total": 8,
    "/app/documents/?q=4711&type=invoice&direction=sent": 8,
}


@pytest.mark.parametrize("url", sorted(PINNED))
def test_query_budget_is_pinned_and_independent_of_the_data_size(admin, company, url):
    customer = CustomerFactory(sender=company, name="Kari Nordmann")
    for index in range(3):
        DocumentFactory(
            customer=customer,
            number=f"S-{index}",
            status=DocumentStatus.ACCEPTED,
            buyer_reference="PO-4711",
        )
    # As in production: the scheduler's sweep has rolled the monthly figures up.
    monthly_figures_rollup()
    small = _queries(admin, url)
    for index in range(PAGE_SIZE + 10):
        DocumentFactory(
            customer=CustomerFactory(sender=company, name=f"Per Nordmann {index}"),
            number=f"L-{index}",
            line_count=1,
            buyer_reference="PO-4711",
        )
    monthly_figures_rollup()
    assert _queries(admin, url) == small == PINNED[url]


def test_enterprise_pages_walk_every_subsidiarys_documents_once_in_order(client_for, world):
    admin = client_for(world.personas["enterprise_admin"])
    for slug in ("nordlys-no", "nordlys-se"):
        customer = CustomerFactory(sender=world.organizations[slug])
        for index in range(PAGE_SIZE // 2 + 5):
            DocumentFactory(customer=customer, number=f"{slug[-2:]}-{index:03}", line_count=1)
    expected = list(
        Document.objects.filter(
            organization__in=[world.organizations["nordlys-no"], world.organizations["nordlys-se"]]
        )
        .order_by("-amount_total", "-id")
        .values_list("number", flat=True)
    )
    seen, cursor = [], ""
    while True:
        response = admin.get("/app/documents/", {"sort": "-total", "after": cursor})
        seen += numbers(response)
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
    assert seen == expected and len(seen) > PAGE_SIZE
