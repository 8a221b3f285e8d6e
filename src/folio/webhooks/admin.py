"""Webhooks in the operator's admin: read-only (changes go through the services and the sender
portal), and never the signing secrets."""

from django.contrib import admin

from folio.core.admin import ReadOnlyInline, ReadOnlyModelAdmin
from folio.webhooks.models import WebhookAttempt, WebhookCursor, WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyModelAdmin):
    list_display = ["url", "organization", "is_active", "consecutive_failures", "last_success_at"]
    list_filter = ["is_active", "disabled_reason"]
    search_fields = ["url", "description", "organization__name", "code"]
    fields = [
        "code",
        "organization",
        "url",
        "description",
        "event_types",
        "include_subsidiaries",
        "is_active",
        "disabled_at",
        "disabled_reason",
        "consecutive_failures",
        "failing_since",
        "last_success_at",
        "created_at",
    ]
    readonly_fields = fields


class WebhookAttemptInline(ReadOnlyInline):
    model = WebhookAttempt
    fields = ["number", "at", "response_code", "duration_ms", "error", "succeeded"]
    readonly_fields = fields


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyModelAdmin):
    list_display = ["message_id", "event_type", "endpoint", "status", "attempt_count", "created_at"]
    list_filter = ["status", "event_type"]
    search_fields = ["message_id", "code", "endpoint__url"]
    list_select_related = ["endpoint"]
    inlines = [WebhookAttemptInline]
    fields = [
        "code",
        "endpoint",
        "event_type",
        "message_id",
        "status",
        "attempt_count",
        "next_attempt_at",
        "response_code",
        "last_error",
        "body",
        "created_at",
    ]
    readonly_fields = fields


@admin.register(WebhookCursor)
class WebhookCursorAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "last_event_id", "updated_at"]
    readonly_fields = ["name", "last_event_id", "gaps", "updated_at"]
