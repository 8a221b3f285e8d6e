"""UBL syntax rules that limit how often an element occurs (the remaining UBL-SR-*).

Comparisons follow XPath 2.0 on untyped values: `=` and `!=` compare string values as they
are (no whitespace normalization), and a general comparison with an empty side is false.
"""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_cen import (
    SYNTAX_ADDITIONAL_DOCUMENT,
    SYNTAX_PAYEE,
    SYNTAX_ROOT,
)
from folio.ingestion.validation.native.document import clark
from folio.ingestion.validation.native.registry import FATAL, assertion
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    string_value,
)

ADDITIONAL_DOCUMENT = clark("cac:AdditionalDocumentReference")

MESSAGES = {
    "UBL-SR-43": (
        "[UBL-SR-43]-Scheme identifier shall only be used for invoiced object (document "
        "type code with value 130 or 50)"
    ),
    "UBL-SR-04": ("[UBL-SR-04]-Invoice object identifier shall occur maximum once"),
    "UBL-SR-12": ("[UBL-SR-12]-Seller VAT identifier shall occur maximum once"),
    "UBL-SR-13": ("[UBL-SR-13]-Seller tax registration shall occur maximum once"),
    "UBL-SR-18": ("[UBL-SR-18]-Buyer VAT identifier shall occur maximum once"),
    "UBL-SR-29": ("[UBL-SR-29]-Bank creditor reference shall occur maximum once"),
    "UBL-SR-44": (
        "[UBL-SR-44]-An Invoice may only have one unique PaymentID, but the PaymentID "
        "may be used for multiple PaymentMeans"
    ),
    "UBL-SR-46": ("[UBL-SR-46]-Payment means text shall occur maximum once"),
    "UBL-SR-47": (
        "[UBL-SR-47]-When there are more than one payment means code, they shall be equal"
    ),
    "UBL-SR-19": (
        "[UBL-SR-19]-Payee name shall occur maximum once, if the Payee is different from the Seller"
    ),
    "UBL-SR-20": (
        "[UBL-SR-20]-Payee identifier shall occur maximum once, if the Payee is "
        "different from the Seller"
    ),
    "UBL-SR-21": (
        "[UBL-SR-21]-Payee legal registration identifier shall occur maximum once, if "
        "the Payee is different from the Seller"
    ),
}


def _values(element, path: str) -> list[str]:
    return [string_value(node) for node in children(element, path)]


def _upper_case_of(element, path: str) -> str:
    """`upper-case(path)`: '' when absent; more than one node is a dynamic error."""
    nodes = children(element, path)
    if len(nodes) > 1:
        raise XPathDynamicError("upper-case() of more than one node")
    return string_value(nodes[0]).upper() if nodes else ""


def _tax_ids(party_path: str, *, vat: bool):
    """`count(<party>/cac:PartyTaxScheme[cac:TaxScheme/upper-case(cbc:ID) = / != 'VAT']
    /cbc:CompanyID) <= 1` from the document element."""

    def check(node, doc) -> bool:
        count = 0
        for scheme in children(node, f"{party_path}/cac:PartyTaxScheme"):
            cases = [_upper_case_of(s, "cbc:ID") for s in children(scheme, "cac:TaxScheme")]
            if any((case == "VAT") is vat for case in cases):
                count += len(children(scheme, "cbc:CompanyID"))
        return count <= 1

    return check


def _distinct_values_at_most_one(tag: str):
    """`count(//X[not(preceding::X/. = .)]) <= 1`: one distinct value of X at most."""

    def check(node, doc) -> bool:
        return len({string_value(e) for e in doc.tagged(tag)}) <= 1

    return check


def _payee_differs_from_seller(payee) -> bool:
    """`(cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/
    cac:PartyLegalEntity/cbc:RegistrationName)`: some pair of values differs."""
    names = _values(payee, "cac:PartyName/cbc:Name")
    parent = payee.getparent()
    registered = (
        _values(
            parent,
            "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        )
        if parent is not None
        else []
    )
    return any(name != other for name in names for other in registered)


@assertion(SYNTAX_ADDITIONAL_DOCUMENT, "UBL-SR-43", FATAL, MESSAGES["UBL-SR-43"])
def ubl_sr_43(node, doc) -> bool:
    types = _values(node, "cbc:DocumentTypeCode")
    if "130" in types:
        return True
    if etree_local_name(doc.root) == "CreditNote" and "50" in types:
        return True
    with_scheme = any(e.get("schemeID") is not None for e in children(node, "cbc:ID"))
    return not with_scheme and not types


def etree_local_name(element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


@assertion(SYNTAX_ROOT, "UBL-SR-04", FATAL, MESSAGES["UBL-SR-04"])
def ubl_sr_04(node, doc) -> bool:
    count = 0
    for reference in node.iterchildren(ADDITIONAL_DOCUMENT):
        if "130" in _values(reference, "cbc:DocumentTypeCode"):
            count += len(children(reference, "cbc:ID"))
    return count <= 1


assertion(SYNTAX_ROOT, "UBL-SR-12", FATAL, MESSAGES["UBL-SR-12"])(
    _tax_ids("cac:AccountingSupplierParty/cac:Party", vat=True)
)
assertion(SYNTAX_ROOT, "UBL-SR-13", FATAL, MESSAGES["UBL-SR-13"])(
    _tax_ids("cac:AccountingSupplierParty/cac:Party", vat=False)
)
assertion(SYNTAX_ROOT, "UBL-SR-18", FATAL, MESSAGES["UBL-SR-18"])(
    _tax_ids("cac:AccountingCustomerParty/cac:Party", vat=True)
)


@assertion(SYNTAX_ROOT, "UBL-SR-29", FATAL, MESSAGES["UBL-SR-29"])
def ubl_sr_29(node, doc) -> bool:
    count = 0
    for identification in doc.tagged("cac:PartyIdentification"):
        for identifier in children(identification, "cbc:ID"):
            if (identifier.get("schemeID") or "").upper() == "SEPA":
                count += 1
    return count <= 1


assertion(SYNTAX_ROOT, "UBL-SR-44", FATAL, MESSAGES["UBL-SR-44"])(
    _distinct_values_at_most_one("cbc:PaymentID")
)


@assertion(SYNTAX_ROOT, "UBL-SR-46", FATAL, MESSAGES["UBL-SR-46"])
def ubl_sr_46(node, doc) -> bool:
    codes = children(node, "cac:PaymentMeans/cbc:PaymentMeansCode")
    return sum(1 for code in codes if code.get("name") is not None) <= 1


assertion(SYNTAX_ROOT, "UBL-SR-47", FATAL, MESSAGES["UBL-SR-47"])(
    _distinct_values_at_most_one("cbc:PaymentMeansCode")
)


@assertion(SYNTAX_PAYEE, "UBL-SR-19", FATAL, MESSAGES["UBL-SR-19"])
def ubl_sr_19(node, doc) -> bool:
    return len(children(node, "cac:PartyName/cbc:Name")) <= 1 and _payee_differs_from_seller(node)


@assertion(SYNTAX_PAYEE, "UBL-SR-20", FATAL, MESSAGES["UBL-SR-20"])
def ubl_sr_20(node, doc) -> bool:
    identifiers = [
        e
        for e in children(node, "cac:PartyIdentification/cbc:ID")
        if (e.get("schemeID") or "").upper() != "SEPA"
    ]
    return len(identifiers) <= 1 and _payee_differs_from_seller(node)


@assertion(SYNTAX_PAYEE, "UBL-SR-21", FATAL, MESSAGES["UBL-SR-21"])
def ubl_sr_21(node, doc) -> bool:
    companies = children(node, "cac:PartyLegalEntity/cbc:CompanyID")
    return len(companies) <= 1 and _payee_differs_from_seller(node)
