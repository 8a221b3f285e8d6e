"""EN 16931 decimal rules (BR-DEC-*): amounts have at most two decimals.

The official test is `string-length(substring-after(cbc:X, '.')) <= 2` on the element's raw
string value (no whitespace normalization: "1.5 " has two characters after the point).
BR-DEC-13/15 look for `//cac:TaxTotal/cbc:TaxAmount[@currencyID = cbc:DocumentCurrencyCode]`,
a child of the amount itself, which a real document never has: they are written as stated.
"""

from __future__ import annotations

from folio.ingestion.validation.native import contexts_cen
from folio.ingestion.validation.native.registry import FATAL, assertion
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    string_value,
)

# (context, rule id, the amount element below the context node)
DECIMAL_RULES = [
    ("DOCUMENT_ALLOWANCE", "BR-DEC-01", "cbc:Amount"),
    ("DOCUMENT_ALLOWANCE", "BR-DEC-02", "cbc:BaseAmount"),
    ("DOCUMENT_CHARGE", "BR-DEC-05", "cbc:Amount"),
    ("DOCUMENT_CHARGE", "BR-DEC-06", "cbc:BaseAmount"),
    ("MONETARY_TOTAL", "BR-DEC-09", "cbc:LineExtensionAmount"),
    ("MONETARY_TOTAL", "BR-DEC-10", "cbc:AllowanceTotalAmount"),
    ("MONETARY_TOTAL", "BR-DEC-11", "cbc:ChargeTotalAmount"),
    ("MONETARY_TOTAL", "BR-DEC-12", "cbc:TaxExclusiveAmount"),
    ("MONETARY_TOTAL", "BR-DEC-14", "cbc:TaxInclusiveAmount"),
    ("MONETARY_TOTAL", "BR-DEC-16", "cbc:PrepaidAmount"),
    ("MONETARY_TOTAL", "BR-DEC-17", "cbc:PayableRoundingAmount"),
    ("MONETARY_TOTAL", "BR-DEC-18", "cbc:PayableAmount"),
    ("LINE", "BR-DEC-23", "cbc:LineExtensionAmount"),
    ("LINE_ALLOWANCE", "BR-DEC-24", "cbc:Amount"),
    ("LINE_ALLOWANCE", "BR-DEC-25", "cbc:BaseAmount"),
    ("LINE_CHARGE", "BR-DEC-27", "cbc:Amount"),
    ("LINE_CHARGE", "BR-DEC-28", "cbc:BaseAmount"),
    ("TAX_SUBTOTAL", "BR-DEC-19", "cbc:TaxableAmount"),
    ("TAX_SUBTOTAL", "BR-DEC-20", "cbc:TaxAmount"),
]


def decimals_within_two(nodes) -> bool:
    """`string-length(substring-after(X, '.')) <= 2`; X may be absent, never repeated."""
    if not nodes:
        return True
    if len(nodes) > 1:
        raise XPathDynamicError("substring-after() of more than one node")
    value = string_value(nodes[0])
    _, point, decimals = value.partition(".")
    return not point or len(decimals) <= 2


def _register(context: str, rule_id: str, path: str) -> None:
    def check(node, doc) -> bool:
        return decimals_within_two(children(node, path))

    assertion(getattr(contexts_cen, context), rule_id, FATAL, MESSAGES[rule_id])(check)


def _tax_total_amounts_in(currency_path: str):
    """BR-DEC-13/15: `//cac:TaxTotal/cbc:TaxAmount[@currencyID = <currency_path>]`, the
    currency element read below the amount, as the official predicate does."""

    def check(node, doc) -> bool:
        amounts = [
            amount
            for total in doc.tagged("cac:TaxTotal")
            for amount in children(total, "cbc:TaxAmount")
            if amount.get("currencyID") is not None
            and any(
                string_value(code) == amount.get("currencyID")
                for code in children(amount, currency_path)
            )
        ]
        return decimals_within_two(amounts)

    return check


MESSAGES = {
    "BR-DEC-01": (
        "[BR-DEC-01]-The allowed maximum number of decimals for the Document level "
        "allowance amount (BT-92) is 2."
    ),
    "BR-DEC-02": (
        "[BR-DEC-02]-The allowed maximum number of decimals for the Document level "
        "allowance base amount (BT-93) is 2."
    ),
    "BR-DEC-05": (
        "[BR-DEC-05]-The allowed maximum number of decimals for the Document level "
        "charge amount (BT-99) is 2."
    ),
    "BR-DEC-06": (
        "[BR-DEC-06]-The allowed maximum number of decimals for the Document level "
        "charge base amount (BT-100) is 2."
    ),
    "BR-DEC-09": (
        "[BR-DEC-09]-The allowed maximum number of decimals for the Sum of Invoice line "
        "net amount (BT-106) is 2."
    ),
    "BR-DEC-10": (
        "[BR-DEC-10]-The allowed maximum number of decimals for the Sum of allowanced on "
        "document level (BT-107) is 2."
    ),
    "BR-DEC-11": (
        "[BR-DEC-11]-The allowed maximum number of decimals for the Sum of charges on "
        "document level (BT-108) is 2."
    ),
    "BR-DEC-12": (
        "[BR-DEC-12]-The allowed maximum number of decimals for the Invoice total amount "
        "without VAT (BT-109) is 2."
    ),
    "BR-DEC-14": (
        "[BR-DEC-14]-The allowed maximum number of decimals for the Invoice total amount "
        "with VAT (BT-112) is 2."
    ),
    "BR-DEC-16": (
        "[BR-DEC-16]-The allowed maximum number of decimals for the Paid amount (BT-113) is 2."
    ),
    "BR-DEC-17": (
        "[BR-DEC-17]-The allowed maximum number of decimals for the Rounding amount (BT-114) is 2."
    ),
    "BR-DEC-18": (
        "[BR-DEC-18]-The allowed maximum number of decimals for the Amount due for "
        "payment (BT-115) is 2."
    ),
    "BR-DEC-13": (
        "[BR-DEC-13]-The allowed maximum number of decimals for the Invoice total VAT "
        "amount (BT-110) is 2."
    ),
    "BR-DEC-15": (
        "[BR-DEC-15]-The allowed maximum number of decimals for the Invoice total VAT "
        "amount in accounting currency (BT-111) is 2."
    ),
    "BR-DEC-23": (
        "[BR-DEC-23]-The allowed maximum number of decimals for the Invoice line net "
        "amount (BT-131) is 2."
    ),
    "BR-DEC-24": (
        "[BR-DEC-24]-The allowed maximum number of decimals for the Invoice line "
        "allowance amount (BT-136) is 2."
    ),
    "BR-DEC-25": (
        "[BR-DEC-25]-The allowed maximum number of decimals for the Invoice line "
        "allowance base amount (BT-137) is 2."
    ),
    "BR-DEC-27": (
        "[BR-DEC-27]-The allowed maximum number of decimals for the Invoice line charge "
        "amount (BT-141) is 2."
    ),
    "BR-DEC-28": (
        "[BR-DEC-28]-The allowed maximum number of decimals for the Invoice line charge "
        "base amount (BT-142) is 2."
    ),
    "BR-DEC-19": (
        "[BR-DEC-19]-The allowed maximum number of decimals for the VAT category taxable "
        "amount (BT-116) is 2."
    ),
    "BR-DEC-20": (
        "[BR-DEC-20]-The allowed maximum number of decimals for the VAT category tax "
        "amount (BT-117) is 2."
    ),
}

for _row in DECIMAL_RULES:
    _register(*_row)
assertion(contexts_cen.ROOT, "BR-DEC-13", FATAL, MESSAGES["BR-DEC-13"])(
    _tax_total_amounts_in("cbc:DocumentCurrencyCode")
)
assertion(contexts_cen.ROOT, "BR-DEC-15", FATAL, MESSAGES["BR-DEC-15"])(
    _tax_total_amounts_in("cbc:TaxCurrencyCode")
)
