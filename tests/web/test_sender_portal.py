"""The sender portal's overview and document page: scoping, counts, details, bad input."""

import re

from folio.documents.models import DocumentStatus, EventKind
from tests.factories import (
    DeliveryAttemptFactory,
    DeliveryFactory,
    DocumentFileFactory,
    VisibilityGroupFactory,
)


def _numbers(html: str) -> set[str]:
    return set(re.findall(r'/app/documents/[0-9a-f-]{36}/">([^<]+)</a>', html))


def test_subsidiary_clerk_sees_only_their_organizations_documents(client_for, subsidiary_clerk_no):
    html = client_for(subsidiary_clerk_no).get("/app/").content.decode()
    assert _numbers(html) == {"KARI-1001", "KARI-1002", "KARI-CN-1", "OLA-1001"}


def test_enterprise_admin_sees_every_subsidiary_but_not_other_tenants(client_for, enterprise_admin):
    html = client_for(enterprise_admin).get("/app/").content.decode()
    numbers = _numbers(html)
    assert {"KARI-1001", "OLA-1001", "SVEA-1001", "LINA-1001"} <= numbers
    assert not {n for n in numbers if n.startswith(("MUELLER", "SCHMIDT"))}
    for name in ("Nordlys Energi Konsern", "Nordlys Energi Norge AS", "Nordlys Energi Sverige AB"):
        assert name in html
    assert "Hansa" not in html


def test_visibility_group_lets_a_sibling_see_the_other_subsidiary(
    world, client_for, subsidiary_clerk_no
):
    client = client_for(subsidiary_clerk_no)
    swedish = world.documents["svea-invoice-sent"]
    assert client.get(f"/app/documents/{swedish.code}/").status_code == 404
    VisibilityGroupFactory(
        parent=world.organizations["nordlys"],
        members=[world.organizations["nordlys-no"], world.organizations["nordlys-se"]],
    )
    assert "SVEA-1001" in _numbers(client.get("/app/").content.decode())
    assert client.get(f"/app/documents/{swedish.code}/").status_code == 200
    # Hansa is in no group: still invisible.
    hansa_document = world.documents["mueller-invoice-sent"]
    assert client.get(f"/app/documents/{hansa_document.code}/").status_code == 404


def test_counts_by_status_and_the_status_filter(client_for, subsidiary_clerk_no):
    client = client_for(subsidiary_clerk_no)
    html = client.get("/app/").content.decode()
    counts = {
        status: int(value)
        for value, status in re.findall(
            r'<span class="stat-value">(\d+)</span>\s*<span class="stat-label">'
            r'<span class="dot dot-(\w+)"',
            html,
        )
    }
    assert counts["sent"] == 2  # KARI-1001, OLA-1001
    assert counts["delivered"] == 1
    assert counts["accepted"] == 1
    assert sum(counts.values()) == 4
    filtered = client.get("/app/", {"status": "sent"}).content.decode()
    assert _numbers(filtered) == {"KARI-1001", "OLA-1001"}


def test_an_unknown_status_filter_is_a_bad_request(client_for, subsidiary_clerk_no):
    response = client_for(subsidiary_clerk_no).get("/app/", {"status": "lost-in-space"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_document_page_shows_amounts_lines_deliveries_and_timeline(client_for, subsidiary_clerk_no):
    document = subsidiary_clerk_no.document
    delivery = DeliveryFactory(document=document, channel="efaktura_no", cost="1.25")
    DeliveryAttemptFactory(delivery=delivery)
    DocumentFileFactory(document=document, filename="terms-2026.txt")
    html = client_for(subsidiary_clerk_no).get(f"/app/documents/{document.code}/").content.decode()
    assert document.number in html
    assert "Kari Nordmann" in html
    assert f"{document.amount_total:.2f}" in html
    for line in document.lines.all():
        assert line.item_name in html
    assert "eFaktura (Norway)" in html
    assert "1.25" in html
    assert "terms-2026.txt" in html
    kinds = list(document.events.values_list("kind", flat=True))
    assert EventKind.ROUTED in kinds
    for kind in kinds:
        assert str(EventKind(kind).label) in html
    assert document.status == DocumentStatus.SENT


def test_document_page_of_a_malformed_or_unknown_code_is_404(client_for, subsidiary_clerk_no):
    client = client_for(subsidiary_clerk_no)
    assert client.get("/app/documents/not-a-uuid/").status_code == 404
    response = client.get("/app/documents/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
