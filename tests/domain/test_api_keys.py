"""API keys: shown once, stored hashed, revocable, scoped to their organization."""

import hashlib

import pytest

from folio.core.errors import NotFoundError, PermissionDeniedError
from folio.documents.selectors import documents_visible_to
from folio.tenancy.actors import Actor
from folio.tenancy.models import ApiKey, AuditEntry
from folio.tenancy.selectors import api_keys_visible_to
from folio.tenancy.services import (
    API_KEY_PREFIX,
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
)


def as_user(persona) -> Actor:
    return Actor.for_user(persona.user)


@pytest.fixture
def key_and_secret(world, personas):
    return api_key_create(
        actor=as_user(personas["enterprise_admin"]),
        organization=world.organizations["nordlys-no"],
        name="ERP",
    )


def test_the_secret_is_returned_once_and_only_its_hash_is_stored(key_and_secret):
    key, secret = key_and_secret
    assert secret.startswith(API_KEY_PREFIX)
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert secret not in {str(value) for value in stored.values()}
    assert stored["secret_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    audit = AuditEntry.objects.get(action="api_key.created", object_code=str(key.code))
    assert secret not in str(audit.detail)


def test_two_keys_never_share_a_secret(world, key_and_secret):
    other, other_secret = api_key_create(
        actor=Actor.for_system("tests"), organization=world.organizations["nordlys-no"], name="B"
    )
    assert other_secret != key_and_secret[1]
    assert other.prefix != key_and_secret[0].prefix


def test_authenticate_accepts_the_secret_and_records_use(key_and_secret):
    key, secret = key_and_secret
    assert key.last_used_at is None
    assert api_key_authenticate(secret) == key
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda secret: secret[:-1] + ("A" if secret[-1] != "A" else "B"),  # wrong tail
        lambda secret: secret.replace(API_KEY_PREFIX, "other_", 1),  # wrong scheme
        lambda secret: "",
        lambda secret: API_KEY_PREFIX,
        lambda secret: secret + "x",
    ],
)
def test_authenticate_refuses_anything_else(key_and_secret, mangle):
    assert api_key_authenticate(mangle(key_and_secret[1])) is None


def test_a_revoked_key_no_longer_authenticates_or_reads(key_and_secret, personas):
    key, secret = key_and_secret
    api_key_revoke(actor=as_user(personas["enterprise_admin"]), api_key=key)
    assert api_key_authenticate(secret) is None
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert not documents_visible_to(Actor.for_api_key(key)).exists()
    revoked_at = key.revoked_at
    # Revoking again changes nothing and writes no second audit entry.
    api_key_revoke(actor=as_user(personas["enterprise_admin"]), api_key=key)
    key.refresh_from_db()
    assert key.revoked_at == revoked_at
    assert AuditEntry.objects.filter(action="api_key.revoked").count() == 1


def test_a_key_of_a_deactivated_organization_does_not_authenticate(world, key_and_secret):
    nordlys_no = world.organizations["nordlys-no"]
    nordlys_no.is_active = False
    nordlys_no.save(update_fields=["is_active"])
    assert api_key_authenticate(key_and_secret[1]) is None


def test_a_key_reads_its_own_organization_only(key_and_secret, personas):
    key, _secret = key_and_secret
    visible = set(documents_visible_to(Actor.for_api_key(key)))
    assert visible == set(personas["subsidiary_clerk_no"].documents)


def test_only_admins_of_the_organization_manage_keys(world, personas, row_counts):
    nordlys_no = world.organizations["nordlys-no"]
    before = row_counts()
    with pytest.raises(PermissionDeniedError):
        api_key_create(
            actor=as_user(personas["subsidiary_clerk_no"]), organization=nordlys_no, name="x"
        )
    with pytest.raises(NotFoundError):
        api_key_create(actor=as_user(personas["german_admin"]), organization=nordlys_no, name="x")
    assert row_counts() == before


def test_a_foreign_admin_cannot_revoke_and_the_key_keeps_working(key_and_secret, personas):
    key, secret = key_and_secret
    with pytest.raises(NotFoundError):
        api_key_revoke(actor=as_user(personas["german_admin"]), api_key=key)
    with pytest.raises(PermissionDeniedError):
        api_key_revoke(actor=as_user(personas["viewer"]), api_key=key)
    key.refresh_from_db()
    assert key.revoked_at is None
    assert api_key_authenticate(secret) == key


def test_keys_are_listed_to_those_who_manage_them(key_and_secret, personas):
    key, _secret = key_and_secret
    assert list(api_keys_visible_to(as_user(personas["enterprise_admin"]))) == [key]
    for name in ("subsidiary_clerk_no", "viewer", "german_admin", "operator_staff", "outsider"):
        assert not api_keys_visible_to(as_user(personas[name])).exists(), name
