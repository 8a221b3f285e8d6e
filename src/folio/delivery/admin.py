from django.contrib import admin

from folio.core.admin import ReadOnlyInline, ReadOnlyModelAdmin
from folio.delivery.models import (
    Bounce,
    CustomerChannelOverride,
    Delivery,
    DeliveryAttempt,
    DeliveryLink,
    DeliveryPolicy,
    FallbackChain,
    InboundEnvelope,
    MessageTemplate,
    PeppolLookup,
    PrintBatch,
    PrintItem,
    SmartmailTracking,
)


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


# Sender configuration: edited by operators on a sender's behalf.
@admin.register(DeliveryPolicy)
class DeliveryPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "forced_channel",
        "email_attachments",
        "smartmail_days",
        "postage_class",
    ]
    list_filter = ["forced_channel", "email_attachments", "postage_class"]
    search_fields = ["organization__name", "organization__slug"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]


@admin.register(FallbackChain)
class FallbackChainAdmin(admin.ModelAdmin):
    list_display = ["organization", "document_type", "__str__"]
    list_filter = ["document_type"]
    search_fields = ["organization__name", "organization__slug"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]


@admin.register(CustomerChannelOverride)
class CustomerChannelOverrideAdmin(admin.ModelAdmin):
    list_display = ["customer", "channel"]
    list_filter = ["channel"]
    search_fields = ["customer__name", "customer__customer_number"]
    list_select_related = ["customer"]
    autocomplete_fields = ["customer"]


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["organization", "purpose", "language", "subject"]
    list_filter = ["purpose", "language"]
    search_fields = ["organization__name", "subject"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]


# Records of what happened: written by the delivery services and jobs only.
@admin.register(DeliveryLink)
class DeliveryLinkAdmin(ReadOnlyModelAdmin):
    list_display = ["delivery", "purpose", "expires_at", "last_used_at"]
    list_filter = ["purpose"]
    search_fields = ["delivery__document__number"]
    list_select_related = ["delivery", "delivery__document"]
    # Never the token's hash.
    fields = ["delivery", "purpose", "expires_at", "last_used_at", "created_at"]
    readonly_fields = fields


@admin.register(SmartmailTracking)
class SmartmailTrackingAdmin(ReadOnlyModelAdmin):
    list_display = ["delivery", "status", "deadline", "opened_at", "expired_at"]
    list_filter = ["status"]
    search_fields = ["delivery__document__number"]
    list_select_related = ["delivery", "delivery__document"]


class PrintItemInline(ReadOnlyInline):
    model = PrintItem
    fields = ["recipient_name", "country", "pages", "sheets", "postage", "status"]
    readonly_fields = fields


@admin.register(PrintBatch)
class PrintBatchAdmin(ReadOnlyModelAdmin):
    list_display = [
        "name",
        "status",
        "letter_count",
        "page_count",
        "postage_total",
        "handed_over_at",
    ]
    list_filter = ["status"]
    search_fields = ["name", "handed_over_to"]
    inlines = [PrintItemInline]


@admin.register(PrintItem)
class PrintItemAdmin(ReadOnlyModelAdmin):
    list_display = ["recipient_name", "status", "country", "pages", "postage", "batch"]
    list_filter = ["status", "country", "postage_class"]
    search_fields = ["recipient_name", "delivery__document__number"]
    list_select_related = ["batch", "delivery"]


@admin.register(Bounce)
class BounceAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "kind", "status_code", "recipient", "delivery"]
    list_filter = ["kind"]
    search_fields = ["recipient", "report_id", "original_message_id"]
    list_select_related = ["delivery"]


@admin.register(PeppolLookup)
class PeppolLookupAdmin(ReadOnlyModelAdmin):
    list_display = ["participant_id", "registered", "checked_at"]
    list_filter = ["registered"]
    search_fields = ["participant_id"]


@admin.register(InboundEnvelope)
class InboundEnvelopeAdmin(ReadOnlyModelAdmin):
    list_display = ["instance_identifier", "status", "sender_id", "receiver_id", "created_at"]
    list_filter = ["status"]
    search_fields = ["instance_identifier", "sender_id", "receiver_id"]
    list_select_related = ["organization", "document"]
