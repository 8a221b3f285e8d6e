"""Trading partners (the customers and suppliers of the organizations in view) and the audit log."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folio.customers.models import ChannelCode
from folio.delivery.models import Delivery
from folio.registries.selectors import customer_reach_stored
from folio.registries.services import customer_reach_check_now
from folio.sender_portal.access import request_scope, staff_actor, staff_actor_with
from folio.sender_portal.selectors import (
    audit_entries,
    documents_in_scope,
    partner_counts,
    partner_get,
    partner_monthly,
    partners_in_scope,
)
from folio.sender_portal.views import LOGIN_URL
from folio.tenancy.selectors import actor_can

PARTNERS_PAGE = 50
AUDIT_PAGE = 100
# Bounded offset pagination: deep pages of a partner list are reached by searching instead.
MAX_PAGE = 200
PERIODS = {
    "30": (30, _("Last 30 days")),
    "90": (90, _("Last 90 days")),
    "365": (365, _("Last 12 months")),
}
DEFAULT_PERIOD = "90"


def _page_number(request: HttpRequest) -> int:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def partner_list(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    text = request.GET.get("q", "").strip().replace("\x00", "")[:200]
    period = request.GET.get("period", DEFAULT_PERIOD)
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    days, period_label = PERIODS[period]
    since = timezone.localdate() - datetime.timedelta(days=days)
    partners = partners_in_scope(scope)
    if text:
        partners = partners.filter(
            Q(name__icontains=text)
            | Q(customer_number=text)
            | Q(org_number=text)
            | Q(email__iexact=text)
        )
    number = _page_number(request)
    offset = (number - 1) * PARTNERS_PAGE
    rows = list(partners.order_by("name", "id")[offset : offset + PARTNERS_PAGE + 1])
    has_next = len(rows) > PARTNERS_PAGE
    rows = rows[:PARTNERS_PAGE]
    counts = partner_counts(scope, rows, since=since)
    return render(
        request,
        "sender_portal/partners/list.html",
        {
            "scope": scope,
            "rows": [{"customer": c, **counts[c.pk]} for c in rows],
            "text": text,
            "period": period,
            "period_label": period_label,
            "periods": [(key, label) for key, (_days, label) in PERIODS.items()],
            "page_number": number,
            "has_next": has_next and number < MAX_PAGE,
        },
    )


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def partner_detail(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    customer = partner_get(scope, code=code)
    if customer is None:
        # Outside the organization in view is as unknown as another tenant's customer.
        raise Http404
    documents = documents_in_scope(scope).filter(customer=customer)
    latest = documents.select_related("organization").order_by("-issue_date", "-id")[:25]
    channels = dict(ChannelCode.choices)
    channel_rows = [
        {"label": channels.get(row["channel"], row["channel"]), **row}
        for row in Delivery.objects.filter(document__in=documents.values("id"))
        .order_by()
        .values("channel")
        .annotate(n=Count("id"), cost=Sum("cost"))
        .order_by("-n")
    ]
    monthly = partner_monthly(scope, customer)
    for row in monthly:
        row["label"] = formats.date_format(row["month"], "YEAR_MONTH_FORMAT")
    return render(
        request,
        "sender_portal/partners/detail.html",
        {
            "customer": customer,
            "latest": latest,
            "monthly": monthly,
            "channel_rows": channel_rows,
            # The customer is in scope, so its own rows are too.
            "contacts": customer.contacts.order_by("name"),
            "registry_entries": customer.registry_entries.filter(registered=True),
            "registrations": customer.registrations.order_by("-at", "-id")[:20],
            "consents": customer.consents.order_by("-at")[:20],
            "reach": customer_reach_stored(customer),
            # Asking the registries costs network calls: only who may manage customers may.
            "can_check_reach": actor_can(actor, "manage_customers", customer.sender),
            "customer_portal_url": settings.SITE_URL
            + reverse("recipient_portal:home")
            + "?"
            + urlencode({"account": str(customer.code)}),
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def partner_reach_check(request: HttpRequest, code) -> HttpResponse:
    """ "Check now": ask every registry about the customer again."""
    actor = staff_actor_with(request, "manage_customers")
    scope = request_scope(request, actor)
    customer = partner_get(scope, code=code)
    if customer is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    answered = customer_reach_check_now(customer=customer, actor=actor)
    messages.success(
        request,
        ngettext("%(count)s registry answered.", "%(count)s registries answered.", answered)
        % {"count": answered},
    )
    return redirect(reverse("sender_portal:partner", args=[customer.code]) + "#reach")


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def audit_log(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    text = request.GET.get("q", "").strip().replace("\x00", "")[:200]
    number = _page_number(request)
    offset = (number - 1) * AUDIT_PAGE
    entries = list(audit_entries(scope, text=text)[offset : offset + AUDIT_PAGE + 1])
    return render(
        request,
        "sender_portal/audit.html",
        {
            "scope": scope,
            "entries": entries[:AUDIT_PAGE],
            "text": text,
            "page_number": number,
            "has_next": len(entries) > AUDIT_PAGE and number < MAX_PAGE,
        },
    )
