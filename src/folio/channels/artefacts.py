"""What channels send: the document's PDF, its source XML and an HTML summary.

The one place that asks for renderings, so that wiring the rendering app's PDF/A-3 output in
changes only `document_pdf`. Until then the PDF is the one stored with the document.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from folio.channels.base import Attachment, TransportError
from folio.documents.models import Document, DocumentFile, FileKind


def _latest_file(document: Document, kind: str) -> DocumentFile | None:
    return (
        DocumentFile.objects.filter(document=document, kind=kind)
        .order_by("-version", "-created_at")
        .first()
    )


def document_pdf(document: Document) -> Attachment:
    """The document as a PDF; a permanent error when there is none to send."""
    stored = _latest_file(document, FileKind.PDF)
    if stored is None:
        raise TransportError(str(_("No PDF of this document is available.")), permanent=True)
    with stored.file.open("rb") as handle:
        content = handle.read()
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
    """A short, accessible HTML view of the document's header, lines and totals."""
    if not language:
        language = document.customer.language if document.customer else "en"
    with translation.override(language):
        return render_to_string(
            "channels/document_summary.html",
            {"document": document, "lines": list(document.lines.all())},
        )
