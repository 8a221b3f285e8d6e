"""Signatures match the Standard Webhooks specification, and the README's receiver works."""

from __future__ import annotations

import re
import time
from pathlib import Path

from folio.webhooks.signing import (
    secret_decrypt,
    secret_encrypt,
    secret_generate,
    signature,
    signature_verify,
    signed_headers,
)

# The test vector published with the Standard Webhooks specification.
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_BODY = b'{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signature_matches_the_specifications_test_vector():
    assert (
        signature(
            secret=VECTOR_SECRET,
            message_id=VECTOR_ID,
            timestamp=VECTOR_TIMESTAMP,
            body=VECTOR_BODY,
        )
        == VECTOR_SIGNATURE
    )


def test_verification_refuses_changed_bodies_and_stale_timestamps():
    headers = {
        "webhook-id": VECTOR_ID,
        "webhook-timestamp": str(VECTOR_TIMESTAMP),
        "webhook-signature": f"v1,bm90IGl0 {VECTOR_SIGNATURE}",
    }
    now = VECTOR_TIMESTAMP + 10
    assert signature_verify(secret=VECTOR_SECRET, headers=headers, body=VECTOR_BODY, now=now)
    assert not signature_verify(secret=VECTOR_SECRET, headers=headers, body=b'{"test": 1}', now=now)
    assert not signature_verify(
        secret=VECTOR_SECRET, headers=headers, body=VECTOR_BODY, now=VECTOR_TIMESTAMP + 301
    )
    assert not signature_verify(secret=VECTOR_SECRET, headers={}, body=VECTOR_BODY, now=now)


def test_secrets_are_random_and_encrypted_at_rest():
    first, second = secret_generate(), secret_generate()
    assert first != second and first.startswith("whsec_")
    stored = secret_encrypt(first)
    assert first not in stored
    assert secret_decrypt(stored) == first


def test_the_readme_receiver_example_verifies_what_folio_sends():
    readme = Path(__file__).resolve().parents[2] / "README.md"
    section = readme.read_text().split("## Webhooks", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (our own README's example, run to keep it true)
    secret = secret_generate()
    body = b'{"type":"document.accepted"}'
    headers = signed_headers(
        secrets_in_use=[secret], message_id="msg_1", timestamp=int(time.time()), body=body
    )
    assert namespace["verify"](secret, headers, body)
    assert not namespace["verify"](secret_generate(), headers, body)
    assert not namespace["verify"](secret, headers, body + b" ")
