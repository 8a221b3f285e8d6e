"""Bank e-faktura (Sweden): the invoice in the payer's internet bank, via an intermediary.

Same shape as eFaktura in Norway: the consumer's agreement with the sender (stored, re-checked
when older than FOLIO_REGISTRY_MAX_AGE and right before sending), the invoice with Bankgiro and
OCR reference, and the intermediary's status read back by `efaktura_se_status_poll`.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.utils.translation import gettext as _

from folio.channels.base import ChannelFamily, Payload, Reach, SendResult, Transport, TransportError
from folio.channels.efaktura_se.client import intermediary_client
from folio.channels.kivra_se.transport import kivra_ssn, ocr_reference
from folio.customers.models import Customer, CustomerKind
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


def efaktura_se_answer(customer: Customer, sender_id: str) -> RegistryAnswer:
    ssn = kivra_ssn(customer.national_id)
    if not ssn:
        return RegistryAnswer(registered=False, detail={"why": "no identifier"})
    found = intermediary_client().consumer_lookup(sender_id, ssn)
    if not found:
        return RegistryAnswer(registered=False)
    return RegistryAnswer(
        registered=bool(found.get("agreement")),
        address=str(found.get("consumerId") or ssn),
        detail={"bank": found.get("bank", "")},
    )


class BankEfakturaTransport(Transport):
    code = "efaktura_se"
    family = ChannelFamily.NETWORK
    artefact_suffix = ".json"
    default_cost = Decimal("1.50")

    def _entry(self, customer: Customer, *, max_age=None) -> RegistryEntry:
        sender_id = nordic_account_for(customer.sender).efaktura_se_sender_id
        return registry_check(
            customer=customer,
            channel=self.code,
            lookup=lambda: efaktura_se_answer(customer, sender_id),
            max_age=max_age,
        )

    def reach(self, customer: Customer) -> Reach:
        if customer.country != "SE" or customer.kind != CustomerKind.PERSON:
            return self.unavailable(_("Bank e-faktura reaches consumers in Sweden only."))
        if not nordic_account_for(customer.sender).efaktura_se_sender_id:
            return self.unavailable(_("The sender has no e-faktura sender agreement."))
        try:
            entry = self._entry(customer)
        except TransportError as exc:
            return self.unavailable(
                _("The e-faktura intermediary did not answer: %s") % exc.message
            )
        if not entry.registered:
            return self.unavailable(_("The customer has no e-faktura agreement with the sender."))
        return Reach(
            channel=self.code,
            available=True,
            address=entry.address,
            cost=channel_cost(policy_for(customer.sender), self.code, self.default_cost),
            reason=registration_reason(entry),
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        if document.type not in PAYABLE_TYPES or document.currency != "SEK":
            raise TransportError(_("Bank e-faktura carries SEK invoices only."), permanent=True)
        account = nordic_account_for(document.organization)
        if not account.bankgiro:
            raise TransportError(_("The sender has no Bankgiro number."), permanent=True)
        reference_type, reference = ocr_reference(document)
        invoice = {
            "messageKey": delivery.message_key,
            "consumerId": delivery.address,
            "invoiceNumber": document.number,
            "issueDate": document.issue_date.isoformat(),
            "dueDate": (document.due_date or document.issue_date).isoformat(),
            "amount": str(document.amount_open),
            "currency": "SEK",
            "bankgiro": account.bankgiro,
            "referenceType": reference_type,
            "reference": reference,
            "senderName": document.organization.name,
        }
        return Payload(
            content_type="application/json",
            body=json.dumps(invoice).encode(),
            recipient=delivery.address,
            metadata={"sender_id": account.efaktura_se_sender_id, "invoice": invoice},
        )

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        entry = self._entry(delivery.document.customer, max_age=datetime.timedelta(0))
        if not entry.registered:
            raise TransportError(_("The customer's e-faktura agreement has ended."), permanent=True)
        invoice_id = intermediary_client().invoice_send(
            payload.metadata["sender_id"], payload.metadata["invoice"]
        )
        return SendResult(
            external_reference=invoice_id,
            response=_("Handed to the e-faktura intermediary (%(id)s).") % {"id": invoice_id},
        )
