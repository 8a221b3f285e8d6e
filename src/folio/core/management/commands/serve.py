"""`folio serve`: the production web server (gunicorn serving folio.wsgi)."""

import os
import sys
from argparse import ArgumentParser

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def static_files_collected() -> bool:
    """Whether STATIC_ROOT holds a collected set (after an upgrade, pass --collectstatic)."""
    return (settings.STATIC_ROOT / "staticfiles.json").exists()


class Command(BaseCommand):
    help = "Serve Folio with gunicorn (bind from --bind or FOLIO_BIND)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=None, help="host:port (default: FOLIO_BIND).")
        parser.add_argument("--workers", type=int, default=None, help="FOLIO_WEB_WORKERS.")
        parser.add_argument(
            "--collectstatic",
            action="store_true",
            help="Collect static files first (production collects them when missing; "
            "use this after an upgrade).",
        )

    def gunicorn_arguments(self, options: dict) -> list[str]:
        return [
            "folio.wsgi:application",
            "--bind",
            options["bind"] or settings.FOLIO_BIND,
            "--workers",
            str(options["workers"] or settings.FOLIO_WEB_WORKERS),
            "--timeout",
            str(settings.FOLIO_WEB_TIMEOUT),
            "--access-logfile",
            "-",
        ]

    def handle(self, *args, **options) -> None:
        # Production serves hashed static files from STATIC_ROOT (whitenoise's manifest);
        # development finds them in the apps directly.
        if options["collectstatic"] or (settings.IS_PRODUCTION and not static_files_collected()):
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [sys.executable, "-m", "gunicorn", *self.gunicorn_arguments(options)]
        sys.stdout.flush()
        sys.stderr.flush()
        # Become gunicorn, so that signals from the process manager reach it directly.
        os.execv(sys.executable, argv)  # noqa: S606 - a fixed program, no shell
