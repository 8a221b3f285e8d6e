from pathlib import Path

import pytest
from django.conf import settings

from folio.ingestion.validation.rules_store import corpus_rule_files


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = Path(settings.FOLIO_CORPUS)
    assert (path / "README.md").is_file(), f"the shared corpus is missing at {path}"
    return path


@pytest.fixture(scope="session")
def rule_files(corpus):
    return corpus_rule_files(corpus)


@pytest.fixture(scope="session")
def official(rule_files):
    from folio.ingestion.validation.official import OfficialEngine

    return OfficialEngine(rule_files)


@pytest.fixture(scope="session")
def native(rule_files):
    from folio.ingestion.validation.native import NativeEngine

    return NativeEngine(rule_files)


def example_documents(corpus: Path) -> list[Path]:
    """The whole example documents of the corpus (UBL Invoice and CreditNote)."""
    folders = [
        corpus / "peppol-bis-invoice-3/rules/examples",
        corpus / "peppol-bis-invoice-3/rules/national-examples/NO",
        corpus / "en16931-cen/ubl/examples",
    ]
    files = [p for folder in folders for p in sorted(folder.glob("*.xml"))]
    files.append(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml")
    return files


UNIT_TEST_FOLDERS = (
    "en16931-cen/test/Invoice-unit-UBL",
    "en16931-cen/test/CreditNote-unit-UBL",
    "peppol-bis-invoice-3/rules",
)


@pytest.fixture(scope="session")
def unit_tests(corpus):
    """Every CEN and Peppol UBL VEFA unit test of the corpus."""
    from folio.ingestion import conformance

    return conformance.collect([corpus / folder for folder in UNIT_TEST_FOLDERS])


@pytest.fixture(scope="session")
def official_unit_findings(unit_tests, official):
    """The official findings of every unit test, computed once per test process."""
    from folio.ingestion import conformance

    return [
        official.rule_findings(conformance.snippet_tree(test), test.stylesheet)
        for test in unit_tests
    ]
