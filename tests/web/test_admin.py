"""Django admin: every model is there, service-owned models are read-only, secrets stay hidden."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AuditEntryFactory,
    DeliveryAttemptFactory,
    DocumentFileFactory,
    UserFactory,
    api_key_with_secret,
)

READ_ONLY = {
    "documents.Document",
    "documents.DocumentLine",
    "documents.DocumentEvent",
    "documents.DocumentFile",
    "documents.MonthlyFigure",
    "documents.MonthlyRollup",
    "delivery.Delivery",
    "delivery.DeliveryAttempt",
    "tenancy.ApiKey",
    "tenancy.AuditEntry",
    "delivery.DeliveryLink",
    "delivery.SmartmailTracking",
    "delivery.PrintBatch",
    "delivery.PrintItem",
    "delivery.Bounce",
    "delivery.PeppolLookup",
    "delivery.InboundEnvelope",
}
FOUNDATION_APPS = ("core", "tenancy", "customers", "documents", "delivery")


@pytest.fixture
def admin_client(world) -> Client:
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _foundation_models():
    return [
        model
        for app_label in FOUNDATION_APPS
        for model in apps.get_app_config(app_label).get_models()
    ]


def test_every_foundation_model_is_registered():
    missing = [m._meta.label for m in _foundation_models() if not admin.site.is_registered(m)]
    assert not missing


def test_every_changelist_loads_and_searches(admin_client):
    DeliveryAttemptFactory()
    DocumentFileFactory()
    AuditEntryFactory()
    for model in _foundation_models():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url
        assert admin_client.get(url, {"q": "nordlys"}).status_code == 200, url
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, change


@pytest.mark.parametrize("label", sorted(READ_ONLY))
def test_service_owned_models_are_read_only(admin_client, label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    opts = model._meta
    assert (
        admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
        == 403
    )
    request = admin_client.get("/admin/").wsgi_request
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_document_change_post_is_refused_and_changes_nothing(admin_client, world):
    document = world.documents["kari-invoice-sent"]
    url = reverse("admin:documents_document_change", args=[document.pk])
    response = admin_client.post(url, {"number": "HACKED", "status": "cancelled"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert (document.number, document.status) == ("KARI-1001", "sent")


def test_customer_admin_never_shows_the_full_national_id(admin_client, world):
    kari = world.customers["kari"]
    change = admin_client.get(reverse("admin:customers_customer_change", args=[kari.pk]))
    listing = admin_client.get(reverse("admin:customers_customer_changelist"))
    for response in (change, listing):
        assert kari.national_id not in response.content.decode()
    assert kari.national_id_masked in change.content.decode()


def test_api_key_admin_never_shows_the_hash(admin_client, world):
    key, secret = api_key_with_secret(world.organizations["hansa"])
    page = admin_client.get(reverse("admin:tenancy_apikey_change", args=[key.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert key.prefix in body
    assert key.secret_hash not in body and secret not in body


def test_personas_are_not_admitted_to_the_admin(client_for, enterprise_admin):
    response = client_for(enterprise_admin).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
