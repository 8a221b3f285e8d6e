"""`folio bounces PATH...`: read bounce reports from Maildir folders or mbox files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from folio.channels.email.bounces import bounces_read_mailbox
from folio.tenancy.actors import Actor


class Command(BaseCommand):
    help = "Read bounce reports (DSNs) from Maildir folders or mbox files into deliveries."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="Maildir folders or mbox files.")
        parser.add_argument(
            "--remove", action="store_true", help="Remove each report once it is processed."
        )

    def handle(self, *args, **options) -> None:
        actor = Actor.for_system("bounces")
        for raw_path in options["paths"]:
            path = Path(raw_path)
            if not path.exists():
                raise CommandError(f"{path} does not exist.")
            counts = bounces_read_mailbox(path=path, actor=actor, remove=options["remove"])
            summary = ", ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
            self.stdout.write(f"{path}: {summary or 'no messages'}")
