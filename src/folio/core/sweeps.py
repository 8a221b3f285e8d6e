"""Core's periodic sweeps: keep the worker heartbeat flowing and prune old task results."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from folio.core.scheduling import register_sweep
from folio.core.tasks import worker_heartbeat

# Finished task results are kept this long for inspection in the admin.
TASK_RESULT_RETENTION = timedelta(days=14)


@register_sweep("core.worker_heartbeat", every=timedelta(seconds=30))
def enqueue_worker_heartbeat() -> None:
    """Enqueue one heartbeat task unless one is still waiting (a stalled worker must not pile
    them up)."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=worker_heartbeat.module_path
    ).exists()
    if not waiting:
        with transaction.atomic():
            worker_heartbeat.enqueue()


@register_sweep("core.prune_task_results", every=timedelta(hours=6))
def prune_task_results() -> None:
    cutoff = timezone.now() - TASK_RESULT_RETENTION
    DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
