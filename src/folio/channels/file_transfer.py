"""Files to and from a partner: a drop folder pair or an SFTP server, one interface for both.

File-batch channels hand their files over through this module: print batches to the print
partner (`print`), AvtaleGiro claim files to Nets and Nets' agreement and settlement files back
(`nets`). Each use is configured by its own settings (`FOLIO_<USE>_TRANSPORT` = `folder` or
`sftp`, and `FOLIO_<USE>_SFTP_*`), so the print house and Nets can sit on different servers.

- `FolderFileTransfer`: an outbox and an inbox folder, as a partner's file-transfer client or an
  SFTP mirror leaves them;
- `SftpFileTransfer`: the partner's SFTP server (paramiko), its host key checked against a
  known_hosts file; an unknown or changed host key refuses the connection.

Files are written under a hidden `.<name>.part` name and renamed, so the other side never reads
half a file; an inbound file is moved to `processed/` once Folio has applied it (acknowledge).

Errors are `TransportError`s: a server that is away or a connection that breaks is transient (the
next run tries again); a host key that does not match or a login the server refuses is permanent
(an operator has to change the configuration; trying again changes nothing).
"""

from __future__ import annotations

import fnmatch
import io
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from folio.channels.base import TransportError

# The settings prefix and local folders (outbox, inbox) of each use.
FILE_TRANSFER_USES: dict[str, tuple[str, str, str]] = {
    "print": ("PRINT", "FOLIO_PRINT_DROP_DIR", "FOLIO_PRINT_STATUS_DIR"),
    "nets": ("NETS", "FOLIO_NETS_OUTBOX_DIR", "FOLIO_NETS_INBOX_DIR"),
}
PROCESSED = "processed"


@dataclass(frozen=True)
class IncomingFile:
    name: str
    content: bytes


class FileTransfer(Protocol):
    def upload(self, name: str, content: bytes) -> str:
        """Put one file in the partner's outbox; returns where it went."""
        ...

    def upload_all(self, files: Sequence[tuple[str, bytes]]) -> list[str]:
        """Put several files, in this order (a marker file last), over one connection."""
        ...

    def incoming(self, pattern: str = "*") -> list[IncomingFile]:
        """The files waiting in the inbox (matching `pattern`), oldest name first."""
        ...

    def acknowledge(self, item: IncomingFile) -> None:
        """Move an applied inbound file to `processed/`, so it is read once."""
        ...


def _wanted(name: str, pattern: str) -> bool:
    return not name.startswith(".") and fnmatch.fnmatchcase(name, pattern)


class FolderFileTransfer:
    def __init__(self, *, outbox: Path, inbox: Path):
        self.outbox = Path(outbox)
        self.inbox = Path(inbox)

    def __str__(self) -> str:
        return str(self.outbox)

    def upload(self, name: str, content: bytes) -> str:
        self.outbox.mkdir(parents=True, exist_ok=True)
        temporary = self.outbox / f".{name}.part"
        temporary.write_bytes(content)
        os.replace(temporary, self.outbox / name)
        return str(self.outbox / name)

    def upload_all(self, files: Sequence[tuple[str, bytes]]) -> list[str]:
        return [self.upload(name, content) for name, content in files]

    def incoming(self, pattern: str = "*") -> list[IncomingFile]:
        if not self.inbox.is_dir():
            return []
        return [
            IncomingFile(name=path.name, content=path.read_bytes())
            for path in sorted(self.inbox.iterdir())
            if path.is_file() and _wanted(path.name, pattern)
        ]

    def acknowledge(self, item: IncomingFile) -> None:
        done = self.inbox / PROCESSED
        done.mkdir(exist_ok=True)
        os.replace(self.inbox / item.name, done / item.name)


@dataclass(frozen=True)
class SftpAccount:
    """Where and as whom to log in; `outbox`/`inbox` are folders on the server."""

    host: str
    port: int = 22
    username: str = ""
    password: str = ""
    key_file: str = ""
    known_hosts: str = ""
    outbox: str = "/inbound"
    inbox: str = "/outbound"
    timeout: float = 30.0


class _HostKeyRefused(Exception):
    pass


def _refuse_unknown_host_key():
    import paramiko

    class RefuseUnknown(paramiko.MissingHostKeyPolicy):
        def missing_host_key(self, client, hostname, key):
            raise _HostKeyRefused(
                _("the host key of %(host)s is not in the known_hosts file") % {"host": hostname}
            )

    return RefuseUnknown()


class SftpFileTransfer:
    def __init__(self, account: SftpAccount):
        self.account = account
        self.outbox = account.outbox.rstrip("/") or "/"
        self.inbox = account.inbox.rstrip("/") or "/"

    def __str__(self) -> str:
        return f"sftp://{self.account.host}:{self.account.port}{self.outbox}"

    @contextmanager
    def _session(self) -> Iterator:
        import paramiko

        account = self.account
        where = f"{account.host}:{account.port}"
        if not account.host:
            raise TransportError(_("No SFTP host is configured."), permanent=True)
        client = paramiko.SSHClient()
        try:
            if account.known_hosts:
                client.load_host_keys(account.known_hosts)
        except OSError as exc:
            raise TransportError(
                _("The known_hosts file cannot be read: %(error)s") % {"error": exc},
                permanent=True,
            ) from exc
        client.set_missing_host_key_policy(_refuse_unknown_host_key())
        try:
            client.connect(
                account.host,
                port=account.port,
                username=account.username,
                password=account.password or None,
                key_filename=account.key_file or None,
                look_for_keys=False,
                allow_agent=False,
                timeout=account.timeout,
                banner_timeout=account.timeout,
                auth_timeout=account.timeout,
            )
            sftp = client.open_sftp()
        except (_HostKeyRefused, paramiko.BadHostKeyException) as exc:
            client.close()
            raise TransportError(
                _("SFTP %(where)s refused: its host key is not the known one (%(error)s).")
                % {"where": where, "error": exc},
                permanent=True,
            ) from exc
        except paramiko.AuthenticationException as exc:
            client.close()
            raise TransportError(
                _("SFTP %(where)s refused the login of %(user)s: %(error)s")
                % {"where": where, "user": account.username, "error": exc},
                permanent=True,
            ) from exc
        except (paramiko.SSHException, OSError, EOFError) as exc:
            client.close()
            raise TransportError(
                _("SFTP %(where)s unreachable: %(error)s") % {"where": where, "error": exc}
            ) from exc
        try:
            yield sftp
        except (paramiko.SSHException, OSError, EOFError) as exc:
            raise TransportError(
                _("SFTP transfer with %(where)s failed: %(error)s") % {"where": where, "error": exc}
            ) from exc
        finally:
            client.close()

    def _put(self, sftp, name: str, content: bytes) -> str:
        target = f"{self.outbox}/{name}"
        temporary = f"{self.outbox}/.{name}.part"
        sftp.putfo(io.BytesIO(content), temporary, file_size=len(content), confirm=True)
        sftp.posix_rename(temporary, target)
        return f"sftp://{self.account.host}{target}"

    def upload(self, name: str, content: bytes) -> str:
        return self.upload_all([(name, content)])[0]

    def upload_all(self, files: Sequence[tuple[str, bytes]]) -> list[str]:
        with self._session() as sftp:
            return [self._put(sftp, name, content) for name, content in files]

    def incoming(self, pattern: str = "*") -> list[IncomingFile]:
        items = []
        with self._session() as sftp:
            for entry in sorted(sftp.listdir_attr(self.inbox), key=lambda e: e.filename):
                if not _wanted(entry.filename, pattern) or not stat.S_ISREG(entry.st_mode or 0):
                    continue
                buffer = io.BytesIO()
                sftp.getfo(f"{self.inbox}/{entry.filename}", buffer)
                items.append(IncomingFile(name=entry.filename, content=buffer.getvalue()))
        return items

    def acknowledge(self, item: IncomingFile) -> None:
        done = f"{self.inbox}/{PROCESSED}"
        with self._session() as sftp:
            try:
                sftp.stat(done)
            except FileNotFoundError:
                sftp.mkdir(done)
            sftp.posix_rename(f"{self.inbox}/{item.name}", f"{done}/{item.name}")


def sftp_account_for(use: str) -> SftpAccount:
    """The SFTP login of one use from its `FOLIO_<USE>_SFTP_*` settings."""
    prefix = f"FOLIO_{FILE_TRANSFER_USES[use][0]}_SFTP_"

    def setting(name: str):
        return getattr(settings, prefix + name)

    return SftpAccount(
        host=setting("HOST"),
        port=setting("PORT"),
        username=setting("USER"),
        password=setting("PASSWORD"),
        key_file=setting("KEY_FILE"),
        known_hosts=setting("KNOWN_HOSTS"),
        outbox=setting("OUTBOX"),
        inbox=setting("INBOX"),
    )


def file_transfer_for(use: str) -> FileTransfer:
    """The configured transfer of `print` or `nets` (FOLIO_<USE>_TRANSPORT)."""
    prefix, outbox_setting, inbox_setting = FILE_TRANSFER_USES[use]
    if getattr(settings, f"FOLIO_{prefix}_TRANSPORT") == "sftp":
        return SftpFileTransfer(sftp_account_for(use))
    return FolderFileTransfer(
        outbox=Path(getattr(settings, outbox_setting)), inbox=Path(getattr(settings, inbox_setting))
    )
