"""PDF/A-3b: identification, output intent, and the source XML embedded byte for byte."""

from __future__ import annotations

import io

import pikepdf
import pytest

from folio.rendering.pdf import render_pdf, request_from_ubl
from folio.rendering.sample import sample_ubl


def _open(content: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(content))


def test_pdfa3b_metadata_output_intent_and_embedded_source():
    # A BOM and CRLF line ends: both must survive untouched.
    xml = b"\xef\xbb\xbf" + sample_ubl(language="nb", lines=3).replace(b"\n", b"\r\n")
    pdf = render_pdf(request_from_ubl(xml, filename="faktura 2026-10042.xml")).content
    with _open(pdf) as document:
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Faktura 2026-10042"
        intents = document.Root.OutputIntents
        assert len(intents) == 1
        assert intents[0].S == "/GTS_PDFA1"
        assert intents[0].DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        attachments = document.attachments
        assert list(attachments) == ["faktura_2026-10042.xml"]
        spec = attachments["faktura_2026-10042.xml"]
        assert spec.get_file().read_bytes() == xml
        assert spec.obj.AFRelationship == "/Source"
        assert spec.get_file().mime_type == "application/xml"
        # PDF/A-3 wants the file listed among the document's associated files.
        assert any(item.objgen == spec.obj.objgen for item in document.Root.AF)


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16"])
def test_source_in_another_encoding_is_embedded_byte_for_byte(encoding):
    text = sample_ubl(language="de", lines=2).decode("utf-8")
    declaration = "<?xml version='1.0' encoding='UTF-8'?>"
    assert text.startswith(declaration)
    xml = text.replace(declaration, f'<?xml version="1.0" encoding="{encoding}"?>').encode(encoding)
    pdf = render_pdf(request_from_ubl(xml)).content
    with _open(pdf) as document:
        assert document.open_metadata()["pdfaid:part"] == "3"
        embedded = document.attachments["2026-10042.xml"].get_file()
        assert embedded.read_bytes() == xml
        assert int(embedded.obj.Params.Size) == len(xml)


def test_without_source_nothing_is_attached():
    request = request_from_ubl(sample_ubl(language="sv", lines=1), attach_source=False)
    with _open(render_pdf(request).content) as document:
        assert len(document.attachments) == 0
        assert document.open_metadata()["pdfaid:part"] == "3"
