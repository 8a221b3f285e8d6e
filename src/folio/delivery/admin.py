from django.contrib import admin

from folio.core.admin import ReadOnlyInline, ReadOnlyModelAdmin
from folio.delivery.models import Delivery, DeliveryAttempt


class DeliveryAttemptInline(ReadOnlyInline):
    model = DeliveryAttempt
    fields = ["at", "outcome", "duration_ms", "permanent", "error"]
    readonly_fields = fields


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyModelAdmin):
    list_display = [
        "document",
        "channel",
        "status",
        "cost",
        "cost_currency",
        "attempt_count",
        "status_changed_at",
    ]
    list_filter = ["channel", "status"]
    search_fields = ["document__number", "external_reference", "message_key"]
    list_select_related = ["document"]
    inlines = [DeliveryAttemptInline]


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "delivery", "outcome", "duration_ms", "permanent"]
    list_filter = ["outcome", "permanent"]
    search_fields = ["delivery__document__number", "error"]
    list_select_related = ["delivery", "delivery__document"]
    date_hierarchy = "at"
