"""Exchanging files with Nets (FOLIO_NETS_TRANSPORT): our claim files out, Nets' agreement and
settlement files in, through the shared file transfer (`folio.channels.file_transfer`):

- `folder`: FOLIO_NETS_OUTBOX_DIR / FOLIO_NETS_INBOX_DIR, as Nets' file transfer clients and SFTP
  mirrors leave them;
- `sftp`: Nets' SFTP server (FOLIO_NETS_SFTP_*), with the server's host key checked against
  FOLIO_NETS_SFTP_KNOWN_HOSTS; an unknown host key refuses the connection.

Nets files are ISO-8859-1 text of 80-character records; this module turns them into bytes and
back, the transfer moves the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from folio.channels.file_transfer import FileTransfer, IncomingFile, file_transfer_for

NETS_ENCODING = "iso-8859-1"


@dataclass(frozen=True)
class NetsIncoming:
    name: str
    content: str


class NetsFileTransport(Protocol):
    def upload(self, name: str, content: str) -> str: ...

    def incoming(self) -> list[NetsIncoming]: ...

    def acknowledge(self, item: NetsIncoming) -> None: ...


class NetsFiles:
    """Nets' text files over any file transfer."""

    def __init__(self, transfer: FileTransfer):
        self.transfer = transfer

    def upload(self, name: str, content: str) -> str:
        return self.transfer.upload(name, (content + "\n").encode(NETS_ENCODING))

    def incoming(self) -> list[NetsIncoming]:
        return [
            NetsIncoming(name=item.name, content=item.content.decode(NETS_ENCODING))
            for item in self.transfer.incoming()
        ]

    def acknowledge(self, item: NetsIncoming) -> None:
        self.transfer.acknowledge(IncomingFile(name=item.name, content=b""))


def nets_transport() -> NetsFileTransport:
    return NetsFiles(file_transfer_for("nets"))
