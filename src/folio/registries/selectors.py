"""Reads of registrations and registry answers, scoped to the acting user's organizations."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from folio.customers.models import ChannelCode, Customer
from folio.registries.models import Registration, RegistryEntry
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to

NORDIC_CHANNELS = (
    ChannelCode.EFAKTURA_NO,
    ChannelCode.AVTALEGIRO_NO,
    ChannelCode.KIVRA_SE,
    ChannelCode.EFAKTURA_SE,
)


def registrations_visible_to(
    actor: Actor, *, channel: str = "", since: datetime.datetime | None = None
) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(
        organization_id__in=organization_ids_visible_to(actor)
    ).select_related("customer", "organization")
    if channel:
        registrations = registrations.filter(channel=channel)
    if since is not None:
        registrations = registrations.filter(at__gte=since)
    return registrations.order_by("-at", "-id")


CSV_COLUMNS = (
    "at",
    "organization",
    "channel",
    "action",
    "customer_number",
    "customer_name",
    "address",
    "source",
    "message_id",
)


def _formula_safe(value: str) -> str:
    # A cell starting like a formula is shown as text by spreadsheets (OWASP CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def registrations_csv(registrations: QuerySet[Registration]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for registration in registrations.iterator(chunk_size=1000):
        customer = registration.customer
        writer.writerow(
            [
                _formula_safe(str(value))
                for value in (
                    registration.at.isoformat(),
                    registration.organization.slug,
                    registration.channel,
                    registration.action,
                    customer.customer_number if customer else "",
                    customer.name if customer else "",
                    registration.address,
                    registration.source,
                    registration.external_id,
                )
            ]
        )
    return buffer.getvalue()


@dataclass(frozen=True)
class ChannelReach:
    channel: str
    available: bool
    reason: str
    cost: Decimal
    address: str
    checked_at: datetime.datetime | None
    blocked: bool


def customer_reach(customer: Customer) -> list[ChannelReach]:
    """What each Nordic channel says about the customer now (asking a stale registry again)."""
    from folio.channels.registry import transport_for

    rows = []
    for channel in NORDIC_CHANNELS:
        reach = transport_for(channel).reach(customer)
        entry = RegistryEntry.objects.filter(customer=customer, channel=channel).first()
        rows.append(
            ChannelReach(
                channel=channel,
                available=reach.available,
                reason=str(reach.reason),
                cost=reach.cost,
                address=reach.address,
                checked_at=entry.checked_at if entry else None,
                blocked=entry.blocked if entry else False,
            )
        )
    return rows
