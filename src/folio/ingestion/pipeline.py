"""The pure steps of ingestion: read the body, parse it hardened, validate, map to Folio's model.

Nothing here writes; `folio.ingestion.services` runs these steps and stores the outcome. Every
refusal is an `IngestRejected` with a machine-readable code and errors in the shape of the
`folio validate --json` contract: `{"rule", "severity", "message", "location"}`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from lxml import etree
from pydantic import ValidationError

from folio.core.errors import ApplicationError
from folio.documents.models import DocumentType
from folio.documents.services import DocumentInput, LineInput
from folio.ingestion.en16931 import Invoice, NotAnInvoice, from_ubl
from folio.ingestion.json_format import MAX_LINES, FolioDocumentIn
from folio.ingestion.ubl_writer import NOT_XML_CHARACTER, ubl_from_json
from folio.ingestion.validation.engines import get_engine
from folio.ingestion.validation.report import ValidationReport
from folio.ingestion.xml_safety import XmlRejected, parse_xml

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Document fields hold 18 digits with 2 (amounts) or 4 (quantities, prices) decimals.
AMOUNT_LIMIT = Decimal("1e15")
CENT = Decimal("0.01")
FOURTH = Decimal("0.0001")


class IngestRejected(ApplicationError):
    """The document is refused: nothing is stored but an audit row."""

    status = 422

    def __init__(self, code: str, message, *, errors: list[dict] | None = None, warnings=None):
        errors = errors or [
            {"rule": code, "severity": "fatal", "message": str(message), "location": ""}
        ]
        extra = {"errors": errors}
        if warnings:
            extra["warnings"] = warnings
        super().__init__(code, message, extra=extra)


@dataclass
class ParsedDocument:
    tree: etree._ElementTree
    invoice: Invoice
    xml: bytes
    source_format: str  # "ubl" or "json"
    json_body: bytes | None = None
    report: ValidationReport | None = None
    warnings: list[dict] = field(default_factory=list)


def body_format(content_type: str, body: bytes) -> str:
    """ "json" or "xml", from the Content-Type, else from the first character."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind.endswith("json"):
        return "json"
    if kind.endswith("xml"):
        return "xml"
    start = body.lstrip()[:1]
    return "json" if start in (b"{", b"[") else "xml"


def _json_errors(error: ValidationError) -> list[dict]:
    return [
        {
            "rule": "JSON",
            "severity": "fatal",
            "message": item["msg"],
            "location": "/" + "/".join(str(part) for part in item["loc"]),
        }
        for item in error.errors()[:100]
    ]


def xml_from_json(body: bytes) -> bytes:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise IngestRejected("json_malformed", _("The body is not valid JSON: %s") % exc) from exc
    lines = data.get("lines") if isinstance(data, dict) else None
    if isinstance(lines, list) and len(lines) > MAX_LINES:
        raise IngestRejected(
            "too_many_lines",
            _("A document may have at most %(max)s lines.") % {"max": MAX_LINES},
        )
    try:
        document = FolioDocumentIn.model_validate(data)
    except ValidationError as exc:
        raise IngestRejected(
            "json_invalid",
            _("The JSON document does not follow the Folio JSON schema."),
            errors=_json_errors(exc),
        ) from exc
    try:
        return ubl_from_json(document)
    except ValueError as exc:  # UnicodeEncodeError too (a lone surrogate)
        raise IngestRejected(
            "json_invalid",
            _("The JSON document has text that XML cannot carry."),
            errors=_unwritable_text(data),
        ) from exc


def _unwritable_text(data, location: str = "") -> list[dict]:
    """Where the JSON's strings hold characters no XML document may contain (control
    characters other than tab and line breaks, U+FFFE, U+FFFF, unpaired surrogates)."""
    found: list[dict] = []
    if isinstance(data, str):
        if NOT_XML_CHARACTER.search(data):
            message = _(
                "Control characters (other than tab and line breaks), U+FFFE, U+FFFF and "
                "unpaired surrogates cannot be written to UBL."
            )
            found.append(
                {"rule": "JSON", "severity": "fatal", "message": str(message), "location": location}
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            found.extend(_unwritable_text(value, f"{location}/{key}"))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_unwritable_text(value, f"{location}/{index}"))
    return found[:100]


def engine_name() -> str:
    return getattr(settings, "FOLIO_VALIDATION_ENGINE", "native")


# Making an engine looks for the rule files on disk, which costs about as much as a third of
# validating a 20-line invoice, so one is kept per process for a short while (per engine name
# and rule settings). The compiled rules are cached by path in the engines' modules anyway; the
# short reuse only delays by this much a process noticing rules installed where there were none.
ENGINE_REUSE_SECONDS = 60.0
_engines: dict[tuple[str, str, str], tuple[float, object]] = {}


def validation_engine(engine: str = ""):
    """The validation engine named `engine` (default FOLIO_VALIDATION_ENGINE), reused."""
    name = engine or engine_name()
    key = (
        name,
        str(getattr(settings, "FOLIO_RULES_DIR", "")),
        str(getattr(settings, "FOLIO_CORPUS", "")),
    )
    now = time.monotonic()
    made = _engines.get(key)
    if made is None or now - made[0] > ENGINE_REUSE_SECONDS:
        made = (now, get_engine(name))
        _engines[key] = made
    return made[1]


def _count_lines(root: etree._Element) -> int:
    count = 0
    for child in root:
        if isinstance(child.tag, str) and child.tag.endswith(("}InvoiceLine", "}CreditNoteLine")):
            count += 1
    return count


def parse_and_validate(
    body: bytes, *, content_type: str = "", engine: str = "", validator=None
) -> ParsedDocument:
    """Everything that can refuse a document before Folio looks at who sent it.

    `validator` is the engine to use; by default `validation_engine(engine)`."""
    if len(body) > MAX_DOCUMENT_BYTES:
        raise IngestRejected(
            "document_too_large",
            _("A document may be at most %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // 2**20},
        )
    source_format = body_format(content_type, body)
    json_body = None
    if source_format == "json":
        json_body = body
        body = xml_from_json(body)
    try:
        tree = parse_xml(body, max_bytes=MAX_DOCUMENT_BYTES)
    except XmlRejected as exc:
        raise IngestRejected(exc.code, exc.message) from exc
    # Folio JSON has at most MAX_LINES lines (checked in xml_from_json, and by the schema), and
    # its UBL one line for each; only a document sent as XML needs its lines counted.
    if json_body is None and _count_lines(tree.getroot()) > MAX_LINES:
        raise IngestRejected(
            "too_many_lines",
            _("A document may have at most %(max)s lines.") % {"max": MAX_LINES},
        )
    try:
        invoice = from_ubl(tree)
    except NotAnInvoice as exc:
        raise IngestRejected(
            "not_an_invoice", _("The document is neither a UBL Invoice nor a UBL CreditNote.")
        ) from exc
    if validator is None:
        validator = validation_engine(engine)
    report = validator.validate(tree)
    warnings = [finding.as_dict() for finding in report.warnings]
    if not report.conforms:
        raise IngestRejected(
            "validation_failed",
            _("The document breaks %(n)s rule(s) of EN 16931 / Peppol BIS Billing 3.0.")
            % {"n": len(report.errors)},
            errors=[finding.as_dict() for finding in report.errors],
            warnings=warnings,
        )
    return ParsedDocument(
        tree=tree,
        invoice=invoice,
        xml=body,
        source_format="json" if json_body is not None else "ubl",
        json_body=json_body,
        report=report,
        warnings=warnings,
    )


def document_type_of(invoice: Invoice) -> str:
    if invoice.is_credit_note or invoice.type_code == "381":
        return DocumentType.CREDIT_NOTE
    return DocumentType.INVOICE


def _amount(value: Decimal | None, *, places: Decimal = CENT) -> Decimal:
    value = value if value is not None else Decimal("0")
    if abs(value) >= AMOUNT_LIMIT:
        raise IngestRejected("amount_out_of_range", _("An amount is larger than Folio can store."))
    return value.quantize(places)


def _text(value: str | None, limit: int) -> str:
    return (value or "").strip()[:limit]


def document_input(invoice: Invoice) -> DocumentInput:
    """Folio's document fields from the EN 16931 model."""
    number = (invoice.number or "").strip()
    if len(number) > 100:
        raise IngestRejected(
            "number_too_long", _("The document number (BT-1) may have at most 100 characters.")
        )
    totals = invoice.totals
    return DocumentInput(
        type=document_type_of(invoice),
        number=number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        currency=_text(invoice.currency, 3),
        amount_net=_amount(totals.total_without_vat),
        amount_vat=_amount(totals.vat_total),
        amount_total=_amount(totals.total_with_vat),
        amount_payable=_amount(totals.payable),
        payment_reference=_text(invoice.kid, 50),
        buyer_reference=_text(invoice.buyer_reference, 200),
        order_reference=_text(invoice.order_reference, 200),
        counterparty_name=_text(invoice.buyer.name or invoice.buyer.trading_name, 200),
        note="\n".join(invoice.notes),
        lines=[
            LineInput(
                item_name=_text(line.item_name, 300) or "-",
                quantity=_amount(line.quantity, places=FOURTH),
                unit_price=_amount(line.price, places=FOURTH),
                amount_net=_amount(line.net_amount),
                vat_category=_text(line.vat_category, 4) or "S",
                vat_rate=_amount(line.vat_rate),
                unit_code=_text(line.unit_code, 10) or "EA",
                description=line.item_description or "",
                line_id=_text(line.id, 50),
            )
            for line in invoice.lines
        ],
    )
