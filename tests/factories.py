"""factory-boy factories for every Folio model.

Rows that a service owns (organizations, memberships, API keys, customers, documents, deliveries)
are created through that service with a system actor, so that factories obey the same rules as
the product: an organization gets its materialized `path`, a document gets its RECEIVED event,
an API key is stored hashed. Plain records (lines, events, audit entries) are created directly.
"""

from __future__ import annotations

import datetime
from collections import deque
from decimal import ROUND_HALF_UP, Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from folio.customers import services as customer_services
from folio.customers.models import Consent, ConsentKind, Contact, Customer, CustomerKind
from folio.delivery import services as delivery_services
from folio.delivery.models import (
    DELIVERY_TRANSITIONS,
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
)
from folio.documents import services as document_services
from folio.documents.models import (
    DOCUMENT_TRANSITIONS,
    Document,
    DocumentEvent,
    DocumentFile,
    DocumentLine,
    DocumentStatus,
    DocumentType,
    EventKind,
    FileKind,
)
from folio.documents.services import DocumentInput, LineInput
from folio.tenancy import services as tenancy_services
from folio.tenancy.actors import Actor
from folio.tenancy.models import (
    ApiKey,
    AuditEntry,
    Membership,
    MembershipRole,
    MembershipScope,
    Organization,
    OrganizationKind,
    VisibilityGroup,
)

# Every persona and factory user has this password (tests log in with it where the form matters).
TEST_PASSWORD = "folio-test-password"

CENT = Decimal("0.01")


def system_actor() -> Actor:
    # A fresh actor each time: an Actor caches its grants, and factories keep adding organizations.
    return Actor.for_system("tests")


def transition_path(transitions: dict[str, frozenset[str]], start: str, goal: str) -> list[str]:
    """The shortest chain of legal moves from `start` to `goal` (excluding `start`)."""
    if start == goal:
        return []
    queue: deque[list[str]] = deque([[start]])
    seen = {start}
    while queue:
        chain = queue.popleft()
        for step in sorted(transitions[chain[-1]]):
            if step in seen:
                continue
            if step == goal:
                return [*chain[1:], step]
            seen.add(step)
            queue.append([*chain, step])
    raise ValueError(f"no legal path from {start} to {goal}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    is_active = True
    password = factory.django.Password(TEST_PASSWORD)


class OrganizationFactory(DjangoModelFactory):
    """Any organization; by default a company directly below a new operator."""

    class Meta:
        model = Organization

    kind = OrganizationKind.COMPANY
    parent = factory.SubFactory(
        "tests.factories.OrganizationFactory", kind=OrganizationKind.OPERATOR, parent=None
    )
    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    country = "NO"
    org_number = ""
    vat_id = ""
    peppol_id = ""
    email = factory.LazyAttribute(lambda org: f"post@{org.slug}.example.test")
    language = "en"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return tenancy_services.organization_create(actor=system_actor(), **kwargs)


class OperatorFactory(OrganizationFactory):
    kind = OrganizationKind.OPERATOR
    parent = None
    name = factory.Sequence(lambda n: f"Operator {n}")


class EnterpriseFactory(OrganizationFactory):
    kind = OrganizationKind.ENTERPRISE
    parent = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Enterprise {n}")


class CompanyFactory(OrganizationFactory):
    kind = OrganizationKind.COMPANY
    parent = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Company {n} AS")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(CompanyFactory)
    role = MembershipRole.CLERK
    scope = MembershipScope.ORGANIZATION

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return tenancy_services.membership_grant(actor=system_actor(), **kwargs)


class VisibilityGroupFactory(DjangoModelFactory):
    """A visibility group below `parent`; pass `members=[org, ...]` (subsidiaries of parent)."""

    class Meta:
        model = VisibilityGroup

    parent = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Visibility group {n}")
    members = factory.LazyAttribute(lambda group: [])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return tenancy_services.visibility_group_create(actor=system_actor(), **kwargs)


class ApiKeyFactory(DjangoModelFactory):
    """An API key made by the service. The one-time secret is on the instance as `.secret`."""

    class Meta:
        model = ApiKey

    organization = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Key {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key, secret = tenancy_services.api_key_create(actor=system_actor(), **kwargs)
        key.secret = secret
        return key


def api_key_with_secret(organization: Organization, name: str = "Test key") -> tuple[ApiKey, str]:
    key = ApiKeyFactory(organization=organization, name=name)
    return key, key.secret


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer

    sender = factory.SubFactory(CompanyFactory)
    customer_number = factory.Sequence(lambda n: f"{10000 + n}")
    kind = CustomerKind.PERSON
    name = factory.Faker("name")
    country = factory.LazyAttribute(lambda customer: customer.sender.country)
    address_line1 = factory.Faker("street_address")
    postcode = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    city = factory.Faker("city")
    email = factory.Sequence(lambda n: f"customer{n}@example.test")
    language = "en"

    class Params:
        business = factory.Trait(
            kind=CustomerKind.BUSINESS,
            name=factory.Faker("company"),
            org_number=factory.Sequence(lambda n: f"9{n:08d}"),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return customer_services.customer_create(actor=system_actor(), **kwargs)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    customer = factory.SubFactory(CustomerFactory)
    user = None
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.test")
    can_view = True
    can_pay = False
    can_dispute = False
    is_admin = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return customer_services.contact_create(actor=system_actor(), **kwargs)


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    customer = factory.SubFactory(CustomerFactory)
    kind = ConsentKind.ELECTRONIC_DELIVERY
    granted = True
    source = "tests"
    at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return customer_services.consent_record(actor=system_actor(), **kwargs)


def line_inputs(count: int, *, vat_rate: Decimal = Decimal("25")) -> list[LineInput]:
    """`count` lines with simple, distinct prices."""
    lines = []
    for position in range(1, count + 1):
        quantity = Decimal(position)
        unit_price = Decimal("100.00") + Decimal(position * 10)
        lines.append(
            LineInput(
                item_name=f"Item {position}",
                quantity=quantity,
                unit_price=unit_price,
                amount_net=(quantity * unit_price).quantize(CENT),
                vat_rate=vat_rate,
            )
        )
    return lines


def document_input(
    *,
    type: str = DocumentType.INVOICE,
    number: str,
    lines: list[LineInput],
    issue_date: datetime.date | None = None,
    currency: str = "NOK",
    **extra,
) -> DocumentInput:
    """A DocumentInput whose header amounts add up from its lines."""
    net = sum((line.amount_net for line in lines), Decimal("0.00"))
    vat = sum(
        ((line.amount_net * line.vat_rate / 100).quantize(CENT, ROUND_HALF_UP) for line in lines),
        Decimal("0.00"),
    )
    issue_date = issue_date or timezone.localdate()
    return DocumentInput(
        type=type,
        number=number,
        issue_date=issue_date,
        due_date=extra.pop("due_date", issue_date + datetime.timedelta(days=14)),
        currency=currency,
        amount_net=net,
        amount_vat=vat,
        amount_total=net + vat,
        amount_payable=extra.pop("amount_payable", net + vat),
        lines=lines,
        **extra,
    )


class DocumentFactory(DjangoModelFactory):
    """A document created by `document_create`, walked to `status` through legal transitions.

    Each step writes its DocumentEvent, so a DocumentFactory(status="sent") has the timeline
    received -> accepted -> sending -> sent. `line_count` lines add up to the header amounts.
    `amount_paid` registers a payment through the service.
    """

    class Meta:
        model = Document

    organization = factory.LazyAttribute(lambda document: document.customer.sender)
    customer = factory.SubFactory(CustomerFactory)
    type = DocumentType.INVOICE
    number = factory.Sequence(lambda n: f"INV-{100000 + n}")
    issue_date = factory.LazyFunction(timezone.localdate)
    currency = "NOK"
    payment_reference = ""
    buyer_reference = ""
    order_reference = ""
    # Not model fields: _create consumes them.
    line_count = 2
    status = DocumentStatus.RECEIVED
    amount_paid = Decimal("0")

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        organization,
        customer,
        line_count=2,
        status=DocumentStatus.RECEIVED,
        amount_paid=Decimal("0"),
        **kwargs,
    ):
        actor = system_actor()
        data = document_input(lines=line_inputs(line_count), **kwargs)
        document = document_services.document_create(
            actor=actor, organization=organization, customer=customer, data=data
        )
        for step in transition_path(DOCUMENT_TRANSITIONS, DocumentStatus.RECEIVED, status):
            document_services.document_transition(document=document, to_status=step, actor=actor)
        if amount_paid:
            document = document_services.document_register_payment(
                document=document, amount=Decimal(amount_paid), actor=actor, source="tests"
            )
        document.refresh_from_db()
        return document


class DocumentLineFactory(DjangoModelFactory):
    """An extra line on an existing document (DocumentFactory already creates lines)."""

    class Meta:
        model = DocumentLine

    document = factory.SubFactory(DocumentFactory, line_count=0)
    position = factory.LazyAttribute(lambda line: line.document.lines.count() + 1)
    line_id = factory.LazyAttribute(lambda line: str(line.position))
    item_name = factory.Sequence(lambda n: f"Extra item {n}")
    quantity = Decimal("1")
    unit_price = Decimal("50.0000")
    amount_net = factory.LazyAttribute(
        lambda line: (line.quantity * line.unit_price).quantize(CENT)
    )
    vat_category = "S"
    vat_rate = Decimal("25")


class DocumentEventFactory(DjangoModelFactory):
    """A free-standing timeline entry (comments, views); status events come from the services."""

    class Meta:
        model = DocumentEvent

    document = factory.SubFactory(DocumentFactory)
    at = factory.LazyFunction(timezone.now)
    kind = EventKind.COMMENT
    message = factory.Faker("sentence")
    actor_label = "tests"


class DocumentFileFactory(DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    kind = FileKind.ATTACHMENT
    filename = factory.Sequence(lambda n: f"attachment-{n}.txt")
    content = b"Folio test attachment\n"
    content_type = "text/plain"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return document_services.document_file_attach(actor=system_actor(), **kwargs)


class DeliveryFactory(DjangoModelFactory):
    """A delivery created by `delivery_create`, walked to `status` through legal transitions."""

    class Meta:
        model = Delivery

    document = factory.SubFactory(DocumentFactory, status=DocumentStatus.ACCEPTED)
    channel = "email"
    reason = "tests"
    cost = Decimal("0.50")
    # Not a model field: _create walks the delivery there.
    status = DeliveryStatus.PENDING

    @classmethod
    def _create(cls, model_class, *args, status=DeliveryStatus.PENDING, **kwargs):
        actor = system_actor()
        delivery = delivery_services.delivery_create(actor=actor, **kwargs)
        for step in transition_path(DELIVERY_TRANSITIONS, DeliveryStatus.PENDING, status):
            delivery_services.delivery_transition(delivery=delivery, to_status=step, actor=actor)
        delivery.refresh_from_db()
        return delivery


class DeliveryAttemptFactory(DjangoModelFactory):
    class Meta:
        model = DeliveryAttempt

    delivery = factory.SubFactory(DeliveryFactory)
    outcome = AttemptOutcome.SUCCESS
    duration_ms = 120
    response = "250 OK"
    error = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return delivery_services.delivery_attempt_record(actor=system_actor(), **kwargs)


class AuditEntryFactory(DjangoModelFactory):
    class Meta:
        model = AuditEntry

    organization = factory.SubFactory(CompanyFactory)
    user = None
    action = "tests.recorded"
    object_type = ""
    object_code = ""
    detail = factory.LazyFunction(lambda: {"actor": "tests"})
