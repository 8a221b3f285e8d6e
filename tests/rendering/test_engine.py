"""The Typst engine: one compiler reused across documents and templates, fonts embedded."""

from __future__ import annotations

import io

import pikepdf

from folio.rendering.pdf import TypstEngine, render_pdf, request_from_ubl
from folio.rendering.sample import sample_ubl
from tests.rendering.pdftext import pdf_text, squash


def test_one_compiler_renders_many_documents_and_templates():
    """typst-py 0.15.2 fails on a second compile of a compiler built from in-memory template
    text; ours is built from the template folder and must keep working, switching templates
    and data on every compile."""
    compiler = TypstEngine()
    runs = [
        ("nb", "invoice", "A-1", False),
        ("de", "credit_note", "B-2", True),
        ("sv", "reminder", "C-3", False),
        ("nb", "invoice", "D-4", False),
        ("sk", "delivery_note", "E-5", False),
    ]
    for language, document_type, number, credit in runs:
        xml = sample_ubl(language=language, number=number, lines=2, credit_note=credit)
        request = request_from_ubl(xml, document_type=document_type)
        rendered = render_pdf(request, compiler=compiler)
        text = squash(pdf_text(rendered.content))
        assert number in text
        others = [other for _, _, other, _ in runs if other != number]
        assert not any(other in text for other in others), "data leaked from another compile"
        assert rendered.document_type == document_type


def test_only_configured_fonts_are_used_and_all_are_embedded():
    rendered = render_pdf(request_from_ubl(sample_ubl(language="sk", lines=2)))
    with pikepdf.open(io.BytesIO(rendered.content)) as pdf:
        fonts = {}
        for page in pdf.pages:
            for _name, font in page.Resources.Font.items():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                embedded = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                fonts[str(descendant.BaseFont)] = embedded
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("Inter" in name for name in fonts), fonts


def test_engine_without_font_folders_falls_back_to_typst_fonts():
    compiler = TypstEngine(font_dirs=["/nonexistent-folder"])
    assert compiler.font_dirs == []
    rendered = render_pdf(request_from_ubl(sample_ubl(language="de", lines=1)), compiler=compiler)
    assert "Jürgen Weiß" in pdf_text(rendered.content)
