"""Writes about what the Nordic registries say: cached lookups and registration messages.

A registry answer is kept per customer and channel with the time it was asked
(`RegistryEntry.checked_at`); `registry_check` asks again when the answer is older than
FOLIO_REGISTRY_MAX_AGE (or when the caller insists, as channels do right before sending).
A registration message ("I would like the invoice here") updates the entry at once, so that the
customer's next document is routed by it, and is kept for the sender's export.
"""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from folio.customers.models import ChannelCode, Customer
from folio.registries.models import (
    NordicAccount,
    Registration,
    RegistrationAction,
    RegistryEntry,
)
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record

# Set while a user's "check now" runs: every registry_check asks the registry again, through
# the channels' own reach() (which knows each registry's identifiers and sender accounts).
_ASK_AGAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("ask_again", default=False)
# Older than any cache age: a stored Peppol lookup dated this is asked again.
_LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class RegistryAnswer:
    """What a registry said about one customer."""

    registered: bool
    address: str = ""
    blocked: bool = False
    detail: dict = field(default_factory=dict)


def registry_check(
    *,
    customer: Customer,
    channel: str,
    lookup: Callable[[], RegistryAnswer],
    max_age: datetime.timedelta | None = None,
    source: str = "lookup",
) -> RegistryEntry:
    """The stored answer when fresh enough, else ask `lookup()` and store its answer.

    `lookup` raises the channel's TransportError when the registry does not answer; the stored
    answer is then left as it was.
    """
    if max_age is None:
        max_age = datetime.timedelta(seconds=settings.FOLIO_REGISTRY_MAX_AGE)
    if _ASK_AGAIN.get():
        max_age = datetime.timedelta(0)
    entry = RegistryEntry.objects.filter(customer=customer, channel=channel).first()
    now = timezone.now()
    if entry is not None and now - entry.checked_at < max_age:
        return entry
    answer = lookup()
    return registry_store(customer=customer, channel=channel, answer=answer, source=source)


def registry_store(
    *, customer: Customer, channel: str, answer: RegistryAnswer, source: str
) -> RegistryEntry:
    defaults = {
        "registered": answer.registered,
        "blocked": answer.blocked,
        "address": answer.address[:100],
        "checked_at": timezone.now(),
        "source": source[:100],
        "detail": answer.detail,
    }
    try:
        with transaction.atomic():
            entry, _created = RegistryEntry.objects.update_or_create(
                customer=customer, channel=channel, defaults=defaults
            )
    except IntegrityError:
        # Two workers asked at once; the other stored first: store over it.
        entry = RegistryEntry.objects.get(customer=customer, channel=channel)
        for name, value in defaults.items():
            setattr(entry, name, value)
        entry.save(update_fields=[*defaults, "updated_at"])
    return entry


def _ancestor_ids(organization: Organization) -> list[int]:
    return [int(part) for part in reversed(organization.path.strip("/").split("/")) if part]


def nordic_account_for(organization: Organization) -> NordicAccount:
    """The sender's network ids; a subsidiary without its own uses the nearest one above."""
    ids = _ancestor_ids(organization)
    accounts = {a.organization_id: a for a in NordicAccount.objects.filter(organization_id__in=ids)}
    for org_id in ids:
        if org_id in accounts:
            return accounts[org_id]
    return NordicAccount(organization=organization)


def customer_match(
    organization: Organization,
    *,
    customer_number: str = "",
    national_id: str = "",
    org_number: str = "",
) -> Customer | None:
    """The sender's customer a network message is about (customer number first)."""
    customers = Customer.objects.filter(sender=organization, is_active=True)
    for name, value in (
        ("customer_number", customer_number),
        ("national_id", national_id),
        ("org_number", org_number),
    ):
        if value:
            found = customers.filter(**{name: value}).order_by("id").first()
            if found is not None:
                return found
    return None


# A registration in these networks is the customer saying where they want their invoices; an
# AvtaleGiro mandate is a way to pay, not a channel choice, so it leaves the preference alone.
PREFERENCE_CHANNELS = frozenset(
    {ChannelCode.EFAKTURA_NO, ChannelCode.KIVRA_SE, ChannelCode.EFAKTURA_SE}
)


def _preference_follow(*, customer: Customer, channel: str, action: str, actor: Actor) -> None:
    from folio.customers.services import customer_update

    if channel not in PREFERENCE_CHANNELS:
        return
    if action == RegistrationAction.REGISTERED:
        customer_update(actor=actor, customer=customer, preferred_channel=channel)
    elif customer.preferred_channel == channel:
        customer_update(actor=actor, customer=customer, preferred_channel="")


REGISTRATION_LABELS = {
    ChannelCode.EFAKTURA_NO: "eFaktura",
    ChannelCode.AVTALEGIRO_NO: "AvtaleGiro",
    ChannelCode.KIVRA_SE: "Kivra",
    ChannelCode.EFAKTURA_SE: "e-faktura",
}


def registration_reason(entry: RegistryEntry) -> str:
    """Why routing may use the channel, when a registration message made it so."""
    if not entry.registered or not entry.source.startswith("registration"):
        return ""
    return _("The customer registered for %(channel)s on %(date)s (%(source)s).") % {
        "channel": REGISTRATION_LABELS.get(entry.channel, entry.channel),
        "date": timezone.localdate(entry.checked_at).isoformat(),
        "source": entry.detail.get("message", entry.source),
    }


@transaction.atomic
def registration_record(
    *,
    organization: Organization,
    channel: str,
    action: str,
    external_id: str,
    actor: Actor,
    customer: Customer | None,
    at: datetime.datetime | None = None,
    address: str = "",
    source: str = "",
) -> Registration | None:
    """Apply one registration or unregistration message; the same message twice is one.

    The customer's registry entry switches at once, so the next document is routed by it.
    Returns None for a message seen before.
    """
    action = RegistrationAction(action)
    channel = ChannelCode(channel)
    if Registration.objects.filter(channel=channel, external_id=external_id).exists():
        return None
    registration = Registration.objects.create(
        organization=organization,
        customer=customer,
        channel=channel,
        action=action,
        at=at or timezone.now(),
        address=address[:100],
        external_id=external_id[:200],
        source=source[:200],
    )
    if customer is not None:
        registry_store(
            customer=customer,
            channel=channel,
            answer=RegistryAnswer(
                registered=action == RegistrationAction.REGISTERED,
                address=address,
                detail={"message": source, "registration": str(registration.code)},
            ),
            source=f"registration:{action}",
        )
        _preference_follow(customer=customer, channel=channel, action=action, actor=actor)
    audit_record(
        actor=actor,
        action=f"registration.{action}",
        organization=organization,
        obj=customer,
        detail={"channel": channel, "message": external_id, "source": source},
    )
    return registration


def customer_reach_check_now(*, customer: Customer, actor: Actor) -> int:
    """Ask every registry about the customer again (eFaktura receivers and blocked list, Kivra,
    Swedish bank e-faktura, the Peppol directory); returns how many answered. A registry that
    does not answer leaves its last answer (and its time) as it was."""
    from folio.channels.base import TransportError
    from folio.channels.peppol.directory import participant_lookup
    from folio.channels.peppol.identifiers import InvalidParticipantError
    from folio.channels.peppol.transport import customer_participant
    from folio.delivery.models import PeppolLookup
    from folio.registries.selectors import customer_reach
    from folio.tenancy.services import require_permission

    require_permission(actor, "manage_customers", customer.sender)
    started = timezone.now()
    token = _ASK_AGAIN.set(True)
    try:
        customer_reach(customer)
    finally:
        _ASK_AGAIN.reset(token)
    answered = RegistryEntry.objects.filter(customer=customer, checked_at__gte=started).count()
    try:
        participant = customer_participant(customer)
    except InvalidParticipantError:
        participant = None
    if participant is not None:
        # The Peppol channel's own lookup (and its cache row) asks the directory once its stored
        # answer is older than FOLIO_PEPPOL_LOOKUP_MAX_AGE: date the answer back so that it asks,
        # and put the time back when the directory does not answer.
        stored = PeppolLookup.objects.filter(participant_id=str(participant))
        last_checked = stored.values_list("checked_at", flat=True).first()
        stored.update(checked_at=_LONG_AGO)
        try:
            participant_lookup(participant)
        except TransportError:
            stored.update(checked_at=last_checked)
        else:
            answered += 1
    audit_record(
        actor=actor,
        action="customer.reach_checked",
        organization=customer.sender,
        obj=customer,
        detail={"answered": answered},
    )
    return answered
