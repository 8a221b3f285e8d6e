"""What a letter costs: postage by class and destination zone, plus printing per sheet.

Prices in NOK (the operator's print partner's list); a sender's cost table may override the
channel price used for routing, but the recorded cost of a letter comes from this table.
"""

from __future__ import annotations

import math
from decimal import Decimal

# Sheets of paper a letter needs: duplex prints two pages on one sheet.
PRINT_PER_SHEET = {False: Decimal("0.90"), True: Decimal("2.40")}  # colour -> price
ENVELOPE_AND_HANDLING = Decimal("1.50")

EUROPE = frozenset(
    {
        "AD",
        "AL",
        "AT",
        "BA",
        "BE",
        "BG",
        "BY",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FO",
        "FR",
        "GB",
        "GI",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MC",
        "MD",
        "ME",
        "MK",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
        "SM",
        "UA",
        "VA",
    }
)

POSTAGE: dict[str, dict[str, Decimal]] = {
    "A": {"domestic": Decimal("23.00"), "europe": Decimal("38.00"), "world": Decimal("46.00")},
    "B": {"domestic": Decimal("17.00"), "europe": Decimal("34.00"), "world": Decimal("42.00")},
}


def postage_zone(*, sender_country: str, country: str) -> str:
    if country.upper() == sender_country.upper():
        return "domestic"
    return "europe" if country.upper() in EUROPE else "world"


def sheets_for(pages: int, *, duplex: bool) -> int:
    return math.ceil(pages / 2) if duplex else pages


def letter_cost(
    *, pages: int, duplex: bool, colour: bool, postage_class: str, sender_country: str, country: str
) -> tuple[Decimal, Decimal]:
    """(postage, total cost) of one letter."""
    postage = POSTAGE[postage_class][postage_zone(sender_country=sender_country, country=country)]
    printing = PRINT_PER_SHEET[colour] * sheets_for(pages, duplex=duplex) + ENVELOPE_AND_HANDLING
    return postage, postage + printing
