"""A stylesheet that stops with a dynamic error gives a verdict (rule XSLT), not a crash."""

import json
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.parametrize("engine", ["official", "both", "native"])
def test_stylesheet_dynamic_error_is_a_finding(corpus, tmp_path, engine):
    source = (corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml").read_text(
        encoding="utf-8"
    )
    # An amount that cannot be cast to a number stops the official stylesheet.
    broken = source.replace(
        '<cbc:InvoicedQuantity unitCode="NAR">1</cbc:InvoicedQuantity>',
        '<cbc:InvoicedQuantity unitCode="NAR">abc</cbc:InvoicedQuantity>',
        1,
    )
    assert broken != source
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("validate", str(path), "--json", "--engine", engine, stdout=out)
    assert exit_.value.code == 1
    [result] = json.loads(out.getvalue())
    assert result["conforms"] is False
    assert "XSLT" in {error["rule"] for error in result["errors"]}
