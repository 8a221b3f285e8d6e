"""Settings of one organization: users and roles, API keys, branding with a live preview."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from folio.core.errors import ApplicationError
from folio.delivery.routing import routing_dry_run
from folio.ingestion.selectors import stop_rules_visible_to
from folio.ingestion.services import (
    stop_rule_build,
    stop_rule_create,
    stop_rule_delete,
    stop_rule_dry_run,
)
from folio.rendering.selectors import branding_spec_for
from folio.rendering.services import BrandingInput, branding_update, template_preview
from folio.sender_portal.access import staff_actor
from folio.sender_portal.forms_settings import (
    ApiKeyCreateForm,
    BrandingForm,
    InviteForm,
    StopRuleForm,
)
from folio.sender_portal.views import LOGIN_URL
from folio.tenancy.actors import Actor
from folio.tenancy.models import ApiKey, Membership, Organization
from folio.tenancy.selectors import organization_ids_with_permission
from folio.tenancy.services import (
    api_key_create,
    api_key_revoke,
    membership_invite,
    membership_revoke,
)

SESSION_NEW_SECRET = "sender_portal_new_api_key"  # noqa: S105 (a session key, not a secret)


def _settings_actor(request: HttpRequest, permission: str) -> tuple[Actor, frozenset[int]]:
    actor = staff_actor(request)
    allowed = organization_ids_with_permission(actor, permission)
    if not allowed:
        raise PermissionDenied
    return actor, allowed


def _organization(allowed: frozenset[int], code) -> Organization:
    organization = Organization.objects.filter(id__in=allowed, code=code).first()
    if organization is None:
        raise Http404
    return organization


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def settings_index(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    manageable = organization_ids_with_permission(actor, "manage_settings")
    users = organization_ids_with_permission(actor, "manage_users")
    editable = organization_ids_with_permission(actor, "edit_documents")
    organizations = Organization.objects.filter(id__in=manageable | users | editable).order_by(
        "path"
    )
    return render(
        request,
        "sender_portal/settings/index.html",
        {
            "organizations": organizations,
            "manageable": manageable,
            "users": users,
            "editable": editable,
        },
    )


# --- API keys ------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def api_keys(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    form = ApiKeyCreateForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            raise BadRequest
        key, secret = api_key_create(
            actor=actor, organization=organization, name=form.cleaned_data["name"]
        )
        # Shown once on the next page, then gone: only its hash is stored.
        request.session[SESSION_NEW_SECRET] = {"code": str(key.code), "secret": secret}
        return redirect(reverse("sender_portal:settings_api_keys", args=[organization.code]))
    new_secret = request.session.pop(SESSION_NEW_SECRET, None)
    return render(
        request,
        "sender_portal/settings/api_keys.html",
        {
            "organization": organization,
            "keys": ApiKey.objects.filter(organization=organization).order_by("-created_at"),
            "form": form,
            "new_secret": new_secret,
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def api_key_revoke_view(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_settings")
    key = ApiKey.objects.filter(organization_id__in=allowed, code=code).first()
    if key is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    api_key_revoke(actor=actor, api_key=key)
    messages.success(request, _("The key %(name)s is revoked.") % {"name": key.name})
    return redirect(reverse("sender_portal:settings_api_keys", args=[key.organization.code]))


# --- branding and the template preview --------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def branding(request: HttpRequest, code) -> HttpResponse:
    """Edit the organization's look; "Preview" renders a sample with the unsaved values."""
    actor, allowed = _settings_actor(request, "manage_settings")
    organization = _organization(allowed, code)
    spec = branding_spec_for(organization)
    initial = {
        "primary_color": spec.primary_color,
        "accent_color": spec.accent_color,
        "footer_text": spec.footer_text,
        "window_position": spec.window_position,
        "language": organization.language if organization.language else "en",
        "document_type": "invoice",
    }
    form = BrandingForm(request.POST or None, request.FILES or None, initial=initial)
    preview_png = ""
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if form.is_valid():
            data = BrandingInput(
                primary_color=form.cleaned_data["primary_color"],
                accent_color=form.cleaned_data["accent_color"],
                footer_text=form.cleaned_data["footer_text"],
                window_position=form.cleaned_data["window_position"],
            )
            logo = form.cleaned_data["logo"]
            try:
                if action == "save":
                    branding_update(actor=actor, organization=organization, data=data, logo=logo)
                    messages.success(request, _("The branding is saved."))
                    return redirect(
                        reverse("sender_portal:settings_branding", args=[organization.code])
                    )
                preview = template_preview(
                    actor=actor,
                    organization=organization,
                    data=data,
                    logo=logo,
                    language=form.cleaned_data["language"],
                    document_type=form.cleaned_data["document_type"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                if action == "preview_pdf":
                    response = HttpResponse(preview.pdf, content_type="application/pdf")
                    response["Content-Disposition"] = 'attachment; filename="preview.pdf"'
                    return response
                preview_png = "data:image/png;base64," + base64.b64encode(preview.png).decode()
    return render(
        request,
        "sender_portal/settings/branding.html",
        {"organization": organization, "form": form, "preview_png": preview_png},
        status=200 if not form.errors else 400,
    )


# --- users and roles --------------------------------------------------------------------------


def _send_invitation(request: HttpRequest, *, user, organization: Organization, actor) -> None:
    link = settings.SITE_URL + reverse(
        "sender_portal:invitation",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    context = {"organization": organization, "link": link, "inviter": actor.label}
    subject = render_to_string("sender_portal/email/invitation_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("sender_portal/email/invitation.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("sender_portal/email/invitation.html", context), "text/html"
    )
    message.send()


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def users(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_users")
    organization = _organization(allowed, code)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            raise BadRequest
        user, _membership, is_new = membership_invite(
            actor=actor,
            organization=organization,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            scope=form.cleaned_data["scope"],
        )
        if is_new or not user.has_usable_password():
            _send_invitation(request, user=user, organization=organization, actor=actor)
            messages.success(
                request, _("The invitation is on its way to %(email)s.") % {"email": user.email}
            )
        else:
            messages.success(request, _("%(email)s has the role now.") % {"email": user.email})
        return redirect(reverse("sender_portal:settings_users", args=[organization.code]))
    return render(
        request,
        "sender_portal/settings/users.html",
        {
            "organization": organization,
            "memberships": Membership.objects.filter(organization=organization)
            .select_related("user")
            .order_by("user__username"),
            "form": form,
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def user_revoke(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "manage_users")
    organization = _organization(allowed, code)
    username = request.POST.get("user", "")
    membership = (
        Membership.objects.filter(organization=organization, user__username=username)
        .select_related("user", "organization")
        .first()
    )
    if membership is None:
        raise BadRequest
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot take away your own role."))
    else:
        membership_revoke(
            actor=actor,
            membership=membership,
            sign_out_everywhere=request.POST.get("sign_out") == "yes",
        )
        messages.success(request, _("%(user)s no longer has a role here.") % {"user": username})
    return redirect(reverse("sender_portal:settings_users", args=[organization.code]))


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation link: the new member chooses a password (the token then stops working)."""

    template_name = "sender_portal/settings/invitation.html"
    success_url = reverse_lazy("sender_portal:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in to continue."))
        return super().form_valid(form)


# --- stop rules and routing, each with a dry run ----------------------------------------------

ROUTING_DRY_RUN_CUSTOMERS = 50


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url=LOGIN_URL)
def rules(request: HttpRequest, code) -> HttpResponse:
    """Stop rules (create, or try one on the latest documents first) and a routing dry run."""
    actor, allowed = _settings_actor(request, "edit_documents")
    organization = _organization(allowed, code)
    form = StopRuleForm(request.POST or None)
    dry_run = None
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                if request.POST.get("action") == "create":
                    stop_rule_create(
                        actor=actor,
                        organization=organization,
                        kind=form.cleaned_data["kind"],
                        **form.rule_fields(),
                    )
                    messages.success(request, _("The rule is active."))
                    return redirect(reverse("sender_portal:settings_rules", args=[code]))
                rule = stop_rule_build(
                    organization=organization, kind=form.cleaned_data["kind"], **form.rule_fields()
                )
                hits, judged = stop_rule_dry_run(actor=actor, rule=rule)
                dry_run = {"hits": hits, "judged": judged}
            except ApplicationError as error:
                form.add_error(None, str(error.message))
                status = 400
    customers = list(
        organization.customers.filter(is_active=True).order_by("name")[:ROUTING_DRY_RUN_CUSTOMERS]
    )
    return render(
        request,
        "sender_portal/settings/rules.html",
        {
            "organization": organization,
            "rules": stop_rules_visible_to(actor)
            .filter(organization=organization)
            .select_related("customer"),
            "form": form,
            "dry_run": dry_run,
            "routing": routing_dry_run(organization=organization, actor=actor, customers=customers),
        },
        status=status,
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def rule_delete(request: HttpRequest, code) -> HttpResponse:
    actor, allowed = _settings_actor(request, "edit_documents")
    rule = stop_rules_visible_to(actor).filter(organization_id__in=allowed, code=code).first()
    if rule is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    organization = rule.organization
    stop_rule_delete(actor=actor, rule=rule)
    messages.success(request, _("The rule is deleted."))
    return redirect(reverse("sender_portal:settings_rules", args=[organization.code]))
