"""`folio print_batch`: hand the queued letters to the print partner now, and read its answers.

The scheduler does both on its own (a batch a day after FOLIO_PRINT_BATCH_HOUR, status files
every ten minutes); this command is for operators who need a batch out of turn.
"""

from django.core.management.base import BaseCommand, CommandError

from folio.channels.base import TransportError
from folio.channels.print.batches import print_batch_create, print_status_files_read
from folio.tenancy.actors import Actor


class Command(BaseCommand):
    help = "Send the queued letters to the print partner as one batch; read its status files."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--status-only", action="store_true", help="Only read the partner's status files."
        )

    def handle(self, *args, **options) -> None:
        try:
            self._run(options)
        except TransportError as exc:
            kind = "permanent" if exc.permanent else "temporary"
            raise CommandError(f"Print partner hand-over failed ({kind}): {exc.message}") from exc

    def _run(self, options) -> None:
        actor = Actor.for_system("cli")
        if not options["status_only"]:
            batch = print_batch_create(actor=actor)
            if batch is None:
                self.stdout.write("No letters waiting.")
            else:
                self.stdout.write(
                    f"Batch {batch.name}: {batch.letter_count} letters, {batch.page_count} "
                    f"pages, {batch.sheet_count} sheets, postage {batch.postage_total}, "
                    f"handed over to {batch.handed_over_to}."
                )
        changed = print_status_files_read(actor=actor)
        self.stdout.write(f"Status files: {changed} letters updated.")
