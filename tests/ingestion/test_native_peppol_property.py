"""Differential property test: mutated corpus invoices, same Peppol verdicts from both engines.

Hypothesis takes valid corpus documents (Peppol, 2026.5 billing, Norwegian, EHF 3 and Greek
examples) and removes elements, empties them, changes their text (codes, amounts, dates,
identifiers), changes an attribute (endpoint and identifier schemes, currencies, units) or moves
the seller and buyer to another country (address and VAT prefix), so that the national rule
sets run too. Both engines must then fire the same Peppol rules the same number of times. Where
the official stylesheet stops at a dynamic error (a failed cast), the native engine must report
that too (rule "XSLT").
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from folio.ingestion.xml_safety import parse_xml_file

BILLING_2026 = (
    "peppol-xslt-2026.5/phive-rules-peppol/src/test/resources/external/test-files/openpeppol/"
    "2026.5/billing"
)
DOCUMENTS = (
    ("peppol-bis-invoice-3/rules/examples/base-example.xml", None),
    ("peppol-bis-invoice-3/rules/examples/Allowance-example.xml", None),
    ("peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml", None),
    ("peppol-bis-invoice-3/rules/examples/vat-category-E.xml", None),
    ("peppol-bis-invoice-3/rules/national-examples/NO/Norwegian-example-1.xml", None),
    ("peppol-bis-invoice-3/rules/national-examples/GR/GR-base-example-correct.xml", None),
    (f"{BILLING_2026}/base-example_profile02.xml", None),
    (f"{BILLING_2026}/base-negative-inv-correction.xml", None),
    ("ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml", None),
    # Seller and buyer moved to one country, so that mutations reach its national rules.
    ("peppol-bis-invoice-3/rules/examples/base-example.xml", "DE"),
    ("peppol-bis-invoice-3/rules/examples/Allowance-example.xml", "DK"),
    ("peppol-bis-invoice-3/rules/examples/base-creditnote-correction.xml", "NL"),
    (f"{BILLING_2026}/Vat-category-S.xml", "SE"),
    (f"{BILLING_2026}/base-example.xml", "IS"),
    (f"{BILLING_2026}/Allowance-example.xml", "IT"),
)
COUNTRIES = ["NO", "SE", "DK", "DE", "NL", "IT", "GR", "EL", "IS", "BE", "XX", "dk", " DE"]
CODES = [
    *("380", "381", "326", "384", "389", "875", "71", "999", "9", "1"),
    *("30", "31", "42", "48", "49", "50", "54", "55", "57", "58", "59", "93"),
    *("S", "Z", "E", "AE", "K", "G", "O", "L", "M", "VAT", "TAX", " VAT "),
    *("ZZZ", "95", "100", "AA", "ABL", "3", "35", "432", "TST", "EINDAGI"),
    *("VATEX-EU-G", "vatex-eu-o", "VATEX-EU-IC", "VATEX-EU-AE", "VATEX-EU-D", "VATEX-EU-J"),
    *("##M.AR.K##", "##INVOICE|URL##", "SE:PLUSGIRO", "SE:BANKGIRO", "Foretaksregisteret"),
    *("GODKÄND FÖR F-SKATT", "Godkänd för F-skatt", "#SKONTO#TAGE=7#PROZENT=2.00#\n"),
]
AMOUNTS = ["0", "0.00", "-1.00", "100.00", "1000.005", "99.99", "12.5", " 7 ", "1e3", "abc"]
DATES = ["2020-01-01", "2030-12-31", "2019-02-29", "2020-02-29", "20200101", "2020-1-01"]
IDENTIFIERS = [
    *("7300010000001", "7300010000002", "987654325", "987654321", "NO987654325MVA"),
    *("5560360793", "5560360794", "SE556036079301", "DK12345678", "12345678", "1234567890"),
    *("0203430258", "IT12345678903", "RSSMRA85T10A562S", "ABC123", "NL123456789B01"),
    *("51824753556", "123456789012", "12345678901234567890", "094259216", "EL094259216"),
    *("094259216|01/01/2020|1|1.1|x|y", "DE75512108001245126199", "DE75512108001245126198"),
    *("", "  ", "info@example.com", "not an address", "https://example.com/a", "+49 30 1234"),
]
SCHEMES = [
    *("0088", "0192", "0184", "0096", "0198", "0208", "0201", "0210", "9907", "0211"),
    *("0007", "0151", "0106", "0190", "9944", "0217", "9933", "0196", "SEPA", "9999", ""),
]
CURRENCIES = ["EUR", "NOK", "SEK", "DKK", "USD", "XYZ", "eur"]
UNITS = ["C62", "EA", "H87", "XYZ"]
MIME_CODES = ["application/pdf", "image/png", "text/xml"]


def _pool(element) -> list[str]:
    """Values that mean something for this element, so mutations reach the rules."""
    name = etree.QName(element).localname
    if name.endswith(("Amount", "Quantity", "Percent", "Numeric")):
        return AMOUNTS
    if name.endswith("Date"):
        return DATES
    if name == "IdentificationCode":
        return COUNTRIES
    if name.endswith(("Code", "Indicator")) or name == "DocumentDescription":
        return [*CODES, "true", "false", "TRUE"]
    if name.endswith("ID") or name in ("Telephone", "ElectronicMail", "URI", "Note", "Name"):
        return IDENTIFIERS + CODES
    return CODES + AMOUNTS + DATES + IDENTIFIERS


def _attribute_pool(element) -> tuple[str, list[str]]:
    name = etree.QName(element).localname
    if name.endswith("Amount"):
        return "currencyID", CURRENCIES
    if name.endswith("Quantity"):
        return "unitCode", UNITS
    if name == "EmbeddedDocumentBinaryObject":
        return "mimeCode", MIME_CODES
    return "schemeID", SCHEMES


PARTY_COUNTRY = "{*}PostalAddress/{*}Country/{*}IdentificationCode"


def _move(tree, party_name: str, country: str) -> None:
    """Put a party in another country: address country and VAT number prefix."""
    for party in tree.getroot().iterfind(f"{{*}}{party_name}/{{*}}Party"):
        for code in party.iterfind(PARTY_COUNTRY):
            code.text = country
        for scheme in party.iterfind("{*}PartyTaxScheme"):
            number = scheme.find("{*}CompanyID")
            if number is not None and number.text:
                number.text = country + number.text[2:]


mutation = st.one_of(
    st.tuples(st.just("remove"), st.integers(min_value=1, max_value=10_000)),
    st.tuples(st.just("empty"), st.integers(min_value=1, max_value=10_000)),
    st.tuples(st.just("text"), st.integers(min_value=1, max_value=10_000), st.integers(0, 500)),
    st.tuples(st.just("attribute"), st.integers(min_value=1, max_value=10_000), st.integers(0, 50)),
    st.tuples(
        st.just("country"),
        st.sampled_from(["AccountingSupplierParty", "AccountingCustomerParty", "both"]),
        st.sampled_from(COUNTRIES),
    ),
)


def mutate(tree, mutations):
    tree = copy.deepcopy(tree)
    for kind, target, *choice in mutations:
        if kind == "country":
            for party in (
                ("AccountingSupplierParty", "AccountingCustomerParty")
                if target == "both"
                else (target,)
            ):
                _move(tree, party, choice[0])
            continue
        elements = [e for e in tree.getroot().iter() if isinstance(e.tag, str)][1:]
        if not elements:
            break
        element = elements[target % len(elements)]
        if kind == "remove":
            element.getparent().remove(element)
        elif kind == "empty":
            for child in list(element):
                element.remove(child)
            element.text = ""
        elif kind == "text":
            if len(element):  # an aggregate: change its first leaf instead
                element = next(e for e in element.iter() if isinstance(e.tag, str) and not len(e))
            pool = _pool(element)
            element.text = pool[choice[0] % len(pool)]
        else:
            attribute, pool = _attribute_pool(element)
            element.set(attribute, pool[choice[0] % len(pool)])
    return tree


@pytest.fixture(scope="module")
def corpus_trees(corpus):
    trees = []
    for path, country in DOCUMENTS:
        tree = parse_xml_file(corpus / path)
        if country:
            _move(tree, "AccountingSupplierParty", country)
            _move(tree, "AccountingCustomerParty", country)
        trees.append(tree)
    return trees


def _fired(findings) -> Counter:
    return Counter((f.rule, f.severity) for f in findings)


def test_native_and_official_fire_the_same_peppol_rules_on_mutated_documents(
    corpus_trees, native, official
):
    @settings(
        max_examples=150,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        document=st.integers(min_value=0, max_value=len(corpus_trees) - 1),
        mutations=st.lists(mutation, min_size=1, max_size=4),
    )
    def check(document, mutations):
        tree = mutate(corpus_trees[document], mutations)
        native_findings = native.rule_findings(tree, "peppol")
        try:
            official_findings = official.rule_findings(tree, "peppol")
        except Exception:  # the stylesheet stopped at a dynamic error
            assert [f.rule for f in native_findings] == ["XSLT"], (DOCUMENTS[document], mutations)
            return
        assert _fired(native_findings) == _fired(official_findings), (
            DOCUMENTS[document],
            mutations,
        )

    check()
