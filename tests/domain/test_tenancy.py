"""The organization tree, memberships, scopes and visibility groups."""

import pytest

from folio.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from folio.customers.selectors import customers_visible_to
from folio.customers.services import customer_create
from folio.documents.selectors import documents_visible_to
from folio.tenancy.actors import Actor
from folio.tenancy.models import (
    AuditEntry,
    Membership,
    MembershipRole,
    MembershipScope,
    Organization,
    OrganizationKind,
)
from folio.tenancy.selectors import (
    actor_can,
    organization_get_for_actor,
    organizations_visible_to,
)
from folio.tenancy.services import (
    membership_grant,
    membership_revoke,
    organization_create,
    visibility_group_create,
)
from tests.factories import UserFactory

SYSTEM = Actor.for_system


def as_user(persona) -> Actor:
    return Actor.for_user(persona.user)


class TestOrganizationTree:
    @pytest.mark.parametrize(
        ("kind", "parent_name"),
        [
            (OrganizationKind.ENTERPRISE, "nordlys"),  # enterprise below an enterprise
            (OrganizationKind.ENTERPRISE, "nordlys-no"),  # enterprise below a company
            (OrganizationKind.COMPANY, "nordlys-no"),  # company below a company
            (OrganizationKind.OPERATOR, "operator"),  # operator below anything
        ],
    )
    def test_illegal_parent_is_refused_and_nothing_is_created(
        self, world, row_counts, kind, parent_name
    ):
        before = row_counts()
        with pytest.raises(ApplicationError) as refused:
            organization_create(
                actor=SYSTEM("tests"),
                kind=kind,
                name="New",
                slug="new-org",
                country="NO",
                parent=world.organizations[parent_name],
            )
        assert refused.value.code == "invalid_parent"
        assert row_counts() == before

    def test_only_an_operator_has_no_parent(self, db):
        with pytest.raises(ApplicationError) as refused:
            organization_create(
                actor=SYSTEM("tests"), kind="company", name="Orphan", slug="orphan", country="NO"
            )
        assert refused.value.code == "parent_required"
        assert not Organization.objects.exists()

    def test_only_folio_itself_creates_operators(self, personas):
        with pytest.raises(PermissionDeniedError):
            organization_create(
                actor=as_user(personas["operator_staff"]),
                kind="operator",
                name="Second operator",
                slug="op2",
                country="NO",
            )
        assert not Organization.objects.filter(slug="op2").exists()

    def test_companies_may_sit_below_an_enterprise_or_the_operator(self, world, personas):
        company = organization_create(
            actor=as_user(personas["enterprise_admin"]),
            kind="company",
            name="Nordlys Energi Danmark A/S",
            slug="nordlys-dk",
            country="dk",
            parent=world.organizations["nordlys"],
        )
        assert company.country == "DK"
        assert company.path == f"{world.organizations['nordlys'].path}{company.id:06d}/"
        assert company.depth == 2
        audit = AuditEntry.objects.get(action="organization.created", organization=company)
        assert audit.user == personas["enterprise_admin"].user

        standalone = organization_create(
            actor=SYSTEM("tests"),
            kind="company",
            name="Solo AS",
            slug="solo",
            country="NO",
            parent=world.organizations["operator"],
        )
        assert standalone.depth == 1

    def test_slug_must_be_unique(self, world, row_counts):
        before = row_counts()
        with pytest.raises(ApplicationError) as refused:
            organization_create(
                actor=SYSTEM("tests"),
                kind="company",
                name="Copy",
                slug="hansa",
                country="DE",
                parent=world.organizations["operator"],
            )
        assert refused.value.code == "slug_taken"
        assert row_counts() == before

    def test_a_clerk_cannot_add_organizations_and_a_foreign_admin_is_told_not_found(
        self, world, personas, row_counts
    ):
        group_clerk = UserFactory()
        membership_grant(
            actor=SYSTEM("tests"),
            user=group_clerk,
            organization=world.organizations["nordlys"],
            role=MembershipRole.CLERK,
            scope=MembershipScope.SUBTREE,
        )
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            organization_create(
                actor=Actor.for_user(group_clerk),
                kind="company",
                name="X",
                slug="x",
                country="NO",
                parent=world.organizations["nordlys"],
            )
        # Foreign parents answer "not found" before anything about the tree is revealed.
        attempts = [
            ("subsidiary_clerk_no", "nordlys", "company"),
            ("german_admin", "nordlys", "company"),
            ("german_admin", "nordlys-no", "enterprise"),
        ]
        for persona, parent, kind in attempts:
            with pytest.raises(NotFoundError):
                organization_create(
                    actor=as_user(personas[persona]),
                    kind=kind,
                    name="Y",
                    slug="y",
                    country="DE",
                    parent=world.organizations[parent],
                )
        assert row_counts() == before


class TestScopes:
    def test_subtree_scope_reaches_every_organization_below(self, world, personas):
        visible = set(organizations_visible_to(as_user(personas["enterprise_admin"])))
        assert visible == {
            world.organizations["nordlys"],
            world.organizations["nordlys-no"],
            world.organizations["nordlys-se"],
        }
        operator_view = set(organizations_visible_to(as_user(personas["operator_staff"])))
        assert operator_view == set(world.organizations.values())

    def test_organization_scope_stays_on_that_organization(self, world, personas):
        clerk = as_user(personas["subsidiary_clerk_no"])
        assert list(organizations_visible_to(clerk)) == [world.organizations["nordlys-no"]]
        documents = set(documents_visible_to(clerk))
        assert documents == set(personas["subsidiary_clerk_no"].documents)
        assert all(d.organization.slug == "nordlys-no" for d in documents)

    def test_the_same_role_with_organization_scope_does_not_reach_below(self, world):
        user = UserFactory()
        membership_grant(
            actor=SYSTEM("tests"),
            user=user,
            organization=world.organizations["nordlys"],
            role=MembershipRole.ADMIN,
            scope=MembershipScope.ORGANIZATION,
        )
        actor = Actor.for_user(user)
        assert list(organizations_visible_to(actor)) == [world.organizations["nordlys"]]
        assert not documents_visible_to(actor).exists()

    def test_a_viewer_reads_but_cannot_write(self, world, personas, row_counts):
        viewer = as_user(personas["viewer"])
        assert set(documents_visible_to(viewer)) == set(personas["viewer"].documents)
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            customer_create(
                actor=viewer,
                sender=world.organizations["nordlys-no"],
                customer_number="V-1",
                kind="person",
                name="Refused",
                country="NO",
            )
        assert row_counts() == before

    def test_an_outsider_and_an_inactive_user_see_nothing(self, world, personas):
        assert not organizations_visible_to(as_user(personas["outsider"])).exists()
        clerk = personas["subsidiary_clerk_no"].user
        clerk.is_active = False
        clerk.save(update_fields=["is_active"])
        assert not documents_visible_to(Actor.for_user(clerk)).exists()

    def test_a_deactivated_organization_is_out_of_reach(self, world, personas):
        nordlys_no = world.organizations["nordlys-no"]
        nordlys_no.is_active = False
        nordlys_no.save(update_fields=["is_active"])
        assert not documents_visible_to(as_user(personas["subsidiary_clerk_no"])).exists()

    def test_organization_lookup_by_slug_hides_foreign_tenants(self, world, personas):
        clerk = as_user(personas["subsidiary_clerk_no"])
        assert organization_get_for_actor(clerk, slug="nordlys-no").slug == "nordlys-no"
        for slug in ("nordlys-se", "hansa", "no-such-org"):
            with pytest.raises(NotFoundError):
                organization_get_for_actor(clerk, slug=slug)


class TestVisibilityGroups:
    @pytest.fixture
    def group(self, world, personas):
        return visibility_group_create(
            actor=as_user(personas["enterprise_admin"]),
            parent=world.organizations["nordlys"],
            name="Nordic",
            members=[world.organizations["nordlys-no"], world.organizations["nordlys-se"]],
        )

    def test_members_see_each_others_traffic(self, group, personas):
        clerk_no = as_user(personas["subsidiary_clerk_no"])
        visible = set(documents_visible_to(clerk_no))
        assert set(personas["subsidiary_clerk_se"].documents) <= visible
        assert set(personas["subsidiary_clerk_no"].documents) <= visible
        assert not visible & set(personas["german_admin"].documents)

    def test_visibility_gives_read_but_not_write(self, group, world, personas, row_counts):
        clerk_no = as_user(personas["subsidiary_clerk_no"])
        nordlys_se = world.organizations["nordlys-se"]
        assert customers_visible_to(clerk_no).filter(sender=nordlys_se).exists()
        assert not actor_can(clerk_no, "manage_customers", nordlys_se)
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            customer_create(
                actor=clerk_no,
                sender=nordlys_se,
                customer_number="SE-9",
                kind="person",
                name="Refused",
                country="SE",
            )
        assert row_counts() == before

    def test_members_must_be_below_the_parent(self, world, personas, row_counts):
        before = row_counts()
        with pytest.raises(ApplicationError) as refused:
            visibility_group_create(
                actor=SYSTEM("tests"),
                parent=world.organizations["nordlys"],
                name="Too wide",
                members=[world.organizations["nordlys-no"], world.organizations["hansa"]],
            )
        assert refused.value.code == "not_a_subsidiary"
        assert row_counts() == before

    def test_a_clerk_cannot_create_a_group(self, world, personas, row_counts):
        before = row_counts()
        with pytest.raises(NotFoundError):
            visibility_group_create(
                actor=as_user(personas["subsidiary_clerk_no"]),
                parent=world.organizations["nordlys"],
                name="Mine",
                members=[world.organizations["nordlys-no"]],
            )
        assert row_counts() == before


class TestMemberships:
    def test_an_admin_grants_and_revokes_below_itself(self, world, personas):
        user = UserFactory()
        admin = as_user(personas["enterprise_admin"])
        membership = membership_grant(
            actor=admin,
            user=user,
            organization=world.organizations["nordlys-se"],
            role="viewer",
        )
        assert set(documents_visible_to(Actor.for_user(user))) == set(
            personas["subsidiary_clerk_se"].documents
        )
        membership_revoke(actor=admin, membership=membership)
        assert not Membership.objects.filter(user=user).exists()
        actions = list(
            AuditEntry.objects.filter(organization=world.organizations["nordlys-se"])
            .order_by("at", "id")
            .values_list("action", flat=True)
        )
        assert actions[-2:] == ["membership.granted", "membership.revoked"]

    def test_clerks_and_foreign_admins_cannot_grant(self, world, personas, row_counts):
        user = UserFactory()
        before = row_counts()
        with pytest.raises(PermissionDeniedError):
            membership_grant(
                actor=as_user(personas["subsidiary_clerk_no"]),
                user=user,
                organization=world.organizations["nordlys-no"],
                role="admin",
            )
        with pytest.raises(NotFoundError):
            membership_grant(
                actor=as_user(personas["german_admin"]),
                user=user,
                organization=world.organizations["nordlys-no"],
                role="admin",
            )
        assert row_counts() == before

    def test_a_foreign_admin_cannot_revoke(self, world, personas, row_counts):
        membership = Membership.objects.get(user=personas["subsidiary_clerk_no"].user)
        before = row_counts()
        with pytest.raises(NotFoundError):
            membership_revoke(actor=as_user(personas["german_admin"]), membership=membership)
        assert row_counts() == before


class TestSystemActor:
    def test_one_system_actor_builds_a_whole_tree(self, db):
        # Jobs and commands keep one system actor for a whole run; what it creates on the way
        # must be within its reach at once (its grants are not a snapshot of an older tree).
        from folio.customers.services import customer_create as create_customer

        actor = SYSTEM("seed")
        operator = organization_create(
            actor=actor, kind="operator", name="Op", slug="op", country="NO"
        )
        enterprise = organization_create(
            actor=actor,
            kind="enterprise",
            name="Group",
            slug="group",
            country="NO",
            parent=operator,
        )
        company = organization_create(
            actor=actor, kind="company", name="Co", slug="co", country="NO", parent=enterprise
        )
        customer = create_customer(
            actor=actor, sender=company, customer_number="1", kind="person", name="P", country="NO"
        )
        assert customer.sender == company
        assert set(organizations_visible_to(actor)) == {operator, enterprise, company}

    def test_an_admin_reaches_what_they_just_created_with_the_same_actor(self, world, personas):
        from folio.customers.services import customer_create as create_customer

        admin = as_user(personas["enterprise_admin"])
        assert organizations_visible_to(admin).count() == 3  # fills the actor's cache
        company = organization_create(
            actor=admin,
            kind="company",
            name="Nordlys Energi Suomi Oy",
            slug="nordlys-fi",
            country="FI",
            parent=world.organizations["nordlys"],
        )
        create_customer(
            actor=admin, sender=company, customer_number="1", kind="person", name="P", country="FI"
        )
        assert company in organizations_visible_to(admin)
