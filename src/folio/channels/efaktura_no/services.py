"""What eFaktura reports back: consignment status per delivery, and registrations."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from folio.channels.base import TransportError
from folio.channels.efaktura_no.client import EfakturaClient, efaktura_client
from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode
from folio.delivery.dispatch import document_move
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.services import delivery_transition
from folio.documents.models import DocumentStatus, EventKind
from folio.documents.services import event_record
from folio.registries.models import NordicAccount, Registration, RegistrationAction
from folio.registries.services import customer_match, nordic_account_for, registration_record
from folio.tenancy.actors import Actor
from folio.tenancy.services import require_permission

logger = logging.getLogger(__name__)


def efaktura_status_poll(*, client: EfakturaClient | None = None, limit: int = 500) -> int:
    """Ask for the status of sent consignments; processed -> delivered, rejected -> fallback."""
    client = client or efaktura_client()
    actor = Actor.for_system("efaktura")
    changed = 0
    deliveries = Delivery.objects.filter(
        channel=ChannelCode.EFAKTURA_NO, status=DeliveryStatus.SENT
    ).select_related("document__organization")[:limit]
    for delivery in deliveries:
        issuer = nordic_account_for(delivery.document.organization).efaktura_issuer_id
        status = client.consignment_status(issuer, delivery.message_key)
        if status.status in ("PROCESSED", "REJECTED"):
            changed += consignment_status_apply(delivery=delivery, status=status, actor=actor)
    return changed


@transaction.atomic
def consignment_status_apply(*, delivery: Delivery, status, actor: Actor) -> int:
    from folio.delivery.routing import delivery_fall_back

    locked = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    if locked.status != DeliveryStatus.SENT:
        return 0
    if status.status == "PROCESSED":
        delivery_transition(
            delivery=locked,
            to_status=DeliveryStatus.DELIVERED,
            actor=actor,
            message=_("eFaktura processed the consignment; the invoice is in the payer's bank."),
        )
        document_move(locked.document, DocumentStatus.DELIVERED, actor=actor, delivery=locked)
        return 1
    reasons = "; ".join(
        str(invoice.get("reason", "")) for invoice in status.invoices if invoice.get("reason")
    )
    reason = _("eFaktura rejected the consignment: %(reason)s") % {
        "reason": reasons or status.reason or "-"
    }
    delivery_transition(
        delivery=locked, to_status=DeliveryStatus.FAILED, actor=actor, message=reason
    )
    delivery_fall_back(failed=locked, reason=reason, actor=actor)
    return 1


def efaktura_registrations_poll(*, client: EfakturaClient | None = None) -> int:
    """Read new registrations and unregistrations for every issuer Folio sends for."""
    client = client or efaktura_client()
    actor = Actor.for_system("efaktura")
    applied = 0
    for account in NordicAccount.objects.exclude(efaktura_issuer_id="").select_related(
        "organization"
    ):
        last = (
            Registration.objects.filter(
                organization=account.organization, channel=ChannelCode.EFAKTURA_NO
            )
            .order_by("-at", "-id")
            .values_list("external_id", flat=True)
            .first()
        )
        try:
            messages = client.registrations(account.efaktura_issuer_id, after=last or "")
        except TransportError as exc:
            logger.warning("eFaktura registrations not reachable: %s", exc.message)
            continue
        for message in messages:
            customer = customer_match(
                account.organization,
                customer_number=str(message.get("customerNumber", "")),
                national_id=str(message.get("nationalId", "")),
            )
            registration = registration_record(
                organization=account.organization,
                channel=ChannelCode.EFAKTURA_NO,
                action=(
                    RegistrationAction.UNREGISTERED
                    if message.get("type") == "UNREGISTRATION"
                    else RegistrationAction.REGISTERED
                ),
                external_id=str(message["id"]),
                actor=actor,
                customer=customer,
                address=str(message.get("efakturaIdentifier", "")),
                source=_("eFaktura registration from the payer's online bank"),
            )
            applied += registration is not None
    return applied


def efaktura_invoice_cancel(
    *, delivery: Delivery, actor: Actor, client: EfakturaClient | None = None
) -> None:
    """Withdraw an invoice from the payer's online bank (before it is paid)."""

    document = delivery.document
    require_permission(actor, "send", document.organization)
    if delivery.channel != ChannelCode.EFAKTURA_NO or delivery.status not in (
        DeliveryStatus.SENT,
        DeliveryStatus.DELIVERED,
    ):
        raise ApplicationError(
            "not_cancellable", _("Only a sent eFaktura invoice can be withdrawn.")
        )
    issuer = nordic_account_for(document.organization).efaktura_issuer_id
    (client or efaktura_client()).invoice_cancel(issuer, delivery.message_key, document.number)
    event_record(
        document=document,
        kind=EventKind.CANCELLED,
        actor=actor,
        delivery=delivery,
        message=_("The eFaktura invoice was withdrawn from the payer's online bank."),
    )
