"""Dutch rules of the Peppol stylesheet (NL-R-*), pattern mode M40."""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_peppol import (
    CUSTOMER_PARTY,
    SUPPLIER_PARTY,
    customer_country_is_nl,
    is_credit_note,
    is_invoice,
    norm,
    optional_decimal,
    supplier_country_is_nl,
    tax_representative_country_is_nl,
    when,
)
from folio.ingestion.validation.native.registry import FATAL, assertion, pattern
from folio.ingestion.validation.native.selectors import tail
from folio.ingestion.validation.native.xpath_values import exists

NETHERLANDS = pattern("peppol", "PEPPOL-NL")  # mode M40


def dutch_parties(doc) -> bool:
    return supplier_country_is_nl(doc) and customer_country_is_nl(doc)


CREDIT_NOTE_TYPE = NETHERLANDS.context(
    1008,
    "cbc:CreditNoteTypeCode[$supplierCountryIsNL]",
    when(supplier_country_is_nl, tail("cbc:CreditNoteTypeCode")),
)
SELLER_ADDRESS = NETHERLANDS.context(
    1007,
    "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress[$supplierCountryIsNL]",
    when(supplier_country_is_nl, tail(f"{SUPPLIER_PARTY}/cac:PostalAddress")),
)
SELLER_LEGAL_ID = NETHERLANDS.context(
    1006,
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID[$supplierCountryIsNL]",
    when(supplier_country_is_nl, tail(f"{SUPPLIER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID")),
)
BUYER_ADDRESS = NETHERLANDS.context(
    1005,
    "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress[$supplierCountryIsNL and "
    "$customerCountryIsNL]",
    when(dutch_parties, tail(f"{CUSTOMER_PARTY}/cac:PostalAddress")),
)
BUYER_LEGAL_ID = NETHERLANDS.context(
    1004,
    "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"
    "[$supplierCountryIsNL and $customerCountryIsNL]",
    when(dutch_parties, tail(f"{CUSTOMER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID")),
)
TAX_REPRESENTATIVE_ADDRESS = NETHERLANDS.context(
    1003,
    "cac:TaxRepresentativeParty/cac:PostalAddress[$supplierCountryIsNL and "
    "$taxRepresentativeCountryIsNL]",
    when(
        lambda doc: supplier_country_is_nl(doc) and tax_representative_country_is_nl(doc),
        tail("cac:TaxRepresentativeParty/cac:PostalAddress"),
    ),
)
MONETARY_TOTAL = NETHERLANDS.context(
    1002,
    "cac:LegalMonetaryTotal[$supplierCountryIsNL]",
    when(supplier_country_is_nl, tail("cac:LegalMonetaryTotal")),
)
PAYMENT_MEANS = NETHERLANDS.context(
    1001,
    "cac:PaymentMeans[$supplierCountryIsNL and $customerCountryIsNL]",
    when(dutch_parties, tail("cac:PaymentMeans")),
)
ORDER_LINE_REFERENCE = NETHERLANDS.context(
    1000,
    "cac:OrderLineReference/cbc:LineID[$supplierCountryIsNL]",
    when(supplier_country_is_nl, tail("cac:OrderLineReference/cbc:LineID")),
)


def _complete_address(node) -> bool:
    return (
        exists(node, "cbc:StreetName")
        and exists(node, "cbc:CityName")
        and exists(node, "cbc:PostalZone")
    )


def _kvk_or_oin(node) -> bool:
    """`contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0106 ')` (or 0190), and a
    value."""
    schemes = f" {node.get('schemeID') or ''} "
    return (" 0106 " in schemes or " 0190 " in schemes) and bool(norm(node))


@assertion(
    CREDIT_NOTE_TYPE,
    "NL-R-001",
    FATAL,
    "[NL-R-001]-For suppliers in the Netherlands, if the document is a creditnote, the "
    "document MUST contain an invoice reference "
    "(cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID)",
)
def nl_r_001(node, doc) -> bool:
    """Official test: /*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"""
    return exists(doc.root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")


@assertion(
    SELLER_ADDRESS,
    "NL-R-002",
    FATAL,
    "[NL-R-002]-For suppliers in the Netherlands the supplier's address "
    "(cac:AccountingSupplierParty/cac:Party/cac:PostalAddress) MUST contain street name "
    "(cbc:StreetName), city (cbc:CityName) and post code (cbc:PostalZone)",
)
def nl_r_002(node, doc) -> bool:
    """Official test: cbc:StreetName and cbc:CityName and cbc:PostalZone"""
    return _complete_address(node)


@assertion(
    SELLER_LEGAL_ID,
    "NL-R-003",
    FATAL,
    "[NL-R-003]-For suppliers in the Netherlands, the legal entity identifier MUST be "
    "either a KVK or OIN number (schemeID 0106 or 0190)",
)
def nl_r_003(node, doc) -> bool:
    """Official test: (contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0106 ') or
    contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0190 ')) and
    (normalize-space(.) != '')"""
    return _kvk_or_oin(node)


@assertion(
    BUYER_ADDRESS,
    "NL-R-004",
    FATAL,
    "[NL-R-004]-For suppliers in the Netherlands, if the customer is in the Netherlands, "
    "the customer address (cac:AccountingCustomerParty/cac:Party/cac:PostalAddress) MUST "
    "contain the street name (cbc:StreetName), the city (cbc:CityName) and post code "
    "(cbc:PostalZone)",
)
def nl_r_004(node, doc) -> bool:
    """Official test: cbc:StreetName and cbc:CityName and cbc:PostalZone"""
    return _complete_address(node)


@assertion(
    BUYER_LEGAL_ID,
    "NL-R-005",
    FATAL,
    "[NL-R-005]-For suppliers in the Netherlands, if the customer is in the Netherlands, "
    "the customer's legal entity identifier MUST be either a KVK or OIN number (schemeID "
    "0106 or 0190)",
)
def nl_r_005(node, doc) -> bool:
    """Official test: (contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0106 ') or
    contains(concat(' ', string-join(@schemeID, ' '), ' '), ' 0190 ')) and
    (normalize-space(.) != '')"""
    return _kvk_or_oin(node)


@assertion(
    TAX_REPRESENTATIVE_ADDRESS,
    "NL-R-006",
    FATAL,
    "[NL-R-006]-For suppliers in the Netherlands, if the fiscal representative is in the "
    "Netherlands, the representative's address "
    "(cac:TaxRepresentativeParty/cac:PostalAddress) MUST contain street name "
    "(cbc:StreetName), city (cbc:CityName) and post code (cbc:PostalZone)",
)
def nl_r_006(node, doc) -> bool:
    """Official test: cbc:StreetName and cbc:CityName and cbc:PostalZone"""
    return _complete_address(node)


@assertion(
    MONETARY_TOTAL,
    "NL-R-007",
    FATAL,
    "[NL-R-007]-For suppliers in the Netherlands, the supplier MUST provide a means of "
    "payment (cac:PaymentMeans) if the payment is from customer to supplier",
)
def nl_r_007(node, doc) -> bool:
    """Official test: (/ubl-invoice:Invoice and xs:decimal(cbc:PayableAmount) <= 0.0) or
    (/ubl-creditnote:CreditNote and xs:decimal(cbc:PayableAmount) >= 0.0) or
    (//cac:PaymentMeans)"""
    # Saxon answers `... or (//cac:PaymentMeans)` from the payment means first: a payable
    # amount that is not a decimal stops the run only when there are none.
    if doc.tagged("cac:PaymentMeans"):
        return True
    payable = optional_decimal(node, "cbc:PayableAmount")
    if payable is None:
        return False
    return (is_invoice(doc) and payable <= 0) or (is_credit_note(doc) and payable >= 0)


@assertion(
    PAYMENT_MEANS,
    "NL-R-008",
    FATAL,
    "[NL-R-008]-For suppliers in the Netherlands, if the customer is in the Netherlands, "
    "the payment means code (cac:PaymentMeans/cbc:PaymentMeansCode) MUST be one of 30, "
    "48, 49, 57, 58 or 59",
)
def nl_r_008(node, doc) -> bool:
    """Official test: normalize-space(cbc:PaymentMeansCode) = '30' or
    normalize-space(cbc:PaymentMeansCode) = '48' or normalize-space(cbc:PaymentMeansCode) =
    '49' or normalize-space(cbc:PaymentMeansCode) = '57' or
    normalize-space(cbc:PaymentMeansCode) = '58' or normalize-space(cbc:PaymentMeansCode) =
    '59'"""
    return norm(node, "cbc:PaymentMeansCode") in ("30", "48", "49", "57", "58", "59")


@assertion(
    ORDER_LINE_REFERENCE,
    "NL-R-009",
    FATAL,
    "[NL-R-009]-For suppliers in the Netherlands, if an order line reference "
    "(cac:OrderLineReference/cbc:LineID) is used, there must be an order reference on "
    "the document level (cac:OrderReference/cbc:ID)",
)
def nl_r_009(node, doc) -> bool:
    """Official test: exists(/*/cac:OrderReference/cbc:ID)"""
    return exists(doc.root, "cac:OrderReference/cbc:ID")
