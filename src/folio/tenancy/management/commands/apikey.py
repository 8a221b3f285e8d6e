"""`folio apikey create|list|revoke`: manage an organization's API keys from the shell.

`create` prints the new secret and nothing else, so that scripts can capture it:
    KEY=$(folio apikey create --org nordlys-no --name "ERP export")
"""

from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from folio.core.errors import ApplicationError
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import api_keys_visible_to, organization_get_for_actor
from folio.tenancy.services import api_key_create, api_key_revoke

CLI_ACTOR_NAME = "cli"


class Command(BaseCommand):
    help = "Create, list or revoke an organization's API keys."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Create a key and print its secret (once).")
        create.add_argument("--org", required=True, help="The organization's slug.")
        create.add_argument("--name", default="CLI key", help="What the key is for.")
        listing = actions.add_parser("list", help="List an organization's keys.")
        listing.add_argument("--org", required=True, help="The organization's slug.")
        revoke = actions.add_parser("revoke", help="Revoke a key by its prefix.")
        revoke.add_argument("prefix", help="The key's prefix, as `list` shows it.")

    def handle(self, *args, **options) -> None:
        actor = Actor.for_system(CLI_ACTOR_NAME)
        try:
            getattr(self, f"handle_{options['action']}")(actor, options)
        except ApplicationError as error:
            raise CommandError(f"{error.message} ({error.code})") from error

    def handle_create(self, actor: Actor, options: dict) -> None:
        organization = organization_get_for_actor(actor, slug=options["org"])
        name = options["name"].strip()
        if not name:
            raise CommandError("The key needs a name (--name).")
        _key, secret = api_key_create(actor=actor, organization=organization, name=name)
        self.stdout.write(secret)

    def handle_list(self, actor: Actor, options: dict) -> None:
        organization = organization_get_for_actor(actor, slug=options["org"])
        keys = api_keys_visible_to(actor).filter(organization=organization).order_by("created_at")
        for key in keys:
            state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            last_used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
            self.stdout.write(
                f"{key.prefix}\t{key.name}\t{state}\tcreated {key.created_at:%Y-%m-%d %H:%M}"
                f"\tlast used {last_used}"
            )

    def handle_revoke(self, actor: Actor, options: dict) -> None:
        prefix = options["prefix"].strip().removeprefix("folio_").split("_", 1)[0]
        key = api_keys_visible_to(actor).filter(prefix=prefix).first()
        if key is None:
            raise CommandError(f"No API key with prefix {prefix!r}.")
        was_active = key.is_active
        api_key_revoke(actor=actor, api_key=key)
        verb = "Revoked" if was_active else "Already revoked:"
        self.stdout.write(f"{verb} {key.prefix} ({key.name}) of {key.organization.slug}")
