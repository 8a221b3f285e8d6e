"""The sweep registry and the scheduler's claim: a due sweep runs once, however many schedulers."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from folio.core import scheduling
from folio.core.heartbeat import SCHEDULER
from folio.core.models import Heartbeat, SweepSchedule
from folio.core.scheduling import (
    Scheduler,
    SweepRegistry,
    sweep_claim,
    sweep_due_at,
    sweep_registry,
    sweep_schedules_ensure,
    sweeps_discover,
    sweeps_run_due,
)


def test_register_sweep_records_name_interval_and_function():
    registry = SweepRegistry()

    @registry.register("test.tidy", every=timedelta(minutes=5))
    def tidy():
        return None

    [sweep] = registry.all()
    assert (sweep.name, sweep.every, sweep.function) == ("test.tidy", timedelta(minutes=5), tidy)


def test_registering_another_function_under_a_taken_name_is_refused():
    registry = SweepRegistry()
    registry.register("test.same", every=timedelta(minutes=1))(lambda: None)
    with pytest.raises(ValueError, match="already registered"):

        @registry.register("test.same", every=timedelta(minutes=1))
        def other():
            return None


def test_a_sweep_needs_a_positive_interval():
    with pytest.raises(ValueError):
        SweepRegistry().register("test.never", every=timedelta(0))


def test_discovery_finds_the_apps_sweeps_modules():
    registry = sweeps_discover()
    assert registry is sweep_registry
    assert {"core.worker_heartbeat", "core.prune_task_results"} <= set(registry.sweeps)


@pytest.mark.django_db
def test_a_due_sweep_runs_once_and_is_scheduled_again_after_its_interval():
    registry = SweepRegistry()
    calls = []
    registry.register("test.count", every=timedelta(minutes=10))(lambda: calls.append(1))
    now = timezone.now()

    assert sweeps_run_due(registry, now=now) == ["test.count"]
    assert sweeps_run_due(registry, now=now + timedelta(minutes=9)) == []
    assert sweeps_run_due(registry, now=now + timedelta(minutes=10)) == ["test.count"]

    schedule = SweepSchedule.objects.get(name="test.count")
    assert len(calls) == 2
    assert schedule.run_count == 2
    assert schedule.next_run_at == now + timedelta(minutes=20)
    assert schedule.last_finished_at is not None
    assert schedule.last_error == ""


@pytest.mark.django_db
def test_a_failing_sweep_records_its_error_and_does_not_stop_the_others():
    registry = SweepRegistry()
    ran = []

    @registry.register("test.a_broken", every=timedelta(minutes=1))
    def broken():
        raise RuntimeError("the registry is down")

    registry.register("test.b_fine", every=timedelta(minutes=1))(lambda: ran.append("fine"))

    assert sweeps_run_due(registry) == ["test.a_broken", "test.b_fine"]
    assert ran == ["fine"]
    assert "the registry is down" in SweepSchedule.objects.get(name="test.a_broken").last_error


@pytest.mark.django_db
def test_of_two_schedulers_that_both_saw_the_sweep_due_only_one_claims_it():
    registry = SweepRegistry()
    registry.register("test.claim", every=timedelta(minutes=5))(lambda: None)
    [sweep] = registry.all()
    now = timezone.now()
    sweep_schedules_ensure([sweep], now=now - timedelta(minutes=1))

    seen_by_first = sweep_due_at(sweep, now=now)
    seen_by_second = sweep_due_at(sweep, now=now)
    assert seen_by_first == seen_by_second is not None

    assert sweep_claim(sweep, due_at=seen_by_first, now=now) is True
    assert sweep_claim(sweep, due_at=seen_by_second, now=now) is False
    assert sweep_due_at(sweep, now=now) is None
    assert SweepSchedule.objects.get(name="test.claim").run_count == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_racing_for_the_same_due_sweep_run_it_once(monkeypatch):
    registry = SweepRegistry()
    runs = []
    lock = threading.Lock()

    def sweep():
        with lock:
            runs.append(threading.current_thread().name)

    registry.register("test.race", every=timedelta(hours=1))(sweep)
    now = timezone.now()
    sweeps_run_due(registry, now=now - timedelta(hours=2))  # creates the row; first run
    runs.clear()
    errors = []
    start = threading.Barrier(4)
    # Every scheduler reads the schedule before any of them claims: the worst interleaving.
    all_have_read = threading.Barrier(4, timeout=20)

    def due_at_then_wait(sweep, *, now):
        due_at = original_due_at(sweep, now=now)
        all_have_read.wait()
        return due_at

    original_due_at = scheduling.sweep_due_at
    monkeypatch.setattr(scheduling, "sweep_due_at", due_at_then_wait)

    def scheduler():
        from django.db import connection

        try:
            start.wait()
            sweeps_run_due(registry, now=now)
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler, name=f"s{i}") for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(runs) == 1
    assert SweepSchedule.objects.get(name="test.race").run_count == 2


@pytest.mark.django_db
def test_scheduler_tick_beats_and_runs_due_sweeps():
    registry = SweepRegistry()
    ran = []
    registry.register("test.tick", every=timedelta(minutes=1))(lambda: ran.append(1))
    scheduler = Scheduler(registry, identity="test")

    assert scheduler.tick() == ["test.tick"]
    assert ran == [1]
    assert Heartbeat.objects.filter(name=SCHEDULER).exists()
    assert 0.2 <= scheduler.seconds_until_next_due() <= 5


@pytest.mark.django_db
def test_scheduler_once_enqueues_the_worker_heartbeat_only_while_none_is_waiting():
    from django_tasks_db.models import DBTaskResult

    call_command("scheduler", once=True, verbosity=0)
    # Make the heartbeat sweep due again: the waiting task must not be doubled.
    SweepSchedule.objects.filter(name="core.worker_heartbeat").update(
        next_run_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("scheduler", once=True, verbosity=0)

    assert DBTaskResult.objects.filter(task_path="folio.core.tasks.worker_heartbeat").count() == 1
    assert SweepSchedule.objects.get(name="core.worker_heartbeat").run_count == 2
    assert Heartbeat.objects.filter(name=SCHEDULER).exists()
