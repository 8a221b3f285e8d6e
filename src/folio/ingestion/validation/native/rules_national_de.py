"""German rules of the Peppol stylesheet (DE-R-*, XRechnung's CIUS inside Peppol), pattern
mode M41. Every context applies when both seller and buyer have a German address."""

from __future__ import annotations

import re

from folio.ingestion.validation.native.contexts_peppol import (
    below_root,
    german_parties,
    in_pattern,
    norm,
    one,
    values,
    when,
)
from folio.ingestion.validation.native.registry import FATAL, WARNING, assertion, pattern
from folio.ingestion.validation.native.selectors import document_root
from folio.ingestion.validation.native.xpath_values import (
    children,
    exists,
    normalize_space,
    string_value,
)

GERMANY = pattern("peppol", "PEPPOL-DE")  # mode M41

SUPPORTED_VAT_CODES = ("S", "Z", "E", "AE", "K", "G", "L", "M")
SUPPORTED_TYPE_CODES = ("326", "380", "384", "389", "381", "875", "876", "877")
SKONTO_LINE = re.compile(
    r"#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#"
)
EMAIL = re.compile(r"[^@ \t\n\r]+@([^@. \t\n\r]+\.)+[^@. \t\n\r]+")
URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]+:[^\n\r]*")
IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}")
SELLER = "cac:AccountingSupplierParty/cac:Party"


def _german(select):
    return when(german_parties, select)


def _means(codes: tuple[str, ...]):
    """`/*/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = codes]`."""
    return below_root("cac:PaymentMeans").where(
        in_pattern(lambda e: norm(e, "cbc:PaymentMeansCode") in codes)
    )


DOCUMENT = GERMANY.context(
    1010,
    "(/ubl-invoice:Invoice | /ubl-creditnote:CreditNote)[$supplierCountryIsDE and "
    "$customerCountryIsDE]",
    _german(document_root()),
)
EXTERNAL_REFERENCE = GERMANY.context(
    1009,
    "(/ubl-invoice:Invoice/cac:AdditionalDocumentReference/cac:Attachment/"
    "cac:ExternalReference | (CreditNote))[...]",
    _german(below_root("cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference")),
)
SELLER_PARTY = GERMANY.context(
    1008,
    "(/ubl-invoice:Invoice/cac:AccountingSupplierParty | (CreditNote))[...]",
    _german(below_root("cac:AccountingSupplierParty")),
)
SELLER_ADDRESS = GERMANY.context(
    1007,
    "(/ubl-invoice:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress | "
    "(CreditNote))[...]",
    _german(below_root(f"{SELLER}/cac:PostalAddress")),
)
SELLER_CONTACT = GERMANY.context(
    1006,
    "(/ubl-invoice:Invoice/cac:AccountingSupplierParty/cac:Party/cac:Contact | (CreditNote))[...]",
    _german(below_root(f"{SELLER}/cac:Contact")),
)
BUYER_ADDRESS = GERMANY.context(
    1005,
    "(/ubl-invoice:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress | "
    "(CreditNote))[...]",
    _german(below_root("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress")),
)
DELIVERY_ADDRESS = GERMANY.context(
    1004,
    "(/ubl-invoice:Invoice/cac:Delivery/cac:DeliveryLocation/cac:Address | (CreditNote))[...]",
    _german(below_root("cac:Delivery/cac:DeliveryLocation/cac:Address")),
)
CREDIT_TRANSFER = GERMANY.context(
    1003,
    "(/ubl-invoice:Invoice/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = "
    "('30','58')] | (CreditNote))[...]",
    _german(_means(("30", "58"))),
)
PAYMENT_CARD = GERMANY.context(
    1002,
    "(/ubl-invoice:Invoice/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = "
    "('48','54','55')] | (CreditNote))[...]",
    _german(_means(("48", "54", "55"))),
)
DIRECT_DEBIT = GERMANY.context(
    1001,
    "(/ubl-invoice:Invoice/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = '59'] | "
    "(CreditNote))[...]",
    _german(_means(("59",))),
)
TAX_SUBTOTAL = GERMANY.context(
    1000,
    "(/ubl-invoice:Invoice/cac:TaxTotal/cac:TaxSubtotal | (CreditNote))[...]",
    _german(below_root("cac:TaxTotal/cac:TaxSubtotal")),
)


def _filled(node, path: str) -> bool:
    """`path[boolean(normalize-space(.))]`: some such element has a value."""
    return any(normalize_space(string_value(e)) for e in children(node, path))


def _allowance_tax_codes(node, indicator: str) -> list[str]:
    """`cac:AllowanceCharge/cac:TaxCategory/cbc:ID[ancestor::cac:AllowanceCharge/
    cbc:ChargeIndicator = indicator]`."""
    return [
        string_value(code)
        for allowance in children(node, "cac:AllowanceCharge")
        if indicator in values(allowance, "cbc:ChargeIndicator")
        for code in children(allowance, "cac:TaxCategory/cbc:ID")
    ]


def _line_tax_codes(node) -> list[str]:
    return [
        *values(node, "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID"),
        *values(node, "cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID"),
    ]


def _iban_holds(account_path: str, node) -> bool:
    """DE-R-019/020: the IBAN pattern and its MOD 97 check, as the stylesheet computes it."""
    accounts = children(node, account_path)
    account = re.sub(r"[ \n\r\t]", "", string_value(one(accounts)) if accounts else "")
    account = normalize_space(account)
    if not IBAN.fullmatch(account):
        return False
    rearranged = account[4:] + account[:2].upper() + account[2:4]
    digits = "".join(str(ord(c) - 55) if ord(c) > 64 else str(ord(c) - 48) for c in rearranged)
    return int(digits) % 97 == 1


def _last_segment_starts_a_line(node) -> bool:
    """`matches(cac:PaymentTerms/cbc:Note[1]/tokenize(., '#.+#')[last()], '^\\s*\\n')`."""
    lasts = []
    for terms in children(node, "cac:PaymentTerms"):
        notes = children(terms, "cbc:Note")
        if notes:
            text = string_value(notes[0])
            if text:
                lasts.append(re.split(r"#[^\n\r]+#", text)[-1])
    last = one(lasts) or ""
    return re.match(r"[ \t\n\r]*\n", last) is not None


@assertion(
    DOCUMENT,
    "DE-R-001",
    FATAL,
    "[DE-R-001]-If both supplier and customer are located in Germany, an invoice shall "
    'contain information on "PAYMENT INSTRUCTIONS" (BG-16).',
)
def de_r_001(node, doc) -> bool:
    """Official test: cac:PaymentMeans"""
    return exists(node, "cac:PaymentMeans")


@assertion(
    DOCUMENT,
    "DE-R-015",
    FATAL,
    '[DE-R-015]-If both supplier and customer are located in Germany, the element "Buyer '
    'reference" (BT-10) shall be provided.',
)
def de_r_015(node, doc) -> bool:
    """Official test: cbc:BuyerReference[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:BuyerReference")


@assertion(
    DOCUMENT,
    "DE-R-016",
    FATAL,
    "[DE-R-016]-If both supplier and customer are located in Germany, and if one of the "
    "VAT codes S, Z, E, AE, K, G, L, or M is used, an invoice shall contain at least one "
    'of the following elements: "Seller VAT identifier" (BT-31) or "Seller tax '
    'registration identifier" (BT-32) or "SELLER TAX REPRESENTATIVE PARTY" (BG-11).',
)
def de_r_016(node, doc) -> bool:
    """Official test: (not( ($BT-95-UBL-Inv = $supportedVATCodes or $BT-95-UBL-CN =
    $supportedVATCodes) or ($BT-102 = $supportedVATCodes) or ($BT-151 = $supportedVATCodes) )
    or (cac:TaxRepresentativeParty, $BT-31orBT-32Path))"""
    uses_vat = (
        any(c in SUPPORTED_VAT_CODES for c in _allowance_tax_codes(node, "false"))
        or any(c in SUPPORTED_VAT_CODES for c in _allowance_tax_codes(node, "true"))
        or any(c in SUPPORTED_VAT_CODES for c in _line_tax_codes(node))
    )
    return (
        not uses_vat
        or exists(node, "cac:TaxRepresentativeParty")
        or _filled(node, f"{SELLER}/cac:PartyTaxScheme/cbc:CompanyID")
    )


@assertion(
    DOCUMENT,
    "DE-R-017",
    WARNING,
    "[DE-R-017]-If both supplier and customer are located in Germany, the element "
    '"Invoice type code" (BT-3) should only contain the following values from code list '
    "UNTDID 1001: 326 (Partial invoice), 380 (Commercial invoice), 384 (Corrected "
    "invoice), 389 (Self-billed invoice), 381 (Credit note), 875 (Partial construction "
    "invoice), 876 (Partial final construction invoice), 877 (Final construction "
    "invoice).",
)
def de_r_017(node, doc) -> bool:
    """Official test: normalize-space(cbc:InvoiceTypeCode) = $supportedInvAndCNTypeCodes or
    normalize-space(cbc:CreditNoteTypeCode) = $supportedInvAndCNTypeCodes"""
    return (
        norm(node, "cbc:InvoiceTypeCode") in SUPPORTED_TYPE_CODES
        or norm(node, "cbc:CreditNoteTypeCode") in SUPPORTED_TYPE_CODES
    )


@assertion(
    DOCUMENT,
    "DE-R-018",
    FATAL,
    "[DE-R-018]-If both supplier and customer are located in Germany, information on "
    "cash discounts for prompt payment (Skonto) shall be provided within the element "
    '"Payment terms" BT-20 in the following way: First segment "SKONTO", second segment '
    'amount of days ("TAGE=N"), third segment percentage ("PROZENT=N"). Percentage must '
    "be separated by dot with two decimal places. In case the base value of the invoiced "
    "amount is not provided in BT-115 but as a partial amount, the base value shall be "
    'provided as fourth segment "BASISBETRAG=N" as semantic data type amount. Each entry '
    "shall start with a #, the segments must be separated by # and a row shall end with "
    "a #. A complete statement on cash discount for prompt payment shall end with a "
    "XML-conformant line break. All statements on cash discount for prompt payment shall "
    "be given in capital letters. Additional whitespaces (blanks, tabulators or line "
    "breaks) are not allowed. Other characters or texts than defined above are not "
    "allowed.",
)
def de_r_018(node, doc) -> bool:
    """Official test: every $line in cac:PaymentTerms/cbc:Note[1]/tokenize(. ,
    '(\\r?\\n)')[starts-with( normalize-space(.) , '#')] satisfies matches ( normalize-space
    ($line), $XR-SKONTO-REGEX) and matches( cac:PaymentTerms/cbc:Note[1]/tokenize(. ,
    '#.+#')[last()], '^\\s*\\n' )"""
    lines = [
        line
        for terms in children(node, "cac:PaymentTerms")
        for note in children(terms, "cbc:Note")[:1]
        if (text := string_value(note))
        for line in re.split(r"\r?\n", text)
        if normalize_space(line).startswith("#")
    ]
    for line in lines:
        if not SKONTO_LINE.fullmatch(normalize_space(line)):
            return False
        if not _last_segment_starts_a_line(node):
            return False
    return True


@assertion(
    DOCUMENT,
    "DE-R-022",
    FATAL,
    "[DE-R-022]-If both supplier and customer are located in Germany, attached documents "
    'provided with an invoice in "ADDITIONAL SUPPORTING DOCUMENTS" (BG-24) shall have a '
    "unique filename (non case-sensitive) within the element ″Attached document″ "
    "(BT-125).",
)
def de_r_022(node, doc) -> bool:
    """Official test: count(cac:AdditionalDocumentReference) =
    count(cac:AdditionalDocumentReference[not(./cac:Attachment/cbc:EmbeddedDocumentBinaryObject
    /@filename =
    preceding-sibling::cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinar
    yObject/@filename)])"""
    seen: set[str] = set()
    for reference in children(node, "cac:AdditionalDocumentReference"):
        names = [
            d.get("filename")
            for d in children(reference, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject")
            if d.get("filename") is not None
        ]
        if any(name in seen for name in names):
            return False
        seen.update(names)
    return True


@assertion(
    DOCUMENT,
    "DE-R-026",
    WARNING,
    '[DE-R-026]-If both supplier and customer are located in Germany, and if "Invoice '
    'type code" (BT-3) contains the code 384 (Corrected invoice), "PRECEDING INVOICE '
    'REFERENCE" (BG-3) should be provided at least once.',
)
def de_r_026(node, doc) -> bool:
    """Official test: ((not(normalize-space(cbc:InvoiceTypeCode) = '384' or
    normalize-space(cbc:CreditNoteTypeCode) = '384') or
    (cac:BillingReference/cac:InvoiceDocumentReference)))"""
    corrected = (
        norm(node, "cbc:InvoiceTypeCode") == "384" or norm(node, "cbc:CreditNoteTypeCode") == "384"
    )
    return not corrected or exists(node, "cac:BillingReference/cac:InvoiceDocumentReference")


@assertion(
    DOCUMENT,
    "DE-R-030",
    FATAL,
    "[DE-R-030]-If both supplier and customer are located in Germany, and if the group "
    '"DIRECT DEBIT" (BG-19) is delivered, the element "Bank assigned creditor '
    'identifier" (BT-90) shall be provided.',
)
def de_r_030(node, doc) -> bool:
    """Official test: not(cac:PaymentMeans/cac:PaymentMandate) or
    (cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='SEPA'] |
    cac:PayeeParty/cac:PartyIdentification/cbc:ID[@schemeID='SEPA'])"""
    if not exists(node, "cac:PaymentMeans/cac:PaymentMandate"):
        return True
    identifiers = [
        *children(node, f"{SELLER}/cac:PartyIdentification/cbc:ID"),
        *children(node, "cac:PayeeParty/cac:PartyIdentification/cbc:ID"),
    ]
    return any(i.get("schemeID") == "SEPA" for i in identifiers)


@assertion(
    DOCUMENT,
    "DE-R-031",
    FATAL,
    "[DE-R-031]-If both supplier and customer are located in Germany, and if the group "
    '"DIRECT DEBIT" (BG-19) is delivered, the element "Debited account identifier" '
    "(BT-91) shall be provided.",
)
def de_r_031(node, doc) -> bool:
    """Official test: not(cac:PaymentMeans/cac:PaymentMandate) or
    (cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID)"""
    return not exists(node, "cac:PaymentMeans/cac:PaymentMandate") or exists(
        node, "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"
    )


@assertion(
    EXTERNAL_REFERENCE,
    "DE-R-T02",
    WARNING,
    '[DE-R-T02]-If both supplier and customer are located in Germany, BT-124 "External '
    'document location" must contain an absolute URL with valid scheme.',
)
def de_r_t02(node, doc) -> bool:
    """Official test: matches(cbc:URI, $XR-URL-REGEX)"""
    uris = children(node, "cbc:URI")
    uri = string_value(one(uris)) if uris else ""
    return URL.match(uri) is not None


@assertion(
    SELLER_PARTY,
    "DE-R-002",
    FATAL,
    '[DE-R-002]-If both supplier and customer are located in Germany, the group "SELLER '
    'CONTACT" (BG-6) shall be provided.',
)
def de_r_002(node, doc) -> bool:
    """Official test: cac:Party/cac:Contact"""
    return exists(node, "cac:Party/cac:Contact")


@assertion(
    SELLER_ADDRESS,
    "DE-R-003",
    FATAL,
    "[DE-R-003]-If both supplier and customer are located in Germany, the element "
    '"Seller city" (BT-37) shall be provided.',
)
def de_r_003(node, doc) -> bool:
    """Official test: cbc:CityName[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:CityName")


@assertion(
    SELLER_ADDRESS,
    "DE-R-004",
    FATAL,
    "[DE-R-004]-If both supplier and customer are located in Germany, the element "
    '"Seller post code" (BT-38) shall be provided.',
)
def de_r_004(node, doc) -> bool:
    """Official test: cbc:PostalZone[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:PostalZone")


@assertion(
    SELLER_CONTACT,
    "DE-R-005",
    FATAL,
    "[DE-R-005]-If both supplier and customer are located in Germany, the element "
    '"Seller contact point" (BT-41) shall be provided.',
)
def de_r_005(node, doc) -> bool:
    """Official test: cbc:Name[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:Name")


@assertion(
    SELLER_CONTACT,
    "DE-R-006",
    FATAL,
    "[DE-R-006]-If both supplier and customer are located in Germany, the element "
    '"Seller contact telephone number" (BT-42) shall be provided.',
)
def de_r_006(node, doc) -> bool:
    """Official test: cbc:Telephone[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:Telephone")


@assertion(
    SELLER_CONTACT,
    "DE-R-007",
    FATAL,
    "[DE-R-007]-If both supplier and customer are located in Germany, the element "
    '"Seller contact email address" (BT-43) shall be provided.',
)
def de_r_007(node, doc) -> bool:
    """Official test: cbc:ElectronicMail[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:ElectronicMail")


@assertion(
    SELLER_CONTACT,
    "DE-R-027",
    WARNING,
    '[DE-R-027]-If both supplier and customer are located in Germany, "Seller contact '
    'telephone number" (BT-42) should contain a valid telephone number. A valid '
    "telephone should consist of 3 digits minimum.",
)
def de_r_027(node, doc) -> bool:
    """Official test: matches(normalize-space(cbc:Telephone), $XR-TELEPHONE-REGEX)"""
    return len(re.findall(r"[0-9]", norm(node, "cbc:Telephone"))) >= 3


@assertion(
    SELLER_CONTACT,
    "DE-R-028",
    WARNING,
    '[DE-R-028]-If both supplier and customer are located in Germany, "Seller contact '
    'email address" (BT-43) should contain exactly one @-sign, which should not be '
    "framed by a whitespace or a dot but by at least two characters on each side. A dot "
    "should not be the first or last character.",
)
def de_r_028(node, doc) -> bool:
    """Official test: matches(normalize-space(cbc:ElectronicMail), $XR-EMAIL-REGEX)"""
    return EMAIL.fullmatch(norm(node, "cbc:ElectronicMail")) is not None


@assertion(
    BUYER_ADDRESS,
    "DE-R-008",
    FATAL,
    '[DE-R-008]-If both supplier and customer are located in Germany, the element "Buyer '
    'city" (BT-52) shall be provided.',
)
def de_r_008(node, doc) -> bool:
    """Official test: cbc:CityName[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:CityName")


@assertion(
    BUYER_ADDRESS,
    "DE-R-009",
    FATAL,
    '[DE-R-009]-If both supplier and customer are located in Germany, the element "Buyer '
    'post code" (BT-53) shall be provided.',
)
def de_r_009(node, doc) -> bool:
    """Official test: cbc:PostalZone[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:PostalZone")


@assertion(
    DELIVERY_ADDRESS,
    "DE-R-010",
    FATAL,
    "[DE-R-010]-If both supplier and customer are located in Germany, the element "
    '"Deliver to city" (BT-77) shall be provided if the group "DELIVER TO ADDRESS" '
    "(BG-15) is delivered.",
)
def de_r_010(node, doc) -> bool:
    """Official test: cbc:CityName[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:CityName")


@assertion(
    DELIVERY_ADDRESS,
    "DE-R-011",
    FATAL,
    "[DE-R-011]-If both supplier and customer are located in Germany, the element "
    '"Deliver to post code" (BT-78) shall be provided if the group "DELIVER TO ADDRESS" '
    "(BG-15) is delivered.",
)
def de_r_011(node, doc) -> bool:
    """Official test: cbc:PostalZone[boolean(normalize-space(.))]"""
    return _filled(node, "cbc:PostalZone")


@assertion(
    CREDIT_TRANSFER,
    "DE-R-019",
    WARNING,
    "[DE-R-019]-If both supplier and customer are located in Germany, the element "
    '"Payment account identifier" (BT-84) should contain a valid IBAN if code 58 SEPA is '
    'provided in "Payment means type code" (BT-81).',
)
def de_r_019(node, doc) -> bool:
    """Official test: not(normalize-space(cbc:PaymentMeansCode) = '58') or
    matches(normalize-space(replace(cac:PayeeFinancialAccount/cbc:ID, '([ \\n\\r\\t\\s])',
    '')), '^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$') and xs:integer(string-join(for $cp in
    string-to-codepoints(concat(substring(normalize-space(replace(cac:PayeeFinancialAccount/cbc
    :ID, '([ \\n\\r\\t\\s])',
    '')),5),upper-case(substring(normalize-space(replace(cac:PayeeFinancialAccount/cbc:ID,
    '([ \\n\\r\\t\\s])',
    '')),1,2)),substring(normalize-space(replace(cac:PayeeFinancialAccount/cbc:ID, '([
    \\n\\r\\t\\s])', '')),3,2))) return (if($cp > 64) then string($cp - 55) else string($cp -
    48)),'')) mod 97 = 1"""
    if norm(node, "cbc:PaymentMeansCode") != "58":
        return True
    return _iban_holds("cac:PayeeFinancialAccount/cbc:ID", node)


@assertion(
    CREDIT_TRANSFER,
    "DE-R-023-1",
    FATAL,
    '[DE-R-023-1]-If both supplier and customer are German, if "Payment means type code" '
    '(BT-81) contains a code for credit transfer (30, 58), "CREDIT TRANSFER" (BG-17) '
    "shall be provided.",
)
def de_r_023_1(node, doc) -> bool:
    """Official test: cac:PayeeFinancialAccount"""
    return exists(node, "cac:PayeeFinancialAccount")


@assertion(
    CREDIT_TRANSFER,
    "DE-R-023-2",
    FATAL,
    '[DE-R-023-2]-If both supplier and customer are located in Germany, and if "Payment '
    'means type code" (BT-81) contains a code for credit transfer (30, 58), BG-18 and '
    "BG-19 shall not be provided.",
)
def de_r_023_2(node, doc) -> bool:
    """Official test: not(cac:CardAccount) and not(cac:PaymentMandate)"""
    return not exists(node, "cac:CardAccount") and not exists(node, "cac:PaymentMandate")


@assertion(
    PAYMENT_CARD,
    "DE-R-024-1",
    FATAL,
    '[DE-R-024-1]-If both supplier and customer are located in Germany, and if "Payment '
    'means type code" (BT-81) contains a code for payment card (48, 54, 55), "PAYMENT '
    'CARD INFORMATION" (BG-18) shall be provided.',
)
def de_r_024_1(node, doc) -> bool:
    """Official test: cac:CardAccount"""
    return exists(node, "cac:CardAccount")


@assertion(
    PAYMENT_CARD,
    "DE-R-024-2",
    FATAL,
    '[DE-R-024-2]-If both supplier and customer are located in Germany, and if "Payment '
    'means type code" (BT-81) contains a code for payment card (48, 54, 55), BG-17 and '
    "BG-19 shall not be provided.",
)
def de_r_024_2(node, doc) -> bool:
    """Official test: not(cac:PayeeFinancialAccount) and not(cac:PaymentMandate)"""
    return not exists(node, "cac:PayeeFinancialAccount") and not exists(node, "cac:PaymentMandate")


@assertion(
    DIRECT_DEBIT,
    "DE-R-020",
    WARNING,
    "[DE-R-020]-If both supplier and customer are located in Germany, the element "
    '"Debited account identifier" (BT-91) should contain a valid IBAN if code 59 SEPA is '
    'provided in "Payment means type code" (BT-81).',
)
def de_r_020(node, doc) -> bool:
    """Official test: not(normalize-space(cbc:PaymentMeansCode) = '59') or
    matches(normalize-space(replace(cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID, '([
    \\n\\r\\t\\s])', '')), '^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$') and
    xs:decimal(string-join(for $cp in
    string-to-codepoints(concat(substring(normalize-space(replace(cac:PaymentMandate/cac:PayerF
    inancialAccount/cbc:ID, '([ \\n\\r\\t\\s])',
    '')),5),upper-case(substring(normalize-space(replace(cac:PaymentMandate/cac:PayerFinancialA
    ccount/cbc:ID, '([ \\n\\r\\t\\s])',
    '')),1,2)),substring(normalize-space(replace(cac:PaymentMandate/cac:PayerFinancialAccount/c
    bc:ID, '([ \\n\\r\\t\\s])', '')),3,2))) return (if($cp > 64) then string($cp - 55) else
    string($cp - 48)),'')) mod 97 = 1"""
    if norm(node, "cbc:PaymentMeansCode") != "59":
        return True
    return _iban_holds("cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID", node)


@assertion(
    DIRECT_DEBIT,
    "DE-R-025-1",
    FATAL,
    '[DE-R-025-1]-If both supplier and customer are located in Germany, and if "Payment '
    'means type code" (BT-81) contains a code for direct debit (59), "DIRECT DEBIT" '
    "(BG-19) shall be provided.",
)
def de_r_025_1(node, doc) -> bool:
    """Official test: cac:PaymentMandate"""
    return exists(node, "cac:PaymentMandate")


@assertion(
    DIRECT_DEBIT,
    "DE-R-025-2",
    FATAL,
    '[DE-R-025-2]-If both supplier and customer are located in Germany, and if "Payment '
    'means type code" (BT-81) contains a code for direct debit (59), BG-17 and BG-18 '
    "shall not be provided.",
)
def de_r_025_2(node, doc) -> bool:
    """Official test: not(cac:PayeeFinancialAccount) and not(cac:CardAccount)"""
    return not exists(node, "cac:PayeeFinancialAccount") and not exists(node, "cac:CardAccount")


@assertion(
    TAX_SUBTOTAL,
    "DE-R-014",
    FATAL,
    '[DE-R-014]-If both supplier and customer are located in Germany, the element "VAT '
    'category rate" (BT-119) shall be provided.',
)
def de_r_014(node, doc) -> bool:
    """Official test: cac:TaxCategory/cbc:Percent[boolean(normalize-space(.))]"""
    return _filled(node, "cac:TaxCategory/cbc:Percent")
