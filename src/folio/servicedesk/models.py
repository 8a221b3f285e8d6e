"""What a sender opens to its customers in the portal, and what customers ask of the sender:
comments on documents, answers to quotes, and changes to their own data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import Customer
from folio.documents.models import Document, DocumentType
from folio.tenancy.models import Organization


class PortalAction(models.TextChoices):
    PAY = "pay", _("Pay online")
    PROMISE = "promise", _("Promise to pay")
    DISPUTE = "dispute", _("Dispute")
    COMMENT = "comment", _("Comment")
    QUOTE = "quote", _("Accept or reject quotes")
    CHANGE_DATA = "change_data", _("Change own data")
    STATEMENT = "statement", _("Statement of account")
    # PDF, source XML and the ZIP of several; the document's page stays open either way.
    DOWNLOAD = "download", _("Download PDF, XML and ZIP")


def _all_types() -> list[str]:
    return [choice.value for choice in DocumentType]


def _all_actions() -> list[str]:
    return [choice.value for choice in PortalAction]


class PortalSettings(TimeStampedModel):
    """One sender's customer portal: which document types and actions its customers get.

    A sender without a row opens everything (the defaults below).
    """

    sender = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="portal_settings"
    )
    document_types = models.JSONField(_("document types shown"), default=_all_types)
    actions = models.JSONField(_("actions opened"), default=_all_actions)
    changes_need_approval = models.BooleanField(
        _("changes to customer data need approval"), default=True
    )
    payment_provider = models.CharField(_("payment provider"), max_length=20, blank=True)
    # Applied by customers.services.customer_create to customers made after the change.
    new_customers_portal_access = models.BooleanField(
        _("new customers get portal access"), default=False
    )

    class Meta:
        verbose_name = _("portal settings")
        verbose_name_plural = _("portal settings")

    def __str__(self) -> str:
        return f"portal settings of {self.sender}"


class Comment(PublicCodeModel):
    """A message on a document, from the customer or from the sender."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("by"), max_length=200)
    from_sender = models.BooleanField(_("from the sender"), default=False)
    body = models.TextField(_("message"), max_length=4000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"


class QuoteDecisionKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class QuoteDecision(PublicCodeModel):
    """The customer's answer to a quote: accepted (name and time) or rejected (reason)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="quote_decision"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=QuoteDecisionKind.choices)
    signer_name = models.CharField(_("name"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("quote decision")
        verbose_name_plural = _("quote decisions")

    def __str__(self) -> str:
        return f"{self.document} {self.decision}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPLIED = "applied", _("Applied")
    REJECTED = "rejected", _("Rejected")


class ChangeRequest(PublicCodeModel):
    """A customer's change to their own data: field -> [old, new]."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by_name = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(_("changes"))
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decided_by_name = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self) -> str:
        return f"{self.customer}: {', '.join(self.changes)} ({self.status})"


class PortalActivation(TimeStampedModel):
    """Credentials in two parts for a contact's first sign-in: part one goes out in a printed
    letter, part two by e-mail; only both together activate. Only hashes are kept."""

    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="portal_activations"
    )
    letter_code_hash = models.CharField(max_length=64, unique=True)
    email_code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveIntegerField(default=0)
    letter = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("portal activation")
        verbose_name_plural = _("portal activations")

    def __str__(self) -> str:
        return f"activation of {self.contact_id} until {self.expires_at:%Y-%m-%d}"
