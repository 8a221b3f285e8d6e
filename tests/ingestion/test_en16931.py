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
