"""Peppol: the UBL document in an SBDH envelope, to the recipient's access point via ours."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.utils.translation import gettext as _

from folio.channels.artefacts import document_source_xml
from folio.channels.base import (
    ChannelFamily,
    Payload,
    Reach,
    Receipt,
    SendResult,
    Transport,
    TransportError,
)
from folio.channels.peppol.access_point import access_point
from folio.channels.peppol.directory import participant_lookup
from folio.channels.peppol.identifiers import InvalidParticipantError, participant_for
from folio.channels.peppol.sbdh import SbdhError, sbdh_build
from folio.customers.models import Customer
from folio.delivery.models import Delivery
from folio.delivery.policies import channel_cost, policy_for
from folio.documents.models import Document, DocumentType

# The Peppol BIS Billing 3.0 document types a receiver must support for each of our types.
BILLING_INVOICE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##"
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
BILLING_CREDIT_NOTE = (
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##"
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
# Folio's message key gives every delivery one stable envelope id, so resends are dropped.
INSTANCE_NAMESPACE = uuid.UUID("6f1c7d0e-3b0a-4a8e-9a53-6a1e0f6b2c11")


def instance_identifier_for(delivery: Delivery) -> str:
    return str(uuid.uuid5(INSTANCE_NAMESPACE, delivery.message_key))


def customer_participant(customer: Customer):
    return participant_for(
        peppol_id=customer.peppol_id,
        country=customer.country,
        org_number=customer.org_number,
        vat_id=customer.vat_id,
    )


class PeppolTransport(Transport):
    code = "peppol"
    family = ChannelFamily.NETWORK
    default_cost = Decimal("0.30")

    def reach(self, customer: Customer, document_type: str = DocumentType.INVOICE) -> Reach:
        try:
            participant = customer_participant(customer)
        except InvalidParticipantError as exc:
            return self.unavailable(str(exc.message))
        if participant is None:
            return self.unavailable(_("The customer has no Peppol participant id."))
        try:
            lookup = participant_lookup(participant)
        except TransportError as exc:
            return self.unavailable(_("The Peppol directory did not answer: %s") % exc.message)
        if not lookup.registered:
            return self.unavailable(_("%(id)s is not registered in Peppol.") % {"id": participant})
        if BILLING_INVOICE not in lookup.document_types:
            return self.unavailable(
                _("%(id)s does not receive Peppol BIS Billing 3.0 invoices.") % {"id": participant}
            )
        policy = policy_for(customer.sender)
        return Reach(
            channel=self.code,
            available=True,
            address=str(participant),
            cost=channel_cost(policy, self.code, self.default_cost),
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        source = document_source_xml(document)
        if source is None:
            raise TransportError(_("The document has no UBL source to send."), permanent=True)
        organization = document.organization
        try:
            sender = participant_for(
                peppol_id=organization.peppol_id,
                country=organization.country,
                org_number=organization.org_number,
                vat_id=organization.vat_id,
            )
        except InvalidParticipantError as exc:
            raise TransportError(str(exc.message), permanent=True) from exc
        if sender is None:
            raise TransportError(_("The sender has no Peppol participant id."), permanent=True)
        instance = instance_identifier_for(delivery)
        try:
            envelope = sbdh_build(
                payload=source.content,
                sender=str(sender),
                receiver=delivery.address,
                country_c1=organization.country,
                instance_identifier=instance,
            )
        except SbdhError as exc:
            raise TransportError(str(exc), permanent=True) from exc
        return Payload(
            content_type="application/xml",
            body=envelope,
            recipient=delivery.address,
            metadata={"instance_identifier": instance},
        )

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        instance = payload.metadata["instance_identifier"]
        response = access_point().submit(envelope=payload.body, instance_identifier=instance)
        return SendResult(external_reference=instance, response=response)

    def poll(self) -> list[Receipt]:
        from folio.channels.peppol.inbound import peppol_incoming_process

        return peppol_incoming_process()
