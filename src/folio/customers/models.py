from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.tenancy.models import Organization


class CustomerKind(models.TextChoices):
    PERSON = "person", _("Consumer")
    BUSINESS = "business", _("Business")


class ChannelCode(models.TextChoices):
    """Every delivery channel Folio knows, by its stable code (used in the API and routing)."""

    EMAIL = "email", _("E-mail")
    SMARTMAIL = "smartmail", _("Smartmail")
    PRINT = "print", _("Print and post")
    PORTAL = "portal", _("Customer portal")
    PEPPOL = "peppol", _("Peppol")
    EFAKTURA_NO = "efaktura_no", _("eFaktura (Norway)")
    AVTALEGIRO_NO = "avtalegiro_no", _("AvtaleGiro (Norway)")
    KIVRA_SE = "kivra_se", _("Kivra (Sweden)")
    EFAKTURA_SE = "efaktura_se", _("Bank e-faktura (Sweden)")


class Customer(PublicCodeModel):
    """A sender's trading partner: a recipient of documents, or a supplier of received ones."""

    sender = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="customers")
    customer_number = models.CharField(_("customer number"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=CustomerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    address_line1 = models.CharField(_("address"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    org_number = models.CharField(_("organization number"), max_length=40, blank=True)
    vat_id = models.CharField(_("VAT id"), max_length=40, blank=True)
    peppol_id = models.CharField(_("Peppol participant id"), max_length=80, blank=True)
    # Personal identity number: used to address national registries, shown only masked.
    national_id = models.CharField(_("national id"), max_length=40, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=ChannelCode.choices, blank=True
    )
    portal_access = models.BooleanField(_("portal access"), default=False)
    needs_review = models.BooleanField(
        _("needs review"), default=False, help_text=_("Created automatically from a document.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "customer_number"], name="customer_number_unique_per_sender"
            )
        ]
        indexes = [
            models.Index(fields=["sender", "name"], name="customer_sender_name"),
            models.Index(fields=["sender", "org_number"], name="customer_sender_orgno"),
            models.Index(fields=["sender", "peppol_id"], name="customer_sender_peppol"),
        ]
        ordering = ["name"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return f"{self.name} ({self.customer_number})"

    @property
    def national_id_masked(self) -> str:
        return mask_identifier(self.national_id)


def mask_identifier(value: str) -> str:
    """Show only the last four characters of a sensitive identifier."""
    if not value:
        return ""
    visible = value[-4:] if len(value) > 6 else ""
    return "•" * (len(value) - len(visible)) + visible


class ConsentKind(models.TextChoices):
    ELECTRONIC_DELIVERY = "electronic_delivery", _("Documents delivered electronically")
    EMAIL_DELIVERY = "email_delivery", _("Documents by e-mail")
    PORTAL_TERMS = "portal_terms", _("Customer portal terms")
    MARKETING = "marketing", _("Marketing messages")


class Consent(TimeStampedModel):
    """A consent given or withdrawn, with when and how; the newest per kind is in force."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("kind"), max_length=40, choices=ConsentKind.choices)
    granted = models.BooleanField(_("granted"))
    at = models.DateTimeField(_("at"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.kind}={'yes' if self.granted else 'no'}"


class Contact(PublicCodeModel):
    """A person who acts for a customer account, with their own rights in the customer portal."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="customer_contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    can_view = models.BooleanField(_("may view documents"), default=True)
    can_pay = models.BooleanField(_("may pay"), default=False)
    can_dispute = models.BooleanField(_("may dispute"), default=False)
    is_admin = models.BooleanField(_("account administrator"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "user"],
                name="contact_user_unique_per_customer",
                condition=models.Q(user__isnull=False),
            )
        ]
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.customer.name})"
