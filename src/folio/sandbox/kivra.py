"""A sandbox Kivra sender API on loopback, per `../shared/corpus/kivra-api/swagger.yml`.

- `POST /v1/auth`: OAuth2 client credentials (HTTP Basic), tokens valid `token_lifetime` s;
  `expire_tokens()` revokes every token, as an expiry would;
- `POST /v2/tenant/{key}/usermatch/ssn` and `/companymatch/vatnr`: the listed ids that are
  Kivra users (companies) of that tenant;
- `POST /v2/tenant/{key}/content`: checks what the spec requires (a recipient, subject, type;
  payment options for invoices; a valid OCR for `SE_OCR`), answers 201 with `kivra-objkey`;
  the same payload twice is kept once (the spec's duplicate control);
- `payment_webhook(...)`: a payment event for a content, signed as Standard Webhooks signs it,
  as (headers, body); `webhook_deliver(url, ...)` posts it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import uuid

import httpx
from django.utils import timezone

from folio.channels.kivra_se.ocr import se_ocr_valid
from folio.channels.kivra_se.webhooks import webhook_signature
from folio.sandbox.efaktura_no import JsonSandboxServer


def _public(handler):
    handler.public = True
    return handler


class SandboxKivra(JsonSandboxServer):
    def __init__(
        self,
        *,
        client_id: str = "folio-sandbox",
        client_secret: str = "folio-sandbox-secret",  # noqa: S107 - the sandbox default
        webhook_secret: str = "",
        token_lifetime: int = 28800,
        host: str = "127.0.0.1",
        port: int = 0,
    ):
        super().__init__(host=host, port=port)
        self.client_id = client_id
        self.client_secret = client_secret
        self.webhook_secret = webhook_secret or base64.b64encode(secrets.token_bytes(32)).decode()
        self.token_lifetime = token_lifetime
        self.tokens: dict[str, float] = {}
        self.tokens_issued = 0
        self.users: set[str] = set()
        self.companies: set[str] = set()
        self.contents: dict[str, dict] = {}
        self.payload_hashes: dict[str, str] = {}

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    def authorize(self, headers) -> bool:
        token = headers.get("Authorization", "").removeprefix("Bearer ")
        expires = self.tokens.get(token)
        return expires is not None and expires > time.time()

    def routes(self):
        tenant = r"/v2/tenant/(?P<tenant>[0-9a-zA-Z]+)"
        return [
            ("POST", r"/v1/auth", self._auth),
            ("POST", tenant + r"/usermatch/ssn", self._user_match),
            ("POST", tenant + r"/companymatch/vatnr", self._company_match),
            ("POST", tenant + r"/content", self._content),
        ]

    @_public
    def _auth(self, *, raw, headers, **_):
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            return 401, {"code": 40100, "long_message": "Unauthorized"}
        if b"grant_type=client_credentials" not in raw:
            return 400, {"code": 40000, "long_message": "Unsupported grant type"}
        token = secrets.token_urlsafe(24)
        self.tokens[token] = time.time() + self.token_lifetime
        self.tokens_issued += 1
        return 200, {
            "state": "",
            "access_token": token,
            "expires_in": self.token_lifetime,
            "scope": "kivra.v2.tenant.*",
            "token_type": "bearer",
        }

    def _user_match(self, *, raw, **_):
        asked = json.loads(raw or b"{}").get("list", [])
        return 200, {"list": [ssn for ssn in asked if ssn in self.users]}

    def _company_match(self, *, raw, **_):
        asked = json.loads(raw or b"{}").get("list", [])
        return 200, {"list": [vat for vat in asked if vat in self.companies]}

    def _content(self, *, match, raw, **_):
        try:
            content = json.loads(raw)
        except ValueError:
            return 400, {"code": 40026, "short_message": "JSON payload was not an object"}
        problem = self._content_problem(content)
        if problem:
            return 400, {"code": problem[0], "short_message": problem[1]}
        stable = {k: v for k, v in content.items() if k != "generated_at"}
        digest = hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()
        key = self.payload_hashes.get(digest)
        if key is None:
            key = f"{int(time.time())}{uuid.uuid4().hex}"
            self.payload_hashes[digest] = key
            self.contents[key] = {**content, "tenant": match["tenant"]}
        return 201, {"subject": content["subject"]}, {"kivra-objkey": key}

    def _content_problem(self, content: dict) -> tuple[int, str] | None:
        if not isinstance(content, dict):
            return 40026, "JSON payload was not an object"
        if not (content.get("ssn") or content.get("vat_number") or content.get("email")):
            return 40024, "No Receiver Specified"
        if content.get("ssn") and content["ssn"] not in self.users:
            return 40032, "User doesn't exist"
        if not content.get("subject") or not content.get("type"):
            return 40000, "subject and type are required"
        if content["type"].startswith("invoice"):
            options = content.get("payment_multiple_options") or {}
            if options.get("payable") is not True or not options.get("options"):
                return 40000, "An invoice needs payment_multiple_options"
            for option in options["options"]:
                if option.get("type") == "SE_OCR" and not se_ocr_valid(option.get("reference", "")):
                    return 40044, "Invalid OCR"
        return None

    def payment_webhook(
        self,
        content_key: str,
        *,
        event: str = "settled",
        amount: str | None = None,
        event_id: str | None = None,
        timestamp: int | None = None,
    ) -> tuple[dict[str, str], bytes]:
        content = self.contents[content_key]
        option = content["payment_multiple_options"]["options"][0]
        now = timezone.now()
        payload = {
            "id": event_id or str(uuid.uuid4()),
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "type": "payment_callback",
            "data": {
                "content_key": content_key,
                "due_date": option["due_date"],
                "pay_date": now.date().isoformat(),
                "destination_account_type": (
                    "bankgiro"
                    if content["payment_multiple_options"]["method"] == "1"
                    else "plusgiro"
                ),
                "destination_account": content["payment_multiple_options"]["account"],
                "remittance_type": option["type"],
                "remittance_string": option["reference"],
                "payment_type": "bank",
                "payment_event": event,
                "event_time": now.isoformat().replace("+00:00", "Z"),
                "amount": amount or option["amount"],
                "currency": "SEK",
            },
        }
        body = json.dumps(payload).encode()
        message_id = str(uuid.uuid4())
        sent_at = str(timestamp or int(time.time()))
        headers = {
            "webhook-id": message_id,
            "webhook-timestamp": sent_at,
            "webhook-signature": webhook_signature(
                secret=self.webhook_secret, message_id=message_id, timestamp=sent_at, body=body
            ),
            "Content-Type": "application/json",
        }
        return headers, body

    def webhook_deliver(self, url: str, content_key: str, **kwargs) -> int:
        headers, body = self.payment_webhook(content_key, **kwargs)
        return httpx.post(url, content=body, headers=headers, timeout=10).status_code


def kivra_sandbox_seed(server: SandboxKivra) -> int:
    """For the demo: the Kivra users and companies that Folio's registry knows."""
    from folio.registries.models import RegistryEntry

    count = 0
    for entry in RegistryEntry.objects.filter(channel="kivra_se", registered=True):
        (server.companies if entry.address.startswith("SE") else server.users).add(entry.address)
        count += 1
    return count
