"""`folio seed_demo`: fill an empty database with the demo data (once)."""

import time
from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from folio.core.demo import DEFAULT_CUSTOMERS, DEFAULT_DOCUMENTS, DEFAULT_SEED, demo_seed


class Command(BaseCommand):
    help = "Seed realistic, deterministic demo data; does nothing when already seeded."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
        parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        try:
            context = demo_seed(
                seed=options["seed"],
                customers=options["customers"],
                documents=options["documents"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if context is None:
            self.stdout.write("Demo data is already seeded; nothing to do.")
            return
        counts = ", ".join(f"{count} {name}" for name, count in context.counts.items())
        self.stdout.write(f"Seeded demo data in {time.monotonic() - started:.1f} s: {counts}.")
