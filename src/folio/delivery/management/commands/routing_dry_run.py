"""`folio routing_dry_run --sender SLUG`: which channel each customer would get now, and why."""

import json

from django.core.management.base import BaseCommand, CommandError

from folio.core.errors import ApplicationError
from folio.delivery.routing import routing_dry_run
from folio.documents.models import DocumentType
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization


class Command(BaseCommand):
    help = "Show the channel each of a sender's customers would get, and why. Changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sender", required=True, help="The sender organization's slug.")
        parser.add_argument(
            "--type", default=DocumentType.INVOICE, choices=DocumentType.values, dest="type"
        )
        parser.add_argument("--json", action="store_true", help="One JSON array.")

    def handle(self, *args, **options) -> None:
        organization = Organization.objects.filter(slug=options["sender"]).first()
        if organization is None:
            raise CommandError(f"No organization with the slug {options['sender']!r}.")
        try:
            rows = routing_dry_run(
                organization=organization,
                actor=Actor.for_system("cli"),
                document_type=options["type"],
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "customer": row.customer.customer_number,
                            "name": row.customer.name,
                            "channel": row.channel,
                            "cost": str(row.cost),
                            "reason": row.reason,
                        }
                        for row in rows
                    ],
                    indent=2,
                )
            )
            return
        for row in rows:
            self.stdout.write(
                f"{row.customer.customer_number:>10}  {row.channel or '-':<12} "
                f"{row.cost:>8}  {row.reason}"
            )
