"""Payments a recipient starts in the portal, the PSP's events about them, and the ledger."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import Customer
from folio.documents.models import Document
from folio.tenancy.models import Organization


class ProviderCode(models.TextChoices):
    SANDBOX = "sandbox", _("Sandbox payment provider")
    STRIPE = "stripe", _("Stripe")


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("Created")
    PENDING = "pending", _("Waiting for the payment provider")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


# A payment only moves forward; a late "expired" after "succeeded" changes nothing.
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PaymentStatus.CREATED: frozenset(
        {PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, PaymentStatus.FAILED}
    ),
    PaymentStatus.PENDING: frozenset(
        {PaymentStatus.SUCCEEDED, PaymentStatus.FAILED, PaymentStatus.EXPIRED}
    ),
    PaymentStatus.FAILED: frozenset({PaymentStatus.SUCCEEDED}),
    PaymentStatus.EXPIRED: frozenset({PaymentStatus.SUCCEEDED}),
    PaymentStatus.SUCCEEDED: frozenset(),
}


class Payment(PublicCodeModel):
    """One checkout at the sender's PSP for one or more invoices."""

    sender = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="payments")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("provider"), max_length=20, choices=ProviderCode.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.CREATED
    )
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # The PSP's checkout object (Stripe Checkout Session id, sandbox session id).
    provider_reference = models.CharField(max_length=200, blank=True, db_index=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the ledger has applied to the invoices so far (payments minus refunds).
    applied_amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.get_status_display()})"


class PaymentAllocation(models.Model):
    """How much of a payment goes to one invoice."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="allocations")
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="payment_allocations"
    )
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    applied_amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["payment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["payment", "document"], name="allocation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.amount}"


class LedgerKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class LedgerEntry(TimeStampedModel):
    """Money the PSP reports, one row per PSP object (charge, refund) and kind.

    Amounts are the PSP's latest cumulative figure for that object, so a replayed or
    out-of-order event can only raise a figure to what the PSP already said, never count twice.
    """

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(_("kind"), max_length=10, choices=LedgerKind.choices)
    external_id = models.CharField(max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    occurred_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "kind", "external_id"], name="ledger_entry_unique"
            )
        ]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class WebhookEvent(models.Model):
    """A PSP event seen once: replays of the same event id are acknowledged and ignored."""

    provider = models.CharField(max_length=20, choices=ProviderCode.choices)
    event_id = models.CharField(max_length=200)
    event_type = models.CharField(max_length=100)
    provider_created_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="webhook_event_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"
