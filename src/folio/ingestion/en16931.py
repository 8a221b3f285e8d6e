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

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"


def _find(element, path: str):
    """Child path like "cac:Party/cbc:Name" without XPath (fast and namespace-exact)."""
    if element is None:
        return None
    for step in path.split("/"):
        prefix, _, name = step.partition(":")
        element = element.find(("{" + NS[prefix] + "}") + name)
        if element is None:
            return None
    return element


def _findall(element, path: str) -> list:
    if element is None:
        return []
    *parents, last = path.split("/")
    if parents:
        element = _find(element, "/".join(parents))
        if element is None:
            return []
    prefix, _, name = last.partition(":")
    return element.findall(("{" + NS[prefix] + "}") + name)


def _text(element, path: str | None = None) -> str | None:
    node = _find(element, path) if path else element
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def _decimal(element, path: str | None = None) -> Decimal | None:
    value = _text(element, path)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _date(element, path: str | None = None) -> datetime.date | None:
    value = _text(element, path)
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _identifier(node) -> Identifier | None:
    if node is None:
        return None
    value = _text(node)
    if value is None:
        return None
    return Identifier(value=value, scheme=node.get("schemeID"))


def _address(node) -> Address | None:
    if node is None:
        return None
    return Address(
        street=_text(node, "cbc:StreetName"),
        additional_street=_text(node, "cbc:AdditionalStreetName"),
        address_line_3=_text(node, "cac:AddressLine/cbc:Line"),
        city=_text(node, "cbc:CityName"),
        postal_code=_text(node, "cbc:PostalZone"),
        subdivision=_text(node, "cbc:CountrySubentity"),
        country_code=_text(node, "cac:Country/cbc:IdentificationCode"),
    )


def _contact(node) -> Contact | None:
    if node is None:
        return None
    return Contact(
        name=_text(node, "cbc:Name"),
        telephone=_text(node, "cbc:Telephone"),
        email=_text(node, "cbc:ElectronicMail"),
    )


def _party(node) -> Party:
    if node is None:
        return Party()
    party = Party(
        electronic_address=_identifier(_find(node, "cbc:EndpointID")),
        identifiers=[
            ident
            for ident in (
                _identifier(_find(item, "cbc:ID"))
                for item in _findall(node, "cac:PartyIdentification")
            )
            if ident
        ],
        trading_name=_text(node, "cac:PartyName/cbc:Name"),
        address=_address(_find(node, "cac:PostalAddress")),
        contact=_contact(_find(node, "cac:Contact")),
    )
    for tax_scheme in _findall(node, "cac:PartyTaxScheme"):
        scheme = (_text(tax_scheme, "cac:TaxScheme/cbc:ID") or "").upper()
        if scheme == "VAT":
            party.vat_id = _text(tax_scheme, "cbc:CompanyID")
        else:
            party.tax_registration_id = _text(tax_scheme, "cbc:CompanyID")
    legal = _find(node, "cac:PartyLegalEntity")
    if legal is not None:
        party.name = _text(legal, "cbc:RegistrationName")
        party.legal_registration_id = _identifier(_find(legal, "cbc:CompanyID"))
        party.legal_form = _text(legal, "cbc:CompanyLegalForm")
    if party.name is None:
        party.name = party.trading_name
    return party


def _allowance_charge(node) -> AllowanceCharge:
    return AllowanceCharge(
        is_charge=(_text(node, "cbc:ChargeIndicator") or "").lower() == "true",
        amount=_decimal(node, "cbc:Amount"),
        base_amount=_decimal(node, "cbc:BaseAmount"),
        percentage=_decimal(node, "cbc:MultiplierFactorNumeric"),
        reason=_text(node, "cbc:AllowanceChargeReason"),
        reason_code=_text(node, "cbc:AllowanceChargeReasonCode"),
        vat_category=_text(node, "cac:TaxCategory/cbc:ID"),
        vat_rate=_decimal(node, "cac:TaxCategory/cbc:Percent"),
    )


def _payment_instructions(node) -> PaymentInstructions:
    account = _find(node, "cac:PayeeFinancialAccount")
    card = _find(node, "cac:CardAccount")
    mandate = _find(node, "cac:PaymentMandate")
    return PaymentInstructions(
        means_code=_text(node, "cbc:PaymentMeansCode"),
        means_text=(
            _find(node, "cbc:PaymentMeansCode").get("name")
            if _find(node, "cbc:PaymentMeansCode") is not None
            else None
        ),
        remittance_information=_text(node, "cbc:PaymentID"),
        account_id=_text(account, "cbc:ID"),
        account_name=_text(account, "cbc:Name"),
        service_provider_id=_text(account, "cac:FinancialInstitutionBranch/cbc:ID"),
        card=PaymentCard(
            account_number=_text(card, "cbc:PrimaryAccountNumberID"),
            holder_name=_text(card, "cbc:HolderName"),
        )
        if card is not None
        else None,
        direct_debit=DirectDebit(
            mandate_reference=_text(mandate, "cbc:ID"),
            debited_account=_text(mandate, "cac:PayerFinancialAccount/cbc:ID"),
        )
        if mandate is not None
        else None,
    )


def _attachment(node) -> Attachment:
    embedded = _find(node, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject")
    content = None
    if embedded is not None and embedded.text:
        import base64
        import binascii

        try:
            content = base64.b64decode("".join(embedded.text.split()), validate=True)
        except (binascii.Error, ValueError):
            content = None
    return Attachment(
        id=_text(node, "cbc:ID"),
        type_code=_text(node, "cbc:DocumentTypeCode"),
        description=_text(node, "cbc:DocumentDescription"),
        uri=_text(node, "cac:Attachment/cac:ExternalReference/cbc:URI"),
        mime_code=embedded.get("mimeCode") if embedded is not None else None,
        filename=embedded.get("filename") if embedded is not None else None,
        content=content,
    )


def _period(node) -> Period | None:
    if node is None:
        return None
    return Period(start=_date(node, "cbc:StartDate"), end=_date(node, "cbc:EndDate"))


def _line(node, *, credit_note: bool) -> Line:
    item = _find(node, "cac:Item")
    price = _find(node, "cac:Price")
    quantity_node = _find(node, "cbc:CreditedQuantity" if credit_note else "cbc:InvoicedQuantity")
    price_allowance = _find(price, "cac:AllowanceCharge")
    base_quantity = _find(price, "cbc:BaseQuantity")
    return Line(
        id=_text(node, "cbc:ID"),
        note=_text(node, "cbc:Note"),
        object_id=_identifier(
            next(
                (
                    _find(ref, "cbc:ID")
                    for ref in _findall(node, "cac:DocumentReference")
                    if _text(ref, "cbc:DocumentTypeCode") == "130"
                ),
                None,
            )
        ),
        quantity=_decimal(quantity_node),
        unit_code=quantity_node.get("unitCode") if quantity_node is not None else None,
        net_amount=_decimal(node, "cbc:LineExtensionAmount"),
        accounting_reference=_text(node, "cbc:AccountingCost"),
        order_line_reference=_text(node, "cac:OrderLineReference/cbc:LineID"),
        period=_period(_find(node, "cac:InvoicePeriod")),
        allowances_charges=[_allowance_charge(ac) for ac in _findall(node, "cac:AllowanceCharge")],
        price=_decimal(price, "cbc:PriceAmount"),
        price_base_quantity=_decimal(base_quantity),
        price_base_unit_code=base_quantity.get("unitCode") if base_quantity is not None else None,
        price_discount=_decimal(price_allowance, "cbc:Amount"),
        gross_price=_decimal(price_allowance, "cbc:BaseAmount"),
        item_name=_text(item, "cbc:Name"),
        item_description=_text(item, "cbc:Description"),
        buyers_item_id=_text(item, "cac:BuyersItemIdentification/cbc:ID"),
        sellers_item_id=_text(item, "cac:SellersItemIdentification/cbc:ID"),
        standard_item_id=_identifier(_find(item, "cac:StandardItemIdentification/cbc:ID")),
        classification_ids=[
            Identifier(value=_text(code) or "", scheme=code.get("listID"))
            for code in _findall(item, "cac:CommodityClassification/cbc:ItemClassificationCode")
        ],
        origin_country=_text(item, "cac:OriginCountry/cbc:IdentificationCode"),
        vat_category=_text(item, "cac:ClassifiedTaxCategory/cbc:ID"),
        vat_rate=_decimal(item, "cac:ClassifiedTaxCategory/cbc:Percent"),
        attributes=[
            (_text(prop, "cbc:Name") or "", _text(prop, "cbc:Value") or "")
            for prop in _findall(item, "cac:AdditionalItemProperty")
        ],
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

    currency = _text(root, "cbc:DocumentCurrencyCode")
    monetary = _find(root, "cac:LegalMonetaryTotal")
    vat_total = None
    vat_total_accounting = None
    vat_breakdown: list[VatBreakdown] = []
    for tax_total in _findall(root, "cac:TaxTotal"):
        amount_node = _find(tax_total, "cbc:TaxAmount")
        amount = _decimal(amount_node)
        amount_currency = amount_node.get("currencyID") if amount_node is not None else None
        if amount_currency == currency or (vat_total is None and amount_currency is None):
            vat_total = amount
            for subtotal in _findall(tax_total, "cac:TaxSubtotal"):
                category = _find(subtotal, "cac:TaxCategory")
                vat_breakdown.append(
                    VatBreakdown(
                        taxable_amount=_decimal(subtotal, "cbc:TaxableAmount"),
                        tax_amount=_decimal(subtotal, "cbc:TaxAmount"),
                        category=_text(category, "cbc:ID"),
                        rate=_decimal(category, "cbc:Percent"),
                        exemption_reason=_text(category, "cbc:TaxExemptionReason"),
                        exemption_reason_code=_text(category, "cbc:TaxExemptionReasonCode"),
                    )
                )
        elif amount is not None:
            vat_total_accounting = Amount(value=amount, currency=amount_currency)

    delivery_node = _find(root, "cac:Delivery")
    payee_node = _find(root, "cac:PayeeParty")
    representative_node = _find(root, "cac:TaxRepresentativeParty")
    invoiced_object = None
    attachments = []
    # BT-11: an Invoice has cac:ProjectReference; a CreditNote has none, so Peppol BIS 3 carries
    # the project reference as an additional document reference of type 50 (not an attachment).
    project_reference = None if credit_note else _text(root, "cac:ProjectReference/cbc:ID")
    for reference in _findall(root, "cac:AdditionalDocumentReference"):
        type_code = _text(reference, "cbc:DocumentTypeCode")
        if type_code == "130":
            invoiced_object = _identifier(_find(reference, "cbc:ID"))
        elif credit_note and type_code == "50":
            project_reference = project_reference or _text(reference, "cbc:ID")
        else:
            attachments.append(_attachment(reference))

    return Invoice(
        document_type=document_type,
        customization_id=_text(root, "cbc:CustomizationID"),
        profile_id=_text(root, "cbc:ProfileID"),
        number=_text(root, "cbc:ID"),
        issue_date=_date(root, "cbc:IssueDate"),
        type_code=_text(root, "cbc:CreditNoteTypeCode" if credit_note else "cbc:InvoiceTypeCode"),
        currency=currency,
        vat_currency=_text(root, "cbc:TaxCurrencyCode"),
        due_date=_date(root, "cbc:DueDate") or _date(root, "cac:PaymentMeans/cbc:PaymentDueDate"),
        tax_point_date=_date(root, "cbc:TaxPointDate"),
        buyer_reference=_text(root, "cbc:BuyerReference"),
        project_reference=project_reference,
        contract_reference=_text(root, "cac:ContractDocumentReference/cbc:ID"),
        order_reference=_text(root, "cac:OrderReference/cbc:ID"),
        sales_order_reference=_text(root, "cac:OrderReference/cbc:SalesOrderID"),
        receiving_advice_reference=_text(root, "cac:ReceiptDocumentReference/cbc:ID"),
        despatch_advice_reference=_text(root, "cac:DespatchDocumentReference/cbc:ID"),
        tender_reference=_text(root, "cac:OriginatorDocumentReference/cbc:ID"),
        invoiced_object_id=invoiced_object,
        accounting_reference=_text(root, "cbc:AccountingCost"),
        payment_terms=_text(root, "cac:PaymentTerms/cbc:Note"),
        notes=[note for note in (_text(n) for n in _findall(root, "cbc:Note")) if note],
        preceding_invoices=[
            (_text(ref, "cbc:ID") or "", _date(ref, "cbc:IssueDate"))
            for ref in _findall(root, "cac:BillingReference/cac:InvoiceDocumentReference")
        ],
        period=_period(_find(root, "cac:InvoicePeriod")),
        seller=_party(_find(root, "cac:AccountingSupplierParty/cac:Party")),
        buyer=_party(_find(root, "cac:AccountingCustomerParty/cac:Party")),
        payee=_party(payee_node) if payee_node is not None else None,
        seller_tax_representative=_party(representative_node)
        if representative_node is not None
        else None,
        delivery=Delivery(
            party_name=_text(delivery_node, "cac:DeliveryParty/cac:PartyName/cbc:Name"),
            location_id=_identifier(_find(delivery_node, "cac:DeliveryLocation/cbc:ID")),
            date=_date(delivery_node, "cbc:ActualDeliveryDate"),
            address=_address(_find(delivery_node, "cac:DeliveryLocation/cac:Address")),
        )
        if delivery_node is not None
        else None,
        payment_instructions=[
            _payment_instructions(pm) for pm in _findall(root, "cac:PaymentMeans")
        ],
        allowances_charges=[_allowance_charge(ac) for ac in _findall(root, "cac:AllowanceCharge")],
        vat_breakdown=vat_breakdown,
        totals=Totals(
            line_net_total=_decimal(monetary, "cbc:LineExtensionAmount"),
            allowance_total=_decimal(monetary, "cbc:AllowanceTotalAmount"),
            charge_total=_decimal(monetary, "cbc:ChargeTotalAmount"),
            total_without_vat=_decimal(monetary, "cbc:TaxExclusiveAmount"),
            vat_total=vat_total,
            vat_total_accounting=vat_total_accounting,
            total_with_vat=_decimal(monetary, "cbc:TaxInclusiveAmount"),
            prepaid=_decimal(monetary, "cbc:PrepaidAmount"),
            rounding=_decimal(monetary, "cbc:PayableRoundingAmount"),
            payable=_decimal(monetary, "cbc:PayableAmount"),
        ),
        attachments=attachments,
        lines=[
            _line(node, credit_note=credit_note)
            for node in _findall(root, "cac:CreditNoteLine" if credit_note else "cac:InvoiceLine")
        ],
    )
