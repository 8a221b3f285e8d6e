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
    types = dict(DocumentType.choices)
    statuses = dict(DocumentStatus.choices)
    directions = dict(Direction.choices)
    selected = documents.select_related("organization", "customer").only(
        "number",
        "type",
        "direction",
        "status",
        "issue_date",
        "due_date",
        "currency",
        "amount_total",
        "amount_payable",
        "payment_reference",
        "buyer_reference",
        "channel",
        "code",
        "counterparty_name",
        "organization__name",
        "customer__customer_number",
    )[:EXPORT_LIMIT]
    for document in selected.iterator(chunk_size=CHUNK):
        yield [
            formula_safe(document.number),
            str(types.get(document.type, document.type)),
            str(directions.get(document.direction, document.direction)),
            str(statuses.get(document.status, document.status)),
            formula_safe(document.organization.name),
            formula_safe(document.customer.customer_number if document.customer else ""),
            formula_safe(document.counterparty_name),
            document.issue_date,
            document.due_date,
            document.currency,
            document.amount_total,
            document.amount_payable,
            formula_safe(document.payment_reference),
            formula_safe(document.buyer_reference),
            document.channel,
            str(document.code),
        ]


def _filename(extension: str) -> str:
    return f"folio-documents-{timezone.localtime():%Y%m%d-%H%M}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
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
        for row in _rows(documents):
            yield writer.writerow([_csv_cell(value) for value in row])

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
