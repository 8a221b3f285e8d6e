"""The /healthz endpoint: is the database reachable, and are the worker and scheduler alive?

Answers 200 when healthy and 503 when the database is down or the worker's heartbeat is missing
or older than `settings.FOLIO_WORKER_HEARTBEAT_MAX_AGE` seconds. The output names checks and
ages only: no hosts, paths, versions or secrets.
"""

import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from folio.core.heartbeat import SCHEDULER, WORKER, heartbeat_age

logger = logging.getLogger(__name__)


def _heartbeat_check(name: str, max_age: int) -> dict[str, Any]:
    age = heartbeat_age(name=name, now=timezone.now())
    if age is None:
        return {"ok": False, "age_seconds": None, "detail": "no heartbeat yet"}
    age_seconds = max(0, int(age.total_seconds()))
    check: dict[str, Any] = {"ok": age_seconds <= max_age, "age_seconds": age_seconds}
    if not check["ok"]:
        check["detail"] = f"last heartbeat older than {max_age} s"
    return check


def _pending_task_count() -> int:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


def health_report() -> tuple[int, dict[str, Any]]:
    """The health document and the HTTP status that goes with it."""
    max_age = settings.FOLIO_WORKER_HEARTBEAT_MAX_AGE
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True}
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        checks["database"] = {"ok": False, "detail": "database unreachable"}
        return 503, {"status": "down", "checks": checks}

    try:
        checks["worker"] = _heartbeat_check(WORKER, max_age)
        checks["scheduler"] = _heartbeat_check(SCHEDULER, max_age)
        checks["tasks"] = {"ok": True, "pending": _pending_task_count()}
    except DatabaseError:
        # Reachable but not migrated (or the tables are locked away): not serviceable.
        logger.exception("Health check: database query failed")
        checks["database"] = {"ok": False, "detail": "database query failed"}
        return 503, {"status": "down", "checks": checks}

    healthy = all(check["ok"] for check in checks.values())
    http_status = 200 if checks["worker"]["ok"] else 503
    return http_status, {"status": "ok" if healthy else "degraded", "checks": checks}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    http_status, report = health_report()
    return JsonResponse(report, status=http_status)
