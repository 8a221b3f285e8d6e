"""Routing: which channel a document goes out on, and why.

The decision, the Delivery row and its dispatch job are written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode
from folio.delivery.models import Delivery
from folio.delivery.services import delivery_create
from folio.documents.models import Document, DocumentStatus
from folio.documents.services import document_transition
from folio.tenancy.actors import Actor


@dataclass(frozen=True)
class RoutingDecision:
    channel: str
    reason: str


def routing_decide(*, document: Document, forced_channel: str = "") -> RoutingDecision:
    """Forced channel first, then the customer's stated preference, then what the data allows."""
    if forced_channel:
        return RoutingDecision(ChannelCode(forced_channel), str(_("Forced for this document.")))
    customer = document.customer
    if customer is None:
        raise ApplicationError("no_recipient", _("The document has no recipient to route to."))
    if customer.preferred_channel:
        return RoutingDecision(customer.preferred_channel, str(_("The customer's preference.")))
    if customer.email:
        return RoutingDecision(ChannelCode.EMAIL, str(_("The customer has an e-mail address.")))
    return RoutingDecision(ChannelCode.PRINT, str(_("No electronic address; printed.")))


@transaction.atomic
def document_route(
    *, document: Document, actor: Actor, forced_channel: str = ""
) -> Delivery | None:
    """Choose a channel for an ACCEPTED document and create its first delivery.

    Idempotent: a document that already has a delivery, or is no longer ACCEPTED, is left alone.
    """
    locked = Document.objects.select_for_update().select_related("customer").get(pk=document.pk)
    if locked.status != DocumentStatus.ACCEPTED or locked.deliveries.exists():
        return None
    decision = routing_decide(document=locked, forced_channel=forced_channel)
    delivery = delivery_create(
        document=locked, channel=decision.channel, actor=actor, reason=decision.reason
    )
    document_transition(
        document=locked, to_status=DocumentStatus.SENDING, actor=actor, delivery=delivery
    )
    return delivery
