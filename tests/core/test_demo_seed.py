"""The demo seed: consistent documents, valid identifiers, deterministic content, seeded once."""

import datetime
import itertools
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from stdnum import luhn
from stdnum.de import vat as de_vat
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from folio.collections.models import (
    Dispute,
    DisputeStatus,
    DunningPolicy,
    Promise,
    PromiseStatus,
    Reminder,
    StatementSchedule,
)
from folio.core.demo import demo_logins, demo_seed
from folio.customers.models import Consent, Contact, Customer, CustomerKind
from folio.delivery.models import DELIVERY_TRANSITIONS, Delivery, DeliveryAttempt
from folio.documents.models import (
    DOCUMENT_TRANSITIONS,
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
from folio.payments.models import (
    LedgerEntry,
    Payment,
    PaymentAllocation,
    WebhookEvent,
)
from folio.payments.models import PaymentStatus as CheckoutStatus
from folio.recipient_portal.demo import PORTAL_DOCUMENTS
from folio.servicedesk.models import Comment, QuoteDecision
from folio.tenancy.models import (
    ApiKey,
    AuditEntry,
    Membership,
    MembershipRole,
    Organization,
    VisibilityGroup,
)

NOW = timezone.now().replace(microsecond=0)


def seed(**sizes):
    sizes = {"customers": 30, "documents": 150, "seed": 7, "now": NOW} | sizes
    return demo_seed(**sizes)


def status_events(document: Document) -> list[DocumentEvent]:
    """The document's own status moves, replayed through DOCUMENT_TRANSITIONS.

    The traffic seed marks a delivery's own status changes with data["delivery_status"] and no
    document statuses; the delivery services write them with the delivery's statuses in the
    same columns. Those (and only events of a delivery) may fall outside the document's chain.
    """
    chain: list[DocumentEvent] = []
    status = ""
    for event in document.events.all():
        if not event.to_status or event.kind == EventKind.PAYMENT:
            continue
        if status == "":
            fits = event.to_status == DocumentStatus.RECEIVED
        else:
            fits = event.to_status in DOCUMENT_TRANSITIONS[status]
        if fits and event.from_status == status:
            chain.append(event)
            status = event.to_status
        else:
            assert event.delivery_id is not None, (document.number, event.kind)
    return chain


def portal_story_documents() -> set[int]:
    """Documents the portal stories made: the dunning run's reminders and the credit notes."""
    reminders = Reminder.objects.values_list("reminder_document_id", flat=True)
    credits = Dispute.objects.exclude(credit_note=None).values_list("credit_note_id", flat=True)
    return set(reminders) | set(credits)


@pytest.mark.django_db
def test_every_document_adds_up_and_its_status_follows_its_event_chain():
    context = seed()
    documents = Document.objects.prefetch_related("lines", "events").all()
    made_by_stories = portal_story_documents()
    portal_user_documents = context.counts["portal user documents"]
    assert documents.count() == 150 + portal_user_documents + len(made_by_stories)
    fees = dict(Reminder.objects.values_list("reminder_document_id", "fee"))
    for document in documents:
        lines_net = sum((line.amount_net for line in document.lines.all()), Decimal("0"))
        assert document.lines.exists(), document.number
        assert lines_net == document.amount_net, document.number
        assert document.amount_net + document.amount_vat == document.amount_total
        if document.id in fees:
            # A dunning reminder asks for its fee; the open amount stays on the invoice.
            expected_payable = fees[document.id]
        elif document.type in PAYABLE_TYPES:
            expected_payable = document.amount_total
        else:
            expected_payable = 0
        assert document.amount_payable == expected_payable, document.number

        chain = status_events(document)
        assert chain[0].kind == EventKind.RECEIVED and chain[0].from_status == ""
        assert document.status == chain[-1].to_status, document.number
        assert document.status_changed_at == chain[-1].at

        times = [event.at for event in document.events.all()]
        assert times == sorted(times) and times[-1] <= NOW

        payments = [e for e in document.events.all() if e.kind == EventKind.PAYMENT]
        paid = sum((Decimal(e.data["amount"]) for e in payments), Decimal("0"))
        assert paid == document.amount_paid
        if payments:
            assert document.payment_status == payments[-1].to_status
        elif document.type in PAYABLE_TYPES and document.amount_payable > 0:
            assert document.payment_status == PaymentStatus.UNPAID
        else:
            assert document.payment_status == PaymentStatus.NOT_APPLICABLE


@pytest.mark.django_db
def test_deliveries_follow_their_transition_table_and_cost_something_sensible():
    seed()
    for delivery in Delivery.objects.prefetch_related("events"):
        statuses = [
            e.data["delivery_status"] for e in delivery.events.all() if "delivery_status" in e.data
        ]
        if not statuses:
            # Written by the delivery services (the portal stories): statuses in the columns.
            statuses = ["pending"]
            for event in delivery.events.all():
                if (
                    event.from_status == statuses[-1]
                    and event.to_status in DELIVERY_TRANSITIONS[statuses[-1]]
                ):
                    statuses.append(event.to_status)
        assert statuses[0] == "pending"
        for before, after in itertools.pairwise(statuses):
            assert after in DELIVERY_TRANSITIONS[before], delivery.message_key
        assert delivery.status == statuses[-1]
        assert delivery.cost >= 0
        assert delivery.document.channel
    assert DeliveryAttempt.objects.exists()


@pytest.mark.django_db
def test_the_seed_covers_every_type_both_directions_and_a_spread_of_outcomes():
    seed(documents=400)
    documents = Document.objects.all()
    assert {d.type for d in documents} == set(DocumentType.values)
    assert {d.direction for d in documents} == {Direction.SENT, Direction.RECEIVED}
    statuses = Counter(d.status for d in documents)
    assert statuses["delivered"] > 250
    assert statuses["stopped"] + statuses["failed"] + statuses["cancelled"] > 0
    oldest = min(d.issue_date for d in documents)
    assert (timezone.localdate(NOW) - oldest).days > 360
    old_invoices = [
        d
        for d in documents
        if d.type == DocumentType.INVOICE
        and d.due_date
        and d.due_date < timezone.localdate(NOW) - datetime.timedelta(days=60)
        and d.status == "delivered"
    ]
    paid = [d for d in old_invoices if d.payment_status == PaymentStatus.PAID]
    assert len(paid) > 0.7 * len(old_invoices)
    stopped = documents.filter(status="stopped")
    assert all(d.status_reason for d in stopped)


@pytest.mark.django_db
def test_organizations_customers_and_references_carry_valid_identifiers():
    seed(customers=60)
    names = set(Organization.objects.values_list("name", flat=True))
    assert {
        "Folio Operations",
        "Nordlys Energi Group",
        "Nordlys Strøm AS",
        "Nordlys Energi Sverige AB",
        "Hansa Werkzeuge GmbH",
    } == names
    assert not VisibilityGroup.objects.exists()
    nordlys_no = Organization.objects.get(name="Nordlys Strøm AS")
    assert no_orgnr.is_valid(nordlys_no.org_number)
    assert nordlys_no.vat_id == f"NO{nordlys_no.org_number}MVA"
    assert nordlys_no.peppol_id == f"0192:{nordlys_no.org_number}"
    assert se_orgnr.is_valid(Organization.objects.get(slug="nordlys-sverige").org_number)
    assert de_vat.is_valid(Organization.objects.get(slug="hansa-werkzeuge").vat_id)

    customers = Customer.objects.all()
    assert customers.count() == 60
    assert {c.country for c in customers} == {"NO", "SE", "DE"}
    assert {"nb", "sv", "de", "en"} <= {c.language for c in customers}
    for customer in customers.filter(kind=CustomerKind.BUSINESS):
        if customer.country == "NO":
            assert no_orgnr.is_valid(customer.org_number), customer.name
        elif customer.country == "SE":
            assert se_orgnr.is_valid(customer.org_number), customer.name
        else:
            assert de_vat.is_valid(customer.vat_id), customer.name
    assert any(c in "æøåäöüß" for name in customers.values_list("name", flat=True) for c in name)

    no_consumer_bills = Document.objects.filter(
        organization=nordlys_no,
        direction=Direction.SENT,
        customer__kind=CustomerKind.PERSON,
        type__in=PAYABLE_TYPES,
    )
    assert no_consumer_bills.exists()
    for document in no_consumer_bills:
        assert luhn.is_valid(document.payment_reference), document.number


@pytest.mark.django_db
def test_demo_users_sign_in_with_the_demo_password_and_hold_their_roles():
    seed()
    for login in demo_logins():
        user = get_user_model().objects.get(username=login.username)
        assert user.is_active and user.check_password("folio-demo")
    role = {
        m.user.username: (m.organization.slug, m.role)
        for m in Membership.objects.select_related("user", "organization")
    }
    assert role["enterprise-admin"] == ("nordlys", MembershipRole.ADMIN)
    assert role["clerk-no"] == ("nordlys-strom", MembershipRole.CLERK)
    assert role["clerk-se"] == ("nordlys-sverige", MembershipRole.CLERK)
    assert role["viewer"] == ("nordlys-strom", MembershipRole.VIEWER)
    assert role["hansa-admin"] == ("hansa-werkzeuge", MembershipRole.ADMIN)
    assert get_user_model().objects.get(username="operator").is_staff
    kari = Contact.objects.get(user__username="kari.nordmann")
    assert kari.customer.kind == CustomerKind.PERSON and kari.is_admin
    erik = Contact.objects.get(user__username="erik.lund")
    assert erik.customer.kind == CustomerKind.BUSINESS
    assert (erik.can_view, erik.can_pay, erik.can_dispute, erik.is_admin) == (
        True,
        False,
        False,
        False,
    )


def snapshot() -> list:
    documents = Document.objects.order_by("organization__slug", "direction", "type", "number")
    return [
        (
            d.organization.slug,
            d.number,
            d.type,
            d.customer.name,
            d.customer.customer_number,
            str(d.amount_total),
            d.payment_reference,
            d.status,
            d.payment_status,
            d.channel,
            [(line.item_name, str(line.amount_net)) for line in d.lines.all()],
            [(e.kind, e.to_status, e.at) for e in d.events.all()],
        )
        for d in documents.select_related("organization", "customer")
    ] + portal_snapshot()


def portal_snapshot() -> list:
    """The portal stories' own rows, in an order that does not depend on random codes."""
    return [
        [
            (c.document.number, c.author_name, c.from_sender, c.body, c.created_at)
            for c in Comment.objects.select_related("document").order_by("created_at", "body")
        ],
        [
            (q.document.number, q.decision, q.signer_name, q.reason, q.decided_at)
            for q in QuoteDecision.objects.select_related("document").order_by("decided_at")
        ],
        [
            (p.customer.name, str(p.amount), p.status, str(p.applied_amount), p.created_at)
            for p in Payment.objects.select_related("customer").order_by("created_at", "amount")
        ],
        [
            (e.kind, str(e.amount), e.occurred_at)
            for e in LedgerEntry.objects.order_by("occurred_at", "amount")
        ],
        [
            (p.customer.name, str(p.amount), p.promised_date, p.status, p.created_at, p.closed_at)
            for p in Promise.objects.select_related("customer").order_by("created_at", "amount")
        ],
        [
            (d.document.number, d.status, str(d.amount), d.answer, d.created_at, d.resolved_at)
            for d in Dispute.objects.select_related("document").order_by("created_at", "amount")
        ],
        sorted(
            (r.document.number, r.level, str(r.fee), str(r.amount_open), r.created_at)
            for r in Reminder.objects.select_related("document")
        ),
    ]


def wipe() -> None:
    LedgerEntry.objects.all().delete()
    WebhookEvent.objects.all().delete()
    PaymentAllocation.objects.all().delete()
    Payment.objects.all().delete()
    QuoteDecision.objects.all().delete()
    Reminder.objects.all().delete()
    Dispute.objects.all().delete()
    Promise.objects.all().delete()
    Comment.objects.all().delete()
    DocumentEvent.objects.all().delete()
    DeliveryAttempt.objects.all().delete()
    Delivery.objects.filter(fallback_of__isnull=False).delete()
    Delivery.objects.all().delete()
    DocumentLine.objects.all().delete()
    Document.objects.all().delete()
    Consent.objects.all().delete()
    Contact.objects.all().delete()
    Customer.objects.all().delete()
    AuditEntry.objects.all().delete()
    ApiKey.objects.all().delete()
    Membership.objects.all().delete()
    for organization in sorted(Organization.objects.all(), key=lambda o: -len(o.path)):
        organization.delete()
    get_user_model().objects.all().delete()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_differs():
    sizes = {"customers": 25, "documents": 60}
    seed(seed=11, **sizes)
    first = snapshot()
    wipe()
    seed(seed=11, **sizes)
    assert snapshot() == first
    wipe()
    seed(seed=12, **sizes)
    assert snapshot() != first


@pytest.mark.django_db
def test_seed_demo_command_seeds_once(capsys):
    call_command("seed_demo", customers=25, documents=60, seed=3)
    assert "Seeded demo data" in capsys.readouterr().out
    counts = (Organization.objects.count(), Customer.objects.count(), Document.objects.count())

    call_command("seed_demo", customers=25, documents=60, seed=3)

    assert "already seeded" in capsys.readouterr().out
    assert counts == (5, 25, 60 + len(PORTAL_DOCUMENTS) + len(portal_story_documents()))
    assert counts == (
        Organization.objects.count(),
        Customer.objects.count(),
        Document.objects.count(),
    )


@pytest.mark.django_db
def test_the_portal_stories_are_seeded_through_the_services():
    # Big enough that other customers than the demo users have portal access and a contact.
    context = seed(customers=120, documents=500)
    stories = context.portal_documents
    # The seed's clock was the services' clock only while it replayed the stories.
    assert timezone.now() >= NOW
    with pytest.raises(ValueError), context.clock_at(NOW + datetime.timedelta(minutes=1)):
        pass

    customer_comments = Comment.objects.filter(from_sender=False)
    assert customer_comments.count() >= 4
    for comment in customer_comments:
        reply = Comment.objects.get(document=comment.document, from_sender=True)
        assert reply.created_at > comment.created_at
    assert set(QuoteDecision.objects.values_list("decision", flat=True)) == {
        "accepted",
        "rejected",
    }

    payments = Payment.objects.prefetch_related("allocations", "ledger")
    assert payments.count() >= 5
    for payment in payments:
        # Paid on the sandbox provider's page: the ledger holds the PSP's figure.
        assert payment.status == CheckoutStatus.SUCCEEDED
        assert [entry.amount for entry in payment.ledger.all()] == [payment.amount]
        assert payment.applied_amount == payment.amount
    partly = Document.objects.get(pk=stories["kari_partly_paid"].pk)
    assert partly.payment_status == PaymentStatus.PARTLY_PAID
    assert partly.amount_paid == partly.payment_allocations.get().amount
    assert Document.objects.get(pk=stories["kari_paid"].pk).payment_status == PaymentStatus.PAID

    assert set(Promise.objects.values_list("status", flat=True)) == {
        PromiseStatus.OPEN,
        PromiseStatus.KEPT,
        PromiseStatus.BROKEN,
    }
    assert Promise.objects.filter(status=PromiseStatus.OPEN, promised_date__gte=NOW.date())
    assert set(Dispute.objects.values_list("status", flat=True)) == {
        DisputeStatus.OPEN,
        DisputeStatus.ACCEPTED,
        DisputeStatus.REJECTED,
    }
    for dispute in Dispute.objects.filter(status=DisputeStatus.ACCEPTED):
        assert dispute.credit_note.type == DocumentType.CREDIT_NOTE
        assert dispute.credit_note.status == DocumentStatus.DELIVERED
    # Other customers than the two demo users have stories too.
    demo_customers = {document.customer_id for document in stories.values()}
    assert Comment.objects.exclude(document__customer_id__in=demo_customers).exists()
    assert Payment.objects.exclude(customer_id__in=demo_customers).exists()

    reminders = Reminder.objects.select_related("reminder_document")
    assert reminders.exists()
    assert all(r.reminder_document.type == DocumentType.REMINDER for r in reminders)
    assert DunningPolicy.objects.count() == 3
    assert StatementSchedule.objects.count() == 2
    for name in ("comments", "portal payments in part", "promises to pay", "disputes"):
        assert context.counts[name] > 0, name


@pytest.mark.django_db
def test_the_demo_portal_users_see_their_stories_on_the_portal_pages(client):
    context = seed()
    stories = context.portal_documents
    kari = get_user_model().objects.get(username="kari.nordmann")
    client.force_login(kari)

    def page(key: str) -> str:
        response = client.get(f"/portal/documents/{stories[key].code}/")
        assert response.status_code == 200
        return response.content.decode()

    home = client.get("/portal/").content.decode()
    assert stories["kari_current"].number in home
    current = page("kari_current")
    assert "Hvorfor er denne fakturaen høyere enn forrige måned?" in current
    assert "Forbruket er målt av AMS-måleren" in current  # the sender's reply
    assert "Disputed" in current
    assert "Accepted by Kari Nordmann" in page("kari_quote_accepted")
    credited = page("kari_disputed_credited")
    credit_note = Dispute.objects.get(document=stories["kari_disputed_credited"]).credit_note
    assert f"Credit note {credit_note.number}" in credited
    assert "You promised to pay" in page("kari_partly_paid")
    statement = client.get("/portal/statement/").content.decode()
    assert stories["kari_partly_paid"].number in statement

    client.logout()
    client.force_login(get_user_model().objects.get(username="erik.lund"))
    rejected = page("svea_disputed_rejected")
    assert "Mätvärdena kommer från nätägarens timmätning" in rejected  # the sender's answer
    assert "Send the dispute" not in rejected  # view-only contact
    assert "Rejected: Vi har valt en annan leverantör" in page("svea_quote_rejected")
    assert "Kari" not in client.get("/portal/").content.decode()
