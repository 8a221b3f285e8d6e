from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel


class OrganizationKind(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    ENTERPRISE = "enterprise", _("Enterprise")
    COMPANY = "company", _("Company")


# Which kinds may sit directly below which (operator > enterprise > company; companies may also
# hang directly off the operator when they belong to no group).
ALLOWED_PARENT_KINDS = {
    OrganizationKind.OPERATOR: set(),
    OrganizationKind.ENTERPRISE: {OrganizationKind.OPERATOR},
    OrganizationKind.COMPANY: {OrganizationKind.OPERATOR, OrganizationKind.ENTERPRISE},
}


class Organization(PublicCodeModel):
    """A node of the tenant tree. `path` is the materialized path used for subtree queries."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    country = models.CharField(_("country"), max_length=2)
    org_number = models.CharField(_("organization number"), max_length=40, blank=True)
    vat_id = models.CharField(_("VAT id"), max_length=40, blank=True)
    peppol_id = models.CharField(_("Peppol participant id"), max_length=80, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        # "/000001/" (an operator) is depth 0: one segment between two slashes per level.
        return self.path.count("/") - 2


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CLERK = "clerk", _("Clerk")
    VIEWER = "viewer", _("Viewer")
    SUPPORT = "support", _("Support")


class MembershipScope(models.TextChoices):
    ORGANIZATION = "organization", _("This organization")
    SUBTREE = "subtree", _("This organization and everything below")


# What each role may do. Reads follow the scope; writes need one of these permissions.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    MembershipRole.ADMIN: frozenset(
        {"view", "send", "edit_documents", "manage_customers", "manage_settings", "manage_users"}
    ),
    MembershipRole.CLERK: frozenset({"view", "send", "edit_documents", "manage_customers"}),
    MembershipRole.VIEWER: frozenset({"view"}),
    MembershipRole.SUPPORT: frozenset({"view", "manage_customers"}),
}


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=MembershipScope.choices,
        default=MembershipScope.ORGANIZATION,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} - {self.role} @ {self.organization}"


class VisibilityGroup(TimeStampedModel):
    """Sibling subsidiaries that may see each other's traffic."""

    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="visibility_groups",
        help_text=_("The enterprise whose subsidiaries the group joins."),
    )
    members = models.ManyToManyField(Organization, related_name="visibility_memberships")

    class Meta:
        verbose_name = _("visibility group")
        verbose_name_plural = _("visibility groups")

    def __str__(self) -> str:
        return self.name


class ApiKey(PublicCodeModel):
    """An organization's API key. Only a SHA-256 hash of the secret is stored."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEntry(models.Model):
    """Who did what and when, per organization."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_key = models.ForeignKey(
        ApiKey, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_code = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["organization", "-at"], name="audit_org_at")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class UserSession(PublicCodeModel):
    """A signed-in session of a user, so that it can be listed and revoked (Django's session
    table has no user column). Written at sign-in, touched at most once a minute, deleted
    together with the session at sign-out or revocation. URLs use `code`, never the key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folio_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(_("device"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        indexes = [models.Index(fields=["user", "-last_seen_at"], name="user_session_user_seen")]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user_id} {self.last_seen_at:%Y-%m-%d %H:%M}"
