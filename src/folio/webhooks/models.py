"""Outgoing webhooks: an organization's endpoints, and the log of what was sent to them.

A `WebhookDelivery` is one event for one endpoint (its `message_id` is the Standard Webhooks
`webhook-id`, the same on every retry so receivers can dedupe); each HTTP request made for it is
a `WebhookAttempt`. `WebhookCursor` is how far the collecting sweep has read the event tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel
from folio.tenancy.models import Organization


class WebhookEventType(models.TextChoices):
    DOCUMENT_RECEIVED = "document.received", _("Document received")
    DOCUMENT_ACCEPTED = "document.accepted", _("Document accepted")
    DOCUMENT_STOPPED = "document.stopped", _("Document stopped")
    DOCUMENT_CORRECTED = "document.corrected", _("Document corrected")
    DOCUMENT_SENT = "document.sent", _("Document sent")
    DOCUMENT_DELIVERED = "document.delivered", _("Document delivered")
    DOCUMENT_OPENED = "document.opened", _("Document opened")
    DOCUMENT_VIEWED = "document.viewed", _("Document viewed in the portal")
    DOCUMENT_FAILED = "document.failed", _("Document failed")
    DOCUMENT_CANCELLED = "document.cancelled", _("Document cancelled")
    DOCUMENT_PAID = "document.paid", _("Document paid in full")
    DOCUMENT_PAYMENT = "document.payment", _("Payment or refund registered")
    DELIVERY_CREATED = "delivery.created", _("Delivery created (channel chosen)")
    DELIVERY_SENT = "delivery.sent", _("Delivery sent")
    DELIVERY_DELIVERED = "delivery.delivered", _("Delivery delivered")
    DELIVERY_BOUNCED = "delivery.bounced", _("Delivery bounced")
    DELIVERY_FAILED = "delivery.failed", _("Delivery failed")
    DELIVERY_FALLBACK = "delivery.fallback", _("Fell back to another channel")
    DELIVERY_EXPIRED = "delivery.expired", _("Delivery expired")
    DELIVERY_CANCELLED = "delivery.cancelled", _("Delivery cancelled")


# Sent by "Send test event" only; no endpoint subscribes to it.
TEST_EVENT_TYPE = "webhook.test"


class DisabledReason(models.TextChoices):
    MANUAL = "manual", _("Turned off by a user")
    FAILING = "failing", _("Turned off after failing for days")


class WebhookEndpoint(PublicCodeModel):
    """A URL of an organization that receives the event types it subscribes to, signed with
    its secret (Standard Webhooks). The secret is stored encrypted, shown once."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("event types"), default=list)
    include_subsidiaries = models.BooleanField(
        _("include subsidiaries"),
        default=False,
        help_text=_("Also send the events of the organizations below this one."),
    )
    secret_encrypted = models.TextField(editable=False)
    # After a rotation the old secret still signs (a second signature) until it expires, so the
    # receiver can switch over without losing messages.
    previous_secret_encrypted = models.TextField(editable=False, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_at = models.DateTimeField(_("turned off"), null=True, blank=True)
    disabled_reason = models.CharField(
        _("why turned off"), max_length=20, choices=DisabledReason.choices, blank=True
    )
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    # Events up to this id happened before the endpoint existed and are not sent to it.
    start_after_event_id = models.BigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["is_active"], name="webhook_endpoint_active")]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


W = WebhookDeliveryStatus
WEBHOOK_DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    W.PENDING: frozenset({W.SENDING, W.CANCELLED}),
    # Back to PENDING: a retry is scheduled, or a stalled send is recovered.
    W.SENDING: frozenset({W.SUCCEEDED, W.PENDING, W.FAILED, W.CANCELLED}),
    # From a final status only by "Redeliver".
    W.SUCCEEDED: frozenset({W.PENDING}),
    W.FAILED: frozenset({W.PENDING}),
    W.CANCELLED: frozenset({W.PENDING}),
}


class WebhookDelivery(PublicCodeModel):
    """One event for one endpoint: the body is serialized once, so every retry sends the same
    bytes under the same `webhook-id`."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_type = models.CharField(_("event type"), max_length=50)
    source_event = models.ForeignKey(
        "documents.DocumentEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message_id = models.CharField(_("webhook-id"), max_length=64, unique=True)
    body = models.TextField(_("payload"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WebhookDeliveryStatus.choices,
        default=WebhookDeliveryStatus.PENDING,
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    # Attempts after which failures are no longer retried: a redelivery allows a new round.
    # 0 means FOLIO_WEBHOOK_MAX_ATTEMPTS (the first round).
    attempts_allowed = models.PositiveIntegerField(default=0, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "source_event"],
                condition=models.Q(source_event__isnull=False),
                name="webhook_delivery_once_per_event",
            )
        ]
        indexes = [
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_endpoint"),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
        ]
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id}"


class WebhookAttempt(models.Model):
    """One HTTP request for a delivery and what came back."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("at"))
    request_headers = models.JSONField(_("request headers"), default=dict)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    response_headers = models.JSONField(_("response headers"), default=dict)
    response_excerpt = models.TextField(_("response"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    error = models.TextField(_("error"), blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self) -> str:
        return f"#{self.number} {self.response_code or self.error[:40]}"


class WebhookCursor(models.Model):
    """How far the collecting sweep has read an event table, and the ids it skipped over that
    may still appear (a transaction that took an id and had not committed yet)."""

    name = models.CharField(max_length=50, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    # [[event id, first seen missing (ISO time)], ...]; rechecked until they are too old.
    gaps = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_event_id}"
