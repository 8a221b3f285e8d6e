"""The native engine agrees with the official one on every rule it implements.

Run one family only: `pytest tests/ingestion/test_native_differential.py -k rules_cen_br`.
"""

from collections import Counter
from pathlib import Path

import pytest

from folio.ingestion import conformance
from folio.ingestion.validation.catalogue import official_rules
from folio.ingestion.validation.native.engine import family_modules, load_rules
from folio.ingestion.validation.native.registry import registered
from folio.ingestion.xml_safety import parse_xml_file
from tests.ingestion.conftest import example_documents

load_rules()
FAMILIES = sorted({a.family for a in registered().values()})


def _fired(findings, implemented) -> Counter:
    return Counter((f.rule, f.severity) for f in findings if f.rule in implemented)


def test_every_family_module_is_loaded():
    assert set(FAMILIES) <= set(family_modules())
    assert {"rules_cen_br", "rules_ubl_syntax", "rules_peppol"} <= set(FAMILIES)


def test_registered_rules_carry_the_official_text_and_flag(rule_files):
    official = {r.id: r for s in ("cen", "peppol") for r in official_rules(s, rule_files)}
    for rule_id, declared in registered().items():
        assert rule_id in official, rule_id
        assert declared.message == official[rule_id].message, rule_id
        assert declared.severity == official[rule_id].flag, rule_id


@pytest.mark.parametrize("family", FAMILIES)
def test_native_matches_official_on_the_unit_tests(
    family, unit_tests, official_unit_findings, native
):
    implemented = {i for i, a in registered().items() if a.family == family}
    differences = []
    for test, official_findings in zip(unit_tests, official_unit_findings, strict=True):
        tree = conformance.snippet_tree(test)
        expected = _fired(official_findings, implemented)
        actual = _fired(native.rule_findings(tree, test.stylesheet), implemented)
        if expected != actual:
            differences.append(
                f"{Path(test.file).name}#{test.index}: official {sorted(expected.items())} "
                f"native {sorted(actual.items())}"
            )
    assert differences == []


def test_native_matches_official_on_whole_documents(corpus, native, official):
    implemented = set(registered())
    documents = [
        *example_documents(corpus),
        corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-2-faktura-1.xml",
    ]
    for path in documents:
        tree = parse_xml_file(path)
        for stylesheet in ("cen", "peppol"):
            expected = _fired(official.rule_findings(tree, stylesheet), implemented)
            actual = _fired(native.rule_findings(tree, stylesheet), implemented)
            assert actual == expected, (path.name, stylesheet)


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", " \u00a0 ", "\u3000"])
def test_only_xml_whitespace_is_space_to_normalize_space(corpus, native, official, space):
    """normalize-space() takes space, tab, CR and LF only: a value that is a no-break space
    (or another Unicode space) is not empty, in either engine."""
    from lxml import etree

    from folio.ingestion.xml_safety import parse_xml

    tree = parse_xml_file(corpus / "peppol-bis-invoice-3/rules/examples/base-example.xml")
    cbc = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
    for name in ("ID", "BuyerReference", "DocumentCurrencyCode"):
        tree.getroot().find(cbc + name).text = space
    tree = parse_xml(etree.tostring(tree))
    implemented = set(registered())
    for stylesheet in ("cen", "peppol"):
        expected = _fired(official.rule_findings(tree, stylesheet), implemented)
        assert _fired(native.rule_findings(tree, stylesheet), implemented) == expected
    assert "BR-02" not in {f.rule for f in native.rule_findings(tree, "cen")}
