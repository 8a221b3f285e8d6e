"""Settings of how documents go out: Smartmail, e-mail templates (with a preview on a real
document), and the routing policy with its cost table (with a dry run before saving)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from folio.channels.registry import transport_for
from folio.core.errors import ApplicationError
from folio.customers.models import ChannelCode
from folio.delivery.models import MessagePurpose, MessageTemplate
from folio.delivery.policies import fallback_chain_for, policy_for
from folio.delivery.routing import routing_dry_run
from folio.delivery.sender_templates import PLACEHOLDERS, message_template_preview
from folio.delivery.services import (
    delivery_policy_update,
    fallback_chain_set,
    message_template_set,
)
from folio.sender_portal.forms_settings import (
    EmailDeliveryForm,
    MessageTemplateForm,
    RoutingForm,
    SmartmailForm,
)
from folio.sender_portal.views import LOGIN_URL
from folio.sender_portal.views_settings import (
    ROUTING_DRY_RUN_CUSTOMERS,
    _organization,
    _settings_actor,
)

# --- Smartmail -------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def smartmail(request: HttpRequest, code) -> HttpResponse:
    """The deadline to open a Smartmail and the optional reminder before it."""
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    policy = policy_for(organization)
    form = SmartmailForm(
        request.POST or None,
        initial={
            "smartmail_days": policy.smartmail_days,
            "remind": policy.smartmail_reminder_days is not None,
            "smartmail_reminder_days": policy.smartmail_reminder_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            delivery_policy_update(organization=organization, actor=actor, **form.policy_fields())
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The Smartmail settings are saved."))
            return redirect(reverse("sender_portal:settings_smartmail", args=[code]))
    return render(
        request,
        "sender_portal/settings/smartmail.html",
        {
            "organization": organization,
            "form": form,
            "inherited": policy.organization_id != organization.id,
        },
        status=400 if form.errors else 200,
    )


# --- e-mail templates ------------------------------------------------------------------------


def _template_initial(organization, purpose: str, language: str) -> dict:
    stored = MessageTemplate.objects.filter(
        organization=organization, purpose=purpose, language=language
    ).first()
    initial = {"purpose": purpose, "language": language}
    if stored is not None:
        initial.update(
            subject=stored.subject, text_body=stored.text_body, html_body=stored.html_body
        )
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def email_templates(request: HttpRequest, code) -> HttpResponse:
    """Per-kind e-mail templates (preview with the latest document, then save), and whether
    document e-mails attach the PDF and XML or carry a link only."""
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    policy = policy_for(organization)
    purpose = request.GET.get("purpose", MessagePurpose.DOCUMENT)
    if purpose not in MessagePurpose.values:
        purpose = MessagePurpose.DOCUMENT
    language = request.GET.get("language", "")
    action = request.POST.get("action", "")
    template_form = MessageTemplateForm(
        request.POST if action in {"preview", "save"} else None,
        initial=_template_initial(organization, purpose, language),
    )
    delivery_form = EmailDeliveryForm(
        request.POST if action == "delivery" else None,
        initial={"email_attachments": policy.email_attachments, "reply_to": policy.reply_to},
    )
    preview = None
    no_documents = False
    if action == "delivery" and delivery_form.is_valid():
        delivery_policy_update(organization=organization, actor=actor, **delivery_form.cleaned_data)
        messages.success(request, _("The e-mail settings are saved."))
        return redirect(reverse("sender_portal:settings_email", args=[code]))
    if action in {"preview", "save"} and template_form.is_valid():
        data = template_form.cleaned_data
        try:
            if action == "save":
                message_template_set(organization=organization, actor=actor, **data)
                messages.success(request, _("The template is saved."))
                return redirect(
                    reverse("sender_portal:settings_email", args=[code])
                    + f"?purpose={data['purpose']}&language={data['language']}"
                )
            preview = message_template_preview(
                organization=organization,
                actor=actor,
                purpose=data["purpose"],
                subject=data["subject"],
                text_body=data["text_body"],
                html_body=data["html_body"],
            )
            no_documents = preview is None
        except ApplicationError as error:
            template_form.add_error(None, str(error.message))
    stored = MessageTemplate.objects.filter(organization=organization).order_by(
        "purpose", "language"
    )
    return render(
        request,
        "sender_portal/settings/email.html",
        {
            "organization": organization,
            "template_form": template_form,
            "delivery_form": delivery_form,
            "preview": preview,
            "no_documents": no_documents,
            "stored": stored,
            "purposes": MessagePurpose.choices,
            "placeholders": sorted(PLACEHOLDERS),
        },
        status=400 if template_form.errors or delivery_form.errors else 200,
    )


# --- routing policy and cost table -----------------------------------------------------------


class _DryRunDone(Exception):
    """Raised to roll back the unsaved routing settings after the dry run read them."""


def _routing_apply(organization, actor, form: RoutingForm) -> None:
    delivery_policy_update(
        organization=organization,
        actor=actor,
        forced_channel=form.cleaned_data["forced_channel"],
        cost_table=form.cost_table(),
    )
    fallback_chain_set(organization=organization, actor=actor, channels=form.cleaned_data["chain"])


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def routing(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    policy = policy_for(organization)
    initial = {
        "forced_channel": policy.forced_channel,
        "chain": ", ".join(fallback_chain_for(organization, "")),
        **{f"cost_{code}": price for code, price in (policy.cost_table or {}).items()},
    }
    form = RoutingForm(
        request.POST or None,
        initial=initial,
        default_costs={code: transport_for(code).default_cost for code in ChannelCode.values},
    )
    customers = list(
        organization.customers.filter(is_active=True).order_by("name")[:ROUTING_DRY_RUN_CUSTOMERS]
    )
    dry_run = None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "save":
                with transaction.atomic():
                    _routing_apply(organization, actor, form)
                messages.success(request, _("The routing settings are saved."))
                return redirect(reverse("sender_portal:settings_routing", args=[code]))
            # The dry run applies the unsaved values inside a transaction that is rolled back,
            # so it routes exactly as routing would after saving, and nothing is kept.
            try:
                with transaction.atomic():
                    _routing_apply(organization, actor, form)
                    dry_run = routing_dry_run(
                        organization=organization, actor=actor, customers=customers
                    )
                    raise _DryRunDone
            except _DryRunDone:
                pass
        except ApplicationError as error:
            form.add_error(None, str(error.message))
    return render(
        request,
        "sender_portal/settings/routing.html",
        {
            "organization": organization,
            "form": form,
            "dry_run": dry_run,
            "current": routing_dry_run(organization=organization, actor=actor, customers=customers)
            if dry_run is None
            else None,
            "channel_codes": ChannelCode.choices,
            "currency": policy.cost_currency,
        },
        status=400 if form.errors else 200,
    )
