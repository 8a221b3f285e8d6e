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
    DocumentType,
    EventKind,
    PaymentStatus,
)
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
    return [e for e in document.events.all() if e.to_status and e.kind != EventKind.PAYMENT]


@pytest.mark.django_db
def test_every_document_adds_up_and_its_status_follows_its_event_chain():
    seed()
    documents = Document.objects.prefetch_related("lines", "events").all()
    assert documents.count() == 150
    for document in documents:
        lines_net = sum((line.amount_net for line in document.lines.all()), Decimal("0"))
        assert document.lines.exists(), document.number
        assert lines_net == document.amount_net, document.number
        assert document.amount_net + document.amount_vat == document.amount_total
        expected_payable = document.amount_total if document.type in PAYABLE_TYPES else 0
        assert document.amount_payable == expected_payable, document.number

        chain = status_events(document)
        assert chain[0].kind == EventKind.RECEIVED and chain[0].from_status == ""
        for previous, event in itertools.pairwise(chain):
            assert event.from_status == previous.to_status, document.number
            assert event.to_status in DOCUMENT_TRANSITIONS[event.from_status], document.number
        assert document.status == chain[-1].to_status, document.number
        assert document.status_changed_at == chain[-1].at

        times = [event.at for event in document.events.all()]
        assert times == sorted(times) and times[-1] <= NOW

        payments = [e for e in document.events.all() if e.kind == EventKind.PAYMENT]
        paid = sum((Decimal(e.data["amount"]) for e in payments), Decimal("0"))
        assert paid == document.amount_paid
        if payments:
            assert document.payment_status == payments[-1].to_status
        elif document.type in PAYABLE_TYPES:
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
    ]


def wipe() -> None:
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
    assert counts == (5, 25, 60)
    assert counts == (
        Organization.objects.count(),
        Customer.objects.count(),
        Document.objects.count(),
    )
