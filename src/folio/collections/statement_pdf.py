"""The statement of account as a PDF, typeset by Typst from the statement's figures."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import typst
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from folio.collections.selectors import Statement
from folio.core.errors import ApplicationError
from folio.rendering.formatting import language_for

TEMPLATE = Path(__file__).resolve().parent / "typst" / "statement.typ"
_lock = threading.Lock()


def _labels() -> dict[str, str]:
    return {
        "title": _("Statement of account"),
        "as_of": _("As of"),
        "customer_number": _("Customer number"),
        "aging": _("Open amounts by age"),
        "total": _("Total open"),
        "open_items": _("Open items"),
        "number": _("Number"),
        "type": _("Type"),
        "issued": _("Issued"),
        "due": _("Due"),
        "open": _("Open"),
        "payments": _("Payments"),
        "credits": _("Credit notes"),
        "date": _("Date"),
        "document": _("Document"),
        "amount": _("Amount"),
    }


def statement_pdf_render(statement: Statement, *, language: str = "en") -> bytes:
    language = language_for(language) if language else "en"
    with translation.override(language):
        data = {
            "language": language,
            "labels": _labels(),
            "sender": statement.customer.sender.name,
            "customer": statement.customer.name,
            "customer_number": statement.customer.customer_number,
            "as_of": statement.as_of.isoformat(),
            "buckets": [
                {"label": str(label), "amount": f"{amount:,.2f}"}
                for _key, label, amount in statement.buckets
            ],
            "total": f"{statement.total_open:,.2f} {statement.currency}".strip(),
            "items": [
                {
                    "number": item.document.number,
                    "type": str(item.document.get_type_display()),
                    "issued": item.document.issue_date.isoformat(),
                    "due": item.document.due_date.isoformat() if item.document.due_date else "",
                    "open": f"{item.document.amount_open:,.2f} {item.document.currency}",
                }
                for item in statement.items
            ],
            "payments": [
                {
                    "date": event.at.date().isoformat(),
                    "document": event.document.number,
                    "amount": event.data.get("amount", ""),
                }
                for event in statement.payments
            ],
            "credits": [
                {
                    "date": credit.issue_date.isoformat(),
                    "number": credit.number,
                    "amount": f"{credit.amount_total:,.2f} {credit.currency}",
                }
                for credit in statement.credits
            ],
        }
    fonts = [str(Path(d)) for d in settings.FOLIO_RENDER_FONT_DIRS if Path(d).is_dir()]
    try:
        with _lock:
            return typst.compile(
                str(TEMPLATE),
                root=str(TEMPLATE.parent),
                font_paths=fonts,
                sys_inputs={"data": json.dumps(data)},
            )
    except typst.TypstError as exc:
        raise ApplicationError(
            "statement_render_failed", _("The statement could not be made as a PDF.")
        ) from exc
