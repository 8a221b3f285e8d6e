"""eFaktura (Norway): the invoice in the payer's online bank, through the submitter interface.

Reach: the receiver registry (by national id or eFaktura identifier) and the issuer's blocked
list, stored with the time asked and asked again when older than FOLIO_REGISTRY_MAX_AGE.
Right before sending, the blocked list is asked again: a consumer who blocked the issuer is
never sent eFaktura (a permanent error, so the document falls back to the next channel).
The payment type is AvtaleGiro when the payer has an active mandate (the combined type).
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.utils.translation import gettext as _

from folio.channels.avtalegiro_no.transport import active_mandate
from folio.channels.base import ChannelFamily, Payload, Reach, SendResult, Transport, TransportError
from folio.channels.efaktura_no.client import efaktura_client
from folio.channels.efaktura_no.details import details_url
from folio.customers.models import Customer
from folio.delivery.models import Delivery
from folio.delivery.policies import channel_cost, policy_for
from folio.documents.models import PAYABLE_TYPES, Document
from folio.registries.models import RegistryEntry
from folio.registries.services import (
    RegistryAnswer,
    nordic_account_for,
    registration_reason,
    registry_check,
)

PAYMENT_GIRO = "GIRO"
PAYMENT_AVTALEGIRO = "AVTALEGIRO"


def efaktura_answer(customer: Customer, issuer: str, client=None) -> RegistryAnswer:
    """Ask the receiver registry and the issuer's blocked list about one customer."""
    client = client or efaktura_client()
    entry = RegistryEntry.objects.filter(customer=customer, channel="efaktura_no").first()
    known_id = entry.address if entry else ""
    if not (customer.national_id or known_id):
        return RegistryAnswer(registered=False, detail={"why": "no identifier"})
    receiver = client.receiver_lookup(
        issuer, national_id=customer.national_id, efaktura_id=known_id
    )
    if not receiver.registered:
        return RegistryAnswer(registered=False)
    blocked = receiver.efaktura_id in client.blocked_list(issuer)
    return RegistryAnswer(
        registered=receiver.has_agreement,
        address=receiver.efaktura_id,
        blocked=blocked,
        detail={"registered_in_efaktura": True},
    )


class EfakturaTransport(Transport):
    code = "efaktura_no"
    family = ChannelFamily.NETWORK
    artefact_suffix = ".json"
    default_cost = Decimal("1.20")

    def _entry(self, customer: Customer, *, max_age=None) -> RegistryEntry:
        issuer = nordic_account_for(customer.sender).efaktura_issuer_id
        return registry_check(
            customer=customer,
            channel=self.code,
            lookup=lambda: efaktura_answer(customer, issuer),
            max_age=max_age,
        )

    def reach(self, customer: Customer) -> Reach:
        if customer.country != "NO":
            return self.unavailable(_("eFaktura reaches customers in Norway only."))
        if not nordic_account_for(customer.sender).efaktura_issuer_id:
            return self.unavailable(_("The sender is not an eFaktura issuer."))
        try:
            entry = self._entry(customer)
        except TransportError as exc:
            return self.unavailable(_("eFaktura did not answer: %s") % exc.message)
        if entry.blocked:
            return self.unavailable(_("The customer has blocked eFaktura from this sender."))
        if not entry.registered:
            return self.unavailable(_("The customer has no eFaktura agreement with the sender."))
        return Reach(
            channel=self.code,
            available=True,
            address=entry.address,
            cost=channel_cost(policy_for(customer.sender), self.code, self.default_cost),
            reason=registration_reason(entry),
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        if document.type not in PAYABLE_TYPES:
            raise TransportError(_("eFaktura carries invoices only."), permanent=True)
        if document.currency != "NOK":
            raise TransportError(_("eFaktura invoices are in NOK only."), permanent=True)
        customer = document.customer
        account = nordic_account_for(document.organization)
        mandate = active_mandate(customer) if customer else None
        invoice = {
            "invoiceNumber": document.number,
            "efakturaIdentifier": delivery.address,
            "issueDate": document.issue_date.isoformat(),
            "dueDate": (document.due_date or document.issue_date).isoformat(),
            "amount": str(document.amount_open),
            "currency": document.currency,
            "kid": document.payment_reference,
            "accountNumber": account.account_number,
            "issuerName": document.organization.name,
            "paymentType": PAYMENT_AVTALEGIRO if mandate else PAYMENT_GIRO,
            "detailsUrl": details_url(delivery),
        }
        return Payload(
            content_type="application/json",
            body=json.dumps(
                {"consignmentId": delivery.message_key, "invoices": [invoice]}
            ).encode(),
            recipient=delivery.address,
            metadata={"issuer": account.efaktura_issuer_id, "invoice": invoice},
        )

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        customer = delivery.document.customer
        # The blocked list right now, whatever the stored answer says.
        entry = self._entry(customer, max_age=datetime.timedelta(0))
        if entry.blocked or not entry.registered:
            raise TransportError(
                _("The customer has blocked eFaktura from this sender.")
                if entry.blocked
                else _("The customer's eFaktura agreement has ended."),
                permanent=True,
            )
        issuer = payload.metadata["issuer"]
        status = efaktura_client().consignment_add(
            issuer, delivery.message_key, [payload.metadata["invoice"]]
        )
        return SendResult(
            external_reference=delivery.message_key,
            response=_("eFaktura consignment %(status)s.") % {"status": status},
        )
