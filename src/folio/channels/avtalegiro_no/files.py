"""Exchanging files with Nets: a drop folder pair (outbox for our claim files, inbox for Nets'
agreement and settlement files), as Nets' file transfer clients and SFTP mirrors leave them.

Files are written to a hidden `.part` name and renamed, so that the other side never reads half
a file; an inbound file is moved to `processed/` once Folio has applied it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings


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


def nets_transport() -> NetsFileTransport:
    return FolderNetsTransport()
