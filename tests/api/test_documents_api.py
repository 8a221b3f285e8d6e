"""GET /api/v1/documents[/{id}[/events]]: scoping, filters, pagination, errors as JSON."""

import datetime

import pytest

from folio.documents.services import document_transition
from folio.tenancy.services import api_key_revoke
from tests.factories import DeliveryFactory, DocumentFactory, system_actor


@pytest.fixture
def api_no(world, api_client_for):
    return api_client_for(world.organizations["nordlys-no"])


@pytest.fixture
def api_group(world, api_client_for):
    return api_client_for(world.organizations["nordlys"])


def _numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["number"] for item in response.json()["items"]}


def test_list_shows_only_the_keys_organizations(api_no, api_group):
    assert _numbers(api_no.get("/api/v1/documents")) == {
        "KARI-1001",
        "KARI-1002",
        "KARI-CN-1",
        "OLA-1001",
    }
    group = _numbers(api_group.get("/api/v1/documents"))
    assert {"KARI-1001", "SVEA-1001", "LINA-1001"} <= group
    assert not any(number.startswith(("MUELLER", "SCHMIDT")) for number in group)


def test_list_items_carry_ids_amounts_and_customer(api_no, world):
    item = next(
        item
        for item in api_no.get("/api/v1/documents").json()["items"]
        if item["number"] == "KARI-1001"
    )
    document = world.documents["kari-invoice-sent"]
    assert item["id"] == str(document.code)
    assert item["organization"] == "nordlys-no"
    assert item["customer"] == {
        "id": str(world.customers["kari"].code),
        "customer_number": "NO-1001",
        "name": "Kari Nordmann",
    }
    assert item["amount_total"] == f"{document.amount_total:.2f}"
    assert item["status"] == "sent"
    assert "pk" not in item


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "sent"}, {"KARI-1001", "OLA-1001"}),
        ({"type": "credit_note"}, {"KARI-CN-1"}),
        ({"q": "kari-100"}, {"KARI-1001", "KARI-1002"}),
        ({"q": "Ola Hansen"}, {"OLA-1001"}),
        ({"q": "0010015"}, {"KARI-1001"}),
    ],
)
def test_filters(api_no, query, expected):
    assert _numbers(api_no.get("/api/v1/documents", query)) == expected


def test_filter_by_customer_and_issue_dates(api_no, world):
    kari = world.customers["kari"]
    assert _numbers(api_no.get("/api/v1/documents", {"customer": str(kari.code)})) == {
        "KARI-1001",
        "KARI-1002",
        "KARI-CN-1",
    }
    issued = world.documents["kari-invoice-paid"].issue_date
    window = {"since": issued.isoformat(), "until": issued.isoformat()}
    assert _numbers(api_no.get("/api/v1/documents", window)) == {"KARI-1002"}
    later = {"since": (issued + datetime.timedelta(days=1)).isoformat()}
    assert "KARI-1002" not in _numbers(api_no.get("/api/v1/documents", later))


def test_filter_by_channel(api_no, world):
    document = world.documents["kari-invoice-sent"]
    delivery = DeliveryFactory(
        document=DocumentFactory(customer=world.customers["kari"], status="accepted"),
        channel="print",
    )
    document_transition(
        document=delivery.document, to_status="sending", actor=system_actor(), delivery=delivery
    )
    assert _numbers(api_no.get("/api/v1/documents", {"channel": "print"})) == {
        delivery.document.number
    }
    assert document.number not in _numbers(api_no.get("/api/v1/documents", {"channel": "print"}))


def test_pagination_walks_every_document_once(api_no, world):
    for number in range(5):
        DocumentFactory(customer=world.customers["ola"], number=f"PAGE-{number}")
    seen: list[str] = []
    url = "/api/v1/documents?page_size=4"
    pages = 0
    while url:
        body = api_no.get(url).json()
        assert body["count"] == 9
        seen += [item["number"] for item in body["items"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 9


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"type": "banana"},
        {"channel": "pigeon"},
        {"since": "yesterday"},
        {"customer": "not-a-uuid"},
        {"page": "0"},
        {"page_size": "1000"},
        {"q": "x" * 201},
        {"q": "KARI\x00"},
    ],
)
def test_bad_filters_answer_422_json(api_no, query):
    response = api_no.get("/api/v1/documents", query)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["message"]
    assert body["errors"]


def test_filter_by_another_tenants_customer_is_404(api_no, world):
    foreign = world.customers["mueller"]
    response = api_no.get("/api/v1/documents", {"customer": str(foreign.code)})
    assert response.status_code == 404
    assert response.json()["code"] == "customer_not_found"


def test_detail_has_lines_and_deliveries(api_no, world):
    document = world.documents["kari-invoice-sent"]
    DeliveryFactory(document=document, channel="efaktura_no", cost="1.2500", status="sent")
    body = api_no.get(f"/api/v1/documents/{document.code}").json()
    assert body["id"] == str(document.code)
    assert [line["item_name"] for line in body["lines"]] == list(
        document.lines.values_list("item_name", flat=True)
    )
    assert sum(float(line["amount_net"]) for line in body["lines"]) == pytest.approx(
        float(document.amount_net)
    )
    assert len(body["deliveries"]) == 1
    delivery = body["deliveries"][0]
    assert (delivery["channel"], delivery["status"], delivery["cost"]) == (
        "efaktura_no",
        "sent",
        "1.2500",
    )


def test_events_are_the_timeline_in_order(api_no, world):
    document = world.documents["kari-invoice-sent"]
    events = api_no.get(f"/api/v1/documents/{document.code}/events").json()
    assert [event["kind"] for event in events] == ["received", "accepted", "sending", "sent"]
    assert events[-1]["to_status"] == "sent"


def test_foreign_unknown_and_malformed_ids_answer_404_json(api_no, world):
    foreign = world.documents["svea-invoice-sent"]
    for path in (
        f"/api/v1/documents/{foreign.code}",
        f"/api/v1/documents/{foreign.code}/events",
        "/api/v1/documents/00000000-0000-4000-8000-000000000000",
        "/api/v1/documents/42",
    ):
        response = api_no.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")
        assert set(response.json()) >= {"code", "message"}


def test_requests_without_a_valid_key_are_401(api_no, client):
    response = client.get("/api/v1/documents")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"
    wrong = client.get("/api/v1/documents", headers={"Authorization": "Bearer folio_abc_def"})
    assert wrong.status_code == 401
    basic = client.get("/api/v1/documents", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert basic.status_code == 401


def test_a_revoked_key_stops_working(api_no):
    assert api_no.get("/api/v1/documents").status_code == 200
    api_key_revoke(api_key=api_no.api_key, actor=system_actor())
    assert api_no.get("/api/v1/documents").status_code == 401


def test_openapi_document_describes_the_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/documents" in schema["paths"]
    assert "/api/v1/customers/{id}" in schema["paths"]
    assert schema["components"]["securitySchemes"]["ApiKeyBearer"]["scheme"] == "bearer"
    assert client.get("/api/v1/docs").status_code == 200
