"""Customers, contacts and consents: tenant rules, masking, conflicts."""

import datetime

import pytest
from django.utils import timezone

from folio.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from folio.customers.models import Customer, mask_identifier
from folio.customers.selectors import (
    consents_in_force,
    contacts_of_user,
    customer_get_for_actor,
    customers_visible_to,
)
from folio.customers.services import (
    consent_record,
    contact_create,
    customer_create,
    customer_update,
)
from folio.tenancy.actors import Actor
from folio.tenancy.models import AuditEntry
from tests.factories import UserFactory


def as_user(persona) -> Actor:
    return Actor.for_user(persona.user)


def new_customer(actor, sender, number="N-1", **fields):
    return customer_create(
        actor=actor,
        sender=sender,
        customer_number=number,
        kind=fields.pop("kind", "person"),
        name=fields.pop("name", "Nina Nilsen"),
        country=fields.pop("country", "no"),
        **fields,
    )


def test_a_clerk_creates_a_customer_in_their_organization(world, personas):
    customer = new_customer(
        as_user(personas["subsidiary_clerk_no"]),
        world.organizations["nordlys-no"],
        preferred_channel="efaktura_no",
        email="nina@example.test",
    )
    assert customer.country == "NO"
    assert customer.sender == world.organizations["nordlys-no"]
    assert AuditEntry.objects.filter(action="customer.created", object_code=str(customer.code))


@pytest.mark.parametrize(
    ("sender", "error"),
    [
        ("nordlys-se", NotFoundError),  # a sibling subsidiary the clerk cannot see
        ("hansa", NotFoundError),  # another tenant altogether
        ("nordlys", NotFoundError),  # the enterprise above: organization scope only
    ],
)
def test_a_no_clerk_cannot_create_customers_elsewhere(world, personas, row_counts, sender, error):
    before = row_counts()
    with pytest.raises(error):
        new_customer(as_user(personas["subsidiary_clerk_no"]), world.organizations[sender])
    assert row_counts() == before


@pytest.mark.parametrize("persona", ["viewer", "consumer_recipient", "outsider"])
def test_readers_recipients_and_outsiders_cannot_create_customers(
    world, personas, row_counts, persona
):
    before = row_counts()
    with pytest.raises((PermissionDeniedError, NotFoundError)) as refused:
        new_customer(as_user(personas[persona]), world.organizations["nordlys-no"])
    # The viewer sees nordlys-no, so is told "not permitted"; the others "not found".
    expected = PermissionDeniedError if persona == "viewer" else NotFoundError
    assert type(refused.value) is expected
    assert row_counts() == before


def test_a_duplicate_customer_number_is_a_conflict(world, personas, row_counts):
    before = row_counts()
    with pytest.raises(ConflictError) as refused:
        new_customer(
            as_user(personas["subsidiary_clerk_no"]), world.organizations["nordlys-no"], "NO-1001"
        )
    assert refused.value.code == "customer_number_taken"
    assert row_counts() == before
    # The same number at another sender is fine: numbers are per sender.
    new_customer(
        as_user(personas["subsidiary_clerk_se"]), world.organizations["nordlys-se"], "NO-1001"
    )


def test_unknown_fields_and_channels_are_refused(world, personas, row_counts):
    actor = as_user(personas["subsidiary_clerk_no"])
    before = row_counts()
    with pytest.raises(ApplicationError) as refused:
        new_customer(actor, world.organizations["nordlys-no"], sender_id=99)
    assert refused.value.code == "unknown_fields"
    with pytest.raises(ValueError):
        new_customer(actor, world.organizations["nordlys-no"], preferred_channel="pigeon")
    with pytest.raises(ValueError):
        new_customer(actor, world.organizations["nordlys-no"], kind="robot")
    assert row_counts() == before


def test_the_national_id_is_masked_and_kept_out_of_the_audit(world, personas):
    customer = personas["consumer_recipient"].customer
    assert customer.national_id == "01017012345"
    assert customer.national_id_masked == "•••••••2345"
    assert "0101701" not in customer.national_id_masked
    customer_update(
        actor=as_user(personas["subsidiary_clerk_no"]), customer=customer, national_id="31129912345"
    )
    entry = AuditEntry.objects.get(action="customer.updated", object_code=str(customer.code))
    assert entry.detail["fields"] == ["national_id"]
    assert "31129912345" not in str(entry.detail)


@pytest.mark.parametrize(
    ("value", "masked"),
    [("", ""), ("1234", "••••"), ("123456", "••••••"), ("1234567", "•••4567")],
)
def test_short_identifiers_are_masked_entirely(value, masked):
    assert mask_identifier(value) == masked


def test_update_changes_only_what_differs(world, personas):
    customer = personas["subsidiary_clerk_no"].customer
    actor = as_user(personas["subsidiary_clerk_no"])
    customer_update(actor=actor, customer=customer, name=customer.name)
    assert not AuditEntry.objects.filter(action="customer.updated").exists()
    customer_update(actor=actor, customer=customer, city="Tromsø", country="no")
    customer.refresh_from_db()
    assert (customer.city, customer.country) == ("Tromsø", "NO")


def test_a_foreign_or_read_only_actor_cannot_update(world, personas, row_counts):
    customer = personas["subsidiary_clerk_no"].customer
    before = row_counts()
    with pytest.raises(NotFoundError):
        customer_update(actor=as_user(personas["subsidiary_clerk_se"]), customer=customer, name="X")
    with pytest.raises(PermissionDeniedError):
        customer_update(actor=as_user(personas["viewer"]), customer=customer, name="X")
    assert row_counts() == before
    assert Customer.objects.get(pk=customer.pk).name == "Kari Nordmann"


def test_customer_lookup_hides_foreign_and_malformed_codes(world, personas):
    clerk = as_user(personas["subsidiary_clerk_no"])
    own = personas["subsidiary_clerk_no"].customer
    assert customer_get_for_actor(clerk, code=own.code) == own
    for code in (world.customers["svea-bygg"].code, "not-a-uuid", None, 17):
        with pytest.raises(NotFoundError):
            customer_get_for_actor(clerk, code=code)
    assert set(customers_visible_to(clerk)) == {world.customers["kari"], world.customers["ola"]}


def test_contacts_get_their_rights_and_admins_get_all(world, personas):
    customer = world.customers["svea-bygg"]
    admin = contact_create(
        actor=as_user(personas["subsidiary_clerk_se"]),
        customer=customer,
        name="Boss",
        is_admin=True,
    )
    assert (admin.can_view, admin.can_pay, admin.can_dispute) == (True, True, True)
    viewonly = personas["business_contact_viewonly"].contact
    assert (viewonly.can_view, viewonly.can_pay, viewonly.can_dispute, viewonly.is_admin) == (
        True,
        False,
        False,
        False,
    )


def test_a_foreign_clerk_cannot_add_contacts(world, personas, row_counts):
    before = row_counts()
    with pytest.raises(NotFoundError):
        contact_create(
            actor=as_user(personas["subsidiary_clerk_no"]),
            customer=world.customers["svea-bygg"],
            name="Intruder",
            user=personas["subsidiary_clerk_no"].user,
        )
    assert row_counts() == before


def test_recipients_act_only_for_customers_with_portal_access(world, personas):
    recipient = personas["consumer_recipient"]
    assert [c.customer for c in contacts_of_user(recipient.user)] == [recipient.customer]
    customer_update(
        actor=Actor.for_system("tests"), customer=recipient.customer, portal_access=False
    )
    assert not contacts_of_user(recipient.user).exists()
    assert not contacts_of_user(UserFactory()).exists()


def test_the_newest_consent_per_kind_is_in_force(world, personas):
    customer = world.customers["kari"]
    actor = as_user(personas["subsidiary_clerk_no"])
    now = timezone.now()
    consent_record(
        actor=actor, customer=customer, kind="marketing", granted=True, source="web", at=now
    )
    withdrawn = consent_record(
        actor=actor,
        customer=customer,
        kind="marketing",
        granted=False,
        source="phone",
        at=now + datetime.timedelta(minutes=1),
    )
    email = consent_record(
        actor=actor, customer=customer, kind="email_delivery", granted=True, source="portal"
    )
    assert consents_in_force(customer) == {"marketing": withdrawn, "email_delivery": email}


def test_a_foreign_clerk_cannot_record_consent(world, personas, row_counts):
    before = row_counts()
    with pytest.raises(NotFoundError):
        consent_record(
            actor=as_user(personas["german_admin"]),
            customer=world.customers["kari"],
            kind="marketing",
            granted=True,
            source="x",
        )
    assert row_counts() == before


def test_a_user_is_a_contact_of_a_customer_only_once(world, personas, row_counts):
    recipient = personas["consumer_recipient"]
    before = row_counts()
    with pytest.raises(ConflictError) as refused:
        contact_create(
            actor=as_user(personas["subsidiary_clerk_no"]),
            customer=recipient.customer,
            name="Again",
            user=recipient.user,
        )
    assert refused.value.code == "contact_exists"
    assert row_counts() == before
