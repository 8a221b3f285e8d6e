"""A sandbox SFTP server on loopback (asyncssh), standing in for the print partner's and Nets'.

Each account logs in with a password or a public key and sees only its own folder,
`<folder>/<username>/`: what Folio uploads lands there, and what the sandbox partners write
there (the print partner's status files, Nets' agreement and settlement files) Folio fetches.
The host key is kept in `<folder>/ssh_host_ed25519_key`, so it stays the same across runs, and
`<folder>/known_hosts` names it for this host and port (point FOLIO_<USE>_SFTP_KNOWN_HOSTS at
it).
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from folio.sandbox.smtp import free_port


@dataclass(frozen=True)
class SftpLogin:
    """Who may log in: a password, an OpenSSH public key line, or both."""

    username: str
    password: str = ""
    public_key: str = ""


class SandboxSftpServer:
    def __init__(
        self, folder: Path, *, logins: list[SftpLogin], host: str = "127.0.0.1", port: int = 0
    ):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.logins = {login.username: login for login in logins}
        for username in self.logins:
            self.home(username).mkdir(parents=True, exist_ok=True)
        self.host = host
        self.port = port or free_port(host)
        key_path = self.folder / "ssh_host_ed25519_key"
        if key_path.exists():
            self.host_key = asyncssh.read_private_key(str(key_path))
        else:
            self.host_key = asyncssh.generate_private_key("ssh-ed25519")
            self.host_key.write_private_key(str(key_path))
            key_path.chmod(0o600)
        self.known_hosts = self.folder / "known_hosts"
        self.known_hosts.write_text(self.known_hosts_line() + "\n")
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.acceptor: asyncssh.SSHAcceptor | None = None

    def home(self, username: str) -> Path:
        return self.folder / username

    def known_hosts_line(self) -> str:
        public = self.host_key.export_public_key().decode().strip()
        return f"[{self.host}]:{self.port} {public}"

    def _server_class(self):
        logins = self.logins

        class Server(asyncssh.SSHServer):
            def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
                self.conn = conn

            def begin_auth(self, username: str) -> bool:
                login = logins.get(username)
                if login is not None and login.public_key:
                    self.conn.set_authorized_keys(asyncssh.import_authorized_keys(login.public_key))
                return True

            def password_auth_supported(self) -> bool:
                return True

            def validate_password(self, username: str, password: str) -> bool:
                login = logins.get(username)
                return bool(
                    login is not None
                    and login.password
                    and hmac.compare_digest(login.password.encode(), password.encode())
                )

        return Server

    def _sftp(self, channel) -> asyncssh.SFTPServer:
        username = channel.get_extra_info("username")
        return asyncssh.SFTPServer(channel, chroot=str(self.home(username)))

    def start(self) -> SandboxSftpServer:
        self.thread.start()

        async def listen():
            return await asyncssh.listen(
                self.host,
                self.port,
                server_host_keys=[self.host_key],
                server_factory=self._server_class(),
                sftp_factory=self._sftp,
                allow_scp=False,
                # No shells or commands: file transfer only.
                process_factory=None,
            )

        self.acceptor = asyncio.run_coroutine_threadsafe(listen(), self.loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self.acceptor is not None:
            self.acceptor.close()
            asyncio.run_coroutine_threadsafe(self.acceptor.wait_closed(), self.loop).result(
                timeout=10
            )

        async def finish_sessions():
            # Sessions whose client already hung up; cancelled so the loop stops clean.
            pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(finish_sessions(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()
