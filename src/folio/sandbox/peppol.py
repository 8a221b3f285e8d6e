"""A sandbox Peppol access point and SMP on loopback, for the demo and the tests.

- `GET /smp/iso6523-actorid-upis::<id>`: a ServiceGroup for registered participants, else 404;
- `POST /sendsbdh`: checks the envelope (400 with the reasons when it breaks the rules, 400 for
  an unregistered receiver), keeps it, drops a second copy of the same instance id, and queues
  an AS4 receipt and, per the receiver's setting, an Invoice Response (e.g. AP, RE, UQ, PD);
- `GET /inbox` and `DELETE /inbox/<id>`: what waits for Folio, and its acknowledgement;
- `POST /sandbox/inbound`: queue an envelope for Folio as if another access point sent it.

Participants come from the constructor (or `participants.json` in the folder):
`{"0192:974760673": {"response": "AP"}}`.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

from django.utils import timezone
from lxml import etree

from folio.channels.peppol.sbdh import SbdhError, sbdh_build, sbdh_read
from folio.channels.peppol.transport import BILLING_CREDIT_NOTE, BILLING_INVOICE
from folio.sandbox.smtp import free_port

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"


def invoice_response_build(*, sender: str, receiver: str, invoice_number: str, code: str) -> bytes:
    """A Peppol BIS Invoice Response 3.0 answering one invoice."""
    root = etree.Element(
        f"{{{RESPONSE_NS}}}ApplicationResponse", nsmap={None: RESPONSE_NS, "cac": CAC, "cbc": CBC}
    )

    def cbc(parent, name, text, **attributes):
        element = etree.SubElement(parent, f"{{{CBC}}}{name}", **attributes)
        element.text = text
        return element

    def cac(parent, name):
        return etree.SubElement(parent, f"{{{CAC}}}{name}")

    cbc(root, "CustomizationID", "urn:fdc:peppol.eu:poacc:trns:invoice_response:3")
    cbc(root, "ProfileID", "urn:fdc:peppol.eu:poacc:bis:invoice_response:3")
    cbc(root, "ID", str(uuid.uuid4()))
    cbc(root, "IssueDate", timezone.localdate().isoformat())
    for role, participant in (("SenderParty", sender), ("ReceiverParty", receiver)):
        party = cac(root, role)
        scheme, _colon, value = participant.partition(":")
        cbc(party, "EndpointID", value, schemeID=scheme)
        legal = cac(party, "PartyLegalEntity")
        cbc(legal, "RegistrationName", participant)
    response = cac(root, "DocumentResponse")
    answer = cac(response, "Response")
    cbc(answer, "ResponseCode", code)
    reference = cac(response, "DocumentReference")
    cbc(reference, "ID", invoice_number)
    cbc(reference, "DocumentTypeCode", "380")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class SandboxAccessPoint:
    def __init__(self, folder: Path, *, participants: dict | None = None, host="127.0.0.1", port=0):
        self.folder = folder
        self.received_dir = folder / "received"
        self.received_dir.mkdir(parents=True, exist_ok=True)
        config = folder / "participants.json"
        if participants is None and config.exists():
            participants = json.loads(config.read_text())
        self.participants: dict[str, dict] = dict(participants or {})
        self.inbox: dict[str, dict] = {}
        self.duplicates: list[str] = []
        self.smp_requests = 0  # ServiceGroup requests answered (found or not)
        self.lock = threading.Lock()
        self.host = host
        self.port = port or free_port(host)
        self.server = ThreadingHTTPServer((host, self.port), self._handler_class())
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SandboxAccessPoint:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def received(self) -> list[Path]:
        return sorted(self.received_dir.glob("*.xml"))

    def queue(self, kind: str, content: bytes = b"", reference: str = "") -> str:
        item_id = uuid.uuid4().hex
        with self.lock:
            self.inbox[item_id] = {
                "id": item_id,
                "kind": kind,
                "content": content.decode(),
                "reference": reference,
            }
        return item_id

    def _accept(self, body: bytes) -> tuple[int, dict]:
        try:
            envelope = sbdh_read(body)
        except SbdhError as exc:
            return 400, {"success": False, "errors": exc.problems}
        receiver = self.participants.get(envelope.receiver)
        if receiver is None:
            return 400, {"success": False, "errors": [f"{envelope.receiver} is not registered"]}
        target = self.received_dir / f"{envelope.instance_identifier}.xml"
        with self.lock:
            if target.exists():
                self.duplicates.append(envelope.instance_identifier)
                return 200, {"success": True, "duplicate": True}
            target.write_bytes(body)
        self.queue("receipt", reference=envelope.instance_identifier)
        code = receiver.get("response")
        if code and envelope.type in ("Invoice", "CreditNote"):
            number = envelope.business_message.findtext(f"{{{CBC}}}ID") or ""
            response = invoice_response_build(
                sender=envelope.receiver, receiver=envelope.sender, invoice_number=number, code=code
            )
            self.queue(
                "sbdh",
                sbdh_build(
                    payload=response,
                    sender=envelope.receiver,
                    receiver=envelope.sender,
                    country_c1=receiver.get("country", "NO"),
                ),
            )
        return 200, {"success": True, "messageId": f"{uuid.uuid4()}@sandbox-ap"}

    def _service_group(self, participant: str) -> bytes | None:
        if participant not in self.participants:
            return None
        base = f"{self.url}/smp/{quote('iso6523-actorid-upis::' + participant, safe='')}"
        references = "".join(
            f'<ServiceMetadataReference href="{base}/services/'
            f'{quote("busdox-docid-qns::" + doctype, safe="")}"/>'
            for doctype in (BILLING_INVOICE, BILLING_CREDIT_NOTE)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<ServiceGroup xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" '
            'xmlns:id="http://busdox.org/transport/identifiers/1.0/">'
            f'<id:ParticipantIdentifier scheme="iso6523-actorid-upis">{participant}'
            "</id:ParticipantIdentifier>"
            f"<ServiceMetadataReferenceCollection>{references}"
            "</ServiceMetadataReferenceCollection></ServiceGroup>"
        ).encode()

    def _handler_class(self):
        access_point = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet in tests
                pass

            def _reply(self, status: int, body: bytes, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, data) -> None:
                self._reply(status, json.dumps(data).encode())

            def do_GET(self):
                if self.path == "/inbox":
                    with access_point.lock:
                        items = list(access_point.inbox.values())
                    return self._json(200, items)
                if self.path.startswith("/smp/"):
                    with access_point.lock:
                        access_point.smp_requests += 1
                    name = unquote(self.path[len("/smp/") :]).removeprefix("iso6523-actorid-upis::")
                    group = access_point._service_group(name)
                    if group is None:
                        return self._json(404, {"error": "not registered"})
                    return self._reply(200, group, "application/xml")
                return self._json(404, {"error": "not found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.path == "/sendsbdh":
                    status, data = access_point._accept(body)
                    return self._json(status, data)
                if self.path == "/sandbox/inbound":
                    return self._json(200, {"id": access_point.queue("sbdh", body)})
                return self._json(404, {"error": "not found"})

            def do_DELETE(self):
                if self.path.startswith("/inbox/"):
                    with access_point.lock:
                        access_point.inbox.pop(self.path[len("/inbox/") :], None)
                    return self._json(200, {"ok": True})
                return self._json(404, {"error": "not found"})

        return Handler
