"""`folio sandbox`: run the other side of each network on loopback until Ctrl-C.

Point Folio at it with FOLIO_SMTP_HOST/FOLIO_SMTP_PORT, FOLIO_PEPPOL_AP_URL and
FOLIO_PEPPOL_SMP_URL (the defaults of the development settings match the default ports).
"""

import json
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from folio.sandbox.peppol import SandboxAccessPoint
from folio.sandbox.print_partner import SandboxPrintPartner
from folio.sandbox.smtp import SandboxSMTPServer


class Command(BaseCommand):
    help = "Run the sandbox mail server, print partner and Peppol access point/SMP on loopback."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--folder", default=str(Path(settings.FOLIO_DATA_DIR) / "sandbox"))
        parser.add_argument(
            "--smtp-port",
            type=int,
            default=8025 if settings.EMAIL_PORT == 25 else settings.EMAIL_PORT,
        )
        parser.add_argument("--peppol-port", type=int, default=8125)
        parser.add_argument(
            "--participant",
            action="append",
            default=[],
            help="A Peppol participant the sandbox registers, e.g. 0192:974760673=AP "
            "(=response code it answers invoices with; repeatable).",
        )

    def handle(self, *args, **options) -> None:
        folder = Path(options["folder"])
        folder.mkdir(parents=True, exist_ok=True)
        participants = {}
        config = folder / "peppol" / "participants.json"
        if config.exists():
            participants.update(json.loads(config.read_text()))
        for entry in options["participant"]:
            participant, _sep, code = entry.partition("=")
            participants[participant] = {"response": code or "AP"}
        smtp = SandboxSMTPServer(folder / "mail", port=options["smtp_port"]).start()
        peppol = SandboxAccessPoint(
            folder / "peppol", participants=participants, port=options["peppol_port"]
        ).start()
        printer = SandboxPrintPartner(
            drop_dir=Path(settings.FOLIO_PRINT_DROP_DIR),
            status_dir=Path(settings.FOLIO_PRINT_STATUS_DIR),
        ).start()
        self.stdout.write(
            f"SMTP on {smtp.host}:{smtp.port} (mail in {folder / 'mail'}), "
            f"Peppol access point and SMP on {peppol.url}, "
            f"print partner reading {settings.FOLIO_PRINT_DROP_DIR}. Ctrl-C stops."
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            printer.stop()
            peppol.stop()
            smtp.stop()
