"""Demo organizations and staff users (see folio.core.demo).

The tree: Folio Operations (operator) > Nordlys Energi Group (enterprise) > Nordlys Strøm AS
(NO) and Nordlys Energi Sverige AB (SE); Hansa Werkzeuge GmbH (DE) directly below the
operator. No visibility group joins the two subsidiaries: each clerk sees their own company
only, and the enterprise admin sees both through the subtree scope.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from folio.core.demo import OPERATOR_SLUG, DemoContext, DemoLogin
from folio.tenancy.actors import Actor
from folio.tenancy.models import MembershipRole, MembershipScope, OrganizationKind
from folio.tenancy.services import membership_grant, organization_create

# Slugs the other demo modules refer to.
ENTERPRISE = "nordlys"
NORDLYS_NO = "nordlys-strom"
NORDLYS_SE = "nordlys-sverige"
HANSA = "hansa-werkzeuge"

# The three sending companies and the sender profile of folio.documents.demo each one uses.
SENDER_PROFILES = {NORDLYS_NO: "energy_no", NORDLYS_SE: "energy_se", HANSA: "tools_de"}

ORGANIZATIONS = [
    # slug, kind, parent slug, name, country, org number, VAT id, Peppol id, e-mail, language
    (
        OPERATOR_SLUG,
        OrganizationKind.OPERATOR,
        None,
        "Folio Operations",
        "NO",
        "933112241",
        "NO933112241MVA",
        "",
        "operations@folio.example",
        "en",
    ),
    (
        ENTERPRISE,
        OrganizationKind.ENTERPRISE,
        OPERATOR_SLUG,
        "Nordlys Energi Group",
        "NO",
        "928765431",
        "NO928765431MVA",
        "",
        "konsern@nordlys.example",
        "nb",
    ),
    (
        NORDLYS_NO,
        OrganizationKind.COMPANY,
        ENTERPRISE,
        "Nordlys Strøm AS",
        "NO",
        "998877660",
        "NO998877660MVA",
        "0192:998877660",
        "kundeservice@nordlys-strom.example",
        "nb",
    ),
    (
        NORDLYS_SE,
        OrganizationKind.COMPANY,
        ENTERPRISE,
        "Nordlys Energi Sverige AB",
        "SE",
        "5569876542",
        "SE556987654201",
        "0007:5569876542",
        "kundservice@nordlys-energi.example",
        "sv",
    ),
    (
        HANSA,
        OrganizationKind.COMPANY,
        OPERATOR_SLUG,
        "Hansa Werkzeuge GmbH",
        "DE",
        "HRB 184512",
        "DE812345673",
        "9930:DE812345673",
        "buchhaltung@hansa-werkzeuge.example",
        "de",
    ),
]

STAFF = [
    # username, full name, e-mail, organization, role, scope, what they are in the demo
    (
        "operator",
        "Ingrid Solberg",
        "ingrid.solberg@folio.example",
        OPERATOR_SLUG,
        MembershipRole.SUPPORT,
        MembershipScope.SUBTREE,
        "Operator staff (back office and Django admin)",
    ),
    (
        "enterprise-admin",
        "Magnus Berg",
        "magnus.berg@nordlys.example",
        ENTERPRISE,
        MembershipRole.ADMIN,
        MembershipScope.SUBTREE,
        "Enterprise admin, Nordlys Energi Group and both subsidiaries",
    ),
    (
        "clerk-no",
        "Sigrid Haugen",
        "sigrid.haugen@nordlys-strom.example",
        NORDLYS_NO,
        MembershipRole.CLERK,
        MembershipScope.ORGANIZATION,
        "Clerk, Nordlys Strøm AS (Norway)",
    ),
    (
        "clerk-se",
        "Elin Lindqvist",
        "elin.lindqvist@nordlys-energi.example",
        NORDLYS_SE,
        MembershipRole.CLERK,
        MembershipScope.ORGANIZATION,
        "Clerk, Nordlys Energi Sverige AB (Sweden)",
    ),
    (
        "viewer",
        "Jonas Dahl",
        "jonas.dahl@nordlys-strom.example",
        NORDLYS_NO,
        MembershipRole.VIEWER,
        MembershipScope.ORGANIZATION,
        "Viewer (read only), Nordlys Strøm AS",
    ),
    (
        "hansa-admin",
        "Katrin Vogel",
        "katrin.vogel@hansa-werkzeuge.example",
        HANSA,
        MembershipRole.ADMIN,
        MembershipScope.SUBTREE,
        "Admin, Hansa Werkzeuge GmbH (Germany)",
    ),
]

DEMO_LOGINS = [
    DemoLogin(username, description, "/backoffice/" if username == "operator" else "/app/")
    for username, _name, _email, _org, _role, _scope, description in STAFF
]


def seed_demo(context: DemoContext) -> None:
    actor = Actor.for_system("demo")
    for (
        slug,
        kind,
        parent,
        name,
        country,
        org_number,
        vat_id,
        peppol_id,
        email,
        lang,
    ) in ORGANIZATIONS:
        context.organizations[slug] = organization_create(
            actor=actor,
            kind=kind,
            name=name,
            slug=slug,
            country=country,
            parent=context.organizations[parent] if parent else None,
            org_number=org_number,
            vat_id=vat_id,
            peppol_id=peppol_id,
            email=email,
            language=lang,
        )
    for username, full_name, email, org_slug, role, scope, _description in STAFF:
        user = context.demo_user_create(username=username, email=email, full_name=full_name)
        membership_grant(
            actor=actor,
            user=user,
            organization=context.organizations[org_slug],
            role=role,
            scope=scope,
        )
    # The operator's staff also run Django admin in the demo.
    get_user_model().objects.filter(pk=context.users["operator"].pk).update(
        is_staff=True, is_superuser=True
    )
    context.counts["organizations"] = len(ORGANIZATIONS)
    context.counts["staff users"] = len(STAFF)
