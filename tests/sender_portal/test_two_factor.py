"""Two-factor sign-in: administrators enrol an authenticator and give a code after the
password; wrong codes are refused; users with a device are asked too; others are not."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from folio.tenancy.models import AuditEntry, MembershipRole
from tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _admins_need_two_factor(settings):
    settings.FOLIO_ADMIN_TWO_FACTOR = True


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(username: str) -> tuple[Client, object]:
    client = Client()
    response = client.post(
        "/app/login/", {"username": username, "password": TEST_PASSWORD, "next": "/app/documents/"}
    )
    return client, response


def test_admin_enrols_on_first_sign_in_then_gives_a_code_each_time(admin_user, company):
    client, response = sign_in(admin_user.username)
    assert response.status_code == 302 and response["Location"] == "/app/verify/"
    # Half signed in: every portal page waits for the second factor.
    assert client.get("/app/documents/")["Location"] == "/app/verify/"
    assert client.get("/app/verify/")["Location"] == "/app/security/two-factor/"
    enrol = client.get("/app/security/two-factor/")
    assert enrol.status_code == 200 and "data:image/svg+xml;base64," in enrol.content.decode()
    device = TOTPDevice.objects.get(user=admin_user)
    assert not device.confirmed
    assert client.post("/app/security/two-factor/", {"token": "000000"}).status_code == 400
    # django-otp makes the device wait after a wrong code; a little later the right one works.
    with time_machine.travel(time.time() + 10, tick=True):
        done = client.post("/app/security/two-factor/", {"token": code_for(device)})
    assert done.status_code == 302 and done["Location"] == "/app/documents/"
    assert client.get("/app/documents/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    again, response = sign_in(admin_user.username)
    assert response["Location"] == "/app/verify/"
    assert again.post("/app/verify/", {"token": "123456"}).status_code == 400
    assert again.get("/app/dashboard/")["Location"] == "/app/verify/"
    with time_machine.travel(time.time() + 40, tick=True):
        passed = again.post("/app/verify/", {"token": code_for(device)})
    assert passed.status_code == 302 and passed["Location"] == "/app/documents/"
    assert again.get("/app/dashboard/").status_code == 200
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"auth.second_factor_enrolled", "auth.second_factor_failed"} <= actions


def test_a_clerk_without_a_device_signs_in_with_the_password(company):
    clerk = UserFactory(username="plain-clerk")
    MembershipFactory(user=clerk, organization=company, role=MembershipRole.CLERK)
    client, response = sign_in(clerk.username)
    assert response["Location"] == "/app/documents/"
    assert client.get("/app/documents/").status_code == 200
