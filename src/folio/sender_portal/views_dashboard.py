"""The dashboard (statistics of the organizations in view) and the organization switcher."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folio.customers.models import ChannelCode
from folio.documents.models import DocumentStatus, DocumentType
from folio.sender_portal import charts
from folio.sender_portal.access import request_scope, staff_actor
from folio.sender_portal.selectors import SESSION_SCOPE_KEY, dashboard_figures, scope_for
from folio.sender_portal.views import LOGIN_URL


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    figures = dashboard_figures(scope)
    month_labels = [formats.date_format(month, "YEAR_MONTH_FORMAT") for month in figures.months]
    short_labels = [formats.date_format(month, "M y") for month in figures.months]
    sent = [figures.by_month[month].get("sent", 0) for month in figures.months]
    received = [figures.by_month[month].get("received", 0) for month in figures.months]
    statuses = dict(DocumentStatus.choices)
    types = dict(DocumentType.choices)
    channels = dict(ChannelCode.choices)
    status_rows = [
        {"status": status, "label": label, "count": figures.by_status.get(status, 0)}
        for status, label in DocumentStatus.choices
    ]
    type_rows = sorted(
        ({"label": types.get(t, t), "count": n} for t, n in figures.by_type.items()),
        key=lambda row: -row["count"],
    )
    channel_rows = [
        {"code": code, "label": channels.get(code, code), **entry}
        for code, entry in figures.by_channel.items()
    ]
    context = {
        "scope": scope,
        "figures": figures,
        "month_rows": [
            {"label": label, "sent": s, "received": r}
            for label, s, r in zip(month_labels, sent, received, strict=True)
        ],
        "status_rows": status_rows,
        "type_rows": type_rows,
        "channel_rows": channel_rows,
        "trend_chart": charts.stacked_bars(
            short_labels, {_("Sent"): sent, _("Received"): received}
        ),
        "status_chart": charts.donut(
            {str(statuses[row["status"]]): row["count"] for row in status_rows if row["count"]}
        )
        if figures.total
        else "",
        "channel_chart": charts.horizontal_bars(
            {str(row["label"]): row["count"] for row in channel_rows}
        )
        if channel_rows
        else "",
        "cost_total": sum((row["cost"] for row in channel_rows), start=0),
    }
    return render(request, "sender_portal/dashboard.html", context)


@require_POST
@login_required(login_url=LOGIN_URL)
def scope_switch(request: HttpRequest) -> HttpResponse:
    """One click to look at one organization (and what lies below it), or at all of them."""
    actor = staff_actor(request)
    slug = request.POST.get("organization", "")
    if slug:
        scope = scope_for(actor, chosen_slug=slug)
        if scope.chosen is None:
            raise BadRequest
        request.session[SESSION_SCOPE_KEY] = slug
    else:
        request.session.pop(SESSION_SCOPE_KEY, None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("sender_portal:dashboard")
    return redirect(target)
