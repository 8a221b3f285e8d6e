"""AvtaleGiro with Nets, through netsgiro: claim files out; agreement and OCR files in.

- `avtalegiro_claims_submit`: every queued claim (and every requested deletion) of a sender
  goes into one transmission: an assignment of payment claims (type 0) and one of deletion
  requests (type 36), numbered from the sender's agreement counters, handed to the file
  transport.
- `nets_incoming_process`: Nets' files in the inbox: AvtaleGiro agreement files (mandates new,
  changed, deleted: registrations) and OCR giro settlement files (a settled claim marks the
  invoice paid). Each file is applied once, by name.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

import netsgiro
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from folio.channels.avtalegiro_no.files import NetsFileTransport, NetsIncoming, nets_transport
from folio.core.errors import ApplicationError, IllegalTransitionError
from folio.customers.models import ChannelCode, Customer
from folio.delivery.models import DeliveryStatus
from folio.delivery.services import delivery_transition
from folio.documents.models import Document, EventKind, PaymentStatus
from folio.documents.services import document_register_payment, event_record
from folio.registries.models import (
    CLAIM_TRANSITIONS,
    AvtaleGiroClaim,
    AvtaleGiroMandate,
    ClaimStatus,
    MandateStatus,
    NetsAgreement,
    NetsFile,
    RegistrationAction,
)
from folio.registries.services import registration_record
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)

NETS_ID = "00008080"
# Payer name and text fields of a claim record are at most this long (Nets' record layout).
PAYER_NAME_LENGTH = 10
TEXT_LENGTH = 40


def _claim_move(claim: AvtaleGiroClaim, to_status: str) -> None:
    if to_status not in CLAIM_TRANSITIONS[claim.status]:
        raise IllegalTransitionError(
            "illegal_transition",
            _("An AvtaleGiro claim cannot go from %(from)s to %(to)s.")
            % {"from": claim.get_status_display(), "to": ClaimStatus(to_status).label},
        )
    claim.status = to_status


def _number(value: int) -> str:
    # Nets numbers are 7 digits and wrap; a sender sends far fewer than 10 million files.
    return f"{value % 10_000_000:07d}"


def claim_text(document: Document) -> str:
    return f"Faktura {document.number} forfall {document.due_date:%d.%m.%Y}"[:TEXT_LENGTH]


def transmission_build(
    *,
    agreement: NetsAgreement,
    transmission_number: str,
    claims: list[AvtaleGiroClaim],
    claims_assignment: str,
    cancellations: list[AvtaleGiroClaim],
    cancellations_assignment: str,
) -> netsgiro.Transmission:
    transmission = netsgiro.Transmission(
        number=transmission_number,
        data_transmitter=agreement.data_sender,
        data_recipient=agreement.data_recipient,
    )
    for kind, items, number in (
        (netsgiro.AssignmentType.TRANSACTIONS, claims, claims_assignment),
        (netsgiro.AssignmentType.AVTALEGIRO_CANCELLATIONS, cancellations, cancellations_assignment),
    ):
        if not items:
            continue
        assignment = transmission.add_assignment(
            service_code=netsgiro.ServiceCode.AVTALEGIRO,
            assignment_type=kind,
            # Nets' layout has the agreement id on claim assignments only (zeros elsewhere).
            agreement_id=(
                agreement.agreement_id if kind == netsgiro.AssignmentType.TRANSACTIONS else None
            ),
            number=number,
            account=agreement.account,
        )
        for claim in items:
            arguments = {
                "kid": claim.kid,
                "due_date": claim.due_date,
                "amount": claim.amount,
                "reference": claim.document.number[:25],
                "payer_name": (claim.document.counterparty_name or "")[:PAYER_NAME_LENGTH],
                # A text makes the bank send the payer a notice (transaction type 21).
                "bank_notification": claim_text(claim.document)
                if claim.bank_notification
                else False,
            }
            if kind == netsgiro.AssignmentType.TRANSACTIONS:
                request = assignment.add_payment_request(**arguments)
            else:
                request = assignment.add_payment_cancellation(**arguments)
            if kind == netsgiro.AssignmentType.TRANSACTIONS:
                claim.transaction_number = request.number
    return transmission


def avtalegiro_claims_submit(
    *, actor: Actor, transport: NetsFileTransport | None = None
) -> list[str]:
    """Send every sender's queued claims and deletion requests; returns the file names."""
    transport = transport or nets_transport()
    names = []
    organization_ids = (
        AvtaleGiroClaim.objects.filter(
            status__in=[ClaimStatus.QUEUED, ClaimStatus.CANCEL_REQUESTED]
        )
        .values_list("organization_id", flat=True)
        .distinct()
    )
    for organization_id in sorted(set(organization_ids)):
        name = _submit_for(organization_id, actor=actor, transport=transport)
        if name:
            names.append(name)
    return names


@transaction.atomic
def _submit_for(organization_id: int, *, actor: Actor, transport: NetsFileTransport) -> str:
    agreement = (
        NetsAgreement.objects.select_for_update().filter(organization_id=organization_id).first()
    )
    if agreement is None:
        return ""
    pending = list(
        AvtaleGiroClaim.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("document")
        .filter(
            organization_id=organization_id,
            status__in=[ClaimStatus.QUEUED, ClaimStatus.CANCEL_REQUESTED],
        )
        .order_by("id")
    )
    claims = [claim for claim in pending if claim.status == ClaimStatus.QUEUED]
    cancellations = [claim for claim in pending if claim.status == ClaimStatus.CANCEL_REQUESTED]
    if not pending:
        return ""
    needed = (1 if claims else 0) + (1 if cancellations else 0)
    NetsAgreement.objects.filter(pk=agreement.pk).update(
        last_transmission_number=F("last_transmission_number") + 1,
        last_assignment_number=F("last_assignment_number") + needed,
    )
    agreement.refresh_from_db(fields=["last_transmission_number", "last_assignment_number"])
    transmission_number = _number(agreement.last_transmission_number)
    first_assignment = agreement.last_assignment_number - needed + 1
    claims_assignment = _number(first_assignment)
    cancellations_assignment = _number(first_assignment + (1 if claims else 0))
    transmission = transmission_build(
        agreement=agreement,
        transmission_number=transmission_number,
        claims=claims,
        claims_assignment=claims_assignment,
        cancellations=cancellations,
        cancellations_assignment=cancellations_assignment,
    )
    name = f"avtalegiro-{agreement.data_sender}-{transmission_number}.txt"
    # Written inside the transaction: should the commit fail, the claims stay queued and the
    # next file carries them with a new transmission number, which Nets takes as a new file.
    transport.upload(name, transmission.to_ocr())
    for claim in claims:
        _claim_move(claim, ClaimStatus.SUBMITTED)
        claim.transmission_number = transmission_number
        claim.assignment_number = claims_assignment
        claim.save(
            update_fields=[
                "status",
                "transmission_number",
                "assignment_number",
                "transaction_number",
                "updated_at",
            ]
        )
        event_record(
            document=claim.document,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            delivery=claim.delivery,
            message=_("AvtaleGiro claim sent to Nets in file %(name)s.") % {"name": name},
            data={"transmission": transmission_number, "assignment": claims_assignment},
        )
    for claim in cancellations:
        _claim_move(claim, ClaimStatus.CANCELLED)
        claim.cancel_transmission_number = transmission_number
        claim.save(update_fields=["status", "cancel_transmission_number", "updated_at"])
        event_record(
            document=claim.document,
            kind=EventKind.CANCELLED,
            actor=actor,
            delivery=claim.delivery,
            message=_("AvtaleGiro deletion request sent to Nets in file %(name)s.")
            % {"name": name},
        )
    NetsFile.objects.create(
        name=name,
        direction="out",
        kind="claims",
        summary={
            "claims": len(claims),
            "cancellations": len(cancellations),
            "total": str(sum((c.amount for c in claims), Decimal("0"))),
        },
    )
    return name


@transaction.atomic
def avtalegiro_claim_cancel(*, claim: AvtaleGiroClaim, actor: Actor) -> AvtaleGiroClaim:
    """Withdraw a claim: not sent yet, it is simply dropped; sent, a deletion request follows."""
    from folio.tenancy.services import require_permission

    require_permission(actor, "send", claim.organization)
    locked = AvtaleGiroClaim.objects.select_for_update().get(pk=claim.pk)
    if locked.status == ClaimStatus.QUEUED:
        _claim_move(locked, ClaimStatus.CANCELLED)
    else:
        _claim_move(locked, ClaimStatus.CANCEL_REQUESTED)
    locked.save(update_fields=["status", "updated_at"])
    event_record(
        document=locked.document,
        kind=EventKind.STATUS_CHANGED,
        actor=actor,
        delivery=locked.delivery,
        message=_("AvtaleGiro claim withdrawn (%(status)s).")
        % {"status": locked.get_status_display()},
    )
    return locked


# -- inbound -----------------------------------------------------------------------------------


def nets_incoming_process(
    *, actor: Actor | None = None, transport: NetsFileTransport | None = None
) -> list[dict]:
    """Apply every file Nets left for us; returns a summary per file."""
    actor = actor or Actor.for_system("nets")
    transport = transport or nets_transport()
    summaries = []
    for item in transport.incoming():
        try:
            summary = nets_file_apply(item, actor=actor)
        except ValueError as exc:
            logger.error("Nets file %s cannot be read: %s", item.name, exc)
            summary = {"name": item.name, "error": str(exc)}
        summaries.append(summary)
        transport.acknowledge(item)
    return summaries


def _agreement_for(transmission: netsgiro.Transmission, account: str) -> NetsAgreement | None:
    return (
        NetsAgreement.objects.select_related("organization").filter(account=account).first()
        or NetsAgreement.objects.select_related("organization")
        .filter(data_sender=transmission.data_recipient)
        .first()
    )


@transaction.atomic
def nets_file_apply(item: NetsIncoming, *, actor: Actor) -> dict:
    if NetsFile.objects.filter(name=item.name).exists():
        return {"name": item.name, "duplicate": True}
    transmission = netsgiro.parse(item.content)
    summary: dict = {"name": item.name, "mandates": 0, "payments": 0, "unmatched": 0}
    for assignment in transmission.assignments:
        agreement = _agreement_for(transmission, assignment.account)
        if agreement is None:
            summary["unmatched"] += len(assignment.transactions)
            continue
        if assignment.type == netsgiro.AssignmentType.AVTALEGIRO_AGREEMENTS:
            for record in assignment.transactions:
                _mandate_apply(agreement, record, transmission, item.name, actor=actor)
                summary["mandates"] += 1
        elif assignment.service_code == netsgiro.ServiceCode.OCR_GIRO:
            for record in assignment.transactions:
                if _settlement_apply(agreement, record, item.name, actor=actor):
                    summary["payments"] += 1
                else:
                    summary["unmatched"] += 1
    kind = "agreements" if summary["mandates"] else "settlement"
    NetsFile.objects.create(name=item.name, direction="in", kind=kind, summary=summary)
    return summary


def customer_for_kid(agreement: NetsAgreement, kid: str) -> Customer | None:
    """The customer a KID identifies: by an earlier document with that KID, else by the
    customer number the KID was built from (the body without its check digit)."""
    document = (
        Document.objects.filter(organization=agreement.organization, payment_reference=kid)
        .exclude(customer=None)
        .order_by("-issue_date")
        .first()
    )
    if document is not None:
        return document.customer
    body = kid[:-1].lstrip("0")
    if not body:
        return None
    return Customer.objects.filter(sender=agreement.organization, customer_number=body).first()


def _mandate_apply(agreement, record: netsgiro.Agreement, transmission, file_name, *, actor):
    kid = record.kid or ""
    deleted = record.registration_type == netsgiro.AvtaleGiroRegistrationType.DELETED_AGREEMENT
    mandate = AvtaleGiroMandate.objects.filter(organization=agreement.organization, kid=kid).first()
    customer = mandate.customer if mandate and mandate.customer else None
    customer = customer or customer_for_kid(agreement, kid)
    now = timezone.now()
    values = {
        "customer": customer,
        "notify": record.notify,
        "status": MandateStatus.DELETED if deleted else MandateStatus.ACTIVE,
        "reported_at": now,
    }
    if mandate is None:
        mandate = AvtaleGiroMandate.objects.create(
            organization=agreement.organization, kid=kid, **values
        )
    else:
        for name, value in values.items():
            setattr(mandate, name, value)
        mandate.save(update_fields=[*values, "updated_at"])
    registration_record(
        organization=agreement.organization,
        channel=ChannelCode.AVTALEGIRO_NO,
        action=RegistrationAction.UNREGISTERED if deleted else RegistrationAction.REGISTERED,
        external_id=f"{file_name}:{transmission.number}:{record.number}",
        actor=actor,
        customer=customer,
        address=kid,
        source=_("Nets AvtaleGiro agreement file %(name)s") % {"name": file_name},
    )


def _settlement_apply(agreement, record: netsgiro.Transaction, file_name, *, actor) -> bool:
    kid = record.kid or ""
    amount = Decimal(record.amount)
    source = _("Nets OCR giro settlement file %(name)s") % {"name": file_name}
    claim = (
        AvtaleGiroClaim.objects.select_for_update(of=("self",))
        .select_related("document", "delivery")
        .filter(
            organization=agreement.organization,
            kid=kid,
            amount=amount,
            status__in=[ClaimStatus.SUBMITTED, ClaimStatus.CANCEL_REQUESTED],
        )
        .order_by("due_date", "id")
        .first()
    )
    if claim is not None:
        _claim_move(claim, ClaimStatus.SETTLED)
        claim.settled_at = timezone.now()
        claim.save(update_fields=["status", "settled_at", "updated_at"])
        if claim.delivery.status == DeliveryStatus.SENT:
            delivery_transition(
                delivery=claim.delivery,
                to_status=DeliveryStatus.DELIVERED,
                actor=actor,
                message=_("Nets settled the AvtaleGiro claim."),
            )
        document = claim.document
    else:
        # An ordinary OCR giro payment of an invoice with this KID.
        document = (
            Document.objects.filter(
                organization=agreement.organization,
                payment_reference=kid,
                payment_status__in=[PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID],
            )
            .order_by("due_date", "id")
            .first()
        )
        if document is None:
            return False
    try:
        document_register_payment(
            document=document, amount=amount, actor=actor, reference=kid, source=str(source)
        )
    except ApplicationError as exc:
        logger.warning("Payment for KID %s not registered: %s", kid, exc.message)
        return False
    return True


def claim_due_date_minimum(now: datetime.datetime | None = None) -> datetime.date:
    """The earliest due date Nets accepts in a claim file sent now."""
    from netsgiro.utils import OSLO_TZ, get_minimum_due_date

    return get_minimum_due_date(now=(now or timezone.now()).astimezone(OSLO_TZ))
