"""A sandbox eFaktura (Norway) submitter service on loopback, for the demo and the tests.

Speaks the JSON operations of `folio.channels.efaktura_no.client`: receiver lookup, the
issuer's blocked list, consignments (kept; the same consignment id twice is one), status,
cancel, and a registrations feed. Consignments are RECEIVED at first and PROCESSED (or
REJECTED, for invoices whose KID is in `reject_kids`) when `process()` runs, as the real
service does in batches. `down = True` answers 503; `expire_token()` makes the next calls 401.

`JsonSandboxServer`, the small HTTP server under it, is shared by the Kivra and Swedish
e-faktura sandboxes.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from folio.sandbox.smtp import free_port


class JsonSandboxServer:
    """A threaded HTTP server answering JSON from `routes`: (method, regex) -> handler."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0):
        self.host = host
        self.port = port or free_port(host)
        self.lock = threading.RLock()
        self.down = False
        self.requests: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer((host, self.port), self._handler_class())
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def routes(self) -> list[tuple[str, str, object]]:
        raise NotImplementedError

    def authorize(self, headers) -> bool:
        return True

    def _handler_class(self):
        sandbox = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet in tests
                pass

            def _answer(self, status: int, data=None, headers: dict | None = None) -> None:
                body = b"" if data is None else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _dispatch(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with sandbox.lock:
                    sandbox.requests.append((method, parts.path))
                if sandbox.down:
                    return self._answer(503, {"error": "service unavailable"})
                for route_method, pattern, handler in sandbox.routes():
                    match = re.fullmatch(pattern, parts.path)
                    if route_method == method and match:
                        public = getattr(handler, "public", False)
                        if not public and not sandbox.authorize(self.headers):
                            return self._answer(401, {"error": "unauthorized"})
                        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                        with sandbox.lock:
                            result = handler(
                                match=match,
                                query=query,
                                raw=raw,
                                headers=self.headers,
                            )
                        status, data, *rest = result
                        return self._answer(status, data, rest[0] if rest else None)
                return self._answer(404, {"error": "not found"})

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

            def do_DELETE(self):
                self._dispatch("DELETE")

        return Handler


class SandboxEfaktura(JsonSandboxServer):
    def __init__(self, *, token: str = "", host: str = "127.0.0.1", port: int = 0):
        super().__init__(host=host, port=port)
        self.token = token
        self.token_expired = False
        # national id -> {"efaktura_id": str, "issuers": set of issuers with an agreement}
        self.receivers: dict[str, dict] = {}
        self.blocked: dict[str, set[str]] = {}
        self.consignments: dict[str, dict] = {}
        self.duplicates: list[str] = []
        self.reject_kids: set[str] = set()
        self.registration_feed: dict[str, list[dict]] = {}
        self._next_registration = 1

    # -- the test's and the demo's handles ------------------------------------------------
    def add_receiver(self, national_id: str, efaktura_id: str, *, issuers=()) -> None:
        with self.lock:
            self.receivers[national_id] = {"efaktura_id": efaktura_id, "issuers": set(issuers)}

    def block(self, issuer: str, efaktura_id: str) -> None:
        with self.lock:
            self.blocked.setdefault(issuer, set()).add(efaktura_id)

    def register(
        self, issuer: str, national_id: str, *, customer_number: str = "", unregister=False
    ) -> str:
        """The payer asks for (or stops) eFaktura from the issuer in the online bank."""
        with self.lock:
            receiver = self.receivers[national_id]
            if unregister:
                receiver["issuers"].discard(issuer)
            else:
                receiver["issuers"].add(issuer)
            message_id = f"efr-{self._next_registration:08d}"
            self._next_registration += 1
            self.registration_feed.setdefault(issuer, []).append(
                {
                    "id": message_id,
                    "type": "UNREGISTRATION" if unregister else "REGISTRATION",
                    "nationalId": national_id,
                    "efakturaIdentifier": receiver["efaktura_id"],
                    "customerNumber": customer_number,
                }
            )
            return message_id

    def expire_token(self) -> None:
        self.token_expired = True

    def process(self) -> None:
        """Run the service's batch: received consignments become processed or rejected."""
        with self.lock:
            for consignment in self.consignments.values():
                if consignment["status"] != "RECEIVED":
                    continue
                rejected = [i for i in consignment["invoices"] if i.get("kid") in self.reject_kids]
                for invoice in consignment["invoices"]:
                    invoice["status"] = "REJECTED" if invoice in rejected else "PROCESSED"
                    if invoice in rejected:
                        invoice["reason"] = "Invalid KID for the issuer's account"
                consignment["status"] = "REJECTED" if rejected else "PROCESSED"

    def authorize(self, headers) -> bool:
        if self.token_expired:
            return False
        return not self.token or headers.get("Authorization") == f"Bearer {self.token}"

    # -- the operations --------------------------------------------------------------------
    def routes(self):
        issuer = r"/issuers/(?P<issuer>[^/]+)"
        return [
            ("POST", issuer + r"/receivers/lookup", self._lookup),
            ("GET", issuer + r"/blocked", self._blocked),
            ("POST", issuer + r"/consignments", self._add),
            ("GET", issuer + r"/consignments/(?P<id>[^/]+)", self._status),
            (
                "POST",
                issuer + r"/consignments/(?P<id>[^/]+)/invoices/(?P<number>[^/]+)/cancel",
                self._cancel,
            ),
            ("GET", issuer + r"/registrations", self._registrations),
        ]

    def _lookup(self, *, match, raw, **_):
        data = json.loads(raw or b"{}")
        found = self.receivers.get(data.get("nationalId", ""))
        if found is None:
            found = next(
                (
                    r
                    for r in self.receivers.values()
                    if r["efaktura_id"] == data.get("efakturaIdentifier")
                ),
                None,
            )
        if found is None:
            return 404, {"error": "unknown receiver"}
        return 200, {
            "efakturaIdentifier": found["efaktura_id"],
            "hasAgreement": match["issuer"] in found["issuers"],
        }

    def _blocked(self, *, match, **_):
        return 200, {"efakturaIdentifiers": sorted(self.blocked.get(match["issuer"], set()))}

    def _add(self, *, match, raw, **_):
        data = json.loads(raw or b"{}")
        consignment_id = data.get("consignmentId", "")
        invoices = data.get("invoices") or []
        if not consignment_id or not invoices:
            return 400, {"error": "consignmentId and invoices are required"}
        for invoice in invoices:
            missing = [
                name
                for name in ("invoiceNumber", "efakturaIdentifier", "amount", "dueDate", "kid")
                if not invoice.get(name)
            ]
            if missing:
                return 422, {"error": f"missing {', '.join(missing)}"}
            if invoice["efakturaIdentifier"] in self.blocked.get(match["issuer"], set()):
                return 422, {"error": "receiver has blocked the issuer"}
        if consignment_id in self.consignments:
            self.duplicates.append(consignment_id)
            return 200, {"consignmentId": consignment_id, "status": "RECEIVED", "duplicate": True}
        self.consignments[consignment_id] = {
            "issuer": match["issuer"],
            "status": "RECEIVED",
            "invoices": [dict(invoice) for invoice in invoices],
        }
        return 201, {"consignmentId": consignment_id, "status": "RECEIVED"}

    def _status(self, *, match, **_):
        consignment = self.consignments.get(match["id"])
        if consignment is None:
            return 404, {"error": "unknown consignment"}
        return 200, {
            "consignmentId": match["id"],
            "status": consignment["status"],
            "invoices": consignment["invoices"],
        }

    def _cancel(self, *, match, **_):
        consignment = self.consignments.get(match["id"])
        if consignment is None:
            return 404, {"error": "unknown consignment"}
        for invoice in consignment["invoices"]:
            if invoice["invoiceNumber"] == match["number"]:
                invoice["status"] = "CANCELLED"
                return 200, {"status": "CANCELLED"}
        return 404, {"error": "unknown invoice"}

    def _registrations(self, *, match, query, **_):
        feed = self.registration_feed.get(match["issuer"], [])
        after = query.get("after", "")
        return 200, {"registrations": [m for m in feed if m["id"] > after]}


def efaktura_sandbox_seed(server: SandboxEfaktura) -> int:
    """For the demo: register in the sandbox whom Folio's registry knows (by national id)."""
    from folio.registries.models import RegistryEntry
    from folio.registries.services import nordic_account_for

    count = 0
    for entry in RegistryEntry.objects.filter(channel="efaktura_no").select_related(
        "customer__sender"
    ):
        issuer = nordic_account_for(entry.customer.sender).efaktura_issuer_id
        if not (entry.customer.national_id and entry.address and issuer):
            continue
        server.add_receiver(
            entry.customer.national_id,
            entry.address,
            issuers=[issuer] if entry.registered else [],
        )
        if entry.blocked:
            server.block(issuer, entry.address)
        count += 1
    return count
