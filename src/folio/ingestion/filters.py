"""Stop filters: evaluating a sender's or customer's data requirements on an EN 16931 model.

Each broken rule gives a `StopReason` with the rule's code, a machine-readable reason code and a
translatable message. Patterns are restricted before they are stored (`pattern_check`): Python's
`re` has no timeout, so a pattern may not nest repetitions, repeat alternatives, refer back or
look around, and holds at most three open-ended repetitions; values are capped at 200 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from stdnum import luhn

from folio.core.errors import ApplicationError
from folio.customers.models import Customer
from folio.ingestion.en16931 import Invoice
from folio.ingestion.models import KidAlgorithm, StopRule, StopRuleKind

try:  # Python 3.11 keeps the regex parser here.
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 100
MAX_VALUE_LENGTH = 200
MAX_OPEN_REPEATS = 3


@dataclass(frozen=True)
class Term:
    bt: str
    label: object
    read: Callable[[Invoice], str | None]


def _buyer_email(invoice: Invoice) -> str | None:
    return invoice.buyer.contact.email if invoice.buyer.contact else None


def _invoiced_object(invoice: Invoice) -> str | None:
    return invoice.invoiced_object_id.value if invoice.invoiced_object_id else None


# The business terms a rule (and a correction) can name, by a stable key.
TERMS: dict[str, Term] = {
    "buyer_reference": Term("BT-10", _("Buyer reference"), lambda i: i.buyer_reference),
    "project_reference": Term("BT-11", _("Project reference"), lambda i: i.project_reference),
    "contract_reference": Term("BT-12", _("Contract reference"), lambda i: i.contract_reference),
    "order_reference": Term("BT-13", _("Purchase order reference"), lambda i: i.order_reference),
    "sales_order_reference": Term(
        "BT-14", _("Sales order reference"), lambda i: i.sales_order_reference
    ),
    "invoiced_object": Term("BT-18", _("Invoiced object identifier"), _invoiced_object),
    "accounting_reference": Term(
        "BT-19", _("Buyer accounting reference"), lambda i: i.accounting_reference
    ),
    "payment_terms": Term("BT-20", _("Payment terms"), lambda i: i.payment_terms),
    "payment_id": Term("BT-83", _("Payment id (KID)"), lambda i: i.kid),
    "buyer_email": Term("BT-58", _("Buyer contact e-mail"), _buyer_email),
}


@dataclass(frozen=True)
class StopReason:
    rule: str  # the rule's public code
    code: str  # machine-readable: "missing_term", "pattern_mismatch", ...
    message: str
    term: str = ""
    notify_customer: bool = False

    def as_dict(self) -> dict:
        data = {"rule": self.rule, "code": self.code, "message": self.message}
        if self.term:
            data["term"] = self.term
        return data


@dataclass
class FilterContext:
    """What a rule may look at besides the document itself."""

    invoice: Invoice
    customer: Customer | None


class InvalidRuleError(ApplicationError):
    status = 422


REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _walk_pattern(items, depth_in_repeat: int, counts: dict) -> None:
    for op, arg in items:
        if op in REPEATS:
            _low, high, sub = arg
            if depth_in_repeat:
                raise InvalidRuleError(
                    "pattern_nested_repeat", _("A pattern may not repeat a repetition.")
                )
            if high == sre_constants.MAXREPEAT or high > 1000:
                counts["open"] += 1
            _walk_pattern(sub, depth_in_repeat + 1, counts)
        elif op == sre_constants.BRANCH:
            if depth_in_repeat:
                raise InvalidRuleError(
                    "pattern_repeated_alternative",
                    _("A pattern may not repeat a choice between alternatives."),
                )
            for branch in arg[1]:
                _walk_pattern(branch, depth_in_repeat, counts)
        elif op == sre_constants.SUBPATTERN:
            _walk_pattern(arg[-1], depth_in_repeat, counts)
        elif op in (
            sre_constants.GROUPREF,
            sre_constants.GROUPREF_EXISTS,
            sre_constants.ASSERT,
            sre_constants.ASSERT_NOT,
        ):
            raise InvalidRuleError(
                "pattern_unsupported",
                _("A pattern may not refer back to groups or look around."),
            )
        elif op == getattr(sre_constants, "ATOMIC_GROUP", None):
            _walk_pattern(arg, depth_in_repeat, counts)


def pattern_check(pattern: str) -> re.Pattern:
    """Compile a sender's pattern after checking that it cannot backtrack catastrophically."""
    if not pattern or len(pattern) > MAX_PATTERN_LENGTH:
        raise InvalidRuleError(
            "pattern_length",
            _("A pattern must have 1 to %(max)s characters.") % {"max": MAX_PATTERN_LENGTH},
        )
    try:
        parsed = sre_parse.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        raise InvalidRuleError(
            "pattern_invalid", _("The pattern is not valid: %(error)s") % {"error": exc}
        ) from exc
    counts = {"open": 0}
    _walk_pattern(parsed, 0, counts)
    if counts["open"] > MAX_OPEN_REPEATS:
        raise InvalidRuleError(
            "pattern_too_many_repeats",
            _("A pattern may hold at most %(max)s open-ended repetitions.")
            % {"max": MAX_OPEN_REPEATS},
        )
    return compiled


def kid_mod11_check_digit(base: str) -> str | None:
    """The Norwegian MOD11 check digit (weights 2..7 from the right); None when it would be 10
    (such a base cannot carry a MOD11 KID)."""
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(base)))
    digit = 11 - total % 11
    if digit == 11:
        return "0"
    if digit == 10:
        return None
    return str(digit)


def kid_valid(value: str, algorithm: str, length: int | None) -> bool:
    if not value or not value.isdigit() or len(value) < 2:
        return False
    if length and len(value) != length:
        return False
    if algorithm == KidAlgorithm.MOD10:
        return luhn.is_valid(value)
    return kid_mod11_check_digit(value[:-1]) == value[-1]


def rule_check(rule: StopRule) -> None:
    """Refuse a rule that is incomplete or unsafe before it is stored."""
    kind = StopRuleKind(rule.kind)
    if kind in (StopRuleKind.REQUIRED_TERM, StopRuleKind.TERM_PATTERN) and rule.term not in TERMS:
        raise InvalidRuleError(
            "unknown_term",
            _("Name one of these business terms: %(terms)s") % {"terms": ", ".join(TERMS)},
        )
    if kind == StopRuleKind.TERM_PATTERN:
        pattern_check(rule.pattern)
    if kind == StopRuleKind.VALID_KID:
        if rule.kid_algorithm not in KidAlgorithm.values:
            raise InvalidRuleError("kid_algorithm", _("Choose mod10 or mod11."))
        if rule.kid_length is not None and not 2 <= rule.kid_length <= 25:
            raise InvalidRuleError("kid_length", _("A KID has 2 to 25 digits."))
    if kind == StopRuleKind.AMOUNT_LIMIT:
        if rule.min_amount is None and rule.max_amount is None:
            raise InvalidRuleError("amount_limit", _("Give a minimum, a maximum or both."))
        if (
            rule.min_amount is not None
            and rule.max_amount is not None
            and rule.min_amount > rule.max_amount
        ):
            raise InvalidRuleError("amount_limit", _("The minimum is above the maximum."))
    currencies_valid = bool(rule.currencies) and all(
        isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in rule.currencies
    )
    if kind == StopRuleKind.ALLOWED_CURRENCIES and not currencies_valid:
        raise InvalidRuleError(
            "currencies", _("List one or more ISO 4217 currency codes (NOK, EUR).")
        )
    if kind == StopRuleKind.CHANNEL_REACHABLE and rule.channel not in CHANNEL_NEEDS:
        raise InvalidRuleError(
            "channel",
            _("Name one of these channels: %(channels)s") % {"channels": ", ".join(CHANNEL_NEEDS)},
        )


def _has(customer: Customer, *fields: str) -> bool:
    return all(getattr(customer, name) for name in fields)


# What "reachable" means at ingestion: the customer record holds the identifiers the channel
# addresses it by. Whether a registry (Peppol SMP, eFaktura, Kivra) lists the customer is asked
# when the document is routed, not here: ingestion never waits on a network.
CHANNEL_NEEDS: dict[str, Callable[[Customer], bool]] = {
    "email": lambda c: _has(c, "email"),
    "smartmail": lambda c: _has(c, "email"),
    "print": lambda c: _has(c, "address_line1", "postcode", "city", "country"),
    "portal": lambda c: _has(c, "portal_access"),
    "peppol": lambda c: _has(c, "peppol_id"),
    "efaktura_no": lambda c: _has(c, "national_id") or _has(c, "org_number"),
    "avtalegiro_no": lambda c: _has(c, "national_id"),
    "kivra_se": lambda c: _has(c, "national_id") or _has(c, "org_number"),
    "efaktura_se": lambda c: _has(c, "national_id"),
}


def _reason_text(rule: StopRule, default) -> str:
    return rule.reason or str(default)


def rule_evaluate(rule: StopRule, context: FilterContext) -> StopReason | None:
    """The reason this rule stops the document, or None when the document meets it."""
    invoice = context.invoice
    kind = rule.kind
    code = str(rule.code)

    def stop(reason_code: str, default, term: str = "") -> StopReason:
        return StopReason(
            rule=code,
            code=reason_code,
            message=_reason_text(rule, default),
            term=term,
            notify_customer=rule.notify_customer,
        )

    if kind == StopRuleKind.REQUIRED_TERM:
        term = TERMS[rule.term]
        if not (term.read(invoice) or "").strip():
            return stop(
                "missing_term",
                _("%(term)s (%(bt)s) is required.") % {"term": term.label, "bt": term.bt},
                rule.term,
            )
    elif kind == StopRuleKind.TERM_PATTERN:
        term = TERMS[rule.term]
        value = (term.read(invoice) or "").strip()
        if len(value) > MAX_VALUE_LENGTH or not pattern_check(rule.pattern).fullmatch(value):
            return stop(
                "pattern_mismatch",
                _("%(term)s (%(bt)s) must match %(pattern)s.")
                % {"term": term.label, "bt": term.bt, "pattern": rule.pattern},
                rule.term,
            )
    elif kind == StopRuleKind.VALID_KID:
        if not kid_valid((invoice.kid or "").strip(), rule.kid_algorithm, rule.kid_length):
            return stop(
                "invalid_kid",
                _("The payment id (BT-83) must be a valid %(algorithm)s KID%(length)s.")
                % {
                    "algorithm": KidAlgorithm(rule.kid_algorithm).label,
                    "length": _(" of %(n)s digits") % {"n": rule.kid_length}
                    if rule.kid_length
                    else "",
                },
                "payment_id",
            )
    elif kind == StopRuleKind.AMOUNT_LIMIT:
        amount = invoice.totals.payable or Decimal("0")
        if (rule.min_amount is not None and amount < rule.min_amount) or (
            rule.max_amount is not None and amount > rule.max_amount
        ):
            return stop(
                "amount_out_of_limits",
                _("The amount due (%(amount)s) is outside %(low)s to %(high)s.")
                % {
                    "amount": amount,
                    "low": rule.min_amount if rule.min_amount is not None else "-",
                    "high": rule.max_amount if rule.max_amount is not None else "-",
                },
            )
    elif kind == StopRuleKind.ALLOWED_CURRENCIES:
        if (invoice.currency or "") not in rule.currencies:
            return stop(
                "currency_not_allowed",
                _("The currency %(currency)s is not one of %(allowed)s.")
                % {"currency": invoice.currency, "allowed": ", ".join(rule.currencies)},
            )
    elif kind == StopRuleKind.PDF_ATTACHMENT:
        if not any(a.mime_code == "application/pdf" and a.content for a in invoice.attachments):
            return stop("pdf_missing", _("A PDF of the document must be attached (BG-24)."))
    elif kind == StopRuleKind.CHANNEL_REACHABLE:
        customer = context.customer
        if customer is None or not CHANNEL_NEEDS[rule.channel](customer):
            return stop(
                "recipient_unreachable",
                _("The customer lacks what %(channel)s needs to reach them.")
                % {"channel": rule.get_channel_display()},
            )
    return None


def filters_evaluate(rules: list[StopRule], context: FilterContext) -> list[StopReason]:
    reasons = []
    for rule in rules:
        reason = rule_evaluate(rule, context)
        if reason is not None:
            reasons.append(reason)
    return reasons
