"""The sender sees registrations and each customer's reach: API (JSON and CSV)."""

from __future__ import annotations

import csv
import io

import pytest

from folio.registries.models import RegistrationAction
from folio.registries.services import registration_record
from folio.tenancy.actors import Actor
from tests.factories import CompanyFactory, api_key_with_secret
from tests.nordic.conftest import consumer, norwegian_sender


def api_get(client, secret: str, path: str):
    return client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def registrations(db):
    sender = norwegian_sender()
    customer = consumer(sender, name="=HYPERLINK(evil)", national_id="01017012345")
    other_sender = CompanyFactory(country="NO")
    other = consumer(other_sender)
    actor = Actor.for_system("tests")
    for organization, who, message in ((sender, customer, "m-1"), (other_sender, other, "m-2")):
        registration_record(
            organization=organization,
            channel="efaktura_no",
            action=RegistrationAction.REGISTERED,
            external_id=message,
            actor=actor,
            customer=who,
            address="EF-1",
            source="eFaktura registration from the payer's online bank",
        )
    return sender, customer


def test_registrations_are_listed_for_the_own_organization_only(client, registrations):
    sender, customer = registrations
    _key, secret = api_key_with_secret(sender)
    body = api_get(client, secret, "/registrations?channel=efaktura_no").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["customer_id"] == str(customer.code)
    assert (item["channel"], item["action"], item["message_id"]) == (
        "efaktura_no",
        "registered",
        "m-1",
    )
    customer.refresh_from_db()
    assert customer.preferred_channel == "efaktura_no"
    assert api_get(client, secret, "/registrations?channel=kivra_se").json()["count"] == 0
    assert api_get(client, secret, "/registrations?channel=bogus").status_code == 422


def test_registrations_export_is_csv_and_formula_safe(client, registrations):
    sender, customer = registrations
    _key, secret = api_key_with_secret(sender)
    response = api_get(client, secret, "/registrations/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["customer_number"] == customer.customer_number
    assert rows[0]["customer_name"] == "'=HYPERLINK(evil)"
    assert rows[0]["message_id"] == "m-1"


def test_customer_reach_lists_every_nordic_channel(client, registrations):
    sender, customer = registrations
    _key, secret = api_key_with_secret(sender)
    response = api_get(client, secret, f"/customers/{customer.code}/reach")
    assert response.status_code == 200
    by_channel = {row["channel"]: row for row in response.json()}
    assert set(by_channel) == {"efaktura_no", "avtalegiro_no", "kivra_se", "efaktura_se"}
    # The registration is fresh, so eFaktura reaches without asking the network.
    assert by_channel["efaktura_no"]["available"] is True
    assert "registered for eFaktura" in by_channel["efaktura_no"]["reason"]
    assert by_channel["efaktura_no"]["checked_at"]
    assert by_channel["kivra_se"]["available"] is False
