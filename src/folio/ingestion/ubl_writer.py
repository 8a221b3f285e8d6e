"""Writing Peppol BIS Billing 3.0 UBL from Folio JSON (and the small edits a resend makes)."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from folio.ingestion.en16931 import NS
from folio.ingestion.json_format import (
    AddressIn,
    AllowanceChargeIn,
    FolioDocumentIn,
    PartyIn,
)

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CENT = Decimal("0.01")

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"

# The children of the UBL 2.1 root elements in schema order (maindoc XSDs).
INVOICE_ORDER = tuple(
    [
        "cbc:UBLVersionID",
        "cbc:CustomizationID",
        "cbc:ProfileID",
        "cbc:ProfileExecutionID",
        "cbc:ID",
        "cbc:CopyIndicator",
        "cbc:UUID",
        "cbc:IssueDate",
        "cbc:IssueTime",
        "cbc:DueDate",
        "cbc:InvoiceTypeCode",
        "cbc:Note",
        "cbc:TaxPointDate",
        "cbc:DocumentCurrencyCode",
        "cbc:TaxCurrencyCode",
        "cbc:PricingCurrencyCode",
        "cbc:PaymentCurrencyCode",
        "cbc:PaymentAlternativeCurrencyCode",
        "cbc:AccountingCostCode",
        "cbc:AccountingCost",
        "cbc:LineCountNumeric",
        "cbc:BuyerReference",
        "cac:InvoicePeriod",
        "cac:OrderReference",
        "cac:BillingReference",
        "cac:DespatchDocumentReference",
        "cac:ReceiptDocumentReference",
        "cac:StatementDocumentReference",
        "cac:OriginatorDocumentReference",
        "cac:ContractDocumentReference",
        "cac:AdditionalDocumentReference",
        "cac:ProjectReference",
        "cac:Signature",
        "cac:AccountingSupplierParty",
        "cac:AccountingCustomerParty",
        "cac:PayeeParty",
        "cac:BuyerCustomerParty",
        "cac:SellerSupplierParty",
        "cac:TaxRepresentativeParty",
        "cac:Delivery",
        "cac:DeliveryTerms",
        "cac:PaymentMeans",
        "cac:PaymentTerms",
        "cac:PrepaidPayment",
        "cac:AllowanceCharge",
        "cac:TaxExchangeRate",
        "cac:PricingExchangeRate",
        "cac:PaymentExchangeRate",
        "cac:PaymentAlternativeExchangeRate",
        "cac:TaxTotal",
        "cac:WithholdingTaxTotal",
        "cac:LegalMonetaryTotal",
        "cac:InvoiceLine",
    ]
)
CREDIT_NOTE_ORDER = tuple(
    [
        "cbc:UBLVersionID",
        "cbc:CustomizationID",
        "cbc:ProfileID",
        "cbc:ProfileExecutionID",
        "cbc:ID",
        "cbc:CopyIndicator",
        "cbc:UUID",
        "cbc:IssueDate",
        "cbc:IssueTime",
        "cbc:TaxPointDate",
        "cbc:CreditNoteTypeCode",
        "cbc:Note",
        "cbc:DocumentCurrencyCode",
        "cbc:TaxCurrencyCode",
        "cbc:PricingCurrencyCode",
        "cbc:PaymentCurrencyCode",
        "cbc:PaymentAlternativeCurrencyCode",
        "cbc:AccountingCostCode",
        "cbc:AccountingCost",
        "cbc:LineCountNumeric",
        "cbc:BuyerReference",
        "cac:InvoicePeriod",
        "cac:DiscrepancyResponse",
        "cac:OrderReference",
        "cac:BillingReference",
        "cac:DespatchDocumentReference",
        "cac:ReceiptDocumentReference",
        "cac:ContractDocumentReference",
        "cac:AdditionalDocumentReference",
        "cac:StatementDocumentReference",
        "cac:OriginatorDocumentReference",
        "cac:Signature",
        "cac:AccountingSupplierParty",
        "cac:AccountingCustomerParty",
        "cac:PayeeParty",
        "cac:BuyerCustomerParty",
        "cac:SellerSupplierParty",
        "cac:TaxRepresentativeParty",
        "cac:Delivery",
        "cac:DeliveryTerms",
        "cac:PaymentMeans",
        "cac:PaymentTerms",
        "cac:TaxExchangeRate",
        "cac:PricingExchangeRate",
        "cac:PaymentExchangeRate",
        "cac:PaymentAlternativeExchangeRate",
        "cac:AllowanceCharge",
        "cac:TaxTotal",
        "cac:LegalMonetaryTotal",
        "cac:CreditNoteLine",
    ]
)
PAYMENT_MEANS_ORDER = tuple(
    [
        "cbc:ID",
        "cbc:PaymentMeansCode",
        "cbc:PaymentDueDate",
        "cbc:PaymentChannelCode",
        "cbc:InstructionID",
        "cbc:InstructionNote",
        "cbc:PaymentID",
        "cac:CardAccount",
        "cac:PayerFinancialAccount",
        "cac:PayeeFinancialAccount",
        "cac:CreditAccount",
        "cac:PaymentMandate",
        "cac:TradeFinancing",
    ]
)


def _qname(step: str) -> str:
    prefix, _, name = step.partition(":")
    return "{" + NS[prefix] + "}" + name


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def add(parent, step: str, text=None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, _qname(step))
    if text is not None:
        element.text = str(text)
    for key, value in attributes.items():
        if value is not None:
            element.set(key, str(value))
    return element


def _address(parent, step: str, address: AddressIn) -> None:
    node = add(parent, step)
    if address.street:
        add(node, "cbc:StreetName", address.street)
    if address.additional_street:
        add(node, "cbc:AdditionalStreetName", address.additional_street)
    if address.city:
        add(node, "cbc:CityName", address.city)
    if address.postal_code:
        add(node, "cbc:PostalZone", address.postal_code)
    if address.subdivision:
        add(node, "cbc:CountrySubentity", address.subdivision)
    country = add(node, "cac:Country")
    add(country, "cbc:IdentificationCode", address.country_code)


def _party(parent, step: str, party: PartyIn, *, seller: bool) -> None:
    outer = add(parent, step)
    node = add(outer, "cac:Party")
    add(
        node,
        "cbc:EndpointID",
        party.electronic_address.value,
        schemeID=party.electronic_address.scheme,
    )
    if party.identifier:
        ident = add(node, "cac:PartyIdentification")
        add(ident, "cbc:ID", party.identifier.value, schemeID=party.identifier.scheme)
    if party.trading_name:
        add(add(node, "cac:PartyName"), "cbc:Name", party.trading_name)
    _address(node, "cac:PostalAddress", party.address)
    if party.vat_id:
        scheme = add(node, "cac:PartyTaxScheme")
        add(scheme, "cbc:CompanyID", party.vat_id)
        add(add(scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
    if seller and party.tax_registration_id:
        scheme = add(node, "cac:PartyTaxScheme")
        add(scheme, "cbc:CompanyID", party.tax_registration_id)
        add(add(scheme, "cac:TaxScheme"), "cbc:ID", "TAX")
    legal = add(node, "cac:PartyLegalEntity")
    add(legal, "cbc:RegistrationName", party.name)
    if party.legal_registration_id:
        add(
            legal,
            "cbc:CompanyID",
            party.legal_registration_id.value,
            schemeID=party.legal_registration_id.scheme,
        )
    if party.contact and any((party.contact.name, party.contact.telephone, party.contact.email)):
        contact = add(node, "cac:Contact")
        if party.contact.name:
            add(contact, "cbc:Name", party.contact.name)
        if party.contact.telephone:
            add(contact, "cbc:Telephone", party.contact.telephone)
        if party.contact.email:
            add(contact, "cbc:ElectronicMail", party.contact.email)


def _tax_category(parent, step: str, category: str, rate: Decimal | None, reason=None) -> None:
    node = add(parent, step)
    add(node, "cbc:ID", category)
    if category != "O" and rate is not None:
        add(node, "cbc:Percent", _fmt(rate))
    if reason:
        add(node, "cbc:TaxExemptionReason", reason)
    add(add(node, "cac:TaxScheme"), "cbc:ID", "VAT")


def _rate(category: str, rate: Decimal | None) -> Decimal | None:
    """The VAT rate as written: none for category O (not subject to VAT), else 0 by default."""
    return None if category == "O" else (rate or Decimal("0"))


def _allowance_charge(parent, item: AllowanceChargeIn, *, is_charge: bool, currency: str) -> None:
    """One cac:AllowanceCharge of BG-20 (is_charge False) or BG-21, children in schema order."""
    node = add(parent, "cac:AllowanceCharge")
    add(node, "cbc:ChargeIndicator", "true" if is_charge else "false")
    if item.reason_code:
        add(node, "cbc:AllowanceChargeReasonCode", item.reason_code)
    if item.reason:
        add(node, "cbc:AllowanceChargeReason", item.reason)
    if item.percentage is not None:
        add(node, "cbc:MultiplierFactorNumeric", _fmt(item.percentage))
    add(node, "cbc:Amount", f"{item.resolved_amount:f}", currencyID=currency)
    if item.base_amount is not None:
        add(node, "cbc:BaseAmount", f"{money(item.base_amount):f}", currencyID=currency)
    _tax_category(
        node, "cac:TaxCategory", item.vat_category, _rate(item.vat_category, item.vat_rate)
    )


def ubl_from_json(document: FolioDocumentIn) -> bytes:
    """Peppol BIS Billing 3.0 UBL (Invoice or CreditNote) for a Folio JSON document."""
    credit = document.document_type == "credit_note"
    root_ns = NS["cn"] if credit else NS["inv"]
    root = etree.Element(
        "{" + root_ns + "}" + ("CreditNote" if credit else "Invoice"),
        nsmap={None: root_ns, "cac": NS["cac"], "cbc": NS["cbc"]},
    )
    currency = document.currency
    add(root, "cbc:CustomizationID", CUSTOMIZATION_ID)
    add(root, "cbc:ProfileID", PROFILE_ID)
    add(root, "cbc:ID", document.number)
    add(root, "cbc:IssueDate", document.issue_date.isoformat())
    if document.due_date and not credit:
        add(root, "cbc:DueDate", document.due_date.isoformat())
    type_code = document.type_code or ("381" if credit else "380")
    if credit:
        if document.tax_point_date:
            add(root, "cbc:TaxPointDate", document.tax_point_date.isoformat())
        add(root, "cbc:CreditNoteTypeCode", type_code)
        for note in document.notes:
            add(root, "cbc:Note", note)
    else:
        add(root, "cbc:InvoiceTypeCode", type_code)
        for note in document.notes:
            add(root, "cbc:Note", note)
        if document.tax_point_date:
            add(root, "cbc:TaxPointDate", document.tax_point_date.isoformat())
    add(root, "cbc:DocumentCurrencyCode", currency)
    if document.accounting_reference:
        add(root, "cbc:AccountingCost", document.accounting_reference)
    if document.buyer_reference:
        add(root, "cbc:BuyerReference", document.buyer_reference)
    if document.period_start or document.period_end:
        period = add(root, "cac:InvoicePeriod")
        if document.period_start:
            add(period, "cbc:StartDate", document.period_start.isoformat())
        if document.period_end:
            add(period, "cbc:EndDate", document.period_end.isoformat())
    if document.order_reference or document.sales_order_reference:
        order = add(root, "cac:OrderReference")
        add(order, "cbc:ID", document.order_reference or "NA")
        if document.sales_order_reference:
            add(order, "cbc:SalesOrderID", document.sales_order_reference)
    if document.preceding_invoice_number:
        billing = add(add(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        add(billing, "cbc:ID", document.preceding_invoice_number)
        if document.preceding_invoice_date:
            add(billing, "cbc:IssueDate", document.preceding_invoice_date.isoformat())
    if document.contract_reference:
        add(add(root, "cac:ContractDocumentReference"), "cbc:ID", document.contract_reference)
    if credit and document.project_reference:
        # A credit note has no ProjectReference; Peppol carries BT-11 as document type 50.
        reference = add(root, "cac:AdditionalDocumentReference")
        add(reference, "cbc:ID", document.project_reference)
        add(reference, "cbc:DocumentTypeCode", "50")
    for attachment in document.attachments:
        reference = add(root, "cac:AdditionalDocumentReference")
        add(reference, "cbc:ID", attachment.id)
        if attachment.description:
            add(reference, "cbc:DocumentDescription", attachment.description)
        add(
            add(reference, "cac:Attachment"),
            "cbc:EmbeddedDocumentBinaryObject",
            "".join(attachment.content_base64.split()),
            mimeCode=attachment.mime_code,
            filename=attachment.filename,
        )
    if not credit and document.project_reference:
        add(add(root, "cac:ProjectReference"), "cbc:ID", document.project_reference)
    _party(root, "cac:AccountingSupplierParty", document.seller, seller=True)
    _party(root, "cac:AccountingCustomerParty", document.buyer, seller=False)
    if document.delivery_date:
        add(add(root, "cac:Delivery"), "cbc:ActualDeliveryDate", document.delivery_date.isoformat())
    if document.payment:
        means = add(root, "cac:PaymentMeans")
        add(means, "cbc:PaymentMeansCode", document.payment.means_code)
        if credit and document.due_date:
            add(means, "cbc:PaymentDueDate", document.due_date.isoformat())
        if document.payment.payment_id:
            add(means, "cbc:PaymentID", document.payment.payment_id)
        if document.payment.account_id:
            account = add(means, "cac:PayeeFinancialAccount")
            add(account, "cbc:ID", document.payment.account_id)
            if document.payment.account_name:
                add(account, "cbc:Name", document.payment.account_name)
            if document.payment.service_provider_id:
                branch = add(account, "cac:FinancialInstitutionBranch")
                add(branch, "cbc:ID", document.payment.service_provider_id)
    if document.payment_terms:
        add(add(root, "cac:PaymentTerms"), "cbc:Note", document.payment_terms)
    # BG-20 / BG-21, after the payment terms and before the tax total (schema order).
    document_allowances_charges = [(False, item) for item in document.allowances] + [
        (True, item) for item in document.charges
    ]
    for is_charge, item in document_allowances_charges:
        _allowance_charge(root, item, is_charge=is_charge, currency=currency)

    # Lines first in memory: the totals and the VAT breakdown come from them.
    line_nets = [
        money(line.net_amount if line.net_amount is not None else line.quantity * line.price)
        for line in document.lines
    ]
    groups: dict[tuple[str, Decimal | None], Decimal] = defaultdict(Decimal)
    reasons: dict[tuple[str, Decimal | None], str] = {}
    for line, net in zip(document.lines, line_nets, strict=True):
        key = (line.vat_category, _rate(line.vat_category, line.vat_rate))
        groups[key] += net
        if line.vat_exemption_reason and key not in reasons:
            reasons[key] = line.vat_exemption_reason
    # BR-S-08 and its siblings: a category's taxable amount is its lines' net amounts, minus
    # its document allowances, plus its document charges.
    allowance_total = charge_total = Decimal("0")
    for is_charge, item in document_allowances_charges:
        key = (item.vat_category, _rate(item.vat_category, item.vat_rate))
        amount = item.resolved_amount
        groups[key] += amount if is_charge else -amount
        if is_charge:
            charge_total += amount
        else:
            allowance_total += amount
        if item.vat_exemption_reason and key not in reasons:
            reasons[key] = item.vat_exemption_reason
    line_total = sum(line_nets, Decimal("0"))
    tax_total = add(root, "cac:TaxTotal")
    tax_amount = add(tax_total, "cbc:TaxAmount", currencyID=currency)
    vat_total = Decimal("0")
    for (category, rate), taxable in groups.items():
        tax = money(taxable * (rate or Decimal("0")) / Decimal("100"))
        vat_total += tax
        subtotal = add(tax_total, "cac:TaxSubtotal")
        add(subtotal, "cbc:TaxableAmount", f"{money(taxable):f}", currencyID=currency)
        add(subtotal, "cbc:TaxAmount", f"{tax:f}", currencyID=currency)
        _tax_category(subtotal, "cac:TaxCategory", category, rate, reasons.get((category, rate)))
    tax_amount.text = f"{money(vat_total):f}"
    totals = add(root, "cac:LegalMonetaryTotal")
    without_vat = money(line_total - allowance_total + charge_total)  # BT-109 (BR-CO-13)
    with_vat = money(without_vat + vat_total)
    add(totals, "cbc:LineExtensionAmount", f"{money(line_total):f}", currencyID=currency)
    add(totals, "cbc:TaxExclusiveAmount", f"{without_vat:f}", currencyID=currency)
    add(totals, "cbc:TaxInclusiveAmount", f"{with_vat:f}", currencyID=currency)
    if document.allowances:  # BT-107
        add(totals, "cbc:AllowanceTotalAmount", f"{money(allowance_total):f}", currencyID=currency)
    if document.charges:  # BT-108
        add(totals, "cbc:ChargeTotalAmount", f"{money(charge_total):f}", currencyID=currency)
    prepaid = money(document.prepaid_amount or Decimal("0"))
    if document.prepaid_amount is not None:
        add(totals, "cbc:PrepaidAmount", f"{prepaid:f}", currencyID=currency)
    add(totals, "cbc:PayableAmount", f"{money(with_vat - prepaid):f}", currencyID=currency)

    line_step = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    quantity_step = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    for position, (line, net) in enumerate(zip(document.lines, line_nets, strict=True), start=1):
        node = add(root, line_step)
        add(node, "cbc:ID", line.id or str(position))
        if line.note:
            add(node, "cbc:Note", line.note)
        add(node, quantity_step, _fmt(line.quantity), unitCode=line.unit_code)
        add(node, "cbc:LineExtensionAmount", f"{net:f}", currencyID=currency)
        if line.accounting_reference:
            add(node, "cbc:AccountingCost", line.accounting_reference)
        if line.order_line_reference:
            add(add(node, "cac:OrderLineReference"), "cbc:LineID", line.order_line_reference)
        item = add(node, "cac:Item")
        if line.description:
            add(item, "cbc:Description", line.description)
        add(item, "cbc:Name", line.item_name)
        if line.sellers_item_id:
            add(add(item, "cac:SellersItemIdentification"), "cbc:ID", line.sellers_item_id)
        _tax_category(
            item,
            "cac:ClassifiedTaxCategory",
            line.vat_category,
            _rate(line.vat_category, line.vat_rate),
        )
        price = add(node, "cac:Price")
        add(price, "cbc:PriceAmount", _fmt(line.price), currencyID=currency)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- corrections on a stored UBL document ------------------------------------------------------

# term key -> (path of steps below the root; the last step holds the value)
CORRECTABLE_PATHS: dict[str, tuple[str, ...]] = {
    "buyer_reference": ("cbc:BuyerReference",),
    "project_reference": ("cac:ProjectReference", "cbc:ID"),
    "contract_reference": ("cac:ContractDocumentReference", "cbc:ID"),
    "order_reference": ("cac:OrderReference", "cbc:ID"),
    "accounting_reference": ("cbc:AccountingCost",),
    "payment_terms": ("cac:PaymentTerms", "cbc:Note"),
    "payment_id": ("cac:PaymentMeans", "cbc:PaymentID"),
}


class CorrectionError(ValueError):
    def __init__(self, code: str, term: str):
        super().__init__(f"{code}: {term}")
        self.code = code
        self.term = term


def _insert_in_order(parent, qname: str, order: list[str]) -> etree._Element:
    """A new child `qname` of `parent`, placed where the schema's sequence wants it."""
    position = [_qname(step) for step in order].index(qname)
    later = {_qname(step) for step in order[position + 1 :]}
    element = etree.Element(qname)
    for index, child in enumerate(parent):
        if child.tag in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def ubl_apply_corrections(tree: etree._ElementTree, corrections: dict[str, str]) -> bytes:
    """Set the named business terms in a UBL document; the rest of it stays byte-for-byte."""
    root = tree.getroot()
    credit = root.tag.endswith("}CreditNote")
    order = CREDIT_NOTE_ORDER if credit else INVOICE_ORDER
    for term, value in corrections.items():
        path = CORRECTABLE_PATHS.get(term)
        if path is None:
            raise CorrectionError("term_not_correctable", term)
        if credit and term == "project_reference":
            raise CorrectionError("term_not_correctable", term)
        parent = root
        for depth, step in enumerate(path):
            qname = _qname(step)
            child = parent.find(qname)
            if child is None:
                if parent is root:
                    if term == "payment_id":
                        # A payment id needs payment means (BT-81), which a correction cannot
                        # invent; the sender resends the whole document instead.
                        raise CorrectionError("payment_means_missing", term)
                    child = _insert_in_order(parent, qname, order)
                elif parent.tag == _qname("cac:PaymentMeans"):
                    child = _insert_in_order(parent, qname, PAYMENT_MEANS_ORDER)
                else:
                    child = etree.SubElement(parent, qname)
            parent = child
            if depth == len(path) - 1:
                parent.text = value
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
