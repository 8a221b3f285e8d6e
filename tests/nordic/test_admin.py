"""The operator's admin for the Nordic networks: settings editable, registry data read-only."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from folio.registries.models import NordicAccount
from tests.factories import CompanyFactory, UserFactory


@pytest.fixture
def admin_client(db) -> Client:
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("registries").get_models()), ids=lambda m: m.__name__
)
def test_every_registry_model_has_a_changelist_that_searches(admin_client, model):
    url = reverse(f"admin:registries_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "x"}).status_code == 200


def test_the_operator_sets_a_senders_network_ids(admin_client):
    sender = CompanyFactory(country="SE")
    response = admin_client.post(
        reverse("admin:registries_nordicaccount_add"),
        {"organization": sender.pk, "kivra_tenant_key": "abc123", "bankgiro": "5050-1055"},
    )
    assert response.status_code == 302
    account = NordicAccount.objects.get(organization=sender)
    assert (account.kivra_tenant_key, account.bankgiro) == ("abc123", "5050-1055")


def test_registry_answers_cannot_be_added_by_hand(admin_client):
    assert admin_client.get(reverse("admin:registries_registryentry_add")).status_code == 403
