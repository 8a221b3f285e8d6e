"""Pydantic schemas of the API's answers. Ids are public codes; money is a decimal string."""

from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str
    message: str


class CustomerRefOut(Schema):
    id: UUID = Field(validation_alias="code")
    customer_number: str
    name: str


class DocumentLineOut(Schema):
    position: int
    line_id: str
    item_name: str
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    amount_net: Decimal
    vat_category: str
    vat_rate: Decimal


class DeliveryOut(Schema):
    id: UUID = Field(validation_alias="code")
    channel: str
    status: str
    cost: Decimal
    cost_currency: str
    external_reference: str
    attempt_count: int
    created_at: datetime.datetime
    status_changed_at: datetime.datetime | None


class DocumentOut(Schema):
    id: UUID = Field(validation_alias="code")
    organization: str = Field(validation_alias="organization.slug")
    customer: CustomerRefOut | None
    direction: str
    type: str
    number: str
    status: str
    status_reason: str
    payment_status: str
    issue_date: datetime.date
    due_date: datetime.date | None
    currency: str
    amount_net: Decimal
    amount_vat: Decimal
    amount_total: Decimal
    amount_payable: Decimal
    amount_paid: Decimal
    payment_reference: str
    buyer_reference: str
    order_reference: str
    counterparty_name: str
    channel: str
    first_viewed_at: datetime.datetime | None
    created_at: datetime.datetime
    status_changed_at: datetime.datetime | None


class DocumentDetailOut(DocumentOut):
    note: str
    lines: list[DocumentLineOut]
    deliveries: list[DeliveryOut]
    version: int
    validation: dict | None = Field(
        None, description="The validation report of the current version (ingested documents)"
    )

    @staticmethod
    def resolve_validation(obj) -> dict | None:
        current = obj.versions.filter(version=obj.version).first()
        return current.validation if current is not None else None


class DocumentPageOut(Schema):
    items: list[DocumentOut]
    count: int
    next: str | None


class DocumentEventOut(Schema):
    at: datetime.datetime
    kind: str
    from_status: str
    to_status: str
    message: str
    actor: str = Field(validation_alias="actor_label")
    channel: str
    delivery: UUID | None = Field(default=None, validation_alias="delivery.code")
    data: dict


class CustomerOut(Schema):
    id: UUID = Field(validation_alias="code")
    organization: str = Field(validation_alias="sender.slug")
    customer_number: str
    kind: str
    name: str
    address_line1: str
    address_line2: str
    postcode: str
    city: str
    country: str
    email: str
    phone: str
    language: str
    org_number: str
    vat_id: str
    peppol_id: str
    national_id: str = Field(validation_alias="national_id_masked")
    preferred_channel: str
    portal_access: bool
    is_active: bool
    created_at: datetime.datetime


class CustomerPageOut(Schema):
    items: list[CustomerOut]
    count: int
    next: str | None
