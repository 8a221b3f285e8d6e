from django.contrib import admin

from folio.core.models import Heartbeat, SweepSchedule


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For models that change only through services (which write the events and audit rows)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "beat_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "beat_at", "detail"]


@admin.register(SweepSchedule)
class SweepScheduleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "next_run_at",
        "last_started_at",
        "last_finished_at",
        "run_count",
        "has_error",
    ]
    search_fields = ["name"]
    list_filter = ["next_run_at"]
    # Only the next run time is an operator's to change (e.g. "run this sweep now").
    readonly_fields = ["name", "last_started_at", "last_finished_at", "last_error", "run_count"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(boolean=True, description="error")
    def has_error(self, obj: SweepSchedule) -> bool:
        return bool(obj.last_error)
