"""Settings → Webhooks: an organization's endpoints, their secrets, and the delivery log.

Only those who manage the organization's settings (administrators) see these pages; another
organization's endpoint or delivery answers 404.
"""

from __future__ import annotations

import datetime
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from folio.core.errors import ApplicationError
from folio.sender_portal.access import staff_actor
from folio.sender_portal.views import LOGIN_URL
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.selectors import organization_ids_with_permission
from folio.webhooks.models import (
    TEST_EVENT_TYPE,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEventType,
)
from folio.webhooks.selectors import (
    DELIVERY_LOG_PAGE,
    organization_with_webhooks_for,
    webhook_deliveries_manageable_by,
    webhook_delivery_log,
    webhook_endpoints_manageable_by,
    webhook_endpoints_of,
)
from folio.webhooks.services import (
    webhook_delivery_redeliver,
    webhook_endpoint_create,
    webhook_endpoint_rotate_secret,
    webhook_endpoint_set_active,
    webhook_endpoint_update,
    webhook_test_send,
)
from folio.webhooks.signing import TIMESTAMP_TOLERANCE_SECONDS

SESSION_NEW_SECRET = "sender_portal_new_webhook_secret"  # noqa: S105 (a session key)
PERMISSION = "manage_settings"


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Folio POSTs each event here as JSON."),
        # A text input: styled like the other fields, and the browser does not second-guess
        # the address (the server checks it).
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}
        ),
    )
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        label=gettext_lazy("Events to send"),
        choices=WebhookEventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    include_subsidiaries = forms.BooleanField(
        label=gettext_lazy("Also the events of the organizations below this one"),
        required=False,
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Only an organization with something below it has subsidiaries' events to send.
        if not organization.children.exists():
            del self.fields["include_subsidiaries"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "url": data["url"],
            "description": data["description"],
            "event_types": data["event_types"],
            "include_subsidiaries": data.get("include_subsidiaries", False),
        }

    def event_type_groups(self) -> list[tuple[str, list]]:
        """The checkboxes split into document and delivery events (template helper)."""
        boxes = list(self["event_types"])
        return [
            (
                _("Document events"),
                [box for box in boxes if box.data["value"].startswith("document.")],
            ),
            (
                _("Delivery events"),
                [box for box in boxes if box.data["value"].startswith("delivery.")],
            ),
        ]


class LogFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *WebhookDeliveryStatus.choices],
    )
    event_type = forms.ChoiceField(
        label=gettext_lazy("Event"),
        required=False,
        choices=[
            ("", gettext_lazy("Any event")),
            *WebhookEventType.choices,
            (TEST_EVENT_TYPE, gettext_lazy("Test event")),
        ],
    )
    q = forms.CharField(
        label=gettext_lazy("Message id or document number"), required=False, max_length=100
    )
    before = forms.CharField(required=False, widget=forms.HiddenInput)


def _admin(request: HttpRequest) -> Actor:
    actor = staff_actor(request)
    if not organization_ids_with_permission(actor, PERMISSION):
        raise PermissionDenied
    return actor


def _endpoint_for(actor: Actor, code) -> WebhookEndpoint:
    endpoint = webhook_endpoints_manageable_by(actor).filter(code=code).first()
    if endpoint is None:
        raise Http404
    return endpoint


def _endpoint_url(endpoint: WebhookEndpoint) -> str:
    return reverse("sender_portal:settings_webhook", args=[endpoint.code])


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def webhooks(request: HttpRequest, code) -> HttpResponse:
    """The organization's endpoints, and a form to add one."""
    actor = _admin(request)
    organization = organization_with_webhooks_for(actor, code)
    if organization is None:
        raise Http404
    form = EndpointForm(request.POST or None, organization=organization)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                endpoint, secret = webhook_endpoint_create(
                    actor=actor, organization=organization, **form.service_fields()
                )
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                # Shown once on the endpoint's page, then only its use proves it.
                request.session[SESSION_NEW_SECRET] = {
                    "code": str(endpoint.code),
                    "secret": secret,
                }
                messages.success(request, _("The endpoint is added."))
                return redirect(_endpoint_url(endpoint))
        status = 400
    return render(
        request,
        "sender_portal/settings/webhooks.html",
        {
            "organization": organization,
            "endpoints": webhook_endpoints_of(actor, organization).order_by("created_at"),
            "form": form,
        },
        status=status,
    )


def _log_before(value: str) -> datetime.datetime | None:
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise BadRequest
    return moment


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def webhook_endpoint(request: HttpRequest, code) -> HttpResponse:
    """One endpoint: edit it, its secret and actions, and its delivery log with filters."""
    actor = _admin(request)
    endpoint = _endpoint_for(actor, code)
    organization = endpoint.organization
    initial = {
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": endpoint.event_types,
        "include_subsidiaries": endpoint.include_subsidiaries,
    }
    form = EndpointForm(request.POST or None, initial=initial, organization=organization)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                webhook_endpoint_update(actor=actor, endpoint=endpoint, **form.service_fields())
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The endpoint is saved."))
                return redirect(_endpoint_url(endpoint))
        status = 400
    filters = LogFilterForm(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        raise BadRequest
    chosen = filters.cleaned_data if filters.is_bound else {}
    log = webhook_delivery_log(
        endpoint,
        status=chosen.get("status", ""),
        event_type=chosen.get("event_type", ""),
        search=chosen.get("q", ""),
        before=_log_before(chosen.get("before", "")),
    )
    older = ""
    if len(log) > DELIVERY_LOG_PAGE:
        log = log[:DELIVERY_LOG_PAGE]
        query = request.GET.copy()
        query["before"] = log[-1].created_at.isoformat()
        older = query.urlencode()
    new_secret = None
    pending = request.session.get(SESSION_NEW_SECRET)
    if pending and pending.get("code") == str(endpoint.code):
        new_secret = request.session.pop(SESSION_NEW_SECRET)["secret"]
    return render(
        request,
        "sender_portal/settings/webhooks_endpoint.html",
        {
            "organization": organization,
            "endpoint": endpoint,
            "form": form,
            "filters": filters,
            "log": log,
            "older": older,
            "new_secret": new_secret,
            "tolerance_minutes": TIMESTAMP_TOLERANCE_SECONDS // 60,
            "event_labels": dict(WebhookEventType.choices),
        },
        status=status,
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def webhook_rotate(request: HttpRequest, code) -> HttpResponse:
    actor = _admin(request)
    endpoint = _endpoint_for(actor, code)
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    secret = webhook_endpoint_rotate_secret(actor=actor, endpoint=endpoint)
    request.session[SESSION_NEW_SECRET] = {"code": str(endpoint.code), "secret": secret}
    messages.success(
        request, _("A new secret signs from now on; the old one also signs for 24 hours.")
    )
    return redirect(_endpoint_url(endpoint))


@require_POST
@login_required(login_url=LOGIN_URL)
def webhook_test(request: HttpRequest, code) -> HttpResponse:
    actor = _admin(request)
    endpoint = _endpoint_for(actor, code)
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    try:
        webhook_test_send(actor=actor, endpoint=endpoint)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("A test event is on its way; it shows in the log below."))
    return redirect(_endpoint_url(endpoint))


@require_POST
@login_required(login_url=LOGIN_URL)
def webhook_set_active(request: HttpRequest, code) -> HttpResponse:
    actor = _admin(request)
    endpoint = _endpoint_for(actor, code)
    wanted = request.POST.get("active")
    if wanted not in {"on", "off"}:
        raise BadRequest
    webhook_endpoint_set_active(actor=actor, endpoint=endpoint, active=wanted == "on")
    if wanted == "on":
        messages.success(request, _("The endpoint is on: new events are sent to it."))
    else:
        messages.success(request, _("The endpoint is off: no events are sent to it."))
    return redirect(_endpoint_url(endpoint))


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def webhook_delivery(request: HttpRequest, code) -> HttpResponse:
    """One delivery: its payload, and each request's headers and the answer to it."""
    actor = _admin(request)
    delivery = webhook_deliveries_manageable_by(actor).filter(code=code).first()
    if delivery is None:
        raise Http404
    try:
        # Indented for reading; the signed bytes are the compact body as stored.
        payload = json.dumps(json.loads(delivery.body), indent=2, ensure_ascii=False)
    except ValueError:
        payload = delivery.body
    return render(
        request,
        "sender_portal/settings/webhooks_delivery.html",
        {
            "organization": delivery.endpoint.organization,
            "endpoint": delivery.endpoint,
            "delivery": delivery,
            "payload": payload,
            "attempts": delivery.attempts.order_by("number", "id"),
            "event_labels": dict(WebhookEventType.choices),
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def webhook_redeliver(request: HttpRequest, code) -> HttpResponse:
    actor = _admin(request)
    delivery = webhook_deliveries_manageable_by(actor).filter(code=code).first()
    if delivery is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    try:
        webhook_delivery_redeliver(actor=actor, delivery=delivery)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The delivery is queued again under the same webhook-id."))
    return redirect(reverse("sender_portal:settings_webhook_delivery", args=[delivery.code]))
