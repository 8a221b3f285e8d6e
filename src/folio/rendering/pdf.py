"""PDF/A-3b rendering with Typst, the source XML embedded as an associated file.

One Typst compiler per process is reused for every document (fonts are scanned once, Typst's
caches stay warm). It is built from the template folder's files and each compile names its
template by path: typst-py 0.15.2 breaks on a second compile of a compiler built from
in-memory template text, and this way never does. The compiler's root is the template folder
and its fonts are the configured font folders only; the logo and the source XML reach Typst as
inputs in memory, so rendering reads nothing else and never touches the network.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError
from folio.ingestion import en16931
from folio.ingestion.xml_safety import XmlRejected, parse_xml
from folio.rendering.branding import DEFAULT_BRANDING, BrandingSpec
from folio.rendering.formatting import language_for, language_for_country
from folio.rendering.presentation import (
    RENDERED_TYPES,
    RenderRequest,
    build_presentation,
    default_document_type,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
PDF_STANDARD = "a-3b"


class RenderError(ApplicationError):
    status = 422


class TypstEngine:
    """A reusable Typst compiler bound to Folio's template folder (thread-safe)."""

    def __init__(self, font_dirs: list[str] | None = None):
        dirs = settings.FOLIO_RENDER_FONT_DIRS if font_dirs is None else font_dirs
        self.font_dirs = [str(Path(d)) for d in dirs if Path(d).is_dir()]
        self._compiler = typst.Compiler(
            str(TEMPLATE_DIR / "invoice.typ"),
            root=str(TEMPLATE_DIR),
            font_paths=self.font_dirs,
            ignore_system_fonts=True,
        )
        self._lock = threading.Lock()

    def compile(
        self,
        template: str,
        inputs: dict[str, str],
        *,
        timestamp: datetime.datetime | None = None,
    ) -> bytes:
        if template not in RENDERED_TYPES:
            raise RenderError(
                "render_template_unknown",
                _("There is no template for this document type."),
                extra={"type": template},
            )
        stamp = (timestamp or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
        with self._lock:
            try:
                return self._compiler.compile(
                    input=str(TEMPLATE_DIR / f"{template}.typ"),
                    sys_inputs=inputs,
                    pdf_standards=PDF_STANDARD,
                    timestamp=stamp,
                )
            except typst.TypstError as error:
                raise RenderError(
                    "render_failed",
                    _("The PDF could not be rendered."),
                    extra={"detail": str(error)},
                ) from error


_engine: TypstEngine | None = None
_engine_lock = threading.Lock()


def engine() -> TypstEngine:
    """This process's shared engine, created on first use."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = TypstEngine()
    return _engine


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    document_type: str
    language: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def render_pdf(
    request: RenderRequest,
    *,
    timestamp: datetime.datetime | None = None,
    compiler: TypstEngine | None = None,
) -> RenderedPdf:
    """Render one document to PDF/A-3b; the source XML, if given, is embedded byte for byte."""
    presentation = build_presentation(request)
    inputs = {"data": json.dumps(presentation, ensure_ascii=False)}
    if request.branding.logo is not None:
        inputs["logo"] = request.branding.logo.svg
    source = request.source_xml
    source_name = request.source_filename or f"{presentation['number'] or 'document'}.xml"
    source_text = None
    if source is not None:
        try:
            source_text = source.decode("utf-8")
        except UnicodeDecodeError:
            # Typst takes text inputs; other encodings are put back byte for byte below.
            source_text = source.decode("latin-1")
        inputs["source"] = source_text
        inputs["source_name"] = _safe_filename(source_name)
    content = (compiler or engine()).compile(presentation["type"], inputs, timestamp=timestamp)
    if source is not None and source_text is not None and source_text.encode("utf-8") != source:
        content = _replace_attachment(content, inputs["source_name"], source)
    return RenderedPdf(
        content=content, document_type=presentation["type"], language=presentation["lang"]
    )


def _safe_filename(name: str) -> str:
    base = Path(name.replace("\\", "/")).name or "document.xml"
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return cleaned if cleaned.lower().endswith(".xml") else cleaned + ".xml"


def _replace_attachment(content: bytes, name: str, data: bytes) -> bytes:
    """Swap an embedded file's bytes (and its size and checksum) for the original ones."""
    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        spec = pdf.attachments[name]
        stream = spec.obj.EF.F
        stream.write(data)
        params = stream.get("/Params")
        if params is not None:
            params.Size = len(data)
            if "/CheckSum" in params:
                params.CheckSum = pikepdf.String(hashlib.md5(data, usedforsecurity=False).digest())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def request_from_ubl(
    xml: bytes,
    *,
    language: str | None = None,
    document_type: str | None = None,
    branding: BrandingSpec = DEFAULT_BRANDING,
    filename: str = "",
    attach_source: bool = True,
) -> RenderRequest:
    """Parse UBL bytes (hardened) into a render request; the language defaults to the
    buyer's country's."""
    try:
        invoice = en16931.from_ubl(parse_xml(xml))
    except XmlRejected as error:
        raise RenderError(error.code, error.message) from error
    except en16931.NotAnInvoice as error:
        raise RenderError(
            "render_not_an_invoice", _("Only UBL invoices and credit notes can be rendered.")
        ) from error
    if language is None:
        buyer_address = invoice.buyer.address
        language = language_for_country(buyer_address.country_code if buyer_address else None)
    return RenderRequest(
        invoice=invoice,
        document_type=document_type or default_document_type(invoice),
        language=language_for(language),
        branding=branding,
        source_xml=xml if attach_source else None,
        source_filename=filename,
    )
