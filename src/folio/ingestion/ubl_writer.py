"""Writing Peppol BIS Billing 3.0 UBL from Folio JSON (and the small edits a resend makes)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from folio.ingestion.en16931 import NS
from folio.ingestion.json_format import (
    AddressIn,
    AllowanceChargeIn,
    FolioDocumentIn,
    LineAllowanceChargeIn,
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


# --- writing UBL -------------------------------------------------------------------------------
#
# The document is written as text, in document order, exactly as lxml serialises the tree this
# module used to build element by element (`etree.tostring(root, xml_declaration=True,
# encoding="UTF-8")`): building ~320 elements cost more than the rest of ingestion's JSON -> UBL
# step together. The escapes are libxml2's: in text & < > and CR; in attribute values also the
# double quote, LF and TAB (tests/ingestion/test_folio_json.py holds the bytes to what lxml
# writes for the parsed tree). What lxml refuses to put in a tree (control characters, U+FFFE,
# U+FFFF, lone surrogates) is refused here too, with the exceptions lxml raises. The pipeline
# still parses the result with the hardened parser: the validated tree is the parsed one.

_ROOT_NAMESPACES = f'xmlns:cac="{NS["cac"]}" xmlns:cbc="{NS["cbc"]}"'
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"
_INVOICE_START = f'<Invoice xmlns="{NS["inv"]}" {_ROOT_NAMESPACES}>'
_CREDIT_NOTE_START = f'<CreditNote xmlns="{NS["cn"]}" {_ROOT_NAMESPACES}>'
NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XML_MESSAGE = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


def _escape(text: str) -> str:
    """Character data as libxml2 writes it in UTF-8."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes in UTF-8."""
    value = _escape(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def _attribute(name: str, value: str | None) -> str:
    """` name="value"`, or nothing for None (the writer leaves out attributes it has no value
    for)."""
    if value is None:
        return ""
    return f' {name}="{_escape_attribute(value)}"'


def _leaf(tag: str, text: str, attributes: str = "") -> str:
    return f"<{tag}{attributes}>{_escape(text)}</{tag}>"


def _address(write, tag: str, address: AddressIn) -> None:
    write(f"<{tag}>")
    if address.street:
        write(_leaf("cbc:StreetName", address.street))
    if address.additional_street:
        write(_leaf("cbc:AdditionalStreetName", address.additional_street))
    if address.city:
        write(_leaf("cbc:CityName", address.city))
    if address.postal_code:
        write(_leaf("cbc:PostalZone", address.postal_code))
    if address.subdivision:
        write(_leaf("cbc:CountrySubentity", address.subdivision))
    write("<cac:Country>")
    write(_leaf("cbc:IdentificationCode", address.country_code))
    write(f"</cac:Country></{tag}>")


def _party(write, tag: str, party: PartyIn, *, seller: bool) -> None:
    write(f"<{tag}><cac:Party>")
    endpoint = party.electronic_address
    write(_leaf("cbc:EndpointID", endpoint.value, _attribute("schemeID", endpoint.scheme)))
    if party.identifier:
        identifier = party.identifier
        write("<cac:PartyIdentification>")
        write(_leaf("cbc:ID", identifier.value, _attribute("schemeID", identifier.scheme)))
        write("</cac:PartyIdentification>")
    if party.trading_name:
        write(f"<cac:PartyName>{_leaf('cbc:Name', party.trading_name)}</cac:PartyName>")
    _address(write, "cac:PostalAddress", party.address)
    if party.vat_id:
        write(f"<cac:PartyTaxScheme>{_leaf('cbc:CompanyID', party.vat_id)}")
        write("<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>")
    if seller and party.tax_registration_id:
        write(f"<cac:PartyTaxScheme>{_leaf('cbc:CompanyID', party.tax_registration_id)}")
        write("<cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>")
    write(f"<cac:PartyLegalEntity>{_leaf('cbc:RegistrationName', party.name)}")
    if party.legal_registration_id:
        legal = party.legal_registration_id
        write(_leaf("cbc:CompanyID", legal.value, _attribute("schemeID", legal.scheme)))
    write("</cac:PartyLegalEntity>")
    contact = party.contact
    if contact and any((contact.name, contact.telephone, contact.email)):
        write("<cac:Contact>")
        if contact.name:
            write(_leaf("cbc:Name", contact.name))
        if contact.telephone:
            write(_leaf("cbc:Telephone", contact.telephone))
        if contact.email:
            write(_leaf("cbc:ElectronicMail", contact.email))
        write("</cac:Contact>")
    write(f"</cac:Party></{tag}>")


def _tax_category(tag: str, category: str, rate: Decimal | None, reason=None) -> str:
    percent = (
        f"<cbc:Percent>{_fmt(rate)}</cbc:Percent>" if category != "O" and rate is not None else ""
    )
    exemption = _leaf("cbc:TaxExemptionReason", reason) if reason else ""
    return (
        f"<{tag}><cbc:ID>{_escape(category)}</cbc:ID>{percent}{exemption}"
        f"<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></{tag}>"
    )


def _rate(category: str, rate: Decimal | None) -> Decimal | None:
    """The VAT rate as written: none for category O (not subject to VAT), else 0 by default."""
    return None if category == "O" else (rate or Decimal("0"))


def _allowance_charge(
    write, item: AllowanceChargeIn | LineAllowanceChargeIn, *, is_charge: bool, currency: str
) -> None:
    """One cac:AllowanceCharge of BG-20 (is_charge False) or BG-21, or of a line's BG-27 or
    BG-28 (which have no VAT category of their own), children in schema order. `currency` is
    the currencyID attribute as written."""
    write("<cac:AllowanceCharge>")
    write(_leaf("cbc:ChargeIndicator", "true" if is_charge else "false"))
    if item.reason_code:
        write(_leaf("cbc:AllowanceChargeReasonCode", item.reason_code))
    if item.reason:
        write(_leaf("cbc:AllowanceChargeReason", item.reason))
    if item.percentage is not None:
        write(_leaf("cbc:MultiplierFactorNumeric", _fmt(item.percentage)))
    write(_leaf("cbc:Amount", f"{item.resolved_amount:f}", currency))
    if item.base_amount is not None:
        write(_leaf("cbc:BaseAmount", f"{money(item.base_amount):f}", currency))
    if isinstance(item, AllowanceChargeIn):
        rate = _rate(item.vat_category, item.vat_rate)
        write(_tax_category("cac:TaxCategory", item.vat_category, rate))
    write("</cac:AllowanceCharge>")


def ubl_from_json(document: FolioDocumentIn) -> bytes:
    """Peppol BIS Billing 3.0 UBL (Invoice or CreditNote) for a Folio JSON document."""
    credit = document.document_type == "credit_note"
    parts: list[str] = [_CREDIT_NOTE_START if credit else _INVOICE_START]
    write = parts.append
    currency = document.currency
    amount_currency = _attribute("currencyID", currency)
    write(_leaf("cbc:CustomizationID", CUSTOMIZATION_ID))
    write(_leaf("cbc:ProfileID", PROFILE_ID))
    write(_leaf("cbc:ID", document.number))
    write(_leaf("cbc:IssueDate", document.issue_date.isoformat()))
    if document.due_date and not credit:
        write(_leaf("cbc:DueDate", document.due_date.isoformat()))
    type_code = document.type_code or ("381" if credit else "380")
    if credit:
        if document.tax_point_date:
            write(_leaf("cbc:TaxPointDate", document.tax_point_date.isoformat()))
        write(_leaf("cbc:CreditNoteTypeCode", type_code))
        for note in document.notes:
            write(_leaf("cbc:Note", note))
    else:
        write(_leaf("cbc:InvoiceTypeCode", type_code))
        for note in document.notes:
            write(_leaf("cbc:Note", note))
        if document.tax_point_date:
            write(_leaf("cbc:TaxPointDate", document.tax_point_date.isoformat()))
    write(_leaf("cbc:DocumentCurrencyCode", currency))
    if document.accounting_reference:
        write(_leaf("cbc:AccountingCost", document.accounting_reference))
    if document.buyer_reference:
        write(_leaf("cbc:BuyerReference", document.buyer_reference))
    if document.period_start or document.period_end:
        write("<cac:InvoicePeriod>")
        if document.period_start:
            write(_leaf("cbc:StartDate", document.period_start.isoformat()))
        if document.period_end:
            write(_leaf("cbc:EndDate", document.period_end.isoformat()))
        write("</cac:InvoicePeriod>")
    if document.order_reference or document.sales_order_reference:
        write("<cac:OrderReference>")
        write(_leaf("cbc:ID", document.order_reference or "NA"))
        if document.sales_order_reference:
            write(_leaf("cbc:SalesOrderID", document.sales_order_reference))
        write("</cac:OrderReference>")
    if document.preceding_invoice_number:
        write("<cac:BillingReference><cac:InvoiceDocumentReference>")
        write(_leaf("cbc:ID", document.preceding_invoice_number))
        if document.preceding_invoice_date:
            write(_leaf("cbc:IssueDate", document.preceding_invoice_date.isoformat()))
        write("</cac:InvoiceDocumentReference></cac:BillingReference>")
    if document.contract_reference:
        write("<cac:ContractDocumentReference>")
        write(_leaf("cbc:ID", document.contract_reference))
        write("</cac:ContractDocumentReference>")
    if credit and document.project_reference:
        # A credit note has no ProjectReference; Peppol carries BT-11 as document type 50.
        write("<cac:AdditionalDocumentReference>")
        write(_leaf("cbc:ID", document.project_reference))
        write("<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>")
    for attachment in document.attachments:
        write("<cac:AdditionalDocumentReference>")
        write(_leaf("cbc:ID", attachment.id))
        if attachment.description:
            write(_leaf("cbc:DocumentDescription", attachment.description))
        write("<cac:Attachment>")
        write(
            _leaf(
                "cbc:EmbeddedDocumentBinaryObject",
                "".join(attachment.content_base64.split()),
                _attribute("mimeCode", attachment.mime_code)
                + _attribute("filename", attachment.filename),
            )
        )
        write("</cac:Attachment></cac:AdditionalDocumentReference>")
    if not credit and document.project_reference:
        write(f"<cac:ProjectReference>{_leaf('cbc:ID', document.project_reference)}")
        write("</cac:ProjectReference>")
    _party(write, "cac:AccountingSupplierParty", document.seller, seller=True)
    _party(write, "cac:AccountingCustomerParty", document.buyer, seller=False)
    if document.delivery_date:
        write("<cac:Delivery>")
        write(_leaf("cbc:ActualDeliveryDate", document.delivery_date.isoformat()))
        write("</cac:Delivery>")
    payment = document.payment
    if payment:
        write("<cac:PaymentMeans>")
        write(_leaf("cbc:PaymentMeansCode", payment.means_code))
        if credit and document.due_date:
            write(_leaf("cbc:PaymentDueDate", document.due_date.isoformat()))
        if payment.payment_id:
            write(_leaf("cbc:PaymentID", payment.payment_id))
        if payment.account_id:
            write("<cac:PayeeFinancialAccount>")
            write(_leaf("cbc:ID", payment.account_id))
            if payment.account_name:
                write(_leaf("cbc:Name", payment.account_name))
            if payment.service_provider_id:
                write("<cac:FinancialInstitutionBranch>")
                write(_leaf("cbc:ID", payment.service_provider_id))
                write("</cac:FinancialInstitutionBranch>")
            write("</cac:PayeeFinancialAccount>")
        write("</cac:PaymentMeans>")
    if document.payment_terms:
        write(f"<cac:PaymentTerms>{_leaf('cbc:Note', document.payment_terms)}</cac:PaymentTerms>")
    # BG-20 / BG-21, after the payment terms and before the tax total (schema order).
    document_allowances_charges = [(False, item) for item in document.allowances] + [
        (True, item) for item in document.charges
    ]
    for is_charge, item in document_allowances_charges:
        _allowance_charge(write, item, is_charge=is_charge, currency=amount_currency)

    # The totals and the VAT breakdown come from the lines.
    line_nets = [line.resolved_net_amount for line in document.lines]
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
    subtotals = []
    vat_total = Decimal("0")
    for (category, rate), taxable in groups.items():
        tax = money(taxable * (rate or Decimal("0")) / Decimal("100"))
        vat_total += tax
        subtotals.append("<cac:TaxSubtotal>")
        subtotals.append(_leaf("cbc:TaxableAmount", f"{money(taxable):f}", amount_currency))
        subtotals.append(_leaf("cbc:TaxAmount", f"{tax:f}", amount_currency))
        subtotals.append(
            _tax_category("cac:TaxCategory", category, rate, reasons.get((category, rate)))
        )
        subtotals.append("</cac:TaxSubtotal>")
    write("<cac:TaxTotal>")
    write(_leaf("cbc:TaxAmount", f"{money(vat_total):f}", amount_currency))
    parts.extend(subtotals)
    write("</cac:TaxTotal>")
    without_vat = money(line_total - allowance_total + charge_total)  # BT-109 (BR-CO-13)
    with_vat = money(without_vat + vat_total)
    write("<cac:LegalMonetaryTotal>")
    write(_leaf("cbc:LineExtensionAmount", f"{money(line_total):f}", amount_currency))
    write(_leaf("cbc:TaxExclusiveAmount", f"{without_vat:f}", amount_currency))
    write(_leaf("cbc:TaxInclusiveAmount", f"{with_vat:f}", amount_currency))
    if document.allowances:  # BT-107
        write(_leaf("cbc:AllowanceTotalAmount", f"{money(allowance_total):f}", amount_currency))
    if document.charges:  # BT-108
        write(_leaf("cbc:ChargeTotalAmount", f"{money(charge_total):f}", amount_currency))
    prepaid = money(document.prepaid_amount or Decimal("0"))
    if document.prepaid_amount is not None:
        write(_leaf("cbc:PrepaidAmount", f"{prepaid:f}", amount_currency))
    write(_leaf("cbc:PayableAmount", f"{money(with_vat - prepaid):f}", amount_currency))
    write("</cac:LegalMonetaryTotal>")

    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    quantity_tag = "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity"
    # Numbers as _fmt and format(..., "f") write them need no escaping.
    for position, (line, net) in enumerate(zip(document.lines, line_nets, strict=True), start=1):
        write(f"<{line_tag}><cbc:ID>{_escape(line.id or str(position))}</cbc:ID>")
        if line.note:
            write(_leaf("cbc:Note", line.note))
        write(
            f"<{quantity_tag}{_attribute('unitCode', line.unit_code)}>{_fmt(line.quantity)}"
            f"</{quantity_tag}><cbc:LineExtensionAmount{amount_currency}>{net:f}"
            "</cbc:LineExtensionAmount>"
        )
        if line.accounting_reference:
            write(_leaf("cbc:AccountingCost", line.accounting_reference))
        if line.order_line_reference:
            write("<cac:OrderLineReference>")
            write(_leaf("cbc:LineID", line.order_line_reference))
            write("</cac:OrderLineReference>")
        # BG-27 / BG-28: after the references, before the item; the line's VAT category holds.
        for is_charge, items in ((False, line.allowances), (True, line.charges)):
            for item in items:
                _allowance_charge(write, item, is_charge=is_charge, currency=amount_currency)
        write("<cac:Item>")
        if line.description:
            write(_leaf("cbc:Description", line.description))
        write(f"<cbc:Name>{_escape(line.item_name)}</cbc:Name>")
        if line.sellers_item_id:
            write("<cac:SellersItemIdentification>")
            write(_leaf("cbc:ID", line.sellers_item_id))
            write("</cac:SellersItemIdentification>")
        category = line.vat_category
        write(_tax_category("cac:ClassifiedTaxCategory", category, _rate(category, line.vat_rate)))
        write(
            f"</cac:Item><cac:Price><cbc:PriceAmount{amount_currency}>{_fmt(line.price)}"
            f"</cbc:PriceAmount></cac:Price></{line_tag}>"
        )
    write("</CreditNote>" if credit else "</Invoice>")
    text = "".join(parts)
    # Markup and ordinary text are printable; only then is the (slower) search needed.
    if not text.isprintable():
        refused = NOT_XML_CHARACTER.search(text)
        if refused is not None:
            if "\ud800" <= refused.group() <= "\udfff":
                text.encode("utf-8")  # raises UnicodeEncodeError, as lxml does
            raise ValueError(_NOT_XML_MESSAGE)
    return _DECLARATION + text.encode("utf-8")


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
