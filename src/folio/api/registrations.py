"""Nordic registrations and reach: who registered for which channel, and what each registry
says about a customer. The export is for the sender's accounting system (JSON pages or CSV)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from folio.api.auth import request_actor
from folio.api.pagination import PageParams, paginate
from folio.api.schemas import ErrorOut
from folio.customers.selectors import customer_get_for_actor
from folio.registries.selectors import (
    NORDIC_CHANNELS,
    customer_reach,
    registrations_csv,
    registrations_visible_to,
)

router = Router(tags=["registrations"])

CHANNEL_PATTERN = "^(" + "|".join(str(channel) for channel in NORDIC_CHANNELS) + ")?$"


class RegistrationFilters(Schema):
    channel: str = Field("", pattern=CHANNEL_PATTERN, description="efaktura_no, kivra_se, ...")
    since: datetime.datetime | None = Field(None, description="Only registrations from then on")


class RegistrationOut(Schema):
    id: UUID = Field(alias="code")
    at: datetime.datetime
    channel: str
    action: str
    customer_id: UUID | None = None
    customer_number: str = ""
    customer_name: str = ""
    address: str
    source: str
    message_id: str = Field(alias="external_id")

    @staticmethod
    def resolve_customer_id(registration) -> UUID | None:
        return registration.customer.code if registration.customer else None

    @staticmethod
    def resolve_customer_number(registration) -> str:
        return registration.customer.customer_number if registration.customer else ""

    @staticmethod
    def resolve_customer_name(registration) -> str:
        return registration.customer.name if registration.customer else ""


class RegistrationPageOut(Schema):
    items: list[RegistrationOut]
    count: int
    next: str | None


class ReachOut(Schema):
    channel: str
    available: bool
    reason: str
    cost: Decimal
    address: str
    checked_at: datetime.datetime | None
    blocked: bool


def _filtered(request: HttpRequest, filters: RegistrationFilters):
    return registrations_visible_to(
        request_actor(request), channel=filters.channel, since=filters.since
    )


@router.get(
    "/registrations",
    response={200: RegistrationPageOut},
    summary="List registrations and unregistrations (eFaktura, AvtaleGiro, Kivra, e-faktura)",
)
def list_registrations(
    request: HttpRequest, filters: Query[RegistrationFilters], page: Query[PageParams]
):
    return paginate(request, _filtered(request, filters), page)


@router.get(
    "/registrations/export.csv",
    response={200: None},
    summary="Export registrations as CSV",
)
def export_registrations(request: HttpRequest, filters: Query[RegistrationFilters]):
    response = HttpResponse(
        registrations_csv(_filtered(request, filters)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
    return response


@router.get(
    "/customers/{uuid:id}/reach",
    response={200: list[ReachOut], 404: ErrorOut},
    summary="What the Nordic registries say about one customer",
)
def get_customer_reach(request: HttpRequest, id: UUID):
    customer = customer_get_for_actor(request_actor(request), code=id)
    return customer_reach(customer)
