"""Settings → Webhooks through HTTP: manage endpoints, see the secret once, the log, actions."""

from __future__ import annotations

import re
import time

import pytest

from folio.tenancy.actors import Actor
from folio.webhooks.models import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from folio.webhooks.services import webhook_endpoint_create
from folio.webhooks.signing import signature_verify
from tests.webhooks.conftest import run_jobs

SECRET = re.compile(r"whsec_[A-Za-z0-9+/=]+")


def add_url(organization) -> str:
    return f"/app/settings/{organization.code}/webhooks/"


def make_endpoint(persona, organization, url="https://hooks.example.com/folio", **fields):
    endpoint, secret = webhook_endpoint_create(
        actor=Actor.for_user(persona.user),
        organization=organization,
        url=url,
        event_types=fields.pop("event_types", ["document.accepted", "delivery.failed"]),
        **fields,
    )
    return endpoint, secret


def test_admin_adds_an_endpoint_and_sees_the_secret_once(client_for, german_admin, world):
    hansa = world.organizations["hansa"]
    client = client_for(german_admin)
    page = client.get(add_url(hansa))
    assert page.status_code == 200
    assert "Add an endpoint" in page.content.decode()
    # Hansa has no subsidiaries: the form does not offer them.
    assert "include_subsidiaries" not in page.content.decode()
    response = client.post(
        add_url(hansa),
        {
            "url": "https://erp.hansa.example/hooks",
            "description": "ERP",
            "event_types": ["document.delivered", "delivery.bounced"],
        },
    )
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response.url == f"/app/settings/webhooks/{endpoint.code}/"
    assert endpoint.organization == hansa
    assert endpoint.event_types == ["document.delivered", "delivery.bounced"]
    shown = client.get(response.url).content.decode()
    [secret] = SECRET.findall(shown)
    assert secret not in endpoint.secret_encrypted
    again = client.get(response.url).content.decode()
    assert not SECRET.search(again)
    assert "ERP" in client.get(add_url(hansa)).content.decode()


def test_enterprise_admin_may_take_in_subsidiaries(client_for, enterprise_admin, world):
    nordlys = world.organizations["nordlys"]
    client = client_for(enterprise_admin)
    assert "include_subsidiaries" in client.get(add_url(nordlys)).content.decode()
    client.post(
        add_url(nordlys),
        {
            "url": "https://group.example/hooks",
            "event_types": ["document.accepted"],
            "include_subsidiaries": "on",
        },
    )
    assert WebhookEndpoint.objects.get().include_subsidiaries is True


@pytest.mark.parametrize(
    "data",
    [
        {"url": "ftp://files.example/hooks", "event_types": ["document.accepted"]},
        {"url": "https://user:pw@example.com/hooks", "event_types": ["document.accepted"]},
        {"url": "https://example.com/hooks", "event_types": []},
        {"url": "https://example.com/hooks", "event_types": ["document.exploded"]},
    ],
)
def test_bad_endpoints_are_refused_with_a_message(client_for, german_admin, world, data):
    response = client_for(german_admin).post(add_url(world.organizations["hansa"]), data)
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("persona_name", ["viewer", "subsidiary_clerk_no", "operator_staff"])
def test_only_admins_manage_webhooks(client_for, personas, world, row_counts, persona_name):
    before = row_counts()
    response = client_for(personas[persona_name]).post(
        add_url(world.organizations["nordlys-no"]),
        {"url": "https://example.com/hooks", "event_types": ["document.accepted"]},
    )
    assert response.status_code == 403
    assert row_counts() == before


def test_another_organizations_endpoint_is_not_found_and_stays_as_it_is(
    client_for, enterprise_admin, german_admin, world, row_counts
):
    endpoint, _secret = make_endpoint(enterprise_admin, world.organizations["nordlys-no"])
    before_secret = endpoint.secret_encrypted
    client = client_for(german_admin)
    before = row_counts()
    assert client.get(f"/app/settings/webhooks/{endpoint.code}/").status_code == 404
    for action, data in [
        ("rotate", {"confirm": "yes"}),
        ("test", {"confirm": "yes"}),
        ("active", {"active": "off"}),
    ]:
        response = client.post(f"/app/settings/webhooks/{endpoint.code}/{action}/", data)
        assert response.status_code == 404
    edited = client.post(
        f"/app/settings/webhooks/{endpoint.code}/",
        {"url": "https://evil.example/", "event_types": ["document.accepted"]},
    )
    assert edited.status_code == 404
    assert row_counts() == before
    endpoint.refresh_from_db()
    assert endpoint.secret_encrypted == before_secret
    assert endpoint.is_active
    assert endpoint.url == "https://hooks.example.com/folio"


def test_admin_edits_turns_off_and_on(client_for, german_admin, world):
    endpoint, _secret = make_endpoint(german_admin, world.organizations["hansa"])
    client = client_for(german_admin)
    url = f"/app/settings/webhooks/{endpoint.code}/"
    response = client.post(
        url,
        {
            "url": "https://hooks.example.com/v2",
            "description": "v2",
            "event_types": ["document.paid"],
        },
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.com/v2"
    assert endpoint.event_types == ["document.paid"]
    client.post(url + "active/", {"active": "off"})
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_reason == "manual"
    assert "Turn on" in client.get(url).content.decode()
    client.post(url + "active/", {"active": "on"})
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.disabled_at is None


# The worker runs: committed writes (see test_delivery.py).
@pytest.mark.django_db(transaction=True)
def test_test_event_is_signed_with_the_secret_shown(client_for, german_admin, world, receiver):
    hansa = world.organizations["hansa"]
    client = client_for(german_admin)
    response = client.post(
        add_url(hansa), {"url": receiver.url, "event_types": ["document.accepted"]}
    )
    [secret] = SECRET.findall(client.get(response.url).content.decode())
    client.post(response.url + "test/", {"confirm": "yes"})
    run_jobs("webhooks")
    [request] = receiver.requests
    assert request.payload["type"] == "webhook.test"
    assert request.payload["data"]["organization"]["id"] == str(hansa.code)
    assert signature_verify(
        secret=secret, headers=request.headers, body=request.body, now=int(time.time())
    )
    log = client.get(response.url).content.decode()
    assert "webhook.test" in log and "Succeeded" in log


def test_rotating_shows_a_new_secret_once(client_for, german_admin, world):
    endpoint, old_secret = make_endpoint(german_admin, world.organizations["hansa"])
    client = client_for(german_admin)
    response = client.post(f"/app/settings/webhooks/{endpoint.code}/rotate/", {"confirm": "yes"})
    [new_secret] = SECRET.findall(client.get(response.url).content.decode())
    assert new_secret != old_secret
    assert not SECRET.search(client.get(response.url).content.decode())


# The worker runs: committed writes (see test_delivery.py).
@pytest.mark.django_db(transaction=True)
def test_log_filters_and_redeliver(client_for, german_admin, world, receiver):
    endpoint, _secret = make_endpoint(german_admin, world.organizations["hansa"], url=receiver.url)
    client = client_for(german_admin)
    url = f"/app/settings/webhooks/{endpoint.code}/"
    receiver.answers = [404]
    client.post(url + "test/", {"confirm": "yes"})
    client.post(url + "test/", {"confirm": "yes"})
    run_jobs("webhooks")
    failed = WebhookDelivery.objects.get(status=WebhookDeliveryStatus.FAILED)
    ok = WebhookDelivery.objects.get(status=WebhookDeliveryStatus.SUCCEEDED)

    only_failed = client.get(url, {"status": "failed"}).content.decode()
    assert str(failed.code) in only_failed and str(ok.code) not in only_failed
    by_id = client.get(url, {"q": ok.message_id}).content.decode()
    assert str(ok.code) in by_id and str(failed.code) not in by_id
    assert client.get(url, {"status": "exploded"}).status_code == 400

    detail = client.get(f"/app/settings/webhooks/deliveries/{failed.code}/").content.decode()
    assert "HTTP 404" in detail and "webhook-signature" in detail and "Redeliver" in detail
    response = client.post(
        f"/app/settings/webhooks/deliveries/{failed.code}/redeliver/", {"confirm": "yes"}
    )
    assert response.status_code == 302
    run_jobs("webhooks")
    failed.refresh_from_db()
    assert failed.status == WebhookDeliveryStatus.SUCCEEDED
    assert [r.headers["webhook-id"] for r in receiver.requests].count(failed.message_id) == 2


def test_settings_nav_links_to_webhooks(client_for, german_admin, world):
    hansa = world.organizations["hansa"]
    page = client_for(german_admin).get(f"/app/settings/{hansa.code}/api-keys/")
    assert add_url(hansa) in page.content.decode()


def test_operator_admin_lists_webhooks_read_only_without_secrets(german_admin, world):
    from django.test import Client

    from tests.factories import UserFactory

    endpoint, secret = make_endpoint(german_admin, world.organizations["hansa"])
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    for path in [
        "/admin/webhooks/webhookendpoint/",
        f"/admin/webhooks/webhookendpoint/{endpoint.pk}/change/",
        "/admin/webhooks/webhookdelivery/",
        "/admin/webhooks/webhookcursor/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert secret not in text and endpoint.secret_encrypted not in text
    assert client.get("/admin/webhooks/webhookendpoint/add/").status_code == 403
