"""The long-running processes from the shell: scheduler and worker stop cleanly on SIGTERM,
two schedulers share the sweeps, and `folio serve` runs gunicorn."""

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


def copy_database(source: Path, parent: Path) -> Path:
    """A copy of the migrated database in a data folder of its own."""
    target = parent / "data"
    target.mkdir()
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


def wait_until(predicate, timeout: float, *processes: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        for process in processes:
            if process.poll() is not None:
                pytest.fail(
                    f"{process.args[3:]} exited with {process.returncode}: {process.stdout.read()}"
                )
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
            scheduler,
            worker,
        )
    finally:
        for process in (scheduler, worker):
            process.send_signal(signal.SIGTERM)
    assert scheduler.wait(timeout=20) == 0
    assert worker.wait(timeout=20) == 0
    assert "stopped" in scheduler.stdout.read()


def health_status(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def serve(port: int, data_dir: Path, *args: str, **env: str) -> subprocess.Popen:
    return start(
        "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", *args, data_dir=data_dir, **env
    )


def test_serve_with_collectstatic_copies_static_files_and_serves(migrated_data_dir, tmp_path):
    data_dir = copy_database(migrated_data_dir, tmp_path)
    server = serve(8125, data_dir, "--collectstatic")
    try:
        wait_until(lambda: health_status(8125) != 0, 90, server)
        # No worker runs here, so the site is up but reports itself unhealthy.
        assert health_status(8125) == 503
        assert (data_dir / "static" / "admin" / "css" / "base.css").exists()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_serve_runs_with_production_settings_once_static_files_are_collected(
    migrated_data_dir, tmp_path
):
    data_dir = copy_database(migrated_data_dir, tmp_path)
    # A manifest marks the files as collected (collecting for real compresses megabytes).
    (data_dir / "static").mkdir()
    (data_dir / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    server = serve(
        8126,
        data_dir,
        FOLIO_ENV="production",
        FOLIO_SECRET_KEY="serve-test-" + "k" * 40,
        FOLIO_SSL_REDIRECT="false",
    )
    try:
        wait_until(lambda: health_status(8126) != 0, 90, server)
        assert health_status(8126) == 503
        assert list((data_dir / "static").iterdir()) == [data_dir / "static" / "staticfiles.json"]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
