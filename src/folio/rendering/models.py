from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel, TimeStampedModel
from folio.documents.models import Document
from folio.tenancy.models import Organization

DEFAULT_PRIMARY_COLOR = "#1F3A5F"
DEFAULT_ACCENT_COLOR = "#2F6F5E"


class WindowPosition(models.TextChoices):
    """Where the address window of the sender's C5/DL envelopes sits."""

    LEFT = "left", _("Left window")
    RIGHT = "right", _("Right window")


def branding_logo_path(instance: "Branding", filename: str) -> str:
    return f"branding/{instance.organization.code}/{filename}"


class Branding(TimeStampedModel):
    """How an organization's documents look: colours, logo, footer, envelope window.

    An organization without its own row uses the nearest ancestor's (a subsidiary inherits its
    group's look), else the defaults.
    """

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="branding"
    )
    primary_color = models.CharField(
        _("primary colour"),
        max_length=7,
        default=DEFAULT_PRIMARY_COLOR,
        help_text=_("Headings and rules, as #RRGGBB; must be readable on white."),
    )
    accent_color = models.CharField(_("accent colour"), max_length=7, default=DEFAULT_ACCENT_COLOR)
    logo = models.FileField(_("logo"), upload_to=branding_logo_path, blank=True, max_length=300)
    logo_content_type = models.CharField(max_length=40, blank=True)
    logo_sha256 = models.CharField(max_length=64, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True, max_length=600)
    window_position = models.CharField(
        _("envelope window"),
        max_length=5,
        choices=WindowPosition.choices,
        default=WindowPosition.LEFT,
    )

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("brandings")

    def __str__(self) -> str:
        return f"{self.organization}: {self.primary_color}"


class ArtefactKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    EMAIL = "email", _("E-mail (MIME)")
    HTML = "html", _("HTML page")
    CHANNEL_PAYLOAD = "channel_payload", _("Channel payload")


def artefact_path(instance: "RenderedArtefact", filename: str) -> str:
    return f"artefacts/{instance.document.code}/{instance.code}/{filename}"


class RenderedArtefact(PublicCodeModel):
    """The exact bytes a recipient was given, kept so they can be shown again byte for byte."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="artefacts")
    delivery = models.ForeignKey(
        "delivery.Delivery",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="artefacts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ArtefactKind.choices)
    file = models.FileField(upload_to=artefact_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    preview = models.FileField(upload_to=artefact_path, max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    document_version = models.PositiveIntegerField(_("document version"), default=1)

    class Meta:
        ordering = ["document", "created_at", "id"]
        indexes = [models.Index(fields=["document", "kind"], name="artefact_doc_kind")]
        verbose_name = _("rendered artefact")
        verbose_name_plural = _("rendered artefacts")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"
