"""The HTML rendering: same content as the PDF, accessible structure, escaped text."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser

from folio.rendering.branding import BrandingSpec, contrast_on_white
from folio.rendering.html import render_html
from folio.rendering.pdf import request_from_ubl
from folio.rendering.sample import SAMPLE_PARTIES, SampleLine, sample_ubl


class Outline(HTMLParser):
    """Collects the tags, headings and table header cells of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def test_html_says_what_the_pdf_says_with_accessible_structure():
    request = request_from_ubl(sample_ubl(language="nb", lines=5))
    page = render_html(request)
    parsed = outline(page)
    text = " ".join("".join(parsed.text).split()).replace("\u00a0", " ")
    assert ("html", {"lang": "nb"}) in parsed.tags
    assert [tag for tag, _ in parsed.tags].count("h1") == 1
    assert "Faktura 2026-10042" in text
    for phrase in ("Bjørn Ærøy Åsheim", "NOK 14 269,36", "0012345678903", "30. nov. 2026"):
        assert phrase in text, phrase
    column_heads = [
        attrs for tag, attrs in parsed.tags if tag == "th" and attrs.get("scope") == "col"
    ]
    row_heads = [attrs for tag, attrs in parsed.tags if tag == "th" and attrs.get("scope") == "row"]
    assert len(column_heads) >= 5
    assert len(row_heads) >= 5  # one per line
    assert any(tag == "caption" for tag, _ in parsed.tags)
    assert (
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    ) in parsed.tags
    # E-mail clients drop <style> blocks: everything is inline.
    assert "<style" not in page


def test_document_text_is_escaped():
    _seller, buyer = SAMPLE_PARTIES["en"]
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    xml = sample_ubl(
        language="en",
        buyer=replace(buyer, name=hostile),
        lines=[SampleLine(hostile, Decimal(1), "C62", Decimal("5.00"))],
    )
    page = render_html(request_from_ubl(xml))
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_branding_colour_and_logo_reach_the_page():
    from folio.rendering.branding import logo_check

    logo = logo_check(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20">'
        b'<rect width="80" height="20"/></svg>'
    )
    branding = BrandingSpec(primary_color="#0B5394", logo=logo)
    assert contrast_on_white("#0B5394") >= 4.5
    page = render_html(request_from_ubl(sample_ubl(language="sv", lines=1), branding=branding))
    assert "color:#0B5394" in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'alt="Västkust Energi AB"' in page


def test_email_body_has_a_preview_line_and_the_portal_page_has_none():
    request = request_from_ubl(sample_ubl(language="da", lines=2))
    email = render_html(request, email=True)
    portal = render_html(request)
    preview = "Faktura 2026-10042 · At betale DKK 1.438,49"  # 1 150,79 + 25 % VAT
    assert preview in email.replace("\u00a0", " ")
    assert preview not in portal.replace("\u00a0", " ")
    assert "x-apple-disable-message-reformatting" in email


def test_sepa_payment_shows_the_epc_qr_code():
    page = render_html(request_from_ubl(sample_ubl(language="de", lines=1)))
    assert 'alt="Mit der Banking-App scannen"' in page
    assert page.count("data:image/svg+xml;base64,") == 1
    nok = render_html(request_from_ubl(sample_ubl(language="nb", lines=1)))
    assert "data:image/svg+xml;base64," not in nok  # EPC QR codes are for EUR only
