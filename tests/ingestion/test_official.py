"""The official engine (UBL XSD + OpenPeppol 2026.5 XSLT via saxonche) on whole documents."""

import pytest

from folio.ingestion.validation.official import parse_svrl
from folio.ingestion.xml_safety import parse_xml, parse_xml_file
from tests.ingestion.conftest import example_documents


def test_valid_examples_conform(corpus, official):
    for path in example_documents(corpus):
        # The CEN examples are plain EN 16931, not Peppol BIS: they answer to the CEN rules.
        is_cen = "en16931-cen" in path.parts
        stylesheets = ("cen",) if is_cen else ("cen", "peppol")
        report = official.validate(parse_xml_file(path), stylesheets=stylesheets)
        assert report.conforms, (path, [f.rule for f in report.errors])
        assert report.document_type in ("Invoice", "CreditNote")
        assert all(f.severity == "warning" for f in report.warnings)


def test_legacy_ehf2_is_rejected_by_peppol_3_rules(corpus, official):
    path = corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-2-faktura-1.xml"
    report = official.validate(parse_xml_file(path))
    assert not report.conforms
    fired = {f.rule for f in report.errors}
    assert "PEPPOL-EN16931-R004" in fired  # not a BIS 3 customization id
    assert "BR-CO-15" in fired


def test_schema_errors_are_reported_as_xsd(official):
    tree = parse_xml(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        b"<Unknown/></Invoice>"
    )
    report = official.validate(tree, stylesheets=())
    assert not report.conforms
    assert {f.rule for f in report.errors} == {"XSD"}
    assert report.errors[0].severity == "fatal"


@pytest.mark.parametrize("name", ["cen", "peppol"])
def test_a_document_cannot_make_the_stylesheets_read_files(official, tmp_path, name):
    secret = tmp_path / "secret.xml"
    secret.write_text("<secret>TOP-SECRET</secret>")
    tree = parse_xml(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        + f"<cbc:CustomizationID>{secret.as_uri()}</cbc:CustomizationID></Invoice>".encode()
    )
    findings = official.rule_findings(tree, name)
    assert all("TOP-SECRET" not in f.message for f in findings)


def test_svrl_parsing_reads_id_flag_text_and_location():
    svrl = (
        '<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">'
        '<svrl:failed-assert id="BR-01" flag="fatal" location="/Invoice" test="x">'
        "<svrl:text>[BR-01]-An   Invoice</svrl:text></svrl:failed-assert>"
        '<svrl:failed-assert id="UBL-CR-001" flag="warning" location="/Invoice" test="y">'
        "<svrl:text>w</svrl:text></svrl:failed-assert></svrl:schematron-output>"
    )
    findings = parse_svrl(svrl)
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("BR-01", "fatal", "[BR-01]-An Invoice"),
        ("UBL-CR-001", "warning", "w"),
    ]
