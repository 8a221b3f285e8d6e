"""Security → Sessions: a staff user's signed-in sessions, listed and revoked (issue 8 §7)."""

from __future__ import annotations

import pytest
from django.test import Client

from folio.tenancy.models import AuditEntry, Membership, MembershipRole, UserSession
from tests.factories import TEST_PASSWORD, CompanyFactory, MembershipFactory, UserFactory
from tests.sender_portal.conftest import signed_in

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def company(db):
    return CompanyFactory(slug="fjord-kraft", name="Fjord Kraft AS")


@pytest.fixture
def clerk_user(company):
    user = UserFactory(username="fjord-clerk", email="clerk@fjord.test")
    MembershipFactory(user=user, organization=company, role=MembershipRole.CLERK)
    return user


def sign_in(user, user_agent: str, ip: str = "192.0.2.10") -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post("/app/login/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_sign_in_records_the_session_and_the_page_lists_each_device(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX, "192.0.2.10")
    sign_in(clerk_user, IPHONE, "198.51.100.7")
    assert UserSession.objects.filter(user=clerk_user).count() == 2
    page = laptop.get("/app/security/sessions/")
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [(row["device"], row["current"]) for row in rows] == [
        ("Safari on iPhone", False),
        ("Firefox on Linux", True),
    ]
    html = page.content.decode()
    assert "198.51.100.7" in html and "this session" in html


def test_the_page_never_shows_a_session_key(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX)
    sign_in(clerk_user, IPHONE)
    keys = list(UserSession.objects.filter(user=clerk_user).values_list("session_key", flat=True))
    assert len(keys) == 2 and laptop.session.session_key in keys
    html = laptop.get("/app/security/sessions/").content.decode()
    # The key is the session's bearer secret: rows and their forms go by the random code.
    assert not [key for key in keys if key in html]
    phone = UserSession.objects.get(user=clerk_user, user_agent=IPHONE)
    assert f"/app/security/sessions/{phone.code}/revoke/" in html


def test_revoking_one_session_signs_that_device_out_only(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX)
    phone = sign_in(clerk_user, IPHONE)
    phone_session = UserSession.objects.get(user=clerk_user, user_agent=IPHONE)
    assert laptop.post(f"/app/security/sessions/{phone_session.code}/revoke/").status_code == 400
    assert phone.get("/app/documents/").status_code == 200
    response = laptop.post(
        f"/app/security/sessions/{phone_session.code}/revoke/", {"confirm": "yes"}
    )
    assert response.status_code == 302
    assert phone.get("/app/documents/")["Location"].startswith("/app/login/")
    assert laptop.get("/app/documents/").status_code == 200
    assert not UserSession.objects.filter(pk=phone_session.pk).exists()
    assert AuditEntry.objects.filter(action="session.revoked").exists()


def test_the_current_session_is_not_revoked_from_the_list(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX)
    current = UserSession.objects.get(user=clerk_user)
    laptop.post(f"/app/security/sessions/{current.code}/revoke/", {"confirm": "yes"})
    assert laptop.get("/app/documents/").status_code == 200
    assert UserSession.objects.filter(pk=current.pk).exists()


def test_sign_out_everywhere_else_keeps_the_current_session(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX)
    others = [sign_in(clerk_user, IPHONE), sign_in(clerk_user, IPHONE)]
    done = laptop.post("/app/security/sessions/revoke-others/", {"confirm": "yes"}, follow=True)
    assert b"2 other sessions are signed out." in done.content
    for other in others:
        assert other.get("/app/documents/")["Location"].startswith("/app/login/")
    assert laptop.get("/app/documents/").status_code == 200
    assert UserSession.objects.filter(user=clerk_user).count() == 1


def test_sign_out_removes_the_session_from_the_list(clerk_user):
    laptop = sign_in(clerk_user, FIREFOX)
    assert UserSession.objects.filter(user=clerk_user).count() == 1
    laptop.post("/app/logout/")
    assert not UserSession.objects.filter(user=clerk_user).exists()


def test_someone_elses_session_is_not_found_and_stays(clerk_user, company, row_counts):
    other_user = UserFactory(username="other-clerk")
    MembershipFactory(user=other_user, organization=company, role=MembershipRole.CLERK)
    other = sign_in(other_user, IPHONE)
    laptop = sign_in(clerk_user, FIREFOX)
    foreign = UserSession.objects.get(user=other_user)
    before = row_counts()
    response = laptop.post(f"/app/security/sessions/{foreign.code}/revoke/", {"confirm": "yes"})
    assert response.status_code == 404
    assert row_counts() == before
    assert other.get("/app/documents/").status_code == 200
    assert b"Safari on iPhone" not in laptop.get("/app/security/sessions/").content


def test_an_admin_revoking_a_member_can_sign_them_out_everywhere(clerk_user, company):
    admin = UserFactory(username="fjord-admin")
    MembershipFactory(user=admin, organization=company, role=MembershipRole.ADMIN)
    member = sign_in(clerk_user, FIREFOX)
    admin_client = signed_in(admin)
    response = admin_client.post(
        f"/app/settings/{company.code}/users/revoke/",
        {"user": clerk_user.username, "sign_out": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=clerk_user).exists()
    assert member.get("/app/documents/")["Location"].startswith("/app/login/")
    assert not UserSession.objects.filter(user=clerk_user).exists()
    entry = AuditEntry.objects.get(action="membership.revoked")
    assert entry.detail["sessions_ended"] == 1


def test_revoking_a_member_without_sign_out_leaves_their_sessions(clerk_user, company):
    admin = UserFactory(username="fjord-admin")
    MembershipFactory(user=admin, organization=company, role=MembershipRole.ADMIN)
    sign_in(clerk_user, FIREFOX)
    signed_in(admin).post(f"/app/settings/{company.code}/users/revoke/", {"user": "fjord-clerk"})
    assert UserSession.objects.filter(user=clerk_user).count() == 1


def test_rows_of_ended_sessions_are_dropped_at_the_next_sign_in(clerk_user):
    from django.contrib.sessions.models import Session

    sign_in(clerk_user, IPHONE)
    ended = UserSession.objects.get(user=clerk_user)
    # The session expires (or is flushed) without a sign-out through Folio.
    Session.objects.filter(session_key=ended.session_key).delete()
    laptop = sign_in(clerk_user, FIREFOX)
    assert list(
        UserSession.objects.filter(user=clerk_user).values_list("user_agent", flat=True)
    ) == [FIREFOX]
    assert [row["device"] for row in laptop.get("/app/security/sessions/").context["rows"]] == [
        "Firefox on Linux"
    ]
