from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from folio.core.admin import ReadOnlyModelAdmin
from folio.tenancy.models import (
    ApiKey,
    AuditEntry,
    Membership,
    Organization,
    UserSession,
    VisibilityGroup,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "country", "parent", "org_number", "is_active"]
    list_filter = ["kind", "country", "is_active"]
    search_fields = ["name", "slug", "org_number", "vat_id", "peppol_id"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "kind", "parent", "path", "slug", "created_at", "updated_at"]
    inlines = [MembershipInline]

    # New organizations get their place in the tree (the materialized path) from
    # folio.tenancy.services.organization_create; the admin edits the rest.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "scope", "created_at"]
    list_filter = ["role", "scope", "organization__kind"]
    search_fields = ["user__username", "user__email", "organization__name", "organization__slug"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]


@admin.register(VisibilityGroup)
class VisibilityGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "member_count"]
    search_fields = ["name", "parent__name"]
    list_select_related = ["parent"]
    filter_horizontal = ["members"]
    autocomplete_fields = ["parent"]

    @admin.display(description=_("members"))
    def member_count(self, obj: VisibilityGroup) -> int:
        return obj.members.count()


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "organization", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["organization", "revoked_at"]
    search_fields = ["name", "prefix", "organization__name"]
    list_select_related = ["organization"]
    # Never the secret's hash.
    fields = [
        "code",
        "name",
        "organization",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = fields


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "action", "organization", "user", "api_key", "object_type", "object_code"]
    list_filter = ["action", "organization"]
    search_fields = ["action", "object_code", "user__username"]
    list_select_related = ["organization", "user", "api_key"]
    date_hierarchy = "at"


@admin.register(UserSession)
class UserSessionAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "ip_address", "user_agent", "last_seen_at"]
    search_fields = ["user__username", "ip_address"]
    list_select_related = ["user"]
    # Never the session key: it is the session's bearer secret.
    fields = ["code", "user", "ip_address", "user_agent", "last_seen_at"]
    readonly_fields = fields
