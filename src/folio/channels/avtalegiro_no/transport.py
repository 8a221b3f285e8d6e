"""AvtaleGiro (Norway): a direct debit claim in the day's Nets claim file.

Reach: the customer has an active mandate (from Nets' agreement files) with the sender.
Render: the claim, checked before anything is queued: NOK, an amount, a due date Nets accepts,
and a KID valid under the sender's agreement (MOD10/MOD11 and length); a bad KID is a permanent
error with the reason, so the document goes to the next channel and never reaches Nets.
Send: queue the claim (once per delivery); `avtalegiro_claims_submit` writes the file.
When the mandate asks for notification and the agreement leaves it to the sender, Folio
notifies the payer itself over another channel (see `folio.registries.tasks`).
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from folio.channels.avtalegiro_no.claims import claim_due_date_minimum
from folio.channels.avtalegiro_no.kid import kid_problem
from folio.channels.base import (
    ChannelFamily,
    Payload,
    Reach,
    SendResult,
    Transport,
    TransportError,
)
from folio.customers.models import Customer
from folio.delivery.models import Delivery
from folio.delivery.policies import channel_cost, policy_for
from folio.documents.models import PAYABLE_TYPES, Document
from folio.registries.models import (
    AvtaleGiroClaim,
    AvtaleGiroMandate,
    MandateStatus,
    NetsAgreement,
    PayerNotification,
)


def active_mandate(customer: Customer) -> AvtaleGiroMandate | None:
    return (
        AvtaleGiroMandate.objects.filter(
            customer=customer, organization=customer.sender, status=MandateStatus.ACTIVE
        )
        .order_by("-reported_at")
        .first()
    )


class AvtaleGiroTransport(Transport):
    code = "avtalegiro_no"
    family = ChannelFamily.FILE_BATCH
    artefact_suffix = ".json"
    default_cost = Decimal("1.20")

    def reach(self, customer: Customer) -> Reach:
        agreement = NetsAgreement.objects.filter(organization=customer.sender).first()
        if agreement is None:
            return self.unavailable(_("The sender has no AvtaleGiro agreement with Nets."))
        mandate = active_mandate(customer)
        if mandate is None:
            return self.unavailable(_("The customer has no AvtaleGiro mandate."))
        return Reach(
            channel=self.code,
            available=True,
            address=mandate.kid,
            cost=channel_cost(policy_for(customer.sender), self.code, self.default_cost),
            reason=_("AvtaleGiro mandate reported by Nets on %(date)s.")
            % {"date": mandate.reported_at.date().isoformat()},
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        agreement = NetsAgreement.objects.filter(organization=document.organization).first()
        if agreement is None:
            raise TransportError(_("The sender has no AvtaleGiro agreement."), permanent=True)
        if document.type not in PAYABLE_TYPES or document.amount_open <= 0:
            raise TransportError(_("AvtaleGiro carries payment claims only."), permanent=True)
        if document.currency != "NOK":
            raise TransportError(_("AvtaleGiro claims are in NOK only."), permanent=True)
        problem = kid_problem(
            document.payment_reference,
            algorithm=agreement.kid_algorithm,
            length=agreement.kid_length,
        )
        if problem:
            raise TransportError(
                _("Stopped before sending to Nets: %(problem)s") % {"problem": problem},
                permanent=True,
            )
        minimum = claim_due_date_minimum()
        if document.due_date is None or document.due_date < minimum:
            raise TransportError(
                _("Nets needs the due date on %(date)s or later for a claim sent today.")
                % {"date": minimum.isoformat()},
                permanent=True,
            )
        mandate = active_mandate(document.customer) if document.customer else None
        if mandate is None:
            raise TransportError(_("The AvtaleGiro mandate is no longer active."), permanent=True)
        notify_by_bank = mandate.notify and agreement.notification == PayerNotification.BANK
        metadata = {
            "mandate_id": mandate.pk,
            "kid": document.payment_reference,
            "amount": str(document.amount_open),
            "due_date": document.due_date.isoformat(),
            "bank_notification": notify_by_bank,
            "folio_notifies": mandate.notify and not notify_by_bank,
        }
        return Payload(
            content_type="application/json",
            body=json.dumps(metadata).encode(),
            recipient=mandate.kid,
            metadata=metadata,
        )

    @transaction.atomic
    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        """Queue the claim for the next file; the same delivery twice stays one claim."""
        import datetime

        metadata = payload.metadata
        claim, _created = AvtaleGiroClaim.objects.get_or_create(
            delivery=delivery,
            defaults={
                "document": delivery.document,
                "organization": delivery.document.organization,
                "mandate_id": metadata["mandate_id"],
                "kid": metadata["kid"],
                "amount": Decimal(metadata["amount"]),
                "due_date": datetime.date.fromisoformat(metadata["due_date"]),
                "bank_notification": metadata["bank_notification"],
            },
        )
        who = (
            _("the bank notifies the payer")
            if claim.bank_notification
            else (
                _("Folio notifies the payer")
                if metadata["folio_notifies"]
                else _("the payer asked for no notice")
            )
        )
        return SendResult(
            external_reference=delivery.message_key,
            response=_("Queued for the next AvtaleGiro claim file (%(who)s).") % {"who": who},
        )

    def on_sent(self, delivery: Delivery, result: SendResult) -> None:
        claim = AvtaleGiroClaim.objects.select_related("mandate").get(delivery=delivery)
        agreement = NetsAgreement.objects.get(organization_id=claim.organization_id)
        if claim.mandate.notify and agreement.notification == PayerNotification.FOLIO:
            from folio.registries.tasks import avtalegiro_notify_payer

            avtalegiro_notify_payer.enqueue(str(delivery.code))
