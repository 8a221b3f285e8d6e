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


def test_templates_read_nothing_but_their_inputs():
    """Rendering must not reach the network or files beyond the template folder: no Typst
    packages (they are downloaded), no file reads; images and data come from sys.inputs."""
    import re

    from folio.rendering.pdf import TEMPLATE_DIR

    templates = sorted(TEMPLATE_DIR.glob("*.typ"))
    assert len(templates) == 9  # the layout and eight document types
    for template in templates:
        source = template.read_text()
        assert "@preview" not in source and "@local" not in source, template.name
        assert not re.search(r"\bread\(", source), template.name
        for call in re.findall(r"\b(image|json|csv|yaml|toml|xml|cbor|plugin)\(([^,)]*)", source):
            assert call[1].startswith("bytes("), (template.name, call)
        for imported in re.findall(r'#import "([^"]+)"', source):
            assert (TEMPLATE_DIR / imported).is_file() and "/" not in imported
