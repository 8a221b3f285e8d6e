"""Greek rules of the Peppol stylesheet (GR-R-*, GR-S-*), pattern modes M37 and M38."""

from __future__ import annotations

import re

from folio.ingestion.validation.native.contexts_peppol import (
    CUSTOMER_PARTY,
    SUPPLIER_PARTY,
    accounting_supplier_country,
    below_root,
    castable_integer,
    customer_country,
    norm,
    number,
    supplier_country,
    tin_verification,
    value,
    values,
    when,
    xpath_substring,
)
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion, pattern
from folio.ingestion.validation.native.selectors import Select, document_root, tail
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    normalize_space,
    string_value,
)

GREECE = pattern("peppol", "PEPPOL-GR")  # mode M37
GREECE_BUYER = pattern("peppol", "PEPPOL-GR-buyer")  # mode M38

DATE_IN_ID = re.compile(
    r"^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}"
)
# tokenize('1.1 1.6 2.1 2.4 5.1 5.2 ', '\s'): the trailing space adds an empty token.
GREEK_DOCUMENT_TYPES = ("1.1", "1.6", "2.1", "2.4", "5.1", "5.2", "")
MARK = "##M.AR.K##"
INVOICE_URL = "##INVOICE|URL##"


def greek_sender(doc) -> bool:
    """$isGreekSender."""
    return supplier_country(doc) in ("GR", "EL")


def greek_sender_and_receiver(doc) -> bool:
    """$isGreekSenderandReceiver."""
    return greek_sender(doc) and customer_country(doc) in ("GR", "EL")


def _greek_address(doc) -> bool:
    """`/*/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/
    cbc:IdentificationCode = 'GR'`."""
    return "GR" in values(
        doc.root, f"{SUPPLIER_PARTY}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"
    )


def tokenize(text: str, separator: str) -> list[str]:
    """XPath tokenize() with a literal separator: no tokens for the empty string."""
    return text.split(separator) if text else []


def _vat_numbers(party) -> list:
    """`cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID`."""
    return [
        c
        for s in children(party, "cac:PartyTaxScheme")
        if norm(s, "cac:TaxScheme/cbc:ID") == "VAT"
        for c in children(s, "cbc:CompanyID")
    ]


def _greek_vat_number(party) -> bool:
    """GR-S-011 / GR-R-006: exactly one VAT number, 'EL' and a valid TIN."""
    numbers = _vat_numbers(party)
    if len(numbers) != 1:
        return False
    text = string_value(numbers[0])
    return text[:2] == "EL" and tin_verification(text[2:])


def _tin_prefixes(doc, party_path: str) -> list[str]:
    """`/*/party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/
    substring(cbc:CompanyID, 3, 9)`."""
    return [
        xpath_substring(value(s, "cbc:CompanyID"), 3, 9)
        for party in children(doc.root, party_path)
        for s in children(party, "cac:PartyTaxScheme")
        if "VAT" in values(s, "cac:TaxScheme/cbc:ID")
    ]


def _count_described(node, description: str) -> int:
    """`count(cac:AdditionalDocumentReference[cbc:DocumentDescription = description])`."""
    return sum(
        1
        for reference in children(node, "cac:AdditionalDocumentReference")
        if description in values(reference, "cbc:DocumentDescription")
    )


def _segments(node) -> list[str]:
    return tokenize(string_value(node), "|")


def _segment(node, position: int) -> str | None:
    segments = _segments(node)
    return segments[position - 1] if len(segments) >= position else None


INVOICE_ID = GREECE.context(
    1007,
    "/ubl-invoice:Invoice/cbc:ID[$isGreekSender] | "
    "/ubl-creditnote:CreditNote/cbc:ID[$isGreekSender]",
    when(greek_sender, below_root("cbc:ID")),
)
SELLER = GREECE.context(
    1006,
    "cac:AccountingSupplierParty[$isGreekSender]/cac:Party",
    when(greek_sender, tail(SUPPLIER_PARTY)),
)
SELLER_VAT_NUMBER = GREECE.context(
    1005,
    "cac:AccountingSupplierParty[$isGreekSender]/cac:Party/cac:PartyTaxScheme"
    "[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID",
    when(
        greek_sender,
        Select(
            lambda doc: [
                c
                for c in tail(f"{SUPPLIER_PARTY}/cac:PartyTaxScheme/cbc:CompanyID")(doc)
                if _vat_scheme_in_pattern(c.getparent())
            ]
        ),
    ),
)


def _vat_scheme_in_pattern(scheme) -> bool:
    try:
        return norm(scheme, "cac:TaxScheme/cbc:ID") == "VAT"
    except XPathDynamicError:
        return False


DOCUMENT = GREECE.context(
    1004,
    "/ubl-invoice:Invoice[$isGreekSender and ( /*/cac:AccountingSupplierParty/cac:Party/"
    "cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'GR')] | (CreditNote)",
    when(lambda doc: greek_sender(doc) and _greek_address(doc), document_root()),
)
MARK_ID = GREECE.context(
    1003,
    "cac:AdditionalDocumentReference[$isGreekSender and ( /*/cac:AccountingSupplierParty/"
    "cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'GR') and "
    "cbc:DocumentDescription = '##M.AR.K##']/cbc:ID",
    when(
        lambda doc: greek_sender(doc) and _greek_address(doc),
        tail("cac:AdditionalDocumentReference/cbc:ID").where(
            lambda e: MARK in values(e.getparent(), "cbc:DocumentDescription")
        ),
    ),
)
INVOICE_URL_REFERENCE = GREECE.context(
    1002,
    "cac:AdditionalDocumentReference[$isGreekSender and cbc:DocumentDescription = "
    "'##INVOICE|URL##']",
    when(
        greek_sender,
        tail("cac:AdditionalDocumentReference").where(
            lambda e: INVOICE_URL in values(e, "cbc:DocumentDescription")
        ),
    ),
)
BUYER = GREECE.context(
    1001,
    "cac:AccountingCustomerParty[$isGreekSender]/cac:Party",
    when(greek_sender, tail(CUSTOMER_PARTY)),
)
SELLER_ENDPOINT = GREECE.context(
    1000,
    "cac:AccountingSupplierParty/cac:Party[$accountingSupplierCountry='GR' or "
    "$accountingSupplierCountry='EL']/cbc:EndpointID",
    when(
        lambda doc: accounting_supplier_country(doc) in ("GR", "EL"),
        tail(f"{SUPPLIER_PARTY}/cbc:EndpointID"),
    ),
)
GREEK_BUYER = GREECE_BUYER.context(
    1001,
    "cac:AccountingCustomerParty[$isGreekSenderandReceiver]/cac:Party",
    when(greek_sender_and_receiver, tail(CUSTOMER_PARTY)),
)
GREEK_BUYER_ENDPOINT = GREECE_BUYER.context(
    1000,
    "cac:AccountingCustomerParty[$isGreekSenderandReceiver]/cac:Party/cbc:EndpointID",
    when(greek_sender_and_receiver, tail(f"{CUSTOMER_PARTY}/cbc:EndpointID")),
)


@assertion(
    INVOICE_ID,
    "GR-R-001-1",
    FATAL,
    "[GR-R-001-1]- When the Supplier is Greek, the Invoice Id should consist of 6 segments",
)
def gr_r_001_1(node, doc) -> bool:
    """Official test: count($IdSegments) = 6"""
    return len(_segments(node)) == 6


@assertion(
    INVOICE_ID,
    "GR-R-001-2",
    FATAL,
    "[GR-R-001-2]-When the Supplier is Greek, the Invoice Id first segment must be a "
    "valid TIN Number and match either the Supplier's or the Tax Representative's Tin "
    "Number",
)
def gr_r_001_2(node, doc) -> bool:
    """Official test: string-length(normalize-space($IdSegments[1])) = 9 and
    u:TinVerification($IdSegments[1]) and ($IdSegments[1] =
    /*/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID =
    'VAT']/substring(cbc:CompanyID, 3, 9) or $IdSegments[1] =
    /*/cac:TaxRepresentativeParty/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID =
    'VAT']/substring(cbc:CompanyID, 3, 9) )"""
    tin = _segment(node, 1)
    if tin is None or len(normalize_space(tin)) != 9 or not tin_verification(tin):
        return False
    return tin in _tin_prefixes(doc, SUPPLIER_PARTY) or tin in _tin_prefixes(
        doc, "cac:TaxRepresentativeParty"
    )


@assertion(
    INVOICE_ID,
    "GR-R-001-3",
    FATAL,
    "[GR-R-001-3]-When the Supplier is Greek, the Invoice Id second segment must be a "
    "valid Date that matches the invoice Issue Date",
)
def gr_r_001_3(node, doc) -> bool:
    """Official test: string-length(normalize-space($IdSegments[2]))>0 and
    matches($IdSegments[2],$dateRegExp) and ($tokenizedIdDate[1] = $tokenizedUblIssueDate[3]
    and $tokenizedIdDate[2] = $tokenizedUblIssueDate[2] and $tokenizedIdDate[3] =
    $tokenizedUblIssueDate[1])"""
    date = _segment(node, 2)
    if date is None or not normalize_space(date) or not DATE_IN_ID.match(date):
        return False
    id_date = tokenize(date, "/")
    issue_date = tokenize(value(doc.root, "cbc:IssueDate"), "-")
    pairs = ((0, 2), (1, 1), (2, 0))
    return all(
        len(id_date) > i and len(issue_date) > j and id_date[i] == issue_date[j] for i, j in pairs
    )


@assertion(
    INVOICE_ID,
    "GR-R-001-4",
    FATAL,
    "[GR-R-001-4]-When Supplier is Greek, the Invoice Id third segment must be a positive integer",
)
def gr_r_001_4(node, doc) -> bool:
    """Official test: string-length(normalize-space($IdSegments[3]))>0 and
    string(number($IdSegments[3])) != 'NaN' and xs:integer($IdSegments[3]) >= 0"""
    serial = _segment(node, 3)
    if serial is None or not normalize_space(serial) or number(serial) != number(serial):
        return False
    if not castable_integer(serial):
        raise XPathDynamicError(f"cannot convert {serial!r} to xs:integer")
    return int(serial.strip(" \t\r\n")) >= 0


@assertion(
    INVOICE_ID,
    "GR-R-001-5",
    FATAL,
    "[GR-R-001-5]-When Supplier is Greek, the Invoice Id in the fourth segment must be a "
    "valid greek document type",
)
def gr_r_001_5(node, doc) -> bool:
    """Official test: string-length(normalize-space($IdSegments[4]))>0 and (some $c in
    $greekDocumentType satisfies $IdSegments[4] = $c)"""
    kind = _segment(node, 4)
    return kind is not None and bool(normalize_space(kind)) and kind in GREEK_DOCUMENT_TYPES


@assertion(
    INVOICE_ID,
    "GR-R-001-6",
    FATAL,
    "[GR-R-001-6]-When Supplier is Greek, the Invoice Id fifth segment must not be empty",
)
def gr_r_001_6(node, doc) -> bool:
    """Official test: string-length($IdSegments[5]) > 0"""
    return len(_segment(node, 5) or "") > 0


@assertion(
    INVOICE_ID,
    "GR-R-001-7",
    FATAL,
    "[GR-R-001-7]-When Supplier is Greek, the Invoice Id sixth segment must not be empty",
)
def gr_r_001_7(node, doc) -> bool:
    """Official test: string-length($IdSegments[6]) > 0"""
    return len(_segment(node, 6) or "") > 0


@assertion(
    SELLER,
    "GR-R-002",
    FATAL,
    "[GR-R-002]-Greek Suppliers must provide their full name as they are registered in "
    "the Greek Business Registry (G.E.MH.) as a legal entity or in the Tax Registry as a "
    "natural person",
)
def gr_r_002(node, doc) -> bool:
    """Official test: string-length(./cac:PartyName/cbc:Name)>0"""
    return len(value(node, "cac:PartyName/cbc:Name")) > 0


@assertion(
    SELLER,
    "GR-S-011",
    WARNING,
    "[GR-S-011]-Greek suppliers must provide their Seller Tax Registration Number, "
    "prefixed by the country code",
)
def gr_s_011(node, doc) -> bool:
    """Official test: count(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID)=1 and
    substring(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID,1,2) = 'EL' and
    u:TinVerification(substring(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID,3))"""
    return _greek_vat_number(node)


@assertion(
    SELLER_VAT_NUMBER,
    "GR-R-003",
    FATAL,
    "[GR-R-003]-For the Greek Suppliers, the VAT must start with 'EL' and must be a "
    "valid TIN number",
)
def gr_r_003(node, doc) -> bool:
    """Official test: substring(.,1,2) = 'EL' and u:TinVerification(substring(.,3))"""
    text = string_value(node)
    return text[:2] == "EL" and tin_verification(text[2:])


@assertion(
    DOCUMENT,
    "GR-R-004-1",
    FATAL,
    "[GR-R-004-1]- When Supplier is Greek, there must be one MARK Number",
)
def gr_r_004_1(node, doc) -> bool:
    """Official test: count(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    '##M.AR.K##'])=1"""
    return _count_described(node, MARK) == 1


@assertion(
    DOCUMENT,
    "GR-S-008-1",
    WARNING,
    "[GR-S-008-1]-When Supplier is Greek, there should be one invoice url",
)
def gr_s_008_1(node, doc) -> bool:
    """Official test: count(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    '##INVOICE|URL##'])=1"""
    return _count_described(node, INVOICE_URL) == 1


@assertion(
    DOCUMENT,
    "GR-R-008-2",
    FATAL,
    "[GR-R-008-2]-When Supplier is Greek, there should be no more than one invoice url",
)
def gr_r_008_2(node, doc) -> bool:
    """Official test: (count(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    '##INVOICE|URL##']) = 0 ) or
    (count(cac:AdditionalDocumentReference[cbc:DocumentDescription = '##INVOICE|URL##']) = 1 )"""
    return _count_described(node, INVOICE_URL) in (0, 1)


@assertion(
    MARK_ID,
    "GR-R-004-2",
    FATAL,
    "[GR-R-004-2]-When Supplier is Greek, the MARK Number must be a positive integer",
)
def gr_r_004_2(node, doc) -> bool:
    """Official test: matches(.,'^[1-9]([0-9]*)')"""
    return re.match(r"[1-9]", string_value(node)) is not None


@assertion(
    INVOICE_URL_REFERENCE,
    "GR-R-008-3",
    FATAL,
    "[GR-R-008-3]-When Supplier is Greek and the INVOICE URL Document reference exists, "
    "the External Reference URI should be present",
)
def gr_r_008_3(node, doc) -> bool:
    """Official test:
    string-length(normalize-space(cac:Attachment/cac:ExternalReference/cbc:URI))>0"""
    return len(norm(node, "cac:Attachment/cac:ExternalReference/cbc:URI")) > 0


@assertion(
    BUYER,
    "GR-R-005",
    FATAL,
    "[GR-R-005]-Greek Suppliers must provide the full name of the buyer",
)
def gr_r_005(node, doc) -> bool:
    """Official test: string-length(./cac:PartyName/cbc:Name)>0"""
    return len(value(node, "cac:PartyName/cbc:Name")) > 0


@assertion(
    SELLER_ENDPOINT,
    "GR-R-009",
    FATAL,
    "[GR-R-009]-Greek suppliers that send an invoice through the PEPPOL network must use "
    "a correct TIN number as an electronic address according to PEPPOL Electronic "
    "Address Identifier scheme (schemeID 9933).",
)
def gr_r_009(node, doc) -> bool:
    """Official test: ./@schemeID='9933' and u:TinVerification(.)"""
    return node.get("schemeID") == "9933" and tin_verification(string_value(node))


@assertion(
    GREEK_BUYER,
    "GR-R-006",
    FATAL,
    "[GR-R-006]-Greek Suppliers must provide the VAT number of the buyer, if the buyer is Greek",
)
def gr_r_006(node, doc) -> bool:
    """Official test: count(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID)=1 and
    substring(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID,1,2) = 'EL' and
    u:TinVerification(substring(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID,3))"""
    return _greek_vat_number(node)


@assertion(
    GREEK_BUYER_ENDPOINT,
    "GR-R-010",
    FATAL,
    "[GR-R-010]-Greek Suppliers that send an invoice through the PEPPOL network to a "
    "greek buyer must use a correct TIN number as an electronic address according to "
    "PEPPOL Electronic Address Identifier scheme (SchemeID 9933)",
)
def gr_r_010(node, doc) -> bool:
    """Official test: ./@schemeID='9933' and u:TinVerification(.)"""
    return node.get("schemeID") == "9933" and tin_verification(string_value(node))
