"""Reads of a sender's delivery settings: its policy, costs, fallback chains, forced channels.

A subsidiary without its own policy (or chain) follows the nearest organization above it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from folio.customers.models import ChannelCode, Customer
from folio.delivery.models import CustomerChannelOverride, DeliveryPolicy, FallbackChain
from folio.tenancy.models import Organization

# Used when neither the sender nor any organization above it has set a chain: electronic
# channels first, and paper as the last resort that reaches everybody with an address.
DEFAULT_FALLBACK_CHAIN: tuple[str, ...] = (
    ChannelCode.PEPPOL,
    ChannelCode.EFAKTURA_NO,
    ChannelCode.KIVRA_SE,
    ChannelCode.EFAKTURA_SE,
    ChannelCode.PORTAL,
    ChannelCode.EMAIL,
    ChannelCode.PRINT,
)


def _ancestor_ids(organization: Organization) -> list[int]:
    """The organization's id and those above it, nearest first (from the materialized path)."""
    return [int(part) for part in reversed(organization.path.strip("/").split("/")) if part]


def policy_for(organization: Organization) -> DeliveryPolicy:
    """The policy in force for a sender; an unsaved default when none is set anywhere above."""
    ids = _ancestor_ids(organization)
    policies = {
        p.organization_id: p for p in DeliveryPolicy.objects.filter(organization_id__in=ids)
    }
    for org_id in ids:
        if org_id in policies:
            return policies[org_id]
    return DeliveryPolicy(organization=organization)


def channel_cost(policy: DeliveryPolicy, channel: str, default: Decimal) -> Decimal:
    """The sender's price for one delivery over `channel`, else the channel's default price."""
    raw = (policy.cost_table or {}).get(channel)
    if raw is None or raw == "":
        return default
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return default


def fallback_chain_for(organization: Organization, document_type: str) -> list[str]:
    """The channel order for this sender and document type (type-specific beats general)."""
    ids = _ancestor_ids(organization)
    chains = FallbackChain.objects.filter(
        organization_id__in=ids, document_type__in=[document_type, ""]
    )
    ranked = sorted(chains, key=lambda c: (ids.index(c.organization_id), c.document_type == ""))
    if ranked:
        return list(ranked[0].channels)
    return list(DEFAULT_FALLBACK_CHAIN)


def forced_channel_for(customer: Customer | None, policy: DeliveryPolicy) -> tuple[str, str]:
    """(channel, why) when the sender forces a channel for this customer or for everyone."""
    if customer is not None:
        override = CustomerChannelOverride.objects.filter(customer=customer).first()
        if override is not None:
            return override.channel, "customer"
    if policy.forced_channel:
        return policy.forced_channel, "sender"
    return "", ""
