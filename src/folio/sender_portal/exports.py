"""CSV and XLSX exports of a filtered documents list, safe to open in a spreadsheet.

A cell that begins with =, +, -, @, a tab or a carriage return would be read as a formula by
Excel or LibreOffice (CSV injection); such text cells get a leading apostrophe. Numbers stay
numbers. Exports stream in chunks and stop at EXPORT_LIMIT rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from folio.documents.models import Direction, Document, DocumentStatus, DocumentType

EXPORT_LIMIT = 100_000
CHUNK = 2000
LINES_PER_WRITE = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "number",
    "type",
    "direction",
    "status",
    "organization",
    "customer_number",
    "counterparty",
    "issue_date",
    "due_date",
    "currency",
    "amount_total",
    "amount_payable",
    "payment_reference",
    "buyer_reference",
    "channel",
    "code",
)


# The columns of a row that are not text already (dates and amounts), formatted for CSV; the
# writer takes the text columns as they are (formatting every cell cost ~0.2 s a large export).
NON_TEXT_COLUMNS = tuple(
    COLUMNS.index(name) for name in ("issue_date", "due_date", "amount_total", "amount_payable")
)


def formula_safe(value: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [
        _("Number"),
        _("Type"),
        _("Direction"),
        _("Status"),
        _("Organization"),
        _("Customer number"),
        _("Customer"),
        _("Issue date"),
        _("Due date"),
        _("Currency"),
        _("Total"),
        _("Payable"),
        _("Payment reference"),
        _("Buyer reference"),
        _("Channel"),
        _("Folio id"),
    ]


def _rows(documents: QuerySet[Document]) -> Iterator[list]:
    # Labels translated once per export, not once per row.
    types = {value: str(label) for value, label in DocumentType.choices}
    statuses = {value: str(label) for value, label in DocumentStatus.choices}
    directions = {value: str(label) for value, label in Direction.choices}
    # Plain tuples rather than model instances: building ~30,000 instances (with their joined
    # organization and customer) took ~100 µs a row, seconds of a web worker per export.
    selected = documents.values_list(
        "number",
        "type",
        "direction",
        "status",
        "organization__name",
        "customer__customer_number",
        "counterparty_name",
        "issue_date",
        "due_date",
        "currency",
        "amount_total",
        "amount_payable",
        "payment_reference",
        "buyer_reference",
        "channel",
        "code",
    )[:EXPORT_LIMIT]
    for (
        number,
        document_type,
        direction,
        status,
        organization_name,
        customer_number,
        counterparty_name,
        issue_date,
        due_date,
        currency,
        amount_total,
        amount_payable,
        payment_reference,
        buyer_reference,
        channel,
        code,
    ) in selected.iterator(chunk_size=CHUNK):
        yield [
            formula_safe(number),
            types.get(document_type, document_type),
            directions.get(direction, direction),
            statuses.get(status, status),
            formula_safe(organization_name),
            formula_safe(customer_number or ""),
            formula_safe(counterparty_name),
            issue_date,
            due_date,
            currency,
            amount_total,
            amount_payable,
            formula_safe(payment_reference),
            formula_safe(buyer_reference),
            channel,
            str(code),
        ]


def _filename(extension: str) -> str:
    return f"folio-documents-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    # Most cells are text already: answer those first (this runs for every cell of the file).
    if value.__class__ is str:
        return value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def documents_csv_response(documents: QuerySet[Document]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        # A byte-order mark, so that Excel reads the file as UTF-8 (æøå, čšž).
        yield "\ufeff" + writer.writerow(_headers())
        # Rows go out in blocks: the server writes every yielded piece with its own system
        # call, and one a row made a 30,000-row export as many writes.
        block: list[str] = []
        for row in _rows(documents):
            for index in NON_TEXT_COLUMNS:
                row[index] = _csv_cell(row[index])
            block.append(writer.writerow(row))
            if len(block) >= LINES_PER_WRITE:
                yield "".join(block)
                block = []
        if block:
            yield "".join(block)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def documents_xlsx_response(documents: QuerySet[Document]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Documents"))
    sheet.append(_headers())
    for row in _rows(documents):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
