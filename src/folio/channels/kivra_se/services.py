"""Kivra registrations: who became (or stopped being) reachable in Kivra.

Kivra has no registration feed for consumers; a recipient who signs up (or opts out of a
tenant) shows in the user and company match. `kivra_matches_refresh` asks the match for every
Swedish customer of each Kivra tenant in one call per tenant and records each change as a
registration, so that the next document is routed by it and the sender can export it.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from folio.channels.kivra_se.client import kivra_client
from folio.channels.kivra_se.transport import kivra_identifier
from folio.customers.models import ChannelCode, Customer
from folio.registries.models import NordicAccount, RegistrationAction, RegistryEntry
from folio.registries.services import RegistryAnswer, registration_record, registry_store
from folio.tenancy.actors import Actor


def kivra_matches_refresh(*, actor: Actor | None = None) -> int:
    """Ask Kivra about every Swedish customer of every tenant; returns the changes recorded."""
    actor = actor or Actor.for_system("kivra")
    client = kivra_client()
    changes = 0
    for account in NordicAccount.objects.exclude(kivra_tenant_key="").select_related(
        "organization"
    ):
        customers = Customer.objects.filter(
            sender__path__startswith=account.organization.path, country="SE", is_active=True
        )
        by_field: dict[str, dict[str, Customer]] = {"ssn": {}, "vat_number": {}}
        for customer in customers:
            field, value = kivra_identifier(customer)
            if value:
                by_field[field][value] = customer
        matched = set()
        if by_field["ssn"]:
            matched |= client.user_match(account.kivra_tenant_key, list(by_field["ssn"]))
        if by_field["vat_number"]:
            matched |= client.company_match(account.kivra_tenant_key, list(by_field["vat_number"]))
        entries = {
            entry.customer_id: entry
            for entry in RegistryEntry.objects.filter(
                channel=ChannelCode.KIVRA_SE, customer__in=customers
            )
        }
        today = timezone.localdate().isoformat()
        for value, customer in {**by_field["ssn"], **by_field["vat_number"]}.items():
            now_registered = value in matched
            entry = entries.get(customer.pk)
            if entry is not None and entry.registered == now_registered:
                registry_store(
                    customer=customer,
                    channel=ChannelCode.KIVRA_SE,
                    answer=RegistryAnswer(
                        registered=now_registered, address=value, detail=entry.detail
                    ),
                    source=entry.source,
                )
                continue
            if entry is None and not now_registered:
                registry_store(
                    customer=customer,
                    channel=ChannelCode.KIVRA_SE,
                    answer=RegistryAnswer(registered=False, address=value),
                    source="lookup",
                )
                continue
            action = (
                RegistrationAction.REGISTERED if now_registered else RegistrationAction.UNREGISTERED
            )
            recorded = registration_record(
                organization=customer.sender,
                channel=ChannelCode.KIVRA_SE,
                action=action,
                external_id=f"match:{account.kivra_tenant_key}:{value}:{today}:{action}",
                actor=actor,
                customer=customer,
                address=value,
                source=_("Kivra match: the recipient signed up for Kivra")
                if now_registered
                else _("Kivra match: the recipient left Kivra or opted out"),
            )
            changes += recorded is not None
    return changes
