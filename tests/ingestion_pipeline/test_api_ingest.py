"""POST /api/v1/documents: UBL and Folio JSON in, the document stored and routed or refused."""

from __future__ import annotations

import json

import pytest

from folio.customers.models import Customer
from folio.documents.models import Document, DocumentStatus, EventKind, FileKind
from folio.ingestion.en16931 import from_ubl
from folio.ingestion.json_format import FolioDocumentIn
from folio.ingestion.ubl_writer import ubl_from_json
from folio.ingestion.validation.engines import get_engine
from folio.ingestion.validation.rules_store import corpus_rule_files
from folio.ingestion.xml_safety import parse_xml, parse_xml_file
from folio.tenancy.models import AuditEntry
from tests.factories import CompanyFactory, CustomerFactory
from tests.ingestion.conftest import example_documents
from tests.ingestion_pipeline.conftest import (
    ROUTE_TASK,
    enqueued,
    key_client,
    post_json,
    post_xml,
)
from tests.ingestion_pipeline.documents import business_buyer, folio_json

EHF_EXAMPLE = "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml"


def test_json_document_is_accepted_stored_and_routed_in_one_go(api, sender):
    response = post_json(api, folio_json("INV-1", lines=3))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {"id", "number", "type", "status", "customer", "warnings"}
    assert (body["number"], body["type"], body["status"]) == ("INV-1", "invoice", "accepted")
    document = Document.objects.get(code=body["id"])
    assert document.organization == sender
    assert document.lines.count() == 3
    assert str(document.amount_net) == "375.00" and str(document.amount_payable) == "468.75"
    assert document.payment_reference == "0010015"
    kinds = list(document.events.values_list("kind", flat=True))
    assert kinds == [EventKind.RECEIVED, EventKind.VALIDATED, EventKind.ACCEPTED]
    assert {f.kind for f in document.files.all()} == {FileKind.SOURCE_XML, FileKind.SOURCE_JSON}
    # The transactional outbox: the routing job row exists as soon as the document does.
    assert enqueued(ROUTE_TASK, body["id"]) == 1
    [version] = document.versions.all()
    assert version.validation["conforms"] is True and version.outcome == "accepted"


@pytest.mark.parametrize("document_type", ["invoice", "credit_note"])
def test_ubl_written_from_json_passes_the_official_engine(document_type, corpus):
    document = folio_json(
        "JSON-UBL-1",
        lines=4,
        document_type=document_type,
        project_reference="P-7",
        contract_reference="K-3",
        order_reference="PO-9",
        preceding_invoice_number="INV-0",
        notes=["Thanks"],
    )
    tree = parse_xml(ubl_from_json(FolioDocumentIn.model_validate(document)))
    report = get_engine("official", corpus_rule_files(corpus)).validate(tree)
    assert report.conforms, report.as_dict()["errors"]
    invoice = from_ubl(tree)
    assert invoice.contract_reference == "K-3" and invoice.order_reference == "PO-9"
    assert invoice.totals.payable == invoice.totals.total_with_vat
    assert len(invoice.lines) == 4


def test_ehf_corpus_example_as_xml(api, sender, corpus):
    xml = (corpus / EHF_EXAMPLE).read_bytes()
    response = post_xml(api, xml)
    assert response.status_code == 201, response.json()
    body = response.json()
    document = Document.objects.get(code=body["id"])
    assert document.number == "TOSL108" and document.lines.count() == 5
    # The unknown buyer became a customer for review, with what the document says of it.
    customer = Customer.objects.get(code=body["customer"])
    assert customer.needs_review and customer.org_number == "987654325"
    assert customer.peppol_id == "0192:987654325"
    stored = api.get(f"/api/v1/documents/{body['id']}/xml")
    assert stored.status_code == 200 and stored.content == xml
    assert stored["Content-Type"] == "application/xml"
    pdf = api.get(f"/api/v1/documents/{body['id']}/pdf")
    assert pdf.status_code == 404 and pdf.json()["code"] == "pdf_not_available"


def _seller_org(invoice, index: int):
    seller = invoice.seller
    endpoint = seller.electronic_address
    return CompanyFactory(
        slug=f"corpus-seller-{index}",
        org_number=seller.legal_registration_id.value if seller.legal_registration_id else "",
        vat_id=seller.vat_id or "",
        peppol_id=f"{endpoint.scheme}:{endpoint.value}" if endpoint else "",
    )


def test_every_corpus_example_gets_the_official_verdict(db, corpus):
    """Each example goes in under a sender made to match its seller: 201 when the official
    engine says it conforms, else 422 with the official rule ids."""
    official = get_engine("official", corpus_rule_files(corpus))
    accepted = refused = 0
    for index, path in enumerate(example_documents(corpus)):
        tree = parse_xml_file(path)
        invoice = from_ubl(tree)
        client = key_client(_seller_org(invoice, index))
        verdict = official.validate(tree)
        response = post_xml(client, path.read_bytes())
        if verdict.conforms:
            assert response.status_code in (201, 409), (path.name, response.json())
            accepted += 1
        else:
            assert response.status_code == 422, path.name
            fired = {error["rule"] for error in response.json()["errors"]}
            assert fired == {finding.rule for finding in verdict.errors}, path.name
            refused += 1
    assert accepted >= 10 and refused >= 1  # the legacy EHF 2 example is refused


def test_seller_must_be_the_sender(api, row_counts):
    document = folio_json("INV-2")
    document["seller"]["vat_id"] = "NO999999999MVA"
    document["seller"]["legal_registration_id"]["value"] = "999999999"
    document["seller"]["electronic_address"]["value"] = "999999999"
    before = row_counts()
    response = post_json(api, document)
    assert response.status_code == 422
    assert response.json()["code"] == "seller_mismatch"
    assert response.json()["errors"][0]["rule"] == "seller_mismatch"
    after = row_counts()
    assert after["tenancy.AuditEntry"] == before["tenancy.AuditEntry"] + 1
    assert {k: v for k, v in after.items() if k != "tenancy.AuditEntry"} == {
        k: v for k, v in before.items() if k != "tenancy.AuditEntry"
    }


def test_invalid_document_is_refused_with_rule_ids_and_only_audited(api, sender, row_counts):
    document = folio_json("INV-3")
    document["currency"] = "ZZZ"  # not an ISO 4217 code: BR-CL-04
    before = row_counts()
    response = post_json(api, document)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert "BR-CL-04" in {e["rule"] for e in body["errors"]}
    assert all(set(e) == {"rule", "severity", "message", "location"} for e in body["errors"])
    after = row_counts()
    assert after["documents.Document"] == before["documents.Document"]
    audit = AuditEntry.objects.get(action="document.rejected", organization=sender)
    assert audit.detail["code"] == "validation_failed"


def test_json_that_breaks_the_schema_names_the_field(api):
    document = folio_json("INV-4")
    del document["seller"]["name"]
    document["lines"][0]["quantity"] = "many"
    response = post_json(api, document)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "json_invalid"
    locations = {e["location"] for e in body["errors"]}
    assert {"/seller/name", "/lines/0/quantity"} <= locations


@pytest.mark.parametrize("text", ["Power\u0001", "Power\ufffe", "Power\ud800"])
def test_json_text_that_xml_cannot_carry_is_refused_naming_the_field(api, text):
    """A control character, U+FFFE or an unpaired surrogate is valid JSON but can never be in
    UBL: 422 with the field, not a server error, and nothing stored."""
    document = folio_json("INV-CTRL")
    document["lines"][0]["item_name"] = text
    response = post_json(api, document)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "json_invalid"
    assert [e["location"] for e in body["errors"]] == ["/lines/0/item_name"]
    assert not Document.objects.filter(number="INV-CTRL").exists()


def test_duplicate_number_answers_409_naming_the_existing_document(api):
    first = post_json(api, folio_json("INV-5"))
    assert first.status_code == 201
    again = post_json(api, folio_json("INV-5", buyer_reference="other"))
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]
    assert Document.objects.filter(number="INV-5").count() == 1


def test_buyer_is_matched_to_existing_customers(api, sender):
    by_org_number = CustomerFactory(sender=sender, business=True, org_number="987654325")
    by_peppol = CustomerFactory(sender=sender, business=True, peppol_id="0192:922222223")
    by_number = CustomerFactory(sender=sender, customer_number="K-77")
    by_email = CustomerFactory(sender=sender, email="ap@acme.example")
    cases = [
        (business_buyer("987654325"), by_org_number),
        (business_buyer("922222223"), by_peppol),
        (business_buyer("933333337", identifier={"value": "K-77"}), by_number),
        (business_buyer("944444440", contact={"email": "AP@acme.example"}), by_email),
    ]
    for position, (buyer, customer) in enumerate(cases):
        response = post_json(api, folio_json(f"M-{position}", buyer=buyer))
        assert response.status_code == 201, response.json()
        assert response.json()["customer"] == str(customer.code), position
    customers_before = Customer.objects.filter(sender=sender).count()
    unknown = post_json(api, folio_json("M-9", buyer=business_buyer("955555554")))
    new = Customer.objects.get(code=unknown.json()["customer"])
    assert new.needs_review and new.sender == sender and new.org_number == "955555554"
    assert Customer.objects.filter(sender=sender).count() == customers_before + 1


def test_another_senders_customer_is_never_matched(api, sender, other_sender):
    CustomerFactory(sender=other_sender, business=True, org_number="987654325")
    response = post_json(api, folio_json("INV-6"))
    customer = Customer.objects.get(code=response.json()["customer"])
    assert customer.sender == sender and customer.needs_review


def test_size_and_line_caps_say_why(api, sender):
    oversize = b"<Invoice>" + b" " * (20 * 1024 * 1024) + b"</Invoice>"
    response = post_xml(api, oversize)
    assert response.status_code == 422 and response.json()["code"] == "document_too_large"

    many = folio_json("INV-7", lines=10_001)
    response = post_json(api, many)
    assert response.status_code == 422 and response.json()["code"] == "too_many_lines"

    line = b"<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine>"
    xml = (
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        + line * 10_001
        + b"</Invoice>"
    )
    response = post_xml(api, xml)
    assert response.status_code == 422 and response.json()["code"] == "too_many_lines"
    assert not Document.objects.filter(organization=sender).exists()


def test_not_an_invoice_and_not_json(api):
    response = post_xml(api, b"<Order xmlns='urn:x'/>")
    assert response.status_code == 422 and response.json()["code"] == "not_an_invoice"
    response = api.post("/api/v1/documents", data=b"{nope", content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "json_malformed"


def test_without_a_key_nothing_happens(db, row_counts):
    from django.test import Client

    before = row_counts()
    response = post_json(Client(), folio_json("INV-8"))
    assert response.status_code == 401
    assert row_counts() == before


def test_warnings_are_returned(api, corpus):
    # The EHF example fires UBL-CR-679 as a warning in both engines.
    response = post_xml(api, (corpus / EHF_EXAMPLE).read_bytes())
    assert "UBL-CR-679" in {w["rule"] for w in response.json()["warnings"]}


def test_tenant_isolation_for_reading_sources(api, other_api):
    body = post_json(api, folio_json("INV-9")).json()
    for path in ("xml", "pdf", "versions"):
        response = other_api.get(f"/api/v1/documents/{body['id']}/{path}")
        assert response.status_code == 404, path
    assert (
        json.loads(api.get(f"/api/v1/documents/{body['id']}/versions").content)[0]["outcome"]
        == DocumentStatus.ACCEPTED
    )


def test_openapi_documents_folio_json_by_business_terms(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/documents"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["number"]["title"] == "BT-1"
    assert body["properties"]["seller"]["properties"]["vat_id"]["title"] == "BT-31 / BT-48"
    assert "$ref" not in json.dumps(body)
    assert "application/xml" in operation["requestBody"]["content"]
    assert {"201", "409", "422"} <= set(operation["responses"])


def test_document_detail_carries_the_validation_report(api, corpus):
    body = post_xml(api, (corpus / EHF_EXAMPLE).read_bytes()).json()
    detail = api.get(f"/api/v1/documents/{body['id']}").json()
    assert detail["version"] == 1
    assert detail["validation"]["conforms"] is True
    assert "UBL-CR-679" in {w["rule"] for w in detail["validation"]["warnings"]}
