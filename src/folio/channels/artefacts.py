"""What channels send: the document's PDF, its source XML and its HTML view.

The one place where channels ask the rendering app for renderings. A PDF the sender supplied
with the document is sent as it is; otherwise the rendering app makes the PDF/A-3 (source UBL
embedded) from the source XML.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from folio.channels.base import Attachment, TransportError
from folio.core.errors import ApplicationError
from folio.documents.models import Document, DocumentFile, FileKind
from folio.rendering.services import document_render_html, document_render_pdf
from folio.tenancy.actors import Actor


def _rendering_actor() -> Actor:
    # A fresh actor per call: an Actor caches the organizations it may act on.
    return Actor.for_system("delivery")


def _latest_file(document: Document, kind: str) -> DocumentFile | None:
    return (
        DocumentFile.objects.filter(document=document, kind=kind)
        .order_by("-version", "-created_at")
        .first()
    )


def document_pdf(document: Document) -> Attachment:
    """The document as a PDF; a permanent error when there is none to send."""
    stored = _latest_file(document, FileKind.PDF)
    if stored is not None:
        with stored.file.open("rb") as handle:
            content = handle.read()
    else:
        try:
            content = document_render_pdf(document=document, actor=_rendering_actor()).content
        except ApplicationError as exc:
            raise TransportError(
                str(_("No PDF of this document is available: %s") % exc.message), permanent=True
            ) from exc
    return Attachment(
        filename=f"{document.number}.pdf", content=content, content_type="application/pdf"
    )


def document_source_xml(document: Document) -> Attachment | None:
    stored = _latest_file(document, FileKind.SOURCE_XML)
    if stored is None:
        return None
    with stored.file.open("rb") as handle:
        content = handle.read()
    return Attachment(
        filename=f"{document.number}.xml", content=content, content_type="application/xml"
    )


def document_summary_html(document: Document, *, language: str = "") -> str:
    """The rendering app's HTML view of the document; a short summary when it has no source."""
    try:
        return mark_safe(  # noqa: S308 - the rendering app escapes what it renders
            document_render_html(
                document=document, actor=_rendering_actor(), language=language or None
            )
        )
    except ApplicationError:
        pass
    if not language:
        language = document.customer.language if document.customer else "en"
    with translation.override(language):
        return render_to_string(
            "channels/document_summary.html",
            {"document": document, "lines": list(document.lines.all())},
        )
