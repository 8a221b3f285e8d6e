"""Print and post: a print-ready PDF per letter, queued for the day's batch to the partner."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from folio.channels.artefacts import document_pdf
from folio.channels.base import (
    ChannelFamily,
    Payload,
    Reach,
    SendResult,
    Transport,
    TransportError,
)
from folio.channels.print.postage import letter_cost, sheets_for
from folio.customers.models import Customer
from folio.delivery.models import Delivery, PrintItem, SmartmailStatus, SmartmailTracking
from folio.delivery.policies import channel_cost, policy_for
from folio.documents.models import Document


def address_lines(customer: Customer) -> list[str]:
    lines = [customer.name, customer.address_line1, customer.address_line2]
    lines.append(f"{customer.postcode} {customer.city}".strip())
    lines.append(customer.country)
    return [line for line in lines if line]


class PrintTransport(Transport):
    code = "print"
    family = ChannelFamily.FILE_BATCH
    artefact_kind = "pdf"
    artefact_suffix = ".pdf"

    def reach(self, customer: Customer) -> Reach:
        if not (customer.address_line1 and customer.postcode and customer.city):
            return self.unavailable(_("The customer has no complete postal address."))
        policy = policy_for(customer.sender)
        _postage, estimate = letter_cost(
            pages=1,
            duplex=policy.print_duplex,
            colour=policy.print_colour,
            postage_class=policy.postage_class,
            sender_country=customer.sender.country,
            country=customer.country,
        )
        return Reach(
            channel=self.code,
            available=True,
            address=", ".join(address_lines(customer)[1:]),
            cost=channel_cost(policy, self.code, estimate),
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        pdf = document_pdf(document)
        try:
            pages = len(PdfReader(io.BytesIO(pdf.content)).pages)
        except PdfReadError as exc:
            raise TransportError(_("The PDF cannot be read: %s") % exc, permanent=True) from exc
        return Payload(
            content_type="application/pdf",
            body=pdf.content,
            recipient=document.customer.name if document.customer else "",
            metadata={"pages": pages},
        )

    @transaction.atomic
    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        """Queue the letter; the same delivery queued twice stays one letter."""
        document = delivery.document
        customer = document.customer
        policy = policy_for(document.organization)
        pages = payload.metadata["pages"]
        postage, cost = letter_cost(
            pages=pages,
            duplex=policy.print_duplex,
            colour=policy.print_colour,
            postage_class=policy.postage_class,
            sender_country=document.organization.country,
            country=customer.country,
        )
        item = PrintItem.objects.filter(delivery=delivery).first()
        if item is None:
            item = PrintItem(
                delivery=delivery,
                pages=pages,
                sheets=sheets_for(pages, duplex=policy.print_duplex),
                duplex=policy.print_duplex,
                colour=policy.print_colour,
                postage_class=policy.postage_class,
                country=customer.country,
                postage=postage,
                recipient_name=customer.name,
                address_lines=address_lines(customer),
            )
            item.pdf.save(f"{delivery.message_key}.pdf", ContentFile(payload.body), save=False)
            item.save()
        return SendResult(
            external_reference=delivery.message_key,
            response=_("Queued for the next print batch (%(pages)s pages).") % {"pages": pages},
            cost=cost,
        )

    def on_sent(self, delivery: Delivery, result: SendResult) -> None:
        if delivery.fallback_of_id:
            SmartmailTracking.objects.filter(
                delivery_id=delivery.fallback_of_id, status=SmartmailStatus.EXPIRED
            ).update(status=SmartmailStatus.PRINTED)
