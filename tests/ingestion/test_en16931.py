"""The EN 16931 model read from the corpus examples."""

from decimal import Decimal

import pytest

from folio.ingestion.en16931 import NotAnInvoice, from_ubl
from folio.ingestion.xml_safety import parse_xml, parse_xml_file
from tests.ingestion.conftest import example_documents


def test_ehf3_invoice(corpus):
    invoice = from_ubl(
        parse_xml_file(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml")
    )
    assert invoice.document_type == "Invoice"
    assert invoice.number == "TOSL108"
    assert str(invoice.issue_date) == "2013-06-30"
    assert invoice.type_code == "380"
    assert invoice.currency == "NOK"
    assert invoice.seller.name == "The Sellercompany ASA"
    assert invoice.seller.vat_id == "NO123456785MVA"
    assert invoice.buyer.vat_id == "NO987654325MVA"
    assert invoice.buyer.name
    assert invoice.kid == "0003434323213231"
    assert len(invoice.lines) == 5
    totals = invoice.totals
    assert totals.line_net_total == Decimal("1436.5")
    assert totals.vat_total == Decimal("365.28")
    assert totals.total_with_vat == Decimal("1801.78")
    assert totals.prepaid == Decimal("1000")
    assert totals.rounding == Decimal("0.22")
    assert totals.payable == Decimal("802.00")
    assert [(v.category, v.rate) for v in invoice.vat_breakdown] == [
        ("S", Decimal("25")),
        ("S", Decimal("15")),
        ("E", Decimal("0")),
    ]
    assert sum(v.tax_amount for v in invoice.vat_breakdown) == Decimal("365.28")


def test_every_example_reads_with_consistent_totals(corpus):
    for path in example_documents(corpus):
        invoice = from_ubl(parse_xml_file(path))
        assert invoice.number, path
        assert invoice.lines, path
        assert invoice.totals.payable is not None, path
        # BR-CO-10 holds in every example, so the model's line amounts add up.
        line_sum = sum(line.net_amount for line in invoice.lines)
        assert line_sum == invoice.totals.line_net_total, path


def test_credit_note(corpus):
    path = corpus / "peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml"
    note = from_ubl(parse_xml_file(path))
    assert note.is_credit_note
    assert note.type_code == "381"
    assert note.lines[0].quantity is not None
    assert note.preceding_invoices


def test_not_an_invoice_is_refused():
    with pytest.raises(NotAnInvoice):
        from_ubl(parse_xml(b"<Order/>"))


ODD_INVOICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <!-- a comment before the first child --><?folio a processing instruction?>
  <cbc:ID> INV-1 </cbc:ID>
  <cbc:ID>INV-2</cbc:ID>
  <cbc:IssueDate>2026-11-01T10:00:00</cbc:IssueDate>
  <cbc:Note>  </cbc:Note>
  <cbc:Note>first</cbc:Note>
  <cbc:Note>second</cbc:Note>
  <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>A</cbc:ID>
  </cac:InvoiceDocumentReference></cac:BillingReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Trading</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>NO1MVA</cbc:CompanyID>
      <cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyTaxScheme><cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>
      <cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="NOK">25</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="NOK">100</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="NOK">25</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:TaxCategory>
    </cac:TaxSubtotal></cac:TaxTotal>
  <cac:TaxTotal><cbc:TaxAmount currencyID="SEK">30</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="NOK">not a number</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID>
    <cac:DocumentReference><cbc:ID>X</cbc:ID><cbc:DocumentTypeCode>916</cbc:DocumentTypeCode>
    </cac:DocumentReference>
    <cac:DocumentReference><cbc:ID schemeID="AAA">OBJ</cbc:ID>
      <cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference>
    <cbc:InvoicedQuantity unitCode="KWH">100</cbc:InvoicedQuantity>
    <cac:Item><!-- c --><cbc:Name>Power</cbc:Name><cbc:Name>Other</cbc:Name>
      <cac:CommodityClassification><cbc:ItemClassificationCode listID="STI">1
      </cbc:ItemClassificationCode><cbc:ItemClassificationCode listID="CPV">2
      </cbc:ItemClassificationCode></cac:CommodityClassification>
      <cac:AdditionalItemProperty><cbc:Name>Colour</cbc:Name></cac:AdditionalItemProperty>
    </cac:Item>
    <cac:Price><cbc:PriceAmount>1.25</cbc:PriceAmount>
      <cbc:BaseQuantity unitCode="KWH">1</cbc:BaseQuantity></cac:Price>
  </cac:InvoiceLine>
</Invoice>"""


def test_the_model_reads_the_first_of_repeated_elements_and_passes_over_comments():
    """The reader's choices where a document says something twice or oddly (pinned so that a
    faster reader keeps them): the first element of a tag counts, comments and processing
    instructions are not elements, and blank texts are missing terms."""
    invoice = from_ubl(parse_xml(ODD_INVOICE))
    assert invoice.number == "INV-1"
    assert str(invoice.issue_date) == "2026-11-01"
    assert invoice.notes == ["first", "second"]
    assert invoice.preceding_invoices == [("A", None)]
    seller = invoice.seller
    assert (seller.name, seller.trading_name) == ("Trading", "Trading")
    assert (seller.vat_id, seller.tax_registration_id) == ("NO1MVA", "Foretaksregisteret")
    assert invoice.totals.vat_total == Decimal("25")
    assert invoice.totals.vat_total_accounting.value == Decimal("30")
    assert invoice.totals.vat_total_accounting.currency == "SEK"
    assert invoice.totals.payable is None
    assert [(v.category, v.rate) for v in invoice.vat_breakdown] == [("S", Decimal("25"))]
    (line,) = invoice.lines
    assert (line.object_id.value, line.object_id.scheme) == ("OBJ", "AAA")
    assert (line.quantity, line.unit_code) == (Decimal("100"), "KWH")
    assert line.item_name == "Power"
    assert [(c.value, c.scheme) for c in line.classification_ids] == [("1", "STI"), ("2", "CPV")]
    assert line.attributes == [("Colour", "")]
    assert (line.price, line.price_base_quantity) == (Decimal("1.25"), Decimal("1"))
    assert line.allowances_charges == []
    assert invoice.delivery is None and invoice.payee is None


def test_repeated_billing_references_and_commodity_classifications_are_all_read():
    """BG-3 (preceding invoice reference) and BT-158 (item classification) repeat in UBL as
    whole aggregates, one reference or code in each: every one of them is read, in order."""
    repeated = ODD_INVOICE.replace(
        b"</cac:InvoiceDocumentReference></cac:BillingReference>",
        b"</cac:InvoiceDocumentReference></cac:BillingReference>\n"
        b"  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>B</cbc:ID>"
        b"<cbc:IssueDate>2026-10-01</cbc:IssueDate></cac:InvoiceDocumentReference>"
        b"</cac:BillingReference>",
    ).replace(
        b"<cac:AdditionalItemProperty>",
        b'<cac:CommodityClassification><cbc:ItemClassificationCode listID="ZZZ">3'
        b"</cbc:ItemClassificationCode></cac:CommodityClassification><cac:AdditionalItemProperty>",
    )
    invoice = from_ubl(parse_xml(repeated))
    assert [(number, str(issued)) for number, issued in invoice.preceding_invoices] == [
        ("A", "None"),
        ("B", "2026-10-01"),
    ]
    (line,) = invoice.lines
    assert [(c.value, c.scheme) for c in line.classification_ids] == [
        ("1", "STI"),
        ("2", "CPV"),
        ("3", "ZZZ"),
    ]
