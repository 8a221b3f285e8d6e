"""`folio demo`: migrate, seed once, print the logins, and run web + worker + scheduler.

The three processes are children in their own sessions, so that Ctrl-C reaches only this
supervisor, which then stops them in order. If one of them dies, the others are stopped too.
"""

import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from argparse import ArgumentParser

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from folio.core.demo import (
    DEFAULT_CUSTOMERS,
    DEFAULT_DOCUMENTS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    demo_logins,
    demo_seed,
)

STOP_TIMEOUT_SECONDS = 10
PR_SET_PDEATHSIG = 1
READY_TIMEOUT_SECONDS = 30


def die_with_parent() -> None:
    """In a child, before exec: on Linux, get SIGTERM when the supervisor dies, even killed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: Ctrl-C and SIGTERM still stop the children through the supervisor


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Run the Folio demo at http://127.0.0.1:8000 with a worker and the scheduler."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
        parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")

    def handle(self, *args, **options) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError(
                "folio demo refuses to run with production settings (FOLIO_ENV=production): it "
                f"creates users whose password is the published '{DEMO_PASSWORD}'. Run "
                "`folio serve`, `folio worker` and `folio scheduler` instead."
            )
        port = options["port"]
        if not port_is_free(port):
            raise CommandError(f"Port {port} is in use; choose another with --port.")
        base_url = f"http://127.0.0.1:{port}"

        settings.FOLIO_DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Data folder: {settings.FOLIO_DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        started = time.monotonic()
        context = demo_seed(
            seed=options["seed"], customers=options["customers"], documents=options["documents"]
        )
        if context is None:
            self.stdout.write("Demo data already seeded.")
        else:
            counts = ", ".join(f"{count} {name}" for name, count in context.counts.items())
            self.stdout.write(f"Seeded in {time.monotonic() - started:.1f} s: {counts}.")
        self.print_logins(base_url)
        exit_code = self.supervise(port, base_url)
        if exit_code:
            raise CommandError("A demo process stopped unexpectedly; stopped the others.")

    def print_logins(self, base_url: str) -> None:
        logins = demo_logins()
        width = max(len(login.username) for login in logins)
        role_width = max(len(login.role) for login in logins)
        self.stdout.write(f"\nDemo logins (every password: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{width}}  {login.role:<{role_width}}  {base_url}{login.path}"
            )
        self.stdout.write(
            f"\nCustomer portal users sign in at {base_url}/portal/login/ with the user name "
            "and password above, or ask there for a sign-in link by e-mail "
            "(kari.nordmann@mail.example): the demo prints e-mail in this terminal unless "
            "FOLIO_EMAIL_BACKEND says otherwise."
        )
        self.stdout.write(
            f"\nSender portal {base_url}/app/   Customer portal {base_url}/portal/   "
            f"Back office {base_url}/backoffice/   Django admin {base_url}/admin/   "
            f"Health {base_url}/healthz\n"
        )

    def supervise(self, port: int, base_url: str) -> int:
        env = {
            **os.environ,
            "FOLIO_DATA_DIR": str(settings.FOLIO_DATA_DIR),
            "FOLIO_SITE_URL": os.environ.get("FOLIO_SITE_URL", base_url),
            "PYTHONUNBUFFERED": "1",
        }
        folio = [sys.executable, "-m", "folio.cli"]
        commands = {
            "web": [*folio, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            "worker": [*folio, "worker"],
            "scheduler": [*folio, "scheduler"],
        }
        stop = threading.Event()
        stop_reason: list[str] = []

        def request_stop(signum, frame) -> None:
            stop_reason.append(signal.Signals(signum).name)
            stop.set()

        # SIGHUP too: a closed terminal must not leave the children running.
        stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        previous = {sig: signal.signal(sig, request_stop) for sig in stop_signals}
        children: dict[str, subprocess.Popen] = {}
        exit_code = 0
        try:
            for name, command in commands.items():
                children[name] = subprocess.Popen(
                    command, env=env, start_new_session=True, preexec_fn=die_with_parent
                )
            self.wait_until_ready(port, children, stop)
            while not stop.is_set():
                for name, child in children.items():
                    code = child.poll()
                    if code is not None:
                        self.stderr.write(
                            f"The {name} process (pid {child.pid}) exited with code {code}; "
                            "stopping the others."
                        )
                        exit_code = 1
                        stop.set()
                        break
                stop.wait(0.5)
            if stop_reason:
                self.stdout.write(f"\n{stop_reason[0]} received: stopping the demo.")
        finally:
            self.stop_children(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Demo stopped.")
        return exit_code

    def wait_until_ready(self, port: int, children: dict, stop: threading.Event) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not stop.is_set() and time.monotonic() < deadline:
            if port_answers(port):
                self.stdout.write(
                    f"Folio demo is running at http://127.0.0.1:{port}/ (web pid "
                    f"{children['web'].pid}, worker pid {children['worker'].pid}, scheduler "
                    f"pid {children['scheduler'].pid}). Press Ctrl-C to stop."
                )
                return
            if any(child.poll() is not None for child in children.values()):
                return  # the supervisor loop reports which one
            stop.wait(0.2)

    def stop_children(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for name, child in children.items():
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"The {name} process did not stop in time; killing it.")
                child.kill()
                child.wait()
