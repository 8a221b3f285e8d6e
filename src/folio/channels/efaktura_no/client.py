"""A client for the eFaktura (Norway) submitter interface, behind an interface.

The operations are those of Nets' eFaktura issuer services: add invoices in a consignment,
consignment and invoice status, cancel an invoice, look a receiver up by national id or
eFaktura identifier, the issuer's blocked list, and the feed of registrations ("I would like
eFaktura from this issuer") and unregistrations. `HttpEfakturaClient` speaks them as JSON
over HTTPS with a bearer token (FOLIO_EFAKTURA_URL, FOLIO_EFAKTURA_TOKEN); a SOAP binding
implements the same `EfakturaClient` protocol.

Errors: unreachable, 5xx and 401 (an expired token is renewed by the operator's gateway) are
temporary; 4xx answers to a consignment are a rejection, permanent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import httpx
from django.conf import settings

from folio.channels.base import TransportError


@dataclass(frozen=True)
class Receiver:
    registered: bool
    efaktura_id: str = ""
    # The receiver has an eFaktura agreement with this issuer (not only with eFaktura at all).
    has_agreement: bool = False


@dataclass(frozen=True)
class ConsignmentStatus:
    consignment_id: str
    status: str  # RECEIVED, PROCESSED, REJECTED, CANCELLED
    invoices: list[dict] = field(default_factory=list)
    reason: str = ""


class EfakturaClient(Protocol):
    def receiver_lookup(
        self, issuer: str, *, national_id: str = "", efaktura_id: str = ""
    ) -> Receiver: ...

    def blocked_list(self, issuer: str) -> set[str]: ...

    def consignment_add(self, issuer: str, consignment_id: str, invoices: list[dict]) -> str: ...

    def consignment_status(self, issuer: str, consignment_id: str) -> ConsignmentStatus: ...

    def invoice_cancel(self, issuer: str, consignment_id: str, invoice_number: str) -> None: ...

    def registrations(self, issuer: str, *, after: str = "") -> list[dict]: ...


class HttpEfakturaClient:
    def __init__(self, base_url: str | None = None, *, token: str | None = None, timeout=20.0):
        self.base_url = (base_url or settings.FOLIO_EFAKTURA_URL).rstrip("/")
        token = settings.FOLIO_EFAKTURA_TOKEN if token is None else token
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
            raise TransportError(f"eFaktura unreachable: {exc}") from exc
        if response.status_code == 401:
            raise TransportError("eFaktura refused our token (401); trying again later.")
        if response.status_code >= 500:
            raise TransportError(f"eFaktura error {response.status_code}")
        return response

    def receiver_lookup(self, issuer: str, *, national_id: str = "", efaktura_id: str = ""):
        response = self._call(
            "POST",
            f"/issuers/{issuer}/receivers/lookup",
            json={"nationalId": national_id, "efakturaIdentifier": efaktura_id},
        )
        if response.status_code == 404:
            return Receiver(registered=False)
        if response.status_code != 200:
            raise TransportError(f"eFaktura lookup answered {response.status_code}")
        data = response.json()
        return Receiver(
            registered=True,
            efaktura_id=str(data.get("efakturaIdentifier", "")),
            has_agreement=bool(data.get("hasAgreement")),
        )

    def blocked_list(self, issuer: str) -> set[str]:
        response = self._call("GET", f"/issuers/{issuer}/blocked")
        if response.status_code != 200:
            raise TransportError(f"eFaktura blocked list answered {response.status_code}")
        return {str(item) for item in response.json().get("efakturaIdentifiers", [])}

    def consignment_add(self, issuer: str, consignment_id: str, invoices: list[dict]) -> str:
        response = self._call(
            "POST",
            f"/issuers/{issuer}/consignments",
            json={"consignmentId": consignment_id, "invoices": invoices},
        )
        if 400 <= response.status_code < 500:
            raise TransportError(
                f"eFaktura rejected the consignment ({response.status_code}): "
                f"{response.text[:300]}",
                permanent=True,
            )
        return str(response.json().get("status", "RECEIVED"))

    def consignment_status(self, issuer: str, consignment_id: str) -> ConsignmentStatus:
        response = self._call("GET", f"/issuers/{issuer}/consignments/{consignment_id}")
        if response.status_code == 404:
            return ConsignmentStatus(consignment_id, "UNKNOWN")
        if response.status_code != 200:
            raise TransportError(f"eFaktura status answered {response.status_code}")
        data = response.json()
        return ConsignmentStatus(
            consignment_id=consignment_id,
            status=str(data.get("status", "")),
            invoices=list(data.get("invoices", [])),
            reason=str(data.get("reason", "")),
        )

    def invoice_cancel(self, issuer: str, consignment_id: str, invoice_number: str) -> None:
        response = self._call(
            "POST",
            f"/issuers/{issuer}/consignments/{consignment_id}/invoices/{invoice_number}/cancel",
        )
        if response.status_code not in (200, 204):
            raise TransportError(
                f"eFaktura did not cancel the invoice ({response.status_code})",
                permanent=400 <= response.status_code < 500,
            )

    def registrations(self, issuer: str, *, after: str = "") -> list[dict]:
        response = self._call("GET", f"/issuers/{issuer}/registrations", params={"after": after})
        if response.status_code != 200:
            raise TransportError(f"eFaktura registrations answered {response.status_code}")
        return list(response.json().get("registrations", []))


def efaktura_client() -> EfakturaClient:
    return HttpEfakturaClient()
