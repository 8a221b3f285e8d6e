"""Norwegian rules of the Peppol stylesheet (NO-R-*), pattern mode M29."""

from __future__ import annotations

import re

from folio.ingestion.validation.native.contexts_peppol import (
    SUPPLIER_PARTY,
    mod11,
    norm,
    one,
    supplier_country,
    value,
    when,
    xpath_substring,
)
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion, pattern
from folio.ingestion.validation.native.selectors import tail
from folio.ingestion.validation.native.xpath_values import children

NORWAY = pattern("peppol", "PEPPOL-NO")  # mode M29

SELLER = NORWAY.context(
    1000,
    "cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'NO']",
    when(lambda doc: supplier_country(doc) == "NO", tail(SUPPLIER_PARTY)),
)


def _schemes(party, name: str) -> list:
    """`cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = name]`."""
    return [
        s for s in children(party, "cac:PartyTaxScheme") if norm(s, "cac:TaxScheme/cbc:ID") == name
    ]


@assertion(
    SELLER,
    "NO-R-002",
    WARNING,
    "[NO-R-002]-For Norwegian suppliers, most invoice issuers are required to append "
    '"Foretaksregisteret" to their invoice. "Dersom selger er aksjeselskap, '
    "allmennaksjeselskap eller filial av utenlandsk selskap skal også ordet "
    '«Foretaksregisteret» fremgå av salgsdokumentet, jf. foretaksregisterloven § 10-2."',
)
def no_r_002(node, doc) -> bool:
    """Official test: normalize-space(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'TAX']/cbc:CompanyID) = 'Foretaksregisteret'"""
    registers = [c for s in _schemes(node, "TAX") for c in children(s, "cbc:CompanyID")]
    return norm(one(registers)) == "Foretaksregisteret"


@assertion(
    SELLER,
    "NO-R-001",
    FATAL,
    "[NO-R-001]-For Norwegian suppliers, a VAT number MUST be the country code prefix NO "
    "followed by a valid Norwegian organization number (nine numbers) followed by the "
    "letters MVA.",
)
def no_r_001(node, doc) -> bool:
    """Official test: cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/substring(cbc:CompanyID, 1, 2)='NO' and
    matches(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/substring(cbc:CompanyID,3), '^[0-9]{9}MVA$') and
    u:mod11(substring(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/cbc:CompanyID, 3, 9)) or
    not(cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) =
    'VAT']/substring(cbc:CompanyID, 1, 2)='NO')"""
    vat = _schemes(node, "VAT")
    prefixes = [value(s, "cbc:CompanyID")[:2] for s in vat]
    if "NO" not in prefixes:
        return True
    rests = [value(s, "cbc:CompanyID")[2:] for s in vat]
    if re.fullmatch(r"[0-9]{9}MVA", one(rests) or "") is None:
        return False
    numbers = [c for s in vat for c in children(s, "cbc:CompanyID")]
    return mod11(xpath_substring(value(one(numbers)), 3, 9))
