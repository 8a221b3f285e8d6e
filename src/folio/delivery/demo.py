"""Demo traffic: thirteen months of sent and received documents with their life stories.

Each document's story is simulated step by step on its channel's real rhythm (Nets batches,
print runs, Peppol receipts, e-mail bounces, Smartmail falling back to print) and cut off at
"now", so that old documents are settled and today's are still on their way. Every document
status change is a DocumentEvent with `from_status`/`to_status`; delivery-only steps (routing,
receipts that do not move the document, opens, fallbacks) carry the delivery and
`data["delivery_status"]` and leave the document statuses empty. Payment events carry payment
statuses.

The rows are written with bulk_create rather than through the services: the services stamp
"now" on every row, and calling them some 40,000 times would make the demo seed take minutes.
The simulation follows the same transition tables the services enforce (the demo tests check
every document's event chain against DOCUMENT_TRANSITIONS).
"""

from __future__ import annotations

import contextlib
import datetime
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from folio.core.demo import DemoContext
from folio.customers.models import ChannelCode, Customer, CustomerKind
from folio.delivery.models import (
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
)
from folio.documents.demo import (
    ALL_TYPES,
    PROFILES,
    RECEIVED_TYPE_WEIGHTS,
    DemoLine,
    SenderProfile,
    document_amounts,
    kid_mod10,
    money,
    received_document_lines,
    reminder_lines,
    sent_document_lines,
)
from folio.documents.models import (
    PAYABLE_TYPES,
    Direction,
    Document,
    DocumentEvent,
    DocumentLine,
    DocumentStatus,
    DocumentType,
    EventKind,
    PaymentStatus,
)
from folio.tenancy.demo import NORDLYS_NO, NORDLYS_SE, SENDER_PROFILES

C = ChannelCode
S = DocumentStatus
D = DeliveryStatus
T = DocumentType
P = PaymentStatus

HISTORY_DAYS = 395  # thirteen months
RECEIVED_SHARE = 0.08
BATCH_SIZE = 500

# What one delivery costs the sender, per currency and channel.
CHANNEL_COSTS = {
    "NOK": {
        C.EMAIL: "0.05",
        C.SMARTMAIL: "0.35",
        C.PRINT: "11.50",
        C.PORTAL: "0",
        C.PEPPOL: "0.40",
        C.EFAKTURA_NO: "1.20",
        C.AVTALEGIRO_NO: "1.20",
    },
    "SEK": {
        C.EMAIL: "0.05",
        C.SMARTMAIL: "0.40",
        C.PRINT: "10.90",
        C.PORTAL: "0",
        C.PEPPOL: "0.45",
        C.KIVRA_SE: "2.90",
        C.EFAKTURA_SE: "1.50",
    },
    "EUR": {C.EMAIL: "0.01", C.SMARTMAIL: "0.04", C.PRINT: "0.95", C.PORTAL: "0", C.PEPPOL: "0.04"},
}
# Channels that carry only payment requests (bank e-invoices and direct debit claims).
PAYMENT_ONLY_CHANNELS = {C.EFAKTURA_NO, C.AVTALEGIRO_NO, C.EFAKTURA_SE}
PEPPOL_TYPES = {T.INVOICE, T.CREDIT_NOTE, T.ORDER_CONFIRMATION, T.REMINDER, T.DELIVERY_NOTE}
STOP_REASONS = [
    "Missing buyer reference (BT-10), which this recipient requires.",
    "The customer has no postal address for print and no electronic address.",
    "The KID fails the MOD10 check.",
    "The amount is above the limit for sending without approval.",
    "Possible duplicate: same customer, amount and due date as an earlier document.",
    "The customer's e-mail address is missing.",
]
PERMANENT_ERRORS = {
    C.EMAIL: "550 5.1.1 The e-mail account that you tried to reach does not exist.",
    C.SMARTMAIL: "The recipient's mobile number is not in service.",
    C.PRINT: "Returned by the postal service: addressee unknown.",
    C.PEPPOL: "The participant is not registered in the SML.",
    C.EFAKTURA_NO: "The recipient has no eFaktura agreement with this sender.",
    C.AVTALEGIRO_NO: "The AvtaleGiro agreement was cancelled by the payer.",
    C.KIVRA_SE: "The recipient is not a Kivra user.",
    C.EFAKTURA_SE: "The payer's bank rejected the e-invoice (no agreement).",
}
TRANSIENT_ERRORS = [
    "Connection timed out after 30 s.",
    "503 Service Unavailable",
    "421 4.7.0 Try again later",
]
PAYMENT_SOURCES = {
    "NOK": "OCR giro file from Nets",
    "SEK": "Bankgirot payment file",
    "EUR": "SEPA credit transfer (camt.054)",
}


def _local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=_local_zone())


def _working_days_after(moment: datetime.datetime, days: int, *, hour: int):
    day = moment.astimezone(_local_zone()).date()
    while days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return _at(day, hour)


def _next_weekday_at(moment: datetime.datetime, hour: int) -> datetime.datetime:
    """The next weekday `hour` o'clock after `moment` (batch runs and post)."""
    local = moment.astimezone(_local_zone())
    day = local.date()
    if local.hour >= hour:
        day += datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return _at(day, hour)


@dataclass
class DocSpec:
    sender_slug: str
    profile: SenderProfile
    customer: Customer
    direction: str
    type: str
    issue_date: datetime.date
    received_at: datetime.datetime
    lines: list[DemoLine] = field(default_factory=list)
    number: str = ""
    due_date: datetime.date | None = None
    payment_reference: str = ""
    buyer_reference: str = ""
    order_reference: str = ""
    note: str = ""
    reminded_on: datetime.date | None = None  # an invoice that got a reminder
    reminder_of: DocSpec | None = None
    # A reminded invoice and its reminder are settled together on this day (or never).
    settled_on: datetime.date | None = None


@dataclass
class DeliverySpec:
    channel: str
    reason: str
    cost: Decimal
    currency: str
    created_at: datetime.datetime
    external_reference: str
    status: str = D.PENDING
    status_changed_at: datetime.datetime | None = None
    attempts: list[tuple[datetime.datetime, str, str, str]] = field(default_factory=list)
    fallback_of: DeliverySpec | None = None
    row: Delivery | None = None


@dataclass
class Step:
    at: datetime.datetime
    kind: str
    to_status: str = ""  # a document status, or a payment status for PAYMENT
    message: str = ""
    delivery: DeliverySpec | None = None
    delivery_status: str = ""
    actor_label: str = "folio"
    actor_user: object | None = None
    data: dict = field(default_factory=dict)


class Story:
    """The steps of one document, kept in time order and cut off at `now`."""

    def __init__(self, start: datetime.datetime, now: datetime.datetime):
        self.now = now
        self.clock = start
        self.steps: list[Step] = []
        self.status = S.RECEIVED
        self.payment_status = ""
        self.ended = False
        self.deliveries: list[DeliverySpec] = []

    def add(self, at: datetime.datetime, kind: str, **fields) -> bool:
        """Record a step at `at` (never before the previous one); False once past now."""
        at = max(at, self.clock)
        if self.ended or at > self.now:
            self.ended = True
            return False
        self.clock = at
        self.steps.append(Step(at=at, kind=kind, **fields))
        return True

    def move(self, at: datetime.datetime, to_status: str, kind: str, **fields) -> bool:
        if not self.add(at, kind, to_status=to_status, **fields):
            return False
        self.steps[-1].data.setdefault("from_status", self.status)
        self.status = to_status
        return True

    def delivery(
        self,
        at: datetime.datetime,
        delivery: DeliverySpec,
        status: str,
        kind: str,
        message: str = "",
        *,
        with_document: str = "",
    ) -> bool:
        """A delivery status change; when it also moves the document, one event records both."""
        moment = max(at, self.clock)
        if self.ended or moment > self.now:
            self.ended = True
            return False
        delivery.status = status
        delivery.status_changed_at = moment
        if with_document:
            return self.move(
                moment,
                with_document,
                kind,
                message=message,
                delivery=delivery,
                data={"delivery_status": status},
            )
        return self.add(
            moment,
            kind,
            message=message,
            delivery=delivery,
            delivery_status=status,
            data={"delivery_status": status},
        )


def seed_demo(context: DemoContext) -> None:
    rng = context.rng_for("traffic")
    specs = _plan(context, rng)
    _number(specs)
    stories = [_story(spec, context, rng) for spec in specs]
    _persist(specs, stories)
    context.counts["documents"] = len(specs)
    context.counts["document events"] = sum(len(story.steps) for story in stories)


# -- planning ---------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _received_moment(rng: random.Random, day: datetime.date, now: datetime.datetime):
    moment = _at(day, 6) + datetime.timedelta(minutes=rng.randint(0, 660))
    if moment >= now:
        start_of_day = _at(now.astimezone(_local_zone()).date(), 0)
        earliest = max(start_of_day, now - datetime.timedelta(hours=5))
        span = max(int((now - earliest).total_seconds()) - 60, 1)
        moment = earliest + datetime.timedelta(seconds=rng.randint(0, span))
    return moment


def _plan(context: DemoContext, rng: random.Random) -> list[DocSpec]:
    today = context.today
    received_count = max(int(context.documents * RECEIVED_SHARE), 3)
    sent_count = context.documents - received_count
    sender_weights = {slug: len(context.customers_by_sender[slug]) for slug in SENDER_PROFILES}
    specs: list[DocSpec] = []
    reminders: list[DocSpec] = []
    for index in range(sent_count):
        slug = _weighted(rng, sender_weights)
        profile = PROFILES[SENDER_PROFILES[slug]]
        # The first documents cover every type, so that even a small seed has them all.
        doc_type = (
            ALL_TYPES[index] if index < len(ALL_TYPES) else _weighted(rng, profile.type_weights)
        )
        day = today - datetime.timedelta(days=rng.randint(0, HISTORY_DAYS))
        if doc_type == T.PURCHASE_ORDER:
            customer = rng.choice(context.suppliers_by_sender[slug])
        else:
            customer = rng.choice(context.customers_by_sender[slug])
        spec = DocSpec(
            sender_slug=slug,
            profile=profile,
            customer=customer,
            direction=Direction.SENT,
            type=doc_type,
            issue_date=day,
            received_at=_received_moment(rng, day, context.now),
        )
        if doc_type == T.REMINDER:
            reminders.append(spec)
            continue
        period = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        spec.lines = sent_document_lines(
            profile,
            doc_type,
            rng,
            period=period,
            is_business=customer.kind == CustomerKind.BUSINESS,
        )
        _references(spec, rng, period)
        specs.append(spec)
    specs += _reminders(reminders, specs, rng, context)
    received_numbers: set[tuple[str, str, str]] = set()
    for _ in range(received_count):
        slug = _weighted(rng, sender_weights)
        profile = PROFILES[SENDER_PROFILES[slug]]
        doc_type = _weighted(rng, RECEIVED_TYPE_WEIGHTS)
        day = today - datetime.timedelta(days=rng.randint(0, HISTORY_DAYS))
        supplier = rng.choice(context.suppliers_by_sender[slug])
        spec = DocSpec(
            sender_slug=slug,
            profile=profile,
            customer=supplier,
            direction=Direction.RECEIVED,
            type=doc_type,
            issue_date=day,
            received_at=_received_moment(rng, day, context.now),
            lines=received_document_lines(profile, doc_type, rng),
        )
        while True:
            spec.number = f"{supplier.customer_number[1:]}{rng.randint(100000, 999999)}"
            if (slug, doc_type, spec.number) not in received_numbers:
                received_numbers.add((slug, doc_type, spec.number))
                break
        if doc_type == T.INVOICE:
            spec.due_date = day + datetime.timedelta(days=30)
            spec.payment_reference = kid_mod10(f"{rng.randint(10**9, 10**10 - 1)}")
        specs.append(spec)
    specs.sort(key=lambda spec: spec.received_at)
    return specs


def _references(spec: DocSpec, rng: random.Random, period: datetime.date) -> None:
    customer = spec.customer
    if spec.type in PAYABLE_TYPES:
        spec.due_date = spec.issue_date + datetime.timedelta(days=spec.profile.payment_terms_days)
    if customer.kind == CustomerKind.BUSINESS and rng.random() < 0.6:
        spec.buyer_reference = f"45000{rng.randint(10000, 99999)}"
    if spec.type in (T.ORDER_CONFIRMATION, T.DELIVERY_NOTE, T.BILL_OF_LADING):
        spec.order_reference = f"PO-{rng.randint(1000, 99999)}"
    if spec.type == T.INVOICE and spec.profile.key != "tools_de":
        spec.note = f"{period:%m.%Y}"


def _reminders(
    reminders: list[DocSpec], specs: list[DocSpec], rng: random.Random, context: DemoContext
) -> list[DocSpec]:
    """Point each reminder at an overdue invoice of the same sender, ten days past due."""
    candidates = {
        slug: [
            s
            for s in specs
            if s.type == T.INVOICE
            and s.sender_slug == slug
            and s.due_date
            and s.due_date + datetime.timedelta(days=10) <= context.today
        ]
        for slug in SENDER_PROFILES
    }
    made = []
    for reminder in reminders:
        pool = [s for s in candidates[reminder.sender_slug] if s.reminded_on is None]
        if not pool:
            continue
        invoice = rng.choice(pool)
        amounts = document_amounts(invoice.type, invoice.lines)
        reminder.customer = invoice.customer
        reminder.issue_date = invoice.due_date + datetime.timedelta(days=10)
        reminder.received_at = _received_moment(rng, reminder.issue_date, context.now)
        reminder.due_date = reminder.issue_date + datetime.timedelta(days=14)
        reminder.reminder_of = invoice
        reminder.lines = reminder_lines(
            reminder.profile,
            invoice_number="?",
            invoice_total=amounts.total,
            due=invoice.due_date,
        )
        invoice.reminded_on = reminder.issue_date
        if rng.random() < 0.7:
            settled_on = reminder.issue_date + datetime.timedelta(days=rng.randint(2, 12))
            invoice.settled_on = reminder.settled_on = settled_on
        made.append(reminder)
    return made


def _number(specs: list[DocSpec]) -> None:
    """Number sent documents in time order per sender, type and year; KIDs from the numbers."""
    sequences: dict[tuple[str, str, int], int] = {}
    for spec in specs:
        if spec.direction != Direction.SENT:
            continue
        key = (spec.sender_slug, spec.type, spec.issue_date.year)
        sequences[key] = sequences.get(key, 0) + 1
        spec.number = (
            f"{spec.profile.prefixes[spec.type]}-{spec.issue_date.year}-{sequences[key]:05d}"
        )
        if spec.type in PAYABLE_TYPES and spec.profile.currency in ("NOK", "SEK"):
            # KID / OCR: customer number, then the document's sequence, then MOD10.
            spec.payment_reference = kid_mod10(
                f"{spec.customer.customer_number}{spec.issue_date:%y}{sequences[key]:05d}"
            )
        elif spec.type in PAYABLE_TYPES:
            spec.payment_reference = spec.number
    for spec in specs:
        if spec.reminder_of is not None:
            invoice = spec.reminder_of
            first = spec.lines[0]
            label = first.item_name.replace("?", invoice.number, 1)
            spec.lines[0] = DemoLine(
                label,
                first.quantity,
                first.unit_code,
                first.unit_price,
                first.vat_rate,
                first.vat_category,
            )
            spec.order_reference = invoice.number


# -- stories -----------------------------------------------------------------------------------


def _channel_for(spec: DocSpec) -> tuple[str, str]:
    customer = spec.customer
    preferred = customer.preferred_channel or (C.EMAIL if customer.email else C.PRINT)
    if preferred in PAYMENT_ONLY_CHANNELS and spec.type not in PAYABLE_TYPES:
        channel = C.EMAIL if customer.email else C.PRINT
        return channel, f"{preferred} carries payment requests only; sent by {channel}."
    if preferred == C.PEPPOL and spec.type not in PEPPOL_TYPES:
        return C.EMAIL, "Not a Peppol document type; sent by e-mail."
    if preferred == C.PEPPOL:
        return C.PEPPOL, f"Peppol participant {customer.peppol_id} found in the SML."
    return preferred, "The customer's preferred channel."


def _new_delivery(
    spec: DocSpec,
    channel: str,
    reason: str,
    at: datetime.datetime,
    rng: random.Random,
    fallback_of: DeliverySpec | None = None,
) -> DeliverySpec:
    currency = spec.profile.currency
    reference = {
        C.EMAIL: f"<{rng.getrandbits(64):016x}@mail.folio.example>",
        C.SMARTMAIL: f"SM-{rng.getrandbits(40):010x}",
        C.PRINT: f"P-{at:%Y%m%d}-{rng.randint(1, 9999):04d}",
        C.PEPPOL: f"sbdh-{uuid.UUID(int=rng.getrandbits(128), version=4)}",
        C.EFAKTURA_NO: f"NETS-EF-{rng.randint(10**8, 10**9 - 1)}",
        C.AVTALEGIRO_NO: f"NETS-AG-{rng.randint(10**8, 10**9 - 1)}",
        C.KIVRA_SE: f"kivra-{rng.getrandbits(48):012x}",
        C.EFAKTURA_SE: f"BGC-{rng.randint(10**8, 10**9 - 1)}",
        C.PORTAL: "",
    }[channel]
    return DeliverySpec(
        channel=channel,
        reason=reason,
        cost=Decimal(CHANNEL_COSTS[currency].get(channel, "0")),
        currency=currency,
        created_at=at,
        external_reference=reference,
        fallback_of=fallback_of,
    )


def _story(spec: DocSpec, context: DemoContext, rng: random.Random) -> Story:
    story = Story(spec.received_at, context.now)
    if spec.direction == Direction.RECEIVED:
        _received_story(spec, story, rng)
    else:
        _sent_story(spec, story, rng, context)
    return story


def _received_story(spec: DocSpec, story: Story, rng: random.Random) -> None:
    t0 = spec.received_at
    story.add(
        t0,
        EventKind.RECEIVED,
        to_status=S.RECEIVED,
        actor_label="peppol inbound",
        message="Received over Peppol from the supplier's access point.",
        data={"from_status": ""},
    )
    story.add(
        t0 + datetime.timedelta(seconds=2),
        EventKind.VALIDATED,
        message="EN 16931 and Peppol BIS Billing 3.0 rules passed.",
    )
    if rng.random() < 0.04:
        story.move(
            t0 + datetime.timedelta(seconds=3),
            S.STOPPED,
            EventKind.STOPPED,
            message="Unknown buyer reference: no matching purchase order.",
        )
        if rng.random() < 0.5:
            story.move(
                t0 + datetime.timedelta(hours=rng.randint(2, 60)),
                S.CANCELLED,
                EventKind.CANCELLED,
                message="Rejected: sent back to the supplier.",
            )
        return
    if not story.move(t0 + datetime.timedelta(seconds=3), S.ACCEPTED, EventKind.ACCEPTED):
        return
    if not story.move(
        t0 + datetime.timedelta(seconds=4),
        S.DELIVERED,
        EventKind.DELIVERED,
        message="Placed in the inbox for approval.",
        data={"channel": C.PEPPOL},
    ):
        return
    if spec.type == T.INVOICE and rng.random() < 0.93:
        amounts = document_amounts(spec.type, spec.lines)
        paid_on = spec.due_date - datetime.timedelta(days=rng.randint(0, 3))
        _payment(
            story,
            spec,
            amounts.payable,
            amounts.payable,
            _at(paid_on, 9, 30),
            source="Outgoing payment from the ERP",
            from_status=P.UNPAID,
        )


def _payment(
    story: Story,
    spec: DocSpec,
    amount: Decimal,
    paid_total: Decimal,
    at: datetime.datetime,
    *,
    source: str,
    from_status: str,
) -> bool:
    amounts = document_amounts(spec.type, spec.lines)
    to_status = P.PAID if paid_total >= amounts.payable else P.PARTLY_PAID
    if not story.add(
        at,
        EventKind.PAYMENT,
        to_status=to_status,
        message=source,
        actor_label="payments",
        data={
            "from_status": from_status,
            "amount": str(amount),
            "reference": spec.payment_reference,
            "paid_total": str(paid_total),
        },
    ):
        return False
    story.payment_status = to_status
    return True


def _sent_story(spec: DocSpec, story: Story, rng: random.Random, context: DemoContext) -> None:
    t0 = spec.received_at
    second = datetime.timedelta(seconds=1)
    story.add(
        t0,
        EventKind.RECEIVED,
        to_status=S.RECEIVED,
        actor_label="API key (ERP)",
        message="Received through the API.",
        data={"from_status": ""},
    )
    validated = (
        "EN 16931 and Peppol BIS Billing 3.0 rules passed."
        if spec.type in (T.INVOICE, T.CREDIT_NOTE)
        else "Schema and data requirements passed."
    )
    story.add(t0 + second, EventKind.VALIDATED, message=validated)
    clerk = context.users.get(
        {NORDLYS_NO: "clerk-no", NORDLYS_SE: "clerk-se"}.get(spec.sender_slug, "hansa-admin")
    )
    # An invoice that a reminder points at went out and stayed unpaid: no detours for it.
    uneventful = spec.reminded_on is not None
    if not uneventful and rng.random() < 0.03:
        reason = rng.choice(STOP_REASONS)
        story.move(t0 + 2 * second, S.STOPPED, EventKind.STOPPED, message=reason)
        roll = rng.random()
        if roll < 0.55:
            fixed_at = t0 + datetime.timedelta(minutes=rng.randint(20, 3 * 24 * 60))
            if not story.move(
                fixed_at,
                S.RECEIVED,
                EventKind.CORRECTED,
                message="Corrected in the sender portal and resent.",
                actor_label=clerk.get_username(),
                actor_user=clerk,
            ):
                return
            story.add(fixed_at + second, EventKind.VALIDATED, message=validated)
        elif roll < 0.8:
            story.move(
                t0 + datetime.timedelta(days=rng.randint(1, 5)),
                S.CANCELLED,
                EventKind.CANCELLED,
                message="Withdrawn: replaced by a corrected document.",
                actor_label=clerk.get_username(),
                actor_user=clerk,
            )
            return
        else:
            return  # still waiting for the sender to fix it
    if not story.move(story.clock + second, S.ACCEPTED, EventKind.ACCEPTED):
        return
    if not uneventful and rng.random() < 0.01:
        story.move(
            story.clock + datetime.timedelta(minutes=rng.randint(5, 90)),
            S.CANCELLED,
            EventKind.CANCELLED,
            message="Withdrawn by the sender before dispatch.",
            actor_label=clerk.get_username(),
            actor_user=clerk,
        )
        return
    channel, reason = _channel_for(spec)
    delivered_at = _dispatch(spec, story, rng, channel, reason, first=not uneventful)
    if delivered_at is None:
        return
    if spec.customer.portal_access and rng.random() < 0.45:
        viewed_at = delivered_at + datetime.timedelta(hours=rng.randint(1, 120))
        story.add(
            viewed_at, EventKind.VIEWED, actor_label=spec.customer.name, data={"via": "portal"}
        )
    if spec.type in PAYABLE_TYPES:
        _payments(spec, story, rng, channel)


def _dispatch(
    spec: DocSpec,
    story: Story,
    rng: random.Random,
    channel: str,
    reason: str,
    *,
    first: bool,
    fallback_of: DeliverySpec | None = None,
):
    """Route, send and confirm one delivery; returns when it was delivered, or None."""
    second = datetime.timedelta(seconds=1)
    routed_at = story.clock + second
    delivery = _new_delivery(spec, channel, reason, routed_at, rng, fallback_of)
    kind = EventKind.FALLBACK if fallback_of else EventKind.ROUTED
    if not story.add(
        routed_at,
        kind,
        message=reason,
        delivery=delivery,
        delivery_status=D.PENDING,
        data={
            "delivery_status": D.PENDING,
            "cost": str(delivery.cost),
            "currency": delivery.currency,
        },
    ):
        return None
    story.deliveries.append(delivery)
    delivery.status_changed_at = routed_at
    start = routed_at + 2 * second
    to_document = S.SENDING
    if not story.delivery(start, delivery, D.SENDING, EventKind.SENDING, with_document=to_document):
        return None
    if rng.random() < 0.05:
        retry_at = start + datetime.timedelta(minutes=rng.randint(5, 20))
        delivery.attempts.append(
            (start, AttemptOutcome.TRANSIENT_ERROR, "", rng.choice(TRANSIENT_ERRORS))
        )
        start = retry_at
    sent_at, delivered_at, sent_message, delivered_message = _channel_rhythm(channel, start, rng)
    fails = first and channel != C.PORTAL and rng.random() < 0.04
    if not story.delivery(
        sent_at, delivery, D.SENT, EventKind.SENT, sent_message, with_document=S.SENT
    ):
        return None
    delivery.attempts.append((sent_at, AttemptOutcome.SUCCESS, sent_message, ""))
    if channel == C.PRINT:
        story.add(
            sent_at,
            EventKind.PRINTED,
            message=sent_message,
            delivery=delivery,
            data={"print_batch": f"P-{sent_at:%Y%m%d}"},
        )
    if fails:
        failed_at = sent_at + datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 3))
        error = PERMANENT_ERRORS[channel]
        if not story.delivery(
            failed_at, delivery, D.FAILED, EventKind.FAILED, error, with_document=S.FAILED
        ):
            return None
        delivery.attempts.append((failed_at, AttemptOutcome.PERMANENT_ERROR, "", error))
        if channel != C.PRINT and spec.customer.address_line1 and rng.random() < 0.75:
            reason = f"Fallback to print after: {error}"
            return _dispatch(spec, story, rng, C.PRINT, reason, first=False, fallback_of=delivery)
        return None
    if not story.delivery(
        delivered_at,
        delivery,
        D.DELIVERED,
        EventKind.DELIVERED,
        delivered_message,
        with_document=S.DELIVERED,
    ):
        return None
    if channel in (C.EMAIL, C.SMARTMAIL, C.KIVRA_SE, C.PORTAL) and rng.random() < 0.65:
        opened_at = delivered_at + datetime.timedelta(minutes=rng.randint(5, 60 * 72))
        story.delivery(opened_at, delivery, D.OPENED, EventKind.OPENED, "Opened by the recipient.")
    elif channel == C.SMARTMAIL and spec.customer.address_line1:
        # Smartmail unopened after five days falls back to print.
        story.delivery(
            delivered_at + datetime.timedelta(days=5),
            delivery,
            D.EXPIRED,
            EventKind.EXPIRED,
            "Not opened within 5 days.",
        )
        if delivery.status == D.EXPIRED:
            story.move(
                story.clock,
                S.SENDING,
                EventKind.SENDING,
                message="Smartmail not opened: sending on paper.",
            )
            return _dispatch_fallback_print(spec, story, rng, delivery)
    return delivered_at


def _dispatch_fallback_print(spec, story, rng, expired: DeliverySpec):
    second = datetime.timedelta(seconds=1)
    delivery = _new_delivery(
        spec,
        C.PRINT,
        "Fallback to print: Smartmail not opened.",
        story.clock + second,
        rng,
        expired,
    )
    if not story.add(
        story.clock + second,
        EventKind.FALLBACK,
        message=delivery.reason,
        delivery=delivery,
        delivery_status=D.PENDING,
        data={
            "delivery_status": D.PENDING,
            "cost": str(delivery.cost),
            "currency": delivery.currency,
        },
    ):
        return None
    story.deliveries.append(delivery)
    delivery.status_changed_at = story.clock
    if not story.delivery(
        story.clock + second,
        delivery,
        D.SENDING,
        EventKind.STATUS_CHANGED,
        "Queued for the next print run.",
    ):
        return None
    sent_at, delivered_at, sent_message, delivered_message = _channel_rhythm(
        C.PRINT, story.clock, rng
    )
    if not story.delivery(
        sent_at, delivery, D.SENT, EventKind.SENT, sent_message, with_document=S.SENT
    ):
        return None
    delivery.attempts.append((sent_at, AttemptOutcome.SUCCESS, sent_message, ""))
    if not story.delivery(
        delivered_at,
        delivery,
        D.DELIVERED,
        EventKind.DELIVERED,
        delivered_message,
        with_document=S.DELIVERED,
    ):
        return None
    return delivered_at


def _channel_rhythm(channel: str, start: datetime.datetime, rng: random.Random):
    """When a channel reports sent and delivered, and what it says."""
    seconds = datetime.timedelta(seconds=rng.randint(2, 20))
    minutes = datetime.timedelta(minutes=rng.randint(1, 30))
    if channel == C.EMAIL:
        return (
            start + seconds,
            start + seconds + minutes,
            "250 2.0.0 Ok: queued",
            "Delivered to the recipient's mail server.",
        )
    if channel == C.SMARTMAIL:
        return (
            start + seconds,
            start + seconds + minutes,
            "Notification sent by SMS and e-mail.",
            "Notification delivered.",
        )
    if channel == C.PORTAL:
        return (
            start + seconds,
            start + 2 * seconds,
            "Published in the customer portal.",
            "Notification e-mail delivered.",
        )
    if channel == C.PEPPOL:
        return (
            start + seconds,
            start + seconds + minutes,
            "AS4 receipt from the receiving access point.",
            "Message level response: acknowledged (AB).",
        )
    if channel == C.KIVRA_SE:
        return (
            start + seconds,
            start + seconds + minutes,
            "Accepted by Kivra.",
            "Delivered to the recipient's Kivra inbox.",
        )
    if channel == C.PRINT:
        printed = _next_weekday_at(start, 15)
        posted = _working_days_after(printed, 2, hour=12)
        return (
            printed,
            posted,
            f"Printed and posted in batch P-{printed:%Y%m%d}.",
            "Delivered by post (2 working days).",
        )
    batch = _next_weekday_at(start, 14)
    morning = _next_weekday_at(batch, 6)
    label = {
        C.EFAKTURA_NO: ("Submitted to Nets eFaktura.", "Available in the payer's online bank."),
        C.AVTALEGIRO_NO: ("Claim submitted to Nets AvtaleGiro.", "Accepted by the payer's bank."),
        C.EFAKTURA_SE: ("Submitted to Bankgirot e-faktura.", "Available in the payer's bank."),
    }[channel]
    return batch, morning, label[0], label[1]


def _payments(spec: DocSpec, story: Story, rng: random.Random, channel: str) -> None:
    amounts = document_amounts(spec.type, spec.lines)
    if amounts.payable <= 0 or story.status not in (S.DELIVERED, S.SENT):
        return
    source = PAYMENT_SOURCES[spec.profile.currency]
    if channel == C.AVTALEGIRO_NO:
        _payment(
            story,
            spec,
            amounts.payable,
            amounts.payable,
            _at(spec.due_date, 7),
            source="AvtaleGiro debit on the due date",
            from_status=P.UNPAID,
        )
        return
    if spec.reminded_on is not None or spec.reminder_of is not None:
        if spec.settled_on is not None:
            _payment(
                story,
                spec,
                amounts.payable,
                amounts.payable,
                _at(spec.settled_on, 8),
                source=source,
                from_status=P.UNPAID,
            )
        return
    roll = rng.random()
    if roll < 0.72:
        paid_on = spec.due_date - datetime.timedelta(days=rng.randint(0, 10))
    elif roll < 0.9:
        paid_on = spec.due_date + datetime.timedelta(days=rng.randint(1, 9))
    elif roll < 0.94:
        half = money(amounts.payable / 2)
        if _payment(
            story, spec, half, half, _at(spec.due_date, 8), source=source, from_status=P.UNPAID
        ):
            rest_on = spec.due_date + datetime.timedelta(days=rng.randint(10, 40))
            if rng.random() < 0.6:
                _payment(
                    story,
                    spec,
                    amounts.payable - half,
                    amounts.payable,
                    _at(rest_on, 8),
                    source=source,
                    from_status=P.PARTLY_PAID,
                )
        return
    else:
        return  # unpaid
    _payment(
        story,
        spec,
        amounts.payable,
        amounts.payable,
        _at(paid_on, 8),
        source=source,
        from_status=P.UNPAID,
    )


# -- writing ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _given_timestamps(*models):
    """Let bulk_create keep the created_at/updated_at we set (auto_now would stamp "now").

    Only the seed command runs this, in its own process, before anything else uses the models.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _persist(specs: list[DocSpec], stories: list[Story]) -> None:
    documents = []
    for spec, story in zip(specs, stories, strict=True):
        amounts = document_amounts(spec.type, spec.lines)
        status_steps = [s for s in story.steps if s.to_status and s.kind != EventKind.PAYMENT]
        last_status = status_steps[-1]
        deliveries = story.deliveries
        paid = sum(
            (Decimal(s.data["amount"]) for s in story.steps if s.kind == EventKind.PAYMENT),
            Decimal("0.00"),
        )
        payable = spec.type in PAYABLE_TYPES and amounts.payable > 0
        viewed = [s.at for s in story.steps if s.kind == EventKind.VIEWED]
        documents.append(
            Document(
                organization_id=spec.customer.sender_id,
                customer=spec.customer,
                direction=spec.direction,
                type=spec.type,
                number=spec.number,
                issue_date=spec.issue_date,
                due_date=spec.due_date,
                currency=spec.profile.currency,
                amount_net=amounts.net,
                amount_vat=amounts.vat,
                amount_total=amounts.total,
                amount_payable=amounts.payable,
                amount_paid=paid,
                payment_reference=spec.payment_reference,
                buyer_reference=spec.buyer_reference,
                order_reference=spec.order_reference,
                counterparty_name=spec.customer.name,
                note=spec.note,
                status=story.status,
                status_changed_at=last_status.at,
                status_reason=last_status.message
                if story.status in (S.STOPPED, S.FAILED, S.CANCELLED)
                else "",
                payment_status=(story.payment_status or P.UNPAID) if payable else P.NOT_APPLICABLE,
                channel=deliveries[-1].channel
                if deliveries
                else (C.PEPPOL if spec.direction == Direction.RECEIVED else ""),
                first_viewed_at=viewed[0] if viewed else None,
                created_at=spec.received_at,
                updated_at=story.steps[-1].at,
            )
        )
    with _given_timestamps(Document, Delivery):
        Document.objects.bulk_create(documents, batch_size=BATCH_SIZE)
        lines = [
            DocumentLine(
                document=document,
                position=position,
                line_id=str(position),
                item_name=line.item_name,
                quantity=line.quantity,
                unit_code=line.unit_code,
                unit_price=line.unit_price,
                amount_net=line.amount_net,
                vat_category=line.vat_category,
                vat_rate=line.vat_rate,
            )
            for document, spec in zip(documents, specs, strict=True)
            for position, line in enumerate(spec.lines, start=1)
        ]
        DocumentLine.objects.bulk_create(lines, batch_size=BATCH_SIZE)
        all_deliveries = []
        for document, story in zip(documents, stories, strict=True):
            for sequence, delivery in enumerate(story.deliveries, start=1):
                delivery.row = Delivery(
                    document=document,
                    channel=delivery.channel,
                    status=delivery.status,
                    status_changed_at=delivery.status_changed_at,
                    cost=delivery.cost,
                    cost_currency=delivery.currency,
                    external_reference=delivery.external_reference
                    if delivery.status != D.PENDING
                    else "",
                    message_key=f"folio-{document.code}-{delivery.channel}-{sequence}",
                    routing_reason=delivery.reason,
                    attempt_count=len(delivery.attempts),
                    next_attempt_at=delivery.status_changed_at
                    if delivery.status in (D.PENDING, D.SENDING)
                    else None,
                    created_at=delivery.created_at,
                    updated_at=delivery.status_changed_at,
                )
                all_deliveries.append(delivery)
        # Fallbacks point at the delivery they replace, so those are written first.
        first_round = [d.row for d in all_deliveries if d.fallback_of is None]
        Delivery.objects.bulk_create(first_round, batch_size=BATCH_SIZE)
        for delivery in all_deliveries:
            if delivery.fallback_of is not None:
                delivery.row.fallback_of = delivery.fallback_of.row
        Delivery.objects.bulk_create(
            [d.row for d in all_deliveries if d.fallback_of is not None], batch_size=BATCH_SIZE
        )
    DeliveryAttempt.objects.bulk_create(
        [
            DeliveryAttempt(
                delivery=delivery.row,
                at=at,
                outcome=outcome,
                response=response,
                error=error,
                permanent=outcome == AttemptOutcome.PERMANENT_ERROR,
                duration_ms=len(response) * 37 % 900 + 40,
            )
            for delivery in all_deliveries
            for at, outcome, response, error in delivery.attempts
        ],
        batch_size=BATCH_SIZE,
    )
    events = []
    for document, story in zip(documents, stories, strict=True):
        for step in story.steps:
            data = dict(step.data)
            from_status = data.pop("from_status", "")
            channel = step.delivery.channel if step.delivery else data.pop("channel", "")
            to_status = step.to_status
            if not to_status:
                from_status = ""
            events.append(
                DocumentEvent(
                    document=document,
                    at=step.at,
                    kind=step.kind,
                    from_status=from_status,
                    to_status=to_status,
                    message=step.message,
                    actor_label=step.actor_label,
                    actor_user=step.actor_user,
                    delivery=step.delivery.row if step.delivery else None,
                    channel=channel,
                    data=data,
                )
            )
    DocumentEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
