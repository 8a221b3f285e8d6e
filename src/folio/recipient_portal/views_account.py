"""Getting in (magic links) and one's own data; the sender's read-only support view."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from sesame import settings as sesame_settings
from sesame.backends import ModelBackend as SesameBackend
from sesame.utils import get_query_string

from folio.core.errors import ApplicationError
from folio.customers.models import Contact, Customer
from folio.recipient_portal.access import (
    ACCOUNT_SESSION_KEY,
    SUPPORT_SESSION_KEY,
    PortalSession,
    portal_view,
)
from folio.recipient_portal.forms import ActivationForm, MagicLinkRequestForm, MyDataForm
from folio.recipient_portal.views import portal_context
from folio.servicedesk.activation import ActivationFailed, portal_activation_redeem
from folio.servicedesk.models import PortalAction
from folio.servicedesk.selectors import change_requests_of, portal_settings_for
from folio.servicedesk.services import change_request_create
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import actor_can
from folio.tenancy.services import audit_record

# Where a magic link's token waits between the link (GET) and the confirm button (POST).
MAGIC_TOKEN_SESSION_KEY = "portal_magic_token"  # noqa: S105 - a session key name
RATE_WINDOW_SECONDS = 15 * 60
# Tokens of this scope sign in to the portal and nothing else.
MAGIC_LINK_SCOPE = "portal"


def _rate_limited(request: HttpRequest, email: str) -> bool:
    """At most FOLIO_MAGIC_LINK_LIMIT requests per e-mail address and per client per window."""
    ip = request.META.get("REMOTE_ADDR", "")
    limited = False
    for scope in (f"email:{email.lower()}", f"ip:{ip}"):
        key = "portal-magic:" + hashlib.sha256(scope.encode()).hexdigest()
        cache.add(key, 0, RATE_WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:
            count = 1
        limited = limited or count > settings.FOLIO_MAGIC_LINK_LIMIT
    return limited


def _portal_user_of(contact: Contact):
    """The contact's user, made (without a password) on first sign-in by link."""
    if contact.user_id is not None:
        return contact.user
    User = get_user_model()
    user = User.objects.create_user(
        username=f"contact-{contact.code.hex}", email=contact.email, first_name=contact.name
    )
    Contact.objects.filter(pk=contact.pk, user__isnull=True).update(user=user)
    return user


def _send_magic_links(request: HttpRequest, email: str) -> None:
    contacts = (
        Contact.objects.filter(
            email__iexact=email,
            can_view=True,
            customer__portal_access=True,
            customer__is_active=True,
            customer__sender__is_active=True,
        )
        .select_related("user", "customer")
        .order_by("id")
    )
    users = {}
    for contact in contacts:
        user = _portal_user_of(contact)
        if user.is_active:
            users[user.pk] = (user, contact)
    for user, contact in users.values():
        link = request.build_absolute_uri(
            reverse("recipient_portal:magic_link")
        ) + get_query_string(user, scope=MAGIC_LINK_SCOPE)
        with translation.override(contact.customer.language or "en"):
            send_mail(
                subject=_("Your sign-in link"),
                message=render_to_string(
                    "recipient_portal/email/magic_link.txt",
                    {"link": link, "minutes": settings.SESAME_MAX_AGE // 60, "name": contact.name},
                ),
                from_email=None,
                recipient_list=[contact.email],
            )


@never_cache
@require_http_methods(["GET", "POST"])
def magic_link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer never tells whether the address is known."""
    form = MagicLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not _rate_limited(request, email):
            _send_magic_links(request, email)
        return render(request, "recipient_portal/magic_link_sent.html", {"email": email})
    return render(request, "recipient_portal/magic_link_request.html", {"form": form})


@never_cache
@require_GET
def magic_link(request: HttpRequest) -> HttpResponse:
    """The link from the e-mail: keep the token in the session and drop it from the URL.

    Nothing is signed in and nothing counts as opened here: mail scanners fetch links.
    """
    token = request.GET.get(sesame_settings.TOKEN_NAME, "")
    if token:
        request.session[MAGIC_TOKEN_SESSION_KEY] = token[:500]
    return redirect("recipient_portal:magic_confirm")


@never_cache
@require_http_methods(["GET", "POST"])
def magic_confirm(request: HttpRequest) -> HttpResponse:
    token = request.session.get(MAGIC_TOKEN_SESSION_KEY, "")
    if request.method == "GET":
        return render(request, "recipient_portal/magic_confirm.html", {"has_token": bool(token)})
    request.session.pop(MAGIC_TOKEN_SESSION_KEY, None)
    # Expiring (SESAME_MAX_AGE) and single use: the token is bound to the last login, which
    # signing in moves on. Checked by sesame's backend directly, not through authenticate(),
    # so that django-axes (which needs a password-style request) stays out of the way.
    user = (
        SesameBackend().authenticate(request, sesame=token, scope=MAGIC_LINK_SCOPE)
        if token
        else None
    )
    if user is None:
        return render(
            request, "recipient_portal/magic_confirm.html", {"has_token": False}, status=400
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("recipient_portal:home")


@require_http_methods(["GET", "POST"])
@portal_view
def my_data(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    customer = portal.customer(
        request.GET.get("account") or request.session.get(ACCOUNT_SESSION_KEY)
    )
    contact = portal.contact_for(customer)
    opened = PortalAction.CHANGE_DATA in portal_settings_for(customer.sender).actions
    may_change = opened and contact.is_admin and not portal.support
    history = list(change_requests_of(customer)[:50])
    initial = {
        name: getattr(customer, name)
        for name in (
            "email",
            "phone",
            "address_line1",
            "address_line2",
            "postcode",
            "city",
            "country",
            "vat_id",
            "preferred_channel",
            "language",
        )
    }
    form = MyDataForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid():
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            if form.cleaned_data.get("bank_account"):
                changed["bank_account"] = form.cleaned_data["bank_account"]
            try:
                change = change_request_create(contact=contact, fields=changed, actor=portal.actor)
            except ApplicationError as exc:
                if exc.status == 404:
                    raise Http404 from exc
                form.add_error(None, str(exc.message))
            else:
                messages.success(
                    request,
                    _("Your change was sent to %(sender)s for approval.")
                    % {"sender": customer.sender.name}
                    if change.status == "pending"
                    else _("Your details were updated."),
                )
                return redirect("recipient_portal:my_data")
    return render(
        request,
        "recipient_portal/my_data.html",
        portal_context(portal, customer, form=form, may_change=may_change, history=history),
    )


@never_cache
@require_POST
@login_required
def support_start(request: HttpRequest, code) -> HttpResponse:
    """A sender user opens the portal as this customer sees it (read-only, audited)."""
    actor = Actor.for_user(request.user)
    customer = Customer.objects.select_related("sender").filter(code=code).first()
    if customer is None or not actor_can(actor, "view", customer.sender):
        raise Http404
    audit_record(
        actor=actor,
        action="portal.support_view",
        organization=customer.sender,
        obj=customer,
    )
    request.session[SUPPORT_SESSION_KEY] = str(customer.code)
    request.session[ACCOUNT_SESSION_KEY] = str(customer.code)
    return redirect("recipient_portal:home")


@require_POST
@login_required
def support_stop(request: HttpRequest) -> HttpResponse:
    request.session.pop(SUPPORT_SESSION_KEY, None)
    request.session.pop(ACCOUNT_SESSION_KEY, None)
    return redirect("sender_portal:home")


@never_cache
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    """Type part one (from the letter) and part two (from the e-mail) to get in."""
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = None
        if not _rate_limited(request, "activation"):
            try:
                user = portal_activation_redeem(
                    letter_code=form.cleaned_data["letter_code"],
                    email_code=form.cleaned_data["email_code"],
                )
            except ActivationFailed:
                user = None
        if user is not None and user.is_active:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your access to the portal is active."))
            return redirect("recipient_portal:home")
        form.add_error(None, _("These codes do not work. Check both parts."))
    return render(request, "recipient_portal/activate.html", {"form": form})
