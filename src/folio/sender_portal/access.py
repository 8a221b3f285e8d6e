"""Who is acting on a sender-portal page, and which organizations the page shows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from folio.sender_portal.selectors import SESSION_SCOPE_KEY, Scope, scope_for
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to, organization_ids_with_permission


def staff_actor(request: HttpRequest) -> Actor:
    """The acting staff member; a signed-in user without any organization may not enter."""
    actor = Actor.for_user(request.user)
    if not organization_ids_visible_to(actor):
        raise PermissionDenied
    return actor


def staff_actor_with(request: HttpRequest, permission: str) -> Actor:
    """The acting staff member, who must hold `permission` somewhere (else 403 whatever the
    object, so that a refusal does not tell whether an object exists)."""
    actor = staff_actor(request)
    if not organization_ids_with_permission(actor, permission):
        raise PermissionDenied
    return actor


def request_scope(request: HttpRequest, actor: Actor) -> Scope:
    """The organizations in view: what the user chose with the switcher, kept in the session."""
    return scope_for(actor, chosen_slug=request.session.get(SESSION_SCOPE_KEY, ""))
