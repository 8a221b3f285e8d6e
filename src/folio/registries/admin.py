"""Admin for the Nordic networks: the operator sets senders' network ids and Nets agreements;
what registries, Nets files and webhooks said is shown read-only (services write it)."""

from django.contrib import admin

from folio.core.admin import ReadOnlyModelAdmin
from folio.registries.models import (
    AvtaleGiroClaim,
    AvtaleGiroMandate,
    NetsAgreement,
    NetsFile,
    NordicAccount,
    Registration,
    RegistryEntry,
    WebhookEvent,
)


@admin.register(NordicAccount)
class NordicAccountAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "efaktura_issuer_id",
        "kivra_tenant_key",
        "efaktura_se_sender_id",
        "bankgiro",
    ]
    search_fields = ["organization__name", "efaktura_issuer_id", "kivra_tenant_key"]
    autocomplete_fields = ["organization"]


@admin.register(NetsAgreement)
class NetsAgreementAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "agreement_id",
        "account",
        "kid_algorithm",
        "kid_length",
        "notification",
    ]
    search_fields = ["organization__name", "agreement_id", "account"]
    readonly_fields = ["last_transmission_number", "last_assignment_number"]
    autocomplete_fields = ["organization"]


@admin.register(RegistryEntry)
class RegistryEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["customer", "channel", "registered", "blocked", "checked_at", "source"]
    list_filter = ["channel", "registered", "blocked"]
    search_fields = ["customer__name", "customer__customer_number", "address"]
    list_select_related = ["customer"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "organization", "customer", "channel", "action", "source"]
    list_filter = ["channel", "action"]
    search_fields = ["customer__name", "external_id", "address"]
    list_select_related = ["organization", "customer"]


@admin.register(AvtaleGiroMandate)
class AvtaleGiroMandateAdmin(ReadOnlyModelAdmin):
    list_display = ["kid", "organization", "customer", "notify", "status", "reported_at"]
    list_filter = ["status", "notify"]
    search_fields = ["kid", "customer__name"]
    list_select_related = ["organization", "customer"]


@admin.register(AvtaleGiroClaim)
class AvtaleGiroClaimAdmin(ReadOnlyModelAdmin):
    list_display = ["kid", "amount", "due_date", "status", "transmission_number", "document"]
    list_filter = ["status"]
    search_fields = ["kid", "document__number", "transmission_number"]
    list_select_related = ["document"]


@admin.register(NetsFile)
class NetsFileAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "direction", "kind", "created_at"]
    list_filter = ["direction", "kind"]
    search_fields = ["name"]


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyModelAdmin):
    list_display = ["source", "event_id", "created_at"]
    list_filter = ["source"]
    search_fields = ["event_id"]
