"""Handing envelopes to a Peppol access point, and taking what it received for us.

Two transports with one interface (FOLIO_PEPPOL_TRANSPORT):
- `http`: an access point API in the style of phase4's `/sendsbdh` (POST the SBDH; 2xx sent,
  4xx refused for good, 5xx try again), with `/inbox` listing received envelopes and AS4
  receipts, each acknowledged with DELETE `/inbox/<id>` once stored;
- `folder`: files, as Oxalis-style access points exchange them: envelopes written to the
  outbox as `<instance id>.xml`, received envelopes read from the inbox.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
from django.conf import settings

from folio.channels.base import TransportError


@dataclass(frozen=True)
class Incoming:
    id: str
    kind: str  # "sbdh" (a received envelope) or "receipt" (an AS4 receipt for our message)
    content: bytes
    reference: str = ""  # for receipts: the instance identifier it confirms


class AccessPoint(Protocol):
    def submit(self, *, envelope: bytes, instance_identifier: str) -> str: ...

    def incoming(self) -> list[Incoming]: ...

    def acknowledge(self, item: Incoming) -> None: ...


class HttpAccessPoint:
    def __init__(self, base_url: str | None = None, *, token: str | None = None, timeout=30.0):
        self.base_url = (base_url or settings.FOLIO_PEPPOL_AP_URL).rstrip("/")
        token = settings.FOLIO_PEPPOL_AP_TOKEN if token is None else token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.timeout = timeout

    def submit(self, *, envelope: bytes, instance_identifier: str) -> str:
        try:
            response = httpx.post(
                f"{self.base_url}/sendsbdh",
                content=envelope,
                headers={**self.headers, "Content-Type": "application/xml"},
                timeout=self.timeout,
                follow_redirects=False,
            )
        except httpx.HTTPError as exc:
            raise TransportError(f"Access point unreachable: {exc}") from exc
        if 400 <= response.status_code < 500:
            raise TransportError(
                f"Access point refused the message ({response.status_code}): {response.text[:300]}",
                permanent=True,
            )
        if response.status_code >= 300:
            raise TransportError(f"Access point error {response.status_code}")
        return response.text[:1000]

    def incoming(self) -> list[Incoming]:
        try:
            response = httpx.get(
                f"{self.base_url}/inbox", headers=self.headers, timeout=self.timeout
            )
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise TransportError(f"Access point inbox unreachable: {exc}") from exc
        return [
            Incoming(
                id=str(item["id"]),
                kind=item["kind"],
                content=item.get("content", "").encode(),
                reference=item.get("reference", ""),
            )
            for item in response.json()
        ]

    def acknowledge(self, item: Incoming) -> None:
        try:
            httpx.delete(
                f"{self.base_url}/inbox/{item.id}", headers=self.headers, timeout=self.timeout
            ).raise_for_status()
        except httpx.HTTPError as exc:
            raise TransportError(f"Access point did not take the acknowledgement: {exc}") from exc


class FolderAccessPoint:
    def __init__(self, outbox: Path | None = None, inbox: Path | None = None):
        self.outbox = Path(outbox or settings.FOLIO_PEPPOL_OUTBOX_DIR)
        self.inbox = Path(inbox or settings.FOLIO_PEPPOL_INBOX_DIR)

    def submit(self, *, envelope: bytes, instance_identifier: str) -> str:
        self.outbox.mkdir(parents=True, exist_ok=True)
        target = self.outbox / f"{instance_identifier}.xml"
        temporary = self.outbox / f".{instance_identifier}.xml.part"
        temporary.write_bytes(envelope)
        # The same instance id twice is one file: a resend replaces, never duplicates.
        os.replace(temporary, target)
        return f"written to {target}"

    def incoming(self) -> list[Incoming]:
        if not self.inbox.is_dir():
            return []
        return [
            Incoming(id=path.name, kind="sbdh", content=path.read_bytes())
            for path in sorted(self.inbox.glob("*.xml"))
        ]

    def acknowledge(self, item: Incoming) -> None:
        done = self.inbox / "processed"
        done.mkdir(exist_ok=True)
        os.replace(self.inbox / item.id, done / item.id)


def access_point() -> AccessPoint:
    if settings.FOLIO_PEPPOL_TRANSPORT == "folder":
        return FolderAccessPoint()
    return HttpAccessPoint()
