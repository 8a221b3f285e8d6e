"""Folio JSON document-level allowances and charges (BG-20 / BG-21), the JSON written from the
EN 16931 model, and BT-11 on credit notes; every UBL written here is judged by both engines."""

import copy
import json
from decimal import Decimal

import pytest
from lxml import etree
from pydantic import ValidationError

from folio.ingestion.en16931 import NS, from_ubl
from folio.ingestion.json_format import FolioDocumentIn, document_from_model
from folio.ingestion.ubl_writer import ubl_from_json
from folio.ingestion.xml_safety import parse_xml, parse_xml_file
from tests.factories import CompanyFactory
from tests.ingestion_pipeline.conftest import key_client, post_json
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID, folio_json

SELLER = {
    "name": "Nordlys AS",
    "vat_id": "NO123456785MVA",
    "tax_registration_id": "Foretaksregisteret",
    "legal_registration_id": {"value": "123456785", "scheme": "0192"},
    "electronic_address": {"value": "123456785", "scheme": "0192"},
    "address": {
        "street": "Storgata 1",
        "city": "Oslo",
        "postal_code": "0155",
        "country_code": "NO",
    },
}
BUYER = {
    "name": "Buyercompany ASA",
    "electronic_address": {"value": "987654325", "scheme": "0192"},
    "address": {"city": "Bergen", "country_code": "NO"},
}


def _document(**overrides) -> dict:
    document = {
        "document_type": "invoice",
        "number": "INV-77",
        "issue_date": "2026-11-01",
        "due_date": "2026-11-15",
        "currency": "NOK",
        "buyer_reference": "Kari",
        "seller": SELLER,
        "buyer": BUYER,
        "payment": {"means_code": "30", "account_id": "12345678903"},
        "lines": [
            {
                "item_name": "Power",
                "quantity": "100",
                "unit_code": "KWH",
                "price": "12.5",
                "vat_category": "S",
                "vat_rate": "25",
            },
            {
                "item_name": "Grid rent",
                "quantity": "1",
                "price": "400",
                "vat_category": "E",
                "vat_rate": "0",
                "vat_exemption_reason": "Exempt grid rent",
            },
        ],
    }
    document.update(overrides)
    return document


def _validated(native, official, ubl: bytes):
    tree = parse_xml(ubl)
    reports = [engine.validate(tree) for engine in (native, official)]
    for report in reports:
        assert report.conforms, [(f.rule, f.message) for f in report.errors]
    # Warnings too: the same rules fire in both engines.
    assert reports[0].rule_ids() == reports[1].rule_ids()
    return tree, reports[0]


def test_allowances_and_charges_are_written_as_conforming_ubl(native, official):
    document = FolioDocumentIn.model_validate(
        _document(
            allowances=[
                {
                    "amount": "50",
                    "reason": "Loyal customer",
                    "reason_code": "95",
                    "vat_category": "S",
                    "vat_rate": "25",
                },
            ],
            charges=[
                # 10 % of 1000 = 100, computed by Folio
                {
                    "base_amount": "1000",
                    "percentage": "10",
                    "reason_code": "FC",
                    "reason": "Freight",
                    "vat_category": "S",
                    "vat_rate": "25",
                },
                {"amount": "20", "reason": "Meter reading", "vat_category": "E", "vat_rate": "0"},
            ],
        )
    )
    tree, report = _validated(native, official, ubl_from_json(document))
    assert not report.warnings

    invoice = from_ubl(tree)
    assert [(a.is_charge, a.amount, a.reason_code, a.reason) for a in invoice.allowances] == [
        (False, Decimal("50.00"), "95", "Loyal customer")
    ]
    freight, reading = invoice.charges
    assert (freight.amount, freight.base_amount, freight.percentage) == (
        Decimal("100.00"),
        Decimal("1000.00"),
        Decimal("10"),
    )
    assert (freight.vat_category, freight.vat_rate) == ("S", Decimal("25"))
    assert (reading.amount, reading.vat_category) == (Decimal("20.00"), "E")
    totals = invoice.totals
    assert totals.line_net_total == Decimal("1650.00")  # 1250 + 400
    assert totals.allowance_total == Decimal("50.00")  # BT-107
    assert totals.charge_total == Decimal("120.00")  # BT-108
    assert totals.total_without_vat == Decimal("1720.00")  # 1650 - 50 + 120
    breakdown = {(v.category, v.rate): v for v in invoice.vat_breakdown}
    assert breakdown[("S", Decimal("25"))].taxable_amount == Decimal("1300.00")  # 1250 - 50 + 100
    assert breakdown[("S", Decimal("25"))].tax_amount == Decimal("325.00")
    assert breakdown[("E", Decimal("0"))].taxable_amount == Decimal("420.00")
    assert breakdown[("E", Decimal("0"))].exemption_reason == "Exempt grid rent"
    assert totals.vat_total == Decimal("325.00")
    assert totals.total_with_vat == totals.payable == Decimal("2045.00")


def test_a_credit_note_with_allowances_conforms(native, official):
    document = FolioDocumentIn.model_validate(
        _document(
            document_type="credit_note",
            number="CN-5",
            preceding_invoice_number="INV-77",
            allowances=[
                {"amount": "10", "reason_code": "95", "vat_category": "E", "vat_rate": "0"}
            ],
        )
    )
    tree, _report = _validated(native, official, ubl_from_json(document))
    note = from_ubl(tree)
    assert note.is_credit_note
    assert note.totals.allowance_total == Decimal("10.00")
    assert note.totals.charge_total is None


def test_a_category_only_an_allowance_has_takes_its_exemption_reason(native, official):
    document = FolioDocumentIn.model_validate(
        _document(
            lines=[{"item_name": "Power", "quantity": "10", "price": "10", "vat_rate": "25"}],
            charges=[
                {
                    "amount": "30",
                    "reason": "Deposit",
                    "vat_category": "E",
                    "vat_rate": "0",
                    "vat_exemption_reason": "Deposit, outside the scope",
                }
            ],
        )
    )
    tree, _report = _validated(native, official, ubl_from_json(document))
    exempt = [v for v in from_ubl(tree).vat_breakdown if v.category == "E"]
    assert [(v.taxable_amount, v.exemption_reason) for v in exempt] == [
        (Decimal("30.00"), "Deposit, outside the scope")
    ]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"percentage": "10", "reason": "x"}, "base amount and the percentage together"),
        ({"base_amount": "100", "reason": "x"}, "base amount and the percentage together"),
        ({"reason": "x"}, "Give the amount, or the base amount and the percentage"),
        ({"amount": "5"}, "Give a reason or a reason code"),
        ({"amount": "5", "reason": "x", "colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_an_incomplete_allowance_is_refused_with_the_reason(item, message):
    with pytest.raises(ValidationError) as refused:
        FolioDocumentIn.model_validate(_document(allowances=[item]))
    assert message in str(refused.value)


def test_a_corpus_invoice_with_allowances_round_trips_through_folio_json(corpus, native, official):
    """Model -> Folio JSON -> UBL -> both engines; the allowances, charges, VAT breakdown and
    totals come back as they were."""
    path = corpus / "peppol-bis-invoice-3/rules/examples/Vat-category-S.xml"
    original = from_ubl(parse_xml_file(path))
    assert original.allowances and original.charges

    document = document_from_model(original)
    # The JSON is plain JSON (what a sender would post), and reads back to the same document.
    assert FolioDocumentIn.model_validate(json.loads(document.model_dump_json())) == document
    tree, _report = _validated(native, official, ubl_from_json(document))
    copy_ = from_ubl(tree)

    def allowances_charges(invoice):
        # BG-20 and BG-21 each in their order (Folio JSON keeps them in two lists).
        return [
            (
                a.is_charge,
                a.amount,
                a.base_amount,
                a.percentage,
                a.reason,
                a.reason_code,
                a.vat_category,
                a.vat_rate,
            )
            for a in [*invoice.allowances, *invoice.charges]
        ]

    assert allowances_charges(copy_) == allowances_charges(original)
    for term in (
        "line_net_total",
        "allowance_total",
        "charge_total",
        "total_without_vat",
        "vat_total",
        "total_with_vat",
        "prepaid",
        "payable",
    ):
        assert getattr(copy_.totals, term) == getattr(original.totals, term), term
    assert sorted(
        (v.category, v.rate, v.taxable_amount, v.tax_amount) for v in copy_.vat_breakdown
    ) == sorted(
        (v.category, v.rate, v.taxable_amount, v.tax_amount) for v in original.vat_breakdown
    )
    assert [(line.id, line.net_amount) for line in copy_.lines] == [
        (line.id, line.net_amount) for line in original.lines
    ]
    assert (copy_.number, copy_.seller.vat_id, copy_.buyer.name) == (
        original.number,
        original.seller.vat_id,
        original.buyer.name,
    )


def _with_project_reference(tree, project: str):
    """A copy of a corpus credit note with BT-11 as Peppol BIS 3 writes it on a credit note."""
    tree = copy.deepcopy(tree)
    root = tree.getroot()
    reference = etree.Element(f"{{{NS['cac']}}}AdditionalDocumentReference")
    etree.SubElement(reference, f"{{{NS['cbc']}}}ID").text = project
    etree.SubElement(reference, f"{{{NS['cbc']}}}DocumentTypeCode").text = "50"
    # Its place in the CreditNote sequence: right before the seller.
    root.find(f"{{{NS['cac']}}}AccountingSupplierParty").addprevious(reference)
    return parse_xml(etree.tostring(tree))


def test_a_credit_note_carries_its_project_reference_as_document_type_50(corpus, native, official):
    path = corpus / "peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml"
    plain = from_ubl(parse_xml_file(path))
    assert plain.project_reference is None

    tree = _with_project_reference(parse_xml_file(path), "p-2347234")
    _validated(native, official, etree.tostring(tree))
    note = from_ubl(tree)
    assert note.project_reference == "p-2347234"  # BT-11
    # It is a reference, not a supporting document (BG-24).
    assert [a.id for a in note.attachments] == [a.id for a in plain.attachments]


def test_a_json_credit_note_project_reference_survives_ubl(native, official):
    document = FolioDocumentIn.model_validate(
        _document(document_type="credit_note", number="CN-6", project_reference="PRJ-9")
    )
    tree, _report = _validated(native, official, ubl_from_json(document))
    note = from_ubl(tree)
    assert note.project_reference == "PRJ-9"
    assert note.attachments == []
    assert document_from_model(note).project_reference == "PRJ-9"


# --- through the API ----------------------------------------------------------------------------


@pytest.fixture
def api(db):
    """An API client of the sender that is the seller of `folio_json` documents."""
    sender = CompanyFactory(
        slug="nordlys-energi",
        name="Nordlys Energi AS",
        org_number=SELLER_ORG_NUMBER,
        vat_id=SELLER_VAT_ID,
        email="billing@nordlys.example.test",
    )
    return key_client(sender)


def test_the_api_takes_a_json_document_with_allowances_and_charges(api):
    document = folio_json(
        "INV-AC-1",
        allowances=[{"amount": "10", "reason_code": "95", "vat_category": "S", "vat_rate": "25"}],
        charges=[
            {
                "base_amount": "200",
                "percentage": "5",
                "reason": "Freight",
                "reason_code": "FC",
                "vat_category": "S",
                "vat_rate": "25",
            }
        ],
    )
    response = post_json(api, document)
    assert response.status_code == 201, response.json()
    assert response.json()["warnings"] == []

    stored = api.get(f"/api/v1/documents/{response.json()['id']}/xml")
    assert stored.status_code == 200
    totals = from_ubl(parse_xml(stored.content)).totals
    assert (totals.allowance_total, totals.charge_total) == (Decimal("10.00"), Decimal("10.00"))
    assert totals.total_without_vat == totals.line_net_total


def test_the_api_refuses_an_allowance_without_a_reason_and_stores_nothing(api):
    from folio.documents.models import Document

    response = post_json(api, folio_json("INV-AC-2", allowances=[{"amount": "10"}]))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "json_invalid"
    assert [e["location"] for e in body["errors"]] == ["/allowances/0"]
    assert "Give a reason or a reason code" in body["errors"][0]["message"]
    assert not Document.objects.filter(number="INV-AC-2").exists()


def test_the_documented_example_conforms_and_adds_up_as_documented(native, official):
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs/folio-json.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    tree, report = _validated(
        native, official, ubl_from_json(FolioDocumentIn.model_validate(example))
    )
    assert not report.warnings
    totals = from_ubl(tree).totals
    assert (totals.charge_total, totals.total_without_vat, totals.vat_total) == (
        Decimal("100.00"),
        Decimal("1300.00"),
        Decimal("325.00"),
    )
    assert totals.payable == Decimal("1625.00")


MARKUP = "A & B <c> \"d\" 'e'\r\n\tf ]]> é 中 😀"


def test_text_and_attributes_with_markup_characters_come_back_from_the_ubl_unchanged():
    """The writer escapes what XML needs escaped, in text and in attribute values, so that the
    hardened parser reads back exactly what the JSON said (whitespace inside values included)."""
    seller = copy.deepcopy(SELLER)
    seller["electronic_address"] = {"value": "123456785", "scheme": 'a&<>"\n\t\rb'}
    document = _document(
        number=MARKUP,
        notes=[MARKUP, ""],
        payment_terms=MARKUP,
        seller=seller,
        lines=[{"item_name": MARKUP, "quantity": "1", "unit_code": '<&">', "price": "10"}],
    )
    ubl = ubl_from_json(FolioDocumentIn.model_validate(document))
    assert b"A &amp; B &lt;c&gt; \"d\" 'e'&#13;\n\tf ]]&gt; " in ubl
    assert b'schemeID="a&amp;&lt;&gt;&quot;&#10;&#9;&#13;b"' in ubl
    assert b"<cbc:Note></cbc:Note>" in ubl  # an empty note is written empty, not left out
    invoice = from_ubl(parse_xml(ubl))
    assert invoice.number == MARKUP.strip()
    assert invoice.notes == [MARKUP.strip()]
    assert invoice.payment_terms == MARKUP.strip()
    assert invoice.seller.electronic_address.scheme == 'a&<>"\n\t\rb'
    assert invoice.lines[0].item_name == MARKUP.strip()
    assert invoice.lines[0].unit_code == '<&">'


def test_the_written_ubl_is_what_lxml_writes_for_the_same_tree():
    """The writer writes text, not an lxml tree; the bytes stay those lxml (libxml2) writes for
    the tree they parse to, escapes and declaration included (an empty text is the one thing
    a re-serialisation cannot show: it comes back as an empty element)."""
    seller = copy.deepcopy(SELLER)
    seller["contact"] = {"name": MARKUP, "email": "a@b.no"}
    seller["electronic_address"] = {"value": "123456785", "scheme": 'a&<>"\n\t\rb'}
    for document in (
        _document(number=MARKUP, notes=[MARKUP], seller=seller),
        _document(document_type="credit_note", project_reference=MARKUP, prepaid_amount="1"),
        folio_json("INV-1", lines=3),
    ):
        ubl = ubl_from_json(FolioDocumentIn.model_validate(document))
        assert etree.tostring(parse_xml(ubl), xml_declaration=True, encoding="UTF-8") == ubl


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff"])
def test_a_character_xml_cannot_carry_is_refused_by_the_writer(character):
    """What lxml refuses in a tree the writer refuses too (the text is never written out)."""
    document = FolioDocumentIn.model_validate(_document(buyer_reference=f"Kari{character}"))
    with pytest.raises(ValueError, match="XML compatible"):
        ubl_from_json(document)


def _line_terms(line):
    return [
        (a.is_charge, a.amount, a.base_amount, a.percentage, a.reason, a.reason_code)
        for a in line.allowances_charges
    ]


def test_line_allowances_and_charges_change_the_line_net_amount(native, official):
    """BG-27/BG-28: written inside the line, and the line's net amount (BT-131), the VAT
    breakdown and the totals follow from them (PEPPOL-EN16931-R120, BR-CO-10)."""
    document = _document()
    document["lines"][0]["allowances"] = [{"amount": "50", "reason": "Volume", "reason_code": "95"}]
    document["lines"][0]["charges"] = [
        # 2 % of 1250 = 25, computed by Folio
        {"base_amount": "1250", "percentage": "2", "reason": "Packing", "reason_code": "ABL"}
    ]
    tree, report = _validated(
        native, official, ubl_from_json(FolioDocumentIn.model_validate(document))
    )
    assert not report.warnings

    invoice = from_ubl(tree)
    power, grid = invoice.lines
    assert _line_terms(power) == [
        (False, Decimal("50.00"), None, None, "Volume", "95"),
        (True, Decimal("25.00"), Decimal("1250.00"), Decimal("2"), "Packing", "ABL"),
    ]
    assert _line_terms(grid) == []
    assert power.net_amount == Decimal("1225.00")  # 100 x 12.5 - 50 + 25
    # Line allowances and charges are inside the line's net amount: not BT-107 or BT-108.
    assert invoice.allowances == [] and invoice.charges == []
    assert invoice.totals.allowance_total is None and invoice.totals.charge_total is None
    assert invoice.totals.line_net_total == Decimal("1625.00")
    breakdown = {(v.category, v.rate): v for v in invoice.vat_breakdown}
    assert breakdown[("S", Decimal("25"))].taxable_amount == Decimal("1225.00")
    assert breakdown[("S", Decimal("25"))].tax_amount == Decimal("306.25")
    assert invoice.totals.payable == Decimal("1931.25")  # 1625 + 306.25


def test_a_given_line_net_amount_is_kept_and_checked_against_its_allowances(native):
    """A sender's own BT-131 is written as given; when it does not add up with the line's
    allowance, the validation says so (PEPPOL-EN16931-R120) and the document conforms not."""
    document = _document()
    document["lines"][0]["net_amount"] = "1250"
    document["lines"][0]["allowances"] = [{"amount": "50", "reason": "Volume"}]
    report = native.validate(parse_xml(ubl_from_json(FolioDocumentIn.model_validate(document))))
    assert "PEPPOL-EN16931-R120" in {f.rule for f in report.errors}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"percentage": "10", "reason": "x"}, "base amount and the percentage together"),
        ({"reason": "x"}, "Give the amount, or the base amount and the percentage"),
        ({"amount": "5"}, "Give a reason or a reason code"),
        # A line allowance has the line's VAT category: it has none of its own.
        ({"amount": "5", "reason": "x", "vat_category": "S"}, "Extra inputs are not permitted"),
    ],
)
def test_an_incomplete_line_allowance_is_refused_with_the_reason(item, message):
    document = _document()
    document["lines"][1]["charges"] = [item]
    with pytest.raises(ValidationError) as refused:
        FolioDocumentIn.model_validate(document)
    assert message in str(refused.value)
    assert "lines.1.charges.0" in str(refused.value)


def test_a_corpus_invoice_with_line_allowances_round_trips_through_folio_json(
    corpus, native, official
):
    path = corpus / "peppol-bis-invoice-3/rules/examples/Allowance-example.xml"
    original = from_ubl(parse_xml_file(path))
    assert any(line.allowances_charges for line in original.lines)

    document = document_from_model(original)
    assert FolioDocumentIn.model_validate(json.loads(document.model_dump_json())) == document
    tree, _report = _validated(native, official, ubl_from_json(document))
    copy_ = from_ubl(tree)

    def lines(invoice):
        # A line's allowances, then its charges, each in their order (Folio JSON keeps them in
        # two lists); amounts compare as numbers (Folio writes them with two decimals).
        return [
            (line.id, line.net_amount, sorted(_line_terms(line), key=lambda term: term[0]))
            for line in invoice.lines
        ]

    assert lines(copy_) == lines(original)
    assert copy_.totals.payable == original.totals.payable
