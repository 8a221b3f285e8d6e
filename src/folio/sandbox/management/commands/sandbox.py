"""`folio sandbox`: run the other side of each network on loopback until Ctrl-C.

Point Folio at it with FOLIO_SMTP_HOST/FOLIO_SMTP_PORT, FOLIO_PEPPOL_AP_URL and
FOLIO_PEPPOL_SMP_URL, and for the Nordic networks FOLIO_EFAKTURA_URL, FOLIO_KIVRA_URL,
FOLIO_EFAKTURA_SE_URL (the defaults of the development settings match the default ports).

The SFTP server (default port 8129) has two logins, `print` and `nets`, each with the password
from FOLIO_PRINT_SFTP_PASSWORD / FOLIO_NETS_SFTP_PASSWORD (`sandbox` when unset); its host key
is named in `<folder>/sftp/known_hosts`. With FOLIO_PRINT_TRANSPORT=sftp (FOLIO_NETS_TRANSPORT)
the sandbox print partner (Nets) works on that login's SFTP folders instead of the local ones.

The SML's DNS (UDP, default port 8153) answers NAPTR records for the sandbox's Peppol participants
in FOLIO_PEPPOL_SML_ZONE, pointing at the sandbox SMP: try it with FOLIO_PEPPOL_DISCOVERY=sml and
FOLIO_PEPPOL_DNS_SERVERS=127.0.0.1:8153.
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
from folio.sandbox.sftp import SandboxSftpServer, SftpLogin
from folio.sandbox.sml import SandboxSml
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
        parser.add_argument("--sftp-port", type=int, default=8129)
        parser.add_argument("--dns-port", type=int, default=8153)
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
        sftp = SandboxSftpServer(
            folder / "sftp",
            logins=[
                SftpLogin("print", password=settings.FOLIO_PRINT_SFTP_PASSWORD or "sandbox"),
                SftpLogin("nets", password=settings.FOLIO_NETS_SFTP_PASSWORD or "sandbox"),
            ],
            port=options["sftp_port"],
        ).start()
        sml = SandboxSml(
            zone=settings.FOLIO_PEPPOL_SML_ZONE,
            smp_url=f"{peppol.url}/smp",
            participants=lambda: list(peppol.participants),
            port=options["dns_port"],
        ).start()
        nordic = self._nordic(options["nordic_ports"], sftp)
        drop_dir, status_dir = self._folders(
            sftp,
            "print",
            (settings.FOLIO_PRINT_DROP_DIR, settings.FOLIO_PRINT_STATUS_DIR),
            (settings.FOLIO_PRINT_SFTP_OUTBOX, settings.FOLIO_PRINT_SFTP_INBOX),
        )
        printer = SandboxPrintPartner(drop_dir=drop_dir, status_dir=status_dir).start()
        self.stdout.write(
            f"SMTP on {smtp.host}:{smtp.port} (mail in {folder / 'mail'}), "
            f"Peppol access point and SMP on {peppol.url}, SML DNS on {sml.server} (UDP), "
            f"SFTP on {sftp.host}:{sftp.port} (host key in {sftp.known_hosts}), "
            f"print partner reading {drop_dir}. Ctrl-C stops."
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            for server in nordic:
                server.stop()
            printer.stop()
            sftp.stop()
            sml.stop()
            peppol.stop()
            smtp.stop()

    @staticmethod
    def _folders(sftp, login: str, local: tuple, remote: tuple[str, str]) -> tuple[Path, Path]:
        """The partner's outbox/inbox: the local folders, or that login's SFTP folders."""
        if getattr(settings, f"FOLIO_{login.upper()}_TRANSPORT") != "sftp":
            return Path(local[0]), Path(local[1])
        outbox, inbox = (sftp.home(login) / path.strip("/") for path in remote)
        outbox.mkdir(parents=True, exist_ok=True)
        inbox.mkdir(parents=True, exist_ok=True)
        return outbox, inbox

    def _nordic(self, ports: list[int], sftp: SandboxSftpServer) -> list:
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
        nets_outbox, nets_inbox = self._folders(
            sftp,
            "nets",
            (settings.FOLIO_NETS_OUTBOX_DIR, settings.FOLIO_NETS_INBOX_DIR),
            (settings.FOLIO_NETS_SFTP_OUTBOX, settings.FOLIO_NETS_SFTP_INBOX),
        )
        nets = SandboxNets(outbox=nets_outbox, inbox=nets_inbox).start()
        known = (
            efaktura_sandbox_seed(efaktura),
            kivra_sandbox_seed(kivra),
            intermediary_sandbox_seed(intermediary),
        )
        self.stdout.write(
            f"eFaktura on {efaktura.url} ({known[0]} receivers), Kivra on {kivra.url} "
            f"({known[1]} users), e-faktura intermediary on {intermediary.url} ({known[2]} "
            f"consumers), Nets exchange reading {nets_outbox}."
        )
        return [efaktura, kivra, intermediary, nets]
