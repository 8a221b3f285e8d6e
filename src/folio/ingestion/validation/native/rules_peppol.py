"""Peppol BIS Billing 3.0 rules (PEPPOL-EN16931-R*, PEPPOL-COMMON-R*, PEPPOL-EN16931-CL*)."""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_peppol import (
    CREDIT_NOTE,
    DOCUMENT,
    EMPTY_ELEMENT,
    LINE,
)
from folio.ingestion.validation.native.registry import FATAL, assertion
from folio.ingestion.validation.native.xpath_values import (
    children,
    exists,
    string_value,
    xs_decimal,
)


@assertion(
    EMPTY_ELEMENT,
    "PEPPOL-EN16931-R008",
    FATAL,
    "[PEPPOL-EN16931-R008]-Document MUST not contain empty elements.",
)
def peppol_en16931_r008(node, doc) -> bool:
    """Official test: false() (every node of the context is a finding)"""
    return False


@assertion(
    CREDIT_NOTE,
    "PEPPOL-EN16931-R080",
    FATAL,
    "[PEPPOL-EN16931-R080]-Only one project reference is allowed on document level",
)
def peppol_en16931_r080(node, doc) -> bool:
    """Official test: (count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='50']) <= 1)"""
    projects = [
        reference
        for reference in children(node, "cac:AdditionalDocumentReference")
        if any(string_value(c) == "50" for c in children(reference, "cbc:DocumentTypeCode"))
    ]
    return len(projects) <= 1


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R001",
    FATAL,
    "[PEPPOL-EN16931-R001]-Business process MUST be provided.",
)
def peppol_en16931_r001(node, doc) -> bool:
    """Official test: cbc:ProfileID"""
    return exists(node, "cbc:ProfileID")


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R003",
    FATAL,
    "[PEPPOL-EN16931-R003]-A buyer reference or purchase order reference MUST be provided.",
)
def peppol_en16931_r003(node, doc) -> bool:
    """Official test: cbc:BuyerReference or cac:OrderReference/cbc:ID"""
    return exists(node, "cbc:BuyerReference") or exists(node, "cac:OrderReference/cbc:ID")


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R053",
    FATAL,
    "[PEPPOL-EN16931-R053]-Only one tax total with tax subtotals MUST be provided.",
)
def peppol_en16931_r053(node, doc) -> bool:
    """Official test: count(cac:TaxTotal[cac:TaxSubtotal]) = 1"""
    return sum(1 for t in children(node, "cac:TaxTotal") if exists(t, "cac:TaxSubtotal")) == 1


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R054",
    FATAL,
    "[PEPPOL-EN16931-R054]-Only one tax total without tax subtotals MUST be provided when tax "
    "currency code is provided.",
)
def peppol_en16931_r054(node, doc) -> bool:
    """Official test: count(cac:TaxTotal[not(cac:TaxSubtotal)]) = (if (cbc:TaxCurrencyCode)
    then 1 else 0)"""
    without = sum(1 for t in children(node, "cac:TaxTotal") if not exists(t, "cac:TaxSubtotal"))
    return without == (1 if exists(node, "cbc:TaxCurrencyCode") else 0)


@assertion(
    LINE,
    "PEPPOL-EN16931-R100",
    FATAL,
    "[PEPPOL-EN16931-R100]-Only one invoiced object is allowed pr line",
)
def peppol_en16931_r100(node, doc) -> bool:
    """Official test: (count(cac:DocumentReference) <= 1)"""
    return len(children(node, "cac:DocumentReference")) <= 1


@assertion(
    LINE,
    "PEPPOL-EN16931-R101",
    FATAL,
    "[PEPPOL-EN16931-R101]-Element Document reference can only be used for Invoice line object",
)
def peppol_en16931_r101(node, doc) -> bool:
    """Official test: (not(cac:DocumentReference) or
    (cac:DocumentReference/cbc:DocumentTypeCode='130'))"""
    codes = children(node, "cac:DocumentReference/cbc:DocumentTypeCode")
    return not exists(node, "cac:DocumentReference") or any(
        string_value(code) == "130" for code in codes
    )


@assertion(
    LINE,
    "PEPPOL-EN16931-R121",
    FATAL,
    "[PEPPOL-EN16931-R121]-Base quantity MUST be a positive number above zero.",
)
def peppol_en16931_r121(node, doc) -> bool:
    """Official test: not(cac:Price/cbc:BaseQuantity) or xs:decimal(cac:Price/cbc:BaseQuantity)
    > 0"""
    quantities = children(node, "cac:Price/cbc:BaseQuantity")
    return not quantities or any(xs_decimal(string_value(q)) > 0 for q in quantities)
