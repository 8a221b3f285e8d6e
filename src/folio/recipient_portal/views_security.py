"""Optional second factor for portal users who sign in with a password: a TOTP authenticator
(django-otp). With a confirmed device, a right password is not yet a sign-in: the session only
remembers who is half-way, and the code step signs in. django-otp throttles wrong codes."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from folio.recipient_portal.access import PortalSession, portal_view

PENDING_USER_KEY = "portal_second_factor_user"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


@never_cache
@require_http_methods(["GET", "POST"])
def code_step(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_USER_KEY)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    device = confirmed_device(user) if user is not None else None
    if device is None:
        return redirect("recipient_portal:login")
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        allowed, _detail = device.verify_is_allowed()
        if allowed and token.isdigit() and device.verify_token(token):
            request.session.pop(PENDING_USER_KEY, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect("recipient_portal:home")
        error = _("That code is not right, or too many tries were made. Wait and try again.")
    return render(
        request,
        "recipient_portal/code_step.html",
        {"error": error},
        status=400 if error else 200,
    )


def _qr_data_url(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#172033")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@require_http_methods(["GET", "POST"])
@portal_view
def security(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    """Turn on an authenticator app for password sign-in (scan, then confirm with a code)."""
    portal.require_writable()
    customer = portal.customer(request.session.get("portal_account"))
    confirmed = confirmed_device(request.user)
    context = {
        "portal": portal,
        "contacts": portal.contacts,
        "customer": customer,
        "contact": portal.contact_for(customer),
        "confirmed": confirmed,
    }
    if confirmed is not None:
        return render(request, "recipient_portal/security.html", context)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "-id"
    ).first() or TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip().replace(" ", "")
        if token.isdigit() and device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("recipient_portal:security")
        error = _("That code is not right. Check the time on your phone and try again.")
    context |= {
        "qr": _qr_data_url(device),
        "secret": base64.b32encode(device.bin_key).decode(),
        "error": error,
    }
    return render(request, "recipient_portal/security.html", context, status=400 if error else 200)
