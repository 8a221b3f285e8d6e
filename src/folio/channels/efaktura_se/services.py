"""What the Swedish e-faktura intermediary reports back: invoice status, registrations."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from folio.channels.base import TransportError
from folio.channels.efaktura_se.client import IntermediaryClient, intermediary_client
from folio.customers.models import ChannelCode
from folio.delivery.dispatch import document_move
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.services import delivery_transition
from folio.documents.models import DocumentStatus, PaymentStatus
from folio.documents.services import document_register_payment
from folio.registries.models import NordicAccount, Registration, RegistrationAction
from folio.registries.services import customer_match, nordic_account_for, registration_record
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)


def efaktura_se_status_poll(*, client: IntermediaryClient | None = None, limit=500) -> int:
    """Delivered to the bank -> DELIVERED; refused by the bank -> fallback; paid -> payment."""
    client = client or intermediary_client()
    actor = Actor.for_system("efaktura_se")
    changed = 0
    unpaid = [PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID]
    deliveries = (
        Delivery.objects.filter(channel=ChannelCode.EFAKTURA_SE)
        .filter(
            Q(status=DeliveryStatus.SENT)
            | Q(status=DeliveryStatus.DELIVERED, document__payment_status__in=unpaid)
        )
        .select_related("document__organization")[:limit]
    )
    for delivery in deliveries:
        sender_id = nordic_account_for(delivery.document.organization).efaktura_se_sender_id
        status = client.invoice_status(sender_id, delivery.external_reference)
        changed += invoice_status_apply(delivery=delivery, status=status, actor=actor)
    return changed


@transaction.atomic
def invoice_status_apply(*, delivery: Delivery, status: dict, actor: Actor) -> int:
    from folio.delivery.routing import delivery_fall_back

    locked = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    state = status.get("status", "")
    if state in ("DELIVERED", "PAID") and locked.status == DeliveryStatus.SENT:
        delivery_transition(
            delivery=locked,
            to_status=DeliveryStatus.DELIVERED,
            actor=actor,
            message=_("The payer's bank received the e-invoice."),
        )
        document_move(locked.document, DocumentStatus.DELIVERED, actor=actor, delivery=locked)
        changed = 1
    elif state == "REJECTED" and locked.status == DeliveryStatus.SENT:
        reason = _("The payer's bank refused the e-invoice: %(reason)s") % {
            "reason": status.get("reason", "-")
        }
        delivery_transition(
            delivery=locked, to_status=DeliveryStatus.FAILED, actor=actor, message=reason
        )
        delivery_fall_back(failed=locked, reason=reason, actor=actor)
        return 1
    else:
        changed = 0
    document = locked.document
    if state == "PAID" and document.amount_paid < document.amount_payable:
        document_register_payment(
            document=document,
            amount=document.amount_open,
            actor=actor,
            reference=str(status.get("paymentReference", "")),
            source=_("Paid in the internet bank (e-faktura)"),
        )
        changed = 1
    return changed


def efaktura_se_registrations_poll(*, client: IntermediaryClient | None = None) -> int:
    client = client or intermediary_client()
    actor = Actor.for_system("efaktura_se")
    applied = 0
    for account in NordicAccount.objects.exclude(efaktura_se_sender_id="").select_related(
        "organization"
    ):
        last = (
            Registration.objects.filter(
                organization=account.organization, channel=ChannelCode.EFAKTURA_SE
            )
            .order_by("-at", "-id")
            .values_list("external_id", flat=True)
            .first()
        )
        try:
            messages = client.registrations(account.efaktura_se_sender_id, after=last or "")
        except TransportError as exc:
            logger.warning("e-faktura registrations not reachable: %s", exc.message)
            continue
        for message in messages:
            ssn = str(message.get("ssn", ""))
            customer = customer_match(
                account.organization,
                customer_number=str(message.get("customerNumber", "")),
                national_id=ssn,
            ) or customer_match(account.organization, national_id=ssn[2:])
            registration = registration_record(
                organization=account.organization,
                channel=ChannelCode.EFAKTURA_SE,
                action=(
                    RegistrationAction.UNREGISTERED
                    if message.get("type") == "UNREGISTRATION"
                    else RegistrationAction.REGISTERED
                ),
                external_id=str(message["id"]),
                actor=actor,
                customer=customer,
                address=str(message.get("consumerId", "")),
                source=_("e-faktura registration in the payer's internet bank (%(bank)s)")
                % {"bank": message.get("bank", "")},
            )
            applied += registration is not None
    return applied
