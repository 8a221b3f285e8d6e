"""Heartbeats: long-running processes (worker, scheduler) prove they are alive.

A heartbeat is one row per process kind, upserted on every beat; /healthz reads its age.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from folio.core.models import Heartbeat

WORKER = "worker"
SCHEDULER = "scheduler"


@transaction.atomic
def heartbeat_record(*, name: str, detail: dict | None = None, at: datetime | None = None) -> None:
    """Record that the process `name` is alive now (or at `at`)."""
    beat_at = at or timezone.now()
    updated = Heartbeat.objects.filter(name=name).update(beat_at=beat_at, detail=detail or {})
    if not updated:
        # First beat ever: two processes may race here, so tolerate the other's insert.
        Heartbeat.objects.update_or_create(
            name=name, defaults={"beat_at": beat_at, "detail": detail or {}}
        )


def heartbeat_age(*, name: str, now: datetime | None = None) -> timedelta | None:
    """How long ago `name` last beat, or None when it never has."""
    beat_at = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    if beat_at is None:
        return None
    return (now or timezone.now()) - beat_at
