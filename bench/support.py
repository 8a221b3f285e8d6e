"""Shared pieces of the web benchmarks (bench/portal.py, bench/customer_portal.py).

- `bench_database()`: a named PostgreSQL database, migrated, seeded once by bench/seed.py and
  reused by later runs (`reseed=True` starts it over).
- `serve()`: `folio serve` (gunicorn) on loopback against that database, stopped on exit.
- `drive()`: an open-loop load process. Requests are scheduled on a fixed clock (request i is
  due at start + i / rate) and each latency is measured from that due time, not from when a
  thread got round to sending it: when the server falls behind, the waiting shows up in the
  figures instead of silently lowering the rate (coordinated omission).
- `report()`: p50/p95/p99/max and errors per page, with the machine's load average.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The server the bench databases live on (trust authentication on loopback).
POSTGRES_SERVER = os.environ.get("FOLIO_BENCH_POSTGRES", "postgres://root@127.0.0.1:5432")
# Requests in flight at most; beyond this they queue in the driver (and the queueing counts).
MAX_IN_FLIGHT = 64


# --- database --------------------------------------------------------------------------------


def database_url(name: str) -> str:
    return f"{POSTGRES_SERVER}/{name}"


def _admin_connection():
    import psycopg

    return psycopg.connect(database_url("postgres"), autocommit=True)


def database_exists(name: str) -> bool:
    with _admin_connection() as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def database_create(name: str, *, replace: bool = False) -> None:
    from psycopg import sql

    with _admin_connection() as connection:
        if replace:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_drop(name: str) -> None:
    from psycopg import sql

    with _admin_connection() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def django_environment(name: str, *, port: int, extra: dict[str, str] | None = None) -> dict:
    """The environment of the bench process and its server: this database, quiet logs."""
    data = Path(tempfile.gettempdir()) / f"folio-bench-{name}"
    data.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "folio.settings",
        "DATABASE_URL": database_url(name),
        "FOLIO_DATA_DIR": str(data),
        "FOLIO_LOG_LEVEL": "WARNING",
        "FOLIO_DEBUG": "0",
        "FOLIO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FOLIO_SITE_URL": f"http://127.0.0.1:{port}",
        **(extra or {}),
    }


def django_setup(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def bench_database(
    name: str, *, documents: int, customers: int, reseed: bool = False, port: int, extra=None
) -> dict:
    """Create, migrate and seed the named database unless it already holds this seed.

    Returns the seed's facts (see bench/seed.py `SeedFacts`) as a dict. Sets up Django in this
    process against the database.
    """
    sys.path.insert(0, str(REPO / "bench"))
    import seed as seeder

    database_create(name, replace=reseed)
    env = django_environment(name, port=port, extra=extra)
    django_setup(env)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    facts = seeder.seeded_facts()
    if facts is not None and (facts["documents"], facts["customers"]) != (documents, customers):
        print(
            f"{name} holds {facts['documents']:,} documents / {facts['customers']:,} customers, "
            f"not {documents:,} / {customers:,}: reseeding",
            flush=True,
        )
        from django.db import connections

        connections.close_all()
        database_create(name, replace=True)
        call_command("migrate", verbosity=0)
        facts = None
    if facts is None:
        print(f"seeding {name}: {documents:,} documents, {customers:,} customers ...", flush=True)
        facts = seeder.seed(documents=documents, customers=customers)
        print(f"seeded in {facts['seconds']:.0f} s", flush=True)
    else:
        print(f"{name} is already seeded ({facts['documents']:,} documents); reusing it")
    seeder.statistics_rollup()
    return facts | {"env": env}


def session_cookie(user_id: int) -> str:
    """A signed-in session of this user, made directly in the session store."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# --- server ----------------------------------------------------------------------------------


@contextmanager
def serve(env: dict, *, port: int, workers: int = 4) -> Iterator[str]:
    """`folio serve` on 127.0.0.1:`port` with this environment; yields the base URL."""
    import httpx
    from django.db import connections

    # The server's workers open their own connections; ours would only hold locks and slots.
    connections.close_all()
    server = subprocess.Popen(
        [
            str(REPO / ".venv/bin/folio"),
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,  # the access log: one line a request
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(150):
            if server.poll() is not None:
                raise RuntimeError(f"folio serve exited with {server.returncode}")
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError("folio serve did not answer /healthz")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def warm(base: str, paths: list[str], *, cookies: dict, rounds: int) -> None:
    """Give every worker its connection and compiled templates, outside the measurement."""
    import httpx

    with httpx.Client(base_url=base, cookies=cookies, timeout=60) as client:
        for _round in range(rounds):
            for path in paths:
                client.get(path)


# --- load ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Outcome:
    kind: str
    # From the scheduled time to the end of the response (what a user waiting would see).
    latency_ms: float
    # From sending to the end of the response (the server's share).
    service_ms: float
    status: int


# One request: (client, kind, rng) -> HTTP status (0 for a transport error). Runs in a thread of
# the load process; it may make several HTTP calls (a sign-in walk) and is timed as one.
Perform = Callable[["object", str, random.Random], int]


@dataclasses.dataclass(frozen=True)
class LoadPlan:
    base: str
    rate: float
    seconds: int
    mix: list[tuple[str, int]]
    perform: Perform
    cookies: dict[str, str] = dataclasses.field(default_factory=dict)
    seed: int = 8


def _load_process(plan: LoadPlan, out) -> None:
    import httpx

    rng = random.Random(plan.seed)
    kinds = [kind for kind, weight in plan.mix for _ in range(weight)]
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    client = httpx.Client(
        base_url=plan.base,
        cookies=plan.cookies,
        timeout=60,
        limits=httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=16),
    )

    def one(kind: str, due: float, request_rng: random.Random) -> None:
        sent = time.perf_counter()
        try:
            status = plan.perform(client, kind, request_rng)
        except httpx.HTTPError:
            status = 0
        done = time.perf_counter()
        with lock:
            outcomes.append(Outcome(kind, (done - due) * 1000, (done - sent) * 1000, status))

    start = time.perf_counter() + 0.1
    with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
        for index in range(int(plan.rate * plan.seconds)):
            due = start + index / plan.rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            kind = rng.choice(kinds)
            pool.submit(one, kind, due, random.Random(rng.random()))
    client.close()
    out.put([dataclasses.astuple(outcome) for outcome in outcomes])


def drive(plan: LoadPlan) -> tuple[list[Outcome], dict]:
    """Run the plan from a separate process; returns the outcomes and the machine's load."""
    before = os.getloadavg()
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_load_process, args=(plan, queue))
    started = time.monotonic()
    process.start()
    rows = queue.get()
    process.join()
    elapsed = time.monotonic() - started
    after = os.getloadavg()
    machine = {
        "load_before": before,
        "load_after": after,
        "seconds": elapsed,
        "cpus": os.cpu_count(),
    }
    return [Outcome(*row) for row in rows], machine


def _percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    rank = max(1, int(-(-share * len(sorted_values) // 1)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def report(
    outcomes: list[Outcome],
    machine: dict,
    *,
    mix: list[tuple[str, int]],
    targets: dict[str, float],
    title: str,
) -> dict:
    """Print the figures per page; returns them (also printed as JSON on stderr)."""
    load_before = " ".join(f"{value:.2f}" for value in machine["load_before"])
    load_after = " ".join(f"{value:.2f}" for value in machine["load_after"])
    print(f"\n{title}")
    print(
        f"{len(outcomes)} requests in {machine['seconds']:.0f} s; load average (1/5/15 min) "
        f"{load_before} before, {load_after} after, on {machine['cpus']} CPUs"
    )
    print(
        f"{'page':<15}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'svc p95':>9}{'errors':>8}  target (p95)"
    )
    summary: dict = {"machine": machine}
    for kind, _weight in mix:
        mine = [outcome for outcome in outcomes if outcome.kind == kind]
        if not mine:
            continue
        latencies = sorted(outcome.latency_ms for outcome in mine)
        service = sorted(outcome.service_ms for outcome in mine)
        errors = sum(1 for outcome in mine if outcome.status != 200)
        figures = {
            "n": len(mine),
            "p50": statistics.median(latencies),
            "p95": _percentile(latencies, 0.95),
            "p99": _percentile(latencies, 0.99),
            "max": latencies[-1],
            "service_p95": _percentile(service, 0.95),
            "errors": errors,
        }
        summary[kind] = figures
        target = targets.get(kind)
        verdict = ""
        if target is not None:
            verdict = f"{'ok' if figures['p95'] < target else 'MISSED'} (<{target:g})"
        print(
            f"{kind:<15}{figures['n']:>6}{figures['p50']:>9.1f}{figures['p95']:>9.1f}"
            f"{figures['p99']:>9.1f}{figures['max']:>9.1f}{figures['service_p95']:>9.1f}"
            f"{errors:>8}  {verdict}"
        )
    print(json.dumps(summary), file=sys.stderr)
    return summary
