"""`folio sandbox`: run the other side of each network on loopback until Ctrl-C.

Point Folio at it with FOLIO_SMTP_HOST/FOLIO_SMTP_PORT, FOLIO_PEPPOL_AP_URL and
FOLIO_PEPPOL_SMP_URL, and for the Nordic networks FOLIO_EFAKTURA_URL, FOLIO_KIVRA_URL,
FOLIO_EFAKTURA_SE_URL (the defaults of the development settings match the default ports).
"""

import json
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from folio.sandbox.efaktura_no import SandboxEfaktura, efaktura_sandbox_seed
from folio.sandbox.efaktura_se import SandboxIntermediary, intermediary_sandbox_seed
from folio.sandbox.kivra import SandboxKivra, kivra_sandbox_seed
from folio.sandbox.nets import SandboxNets
from folio.sandbox.peppol import SandboxAccessPoint
from folio.sandbox.print_partner import SandboxPrintPartner
from folio.sandbox.smtp import SandboxSMTPServer


class Command(BaseCommand):
    help = (
        "Run the sandbox mail server, print partner, Peppol access point/SMP and the Nordic "
        "networks (eFaktura, Nets, Kivra, Swedish e-faktura) on loopback."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--folder", default=str(Path(settings.FOLIO_DATA_DIR) / "sandbox"))
        parser.add_argument(
            "--smtp-port",
            type=int,
            default=8025 if settings.EMAIL_PORT == 25 else settings.EMAIL_PORT,
        )
        parser.add_argument("--peppol-port", type=int, default=8125)
        # The Nordic networks (eFaktura, Kivra, Swedish e-faktura; Nets exchanges files).
        parser.add_argument("--nordic-ports", type=int, nargs=3, default=[8126, 8127, 8128])
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
        nordic = self._nordic(options["nordic_ports"])
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
            for server in nordic:
                server.stop()
            printer.stop()
            peppol.stop()
            smtp.stop()

    def _nordic(self, ports: list[int]) -> list:
        """eFaktura, Kivra and the Swedish intermediary, knowing whom Folio's registry knows;
        and the Nets file exchange on FOLIO_NETS_OUTBOX_DIR/FOLIO_NETS_INBOX_DIR."""
        efaktura = SandboxEfaktura(token=settings.FOLIO_EFAKTURA_TOKEN, port=ports[0]).start()
        kivra = SandboxKivra(
            client_id=settings.FOLIO_KIVRA_CLIENT_ID,
            client_secret=settings.FOLIO_KIVRA_CLIENT_SECRET,
            webhook_secret=settings.FOLIO_KIVRA_WEBHOOK_SECRET,
            port=ports[1],
        ).start()
        intermediary = SandboxIntermediary(
            token=settings.FOLIO_EFAKTURA_SE_TOKEN, port=ports[2]
        ).start()
        nets = SandboxNets(
            outbox=Path(settings.FOLIO_NETS_OUTBOX_DIR), inbox=Path(settings.FOLIO_NETS_INBOX_DIR)
        ).start()
        known = (
            efaktura_sandbox_seed(efaktura),
            kivra_sandbox_seed(kivra),
            intermediary_sandbox_seed(intermediary),
        )
        self.stdout.write(
            f"eFaktura on {efaktura.url} ({known[0]} receivers), Kivra on {kivra.url} "
            f"({known[1]} users), e-faktura intermediary on {intermediary.url} ({known[2]} "
            f"consumers), Nets exchange reading {settings.FOLIO_NETS_OUTBOX_DIR}."
        )
        return [efaktura, kivra, intermediary, nets]
