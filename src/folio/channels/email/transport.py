"""E-mail: the document as attachments, or a link only, over the operator's SMTP server."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from folio.channels.artefacts import document_pdf, document_source_xml
from folio.channels.base import ChannelFamily, Payload, Reach, SendResult, Transport
from folio.channels.email.messages import (
    bounce_address_for,
    message_build,
    message_context,
    message_id_for,
    render_parts,
)
from folio.channels.email.smtp import smtp_send
from folio.customers.models import ConsentKind, Customer
from folio.customers.selectors import consents_in_force
from folio.delivery.models import AttachmentMode, Delivery, DeliveryPolicy, MessagePurpose
from folio.delivery.policies import channel_cost, policy_for
from folio.delivery.services import delivery_link_create
from folio.documents.models import Document


class EmailTransport(Transport):
    code = "email"
    family = ChannelFamily.MESSAGE
    default_cost = Decimal("0.10")
    purpose = MessagePurpose.DOCUMENT
    artefact_kind = "email"
    artefact_suffix = ".eml"

    def reach(self, customer: Customer) -> Reach:
        if not customer.email:
            return self.unavailable(_("The customer has no e-mail address."))
        consent = consents_in_force(customer).get(ConsentKind.EMAIL_DELIVERY)
        if consent is not None and not consent.granted:
            return self.unavailable(_("The customer has withdrawn consent to e-mail."))
        policy = policy_for(customer.sender)
        return Reach(
            channel=self.code,
            available=True,
            address=customer.email,
            cost=channel_cost(policy, self.code, self.default_cost),
        )

    def attaches_files(self, delivery: Delivery, policy: DeliveryPolicy) -> bool:
        return policy.email_attachments == AttachmentMode.ATTACH

    def message_extras(self, delivery: Delivery, policy: DeliveryPolicy) -> dict:
        return {}

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        # Read once per message: the policy decides attachments, extras and Reply-To.
        policy = policy_for(document.organization)
        attached = self.attaches_files(delivery, policy)
        attachments = []
        if attached:
            attachments.append(document_pdf(document))
            xml = document_source_xml(document)
            if xml is not None:
                attachments.append(xml)
        open_url = delivery_link_create(delivery=delivery)
        context = message_context(
            document=document,
            open_url=open_url,
            attached=attached,
            **self.message_extras(delivery, policy),
        )
        subject, text, html = render_parts(document=document, purpose=self.purpose, context=context)
        recipient = delivery.address or (document.customer.email if document.customer else "")
        message = message_build(
            delivery=delivery,
            recipient=recipient,
            subject=subject,
            text=text,
            html=html,
            attachments=attachments,
            message_id=message_id_for(delivery),
            reply_to=policy.reply_to,
        )
        return Payload(
            content_type="message/rfc822",
            body=message.as_bytes(),
            recipient=recipient,
            attachments=attachments,
            headers={"Message-ID": message["Message-ID"], "Subject": subject},
        )

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        reply = smtp_send(
            envelope_from=bounce_address_for(delivery.message_key),
            recipient=payload.recipient,
            message=payload.body,
        )
        return SendResult(external_reference=payload.headers["Message-ID"], response=reply)
