"""Standard Webhooks signatures (https://www.standardwebhooks.com/) and secrets at rest.

A secret is `whsec_` + base64 of 32 random bytes. The signature of a message is
`v1,` + base64(HMAC-SHA256(secret bytes, f"{webhook-id}.{webhook-timestamp}.{body}")); several
signatures (during a secret rotation) are separated by spaces in `webhook-signature`.

Folio must sign with the secret, so it keeps it, encrypted with Fernet under a key derived from
FOLIO_WEBHOOK_SECRET_KEY (or FOLIO_SECRET_KEY when that is empty).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)
SECRET_BYTES = 32
SIGNATURE_VERSION = "v1"
# A receiver should refuse messages whose timestamp is further than this from its clock.
TIMESTAMP_TOLERANCE_SECONDS = 5 * 60


def secret_generate() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _secret_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_secret_bytes(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(
    *, secrets_in_use: list[str], message_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three Standard Webhooks headers, signed with every secret in use."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body)
            for secret in secrets_in_use
        ),
    }


def signature_verify(
    *, secret: str, headers: dict[str, str], body: bytes, now: int, tolerance: int = 300
) -> bool:
    """What a receiver does (the README shows the same steps): recompute, compare in constant
    time against each signature given, and refuse a stale or future timestamp."""
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        message_id = lowered["webhook-id"]
        timestamp = int(lowered["webhook-timestamp"])
        given = lowered["webhook-signature"].split()
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in given)


def _fernet() -> Fernet:
    material = settings.FOLIO_WEBHOOK_SECRET_KEY or settings.SECRET_KEY
    key = hashlib.sha256(b"folio.webhooks.secret:" + material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise RuntimeError(
            "A webhook secret cannot be decrypted: FOLIO_WEBHOOK_SECRET_KEY (or FOLIO_SECRET_KEY) "
            "changed since it was stored. Rotate the endpoint's secret."
        ) from exc
