"""Collections: promises to pay, disputes, and reminders (dunning)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import Customer
from folio.documents.models import Document, DocumentLine
from folio.tenancy.models import Organization


class PromiseStatus(models.TextChoices):
    OPEN = "open", _("Promised")
    KEPT = "kept", _("Kept")
    BROKEN = "broken", _("Broken")


class Promise(PublicCodeModel):
    """The customer commits to pay `amount` by `promised_date` for one or more invoices."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="promises")
    documents = models.ManyToManyField(Document, related_name="promises")
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    promised_date = models.DateField(_("pay by"))
    status = models.CharField(
        _("status"), max_length=10, choices=PromiseStatus.choices, default=PromiseStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the invoices had been paid when promised: the promise counts payments after that.
    paid_at_promise = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "promised_date"], name="promise_due")]
        verbose_name = _("promise to pay")
        verbose_name_plural = _("promises to pay")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} by {self.promised_date}"


class DisputeReason(models.TextChoices):
    WRONG_AMOUNT = "wrong_amount", _("Wrong amount or price")
    NOT_DELIVERED = "not_delivered", _("Not delivered or not received")
    DAMAGED = "damaged", _("Damaged or faulty")
    NOT_ORDERED = "not_ordered", _("Not ordered")
    ALREADY_PAID = "already_paid", _("Already paid")
    OTHER = "other", _("Other")


class DisputeStatus(models.TextChoices):
    # "Open" alone means an open (unpaid) amount elsewhere; a dispute is open as in undecided.
    OPEN = "open", pgettext_lazy("dispute status", "Open")
    ACCEPTED = "accepted", _("Accepted (credited)")
    REJECTED = "rejected", _("Rejected")


class Dispute(PublicCodeModel):
    """A customer's objection to an invoice or to some of its lines."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="disputes")
    reason = models.CharField(_("reason"), max_length=20, choices=DisputeReason.choices)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    amount = models.DecimalField(_("disputed amount"), max_digits=18, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)
    credit_note = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_by_name = models.CharField(max_length=200, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self) -> str:
        return f"{self.document} {self.reason} ({self.status})"


class DisputeLine(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(DocumentLine, on_delete=models.CASCADE, related_name="+")
    amount = models.DecimalField(_("disputed amount"), max_digits=18, decimal_places=2)

    class Meta:
        ordering = ["dispute", "line__position"]

    def __str__(self) -> str:
        return f"{self.line} {self.amount}"


class DunningPolicy(TimeStampedModel):
    """A sender's reminders: the first `first_after_days` after the due date, then every
    `interval_days`, at most `max_reminders`, each adding `fee` (0 for none)."""

    sender = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="dunning_policy"
    )
    enabled = models.BooleanField(_("send reminders"), default=True)
    first_after_days = models.PositiveIntegerField(_("first reminder after (days)"), default=7)
    interval_days = models.PositiveIntegerField(_("then every (days)"), default=14)
    max_reminders = models.PositiveIntegerField(_("at most"), default=2)
    fee = models.DecimalField(_("reminder fee"), max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("dunning policy")
        verbose_name_plural = _("dunning policies")

    def __str__(self) -> str:
        return f"dunning of {self.sender}"


class Reminder(TimeStampedModel):
    """Reminder number `level` for an overdue invoice; unique, so a sweep run twice sends once."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reminders")
    level = models.PositiveIntegerField(_("reminder number"))
    fee = models.DecimalField(_("fee"), max_digits=18, decimal_places=2, default=0)
    amount_open = models.DecimalField(_("open amount"), max_digits=18, decimal_places=2)
    reminder_document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["document", "level"]
        constraints = [
            models.UniqueConstraint(fields=["document", "level"], name="reminder_level_unique")
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.document} #{self.level}"


class StatementSchedule(TimeStampedModel):
    """A sender e-mails each customer with open items a statement of account every
    `every_days` days (the PDF attached)."""

    sender = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="statement_schedule"
    )
    every_days = models.PositiveIntegerField(_("every (days)"), default=30)
    next_run_on = models.DateField(_("next run"))
    enabled = models.BooleanField(_("send statements"), default=True)

    class Meta:
        verbose_name = _("statement schedule")
        verbose_name_plural = _("statement schedules")

    def __str__(self) -> str:
        return f"statements of {self.sender} every {self.every_days} days"
