"""Settings → Customer portal: what the sender opens to its customers, and who gets in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from folio.sender_portal.forms_settings import CustomerPortalForm
from folio.sender_portal.views import LOGIN_URL
from folio.sender_portal.views_settings import _organization, _settings_actor
from folio.servicedesk.selectors import portal_access_counts, portal_settings_for
from folio.servicedesk.services import portal_access_apply_default, portal_settings_set


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def customer_portal(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    current = portal_settings_for(organization)
    form = CustomerPortalForm(
        request.POST or None,
        initial={
            "document_types": current.document_types,
            "actions": current.actions,
            "changes_need_approval": current.changes_need_approval,
            "new_customers_portal_access": current.new_customers_portal_access,
        },
    )
    if request.method == "POST" and form.is_valid():
        portal_settings_set(sender=organization, actor=actor, **form.cleaned_data)
        messages.success(request, _("The customer portal settings are saved."))
        return redirect(reverse("sender_portal:settings_customer_portal", args=[code]))
    default_open = current.new_customers_portal_access
    counts = portal_access_counts(organization, default_open=default_open)
    return render(
        request,
        "sender_portal/settings/customer_portal.html",
        {
            "organization": organization,
            "form": form,
            "default_open": default_open,
            "to_change": counts["to_change"],
            "customers_with_access": counts["with_access"],
            "customers_total": counts["total"],
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def customer_portal_apply(request: HttpRequest, code) -> HttpResponse:
    """Apply the default portal access to every existing customer: a confirm page, then POST."""
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    default_open = portal_settings_for(organization).new_customers_portal_access
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            raise BadRequest
        changed = portal_access_apply_default(sender=organization, actor=actor)
        messages.success(
            request,
            ngettext("%(count)s customer changed.", "%(count)s customers changed.", changed)
            % {"count": changed},
        )
        return redirect(reverse("sender_portal:settings_customer_portal", args=[code]))
    return render(
        request,
        "sender_portal/settings/customer_portal_apply.html",
        {
            "organization": organization,
            "default_open": default_open,
            "to_change": portal_access_counts(organization, default_open=default_open)["to_change"],
        },
    )
