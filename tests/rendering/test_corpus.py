"""Official example documents from the shared corpus render, saying what the XML says."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from folio.ingestion import en16931
from folio.ingestion.xml_safety import parse_xml
from folio.rendering.formatting import Formatter
from folio.rendering.html import render_received_html
from folio.rendering.pdf import render_pdf, request_from_ubl
from tests.rendering.pdftext import pdf_text, pdf_words, squash

CORPUS_GLOBS = [
    "en16931-cen/ubl/examples/*.xml",
    "en16931-cen/ubl/examples/*.XML",
    "peppol-bis-invoice-3/rules/examples/*.xml",
    "peppol-bis-invoice-3/rules/national-examples/NO/*.xml",
    "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml",
    "ehf-g3/src/payment-request-3.0/rules/example/*.xml",
    "ehf-g3/docs/forward-billing-3.0/guide/example/energy/*.xml",
]


def corpus_examples() -> list[Path]:
    root = Path(settings.FOLIO_CORPUS)
    return sorted(path for pattern in CORPUS_GLOBS for path in root.glob(pattern))


def test_corpus_is_there():
    assert len(corpus_examples()) >= 30, (
        f"the shared corpus was not found at {settings.FOLIO_CORPUS}"
    )


@pytest.mark.parametrize("path", corpus_examples(), ids=lambda path: path.name)
def test_corpus_example_renders_its_numbers(path):
    xml = path.read_bytes()
    request = request_from_ubl(xml, filename=path.name)
    invoice = request.invoice
    pdf = render_pdf(request).content
    text = squash(pdf_text(pdf))
    words = pdf_words(pdf)
    overlapping = [(a, b) for i, a in enumerate(words) for b in words[i + 1 :] if a.overlaps(b)]
    assert overlapping == []
    formatter = Formatter(request.language)
    assert squash(invoice.number) in text
    if invoice.totals.payable is not None:
        assert formatter.amount(invoice.totals.payable).replace("\u00a0", " ") in text
    if invoice.seller.name:
        assert squash(invoice.seller.name) in text
    for line in invoice.lines[:5]:
        if line.net_amount is not None:
            assert formatter.amount(line.net_amount).replace("\u00a0", " ") in text


def test_received_document_html_shows_both_parties_lines_and_sums():
    path = Path(settings.FOLIO_CORPUS) / "en16931-cen/ubl/examples/ubl-tc434-example1.xml"
    invoice = en16931.from_ubl(parse_xml(path.read_bytes()))
    page = render_received_html(invoice, language="en")
    assert '<html lang="en">' in page
    assert invoice.seller.name in page and invoice.buyer.name in page
    assert page.count('<th scope="row"') >= len(invoice.lines)
    assert "250.33" in page  # payable (BT-115)
    assert invoice.totals.payable == Decimal("250.33")
