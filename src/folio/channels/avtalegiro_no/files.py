"""Exchanging files with Nets (FOLIO_NETS_TRANSPORT): our claim files out, Nets' agreement and
settlement files in.

- `folder`: a drop folder pair, as Nets' file transfer clients and SFTP mirrors leave them;
- `sftp`: Nets' SFTP server (paramiko), with the server's host key checked against
  FOLIO_NETS_SFTP_KNOWN_HOSTS; an unknown host key refuses the connection.

Files are written to a hidden `.part` name and renamed, so that the other side never reads half
a file; an inbound file is moved to `processed/` once Folio has applied it.
"""

from __future__ import annotations

import io
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings

from folio.channels.base import TransportError


@dataclass(frozen=True)
class NetsIncoming:
    name: str
    content: str


class NetsFileTransport(Protocol):
    def upload(self, name: str, content: str) -> str: ...

    def incoming(self) -> list[NetsIncoming]: ...

    def acknowledge(self, item: NetsIncoming) -> None: ...


class FolderNetsTransport:
    def __init__(self, outbox: Path | None = None, inbox: Path | None = None):
        self.outbox = Path(outbox or settings.FOLIO_NETS_OUTBOX_DIR)
        self.inbox = Path(inbox or settings.FOLIO_NETS_INBOX_DIR)

    def upload(self, name: str, content: str) -> str:
        self.outbox.mkdir(parents=True, exist_ok=True)
        temporary = self.outbox / f".{name}.part"
        # Nets files are ISO-8859-1 text with CRLF-free 80-character records.
        temporary.write_text(content + "\n", encoding="iso-8859-1")
        os.replace(temporary, self.outbox / name)
        return str(self.outbox / name)

    def incoming(self) -> list[NetsIncoming]:
        if not self.inbox.is_dir():
            return []
        return [
            NetsIncoming(name=path.name, content=path.read_text(encoding="iso-8859-1"))
            for path in sorted(self.inbox.iterdir())
            if path.is_file() and not path.name.startswith(".")
        ]

    def acknowledge(self, item: NetsIncoming) -> None:
        done = self.inbox / "processed"
        done.mkdir(exist_ok=True)
        os.replace(self.inbox / item.name, done / item.name)


class SftpNetsTransport:
    def __init__(
        self,
        *,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        key_file: str | None = None,
        known_hosts: str | None = None,
        outbox: str | None = None,
        inbox: str | None = None,
        timeout: float = 30.0,
    ):
        self.host = host or settings.FOLIO_NETS_SFTP_HOST
        self.port = port or settings.FOLIO_NETS_SFTP_PORT
        self.username = username or settings.FOLIO_NETS_SFTP_USER
        self.password = password if password is not None else settings.FOLIO_NETS_SFTP_PASSWORD
        self.key_file = key_file if key_file is not None else settings.FOLIO_NETS_SFTP_KEY_FILE
        self.known_hosts = known_hosts or settings.FOLIO_NETS_SFTP_KNOWN_HOSTS
        self.outbox = (outbox or settings.FOLIO_NETS_SFTP_OUTBOX).rstrip("/")
        self.inbox = (inbox or settings.FOLIO_NETS_SFTP_INBOX).rstrip("/")
        self.timeout = timeout

    @contextmanager
    def _session(self):
        import paramiko

        client = paramiko.SSHClient()
        if self.known_hosts:
            client.load_host_keys(self.known_hosts)
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        try:
            client.connect(
                self.host,
                port=self.port,
                username=self.username,
                password=self.password or None,
                key_filename=self.key_file or None,
                look_for_keys=False,
                allow_agent=False,
                timeout=self.timeout,
            )
            sftp = client.open_sftp()
        except (paramiko.SSHException, OSError) as exc:
            client.close()
            raise TransportError(f"Nets SFTP {self.host}:{self.port} unreachable: {exc}") from exc
        try:
            yield sftp
        except (paramiko.SSHException, OSError) as exc:
            raise TransportError(f"Nets SFTP transfer failed: {exc}") from exc
        finally:
            client.close()

    def upload(self, name: str, content: str) -> str:
        target = f"{self.outbox}/{name}"
        temporary = f"{self.outbox}/.{name}.part"
        with self._session() as sftp:
            sftp.putfo(io.BytesIO((content + "\n").encode("iso-8859-1")), temporary)
            sftp.posix_rename(temporary, target)
        return f"sftp://{self.host}{target}"

    def incoming(self) -> list[NetsIncoming]:
        items = []
        with self._session() as sftp:
            for entry in sorted(sftp.listdir_attr(self.inbox), key=lambda e: e.filename):
                if entry.filename.startswith(".") or not stat.S_ISREG(entry.st_mode or 0):
                    continue
                buffer = io.BytesIO()
                sftp.getfo(f"{self.inbox}/{entry.filename}", buffer)
                items.append(
                    NetsIncoming(
                        name=entry.filename, content=buffer.getvalue().decode("iso-8859-1")
                    )
                )
        return items

    def acknowledge(self, item: NetsIncoming) -> None:
        done = f"{self.inbox}/processed"
        with self._session() as sftp:
            try:
                sftp.stat(done)
            except FileNotFoundError:
                sftp.mkdir(done)
            sftp.posix_rename(f"{self.inbox}/{item.name}", f"{done}/{item.name}")


def nets_transport() -> NetsFileTransport:
    if settings.FOLIO_NETS_TRANSPORT == "sftp":
        return SftpNetsTransport()
    return FolderNetsTransport()
