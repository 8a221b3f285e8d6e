"""A sandbox Nets file exchange on loopback folders, writing with netsgiro as Nets writes.

Folio's claim files appear in its Nets outbox; `nets_exchange_run_once` picks them up, drops
every claim that a deletion request in the same or a later file withdrew, and answers with an
OCR giro settlement file in Folio's inbox (one AvtaleGiro payment per remaining claim).
`nets_agreements_write` writes an AvtaleGiro agreement file (mandates new, changed, deleted)
into the inbox, as Nets sends them when payers sign up in their bank.
"""

from __future__ import annotations

import datetime
import itertools
import os
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import netsgiro
from django.utils import timezone

NETS_ID = "00008080"
_numbers = itertools.count(1)


@dataclass(frozen=True)
class MandateLine:
    kid: str
    notify: bool = True
    deleted: bool = False


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.part"
    temporary.write_text(text + "\n", encoding="iso-8859-1")
    os.replace(temporary, folder / name)
    return folder / name


def nets_agreements_text(
    *, data_recipient: str, account: str, mandates: list[MandateLine], number: int | None = None
) -> str:
    transmission = netsgiro.Transmission(
        number=f"{number or next(_numbers):07d}",
        data_transmitter=NETS_ID,
        data_recipient=data_recipient,
        date=timezone.localdate(),
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.AVTALEGIRO,
        assignment_type=netsgiro.AssignmentType.AVTALEGIRO_AGREEMENTS,
        number=f"{next(_numbers):07d}",
        account=account,
    )
    for position, mandate in enumerate(mandates, start=1):
        assignment.transactions.append(
            netsgiro.Agreement(
                service_code=netsgiro.ServiceCode.AVTALEGIRO,
                number=position,
                registration_type=(
                    netsgiro.AvtaleGiroRegistrationType.DELETED_AGREEMENT
                    if mandate.deleted
                    else netsgiro.AvtaleGiroRegistrationType.NEW_OR_UPDATED_AGREEMENT
                ),
                kid=mandate.kid,
                notify=mandate.notify,
            )
        )
    return transmission.to_ocr()


def nets_agreements_write(inbox: Path, **kwargs) -> Path:
    text = nets_agreements_text(**kwargs)
    number = text[16:23]
    return _write(Path(inbox), f"avtalegiro-agreements-{number}.txt", text)


def settlement_text(
    *, data_recipient: str, account: str, payments: list[tuple[str, Decimal, datetime.date]]
) -> str:
    """An OCR giro file paying (kid, amount, date) into `account`."""
    today = timezone.localdate()
    transmission = netsgiro.Transmission(
        number=f"{next(_numbers):07d}",
        data_transmitter=NETS_ID,
        data_recipient=data_recipient,
        date=today,
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.OCR_GIRO,
        assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
        agreement_id="000000000",
        number=f"{next(_numbers):07d}",
        account=account,
        date=today,
    )
    for position, (kid, amount, paid_on) in enumerate(payments, start=1):
        assignment.transactions.append(
            netsgiro.Transaction(
                service_code=netsgiro.ServiceCode.OCR_GIRO,
                type=netsgiro.TransactionType.FROM_AVTALEGIRO,
                number=position,
                date=today,
                amount=amount,
                kid=kid,
                # The bank's archive reference (9 digits).
                reference=f"{position:09d}",
                text=None,
                centre_id="13",
                day_code=today.day,
                partial_settlement_number=1,
                partial_settlement_serial_number="00001",
                sign="0",
                form_number="0000000000",
                bank_date=paid_on,
                debit_account="99990000000",
                filler="0000000",
            )
        )
    return transmission.to_ocr()


def nets_exchange_run_once(*, outbox: Path, inbox: Path) -> list[str]:
    """Take every claim file waiting; answer each with a settlement file. Returns file names."""
    outbox, inbox = Path(outbox), Path(inbox)
    handled: list[str] = []
    if not outbox.is_dir():
        return handled
    picked_up = outbox / "picked-up"
    picked_up.mkdir(exist_ok=True)
    for path in sorted(outbox.glob("*.txt")):
        transmission = netsgiro.parse(path.read_text(encoding="iso-8859-1"))
        claims: dict[tuple, netsgiro.PaymentRequest] = {}
        account = ""
        for assignment in transmission.assignments:
            account = assignment.account
            for request in assignment.transactions:
                key = (request.kid, request.amount, request.date)
                if assignment.type == netsgiro.AssignmentType.AVTALEGIRO_CANCELLATIONS:
                    claims.pop(key, None)
                else:
                    claims[key] = request
        if claims:
            text = settlement_text(
                data_recipient=transmission.data_transmitter,
                account=account,
                payments=[(kid, amount, due) for (kid, amount, due) in claims],
            )
            _write(inbox, f"ocr-{path.stem}.txt", text)
        os.replace(path, picked_up / path.name)
        handled.append(path.name)
    return handled


class SandboxNets:
    """Polls the outbox in a thread until stopped."""

    def __init__(self, *, outbox: Path, inbox: Path, interval: float = 2.0):
        self.outbox = outbox
        self.inbox = inbox
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self.stopped.is_set():
            nets_exchange_run_once(outbox=self.outbox, inbox=self.inbox)
            self.stopped.wait(self.interval)

    def start(self) -> SandboxNets:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
