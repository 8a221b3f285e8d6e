"""Periodic sweeps and the scheduler loop that runs them (`folio scheduler`).

Apps register sweeps in a `sweeps.py` module (found by `sweeps_discover()`):

    @register_sweep("delivery.retry_due", every=timedelta(minutes=1))
    def retry_due_deliveries() -> None: ...

Each run is claimed with a conditional UPDATE on `SweepSchedule.next_run_at` (compare and swap on
the value the scheduler read), so any number of schedulers may run against one database and a
due sweep still runs once. A sweep must be idempotent: a crash after the claim skips that run,
and the next claim runs it again later. The next run falls due `every` after the claim, so a
sweep that takes longer than its interval may overlap its next run on another scheduler: keep
sweeps short, and let them claim their own rows (as the delivery sweeps do).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from django.db import OperationalError, close_old_connections
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.utils import is_locked_database_exception

from folio.core.heartbeat import SCHEDULER, heartbeat_record
from folio.core.models import SweepSchedule

logger = logging.getLogger(__name__)

# How often a running scheduler proves it is alive, and how long it sleeps at most between looks.
HEARTBEAT_INTERVAL = timedelta(seconds=15)
LOCKED_RETRIES = 50
T = TypeVar("T")
MAX_IDLE_SECONDS = 5.0


@dataclass(frozen=True)
class Sweep:
    name: str
    every: timedelta
    function: Callable[[], object]


@dataclass
class SweepRegistry:
    sweeps: dict[str, Sweep] = field(default_factory=dict)

    def register(self, name: str, *, every: timedelta) -> Callable:
        if every <= timedelta(0):
            raise ValueError("A sweep's interval must be positive.")

        def decorator(function: Callable[[], object]) -> Callable[[], object]:
            existing = self.sweeps.get(name)
            # The same function registering again (its module imported twice) is harmless.
            if existing is not None and existing.function is not function:
                qualified = f"{function.__module__}.{function.__qualname__}"
                if qualified != f"{existing.function.__module__}.{existing.function.__qualname__}":
                    raise ValueError(f"Sweep {name!r} is already registered.")
            self.sweeps[name] = Sweep(name=name, every=every, function=function)
            return function

        return decorator

    def all(self) -> list[Sweep]:
        return [self.sweeps[name] for name in sorted(self.sweeps)]


# The registry that apps' sweeps.py modules fill.
sweep_registry = SweepRegistry()


def register_sweep(name: str, *, every: timedelta) -> Callable:
    """Decorator: run `function()` every `every`, on exactly one scheduler."""
    return sweep_registry.register(name, every=every)


def sweeps_discover() -> SweepRegistry:
    """Import every installed app's `sweeps` module so that its sweeps register."""
    autodiscover_modules("sweeps")
    return sweep_registry


def sweep_schedules_ensure(sweeps: list[Sweep], *, now: datetime) -> None:
    """Create the schedule row of each new sweep, due now. Safe when schedulers race."""
    _when_unlocked(
        lambda: SweepSchedule.objects.bulk_create(
            [SweepSchedule(name=sweep.name, next_run_at=now) for sweep in sweeps],
            ignore_conflicts=True,
        )
    )


def _when_unlocked(query: Callable[[], T]) -> T:
    """Run a short schedule query, waiting out SQLite table locks.

    SQLite answers "table is locked" at once (without its busy timeout) when connections share a
    cache, as the test database's do; another scheduler is mid-write, so try again shortly.
    """
    for attempt in range(LOCKED_RETRIES):
        try:
            return query()
        except OperationalError as error:
            if not is_locked_database_exception(error) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def sweep_due_at(sweep: Sweep, *, now: datetime) -> datetime | None:
    """The time the sweep's pending run fell due, or None when it is not due yet."""
    return _when_unlocked(
        lambda: (
            SweepSchedule.objects.filter(name=sweep.name, next_run_at__lte=now)
            .values_list("next_run_at", flat=True)
            .first()
        )
    )


def sweep_claim(sweep: Sweep, *, due_at: datetime, now: datetime) -> bool:
    """Claim the run that fell due at `due_at`: True for exactly one of the schedulers that
    read that value (compare and swap on `next_run_at`)."""
    claimed = _when_unlocked(
        lambda: SweepSchedule.objects.filter(name=sweep.name, next_run_at=due_at).update(
            next_run_at=now + sweep.every,
            last_started_at=now,
            run_count=F("run_count") + 1,
        )
    )
    return claimed == 1


def sweep_run(sweep: Sweep) -> bool:
    """Run a claimed sweep and record how it ended. True when it succeeded."""
    error = ""
    try:
        sweep.function()
    except Exception:
        logger.exception("Sweep %s failed", sweep.name)
        error = traceback.format_exc(limit=20)
    SweepSchedule.objects.filter(name=sweep.name).update(
        last_finished_at=timezone.now(), last_error=error
    )
    return not error


def sweeps_run_due(registry: SweepRegistry, *, now: datetime | None = None) -> list[str]:
    """Claim and run every due sweep once; returns the names of the sweeps this call ran."""
    now = now or timezone.now()
    sweeps = registry.all()
    sweep_schedules_ensure(sweeps, now=now)
    ran = []
    for sweep in sweeps:
        due_at = sweep_due_at(sweep, now=now)
        if due_at is not None and sweep_claim(sweep, due_at=due_at, now=now):
            logger.info("Running sweep %s", sweep.name)
            sweep_run(sweep)
            ran.append(sweep.name)
    return ran


def scheduler_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Scheduler:
    """The `folio scheduler` loop: beat, run what is due, sleep until the next due time.

    `stop` is set by the signal handlers; a sweep that is running finishes before the loop exits.
    """

    def __init__(self, registry: SweepRegistry, *, identity: str | None = None):
        self.registry = registry
        self.identity = identity or scheduler_identity()
        self.stop = threading.Event()
        self._last_beat: datetime | None = None

    def beat(self, now: datetime) -> None:
        if self._last_beat is None or now - self._last_beat >= HEARTBEAT_INTERVAL:
            heartbeat_record(name=SCHEDULER, detail={"sweeps": len(self.registry.sweeps)}, at=now)
            self._last_beat = now

    def tick(self) -> list[str]:
        now = timezone.now()
        self.beat(now)
        return sweeps_run_due(self.registry, now=now)

    def seconds_until_next_due(self) -> float:
        next_run_at = (
            SweepSchedule.objects.filter(name__in=list(self.registry.sweeps))
            .order_by("next_run_at")
            .values_list("next_run_at", flat=True)
            .first()
        )
        if next_run_at is None:
            return MAX_IDLE_SECONDS
        wait = (next_run_at - timezone.now()).total_seconds()
        return min(max(wait, 0.2), MAX_IDLE_SECONDS)

    def run(self) -> None:
        logger.info(
            "Scheduler %s started with sweeps: %s",
            self.identity,
            ", ".join(self.registry.sweeps) or "(none)",
        )
        while not self.stop.is_set():
            # Like a request: drop broken or expired connections around each round.
            close_old_connections()
            self.tick()
            close_old_connections()
            self.stop.wait(self.seconds_until_next_due())
        logger.info("Scheduler %s stopped", self.identity)
