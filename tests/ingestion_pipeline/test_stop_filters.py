"""Stop filters: each kind stops what it should, the sender (and customer) hear of it, the sender
corrects and resends as a new version, and a dry run shows what a rule would have stopped."""

from __future__ import annotations

import base64
import json

import pytest
from django.core import mail

from folio.documents.models import Document, DocumentStatus, EventKind
from folio.ingestion.filters import kid_mod11_check_digit, kid_valid, pattern_check
from folio.ingestion.models import StopRule
from tests.delivery.conftest import run_jobs
from tests.factories import CustomerFactory
from tests.ingestion_pipeline.conftest import NOTIFY_TASK, ROUTE_TASK, enqueued, post_json
from tests.ingestion_pipeline.documents import business_buyer, folio_json


def add_rule(client, **rule):
    response = client.post(
        "/api/v1/filters", data=json.dumps(rule), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def stopped_codes(response) -> list[str]:
    document = Document.objects.get(code=response.json()["id"])
    return [reason["code"] for reason in document.versions.last().stop_reasons]


PDF = base64.b64encode(b"%PDF-1.4 test").decode()


@pytest.mark.parametrize(
    ("rule", "stopped", "passes"),
    [
        (
            {"kind": "required_term", "term": "order_reference"},
            {},
            {"order_reference": "PO-1"},
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": r"[A-Z]{2}-\d{4}"},
            {"buyer_reference": "Kari"},
            {"buyer_reference": "AB-1234"},
        ),
        (
            {"kind": "valid_kid", "kid_algorithm": "mod10", "kid_length": 7},
            {"payment": {"means_code": "30", "payment_id": "0010016", "account_id": "12345678903"}},
            {"payment": {"means_code": "30", "payment_id": "0010017", "account_id": "12345678903"}},
        ),
        (
            {"kind": "valid_kid", "kid_algorithm": "mod11"},
            {
                "payment": {
                    "means_code": "30",
                    "payment_id": "12345671",
                    "account_id": "12345678903",
                }
            },
            {
                "payment": {
                    "means_code": "30",
                    "payment_id": "12345674",
                    "account_id": "12345678903",
                }
            },
        ),
        (
            {"kind": "amount_limit", "max_amount": "300.00"},
            {},
            {"lines": 1},
        ),
        ({"kind": "allowed_currencies", "currencies": ["EUR"]}, {}, {"currency": "EUR"}),
        (
            {"kind": "pdf_attachment"},
            {},
            {
                "attachments": [
                    {
                        "id": "1",
                        "filename": "invoice.pdf",
                        "mime_code": "application/pdf",
                        "content_base64": PDF,
                    }
                ]
            },
        ),
    ],
    ids=lambda value: value.get("kind", "") if isinstance(value, dict) else "",
)
def test_each_kind_stops_what_breaks_it_and_lets_the_rest_through(api, rule, stopped, passes):
    created = add_rule(api, **rule)
    blocked = post_json(api, folio_json("S-1", **stopped))
    assert blocked.status_code == 201 and blocked.json()["status"] == "stopped"
    document = Document.objects.get(code=blocked.json()["id"])
    assert document.versions.last().stop_reasons[0]["rule"] == created["id"]
    assert enqueued(ROUTE_TASK, blocked.json()["id"]) == 0
    assert enqueued(NOTIFY_TASK, blocked.json()["id"]) == 1
    through = post_json(api, folio_json("S-2", **passes))
    assert through.status_code == 201, through.json()
    assert through.json()["status"] == "accepted"


def test_recipient_reachable_checks_the_identifiers_the_channel_needs(api, sender):
    add_rule(api, kind="channel_reachable", channel="peppol")
    CustomerFactory(sender=sender, business=True, org_number="987654325", peppol_id="")
    assert post_json(api, folio_json("R-1")).json()["status"] == "stopped"
    reachable = business_buyer("922222223")
    CustomerFactory(sender=sender, business=True, peppol_id="0192:922222223")
    assert post_json(api, folio_json("R-2", buyer=reachable)).json()["status"] == "accepted"


def test_customer_rule_applies_to_that_customer_only(api, sender):
    strict = CustomerFactory(sender=sender, business=True, org_number="987654325")
    add_rule(api, kind="required_term", term="contract_reference", customer=str(strict.code))
    assert post_json(api, folio_json("C-1")).json()["status"] == "stopped"
    other = post_json(api, folio_json("C-2", buyer=business_buyer("922222223")))
    assert other.json()["status"] == "accepted"


# The real worker runs the notice job; it manages its own connection, as in tests/delivery.
@pytest.mark.django_db(transaction=True)
def test_stopped_document_emails_sender_and_customer_and_is_corrected_by_resend(api, sender):
    customer = CustomerFactory(
        sender=sender, business=True, org_number="987654325", email="ap@buyer.example"
    )
    rule = add_rule(api, kind="required_term", term="order_reference", notify_customer=True)
    response = post_json(api, folio_json("F-1"))
    body = response.json()
    assert body["status"] == "stopped" and body["customer"] == str(customer.code)
    document = Document.objects.get(code=body["id"])
    assert "Purchase order reference" in document.status_reason

    run_jobs("ingestion")
    assert sorted(m.to[0] for m in mail.outbox) == ["ap@buyer.example", sender.email]
    to_sender = next(m for m in mail.outbox if m.to == [sender.email])
    assert "F-1" in to_sender.subject and "Purchase order reference" in to_sender.body
    assert to_sender.alternatives and "Purchase order reference" in to_sender.alternatives[0][0]

    resent = api.post(
        f"/api/v1/documents/{body['id']}/resend",
        data=json.dumps({"corrections": {"order_reference": "PO-4711"}}),
        content_type="application/json",
    )
    assert resent.status_code == 200, resent.json()
    assert resent.json()["status"] == "accepted" and resent.json()["version"] == 2
    document.refresh_from_db()
    assert document.order_reference == "PO-4711" and document.version == 2
    assert enqueued(ROUTE_TASK, body["id"]) == 1

    versions = api.get(f"/api/v1/documents/{body['id']}/versions").json()
    assert [(v["version"], v["outcome"]) for v in versions] == [(1, "stopped"), (2, "accepted")]
    assert versions[0]["stop_reasons"][0]["rule"] == rule["id"]
    assert versions[1]["corrections"] == {"order_reference": "PO-4711"}
    assert versions[1]["validation"]["conforms"] is True
    # The corrected UBL is the current source; the first version's file is kept.
    xml = api.get(f"/api/v1/documents/{body['id']}/xml").content
    assert b"<cbc:ID>PO-4711</cbc:ID>" in xml
    assert document.files.filter(kind="source_xml").count() == 2
    kinds = list(document.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.RECEIVED,
        EventKind.VALIDATED,
        EventKind.STOPPED,
        EventKind.CORRECTED,
        EventKind.VALIDATED,
        EventKind.ACCEPTED,
    ]
    # The notice job of version 1 runs again after the resend: nothing more is sent.
    mail.outbox.clear()
    run_jobs("ingestion")
    assert mail.outbox == []


def test_a_resend_that_still_breaks_the_rule_stays_stopped(api):
    add_rule(api, kind="term_pattern", term="buyer_reference", pattern=r"\d{6}")
    body = post_json(api, folio_json("F-2")).json()
    resent = api.post(
        f"/api/v1/documents/{body['id']}/resend",
        data=json.dumps({"corrections": {"buyer_reference": "12345"}}),
        content_type="application/json",
    )
    assert resent.status_code == 200 and resent.json()["status"] == "stopped"
    assert resent.json()["version"] == 2
    assert enqueued(NOTIFY_TASK, body["id"]) == 2


def test_resend_refuses_what_it_cannot_do(api, other_api, row_counts):
    add_rule(api, kind="required_term", term="project_reference")
    stopped = post_json(api, folio_json("F-3")).json()
    accepted = post_json(api, folio_json("F-4", project_reference="P")).json()
    url = f"/api/v1/documents/{accepted['id']}/resend"
    response = api.post(url, data="{}", content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "not_stopped"
    url = f"/api/v1/documents/{stopped['id']}/resend"
    response = api.post(
        url,
        data=json.dumps({"corrections": {"number": "X"}}),
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["code"] == "term_not_correctable"

    # Another tenant's key: 404, and nothing changes.
    before = row_counts()
    response = other_api.post(
        url,
        data=json.dumps({"corrections": {"project_reference": "P"}}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert row_counts() == before
    assert Document.objects.get(code=stopped["id"]).status == DocumentStatus.STOPPED


def test_dry_run_lists_what_a_rule_would_have_stopped(api, other_api, sender):
    post_json(api, folio_json("D-1"))
    post_json(api, folio_json("D-2", order_reference="PO-2"))
    post_json(api, folio_json("D-3"))
    candidate = {"kind": "required_term", "term": "order_reference", "last": 10}
    response = api.post(
        "/api/v1/filters/dry-run", data=json.dumps(candidate), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["judged"] == 3
    assert sorted(hit["number"] for hit in body["would_stop"]) == ["D-1", "D-3"]
    assert {hit["code"] for hit in body["would_stop"]} == {"missing_term"}
    assert not StopRule.objects.exists()

    rule = add_rule(api, kind="allowed_currencies", currencies=["EUR"])
    response = api.post(
        f"/api/v1/filters/{rule['id']}/dry-run",
        data=json.dumps({"last": 2}),
        content_type="application/json",
    )
    assert response.json()["judged"] == 2 and len(response.json()["would_stop"]) == 2
    assert other_api.post(f"/api/v1/filters/{rule['id']}/dry-run").status_code == 404
    assert Document.objects.filter(status=DocumentStatus.STOPPED).count() == 0


def test_rules_are_listed_deleted_and_kept_per_tenant(api, other_api):
    rule = add_rule(api, kind="allowed_currencies", currencies=["NOK"], reason="Kroner only")
    assert [r["id"] for r in api.get("/api/v1/filters").json()] == [rule["id"]]
    assert other_api.get("/api/v1/filters").json() == []
    assert other_api.delete(f"/api/v1/filters/{rule['id']}").status_code == 404
    body = post_json(api, folio_json("L-1", currency="EUR")).json()
    assert Document.objects.get(code=body["id"]).status_reason == "Kroner only"
    assert api.delete(f"/api/v1/filters/{rule['id']}").status_code == 204
    assert api.get("/api/v1/filters").json() == []


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": "(a+)+$"},
            "pattern_nested_repeat",
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": "(a|aa)*"},
            "pattern_repeated_alternative",
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": r"(a)\1"},
            "pattern_unsupported",
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": "a*b*c*d*"},
            "pattern_too_many_repeats",
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": "x" * 101},
            "pattern_length",
        ),
        (
            {"kind": "term_pattern", "term": "buyer_reference", "pattern": "(unclosed"},
            "pattern_invalid",
        ),
        ({"kind": "required_term", "term": "shoe_size"}, "unknown_term"),
        ({"kind": "valid_kid", "kid_algorithm": "mod97"}, "kid_algorithm"),
        ({"kind": "amount_limit"}, "amount_limit"),
        ({"kind": "allowed_currencies", "currencies": ["kroner"]}, "currencies"),
        ({"kind": "channel_reachable", "channel": "pigeon"}, "channel"),
        ({"kind": "telepathy"}, "unknown_kind"),
    ],
)
def test_unsafe_or_incomplete_rules_are_refused(api, rule, code):
    response = api.post("/api/v1/filters", data=json.dumps(rule), content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == code
    assert not StopRule.objects.exists()


def test_kid_check_digits():
    assert kid_valid("0010017", "mod10", 7) and not kid_valid("0010017", "mod10", 8)
    assert not kid_valid("0010015", "mod10", 7)
    assert kid_mod11_check_digit("1234567") == "4" and kid_valid("12345674", "mod11", None)
    assert not kid_valid("1234567-", "mod11", None) and not kid_valid("", "mod10", None)
    assert pattern_check(r"[A-Z]{2}-\d{4}").fullmatch("AB-1234")
