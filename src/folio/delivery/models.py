from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel
from folio.customers.models import ChannelCode
from folio.documents.models import Document


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    OPENED = "opened", _("Opened")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


D = DeliveryStatus
DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    D.PENDING: frozenset({D.SENDING, D.CANCELLED, D.FAILED}),
    D.SENDING: frozenset({D.PENDING, D.SENT, D.DELIVERED, D.FAILED}),
    D.SENT: frozenset({D.DELIVERED, D.OPENED, D.FAILED, D.EXPIRED}),
    D.DELIVERED: frozenset({D.OPENED, D.FAILED, D.EXPIRED}),
    D.OPENED: frozenset(),
    D.FAILED: frozenset(),
    D.EXPIRED: frozenset(),
    D.CANCELLED: frozenset(),
}
DELIVERY_FINAL_STATUSES = frozenset({D.OPENED, D.FAILED, D.EXPIRED, D.CANCELLED})


class Delivery(PublicCodeModel):
    """One try at getting a document to its recipient over one channel."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelCode.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=4, default=0)
    cost_currency = models.CharField(_("cost currency"), max_length=3, default="NOK")
    external_reference = models.CharField(_("external reference"), max_length=200, blank=True)
    # Stable across retries, so that a channel can drop a duplicate send.
    message_key = models.CharField(_("message key"), max_length=100, unique=True)
    routing_reason = models.TextField(_("why this channel"), blank=True)
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    fallback_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fallbacks"
    )

    class Meta:
        ordering = ["document", "created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["channel", "status"], name="delivery_channel_status"),
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.channel} {self.status}"


class AttemptOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    TRANSIENT_ERROR = "transient_error", _("Temporary error")
    PERMANENT_ERROR = "permanent_error", _("Permanent error")


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("at"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=AttemptOutcome.choices)
    response = models.TextField(_("response"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.TextField(_("error"), blank=True)
    permanent = models.BooleanField(_("permanent"), default=False)

    class Meta:
        ordering = ["delivery", "at"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.outcome}"
