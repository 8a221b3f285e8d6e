"""GET /api/v1/customers[/{id}]: scoping, search, the masked national id."""

from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.fixture
def api_no(world, api_client_for):
    return api_client_for(world.organizations["nordlys-no"])


def test_list_is_scoped_and_searchable(api_no):
    body = api_no.get("/api/v1/customers").json()
    assert body["count"] == 2
    assert {item["name"] for item in body["items"]} == {"Kari Nordmann", "Ola Hansen"}
    found = api_no.get("/api/v1/customers", {"q": "ola"}).json()
    assert [item["customer_number"] for item in found["items"]] == ["NO-1002"]
    by_number = api_no.get("/api/v1/customers", {"q": "NO-1001"}).json()
    assert [item["name"] for item in by_number["items"]] == ["Kari Nordmann"]


def test_national_id_is_only_ever_masked(api_no, world):
    kari = world.customers["kari"]
    for response in (
        api_no.get(f"/api/v1/customers/{kari.code}"),
        api_no.get("/api/v1/customers"),
    ):
        assert response.status_code == 200
        assert kari.national_id not in response.content.decode()
    detail = api_no.get(f"/api/v1/customers/{kari.code}").json()
    assert detail["national_id"] == kari.national_id_masked
    assert detail["national_id"].endswith(kari.national_id[-4:])


def test_another_tenants_customer_is_404(api_no, world):
    response = api_no.get(f"/api/v1/customers/{world.customers['svea-bygg'].code}")
    assert response.status_code == 404
    assert response.json()["code"] == "customer_not_found"


def test_pagination_bounds_are_validated(api_no):
    assert api_no.get("/api/v1/customers", {"page_size": "0"}).status_code == 422
    assert api_no.get("/api/v1/customers", {"q": "a\x00b"}).status_code == 422
    page = api_no.get("/api/v1/customers", {"page_size": "1"}).json()
    assert len(page["items"]) == 1
    next_query = parse_qs(urlsplit(page["next"]).query)
    assert next_query == {"page": ["2"], "page_size": ["1"]}
    last = api_no.get(page["next"]).json()
    assert last["next"] is None
    assert {item["name"] for item in page["items"] + last["items"]} == {
        "Kari Nordmann",
        "Ola Hansen",
    }
