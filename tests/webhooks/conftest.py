"""A real HTTP receiver on loopback, and helpers to run the webhooks' sweep and jobs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.management.commands.db_worker import Worker

from folio.sandbox.smtp import SandboxSMTPServer
from folio.webhooks.sweeps import collect_webhook_events


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST with the next status of `answers` (then 200) and keeps what came."""

    url: str
    requests: list[ReceivedRequest] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def types(self) -> list[str]:
        return [request.payload["type"] for request in self.requests]


def _handler_for(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with receiver.lock:
                receiver.requests.append(
                    ReceivedRequest(
                        path=self.path,
                        headers={name.lower(): value for name, value in self.headers.items()},
                        body=body,
                    )
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
            answer = json.dumps({"status": status}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):
            return

    return Handler


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    host, port = server.server_address[:2]
    found = Receiver(url=f"http://{host}:{port}/hooks/folio")
    server.RequestHandlerClass = _handler_for(found)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp_server(tmp_path, settings):
    server = SandboxSMTPServer(tmp_path / "mail").start()
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    yield server
    server.stop()


def run_jobs(queue: str) -> None:
    """Run every job of `queue` that is due now, as `folio worker --batch` would."""
    Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run()


def collect_and_send() -> None:
    """What the scheduler and the worker do: the collect sweep, then the webhooks queue."""
    collect_webhook_events()
    run_jobs("webhooks")
