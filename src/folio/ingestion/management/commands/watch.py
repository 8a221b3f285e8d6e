"""`folio watch`: ingest files dropped in <FOLIO_DROP_DIR>/<org-slug>/ (see drop_folders)."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand

from folio.ingestion.drop_folders import drop_dir, drop_folders_scan


class Command(BaseCommand):
    help = "Watch the drop folders and ingest new files (safe with several watchers)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between scans")

    def handle(self, *args, once: bool, interval: float, **options):
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            self.stdout.write(f"Watching {drop_dir()}/<org-slug>/ every {interval:g} s")
        while True:
            for folder, result in drop_folders_scan():
                self.stdout.write(f"{result['file']}: {folder} ({result.get('status', '')})")
            if once or stopping:
                return
            time.sleep(max(0.1, interval))
            if stopping:
                return
