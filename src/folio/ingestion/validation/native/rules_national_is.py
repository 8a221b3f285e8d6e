"""Icelandic rules of the Peppol stylesheet (IS-R-*), pattern mode M39.

`$SupplierCountry` / `$CustomerCountry` are the parties' address country codes as written.
"""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_peppol import (
    address_customer_country,
    address_supplier_country,
    castable_date,
    in_document,
    norm,
    one,
    values,
    when,
)
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion, pattern
from folio.ingestion.validation.native.selectors import tail, union
from folio.ingestion.validation.native.xpath_values import children, exists, string_value

ICELAND = pattern("peppol", "PEPPOL-IS")  # mode M39
SELLER = "cac:AccountingSupplierParty/cac:Party"
EINDAGI = "EINDAGI"


def icelandic_supplier(doc) -> bool:
    return address_supplier_country(doc) == "IS"


def icelandic_parties(doc) -> bool:
    return icelandic_supplier(doc) and address_customer_country(doc) == "IS"


DOCUMENT = ICELAND.context(
    1001,
    "ubl-creditnote:CreditNote[$SupplierCountry = 'IS'] | "
    "ubl-invoice:Invoice[$SupplierCountry = 'IS']",
    when(icelandic_supplier, union(tail("cn:CreditNote"), tail("ubl:Invoice"))),
)
BUYER = ICELAND.context(
    1000,
    "ubl-creditnote:CreditNote[$SupplierCountry = 'IS' and $CustomerCountry = 'IS']/"
    "cac:AccountingCustomerParty | (Invoice)",
    when(icelandic_parties, in_document("cac:AccountingCustomerParty")),
)


def _type_code_ok(node, path: str) -> bool:
    code = norm(node, path)
    return " " not in code and f" {code} " in " 380 381 "


def _account_ok(node, code: str) -> bool:
    """IS-R-006 / IS-R-007: a 12-character account id when that payment means is used."""
    means = [
        m for m in children(node, "cac:PaymentMeans") if code in values(m, "cbc:PaymentMeansCode")
    ]
    if not means:
        return True
    accounts = [a for m in means for a in children(m, "cac:PayeeFinancialAccount/cbc:ID")]
    return bool(accounts) and len(norm(one(accounts))) == 12


def _due_date_references(node) -> list:
    """`cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']`."""
    return [
        r
        for r in children(node, "cac:AdditionalDocumentReference")
        if EINDAGI in values(r, "cbc:DocumentDescription")
    ]


@assertion(
    DOCUMENT,
    "IS-R-001",
    WARNING,
    "[IS-R-001]-If seller is icelandic then invoice type should be 380 or 381 — Ef "
    "seljandi er íslenskur þá ætti gerð reiknings (BT-3) að vera sölureikningur (380) "
    "eða kreditreikningur (381).",
)
def is_r_001(node, doc) -> bool:
    """Official test: ( ( not(contains(normalize-space(cbc:InvoiceTypeCode),' ')) and contains(
    ' 380 381 ',concat(' ',normalize-space(cbc:InvoiceTypeCode),' ') ) ) ) or ( (
    not(contains(normalize-space(cbc:CreditNoteTypeCode),' ')) and contains( ' 380 381
    ',concat(' ',normalize-space(cbc:CreditNoteTypeCode),' ') ) ) )"""
    return _type_code_ok(node, "cbc:InvoiceTypeCode") or _type_code_ok(
        node, "cbc:CreditNoteTypeCode"
    )


@assertion(
    DOCUMENT,
    "IS-R-002",
    FATAL,
    "[IS-R-002]-If seller is icelandic then it shall contain sellers legal id — Ef "
    "seljandi er íslenskur þá skal reikningur innihalda íslenska kennitölu seljanda "
    "(BT-30).",
)
def is_r_002(node, doc) -> bool:
    """Official test:
    exists(cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID) and
    cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID/@schemeID =
    '0196'"""
    path = f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID"
    return exists(node, path) and "0196" in [c.get("schemeID") for c in children(node, path)]


@assertion(
    DOCUMENT,
    "IS-R-003",
    FATAL,
    "[IS-R-003]-If seller is icelandic then it shall contain his address with street "
    "name and zip code — Ef seljandi er íslenskur þá skal heimilisfang seljanda "
    "innihalda götuheiti og póstnúmer (BT-35 og BT-38).",
)
def is_r_003(node, doc) -> bool:
    """Official test:
    exists(cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:StreetName) and
    exists(cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PostalZone)"""
    return exists(node, f"{SELLER}/cac:PostalAddress/cbc:StreetName") and exists(
        node, f"{SELLER}/cac:PostalAddress/cbc:PostalZone"
    )


@assertion(
    DOCUMENT,
    "IS-R-006",
    FATAL,
    "[IS-R-006]-If seller is icelandic and payment means code is 9 then a 12 digit "
    "account id must exist — Ef seljandi er íslenskur og greiðslumáti (BT-81) er krafa "
    "(kóti 9) þá skal koma fram 12 stafa númer (bankanúmer, höfuðbók 66 og "
    "reikningsnúmer) (BT-84)",
)
def is_r_006(node, doc) -> bool:
    """Official test: exists(cac:PaymentMeans[cbc:PaymentMeansCode =
    '9']/cac:PayeeFinancialAccount/cbc:ID) and
    string-length(normalize-space(cac:PaymentMeans[cbc:PaymentMeansCode =
    '9']/cac:PayeeFinancialAccount/cbc:ID)) = 12 or
    not(exists(cac:PaymentMeans[cbc:PaymentMeansCode = '9']))"""
    return _account_ok(node, "9")


@assertion(
    DOCUMENT,
    "IS-R-007",
    FATAL,
    "[IS-R-007]-If seller is icelandic and payment means code is 42 then a 12 digit "
    "account id must exist — Ef seljandi er íslenskur og greiðslumáti (BT-81) er "
    "millifærsla (kóti 42) þá skal koma fram 12 stafa reikningnúmer (BT-84)",
)
def is_r_007(node, doc) -> bool:
    """Official test: exists(cac:PaymentMeans[cbc:PaymentMeansCode =
    '42']/cac:PayeeFinancialAccount/cbc:ID) and
    string-length(normalize-space(cac:PaymentMeans[cbc:PaymentMeansCode =
    '42']/cac:PayeeFinancialAccount/cbc:ID)) = 12 or
    not(exists(cac:PaymentMeans[cbc:PaymentMeansCode = '42']))"""
    return _account_ok(node, "42")


@assertion(
    DOCUMENT,
    "IS-R-008",
    FATAL,
    "[IS-R-008]-If seller is icelandic and invoice contains supporting description "
    "EINDAGI then the id form must be YYYY-MM-DD — Ef seljandi er íslenskur þá skal "
    "eindagi (BT-122, DocumentDescription = EINDAGI) vera á forminu YYYY-MM-DD.",
)
def is_r_008(node, doc) -> bool:
    """Official test: (exists(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    'EINDAGI']) and string-length(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    'EINDAGI']/cbc:ID) = 10 and
    (string(cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']/cbc:ID)
    castable as xs:date)) or
    not(exists(cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']))"""
    references = _due_date_references(node)
    if not references:
        return True
    ids = [i for r in references for i in children(r, "cbc:ID")]
    due = string_value(one(ids)) if ids else ""
    return len(due) == 10 and castable_date(due)


@assertion(
    DOCUMENT,
    "IS-R-009",
    FATAL,
    "[IS-R-009]-If seller is icelandic and invoice contains supporting description "
    "EINDAGI invoice must have due date — Ef seljandi er íslenskur þá skal reikningur "
    "sem inniheldur eindaga (BT-122, DocumentDescription = EINDAGI) einnig hafa "
    "gjalddaga (BT-9).",
)
def is_r_009(node, doc) -> bool:
    """Official test: (exists(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    'EINDAGI']) and exists(cbc:DueDate)) or
    not(exists(cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']))"""
    return not _due_date_references(node) or exists(node, "cbc:DueDate")


@assertion(
    DOCUMENT,
    "IS-R-010",
    FATAL,
    "[IS-R-010]-If seller is icelandic and invoice contains supporting description "
    "EINDAGI the id date must be same or later than due date — Ef seljandi er íslenskur "
    "þá skal eindagi (BT-122, DocumentDescription = EINDAGI) skal vera sami eða síðar en "
    "gjalddagi (BT-9) ef eindagi er til staðar.",
)
def is_r_010(node, doc) -> bool:
    """Official test: (exists(cac:AdditionalDocumentReference[cbc:DocumentDescription =
    'EINDAGI']) and (cbc:DueDate) <= (cac:AdditionalDocumentReference[cbc:DocumentDescription
    = 'EINDAGI']/cbc:ID)) or
    not(exists(cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']))"""
    references = _due_date_references(node)
    if not references:
        return True
    # Two untyped values compare as strings.
    due_dates = values(node, "cbc:DueDate")
    ids = [string_value(i) for r in references for i in children(r, "cbc:ID")]
    return any(due <= reference for due in due_dates for reference in ids)


@assertion(
    BUYER,
    "IS-R-004",
    FATAL,
    "[IS-R-004]-If seller and buyer are icelandic then the invoice shall contain the "
    "buyers icelandic legal identifier — Ef seljandi og kaupandi eru íslenskir þá skal "
    "reikningurinn innihalda íslenska kennitölu kaupanda (BT-47).",
)
def is_r_004(node, doc) -> bool:
    """Official test: exists(cac:Party/cac:PartyLegalEntity/cbc:CompanyID) and
    cac:Party/cac:PartyLegalEntity/cbc:CompanyID/@schemeID = '0196'"""
    path = "cac:Party/cac:PartyLegalEntity/cbc:CompanyID"
    return exists(node, path) and "0196" in [c.get("schemeID") for c in children(node, path)]


@assertion(
    BUYER,
    "IS-R-005",
    FATAL,
    "[IS-R-005]-If seller and buyer are icelandic then the invoice shall contain the "
    "buyers address with street name and zip code — Ef seljandi og kaupandi eru "
    "íslenskir þá skal heimilisfang kaupanda innihalda götuheiti og póstnúmer (BT-50 og "
    "BT-53)",
)
def is_r_005(node, doc) -> bool:
    """Official test: exists(cac:Party/cac:PostalAddress/cbc:StreetName) and
    exists(cac:Party/cac:PostalAddress/cbc:PostalZone)"""
    return exists(node, "cac:Party/cac:PostalAddress/cbc:StreetName") and exists(
        node, "cac:Party/cac:PostalAddress/cbc:PostalZone"
    )
