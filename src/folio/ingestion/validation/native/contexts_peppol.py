"""Patterns, rule contexts and global variables of the Peppol stylesheet
(PEPPOL-EN16931-UBL.xslt, OpenPeppol 2026.5).

Declared here: the empty-elements pattern (mode M26), the CreditNote-only pattern (M27) and
every context of the main pattern (M28, priorities 1000-1030). The national patterns live in
their `rules_national_*.py` modules, the code list pattern (M42) in `rules_peppol_codes.py`.

The stylesheet's global variables (`$supplierCountry`, `$profile`, ...) are computed once per
document (`document_fact`). The helpers below follow the XPath 2.0 details the verdicts depend
on: a function given several nodes where it takes one raises a dynamic error (the official run
stops; in a match pattern the node just does not match), `number()` reads ASCII digits only,
and the rules use `re.fullmatch` where XPath `matches()` anchors with `^...$` (Python's `$`
would also match before a final newline).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_DOWN, Context, Decimal
from functools import wraps

from lxml import etree

from folio.ingestion.validation.native.document import CREDIT_NOTE as CREDIT_NOTE_TAG
from folio.ingestion.validation.native.document import INVOICE as INVOICE_TAG
from folio.ingestion.validation.native.document import Document, clark
from folio.ingestion.validation.native.registry import pattern
from folio.ingestion.validation.native.selectors import (
    Select,
    below_document_element,
    tail,
    union,
)
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    normalize_space,
    string_value,
    xs_decimal,
)

XML_WHITESPACE = " \t\r\n"

EMPTY_ELEMENTS = pattern("peppol", "PEPPOL-EN16931-empty-elements")  # mode M26
CREDIT_NOTE_ONLY = pattern("peppol", "PEPPOL-EN16931-CreditNote")  # mode M27
MAIN = pattern("peppol", "PEPPOL-EN16931")  # mode M28


# --- XPath 2.0 values as the Peppol stylesheet uses them ------------------------------------


def one(nodes: list) -> etree._Element | None:
    """The node a single-valued argument gets: None for none, a dynamic error for several."""
    if len(nodes) > 1:
        raise XPathDynamicError("a sequence of more than one item is not allowed here")
    return nodes[0] if nodes else None


def value(element: etree._Element | None, path: str | None = None) -> str:
    """`string(path)` of a single-valued argument ('' when absent)."""
    node = one(children(element, path)) if path else element
    return string_value(node) if node is not None else ""


def norm(element: etree._Element | None, path: str | None = None) -> str:
    """`normalize-space(path)`."""
    return normalize_space(value(element, path))


def text_nodes(element: etree._Element) -> list[str]:
    """The element's own text() nodes (text split by comments or child elements)."""
    found = [element.text] if element.text else []
    found.extend(child.tail for child in element if child.tail)
    return found


def own_text(element: etree._Element | None) -> str | None:
    """`text()` where one item is expected: None when there is none."""
    if element is None:
        return None
    texts = text_nodes(element)
    if len(texts) > 1:
        raise XPathDynamicError("a sequence of more than one text node is not allowed here")
    return texts[0] if texts else None


def values(element: etree._Element | None, path: str) -> list[str]:
    """The string values of every node at `path` (for general comparisons)."""
    return [string_value(node) for node in children(element, path)]


_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN")


def number(text: str | None) -> float:
    """XPath `number()`: the xs:double of the text, NaN when it is not one."""
    if text is None:
        return math.nan
    stripped = text.strip(XML_WHITESPACE)
    if not _DOUBLE.fullmatch(stripped):
        return math.nan
    return float(stripped)


def castable_integer(text: str) -> bool:
    return re.fullmatch(r"[+-]?[0-9]+", text.strip(XML_WHITESPACE)) is not None


_DATE = re.compile(
    r"(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?"
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def castable_date(text: str) -> bool:
    """`castable as xs:date` (XSD 1.1, as Saxon: year zero exists)."""
    match = _DATE.fullmatch(text.strip(XML_WHITESPACE))
    if not match:
        return False
    sign, year_text, month, day = match.group(1), match.group(2), match.group(3), match.group(4)
    if len(year_text) > 4 and year_text.startswith("0"):
        return False
    year, month_number, day_number = int(year_text), int(month), int(day)
    if sign:
        year = -year
    if not 1 <= month_number <= 12 or day_number < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month_number == 2 and leap else _DAYS[month_number - 1]
    return day_number <= last


def optional_decimal(element: etree._Element | None, path: str) -> Decimal | None:
    """`xs:decimal(path)`: None for the empty sequence, a dynamic error for a bad value."""
    node = one(children(element, path))
    return None if node is None else xs_decimal(string_value(node))


# Saxon's xs:decimal arithmetic is exact (+, -, *); a context this wide keeps Python's exact too.
EXACT = Context(prec=200)
_SCALES: dict[int, Decimal] = {}


def decimal_divide(dividend: Decimal, divisor: Decimal) -> Decimal:
    """xs:decimal `div` as Saxon computes it: at least 18 decimals, truncated."""
    if divisor == 0:
        raise XPathDynamicError("decimal division by zero")
    if divisor == 1:
        return dividend
    scale = max(18, -dividend.as_tuple().exponent, -divisor.as_tuple().exponent)
    quantum = _SCALES.get(scale)
    if quantum is None:
        quantum = _SCALES[scale] = Decimal(1).scaleb(-scale)
    return EXACT.divide(dividend, divisor).quantize(quantum, rounding=ROUND_DOWN, context=EXACT)


def slack(expected: Decimal, actual: Decimal, allowed: Decimal) -> bool:
    """u:slack: the actual value is within `allowed` of the expected one."""
    return EXACT.add(expected, allowed) >= actual and EXACT.subtract(expected, allowed) <= actual


def gln(text: str) -> bool:
    """u:gln: GS1 check digit (weights 3, 1, 3, ... from the right of the body)."""
    body, check = text[:-1], text[-1:]
    total = sum(
        (ord(char) - 48) * (3 if index % 2 == 0 else 1) for index, char in enumerate(reversed(body))
    )
    return (10 - total % 10) % 10 == number(check)


def mod11(text: str) -> bool:
    """u:mod11: Norwegian organization number check (weights 2-7 from the right)."""
    body, check = text[:-1], text[-1:]
    total = sum((ord(char) - 48) * (index % 6 + 2) for index, char in enumerate(reversed(body)))
    return number(text) > 0 and (11 - total % 11) % 11 == number(check)


def tin_verification(text: str) -> bool:
    """u:TinVerification: the Greek tax number check (9 digits)."""
    digits = [number(char) for char in text]
    if len(digits) < 9:
        return False
    checksum = sum(digits[index] * 2 ** (8 - index) for index in range(8))
    if math.isnan(checksum):
        return False
    return math.fmod(math.fmod(checksum, 11), 10) == digits[8]


def se_organization_number(text: str) -> bool:
    """u:checkSEOrgnr: Luhn over the first nine digits against the tenth."""
    if not re.search(r"^\d+\Z", text):
        return False
    main_part, check = text[:9], text[9:10]
    total = 0
    for position in range(1, len(main_part) + 1):
        digit = number(main_part[len(main_part) - position])
        if math.isnan(digit):
            # `xs:integer(sum(...))` of NaN: the official run stops with an error.
            raise XPathDynamicError(f"cannot convert NaN to xs:integer in {text!r}")
        digit = int(digit)
        total += (digit * 2) % 10 + (digit * 2) // 10 if position % 2 == 1 else digit
    return (10 - total % 10) % 10 == number(check)


def xpath_substring(text: str, start: int, length: int | None = None) -> str:
    """`substring(text, start, length)` for integer arguments (1-based, clipped)."""
    first = max(start, 1)
    if length is None:
        return text[first - 1 :]
    end = start + length  # exclusive, 1-based
    return text[first - 1 : max(end - 1, first - 1)]


# --- global variables, once per document ----------------------------------------------------


def document_fact(compute: Callable[[Document], object]):
    """Cache a document-wide value (a global variable of the stylesheet) on the document."""
    key = f"peppol_{compute.__name__}"

    @wraps(compute)
    def cached(document: Document):
        facts = document.__dict__
        if key not in facts:
            facts[key] = compute(document)
        return facts[key]

    return cached


def in_pattern(predicate: Callable[[etree._Element], bool]) -> Callable[[etree._Element], bool]:
    """A match pattern's predicate: a dynamic error while matching means no match."""

    def safe(element: etree._Element) -> bool:
        try:
            return predicate(element)
        except XPathDynamicError:
            return False

    return safe


def when(fact: Callable[[Document], bool], select: Select) -> Select:
    """`select[$globalVariable]`: every node of `select` when the global fact holds."""

    def holds(document: Document) -> bool:
        try:
            return bool(fact(document))
        except XPathDynamicError:
            return False

    def pick(document: Document) -> list:
        return select(document) if holds(document) else []

    # The engine asks the gate first (engine._Step.gate): a national pattern's contexts are
    # passed over at the cost of one cached fact when the country gate is closed.
    return Select(
        pick,
        tags=select.tags,
        gate=holds,
        path_match=select.path_match,
        predicate=select.predicate,
    )


def _vat_prefixes(party: etree._Element | None) -> list[str]:
    """`party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)`."""
    prefixes = []
    for scheme in children(party, "cac:PartyTaxScheme"):
        if "VAT" in values(scheme, "cac:TaxScheme/cbc:ID"):
            prefixes.append(value(scheme, "cbc:CompanyID")[:2])
    return prefixes


def _country_from(prefixes: list[str]) -> str | None:
    """`if (seq) then upper-case(normalize-space(seq)) else ...`: None for the else branch."""
    if not prefixes:
        return None
    if len(prefixes) > 1:
        raise XPathDynamicError("effective boolean value of a sequence of several strings")
    return normalize_space(prefixes[0]).upper() if prefixes[0] else None


def _top(document: Document, path: str) -> etree._Element | None:
    """`/*/path` (first match)."""
    found = children(document.root, path)
    return found[0] if found else None


SUPPLIER_PARTY = "cac:AccountingSupplierParty/cac:Party"
CUSTOMER_PARTY = "cac:AccountingCustomerParty/cac:Party"
COUNTRY = "cac:PostalAddress/cac:Country/cbc:IdentificationCode"


def _address_country(document: Document, party_path: str) -> str:
    """`upper-case(normalize-space(/*/party/cac:PostalAddress/.../cbc:IdentificationCode))`."""
    return norm(document.root, f"{party_path}/{COUNTRY}").upper()


@document_fact
def supplier_country(document: Document) -> str:
    """$supplierCountry: the seller's VAT prefix, else the tax representative's, else the
    seller's address country, else 'XX'."""
    root = document.root
    country = _country_from(
        [p for party in children(root, SUPPLIER_PARTY) for p in _vat_prefixes(party)]
    )
    if country is None:
        country = _country_from(
            [
                p
                for party in children(root, "cac:TaxRepresentativeParty")
                for p in _vat_prefixes(party)
            ]
        )
    if country is None and children(root, f"{SUPPLIER_PARTY}/{COUNTRY}"):
        country = _address_country(document, SUPPLIER_PARTY)
    return "XX" if country is None else country


@document_fact
def accounting_supplier_country(document: Document) -> str:
    """$accountingSupplierCountry (GR): as $supplierCountry without the tax representative."""
    root = document.root
    country = _country_from(
        [p for party in children(root, SUPPLIER_PARTY) for p in _vat_prefixes(party)]
    )
    if country is None and children(root, f"{SUPPLIER_PARTY}/{COUNTRY}"):
        country = _address_country(document, SUPPLIER_PARTY)
    return "XX" if country is None else country


@document_fact
def customer_country(document: Document) -> str:
    """$customerCountry: the buyer's VAT prefix, else address country, else 'XX'."""
    root = document.root
    country = _country_from(
        [p for party in children(root, CUSTOMER_PARTY) for p in _vat_prefixes(party)]
    )
    if country is None and children(root, f"{CUSTOMER_PARTY}/{COUNTRY}"):
        country = _address_country(document, CUSTOMER_PARTY)
    return "XX" if country is None else country


@document_fact
def supplier_country_is_de(document: Document) -> bool:
    return _address_country(document, SUPPLIER_PARTY) == "DE"


@document_fact
def customer_country_is_de(document: Document) -> bool:
    return _address_country(document, CUSTOMER_PARTY) == "DE"


def german_parties(document: Document) -> bool:
    """`$supplierCountryIsDE and $customerCountryIsDE`."""
    return supplier_country_is_de(document) and customer_country_is_de(document)


@document_fact
def supplier_country_is_nl(document: Document) -> bool:
    return _address_country(document, SUPPLIER_PARTY) == "NL"


@document_fact
def customer_country_is_nl(document: Document) -> bool:
    return _address_country(document, CUSTOMER_PARTY) == "NL"


@document_fact
def tax_representative_country_is_nl(document: Document) -> bool:
    return _address_country(document, "cac:TaxRepresentativeParty") == "NL"


def _concat_country(document: Document, party_path: str) -> str:
    """`concat(ubl-creditnote:CreditNote/party/..., ubl-invoice:Invoice/party/...)` from `/`:
    the root's address country code as written (not normalized)."""
    if document.root.tag not in (INVOICE_TAG, CREDIT_NOTE_TAG):
        return ""
    return value(document.root, f"{party_path}/{COUNTRY}")


@document_fact
def address_supplier_country(document: Document) -> str:
    """$DKSupplierCountry / $SupplierCountry (IS)."""
    return _concat_country(document, SUPPLIER_PARTY)


@document_fact
def address_customer_country(document: Document) -> str:
    """$DKCustomerCountry / $CustomerCountry (IS)."""
    return _concat_country(document, CUSTOMER_PARTY)


@document_fact
def profile(document: Document) -> str:
    """$profile: '01' (billing), '02' (billing with response) or 'Unknown'."""
    profile_id = norm(document.root, "cbc:ProfileID")
    if profile_id in (
        "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
        "urn:peppol:france:billing:regulated",
        "urn:peppol:france:billing:non-regulated",
    ):
        return "01"
    if profile_id == "urn:peppol:bis:billing_with_response":
        return "02"
    return "Unknown"


@document_fact
def document_currency_codes(document: Document) -> list[str]:
    """$documentCurrencyCode: the string values of /*/cbc:DocumentCurrencyCode."""
    return values(document.root, "cbc:DocumentCurrencyCode")


def is_invoice(document: Document) -> bool:
    """`/ubl-invoice:Invoice` exists."""
    return document.root.tag == INVOICE_TAG


def is_credit_note(document: Document) -> bool:
    return document.root.tag == CREDIT_NOTE_TAG


# --- selectors ---------------------------------------------------------------------------------


def in_document(path: str) -> Select:
    """`ubl-invoice:Invoice/path | ubl-creditnote:CreditNote/path` (relative patterns)."""
    return union(tail(f"ubl:Invoice/{path}"), tail(f"cn:CreditNote/{path}"))


def below_root(path: str) -> Select:
    """`/ubl-invoice:Invoice/path | /ubl-creditnote:CreditNote/path` (absolute patterns)."""
    steps = tuple(clark(step) for step in path.split("/"))

    def pick(document: Document) -> list:
        root = document.root
        if root.tag not in (INVOICE_TAG, CREDIT_NOTE_TAG):
            return []
        return list(document.paths.get((root.tag, *steps), ()))

    return Select(pick, tags=frozenset(steps[-1:]), path_match=below_document_element(steps))


def tagged(*names: str) -> Select:
    """`cbc:A | cbc:B | ...`: every element with one of these names, in document order."""
    tags = [clark(name) for name in names]

    def pick(document: Document) -> list:
        found = [e for tag in tags for e in document.by_tag.get(tag, ())]
        if len(found) > 1:
            order = document.order
            found.sort(key=order.__getitem__)
        return found

    wanted = frozenset(tags)
    return Select(pick, tags=wanted, path_match=lambda path: path[-1] in wanted)


def _empty_elements(document) -> list:
    """`//*[not(*) and not(normalize-space())]`: no child element, only whitespace text.

    Read off the document index: an element with child elements is in `child_index`; the
    others are leaves (their text is their string value) or hold only comments or processing
    instructions (then the text around them counts).
    """
    with_elements = document.child_index
    found = []
    for element in document.elements:
        if element in with_elements:
            continue
        text = "".join(element.itertext()) if len(element) else element.text
        if not text or not text.strip(XML_WHITESPACE):
            found.append(element)
    return found


EMPTY_ELEMENT = EMPTY_ELEMENTS.context(
    1000, "//*[not(*) and not(normalize-space())]", Select(_empty_elements)
)
CREDIT_NOTE = CREDIT_NOTE_ONLY.context(1000, "ubl-creditnote:CreditNote", tail("cn:CreditNote"))


# --- pattern PEPPOL-EN16931 (M28) ------------------------------------------------------------

# `ubl-creditnote:CreditNote | ubl-invoice:Invoice` is a relative pattern: any such element.
DOCUMENT = MAIN.context(
    1030,
    "ubl-creditnote:CreditNote | ubl-invoice:Invoice",
    union(tail("cn:CreditNote"), tail("ubl:Invoice")),
)
TAX_CURRENCY = MAIN.context(1029, "cbc:TaxCurrencyCode", tail("cbc:TaxCurrencyCode"))
BUYER = MAIN.context(1028, CUSTOMER_PARTY, tail(CUSTOMER_PARTY))
SELLER = MAIN.context(1027, SUPPLIER_PARTY, tail(SUPPLIER_PARTY))


@document_fact
def _allowance_charges(document: Document) -> list:
    """`Invoice/cac:AllowanceCharge | Invoice/cac:InvoiceLine/cac:AllowanceCharge` and the
    CreditNote equivalents (the line's parent must be the document element); three contexts
    select from it, so it is found once per document."""
    line_of = {INVOICE_TAG: clark("cac:InvoiceLine"), CREDIT_NOTE_TAG: clark("cac:CreditNoteLine")}
    found = []
    for element in document.tagged("cac:AllowanceCharge"):
        parent = element.getparent()
        if parent.tag in line_of:
            found.append(element)
            continue
        grandparent = parent.getparent()
        if grandparent is not None and line_of.get(grandparent.tag) == parent.tag:
            found.append(element)
    return found


ALLOWANCE_CHARGE = Select(_allowance_charges)


def _has(path: str) -> Callable[[etree._Element], bool]:
    return lambda e: bool(children(e, path))


ALLOWANCE_PERCENT_WITHOUT_BASE = MAIN.context(
    1026,
    "ubl-invoice:Invoice/cac:AllowanceCharge[cbc:MultiplierFactorNumeric and "
    "not(cbc:BaseAmount)] | ... (document and line level, Invoice and CreditNote)",
    ALLOWANCE_CHARGE.where(
        lambda e: _has("cbc:MultiplierFactorNumeric")(e) and not _has("cbc:BaseAmount")(e)
    ),
)
ALLOWANCE_BASE_WITHOUT_PERCENT = MAIN.context(
    1025,
    "ubl-invoice:Invoice/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and "
    "cbc:BaseAmount] | ... (document and line level, Invoice and CreditNote)",
    ALLOWANCE_CHARGE.where(
        lambda e: not _has("cbc:MultiplierFactorNumeric")(e) and _has("cbc:BaseAmount")(e)
    ),
)
ALLOWANCE = MAIN.context(
    1024,
    "ubl-invoice:Invoice/cac:AllowanceCharge | ubl-invoice:Invoice/cac:InvoiceLine/"
    "cac:AllowanceCharge | (the CreditNote equivalents)",
    ALLOWANCE_CHARGE,
)
DIRECT_DEBIT = MAIN.context(
    1023,
    "cac:PaymentMeans[some $code in tokenize('49 59', '\\s') satisfies "
    "normalize-space(cbc:PaymentMeansCode) = $code]",
    tail("cac:PaymentMeans").where(
        in_pattern(lambda e: norm(e, "cbc:PaymentMeansCode") in ("49", "59"))
    ),
)

AMOUNT_NAMES = (
    "cbc:Amount",
    "cbc:BaseAmount",
    "cbc:PriceAmount",
    "cbc:TaxableAmount",
    "cbc:LineExtensionAmount",
    "cbc:TaxExclusiveAmount",
    "cbc:TaxInclusiveAmount",
    "cbc:AllowanceTotalAmount",
    "cbc:ChargeTotalAmount",
    "cbc:PrepaidAmount",
    "cbc:PayableRoundingAmount",
    "cbc:PayableAmount",
)
_TAX_TOTAL, _TAX_SUBTOTAL = clark("cac:TaxTotal"), clark("cac:TaxSubtotal")


def _main_tax_amount(element) -> bool:
    """`cac:TaxTotal[cac:TaxSubtotal]/cbc:TaxAmount | cac:TaxSubtotal/cbc:TaxAmount`."""
    parent = element.getparent()
    if parent.tag == _TAX_SUBTOTAL:
        return True
    return parent.tag == _TAX_TOTAL and parent.find(_TAX_SUBTOTAL) is not None


AMOUNT = MAIN.context(
    1022,
    "cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cac:TaxTotal[cac:TaxSubtotal]/cbc:TaxAmount"
    " | cac:TaxSubtotal/cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | "
    "cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | cbc:AllowanceTotalAmount | "
    "cbc:ChargeTotalAmount | cbc:PrepaidAmount | cbc:PayableRoundingAmount | cbc:PayableAmount",
    union(tagged(*AMOUNT_NAMES), tail("cbc:TaxAmount").where(_main_tax_amount)),
)


def _line_period_date(name: str) -> Select:
    """`Invoice[cac:InvoicePeriod/cbc:X]/cac:InvoiceLine/cac:InvoicePeriod/cbc:X` (and CN)."""
    line_of = {INVOICE_TAG: clark("cac:InvoiceLine"), CREDIT_NOTE_TAG: clark("cac:CreditNoteLine")}
    period = clark("cac:InvoicePeriod")

    def pick(document: Document) -> list:
        found = []
        for element in document.tagged(name):
            parent = element.getparent()
            if parent.tag != period:
                continue
            line = parent.getparent()
            top = line.getparent() if line is not None else None
            if top is None or line_of.get(top.tag) != line.tag:
                continue
            if children(top, f"cac:InvoicePeriod/{name}"):
                found.append(element)
        return found

    return Select(pick)


LINE_PERIOD_START = MAIN.context(
    1021,
    "ubl-invoice:Invoice[cac:InvoicePeriod/cbc:StartDate]/cac:InvoiceLine/cac:InvoicePeriod/"
    "cbc:StartDate | (CreditNote)",
    _line_period_date("cbc:StartDate"),
)
LINE_PERIOD_END = MAIN.context(
    1020,
    "ubl-invoice:Invoice[cac:InvoicePeriod/cbc:EndDate]/cac:InvoiceLine/cac:InvoicePeriod/"
    "cbc:EndDate | (CreditNote)",
    _line_period_date("cbc:EndDate"),
)
LINE = MAIN.context(
    1019,
    "cac:InvoiceLine | cac:CreditNoteLine",
    union(tail("cac:InvoiceLine"), tail("cac:CreditNoteLine")),
)
PRICE_ALLOWANCE = MAIN.context(
    1018, "cac:Price/cac:AllowanceCharge", tail("cac:Price/cac:AllowanceCharge")
)
BASE_QUANTITY = MAIN.context(
    1017,
    "cac:Price/cbc:BaseQuantity[@unitCode]",
    tail("cac:Price/cbc:BaseQuantity").where(lambda e: e.get("unitCode") is not None),
)

_IDENTIFIER_TAGS = {clark("cbc:EndpointID"), clark("cbc:CompanyID")}
_PARTY_IDENTIFICATION = clark("cac:PartyIdentification")
_ENDPOINT = clark("cbc:EndpointID")


@document_fact
def identifiers_by_scheme(document: Document) -> dict[str, list]:
    """`cbc:EndpointID | cac:PartyIdentification/cbc:ID | cbc:CompanyID` by @schemeID."""
    found = [
        e
        for e in (
            *document.tagged("cbc:EndpointID"),
            *document.tagged("cbc:CompanyID"),
            *(e for e in document.tagged("cbc:ID") if e.getparent().tag == _PARTY_IDENTIFICATION),
        )
        if e.get("schemeID") is not None
    ]
    order = document.order
    found.sort(key=order.__getitem__)
    grouped: dict[str, list] = {}
    for element in found:
        grouped.setdefault(element.get("schemeID"), []).append(element)
    return grouped


def scheme(code: str, *, endpoints_only: bool = False) -> Select:
    def pick(document: Document) -> list:
        found = identifiers_by_scheme(document).get(code, [])
        if endpoints_only:
            return [e for e in found if e.tag == _ENDPOINT]
        return found

    return Select(pick)


def _scheme_context(priority: int, code: str, *, endpoints_only: bool = False):
    match = (
        f"cbc:EndpointID[@schemeID = '{code}']"
        if endpoints_only
        else f"cbc:EndpointID[@schemeID = '{code}'] | cac:PartyIdentification/cbc:ID"
        f"[@schemeID = '{code}'] | cbc:CompanyID[@schemeID = '{code}']"
    )
    return MAIN.context(priority, match, scheme(code, endpoints_only=endpoints_only))


SCHEME_GLN = _scheme_context(1016, "0088")
SCHEME_NO_ORGANIZATION = _scheme_context(1015, "0192")
SCHEME_DK_CVR = _scheme_context(1014, "0184")
SCHEME_DK_P = _scheme_context(1013, "0096")
SCHEME_DK_SE = _scheme_context(1012, "0198")
SCHEME_BE_ENTERPRISE = _scheme_context(1011, "0208")
SCHEME_IT_IPA = _scheme_context(1010, "0201")
SCHEME_IT_CF = _scheme_context(1009, "0210")
SCHEME_IT_CF_ENDPOINT = _scheme_context(1008, "9907", endpoints_only=True)
SCHEME_IT_VAT = _scheme_context(1007, "0211")
SCHEME_SE_ORGANIZATION = _scheme_context(1006, "0007")
SCHEME_AU_ABN = _scheme_context(1005, "0151")
SCHEME_NL_KVK = _scheme_context(1004, "0106")
SCHEME_NL_OIN = _scheme_context(1003, "0190")
SCHEME_NL_VAT = _scheme_context(1002, "9944")


def _dutch_vat_number(element) -> bool:
    """`cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID
    [starts-with(normalize-space(.), 'NL')]`."""
    return norm(element.getparent(), "cac:TaxScheme/cbc:ID") == "VAT" and norm(element).startswith(
        "NL"
    )


NL_VAT_NUMBER = MAIN.context(
    1001,
    "cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID"
    "[starts-with(normalize-space(.), 'NL')]",
    tail("cac:PartyTaxScheme/cbc:CompanyID").where(in_pattern(_dutch_vat_number)),
)
SCHEME_FR_SIRENE = _scheme_context(1000, "0217")
