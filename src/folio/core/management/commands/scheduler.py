"""`folio scheduler`: run the apps' periodic sweeps (safe with several schedulers)."""

import signal
from argparse import ArgumentParser

from django.core.management.base import BaseCommand

from folio.core.heartbeat import SCHEDULER, heartbeat_record
from folio.core.scheduling import Scheduler, sweeps_discover, sweeps_run_due


class Command(BaseCommand):
    help = "Run periodic sweeps until stopped (Ctrl-C or SIGTERM); --once runs due sweeps once."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run the sweeps that are due, then exit."
        )

    def handle(self, *args, **options) -> None:
        registry = sweeps_discover()
        if options["once"]:
            # Run from cron, each --once run is the scheduler proving it is alive.
            heartbeat_record(name=SCHEDULER, detail={"mode": "once"})
            ran = sweeps_run_due(registry)
            if options["verbosity"] >= 1:
                self.stdout.write(f"Ran {len(ran)} sweep(s): {', '.join(ran) or '-'}")
            return
        scheduler = Scheduler(registry)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Scheduler {scheduler.identity} running sweeps: {', '.join(registry.sweeps)}"
            )

        def request_stop(signum, frame) -> None:
            scheduler.stop.set()

        stop_signals = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, request_stop) for sig in stop_signals}
        try:
            scheduler.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Scheduler {scheduler.identity} stopped.")
