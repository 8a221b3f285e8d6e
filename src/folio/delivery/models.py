from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import ChannelCode, Customer
from folio.documents.models import Document, DocumentType
from folio.tenancy.models import Organization


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
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Where the channel sent it.")
    )
    # A worker that claims a delivery holds it until then; past it, the delivery is recovered.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

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


class AttachmentMode(models.TextChoices):
    ATTACH = "attach", _("Attach the PDF and XML")
    LINK = "link", _("Send a link only")


class PostageClass(models.TextChoices):
    A = "A", _("A-post (priority)")
    B = "B", _("B-post (economy)")


class DeliveryPolicy(TimeStampedModel):
    """How a sender's documents are routed and sent; subsidiaries inherit the nearest policy."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="delivery_policy"
    )
    forced_channel = models.CharField(
        _("send everything by"), max_length=20, choices=ChannelCode.choices, blank=True
    )
    # Channel code -> price per delivery (a decimal string), over the default cost table.
    cost_table = models.JSONField(_("cost per channel"), default=dict, blank=True)
    cost_currency = models.CharField(_("cost currency"), max_length=3, default="NOK")
    smartmail_days = models.PositiveIntegerField(_("Smartmail: days to open"), default=7)
    smartmail_reminder_days = models.PositiveIntegerField(
        _("Smartmail: remind this many days before the deadline"), null=True, blank=True
    )
    email_attachments = models.CharField(
        _("e-mail content"),
        max_length=10,
        choices=AttachmentMode.choices,
        default=AttachmentMode.ATTACH,
    )
    reply_to = models.EmailField(_("reply-to address"), blank=True)
    print_duplex = models.BooleanField(_("print on both sides"), default=True)
    print_colour = models.BooleanField(_("print in colour"), default=False)
    postage_class = models.CharField(
        _("postage class"), max_length=1, choices=PostageClass.choices, default=PostageClass.B
    )

    class Meta:
        verbose_name = _("delivery policy")
        verbose_name_plural = _("delivery policies")

    def __str__(self) -> str:
        return f"{self.organization}"


class FallbackChain(TimeStampedModel):
    """The channels to try in order for a sender (and optionally one document type)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="fallback_chains"
    )
    document_type = models.CharField(
        _("document type"), max_length=30, choices=DocumentType.choices, blank=True
    )
    channels = models.JSONField(_("channels in order"), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "document_type"], name="fallback_chain_unique"
            )
        ]
        verbose_name = _("fallback chain")
        verbose_name_plural = _("fallback chains")

    def __str__(self) -> str:
        return " -> ".join(self.channels)


class CustomerChannelOverride(TimeStampedModel):
    """The sender forces one channel for one customer."""

    customer = models.OneToOneField(
        Customer, on_delete=models.CASCADE, related_name="channel_override"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelCode.choices)

    class Meta:
        verbose_name = _("forced channel for a customer")
        verbose_name_plural = _("forced channels for customers")

    def __str__(self) -> str:
        return f"{self.customer}: {self.channel}"


class MessagePurpose(models.TextChoices):
    DOCUMENT = "document", _("Document by e-mail")
    SMARTMAIL = "smartmail", _("Smartmail")
    SMARTMAIL_REMINDER = "smartmail_reminder", _("Smartmail reminder")
    PORTAL_NOTICE = "portal_notice", _("New document in the customer portal")


class MessageTemplate(TimeStampedModel):
    """A sender's own subject/text/HTML for one kind of e-mail (Django template syntax)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="message_templates"
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=MessagePurpose.choices)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "purpose", "language"], name="message_template_unique"
            )
        ]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        return f"{self.organization}: {self.purpose} {self.language}"


class LinkPurpose(models.TextChoices):
    OPEN_DOCUMENT = "open_document", _("Open a delivered document")


class DeliveryLink(TimeStampedModel):
    """A link in a message that opens one delivery's document; only its hash is stored."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=30, choices=LinkPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery link")
        verbose_name_plural = _("delivery links")

    def __str__(self) -> str:
        return f"{self.purpose} until {self.expires_at:%Y-%m-%d}"


class SmartmailStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be opened")
    OPENED = "opened", _("Opened")
    EXPIRED = "expired", _("Not opened in time")
    PRINTED = "printed", _("Printed and posted")


class SmartmailTracking(TimeStampedModel):
    """The open-or-print promise of one Smartmail delivery."""

    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="smartmail")
    status = models.CharField(
        _("status"), max_length=10, choices=SmartmailStatus.choices, default=SmartmailStatus.WAITING
    )
    deadline = models.DateTimeField(_("open before"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_via = models.CharField(_("opened via"), max_length=30, blank=True)
    reminder_due_at = models.DateTimeField(_("reminder due"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    print_delivery = models.OneToOneField(
        Delivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="printed_for_smartmail",
    )

    class Meta:
        indexes = [models.Index(fields=["status", "deadline"], name="smartmail_due")]
        verbose_name = _("Smartmail tracking")
        verbose_name_plural = _("Smartmail tracking")

    def __str__(self) -> str:
        return f"{self.status} until {self.deadline:%Y-%m-%d}"


class PrintBatchStatus(models.TextChoices):
    HANDED_OVER = "handed_over", _("Handed over to the print partner")
    PROCESSED = "processed", _("Processed by the print partner")


class PrintBatch(PublicCodeModel):
    """One day's letters for the print partner: a PDF and a manifest, handed over together."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PrintBatchStatus.choices,
        default=PrintBatchStatus.HANDED_OVER,
    )
    letter_count = models.PositiveIntegerField(_("letters"), default=0)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    sheet_count = models.PositiveIntegerField(_("sheets"), default=0)
    postage_total = models.DecimalField(_("postage"), max_digits=12, decimal_places=2, default=0)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    handed_over_to = models.CharField(_("handed over to"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")

    def __str__(self) -> str:
        return self.name


class PrintItemStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the next batch")
    BATCHED = "batched", _("In a batch")
    PRINTED = "printed", _("Printed")
    POSTED = "posted", _("Posted")
    REJECTED = "rejected", _("Rejected by the print partner")


class PrintItem(TimeStampedModel):
    """One letter: a print-ready PDF and how to print and post it."""

    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="print_item")
    batch = models.ForeignKey(
        PrintBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PrintItemStatus.choices, default=PrintItemStatus.QUEUED
    )
    pdf = models.FileField(upload_to="print/letters/", max_length=300)
    pages = models.PositiveIntegerField(_("pages"))
    sheets = models.PositiveIntegerField(_("sheets"))
    duplex = models.BooleanField(_("duplex"))
    colour = models.BooleanField(_("colour"))
    postage_class = models.CharField(_("postage class"), max_length=1, choices=PostageClass.choices)
    country = models.CharField(_("country"), max_length=2)
    postage = models.DecimalField(_("postage"), max_digits=12, decimal_places=2)
    recipient_name = models.CharField(_("recipient"), max_length=200)
    address_lines = models.JSONField(_("address"), default=list)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="print_item_status")]
        verbose_name = _("letter to print")
        verbose_name_plural = _("letters to print")

    def __str__(self) -> str:
        return f"{self.recipient_name} ({self.pages} p.)"


class BounceKind(models.TextChoices):
    HARD = "hard", _("Permanent (hard bounce)")
    SOFT = "soft", _("Temporary (soft bounce)")


class Bounce(TimeStampedModel):
    """A delivery status notification read back for one of our e-mails (deduplicated)."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, null=True, blank=True, related_name="bounces"
    )
    # The DSN's own Message-ID, so that feeding the same mailbox twice changes nothing.
    report_id = models.CharField(max_length=300, unique=True)
    original_message_id = models.CharField(max_length=300, blank=True)
    recipient = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=4, choices=BounceKind.choices)
    status_code = models.CharField(_("status code"), max_length=20, blank=True)
    diagnostic = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")

    def __str__(self) -> str:
        return f"{self.kind} {self.status_code} {self.recipient}"


class PeppolLookup(TimeStampedModel):
    """What the Peppol directory/SMP said about a participant, cached for a while."""

    participant_id = models.CharField(max_length=100, unique=True)
    registered = models.BooleanField()
    document_types = models.JSONField(default=list, blank=True)
    endpoint_url = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Peppol lookup")
        verbose_name_plural = _("Peppol lookups")

    def __str__(self) -> str:
        return f"{self.participant_id}: {'yes' if self.registered else 'no'}"


class InboundEnvelopeStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class InboundEnvelope(TimeStampedModel):
    """One SBDH received from the access point; its instance id makes receiving idempotent."""

    instance_identifier = models.CharField(max_length=200, unique=True)
    sender_id = models.CharField(max_length=100, blank=True)
    receiver_id = models.CharField(max_length=100, blank=True)
    document_type_id = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=InboundEnvelopeStatus.choices)
    reason = models.TextField(blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("inbound Peppol envelope")
        verbose_name_plural = _("inbound Peppol envelopes")

    def __str__(self) -> str:
        return f"{self.instance_identifier} {self.status}"
