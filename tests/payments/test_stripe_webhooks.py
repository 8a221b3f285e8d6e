"""Stripe webhooks through the real endpoint, signed with Stripe's documented scheme
(HMAC-SHA256 over "<timestamp>.<raw body>" with the endpoint secret, header
`Stripe-Signature: t=<ts>,v1=<hex>`): bad signatures, stale timestamps, replays and reordering
leave the ledger and the invoices right."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest

from folio.documents.models import DocumentEvent, EventKind, PaymentStatus
from folio.payments.models import LedgerEntry, Payment, PaymentAllocation, ProviderCode
from folio.payments.models import PaymentStatus as CheckoutStatus
from tests.factories import DocumentFactory

SECRET = "whsec_test_folio"
URL = "/payments/webhooks/stripe/"


@pytest.fixture(autouse=True)
def _stripe_secret(settings):
    settings.FOLIO_STRIPE_WEBHOOK_SECRET = SECRET


def _signed(body: bytes, *, secret: str = SECRET, at: int | None = None) -> str:
    stamp = int(time.time()) if at is None else at
    signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={signature}"


def _post(client, event: dict, **sign):
    body = json.dumps(event).encode()
    return client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=_signed(body, **sign)
    )


@pytest.fixture
def payment(db, consumer_recipient):
    invoice = DocumentFactory(customer=consumer_recipient.customer, status="sent", line_count=2)
    payment = Payment.objects.create(
        sender=invoice.organization,
        customer=invoice.customer,
        provider=ProviderCode.STRIPE,
        status=CheckoutStatus.PENDING,
        amount=invoice.amount_open,
        currency=invoice.currency,
        provider_reference="cs_test_1",
        idempotency_key="folio-test-1",
    )
    PaymentAllocation.objects.create(payment=payment, document=invoice, amount=invoice.amount_open)
    return payment


def _completed(payment, event_id="evt_paid", amount=None):
    cents = int((amount if amount is not None else payment.amount) * 100)
    return {
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": payment.provider_reference,
                "object": "checkout.session",
                "payment_status": "paid",
                "amount_total": cents,
                "payment_intent": "pi_test_1",
                "metadata": {"folio_payment": str(payment.code)},
            }
        },
    }


def _refunded(payment, event_id, refunded: Decimal):
    return {
        "id": event_id,
        "object": "event",
        "type": "charge.refunded",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": "ch_test_1",
                "object": "charge",
                "amount_refunded": int(refunded * 100),
                "payment_intent": "pi_test_1",
                "metadata": {"folio_payment": str(payment.code)},
            }
        },
    }


def _invoice(payment):
    allocation = payment.allocations.select_related("document").get()
    allocation.document.refresh_from_db()
    return allocation.document


def test_a_paid_checkout_pays_the_invoice_once_even_when_replayed(client, payment):
    first = _post(client, _completed(payment))
    replay = _post(client, _completed(payment))
    assert first.status_code == 200 and first.json()["outcome"] == "paid"
    assert replay.status_code == 200 and replay.json()["outcome"] == "duplicate"
    invoice = _invoice(payment)
    assert invoice.payment_status == PaymentStatus.PAID
    assert invoice.amount_paid == payment.amount
    assert DocumentEvent.objects.filter(document=invoice, kind=EventKind.PAYMENT).count() == 1
    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.SUCCEEDED


def test_the_same_payment_under_a_new_event_id_counts_once(client, payment):
    _post(client, _completed(payment, "evt_a"))
    _post(client, _completed(payment, "evt_b"))
    assert _invoice(payment).amount_paid == payment.amount
    assert LedgerEntry.objects.filter(payment=payment).count() == 1


def test_bad_signature_and_stale_timestamp_are_refused_and_change_nothing(client, payment):
    wrong = _post(client, _completed(payment), secret="whsec_other")
    stale = _post(client, _completed(payment), at=int(time.time()) - 3600)
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_signature"
    assert stale.status_code == 400
    invoice = _invoice(payment)
    assert invoice.amount_paid == 0 and invoice.payment_status == PaymentStatus.UNPAID
    assert not LedgerEntry.objects.exists()


def test_refund_before_payment_ends_where_the_psp_ends(client, payment):
    """Out of order: a partial refund arrives before the payment it refunds."""
    refund = Decimal("100.00")
    assert _post(client, _refunded(payment, "evt_refund", refund)).json()["outcome"] == "refunded"
    assert _invoice(payment).amount_paid == 0
    _post(client, _completed(payment, "evt_paid"))
    invoice = _invoice(payment)
    assert invoice.amount_paid == payment.amount - refund
    assert invoice.payment_status == PaymentStatus.PARTLY_PAID
    # A replayed older cumulative refund figure lowers nothing.
    _post(client, _refunded(payment, "evt_refund_old", Decimal("50.00")))
    assert _invoice(payment).amount_paid == payment.amount - refund


def test_a_late_expiry_does_not_undo_a_payment(client, payment):
    _post(client, _completed(payment))
    expired = {
        "id": "evt_expired",
        "type": "checkout.session.expired",
        "created": int(time.time()) - 10,
        "data": {
            "object": {
                "id": payment.provider_reference,
                "metadata": {"folio_payment": str(payment.code)},
            }
        },
    }
    assert _post(client, expired).json()["outcome"] == "stale"
    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.SUCCEEDED
    assert _invoice(payment).payment_status == PaymentStatus.PAID


def test_checkout_creation_sends_an_idempotency_key_to_stripe(settings, monkeypatch, payment):
    """The Stripe adapter calls the SDK's Checkout Sessions with the payment's own key."""
    import stripe

    from folio.payments.providers import StripeProvider

    settings.FOLIO_STRIPE_SECRET_KEY = "sk_test_folio"
    seen = {}

    class FakeHttp(stripe.HTTPClient):
        name = "fake"

        def request(self, method, url, headers, post_data=None):
            seen.update(method=method, url=url, headers=headers, body=post_data)
            body = {"id": "cs_test_new", "object": "checkout.session", "url": "https://pay/x"}
            return json.dumps(body), 200, {}

        def close(self):
            return None

    monkeypatch.setattr(
        StripeProvider,
        "_client",
        lambda self: stripe.StripeClient("sk_test_folio", http_client=FakeHttp()),
    )
    checkout = StripeProvider().checkout_create(
        payment=payment, description="Invoice", success_url="http://x/", cancel_url="http://x/"
    )
    assert checkout.reference == "cs_test_new" and checkout.url == "https://pay/x"
    assert seen["url"].endswith("/v1/checkout/sessions")
    assert seen["headers"]["Idempotency-Key"] == payment.idempotency_key
    body = seen["body"].decode() if isinstance(seen["body"], bytes) else seen["body"]
    assert "folio_payment" in body and str(payment.code) in body
