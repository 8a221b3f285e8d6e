"""Folio JSON: one document as JSON, every field named by its EN 16931 business term.

Folio writes Peppol BIS Billing 3.0 UBL from it (`folio.ingestion.ubl_writer`), and that UBL goes
through the same validation as any UBL sent to Folio. Amounts Folio computes itself from the
lines: each line's net amount is quantity x price (rounded half up to cents) unless given, the
VAT breakdown groups lines by (category, rate), and the totals follow from those (BR-CO-10 to
BR-CO-16). Document-level allowances and charges (BG-20/BG-21) are not part of this format yet;
send UBL for those.

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

import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_LINES = 10_000


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


class LineIn(_Strict):
    """BG-25 Invoice line."""

    id: str | None = Field(None, max_length=50, title="BT-126 (default: the line's position)")
    note: str | None = Field(None, max_length=1000, title="BT-127")
    quantity: Decimal = Field(title="BT-129")
    unit_code: str = Field("EA", max_length=10, title="BT-130 (UN/ECE Rec 20)")
    net_amount: Decimal | None = Field(None, title="BT-131 (default: quantity x price)")
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
    prepaid_amount: Decimal | None = Field(None, title="BT-113")
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=20, title="BG-24")
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES, title="BG-25")
