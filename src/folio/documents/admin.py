from django.contrib import admin

from folio.core.admin import ReadOnlyInline, ReadOnlyModelAdmin
from folio.documents.models import (
    Document,
    DocumentEvent,
    DocumentFile,
    DocumentLine,
    MonthlyFigure,
    MonthlyRollup,
)


class DocumentLineInline(ReadOnlyInline):
    model = DocumentLine
    fields = ["position", "item_name", "quantity", "unit_code", "unit_price", "amount_net"]
    readonly_fields = fields


class DocumentEventInline(ReadOnlyInline):
    model = DocumentEvent
    fields = ["at", "kind", "from_status", "to_status", "channel", "actor_label", "message"]
    readonly_fields = fields


class DocumentFileInline(ReadOnlyInline):
    model = DocumentFile
    fields = ["kind", "filename", "content_type", "size", "version"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(ReadOnlyModelAdmin):
    list_display = [
        "number",
        "type",
        "organization",
        "counterparty_name",
        "issue_date",
        "amount_total",
        "currency",
        "status",
        "payment_status",
        "channel",
    ]
    list_filter = ["status", "type", "direction", "payment_status", "channel", "organization"]
    search_fields = ["number", "counterparty_name", "payment_reference", "customer__name"]
    list_select_related = ["organization", "customer"]
    date_hierarchy = "issue_date"
    inlines = [DocumentLineInline, DocumentFileInline, DocumentEventInline]


@admin.register(DocumentLine)
class DocumentLineAdmin(ReadOnlyModelAdmin):
    list_display = ["document", "position", "item_name", "quantity", "unit_price", "amount_net"]
    search_fields = ["document__number", "item_name"]
    list_select_related = ["document"]


@admin.register(DocumentEvent)
class DocumentEventAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "document", "kind", "from_status", "to_status", "channel", "actor_label"]
    list_filter = ["kind", "channel"]
    search_fields = ["document__number", "actor_label", "message"]
    list_select_related = ["document"]
    date_hierarchy = "at"


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyModelAdmin):
    list_display = ["filename", "document", "kind", "content_type", "size", "version"]
    list_filter = ["kind", "content_type"]
    search_fields = ["filename", "document__number", "sha256"]
    list_select_related = ["document"]


@admin.register(MonthlyFigure)
class MonthlyFigureAdmin(ReadOnlyModelAdmin):
    list_display = ["month", "organization", "direction", "type", "channel", "status", "documents"]
    list_filter = ["direction", "status", "channel"]
    search_fields = ["organization__name", "organization__slug"]
    list_select_related = ["organization"]


@admin.register(MonthlyRollup)
class MonthlyRollupAdmin(ReadOnlyModelAdmin):
    list_display = ["month", "organization", "documents", "rolled_up_at"]
    search_fields = ["organization__name", "organization__slug"]
    list_select_related = ["organization"]
