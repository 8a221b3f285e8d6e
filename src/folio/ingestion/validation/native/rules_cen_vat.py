"""EN 16931 VAT category rules: BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF, BR-AG, BR-B.

Nine categories share one shape (01-04 on the document, 05-07 on the line, allowance and
charge categories, 08-10 on the VAT breakdown), but the official tests differ in small ways
from category to category (whether the VAT scheme is checked, which seller identifier counts,
a tolerance of 1 or exact equality, ...). Each variant below says which categories use it; the
facts they read (categories, identifiers, sums) are collected once per document.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from folio.ingestion.validation.native.contexts_cen import (
    ROOT,
    VAT_CATEGORY_CONTEXTS,
    charge,
    vat_scheme,
)
from folio.ingestion.validation.native.document import clark
from folio.ingestion.validation.native.registry import FATAL, assertion
from folio.ingestion.validation.native.xpath_values import (
    XPathDynamicError,
    children,
    normalize_space,
    number,
    round_2,
    string_value,
    xs_boolean,
    xs_decimal,
)

# The category codes as the stylesheet writes them, by rule family.
CODES = {
    "S": "S",
    "Z": "Z",
    "E": "E",
    "AE": "AE",
    "IC": "K",
    "G": "G",
    "O": "O",
    "AF": "L",
    "AG": "M",
}
ALLOWANCE_CHARGE = clark("cac:AllowanceCharge")
INVOICE_LINE = clark("cac:InvoiceLine")
CREDIT_NOTE_LINE = clark("cac:CreditNoteLine")
ID = clark("cbc:ID")
ZERO = Decimal(0)


class _Category:
    """One cac:TaxCategory or cac:ClassifiedTaxCategory and what the tests ask of it."""

    __slots__ = ("element", "id", "ids", "indicator", "parent_tag", "raw_ids", "rooted", "vat")

    def __init__(self, element, root, path):
        self.element = element
        nodes = children(element, "cbc:ID")
        self.raw_ids = [string_value(n) for n in nodes]
        # `normalize-space(cbc:ID)`: the first ID's normalized value ('' without one).
        self.ids = [normalize_space(v) for v in self.raw_ids]
        self.id = self.ids[0] if self.ids else ""
        self.vat = vat_scheme(element)
        parent = element.getparent()
        # The tag path from the document index: lxml builds `.tag` anew on every read.
        self.parent_tag = path[-2] if len(path) > 1 else None
        self.indicator = None  # for a category of an allowance/charge: True, False or None
        self.rooted = False
        if self.parent_tag == ALLOWANCE_CHARGE:
            if charge(True)(parent):
                self.indicator = True
            elif charge(False)(parent):
                self.indicator = False
            self.rooted = parent.getparent() is root


class _Facts:
    """The document-wide facts the VAT category rules read, computed once per document."""

    def __init__(self, doc):
        root = doc.root
        self.root = root
        # Rules such as BR-O-13 read `//cac:AllowanceCharge[cbc:ChargeIndicator=false()]` as an
        # expression, where a value that is not a boolean is a dynamic error: the official run
        # stops at any such indicator, so the native one does too.
        path_of = doc.path_of
        for indicator in doc.tagged("cbc:ChargeIndicator"):
            path = path_of[indicator]
            if len(path) > 1 and path[-2] == ALLOWANCE_CHARGE:
                xs_boolean(string_value(indicator))
        self.categories = [_Category(e, root, path_of[e]) for e in doc.tagged("cac:TaxCategory")]
        self.classified = [
            _Category(e, root, path_of[e]) for e in doc.tagged("cac:ClassifiedTaxCategory")
        ]
        self.allowance_categories = [c for c in self.categories if c.parent_tag == ALLOWANCE_CHARGE]
        # Nine families ask "is code X used" of the same categories: counted once here.
        self.vat_codes_used = {
            code for c in (*self.categories, *self.classified) if c.vat for code in c.ids
        }
        self.classified_ids = Counter(c.id for c in self.classified)
        self.classified_vat_ids = Counter(c.id for c in self.classified if c.vat)
        self.allowance_ids = Counter(c.id for c in self.allowance_categories)
        self.allowance_vat_ids = Counter(c.id for c in self.allowance_categories if c.vat)
        breakdown = children(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory")
        by_element = {c.element: c for c in self.categories}
        self.breakdown = [by_element[e] for e in breakdown]
        # Every line and allowance/charge anywhere (`//`), and those right below the document
        # element (`../../../` from the breakdown), read once each.
        self.all_invoice_lines = [_Line(e) for e in doc.tagged("cac:InvoiceLine")]
        self.all_credit_note_lines = [_Line(e) for e in doc.tagged("cac:CreditNoteLine")]
        self.all_allowances = [_AllowanceCharge(e) for e in doc.tagged("cac:AllowanceCharge")]
        self.has_invoice_lines = bool(self.all_invoice_lines)
        self.has_credit_note_lines = bool(self.all_credit_note_lines)
        self.invoice_lines = [x for x in self.all_invoice_lines if x.parent is root]
        self.credit_note_lines = [x for x in self.all_credit_note_lines if x.parent is root]
        self.document_allowances = [x for x in self.all_allowances if x.parent is root]

        def party_ids(party_path: str, path: str, *, vat_only: bool) -> bool:
            for party in doc.tagged(party_path):
                for scheme in children(party, path):
                    if (not vat_only or vat_scheme(scheme)) and scheme.find(
                        clark("cbc:CompanyID")
                    ) is not None:
                        return True
            return False

        supplier = "cac:AccountingSupplierParty"
        customer = "cac:AccountingCustomerParty"
        self.seller_tax_id = party_ids(supplier, "cac:Party/cac:PartyTaxScheme", vat_only=False)
        self.seller_vat_id = party_ids(supplier, "cac:Party/cac:PartyTaxScheme", vat_only=True)
        self.representative_vat_id = party_ids(
            "cac:TaxRepresentativeParty", "cac:PartyTaxScheme", vat_only=True
        )
        self.buyer_vat_id = party_ids(customer, "cac:Party/cac:PartyTaxScheme", vat_only=True)
        self.buyer_legal_id = any(
            children(party, "cac:Party/cac:PartyLegalEntity/cbc:CompanyID")
            for party in doc.tagged(customer)
        )


class _Line:
    """An invoice or credit note line: its item categories (ids, rates) and net amount."""

    __slots__ = ("amounts", "ids", "parent", "percents", "rates")

    def __init__(self, element):
        self.parent = element.getparent()
        categories = children(element, "cac:Item/cac:ClassifiedTaxCategory")
        self.ids = [_first_normalized(c, "cbc:ID") for c in categories]
        self.percents = [p for c in categories for p in children(c, "cbc:Percent")[:1]]
        self.amounts = children(element, "cbc:LineExtensionAmount")
        self.rates = None

    def rate_matches(self, rate: Decimal) -> bool:
        return _rate_matches(self, rate)

    def amount(self) -> Decimal:
        return xs_decimal(string_value(self.amounts[0])) if self.amounts else ZERO


class _AllowanceCharge:
    __slots__ = ("amounts", "ids", "indicator", "parent", "percents", "rates")

    def __init__(self, element):
        self.parent = element.getparent()
        self.indicator = (
            True if charge(True)(element) else False if charge(False)(element) else None
        )
        categories = children(element, "cac:TaxCategory")
        self.ids = [_first_normalized(c, "cbc:ID") for c in categories]
        self.percents = [p for c in categories for p in children(c, "cbc:Percent")[:1]]
        self.amounts = children(element, "cbc:Amount")
        self.rates = None

    def rate_matches(self, rate: Decimal) -> bool:
        return _rate_matches(self, rate)

    def amount(self) -> Decimal:
        return xs_decimal(string_value(self.amounts[0])) if self.amounts else ZERO


def _rate_matches(item, rate: Decimal) -> bool:
    """`xs:decimal(cbc:Percent) = $rate` for any of the item's categories, in order. Each rate is
    cast once per line (a breakdown of n rates asks every line n times); a cast that fails
    raises each time it is reached, as the stylesheet's would."""
    rates = item.rates
    if rates is None:
        rates = item.rates = []
    for position, percent in enumerate(item.percents):
        if position == len(rates):
            rates.append(xs_decimal(string_value(percent)))
        if rates[position] == rate:
            return True
    return False


def _first_normalized(element, path: str) -> str:
    nodes = children(element, path)
    return normalize_space(string_value(nodes[0])) if nodes else ""


def facts(doc) -> _Facts:
    found = doc.__dict__.get("_vat_facts")
    if found is None:
        found = doc.__dict__["_vat_facts"] = _Facts(doc)
    return found


def _first_decimal(element, path: str) -> Decimal | None:
    nodes = children(element, path)
    return xs_decimal(string_value(nodes[0])) if nodes else None


def _any_number(nodes, compare) -> bool:
    """`(cbc:Percent) > 0`: untyped values compared with a number, as xs:double."""
    for node in nodes:
        value = number(string_value(node))
        if value != value:
            raise XPathDynamicError(f"cannot cast {string_value(node)!r} to xs:double")
        if compare(value):
            return True
    return False


def _decimal_is_zero(nodes) -> bool:
    """`xs:decimal(X) = 0` (false when X is absent)."""
    return bool(nodes) and xs_decimal(string_value(nodes[0])) == ZERO


# --- the seller/buyer identifier conditions of rules 02-04 ---------------------------------
def _seller_any(f: _Facts) -> bool:
    return f.seller_tax_id or f.representative_vat_id


def _seller_vat(f: _Facts) -> bool:
    return f.seller_vat_id or f.representative_vat_id


CONDITIONS = {
    "S": _seller_any,
    "Z": _seller_any,
    "E": _seller_any,
    "AF": _seller_any,
    "AG": _seller_any,
    "AE": lambda f: _seller_any(f) and (f.buyer_vat_id or f.buyer_legal_id),
    "G": _seller_vat,
    "IC": lambda f: _seller_vat(f) and f.buyer_vat_id,
    "O": lambda f: not f.seller_vat_id and not f.representative_vat_id and not f.buyer_vat_id,
}


def _register(family: str, number: int, context, check) -> None:
    rule_id = f"BR-{family}-{number:02d}"
    assertion(context, rule_id, FATAL, MESSAGES[rule_id])(check)


# --- 01: a category in use appears in the VAT breakdown -------------------------------------
def _rule_01(family: str):
    code = CODES[family]

    if family == "S":

        def check(node, doc) -> bool:
            f = facts(doc)
            used = f.allowance_ids[code] + f.classified_ids[code]
            listed = sum(1 for c in f.breakdown if c.id == code)
            return (used > 0 and listed > 0) or (used == 0 and listed == 0)

    elif family in ("AF", "AG"):

        def check(node, doc) -> bool:
            f = facts(doc)
            used = f.allowance_vat_ids[code] + f.classified_vat_ids[code]
            if family == "AF":  # `[cbc:ID = 'L']`: raw value, any scheme
                listed = sum(1 for c in f.breakdown if code in c.raw_ids)
            else:  # `[cbc:ID = 'M'][VAT]`
                listed = sum(1 for c in f.breakdown if code in c.raw_ids and c.vat)
            listed_vat = sum(1 for c in f.breakdown if c.id == code and c.vat)
            return (used > 0 and listed > 0) or (used == 0 and listed_vat == 0)

    else:

        def check(node, doc) -> bool:
            f = facts(doc)
            if code not in f.vat_codes_used:
                return True
            return sum(c.ids.count(code) for c in f.breakdown if c.vat) == 1

    return check


# --- 02: lines of the category need the seller's (and buyer's) identifiers ------------------
def _rule_02(family: str):
    code, condition = CODES[family], CONDITIONS[family]

    def check(node, doc) -> bool:
        f = facts(doc)
        required = code in f.classified_vat_ids
        # BR-S-02's fallback omits the VAT scheme
        present = code in f.classified_ids if family == "S" else required
        return (required and condition(f)) or not present

    return check


# --- 03/04: document allowances/charges of the category need the identifiers ----------------
def _rule_03_04(family: str, indicator: bool):
    code, condition = CODES[family], CONDITIONS[family]

    def matching(f: _Facts, *, vat: bool, raw: bool = False):
        for c in f.allowance_categories:
            if c.indicator is not indicator:
                continue
            if family == "O" and not c.rooted:
                continue
            if ((code in c.raw_ids) if raw else (c.id == code)) and (not vat or c.vat):
                return True
        return False

    def check(node, doc) -> bool:
        f = facts(doc)
        required = matching(f, vat=family != "G")
        present = matching(f, vat=True, raw=family == "AF" and indicator)
        return (required and condition(f)) or not present

    return check


# --- 05-07: the rate of a line, allowance or charge category -------------------------------
def _rate_rule(family: str):
    if family == "S":
        return lambda node, doc: _any_number(children(node, "cbc:Percent"), lambda v: v > 0)
    if family in ("AF", "AG"):
        return lambda node, doc: _any_number(children(node, "cbc:Percent"), lambda v: v >= 0)
    if family == "O":
        return lambda node, doc: node.find(clark("cbc:Percent")) is None
    return lambda node, doc: _decimal_is_zero(children(node, "cbc:Percent"))


# --- 08: the breakdown's taxable amount is the sum of its lines, allowances and charges ------
def _sum_for(lines, allowances, code: str, rate: Decimal | None) -> Decimal:
    total = ZERO
    for line in lines:
        if code in line.ids and (rate is None or line.rate_matches(rate)):
            total += line.amount()
    for item in allowances:
        if code in item.ids and (rate is None or item.rate_matches(rate)):
            if item.indicator is True:
                total += item.amount()
            elif item.indicator is False:
                total -= item.amount()
    return total


def _within_one(taxable_nodes, total: Decimal) -> bool:
    """`../xs:decimal(cbc:TaxableAmount - 1) < total and ../xs:decimal(cbc:TaxableAmount + 1)
    > total`: the arithmetic runs in xs:double, then the result is cast to xs:decimal."""
    if not taxable_nodes:
        return False
    value = number(string_value(taxable_nodes[0]))
    if value != value:
        raise XPathDynamicError(f"cannot cast {string_value(taxable_nodes[0])!r} to xs:double")
    return Decimal(value - 1) < total and Decimal(value + 1) > total


def _taxable_rule(family: str):
    code = CODES[family]

    if family in ("S", "AF", "AG"):

        def check(node, doc) -> bool:
            f = facts(doc)
            percents = children(node, "cbc:Percent")
            if not percents:  # `every $rate in ()` holds
                return True
            rate = xs_decimal(string_value(percents[0]))
            taxable = children(node.getparent(), "cbc:TaxableAmount")
            allowances = f.document_allowances

            def used_by_allowance() -> bool:
                return any(code in a.ids and a.rate_matches(rate) for a in f.all_allowances)

            for all_lines, lines in (
                (f.all_invoice_lines, f.invoice_lines),
                (f.all_credit_note_lines, f.credit_note_lines),
            ):
                if family == "S":
                    applies = (
                        any(code in line.ids and line.rate_matches(rate) for line in all_lines)
                        or used_by_allowance()
                    )
                else:
                    applies = bool(all_lines)
                if applies and _within_one(taxable, _sum_for(lines, allowances, code, rate)):
                    return True
            return False

    else:

        def check(node, doc) -> bool:
            f = facts(doc)
            subtotal = node.getparent()
            for present, lines in (
                (f.has_invoice_lines, f.invoice_lines),
                (f.has_credit_note_lines, f.credit_note_lines),
            ):
                if present:
                    taxable = _first_decimal(subtotal, "cbc:TaxableAmount")
                    total = _sum_for(lines, f.document_allowances, code, None)
                    if taxable is not None and taxable == total:
                        return True
            return False

    return check


# --- 09: the breakdown's tax amount -------------------------------------------------------
def _tax_rule(family: str):
    if family in ("S", "AF", "AG"):

        def check(node, doc) -> bool:
            subtotal = node.getparent()
            tax = _first_decimal(subtotal, "cbc:TaxAmount")
            taxable = _first_decimal(subtotal, "cbc:TaxableAmount")
            percent = _first_decimal(node, "cbc:Percent")
            if tax is None or taxable is None or percent is None:
                return False
            expected = round_2(abs(taxable) * (percent / 100))
            return abs(tax) - 1 < expected and abs(tax) + 1 > expected

        return check
    return lambda node, doc: _decimal_is_zero(children(node.getparent(), "cbc:TaxAmount"))


# --- 10: exemption reasons ---------------------------------------------------------------
def _exemption_rule(family: str):
    def has_reason(node) -> bool:
        return (
            node.find(clark("cbc:TaxExemptionReason")) is not None
            or node.find(clark("cbc:TaxExemptionReasonCode")) is not None
        )

    if family in ("S", "Z", "AF", "AG"):
        return lambda node, doc: not has_reason(node)
    return lambda node, doc: has_reason(node)


def _register_family(family: str) -> None:
    contexts = VAT_CATEGORY_CONTEXTS[CODES[family]]
    _register(family, 1, ROOT, _rule_01(family))
    _register(family, 2, ROOT, _rule_02(family))
    _register(family, 3, ROOT, _rule_03_04(family, False))
    _register(family, 4, ROOT, _rule_03_04(family, True))
    _register(family, 5, contexts["line"], _rate_rule(family))
    _register(family, 6, contexts["allowance"], _rate_rule(family))
    _register(family, 7, contexts["charge"], _rate_rule(family))
    _register(family, 8, contexts["breakdown"], _taxable_rule(family))
    _register(family, 9, contexts["breakdown"], _tax_rule(family))
    _register(family, 10, contexts["breakdown"], _exemption_rule(family))


# --- rules only some categories have -----------------------------------------------------
def _breakdown_has(f: _Facts, code: str) -> bool:
    """`exists(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) =
    code])` from the document element."""
    return any(c.vat and code in c.ids for c in f.breakdown)


def br_ic_11(node, doc) -> bool:
    """Intra-community supply: an actual delivery date or an invoicing period."""
    if not _breakdown_has(facts(doc), "K"):
        return True
    dates = children(node, "cac:Delivery/cbc:ActualDeliveryDate")
    if dates and len(string_value(dates[0])) > 1:
        return True
    return any(len(period) for period in children(node, "cac:InvoicePeriod"))


def br_ic_12(node, doc) -> bool:
    """Intra-community supply: the deliver-to country code."""
    if not _breakdown_has(facts(doc), "K"):
        return True
    codes = children(
        node, "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode"
    )
    return bool(codes) and len(string_value(codes[0])) > 1


def _not_outside_scope_only(select):
    """BR-O-11..14: with an "O" breakdown, no other VAT category in the given place."""

    def check(node, doc) -> bool:
        f = facts(doc)
        if not _breakdown_has(f, "O"):
            return True
        return not any(c.id != "O" and c.vat for c in select(f))

    return check


def br_b_01(node, doc) -> bool:
    """Split payment: only in a domestic Italian invoice (every country code is IT)."""
    f = facts(doc)
    if not any("B" in c.raw_ids for c in (*f.categories, *f.classified)):
        return True
    return all(string_value(e) == "IT" for e in doc.tagged("cbc:IdentificationCode"))


def br_b_02(node, doc) -> bool:
    """Split payment and standard rated never in one invoice."""
    f = facts(doc)

    def used(code: str) -> bool:
        return (
            any(code in c.raw_ids for c in f.breakdown)
            or any(code in c.raw_ids for c in f.allowance_categories if c.rooted)
            or any(code in c.raw_ids for c in f.classified)
        )

    return not used("B") or not used("S")


MESSAGES = {
    "BR-AE-01": (
        "[BR-AE-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Reverse charge" shall contain in the VAT '
        'Breakdown (BG-23) exactly one VAT category code (BT-118) equal with "VAT '
        'reverse charge".'
    ),
    "BR-AE-02": (
        "[BR-AE-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Reverse charge" shall contain the Seller '
        "VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or "
        "the Seller tax representative VAT identifier (BT-63) and the Buyer VAT "
        "identifier (BT-48) and/or the Buyer legal registration identifier (BT-47)."
    ),
    "BR-AE-03": (
        "[BR-AE-03]-An Invoice that contains a Document level allowance (BG-20) where "
        'the Document level allowance VAT category code (BT-95) is "Reverse charge" '
        "shall contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) "
        "and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration "
        "identifier (BT-47)."
    ),
    "BR-AE-04": (
        "[BR-AE-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Reverse charge" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) "
        "and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration "
        "identifier (BT-47)."
    ),
    "BR-E-01": (
        "[BR-E-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Exempt from VAT" shall contain exactly one '
        'VAT breakdown (BG-23) with the VAT category code (BT-118) equal to "Exempt from '
        'VAT".'
    ),
    "BR-E-02": (
        "[BR-E-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Exempt from VAT" shall contain the Seller '
        "VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or "
        "the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-E-03": (
        "[BR-E-03]-An Invoice that contains a Document level allowance (BG-20) where the "
        'Document level allowance VAT category code (BT-95) is "Exempt from VAT" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-E-04": (
        "[BR-E-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Exempt from VAT" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-G-01": (
        "[BR-G-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Export outside the EU" shall contain in the '
        'VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "Export '
        'outside the EU".'
    ),
    "BR-G-02": (
        "[BR-G-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Export outside the EU" shall contain the '
        "Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier "
        "(BT-63)."
    ),
    "BR-G-03": (
        "[BR-G-03]-An Invoice that contains a Document level allowance (BG-20) where the "
        'Document level allowance VAT category code (BT-95) is "Export outside the EU" '
        "shall contain the Seller VAT Identifier (BT-31) or the Seller tax "
        "representative VAT identifier (BT-63)."
    ),
    "BR-G-04": (
        "[BR-G-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Export outside the EU" '
        "shall contain the Seller VAT Identifier (BT-31) or the Seller tax "
        "representative VAT identifier (BT-63)."
    ),
    "BR-IC-01": (
        "[BR-IC-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Intra-community supply" shall contain in the '
        "VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "
        '"Intra-community supply".'
    ),
    "BR-IC-02": (
        "[BR-IC-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Intra-community supply" shall contain the '
        "Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier "
        "(BT-63) and the Buyer VAT identifier (BT-48)."
    ),
    "BR-IC-03": (
        "[BR-IC-03]-An Invoice that contains a Document level allowance (BG-20) where "
        'the Document level allowance VAT category code (BT-95) is "Intra-community '
        'supply" shall contain the Seller VAT Identifier (BT-31) or the Seller tax '
        "representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48)."
    ),
    "BR-IC-04": (
        "[BR-IC-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Intra-community supply" '
        "shall contain the Seller VAT Identifier (BT-31) or the Seller tax "
        "representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48)."
    ),
    "BR-IC-11": (
        "[BR-IC-11]-In an Invoice with a VAT breakdown (BG-23) where the VAT category "
        'code (BT-118) is "Intra-community supply" the Actual delivery date (BT-72) or '
        "the Invoicing period (BG-14) shall not be blank."
    ),
    "BR-IC-12": (
        "[BR-IC-12]-In an Invoice with a VAT breakdown (BG-23) where the VAT category "
        'code (BT-118) is "Intra-community supply" the Deliver to country code (BT-80) '
        "shall not be blank."
    ),
    "BR-AF-01": (
        "[BR-AF-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "IGIC" shall contain in the VAT breakdown '
        '(BG-23) at least one VAT category code (BT-118) equal with "IGIC".'
    ),
    "BR-AF-02": (
        "[BR-AF-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "IGIC" shall contain the Seller VAT '
        "Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the "
        "Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-AF-03": (
        "[BR-AF-03]-An Invoice that contains a Document level allowance (BG-20) where "
        'the Document level allowance VAT category code (BT-95) is "IGIC" shall contain '
        "the Seller VAT Identifier (BT-31), the Seller tax registration identifier "
        "(BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-AF-04": (
        "[BR-AF-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "IGIC" shall contain the '
        "Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) "
        "and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-AG-01": (
        "[BR-AG-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "IPSI" shall contain in the VAT breakdown '
        '(BG-23) at least one VAT category code (BT-118) equal with "IPSI".'
    ),
    "BR-AG-02": (
        "[BR-AG-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "IPSI" shall contain the Seller VAT '
        "Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the "
        "Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-AG-03": (
        "[BR-AG-03]-An Invoice that contains a Document level allowance (BG-20) where "
        'the Document level allowance VAT category code (BT-95) is "IPSI" shall contain '
        "the Seller VAT Identifier (BT-31), the Seller Tax registration identifier "
        "(BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-AG-04": (
        "[BR-AG-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "IPSI" shall contain the '
        "Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) "
        "and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-O-01": (
        "[BR-O-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Not subject to VAT" shall contain exactly '
        "one VAT breakdown group (BG-23) with the VAT category code (BT-118) equal to "
        '"Not subject to VAT".'
    ),
    "BR-O-02": (
        "[BR-O-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Not subject to VAT" shall not contain the '
        "Seller VAT identifier (BT-31), the Seller tax representative VAT identifier "
        "(BT-63) or the Buyer VAT identifier (BT-48)."
    ),
    "BR-O-03": (
        "[BR-O-03]-An Invoice that contains a Document level allowance (BG-20) where the "
        'Document level allowance VAT category code (BT-95) is "Not subject to VAT" '
        "shall not contain the Seller VAT identifier (BT-31), the Seller tax "
        "representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48)."
    ),
    "BR-O-04": (
        "[BR-O-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Not subject to VAT" shall '
        "not contain the Seller VAT identifier (BT-31), the Seller tax representative "
        "VAT identifier (BT-63) or the Buyer VAT identifier (BT-48)."
    ),
    "BR-O-11": (
        "[BR-O-11]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT "
        'category code (BT-118) "Not subject to VAT" shall not contain other VAT '
        "breakdown groups (BG-23)."
    ),
    "BR-O-12": (
        "[BR-O-12]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT "
        'category code (BT-118) "Not subject to VAT" shall not contain an Invoice line '
        '(BG-25) where the Invoiced item VAT category code (BT-151) is not "Not subject '
        'to VAT".'
    ),
    "BR-O-13": (
        "[BR-O-13]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT "
        'category code (BT-118) "Not subject to VAT" shall not contain Document level '
        "allowances (BG-20) where Document level allowance VAT category code (BT-95) is "
        'not "Not subject to VAT".'
    ),
    "BR-O-14": (
        "[BR-O-14]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT "
        'category code (BT-118) "Not subject to VAT" shall not contain Document level '
        "charges (BG-21) where Document level charge VAT category code (BT-102) is not "
        '"Not subject to VAT".'
    ),
    "BR-S-01": (
        "[BR-S-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Standard rated" shall contain in the VAT '
        'breakdown (BG-23) at least one VAT category code (BT-118) equal with "Standard '
        'rated".'
    ),
    "BR-S-02": (
        "[BR-S-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced "
        'item VAT category code (BT-151) is "Standard rated" shall contain the Seller '
        "VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or "
        "the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-S-03": (
        "[BR-S-03]-An Invoice that contains a Document level allowance (BG-20) where the "
        'Document level allowance VAT category code (BT-95) is "Standard rated" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-S-04": (
        "[BR-S-04]-An Invoice that contains a Document level charge (BG-21) where the "
        'Document level charge VAT category code (BT-102) is "Standard rated" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-Z-01": (
        "[BR-Z-01]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95 or BT-102) is "Zero rated" shall contain in the VAT '
        'breakdown (BG-23) exactly one VAT category code (BT-118) equal with "Zero '
        'rated".'
    ),
    "BR-Z-02": (
        "[BR-Z-02]-An Invoice that contains an Invoice line where the Invoiced item VAT "
        'category code (BT-151) is "Zero rated" shall contain the Seller VAT Identifier '
        "(BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax "
        "representative VAT identifier (BT-63)."
    ),
    "BR-Z-03": (
        "[BR-Z-03]-An Invoice that contains a Document level allowance (BG-20) where the "
        'Document level allowance VAT category code (BT-95) is "Zero rated" shall '
        "contain the Seller VAT Identifier (BT-31), the Seller tax registration "
        "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-Z-04": (
        "[BR-Z-04]-An Invoice that contains a Document level charge where the Document "
        'level charge VAT category code (BT-102) is "Zero rated" shall contain the '
        "Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) "
        "and/or the Seller tax representative VAT identifier (BT-63)."
    ),
    "BR-B-01": (
        "[BR-B-01]-An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is "
        "“Split payment” shall be a domestic Italian invoice."
    ),
    "BR-B-02": (
        "[BR-B-02]-An Invoice that contains an Invoice line (BG-25), a Document level "
        "allowance (BG-20) or a Document level charge (BG-21) where the VAT category "
        'code (BT-151, BT-95, BT-118 or BT-102) is “Split payment" shall not contain an '
        "invoice line (BG-25), a Document level allowance (BG-20) or a Document level "
        "charge (BG-21) where the VAT category code (BT-151, BT-95, BT-118 or BT-102) is "
        "“Standard rated”."
    ),
    "BR-AE-08": (
        "[BR-AE-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "
        '"Reverse charge" the VAT category taxable amount (BT-116) shall equal the sum '
        "of Invoice line net amounts (BT-131) minus the sum of Document level allowance "
        "amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the "
        'VAT category codes (BT-151, BT-95, BT-102) are "Reverse charge".'
    ),
    "BR-AE-09": (
        "[BR-AE-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) "
        'where the VAT category code (BT-118) is "Reverse charge" shall be 0 (zero).'
    ),
    "BR-AE-10": (
        '[BR-AE-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "Reverse '
        'charge" shall have a VAT exemption reason code (BT-121), meaning "Reverse '
        'charge" or the VAT exemption reason text (BT-120) "Reverse charge" (or the '
        "equivalent standard text in another language)."
    ),
    "BR-AE-06": (
        "[BR-AE-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Reverse charge" the Document level '
        "allowance VAT rate (BT-96) shall be 0 (zero)."
    ),
    "BR-AE-07": (
        "[BR-AE-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Reverse charge" the Document level charge VAT '
        "rate (BT-103) shall be 0 (zero)."
    ),
    "BR-AE-05": (
        "[BR-AE-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Reverse charge" the Invoiced item VAT rate (BT-152) shall be 0 '
        "(zero)."
    ),
    "BR-E-08": (
        "[BR-E-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "
        '"Exempt from VAT" the VAT category taxable amount (BT-116) shall equal the sum '
        "of Invoice line net amounts (BT-131) minus the sum of Document level allowance "
        "amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the "
        'VAT category codes (BT-151, BT-95, BT-102) are "Exempt from VAT".'
    ),
    "BR-E-09": (
        "[BR-E-09]-The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where "
        'the VAT category code (BT-118) equals "Exempt from VAT" shall equal 0 (zero).'
    ),
    "BR-E-10": (
        '[BR-E-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "Exempt from '
        'VAT" shall have a VAT exemption reason code (BT-121) or a VAT exemption reason '
        "text (BT-120)."
    ),
    "BR-E-06": (
        "[BR-E-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Exempt from VAT", the Document level '
        "allowance VAT rate (BT-96) shall be 0 (zero)."
    ),
    "BR-E-07": (
        "[BR-E-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Exempt from VAT", the Document level charge VAT '
        "rate (BT-103) shall be 0 (zero)."
    ),
    "BR-E-05": (
        "[BR-E-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Exempt from VAT", the Invoiced item VAT rate (BT-152) shall be 0 '
        "(zero)."
    ),
    "BR-G-08": (
        "[BR-G-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "
        '"Export outside the EU" the VAT category taxable amount (BT-116) shall equal '
        "the sum of Invoice line net amounts (BT-131) minus the sum of Document level "
        "allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) "
        'where the VAT category codes (BT-151, BT-95, BT-102) are "Export outside the '
        'EU".'
    ),
    "BR-G-09": (
        "[BR-G-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where "
        'the VAT category code (BT-118) is "Export outside the EU" shall be 0 (zero).'
    ),
    "BR-G-10": (
        '[BR-G-10]-A VAT breakdown (BG-23) with the VAT Category code (BT-118) "Export '
        'outside the EU" shall have a VAT exemption reason code (BT-121), meaning '
        '"Export outside the EU" or the VAT exemption reason text (BT-120) "Export '
        'outside the EU" (or the equivalent standard text in another language).'
    ),
    "BR-G-06": (
        "[BR-G-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Export outside the EU" the Document '
        "level allowance VAT rate (BT-96) shall be 0 (zero)."
    ),
    "BR-G-07": (
        "[BR-G-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Export outside the EU" the Document level charge '
        "VAT rate (BT-103) shall be 0 (zero)."
    ),
    "BR-G-05": (
        "[BR-G-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Export outside the EU" the Invoiced item VAT rate (BT-152) shall '
        "be 0 (zero)."
    ),
    "BR-IC-08": (
        "[BR-IC-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "
        '"Intra-community supply" the VAT category taxable amount (BT-116) shall equal '
        "the sum of Invoice line net amounts (BT-131) minus the sum of Document level "
        "allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) "
        'where the VAT category codes (BT-151, BT-95, BT-102) are "Intra-community '
        'supply".'
    ),
    "BR-IC-09": (
        "[BR-IC-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) "
        'where the VAT category code (BT-118) is "Intra-community supply" shall be 0 '
        "(zero)."
    ),
    "BR-IC-10": (
        "[BR-IC-10]-A VAT breakdown (BG-23) with the VAT Category code (BT-118) "
        '"Intra-community supply" shall have a VAT exemption reason code (BT-121), '
        'meaning "Intra-community supply" or the VAT exemption reason text (BT-120) '
        '"Intra-community supply" (or the equivalent standard text in another language).'
    ),
    "BR-IC-06": (
        "[BR-IC-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Intra-community supply" the Document '
        "level allowance VAT rate (BT-96) shall be 0 (zero)."
    ),
    "BR-IC-07": (
        "[BR-IC-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Intra-community supply" the Document level '
        "charge VAT rate (BT-103) shall be 0 (zero)."
    ),
    "BR-IC-05": (
        "[BR-IC-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Intracommunity supply" the Invoiced item VAT rate (BT-152) shall '
        "be 0 (zero)."
    ),
    "BR-AF-08": (
        "[BR-AF-08]-For each different value of VAT category rate (BT-119) where the VAT "
        'category code (BT-118) is "IGIC", the VAT category taxable amount (BT-116) in a '
        "VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) "
        "plus the sum of document level charge amounts (BT-99) minus the sum of document "
        "level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, "
        'BT-95) is "IGIC" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT '
        "category rate (BT-119)."
    ),
    "BR-AF-09": (
        "[BR-AF-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) "
        'where VAT category code (BT-118) is "IGIC" shall equal the VAT category taxable '
        "amount (BT-116) multiplied by the VAT category rate (BT-119)."
    ),
    "BR-AF-10": (
        '[BR-AF-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "IGIC" shall '
        "not have a VAT exemption reason code (BT-121) or VAT exemption reason text "
        "(BT-120)."
    ),
    "BR-AF-06": (
        "[BR-AF-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "IGIC" the Document level allowance VAT '
        "rate (BT-96) shall be 0 (zero) or greater than zero."
    ),
    "BR-AF-07": (
        "[BR-AF-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "IGIC" the Document level charge VAT rate '
        "(BT-103) shall be 0 (zero) or greater than zero."
    ),
    "BR-AF-05": (
        "[BR-AF-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "IGIC" the invoiced item VAT rate (BT-152) shall be 0 (zero) or '
        "greater than zero."
    ),
    "BR-AG-08": (
        "[BR-AG-08]-For each different value of VAT category rate (BT-119) where the VAT "
        'category code (BT-118) is "IPSI", the VAT category taxable amount (BT-116) in a '
        "VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) "
        "plus the sum of document level charge amounts (BT-99) minus the sum of document "
        "level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, "
        'BT-95) is "IPSI" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT '
        "category rate (BT-119)."
    ),
    "BR-AG-09": (
        "[BR-AG-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) "
        'where VAT category code (BT-118) is "IPSI" shall equal the VAT category taxable '
        "amount (BT-116) multiplied by the VAT category rate (BT-119)."
    ),
    "BR-AG-10": (
        '[BR-AG-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "IPSI" shall '
        "not have a VAT exemption reason code (BT-121) or VAT exemption reason text "
        "(BT-120)."
    ),
    "BR-AG-06": (
        "[BR-AG-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "IPSI" the Document level allowance VAT '
        "rate (BT-96) shall be 0 (zero) or greater than zero."
    ),
    "BR-AG-07": (
        "[BR-AG-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "IPSI" the Document level charge VAT rate '
        "(BT-103) shall be 0 (zero) or greater than zero."
    ),
    "BR-AG-05": (
        "[BR-AG-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "IPSI" the Invoiced item VAT rate (BT-152) shall be 0 (zero) or '
        "greater than zero."
    ),
    "BR-O-08": (
        '[BR-O-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is " '
        'Not subject to VAT" the VAT category taxable amount (BT-116) shall equal the '
        "sum of Invoice line net amounts (BT-131) minus the sum of Document level "
        "allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) "
        'where the VAT category codes (BT-151, BT-95, BT-102) are "Not subject to VAT".'
    ),
    "BR-O-09": (
        "[BR-O-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where "
        'the VAT category code (BT-118) is "Not subject to VAT" shall be 0 (zero).'
    ),
    "BR-O-10": (
        '[BR-O-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) " Not subject '
        'to VAT" shall have a VAT exemption reason code (BT-121), meaning " Not subject '
        'to VAT" or a VAT exemption reason text (BT-120) " Not subject to VAT" (or the '
        "equivalent standard text in another language)."
    ),
    "BR-O-06": (
        "[BR-O-06]-A Document level allowance (BG-20) where VAT category code (BT-95) is "
        '"Not subject to VAT" shall not contain a Document level allowance VAT rate '
        "(BT-96)."
    ),
    "BR-O-07": (
        "[BR-O-07]-A Document level charge (BG-21) where the VAT category code (BT-102) "
        'is "Not subject to VAT" shall not contain a Document level charge VAT rate '
        "(BT-103)."
    ),
    "BR-O-05": (
        '[BR-O-05]-An Invoice line (BG-25) where the VAT category code (BT-151) is "Not '
        'subject to VAT" shall not contain an Invoiced item VAT rate (BT-152).'
    ),
    "BR-S-08": (
        "[BR-S-08]-For each different value of VAT category rate (BT-119) where the VAT "
        'category code (BT-118) is "Standard rated", the VAT category taxable amount '
        "(BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net "
        "amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus "
        "the sum of document level allowance amounts (BT-92) where the VAT category code "
        '(BT-151, BT-102, BT-95) is "Standard rated" and the VAT rate (BT-152, BT-103, '
        "BT-96) equals the VAT category rate (BT-119)."
    ),
    "BR-S-09": (
        "[BR-S-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where "
        'VAT category code (BT-118) is "Standard rated" shall equal the VAT category '
        "taxable amount (BT-116) multiplied by the VAT category rate (BT-119)."
    ),
    "BR-S-10": (
        '[BR-S-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "Standard '
        'rate" shall not have a VAT exemption reason code (BT-121) or VAT exemption '
        "reason text (BT-120)."
    ),
    "BR-S-06": (
        "[BR-S-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Standard rated" the Document level '
        "allowance VAT rate (BT-96) shall be greater than zero."
    ),
    "BR-S-07": (
        "[BR-S-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Standard rated" the Document level charge VAT '
        "rate (BT-103) shall be greater than zero."
    ),
    "BR-S-05": (
        "[BR-S-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Standard rated" the Invoiced item VAT rate (BT-152) shall be '
        "greater than zero."
    ),
    "BR-Z-08": (
        '[BR-Z-08]-In a VAT breakdown (BG-23) where VAT category code (BT-118) is "Zero '
        'rated" the VAT category taxable amount (BT-116) shall equal the sum of Invoice '
        "line net amount (BT-131) minus the sum of Document level allowance amounts "
        "(BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT "
        'category codes (BT-151, BT-95, BT-102) are "Zero rated".'
    ),
    "BR-Z-09": (
        "[BR-Z-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where "
        'VAT category code (BT-118) is "Zero rated" shall equal 0 (zero).'
    ),
    "BR-Z-10": (
        '[BR-Z-10]-A VAT breakdown (BG-23) with VAT Category code (BT-118) "Zero rated" '
        "shall not have a VAT exemption reason code (BT-121) or VAT exemption reason "
        "text (BT-120)."
    ),
    "BR-Z-06": (
        "[BR-Z-06]-In a Document level allowance (BG-20) where the Document level "
        'allowance VAT category code (BT-95) is "Zero rated" the Document level '
        "allowance VAT rate (BT-96) shall be 0 (zero)."
    ),
    "BR-Z-07": (
        "[BR-Z-07]-In a Document level charge (BG-21) where the Document level charge "
        'VAT category code (BT-102) is "Zero rated" the Document level charge VAT rate '
        "(BT-103) shall be 0 (zero)."
    ),
    "BR-Z-05": (
        "[BR-Z-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code "
        '(BT-151) is "Zero rated" the Invoiced item VAT rate (BT-152) shall be 0 (zero).'
    ),
}

for _family in CODES:
    _register_family(_family)
_register("IC", 11, ROOT, br_ic_11)
_register("IC", 12, ROOT, br_ic_12)
_register("O", 11, ROOT, _not_outside_scope_only(lambda f: f.breakdown))
_register("O", 12, ROOT, _not_outside_scope_only(lambda f: f.classified))
_register(
    "O",
    13,
    ROOT,
    _not_outside_scope_only(lambda f: [c for c in f.allowance_categories if c.indicator is False]),
)
_register(
    "O",
    14,
    ROOT,
    _not_outside_scope_only(lambda f: [c for c in f.allowance_categories if c.indicator is True]),
)
_register("B", 1, ROOT, br_b_01)
_register("B", 2, ROOT, br_b_02)
