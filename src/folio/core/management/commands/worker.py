"""`folio worker`: run background tasks from every Folio queue (django-tasks-db)."""

import os
import socket
from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import (
    Worker,
    valid_interval,
    valid_max_tasks,
)


def folio_queue_names() -> list[str]:
    return list(settings.TASKS[DEFAULT_TASK_BACKEND_ALIAS].get("QUEUES") or ["default"])


class Command(BaseCommand):
    help = "Run background tasks from all Folio queues until stopped (Ctrl-C or SIGTERM)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--queues",
            default=",".join(folio_queue_names()),
            help="Comma-separated queues to take tasks from (default: all Folio queues).",
        )
        parser.add_argument(
            "--interval",
            type=valid_interval,
            default=1.0,
            help="Seconds to wait between looks at an empty queue.",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run every waiting task, then exit."
        )
        parser.add_argument(
            "--max-tasks", type=valid_max_tasks, default=None, help="Exit after this many tasks."
        )
        parser.add_argument("--worker-id", default=None, help="Unique id of this worker.")

    def handle(self, *args, **options) -> None:
        queue_names = [name.strip() for name in options["queues"].split(",") if name.strip()]
        worker_id = (options["worker_id"] or f"{socket.gethostname()}-{os.getpid()}")[:64]
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Worker {worker_id} taking tasks from: {', '.join(queue_names)}")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
