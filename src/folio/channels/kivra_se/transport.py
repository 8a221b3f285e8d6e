"""Kivra (Sweden): the document in the recipient's digital mailbox, with payment options.

Reach: Kivra's user match (consumers, by personal identity number) or company match
(businesses, by VAT number), stored with the time asked and asked again when older than
FOLIO_REGISTRY_MAX_AGE. Content: the PDF with an HTML responsive part, and for invoices
`payment_multiple_options` with the sender's Bankgiro (or Plusgiro) and a Swedish OCR
reference with its check digits. Kivra answers 201 with the content key: delivered.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from folio.channels.artefacts import document_pdf, document_summary_html
from folio.channels.base import ChannelFamily, Payload, Reach, SendResult, Transport, TransportError
from folio.channels.kivra_se.client import kivra_client
from folio.channels.kivra_se.ocr import se_ocr_build, se_ocr_valid
from folio.customers.models import Customer, CustomerKind
from folio.delivery.models import Delivery
from folio.delivery.policies import channel_cost, policy_for
from folio.documents.models import PAYABLE_TYPES, Document, DocumentType
from folio.registries.models import RegistryEntry
from folio.registries.services import (
    RegistryAnswer,
    nordic_account_for,
    registration_reason,
    registry_check,
)


def kivra_ssn(national_id: str) -> str:
    """A Swedish personal identity number as Kivra wants it: YYYYMMDDnnnn."""
    digits = "".join(ch for ch in national_id if ch.isdigit())
    if len(digits) == 12:
        return digits
    if len(digits) != 10:
        return ""
    year = int(digits[:2])
    this_year = timezone.localdate().year % 100
    # "+" marks a person of 100 years or more; otherwise the nearest century in the past.
    century = "19" if "+" in national_id or year > this_year else "20"
    return century + digits


def kivra_vat_number(customer: Customer) -> str:
    vat = customer.vat_id.replace(" ", "").upper()
    if vat.startswith("SE") and len(vat) == 14:
        return vat
    digits = "".join(ch for ch in customer.org_number if ch.isdigit())
    return f"SE{digits}01" if len(digits) == 10 else ""


def kivra_identifier(customer: Customer) -> tuple[str, str]:
    """("ssn" or "vat_number", value) for the customer; value "" when there is none."""
    if customer.kind == CustomerKind.BUSINESS:
        return "vat_number", kivra_vat_number(customer)
    return "ssn", kivra_ssn(customer.national_id)


def kivra_answer(customer: Customer, tenant_key: str) -> RegistryAnswer:
    field, value = kivra_identifier(customer)
    if not value:
        return RegistryAnswer(registered=False, detail={"why": "no identifier"})
    client = kivra_client()
    if field == "ssn":
        matched = value in client.user_match(tenant_key, [value])
    else:
        matched = value in client.company_match(tenant_key, [value])
    return RegistryAnswer(registered=matched, address=value)


def ocr_reference(document: Document) -> tuple[str, str]:
    """(type, reference): the document's OCR when valid, else one built from its number."""
    if se_ocr_valid(document.payment_reference):
        return "SE_OCR", document.payment_reference
    digits = "".join(ch for ch in document.number if ch.isdigit())
    if digits and len(digits) <= 23:
        return "SE_OCR", se_ocr_build(digits)
    return "TENANT_REF", document.number[:25]


def kivra_content(document: Document, *, address: str, account) -> dict:
    """The content payload (Content_user_v2 or Content_company of Kivra's spec)."""
    customer = document.customer
    field = "vat_number" if customer.kind == CustomerKind.BUSINESS else "ssn"
    pdf = document_pdf(document)
    html = document_summary_html(document, language=customer.language)
    content: dict = {
        field: address,
        "subject": _("%(type)s %(number)s")
        % {
            "type": document.get_type_display(),
            "number": document.number,
        },
        "generated_at": document.issue_date.isoformat(),
        "type": "letter",
        "parts": [
            {
                "name": pdf.filename,
                "data": base64.b64encode(pdf.content).decode(),
                "content_type": "application/pdf",
                "responsive_part": {
                    "name": f"{document.number}.html",
                    "data": base64.b64encode(str(html).encode()).decode(),
                    "content_type": "text/html",
                },
            }
        ],
    }
    if field == "vat_number":
        # Company mailboxes take plain parts (the spec's Parts), no responsive part.
        content["parts"][0].pop("responsive_part")
    if document.type == DocumentType.CREDIT_NOTE:
        content["type"] = "letter.creditnotice"
    elif document.type in PAYABLE_TYPES and document.amount_open >= 1:
        if document.currency != "SEK":
            raise TransportError(_("Kivra takes payments in SEK only."), permanent=True)
        if not (account.bankgiro or account.plusgiro):
            raise TransportError(
                _("The sender has no Bankgiro or Plusgiro number for Kivra."), permanent=True
            )
        reference_type, reference = ocr_reference(document)
        content["type"] = (
            "invoice.reminder" if document.type == DocumentType.REMINDER else "invoice"
        )
        if field == "vat_number":
            content["type"] = "invoice"
        content["payment_multiple_options"] = {
            "payable": True,
            "currency": "SEK",
            "method": "1" if account.bankgiro else "2",
            "account": account.bankgiro or account.plusgiro,
            "options": [
                {
                    "due_date": (document.due_date or document.issue_date).isoformat(),
                    "amount": str(document.amount_open),
                    "type": reference_type,
                    "reference": reference,
                }
            ],
        }
    return content


class KivraTransport(Transport):
    code = "kivra_se"
    family = ChannelFamily.NETWORK
    artefact_suffix = ".json"
    default_cost = Decimal("2.90")

    def _entry(self, customer: Customer, *, max_age=None) -> RegistryEntry:
        tenant_key = nordic_account_for(customer.sender).kivra_tenant_key
        return registry_check(
            customer=customer,
            channel=self.code,
            lookup=lambda: kivra_answer(customer, tenant_key),
            max_age=max_age,
        )

    def reach(self, customer: Customer) -> Reach:
        if customer.country != "SE":
            return self.unavailable(_("Kivra reaches recipients in Sweden only."))
        if not nordic_account_for(customer.sender).kivra_tenant_key:
            return self.unavailable(_("The sender is not a Kivra tenant."))
        if not kivra_identifier(customer)[1]:
            return self.unavailable(
                _("The customer has no Swedish personal identity or VAT number.")
            )
        try:
            entry = self._entry(customer)
        except TransportError as exc:
            return self.unavailable(_("Kivra did not answer: %s") % exc.message)
        if not entry.registered:
            return self.unavailable(_("The customer does not use Kivra (or opted out)."))
        return Reach(
            channel=self.code,
            available=True,
            address=entry.address,
            cost=channel_cost(policy_for(customer.sender), self.code, self.default_cost),
            reason=registration_reason(entry),
        )

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        account = nordic_account_for(document.organization)
        content = kivra_content(document, address=delivery.address, account=account)
        return Payload(
            content_type="application/json",
            body=json.dumps(content).encode(),
            recipient=delivery.address,
            metadata={"tenant_key": account.kivra_tenant_key, "content": content},
        )

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        customer = delivery.document.customer
        # Ask again when the match is older than the set age: the user may have left Kivra.
        entry = self._entry(customer, max_age=None)
        if not entry.registered:
            raise TransportError(_("The customer no longer uses Kivra."), permanent=True)
        key = kivra_client().content_send(
            payload.metadata["tenant_key"], payload.metadata["content"]
        )
        return SendResult(
            external_reference=key,
            response=_("Kivra accepted the content (%(key)s).") % {"key": key},
            delivered=True,
        )
