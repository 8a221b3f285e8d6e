"""A sandbox Swedish e-faktura intermediary on loopback (the other side of
`folio.channels.efaktura_se.client`): consumers with agreements per sender, invoices that the
"bank" delivers, refuses or sees paid, and a registrations feed."""

from __future__ import annotations

import json

from folio.sandbox.efaktura_no import JsonSandboxServer


class SandboxIntermediary(JsonSandboxServer):
    def __init__(self, *, token: str = "", host: str = "127.0.0.1", port: int = 0):
        super().__init__(host=host, port=port)
        self.token = token
        # ssn -> {"bank": str, "senders": set of sender ids with an agreement}
        self.consumers: dict[str, dict] = {}
        self.invoices: dict[str, dict] = {}
        self.by_message_key: dict[str, str] = {}
        self.feed: dict[str, list[dict]] = {}
        self._next = 1

    def add_consumer(self, ssn: str, *, bank: str = "Swedbank", senders=()) -> None:
        with self.lock:
            self.consumers[ssn] = {"bank": bank, "senders": set(senders)}

    def register(self, sender_id: str, ssn: str, *, unregister: bool = False) -> str:
        with self.lock:
            consumer = self.consumers[ssn]
            (consumer["senders"].discard if unregister else consumer["senders"].add)(sender_id)
            message_id = f"sef-{self._next:08d}"
            self._next += 1
            self.feed.setdefault(sender_id, []).append(
                {
                    "id": message_id,
                    "type": "UNREGISTRATION" if unregister else "REGISTRATION",
                    "ssn": ssn,
                    "consumerId": f"EF{ssn}",
                    "bank": consumer["bank"],
                }
            )
            return message_id

    def settle(self, invoice_id: str, *, status: str = "PAID", reason: str = "") -> None:
        """The bank's side: the invoice is delivered, refused or paid."""
        with self.lock:
            self.invoices[invoice_id]["status"] = status
            self.invoices[invoice_id]["reason"] = reason

    def authorize(self, headers) -> bool:
        return not self.token or headers.get("Authorization") == f"Bearer {self.token}"

    def routes(self):
        sender = r"/senders/(?P<sender>[^/]+)"
        return [
            ("GET", sender + r"/consumers/(?P<ssn>\d{12})", self._lookup),
            ("POST", sender + r"/invoices", self._send),
            ("GET", sender + r"/invoices/(?P<id>[^/]+)", self._status),
            ("GET", sender + r"/registrations", self._registrations),
        ]

    def _lookup(self, *, match, **_):
        consumer = self.consumers.get(match["ssn"])
        if consumer is None:
            return 404, {"error": "unknown consumer"}
        return 200, {
            "consumerId": f"EF{match['ssn']}",
            "bank": consumer["bank"],
            "agreement": match["sender"] in consumer["senders"],
        }

    def _send(self, *, match, raw, **_):
        invoice = json.loads(raw or b"{}")
        missing = [
            name
            for name in ("messageKey", "consumerId", "amount", "dueDate", "bankgiro", "reference")
            if not invoice.get(name)
        ]
        if missing:
            return 422, {"error": f"missing {', '.join(missing)}"}
        known = self.by_message_key.get(invoice["messageKey"])
        if known:
            return 200, {"invoiceId": known, "duplicate": True}
        invoice_id = f"SE-{len(self.invoices) + 1:08d}"
        self.invoices[invoice_id] = {**invoice, "sender": match["sender"], "status": "RECEIVED"}
        self.by_message_key[invoice["messageKey"]] = invoice_id
        return 201, {"invoiceId": invoice_id}

    def _status(self, *, match, **_):
        invoice = self.invoices.get(match["id"])
        if invoice is None:
            return 404, {"error": "unknown invoice"}
        return 200, {
            "invoiceId": match["id"],
            "status": invoice["status"],
            "reason": invoice.get("reason", ""),
            "paymentReference": invoice["reference"],
        }

    def _registrations(self, *, match, query, **_):
        after = query.get("after", "")
        return 200, {
            "registrations": [m for m in self.feed.get(match["sender"], []) if m["id"] > after]
        }


def intermediary_sandbox_seed(server: SandboxIntermediary) -> int:
    """For the demo: consumers with the e-faktura agreements Folio's registry knows."""
    from folio.registries.models import RegistryEntry
    from folio.registries.services import nordic_account_for

    count = 0
    for entry in RegistryEntry.objects.filter(channel="efaktura_se").select_related(
        "customer__sender"
    ):
        sender_id = nordic_account_for(entry.customer.sender).efaktura_se_sender_id
        ssn = entry.address.removeprefix("EF")
        if len(ssn) == 12 and sender_id:
            server.add_consumer(ssn, senders=[sender_id] if entry.registered else [])
            count += 1
    return count
