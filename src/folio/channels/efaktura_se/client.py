"""Swedish bank e-faktura through an intermediary (the bank e-invoice operators that connect
senders to every Swedish internet bank), behind one interface.

`HttpIntermediaryClient` speaks JSON over HTTPS with a bearer token (FOLIO_EFAKTURA_SE_URL,
FOLIO_EFAKTURA_SE_TOKEN): consumer lookup (does this personal identity number have an
e-faktura agreement with the sender?), send an invoice, its status, and the feed of consumer
registrations and unregistrations made in the banks.
"""

from __future__ import annotations

from typing import Protocol

import httpx
from django.conf import settings

from folio.channels.base import TransportError


class IntermediaryClient(Protocol):
    def consumer_lookup(self, sender_id: str, ssn: str) -> dict | None: ...

    def invoice_send(self, sender_id: str, invoice: dict) -> str: ...

    def invoice_status(self, sender_id: str, invoice_id: str) -> dict: ...

    def registrations(self, sender_id: str, *, after: str = "") -> list[dict]: ...


class HttpIntermediaryClient:
    def __init__(self, base_url: str | None = None, *, token: str | None = None, timeout=20.0):
        self.base_url = (base_url or settings.FOLIO_EFAKTURA_SE_URL).rstrip("/")
        token = settings.FOLIO_EFAKTURA_SE_TOKEN if token is None else token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.timeout = timeout

    def _call(self, method: str, path: str, **kwargs) -> httpx.Response:
        try:
            response = httpx.request(
                method,
                f"{self.base_url}{path}",
                headers=self.headers,
                timeout=self.timeout,
                follow_redirects=False,
                **kwargs,
            )
        except httpx.HTTPError as exc:
            raise TransportError(f"e-faktura intermediary unreachable: {exc}") from exc
        if response.status_code == 401 or response.status_code >= 500:
            raise TransportError(f"e-faktura intermediary error {response.status_code}")
        return response

    def consumer_lookup(self, sender_id: str, ssn: str) -> dict | None:
        response = self._call("GET", f"/senders/{sender_id}/consumers/{ssn}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise TransportError(f"e-faktura lookup answered {response.status_code}")
        return response.json()

    def invoice_send(self, sender_id: str, invoice: dict) -> str:
        response = self._call("POST", f"/senders/{sender_id}/invoices", json=invoice)
        if 400 <= response.status_code < 500:
            raise TransportError(
                f"The intermediary refused the e-invoice ({response.status_code}): "
                f"{response.text[:300]}",
                permanent=True,
            )
        return str(response.json()["invoiceId"])

    def invoice_status(self, sender_id: str, invoice_id: str) -> dict:
        response = self._call("GET", f"/senders/{sender_id}/invoices/{invoice_id}")
        if response.status_code != 200:
            raise TransportError(f"e-faktura status answered {response.status_code}")
        return response.json()

    def registrations(self, sender_id: str, *, after: str = "") -> list[dict]:
        response = self._call("GET", f"/senders/{sender_id}/registrations", params={"after": after})
        if response.status_code != 200:
            raise TransportError(f"e-faktura registrations answered {response.status_code}")
        return list(response.json().get("registrations", []))


def intermediary_client() -> IntermediaryClient:
    return HttpIntermediaryClient()
