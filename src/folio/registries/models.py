"""What the Nordic central registries say about each customer, and the sender's network accounts.

- RegistryEntry: per customer and channel, what the registry answered and when it was asked
  (eFaktura receivers and the issuer's blocked list, Kivra user/company match, Swedish bank
  e-faktura agreements, AvtaleGiro mandates).
- Registration: one registration or unregistration message from a network, kept for the
  sender's export and for the event that says why routing changed.
- NetsAgreement, AvtaleGiroMandate, AvtaleGiroClaim: the AvtaleGiro side (Nets files).
- NordicAccount: the sender's own ids at the networks (issuer id, tenant key, giro accounts).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.customers.models import ChannelCode, Customer
from folio.delivery.models import Delivery
from folio.documents.models import Document
from folio.tenancy.models import Organization


class RegistryEntry(TimeStampedModel):
    """The registry's latest answer for one customer on one channel."""

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="registry_entries"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelCode.choices)
    registered = models.BooleanField(_("registered"), default=False)
    # eFaktura: the consumer has blocked this issuer; never send eFaktura then.
    blocked = models.BooleanField(_("blocked by the recipient"), default=False)
    address = models.CharField(_("address at the network"), max_length=100, blank=True)
    checked_at = models.DateTimeField(_("last checked"))
    source = models.CharField(_("source"), max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "channel"], name="registry_entry_unique_per_channel"
            )
        ]
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")

    def __str__(self) -> str:
        return f"{self.customer_id} {self.channel}: {'yes' if self.registered else 'no'}"


class RegistrationAction(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    UNREGISTERED = "unregistered", _("Unregistered")


class Registration(PublicCodeModel):
    """A registration message from a network ("I would like the invoice here"), or its undoing."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="nordic_registrations"
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="registrations", null=True, blank=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelCode.choices)
    action = models.CharField(_("action"), max_length=20, choices=RegistrationAction.choices)
    at = models.DateTimeField(_("at"))
    address = models.CharField(_("address at the network"), max_length=100, blank=True)
    # The network's own id of the message: the same message read twice is stored once.
    external_id = models.CharField(_("message id"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="registration_unique_message"
            )
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.channel} {self.action} {self.at:%Y-%m-%d}"


class NordicAccount(TimeStampedModel):
    """The sender's own identities at the Nordic networks."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="nordic_account"
    )
    efaktura_issuer_id = models.CharField(_("eFaktura issuer id"), max_length=40, blank=True)
    kivra_tenant_key = models.CharField(_("Kivra tenant key"), max_length=60, blank=True)
    efaktura_se_sender_id = models.CharField(
        _("Swedish e-faktura sender id"), max_length=40, blank=True
    )
    bankgiro = models.CharField(_("Bankgiro number"), max_length=20, blank=True)
    plusgiro = models.CharField(_("Plusgiro number"), max_length=20, blank=True)
    account_number = models.CharField(_("Norwegian account number"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("Nordic network account")
        verbose_name_plural = _("Nordic network accounts")

    def __str__(self) -> str:
        return str(self.organization)


class KidAlgorithm(models.TextChoices):
    MOD10 = "mod10", _("MOD10 (Luhn)")
    MOD11 = "mod11", _("MOD11")


class PayerNotification(models.TextChoices):
    BANK = "bank", _("The payer's bank notifies")
    FOLIO = "folio", _("Folio notifies (eFaktura, e-mail or post)")


class NetsAgreement(TimeStampedModel):
    """A sender's AvtaleGiro agreement with Nets: ids, KID rules and file numbering."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="nets_agreement"
    )
    data_sender = models.CharField(_("Nets customer unit id (data sender)"), max_length=8)
    data_recipient = models.CharField(_("data recipient"), max_length=8, default="00008080")
    agreement_id = models.CharField(_("AvtaleGiro agreement id"), max_length=9)
    account = models.CharField(_("account to credit"), max_length=11)
    kid_algorithm = models.CharField(
        _("KID check digit"), max_length=5, choices=KidAlgorithm.choices, default=KidAlgorithm.MOD10
    )
    kid_length = models.PositiveSmallIntegerField(_("KID length"), default=10)
    notification = models.CharField(
        _("payer notification"),
        max_length=5,
        choices=PayerNotification.choices,
        default=PayerNotification.BANK,
    )
    # Numbering of our transmissions and assignments; F() increments, never reused.
    last_transmission_number = models.PositiveIntegerField(default=0)
    last_assignment_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Nets AvtaleGiro agreement")
        verbose_name_plural = _("Nets AvtaleGiro agreements")

    def __str__(self) -> str:
        return f"{self.organization} ({self.agreement_id})"


class MandateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DELETED = "deleted", _("Deleted")


class AvtaleGiroMandate(TimeStampedModel):
    """A payer's AvtaleGiro mandate, as Nets' agreement files report it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="avtalegiro_mandates"
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="avtalegiro_mandates",
    )
    kid = models.CharField(_("KID"), max_length=25)
    notify = models.BooleanField(_("payer wants notification"), default=True)
    status = models.CharField(
        max_length=10, choices=MandateStatus.choices, default=MandateStatus.ACTIVE
    )
    reported_at = models.DateTimeField(_("reported by Nets"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kid"], name="mandate_unique_kid")
        ]
        verbose_name = _("AvtaleGiro mandate")
        verbose_name_plural = _("AvtaleGiro mandates")

    def __str__(self) -> str:
        return f"{self.kid} {self.status}"


class ClaimStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the next claim file")
    SUBMITTED = "submitted", _("In a claim file sent to Nets")
    CANCEL_REQUESTED = "cancel_requested", _("Deletion requested")
    CANCELLED = "cancelled", _("Deletion sent to Nets")
    SETTLED = "settled", _("Paid")


CS = ClaimStatus
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    CS.QUEUED: frozenset({CS.SUBMITTED, CS.CANCELLED}),
    CS.SUBMITTED: frozenset({CS.CANCEL_REQUESTED, CS.SETTLED}),
    CS.CANCEL_REQUESTED: frozenset({CS.CANCELLED, CS.SETTLED}),
    CS.CANCELLED: frozenset(),
    CS.SETTLED: frozenset(),
}


class AvtaleGiroClaim(TimeStampedModel):
    """One payment claim (betalingskrav) in an AvtaleGiro transmission."""

    delivery = models.OneToOneField(
        Delivery, on_delete=models.CASCADE, related_name="avtalegiro_claim"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    mandate = models.ForeignKey(AvtaleGiroMandate, on_delete=models.PROTECT, related_name="claims")
    kid = models.CharField(_("KID"), max_length=25)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    due_date = models.DateField(_("due date"))
    bank_notification = models.BooleanField(_("the bank notifies the payer"))
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.QUEUED
    )
    transmission_number = models.CharField(max_length=7, blank=True)
    assignment_number = models.CharField(max_length=7, blank=True)
    transaction_number = models.PositiveIntegerField(null=True, blank=True)
    cancel_transmission_number = models.CharField(max_length=7, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "organization"], name="claim_status_org")]
        verbose_name = _("AvtaleGiro claim")
        verbose_name_plural = _("AvtaleGiro claims")

    def __str__(self) -> str:
        return f"{self.kid} {self.amount} {self.status}"


class NetsFile(TimeStampedModel):
    """A Nets file read or written, by name; reading the same inbound file twice does nothing."""

    name = models.CharField(max_length=200, unique=True)
    direction = models.CharField(max_length=8)  # "out" or "in"
    kind = models.CharField(max_length=30)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Nets file")
        verbose_name_plural = _("Nets files")

    def __str__(self) -> str:
        return self.name


class WebhookEvent(TimeStampedModel):
    """A network's webhook event, by its id: a retried delivery of it is dropped."""

    source = models.CharField(max_length=30)
    event_id = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "event_id"], name="network_webhook_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.event_id}"
