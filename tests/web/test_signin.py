"""Staff and customer sign-in: success, failure without user enumeration, lockout, sign-out."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from folio.tenancy.models import MembershipRole, MembershipScope
from tests.factories import CustomerFactory, MembershipFactory, UserFactory

GENERIC_ERROR = "Please enter a correct username and password"


def _comparable(response, username: str) -> str:
    html = response.content.decode().replace(username, "USERNAME")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _sign_in(client: Client, path: str, username: str, password: str, **extra):
    return client.post(path, {"username": username, "password": password, **extra})


def test_staff_sign_in_lands_on_the_overview(subsidiary_clerk_no):
    client = Client()
    response = _sign_in(client, "/app/login/", "subsidiary_clerk_no", subsidiary_clerk_no.password)
    assert response.status_code == 302
    assert response["Location"] == "/app/"
    page = client.get("/app/")
    assert page.status_code == 200
    assert "Nordlys Energi Norge AS" in page.content.decode()


def test_sign_in_follows_a_local_next_but_not_a_foreign_one(subsidiary_clerk_no):
    document = subsidiary_clerk_no.document
    local = _sign_in(
        Client(),
        "/app/login/",
        "subsidiary_clerk_no",
        subsidiary_clerk_no.password,
        next=f"/app/documents/{document.code}/",
    )
    assert local["Location"] == f"/app/documents/{document.code}/"
    foreign = _sign_in(
        Client(),
        "/app/login/",
        "subsidiary_clerk_no",
        subsidiary_clerk_no.password,
        next="https://evil.example/",
    )
    assert foreign["Location"] == "/app/"


def test_wrong_password_and_unknown_user_get_the_same_answer(subsidiary_clerk_no):
    wrong_password = _sign_in(Client(), "/app/login/", "subsidiary_clerk_no", "not-the-password")
    unknown_user = _sign_in(Client(), "/app/login/", "nobody-by-this-name", "not-the-password")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert GENERIC_ERROR in response.content.decode()
        assert SESSION_KEY not in response.wsgi_request.session
    # The pages differ only in the username echoed back and the CSRF token.
    assert _comparable(wrong_password, "subsidiary_clerk_no") == _comparable(
        unknown_user, "nobody-by-this-name"
    )


def test_inactive_user_gets_the_generic_error(subsidiary_clerk_no):
    user = subsidiary_clerk_no.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = _sign_in(
        Client(), "/app/login/", "subsidiary_clerk_no", subsidiary_clerk_no.password
    )
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()


def test_repeated_failures_lock_the_account_out(settings, subsidiary_clerk_no):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _attempt in range(3):
        _sign_in(client, "/app/login/", "subsidiary_clerk_no", "wrong")
    locked = _sign_in(client, "/app/login/", "subsidiary_clerk_no", subsidiary_clerk_no.password)
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert client.get("/app/").status_code == 302  # still signed out


def test_sign_out_needs_a_post(client_for, subsidiary_clerk_no):
    client = client_for(subsidiary_clerk_no)
    assert client.get("/app/logout/").status_code == 405
    assert client.get("/app/").status_code == 200
    response = client.post("/app/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/app/").status_code == 302


def test_user_without_an_organization_is_refused_the_sender_portal(client_for, outsider):
    response = client_for(outsider).get("/app/")
    assert response.status_code == 403
    assert "not available to your account" in response.content.decode()


def test_customer_signs_in_to_the_portal(consumer_recipient):
    client = Client()
    response = _sign_in(client, "/portal/login/", "consumer_recipient", consumer_recipient.password)
    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    assert "KARI-1001" in client.get("/portal/").content.decode()


@pytest.mark.parametrize("username", ["subsidiary_clerk_no", "outsider"])
def test_portal_refuses_users_who_are_no_customer_contact(personas, username):
    response = _sign_in(Client(), "/portal/login/", username, personas[username].password)
    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert SESSION_KEY not in response.wsgi_request.session


def test_portal_refuses_contacts_of_accounts_without_portal_access(world, consumer_recipient):
    customer = consumer_recipient.customer
    customer.portal_access = False
    customer.save(update_fields=["portal_access"])
    response = _sign_in(Client(), "/portal/login/", "consumer_recipient", "folio-test-password")
    assert GENERIC_ERROR in response.content.decode()


def test_a_new_member_signs_in_and_sees_only_their_organization(world):
    user = UserFactory(username="new_clerk")
    MembershipFactory(
        user=user,
        organization=world.organizations["hansa"],
        role=MembershipRole.VIEWER,
        scope=MembershipScope.ORGANIZATION,
    )
    CustomerFactory(sender=world.organizations["hansa"], name="Zeta Kunde")
    client = Client()
    assert _sign_in(client, "/app/login/", "new_clerk", "folio-test-password").status_code == 302
    body = client.get("/app/").content.decode()
    assert "Hansa Handelshaus GmbH" in body
    assert "Nordlys" not in body
