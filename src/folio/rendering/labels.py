"""The words printed on documents, translated through Django's catalogues (rendering/locale)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

TITLES = {
    "invoice": _("Invoice"),
    "credit_note": _("Credit note"),
    "reminder": _("Reminder"),
    "quote": _("Quote"),
    "order_confirmation": _("Order confirmation"),
    "delivery_note": _("Delivery note"),
    "statement": _("Account statement"),
    "payment_request": _("Payment request"),
}

LABELS = {
    "number": _("Number"),
    "date": _("Date"),
    "due_date": _("Due date"),
    "valid_until": _("Valid until"),
    "delivery_date": _("Delivery date"),
    "customer_number": _("Customer number"),
    "buyer_reference": _("Your reference"),
    "order_reference": _("Your order"),
    "sales_order_reference": _("Our order"),
    "contract_reference": _("Contract"),
    "project_reference": _("Project"),
    "period": _("Period"),
    "payment_terms": _("Payment terms"),
    "preceding_invoice": _("Credits invoice"),
    "line_number": _("No."),
    "description": _("Description"),
    "quantity": _("Quantity"),
    "unit": _("Unit"),
    "unit_price": _("Unit price"),
    "vat": _("VAT"),
    "amount": _("Amount"),
    "item_number": _("Item no."),
    "document": _("Document"),
    "allowances_charges": _("Discounts and charges"),
    "allowance": _("Discount"),
    "charge": _("Charge"),
    "vat_breakdown": _("VAT breakdown"),
    "vat_rate": _("VAT rate"),
    "taxable_amount": _("Basis"),
    "vat_amount": _("VAT amount"),
    "line_total": _("Sum of lines"),
    "allowance_total": _("Discounts"),
    "charge_total": _("Charges"),
    "total_without_vat": _("Total excluding VAT"),
    "vat_total": _("Total VAT"),
    "total_with_vat": _("Total including VAT"),
    "prepaid": _("Paid in advance"),
    "rounding": _("Rounding"),
    "payable": _("Amount due"),
    "credited": _("Amount credited"),
    "balance": _("Balance due"),
    "quote_total": _("Quoted total"),
    "order_total": _("Order total"),
    "payment": _("Payment information"),
    "account": _("Account number"),
    "iban": _("IBAN"),
    "bic": _("BIC"),
    "kid": _("KID"),
    "payment_reference": _("Payment reference"),
    "pay_to": _("Pay to"),
    "scan_to_pay": _("Scan with your banking app"),
    "notes": _("Notes"),
    "seller": _("Seller"),
    "buyer": _("Buyer"),
    "delivery_address": _("Delivery address"),
    "org_number": _("Org. no."),
    "vat_number": _("VAT no."),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "continued": _("continued"),
    "page": _("Page"),
    "received_by": _("Received by (date and signature)"),
    "source": _("Received electronically; the attached XML is the original document."),
    "exemption": _("VAT exemption"),
    "attachments": _("Attachments"),
}

# Sentences per document type; placeholders are filled in by the presentation.
TEXTS = {
    "credit_note": _("Nothing to pay: this amount will be credited to your account."),
    "reminder": _(
        "According to our records the amount below is still unpaid. If you have paid in the "
        "last few days, please disregard this reminder."
    ),
    "quote": _("Thank you for your enquiry. This quote is valid until %(date)s."),
    "order_confirmation": _("Thank you for your order. We confirm the following."),
    "delivery_note": _("Please check the goods on arrival and report any difference at once."),
    "statement": _("Your account with us as of %(date)s."),
    "payment_request": _("Please pay the amount below by the due date."),
}

VAT_CATEGORIES = {
    "S": _("Standard rate"),
    "Z": _("Zero rated"),
    "E": _("Exempt from VAT"),
    "AE": _("Reverse charge"),
    "K": _("Intra-community supply"),
    "G": _("Export outside the EU"),
    "O": _("Outside the scope of VAT"),
    "L": _("Canary Islands tax"),
    "M": _("Ceuta and Melilla tax"),
}


def labels_for(language: str, document_type: str) -> dict[str, str]:
    """Every label in one language, plus the document's title."""
    with translation.override(language):
        labels = {key: str(value) for key, value in LABELS.items()}
        labels["title"] = str(TITLES.get(document_type, TITLES["invoice"]))
    return labels


def text_for(language: str, document_type: str, **params: str) -> str:
    template = TEXTS.get(document_type)
    if template is None:
        return ""
    with translation.override(language):
        return str(template) % params if params else str(template)


def vat_category_name(language: str, code: str | None) -> str:
    if not code or code not in VAT_CATEGORIES:
        return code or ""
    with translation.override(language):
        return str(VAT_CATEGORIES[code])
