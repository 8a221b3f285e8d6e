from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from folio.customers.models import Consent, Contact, Customer


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "email", "phone", "user", "can_view", "can_pay", "can_dispute", "is_admin"]
    autocomplete_fields = ["user"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["kind", "granted", "at", "source"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "customer_number",
        "sender",
        "kind",
        "country",
        "preferred_channel",
        "portal_access",
        "is_active",
    ]
    list_filter = ["kind", "country", "preferred_channel", "portal_access", "is_active", "sender"]
    search_fields = ["name", "customer_number", "email", "org_number", "vat_id", "peppol_id"]
    list_select_related = ["sender"]
    # The national id is never shown in full: the form leaves it out and shows the masked form.
    exclude = ["national_id"]
    readonly_fields = ["code", "sender", "national_id_display", "created_at", "updated_at"]
    inlines = [ContactInline, ConsentInline]

    @admin.display(description=_("national id"))
    def national_id_display(self, obj: Customer) -> str:
        return obj.national_id_masked

    # A customer joins a sender through folio.customers.services.customer_create.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "customer", "email", "user", "can_view", "can_pay", "is_admin"]
    list_filter = ["can_view", "can_pay", "can_dispute", "is_admin"]
    search_fields = ["name", "email", "customer__name", "user__username"]
    list_select_related = ["customer", "user"]
    autocomplete_fields = ["customer", "user"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["customer", "kind", "granted", "at", "source"]
    list_filter = ["kind", "granted"]
    search_fields = ["customer__name", "customer__customer_number", "source"]
    list_select_related = ["customer"]
    autocomplete_fields = ["customer"]
    date_hierarchy = "at"
