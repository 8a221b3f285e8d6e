"""Italian rules of the Peppol stylesheet (IT-R-*), pattern mode M31."""

from __future__ import annotations

import re

from folio.ingestion.validation.native.contexts_peppol import (
    SUPPLIER_PARTY,
    in_pattern,
    norm,
    supplier_country,
    when,
)
from folio.ingestion.validation.native.registry import FATAL, assertion, pattern
from folio.ingestion.validation.native.selectors import tail
from folio.ingestion.validation.native.xpath_values import exists

ITALY = pattern("peppol", "PEPPOL-IT")  # mode M31


def _italian_supplier(doc) -> bool:
    return supplier_country(doc) == "IT"


TAX_REGISTRATION = ITALY.context(
    1001,
    "cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'IT']/cac:PartyTaxScheme"
    "[normalize-space(cac:TaxScheme/cbc:ID) != 'VAT']",
    when(
        _italian_supplier,
        tail(f"{SUPPLIER_PARTY}/cac:PartyTaxScheme").where(
            in_pattern(lambda e: norm(e, "cac:TaxScheme/cbc:ID") != "VAT")
        ),
    ),
)
SELLER = ITALY.context(
    1000,
    "cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'IT']",
    when(_italian_supplier, tail(SUPPLIER_PARTY)),
)


@assertion(
    TAX_REGISTRATION,
    "IT-R-001",
    FATAL,
    "[IT-R-001]-BT-32 (Seller tax registration identifier) - For Italian suppliers BT-32 "
    "minimum length 11 and maximum length shall be 16. Per i fornitori italiani il BT-32 "
    "deve avere una lunghezza tra 11 e 16 caratteri",
)
def it_r_001(node, doc) -> bool:
    """Official test: matches(normalize-space(cbc:CompanyID),'^[A-Z0-9]{11,16}$')"""
    return re.fullmatch(r"[A-Z0-9]{11,16}", norm(node, "cbc:CompanyID")) is not None


@assertion(
    SELLER,
    "IT-R-002",
    FATAL,
    "[IT-R-002]-BT-35 (Seller address line 1) - Italian suppliers MUST provide the "
    "postal address line 1 - I fornitori italiani devono indicare l'indirizzo postale.",
)
def it_r_002(node, doc) -> bool:
    """Official test: cac:PostalAddress/cbc:StreetName"""
    return exists(node, "cac:PostalAddress/cbc:StreetName")


@assertion(
    SELLER,
    "IT-R-003",
    FATAL,
    "[IT-R-003]-BT-37 (Seller city) - Italian suppliers MUST provide the postal address "
    "city - I fornitori italiani devono indicare la città di residenza.",
)
def it_r_003(node, doc) -> bool:
    """Official test: cac:PostalAddress/cbc:CityName"""
    return exists(node, "cac:PostalAddress/cbc:CityName")


@assertion(
    SELLER,
    "IT-R-004",
    FATAL,
    "[IT-R-004]-BT-38 (Seller post code) - Italian suppliers MUST provide the postal "
    "address post code - I fornitori italiani devono indicare il CAP di residenza.",
)
def it_r_004(node, doc) -> bool:
    """Official test: cac:PostalAddress/cbc:PostalZone"""
    return exists(node, "cac:PostalAddress/cbc:PostalZone")
