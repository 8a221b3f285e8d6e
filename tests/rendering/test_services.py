"""Branding, stored artefacts ("as the recipient saw it"), document rendering and the template
preview, through the rendering services with the personas."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from folio.core.errors import NotFoundError, PermissionDeniedError
from folio.documents.models import FileKind
from folio.rendering.branding import BrandingError
from folio.rendering.models import ArtefactKind, Branding
from folio.rendering.pdf import RenderError
from folio.rendering.sample import SampleParty, sample_ubl
from folio.rendering.selectors import (
    artefact_content,
    artefact_get_for_actor,
    artefacts_of_document,
    branding_spec_for,
)
from folio.rendering.services import (
    BrandingInput,
    artefact_store,
    branding_update,
    document_render_html,
    document_render_pdf,
    template_preview,
)
from folio.tenancy.actors import Actor
from tests.factories import DeliveryFactory, DocumentFileFactory, system_actor
from tests.rendering.pdftext import pdf_text, pdf_words, squash

LOOK = BrandingInput(
    primary_color="#7A1F3D", accent_color="#c2410c", footer_text="Hansa · seit 1921"
)


def png_logo(width=300, height=100, color=(122, 31, 61)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def actor_of(persona) -> Actor:
    return Actor.for_user(persona.user)


def test_admin_saves_branding_with_a_logo(german_admin):
    organization = german_admin.organization
    branding = branding_update(
        actor=actor_of(german_admin), organization=organization, data=LOOK, logo=png_logo()
    )
    assert branding.primary_color == "#7A1F3D" and branding.accent_color == "#C2410C"
    assert branding.logo_content_type == "image/png"
    spec = branding_spec_for(organization)
    assert spec.logo is not None and spec.logo.width == 300
    assert organization.audit.filter(action="branding.created").count() == 1


def test_clerk_may_not_change_branding_and_nothing_is_written(subsidiary_clerk_no, row_counts):
    before = row_counts()
    with pytest.raises(PermissionDeniedError):
        branding_update(
            actor=actor_of(subsidiary_clerk_no),
            organization=subsidiary_clerk_no.organization,
            data=LOOK,
        )
    assert row_counts() == before


def test_foreign_tenant_cannot_see_or_change_branding(german_admin, world, row_counts):
    before = row_counts()
    with pytest.raises(NotFoundError):
        branding_update(
            actor=actor_of(german_admin), organization=world.organizations["nordlys-no"], data=LOOK
        )
    assert row_counts() == before


def test_subsidiary_inherits_the_group_branding(enterprise_admin, world):
    group = world.organizations["nordlys"]
    branding_update(actor=actor_of(enterprise_admin), organization=group, data=LOOK)
    assert branding_spec_for(world.organizations["nordlys-no"]).primary_color == "#7A1F3D"
    assert branding_spec_for(world.organizations["hansa"]).primary_color == "#1F3A5F"


SVG_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>x()</script></svg>'
)
SVG_EXTERNAL = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<image href="file:///etc/passwd" width="10" height="10"/></svg>'
)
SVG_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>'
)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a" + b"\x00" * 100, "logo_type"),
        (png_logo()[:60], "logo_type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (600 * 1024), "logo_too_large"),
        (SVG_SCRIPT, "logo_svg_active"),
        (SVG_EXTERNAL, "logo_svg_external"),
        (SVG_ENTITY, "logo_svg_invalid"),
    ],
)
def test_bad_logos_are_refused(german_admin, row_counts, content, code):
    before = row_counts()
    with pytest.raises(BrandingError) as refused:
        branding_update(
            actor=actor_of(german_admin),
            organization=german_admin.organization,
            data=LOOK,
            logo=content,
        )
    assert refused.value.code == code
    assert row_counts() == before


def test_unreadable_primary_colour_is_refused(german_admin):
    with pytest.raises(BrandingError) as refused:
        branding_update(
            actor=actor_of(german_admin),
            organization=german_admin.organization,
            data=BrandingInput(primary_color="#FFE066", accent_color="#000000"),
        )
    assert refused.value.code == "branding_color_contrast"
    assert not Branding.objects.exists()


def test_template_preview_uses_unsaved_branding_and_stores_nothing(german_admin, row_counts):
    before = row_counts()
    svg_logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        b'<rect width="120" height="40" fill="#7A1F3D"/></svg>'
    )
    preview = template_preview(
        actor=actor_of(german_admin),
        organization=german_admin.organization,
        data=BrandingInput(
            primary_color="#7A1F3D", accent_color="#C2410C", window_position="right"
        ),
        logo=svg_logo,
    )
    assert row_counts() == before
    text = squash(pdf_text(preview.pdf))
    assert "Hansa Handelshaus GmbH" in text and "Rechnung" in text
    assert preview.png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(preview.png)) as image:
        assert image.width < image.height  # an A4 page, upright
    # The recipient's address sits in the right-hand window.
    weiss = [w for w in pdf_words(preview.pdf) if w.text == "Weiß" and w.page == 1]
    assert any(w.x0 >= 100 and w.x1 <= 190 and 45 <= w.y0 <= 90 for w in weiss)
    assert "color:#7A1F3D" in preview.html.replace(" ", "")


def test_document_renders_from_its_source_xml_in_the_customers_language(world):
    document = world.documents["kari-invoice-sent"]
    customer = document.customer
    seller = SampleParty(
        "Nordlys Energi Norge AS", "Kraftveien 1", "0150", "Oslo", "NO", "923609016"
    )
    xml = sample_ubl(language="nb", number=document.number, seller=seller)
    DocumentFileFactory(
        document=document,
        kind=FileKind.SOURCE_XML,
        filename=f"{document.number}.xml",
        content=xml,
        content_type="application/xml",
    )
    rendered = document_render_pdf(document=document, actor=system_actor())
    text = squash(pdf_text(rendered.content))
    assert rendered.language == customer.language
    assert document.number in text
    assert customer.name in text  # the customer register's name and address in the window
    assert customer.customer_number in text
    html = document_render_html(document=document, actor=system_actor(), email=True)
    assert document.number in html and customer.name in html


def test_document_without_source_cannot_render(world):
    with pytest.raises(RenderError) as refused:
        document_render_pdf(document=world.documents["kari-invoice-paid"], actor=system_actor())
    assert refused.value.code == "render_no_source"


def test_artefacts_are_kept_byte_for_byte_with_a_preview(world, subsidiary_clerk_no, german_admin):
    document = subsidiary_clerk_no.document
    delivery = DeliveryFactory(document=document, channel="print")
    pdf = document_render_pdf_sample()
    artefact = artefact_store(
        actor=system_actor(),
        document=document,
        delivery=delivery,
        kind=ArtefactKind.PDF,
        content=pdf,
        content_type="application/pdf",
        filename="letter.pdf",
        language="nb",
    )
    mime = b"From: a@example.com\r\nSubject: Faktura\r\n\r\nHei\r\n"
    email = artefact_store(
        actor=system_actor(),
        document=document,
        kind=ArtefactKind.EMAIL,
        content=mime,
        content_type="message/rfc822",
        filename="message.eml",
    )
    clerk = actor_of(subsidiary_clerk_no)
    assert artefact_content(artefact_get_for_actor(clerk, code=artefact.code)) == pdf
    assert artefact_content(artefact_get_for_actor(clerk, code=email.code)) == mime
    assert not email.preview
    with artefact.preview.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert list(artefacts_of_document(clerk, document)) == [artefact, email]
    with pytest.raises(NotFoundError):
        artefact_get_for_actor(actor_of(german_admin), code=artefact.code)


def test_tampered_artefact_is_detected(subsidiary_clerk_no):
    from folio.core.errors import ApplicationError

    artefact = artefact_store(
        actor=system_actor(),
        document=subsidiary_clerk_no.document,
        kind=ArtefactKind.CHANNEL_PAYLOAD,
        content=b'{"amount": 100}',
        content_type="application/json",
        filename="payload.json",
    )
    with open(artefact.file.path, "wb") as handle:
        handle.write(b'{"amount": 999}')
    with pytest.raises(ApplicationError) as refused:
        artefact_content(artefact)
    assert refused.value.code == "artefact_corrupt"


def document_render_pdf_sample() -> bytes:
    from folio.rendering.pdf import render_pdf, request_from_ubl

    return render_pdf(request_from_ubl(sample_ubl(language="nb", lines=2))).content
