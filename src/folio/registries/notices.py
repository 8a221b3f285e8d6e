"""The AvtaleGiro payer notice when Folio, not the bank, must notify the payer.

Nets requires that a payer who asked to be notified learns the amount and due date before
the debit. When the sender's agreement leaves that to the sender, Folio sends the document
itself as the notice over eFaktura (the combined AvtaleGiro payment type), e-mail or post,
whichever reaches the customer first in that order.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from folio.channels.registry import transport_for
from folio.customers.models import ChannelCode
from folio.delivery.dispatch import dispatch_enqueue, document_move
from folio.delivery.models import Delivery
from folio.delivery.services import delivery_create
from folio.documents.models import DocumentStatus, EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor

NOTICE_CHANNELS = (ChannelCode.EFAKTURA_NO, ChannelCode.EMAIL, ChannelCode.PRINT)


def avtalegiro_notice_send(*, delivery_code: str, actor: Actor | None = None) -> Delivery | None:
    """Create and queue the notice for an AvtaleGiro delivery; once per claim."""
    actor = actor or Actor.for_system("avtalegiro")
    claim_delivery = (
        Delivery.objects.select_related("document__customer", "document__organization")
        .filter(code=delivery_code, channel=ChannelCode.AVTALEGIRO_NO)
        .first()
    )
    if claim_delivery is None or claim_delivery.document.customer is None:
        return None
    document = claim_delivery.document
    # Reach is asked outside the transaction: it may ask a registry over the network.
    reaches = [transport_for(channel).reach(document.customer) for channel in NOTICE_CHANNELS]
    with transaction.atomic():
        if Delivery.objects.filter(
            document=document,
            channel__in=NOTICE_CHANNELS,
            created_at__gte=claim_delivery.created_at,
        ).exists():
            return None
        reach = next((reach for reach in reaches if reach.available), None)
        if reach is None:
            event_record(
                document=document,
                kind=EventKind.FAILED,
                actor=actor,
                delivery=claim_delivery,
                message=_("The AvtaleGiro payer notice cannot reach the customer on any channel."),
            )
            return None
        notice = delivery_create(
            document=document,
            channel=reach.channel,
            actor=actor,
            reason=_(
                "AvtaleGiro payer notice: %(amount)s %(currency)s will be debited on %(date)s "
                "(the payer asked to be notified; the sender notifies, not the bank)."
            )
            % {
                "amount": document.amount_open,
                "currency": document.currency,
                "date": document.due_date,
            },
            cost=reach.cost,
            address=reach.address,
        )
        document_move(document, DocumentStatus.SENDING, actor=actor, delivery=notice)
        dispatch_enqueue(notice)
    return notice
