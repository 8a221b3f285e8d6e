"""A typed model of an EN 16931 invoice or credit note, named by business terms (BT/BG).

`from_ubl(tree)` reads a UBL 2.1 Invoice or CreditNote (Peppol BIS 3 / EHF 3). Rendering and
ingestion use this model; amounts are `Decimal`, dates `datetime.date`. Missing terms are None
(or empty lists): the model describes what the document says; the validators judge it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
INVOICE_TAG = f"{{{NS['inv']}}}Invoice"
CREDIT_NOTE_TAG = f"{{{NS['cn']}}}CreditNote"


class NotAnInvoice(ValueError):
    """The XML root is neither a UBL Invoice nor a UBL CreditNote."""


@dataclass(frozen=True)
class Identifier:
    value: str
    scheme: str | None = None


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str | None = None


@dataclass
class Address:  # BG-5 / BG-8 / BG-12 / BG-15
    street: str | None = None  # BT-35
    additional_street: str | None = None  # BT-36
    address_line_3: str | None = None  # BT-162
    city: str | None = None  # BT-37
    postal_code: str | None = None  # BT-38
    subdivision: str | None = None  # BT-39
    country_code: str | None = None  # BT-40


@dataclass
class Contact:  # BG-6 / BG-9
    name: str | None = None  # BT-41
    telephone: str | None = None  # BT-42
    email: str | None = None  # BT-43


@dataclass
class Party:  # BG-4 seller / BG-7 buyer / BG-10 payee
    name: str | None = None  # BT-27 / BT-44 (legal registration name)
    trading_name: str | None = None  # BT-28 / BT-45
    identifiers: list[Identifier] = field(default_factory=list)  # BT-29 / BT-46
    legal_registration_id: Identifier | None = None  # BT-30 / BT-47
    vat_id: str | None = None  # BT-31 / BT-48
    tax_registration_id: str | None = None  # BT-32 (seller, scheme other than VAT)
    legal_form: str | None = None  # BT-33 (company legal form)
    electronic_address: Identifier | None = None  # BT-34 / BT-49
    address: Address | None = None
    contact: Contact | None = None


@dataclass
class PaymentCard:  # BG-18
    account_number: str | None = None  # BT-87 (last digits)
    holder_name: str | None = None  # BT-88


@dataclass
class DirectDebit:  # BG-19
    mandate_reference: str | None = None  # BT-89
    creditor_id: str | None = None  # BT-90
    debited_account: str | None = None  # BT-91


@dataclass
class PaymentInstructions:  # BG-16
    means_code: str | None = None  # BT-81
    means_text: str | None = None  # BT-82
    remittance_information: str | None = None  # BT-83 (KID / OCR reference)
    account_id: str | None = None  # BT-84 (IBAN or account number)
    account_name: str | None = None  # BT-85
    service_provider_id: str | None = None  # BT-86 (BIC)
    card: PaymentCard | None = None
    direct_debit: DirectDebit | None = None


@dataclass
class AllowanceCharge:  # BG-20/BG-21 (document), BG-27/BG-28 (line)
    is_charge: bool
    amount: Decimal | None = None  # BT-92 / BT-99 / BT-136 / BT-141
    base_amount: Decimal | None = None  # BT-93 / BT-100 / BT-137 / BT-142
    percentage: Decimal | None = None  # BT-94 / BT-101 / BT-138 / BT-143
    reason: str | None = None  # BT-97 / BT-104 / BT-139 / BT-144
    reason_code: str | None = None  # BT-98 / BT-105 / BT-140 / BT-145
    vat_category: str | None = None  # BT-95 / BT-102
    vat_rate: Decimal | None = None  # BT-96 / BT-103


@dataclass
class VatBreakdown:  # BG-23
    taxable_amount: Decimal | None  # BT-116
    tax_amount: Decimal | None  # BT-117
    category: str | None  # BT-118
    rate: Decimal | None  # BT-119
    exemption_reason: str | None = None  # BT-120
    exemption_reason_code: str | None = None  # BT-121


@dataclass
class Totals:  # BG-22
    line_net_total: Decimal | None = None  # BT-106
    allowance_total: Decimal | None = None  # BT-107
    charge_total: Decimal | None = None  # BT-108
    total_without_vat: Decimal | None = None  # BT-109
    vat_total: Decimal | None = None  # BT-110 (in the document currency)
    vat_total_accounting: Amount | None = None  # BT-111 (in the VAT accounting currency)
    total_with_vat: Decimal | None = None  # BT-112
    prepaid: Decimal | None = None  # BT-113
    rounding: Decimal | None = None  # BT-114
    payable: Decimal | None = None  # BT-115


@dataclass
class Attachment:  # BG-24
    id: str | None  # BT-122
    description: str | None = None  # BT-123
    uri: str | None = None  # BT-124
    mime_code: str | None = None  # BT-125 @mimeCode
    filename: str | None = None  # BT-125 @filename
    content: bytes | None = None  # BT-125 (base64-decoded; None when not embedded)
    type_code: str | None = None  # BT-18 when present (invoiced object, code 130)


@dataclass
class Period:  # BG-14 / BG-26
    start: datetime.date | None = None  # BT-73 / BT-134
    end: datetime.date | None = None  # BT-74 / BT-135


@dataclass
class Line:  # BG-25
    id: str | None  # BT-126
    quantity: Decimal | None  # BT-129
    unit_code: str | None  # BT-130
    net_amount: Decimal | None  # BT-131
    item_name: str | None  # BT-153
    note: str | None = None  # BT-127
    object_id: Identifier | None = None  # BT-128
    accounting_reference: str | None = None  # BT-133
    order_line_reference: str | None = None  # BT-132
    period: Period | None = None
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)
    price: Decimal | None = None  # BT-146 (net price)
    price_base_quantity: Decimal | None = None  # BT-149
    price_base_unit_code: str | None = None  # BT-150
    price_discount: Decimal | None = None  # BT-147
    gross_price: Decimal | None = None  # BT-148
    item_description: str | None = None  # BT-154
    buyers_item_id: str | None = None  # BT-156
    sellers_item_id: str | None = None  # BT-155
    standard_item_id: Identifier | None = None  # BT-157
    classification_ids: list[Identifier] = field(default_factory=list)  # BT-158
    origin_country: str | None = None  # BT-159
    vat_category: str | None = None  # BT-151
    vat_rate: Decimal | None = None  # BT-152
    attributes: list[tuple[str, str]] = field(default_factory=list)  # BT-160 / BT-161


@dataclass
class Delivery:  # BG-13
    party_name: str | None = None  # BT-70
    location_id: Identifier | None = None  # BT-71
    date: datetime.date | None = None  # BT-72
    address: Address | None = None  # BG-15


@dataclass
class Invoice:
    """An EN 16931 invoice (BT-3 380 and friends) or credit note (381 ...)."""

    document_type: str  # "Invoice" or "CreditNote" (the UBL root)
    customization_id: str | None  # BT-24
    profile_id: str | None  # BT-23
    number: str | None  # BT-1
    issue_date: datetime.date | None  # BT-2
    type_code: str | None  # BT-3
    currency: str | None  # BT-5
    vat_currency: str | None = None  # BT-6
    due_date: datetime.date | None = None  # BT-9
    tax_point_date: datetime.date | None = None  # BT-7
    buyer_reference: str | None = None  # BT-10
    project_reference: str | None = None  # BT-11
    contract_reference: str | None = None  # BT-12
    order_reference: str | None = None  # BT-13
    sales_order_reference: str | None = None  # BT-14
    receiving_advice_reference: str | None = None  # BT-15
    despatch_advice_reference: str | None = None  # BT-16
    tender_reference: str | None = None  # BT-17
    invoiced_object_id: Identifier | None = None  # BT-18
    accounting_reference: str | None = None  # BT-19
    payment_terms: str | None = None  # BT-20
    notes: list[str] = field(default_factory=list)  # BT-22 (BG-1)
    preceding_invoices: list[tuple[str, datetime.date | None]] = field(default_factory=list)
    period: Period | None = None  # BG-14
    seller: Party = field(default_factory=Party)  # BG-4
    buyer: Party = field(default_factory=Party)  # BG-7
    payee: Party | None = None  # BG-10
    seller_tax_representative: Party | None = None  # BG-11
    delivery: Delivery | None = None  # BG-13
    payment_instructions: list[PaymentInstructions] = field(default_factory=list)  # BG-16
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)  # BG-20 / BG-21
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)  # BG-23
    totals: Totals = field(default_factory=Totals)  # BG-22
    attachments: list[Attachment] = field(default_factory=list)  # BG-24
    lines: list[Line] = field(default_factory=list)  # BG-25

    @property
    def is_credit_note(self) -> bool:
        return self.document_type == "CreditNote"

    @property
    def allowances(self) -> list[AllowanceCharge]:  # BG-20
        return [item for item in self.allowances_charges if not item.is_charge]

    @property
    def charges(self) -> list[AllowanceCharge]:  # BG-21
        return [item for item in self.allowances_charges if item.is_charge]

    @property
    def kid(self) -> str | None:
        """The Norwegian KID (payment id) is BT-83 of a credit-transfer instruction."""
        for instruction in self.payment_instructions:
            if instruction.remittance_information:
                return instruction.remittance_information
        return None


# --- reading UBL ------------------------------------------------------------------------------
#
# One pass over an element's children gives the first child of each tag (what
# `element.find(tag)` finds), so a field is a dictionary lookup instead of an ElementPath search:
# lxml's `find` goes through Python-level path handling on every call, ~550 calls a document.
# Children that may repeat are read with `iterchildren(tag)` (document order, like `findall`); a
# single child of a small aggregate with a plain loop (`iterchildren(tag)` costs more to set up
# than reading the tags of a handful of children).

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"

ACCOUNTING_COST = _CBC + "AccountingCost"
ACTUAL_DELIVERY_DATE = _CBC + "ActualDeliveryDate"
ADDITIONAL_DOCUMENT_REFERENCE = _CAC + "AdditionalDocumentReference"
ADDITIONAL_ITEM_PROPERTY = _CAC + "AdditionalItemProperty"
ADDITIONAL_STREET_NAME = _CBC + "AdditionalStreetName"
ADDRESS = _CAC + "Address"
ADDRESS_LINE = _CAC + "AddressLine"
ALLOWANCE_CHARGE = _CAC + "AllowanceCharge"
ALLOWANCE_CHARGE_REASON = _CBC + "AllowanceChargeReason"
ALLOWANCE_CHARGE_REASON_CODE = _CBC + "AllowanceChargeReasonCode"
ALLOWANCE_TOTAL_AMOUNT = _CBC + "AllowanceTotalAmount"
AMOUNT = _CBC + "Amount"
ATTACHMENT = _CAC + "Attachment"
BASE_AMOUNT = _CBC + "BaseAmount"
BASE_QUANTITY = _CBC + "BaseQuantity"
BILLING_REFERENCE = _CAC + "BillingReference"
BUYER_REFERENCE = _CBC + "BuyerReference"
BUYERS_ITEM_IDENTIFICATION = _CAC + "BuyersItemIdentification"
CARD_ACCOUNT = _CAC + "CardAccount"
CHARGE_INDICATOR = _CBC + "ChargeIndicator"
CHARGE_TOTAL_AMOUNT = _CBC + "ChargeTotalAmount"
CITY_NAME = _CBC + "CityName"
CLASSIFIED_TAX_CATEGORY = _CAC + "ClassifiedTaxCategory"
COMMODITY_CLASSIFICATION = _CAC + "CommodityClassification"
COMPANY_ID = _CBC + "CompanyID"
COMPANY_LEGAL_FORM = _CBC + "CompanyLegalForm"
CONTACT = _CAC + "Contact"
CONTRACT_DOCUMENT_REFERENCE = _CAC + "ContractDocumentReference"
COUNTRY = _CAC + "Country"
COUNTRY_SUBENTITY = _CBC + "CountrySubentity"
CREDIT_NOTE_LINE = _CAC + "CreditNoteLine"
CREDIT_NOTE_TYPE_CODE = _CBC + "CreditNoteTypeCode"
CREDITED_QUANTITY = _CBC + "CreditedQuantity"
CUSTOMIZATION_ID = _CBC + "CustomizationID"
DELIVERY = _CAC + "Delivery"
DELIVERY_LOCATION = _CAC + "DeliveryLocation"
DELIVERY_PARTY = _CAC + "DeliveryParty"
DESCRIPTION = _CBC + "Description"
DESPATCH_DOCUMENT_REFERENCE = _CAC + "DespatchDocumentReference"
DOCUMENT_CURRENCY_CODE = _CBC + "DocumentCurrencyCode"
DOCUMENT_DESCRIPTION = _CBC + "DocumentDescription"
DOCUMENT_REFERENCE = _CAC + "DocumentReference"
DOCUMENT_TYPE_CODE = _CBC + "DocumentTypeCode"
DUE_DATE = _CBC + "DueDate"
ELECTRONIC_MAIL = _CBC + "ElectronicMail"
EMBEDDED_DOCUMENT_BINARY_OBJECT = _CBC + "EmbeddedDocumentBinaryObject"
END_DATE = _CBC + "EndDate"
ENDPOINT_ID = _CBC + "EndpointID"
EXTERNAL_REFERENCE = _CAC + "ExternalReference"
FINANCIAL_INSTITUTION_BRANCH = _CAC + "FinancialInstitutionBranch"
HOLDER_NAME = _CBC + "HolderName"
ID = _CBC + "ID"
IDENTIFICATION_CODE = _CBC + "IdentificationCode"
INVOICE_DOCUMENT_REFERENCE = _CAC + "InvoiceDocumentReference"
INVOICE_LINE = _CAC + "InvoiceLine"
INVOICE_PERIOD = _CAC + "InvoicePeriod"
INVOICE_TYPE_CODE = _CBC + "InvoiceTypeCode"
INVOICED_QUANTITY = _CBC + "InvoicedQuantity"
ISSUE_DATE = _CBC + "IssueDate"
ITEM = _CAC + "Item"
ITEM_CLASSIFICATION_CODE = _CBC + "ItemClassificationCode"
LEGAL_MONETARY_TOTAL = _CAC + "LegalMonetaryTotal"
LINE = _CBC + "Line"
LINE_EXTENSION_AMOUNT = _CBC + "LineExtensionAmount"
LINE_ID = _CBC + "LineID"
MULTIPLIER_FACTOR_NUMERIC = _CBC + "MultiplierFactorNumeric"
NAME = _CBC + "Name"
NOTE = _CBC + "Note"
ORDER_LINE_REFERENCE = _CAC + "OrderLineReference"
ORDER_REFERENCE = _CAC + "OrderReference"
ORIGIN_COUNTRY = _CAC + "OriginCountry"
ORIGINATOR_DOCUMENT_REFERENCE = _CAC + "OriginatorDocumentReference"
PARTY = _CAC + "Party"
PARTY_IDENTIFICATION = _CAC + "PartyIdentification"
PARTY_LEGAL_ENTITY = _CAC + "PartyLegalEntity"
PARTY_NAME = _CAC + "PartyName"
PARTY_TAX_SCHEME = _CAC + "PartyTaxScheme"
PAYABLE_AMOUNT = _CBC + "PayableAmount"
PAYABLE_ROUNDING_AMOUNT = _CBC + "PayableRoundingAmount"
PAYEE_FINANCIAL_ACCOUNT = _CAC + "PayeeFinancialAccount"
PAYEE_PARTY = _CAC + "PayeeParty"
PAYER_FINANCIAL_ACCOUNT = _CAC + "PayerFinancialAccount"
PAYMENT_DUE_DATE = _CBC + "PaymentDueDate"
PAYMENT_ID = _CBC + "PaymentID"
PAYMENT_MANDATE = _CAC + "PaymentMandate"
PAYMENT_MEANS = _CAC + "PaymentMeans"
PAYMENT_MEANS_CODE = _CBC + "PaymentMeansCode"
PAYMENT_TERMS = _CAC + "PaymentTerms"
PERCENT = _CBC + "Percent"
POSTAL_ADDRESS = _CAC + "PostalAddress"
POSTAL_ZONE = _CBC + "PostalZone"
PREPAID_AMOUNT = _CBC + "PrepaidAmount"
PRICE = _CAC + "Price"
PRICE_AMOUNT = _CBC + "PriceAmount"
PRIMARY_ACCOUNT_NUMBER_ID = _CBC + "PrimaryAccountNumberID"
PROFILE_ID = _CBC + "ProfileID"
PROJECT_REFERENCE = _CAC + "ProjectReference"
RECEIPT_DOCUMENT_REFERENCE = _CAC + "ReceiptDocumentReference"
REGISTRATION_NAME = _CBC + "RegistrationName"
SALES_ORDER_ID = _CBC + "SalesOrderID"
SELLERS_ITEM_IDENTIFICATION = _CAC + "SellersItemIdentification"
STANDARD_ITEM_IDENTIFICATION = _CAC + "StandardItemIdentification"
START_DATE = _CBC + "StartDate"
STREET_NAME = _CBC + "StreetName"
SUPPLIER_PARTY = _CAC + "AccountingSupplierParty"
CUSTOMER_PARTY = _CAC + "AccountingCustomerParty"
TAX_AMOUNT = _CBC + "TaxAmount"
TAX_CATEGORY = _CAC + "TaxCategory"
TAX_CURRENCY_CODE = _CBC + "TaxCurrencyCode"
TAX_EXCLUSIVE_AMOUNT = _CBC + "TaxExclusiveAmount"
TAX_EXEMPTION_REASON = _CBC + "TaxExemptionReason"
TAX_EXEMPTION_REASON_CODE = _CBC + "TaxExemptionReasonCode"
TAX_INCLUSIVE_AMOUNT = _CBC + "TaxInclusiveAmount"
TAX_POINT_DATE = _CBC + "TaxPointDate"
TAX_REPRESENTATIVE_PARTY = _CAC + "TaxRepresentativeParty"
TAX_SCHEME = _CAC + "TaxScheme"
TAX_SUBTOTAL = _CAC + "TaxSubtotal"
TAX_TOTAL = _CAC + "TaxTotal"
TAXABLE_AMOUNT = _CBC + "TaxableAmount"
TELEPHONE = _CBC + "Telephone"
URI = _CBC + "URI"
VALUE = _CBC + "Value"

_NO_CHILDREN: dict = {}


def _children(element) -> dict:
    """{tag: the first child with that tag} in one pass (iterating backwards, the first wins)."""
    if element is None:
        return _NO_CHILDREN
    return {child.tag: child for child in reversed(element)}


def _first(element, tag: str):
    """The first child of `element` with `tag` (None when element is None or has none)."""
    if element is None:
        return None
    for child in element:
        if child.tag == tag:
            return child
    return None


def _child_text(element, tag: str) -> str | None:
    """`_text(_first(element, tag))` in one call (most optional aggregates are absent)."""
    if element is None:
        return None
    for child in element:
        if child.tag == tag:
            value = child.text
            if value is None:
                return None
            value = value.strip()
            return value or None
    return None


def _all(element, tag: str) -> list:
    """Every child of `element` with `tag`, in document order (`element.findall(tag)`)."""
    if element is None:
        return []
    return list(element.iterchildren(tag))


def _text(node) -> str | None:
    if node is None:
        return None
    value = node.text
    if value is None:
        return None
    value = value.strip()
    return value or None


def _decimal(node) -> Decimal | None:
    value = _text(node)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _date(node) -> datetime.date | None:
    value = _text(node)
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _identifier(node) -> Identifier | None:
    value = _text(node)
    if value is None:
        return None
    return Identifier(value=value, scheme=node.get("schemeID"))


def _address(node) -> Address | None:
    if node is None:
        return None
    children = _children(node)
    get = children.get
    return Address(
        street=_text(get(STREET_NAME)),
        additional_street=_text(get(ADDITIONAL_STREET_NAME)),
        address_line_3=_child_text(get(ADDRESS_LINE), LINE),
        city=_text(get(CITY_NAME)),
        postal_code=_text(get(POSTAL_ZONE)),
        subdivision=_text(get(COUNTRY_SUBENTITY)),
        country_code=_child_text(get(COUNTRY), IDENTIFICATION_CODE),
    )


def _contact(node) -> Contact | None:
    if node is None:
        return None
    get = _children(node).get
    return Contact(
        name=_text(get(NAME)),
        telephone=_text(get(TELEPHONE)),
        email=_text(get(ELECTRONIC_MAIL)),
    )


def _party(node) -> Party:
    if node is None:
        return Party()
    get = _children(node).get
    party = Party(
        electronic_address=_identifier(get(ENDPOINT_ID)),
        identifiers=[
            ident
            for ident in (
                _identifier(_first(item, ID)) for item in node.iterchildren(PARTY_IDENTIFICATION)
            )
            if ident
        ]
        if get(PARTY_IDENTIFICATION) is not None
        else [],
        trading_name=_child_text(get(PARTY_NAME), NAME),
        address=_address(get(POSTAL_ADDRESS)),
        contact=_contact(get(CONTACT)),
    )
    if get(PARTY_TAX_SCHEME) is not None:
        for tax_scheme in node.iterchildren(PARTY_TAX_SCHEME):
            scheme_children = _children(tax_scheme)
            scheme = (_child_text(scheme_children.get(TAX_SCHEME), ID) or "").upper()
            if scheme == "VAT":
                party.vat_id = _text(scheme_children.get(COMPANY_ID))
            else:
                party.tax_registration_id = _text(scheme_children.get(COMPANY_ID))
    legal = get(PARTY_LEGAL_ENTITY)
    if legal is not None:
        legal_get = _children(legal).get
        party.name = _text(legal_get(REGISTRATION_NAME))
        party.legal_registration_id = _identifier(legal_get(COMPANY_ID))
        party.legal_form = _text(legal_get(COMPANY_LEGAL_FORM))
    if party.name is None:
        party.name = party.trading_name
    return party


def _allowance_charge(node) -> AllowanceCharge:
    get = _children(node).get
    category = get(TAX_CATEGORY)
    return AllowanceCharge(
        is_charge=(_text(get(CHARGE_INDICATOR)) or "").lower() == "true",
        amount=_decimal(get(AMOUNT)),
        base_amount=_decimal(get(BASE_AMOUNT)),
        percentage=_decimal(get(MULTIPLIER_FACTOR_NUMERIC)),
        reason=_text(get(ALLOWANCE_CHARGE_REASON)),
        reason_code=_text(get(ALLOWANCE_CHARGE_REASON_CODE)),
        vat_category=_child_text(category, ID),
        vat_rate=_decimal(_first(category, PERCENT)),
    )


def _payment_instructions(node) -> PaymentInstructions:
    get = _children(node).get
    account = get(PAYEE_FINANCIAL_ACCOUNT)
    card = get(CARD_ACCOUNT)
    mandate = get(PAYMENT_MANDATE)
    means_code = get(PAYMENT_MEANS_CODE)
    account_get = _children(account).get
    return PaymentInstructions(
        means_code=_text(means_code),
        means_text=means_code.get("name") if means_code is not None else None,
        remittance_information=_text(get(PAYMENT_ID)),
        account_id=_text(account_get(ID)),
        account_name=_text(account_get(NAME)),
        service_provider_id=_child_text(account_get(FINANCIAL_INSTITUTION_BRANCH), ID),
        card=PaymentCard(
            account_number=_child_text(card, PRIMARY_ACCOUNT_NUMBER_ID),
            holder_name=_child_text(card, HOLDER_NAME),
        )
        if card is not None
        else None,
        direct_debit=DirectDebit(
            mandate_reference=_child_text(mandate, ID),
            debited_account=_child_text(_first(mandate, PAYER_FINANCIAL_ACCOUNT), ID),
        )
        if mandate is not None
        else None,
    )


def _attachment(node, get) -> Attachment:
    """BG-24 from a cac:AdditionalDocumentReference `node` (`get`: its first child by tag)."""
    attached = get(ATTACHMENT)
    embedded = _first(attached, EMBEDDED_DOCUMENT_BINARY_OBJECT)
    content = None
    if embedded is not None and embedded.text:
        import base64
        import binascii

        try:
            content = base64.b64decode("".join(embedded.text.split()), validate=True)
        except (binascii.Error, ValueError):
            content = None
    return Attachment(
        id=_text(get(ID)),
        type_code=_text(get(DOCUMENT_TYPE_CODE)),
        description=_text(get(DOCUMENT_DESCRIPTION)),
        uri=_child_text(_first(attached, EXTERNAL_REFERENCE), URI),
        mime_code=embedded.get("mimeCode") if embedded is not None else None,
        filename=embedded.get("filename") if embedded is not None else None,
        content=content,
    )


def _period(node) -> Period | None:
    if node is None:
        return None
    get = _children(node).get
    return Period(start=_date(get(START_DATE)), end=_date(get(END_DATE)))


def _line(node, quantity_tag: str) -> Line:
    get = _children(node).get
    item = get(ITEM)
    price = get(PRICE)
    quantity_node = get(quantity_tag)
    item_get = _children(item).get
    price_get = _children(price).get
    price_allowance = price_get(ALLOWANCE_CHARGE)
    base_quantity = price_get(BASE_QUANTITY)
    tax_category = item_get(CLASSIFIED_TAX_CATEGORY)
    object_id = None
    if get(DOCUMENT_REFERENCE) is not None:
        for reference in node.iterchildren(DOCUMENT_REFERENCE):
            reference_get = _children(reference).get
            if _text(reference_get(DOCUMENT_TYPE_CODE)) == "130":
                object_id = _identifier(reference_get(ID))
                break
    return Line(
        id=_text(get(ID)),
        note=_text(get(NOTE)),
        object_id=object_id,
        quantity=_decimal(quantity_node),
        unit_code=quantity_node.get("unitCode") if quantity_node is not None else None,
        net_amount=_decimal(get(LINE_EXTENSION_AMOUNT)),
        accounting_reference=_text(get(ACCOUNTING_COST)),
        order_line_reference=_child_text(get(ORDER_LINE_REFERENCE), LINE_ID),
        period=_period(get(INVOICE_PERIOD)),
        allowances_charges=[_allowance_charge(ac) for ac in node.iterchildren(ALLOWANCE_CHARGE)]
        if get(ALLOWANCE_CHARGE) is not None
        else [],
        price=_decimal(price_get(PRICE_AMOUNT)),
        price_base_quantity=_decimal(base_quantity),
        price_base_unit_code=base_quantity.get("unitCode") if base_quantity is not None else None,
        price_discount=_decimal(_first(price_allowance, AMOUNT)),
        gross_price=_decimal(_first(price_allowance, BASE_AMOUNT)),
        item_name=_text(item_get(NAME)),
        item_description=_text(item_get(DESCRIPTION)),
        buyers_item_id=_child_text(item_get(BUYERS_ITEM_IDENTIFICATION), ID),
        sellers_item_id=_child_text(item_get(SELLERS_ITEM_IDENTIFICATION), ID),
        standard_item_id=_identifier(_first(item_get(STANDARD_ITEM_IDENTIFICATION), ID)),
        # BT-158 repeats as whole cac:CommodityClassification aggregates, one code in each.
        classification_ids=[
            Identifier(value=_text(code) or "", scheme=code.get("listID"))
            for classification in _all(item, COMMODITY_CLASSIFICATION)
            for code in classification.iterchildren(ITEM_CLASSIFICATION_CODE)
        ],
        origin_country=_child_text(item_get(ORIGIN_COUNTRY), IDENTIFICATION_CODE),
        vat_category=_child_text(tax_category, ID),
        vat_rate=_decimal(_first(tax_category, PERCENT)),
        attributes=[
            (_child_text(prop, NAME) or "", _child_text(prop, VALUE) or "")
            for prop in item.iterchildren(ADDITIONAL_ITEM_PROPERTY)
        ]
        if item_get(ADDITIONAL_ITEM_PROPERTY) is not None
        else [],
    )


def from_ubl(tree) -> Invoice:
    """Read a parsed UBL 2.1 Invoice or CreditNote (an lxml tree or root element)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if root.tag == INVOICE_TAG:
        document_type, credit_note = "Invoice", False
    elif root.tag == CREDIT_NOTE_TAG:
        document_type, credit_note = "CreditNote", True
    else:
        raise NotAnInvoice(f"not a UBL Invoice or CreditNote: {root.tag}")

    get = _children(root).get
    currency = _text(get(DOCUMENT_CURRENCY_CODE))
    monetary_get = _children(get(LEGAL_MONETARY_TOTAL)).get
    vat_total = None
    vat_total_accounting = None
    vat_breakdown: list[VatBreakdown] = []
    for tax_total in _all(root, TAX_TOTAL):
        amount_node = _first(tax_total, TAX_AMOUNT)
        amount = _decimal(amount_node)
        amount_currency = amount_node.get("currencyID") if amount_node is not None else None
        if amount_currency == currency or (vat_total is None and amount_currency is None):
            vat_total = amount
            for subtotal in tax_total.iterchildren(TAX_SUBTOTAL):
                subtotal_get = _children(subtotal).get
                category_get = _children(subtotal_get(TAX_CATEGORY)).get
                vat_breakdown.append(
                    VatBreakdown(
                        taxable_amount=_decimal(subtotal_get(TAXABLE_AMOUNT)),
                        tax_amount=_decimal(subtotal_get(TAX_AMOUNT)),
                        category=_text(category_get(ID)),
                        rate=_decimal(category_get(PERCENT)),
                        exemption_reason=_text(category_get(TAX_EXEMPTION_REASON)),
                        exemption_reason_code=_text(category_get(TAX_EXEMPTION_REASON_CODE)),
                    )
                )
        elif amount is not None:
            vat_total_accounting = Amount(value=amount, currency=amount_currency)

    delivery_node = get(DELIVERY)
    payee_node = get(PAYEE_PARTY)
    representative_node = get(TAX_REPRESENTATIVE_PARTY)
    invoiced_object = None
    attachments = []
    # BT-11: an Invoice has cac:ProjectReference; a CreditNote has none, so Peppol BIS 3 carries
    # the project reference as an additional document reference of type 50 (not an attachment).
    project_reference = None if credit_note else _child_text(get(PROJECT_REFERENCE), ID)
    for reference in _all(root, ADDITIONAL_DOCUMENT_REFERENCE):
        reference_get = _children(reference).get
        type_code = _text(reference_get(DOCUMENT_TYPE_CODE))
        if type_code == "130":
            invoiced_object = _identifier(reference_get(ID))
        elif credit_note and type_code == "50":
            project_reference = project_reference or _text(reference_get(ID))
        else:
            attachments.append(_attachment(reference, reference_get))

    order_get = _children(get(ORDER_REFERENCE)).get
    if delivery_node is not None:
        delivery_get = _children(delivery_node).get
        location = delivery_get(DELIVERY_LOCATION)
        delivery = Delivery(
            party_name=_text(_first(_first(delivery_get(DELIVERY_PARTY), PARTY_NAME), NAME)),
            location_id=_identifier(_first(location, ID)),
            date=_date(delivery_get(ACTUAL_DELIVERY_DATE)),
            address=_address(_first(location, ADDRESS)),
        )
    else:
        delivery = None
    line_tag = CREDIT_NOTE_LINE if credit_note else INVOICE_LINE
    quantity_tag = CREDITED_QUANTITY if credit_note else INVOICED_QUANTITY
    return Invoice(
        document_type=document_type,
        customization_id=_text(get(CUSTOMIZATION_ID)),
        profile_id=_text(get(PROFILE_ID)),
        number=_text(get(ID)),
        issue_date=_date(get(ISSUE_DATE)),
        type_code=_text(get(CREDIT_NOTE_TYPE_CODE if credit_note else INVOICE_TYPE_CODE)),
        currency=currency,
        vat_currency=_text(get(TAX_CURRENCY_CODE)),
        due_date=_date(get(DUE_DATE)) or _date(_first(get(PAYMENT_MEANS), PAYMENT_DUE_DATE)),
        tax_point_date=_date(get(TAX_POINT_DATE)),
        buyer_reference=_text(get(BUYER_REFERENCE)),
        project_reference=project_reference,
        contract_reference=_child_text(get(CONTRACT_DOCUMENT_REFERENCE), ID),
        order_reference=_text(order_get(ID)),
        sales_order_reference=_text(order_get(SALES_ORDER_ID)),
        receiving_advice_reference=_child_text(get(RECEIPT_DOCUMENT_REFERENCE), ID),
        despatch_advice_reference=_child_text(get(DESPATCH_DOCUMENT_REFERENCE), ID),
        tender_reference=_child_text(get(ORIGINATOR_DOCUMENT_REFERENCE), ID),
        invoiced_object_id=invoiced_object,
        accounting_reference=_text(get(ACCOUNTING_COST)),
        payment_terms=_child_text(get(PAYMENT_TERMS), NOTE),
        notes=[note for note in (_text(n) for n in _all(root, NOTE)) if note],
        # BG-3 repeats as whole cac:BillingReference aggregates, one reference in each.
        preceding_invoices=[
            (_child_text(ref, ID) or "", _date(_first(ref, ISSUE_DATE)))
            for billing in _all(root, BILLING_REFERENCE)
            for ref in billing.iterchildren(INVOICE_DOCUMENT_REFERENCE)
        ],
        period=_period(get(INVOICE_PERIOD)),
        seller=_party(_first(get(SUPPLIER_PARTY), PARTY)),
        buyer=_party(_first(get(CUSTOMER_PARTY), PARTY)),
        payee=_party(payee_node) if payee_node is not None else None,
        seller_tax_representative=_party(representative_node)
        if representative_node is not None
        else None,
        delivery=delivery,
        payment_instructions=[_payment_instructions(pm) for pm in _all(root, PAYMENT_MEANS)],
        allowances_charges=[_allowance_charge(ac) for ac in _all(root, ALLOWANCE_CHARGE)],
        vat_breakdown=vat_breakdown,
        totals=Totals(
            line_net_total=_decimal(monetary_get(LINE_EXTENSION_AMOUNT)),
            allowance_total=_decimal(monetary_get(ALLOWANCE_TOTAL_AMOUNT)),
            charge_total=_decimal(monetary_get(CHARGE_TOTAL_AMOUNT)),
            total_without_vat=_decimal(monetary_get(TAX_EXCLUSIVE_AMOUNT)),
            vat_total=vat_total,
            vat_total_accounting=vat_total_accounting,
            total_with_vat=_decimal(monetary_get(TAX_INCLUSIVE_AMOUNT)),
            prepaid=_decimal(monetary_get(PREPAID_AMOUNT)),
            rounding=_decimal(monetary_get(PAYABLE_ROUNDING_AMOUNT)),
            payable=_decimal(monetary_get(PAYABLE_AMOUNT)),
        ),
        attachments=attachments,
        lines=[_line(node, quantity_tag) for node in root.iterchildren(line_tag)],
    )
