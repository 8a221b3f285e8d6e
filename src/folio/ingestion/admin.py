"""Read-only admin for ingestion records; stop rules change through the API's services."""

from django.contrib import admin

from folio.core.admin import ReadOnlyModelAdmin
from folio.ingestion.models import DocumentVersion, StopRule, Submission


@admin.register(StopRule)
class StopRuleAdmin(ReadOnlyModelAdmin):
    list_display = [
        "kind",
        "organization",
        "customer",
        "term",
        "channel",
        "is_active",
        "created_at",
    ]
    list_filter = ["kind", "is_active", "organization"]
    search_fields = ["organization__name", "customer__name", "term", "reason"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyModelAdmin):
    list_display = ["document", "version", "outcome", "source_format", "at", "actor_label"]
    list_filter = ["outcome", "source_format"]
    search_fields = ["document__number"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyModelAdmin):
    list_display = ["idempotency_key", "organization", "response_status", "created_at"]
    search_fields = ["idempotency_key", "organization__name"]
