"""A sandbox mail server on loopback: stores what it receives, drops duplicates, can bounce.

Behaviour by recipient address (local part prefix), so demos and tests choose outcomes:
- `reject...@` answers 550 at RCPT (a synchronous hard bounce);
- `busy...@` answers 451 at RCPT (a temporary failure, retried);
- `bounce...@` accepts the message, then writes a DSN (5.1.1) to the bounce mailbox, as a
  real mail system reports a mailbox that does not exist after accepting;
- anything else is stored in the Maildir `inbox`.
A message whose Message-ID was already stored is accepted and dropped (counted in
`duplicates.log`), as a deduplicating relay would: Folio's message keys make resends safe.
"""

from __future__ import annotations

import asyncio
import email
import mailbox
import re
import secrets
import socket
import threading
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path

from aiosmtpd.controller import Controller
from django.utils import timezone


class SandboxMailHandler:
    def __init__(self, folder: Path, *, hold_seconds: float = 0.0):
        self.folder = folder
        self.inbox = mailbox.Maildir(folder / "inbox", create=True)
        self.bounces = mailbox.Maildir(folder / "bounces", create=True)
        self.duplicates_log = folder / "duplicates.log"
        self.seen_log = folder / "message-ids.log"
        # Tests: wait this long after storing a message before answering (a slow server).
        self.hold_seconds = hold_seconds
        self._lock = threading.Lock()
        # SMTP sessions opened (EHLO/HELO greetings), to see connections being reused.
        self.sessions = 0

    def _seen(self) -> set[str]:
        if not self.seen_log.exists():
            return set()
        return set(self.seen_log.read_text().split())

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self._lock:
            self.sessions += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.partition("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 Mailbox does not exist"
        if local.startswith("busy"):
            return "451 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        message_id = str(message.get("Message-ID", "")).strip()
        with self._lock:
            if message_id and message_id in self._seen():
                with self.duplicates_log.open("a") as log:
                    log.write(f"{message_id}\n")
                return "250 2.0.0 Duplicate dropped"
            key = self.inbox.add(envelope.content)
            if message_id:
                with self.seen_log.open("a") as log:
                    log.write(f"{message_id}\n")
            for recipient in envelope.rcpt_tos:
                if recipient.partition("@")[0].lower().startswith("bounce"):
                    self.bounces.add(dsn_build(envelope.mail_from, recipient, envelope.content))
        if self.hold_seconds:
            await asyncio.sleep(self.hold_seconds)
        return f"250 2.0.0 Ok: queued as {key}"


def dsn_build(envelope_from: str, recipient: str, original: bytes) -> bytes:
    """A delivery status notification (RFC 3464) for a mailbox that does not exist."""
    returned = email.message_from_bytes(original, policy=default_policy)
    returned_headers = "".join(f"{name}: {value}\r\n" for name, value in returned.items())
    boundary = f"dsn-{secrets.token_hex(8)}"
    lines = [
        "From: Mail Delivery System <mailer-daemon@sandbox.localhost>",
        f"To: {envelope_from}",
        "Subject: Undelivered Mail Returned to Sender",
        f"Date: {format_datetime(timezone.now())}",
        f"Message-ID: {make_msgid(domain='sandbox.localhost')}",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "",
        f"Your message to {recipient} could not be delivered.",
        "",
        f"--{boundary}",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; sandbox.localhost",
        "",
        f"Final-Recipient: rfc822; {recipient}",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist",
        "",
        f"--{boundary}",
        "Content-Type: text/rfc822-headers",
        "",
        returned_headers,
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode()


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (tests and `folio sandbox --port 0`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class SandboxSMTPServer:
    """Start and stop the sandbox mail server (aiosmtpd in a thread)."""

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 0, hold_seconds=0.0):
        folder.mkdir(parents=True, exist_ok=True)
        self.handler = SandboxMailHandler(folder, hold_seconds=hold_seconds)
        self.host = host
        self.port = port or free_port(host)
        self.controller = Controller(self.handler, hostname=host, port=self.port)

    def start(self) -> SandboxSMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def messages(self) -> list[email.message.EmailMessage]:
        box = mailbox.Maildir(self.handler.folder / "inbox", create=False)
        return [
            email.message_from_bytes(box.get_bytes(key), policy=default_policy)
            for key in sorted(box.keys(), key=_arrival_order)
        ]

    def duplicates(self) -> list[str]:
        log = self.handler.duplicates_log
        return log.read_text().split() if log.exists() else []


def _arrival_order(key: str) -> tuple:
    """Maildir keys are "<seconds>.M<microseconds>P<pid>Q<count>.<host>", the microseconds not
    zero-padded, so plain string order misplaces two messages stored within one second."""
    match = re.match(r"(\d+)\.M(\d+)P\d+Q(\d+)", key)
    return tuple(int(part) for part in match.groups()) if match else (0, 0, 0, key)
