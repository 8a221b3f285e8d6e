"""Where things land on the page: window envelopes, page breaks, wide amounts, long names."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest

from folio.rendering.branding import BrandingSpec
from folio.rendering.pdf import render_pdf, request_from_ubl
from folio.rendering.presentation import RENDERED_TYPES
from folio.rendering.sample import SAMPLE_PARTIES, SampleLine, sample_lines, sample_ubl
from tests.rendering.pdftext import pdf_pages, pdf_text, pdf_words, squash

# C5/DL window envelopes (DIN 5008 form B address zone): 90 x 45 mm, 45 mm from the top edge,
# 20 mm from the left edge (left window) or from the right edge (right window) of an A4 sheet.
WINDOWS = {"left": (20.0, 45.0, 110.0, 90.0), "right": (100.0, 45.0, 190.0, 90.0)}


def _recipient_words(words, name_and_lines: list[str]):
    wanted = {token for line in name_and_lines for token in line.split()}
    return [word for word in words if word.page == 1 and word.text in wanted]


@pytest.mark.parametrize("window", ["left", "right"])
@pytest.mark.parametrize("document_type", RENDERED_TYPES)
def test_address_block_inside_the_window(document_type, window):
    _seller, buyer = SAMPLE_PARTIES["nb"]
    xml = sample_ubl(language="nb", lines=2, credit_note=document_type == "credit_note")
    request = request_from_ubl(
        xml, document_type=document_type, branding=BrandingSpec(window_position=window)
    )
    words = pdf_words(render_pdf(request).content)
    address = [buyer.name, buyer.street, f"{buyer.postcode} {buyer.city}"]
    found = _recipient_words(words, address)
    # Every token of the recipient's name and address is printed inside the window; the name
    # may appear elsewhere too (never mind), but one copy of each token must be in the window.
    x0, y0, x1, y1 = WINDOWS[window]
    inside = [w for w in found if w.x0 >= x0 and w.x1 <= x1 and w.y0 >= y0 and w.y1 <= y1]
    tokens_inside = {w.text for w in inside}
    assert tokens_inside == {token for line in address for token in line.split()}
    # ...and nothing else is printed in the window but the return address line above them.
    name_top = min(w.y0 for w in inside)
    intruders = [
        w
        for w in words
        if w.page == 1
        and w.x0 < x1
        and w.x1 > x0
        and name_top <= w.y0 < y1
        and w.text not in tokens_inside
    ]
    assert intruders == []


def test_three_hundred_lines_break_across_pages_with_repeated_headers():
    lines = sample_lines(300)
    xml = sample_ubl(language="nb", lines=lines)
    pdf = render_pdf(request_from_ubl(xml)).content
    pages = pdf_pages(pdf)
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert "Beskrivelse" in page and "Enhetspris" in page, f"no table header on page {number}"
        assert f"{number}/{len(pages)}" in page
    # The totals, computed here from the lines, and every line once.
    net = sum(
        (line.quantity * line.price).quantize(Decimal("0.01"), ROUND_HALF_UP) for line in lines
    )
    vat = (net * Decimal("0.25")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = squash(pdf_text(pdf))
    grouped = f"{net + vat:,.2f}".replace(",", " ").replace(".", ",")
    assert f"NOK {grouped}" in text
    for index in (1, 150, 300):
        assert text.count(f"SKU-{index:04d}") == 1


def test_huge_amounts_and_long_names_never_overlap():
    _seller, buyer = SAMPLE_PARTIES["de"]
    long_name = "Wartungsvertrag für die Umspannstation Nord " * 4
    lines = [
        SampleLine(long_name.strip(), Decimal("123456.5"), "C62", Decimal("9876543.21")),
        SampleLine(
            "Donaudampfschifffahrtsgesellschaftskapitänsmütze",
            Decimal(1),
            "C62",
            Decimal("99999999999.99"),
        ),
        SampleLine("Kleinteile", Decimal(3), "C62", Decimal("1.50")),
    ]
    xml = sample_ubl(
        language="de",
        lines=lines,
        buyer=replace(buyer, name="Jürgen Weiß " + "Großhandelsgesellschaft " * 3),
    )
    pdf = render_pdf(request_from_ubl(xml)).content
    words = pdf_words(pdf)
    text = squash(pdf_text(pdf))
    # 1 219 323 456 805,37 (line 1) + 99 999 999 999,99 (line 2) + 4,50 = 1 319 323 456 809,86
    # net; 19 % VAT 250 671 456 793,87; payable 1 569 994 913 603,73.
    amounts = ("1.219.323.456.805,37", "99.999.999.999,99", "250.671.456.793,87")
    for amount in (*amounts, "EUR 1.569.994.913.603,73"):
        assert amount in text, amount
    overlapping = [
        (a.text, b.text) for i, a in enumerate(words) for b in words[i + 1 :] if a.overlaps(b)
    ]
    assert overlapping == []
    # Nothing runs off the sheet's printable area (20 mm margins left and right).
    assert all(w.x0 >= 19.0 and w.x1 <= 191.0 for w in words), [
        w for w in words if w.x0 < 19.0 or w.x1 > 191.0
    ]
