"""`folio apikey`: create prints a working secret, list shows keys, revoke disables them."""

import pytest
from django.core.management import CommandError, call_command

from folio.tenancy.models import ApiKey, AuditEntry
from folio.tenancy.services import api_key_authenticate
from tests.cli.conftest import run_folio
from tests.factories import CompanyFactory


def folio(*args: str, capsys) -> str:
    call_command("apikey", *args)
    return capsys.readouterr().out


@pytest.mark.django_db
def test_create_prints_only_a_secret_that_authenticates_for_the_organization(capsys):
    company = CompanyFactory(slug="nordlys-no")

    out = folio("create", "--org", "nordlys-no", "--name", "ERP export", capsys=capsys)

    assert out.count("\n") == 1
    secret = out.strip()
    key = api_key_authenticate(secret)
    assert key is not None
    assert key.organization == company
    assert key.name == "ERP export"
    assert secret not in key.secret_hash
    assert AuditEntry.objects.filter(action="api_key.created", organization=company).exists()


@pytest.mark.django_db
def test_list_shows_prefix_name_and_state_but_never_the_secret(capsys):
    CompanyFactory(slug="hansa")
    secret = folio("create", "--org", "hansa", "--name", "Shop", capsys=capsys).strip()
    key = ApiKey.objects.get()

    out = folio("list", "--org", "hansa", capsys=capsys)

    assert key.prefix in out
    assert "Shop" in out
    assert "active" in out
    assert secret not in out


@pytest.mark.django_db
def test_revoke_by_prefix_stops_the_key_from_authenticating(capsys):
    CompanyFactory(slug="hansa")
    secret = folio("create", "--org", "hansa", capsys=capsys).strip()
    prefix = ApiKey.objects.get().prefix

    out = folio("revoke", prefix, capsys=capsys)

    assert f"Revoked {prefix}" in out
    assert api_key_authenticate(secret) is None
    assert "revoked" in folio("list", "--org", "hansa", capsys=capsys)


@pytest.mark.django_db
def test_unknown_organization_or_prefix_is_a_clear_error_and_creates_nothing():
    with pytest.raises(CommandError, match="No such organization"):
        call_command("apikey", "create", "--org", "no-such-org")
    with pytest.raises(CommandError, match="No API key with prefix"):
        call_command("apikey", "revoke", "abcdef123456")
    assert ApiKey.objects.count() == 0


def test_unknown_organization_exits_non_zero_from_the_shell(migrated_data_dir):
    result = run_folio("apikey", "create", "--org", "no-such-org", data_dir=migrated_data_dir)

    assert result.returncode == 1
    assert result.stdout == ""
    assert "No such organization" in result.stderr
