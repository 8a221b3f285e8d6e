"""Writes to the organization tree, memberships, visibility groups and API keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from folio.tenancy.actors import Actor
from folio.tenancy.models import (
    ALLOWED_PARENT_KINDS,
    ApiKey,
    AuditEntry,
    Membership,
    MembershipRole,
    MembershipScope,
    Organization,
    OrganizationKind,
    VisibilityGroup,
)
from folio.tenancy.selectors import actor_can

API_KEY_PREFIX = "folio_"


def audit_record(
    *,
    actor: Actor,
    action: str,
    organization: Organization | None = None,
    obj: object | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        organization=organization,
        user=actor.user_or_none,
        api_key=actor.api_key,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_code=str(getattr(obj, "code", "") or getattr(obj, "pk", "") or ""),
        detail={"actor": actor.label, **(detail or {})},
    )


def require_permission(actor: Actor, permission: str, organization: Organization) -> None:
    """Refuse unless the actor holds `permission` on `organization`.

    An organization the actor cannot see at all answers "not found", so that a foreign tenant
    learns nothing from the refusal.
    """
    if actor_can(actor, permission, organization):
        return
    from folio.tenancy.selectors import organization_ids_visible_to

    if organization.id in organization_ids_visible_to(actor):
        raise PermissionDeniedError("permission_denied", _("You may not do this here."))
    raise NotFoundError("organization_not_found", _("No such organization."))


def _forget_reach(actor: Actor) -> None:
    # The actor caches what it may reach; a change to the tree or to memberships alters that.
    actor._cache.clear()


@transaction.atomic
def organization_create(
    *,
    actor: Actor,
    kind: str,
    name: str,
    slug: str,
    country: str,
    parent: Organization | None = None,
    org_number: str = "",
    vat_id: str = "",
    peppol_id: str = "",
    email: str = "",
    language: str = "en",
) -> Organization:
    kind = OrganizationKind(kind)
    if parent is None:
        if kind != OrganizationKind.OPERATOR:
            raise ApplicationError("parent_required", _("Only an operator has no parent."))
        if not actor.is_system:
            raise PermissionDeniedError("permission_denied", _("Only Folio creates operators."))
    else:
        # Permission first: a foreign tenant learns nothing about the parent, not even its kind.
        require_permission(actor, "manage_settings", parent)
        if parent.kind not in ALLOWED_PARENT_KINDS[kind]:
            raise ApplicationError(
                "invalid_parent",
                _("A %(kind)s cannot sit below a %(parent)s.")
                % {"kind": kind.label, "parent": parent.get_kind_display()},
            )
    if Organization.objects.filter(slug=slug).exists():
        raise ApplicationError("slug_taken", _("That slug is already in use."))
    organization = Organization.objects.create(
        kind=kind,
        parent=parent,
        path=f"tmp-{secrets.token_hex(8)}",
        name=name,
        slug=slug,
        country=country.upper(),
        org_number=org_number,
        vat_id=vat_id,
        peppol_id=peppol_id,
        email=email,
        language=language,
    )
    organization.path = f"{parent.path if parent else '/'}{organization.id:06d}/"
    organization.save(update_fields=["path"])
    audit_record(actor=actor, action="organization.created", organization=organization)
    _forget_reach(actor)
    return organization


@transaction.atomic
def membership_grant(
    *,
    actor: Actor,
    user,
    organization: Organization,
    role: str,
    scope: str = MembershipScope.ORGANIZATION,
) -> Membership:
    require_permission(actor, "manage_users", organization)
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organization=organization,
        defaults={"role": MembershipRole(role), "scope": MembershipScope(scope)},
    )
    audit_record(
        actor=actor,
        action="membership.granted",
        organization=organization,
        obj=membership,
        detail={"user": user.get_username(), "role": role, "scope": scope},
    )
    _forget_reach(actor)
    return membership


@transaction.atomic
def membership_revoke(
    *, actor: Actor, membership: Membership, sign_out_everywhere: bool = False
) -> None:
    """Take away a member's role; optionally end every session the member has signed in."""
    require_permission(actor, "manage_users", membership.organization)
    ended = _sessions_end(user=membership.user) if sign_out_everywhere else 0
    audit_record(
        actor=actor,
        action="membership.revoked",
        organization=membership.organization,
        detail={
            "user": membership.user.get_username(),
            "role": membership.role,
            **({"sessions_ended": ended} if sign_out_everywhere else {}),
        },
    )
    membership.delete()
    _forget_reach(actor)


@transaction.atomic
def visibility_group_create(
    *, actor: Actor, parent: Organization, name: str, members: list[Organization]
) -> VisibilityGroup:
    require_permission(actor, "manage_settings", parent)
    for member in members:
        if not member.path.startswith(parent.path) or member.id == parent.id:
            raise ApplicationError(
                "not_a_subsidiary",
                _("%(name)s is not below %(parent)s.") % {"name": member, "parent": parent},
            )
    group = VisibilityGroup.objects.create(parent=parent, name=name)
    group.members.set(members)
    audit_record(
        actor=actor,
        action="visibility_group.created",
        organization=parent,
        obj=group,
        detail={"members": [m.slug for m in members]},
    )
    _forget_reach(actor)
    return group


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, actor: Actor, organization: Organization, name: str) -> tuple[ApiKey, str]:
    """Create a key and return it with its secret; the secret is shown once and never stored."""
    require_permission(actor, "manage_settings", organization)
    prefix = secrets.token_hex(6)
    secret = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organization=organization,
        name=name,
        prefix=prefix,
        secret_hash=_hash_secret(secret),
        created_by=actor.user_or_none,
    )
    audit_record(actor=actor, action="api_key.created", organization=organization, obj=key)
    return key, secret


@transaction.atomic
def api_key_revoke(*, actor: Actor, api_key: ApiKey) -> ApiKey:
    require_permission(actor, "manage_settings", api_key.organization)
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor, action="api_key.revoked", organization=api_key.organization, obj=api_key
        )
    return api_key


def api_key_authenticate(secret: str) -> ApiKey | None:
    """The active key for a presented secret, or None. Constant-time on the hash compare."""
    if not secret.startswith(API_KEY_PREFIX):
        return None
    prefix = secret[len(API_KEY_PREFIX) :].split("_", 1)[0]
    key = (
        ApiKey.objects.select_related("organization")
        .filter(prefix=prefix, revoked_at__isnull=True, organization__is_active=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.secret_hash, _hash_secret(secret)):
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        # Throttled so that a busy key does not write on every request.
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def user_create(*, username: str, email: str, password: str | None, full_name: str = ""):
    first, _sep, last = full_name.partition(" ")
    user_model = get_user_model()
    return user_model.objects.create_user(
        username=username, email=email, password=password, first_name=first, last_name=last
    )


@transaction.atomic
def membership_invite(
    *,
    actor: Actor,
    organization: Organization,
    email: str,
    role: str,
    scope: str = MembershipScope.ORGANIZATION,
):
    """Give the person with this e-mail a role; a new person gets a user without a password
    (they choose one through the invitation link). Returns (user, membership, user_is_new)."""
    require_permission(actor, "manage_users", organization)
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).strip()
    user = user_model.objects.filter(email__iexact=email).order_by("id").first()
    is_new = user is None
    if user is None:
        user = user_create(username=email.lower(), email=email, password=None)
    membership = membership_grant(
        actor=actor, user=user, organization=organization, role=role, scope=scope
    )
    audit_record(
        actor=actor,
        action="membership.invited",
        organization=organization,
        obj=membership,
        detail={"email": email, "role": role, "new_user": is_new},
    )
    return user, membership, is_new


# --- signed-in sessions ------------------------------------------------------------------------

# A session's "last seen" is written at most this often, so that browsing costs no extra writes.
SESSION_TOUCH_SECONDS = 60


def user_session_touch(*, user, session_key: str, user_agent: str, ip_address: str | None):
    """Record the user's session at sign-in; rows of the user's ended sessions (expired, or
    flushed without a sign-out) are dropped on the way."""
    from django.contrib.sessions.models import Session

    from folio.tenancy.models import UserSession

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=user).exclude(session_key=session_key).exclude(
        session_key__in=live
    ).delete()
    session, _created = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "user_agent": user_agent[:300],
            "ip_address": ip_address or None,
            "last_seen_at": timezone.now(),
        },
    )
    return session


def user_session_seen(*, session_key: str, ip_address: str | None) -> None:
    """Refresh "last seen" of a recorded session (an UPDATE only: never adds a row)."""
    from folio.tenancy.models import UserSession

    UserSession.objects.filter(session_key=session_key).update(
        last_seen_at=timezone.now(), ip_address=ip_address or None
    )


def _session_store_delete(session_key: str) -> None:
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).delete()


def user_session_forget(*, session_key: str) -> None:
    """At sign-out: the session itself is flushed by Django; drop our row of it."""
    from folio.tenancy.models import UserSession

    UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def user_session_revoke(*, actor: Actor, session) -> None:
    """Sign one of the actor's own sessions out (its next request is signed out)."""
    if actor.user_or_none is None or session.user_id != actor.user_or_none.pk:
        raise NotFoundError("session_not_found", _("No such session."))
    _session_store_delete(session.session_key)
    session.delete()
    audit_record(actor=actor, action="session.revoked", detail={"session": str(session.code)})


def _sessions_end(*, user, keep_session_key: str = "") -> int:
    from folio.tenancy.models import UserSession

    sessions = list(UserSession.objects.filter(user=user).exclude(session_key=keep_session_key))
    for session in sessions:
        _session_store_delete(session.session_key)
    UserSession.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    return len(sessions)


@transaction.atomic
def user_sessions_revoke_others(*, actor: Actor, current_session_key: str) -> int:
    """Sign the actor out of every session but the current one; returns how many ended."""
    user = actor.user_or_none
    if user is None:
        raise NotFoundError("session_not_found", _("No such session."))
    ended = _sessions_end(user=user, keep_session_key=current_session_key)
    audit_record(actor=actor, action="session.revoked_others", detail={"count": ended})
    return ended
