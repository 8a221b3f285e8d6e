"""AvtaleGiro: claim files written with netsgiro, Nets' own sample files, KID checks, and the
channel end to end against the sandbox Nets file exchange (mandates in, claims out,
settlement in)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import netsgiro
import pytest
from django.conf import settings

from folio.channels.avtalegiro_no.claims import (
    avtalegiro_claim_cancel,
    avtalegiro_claims_submit,
    nets_incoming_process,
)
from folio.channels.avtalegiro_no.kid import kid_build, kid_problem
from folio.delivery.models import Delivery, DeliveryStatus
from folio.delivery.tasks import route_document
from folio.documents.models import EventKind, PaymentStatus
from folio.registries.models import (
    AvtaleGiroClaim,
    AvtaleGiroMandate,
    ClaimStatus,
    MandateStatus,
    NetsAgreement,
    NetsFile,
    PayerNotification,
    Registration,
)
from folio.sandbox.nets import MandateLine, nets_agreements_write, nets_exchange_run_once
from folio.tenancy.actors import Actor
from tests.nordic.conftest import (
    NETS_ACCOUNT,
    NETS_SENDER,
    consumer,
    nordic_document,
    norwegian_sender,
    run_jobs,
)

NETS_DATA = Path(settings.FOLIO_CORPUS) / "netsgiro" / "tests" / "data"
SYSTEM = Actor.for_system("tests")


def outbox() -> Path:
    return Path(settings.FOLIO_NETS_OUTBOX_DIR)


def inbox() -> Path:
    return Path(settings.FOLIO_NETS_INBOX_DIR)


def mandate_for(customer, *, notify=True) -> str:
    """Nets reports a mandate for the customer; returns its KID (customer number + MOD10)."""
    kid = kid_build(customer.customer_number, algorithm="mod10", length=7)
    nets_agreements_write(
        inbox(),
        data_recipient=NETS_SENDER,
        account=NETS_ACCOUNT,
        mandates=[MandateLine(kid=kid, notify=notify)],
    )
    nets_incoming_process()
    return kid


@pytest.mark.parametrize(
    ("kid", "algorithm", "length", "valid"),
    [
        ("000112000507155", "mod10", 15, True),
        ("0000531", "mod11", 7, True),
        ("0036633", "mod11", None, True),
        ("0000532", "mod11", 7, False),
        ("000112000507155", "mod11", 15, False),
        ("000112000507155", "mod10", 10, False),
        ("12A4", "mod10", None, False),
        ("", "mod10", None, False),
    ],
)
def test_kid_check_digits_and_length(kid, algorithm, length, valid):
    assert (kid_problem(kid, algorithm=algorithm, length=length) == "") is valid


def test_built_kids_pass_their_own_check():
    for body in ("1", "1234", "99999", "1000081"):
        for algorithm in ("mod10", "mod11"):
            kid = kid_build(body, algorithm=algorithm, length=10)
            assert len(kid) == 10
            if not kid.endswith("-"):
                assert kid_problem(kid, algorithm=algorithm, length=10) == ""


@pytest.mark.parametrize(
    "name",
    ["avtalegiro_agreements.txt", "avtalegiro_payment_request.txt", "ocr_giro_transactions.txt"],
)
def test_corpus_nets_files_parse_and_write_back_byte_for_byte(name):
    text = (NETS_DATA / name).read_text(encoding="iso-8859-1").rstrip("\n")
    assert netsgiro.parse(text).to_ocr() == text


@pytest.mark.django_db
def test_corpus_agreement_file_becomes_mandates_and_registrations():
    sender = norwegian_sender(kid_length=15)
    customer = consumer(sender, customer_number="11200050715")
    inbox().mkdir(parents=True)
    (inbox() / "avtalegiro_agreements.txt").write_bytes(
        (NETS_DATA / "avtalegiro_agreements.txt").read_bytes()
    )
    [summary] = nets_incoming_process()
    assert summary["mandates"] == 16
    mandates = AvtaleGiroMandate.objects.filter(organization=sender)
    assert mandates.count() == 16
    assert mandates.filter(notify=True).count() == 11
    assert mandates.get(kid="000112000507155").customer == customer
    assert not mandates.get(kid="001006300507304").notify
    assert Registration.objects.filter(organization=sender, channel="avtalegiro_no").count() == 16
    # The same file again changes nothing.
    (inbox() / "avtalegiro_agreements.txt").write_bytes(
        (NETS_DATA / "avtalegiro_agreements.txt").read_bytes()
    )
    assert nets_incoming_process()[0]["duplicate"] is True
    assert Registration.objects.count() == 16


@pytest.mark.django_db
def test_corpus_ocr_file_pays_the_invoices_with_those_kids():
    sender = norwegian_sender(kid_algorithm="mod11")
    customer = consumer(sender)
    first = nordic_document(customer, kid="0000531")  # 1020.00 in the file
    second = nordic_document(customer, kid="0048763")  # 560.00 in the file
    untouched = nordic_document(customer, kid="0000000")
    inbox().mkdir(parents=True)
    (inbox() / "ocr_giro_transactions.txt").write_bytes(
        (NETS_DATA / "ocr_giro_transactions.txt").read_bytes()
    )
    [summary] = nets_incoming_process()
    assert summary["payments"] == 2 and summary["unmatched"] == 18
    for document, paid in ((first, "1020.00"), (second, "560.00")):
        document.refresh_from_db()
        assert document.amount_paid == Decimal(paid)
        assert document.payment_status == PaymentStatus.PAID
    payment = first.events.get(kind=EventKind.PAYMENT)
    assert payment.data["reference"] == "0000531"
    assert "ocr_giro_transactions.txt" in payment.message
    untouched.refresh_from_db()
    assert untouched.payment_status == PaymentStatus.UNPAID


@pytest.mark.django_db(transaction=True)
def test_claim_end_to_end_with_settlement_from_nets():
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = mandate_for(customer, notify=False)
    document = nordic_document(customer, kid=kid)

    route_document.enqueue(str(document.code))
    run_jobs()
    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.status) == ("avtalegiro_no", DeliveryStatus.SENT)
    assert "AvtaleGiro mandate reported by Nets" in delivery.routing_reason
    claim = AvtaleGiroClaim.objects.get(delivery=delivery)
    assert claim.status == ClaimStatus.QUEUED and not claim.bank_notification

    [name] = avtalegiro_claims_submit(actor=SYSTEM)
    written = (outbox() / name).read_text(encoding="iso-8859-1").rstrip("\n")
    transmission = netsgiro.parse(written)
    # netsgiro reads our file back to the same records, byte for byte.
    assert transmission.to_ocr() == written
    [assignment] = transmission.assignments
    assert assignment.type == netsgiro.AssignmentType.TRANSACTIONS
    assert (assignment.agreement_id, assignment.account) == ("001008566", NETS_ACCOUNT)
    [request] = assignment.transactions
    assert (request.kid, request.amount, request.date) == (
        kid,
        document.amount_payable,
        document.due_date,
    )
    assert request.type == netsgiro.TransactionType.AVTALEGIRO_WITH_PAYEE_NOTIFICATION
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert (claim.transmission_number, claim.assignment_number) == ("0000001", "0000001")

    assert nets_exchange_run_once(outbox=outbox(), inbox=inbox()) == [name]
    nets_incoming_process()
    document.refresh_from_db()
    claim.refresh_from_db()
    delivery.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID
    assert claim.status == ClaimStatus.SETTLED
    assert delivery.status == DeliveryStatus.DELIVERED
    assert document.events.filter(kind=EventKind.PAYMENT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_numbering_continues_and_deletion_requests_withdraw_claims():
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = mandate_for(customer)
    first = nordic_document(customer, kid=kid)
    second = nordic_document(customer, kid=kid, due_in_days=30)
    route_document.enqueue(str(first.code))
    run_jobs()
    avtalegiro_claims_submit(actor=SYSTEM)
    claim = AvtaleGiroClaim.objects.get(document=first)
    avtalegiro_claim_cancel(claim=claim, actor=SYSTEM)
    route_document.enqueue(str(second.code))
    run_jobs()

    [name] = avtalegiro_claims_submit(actor=SYSTEM)
    transmission = netsgiro.parse((outbox() / name).read_text(encoding="iso-8859-1"))
    assert transmission.number == "0000002"
    kinds = [(a.type, a.number, len(a.transactions)) for a in transmission.assignments]
    assert kinds == [
        (netsgiro.AssignmentType.TRANSACTIONS, "0000002", 1),
        (netsgiro.AssignmentType.AVTALEGIRO_CANCELLATIONS, "0000003", 1),
    ]
    cancellation = transmission.assignments[1].transactions[0]
    assert cancellation.type == netsgiro.TransactionType.AVTALEGIRO_CANCELLATION
    assert (cancellation.kid, cancellation.amount) == (kid, first.amount_payable)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CANCELLED
    agreement = NetsAgreement.objects.get(organization=sender)
    assert (agreement.last_transmission_number, agreement.last_assignment_number) == (2, 3)


@pytest.mark.django_db(transaction=True)
def test_invalid_kid_is_stopped_before_nets_with_a_clear_reason(smtp_server):
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = mandate_for(customer)
    bad_kid = kid[:-1] + str((int(kid[-1]) + 1) % 10)
    document = nordic_document(customer, kid=bad_kid)
    route_document.enqueue(str(document.code))
    run_jobs()

    failed = Delivery.objects.get(document=document, channel="avtalegiro_no")
    assert failed.status == DeliveryStatus.FAILED
    assert "Stopped before sending to Nets" in failed.last_error
    assert f"The KID {bad_kid} fails the MOD10 check digit" in failed.last_error
    assert not AvtaleGiroClaim.objects.exists()
    assert avtalegiro_claims_submit(actor=SYSTEM) == []
    # The document went on by the next channel of the chain.
    assert Delivery.objects.get(document=document, fallback_of=failed).channel == "email"


@pytest.mark.django_db(transaction=True)
def test_bank_notifies_when_the_payer_asked_and_the_agreement_says_bank():
    sender = norwegian_sender(notification=PayerNotification.BANK)
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = mandate_for(customer, notify=True)
    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()
    [name] = avtalegiro_claims_submit(actor=SYSTEM)
    request = (
        netsgiro.parse((outbox() / name).read_text("iso-8859-1")).assignments[0].transactions[0]
    )
    assert request.type == netsgiro.TransactionType.AVTALEGIRO_WITH_BANK_NOTIFICATION
    assert document.number in request.text
    assert Delivery.objects.filter(document=document).count() == 1


@pytest.mark.django_db(transaction=True)
def test_folio_notifies_the_payer_itself_when_the_agreement_says_so(smtp_server):
    sender = norwegian_sender(notification=PayerNotification.FOLIO)
    customer = consumer(sender, preferred_channel="avtalegiro_no", email="payer@example.test")
    kid = mandate_for(customer, notify=True)
    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()

    claim = AvtaleGiroClaim.objects.get(document=document)
    assert not claim.bank_notification
    notice = Delivery.objects.get(document=document, channel="email")
    assert notice.status == DeliveryStatus.SENT
    assert "AvtaleGiro payer notice" in notice.routing_reason
    assert str(document.due_date) in notice.routing_reason
    [message] = smtp_server.messages()
    assert "payer@example.test" in message["To"]
    # Running the notice job again sends nothing more.
    from folio.registries.notices import avtalegiro_notice_send

    assert avtalegiro_notice_send(delivery_code=str(claim.delivery.code)) is None


@pytest.mark.django_db
def test_deleted_mandate_unregisters_and_ends_reach():
    from folio.channels.registry import transport_for

    sender = norwegian_sender()
    customer = consumer(sender)
    kid = mandate_for(customer)
    assert transport_for("avtalegiro_no").reach(customer).available
    nets_agreements_write(
        inbox(),
        data_recipient=NETS_SENDER,
        account=NETS_ACCOUNT,
        mandates=[MandateLine(kid=kid, deleted=True)],
    )
    nets_incoming_process()
    assert AvtaleGiroMandate.objects.get(kid=kid).status == MandateStatus.DELETED
    reach = transport_for("avtalegiro_no").reach(customer)
    assert not reach.available and "no AvtaleGiro mandate" in reach.reason
    actions = list(Registration.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["registered", "unregistered"]
    assert NetsFile.objects.filter(direction="in").count() == 2
