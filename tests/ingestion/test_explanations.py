"""Plain-language explanations: at least 40 rules, in every Folio language."""

import pytest

from folio.ingestion.validation.catalogue import official_rules
from folio.ingestion.validation.explanations import EXPLANATIONS, explain

LANGUAGES = ("nb", "sv", "da", "de", "sk")


def test_at_least_forty_rules_are_explained_and_each_is_an_official_rule(rule_files):
    official = {r.id for s in ("cen", "peppol") for r in official_rules(s, rule_files)}
    assert len(EXPLANATIONS) >= 40
    assert set(EXPLANATIONS) <= official


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_explanation_is_translated(language):
    untranslated = []
    for rule_id in EXPLANATIONS:
        english = explain(rule_id, "en")
        text = explain(rule_id, language)
        if not text or not text.strip() or text == english:
            untranslated.append(rule_id)
    assert untranslated == []


def test_languages_give_different_texts_and_english_is_the_source():
    assert explain("BR-CO-15", "en").startswith("The invoice total with VAT")
    texts = {explain("BR-CO-15", language) for language in ("en", *LANGUAGES)}
    assert len(texts) == 6
    assert "mva" in explain("BR-CO-15", "nb")
    assert "Umsatzsteuer" in explain("BR-CO-15", "de")


def test_unknown_rules_have_no_explanation():
    assert explain("BR-NOT-A-RULE", "nb") is None
    assert explain("XSD", "en") is None


def test_explaining_does_not_change_the_active_language():
    from django.utils import translation

    with translation.override("sv"):
        explain("BR-06", "de")
        assert translation.get_language() == "sv"


def test_validate_json_explains_the_commonest_rules_in_the_chosen_language(corpus, tmp_path):
    import io
    import json

    from django.core.management import call_command
    from lxml import etree

    from folio.ingestion.xml_safety import parse_xml_file

    tree = parse_xml_file(corpus / "peppol-bis-invoice-3/rules/examples/base-example.xml")
    cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    seller = tree.getroot().find(f"{{{cac}}}AccountingSupplierParty/{{{cac}}}Party")
    seller.remove(seller.find(f"{{{cac}}}PartyLegalEntity"))  # no seller name: BR-06
    path = tmp_path / "no-seller-name.xml"
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))

    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate", str(path), "--json", "--language", "nb", stdout=out)
    assert exit_info.value.code == 1
    [result] = json.loads(out.getvalue())
    findings = {f["rule"]: f for f in result["errors"] + result["warnings"]}
    assert findings["BR-06"]["explanation"] == explain("BR-06", "nb")
    assert findings["BR-06"]["explanation"] != explain("BR-06", "en")
    assert all("explanation" not in f for r, f in findings.items() if r not in EXPLANATIONS)
