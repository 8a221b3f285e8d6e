"""PSP adapters: start a checkout at the provider, and read its signed webhook events.

Every adapter turns the PSP's events into `ProviderEvent`s that the payments service applies;
the service, not the adapter, keeps the ledger right under replays and reordering.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError
from folio.payments.models import Payment, ProviderCode


class WebhookRejected(ApplicationError):
    status = 400


@dataclass(frozen=True)
class Checkout:
    reference: str
    url: str


@dataclass(frozen=True)
class ProviderEvent:
    """A PSP event in Folio's terms.

    kind: "paid" (amount = the charge's captured total), "refunded" (amount = the charge's
    cumulative refunded total), "expired" or "failed", or "ignored".
    """

    event_id: str
    event_type: str
    created_at: datetime.datetime
    kind: str
    payment_code: str = ""
    checkout_reference: str = ""
    external_id: str = ""
    amount: Decimal = Decimal("0")
    extra: dict = field(default_factory=dict)


class PaymentProvider(Protocol):
    code: str

    def checkout_create(
        self, *, payment: Payment, description: str, success_url: str, cancel_url: str
    ) -> Checkout: ...

    def webhook_parse(self, *, body: bytes, headers: dict) -> ProviderEvent: ...


def _minor_units(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _from_minor_units(value: int | None) -> Decimal:
    return (Decimal(value or 0) / 100).quantize(Decimal("0.01"))


class SandboxProvider:
    """Folio's own stand-in PSP: a hosted payment page on this site, no network."""

    code = ProviderCode.SANDBOX

    def checkout_create(
        self, *, payment: Payment, description: str, success_url: str, cancel_url: str
    ) -> Checkout:
        reference = f"sbx_cs_{secrets.token_hex(12)}"
        url = reverse("payments:sandbox_checkout", kwargs={"code": payment.code})
        return Checkout(reference=reference, url=url)

    def webhook_parse(self, *, body: bytes, headers: dict) -> ProviderEvent:
        # The sandbox reports in-process (payments.services.sandbox_checkout_complete).
        raise WebhookRejected("no_webhooks", _("The sandbox provider sends no webhooks."))


class StripeProvider:
    """Stripe Checkout Sessions through the official SDK."""

    code = ProviderCode.STRIPE

    def _client(self):
        import stripe

        if not settings.FOLIO_STRIPE_SECRET_KEY:
            raise ApplicationError(
                "provider_not_configured", _("Online payment is not set up for this sender.")
            )
        return stripe.StripeClient(settings.FOLIO_STRIPE_SECRET_KEY)

    def checkout_create(
        self, *, payment: Payment, description: str, success_url: str, cancel_url: str
    ) -> Checkout:
        import stripe

        metadata = {"folio_payment": str(payment.code)}
        try:
            session = self._client().v1.checkout.sessions.create(
                params={
                    "mode": "payment",
                    "client_reference_id": str(payment.code),
                    "line_items": [
                        {
                            "quantity": 1,
                            "price_data": {
                                "currency": payment.currency.lower(),
                                "unit_amount": _minor_units(payment.amount),
                                "product_data": {"name": description[:250]},
                            },
                        }
                    ],
                    "metadata": metadata,
                    "payment_intent_data": {"metadata": metadata},
                    "success_url": success_url,
                    "cancel_url": cancel_url,
                },
                # A retried start reuses the same session instead of opening a second one.
                options={"idempotency_key": payment.idempotency_key},
            )
        except stripe.StripeError as exc:
            raise ApplicationError(
                "provider_error", _("The payment provider did not answer. Please try again.")
            ) from exc
        return Checkout(reference=session.id, url=session.url)

    def webhook_parse(self, *, body: bytes, headers: dict) -> ProviderEvent:
        """Verify the Stripe-Signature header on the raw body (stale timestamps fail too)."""
        import stripe

        secret = settings.FOLIO_STRIPE_WEBHOOK_SECRET
        if not secret:
            raise WebhookRejected("not_configured", _("Stripe webhooks are not set up."))
        try:
            event = stripe.Webhook.construct_event(
                body,
                headers.get("Stripe-Signature", ""),
                secret,
                tolerance=settings.FOLIO_STRIPE_WEBHOOK_TOLERANCE,
            )
        except ValueError as exc:
            raise WebhookRejected("invalid_payload", _("The event is not valid JSON.")) from exc
        except stripe.SignatureVerificationError as exc:
            raise WebhookRejected(
                "invalid_signature", _("The signature is wrong or too old.")
            ) from exc
        return stripe_event_read(event.to_dict())


def stripe_event_read(event: dict) -> ProviderEvent:
    """The Folio meaning of a (verified) Stripe event."""
    created = datetime.datetime.fromtimestamp(int(event.get("created", 0)), tz=datetime.UTC)
    event_type = str(event.get("type", ""))
    obj = (event.get("data") or {}).get("object") or {}
    metadata = obj.get("metadata") or {}
    common = {
        "event_id": str(event.get("id", "")),
        "event_type": event_type,
        "created_at": created,
        "payment_code": str(metadata.get("folio_payment", "")),
    }
    if event_type in {"checkout.session.completed", "checkout.session.async_payment_succeeded"}:
        if obj.get("payment_status") != "paid":
            return ProviderEvent(kind="ignored", **common)
        return ProviderEvent(
            kind="paid",
            checkout_reference=str(obj.get("id", "")),
            external_id=str(obj.get("payment_intent") or obj.get("id", "")),
            amount=_from_minor_units(obj.get("amount_total")),
            **common,
        )
    if event_type == "checkout.session.expired":
        return ProviderEvent(kind="expired", checkout_reference=str(obj.get("id", "")), **common)
    if event_type == "checkout.session.async_payment_failed":
        return ProviderEvent(kind="failed", checkout_reference=str(obj.get("id", "")), **common)
    if event_type == "charge.refunded":
        return ProviderEvent(
            kind="refunded",
            # Keyed by the PaymentIntent, like the payment, so both meet on one ledger.
            external_id=str(obj.get("payment_intent") or obj.get("id", "")),
            amount=_from_minor_units(obj.get("amount_refunded")),
            **common,
        )
    return ProviderEvent(kind="ignored", **common)


PROVIDERS: dict[str, PaymentProvider] = {
    ProviderCode.SANDBOX: SandboxProvider(),
    ProviderCode.STRIPE: StripeProvider(),
}


def provider_get(code: str) -> PaymentProvider:
    try:
        return PROVIDERS[code]
    except KeyError as exc:
        raise ApplicationError("unknown_provider", _("Unknown payment provider.")) from exc
