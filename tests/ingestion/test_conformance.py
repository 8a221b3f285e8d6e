"""The VEFA testSet runner with the official engine over every CEN and Peppol UBL unit test."""

import pytest

from folio.ingestion import conformance


def _outcomes(unit_tests, official_unit_findings, stylesheet):
    return [
        conformance.judge(test, findings)
        for test, findings in zip(unit_tests, official_unit_findings, strict=True)
        if test.stylesheet == stylesheet
    ]


def test_every_cen_ubl_unit_test_passes_with_the_official_engine(
    unit_tests, official_unit_findings
):
    outcomes = _outcomes(unit_tests, official_unit_findings, "cen")
    assert len(outcomes) == 1131
    failures = [o.describe() for o in outcomes if not o.passed]
    assert failures == []
    assert {o.test.file.parent.name for o in outcomes} == {
        "Invoice-unit-UBL",
        "CreditNote-unit-UBL",
    }


def test_every_peppol_ubl_unit_test_passes_with_the_official_engine(
    corpus, unit_tests, official_unit_findings
):
    outcomes = _outcomes(unit_tests, official_unit_findings, "peppol")
    assert len(outcomes) == 543  # the CII folders are passed over, commented-out tests too
    failures = [o.describe() for o in outcomes if not o.passed]
    assert failures == []
    known = [(o.test.file.name, o.test.index) for o in outcomes if o.known_deviation]
    assert known == [("DK_Validation_DKR003.xml", i) for i in (10, 11, 12)]
    # The upstream file with the truncated `.xm` extension is read (its tests are commented out).
    files = conformance.find_test_files([corpus / "peppol-bis-invoice-3/rules"])
    assert any(path.suffix == ".xm" for path in files)


def _test_set(tmp_path, body, *, folder="unit-UBL-PEPPOL"):
    directory = tmp_path / folder
    directory.mkdir(exist_ok=True)
    path = directory / "sample.xml"
    path.write_text('<testSet xmlns="http://difi.no/xsd/vefa/validator/1.0">' + body + "</testSet>")
    return path


INVOICE = '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'


def test_set_level_assert_is_merged_and_numbers_count(tmp_path, native):
    path = _test_set(
        tmp_path,
        "<assert><scope>PEPPOL-EN16931-R001</scope></assert>"
        f'<test><assert><error number="2">PEPPOL-EN16931-R001</error></assert>{INVOICE}</test>'
        f"<test><assert><error>PEPPOL-EN16931-R001</error></assert>{INVOICE}</test>"
        f"<!-- <test><assert><success>X</success></assert>{INVOICE}</test> -->",
    )
    outcomes = list(conformance.run([path], native))
    assert len(outcomes) == 2
    assert [o.passed for o in outcomes] == [False, True]
    assert "x2, fired 1" in outcomes[0].describe()


def test_an_in_scope_error_that_is_not_expected_fails(tmp_path, native):
    path = _test_set(
        tmp_path,
        "<assert><scope>PEPPOL-EN16931-R001</scope><scope>PEPPOL-EN16931-R003</scope></assert>"
        f"<test><assert><error>PEPPOL-EN16931-R001</error></assert>{INVOICE}</test>"
        f"<test><assert><success>PEPPOL-EN16931-R003</success></assert>{INVOICE}</test>",
    )
    outcomes = list(conformance.run([path], native))
    assert not outcomes[0].passed
    assert "unexpected error PEPPOL-EN16931-R003" in outcomes[0].describe()
    assert not outcomes[1].passed


@pytest.mark.parametrize(
    ("folder", "stylesheet"),
    [("unit-UBL-NO", "peppol"), ("Invoice-unit-UBL", "cen"), ("unit-CII-NO", None)],
)
def test_folders_choose_the_stylesheet(tmp_path, folder, stylesheet):
    assert conformance.stylesheet_for(tmp_path / folder / "x.xml") == stylesheet
