"""Documents for the pipeline tests: Folio JSON bodies and the UBL Folio writes from them."""

from __future__ import annotations

import copy

SELLER_ORG_NUMBER = "123456785"
SELLER_VAT_ID = "NO123456785MVA"


def folio_json(number: str = "INV-1001", *, lines: int = 2, **overrides) -> dict:
    """A Norwegian invoice from the seller 123456785 in Folio JSON; `overrides` replace keys."""
    document = {
        "document_type": "invoice",
        "number": number,
        "issue_date": "2026-11-01",
        "due_date": "2026-11-15",
        "currency": "NOK",
        "buyer_reference": "Kari",
        "seller": {
            "name": "Nordlys Energi AS",
            "vat_id": SELLER_VAT_ID,
            "tax_registration_id": "Foretaksregisteret",
            "legal_registration_id": {"value": SELLER_ORG_NUMBER, "scheme": "0192"},
            "electronic_address": {"value": SELLER_ORG_NUMBER, "scheme": "0192"},
            "address": {
                "street": "Storgata 1",
                "city": "Oslo",
                "postal_code": "0155",
                "country_code": "NO",
            },
        },
        "buyer": business_buyer(contact={"email": "post@buyercompany.no"}),
        "payment": {"means_code": "30", "payment_id": "0010015", "account_id": "12345678903"},
        "lines": [
            {
                "item_name": f"Power, month {position}",
                "quantity": "100",
                "unit_code": "KWH",
                "price": "1.25",
                "vat_category": "S",
                "vat_rate": "25",
            }
            for position in range(1, lines + 1)
        ],
    }
    document.update(copy.deepcopy(overrides))
    return document


def business_buyer(org_number: str = "987654325", **extra) -> dict:
    return {
        "name": "Buyercompany ASA",
        "vat_id": f"NO{org_number}MVA",
        "legal_registration_id": {"value": org_number, "scheme": "0192"},
        "electronic_address": {"value": org_number, "scheme": "0192"},
        "address": {"city": "Oslo", "postal_code": "0150", "country_code": "NO"},
        **extra,
    }
