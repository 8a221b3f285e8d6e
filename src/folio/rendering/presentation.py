"""What a rendered document shows, as plain JSON-able data, for the PDF and HTML renderers.

Everything the recipient reads is decided and formatted here (labels in the recipient's
language, amounts and dates by babel); the Typst and Django templates only lay it out. The
templates receive the values as data (Typst reads them with `json(...)`), never as markup, so
text from a document cannot inject anything into a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from babel import Locale
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from folio.ingestion import en16931
from folio.rendering import labels as L
from folio.rendering.branding import BrandingSpec
from folio.rendering.formatting import Formatter, language_for

RENDERED_TYPES = (
    "invoice",
    "credit_note",
    "reminder",
    "quote",
    "order_confirmation",
    "delivery_note",
    "statement",
    "payment_request",
)
# Types that ask for money and so carry payment information.
PAYING_TYPES = frozenset({"invoice", "reminder", "payment_request", "statement"})

# Envelope windows (DIN 5008 form B zone, which C5 and DL window envelopes follow), in mm from
# the sheet's top-left corner: x, y, width, height.
WINDOWS_MM = {"left": (20.0, 45.0, 90.0, 45.0), "right": (100.0, 45.0, 90.0, 45.0)}

UNIT_NAMES = {
    "C62": _("pcs"),
    "EA": _("pcs"),
    "H87": _("pcs"),
    "XPP": _("pcs"),
    "HUR": _("h"),
    "DAY": _("days"),
    "MON": _("months"),
    "ANN": _("years"),
    "KGM": "kg",
    "GRM": "g",
    "TNE": "t",
    "MTR": "m",
    "KMT": "km",
    "MTK": "m²",
    "MTQ": "m³",
    "LTR": "l",
    "KWH": "kWh",
    "MWH": "MWh",
    "KWT": "kW",
    "MIN": "min",
    "SET": _("sets"),
    "PK": _("packs"),
    "ZZ": "",
}


def default_document_type(invoice: en16931.Invoice) -> str:
    return "credit_note" if invoice.is_credit_note else "invoice"


@dataclass
class RenderRequest:
    """One document to render: the EN 16931 model plus how and for whom."""

    invoice: en16931.Invoice
    document_type: str = ""
    language: str = "en"
    branding: BrandingSpec = field(default_factory=BrandingSpec)
    customer_number: str = ""
    # The address the sender's customer register holds, when it should win over the XML's.
    recipient_name: str = ""
    recipient_lines: list[str] = field(default_factory=list)
    source_xml: bytes | None = None
    source_filename: str = ""


def _clean(*values: str | None) -> list[str]:
    return [value for value in values if value]


LONG_WORD = re.compile(r"\S{25,}")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """Let very long words (item codes, compound nouns, URLs) wrap inside their column: a
    zero-width space every 12 characters (it prints nothing; text extraction keeps it)."""

    def split(match: re.Match) -> str:
        word = match.group(0)
        return ZERO_WIDTH_SPACE.join(word[i : i + 12] for i in range(0, len(word), 12))

    return LONG_WORD.sub(split, text)


class _Builder:
    def __init__(self, request: RenderRequest):
        self.request = request
        self.invoice = request.invoice
        self.type = request.document_type or default_document_type(request.invoice)
        if self.type not in RENDERED_TYPES:
            self.type = default_document_type(request.invoice)
        self.language = language_for(request.language)
        self.fmt = Formatter(self.language)
        self.labels = L.labels_for(self.language, self.type)
        self.currency = self.invoice.currency or ""
        seller_address = self.invoice.seller.address
        self.home_country = seller_address.country_code if seller_address else None

    # --- parties ---------------------------------------------------------------------------

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        locale = Locale.parse(self.fmt.locale)
        return locale.territories.get(code.upper(), code.upper())

    def address_lines(self, address: en16931.Address | None) -> list[str]:
        if address is None:
            return []
        place = " ".join(_clean(address.postal_code, address.city))
        lines = _clean(address.street, address.additional_street, address.address_line_3, place)
        if address.country_code and address.country_code != self.home_country:
            lines.append(self.country_name(address.country_code))
        return lines

    def party(self, party: en16931.Party) -> dict:
        ids = []
        if party.legal_registration_id:
            ids.append(f"{self.labels['org_number']} {party.legal_registration_id.value}")
        if party.vat_id:
            ids.append(f"{self.labels['vat_number']} {party.vat_id}")
        contact = party.contact or en16931.Contact()
        return {
            "name": party.name or party.trading_name or "",
            "trading_name": party.trading_name
            if party.trading_name and party.trading_name != party.name
            else "",
            "lines": self.address_lines(party.address),
            "ids": ids,
            "contact": _clean(
                contact.name,
                f"{self.labels['phone']} {contact.telephone}" if contact.telephone else "",
                contact.email,
            ),
        }

    def recipient(self) -> dict:
        if self.request.recipient_name:
            return {"name": self.request.recipient_name, "lines": self.request.recipient_lines}
        buyer = self.invoice.buyer
        lines = self.address_lines(buyer.address)
        contact_name = buyer.contact.name if buyer.contact and buyer.contact.name else ""
        if contact_name and contact_name != buyer.name:
            lines.insert(0, contact_name)
        return {"name": buyer.name or buyer.trading_name or "", "lines": lines[:5]}

    def return_address(self) -> str:
        seller = self.invoice.seller
        address = seller.address or en16931.Address()
        place = " ".join(_clean(address.postal_code, address.city))
        return " · ".join(_clean(seller.name, address.street, place))

    # --- meta ------------------------------------------------------------------------------

    def customer_number(self) -> str:
        if self.request.customer_number:
            return self.request.customer_number
        for identifier in self.invoice.buyer.identifiers:
            return identifier.value
        return ""

    def meta(self) -> list[list[str]]:
        inv, lab, fmt = self.invoice, self.labels, self.fmt
        rows: list[list[str]] = [
            [lab["number"], inv.number or ""],
            [lab["date"], fmt.date(inv.issue_date)],
        ]
        if self.type == "quote":
            rows.append([lab["valid_until"], fmt.date(inv.due_date)])
        elif self.type in PAYING_TYPES:
            rows.append([lab["due_date"], fmt.date(inv.due_date)])
        delivery_date = inv.delivery.date if inv.delivery else None
        if self.type in {"delivery_note", "order_confirmation", "invoice"} and delivery_date:
            rows.append([lab["delivery_date"], fmt.date(delivery_date)])
        rows.append([lab["customer_number"], self.customer_number()])
        rows.append([lab["buyer_reference"], inv.buyer_reference or ""])
        rows.append([lab["order_reference"], inv.order_reference or ""])
        rows.append([lab["sales_order_reference"], inv.sales_order_reference or ""])
        rows.append([lab["contract_reference"], inv.contract_reference or ""])
        rows.append([lab["project_reference"], inv.project_reference or ""])
        if inv.period and (inv.period.start or inv.period.end):
            rows.append([lab["period"], self.period(inv.period)])
        for number, issued in inv.preceding_invoices:
            value = f"{number} ({fmt.date(issued)})" if issued else number
            rows.append([lab["preceding_invoice"], value])
        return [[label, breakable(value)] for label, value in rows if value]

    def period(self, period: en16931.Period) -> str:
        return "\u2013".join(_clean(self.fmt.date(period.start), self.fmt.date(period.end)))

    # --- lines -----------------------------------------------------------------------------

    def unit(self, code: str | None) -> str:
        if not code:
            return ""
        name = UNIT_NAMES.get(code.upper())
        if name is None:
            return code
        with translation.override(self.language):
            return str(name)

    def line(self, line: en16931.Line) -> dict:
        fmt, lab = self.fmt, self.labels
        details = []
        if line.item_description and line.item_description != line.item_name:
            details.append(line.item_description)
        if line.sellers_item_id and self.type != "delivery_note":
            details.append(f"{lab['item_number']} {line.sellers_item_id}")
        if line.period and (line.period.start or line.period.end) and self.type != "statement":
            details.append(f"{lab['period']} {self.period(line.period)}")
        if line.note and self.type != "statement":
            details.append(line.note)
        for name, value in line.attributes:
            if name or value:
                details.append(f"{name}: {value}" if name else value)
        for item in line.allowances_charges:
            label = item.reason or (lab["charge"] if item.is_charge else lab["allowance"])
            sign = "" if item.is_charge else "\u2212"
            percent = f" ({fmt.percent(item.percentage)})" if item.percentage else ""
            details.append(f"{label}{percent}: {sign}{fmt.amount(item.amount)}")
        price = line.price
        if price is not None and line.price_base_quantity not in (None, Decimal(1)):
            price_text = f"{fmt.price(price)} / {fmt.quantity(line.price_base_quantity)}"
        else:
            price_text = fmt.price(price)
        return {
            "no": line.id or "",
            "name": breakable(line.item_name or ""),
            "details": [breakable(detail) for detail in details],
            "item": line.sellers_item_id or "",
            "qty": fmt.quantity(line.quantity),
            "unit": self.unit(line.unit_code),
            "price": price_text,
            "vat": fmt.percent(line.vat_rate) if line.vat_rate is not None else "",
            "amount": fmt.amount(line.net_amount),
            "date": fmt.date(line.period.start) if line.period else "",
            "due": fmt.date(line.period.end) if line.period else "",
            "text": line.note or "",
        }

    # --- sums ------------------------------------------------------------------------------

    def allowances_charges(self) -> list[dict]:
        rows = []
        for item in self.invoice.allowances_charges:
            label = item.reason or (
                self.labels["charge"] if item.is_charge else self.labels["allowance"]
            )
            if item.percentage is not None:
                label = f"{label} ({self.fmt.percent(item.percentage)})"
            vat = self.fmt.percent(item.vat_rate) if item.vat_rate is not None else ""
            sign = "" if item.is_charge else "\u2212"
            rows.append(
                {
                    "label": breakable(label),
                    "vat": vat,
                    "amount": sign + self.fmt.amount(item.amount),
                }
            )
        return rows

    def vat(self) -> list[dict]:
        rows = []
        for item in self.invoice.vat_breakdown:
            name = L.vat_category_name(self.language, item.category)
            if item.category in {"S", "AA"} or (item.rate and item.rate > 0):
                label = f"{self.fmt.percent(item.rate)}"
            else:
                label = name
            reason = item.exemption_reason or ""
            rows.append(
                {
                    "label": label,
                    "category": name,
                    "reason": reason,
                    "base": self.fmt.amount(item.taxable_amount),
                    "amount": self.fmt.amount(item.tax_amount),
                }
            )
        return rows

    def totals(self) -> list[dict]:
        totals, lab, fmt, cur = self.invoice.totals, self.labels, self.fmt, self.currency
        if self.type == "delivery_note":
            return []
        if self.type == "statement":
            return [
                {"label": lab["balance"], "value": fmt.money(totals.payable, cur), "strong": True}
            ]
        rows = []
        has_document_level = bool(totals.allowance_total or totals.charge_total)
        if has_document_level:
            rows.append({"label": lab["line_total"], "value": fmt.amount(totals.line_net_total)})
            if totals.allowance_total:
                rows.append(
                    {
                        "label": lab["allowance_total"],
                        "value": "\u2212" + fmt.amount(totals.allowance_total),
                    }
                )
            if totals.charge_total:
                rows.append(
                    {"label": lab["charge_total"], "value": fmt.amount(totals.charge_total)}
                )
        rows.append(
            {"label": lab["total_without_vat"], "value": fmt.amount(totals.total_without_vat)}
        )
        rows.append(
            {"label": lab["vat_total"], "value": fmt.amount(totals.vat_total or Decimal(0))}
        )
        final_label = {
            "credit_note": lab["credited"],
            "quote": lab["quote_total"],
            "order_confirmation": lab["order_total"],
        }.get(self.type, lab["payable"])
        if self.type in PAYING_TYPES or self.type == "credit_note":
            rows.append(
                {"label": lab["total_with_vat"], "value": fmt.amount(totals.total_with_vat)}
            )
            if totals.prepaid:
                rows.append(
                    {"label": lab["prepaid"], "value": "\u2212" + fmt.amount(totals.prepaid)}
                )
            if totals.rounding:
                rows.append({"label": lab["rounding"], "value": fmt.amount(totals.rounding)})
            final_value = totals.payable
        else:
            final_value = totals.total_with_vat
        rows.append({"label": final_label, "value": fmt.money(final_value, cur), "strong": True})
        return rows

    # --- payment ---------------------------------------------------------------------------

    def payment(self) -> dict | None:
        inv, lab, fmt = self.invoice, self.labels, self.fmt
        payable = inv.totals.payable
        if self.type not in PAYING_TYPES or payable is None or payable <= 0:
            return None
        instruction = next(
            (item for item in inv.payment_instructions if item.account_id),
            inv.payment_instructions[0] if inv.payment_instructions else None,
        )
        rows: list[list[str]] = []
        account = instruction.account_id if instruction else None
        iban = _iban(account)
        if account:
            if iban:
                rows.append([lab["iban"], iban.formatted])
            else:
                rows.append([lab["account"], _format_account(account)])
        if instruction and instruction.service_provider_id:
            rows.append([lab["bic"], instruction.service_provider_id])
        reference = instruction.remittance_information if instruction else None
        if reference:
            is_kid = self.home_country == "NO" and reference.isdigit()
            rows.append([lab["kid"] if is_kid else lab["payment_reference"], reference])
        rows.append([lab["due_date"], fmt.date(inv.due_date)])
        rows.append([lab["amount"], fmt.money(payable, self.currency)])
        payee = inv.payee or inv.seller
        account_name = (instruction.account_name if instruction else None) or payee.name or ""
        if account_name and account_name != inv.seller.name:
            rows.insert(0, [lab["pay_to"], account_name])
        qr = None
        if iban and self.currency == "EUR" and payable <= Decimal("999999999.99"):
            qr = _epc_qr_svg(
                name=account_name or inv.seller.name or "",
                iban=iban.compact,
                bic=instruction.service_provider_id if instruction else None,
                amount=payable,
                reference=reference or inv.number or "",
            )
        return {"rows": [row for row in rows if row[1]], "qr": qr}

    # --- whole -----------------------------------------------------------------------------

    def intro(self) -> str:
        if self.type == "quote":
            return L.text_for(self.language, "quote", date=self.fmt.date(self.invoice.due_date))
        if self.type == "statement":
            return L.text_for(
                self.language, "statement", date=self.fmt.date(self.invoice.issue_date)
            )
        return L.text_for(self.language, self.type)

    def footer(self) -> list[list[str]]:
        seller = self.invoice.seller
        address = seller.address or en16931.Address()
        contact = seller.contact or en16931.Contact()
        first = _clean(
            seller.name, address.street, " ".join(_clean(address.postal_code, address.city))
        )
        second = _clean(
            f"{self.labels['org_number']} {seller.legal_registration_id.value}"
            if seller.legal_registration_id
            else "",
            f"{self.labels['vat_number']} {seller.vat_id}" if seller.vat_id else "",
            seller.legal_form,
        )
        third = _clean(
            f"{self.labels['phone']} {contact.telephone}" if contact.telephone else "",
            contact.email,
        )
        return [column for column in (first, second, third) if column]

    def build(self) -> dict:
        inv = self.invoice
        branding = self.request.branding
        window = branding.window_position if branding.window_position in WINDOWS_MM else "left"
        x, y, width, height = WINDOWS_MM[window]
        payment = self.payment()
        recipient = self.recipient()
        delivery = inv.delivery
        delivery_lines = []
        if delivery and delivery.address and self.type in {"delivery_note", "order_confirmation"}:
            delivery_lines = _clean(delivery.party_name) + self.address_lines(delivery.address)
        notes = list(inv.notes)
        if inv.payment_terms and self.type in PAYING_TYPES:
            notes.append(f"{self.labels['payment_terms']}: {inv.payment_terms}")
        exemptions = [
            f"{row.exemption_reason}"
            for row in inv.vat_breakdown
            if row.exemption_reason and row.category not in {"S"}
        ]
        return {
            "lang": self.language,
            "type": self.type,
            "title": self.labels["title"],
            "number": inv.number or "",
            "currency": self.currency,
            "labels": self.labels,
            "brand": {
                "primary": branding.primary_color,
                "accent": branding.accent_color,
                "footer": [line for line in branding.footer_text.splitlines() if line.strip()],
                "window": window,
                "window_mm": {"x": x, "y": y, "width": width, "height": height},
                "logo_ratio": (branding.logo.width / branding.logo.height) if branding.logo else 0,
            },
            "seller": self.party(inv.seller),
            "buyer": self.party(inv.buyer),
            "recipient": {
                "name": breakable(recipient["name"]),
                "lines": [breakable(line) for line in recipient["lines"]],
            },
            "return_address": self.return_address(),
            "meta": self.meta(),
            "intro": self.intro(),
            "lines": [self.line(line) for line in inv.lines],
            "allowances_charges": self.allowances_charges(),
            "vat": self.vat() if self.type != "delivery_note" else [],
            "totals": self.totals(),
            "payment": {"rows": payment["rows"]} if payment else None,
            "qr": payment["qr"] if payment else None,
            "delivery_address": delivery_lines,
            "notes": [breakable(note) for note in notes],
            "exemptions": exemptions,
            "footer": self.footer(),
            "is_received": False,
        }


def build_presentation(request: RenderRequest) -> dict:
    """The document as data for the templates, in the recipient's language."""
    return _Builder(request).build()


@dataclass(frozen=True)
class _Iban:
    compact: str
    formatted: str


def _iban(value: str | None) -> _Iban | None:
    if not value:
        return None
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        iban = IBAN(value)
    except (SchwiftyException, ValueError):
        return None
    return _Iban(compact=iban.compact, formatted=iban.formatted)


def _format_account(value: str) -> str:
    """Norwegian bank accounts read as 1234 56 78903; others as given."""
    digits = value.replace(" ", "").replace(".", "")
    if len(digits) == 11 and digits.isdigit():
        return f"{digits[:4]}\u00a0{digits[4:6]}\u00a0{digits[6:]}"
    return value


def _epc_qr_svg(
    *, name: str, iban: str, bic: str | None, amount: Decimal, reference: str
) -> str | None:
    """An EPC069-12 ("GiroCode") SEPA credit transfer QR code, as SVG text."""
    import io

    import segno
    from segno import helpers

    creditor_reference = reference if reference.upper().startswith("RF") else None
    try:
        qr = helpers.make_epc_qr(
            name=name[:70],
            iban=iban,
            amount=amount,
            reference=creditor_reference,
            text=None if creditor_reference else reference[:140] or None,
            bic=bic or None,
            encoding="utf-8",
        )
    except (ValueError, segno.DataOverflowError):
        return None
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", border=0, xmldecl=False, svgns=True, nl=False)
    return buffer.getvalue().decode("utf-8")
