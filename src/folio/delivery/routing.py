"""Routing: which channel a document goes out on, and why.

Order of precedence: a channel forced for the document (API `?channel=`), for the customer, or
for all of the sender's documents; then the customer's stated preference; then, among the
channels of the sender's fallback chain that the customer can be reached on (registries say
so), the cheapest by the sender's cost table. A forced or preferred channel that cannot reach
the customer gives way to the chain, and the reason says so.

The decision, the Delivery row and its dispatch job are written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from folio.channels.base import Reach
from folio.channels.registry import TRANSPORTS, transport_for
from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode, Customer
from folio.delivery.dispatch import dispatch_enqueue, document_move
from folio.delivery.models import Delivery
from folio.delivery.policies import fallback_chain_for, forced_channel_for, policy_for
from folio.delivery.services import delivery_create
from folio.documents.models import Document, DocumentStatus, DocumentType, EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import require_permission


class UnroutableError(ApplicationError):
    status = 422


@dataclass(frozen=True)
class RoutingDecision:
    channel: str
    reason: str
    address: str = ""
    cost: Decimal = Decimal("0")
    currency: str = "NOK"
    considered: list[dict] = field(default_factory=list)


def _reach(channel: str, customer: Customer) -> Reach:
    if channel not in TRANSPORTS:
        return Reach(channel=channel, available=False, reason=_("Folio cannot send this yet."))
    return transport_for(channel).reach(customer)


def _label(channel: str) -> str:
    try:
        return str(ChannelCode(channel).label)
    except ValueError:
        return channel


def routing_decide(
    *,
    organization: Organization,
    customer: Customer | None,
    document_type: str = DocumentType.INVOICE,
    forced_channel: str = "",
    exclude: frozenset[str] = frozenset(),
) -> RoutingDecision:
    """Pick the channel for one customer; writes nothing (the dry run uses this too)."""
    if customer is None:
        raise UnroutableError("no_recipient", _("The document has no recipient to route to."))
    policy = policy_for(organization)
    chain = [c for c in fallback_chain_for(organization, document_type) if c not in exclude]
    notes: list[str] = []

    def decided(reach: Reach, why: str, considered: list[dict] | None = None) -> RoutingDecision:
        # A channel may say why it reaches the customer (e.g. the customer's registration).
        extra = [str(reach.reason)] if reach.reason else []
        return RoutingDecision(
            channel=reach.channel,
            reason=" ".join([*notes, why, *extra]),
            address=reach.address,
            cost=reach.cost,
            currency=policy.cost_currency,
            considered=considered or [],
        )

    wanted: list[tuple[str, str]] = []
    if forced_channel:
        wanted.append((forced_channel, _("Forced for this document.")))
    else:
        forced, who = forced_channel_for(customer, policy)
        if forced:
            why = (
                _("Forced by the sender for this customer.")
                if who == "customer"
                else _("Forced by the sender for all documents.")
            )
            wanted.append((forced, why))
        elif customer.preferred_channel:
            wanted.append((customer.preferred_channel, _("The customer's stated preference.")))
    for channel, why in wanted:
        if channel in exclude:
            notes.append(_("%(channel)s was tried already.") % {"channel": _label(channel)})
            continue
        reach = _reach(channel, customer)
        if reach.available:
            return decided(reach, why)
        notes.append(
            _("%(why)s %(channel)s cannot reach the customer: %(reason)s")
            % {"why": why, "channel": _label(channel), "reason": reach.reason}
        )

    considered = []
    best: tuple[Decimal, int, Reach] | None = None
    for position, channel in enumerate(chain):
        reach = _reach(channel, customer)
        considered.append(
            {
                "channel": channel,
                "available": reach.available,
                "cost": str(reach.cost),
                "reason": str(reach.reason),
            }
        )
        if reach.available and (best is None or (reach.cost, position) < best[:2]):
            best = (reach.cost, position, reach)
    if best is None:
        raise UnroutableError(
            "unreachable",
            " ".join([*notes, _("No channel can reach this customer.")]),
            extra={"considered": considered},
        )
    reach = best[2]
    why = _("Cheapest channel that reaches the customer (%(cost)s %(currency)s).") % {
        "cost": reach.cost,
        "currency": policy.cost_currency,
    }
    return decided(reach, why, considered)


@transaction.atomic
def document_route(
    *, document: Document, actor: Actor, forced_channel: str = ""
) -> Delivery | None:
    """Choose a channel for an ACCEPTED document, create its delivery and queue the send.

    Idempotent: a document that already has a delivery, or is no longer ACCEPTED, is left alone.
    A document no channel can reach fails, with the reason as its event.
    """
    # Lock the document row only: PostgreSQL cannot lock the nullable side of the customer join.
    locked = (
        Document.objects.select_for_update(of=("self",))
        .select_related("customer", "organization")
        .get(pk=document.pk)
    )
    if locked.status != DocumentStatus.ACCEPTED or locked.deliveries.exists():
        return None
    try:
        decision = routing_decide(
            organization=locked.organization,
            customer=locked.customer,
            document_type=locked.type,
            forced_channel=forced_channel,
        )
    except UnroutableError as exc:
        document_move(locked, DocumentStatus.SENDING, actor=actor)
        document_move(locked, DocumentStatus.FAILED, actor=actor, reason=str(exc.message))
        return None
    delivery = delivery_create(
        document=locked,
        channel=decision.channel,
        actor=actor,
        reason=decision.reason,
        cost=decision.cost,
        cost_currency=decision.currency,
        address=decision.address,
    )
    document_move(locked, DocumentStatus.SENDING, actor=actor, delivery=delivery)
    dispatch_enqueue(delivery)
    return delivery


@transaction.atomic
def delivery_fall_back(
    *, failed: Delivery, reason: str, actor: Actor, channel: str = ""
) -> Delivery | None:
    """After a permanent failure: the next channel of the chain that reaches the customer.

    Channels already tried for this document are skipped. `channel` forces the next one (the
    Smartmail expiry forces print). When nothing is left, the document fails.
    """
    document = Document.objects.select_related("customer", "organization").get(
        pk=failed.document_id
    )
    tried = frozenset(document.deliveries.values_list("channel", flat=True))
    chain = fallback_chain_for(document.organization, document.type)
    if failed.channel in chain:
        # Only what comes after the failed channel: the chain is an order of preference.
        later = chain[chain.index(failed.channel) + 1 :]
        exclude = frozenset(tried | (set(chain) - set(later)))
    else:
        exclude = tried
    try:
        if channel:
            reach = _reach(channel, document.customer) if document.customer else None
            if reach is None or not reach.available:
                raise UnroutableError(
                    "unreachable", reach.reason if reach else _("No recipient."), extra={}
                )
            policy = policy_for(document.organization)
            decision = RoutingDecision(
                channel=channel,
                reason=reason,
                address=reach.address,
                cost=reach.cost,
                currency=policy.cost_currency,
            )
        else:
            decision = routing_decide(
                organization=document.organization,
                customer=document.customer,
                document_type=document.type,
                exclude=exclude,
            )
    except UnroutableError as exc:
        event_record(
            document=document,
            kind=EventKind.FAILED,
            actor=actor,
            message=_("No channel left to fall back to: %(reason)s") % {"reason": exc.message},
            delivery=failed,
        )
        document_move(document, DocumentStatus.FAILED, actor=actor, reason=reason)
        return None
    delivery = delivery_create(
        document=document,
        channel=decision.channel,
        actor=actor,
        reason=_("%(channel)s failed (%(error)s). %(why)s")
        % {"channel": _label(failed.channel), "error": reason, "why": decision.reason},
        cost=decision.cost,
        cost_currency=decision.currency,
        fallback_of=failed,
        address=decision.address,
    )
    document_move(document, DocumentStatus.SENDING, actor=actor, delivery=delivery)
    dispatch_enqueue(delivery)
    return delivery


@dataclass(frozen=True)
class DryRunRow:
    customer: Customer
    channel: str
    reason: str
    cost: Decimal
    considered: list[dict]


def routing_dry_run(
    *,
    organization: Organization,
    actor: Actor,
    document_type: str = DocumentType.INVOICE,
    customers: list[Customer] | None = None,
) -> list[DryRunRow]:
    """Which channel each customer of the sender would get now, and why. Writes nothing."""
    require_permission(actor, "view", organization)
    if customers is None:
        customers = list(organization.customers.filter(is_active=True).order_by("name"))
    rows = []
    for customer in customers:
        try:
            decision = routing_decide(
                organization=organization, customer=customer, document_type=document_type
            )
            rows.append(
                DryRunRow(
                    customer, decision.channel, decision.reason, decision.cost, decision.considered
                )
            )
        except UnroutableError as exc:
            rows.append(
                DryRunRow(
                    customer, "", str(exc.message), Decimal("0"), exc.extra.get("considered", [])
                )
            )
    return rows
