"""The long-running processes from the shell: scheduler and worker stop cleanly on SIGTERM,
two schedulers share the sweeps, and `folio serve` collects static files for production."""

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.conftest import folio_env


def copy_database(source: Path, target: Path) -> Path:
    for path in source.glob("folio.sqlite3*"):
        shutil.copy(path, target / path.name)
    return target


def query(data_dir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "folio.sqlite3") as connection:
        return connection.execute(sql).fetchall()


def start(*args: str, data_dir: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "folio.cli", *args],
        env=folio_env(data_dir, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail("timed out")


def test_two_schedulers_started_together_run_each_due_sweep_once(migrated_data_dir, tmp_path):
    data_dir = copy_database(migrated_data_dir, tmp_path)

    schedulers = [start("scheduler", "--once", data_dir=data_dir) for _ in range(2)]
    outputs = [process.communicate(timeout=120)[0] for process in schedulers]

    assert [process.returncode for process in schedulers] == [0, 0], outputs
    runs = dict(query(data_dir, "SELECT name, run_count FROM core_sweepschedule"))
    assert runs["core.worker_heartbeat"] == 1
    assert set(runs.values()) == {1}
    waiting = query(
        data_dir,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'folio.core.tasks.worker_heartbeat'",
    )
    assert waiting == [(1,)]


def test_scheduler_and_worker_beat_and_stop_cleanly_on_sigterm(migrated_data_dir, tmp_path):
    data_dir = copy_database(migrated_data_dir, tmp_path)
    scheduler = start("scheduler", data_dir=data_dir)
    worker = start("worker", "--interval", "0.2", data_dir=data_dir)
    try:
        wait_until(
            lambda: (
                query(data_dir, "SELECT name FROM core_heartbeat ORDER BY name")
                == [("scheduler",), ("worker",)]
            ),
            60,
        )
    finally:
        for process in (scheduler, worker):
            process.send_signal(signal.SIGTERM)
    assert scheduler.wait(timeout=20) == 0
    assert worker.wait(timeout=20) == 0
    assert "stopped" in scheduler.stdout.read()


def test_serve_collects_static_files_for_production_and_serves(migrated_data_dir, tmp_path):
    data_dir = copy_database(migrated_data_dir, tmp_path)
    server = start(
        "serve",
        "--bind",
        "127.0.0.1:8125",
        "--workers",
        "1",
        data_dir=data_dir,
        FOLIO_ENV="production",
        FOLIO_SECRET_KEY="serve-test-" + "k" * 40,
        FOLIO_SSL_REDIRECT="false",
        FOLIO_LOG_LEVEL="WARNING",
    )

    def health_status() -> int:
        try:
            with urllib.request.urlopen("http://127.0.0.1:8125/healthz", timeout=2) as r:
                return r.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    try:
        wait_until(lambda: health_status() != 0, 60)
        # No worker runs here, so the site is up but reports itself unhealthy.
        assert health_status() == 503
        assert (data_dir / "static" / "staticfiles.json").exists()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
