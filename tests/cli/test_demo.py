"""`folio demo`: refuses production settings; serves with worker and scheduler; stops cleanly."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.cli.conftest import folio_env, run_folio

DEMO_SIZES = ("--customers", "25", "--documents", "60")


def test_demo_refuses_production_settings(tmp_path):
    result = run_folio("demo", data_dir=tmp_path, FOLIO_ENV="production", FOLIO_SECRET_KEY="x")

    assert result.returncode == 1
    assert "refuses to run with production settings" in result.stderr
    assert not (tmp_path / "folio.sqlite3").exists()


def test_demo_refuses_a_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_folio("demo", "--port", str(port), data_dir=tmp_path)

    assert result.returncode == 1
    assert f"Port {port} is in use" in result.stderr


def http_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def wait_for(predicate, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            pytest.fail(f"folio demo exited early with {process.returncode}")
        time.sleep(0.3)
    pytest.fail("folio demo did not become ready in time")


def pid_alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return False
    return "State:\tZ" not in status.read_text()


class Demo:
    """`folio demo` in a subprocess whose output is collected in a file."""

    def __init__(self, data_dir: Path, port: int):
        self.log = data_dir / "demo.log"
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "folio.cli", "demo", "--port", str(port), *DEMO_SIZES],
            env=folio_env(data_dir),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    @property
    def output(self) -> str:
        return self.log.read_text()

    def child_pids(self) -> dict[str, int]:
        found = re.search(r"web pid (\d+), worker pid (\d+), scheduler pid (\d+)", self.output)
        assert found, self.output
        return dict(zip(("web", "worker", "scheduler"), map(int, found.groups()), strict=True))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def demo(tmp_path):
    started = []

    def start(port: int) -> Demo:
        started.append(Demo(tmp_path, port))
        return started[-1]

    yield start
    for running in started:
        running.stop()
        # Never leave children behind, even when the test failed half-way.
        if running.log.exists() and "scheduler pid" in running.output:
            for pid in running.child_pids().values():
                if pid_alive(pid):
                    os.kill(pid, signal.SIGKILL)


def test_demo_serves_the_site_with_a_live_worker_and_stops_everything_on_ctrl_c(demo):
    running = demo(8123)

    wait_for(lambda: http_get(running.url("/"))[0] == 200, 120, running.process)
    wait_for(lambda: http_get(running.url("/healthz"))[0] == 200, 60, running.process)
    health = json.loads(http_get(running.url("/healthz"))[1])
    assert health["status"] == "ok"
    assert health["checks"]["worker"]["ok"] and health["checks"]["scheduler"]["ok"]
    children = running.child_pids()
    assert all(pid_alive(pid) for pid in children.values())
    for line in ("operator", "clerk-no", "kari.nordmann", "folio-demo", "/portal/"):
        assert line in running.output

    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=30) == 0

    assert not any(pid_alive(pid) for pid in children.values())
    assert http_get(running.url("/"))[0] == 0
    assert "Demo stopped." in running.output


def test_when_a_child_dies_the_demo_says_so_and_stops_the_others(demo):
    running = demo(8124)
    wait_for(lambda: "Press Ctrl-C to stop" in running.output, 120, running.process)
    children = running.child_pids()

    os.kill(children["worker"], signal.SIGKILL)

    assert running.process.wait(timeout=30) == 1
    assert "The worker process" in running.output
    assert "stopping the others" in running.output
    assert not any(pid_alive(pid) for pid in children.values())


def test_when_the_demo_itself_is_killed_its_children_stop_too(demo):
    running = demo(8127)
    wait_for(lambda: "Press Ctrl-C to stop" in running.output, 120, running.process)
    children = running.child_pids()

    running.process.kill()
    running.process.wait(timeout=10)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(pid_alive(pid) for pid in children.values()):
        time.sleep(0.3)
    assert not any(pid_alive(pid) for pid in children.values())
