"""`folio worker` takes tasks from every Folio queue; the scheduler's heartbeat task proves it."""

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from folio.core.heartbeat import WORKER, heartbeat_age
from folio.core.models import Heartbeat


@task(queue_name="delivery")
def mark_seen(name: str) -> str:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": "2026-01-01T00:00:00Z"})
    return name


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_heartbeat_task_is_run_by_the_worker_and_the_heartbeat_lands():
    assert heartbeat_age(name=WORKER) is None

    call_command("scheduler", once=True, verbosity=0)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    call_command("worker", batch=True, verbosity=0)

    age = heartbeat_age(name=WORKER)
    assert age is not None and age.total_seconds() < 60
    result = DBTaskResult.objects.get(task_path="folio.core.tasks.worker_heartbeat")
    assert result.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_the_worker_takes_tasks_from_the_other_folio_queues_too():
    mark_seen.enqueue("seen-on-delivery-queue")

    call_command("worker", batch=True, verbosity=0)

    assert Heartbeat.objects.filter(name="seen-on-delivery-queue").exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_worker_limited_to_one_queue_leaves_the_others_waiting():
    mark_seen.enqueue("not-for-this-worker")

    call_command("worker", batch=True, queues="ingestion", verbosity=0)

    assert not Heartbeat.objects.filter(name="not-for-this-worker").exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
