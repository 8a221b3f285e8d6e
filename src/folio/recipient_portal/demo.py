"""Demo seed of the customer portal (issue 7): recent documents for the two demo portal users.

Kari Nordmann (a consumer of Nordlys Strøm AS) and Svea Bygg AB (a business customer of Nordlys
Energi Sverige AB, where erik.lund has view-only rights) get a few recent invoices and quotes
through the document services, routed and delivered like any document. The service desk,
payments and collections seeds run after this one and play the portal stories on them
(`DemoContext.portal_documents` names each document by its part in the story).
"""

from __future__ import annotations

import datetime
import random

from folio.core.demo import DemoContext
from folio.customers.models import ChannelCode, Customer, CustomerKind
from folio.delivery.routing import document_route
from folio.documents.demo import (
    PROFILES,
    DemoLine,
    document_amounts,
    kid_mod10,
    sent_document_lines,
)
from folio.documents.models import PAYABLE_TYPES, Document, DocumentStatus, DocumentType
from folio.documents.services import DocumentInput, LineInput, document_create, document_transition
from folio.servicedesk.demo import deliver_as_the_network_reports
from folio.tenancy.actors import Actor
from folio.tenancy.demo import NORDLYS_NO, NORDLYS_SE, SENDER_PROFILES

T = DocumentType

# key, customer ("kari" or "svea"), type, issued how many days ago.
PORTAL_DOCUMENTS = [
    ("kari_paid", "kari", T.INVOICE, 70),
    ("kari_disputed_credited", "kari", T.INVOICE, 55),
    ("kari_partly_paid", "kari", T.INVOICE, 40),
    ("kari_quote_accepted", "kari", T.QUOTE, 25),
    ("kari_current", "kari", T.INVOICE, 6),
    ("svea_paid", "svea", T.INVOICE, 52),
    ("svea_disputed_rejected", "svea", T.INVOICE, 46),
    ("svea_quote_rejected", "svea", T.QUOTE, 30),
    ("svea_current", "svea", T.INVOICE, 9),
]
# Channels whose success needs their own records made while sending (direct debit claims):
# documents routed there are left to the worker.
CHANNELS_SENT_BY_THE_WORKER = {ChannelCode.AVTALEGIRO_NO}


def demo_portal_customers(context: DemoContext) -> dict[str, Customer]:
    return {
        "kari": context.customers_by_sender[NORDLYS_NO][0],
        "svea": context.customers_by_sender[NORDLYS_SE][0],
    }


def seed_demo(context: DemoContext) -> None:
    rng = context.rng_for("portal documents")
    customers = demo_portal_customers(context)
    for key, who, doc_type, days_ago in PORTAL_DOCUMENTS:
        context.portal_documents[key] = _issue(
            context, rng, customer=customers[who], doc_type=doc_type, days_ago=days_ago
        )
    context.counts["portal user documents"] = len(PORTAL_DOCUMENTS)


def _next_sequence(sender_id: int, prefix: str, year: int) -> int:
    numbers = Document.objects.filter(
        organization_id=sender_id, number__startswith=f"{prefix}-{year}-"
    ).values_list("number", flat=True)
    return max((int(number.rsplit("-", 1)[1]) for number in numbers), default=0) + 1


def _issue(
    context: DemoContext,
    rng: random.Random,
    *,
    customer: Customer,
    doc_type: str,
    days_ago: int,
) -> Document:
    """Submit, accept, route and deliver one document, as the sender's billing system would."""
    profile = PROFILES[SENDER_PROFILES[customer.sender.slug]]
    issue_date = context.today - datetime.timedelta(days=days_ago)
    period = (issue_date.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    lines: list[DemoLine] = sent_document_lines(
        profile,
        doc_type,
        rng,
        period=period,
        is_business=customer.kind == CustomerKind.BUSINESS,
    )
    amounts = document_amounts(doc_type, lines)
    prefix = profile.prefixes[doc_type]
    sequence = _next_sequence(customer.sender_id, prefix, issue_date.year)
    payable = doc_type in PAYABLE_TYPES
    billing = Actor.for_system("demo billing system")
    received_at = context.moment(days_ago, 6, rng.randint(0, 59))
    with context.clock_at(received_at):
        document = document_create(
            actor=billing,
            organization=customer.sender,
            customer=customer,
            data=DocumentInput(
                type=doc_type,
                number=f"{prefix}-{issue_date.year}-{sequence:05d}",
                issue_date=issue_date,
                due_date=issue_date + datetime.timedelta(days=profile.payment_terms_days)
                if payable
                else None,
                currency=profile.currency,
                amount_net=amounts.net,
                amount_vat=amounts.vat,
                amount_total=amounts.total,
                amount_payable=amounts.payable,
                payment_reference=kid_mod10(
                    f"{customer.customer_number}{issue_date:%y}{sequence:05d}"
                )
                if payable
                else "",
                note=f"{period:%m.%Y}" if doc_type == T.INVOICE else "",
                lines=[
                    LineInput(
                        item_name=line.item_name,
                        quantity=line.quantity,
                        unit_code=line.unit_code,
                        unit_price=line.unit_price,
                        amount_net=line.amount_net,
                        vat_category=line.vat_category,
                        vat_rate=line.vat_rate,
                    )
                    for line in lines
                ],
            ),
        )
        document_transition(document=document, to_status=DocumentStatus.ACCEPTED, actor=billing)
        delivery = document_route(document=document, actor=billing)
    if delivery is not None and delivery.channel not in CHANNELS_SENT_BY_THE_WORKER:
        deliver_as_the_network_reports(context, delivery, after=received_at)
    document.refresh_from_db()
    return document
