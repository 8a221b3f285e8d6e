"""National Peppol rules on whole invoices: both engines agree, and the named rule fires or not.

The VEFA unit tests of the corpus have none for Iceland (IS-R-*) and few for the payment
details of the German, Swedish and Danish rules, so these scenarios edit the 2026.5 billing
base example (seller and buyer moved to the country) and compare the engines on each.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest
from lxml import etree

from folio.ingestion.xml_safety import parse_xml_file

BASE_EXAMPLE = (
    "peppol-xslt-2026.5/phive-rules-peppol/src/test/resources/external/test-files/openpeppol/"
    "2026.5/billing/base-example.xml"
)
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}


def _fragment(xml: str) -> list:
    wrapper = etree.fromstring(f'<w xmlns:cac="{CAC}" xmlns:cbc="{CBC}">{xml}</w>')
    return list(wrapper)


def replace(path: str, xml: str):
    """Put the fragment where the first element at `path` is, removing all of them."""

    def edit(root):
        found = root.findall(path, NS)
        anchor = found[0]
        for element in _fragment(xml):
            anchor.addprevious(element)
        for element in found:
            element.getparent().remove(element)

    return edit


def insert_after(path: str, xml: str):
    def edit(root):
        anchor = root.find(path, NS)
        for element in reversed(_fragment(xml)):
            anchor.addnext(element)

    return edit


def set_text(path: str, text: str):
    def edit(root):
        for element in root.findall(path, NS):
            element.text = text

    return edit


def set_attribute(path: str, name: str, value: str):
    def edit(root):
        for element in root.findall(path, NS):
            element.set(name, value)

    return edit


def remove(path: str):
    def edit(root):
        for element in root.findall(path, NS):
            element.getparent().remove(element)

    return edit


def move_parties(country: str):
    def edit(root):
        for party in ("cac:AccountingSupplierParty", "cac:AccountingCustomerParty"):
            for code in root.findall(
                f"{party}/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode", NS
            ):
                code.text = country
            for number in root.findall(f"{party}/cac:Party/cac:PartyTaxScheme/cbc:CompanyID", NS):
                number.text = country + number.text[2:]

    return edit


def means(code: str, inner: str = "") -> str:
    return (
        f"<cac:PaymentMeans><cbc:PaymentMeansCode>{code}</cbc:PaymentMeansCode>{inner}"
        "</cac:PaymentMeans>"
    )


def account(number: str, branch: str | None = None) -> str:
    branch_xml = (
        f"<cac:FinancialInstitutionBranch><cbc:ID>{branch}</cbc:ID></cac:FinancialInstitutionBranch>"
        if branch
        else ""
    )
    return (
        f"<cac:PayeeFinancialAccount><cbc:ID>{number}</cbc:ID>{branch_xml}"
        "</cac:PayeeFinancialAccount>"
    )


def due_date_reference(value: str) -> str:
    return (
        f"<cac:AdditionalDocumentReference><cbc:ID>{value}</cbc:ID>"
        "<cbc:DocumentDescription>EINDAGI</cbc:DocumentDescription>"
        "</cac:AdditionalDocumentReference>"
    )


def attachment(filename: str) -> str:
    return (
        "<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cac:Attachment>"
        f'<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="{filename}">'
        "QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
        "</cac:AdditionalDocumentReference>"
    )


def seller_contact(telephone: str, mail: str) -> str:
    return (
        f"<cac:Contact><cbc:Name>Anna</cbc:Name><cbc:Telephone>{telephone}</cbc:Telephone>"
        f"<cbc:ElectronicMail>{mail}</cbc:ElectronicMail></cac:Contact>"
    )


SELLER_PARTY = "cac:AccountingSupplierParty/cac:Party"
PAYMENT_MEANS = "cac:PaymentMeans"
SKONTO = "#SKONTO#TAGE=14#PROZENT=2.00#\n"

# (country, edits, rule, fires)
SCENARIOS = {
    "is-type-code": ("IS", [set_text("cbc:InvoiceTypeCode", "383")], "IS-R-001", True),
    "is-legal-id": ("IS", [], "IS-R-002", True),
    "is-legal-id-kennitala": (
        "IS",
        [
            set_text(f"{SELLER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID", "5904992469"),
            set_attribute(f"{SELLER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0196"),
        ],
        "IS-R-002",
        False,
    ),
    "is-claim-account-short": (
        "IS",
        [replace(PAYMENT_MEANS, means("9", account("0123")))],
        "IS-R-006",
        True,
    ),
    "is-claim-account": (
        "IS",
        [replace(PAYMENT_MEANS, means("9", account("012326123456")))],
        "IS-R-006",
        False,
    ),
    "is-transfer-without-account": ("IS", [replace(PAYMENT_MEANS, means("42"))], "IS-R-007", True),
    "is-due-date-reference-bad": (
        "IS",
        [insert_after("cbc:BuyerReference", due_date_reference("2017-13-01"))],
        "IS-R-008",
        True,
    ),
    "is-due-date-reference-without-due-date": (
        "IS",
        [
            insert_after("cbc:BuyerReference", due_date_reference("2017-12-15")),
            remove("cbc:DueDate"),
        ],
        "IS-R-009",
        True,
    ),
    "is-due-date-reference-before-due-date": (
        "IS",
        [insert_after("cbc:BuyerReference", due_date_reference("2017-11-20"))],
        "IS-R-010",
        True,
    ),
    "is-due-date-reference-after-due-date": (
        "IS",
        [insert_after("cbc:BuyerReference", due_date_reference("2017-12-15"))],
        "IS-R-010",
        False,
    ),
    "is-buyer-address": (
        "IS",
        [remove("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:StreetName")],
        "IS-R-005",
        True,
    ),
    "de-skonto": ("DE", [set_text("cac:PaymentTerms/cbc:Note", SKONTO)], "DE-R-018", False),
    "de-skonto-bad-percent": (
        "DE",
        [set_text("cac:PaymentTerms/cbc:Note", "#SKONTO#TAGE=14#PROZENT=2#\n")],
        "DE-R-018",
        True,
    ),
    "de-skonto-no-line-end": (
        "DE",
        [set_text("cac:PaymentTerms/cbc:Note", "#SKONTO#TAGE=14#PROZENT=2.00#")],
        "DE-R-018",
        True,
    ),
    "de-iban": (
        "DE",
        [replace(PAYMENT_MEANS, means("58", account("DE75 5121 0800 1245 1261 99")))],
        "DE-R-019",
        False,
    ),
    "de-iban-bad-check": (
        "DE",
        [replace(PAYMENT_MEANS, means("58", account("DE75512108001245126198")))],
        "DE-R-019",
        True,
    ),
    "de-debit-iban-bad": (
        "DE",
        [
            replace(
                PAYMENT_MEANS,
                means(
                    "59",
                    "<cac:PaymentMandate><cbc:ID>M1</cbc:ID><cac:PayerFinancialAccount>"
                    "<cbc:ID>DE00512108001245126199</cbc:ID></cac:PayerFinancialAccount>"
                    "</cac:PaymentMandate>",
                ),
            )
        ],
        "DE-R-020",
        True,
    ),
    "de-debit-without-mandate": ("DE", [replace(PAYMENT_MEANS, means("59"))], "DE-R-025-1", True),
    "de-card-with-account": (
        "DE",
        [replace(PAYMENT_MEANS, means("48", account("1234")))],
        "DE-R-024-2",
        True,
    ),
    "de-same-filename": (
        "DE",
        [insert_after("cbc:BuyerReference", attachment("a.pdf") + attachment("a.pdf"))],
        "DE-R-022",
        True,
    ),
    "de-contact-telephone": (
        "DE",
        [insert_after(f"{SELLER_PARTY}/cac:PartyLegalEntity", seller_contact("12", "a@b.de"))],
        "DE-R-027",
        True,
    ),
    "de-contact-mail": (
        "DE",
        [insert_after(f"{SELLER_PARTY}/cac:PartyLegalEntity", seller_contact("030 1234", "a@b"))],
        "DE-R-028",
        True,
    ),
    "de-corrected-invoice": ("DE", [set_text("cbc:InvoiceTypeCode", "384")], "DE-R-026", True),
    "se-bankgiro-short": (
        "SE",
        [replace(PAYMENT_MEANS, means("30", account("12345", "SE:BANKGIRO")))],
        "SE-R-009",
        True,
    ),
    "se-plusgiro-letters": (
        "SE",
        [replace(PAYMENT_MEANS, means("30", account("12a", "SE:PLUSGIRO")))],
        "SE-R-007",
        True,
    ),
    "se-giro-code": ("SE", [replace(PAYMENT_MEANS, means("50"))], "SE-R-011", True),
    "se-domestic-transfer": ("SE", [replace(PAYMENT_MEANS, means("31"))], "SE-R-012", True),
    "se-f-tax": (
        "SE",
        [
            insert_after(
                f"{SELLER_PARTY}/cac:PartyTaxScheme",
                "<cac:PartyTaxScheme><cbc:CompanyID>Godkänd för F-skatt</cbc:CompanyID>"
                "<cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>",
            )
        ],
        "SE-R-005",
        False,
    ),
    "dk-transfer-without-branch": (
        "DK",
        [replace(PAYMENT_MEANS, means("31", account("1234")))],
        "DK-R-006",
        True,
    ),
    "dk-card-payment-id": (
        "DK",
        [
            replace(
                PAYMENT_MEANS,
                means("50", "<cbc:PaymentID>04#123</cbc:PaymentID>" + account("1234567")),
            )
        ],
        "DK-R-009",
        True,
    ),
    "dk-fik": (
        "DK",
        [
            replace(
                PAYMENT_MEANS,
                means(
                    "93", "<cbc:PaymentID>71#123456789012345</cbc:PaymentID>" + account("12345678")
                ),
            )
        ],
        "DK-R-011",
        False,
    ),
    "dk-mandate": ("DK", [replace(PAYMENT_MEANS, means("49"))], "DK-R-007", True),
    "nl-no-payment-means": ("NL", [remove(PAYMENT_MEANS)], "NL-R-007", True),
    "nl-payment-means-code": ("NL", [replace(PAYMENT_MEANS, means("31"))], "NL-R-008", True),
    "it-street": (
        "IT",
        [remove(f"{SELLER_PARTY}/cac:PostalAddress/cbc:StreetName")],
        "IT-R-002",
        True,
    ),
}


@pytest.fixture(scope="module")
def base_example(corpus):
    return parse_xml_file(corpus / BASE_EXAMPLE)


def _fired(findings) -> Counter:
    return Counter((f.rule, f.severity) for f in findings)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_national_scenario(scenario, base_example, native, official):
    country, edits, rule, fires = SCENARIOS[scenario]
    tree = copy.deepcopy(base_example)
    root = tree.getroot()
    move_parties(country)(root)
    for edit in edits:
        edit(root)
    native_fired = _fired(native.rule_findings(tree, "peppol"))
    assert native_fired == _fired(official.rule_findings(tree, "peppol"))
    assert (rule in {r for r, _ in native_fired}) is fires, sorted(native_fired)
