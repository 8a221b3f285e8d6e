"""Demo seed for the Nordic channels: the senders' network accounts and Nets agreement, what
the registries say about each Nordic customer (with registrations), AvtaleGiro mandates, and
the claims behind the demo's AvtaleGiro deliveries. Runs after the delivery seed."""

from __future__ import annotations

import datetime
import hashlib

from folio.channels.avtalegiro_no.kid import kid_build
from folio.customers.models import ChannelCode, Customer, CustomerKind
from folio.delivery.models import Delivery, DeliveryStatus
from folio.documents.models import PaymentStatus
from folio.registries.models import (
    AvtaleGiroClaim,
    AvtaleGiroMandate,
    ClaimStatus,
    NetsAgreement,
    NordicAccount,
    Registration,
    RegistrationAction,
    RegistryEntry,
)

C = ChannelCode
SOURCES = {
    C.EFAKTURA_NO: "eFaktura registration from the payer's online bank",
    C.AVTALEGIRO_NO: "Nets AvtaleGiro agreement file",
    C.KIVRA_SE: "Kivra match: the recipient signed up for Kivra",
    C.EFAKTURA_SE: "e-faktura registration in the payer's internet bank",
}
# Share of Norwegian consumers on other channels who are in eFaktura but blocked the sender.
BLOCKED_SHARE = 0.05


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _address(customer: Customer, channel: str) -> str:
    if channel == C.EFAKTURA_NO:
        return f"EF{_digits(customer.national_id)[-8:] or customer.customer_number}"
    if channel == C.AVTALEGIRO_NO:
        return kid_build(customer.customer_number, algorithm="mod10", length=10)
    if channel == C.KIVRA_SE and customer.kind == CustomerKind.BUSINESS:
        return f"SE{_digits(customer.org_number)}01"
    ssn = _digits(customer.national_id)
    ssn = ssn if len(ssn) == 12 else f"19{ssn}"
    return f"EF{ssn}" if channel == C.EFAKTURA_SE else ssn


def seed_demo(context) -> None:
    rng = context.rng_for("registries")
    senders = {}
    for customers in context.customers_by_sender.values():
        for customer in customers:
            senders.setdefault(customer.sender_id, customer.sender)
    for sender in senders.values():
        if sender.country not in ("NO", "SE"):
            continue
        key = hashlib.sha256(f"{context.seed}:{sender.slug}".encode()).hexdigest()
        NordicAccount.objects.create(
            organization=sender,
            efaktura_issuer_id=sender.org_number if sender.country == "NO" else "",
            account_number="15032080114" if sender.country == "NO" else "",
            kivra_tenant_key=key[:42] if sender.country == "SE" else "",
            efaktura_se_sender_id=f"SE{sender.org_number}" if sender.country == "SE" else "",
            bankgiro="5050-1055" if sender.country == "SE" else "",
        )
        if sender.country == "NO":
            NetsAgreement.objects.create(
                organization=sender,
                data_sender=f"{int(key[:8], 16) % 10**8:08d}",
                agreement_id=f"{int(key[8:16], 16) % 10**9:09d}",
                account="15032080114",
                kid_length=10,
            )

    entries, registrations, mandates = [], [], []
    now = context.now
    for customers in context.customers_by_sender.values():
        for customer in customers:
            channel = customer.preferred_channel
            registered_at = now - datetime.timedelta(days=rng.randint(30, 900))
            if channel in SOURCES:
                address = _address(customer, channel)
                entries.append(
                    RegistryEntry(
                        customer=customer,
                        channel=channel,
                        registered=True,
                        address=address,
                        checked_at=now - datetime.timedelta(hours=rng.randint(1, 20)),
                        source=f"registration:{RegistrationAction.REGISTERED}",
                        detail={"message": SOURCES[channel]},
                    )
                )
                registrations.append(
                    Registration(
                        organization_id=customer.sender_id,
                        customer=customer,
                        channel=channel,
                        action=RegistrationAction.REGISTERED,
                        at=registered_at,
                        address=address,
                        external_id=f"demo-{channel}-{customer.sender_id}-{customer.customer_number}",
                        source=SOURCES[channel],
                    )
                )
                if channel == C.AVTALEGIRO_NO:
                    mandates.append(
                        AvtaleGiroMandate(
                            organization_id=customer.sender_id,
                            customer=customer,
                            kid=address,
                            notify=rng.random() < 0.6,
                            reported_at=registered_at,
                        )
                    )
            elif (
                customer.country == "NO"
                and customer.kind == CustomerKind.PERSON
                and customer.national_id
                and rng.random() < BLOCKED_SHARE
            ):
                entries.append(
                    RegistryEntry(
                        customer=customer,
                        channel=C.EFAKTURA_NO,
                        registered=False,
                        blocked=True,
                        address=_address(customer, C.EFAKTURA_NO),
                        checked_at=now - datetime.timedelta(hours=rng.randint(1, 20)),
                        source="lookup",
                    )
                )
    RegistryEntry.objects.bulk_create(entries)
    Registration.objects.bulk_create(registrations)
    AvtaleGiroMandate.objects.bulk_create(mandates)

    by_customer = {m.customer_id: m for m in AvtaleGiroMandate.objects.all()}
    claims = []
    deliveries = Delivery.objects.filter(
        channel=C.AVTALEGIRO_NO,
        status__in=[DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
    ).select_related("document")
    for number, delivery in enumerate(deliveries, start=1):
        document = delivery.document
        mandate = by_customer.get(document.customer_id)
        if mandate is None:
            continue
        paid = document.payment_status == PaymentStatus.PAID
        claims.append(
            AvtaleGiroClaim(
                delivery=delivery,
                document=document,
                organization_id=document.organization_id,
                mandate=mandate,
                kid=mandate.kid,
                amount=document.amount_payable,
                due_date=document.due_date or document.issue_date,
                bank_notification=mandate.notify,
                status=ClaimStatus.SETTLED if paid else ClaimStatus.SUBMITTED,
                transmission_number=f"{number:07d}",
                assignment_number=f"{number:07d}",
                transaction_number=1,
                settled_at=delivery.status_changed_at if paid else None,
            )
        )
    AvtaleGiroClaim.objects.bulk_create(claims)
    context.counts["registrations"] = len(registrations)
    context.counts["AvtaleGiro mandates"] = len(mandates)
    context.counts["AvtaleGiro claims"] = len(claims)
