"""Ingestion records: idempotent submissions, each version's validation and stop outcome, and
the senders' stop filters (data requirements)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import ChannelCode, Customer
from folio.documents.models import Document, DocumentFile
from folio.tenancy.models import Organization


class Submission(TimeStampedModel):
    """One API call with an `Idempotency-Key`: the body's hash and the answer it got.

    The unique constraint on (organization, key) settles concurrent retries: one request wins
    the insert and does the work; the others wait for its row and replay its answer.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="ingest_submissions"
    )
    idempotency_key = models.CharField(max_length=200)
    body_sha256 = models.CharField(max_length=64)
    # 0 while the first request is still working on it.
    response_status = models.PositiveSmallIntegerField(default=0)
    response_body = models.JSONField(default=dict, blank=True)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "idempotency_key"], name="ingest_idempotency_key_unique"
            )
        ]
        verbose_name = _("idempotent submission")
        verbose_name_plural = _("idempotent submissions")

    def __str__(self) -> str:
        return f"{self.idempotency_key} -> {self.response_status}"


class VersionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    STOPPED = "stopped", _("Stopped")


class DocumentVersion(models.Model):
    """One version of an ingested document: its source, validation report and stop reasons.

    A resend with corrections adds a version; the earlier ones stay as the history.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    at = models.DateTimeField(_("at"))
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    source_format = models.CharField(_("source format"), max_length=10)
    source = models.ForeignKey(
        DocumentFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validation = models.JSONField(_("validation report"), default=dict)
    outcome = models.CharField(_("outcome"), max_length=10, choices=VersionOutcome.choices)
    stop_reasons = models.JSONField(_("stop reasons"), default=list, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)

    class Meta:
        ordering = ["document", "version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_unique")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.version} ({self.outcome})"


class StopRuleKind(models.TextChoices):
    REQUIRED_TERM = "required_term", _("A business term must be present")
    TERM_PATTERN = "term_pattern", _("A business term must match a pattern")
    VALID_KID = "valid_kid", _("The payment id must be a valid KID")
    AMOUNT_LIMIT = "amount_limit", _("The amount due must be within limits")
    ALLOWED_CURRENCIES = "allowed_currencies", _("Only some currencies are allowed")
    PDF_ATTACHMENT = "pdf_attachment", _("A PDF must be attached")
    CHANNEL_REACHABLE = "channel_reachable", _("The recipient must be reachable on a channel")


class KidAlgorithm(models.TextChoices):
    MOD10 = "mod10", _("MOD10 (Luhn)")
    MOD11 = "mod11", _("MOD11")


class StopRule(PublicCodeModel):
    """A data requirement of a sender (for all its documents) or of one of its customers.

    A document that breaks an active rule is STOPPED with the rule's reason.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="stop_rules"
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stop_rules",
        help_text=_("Empty: the rule applies to all of the sender's documents."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=StopRuleKind.choices)
    term = models.CharField(_("business term"), max_length=40, blank=True)
    pattern = models.CharField(_("pattern"), max_length=100, blank=True)
    kid_algorithm = models.CharField(
        _("KID algorithm"), max_length=10, choices=KidAlgorithm.choices, blank=True
    )
    kid_length = models.PositiveSmallIntegerField(_("KID length"), null=True, blank=True)
    min_amount = models.DecimalField(
        _("minimum amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("maximum amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currencies = models.JSONField(_("allowed currencies"), default=list, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelCode.choices, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the sender; empty: Folio's standard reason for this kind."),
    )
    notify_customer = models.BooleanField(_("notify the customer"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organization", "created_at"]
        indexes = [models.Index(fields=["organization", "is_active"], name="stoprule_org_active")]
        verbose_name = _("stop rule")
        verbose_name_plural = _("stop rules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.organization})"
