"""Reads of the organization tree and of what an actor may see and do.

Every scoped read in Folio starts from `organization_ids_visible_to(actor)`.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import NotFoundError
from folio.tenancy.actors import Actor
from folio.tenancy.models import (
    ROLE_PERMISSIONS,
    ApiKey,
    Membership,
    MembershipScope,
    Organization,
    UserSession,
)


def organization_subtree(organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=organization.path)


def _subtree_ids(paths: list[str]) -> set[int]:
    if not paths:
        return set()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return set(Organization.objects.filter(condition).values_list("id", flat=True))


def _membership_grants(actor: Actor) -> dict[int, frozenset[str]]:
    """Organization id -> permissions the actor holds there through its own memberships."""
    if actor.is_system:
        # Folio itself holds everything everywhere. Never cached: a job or command keeps one
        # system actor while it creates organizations, which must be in reach at once.
        all_permissions = frozenset().union(*ROLE_PERMISSIONS.values())
        return {
            org_id: all_permissions for org_id in Organization.objects.values_list("id", flat=True)
        }
    if "grants" in actor._cache:
        return actor._cache["grants"]
    grants: dict[int, set[str]] = {}
    if actor.api_key is not None:
        key = actor.api_key
        if key.revoked_at is None and key.organization.is_active:
            for org_id in _subtree_ids([key.organization.path]):
                grants[org_id] = {"view", "send", "edit_documents", "manage_customers"}
    else:
        user = actor.user_or_none
        if user is not None and user.is_active:
            memberships = Membership.objects.filter(
                user=user, organization__is_active=True
            ).select_related("organization")
            for membership in memberships:
                permissions = ROLE_PERMISSIONS[membership.role]
                if membership.scope == MembershipScope.SUBTREE:
                    org_ids = _subtree_ids([membership.organization.path])
                else:
                    org_ids = {membership.organization_id}
                for org_id in org_ids:
                    grants.setdefault(org_id, set()).update(permissions)
    frozen = {org_id: frozenset(perms) for org_id, perms in grants.items()}
    actor._cache["grants"] = frozen
    return frozen


def organization_ids_visible_to(actor: Actor) -> frozenset[int]:
    """Organizations whose traffic the actor may read.

    Own memberships (with their scope), plus the siblings that share a visibility group with an
    organization the actor holds a membership-based grant on.
    """
    if actor.is_system:
        return frozenset(_membership_grants(actor))
    if "visible" in actor._cache:
        return actor._cache["visible"]
    granted = set(_membership_grants(actor))
    if granted and not actor.is_system:
        siblings = Organization.objects.filter(
            visibility_memberships__members__id__in=granted, is_active=True
        ).values_list("id", flat=True)
        granted.update(siblings)
    visible = frozenset(granted)
    actor._cache["visible"] = visible
    return visible


def organizations_visible_to(actor: Actor) -> QuerySet[Organization]:
    return Organization.objects.filter(id__in=organization_ids_visible_to(actor))


def organization_ids_with_permission(actor: Actor, permission: str) -> frozenset[int]:
    return frozenset(
        org_id for org_id, perms in _membership_grants(actor).items() if permission in perms
    )


def actor_can(actor: Actor, permission: str, organization: Organization) -> bool:
    if actor.is_system:
        return True
    return permission in _membership_grants(actor).get(organization.id, frozenset())


def organization_get_for_actor(actor: Actor, *, slug: str) -> Organization:
    organization = organizations_visible_to(actor).filter(slug=slug).first()
    if organization is None:
        raise NotFoundError("organization_not_found", _("No such organization."))
    return organization


def api_keys_visible_to(actor: Actor) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(
        organization_id__in=organization_ids_with_permission(actor, "manage_settings")
    ).select_related("organization")


def user_sessions_of(actor: Actor) -> QuerySet[UserSession]:
    """The actor's own signed-in sessions that are still alive, latest first."""
    user = actor.user_or_none
    if user is None:
        return UserSession.objects.none()
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=live).order_by(
        "-last_seen_at", "-id"
    )


def user_session_get_for_actor(actor: Actor, *, code) -> UserSession:
    try:
        return user_sessions_of(actor).get(code=code)
    except (UserSession.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFoundError("session_not_found", _("No such session.")) from exc
