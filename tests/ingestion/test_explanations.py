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
