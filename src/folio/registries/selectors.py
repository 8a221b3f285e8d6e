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


@dataclass(frozen=True)
class StoredReach:
    """What Folio last heard from a registry about a customer on one channel (no lookup)."""

    channel: str
    label: str
    # "reachable", "blocked", "not_registered", "unknown" (never asked), "no_identifier", or
    # "no_invoices" (in Peppol, but not receiving BIS Billing 3.0 invoices)
    state: str
    address: str
    checked_at: datetime.datetime | None


def customer_reach_stored(customer: Customer) -> list[StoredReach]:
    """Each registry's stored answer for the customer, for pages: asks no registry."""
    from folio.channels.avtalegiro_no.transport import active_mandate
    from folio.channels.peppol.identifiers import InvalidParticipantError
    from folio.channels.peppol.transport import BILLING_INVOICE, customer_participant
    from folio.delivery.models import PeppolLookup

    labels = dict(ChannelCode.choices)
    entries = {entry.channel: entry for entry in RegistryEntry.objects.filter(customer=customer)}
    rows = []
    try:
        participant = customer_participant(customer)
    except InvalidParticipantError:
        participant = None
    lookup = None
    if participant is not None:
        lookup = PeppolLookup.objects.filter(participant_id=str(participant)).first()
    if participant is None:
        peppol_state = "no_identifier"
    elif lookup is None:
        peppol_state = "unknown"
    elif not lookup.registered:
        peppol_state = "not_registered"
    elif BILLING_INVOICE not in lookup.document_types:
        # What the channel's reach() refuses as well: routing does not pick Peppol then.
        peppol_state = "no_invoices"
    else:
        peppol_state = "reachable"
    rows.append(
        StoredReach(
            channel=ChannelCode.PEPPOL,
            label=str(labels[ChannelCode.PEPPOL]),
            state=peppol_state,
            address=str(participant) if participant else "",
            checked_at=lookup.checked_at if lookup else None,
        )
    )
    for channel in NORDIC_CHANNELS:
        if channel == ChannelCode.AVTALEGIRO_NO:
            mandate = active_mandate(customer)
            rows.append(
                StoredReach(
                    channel=channel,
                    label=str(labels[channel]),
                    state="reachable" if mandate else "not_registered",
                    address=mandate.kid if mandate else "",
                    checked_at=mandate.reported_at if mandate else None,
                )
            )
            continue
        entry = entries.get(channel)
        if entry is None:
            state = "unknown"
        elif entry.blocked:
            state = "blocked"
        else:
            state = "reachable" if entry.registered else "not_registered"
        rows.append(
            StoredReach(
                channel=channel,
                label=str(labels[channel]),
                state=state,
                address=entry.address if entry else "",
                checked_at=entry.checked_at if entry else None,
            )
        )
    return rows
