"""Swedish rules of the Peppol stylesheet (SE-R-*), pattern mode M32.

These contexts test the seller's country themselves (`//cac:AccountingSupplierParty/...`
inside the match), with general comparisons: any matching seller party counts.
"""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_peppol import (
    CUSTOMER_PARTY,
    SUPPLIER_PARTY,
    document_fact,
    in_pattern,
    norm,
    number,
    one,
    se_organization_number,
    value,
    values,
    xpath_substring,
)
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion, pattern
from folio.ingestion.validation.native.selectors import Select, tail, union
from folio.ingestion.validation.native.xpath_values import (
    children,
    normalize_space,
)

SWEDEN = pattern("peppol", "PEPPOL-SE")  # mode M32
COUNTRY = "cac:PostalAddress/cac:Country/cbc:IdentificationCode"


def _in_sweden(party) -> bool:
    """`cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'SE'`."""
    return "SE" in values(party, COUNTRY)


def _swedish_vat(party) -> bool:
    """`... and cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)
    = 'SE'` (a dynamic error, several CompanyIDs in one scheme, means no match)."""
    return _in_sweden(party) and any(
        value(s, "cbc:CompanyID")[:2] == "SE"
        for s in children(party, "cac:PartyTaxScheme")
        if "VAT" in values(s, "cac:TaxScheme/cbc:ID")
    )


@document_fact
def swedish_vat_seller(doc) -> bool:
    """`//cac:AccountingSupplierParty/cac:Party[... = 'SE' and ... = 'SE']` exists."""
    return any(in_pattern(_swedish_vat)(p) for p in tail(SUPPLIER_PARTY)(doc))


@document_fact
def swedish_seller(doc) -> bool:
    return any(_in_sweden(p) for p in tail(SUPPLIER_PARTY)(doc))


@document_fact
def swedish_buyer(doc) -> bool:
    return any(_in_sweden(p) for p in tail(CUSTOMER_PARTY)(doc))


def _giro_account(branch: str) -> Select:
    """`//cac:PaymentMeans[<Swedish seller> and normalize-space(cbc:PaymentMeansCode) = '30' and
    normalize-space(cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID) = branch]
    /cac:PayeeFinancialAccount/cbc:ID`."""

    def means(e) -> bool:
        return (
            norm(e, "cbc:PaymentMeansCode") == "30"
            and norm(e, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID") == branch
        )

    def pick(doc) -> list:
        if not swedish_seller(doc):
            return []
        return [
            account
            for e in tail("cac:PaymentMeans")(doc)
            if in_pattern(means)(e)
            for account in children(e, "cac:PayeeFinancialAccount/cbc:ID")
        ]

    return Select(pick)


def _payment_means(codes: tuple[str, ...], *, swedish_buyer_too: bool) -> Select:
    def pick(doc) -> list:
        if not swedish_seller(doc) or (swedish_buyer_too and not swedish_buyer(doc)):
            return []
        return [
            e
            for e in tail("cac:PaymentMeans")(doc)
            if any(code in codes for code in values(e, "cbc:PaymentMeansCode"))
        ]

    return Select(pick)


SELLER_VAT = SWEDEN.context(
    1007,
    "//cac:AccountingSupplierParty/cac:Party[cac:PostalAddress/cac:Country/cbc:IdentificationCode"
    " = 'SE' and cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)"
    " = 'SE']",
    tail(SUPPLIER_PARTY).where(in_pattern(_swedish_vat)),
)
SELLER_LEGAL_ENTITY = SWEDEN.context(
    1006,
    "//cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity[../cac:PostalAddress/"
    "cac:Country/cbc:IdentificationCode = 'SE' and cbc:CompanyID]",
    tail(f"{SUPPLIER_PARTY}/cac:PartyLegalEntity").where(
        lambda e: _in_sweden(e.getparent()) and bool(children(e, "cbc:CompanyID"))
    ),
)


def _f_tax_number(e) -> bool:
    scheme = e.getparent()
    party = scheme.getparent()
    return (
        _in_sweden(party)
        and bool(children(party, "cac:PartyLegalEntity/cbc:CompanyID"))
        and normalize_space(value(scheme, "cac:TaxScheme/cbc:ID").upper()) != "VAT"
    )


SELLER_TAX_NUMBER = SWEDEN.context(
    1005,
    "//cac:AccountingSupplierParty/cac:Party[... = 'SE' and exists(cac:PartyLegalEntity/"
    "cbc:CompanyID)]/cac:PartyTaxScheme[normalize-space(upper-case(cac:TaxScheme/cbc:ID)) != "
    "'VAT']/cbc:CompanyID",
    tail(f"{SUPPLIER_PARTY}/cac:PartyTaxScheme/cbc:CompanyID").where(in_pattern(_f_tax_number)),
)
STANDARD_RATE = SWEDEN.context(
    1004,
    "//cac:TaxCategory[//cac:AccountingSupplierParty/cac:Party[<Swedish VAT seller>] and "
    "cbc:ID = 'S'] | //cac:ClassifiedTaxCategory[...]",
    Select(
        lambda doc: (
            [
                e
                for e in union(tail("cac:TaxCategory"), tail("cac:ClassifiedTaxCategory"))(doc)
                if "S" in values(e, "cbc:ID")
            ]
            if swedish_vat_seller(doc)
            else []
        )
    ),
)
PLUSGIRO = SWEDEN.context(
    1003,
    "//cac:PaymentMeans[... 'SE:PLUSGIRO']/cac:PayeeFinancialAccount/cbc:ID",
    _giro_account("SE:PLUSGIRO"),
)
BANKGIRO = SWEDEN.context(
    1002,
    "//cac:PaymentMeans[... 'SE:BANKGIRO']/cac:PayeeFinancialAccount/cbc:ID",
    _giro_account("SE:BANKGIRO"),
)
GIRO_CODES = SWEDEN.context(
    1001,
    "//cac:PaymentMeans[<Swedish seller> and (cbc:PaymentMeansCode = normalize-space('50') or "
    "cbc:PaymentMeansCode = normalize-space('56'))]",
    _payment_means(("50", "56"), swedish_buyer_too=False),
)
DOMESTIC_TRANSFER = SWEDEN.context(
    1000,
    "//cac:PaymentMeans[<Swedish seller> and <Swedish buyer> and (cbc:PaymentMeansCode = "
    "normalize-space('31'))]",
    _payment_means(("31",), swedish_buyer_too=True),
)


def _vat_numbers(party) -> list:
    return [
        c
        for s in children(party, "cac:PartyTaxScheme")
        if "VAT" in values(s, "cac:TaxScheme/cbc:ID")
        for c in children(s, "cbc:CompanyID")
    ]


@assertion(
    SELLER_VAT,
    "SE-R-001",
    FATAL,
    "[SE-R-001]-For Swedish suppliers, Swedish VAT-numbers must consist of 14 characters.",
)
def se_r_001(node, doc) -> bool:
    """Official test: string-length(normalize-space(cac:PartyTaxScheme[cac:TaxScheme/cbc:ID =
    'VAT']/cbc:CompanyID)) = 14"""
    return len(normalize_space(value(one(_vat_numbers(node))))) == 14


@assertion(
    SELLER_VAT,
    "SE-R-002",
    FATAL,
    "[SE-R-002]-For Swedish suppliers, the Swedish VAT-numbers must have the trailing 12 "
    "characters in numeric form",
)
def se_r_002(node, doc) -> bool:
    """Official test: string(number(substring(cac:PartyTaxScheme[cac:TaxScheme/cbc:ID =
    'VAT']/cbc:CompanyID, 3, 12))) != 'NaN'"""
    digits = xpath_substring(value(one(_vat_numbers(node))), 3, 12)
    return number(digits) == number(digits)


@assertion(
    SELLER_LEGAL_ENTITY,
    "SE-R-003",
    FATAL,
    "[SE-R-003]-Swedish organisation numbers should be numeric.",
)
def se_r_003(node, doc) -> bool:
    """Official test: string(number(cbc:CompanyID)) != 'NaN'"""
    organization_number = number(value(node, "cbc:CompanyID"))
    return organization_number == organization_number


@assertion(
    SELLER_LEGAL_ENTITY,
    "SE-R-004",
    FATAL,
    "[SE-R-004]-Swedish organisation numbers consist of 10 characters.",
)
def se_r_004(node, doc) -> bool:
    """Official test: string-length(normalize-space(cbc:CompanyID)) = 10"""
    return len(norm(node, "cbc:CompanyID")) == 10


@assertion(
    SELLER_LEGAL_ENTITY,
    "SE-R-013",
    FATAL,
    "[SE-R-013]-The last digit of a Swedish organization number must be valid according "
    "to the Luhn algorithm.",
)
def se_r_013(node, doc) -> bool:
    """Official test: u:checkSEOrgnr(normalize-space(cbc:CompanyID))"""
    return se_organization_number(norm(node, "cbc:CompanyID"))


@assertion(
    SELLER_TAX_NUMBER,
    "SE-R-005",
    FATAL,
    "[SE-R-005]-For Swedish suppliers, when using Seller tax registration identifier, "
    "'Godkänd för F-skatt' must be stated",
)
def se_r_005(node, doc) -> bool:
    """Official test: normalize-space(upper-case(.)) = 'GODKÄND FÖR F-SKATT'"""
    return normalize_space(value(node).upper()) == "GODKÄND FÖR F-SKATT"


@assertion(
    STANDARD_RATE,
    "SE-R-006",
    FATAL,
    "[SE-R-006]-For Swedish suppliers, only standard VAT rate of 6, 12 or 25 are used",
)
def se_r_006(node, doc) -> bool:
    """Official test: number(cbc:Percent) = 25 or number(cbc:Percent) = 12 or
    number(cbc:Percent) = 6"""
    rate = number(value(node, "cbc:Percent") if children(node, "cbc:Percent") else None)
    return rate in (25, 12, 6)


@assertion(
    PLUSGIRO,
    "SE-R-007",
    WARNING,
    "[SE-R-007]-For Swedish suppliers using Plusgiro, the Account ID must be numeric",
)
def se_r_007(node, doc) -> bool:
    """Official test: string(number(normalize-space(.))) != 'NaN'"""
    account = number(norm(node))
    return account == account


@assertion(
    PLUSGIRO,
    "SE-R-010",
    WARNING,
    "[SE-R-010]-For Swedish suppliers using Plusgiro, the Account ID must have 2-8 characters",
)
def se_r_010(node, doc) -> bool:
    """Official test: string-length(normalize-space(.)) >= 2 and
    string-length(normalize-space(.)) <= 8"""
    return 2 <= len(norm(node)) <= 8


@assertion(
    BANKGIRO,
    "SE-R-008",
    WARNING,
    "[SE-R-008]-For Swedish suppliers using Bankgiro, the Account ID must be numeric",
)
def se_r_008(node, doc) -> bool:
    """Official test: string(number(normalize-space(.))) != 'NaN'"""
    account = number(norm(node))
    return account == account


@assertion(
    BANKGIRO,
    "SE-R-009",
    WARNING,
    "[SE-R-009]-For Swedish suppliers using Bankgiro, the Account ID must have 7-8 characters",
)
def se_r_009(node, doc) -> bool:
    """Official test: string-length(normalize-space(.)) = 7 or string-length(normalize-space(.))
    = 8"""
    return len(norm(node)) in (7, 8)


@assertion(
    GIRO_CODES,
    "SE-R-011",
    WARNING,
    "[SE-R-011]-For Swedish suppliers using Swedish Bankgiro or Plusgiro, the proper way "
    "to indicate this is to use Code 30 for PaymentMeans and FinancialInstitutionBranch "
    "ID with code SE:BANKGIRO or SE:PLUSGIRO",
)
def se_r_011(node, doc) -> bool:
    """Official test: false()"""
    return False


@assertion(
    DOMESTIC_TRANSFER,
    "SE-R-012",
    WARNING,
    "[SE-R-012]-For domestic transactions between Swedish trading partners, credit "
    'transfer should be indicated by PaymentMeansCode="30"',
)
def se_r_012(node, doc) -> bool:
    """Official test: false()"""
    return False
