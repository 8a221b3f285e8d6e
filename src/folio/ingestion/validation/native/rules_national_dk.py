"""Danish rules of the Peppol stylesheet (DK-R-*), pattern mode M30.

`$DKSupplierCountry` / `$DKCustomerCountry` are the parties' address country codes as written
(not normalized), so "DK " is not Danish here, exactly as in the stylesheet.
"""

from __future__ import annotations

import re

from folio.ingestion.validation.native.contexts_peppol import (
    CUSTOMER_PARTY,
    SUPPLIER_PARTY,
    address_customer_country,
    address_supplier_country,
    in_document,
    is_credit_note,
    number,
    one,
    own_text,
    value,
    values,
    when,
)
from folio.ingestion.validation.native.registry import FATAL, assertion, pattern
from folio.ingestion.validation.native.selectors import tail, union
from folio.ingestion.validation.native.xpath_values import children, exists, normalize_space

DENMARK = pattern("peppol", "PEPPOL-DK")  # mode M30


def danish_supplier(doc) -> bool:
    return address_supplier_country(doc) == "DK"


def danish_parties(doc) -> bool:
    return address_supplier_country(doc) == "DK" and address_customer_country(doc) == "DK"


DOCUMENT = DENMARK.context(
    1005,
    "ubl-creditnote:CreditNote[$DKSupplierCountry = 'DK'] | "
    "ubl-invoice:Invoice[$DKSupplierCountry = 'DK']",
    when(danish_supplier, union(tail("cn:CreditNote"), tail("ubl:Invoice"))),
)
PARTY_IDENTIFICATION = DENMARK.context(
    1004,
    "ubl-invoice:Invoice[$DKSupplierCountry = 'DK' and $DKCustomerCountry = 'DK']/"
    "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification | ... AccountingCustomerParty"
    " (Invoice and CreditNote)",
    when(
        danish_parties,
        union(
            in_document(f"{SUPPLIER_PARTY}/cac:PartyIdentification"),
            in_document(f"{CUSTOMER_PARTY}/cac:PartyIdentification"),
        ),
    ),
)
PAYMENT_MEANS = DENMARK.context(
    1003,
    "ubl-invoice:Invoice[$DKSupplierCountry = 'DK' and $DKCustomerCountry = 'DK']/cac:PaymentMeans",
    when(danish_parties, tail("ubl:Invoice/cac:PaymentMeans")),
)
BUYER = DENMARK.context(
    1002,
    "ubl-creditnote:CreditNote[$DKSupplierCountry = 'DK' and $DKCustomerCountry = 'DK']/"
    "cac:AccountingCustomerParty/cac:Party | (Invoice)",
    when(danish_parties, in_document(CUSTOMER_PARTY)),
)
LINE = DENMARK.context(
    1001,
    "ubl-creditnote:CreditNote[...]/cac:CreditNoteLine | ubl-invoice:Invoice[...]/cac:InvoiceLine",
    when(
        danish_parties,
        union(tail("cn:CreditNote/cac:CreditNoteLine"), tail("ubl:Invoice/cac:InvoiceLine")),
    ),
)
ALLOWANCE_CHARGE = DENMARK.context(
    1000,
    "cac:AllowanceCharge[$DKSupplierCountry = 'DK' and $DKCustomerCountry = 'DK']",
    when(danish_parties, tail("cac:AllowanceCharge")),
)

ALLOWED_PAYMENT_MEANS = " 1 10 31 42 48 49 50 58 59 93 97 "
UNSPSC_VERSIONS = ("19.05.01", "19.0501", "26.08.01", "26.0801")


def _own_texts(node, path: str) -> str:
    """`path/text()` where one item is expected ('' for none)."""
    texts = [t for c in children(node, path) if (t := own_text(c)) is not None]
    return one(texts) or ""


def _payment_id_prefix(node) -> str:
    """`substring(cbc:PaymentID, 1, 3)`."""
    return value(node, "cbc:PaymentID")[:3]


@assertion(
    DOCUMENT,
    "DK-R-002",
    FATAL,
    "[DK-R-002]-Danish suppliers MUST provide legal entity (CVR-number)",
)
def dk_r_002(node, doc) -> bool:
    """Official test:
    (normalize-space(cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID/t
    ext()) != '')"""
    return (
        normalize_space(_own_texts(node, f"{SUPPLIER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID"))
        != ""
    )


@assertion(
    DOCUMENT,
    "DK-R-014",
    FATAL,
    '[DK-R-014]-For Danish Suppliers it is mandatory to specify schemeID as "0184" (DK '
    "CVR-number) when PartyLegalEntity/CompanyID is used for AccountingSupplierParty",
)
def dk_r_014(node, doc) -> bool:
    """Official test:
    not(((boolean(cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID))
    and
    (normalize-space(cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID/@
    schemeID) != '0184')) )"""
    path = f"{SUPPLIER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID"
    if not exists(node, path):
        return True
    scheme = [c.get("schemeID") for c in children(node, path) if c.get("schemeID") is not None]
    return normalize_space(one(scheme) or "") == "0184"


@assertion(
    DOCUMENT,
    "DK-R-016",
    FATAL,
    "[DK-R-016]-For Danish Suppliers, a Credit note cannot have a negative total (PayableAmount)",
)
def dk_r_016(node, doc) -> bool:
    """Official test: not((boolean(/ubl-creditnote:CreditNote) and ($DKCustomerCountry = 'DK'))
    and (number(cac:LegalMonetaryTotal/cbc:PayableAmount/text()) < 0) )"""
    if not (is_credit_note(doc) and address_customer_country(doc) == "DK"):
        return True
    payable = _own_texts(node, "cac:LegalMonetaryTotal/cbc:PayableAmount") or None
    return not number(payable) < 0


@assertion(
    PARTY_IDENTIFICATION,
    "DK-R-013",
    FATAL,
    "[DK-R-013]-For Danish Suppliers it is mandatory to use schemeID when "
    "PartyIdentification/ID is used for AccountingCustomerParty or "
    "AccountingSupplierParty",
)
def dk_r_013(node, doc) -> bool:
    """Official test: not((boolean(cbc:ID)) and (normalize-space(cbc:ID/@schemeID) = '') )"""
    if not exists(node, "cbc:ID"):
        return True
    scheme = [c.get("schemeID") for c in children(node, "cbc:ID") if c.get("schemeID") is not None]
    return normalize_space(one(scheme) or "") != ""


@assertion(
    PAYMENT_MEANS,
    "DK-R-005",
    FATAL,
    "[DK-R-005]-For Danish suppliers the following Payment means codes are allowed: 1, "
    "10, 31, 42, 48, 49, 50, 58, 59, 93 and 97",
)
def dk_r_005(node, doc) -> bool:
    """Official test: contains(' 1 10 31 42 48 49 50 58 59 93 97 ', concat(' ',
    cbc:PaymentMeansCode, ' '))"""
    codes = children(node, "cbc:PaymentMeansCode")
    return f" {value(one(codes))} " in ALLOWED_PAYMENT_MEANS


@assertion(
    PAYMENT_MEANS,
    "DK-R-006",
    FATAL,
    "[DK-R-006]-For Danish suppliers bank account and registration account is mandatory "
    "if payment means is 31 or 42",
)
def dk_r_006(node, doc) -> bool:
    """Official test: not(((cbc:PaymentMeansCode = '31') or (cbc:PaymentMeansCode = '42')) and
    not((normalize-space(cac:PayeeFinancialAccount/cbc:ID/text()) != '') and
    (normalize-space(cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID/text())
    != '')) )"""
    codes = values(node, "cbc:PaymentMeansCode")
    if not ("31" in codes or "42" in codes):
        return True
    return (
        normalize_space(_own_texts(node, "cac:PayeeFinancialAccount/cbc:ID")) != ""
        and normalize_space(
            _own_texts(node, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
        )
        != ""
    )


@assertion(
    PAYMENT_MEANS,
    "DK-R-007",
    FATAL,
    "[DK-R-007]-For Danish suppliers PaymentMandate/ID and PayerFinancialAccount/ID are "
    "mandatory when payment means is 49",
)
def dk_r_007(node, doc) -> bool:
    """Official test: not((cbc:PaymentMeansCode = '49') and
    not((normalize-space(cac:PaymentMandate/cbc:ID/text()) != '') and
    (normalize-space(cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID/text()) != '')) )"""
    if "49" not in values(node, "cbc:PaymentMeansCode"):
        return True
    return (
        normalize_space(_own_texts(node, "cac:PaymentMandate/cbc:ID")) != ""
        and normalize_space(_own_texts(node, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"))
        != ""
    )


@assertion(
    PAYMENT_MEANS,
    "DK-R-008",
    FATAL,
    "[DK-R-008]-For Danish Suppliers PaymentID is mandatory and MUST start with 01#, 04# "
    "or 15# (kortartkode), and PayeeFinancialAccount/ID (Giro kontonummer) is mandatory "
    "and must be 7 or 8 numerical characters long, when payment means equals 50 (Giro)",
)
def dk_r_008(node, doc) -> bool:
    """Official test: not((cbc:PaymentMeansCode = '50') and not(((substring(cbc:PaymentID, 1, 3)
    = '01#') or (substring(cbc:PaymentID, 1, 3) = '04#') or (substring(cbc:PaymentID, 1, 3) =
    '15#')) and matches(cac:PayeeFinancialAccount/cbc:ID, '^[0-9]{7,8}$') ) )"""
    if "50" not in values(node, "cbc:PaymentMeansCode"):
        return True
    return _payment_id_prefix(node) in ("01#", "04#", "15#") and (
        re.fullmatch(r"[0-9]{7,8}", value(node, "cac:PayeeFinancialAccount/cbc:ID")) is not None
    )


@assertion(
    PAYMENT_MEANS,
    "DK-R-009",
    FATAL,
    "[DK-R-009]-For Danish Suppliers if the PaymentID is prefixed with 04# or 15# the 16 "
    'digits instruction Id must be added to the PaymentID eg. "04#1234567890123456" when '
    "Payment means equals 50 (Giro)",
)
def dk_r_009(node, doc) -> bool:
    """Official test: not((cbc:PaymentMeansCode = '50') and ((substring(cbc:PaymentID, 1, 3) =
    '04#') or (substring(cbc:PaymentID, 1, 3) = '15#')) and not(string-length(cbc:PaymentID)
    = 19) )"""
    if "50" not in values(node, "cbc:PaymentMeansCode"):
        return True
    if _payment_id_prefix(node) not in ("04#", "15#"):
        return True
    return len(value(node, "cbc:PaymentID")) == 19


@assertion(
    PAYMENT_MEANS,
    "DK-R-010",
    FATAL,
    "[DK-R-010]-For Danish Suppliers using PaymentMeansCode 93, PaymentID is mandatory. "
    "The first three characters of the PaymentID MUST be 71#, 73# or 75# (kortartskode), "
    "and PayeeFinancialAccount/ID MUST be exactly 8 characters long.",
)
def dk_r_010(node, doc) -> bool:
    """Official test: not((cbc:PaymentMeansCode = '93') and not(((substring(cbc:PaymentID, 1, 3)
    = '71#') or (substring(cbc:PaymentID, 1, 3) = '73#') or (substring(cbc:PaymentID, 1, 3) =
    '75#')) and (string-length(cac:PayeeFinancialAccount/cbc:ID/text()) = 8) ) )"""
    if "93" not in values(node, "cbc:PaymentMeansCode"):
        return True
    return _payment_id_prefix(node) in ("71#", "73#", "75#") and (
        len(_own_texts(node, "cac:PayeeFinancialAccount/cbc:ID")) == 8
    )


@assertion(
    PAYMENT_MEANS,
    "DK-R-011",
    FATAL,
    "[DK-R-011]-For Danish Suppliers if the PaymentID is prefixed with 71# or 75# the "
    "15-16 digits instruction Id must be added to the PaymentID eg. "
    '"71#1234567890123456" when payment Method equals 93 (FIK)',
)
def dk_r_011(node, doc) -> bool:
    """Official test: not((cbc:PaymentMeansCode = '93') and ((substring(cbc:PaymentID, 1, 3) =
    '71#') or (substring(cbc:PaymentID, 1, 3) = '75#')) and not((string-length(cbc:PaymentID)
    = 18) or (string-length(cbc:PaymentID) = 19)) )"""
    if "93" not in values(node, "cbc:PaymentMeansCode"):
        return True
    if _payment_id_prefix(node) not in ("71#", "75#"):
        return True
    return len(value(node, "cbc:PaymentID")) in (18, 19)


@assertion(
    BUYER,
    "DK-R-017",
    FATAL,
    '[DK-R-017]-For Danish Customers it is mandatory to specify schemeID as "0184" (DK '
    "CVR-number) when PartyLegalEntity/CompanyID is used for AccountingCustomerParty",
)
def dk_r_017(node, doc) -> bool:
    """Official test: not(((boolean(cac:PartyLegalEntity/cbc:CompanyID)) and
    (normalize-space(cac:PartyLegalEntity/cbc:CompanyID/@schemeID) != '0184')))"""
    path = "cac:PartyLegalEntity/cbc:CompanyID"
    if not exists(node, path):
        return True
    scheme = [c.get("schemeID") for c in children(node, path) if c.get("schemeID") is not None]
    return normalize_space(one(scheme) or "") == "0184"


@assertion(
    LINE,
    "DK-R-003",
    FATAL,
    "[DK-R-003]-If ItemClassification is provided from Danish suppliers, UNSPSC version "
    "19.05.01 or 26.08.01 should be used.",
)
def dk_r_003(node, doc) -> bool:
    """Official test:
    not((cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listID = 'TST') and
    not((cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listVersionID =
    '19.05.01') or
    (cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listVersionID =
    '19.0501') or
    (cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listVersionID =
    '26.08.01') or
    (cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode/@listVersionID =
    '26.0801') ) )"""
    codes = children(node, "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode")
    if "TST" not in [c.get("listID") for c in codes]:
        return True
    return any(c.get("listVersionID") in UNSPSC_VERSIONS for c in codes)


@assertion(
    ALLOWANCE_CHARGE,
    "DK-R-004",
    FATAL,
    "[DK-R-004]-When specifying non-VAT Taxes for Danish customers, Danish suppliers "
    'MUST use the AllowanceChargeReasonCode="ZZZ" and MUST be specified in '
    "AllowanceChargeReason; Either as the 4-digit Tax category or must include a #, but "
    "the # is not allowed as first and last character",
)
def dk_r_004(node, doc) -> bool:
    """Official test: not((cbc:AllowanceChargeReasonCode = 'ZZZ') and
    not(((string-length(normalize-space(cbc:AllowanceChargeReason/text())) = 4) and
    (number(cbc:AllowanceChargeReason) >= 0) and (number(cbc:AllowanceChargeReason) <= 9999))
    or (((cbc:AllowanceChargeReason and contains(cbc:AllowanceChargeReason, '#') and
    not(starts-with(cbc:AllowanceChargeReason, '#')) and
    not(ends-with(cbc:AllowanceChargeReason, '#')))) ) ) )"""
    if "ZZZ" not in values(node, "cbc:AllowanceChargeReasonCode"):
        return True
    reason_text = normalize_space(_own_texts(node, "cbc:AllowanceChargeReason"))
    reasons = children(node, "cbc:AllowanceChargeReason")
    reason = value(one(reasons)) if reasons else None
    if len(reason_text) == 4 and number(reason) >= 0 and number(reason) <= 9999:
        return True
    return (
        reason is not None
        and "#" in reason
        and not reason.startswith("#")
        and not reason.endswith("#")
    )
