"""Folio JSON: one document as JSON, every field named by its EN 16931 business term.

Folio writes Peppol BIS Billing 3.0 UBL from it (`folio.ingestion.ubl_writer`), and that UBL goes
through the same validation as any UBL sent to Folio. Amounts Folio computes itself from the
lines: each line's net amount is quantity x price (rounded half up to cents) unless given, the
VAT breakdown groups lines, document-level allowances (BG-20, subtracted) and charges (BG-21,
added) by (category, rate), and the totals follow from those (BR-CO-10 to BR-CO-16; BT-107 and
BT-108 are the sums of the allowances and of the charges). An allowance or charge gives its
amount, or its base amount and percentage (then amount = base x percentage / 100, rounded half
up to cents), and a reason or a reason code. A line may have its own allowances (BG-27) and
charges (BG-28) the same way; they change that line's net amount. The full description, with an
example, is docs/folio-json.md.

Minimal example::

    {"document_type": "invoice", "number": "INV-1", "issue_date": "2026-11-01",
     "due_date": "2026-11-15", "currency": "NOK", "buyer_reference": "Kari",
     "seller": {"name": "Nordlys AS", "vat_id": "NO123456785MVA",
                "legal_registration_id": {"value": "123456785", "scheme": "0192"},
                "electronic_address": {"value": "123456785", "scheme": "0192"},
                "address": {"city": "Oslo", "country_code": "NO"}},
     "buyer": {"name": "Buyercompany ASA", "electronic_address": {"value": "987654325",
               "scheme": "0192"}, "address": {"country_code": "NO"}},
     "payment": {"means_code": "30", "payment_id": "0010015", "account_id": "12345678903"},
     "lines": [{"item_name": "Power", "quantity": "100", "unit_code": "KWH",
                "price": "1.25", "vat_category": "S", "vat_rate": "25"}]}
"""

from __future__ import annotations

import base64
import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.utils.translation import gettext
from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_LINES = 10_000
MAX_ALLOWANCES_CHARGES = 100
CENT = Decimal("0.01")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class IdentifierIn(_Strict):
    value: str = Field(min_length=1, max_length=200)
    scheme: str | None = Field(None, max_length=10, description="ISO 6523 ICD or EAS code")


class AddressIn(_Strict):
    street: str | None = Field(None, max_length=200, title="BT-35 / BT-50")
    additional_street: str | None = Field(None, max_length=200, title="BT-36 / BT-51")
    city: str | None = Field(None, max_length=100, title="BT-37 / BT-52")
    postal_code: str | None = Field(None, max_length=20, title="BT-38 / BT-53")
    subdivision: str | None = Field(None, max_length=100, title="BT-39 / BT-54")
    country_code: str = Field(pattern=r"^[A-Z]{2}$", title="BT-40 / BT-55")


class ContactIn(_Strict):
    name: str | None = Field(None, max_length=200, title="BT-41 / BT-56")
    telephone: str | None = Field(None, max_length=50, title="BT-42 / BT-57")
    email: str | None = Field(None, max_length=200, title="BT-43 / BT-58")


class PartyIn(_Strict):
    """BG-4 Seller or BG-7 Buyer."""

    name: str = Field(min_length=1, max_length=200, title="BT-27 / BT-44 (legal name)")
    trading_name: str | None = Field(None, max_length=200, title="BT-28 / BT-45")
    identifier: IdentifierIn | None = Field(None, title="BT-29 / BT-46")
    legal_registration_id: IdentifierIn | None = Field(None, title="BT-30 / BT-47")
    vat_id: str | None = Field(None, max_length=40, title="BT-31 / BT-48")
    tax_registration_id: str | None = Field(
        None, max_length=60, title="BT-32 (seller only; e.g. Foretaksregisteret)"
    )
    electronic_address: IdentifierIn = Field(title="BT-34 / BT-49")
    address: AddressIn = Field(title="BG-5 / BG-8")
    contact: ContactIn | None = Field(None, title="BG-6 / BG-9")


class PaymentIn(_Strict):
    """BG-16 Payment instructions."""

    means_code: str = Field("30", max_length=4, title="BT-81")
    payment_id: str | None = Field(None, max_length=140, title="BT-83 (KID / OCR)")
    account_id: str | None = Field(None, max_length=40, title="BT-84 (IBAN or account)")
    account_name: str | None = Field(None, max_length=200, title="BT-85")
    service_provider_id: str | None = Field(None, max_length=20, title="BT-86 (BIC)")


class _AllowanceChargeTerms(_Strict):
    """What document- and line-level allowances and charges share: an amount, or a base amount
    with a percentage, and a reason or a reason code."""

    @model_validator(mode="after")
    def _complete(self):
        if (self.percentage is None) != (self.base_amount is None):
            # PEPPOL-EN16931-R041 / R042: one without the other cannot be checked.
            raise ValueError(gettext("Give the base amount and the percentage together."))
        if self.amount is None and self.percentage is None:
            raise ValueError(gettext("Give the amount, or the base amount and the percentage."))
        if not self.reason and not self.reason_code:
            # BR-33 / BR-38 (document level), BR-42 / BR-44 (line level)
            raise ValueError(gettext("Give a reason or a reason code."))
        return self

    @property
    def resolved_amount(self) -> Decimal:
        """The amount as written to UBL: given, else base x percentage / 100; in cents."""
        if self.amount is not None:
            amount = self.amount
        else:
            amount = self.base_amount * self.percentage / Decimal(100)
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class LineAllowanceChargeIn(_AllowanceChargeTerms):
    """BG-27 Invoice line allowance or BG-28 Invoice line charge (the list it is in says which):
    the allowance term first, the charge term second. It has the line's VAT category."""

    amount: Decimal | None = Field(
        None, title="BT-136 / BT-141 (default: base_amount x percentage / 100)"
    )
    base_amount: Decimal | None = Field(None, title="BT-137 / BT-142")
    percentage: Decimal | None = Field(None, title="BT-138 / BT-143 (e.g. 10 for 10 %)")
    reason: str | None = Field(None, max_length=300, title="BT-139 / BT-144")
    reason_code: str | None = Field(
        None, max_length=10, title="BT-140 (UNCL5189) / BT-145 (UNCL7161)"
    )


class LineIn(_Strict):
    """BG-25 Invoice line."""

    id: str | None = Field(None, max_length=50, title="BT-126 (default: the line's position)")
    note: str | None = Field(None, max_length=1000, title="BT-127")
    quantity: Decimal = Field(title="BT-129")
    unit_code: str = Field("EA", max_length=10, title="BT-130 (UN/ECE Rec 20)")
    net_amount: Decimal | None = Field(
        None, title="BT-131 (default: quantity x price + line charges - line allowances)"
    )
    order_line_reference: str | None = Field(None, max_length=50, title="BT-132")
    accounting_reference: str | None = Field(None, max_length=100, title="BT-133")
    price: Decimal = Field(title="BT-146 (net price)")
    item_name: str = Field(min_length=1, max_length=300, title="BT-153")
    description: str | None = Field(None, max_length=1000, title="BT-154")
    sellers_item_id: str | None = Field(None, max_length=100, title="BT-155")
    vat_category: str = Field("S", max_length=2, title="BT-151 (UNCL5305)")
    vat_rate: Decimal | None = Field(None, title="BT-152 (percent; none for category O)")
    vat_exemption_reason: str | None = Field(
        None, max_length=300, title="BT-120 for this line's VAT category (E, AE, K, G, O)"
    )
    allowances: list[LineAllowanceChargeIn] = Field(
        default_factory=list, max_length=MAX_ALLOWANCES_CHARGES, title="BG-27"
    )
    charges: list[LineAllowanceChargeIn] = Field(
        default_factory=list, max_length=MAX_ALLOWANCES_CHARGES, title="BG-28"
    )

    @property
    def resolved_net_amount(self) -> Decimal:
        """BT-131 as written: given, else quantity x price plus the line's charges minus its
        allowances (PEPPOL-EN16931-R120), rounded half up to cents."""
        if self.net_amount is not None:
            amount = self.net_amount
        else:
            amount = (
                self.quantity * self.price
                + sum((charge.resolved_amount for charge in self.charges), Decimal(0))
                - sum((allowance.resolved_amount for allowance in self.allowances), Decimal(0))
            )
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class AttachmentIn(_Strict):
    """BG-24 Additional supporting document, embedded."""

    id: str = Field(min_length=1, max_length=100, title="BT-122")
    description: str | None = Field(None, max_length=200, title="BT-123")
    filename: str = Field(min_length=1, max_length=200, title="BT-125 filename")
    mime_code: Literal[
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    ] = Field(title="BT-125 mimeCode")
    content_base64: str = Field(title="BT-125 (base64)")


class AllowanceChargeIn(_AllowanceChargeTerms):
    """BG-20 Document level allowance or BG-21 Document level charge (the list it is in says
    which): the allowance term first, the charge term second."""

    amount: Decimal | None = Field(
        None, title="BT-92 / BT-99 (default: base_amount x percentage / 100)"
    )
    base_amount: Decimal | None = Field(None, title="BT-93 / BT-100")
    percentage: Decimal | None = Field(None, title="BT-94 / BT-101 (e.g. 10 for 10 %)")
    vat_category: str = Field("S", max_length=2, title="BT-95 / BT-102 (UNCL5305)")
    vat_rate: Decimal | None = Field(None, title="BT-96 / BT-103 (percent; none for category O)")
    reason: str | None = Field(None, max_length=300, title="BT-97 / BT-104")
    reason_code: str | None = Field(
        None, max_length=10, title="BT-98 (UNCL5189) / BT-105 (UNCL7161)"
    )
    vat_exemption_reason: str | None = Field(
        None,
        max_length=300,
        title="BT-120 for this VAT category when no line has it (E, AE, K, G, O)",
    )


class FolioDocumentIn(_Strict):
    """A Folio JSON document: an EN 16931 invoice or credit note."""

    document_type: Literal["invoice", "credit_note"] = "invoice"
    type_code: str | None = Field(None, max_length=3, title="BT-3 (default 380 / 381)")
    number: str = Field(min_length=1, max_length=100, title="BT-1")
    issue_date: datetime.date = Field(title="BT-2")
    due_date: datetime.date | None = Field(None, title="BT-9")
    tax_point_date: datetime.date | None = Field(None, title="BT-7")
    currency: str = Field(pattern=r"^[A-Z]{3}$", title="BT-5")
    buyer_reference: str | None = Field(None, max_length=200, title="BT-10")
    project_reference: str | None = Field(None, max_length=200, title="BT-11")
    contract_reference: str | None = Field(None, max_length=200, title="BT-12")
    order_reference: str | None = Field(None, max_length=200, title="BT-13")
    sales_order_reference: str | None = Field(None, max_length=200, title="BT-14")
    accounting_reference: str | None = Field(None, max_length=200, title="BT-19")
    payment_terms: str | None = Field(None, max_length=1000, title="BT-20")
    notes: list[str] = Field(default_factory=list, max_length=20, title="BT-22")
    preceding_invoice_number: str | None = Field(None, max_length=100, title="BT-25")
    preceding_invoice_date: datetime.date | None = Field(None, title="BT-26")
    period_start: datetime.date | None = Field(None, title="BT-73")
    period_end: datetime.date | None = Field(None, title="BT-74")
    seller: PartyIn = Field(title="BG-4")
    buyer: PartyIn = Field(title="BG-7")
    delivery_date: datetime.date | None = Field(None, title="BT-72")
    payment: PaymentIn | None = Field(None, title="BG-16")
    allowances: list[AllowanceChargeIn] = Field(
        default_factory=list, max_length=MAX_ALLOWANCES_CHARGES, title="BG-20"
    )
    charges: list[AllowanceChargeIn] = Field(
        default_factory=list, max_length=MAX_ALLOWANCES_CHARGES, title="BG-21"
    )
    prepaid_amount: Decimal | None = Field(None, title="BT-113")
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20, title="BG-24")
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES, title="BG-25")


# --- from the EN 16931 model ------------------------------------------------------------------

ATTACHMENT_MIME_CODES = set(AttachmentIn.model_fields["mime_code"].annotation.__args__)


def _identifier_in(identifier) -> dict | None:
    if identifier is None or not identifier.value:
        return None
    return {"value": identifier.value, "scheme": identifier.scheme}


def _party_in(party, *, seller: bool) -> dict:
    address = party.address
    contact = party.contact
    return {
        "name": party.name or party.trading_name or "",
        "trading_name": party.trading_name if party.name else None,
        "identifier": _identifier_in(party.identifiers[0]) if party.identifiers else None,
        "legal_registration_id": _identifier_in(party.legal_registration_id),
        "vat_id": party.vat_id,
        "tax_registration_id": party.tax_registration_id if seller else None,
        "electronic_address": _identifier_in(party.electronic_address),
        "address": {
            "street": address.street,
            "additional_street": address.additional_street,
            "city": address.city,
            "postal_code": address.postal_code,
            "subdivision": address.subdivision,
            "country_code": address.country_code,
        }
        if address is not None
        else None,
        "contact": {"name": contact.name, "telephone": contact.telephone, "email": contact.email}
        if contact is not None
        else None,
    }


def _allowance_charge_in(item, exemption_reasons: dict) -> dict:
    return {
        "amount": item.amount,
        "base_amount": item.base_amount if item.percentage is not None else None,
        "percentage": item.percentage if item.base_amount is not None else None,
        "vat_category": item.vat_category or "S",
        "vat_rate": item.vat_rate,
        "reason": item.reason,
        "reason_code": item.reason_code,
        "vat_exemption_reason": exemption_reasons.get(item.vat_category),
    }


def _line_allowance_charge_in(item) -> dict:
    return {
        "amount": item.amount,
        "base_amount": item.base_amount if item.percentage is not None else None,
        "percentage": item.percentage if item.base_amount is not None else None,
        "reason": item.reason,
        "reason_code": item.reason_code,
    }


def document_from_model(invoice) -> FolioDocumentIn:
    """Folio JSON for an EN 16931 model (`folio.ingestion.en16931.Invoice`).

    What the format has no field for stays behind: price base quantities (the price becomes the
    price of one unit), a second VAT currency (BT-6, BT-111), rounding (BT-114), attachments
    given by URI only, and every payment instruction but the first. Raises pydantic's
    ValidationError when the model lacks what Folio JSON requires (a seller's electronic
    address, a line's price, ...).
    """
    exemption_reasons = {
        entry.category: entry.exemption_reason
        for entry in invoice.vat_breakdown
        if entry.exemption_reason
    }
    payment = invoice.payment_instructions[0] if invoice.payment_instructions else None
    preceding = invoice.preceding_invoices[0] if invoice.preceding_invoices else (None, None)
    lines = []
    for line in invoice.lines:
        price = line.price
        if price is not None and line.price_base_quantity:
            price = price / line.price_base_quantity
        lines.append(
            {
                "id": line.id,
                "note": line.note,
                "quantity": line.quantity,
                "unit_code": line.unit_code or "EA",
                "net_amount": line.net_amount,
                "order_line_reference": line.order_line_reference,
                "accounting_reference": line.accounting_reference,
                "price": price,
                "item_name": line.item_name,
                "description": line.item_description,
                "sellers_item_id": line.sellers_item_id,
                "vat_category": line.vat_category or "S",
                "vat_rate": line.vat_rate,
                "vat_exemption_reason": exemption_reasons.get(line.vat_category),
                "allowances": [
                    _line_allowance_charge_in(item)
                    for item in line.allowances_charges
                    if not item.is_charge
                ],
                "charges": [
                    _line_allowance_charge_in(item)
                    for item in line.allowances_charges
                    if item.is_charge
                ],
            }
        )
    document = {
        "document_type": "credit_note" if invoice.is_credit_note else "invoice",
        "type_code": invoice.type_code,
        "number": invoice.number,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "tax_point_date": invoice.tax_point_date,
        "currency": invoice.currency,
        "buyer_reference": invoice.buyer_reference,
        "project_reference": invoice.project_reference,
        "contract_reference": invoice.contract_reference,
        "order_reference": invoice.order_reference,
        "sales_order_reference": invoice.sales_order_reference,
        "accounting_reference": invoice.accounting_reference,
        "payment_terms": invoice.payment_terms,
        "notes": invoice.notes,
        "preceding_invoice_number": preceding[0] or None,
        "preceding_invoice_date": preceding[1],
        "period_start": invoice.period.start if invoice.period else None,
        "period_end": invoice.period.end if invoice.period else None,
        "seller": _party_in(invoice.seller, seller=True),
        "buyer": _party_in(invoice.buyer, seller=False),
        "delivery_date": invoice.delivery.date if invoice.delivery else None,
        "payment": {
            "means_code": payment.means_code or "30",
            "payment_id": payment.remittance_information,
            "account_id": payment.account_id,
            "account_name": payment.account_name,
            "service_provider_id": payment.service_provider_id,
        }
        if payment is not None
        else None,
        "allowances": [_allowance_charge_in(a, exemption_reasons) for a in invoice.allowances],
        "charges": [_allowance_charge_in(c, exemption_reasons) for c in invoice.charges],
        "prepaid_amount": invoice.totals.prepaid,
        "attachments": [
            {
                "id": attachment.id,
                "description": attachment.description,
                "filename": attachment.filename,
                "mime_code": attachment.mime_code,
                "content_base64": base64.b64encode(attachment.content).decode("ascii"),
            }
            for attachment in invoice.attachments
            if attachment.content is not None
            and attachment.id
            and attachment.filename
            and attachment.mime_code in ATTACHMENT_MIME_CODES
        ],
        "lines": lines,
    }
    return FolioDocumentIn.model_validate(document)
