"""What the access point hands us: AS4 receipts, Message Level Responses, Invoice Responses,
and business documents for our senders (which become received documents, validated first).
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from folio.channels.base import Receipt, TransportError
from folio.channels.peppol.access_point import Incoming, access_point
from folio.channels.peppol.identifiers import InvalidParticipantError, participant_parse
from folio.channels.peppol.sbdh import SbdhEnvelope, SbdhError, sbdh_read
from folio.customers.models import Customer, CustomerKind
from folio.customers.services import customer_create
from folio.delivery.models import (
    Delivery,
    DeliveryStatus,
    InboundEnvelope,
    InboundEnvelopeStatus,
)
from folio.delivery.services import delivery_transition
from folio.documents.models import Direction, DocumentStatus, DocumentType, EventKind
from folio.documents.services import (
    DocumentInput,
    LineInput,
    document_create,
    document_file_attach,
    document_transition,
    event_record,
)
from folio.ingestion.pipeline import IngestRejected, parse_and_validate
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization

logger = logging.getLogger(__name__)

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
APPLICATION_RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
MLR_MARKER = "mlr"

# UNCL 4343 response codes used by Peppol Invoice Response and MLR.
RESPONSE_MEANINGS = {
    "AB": "received",
    "IP": "in process",
    "UQ": "under query",
    "CA": "conditionally accepted",
    "RE": "rejected",
    "AP": "accepted",
    "PD": "paid",
}


def _text(node, path: str) -> str:
    found = node.find(path, namespaces={"cbc": CBC, "cac": CAC})
    return (found.text or "").strip() if found is not None else ""


def peppol_incoming_process(*, client=None) -> list[Receipt]:
    """Take everything waiting at the access point, apply it, acknowledge it."""
    client = client or access_point()
    actor = Actor.for_system("peppol")
    receipts = []
    for item in client.incoming():
        try:
            receipt = incoming_apply(item, actor=actor)
        except TransportError:
            logger.exception("Could not apply incoming Peppol item %s", item.id)
            continue
        if receipt is not None:
            receipts.append(receipt)
        client.acknowledge(item)
    return receipts


def incoming_apply(item: Incoming, *, actor: Actor) -> Receipt | None:
    if item.kind == "receipt":
        return _as4_receipt_apply(item.reference, actor=actor)
    try:
        envelope = sbdh_read(item.content)
    except SbdhError as exc:
        InboundEnvelope.objects.get_or_create(
            instance_identifier=f"invalid:{item.id}",
            defaults={"status": InboundEnvelopeStatus.REJECTED, "reason": str(exc)[:2000]},
        )
        return None
    root = envelope.business_message
    if etree.QName(root).namespace == APPLICATION_RESPONSE_NS:
        return _response_apply(envelope, actor=actor)
    inbound_document_receive(envelope=envelope, actor=actor)
    return None


@transaction.atomic
def _as4_receipt_apply(instance_identifier: str, *, actor: Actor) -> Receipt | None:
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .filter(channel="peppol", external_reference=instance_identifier)
        .first()
    )
    if delivery is None:
        return None
    if delivery.status == DeliveryStatus.SENT:
        delivery_transition(
            delivery=delivery,
            to_status=DeliveryStatus.DELIVERED,
            actor=actor,
            message=_("The receiver's access point confirmed receipt (AS4 receipt)."),
        )
        _document_delivered(delivery, actor)
    return Receipt(delivery.message_key, DeliveryStatus.DELIVERED, timezone.now(), "AS4 receipt")


def _document_delivered(delivery: Delivery, actor: Actor) -> None:
    from folio.delivery.dispatch import document_move

    document_move(delivery.document, DocumentStatus.DELIVERED, actor=actor, delivery=delivery)


@transaction.atomic
def _response_apply(envelope: SbdhEnvelope, *, actor: Actor) -> Receipt | None:
    from folio.delivery.routing import delivery_fall_back

    root = envelope.business_message
    is_mlr = MLR_MARKER in _text(root, "cbc:CustomizationID")
    response = root.find(f"{{{CAC}}}DocumentResponse")
    if response is None:
        return None
    code = _text(response, "cac:Response/cbc:ResponseCode")
    reference = _text(response, "cac:DocumentReference/cbc:ID")
    note = _text(response, "cac:Response/cbc:Description") or _text(
        response, "cac:Response/cac:Status/cbc:StatusReason"
    )
    deliveries = Delivery.objects.select_for_update(of=("self",)).filter(channel="peppol")
    # An MLR names our envelope; an Invoice Response names the invoice number.
    delivery = (
        deliveries.filter(external_reference=reference).first()
        or deliveries.filter(
            document__number=reference, document__organization__peppol_id=envelope.receiver
        )
        .order_by("-created_at")
        .first()
    )
    if delivery is None:
        return None
    meaning = RESPONSE_MEANINGS.get(code, code)
    kind = "mlr" if is_mlr else "invoice_response"
    event_record(
        document=delivery.document,
        kind=EventKind.RESPONSE,
        actor=actor,
        message=(
            _("Message level response: %(meaning)s. %(note)s")
            if is_mlr
            else _("Invoice response: %(meaning)s. %(note)s")
        )
        % {"meaning": meaning, "note": note},
        delivery=delivery,
        data={"kind": kind, "code": code, "meaning": meaning, "note": note},
    )
    if (
        is_mlr
        and code == "RE"
        and delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED)
    ):
        reason = _("The receiver's access point rejected the message: %(note)s") % {"note": note}
        delivery_transition(
            delivery=delivery, to_status=DeliveryStatus.FAILED, actor=actor, message=reason
        )
        delivery_fall_back(failed=delivery, reason=reason, actor=actor)
    elif delivery.status == DeliveryStatus.SENT and code in ("AB", "AP", "IP", "CA", "UQ", "PD"):
        delivery_transition(delivery=delivery, to_status=DeliveryStatus.DELIVERED, actor=actor)
        _document_delivered(delivery, actor)
    return Receipt(delivery.message_key, code, timezone.now(), note, {"kind": kind})


def _organization_for(receiver: str) -> Organization | None:
    try:
        participant = participant_parse(receiver)
    except InvalidParticipantError:
        participant = None
    candidates = {receiver}
    if participant is not None:
        candidates.add(str(participant))
    organization = Organization.objects.filter(peppol_id__in=candidates, is_active=True).first()
    if organization is None and participant is not None and participant.scheme == "0192":
        organization = Organization.objects.filter(
            org_number=participant.value, country="NO", is_active=True
        ).first()
    return organization


def inbound_document_receive(*, envelope: SbdhEnvelope, actor: Actor) -> InboundEnvelope:
    """A business document for one of our organizations: validate it, store it as received.

    Idempotent per envelope instance identifier. A document that fails validation is refused
    and only the envelope record (with the rule ids) is kept.
    """
    existing = InboundEnvelope.objects.filter(
        instance_identifier=envelope.instance_identifier
    ).first()
    if existing is not None:
        return existing
    record = InboundEnvelope(
        instance_identifier=envelope.instance_identifier,
        sender_id=envelope.sender,
        receiver_id=envelope.receiver,
        document_type_id=envelope.document_type_id[:500],
    )
    organization = _organization_for(envelope.receiver)
    payload = envelope.payload_bytes()
    failures: list[str] = []
    if organization is None:
        failures.append(_("No organization here has the Peppol id %s.") % envelope.receiver)
    else:
        # The ingestion pipeline's own checks: size, parsing, EN 16931 / Peppol rules.
        try:
            invoice = parse_and_validate(payload, content_type="application/xml").invoice
        except IngestRejected as exc:
            rules = ", ".join(sorted({error["rule"] for error in exc.extra.get("errors", [])}))
            failures.append(f"{exc.message} ({rules})")
    if failures:
        record.status = InboundEnvelopeStatus.REJECTED
        record.reason = " ".join(str(f) for f in failures)
        record.organization = organization
        record.save()
        return record
    with transaction.atomic():
        supplier = _supplier_for(organization, invoice, envelope.sender, actor)
        document = document_create(
            actor=actor,
            organization=organization,
            customer=supplier,
            data=_document_input(invoice),
        )
        document_file_attach(
            document=document,
            kind="source_xml",
            filename=f"{document.number}.xml",
            content=payload,
            content_type="application/xml",
            actor=actor,
        )
        document_transition(
            document=document,
            to_status=DocumentStatus.ACCEPTED,
            actor=actor,
            reason=_("Received over Peppol from %s and validated.") % envelope.sender,
        )
        event_record(
            document=document,
            kind=EventKind.VALIDATED,
            actor=actor,
            message=_("Received over Peppol (envelope %s).") % envelope.instance_identifier,
            channel="peppol",
            data={"sender": envelope.sender, "instance_identifier": envelope.instance_identifier},
        )
        record.status = InboundEnvelopeStatus.ACCEPTED
        record.organization = organization
        record.document = document
        record.save()
    return record


def _supplier_for(organization, invoice, sender_id: str, actor: Actor) -> Customer:
    existing = Customer.objects.filter(sender=organization, peppol_id=sender_id).first()
    if existing is not None:
        return existing
    seller = invoice.seller
    number = f"P-{sender_id.replace(':', '-')}"[:50]
    existing = Customer.objects.filter(sender=organization, customer_number=number).first()
    if existing is not None:
        return existing
    return customer_create(
        actor=actor,
        sender=organization,
        customer_number=number,
        kind=CustomerKind.BUSINESS,
        name=(seller.name or seller.trading_name or sender_id)[:200],
        country=((seller.address.country_code if seller.address else None) or "NO")[:2],
        peppol_id=sender_id,
        needs_review=True,
    )


def _document_input(invoice) -> DocumentInput:
    totals = invoice.totals
    zero = Decimal("0")
    lines = [
        LineInput(
            item_name=(line.item_name or "-")[:300],
            quantity=line.quantity or zero,
            unit_price=line.price or zero,
            amount_net=line.net_amount or zero,
            vat_category=(line.vat_category or "S")[:4],
            vat_rate=line.vat_rate or zero,
            unit_code=(line.unit_code or "EA")[:10],
            line_id=(line.id or "")[:50],
        )
        for line in invoice.lines
    ]
    net = totals.total_without_vat or totals.line_net_total or zero
    total = totals.total_with_vat or net
    return DocumentInput(
        type=DocumentType.CREDIT_NOTE if invoice.is_credit_note else DocumentType.INVOICE,
        direction=Direction.RECEIVED,
        number=(invoice.number or "")[:100],
        issue_date=invoice.issue_date or timezone.localdate(),
        due_date=invoice.due_date,
        currency=(invoice.currency or "EUR")[:3],
        amount_net=net,
        amount_vat=total - net,
        amount_total=total,
        amount_payable=totals.payable if totals.payable is not None else total,
        payment_reference=(invoice.kid or "")[:50],
        buyer_reference=(invoice.buyer_reference or "")[:200],
        order_reference=(invoice.order_reference or "")[:200],
        counterparty_name=(invoice.seller.name or "")[:200],
        lines=lines,
    )
