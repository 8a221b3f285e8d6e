"""The personas every test can act as, and the small tenant world they live in.

    folio-operator (operator)            operator_staff: support, subtree
      nordlys (enterprise)               enterprise_admin: admin, subtree
        nordlys-no (company, NO)         subsidiary_clerk_no: clerk; viewer: viewer
          customer "Kari Nordmann" (consumer, portal access)  <- consumer_recipient
        nordlys-se (company, SE)         subsidiary_clerk_se: clerk
          customer "Svea Bygg AB" (business, portal access)   <- business_contact_viewonly
      hansa (company, DE, no group)      german_admin: admin
    outsider: no membership, no contact

Every company has its persona customer, one other customer and a few documents, so that each
persona has "own" objects and "foreign" ones (another tenant's, or another customer's).
Build it with `build_world()`; the fixtures in conftest.py do that for each test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from folio.customers.models import Contact, Customer, CustomerKind
from folio.documents.models import Document, DocumentStatus, DocumentType
from folio.tenancy.models import MembershipRole, MembershipScope, Organization, OrganizationKind
from tests.factories import (
    TEST_PASSWORD,
    ContactFactory,
    CustomerFactory,
    DocumentFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

PERSONA_NAMES = (
    "operator_staff",
    "enterprise_admin",
    "subsidiary_clerk_no",
    "subsidiary_clerk_se",
    "viewer",
    "german_admin",
    "consumer_recipient",
    "business_contact_viewonly",
    "outsider",
)
STAFF_PERSONAS = (
    "operator_staff",
    "enterprise_admin",
    "subsidiary_clerk_no",
    "subsidiary_clerk_se",
    "viewer",
    "german_admin",
)
RECIPIENT_PERSONAS = ("consumer_recipient", "business_contact_viewonly")


@dataclass
class Persona:
    """A user and the objects that are "theirs".

    For staff: `organization` is where their membership is, `customer` and `documents` belong to
    it (for the operator and the enterprise: to the organization below them the world puts
    documents in). For recipients: `organization` is the sender, `customer` is the account they
    act for, `contact` is their contact row, `documents` are that customer's documents.
    The outsider has only a user.
    """

    name: str
    user: AbstractBaseUser
    organization: Organization | None = None
    customer: Customer | None = None
    contact: Contact | None = None
    documents: list[Document] = field(default_factory=list)
    password: str = TEST_PASSWORD

    @property
    def document(self) -> Document | None:
        return self.documents[0] if self.documents else None


@dataclass
class World:
    organizations: dict[str, Organization]
    customers: dict[str, Customer]
    documents: dict[str, Document]
    personas: dict[str, Persona]

    def __getitem__(self, name: str) -> Persona:
        return self.personas[name]


def _documents_for(customer: Customer, prefix: str, year: int) -> dict[str, Document]:
    """An unpaid invoice that was sent, a paid one, and a credit note still being processed."""
    issue_date = datetime.date(year, 1, 15)
    return {
        f"{prefix}-invoice-sent": DocumentFactory(
            customer=customer,
            number=f"{prefix.upper()}-1001",
            issue_date=issue_date,
            payment_reference="0010015",
            status=DocumentStatus.SENT,
        ),
        f"{prefix}-invoice-paid": DocumentFactory(
            customer=customer,
            number=f"{prefix.upper()}-1002",
            issue_date=issue_date + datetime.timedelta(days=1),
            status=DocumentStatus.DELIVERED,
            line_count=1,
            amount_paid=Decimal("137.50"),
        ),
        f"{prefix}-credit-note": DocumentFactory(
            customer=customer,
            type=DocumentType.CREDIT_NOTE,
            number=f"{prefix.upper()}-CN-1",
            issue_date=issue_date + datetime.timedelta(days=2),
            status=DocumentStatus.ACCEPTED,
            line_count=1,
        ),
    }


def build_world() -> World:
    year = timezone.localdate().year
    operator = OrganizationFactory(
        kind=OrganizationKind.OPERATOR, parent=None, name="Folio Operator", slug="folio-operator"
    )
    nordlys = OrganizationFactory(
        kind=OrganizationKind.ENTERPRISE,
        parent=operator,
        name="Nordlys Energi Konsern",
        slug="nordlys",
        country="NO",
        language="nb",
    )
    nordlys_no = OrganizationFactory(
        parent=nordlys,
        name="Nordlys Energi Norge AS",
        slug="nordlys-no",
        country="NO",
        org_number="923609016",
        language="nb",
    )
    nordlys_se = OrganizationFactory(
        parent=nordlys,
        name="Nordlys Energi Sverige AB",
        slug="nordlys-se",
        country="SE",
        org_number="5560360793",
        language="sv",
    )
    hansa = OrganizationFactory(
        parent=operator,
        name="Hansa Handelshaus GmbH",
        slug="hansa",
        country="DE",
        vat_id="DE136695976",
        language="de",
    )
    organizations = {
        "operator": operator,
        "nordlys": nordlys,
        "nordlys-no": nordlys_no,
        "nordlys-se": nordlys_se,
        "hansa": hansa,
    }

    customers = {
        "kari": CustomerFactory(
            sender=nordlys_no,
            customer_number="NO-1001",
            kind=CustomerKind.PERSON,
            name="Kari Nordmann",
            language="nb",
            national_id="01017012345",
            portal_access=True,
        ),
        "ola": CustomerFactory(
            sender=nordlys_no, customer_number="NO-1002", name="Ola Hansen", language="nb"
        ),
        "svea-bygg": CustomerFactory(
            sender=nordlys_se,
            customer_number="SE-2001",
            kind=CustomerKind.BUSINESS,
            name="Svea Bygg AB",
            org_number="5567321707",
            language="sv",
            portal_access=True,
        ),
        "lina": CustomerFactory(
            sender=nordlys_se, customer_number="SE-2002", name="Lina Berg", language="sv"
        ),
        "mueller": CustomerFactory(
            sender=hansa,
            customer_number="DE-3001",
            kind=CustomerKind.BUSINESS,
            name="Müller Maschinenbau GmbH",
            vat_id="DE811569869",
            language="de",
        ),
        "schmidt": CustomerFactory(
            sender=hansa, customer_number="DE-3002", name="Anna Schmidt", language="de"
        ),
    }

    documents: dict[str, Document] = {}
    documents |= _documents_for(customers["kari"], "kari", year)
    documents |= _documents_for(customers["svea-bygg"], "svea", year)
    documents |= _documents_for(customers["mueller"], "mueller", year)
    documents["ola-invoice"] = DocumentFactory(
        customer=customers["ola"], number="OLA-1001", status=DocumentStatus.SENT
    )
    documents["lina-invoice"] = DocumentFactory(
        customer=customers["lina"], number="LINA-1001", status=DocumentStatus.SENT
    )
    documents["schmidt-invoice"] = DocumentFactory(
        customer=customers["schmidt"], number="SCHMIDT-1001", status=DocumentStatus.SENT
    )

    def staff(username: str, organization: Organization, role: str, scope: str):
        user = UserFactory(username=username, first_name=username.replace("_", " ").title())
        MembershipFactory(user=user, organization=organization, role=role, scope=scope)
        return user

    def docs_of(*customer_names: str) -> list[Document]:
        return [d for d in documents.values() if d.customer.name in customer_names]

    kari_docs = docs_of("Kari Nordmann", "Ola Hansen")
    svea_docs = docs_of("Svea Bygg AB", "Lina Berg")
    hansa_docs = docs_of("Müller Maschinenbau GmbH", "Anna Schmidt")
    subtree = MembershipScope.SUBTREE
    single = MembershipScope.ORGANIZATION
    personas = {
        "operator_staff": Persona(
            "operator_staff",
            staff("operator_staff", operator, MembershipRole.SUPPORT, subtree),
            organization=operator,
            customer=customers["kari"],
            documents=kari_docs,
        ),
        "enterprise_admin": Persona(
            "enterprise_admin",
            staff("enterprise_admin", nordlys, MembershipRole.ADMIN, subtree),
            organization=nordlys,
            customer=customers["kari"],
            documents=kari_docs,
        ),
        "subsidiary_clerk_no": Persona(
            "subsidiary_clerk_no",
            staff("subsidiary_clerk_no", nordlys_no, MembershipRole.CLERK, single),
            organization=nordlys_no,
            customer=customers["kari"],
            documents=kari_docs,
        ),
        "subsidiary_clerk_se": Persona(
            "subsidiary_clerk_se",
            staff("subsidiary_clerk_se", nordlys_se, MembershipRole.CLERK, single),
            organization=nordlys_se,
            customer=customers["svea-bygg"],
            documents=svea_docs,
        ),
        "viewer": Persona(
            "viewer",
            staff("viewer", nordlys_no, MembershipRole.VIEWER, single),
            organization=nordlys_no,
            customer=customers["kari"],
            documents=kari_docs,
        ),
        "german_admin": Persona(
            "german_admin",
            staff("german_admin", hansa, MembershipRole.ADMIN, subtree),
            organization=hansa,
            customer=customers["mueller"],
            documents=hansa_docs,
        ),
    }

    consumer_user = UserFactory(
        username="consumer_recipient",
        first_name="Kari",
        last_name="Nordmann",
        email="kari.nordmann@example.test",
    )
    personas["consumer_recipient"] = Persona(
        "consumer_recipient",
        consumer_user,
        organization=nordlys_no,
        customer=customers["kari"],
        contact=ContactFactory(
            customer=customers["kari"],
            user=consumer_user,
            name="Kari Nordmann",
            email=consumer_user.email,
            is_admin=True,
        ),
        documents=docs_of("Kari Nordmann"),
    )
    business_user = UserFactory(
        username="business_contact_viewonly",
        first_name="Erik",
        last_name="Lund",
        email="erik.lund@sveabygg.example.test",
    )
    personas["business_contact_viewonly"] = Persona(
        "business_contact_viewonly",
        business_user,
        organization=nordlys_se,
        customer=customers["svea-bygg"],
        contact=ContactFactory(
            customer=customers["svea-bygg"],
            user=business_user,
            name="Erik Lund",
            email=business_user.email,
            can_view=True,
            can_pay=False,
            can_dispute=False,
            is_admin=False,
        ),
        documents=docs_of("Svea Bygg AB"),
    )
    personas["outsider"] = Persona("outsider", UserFactory(username="outsider"))
    assert tuple(personas) == PERSONA_NAMES
    return World(organizations, customers, documents, personas)
