"""The CLI contract other tools rely on: exit codes 0/1/2, the JSON shape, the closing line."""

import json
import zipfile

import pytest
from django.core.management import call_command


def _run(*args) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def valid(corpus):
    return str(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml")


@pytest.fixture
def legacy(corpus):
    return str(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-2-faktura-1.xml")


@pytest.mark.parametrize("engine", ["native", "official", "both"])
def test_validate_json_shape_and_exit_codes(valid, legacy, engine):
    code, out, _ = _run("validate", valid, "--json", "--engine", engine)
    assert code == 0
    [result] = json.loads(out)
    assert set(result) == {"file", "conforms", "document_type", "errors", "warnings", "engine"}
    assert result["file"] == valid and result["conforms"] is True
    assert result["document_type"] == "Invoice" and result["engine"] == engine
    assert result["errors"] == []
    for finding in result["warnings"]:
        assert set(finding) == {"rule", "severity", "message", "location"}
        assert finding["severity"] == "warning"

    code, out, _ = _run("validate", valid, legacy, "--json", "--engine", engine)
    assert code == 1
    results = json.loads(out)
    assert [r["conforms"] for r in results] == [True, False]
    assert all(e["severity"] == "fatal" for e in results[1]["errors"])


def test_schema_errors_have_rule_xsd(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><X/></Invoice>'
    )
    code, out, _ = _run("validate", str(bad), "--json")
    assert code == 1
    assert "XSD" in {e["rule"] for e in json.loads(out)[0]["errors"]}


def test_validate_unreadable_or_hostile_input_exits_2(tmp_path, valid):
    hostile = tmp_path / "xxe.xml"
    hostile.write_bytes(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    code, _, err = _run("validate", valid, str(hostile))
    assert code == 2 and "xml_doctype_forbidden" in err
    code, _, err = _run("validate", str(tmp_path / "missing.xml"))
    assert code == 2 and "cannot read" in err


def test_validate_usage_errors_exit_2(valid):
    from django.core.management.base import CommandError

    with pytest.raises((CommandError, SystemExit)):
        call_command("validate", valid, "--engine", "nonsense")


def test_conformance_prints_failures_and_the_closing_line(corpus, tmp_path):
    folder = corpus / "peppol-bis-invoice-3/rules/unit-UBL-NO"
    code, out, _ = _run("conformance", str(folder), "--engine", "official")
    assert code == 0
    from folio.ingestion.conformance import collect

    assert out.strip().splitlines()[-1] == f"{len(collect([folder]))} passed, 0 failed"

    failing = tmp_path / "unit-UBL-PEPPOL"
    failing.mkdir()
    (failing / "t.xml").write_text(
        '<testSet xmlns="http://difi.no/xsd/vefa/validator/1.0"><test><assert>'
        "<error>PEPPOL-EN16931-R001</error></assert>"
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cbc:ProfileID>x</cbc:ProfileID></Invoice></test></testSet>"
    )
    code, out, _ = _run("conformance", str(failing))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("FAIL ") and "PEPPOL-EN16931-R001" in lines[0]
    assert lines[-1] == "0 passed, 1 failed"


def test_conformance_missing_path_exits_2(tmp_path):
    code, _, err = _run("conformance", str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err


def test_rules_install_status_and_checksums(corpus, tmp_path, settings):
    settings.FOLIO_RULES_DIR = tmp_path / "rules"
    code, out, _ = _run("rules", "status")
    assert code == 0 and "no rules installed" in out

    code, out, _ = _run("rules", "install", str(corpus))
    assert code == 0 and "installed" in out
    manifest = json.loads((tmp_path / "rules" / "MANIFEST.json").read_text())
    assert manifest["versions"]["peppol"] == "2026.5"
    assert {"xslt/cen.xslt", "xslt/peppol.xslt", "xsd/wrapper-invoice.xsd"} <= set(
        manifest["files"]
    )
    code, out, _ = _run("rules", "status")
    assert code == 0 and "all checksums match" in out

    (tmp_path / "rules" / "xslt" / "peppol.xslt").write_text("tampered")
    code, out, _ = _run("rules", "status")
    assert code == 1 and "CHANGED" in out and "xslt/peppol.xslt" in out


def test_rules_install_from_a_zip_and_validate_with_it(corpus, tmp_path, settings, valid):
    source = tmp_path / "rules.zip"
    base = corpus / "peppol-xslt-2026.5/phive-rules-peppol/src/main/resources/external"
    with zipfile.ZipFile(source, "w") as bundle:
        xslt = base / "schematron/openpeppol/2026.5/xslt"
        for name in ("CEN-EN16931-UBL.xslt", "PEPPOL-EN16931-UBL.xslt"):
            bundle.write(xslt / name, f"release/xslt/{name}")
        for path in (corpus / "ubl-2.1-xsd").rglob("*.xsd"):
            bundle.write(path, f"release/ubl/{path.relative_to(corpus / 'ubl-2.1-xsd')}")
    settings.FOLIO_RULES_DIR = tmp_path / "installed"
    code, _, _ = _run("rules", "install", str(source))
    assert code == 0
    code, out, _ = _run("validate", valid, "--engine", "official", "--json")
    assert code == 0 and json.loads(out)[0]["conforms"]


def test_rules_install_refuses_a_zip_slip(tmp_path, settings):
    source = tmp_path / "evil.zip"
    with zipfile.ZipFile(source, "w") as bundle:
        bundle.writestr("../../escaped.txt", "x")
    settings.FOLIO_RULES_DIR = tmp_path / "rules"
    code, _, err = _run("rules", "install", str(source))
    assert code == 2 and "rules_zip_unsafe" in err
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_rules_fetch_names_what_to_download():
    code, _, err = _run("rules", "fetch")
    assert code == 2
    assert "folio rules install" in err and "2026.5" in err


def test_rules_coverage_lists_missing_families():
    code, out, _ = _run("rules", "coverage", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["cen"]["total"] == 979 and report["peppol"]["total"] == 165
    assert report["cen"]["implemented"] == 979
    assert report["cen"]["missing"] == []
    assert report["peppol"]["implemented"] + len(report["peppol"]["missing"]) == 165
