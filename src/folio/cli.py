"""The `folio` command: manage.py plus our own commands (demo, worker, scheduler, ...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["folio", *sys.argv[1:]])


if __name__ == "__main__":
    main()
