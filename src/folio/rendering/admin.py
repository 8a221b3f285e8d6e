from django.contrib import admin

from folio.core.admin import ReadOnlyModelAdmin
from folio.rendering.models import Branding, RenderedArtefact


@admin.register(Branding)
class BrandingAdmin(ReadOnlyModelAdmin):
    """Read-only: `branding_update` checks logos and colours and writes the audit row."""

    list_display = [
        "organization",
        "primary_color",
        "accent_color",
        "window_position",
        "updated_at",
    ]
    search_fields = ["organization__name"]
    readonly_fields = [field.name for field in Branding._meta.fields]


@admin.register(RenderedArtefact)
class RenderedArtefactAdmin(ReadOnlyModelAdmin):
    """Read-only: what a recipient was sent is evidence and never changes."""

    list_display = ["document", "kind", "filename", "size", "language", "created_at"]
    list_filter = ["kind"]
    search_fields = ["document__number", "sha256"]
    readonly_fields = [field.name for field in RenderedArtefact._meta.fields]
