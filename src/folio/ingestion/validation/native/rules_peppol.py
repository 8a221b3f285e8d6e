"""Peppol BIS Billing 3.0 main pattern rules (PEPPOL-EN16931-R*, PEPPOL-COMMON-R*).

The participant identifier checks (PEPPOL-COMMON-R040..R057) use the stylesheet's own check
digit functions (`u:gln`, `u:mod11`, ... in contexts_peppol.py), not a library's, because the
verdict must be the stylesheet's, including its quirks.
"""

from __future__ import annotations

import re
from decimal import Decimal

from folio.ingestion.validation.native.contexts_peppol import (
    ALLOWANCE,
    ALLOWANCE_BASE_WITHOUT_PERCENT,
    ALLOWANCE_PERCENT_WITHOUT_BASE,
    AMOUNT,
    BASE_QUANTITY,
    BUYER,
    CREDIT_NOTE,
    DIRECT_DEBIT,
    DOCUMENT,
    EMPTY_ELEMENT,
    EXACT,
    LINE,
    LINE_PERIOD_END,
    LINE_PERIOD_START,
    NL_VAT_NUMBER,
    PRICE_ALLOWANCE,
    SCHEME_AU_ABN,
    SCHEME_BE_ENTERPRISE,
    SCHEME_DK_CVR,
    SCHEME_DK_P,
    SCHEME_DK_SE,
    SCHEME_FR_SIRENE,
    SCHEME_GLN,
    SCHEME_IT_CF,
    SCHEME_IT_CF_ENDPOINT,
    SCHEME_IT_IPA,
    SCHEME_IT_VAT,
    SCHEME_NL_KVK,
    SCHEME_NL_OIN,
    SCHEME_NL_VAT,
    SCHEME_NO_ORGANIZATION,
    SCHEME_SE_ORGANIZATION,
    SELLER,
    TAX_CURRENCY,
    XML_WHITESPACE,
    castable_integer,
    decimal_divide,
    document_currency_codes,
    german_parties,
    gln,
    is_invoice,
    mod11,
    norm,
    number,
    one,
    optional_decimal,
    own_text,
    profile,
    se_organization_number,
    slack,
    value,
)
from folio.ingestion.validation.native.document import clark
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    children_by_tag,
    exists,
    normalize_space,
    round_2,
    string_value,
    xs_date,
    xs_decimal,
)

SLACK = Decimal("0.02")
ONE = Decimal(1)
ZERO = Decimal(0)
_ONLY_DIGITS = re.compile(r"[0-9]+")


def _xs_double(text: str) -> float:
    """An untyped value compared with a number: cast to xs:double, else a dynamic error."""
    result = number(text)
    if result != result and text.strip(XML_WHITESPACE) != "NaN":
        raise XPathDynamicError(f"cannot convert {text!r} to xs:double")
    return result


def _tax_amounts_in(node, currency_path: str) -> list[float]:
    """`cac:TaxTotal/cbc:TaxAmount[@currencyID = normalize-space(../../currency_path)]`."""
    found = []
    for amount in children(node, "cac:TaxTotal/cbc:TaxAmount"):
        document = amount.getparent().getparent()
        if amount.get("currencyID") == norm(document, currency_path):
            found.append(_xs_double(string_value(amount)))
    return found


def _digits_only(text: str) -> bool:
    """`string-length(translate(text, '1234567890', '')) = 0`."""
    return not text.strip("1234567890")


def _xs_date_or_none(text: str | None):
    return None if text is None else xs_date(text)


def _by_tag(element) -> dict:
    """The element's children by tag (a line's rules read many of them): read only."""
    return children_by_tag(element)


def _decimal_of(nodes) -> Decimal | None:
    """`xs:decimal(nodes)`: None for none, a dynamic error for several or a bad value."""
    if not nodes:
        return None
    node = one(nodes)
    return xs_decimal(node.text or "" if not len(node) else string_value(node))


_LINE_AMOUNT, _INVOICED, _CREDITED = (
    clark("cbc:LineExtensionAmount"),
    clark("cbc:InvoicedQuantity"),
    clark("cbc:CreditedQuantity"),
)
_PRICE, _PRICE_AMOUNT, _BASE_QUANTITY = (
    clark("cac:Price"),
    clark("cbc:PriceAmount"),
    clark("cbc:BaseQuantity"),
)
_ALLOWANCE_CHARGE = clark("cac:AllowanceCharge")


def _allowance_total(allowance_charges, indicator: str) -> Decimal:
    """`round(sum(cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator) = indicator]/
    cbc:Amount/xs:decimal(.)) * 10 * 10) div 100`, 0 when there are none."""
    allowances = [c for c in allowance_charges if norm(c, "cbc:ChargeIndicator") == indicator]
    if not allowances:
        return ZERO
    total = ZERO
    for allowance in allowances:
        for amount in children(allowance, "cbc:Amount"):
            total = EXACT.add(total, xs_decimal(string_value(amount)))
    return round_2(total)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _letters_only(text: str) -> bool:
    """`string-length(translate(text, $allowed-characters, '')) = 0`."""
    return all(char in _LETTERS for char in text)


def _codice_fiscale(code: str) -> bool:
    """u:checkCF: 16 characters in the personal code layout, or 11 that cast to an integer."""
    if len(code) == 16:
        return (
            _letters_only(code[0:6])
            and castable_integer(code[6:8])
            and _letters_only(code[8:9])
            and castable_integer(code[9:11])
            and castable_integer(code[14:15])
            and _letters_only(code[15:16])
        )
    return len(code) == 11 and castable_integer(code)


def _partita_iva_check(code: str) -> int:
    """u:checkPIVA: 0 when the Partita IVA check digit holds (u:addPIVA's alternate sum)."""
    if not castable_integer(code):
        return 1
    total, even = 0, False
    rest = code
    while castable_integer(rest):
        first = rest[0]
        if not "0" <= first <= "9":
            # xs:integer('+') or xs:integer(' '): the official run stops with an error.
            raise XPathDynamicError(f"cannot convert {first!r} to xs:integer")
        digit = int(first)
        total += int("0246813579"[digit]) if even else digit
        rest, even = rest[1:], not even
    return total % 10


@assertion(
    EMPTY_ELEMENT,
    "PEPPOL-EN16931-R008",
    FATAL,
    "[PEPPOL-EN16931-R008]-Document MUST not contain empty elements.",
)
def peppol_en16931_r008(node, doc) -> bool:
    """Official test: false()"""
    return False


@assertion(
    CREDIT_NOTE,
    "PEPPOL-EN16931-R080",
    FATAL,
    "[PEPPOL-EN16931-R080]-Only one project reference is allowed on document level",
)
def peppol_en16931_r080(node, doc) -> bool:
    """Official test: (count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='50']) <= 1)"""
    projects = [
        reference
        for reference in children(node, "cac:AdditionalDocumentReference")
        if any(string_value(c) == "50" for c in children(reference, "cbc:DocumentTypeCode"))
    ]
    return len(projects) <= 1


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R001",
    FATAL,
    "[PEPPOL-EN16931-R001]-Business process MUST be provided.",
)
def peppol_en16931_r001(node, doc) -> bool:
    """Official test: cbc:ProfileID"""
    return exists(node, "cbc:ProfileID")


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R007",
    FATAL,
    "[PEPPOL-EN16931-R007]-Business process MUST have an approved identifier.",
)
def peppol_en16931_r007(node, doc) -> bool:
    """Official test: $profile != 'Unknown'"""
    return profile(doc) != "Unknown"


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R002",
    FATAL,
    "[PEPPOL-EN16931-R002]-No more than one note is allowed on document level, unless "
    "both the buyer and seller are German organizations.",
)
def peppol_en16931_r002(node, doc) -> bool:
    """Official test: count(cbc:Note) <= 1 or ($supplierCountryIsDE and $customerCountryIsDE)"""
    return len(children(node, "cbc:Note")) <= 1 or german_parties(doc)


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R003",
    FATAL,
    "[PEPPOL-EN16931-R003]-A buyer reference or purchase order reference MUST be provided.",
)
def peppol_en16931_r003(node, doc) -> bool:
    """Official test: cbc:BuyerReference or cac:OrderReference/cbc:ID"""
    return exists(node, "cbc:BuyerReference") or exists(node, "cac:OrderReference/cbc:ID")


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R004",
    FATAL,
    "[PEPPOL-EN16931-R004]-Specification identifier MUST begin with the value "
    "'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0' and "
    "follow the format rules for the identifier.",
)
def peppol_en16931_r004(node, doc) -> bool:
    """Official test: starts-with(normalize-space(cbc:CustomizationID/text()),
    'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0') and
    not(contains(normalize-space(cbc:CustomizationID/text()), '::'))"""
    texts = [t for c in children(node, "cbc:CustomizationID") if (t := own_text(c)) is not None]
    customization = normalize_space(one(texts) or "")
    return (
        customization.startswith(
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
        )
        and "::" not in customization
    )


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R053",
    FATAL,
    "[PEPPOL-EN16931-R053]-Only one tax total with tax subtotals MUST be provided.",
)
def peppol_en16931_r053(node, doc) -> bool:
    """Official test: count(cac:TaxTotal[cac:TaxSubtotal]) = 1"""
    return sum(1 for t in children(node, "cac:TaxTotal") if exists(t, "cac:TaxSubtotal")) == 1


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R054",
    FATAL,
    "[PEPPOL-EN16931-R054]-Only one tax total without tax subtotals MUST be provided "
    "when tax currency code is provided.",
)
def peppol_en16931_r054(node, doc) -> bool:
    """Official test: count(cac:TaxTotal[not(cac:TaxSubtotal)]) = (if (cbc:TaxCurrencyCode) then
    1 else 0)"""
    without = sum(1 for t in children(node, "cac:TaxTotal") if not exists(t, "cac:TaxSubtotal"))
    return without == (1 if exists(node, "cbc:TaxCurrencyCode") else 0)


@assertion(
    DOCUMENT,
    "PEPPOL-EN16931-R055",
    FATAL,
    "[PEPPOL-EN16931-R055]-Invoice total VAT amount and Invoice total VAT amount in "
    "accounting currency MUST have the same operational sign",
)
def peppol_en16931_r055(node, doc) -> bool:
    """Official test: not(cbc:TaxCurrencyCode) or
    (cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space(../../cbc:TaxCurrencyCode)] <= 0
    and
    cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space(../../cbc:DocumentCurrencyCode)]
    <= 0) or
    (cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space(../../cbc:TaxCurrencyCode)] >= 0
    and
    cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space(../../cbc:DocumentCurrencyCode)]
    >= 0)"""
    if not exists(node, "cbc:TaxCurrencyCode"):
        return True
    in_tax = _tax_amounts_in(node, "cbc:TaxCurrencyCode")
    in_document = _tax_amounts_in(node, "cbc:DocumentCurrencyCode")
    return (any(a <= 0 for a in in_tax) and any(a <= 0 for a in in_document)) or (
        any(a >= 0 for a in in_tax) and any(a >= 0 for a in in_document)
    )


@assertion(
    TAX_CURRENCY,
    "PEPPOL-EN16931-R005",
    FATAL,
    "[PEPPOL-EN16931-R005]-VAT accounting currency code MUST be different from invoice "
    "currency code when provided.",
)
def peppol_en16931_r005(node, doc) -> bool:
    """Official test: not(normalize-space(text()) =
    normalize-space(../cbc:DocumentCurrencyCode/text()))"""
    own = normalize_space(own_text(node) or "")
    texts = [
        t for c in children(node.getparent(), "cbc:DocumentCurrencyCode") if (t := own_text(c))
    ]
    return own != normalize_space(one(texts) or "")


@assertion(
    BUYER,
    "PEPPOL-EN16931-R010",
    FATAL,
    "[PEPPOL-EN16931-R010]-Buyer electronic address MUST be provided",
)
def peppol_en16931_r010(node, doc) -> bool:
    """Official test: cbc:EndpointID"""
    return exists(node, "cbc:EndpointID")


@assertion(
    SELLER,
    "PEPPOL-EN16931-R020",
    FATAL,
    "[PEPPOL-EN16931-R020]-Seller electronic address MUST be provided",
)
def peppol_en16931_r020(node, doc) -> bool:
    """Official test: cbc:EndpointID"""
    return exists(node, "cbc:EndpointID")


@assertion(
    ALLOWANCE_PERCENT_WITHOUT_BASE,
    "PEPPOL-EN16931-R041",
    FATAL,
    "[PEPPOL-EN16931-R041]-Allowance/charge base amount MUST be provided when "
    "allowance/charge percentage is provided.",
)
def peppol_en16931_r041(node, doc) -> bool:
    """Official test: false()"""
    return False


@assertion(
    ALLOWANCE_BASE_WITHOUT_PERCENT,
    "PEPPOL-EN16931-R042",
    FATAL,
    "[PEPPOL-EN16931-R042]-Allowance/charge percentage MUST be provided when "
    "allowance/charge base amount is provided.",
)
def peppol_en16931_r042(node, doc) -> bool:
    """Official test: false()"""
    return False


@assertion(
    ALLOWANCE,
    "PEPPOL-EN16931-R040",
    FATAL,
    "[PEPPOL-EN16931-R040]-Allowance/charge amount must equal base amount * "
    "percentage/100 if base amount and percentage exists",
)
def peppol_en16931_r040(node, doc) -> bool:
    """Official test: not(cbc:MultiplierFactorNumeric and cbc:BaseAmount) or u:slack(if
    (cbc:Amount) then cbc:Amount else 0, (xs:decimal(cbc:BaseAmount) *
    xs:decimal(cbc:MultiplierFactorNumeric)) div 100, 0.02)"""
    if not (exists(node, "cbc:MultiplierFactorNumeric") and exists(node, "cbc:BaseAmount")):
        return True
    amount = optional_decimal(node, "cbc:Amount")
    base = optional_decimal(node, "cbc:BaseAmount")
    factor = optional_decimal(node, "cbc:MultiplierFactorNumeric")
    computed = decimal_divide(base * factor, Decimal(100))
    return slack(Decimal(0) if amount is None else amount, computed, SLACK)


@assertion(
    ALLOWANCE,
    "PEPPOL-EN16931-R043",
    FATAL,
    "[PEPPOL-EN16931-R043]-Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'",
)
def peppol_en16931_r043(node, doc) -> bool:
    """Official test: normalize-space(cbc:ChargeIndicator/text()) = 'true' or
    normalize-space(cbc:ChargeIndicator/text()) = 'false'"""
    texts = [t for c in children(node, "cbc:ChargeIndicator") if (t := own_text(c)) is not None]
    indicator = normalize_space(one(texts) or "")
    return indicator in ("true", "false")


@assertion(
    DIRECT_DEBIT,
    "PEPPOL-EN16931-R061",
    FATAL,
    "[PEPPOL-EN16931-R061]-Mandate reference MUST be provided for direct debit.",
)
def peppol_en16931_r061(node, doc) -> bool:
    """Official test: cac:PaymentMandate/cbc:ID"""
    return exists(node, "cac:PaymentMandate/cbc:ID")


@assertion(
    AMOUNT,
    "PEPPOL-EN16931-R051",
    FATAL,
    "[PEPPOL-EN16931-R051]-All currencyID attributes must have the same value as the "
    "invoice currency code (BT-5), except for the invoice total VAT amount in accounting "
    "currency (BT-111).",
)
def peppol_en16931_r051(node, doc) -> bool:
    """Official test: @currencyID = $documentCurrencyCode"""
    currency = node.get("currencyID")
    return currency is not None and currency in document_currency_codes(doc)


@assertion(
    LINE_PERIOD_START,
    "PEPPOL-EN16931-R110",
    FATAL,
    "[PEPPOL-EN16931-R110]-Start date of line period MUST be within invoice period.",
)
def peppol_en16931_r110(node, doc) -> bool:
    """Official test: xs:date(text()) >= xs:date(../../../cac:InvoicePeriod/cbc:StartDate)"""
    line_date = _xs_date_or_none(own_text(node))
    period = node.getparent().getparent().getparent()
    invoice_date = _xs_date_or_none(
        value(period, "cac:InvoicePeriod/cbc:StartDate")
        if exists(period, "cac:InvoicePeriod/cbc:StartDate")
        else None
    )
    return line_date is not None and invoice_date is not None and line_date >= invoice_date


@assertion(
    LINE_PERIOD_END,
    "PEPPOL-EN16931-R111",
    FATAL,
    "[PEPPOL-EN16931-R111]-End date of line period MUST be within invoice period.",
)
def peppol_en16931_r111(node, doc) -> bool:
    """Official test: xs:date(text()) <= xs:date(../../../cac:InvoicePeriod/cbc:EndDate)"""
    line_date = _xs_date_or_none(own_text(node))
    period = node.getparent().getparent().getparent()
    invoice_date = _xs_date_or_none(
        value(period, "cac:InvoicePeriod/cbc:EndDate")
        if exists(period, "cac:InvoicePeriod/cbc:EndDate")
        else None
    )
    return line_date is not None and invoice_date is not None and line_date <= invoice_date


@assertion(
    LINE,
    "PEPPOL-EN16931-R120",
    FATAL,
    "[PEPPOL-EN16931-R120]-Invoice line net amount MUST equal (Invoiced quantity * (Item "
    "net price/item price base quantity) + Sum of invoice line charge amount - sum of "
    "invoice line allowance amount",
)
def peppol_en16931_r120(node, doc) -> bool:
    """Official test: u:slack($lineExtensionAmount, ($quantity * ($priceAmount div
    $baseQuantity)) + $chargesTotal - $allowancesTotal, 0.02)"""
    line = _by_tag(node)
    prices = line.get(_PRICE, ())
    price_parts = _by_tag(prices[0]) if len(prices) == 1 else {}
    if len(prices) > 1:  # `cac:Price/cbc:PriceAmount` then reads every price
        for price in prices:
            for tag, found in _by_tag(price).items():
                price_parts.setdefault(tag, []).extend(found)
    line_amount = _decimal_of(line.get(_LINE_AMOUNT))
    quantity = _decimal_of(line.get(_INVOICED if is_invoice(doc) else _CREDITED))
    price = _decimal_of(price_parts.get(_PRICE_AMOUNT))
    base_quantity = _decimal_of(price_parts.get(_BASE_QUANTITY))
    if base_quantity is None or base_quantity == 0:
        base_quantity = ONE
    allowance_charges = line.get(_ALLOWANCE_CHARGE, ())
    charges = _allowance_total(allowance_charges, "true")
    allowances = _allowance_total(allowance_charges, "false")
    net_price = decimal_divide(ZERO if price is None else price, base_quantity)
    computed = EXACT.subtract(
        EXACT.add(EXACT.multiply(ONE if quantity is None else quantity, net_price), charges),
        allowances,
    )
    return slack(ZERO if line_amount is None else line_amount, computed, SLACK)


@assertion(
    LINE,
    "PEPPOL-EN16931-R121",
    FATAL,
    "[PEPPOL-EN16931-R121]-Base quantity MUST be a positive number above zero.",
)
def peppol_en16931_r121(node, doc) -> bool:
    """Official test: not(cac:Price/cbc:BaseQuantity) or xs:decimal(cac:Price/cbc:BaseQuantity)
    > 0"""
    quantity = optional_decimal(node, "cac:Price/cbc:BaseQuantity")
    return quantity is None or quantity > 0


@assertion(
    LINE,
    "PEPPOL-EN16931-R100",
    FATAL,
    "[PEPPOL-EN16931-R100]-Only one invoiced object is allowed pr line",
)
def peppol_en16931_r100(node, doc) -> bool:
    """Official test: (count(cac:DocumentReference) <= 1)"""
    return len(children(node, "cac:DocumentReference")) <= 1


@assertion(
    LINE,
    "PEPPOL-EN16931-R101",
    FATAL,
    "[PEPPOL-EN16931-R101]-Element Document reference can only be used for Invoice line object",
)
def peppol_en16931_r101(node, doc) -> bool:
    """Official test: (not(cac:DocumentReference) or
    (cac:DocumentReference/cbc:DocumentTypeCode='130'))"""
    codes = children(node, "cac:DocumentReference/cbc:DocumentTypeCode")
    return not exists(node, "cac:DocumentReference") or any(
        string_value(code) == "130" for code in codes
    )


@assertion(
    PRICE_ALLOWANCE,
    "PEPPOL-EN16931-R044",
    FATAL,
    "[PEPPOL-EN16931-R044]-Charge on price level is NOT allowed. Only value 'false' allowed.",
)
def peppol_en16931_r044(node, doc) -> bool:
    """Official test: normalize-space(cbc:ChargeIndicator) = 'false'"""
    return norm(node, "cbc:ChargeIndicator") == "false"


@assertion(
    PRICE_ALLOWANCE,
    "PEPPOL-EN16931-R046",
    FATAL,
    "[PEPPOL-EN16931-R046]-Item net price MUST equal (Gross price - Allowance amount) "
    "when gross price is provided.",
)
def peppol_en16931_r046(node, doc) -> bool:
    """Official test: not(cbc:BaseAmount) or xs:decimal(../cbc:PriceAmount) =
    xs:decimal(cbc:BaseAmount) - xs:decimal(cbc:Amount)"""
    if not exists(node, "cbc:BaseAmount"):
        return True
    net = optional_decimal(node.getparent(), "cbc:PriceAmount")
    gross = optional_decimal(node, "cbc:BaseAmount")
    allowance = optional_decimal(node, "cbc:Amount")
    if net is None or allowance is None:
        return False
    return net == gross - allowance


@assertion(
    BASE_QUANTITY,
    "PEPPOL-EN16931-R130",
    FATAL,
    "[PEPPOL-EN16931-R130]-Unit code of price base quantity MUST be same as invoiced quantity.",
)
def peppol_en16931_r130(node, doc) -> bool:
    """Official test: not($hasQuantity) or @unitCode = $quantity/@unitCode"""
    line = node.getparent().getparent()
    if not (exists(line, "cbc:InvoicedQuantity") or exists(line, "cbc:CreditedQuantity")):
        return True
    quantities = children(
        line, "cbc:InvoicedQuantity" if is_invoice(doc) else "cbc:CreditedQuantity"
    )
    units = [q.get("unitCode") for q in quantities if q.get("unitCode") is not None]
    return node.get("unitCode") in units


@assertion(
    SCHEME_GLN,
    "PEPPOL-COMMON-R040",
    FATAL,
    "[PEPPOL-COMMON-R040]-GLN must have a valid format according to GS1 rules.",
)
def peppol_common_r040(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())"""
    identifier = norm(node)
    return _ONLY_DIGITS.fullmatch(identifier) is not None and gln(identifier)


@assertion(
    SCHEME_NO_ORGANIZATION,
    "PEPPOL-COMMON-R041",
    FATAL,
    "[PEPPOL-COMMON-R041]-Norwegian organization number MUST be stated in the correct format.",
)
def peppol_common_r041(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())"""
    identifier = norm(node)
    return re.fullmatch(r"[0-9]{9}", identifier) is not None and mod11(identifier)


@assertion(
    SCHEME_DK_CVR,
    "PEPPOL-COMMON-R042",
    FATAL,
    "[PEPPOL-COMMON-R042]-Danish organization number (CVR) MUST be stated in the correct format.",
)
def peppol_common_r042(node, doc) -> bool:
    """Official test: (string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and
    string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or
    (string-length(string()) = 8) and (string-length(translate(substring(string(), 1,
    8),'1234567890', '')) = 0)"""
    identifier = string_value(node)
    return (
        len(identifier) == 10 and identifier[:2] == "DK" and _digits_only(identifier[2:10])
    ) or (len(identifier) == 8 and _digits_only(identifier[:8]))


@assertion(
    SCHEME_DK_P,
    "PEPPOL-COMMON-R052",
    FATAL,
    "[PEPPOL-COMMON-R052]-Danish chamber of commerce number (P) MUST be stated in the "
    "correct format.",
)
def peppol_common_r052(node, doc) -> bool:
    """Official test: (string-length(string()) = 10) and
    (string-length(translate(substring(string(), 1, 10),'1234567890', '')) = 0)"""
    identifier = string_value(node)
    return len(identifier) == 10 and _digits_only(identifier[:10])


@assertion(
    SCHEME_DK_SE,
    "PEPPOL-COMMON-R053",
    FATAL,
    "[PEPPOL-COMMON-R053]-Danish ERSTORG number (SE) MUST be stated in the correct format.",
)
def peppol_common_r053(node, doc) -> bool:
    """Official test: (string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and
    string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)"""
    identifier = string_value(node)
    return len(identifier) == 10 and identifier[:2] == "DK" and _digits_only(identifier[2:10])


@assertion(
    SCHEME_BE_ENTERPRISE,
    "PEPPOL-COMMON-R043",
    FATAL,
    "[PEPPOL-COMMON-R043]-Belgian enterprise number MUST be stated in the correct format.",
)
def peppol_common_r043(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{10}$') and
    u:mod97-0208(normalize-space())"""
    identifier = norm(node)
    if re.fullmatch(r"[0-9]{10}", identifier) is None:
        return False
    # u:mod97-0208: 97 minus the first eight digits mod 97, against the last two.
    return int(identifier[8:10]) == 97 - int(identifier[:8]) % 97


@assertion(
    SCHEME_IT_IPA,
    "PEPPOL-COMMON-R044",
    WARNING,
    "[PEPPOL-COMMON-R044]-IPA Code (Codice Univoco Unità Organizzativa) must be stated "
    "in the correct format",
)
def peppol_common_r044(node, doc) -> bool:
    """Official test: u:checkCodiceIPA(normalize-space())"""
    identifier = norm(node)
    return len(identifier) == 6 and re.fullmatch(r"[A-Za-z0-9]*", identifier) is not None


@assertion(
    SCHEME_IT_CF,
    "PEPPOL-COMMON-R045",
    WARNING,
    "[PEPPOL-COMMON-R045]-Tax Code (Codice Fiscale) must be stated in the correct format",
)
def peppol_common_r045(node, doc) -> bool:
    """Official test: u:checkCF(normalize-space())"""
    return _codice_fiscale(norm(node))


@assertion(
    SCHEME_IT_CF_ENDPOINT,
    "PEPPOL-COMMON-R046",
    WARNING,
    "[PEPPOL-COMMON-R046]-Tax Code (Codice Fiscale) must be stated in the correct format",
)
def peppol_common_r046(node, doc) -> bool:
    """Official test: u:checkCF(normalize-space())"""
    return _codice_fiscale(norm(node))


@assertion(
    SCHEME_IT_VAT,
    "PEPPOL-COMMON-R047",
    WARNING,
    "[PEPPOL-COMMON-R047]-Italian VAT Code (Partita Iva) must be stated in the correct format",
)
def peppol_common_r047(node, doc) -> bool:
    """Official test: u:checkPIVAseIT(normalize-space())"""
    identifier = norm(node)
    if identifier[:2] not in ("IT", "it"):
        return True
    code = identifier[2:]
    return len(code) == 11 and _partita_iva_check(code) == 0


@assertion(
    SCHEME_SE_ORGANIZATION,
    "PEPPOL-COMMON-R049",
    FATAL,
    "[PEPPOL-COMMON-R049]-Swedish organization number MUST be stated in the correct format.",
)
def peppol_common_r049(node, doc) -> bool:
    """Official test: string-length(normalize-space()) = 10 and
    string(number(normalize-space())) != 'NaN' and u:checkSEOrgnr(normalize-space())"""
    identifier = norm(node)
    return (
        len(identifier) == 10
        and number(identifier) == number(identifier)
        and se_organization_number(identifier)
    )


@assertion(
    SCHEME_AU_ABN,
    "PEPPOL-COMMON-R050",
    FATAL,
    "[PEPPOL-COMMON-R050]-Australian Business Number (ABN) MUST be stated in the correct format.",
)
def peppol_common_r050(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())"""
    identifier = norm(node)
    if re.fullmatch(r"[0-9]{11}", identifier) is None:
        return False
    digits = [ord(c) - 48 for c in identifier]
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    return (
        (digits[0] - 1) * 10 + sum(d * w for d, w in zip(digits[1:], weights[1:], strict=True))
    ) % 89 == 0


@assertion(
    SCHEME_NL_KVK,
    "PEPPOL-COMMON-R054",
    WARNING,
    "[PEPPOL-COMMON-R054]-Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated "
    "in the correct format (12345678).",
)
def peppol_common_r054(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{8}$')"""
    return re.fullmatch(r"[0-9]{8}", norm(node)) is not None


@assertion(
    SCHEME_NL_OIN,
    "PEPPOL-COMMON-R055",
    WARNING,
    "[PEPPOL-COMMON-R055]-Dutch organization identification numbers (0190) MUST be "
    "stated in the correct format (12345678901234567890).",
)
def peppol_common_r055(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{20}$')"""
    return re.fullmatch(r"[0-9]{20}", norm(node)) is not None


@assertion(
    SCHEME_NL_VAT,
    "PEPPOL-COMMON-R056-1",
    WARNING,
    "[PEPPOL-COMMON-R056-1]-Dutch VAT numbers (9944) MUST be stated in the correct "
    "format (NL123456789B12).",
)
def peppol_common_r056_1(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')"""
    return re.fullmatch(r"NL[0-9]{9}B[0-9]{2}", norm(node)) is not None


@assertion(
    NL_VAT_NUMBER,
    "PEPPOL-COMMON-R056-2",
    WARNING,
    "[PEPPOL-COMMON-R056-2]-Dutch VAT numbers MUST have the format (NL123456789B12).",
)
def peppol_common_r056_2(node, doc) -> bool:
    """Official test: matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')"""
    return re.fullmatch(r"NL[0-9]{9}B[0-9]{2}", norm(node)) is not None


@assertion(
    SCHEME_FR_SIRENE,
    "PEPPOL-COMMON-R057",
    WARNING,
    "[PEPPOL-COMMON-R057]-Dutch Chamber of Commerce Establishment numbers (0217) MUST be "
    "stated in the correct format (123456789012).",
)
def peppol_common_r057(node, doc) -> bool:
    """Official test: matches(normalize-space(), '^[0-9]{12}$')"""
    return re.fullmatch(r"[0-9]{12}", norm(node)) is not None
