"""The documents list: search, filters, allowlisted sorting, keyset pages, exports, scope."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from folio.documents.models import Direction, DocumentStatus, DocumentType
from folio.sender_portal.selectors import PAGE_SIZE
from folio.tenancy.models import AuditEntry
from tests.factories import CustomerFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def numbers(response) -> list[str]:
    return [document.number for document in response.context["page"].documents]


def test_search_finds_by_number_kid_customer_number_amount_and_name(admin, company):
    kari = CustomerFactory(sender=company, name="Kari Nordmann", customer_number="C-77")
    other = CustomerFactory(sender=company, name="Per Hansen")
    DocumentFactory(customer=kari, number="INV-1", payment_reference="0010015")
    wanted = DocumentFactory(customer=kari, number="INV-2", counterparty_name="Kari Nordmann")
    DocumentFactory(customer=other, number="INV-3", counterparty_name="Per Hansen")
    assert numbers(admin.get("/app/documents/", {"q": "INV-2"})) == ["INV-2"]
    assert numbers(admin.get("/app/documents/", {"q": "0010015"})) == ["INV-1"]
    assert set(numbers(admin.get("/app/documents/", {"q": "C-77"}))) == {"INV-1", "INV-2"}
    assert "INV-3" in numbers(admin.get("/app/documents/", {"q": "hansen"}))
    amount = f"{wanted.amount_total:.2f}".replace(".", ",")
    assert "INV-2" in numbers(admin.get("/app/documents/", {"q": amount}))


def test_filters_by_type_direction_status_channel_and_dates(admin, company):
    customer = CustomerFactory(sender=company)
    sent = DocumentFactory(customer=customer, number="A", status=DocumentStatus.SENT)
    # The channel of the latest delivery, as delivery would have recorded it.
    type(sent).objects.filter(pk=sent.pk).update(channel="email")
    DocumentFactory(
        customer=customer,
        number="B",
        type=DocumentType.CREDIT_NOTE,
        status=DocumentStatus.STOPPED,
        issue_date=datetime.date(2024, 3, 1),
    )
    DocumentFactory(customer=customer, number="C", direction=Direction.RECEIVED)
    assert numbers(admin.get("/app/documents/", {"type": "credit_note"})) == ["B"]
    assert numbers(admin.get("/app/documents/", {"status": "stopped"})) == ["B"]
    assert numbers(admin.get("/app/documents/", {"channel": "email"})) == ["A"]
    assert numbers(admin.get("/app/documents/", {"direction": "received"})) == ["C"]
    assert numbers(
        admin.get("/app/documents/", {"issued_from": "2024-01-01", "issued_to": "2024-12-31"})
    ) == ["B"]


def test_sorting_is_allowlisted_and_unknown_values_are_refused(admin, company):
    customer = CustomerFactory(sender=company)
    # More lines make a larger total.
    for number, line_count in (("S-1", 3), ("S-2", 1), ("S-3", 2)):
        DocumentFactory(customer=customer, number=number, line_count=line_count)
    assert numbers(admin.get("/app/documents/", {"sort": "total"})) == ["S-2", "S-3", "S-1"]
    assert numbers(admin.get("/app/documents/", {"sort": "-total"})) == ["S-1", "S-3", "S-2"]
    assert admin.get("/app/documents/", {"sort": "organization__name"}).status_code == 400
    assert admin.get("/app/documents/", {"status": "nonsense"}).status_code == 400


def test_keyset_pages_walk_every_document_once(admin, company):
    customer = CustomerFactory(sender=company)
    for index in range(PAGE_SIZE + 7):
        DocumentFactory(customer=customer, number=f"K-{index:03d}", line_count=1)
    seen: list[str] = []
    params = {"sort": "number"}
    while True:
        response = admin.get("/app/documents/", params)
        seen += numbers(response)
        cursor = response.context["page"].next_cursor
        if not cursor:
            break
        params = {"sort": "number", "after": cursor}
    assert seen == [f"K-{index:03d}" for index in range(PAGE_SIZE + 7)]
    # A tampered cursor starts again at the first page instead of failing.
    again = admin.get("/app/documents/", {"sort": "number", "after": "forged:cursor"})
    assert numbers(again)[0] == "K-000"


def test_csv_export_is_formula_safe_and_follows_the_filters(admin, company):
    customer = CustomerFactory(sender=company, name='=HYPERLINK("http://evil")')
    DocumentFactory(
        customer=customer,
        number="+1-EVIL",
        counterparty_name='=HYPERLINK("http://evil")',
        status=DocumentStatus.SENT,
    )
    DocumentFactory(customer=customer, number="OTHER", status=DocumentStatus.STOPPED)
    response = admin.get("/app/documents/export.csv", {"status": "sent"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][0] == "'+1-EVIL"
    assert rows[1][6] == '\'=HYPERLINK("http://evil")'
    assert AuditEntry.objects.filter(action="documents.export").count() == 1


def test_xlsx_export_keeps_numbers_as_numbers_and_text_as_text(admin, company):
    customer = CustomerFactory(sender=company)
    document = DocumentFactory(customer=customer, number="@SUM(A1)", line_count=1)
    response = admin.get("/app/documents/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = [[cell.value for cell in r] for r in sheet.iter_rows(max_row=2)]
    assert header[0] == "Number"
    assert row[0] == "'@SUM(A1)"
    assert row[10] == float(document.amount_total) and isinstance(row[10], float)


def test_a_subsidiary_user_sees_only_their_own_and_exports_follow(client_for, world):
    clerk = client_for(world.personas["subsidiary_clerk_no"])
    listed = numbers(clerk.get("/app/documents/"))
    exported = b"".join(clerk.get("/app/documents/export.csv").streaming_content).decode()
    own = {d.number for d in world.personas["subsidiary_clerk_no"].documents}
    assert own and set(listed) >= own
    assert "SVEA-1001" not in listed and "SVEA-1001" not in exported
    assert "MUELLER-1001" not in exported


def test_enterprise_user_switches_organization_in_one_click(client_for, world):
    admin = client_for(world.personas["enterprise_admin"])
    everything = set(numbers(admin.get("/app/documents/")))
    assert {"KARI-1001", "SVEA-1001"} <= everything
    response = admin.post("/app/scope/", {"organization": "nordlys-se", "next": "/app/documents/"})
    assert response.status_code == 302 and response["Location"] == "/app/documents/"
    narrowed = set(numbers(admin.get("/app/documents/")))
    assert "SVEA-1001" in narrowed and "KARI-1001" not in narrowed
    # A foreign organization cannot be chosen.
    assert admin.post("/app/scope/", {"organization": "hansa"}).status_code == 400
    admin.post("/app/scope/", {"organization": ""})
    assert set(numbers(admin.get("/app/documents/"))) == everything
