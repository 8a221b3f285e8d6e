"""Core background tasks (run by `folio worker`)."""

import os
import socket

from django_tasks import task

from folio.core.heartbeat import WORKER, heartbeat_record


@task(queue_name="default")
def worker_heartbeat() -> None:
    """Prove that a worker is taking tasks off the queue; idempotent (an upsert)."""
    heartbeat_record(name=WORKER, detail={"host": socket.gethostname(), "pid": os.getpid()})
