"""The sender's desk for what customers asked in the portal: data changes waiting for approval
and open disputes. A minimal page until the sender portal (issue 8) has its own; it only calls
the services and selectors the sender portal can call as well."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folio.collections.selectors import disputes_open_for, promises_open_for
from folio.collections.services import dispute_resolve
from folio.core.errors import ApplicationError
from folio.servicedesk.selectors import change_request_get_for_staff, change_requests_pending_for
from folio.servicedesk.services import change_request_decide
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to

LOGIN_URL = "sender_portal:login"


def _staff(request: HttpRequest) -> Actor:
    actor = Actor.for_user(request.user)
    if not organization_ids_visible_to(actor):
        raise PermissionDenied
    return actor


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def desk(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    return render(
        request,
        "servicedesk/desk.html",
        {
            "changes": list(change_requests_pending_for(actor)[:100]),
            "disputes": list(disputes_open_for(actor)[:100]),
            "promises": list(promises_open_for(actor)[:100]),
        },
    )


def _done(request: HttpRequest, exc: ApplicationError | None, success: str) -> HttpResponse:
    if exc is None:
        messages.success(request, success)
    elif exc.status in (403, 404):
        raise PermissionDenied
    else:
        messages.error(request, str(exc.message))
    return redirect("servicedesk:desk")


@never_cache
@require_POST
@login_required(login_url=LOGIN_URL)
def change_decide(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    decision = request.POST.get("decision")
    if decision not in {"approve", "reject"}:
        return HttpResponse(status=400)
    try:
        change = change_request_get_for_staff(actor, code=request.POST.get("code", ""))
        change_request_decide(
            change=change,
            approve=decision == "approve",
            answer=request.POST.get("answer", "")[:2000],
            actor=actor,
        )
    except ApplicationError as exc:
        return _done(request, exc, "")
    return _done(request, None, _("The change was decided."))


@never_cache
@require_POST
@login_required(login_url=LOGIN_URL)
def dispute_decide(request: HttpRequest) -> HttpResponse:
    actor = _staff(request)
    decision = request.POST.get("decision")
    if decision not in {"accept", "reject"}:
        return HttpResponse(status=400)
    dispute = disputes_open_for(actor).filter(code=_uuid_or_none(request.POST.get("code"))).first()
    if dispute is None:
        raise PermissionDenied
    try:
        dispute_resolve(
            dispute=dispute,
            accept=decision == "accept",
            answer=request.POST.get("answer", "")[:2000],
            actor=actor,
        )
    except ApplicationError as exc:
        return _done(request, exc, "")
    return _done(request, None, _("The dispute was resolved."))


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
