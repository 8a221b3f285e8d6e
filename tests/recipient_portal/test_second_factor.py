"""Optional TOTP for portal password sign-in: enrol on the security page; afterwards a right
password alone does not sign in, the code step does."""

from __future__ import annotations

import datetime

import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_enrolled_contact_needs_the_code_after_the_password(consumer_recipient, client_for):
    client = client_for(consumer_recipient)
    assert client.get("/portal/security/").status_code == 200
    device = TOTPDevice.objects.get(user=consumer_recipient.user)
    assert client.post("/portal/security/", {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    later = timezone.now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False) as traveller:
        person = Client()
        signed = person.post(
            "/portal/login/",
            {"username": consumer_recipient.user.username, "password": consumer_recipient.password},
        )
        assert signed["Location"] == "/portal/login/code/"
        assert person.get("/portal/").status_code == 302  # not signed in yet
        wrong = person.post("/portal/login/code/", {"token": "000000"})
        assert wrong.status_code == 400
        # django-otp throttles after a wrong code; the next try waits a little.
        traveller.shift(datetime.timedelta(seconds=5))
        device.refresh_from_db()
        right = person.post("/portal/login/code/", {"token": _code(device)})
        assert right["Location"] == "/portal/"
        assert person.get("/portal/").status_code == 200


def test_without_an_authenticator_the_password_signs_in(consumer_recipient):
    person = Client()
    signed = person.post(
        "/portal/login/",
        {"username": consumer_recipient.user.username, "password": consumer_recipient.password},
    )
    assert signed["Location"] == "/portal/"
