"""A client for Kivra's sender API (`../shared/corpus/kivra-api/swagger.yml`).

OAuth2 client credentials at `/v1/auth` (HTTP Basic with the client id and secret; the token
lives eight hours). The token is kept for its lifetime and fetched again when it expires or
when Kivra answers 401 (an expired or revoked token), once per call.
Operations: user match by SSN (`/v2/tenant/{key}/usermatch/ssn`), company match by VAT number
(`/v2/tenant/{key}/companymatch/vatnr`), send content (`POST /v2/tenant/{key}/content`).
"""

from __future__ import annotations

import threading
import time

import httpx
from django.conf import settings

from folio.channels.base import TransportError


class KivraClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        timeout: float = 30.0,
    ):
        self.base_url = (base_url or settings.FOLIO_KIVRA_URL).rstrip("/")
        self.client_id = client_id or settings.FOLIO_KIVRA_CLIENT_ID
        self.client_secret = client_secret or settings.FOLIO_KIVRA_CLIENT_SECRET
        self.timeout = timeout
        self._token = ""
        self._token_until = 0.0
        self._lock = threading.Lock()

    def _fetch_token(self) -> str:
        try:
            response = httpx.post(
                f"{self.base_url}/v1/auth",
                data={"grant_type": "client_credentials"},
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout,
                follow_redirects=False,
            )
        except httpx.HTTPError as exc:
            raise TransportError(f"Kivra unreachable: {exc}") from exc
        if response.status_code in (400, 401, 403):
            raise TransportError(
                f"Kivra refused our client credentials ({response.status_code})", permanent=True
            )
        if response.status_code != 200:
            raise TransportError(f"Kivra authentication error {response.status_code}")
        data = response.json()
        self._token = str(data["access_token"])
        # Renew a minute early, so that a token never expires in the middle of a call.
        self._token_until = time.monotonic() + int(data.get("expires_in", 28800)) - 60
        return self._token

    def _token_now(self, *, renew: bool = False) -> str:
        with self._lock:
            if renew or not self._token or time.monotonic() >= self._token_until:
                return self._fetch_token()
            return self._token

    def _call(self, method: str, path: str, **kwargs) -> httpx.Response:
        for renew in (False, True):
            token = self._token_now(renew=renew)
            try:
                response = httpx.request(
                    method,
                    f"{self.base_url}{path}",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=self.timeout,
                    follow_redirects=False,
                    **kwargs,
                )
            except httpx.HTTPError as exc:
                raise TransportError(f"Kivra unreachable: {exc}") from exc
            if response.status_code != 401:
                break
        if response.status_code == 401:
            raise TransportError("Kivra refused a fresh token (401).")
        if response.status_code >= 500 or response.status_code == 429:
            raise TransportError(f"Kivra error {response.status_code}")
        return response

    def user_match(self, tenant_key: str, ssns: list[str]) -> set[str]:
        response = self._call("POST", f"/v2/tenant/{tenant_key}/usermatch/ssn", json={"list": ssns})
        if response.status_code != 200:
            raise TransportError(f"Kivra user match answered {response.status_code}")
        return set(response.json().get("list", []))

    def company_match(self, tenant_key: str, vat_numbers: list[str]) -> set[str]:
        response = self._call(
            "POST", f"/v2/tenant/{tenant_key}/companymatch/vatnr", json={"list": vat_numbers}
        )
        if response.status_code != 200:
            raise TransportError(f"Kivra company match answered {response.status_code}")
        return set(response.json().get("list", []))

    def content_send(self, tenant_key: str, content: dict) -> str:
        """Send one content; returns Kivra's key for it (the `kivra-objkey` header)."""
        response = self._call("POST", f"/v2/tenant/{tenant_key}/content", json=content)
        if 400 <= response.status_code < 500:
            raise TransportError(
                f"Kivra refused the content ({response.status_code}): {response.text[:300]}",
                permanent=True,
            )
        if response.status_code not in (200, 201):
            raise TransportError(f"Kivra content answered {response.status_code}")
        return response.headers.get("kivra-objkey", "")


_shared: KivraClient | None = None


def kivra_client() -> KivraClient:
    """One client per process, so that its token is reused across sends."""
    global _shared
    if _shared is None or _shared.base_url != settings.FOLIO_KIVRA_URL.rstrip("/"):
        _shared = KivraClient()
    return _shared
