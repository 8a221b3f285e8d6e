"""Two-factor sign-in for staff with TOTP (django-otp): enrolment with a QR code, the code step
after the password, and the middleware that holds a half-signed-in session at that step.

After a correct password, a user with a confirmed TOTP device, and every administrator, is
"pending": until they give a code (or, for an administrator without a device, enrol one), every
sender-portal page sends them to the code step. django-otp throttles wrong codes per device.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from folio.sender_portal.access import staff_actor
from folio.tenancy.models import Membership, MembershipRole
from folio.tenancy.services import audit_record

SESSION_PENDING = "sender_portal_second_factor_next"
LOGIN_URL = "/app/login/"
# Pages a pending session may still open.
OPEN_WHILE_PENDING = ("/app/login/", "/app/logout/", "/app/verify/", "/app/security/two-factor/")


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def _is_admin(user) -> bool:
    return Membership.objects.filter(user=user, role=MembershipRole.ADMIN).exists()


def after_password(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Called by the sign-in view once the password was right: ask for the second factor."""
    user = request.user
    admin_must = settings.FOLIO_ADMIN_TWO_FACTOR and _is_admin(user)
    if _confirmed_device(user) is None and not admin_must:
        return response
    request.session[SESSION_PENDING] = response.get("Location", "") or reverse("sender_portal:home")
    return redirect(reverse("sender_portal:verify"))


def _finish(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    otp_login(request, device)
    target = request.session.pop(SESSION_PENDING, "") or reverse("sender_portal:home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("sender_portal:home")
    return redirect(target)


class SecondFactorMiddleware:
    """Holds a session whose second factor is still owed at the code step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith("/app/")
            and not request.path.startswith(OPEN_WHILE_PENDING)
            and SESSION_PENDING in request.session
            and request.user.is_authenticated
        ):
            return redirect(reverse("sender_portal:verify"))
        return self.get_response(request)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password."""
    actor = staff_actor(request)
    if SESSION_PENDING not in request.session:
        return redirect(reverse("sender_portal:home"))
    device = _confirmed_device(request.user)
    if device is None:
        # An administrator without a device enrols one now.
        return redirect(reverse("sender_portal:two_factor"))
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        allowed, _detail = device.verify_is_allowed()
        if allowed and token.isdigit() and device.verify_token(token):
            audit_record(actor=actor, action="auth.second_factor_passed", detail={})
            return _finish(request, device)
        audit_record(actor=actor, action="auth.second_factor_failed", detail={})
        error = _("That code is not right, or too many tries were made. Wait and try again.")
    return render(
        request,
        "sender_portal/security/verify.html",
        {"error": error},
        status=400 if error else 200,
    )


def _qr_data_url(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#172033")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, confirm with one code."""
    actor = staff_actor(request)
    confirmed = _confirmed_device(request.user)
    if confirmed is not None:
        return render(request, "sender_portal/security/two_factor.html", {"confirmed": confirmed})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "-id"
    ).first() or TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        if token.isdigit() and device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(actor=actor, action="auth.second_factor_enrolled", detail={})
            messages.success(request, _("Two-factor sign-in is on."))
            return _finish(request, device)
        error = _("That code is not right. Check the time on your phone and try again.")
    return render(
        request,
        "sender_portal/security/two_factor.html",
        {
            "qr": _qr_data_url(device),
            "secret": base64.b32encode(device.bin_key).decode(),
            "error": error,
            "pending": SESSION_PENDING in request.session,
        },
        status=400 if error else 200,
    )
