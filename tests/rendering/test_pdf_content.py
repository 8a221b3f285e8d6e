"""What the PDFs say: numbers, totals, KID, due dates and names, in all six languages."""

from __future__ import annotations

import pytest

from folio.rendering.pdf import render_pdf, request_from_ubl
from folio.rendering.sample import sample_ubl
from tests.rendering.pdftext import pdf_text, squash

# The sample has five lines summing to 11 415,49 before VAT (see folio.rendering.sample.ITEMS);
# VAT is 25 % in NO/SE/DK, 19 % in DE, 23 % in SK and 20 % in GB.
EXPECTED = {
    "nb": {
        "names": ["Fjordkraft Østlandet AS", "Bjørn Ærøy Åsheim", "Blåbærstien 7"],
        "words": ["Faktura 2026-10042", "Å betale", "KID", "Forfallsdato", "MVA-spesifikasjon"],
        "total": "NOK 14 269,36",
        "vat": "2 853,87",
        "due": "30. nov. 2026",
    },
    "sv": {
        "names": ["Västkust Energi AB", "Åsa Öberg", "Älvvägen 3", "Skellefteå"],
        "words": ["Faktura 2026-10042", "Att betala", "Förfallodatum", "OCR/referens"],
        "total": "SEK 14 269,36",
        "vat": "2 853,87",
        "due": "30 nov. 2026",
    },
    "da": {
        "names": ["Østjysk Forsyning A/S", "Søren Kjær Jørgensen", "Æblehaven 5"],
        "words": ["Faktura 2026-10042", "At betale", "Forfaldsdato", "Betalingsreference"],
        "total": "DKK 14.269,36",
        "vat": "2.853,87",
        "due": "30. nov. 2026",
    },
    "de": {
        "names": ["Süderelbe Werkstätten GmbH", "Jürgen Weiß", "Schloßstraße 14", "München"],
        "words": ["Rechnung 2026-10042", "Zu zahlen", "Fällig am", "Verwendungszweck"],
        "total": "EUR 13.584,43",
        "vat": "2.168,94",
        "due": "30.11.2026",
    },
    "sk": {
        "names": ["Vodárne Žilina s.r.o.", "Ľubomír Čierny", "Šafárikova 22", "Košice"],
        "words": ["Faktúra 2026-10042", "Na úhradu", "Dátum splatnosti", "Rozpis DPH"],
        "total": "EUR 14 041,05",
        "vat": "2 625,56",
        "due": "30. 11. 2026",
    },
    "en": {
        "names": ["Northwind Supplies Ltd", "Evelyn Hart", "22 Mill Lane"],
        "words": ["Invoice 2026-10042", "Amount due", "Payment reference", "VAT breakdown"],
        "total": "GBP 13,698.59",
        "vat": "2,283.10",
        "due": "30 Nov 2026",
    },
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_invoice_text_in_each_language(language):
    expected = EXPECTED[language]
    pdf = render_pdf(request_from_ubl(sample_ubl(language=language, lines=5))).content
    text = squash(pdf_text(pdf))
    for phrase in [*expected["names"], *expected["words"]]:
        assert phrase in text, phrase
    assert expected["total"] in text
    assert expected["vat"] in text
    assert expected["due"] in text
    assert "0012345678903" in text  # KID / payment reference
    assert "1 101,79" in text or "1.101,79" in text or "1,101.79" in text  # line 2 net


TITLES = {
    "nb": {
        "invoice": "Faktura",
        "credit_note": "Kreditnota",
        "reminder": "Purring",
        "quote": "Tilbud",
        "order_confirmation": "Ordrebekreftelse",
        "delivery_note": "Følgeseddel",
        "statement": "Kontoutskrift",
        "payment_request": "Betalingsanmodning",
    },
    "de": {
        "invoice": "Rechnung",
        "credit_note": "Gutschrift",
        "reminder": "Zahlungserinnerung",
        "quote": "Angebot",
        "order_confirmation": "Auftragsbestätigung",
        "delivery_note": "Lieferschein",
        "statement": "Kontoauszug",
        "payment_request": "Zahlungsaufforderung",
    },
}


@pytest.mark.parametrize(
    ("language", "document_type"),
    [(language, kind) for language, titles in TITLES.items() for kind in titles],
)
def test_every_document_type(language, document_type):
    xml = sample_ubl(language=language, lines=3, credit_note=document_type == "credit_note")
    rendered = render_pdf(request_from_ubl(xml, document_type=document_type))
    assert rendered.document_type == document_type
    text = squash(pdf_text(rendered.content))
    assert f"{TITLES[language][document_type]} 2026-10042" in text
    seller, buyer = (
        ("Fjordkraft Østlandet AS", "Bjørn Ærøy Åsheim")
        if language == "nb"
        else (
            "Süderelbe Werkstätten GmbH",
            "Jürgen Weiß",
        )
    )
    assert seller in text and buyer in text
    assert "Strøm, fastledd 1" in text  # the first line's item
    net_line_two = "1 101,79" if language == "nb" else "1.101,79"
    payable = {"nb": "NOK 12 219,74", "de": "EUR 11.633,19"}[language]  # 3 lines: 9 775,79 net
    kid = "0012345678903"
    if document_type == "delivery_note":
        # Goods and quantities only: no prices, no totals, no payment slip.
        assert net_line_two not in text and payable not in text and kid not in text
        assert "1 234,5" in text or "1.234,5" in text
    else:
        assert net_line_two in text
    if document_type in {"invoice", "reminder", "payment_request", "statement"}:
        assert payable in text and kid in text
        assert ("30. nov. 2026" if language == "nb" else "30.11.2026") in text
    if document_type in {"quote", "order_confirmation"}:
        assert payable in text  # the quoted / ordered total
        assert kid not in text
    if document_type == "credit_note":
        assert kid not in text
        assert "2026-10001" in text  # the invoice it credits


def test_document_text_cannot_inject_typst_markup():
    """Names are data, not markup: Typst code in a name is printed, never run."""
    from folio.rendering.sample import SAMPLE_PARTIES, SampleLine

    _seller, buyer = SAMPLE_PARTIES["en"]
    hostile = '#read("/etc/passwd") ] #panic("boom") $x$ *bold*'
    from dataclasses import replace
    from decimal import Decimal

    xml = sample_ubl(
        language="en",
        buyer=replace(buyer, name=hostile),
        lines=[SampleLine(hostile, Decimal(1), "C62", Decimal("10.00"))],
    )
    text = squash(pdf_text(render_pdf(request_from_ubl(xml)).content))
    assert '#read("/etc/passwd")' in text
    assert '#panic("boom") $x$ *bold*' in text
    assert "root:" not in text
