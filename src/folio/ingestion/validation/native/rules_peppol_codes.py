"""Peppol BIS Billing 3.0 code list, profile and format rules (PEPPOL-EN16931-CL*, -P*, -F001).

The official pattern PEPPOL-codes (mode M42) with its contexts; the code lists are the
stylesheet's own (a subset of the full lists, as of the 2026.5 release).
"""

from __future__ import annotations

from folio.ingestion.validation.native.contexts_peppol import (
    AMOUNT_NAMES,
    castable_date,
    german_parties,
    in_pattern,
    norm,
    own_text,
    profile,
    tagged,
)
from folio.ingestion.validation.native.registry import FATAL, assertion, pattern
from folio.ingestion.validation.native.selectors import tail
from folio.ingestion.validation.native.xpath_values import (
    children,
    normalize_space,
    string_value,
)

CODES = pattern("peppol", "PEPPOL-codes")  # mode M42


def code_list(tokens: str) -> frozenset[str]:
    """`tokenize('...', '\\s')` of the stylesheet's code list variables."""
    return frozenset(tokens.split())


MIME_CODES = code_list(
    "application/pdf image/png image/jpeg text/csv "
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "
    "application/vnd.oasis.opendocument.spreadsheet"
)
UNCL2005 = code_list("3 35 432")
UNCL5189 = code_list("41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105")
UNCL7161 = code_list(
    "AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR ABS "
    "ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADT "
    "ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU AEV AEW AEX "
    "AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS CAT CAU CAV CAW "
    "CAX CAY CAZ CD CG CS CT DAB DAC DAD DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DL EG EP "
    "ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA "
    "OA PA PAA PC PL PRV RAB RAC RAD RAF RE RF RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV "
    "V1 V2 WH XAA YY ZZZ"
)
ISO4217 = code_list(
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR "
    "FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY "
    "KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU "
    "MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON "
    "RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP "
    "TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC "
    "XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA YER ZAR ZMW ZWG XXX CNH XCG"
)
EAS = code_list(
    "0002 0007 0009 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0188 0190 0191 0192 "
    "0195 0196 0198 0199 0200 0201 0204 0208 0209 0210 0211 0216 0218 0221 0225 0230 0235 0240 "
    "0242 0244 0245 0246 0248 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 "
    "9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 "
    "9946 9947 9948 9949 9950 9951 9952 9953 9957 9959"
)
INVOICE_TYPE_CODES = code_list(
    "71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 "
    "876 877"
)
CREDIT_NOTE_TYPE_CODES = code_list("381 396 81 83 532")


def _own_code(node) -> str:
    """`normalize-space(text())`."""
    return normalize_space(own_text(node) or "")


def _reason_code_of(indicator: str):
    """`cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode`."""
    return tail("cac:AllowanceCharge/cbc:AllowanceChargeReasonCode").where(
        lambda e: (
            indicator in (string_value(c) for c in children(e.getparent(), "cbc:ChargeIndicator"))
        )
    )


def _exemption(code: str):
    """`cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-...']`."""
    return tail("cac:TaxCategory").where(
        in_pattern(
            lambda e: (
                (
                    string_value(found[0]).upper()
                    if (found := children(e, "cbc:TaxExemptionReasonCode"))
                    else ""
                )
                == code
                if len(children(e, "cbc:TaxExemptionReasonCode")) <= 1
                else False
            )
        )
    )


MIME_CODE = CODES.context(
    1016,
    "cbc:EmbeddedDocumentBinaryObject[@mimeCode]",
    tail("cbc:EmbeddedDocumentBinaryObject").where(lambda e: e.get("mimeCode") is not None),
)
ALLOWANCE_REASON = CODES.context(
    1015,
    "cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode",
    _reason_code_of("false"),
)
CHARGE_REASON = CODES.context(
    1014,
    "cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode",
    _reason_code_of("true"),
)
PERIOD_DESCRIPTION = CODES.context(
    1013, "cac:InvoicePeriod/cbc:DescriptionCode", tail("cac:InvoicePeriod/cbc:DescriptionCode")
)
CURRENCY_AMOUNT = CODES.context(
    1012,
    "cbc:Amount | cbc:BaseAmount | cbc:PriceAmount | cbc:TaxAmount | cbc:TaxableAmount | "
    "cbc:LineExtensionAmount | cbc:TaxExclusiveAmount | cbc:TaxInclusiveAmount | "
    "cbc:AllowanceTotalAmount | cbc:ChargeTotalAmount | cbc:PrepaidAmount | "
    "cbc:PayableRoundingAmount | cbc:PayableAmount",
    tagged(*AMOUNT_NAMES, "cbc:TaxAmount"),
)
INVOICE_TYPE = CODES.context(1011, "cbc:InvoiceTypeCode", tail("cbc:InvoiceTypeCode"))
CREDIT_NOTE_TYPE = CODES.context(1010, "cbc:CreditNoteTypeCode", tail("cbc:CreditNoteTypeCode"))
DATE = CODES.context(
    1009,
    "cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | "
    "cbc:ActualDeliveryDate",
    tagged(
        "cbc:IssueDate",
        "cbc:DueDate",
        "cbc:TaxPointDate",
        "cbc:StartDate",
        "cbc:EndDate",
        "cbc:ActualDeliveryDate",
    ),
)
ENDPOINT_SCHEME = CODES.context(
    1008,
    "cbc:EndpointID[@schemeID]",
    tail("cbc:EndpointID").where(lambda e: e.get("schemeID") is not None),
)
EXEMPT_G = CODES.context(
    1007,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-G']",
    _exemption("VATEX-EU-G"),
)
EXEMPT_O = CODES.context(
    1006,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-O']",
    _exemption("VATEX-EU-O"),
)
EXEMPT_IC = CODES.context(
    1005,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-IC']",
    _exemption("VATEX-EU-IC"),
)
EXEMPT_AE = CODES.context(
    1004,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-AE']",
    _exemption("VATEX-EU-AE"),
)
EXEMPT_D = CODES.context(
    1003,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-D']",
    _exemption("VATEX-EU-D"),
)
EXEMPT_F = CODES.context(
    1002,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-F']",
    _exemption("VATEX-EU-F"),
)
EXEMPT_I = CODES.context(
    1001,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-I']",
    _exemption("VATEX-EU-I"),
)
EXEMPT_J = CODES.context(
    1000,
    "cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode)='VATEX-EU-J']",
    _exemption("VATEX-EU-J"),
)


@assertion(
    MIME_CODE,
    "PEPPOL-EN16931-CL001",
    FATAL,
    "[PEPPOL-EN16931-CL001]-Mime code must be according to subset of IANA code list.",
)
def peppol_en16931_cl001(node, doc) -> bool:
    """Official test: some $code in $MIMECODE satisfies @mimeCode = $code"""
    return node.get("mimeCode") in MIME_CODES


@assertion(
    ALLOWANCE_REASON,
    "PEPPOL-EN16931-CL002",
    FATAL,
    "[PEPPOL-EN16931-CL002]-Reason code MUST be according to subset of UNCL 5189 D.16B.",
)
def peppol_en16931_cl002(node, doc) -> bool:
    """Official test: some $code in $UNCL5189 satisfies normalize-space(text()) = $code"""
    return _own_code(node) in UNCL5189


@assertion(
    CHARGE_REASON,
    "PEPPOL-EN16931-CL003",
    FATAL,
    "[PEPPOL-EN16931-CL003]-Reason code MUST be according to UNCL 7161 D.16B.",
)
def peppol_en16931_cl003(node, doc) -> bool:
    """Official test: some $code in $UNCL7161 satisfies normalize-space(text()) = $code"""
    return _own_code(node) in UNCL7161


@assertion(
    PERIOD_DESCRIPTION,
    "PEPPOL-EN16931-CL006",
    FATAL,
    "[PEPPOL-EN16931-CL006]-Invoice period description code must be according to UNCL 2005 D.16B.",
)
def peppol_en16931_cl006(node, doc) -> bool:
    """Official test: some $code in $UNCL2005 satisfies normalize-space(text()) = $code"""
    return _own_code(node) in UNCL2005


@assertion(
    CURRENCY_AMOUNT,
    "PEPPOL-EN16931-CL007",
    FATAL,
    "[PEPPOL-EN16931-CL007]-Currency code must be according to ISO 4217:2005",
)
def peppol_en16931_cl007(node, doc) -> bool:
    """Official test: some $code in $ISO4217 satisfies @currencyID = $code"""
    return node.get("currencyID") in ISO4217


@assertion(
    INVOICE_TYPE,
    "PEPPOL-EN16931-P0100",
    FATAL,
    "[PEPPOL-EN16931-P0100]-Invoice type code MUST be set according to the profile.",
)
def peppol_en16931_p0100(node, doc) -> bool:
    """Official test: not($profile = ('01','02')) or (some $code in tokenize('71 80 82 84 102
    218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877',
    '\\s') satisfies normalize-space(text()) = $code)"""
    return profile(doc) not in ("01", "02") or _own_code(node) in INVOICE_TYPE_CODES


@assertion(
    INVOICE_TYPE,
    "PEPPOL-EN16931-P0112",
    FATAL,
    "[PEPPOL-EN16931-P0112]-Invoice type code 326 or 384 are only allowed when both "
    "buyer and seller are German organizations",
)
def peppol_en16931_p0112(node, doc) -> bool:
    """Official test: not(normalize-space(.) = '326' or normalize-space(.) = '384') or
    ($supplierCountryIsDE and $customerCountryIsDE)"""
    return norm(node) not in ("326", "384") or german_parties(doc)


@assertion(
    CREDIT_NOTE_TYPE,
    "PEPPOL-EN16931-P0101",
    FATAL,
    "[PEPPOL-EN16931-P0101]-Credit note type code MUST be set according to the profile.",
)
def peppol_en16931_p0101(node, doc) -> bool:
    """Official test: not($profile = ('01','02')) or (some $code in tokenize('381 396 81 83
    532', '\\s') satisfies normalize-space(text()) = $code)"""
    return profile(doc) not in ("01", "02") or _own_code(node) in CREDIT_NOTE_TYPE_CODES


@assertion(
    DATE,
    "PEPPOL-EN16931-F001",
    FATAL,
    "[PEPPOL-EN16931-F001]-A date MUST be formatted YYYY-MM-DD.",
)
def peppol_en16931_f001(node, doc) -> bool:
    """Official test: string-length(text()) = 10 and (string(.) castable as xs:date)"""
    text = own_text(node)
    return text is not None and len(text) == 10 and castable_date(string_value(node))


@assertion(
    ENDPOINT_SCHEME,
    "PEPPOL-EN16931-CL008",
    FATAL,
    "[PEPPOL-EN16931-CL008]-Electronic address identifier scheme must be from the "
    'codelist "Electronic Address Identifier Scheme"',
)
def peppol_en16931_cl008(node, doc) -> bool:
    """Official test: some $code in $eaid satisfies @schemeID = $code"""
    return node.get("schemeID") in EAS


@assertion(
    EXEMPT_G,
    "PEPPOL-EN16931-P0104",
    FATAL,
    "[PEPPOL-EN16931-P0104]-Tax Category G MUST be used when exemption reason code is VATEX-EU-G",
)
def peppol_en16931_p0104(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='G'"""
    return norm(node, "cbc:ID") == "G"


@assertion(
    EXEMPT_O,
    "PEPPOL-EN16931-P0105",
    FATAL,
    "[PEPPOL-EN16931-P0105]-Tax Category O MUST be used when exemption reason code is VATEX-EU-O",
)
def peppol_en16931_p0105(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='O'"""
    return norm(node, "cbc:ID") == "O"


@assertion(
    EXEMPT_IC,
    "PEPPOL-EN16931-P0106",
    FATAL,
    "[PEPPOL-EN16931-P0106]-Tax Category K MUST be used when exemption reason code is VATEX-EU-IC",
)
def peppol_en16931_p0106(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='K'"""
    return norm(node, "cbc:ID") == "K"


@assertion(
    EXEMPT_AE,
    "PEPPOL-EN16931-P0107",
    FATAL,
    "[PEPPOL-EN16931-P0107]-Tax Category AE MUST be used when exemption reason code is VATEX-EU-AE",
)
def peppol_en16931_p0107(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='AE'"""
    return norm(node, "cbc:ID") == "AE"


@assertion(
    EXEMPT_D,
    "PEPPOL-EN16931-P0108",
    FATAL,
    "[PEPPOL-EN16931-P0108]-Tax Category E MUST be used when exemption reason code is VATEX-EU-D",
)
def peppol_en16931_p0108(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='E'"""
    return norm(node, "cbc:ID") == "E"


@assertion(
    EXEMPT_F,
    "PEPPOL-EN16931-P0109",
    FATAL,
    "[PEPPOL-EN16931-P0109]-Tax Category E MUST be used when exemption reason code is VATEX-EU-F",
)
def peppol_en16931_p0109(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='E'"""
    return norm(node, "cbc:ID") == "E"


@assertion(
    EXEMPT_I,
    "PEPPOL-EN16931-P0110",
    FATAL,
    "[PEPPOL-EN16931-P0110]-Tax Category E MUST be used when exemption reason code is VATEX-EU-I",
)
def peppol_en16931_p0110(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='E'"""
    return norm(node, "cbc:ID") == "E"


@assertion(
    EXEMPT_J,
    "PEPPOL-EN16931-P0111",
    FATAL,
    "[PEPPOL-EN16931-P0111]-Tax Category E MUST be used when exemption reason code is VATEX-EU-J",
)
def peppol_en16931_p0111(node, doc) -> bool:
    """Official test: normalize-space(cbc:ID)='E'"""
    return norm(node, "cbc:ID") == "E"
