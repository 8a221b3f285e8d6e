"""Every pattern and rule context of the CEN stylesheet (CEN-EN16931-UBL.xslt, OpenPeppol 2026.5).

Listed with the official priorities: a node belongs to the highest-priority context of a
pattern that matches it. Family modules attach assertions to these contexts.
"""

from __future__ import annotations

from folio.ingestion.validation.native.document import clark
from folio.ingestion.validation.native.registry import pattern
from folio.ingestion.validation.native.selectors import Select, document_root, rooted, tail, union
from folio.ingestion.validation.native.xpath_values import (
    children,
    element_memo,
    general_equals_boolean,
    text_of,
)

MODEL = pattern("cen", "UBL-model")
SYNTAX = pattern("cen", "UBL-syntax")
CODES = pattern("cen", "Codesmodel")


def charge(is_charge: bool):
    """`[cbc:ChargeIndicator = true()]` / `= false()`."""
    return lambda e: general_equals_boolean(children(e, "cbc:ChargeIndicator"), is_charge)


_VAT_SCHEME = element_memo()


def vat_scheme(e) -> bool:
    """`[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` (asked of the same category
    by a dozen rules: remembered per element)."""
    found = _VAT_SCHEME.get(e)
    if found is None:
        found = _VAT_SCHEME[e] = any(
            text_of(scheme, "cbc:ID").upper() == "VAT" for scheme in children(e, "cac:TaxScheme")
        )
    return found


def _name_ends(suffix: str, *, exclude=None) -> Select:
    """`//*[ends-with(name(), suffix)]`, less the tag paths `exclude` names: a structural
    selection, so the engine decides once per distinct tag path, not per element."""

    def path_match(path: tuple[str, ...]) -> bool:
        return path[-1].endswith(suffix) and not (exclude is not None and exclude(path))

    def pick(document):
        path_of = document.path_of
        found = [
            e
            for tag, elements in document.by_tag.items()
            if tag.endswith(suffix)
            for e in elements
            if path_match(path_of[e])
        ]
        if len(found) > 1:
            found.sort(key=document.order.__getitem__)
        return found

    return Select(pick, path_match=path_match)


_PRICE, _ALLOWANCE_CHARGE = clark("cac:Price"), clark("cac:AllowanceCharge")


def _in_price_allowance(path: tuple[str, ...]) -> bool:
    """`ancestor::cac:Price/cac:AllowanceCharge` exists, read off the element's tag path (its
    ancestors are all but the last step)."""
    ancestors = path[:-1]
    return any(
        ancestors[i] == _PRICE and ancestors[i + 1] == _ALLOWANCE_CHARGE
        for i in range(len(ancestors) - 1)
    )


def _with_attribute(name: str):
    return lambda e: e.get(name) is not None


LINES = "cac:InvoiceLine", "cac:CreditNoteLine"


def _lines(path: str) -> Select:
    return union(*(tail(f"{line}/{path}") for line in LINES))


# --- pattern UBL-model (BR, BR-CO, BR-DEC and the VAT category rules) ------------------------
ADDITIONAL_DOCUMENT = MODEL.context(
    1065, "cac:AdditionalDocumentReference", tail("cac:AdditionalDocumentReference")
)
BUYER_ENDPOINT = MODEL.context(
    1064,
    "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID",
    tail("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID"),
)
BUYER_ADDRESS = MODEL.context(
    1063,
    "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress",
    tail("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"),
)
CARD_ACCOUNT_NUMBER = MODEL.context(
    1062,
    "cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID",
    tail("cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID"),
)
DELIVERY_ADDRESS = MODEL.context(
    1061,
    "cac:Delivery/cac:DeliveryLocation/cac:Address",
    tail("cac:Delivery/cac:DeliveryLocation/cac:Address"),
)
DOCUMENT_ALLOWANCE = MODEL.context(
    1060,
    "/ubl:Invoice/cac:AllowanceCharge[cbc:ChargeIndicator = false()] | "
    "/cn:CreditNote/cac:AllowanceCharge[cbc:ChargeIndicator = false()]",
    rooted("cac:AllowanceCharge").where(charge(False)),
)
DOCUMENT_CHARGE = MODEL.context(
    1059,
    "/ubl:Invoice/cac:AllowanceCharge[cbc:ChargeIndicator = true()] | "
    "/cn:CreditNote/cac:AllowanceCharge[cbc:ChargeIndicator = true()]",
    rooted("cac:AllowanceCharge").where(charge(True)),
)
MONETARY_TOTAL = MODEL.context(1058, "cac:LegalMonetaryTotal", tail("cac:LegalMonetaryTotal"))
ROOT = MODEL.context(1057, "/ubl:Invoice | /cn:CreditNote", document_root())
LINE = MODEL.context(
    1056, "cac:InvoiceLine | cac:CreditNoteLine", union(tail(LINES[0]), tail(LINES[1]))
)
LINE_ALLOWANCE = MODEL.context(
    1055,
    "//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = false()] | "
    "//cac:CreditNoteLine/cac:AllowanceCharge[cbc:ChargeIndicator = false()]",
    _lines("cac:AllowanceCharge").where(charge(False)),
)
LINE_CHARGE = MODEL.context(
    1054,
    "//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = true()] | "
    "//cac:CreditNoteLine/cac:AllowanceCharge[cbc:ChargeIndicator = true()]",
    _lines("cac:AllowanceCharge").where(charge(True)),
)
LINE_PERIOD = MODEL.context(
    1053,
    "cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod",
    _lines("cac:InvoicePeriod"),
)
INVOICE_PERIOD = MODEL.context(1052, "cac:InvoicePeriod", tail("cac:InvoicePeriod"))
ITEM_PROPERTY = MODEL.context(
    1051, "//cac:AdditionalItemProperty", tail("cac:AdditionalItemProperty")
)
ITEM_CLASSIFICATION = MODEL.context(
    1050,
    "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode | "
    "cac:CreditNoteLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode",
    _lines("cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"),
)
ITEM_STANDARD_ID = MODEL.context(
    1049,
    "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID | "
    "cac:CreditNoteLine/cac:Item/cac:StandardItemIdentification/cbc:ID",
    _lines("cac:Item/cac:StandardItemIdentification/cbc:ID"),
)
NOTE = MODEL.context(1048, "/ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note", rooted("cbc:Note"))
PAYEE = MODEL.context(1047, "cac:PayeeParty", tail("cac:PayeeParty"))
CREDIT_TRANSFER_ACCOUNT = MODEL.context(
    1046,
    "cac:PaymentMeans[cbc:PaymentMeansCode='30' or cbc:PaymentMeansCode='58']"
    "/cac:PayeeFinancialAccount",
    tail("cac:PaymentMeans/cac:PayeeFinancialAccount").where(
        lambda e: any(
            "".join(code.itertext()) in ("30", "58")
            for code in children(e.getparent(), "cbc:PaymentMeansCode")
        )
    ),
)
PAYMENT_MEANS = MODEL.context(1045, "cac:PaymentMeans", tail("cac:PaymentMeans"))
BILLING_REFERENCE = MODEL.context(1044, "cac:BillingReference", tail("cac:BillingReference"))
SELLER = MODEL.context(1043, "cac:AccountingSupplierParty", tail("cac:AccountingSupplierParty"))
SELLER_ENDPOINT = MODEL.context(
    1042,
    "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID",
    tail("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID"),
)
SELLER_ADDRESS = MODEL.context(
    1041,
    "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress",
    tail("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"),
)
TAX_REPRESENTATIVE = MODEL.context(
    1040, "cac:TaxRepresentativeParty", tail("cac:TaxRepresentativeParty")
)
TAX_REPRESENTATIVE_ADDRESS = MODEL.context(
    1039,
    "cac:TaxRepresentativeParty/cac:PostalAddress",
    tail("cac:TaxRepresentativeParty/cac:PostalAddress"),
)
TAX_TOTAL = MODEL.context(
    1038, "/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal", rooted("cac:TaxTotal")
)
TAX_SUBTOTAL = MODEL.context(
    1037, "cac:TaxTotal/cac:TaxSubtotal", tail("cac:TaxTotal/cac:TaxSubtotal")
)
VAT_REGISTRATION = MODEL.context(
    1036,
    "//cac:PartyTaxScheme[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']",
    tail("cac:PartyTaxScheme").where(vat_scheme),
)


# The VAT category contexts, four per category and in this order of priority:
# the breakdown (BG-23), document allowances, document charges, line items. Each kind's
# elements are grouped by category code once per document; a context picks its code's group.
def _breakdown_categories(document):
    return [
        e
        for e in tail("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory")(document)
        if e.getparent().getparent().getparent() is document.root
    ]


_CATEGORY_SOURCES = {
    "breakdown": _breakdown_categories,
    "allowance": tail("cac:AllowanceCharge/cac:TaxCategory").where(
        lambda e: charge(False)(e.getparent())
    ),
    "charge": tail("cac:AllowanceCharge/cac:TaxCategory").where(
        lambda e: charge(True)(e.getparent())
    ),
    "line": _lines("cac:Item/cac:ClassifiedTaxCategory"),
}


def _vat_code(e) -> str | None:
    """The code a VAT category predicate would accept, or None when none would."""
    ids = children(e, "cbc:ID")
    # normalize-space() of several nodes is a dynamic error: in a pattern, no match.
    if len(ids) != 1 or not vat_scheme(e):
        return None
    return text_of(ids[0])


def _categories_by_code(kind: str) -> Select:
    def pick(document):
        key = f"_vat_categories_{kind}"
        grouped = document.__dict__.get(key)
        if grouped is None:
            grouped = {}
            for element in _CATEGORY_SOURCES[kind](document):
                grouped.setdefault(_vat_code(element), []).append(element)
            document.__dict__[key] = grouped
        return grouped

    return Select(pick)


_CATEGORY_TAGS = {
    "breakdown": frozenset((clark("cac:TaxCategory"),)),
    "allowance": frozenset((clark("cac:TaxCategory"),)),
    "charge": frozenset((clark("cac:TaxCategory"),)),
    "line": frozenset((clark("cac:ClassifiedTaxCategory"),)),
}


def _vat_category_select(kind: str, code: str) -> Select:
    grouped = _categories_by_code(kind)
    return Select(lambda document: grouped(document).get(code, []), tags=_CATEGORY_TAGS[kind])


VAT_CATEGORY_CONTEXTS: dict[str, dict[str, object]] = {}
_MATCHES = {
    "breakdown": "/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID) = "
    "'{code}'][cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']",
    "allowance": "cac:AllowanceCharge[cbc:ChargeIndicator=false()]/cac:TaxCategory"
    "[normalize-space(cbc:ID)='{code}'][...='VAT']",
    "charge": "cac:AllowanceCharge[cbc:ChargeIndicator=true()]/cac:TaxCategory"
    "[normalize-space(cbc:ID)='{code}'][...='VAT']",
    "line": "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = "
    "'{code}'][...='VAT'] | cac:CreditNoteLine/...",
}
_priority = 1035
for _code in ("AE", "E", "G", "K", "L", "M", "O", "S", "Z"):
    VAT_CATEGORY_CONTEXTS[_code] = {}
    for _offset, _kind in enumerate(("breakdown", "allowance", "charge", "line")):
        VAT_CATEGORY_CONTEXTS[_code][_kind] = MODEL.context(
            _priority - _offset,
            _MATCHES[_kind].format(code=_code),
            _vat_category_select(_kind, _code),
        )
    _priority -= 4

# --- pattern UBL-syntax (UBL-CR, UBL-SR, UBL-DT) ---------------------------------------------
SYNTAX_ADDRESS = SYNTAX.context(
    1015,
    "//cac:PostalAddress | //cac:Address",
    union(tail("cac:PostalAddress"), tail("cac:Address")),
)
SYNTAX_SELLER_PARTY = SYNTAX.context(
    1014, "cac:AccountingSupplierParty/cac:Party", tail("cac:AccountingSupplierParty/cac:Party")
)
SYNTAX_ADDITIONAL_DOCUMENT = SYNTAX.context(
    1013, "cac:AdditionalDocumentReference", tail("cac:AdditionalDocumentReference")
)
SYNTAX_AMOUNT = SYNTAX.context(
    1012,
    "//*[ends-with(name(), 'Amount') and not(ends-with(name(),'PriceAmount')) and "
    "not(ancestor::cac:Price/cac:AllowanceCharge)]",
    _name_ends(
        "Amount", exclude=lambda path: path[-1].endswith("PriceAmount") or _in_price_allowance(path)
    ),
)
SYNTAX_BINARY_OBJECT = SYNTAX.context(
    1011, "//*[ends-with(name(), 'BinaryObject')]", _name_ends("BinaryObject")
)
SYNTAX_DELIVERY = SYNTAX.context(1010, "cac:Delivery", tail("cac:Delivery"))
SYNTAX_ALLOWANCE = SYNTAX.context(
    1009,
    "cac:AllowanceCharge[cbc:ChargeIndicator = false()]",
    tail("cac:AllowanceCharge").where(charge(False)),
)
SYNTAX_CHARGE = SYNTAX.context(
    1008,
    "cac:AllowanceCharge[cbc:ChargeIndicator = true()]",
    tail("cac:AllowanceCharge").where(charge(True)),
)
SYNTAX_PARTY_TAX_SCHEME = SYNTAX.context(1007, "cac:PartyTaxScheme", tail("cac:PartyTaxScheme"))
SYNTAX_ROOT = SYNTAX.context(1006, "/ubl:Invoice | /cn:CreditNote", document_root())
SYNTAX_LINE = SYNTAX.context(
    1005, "cac:InvoiceLine | cac:CreditNoteLine", union(tail(LINES[0]), tail(LINES[1]))
)
SYNTAX_PAYEE = SYNTAX.context(1004, "cac:PayeeParty", tail("cac:PayeeParty"))
SYNTAX_PAYMENT_MEANS = SYNTAX.context(1003, "cac:PaymentMeans", tail("cac:PaymentMeans"))
SYNTAX_BILLING_REFERENCE = SYNTAX.context(
    1002, "cac:BillingReference", tail("cac:BillingReference")
)
SYNTAX_TAX_REPRESENTATIVE = SYNTAX.context(
    1001, "cac:TaxRepresentativeParty", tail("cac:TaxRepresentativeParty")
)
SYNTAX_TAX_SUBTOTAL = SYNTAX.context(1000, "cac:TaxSubtotal", tail("cac:TaxSubtotal"))

# --- pattern Codesmodel (BR-CL) --------------------------------------------------------------
CODE_DOCUMENT_TYPE = CODES.context(
    1021,
    "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode",
    union(tail("cbc:InvoiceTypeCode"), tail("cbc:CreditNoteTypeCode")),
)
CODE_AMOUNT = CODES.context(
    1020,
    "cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | "
    "cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | "
    "cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | "
    "cbc:PayableRoundingAmount | cbc:PayableAmount",
    union(
        *(
            tail(f"cbc:{name}")
            for name in [
                "Amount",
                "BaseAmount",
                "PriceAmount",
                "TaxAmount",
                "TaxableAmount",
                "LineExtensionAmount",
                "TaxExclusiveAmount",
                "TaxInclusiveAmount",
                "AllowanceTotalAmount",
                "ChargeTotalAmount",
                "PrepaidAmount",
                "PayableRoundingAmount",
                "PayableAmount",
            ]
        )
    ),
)
CODE_CURRENCY = CODES.context(1019, "cbc:DocumentCurrencyCode", tail("cbc:DocumentCurrencyCode"))
CODE_TAX_CURRENCY = CODES.context(1018, "cbc:TaxCurrencyCode", tail("cbc:TaxCurrencyCode"))
CODE_PERIOD_DESCRIPTION = CODES.context(
    1017, "cac:InvoicePeriod/cbc:DescriptionCode", tail("cac:InvoicePeriod/cbc:DescriptionCode")
)
CODE_OBJECT_ID = CODES.context(
    1016,
    "cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID[@schemeID] | "
    "cac:DocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID[@schemeID]",
    union(
        tail("cac:AdditionalDocumentReference/cbc:ID"), tail("cac:DocumentReference/cbc:ID")
    ).where(
        lambda e: (
            e.get("schemeID") is not None
            and any(
                "".join(c.itertext()) == "130"
                for c in children(e.getparent(), "cbc:DocumentTypeCode")
            )
        )
    ),
)
CODE_PARTY_ID = CODES.context(
    1015,
    "cac:PartyIdentification/cbc:ID[@schemeID]",
    tail("cac:PartyIdentification/cbc:ID").where(_with_attribute("schemeID")),
)
CODE_LEGAL_ID = CODES.context(
    1014,
    "cac:PartyLegalEntity/cbc:CompanyID[@schemeID]",
    tail("cac:PartyLegalEntity/cbc:CompanyID").where(_with_attribute("schemeID")),
)
CODE_CLASSIFICATION = CODES.context(
    1013,
    "cac:CommodityClassification/cbc:ItemClassificationCode[@listID]",
    tail("cac:CommodityClassification/cbc:ItemClassificationCode").where(_with_attribute("listID")),
)
CODE_COUNTRY = CODES.context(
    1012, "cac:Country/cbc:IdentificationCode", tail("cac:Country/cbc:IdentificationCode")
)
CODE_ORIGIN_COUNTRY = CODES.context(
    1011,
    "cac:OriginCountry/cbc:IdentificationCode",
    tail("cac:OriginCountry/cbc:IdentificationCode"),
)
CODE_PAYMENT_MEANS = CODES.context(
    1010, "cac:PaymentMeans/cbc:PaymentMeansCode", tail("cac:PaymentMeans/cbc:PaymentMeansCode")
)
CODE_TAX_CATEGORY = CODES.context(1009, "cac:TaxCategory/cbc:ID", tail("cac:TaxCategory/cbc:ID"))
CODE_CLASSIFIED_TAX_CATEGORY = CODES.context(
    1008, "cac:ClassifiedTaxCategory/cbc:ID", tail("cac:ClassifiedTaxCategory/cbc:ID")
)
CODE_ALLOWANCE_REASON = CODES.context(
    1007,
    "cac:AllowanceCharge[cbc:ChargeIndicator = false()]/cbc:AllowanceChargeReasonCode",
    tail("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode").where(
        lambda e: charge(False)(e.getparent())
    ),
)
CODE_CHARGE_REASON = CODES.context(
    1006,
    "cac:AllowanceCharge[cbc:ChargeIndicator = true()]/cbc:AllowanceChargeReasonCode",
    tail("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode").where(
        lambda e: charge(True)(e.getparent())
    ),
)
CODE_STANDARD_ITEM_ID = CODES.context(
    1005,
    "cac:StandardItemIdentification/cbc:ID[@schemeID]",
    tail("cac:StandardItemIdentification/cbc:ID").where(_with_attribute("schemeID")),
)
CODE_EXEMPTION_REASON = CODES.context(
    1004, "cbc:TaxExemptionReasonCode", tail("cbc:TaxExemptionReasonCode")
)
CODE_UNIT = CODES.context(
    1003,
    "cbc:InvoicedQuantity[@unitCode] | cbc:BaseQuantity[@unitCode] | "
    "cbc:CreditedQuantity[@unitCode]",
    union(
        tail("cbc:InvoicedQuantity"), tail("cbc:BaseQuantity"), tail("cbc:CreditedQuantity")
    ).where(_with_attribute("unitCode")),
)
CODE_MIME = CODES.context(
    1002,
    "cbc:EmbeddedDocumentBinaryObject[@mimeCode]",
    tail("cbc:EmbeddedDocumentBinaryObject").where(_with_attribute("mimeCode")),
)
CODE_ENDPOINT_SCHEME = CODES.context(
    1001, "cbc:EndpointID[@schemeID]", tail("cbc:EndpointID").where(_with_attribute("schemeID"))
)
CODE_DELIVERY_LOCATION = CODES.context(
    1000,
    "cac:DeliveryLocation/cbc:ID[@schemeID]",
    tail("cac:DeliveryLocation/cbc:ID").where(_with_attribute("schemeID")),
)
