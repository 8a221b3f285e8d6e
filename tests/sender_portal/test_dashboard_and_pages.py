"""Dashboard figures and charts, the query budget of the hot pages, partners and audit."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from folio.delivery.models import Delivery
from folio.documents.models import Direction, DocumentStatus
from folio.tenancy.models import AuditEntry
from tests.factories import CustomerFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def seed(company, count: int) -> None:
    customer = CustomerFactory(sender=company, name="Kari Nordmann")
    today = timezone.localdate()
    for index in range(count):
        document = DocumentFactory(
            customer=customer,
            number=f"D-{index}",
            line_count=1,
            status=DocumentStatus.SENT if index % 2 else DocumentStatus.STOPPED,
            issue_date=today - datetime.timedelta(days=31 * (index % 5)),
        )
        if index % 2:
            Delivery.objects.create(
                document=document,
                channel="email",
                status="delivered",
                cost="0.50",
                message_key=f"k-{company.pk}-{index}",
            )
    DocumentFactory(customer=customer, number="R-1", direction=Direction.RECEIVED, line_count=1)


def test_dashboard_shows_figures_of_the_scope_with_charts_and_tables(admin, company):
    seed(company, 6)
    response = admin.get("/app/dashboard/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.by_status == {"sent": 3, "stopped": 3, "received": 1}
    assert sum(row["sent"] for row in response.context["month_rows"]) == 6
    assert sum(row["received"] for row in response.context["month_rows"]) == 1
    assert len(response.context["month_rows"]) == 13
    email = response.context["channel_rows"][0]
    assert email["code"] == "email" and email["count"] == 3 and email["cost"] == Decimal("1.5")
    html = response.content.decode()
    # Charts are SVG images (no script runs in the page) with a table alternative each.
    assert html.count('src="data:image/svg+xml;base64,') == 3
    assert html.count("<table") >= 3


def test_other_tenants_documents_never_count(admin, company):
    from tests.factories import CompanyFactory

    seed(CompanyFactory(slug="someone-else"), 4)
    response = admin.get("/app/dashboard/")
    assert response.context["figures"].total == 0


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/app/dashboard/",
        "/app/documents/",
        "/app/documents/?q=Kari&sort=total",
        "/app/stopped/",
        "/app/partners/",
        "/app/audit/",
    ],
)
def test_queries_per_page_do_not_grow_with_the_data(admin, company, url):
    seed(company, 3)
    small = _queries(admin, url)
    seed_more = CustomerFactory(sender=company)
    for index in range(30):
        DocumentFactory(
            customer=seed_more,
            number=f"M-{index}",
            line_count=1,
            status=DocumentStatus.STOPPED if index % 3 else DocumentStatus.SENT,
        )
    assert _queries(admin, url) == small
    assert small <= 20


def test_document_page_shows_versions_actions_and_what_the_recipient_saw(admin, company, world):
    from tests.access_policy import _artefact_for

    document = DocumentFactory(customer=CustomerFactory(sender=company), status="sent")
    artefact = _artefact_for(document)
    page = admin.get(f"/app/documents/{document.code}/")
    html = page.content.decode()
    assert f"/app/artefacts/{artefact.code}/preview.png" in html
    assert "Send again on" in html and "Cancel the document" not in html  # sent: no cancel
    download = admin.get(f"/app/artefacts/{artefact.code}/")
    assert download.status_code == 200 and download.content == b"%PDF-1.7 matrix"
    assert download["Content-Disposition"].startswith("attachment;")
    preview = admin.get(f"/app/artefacts/{artefact.code}/preview.png")
    assert preview["Content-Type"] == "image/png"
    # Someone else's artefact is unknown here.
    foreign = _artefact_for(world.documents["kari-invoice-sent"])
    assert admin.get(f"/app/artefacts/{foreign.code}/").status_code == 404


def test_cancel_is_a_deliberate_post_and_writes_the_event(admin, company):
    document = DocumentFactory(customer=CustomerFactory(sender=company), status="accepted")
    assert admin.post(f"/app/documents/{document.code}/cancel/").status_code == 400
    document.refresh_from_db()
    assert document.status == "accepted"
    response = admin.post(f"/app/documents/{document.code}/cancel/", {"confirm": "yes"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "cancelled"
    assert document.events.filter(kind="cancelled").exists()


def test_viewer_may_look_but_not_act(client_for, world):
    viewer = client_for(world.personas["viewer"])
    document = world.documents["ola-invoice"]
    assert viewer.get(f"/app/documents/{document.code}/").status_code == 200
    events = document.events.count()
    response = viewer.post(f"/app/documents/{document.code}/cancel/", {"confirm": "yes"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.status != "cancelled" and document.events.count() == events


def test_partner_page_counts_documents_per_month(admin, company):
    seed(company, 4)
    listing = admin.get("/app/partners/", {"q": "Kari", "period": "365"})
    row = listing.context["rows"][0]
    assert row["customer"].name == "Kari Nordmann" and row["sent"] == 4 and row["received"] == 1
    page = admin.get(f"/app/partners/{row['customer'].code}/")
    assert page.status_code == 200
    assert sum(month["sent"] for month in page.context["monthly"]) == 4


def test_audit_log_is_searchable_and_per_organization(admin, company, world):
    admin.get("/app/documents/export.csv")
    admin.post("/app/scope/", {"organization": company.slug})
    admin.get("/app/documents/export.csv")
    AuditEntry.objects.create(organization=world.organizations["hansa"], action="secret.thing")
    page = admin.get("/app/audit/", {"q": "export"})
    actions = [entry.action for entry in page.context["entries"]]
    assert actions == ["documents.export"]
    assert "secret.thing" not in admin.get("/app/audit/").content.decode()
    assert re.search(r"fjord-admin", page.content.decode())
