"""Writes and renders of the rendering app: brandings, stored artefacts, document PDFs,
template previews.

Delivery calls `document_render_pdf` (or `document_render_html`) to make what a channel sends,
then `artefact_store` with the exact bytes it handed to the channel (the PDF, the e-mail's
MIME bytes, the channel's payload), in the same transaction as its Delivery/attempt rows.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from folio.documents.models import Document, DocumentFile, FileKind
from folio.rendering.branding import (
    BrandingError,
    BrandingSpec,
    Logo,
    color_check,
    logo_check,
)
from folio.rendering.formatting import language_for
from folio.rendering.html import render_html
from folio.rendering.models import ArtefactKind, Branding, RenderedArtefact, WindowPosition
from folio.rendering.pdf import RenderedPdf, RenderError, render_pdf, request_from_ubl
from folio.rendering.preview import pdf_first_page_png
from folio.rendering.sample import SAMPLE_PARTIES, SampleParty, sample_ubl
from folio.rendering.selectors import branding_row_for, branding_spec_for, logo_of
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record, require_permission

LOGO_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}


@dataclass(frozen=True)
class BrandingInput:
    primary_color: str
    accent_color: str
    footer_text: str = ""
    window_position: str = WindowPosition.LEFT


def _checked_input(data: BrandingInput) -> BrandingInput:
    if data.window_position not in WindowPosition.values:
        raise BrandingError("branding_window_invalid", _("The window is left or right."))
    footer = data.footer_text.strip()
    if len(footer) > 600 or len(footer.splitlines()) > 3:
        raise BrandingError(
            "branding_footer_too_long", _("The footer may have at most 3 lines and 600 characters.")
        )
    return BrandingInput(
        primary_color=color_check(data.primary_color, field="primary_color"),
        accent_color=color_check(data.accent_color, field="accent_color"),
        footer_text=footer,
        window_position=data.window_position,
    )


@transaction.atomic
def branding_update(
    *,
    actor: Actor,
    organization: Organization,
    data: BrandingInput,
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Branding:
    """Save an organization's look; a new logo is checked (type, size, no external links)."""
    require_permission(actor, "manage_settings", organization)
    checked = _checked_input(data)
    checked_logo = logo_check(logo) if logo is not None else None
    branding, created = Branding.objects.select_for_update().get_or_create(
        organization=organization,
        defaults={
            "primary_color": checked.primary_color,
            "accent_color": checked.accent_color,
            "footer_text": checked.footer_text,
            "window_position": checked.window_position,
        },
    )
    update_fields = [
        "primary_color",
        "accent_color",
        "footer_text",
        "window_position",
        "updated_at",
    ]
    branding.primary_color = checked.primary_color
    branding.accent_color = checked.accent_color
    branding.footer_text = checked.footer_text
    branding.window_position = checked.window_position
    if checked_logo is not None:
        extension = LOGO_EXTENSIONS[checked_logo.content_type]
        branding.logo.save(
            f"logo-{checked_logo.sha256[:16]}.{extension}",
            ContentFile(checked_logo.content),
            save=False,
        )
        branding.logo_content_type = checked_logo.content_type
        branding.logo_sha256 = checked_logo.sha256
        update_fields += ["logo", "logo_content_type", "logo_sha256"]
    elif remove_logo and branding.logo:
        branding.logo.delete(save=False)
        branding.logo_content_type = ""
        branding.logo_sha256 = ""
        update_fields += ["logo", "logo_content_type", "logo_sha256"]
    branding.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        action="branding.created" if created else "branding.updated",
        organization=organization,
        obj=organization,
        detail={
            "primary_color": checked.primary_color,
            "window_position": checked.window_position,
            "logo_sha256": branding.logo_sha256,
        },
    )
    return branding


# --- rendering a stored document --------------------------------------------------------------


def _source_xml(document: Document) -> DocumentFile:
    source = (
        document.files.filter(kind=FileKind.SOURCE_XML).order_by("-version", "-created_at").first()
    )
    if source is None:
        raise RenderError("render_no_source", _("This document has no source XML to render."))
    return source


def _document_request(document: Document, *, language: str | None):
    source = _source_xml(document)
    with source.file.open("rb") as handle:
        xml = handle.read()
    customer = document.customer
    if language is None:
        language = customer.language if customer is not None else None
    request = request_from_ubl(
        xml,
        language=language,
        document_type=document.type,
        branding=branding_spec_for(document.organization),
        filename=source.filename,
    )
    if customer is not None:
        request.customer_number = customer.customer_number
        if customer.address_line1:
            # The customer register is kept current; the XML's address may be older.
            request.recipient_name = customer.name
            request.recipient_lines = [
                line
                for line in (
                    customer.address_line1,
                    customer.address_line2,
                    " ".join(part for part in (customer.postcode, customer.city) if part),
                )
                if line
            ]
    return request


def document_render_pdf(
    *, document: Document, actor: Actor, language: str | None = None
) -> RenderedPdf:
    """The document as PDF/A-3b in its recipient's language, the source UBL embedded."""
    require_permission(actor, "view", document.organization)
    return render_pdf(_document_request(document, language=language))


def document_render_html(
    *, document: Document, actor: Actor, language: str | None = None, email: bool = False
) -> str:
    """The same document as an accessible HTML page (portal) or e-mail body."""
    require_permission(actor, "view", document.organization)
    return render_html(_document_request(document, language=language), email=email)


# --- "as the recipient saw it" ------------------------------------------------------------------


@transaction.atomic
def artefact_store(
    *,
    actor: Actor,
    document: Document,
    kind: str,
    content: bytes,
    content_type: str,
    filename: str,
    delivery=None,
    language: str = "",
) -> RenderedArtefact:
    """Keep the exact bytes a recipient was given; a PDF also gets a PNG of its first page."""
    require_permission(actor, "send", document.organization)
    if delivery is not None and delivery.document_id != document.id:
        raise RenderError("artefact_delivery_mismatch", _("The delivery is of another document."))
    artefact = RenderedArtefact(
        document=document,
        delivery=delivery,
        kind=ArtefactKind(kind),
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        language=language,
        document_version=document.version,
    )
    artefact.file.save(filename, ContentFile(content), save=False)
    if artefact.kind == ArtefactKind.PDF:
        artefact.preview.save("page-1.png", ContentFile(pdf_first_page_png(content)), save=False)
    artefact.save()
    return artefact


# --- template preview ------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplatePreview:
    pdf: bytes
    png: bytes
    html: str


def template_preview(
    *,
    actor: Actor,
    organization: Organization,
    data: BrandingInput,
    logo: bytes | None = None,
    language: str = "",
    document_type: str = "invoice",
    timestamp: datetime.datetime | None = None,
) -> TemplatePreview:
    """A sample document with the given (unsaved) branding; without a new logo the saved one
    is used. Nothing is stored."""
    require_permission(actor, "manage_settings", organization)
    checked = _checked_input(data)
    if logo is not None:
        preview_logo: Logo | None = logo_check(logo)
    else:
        saved = branding_row_for(organization)
        preview_logo = logo_of(saved) if saved is not None else branding_spec_for(None).logo
    spec = BrandingSpec(
        primary_color=checked.primary_color,
        accent_color=checked.accent_color,
        footer_text=checked.footer_text,
        window_position=checked.window_position,
        logo=preview_logo,
    )
    language = language_for(language or organization.language)
    default_seller, buyer = SAMPLE_PARTIES[language]
    seller = SampleParty(
        name=organization.name,
        street=default_seller.street,
        postcode=default_seller.postcode,
        city=default_seller.city,
        country=default_seller.country,
        org_number=organization.org_number or default_seller.org_number,
        vat_id=organization.vat_id or default_seller.vat_id,
        email=organization.email or default_seller.email,
        phone=default_seller.phone,
    )
    xml = sample_ubl(language=language, lines=6, seller=seller, buyer=buyer)
    request = request_from_ubl(xml, language=language, document_type=document_type, branding=spec)
    pdf = render_pdf(request, timestamp=timestamp).content
    return TemplatePreview(pdf=pdf, png=pdf_first_page_png(pdf), html=render_html(request))
