"""UBL syntax restrictions (UBL-CR, UBL-SR, UBL-DT): mostly tables.

`FORBIDDEN` holds the "shall not be used" rules of the root context: each fires once when its
path exists. `AT_MOST_ONCE` holds the "shall occur maximum once" counts. Paths are compiled
once into lookups on the document index (elements by tag), so the ~700 table rules cost a few
dictionary lookups each, not a tree scan each. The irregular rules follow the tables.
"""

from __future__ import annotations

from lxml import etree

from folio.ingestion.validation.native.contexts_cen import (
    SYNTAX_ADDITIONAL_DOCUMENT,
    SYNTAX_ADDRESS,
    SYNTAX_ALLOWANCE,
    SYNTAX_AMOUNT,
    SYNTAX_BILLING_REFERENCE,
    SYNTAX_BINARY_OBJECT,
    SYNTAX_CHARGE,
    SYNTAX_DELIVERY,
    SYNTAX_LINE,
    SYNTAX_PARTY_TAX_SCHEME,
    SYNTAX_PAYMENT_MEANS,
    SYNTAX_ROOT,
    SYNTAX_SELLER_PARTY,
    SYNTAX_TAX_REPRESENTATIVE,
    SYNTAX_TAX_SUBTOTAL,
)
from folio.ingestion.validation.native.document import CREDIT_NOTE, Document, clark
from folio.ingestion.validation.native.registry import FATAL, WARNING, Context, assertion
from folio.ingestion.validation.native.xpath_values import (
    children,
    children_by_tag,
    exists,
    string_value,
)


def _step_tags(step: str) -> frozenset[str]:
    """ "cac:Item" or "(cac:InvoiceLine|cac:CreditNoteLine)" -> the Clark tags it allows."""
    return frozenset(clark(name) for name in step.strip("()").split("|"))


class _PathRule:
    """`exists(path)` for one table rule, from the document element.

    Supports what the tables use: child steps, `(a|b)` alternatives, a leading `//`
    (descendant anywhere) and a final `@attribute`.
    """

    def __init__(self, rule_id: str, path: str):
        self.rule_id = rule_id
        self.descendant = path.startswith("//")
        steps = path.lstrip("/").split("/")
        self.attribute = steps.pop()[1:] if steps[-1].startswith("@") else None
        tags = [_step_tags(step) for step in steps]
        self.last: frozenset[str] = tags[-1] if tags else frozenset()
        self.parents = tags[:-1]

    def matches(self, element, document: Document) -> bool:
        if self.attribute is not None and element.get(self.attribute) is None:
            return False
        node = element
        for allowed in reversed(self.parents):
            node = node.getparent()
            if node is None or node.tag not in allowed:
                return False
        return self.descendant or node.getparent() is document.root

    def matches_path(self, path: tuple[str, ...]) -> bool:
        """For a `//` rule: whether elements at this tag path (root tag first) match, up to
        the attribute test. The parents must be elements of the path, the root included."""
        parents = self.parents
        if len(path) < len(parents) + 1:
            return False
        offset = len(path) - 1 - len(parents)
        return all(path[offset + i] in allowed for i, allowed in enumerate(parents))


def _attribute_names(document: Document) -> set[str]:
    """The names of every attribute in the document, for the `//@name` table rules: asking
    each element for its keys is ~10x cheaper than one libxml2 `//@*[name() = ...]` query."""
    names: set[str] = set()
    for element in document.elements:
        keys = element.keys()
        if keys:
            names.update(keys)
    return names


def _count(element, steps: list[frozenset[str]]) -> int:
    """count(path) from a node, where steps may be `(a|b)` alternatives; read off the
    children-by-tag index (only the number matters, not the order)."""
    current = [element]
    for allowed in steps:
        found = []
        for node in current:
            kids = children_by_tag(node)
            for tag in allowed:
                matching = kids.get(tag)
                if matching:
                    found.extend(matching)
        if not found:
            return 0
        current = found
    return len(current)


# Rules below the document element, by the exact tag path (alternatives expanded); the few
# `//` rules by their last tag; `//@name` rules by attribute.
_BY_PATH: dict[tuple[str, ...], list[tuple[str, str | None]]] = {}
_BY_LAST_TAG: dict[str, list[_PathRule]] = {}
_ANY_ATTRIBUTE: list[_PathRule] = []
_FORBIDDEN_IDS: list[str] = []


# tag path (root tag first) -> the FORBIDDEN rules it makes fire, as (rule id, attribute or
# None): worked out once per distinct path and kept across documents (ERP output repeats the
# same few hundred paths), so a document costs one lookup per distinct path.
_HITS_OF_PATH: dict[tuple[str, ...], tuple[tuple[str, str | None], ...]] = {}
_HITS_MAX_PATHS = 50_000
_hits_rules = 0


def _path_hits(path: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    hits = list(_BY_PATH.get(path[1:], ()))
    for path_rule in _BY_LAST_TAG.get(path[-1], ()):
        if path_rule.matches_path(path):
            hits.append((path_rule.rule_id, path_rule.attribute))
    return tuple(hits)


def forbidden_present(document: Document) -> frozenset[str]:
    """The ids of every FORBIDDEN rule whose path exists: one lookup per distinct tag path."""
    global _hits_rules
    cached = document.__dict__.get("_forbidden_present")
    if cached is not None:
        return cached
    if _hits_rules != len(_FORBIDDEN_IDS) or len(_HITS_OF_PATH) > _HITS_MAX_PATHS:
        _HITS_OF_PATH.clear()  # rules were added since (tests), or odd documents by the thousand
        _hits_rules = len(_FORBIDDEN_IDS)
    present = set()
    for path, elements in document.paths.items():
        hits = _HITS_OF_PATH.get(path)
        if hits is None:
            hits = _HITS_OF_PATH[path] = _path_hits(path)
        for rule_id, attribute in hits:
            if attribute is None or any(e.get(attribute) is not None for e in elements):
                present.add(rule_id)
    if _ANY_ATTRIBUTE:
        attributes = _attribute_names(document)
        present.update(r.rule_id for r in _ANY_ATTRIBUTE if r.attribute in attributes)
    cached = frozenset(present)
    document.__dict__["_forbidden_present"] = cached
    return cached


def _expanded(steps: list[frozenset[str]]) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = [()]
    for allowed in steps:
        paths = [(*path, tag) for path in paths for tag in sorted(allowed)]
    return paths


def _register_forbidden(rule_id: str, severity: str, path: str, message: str) -> None:
    _FORBIDDEN_IDS.append(rule_id)
    path_rule = _PathRule(rule_id, path)
    if not path_rule.last:
        _ANY_ATTRIBUTE.append(path_rule)
    elif path_rule.descendant:
        for tag in path_rule.last:
            _BY_LAST_TAG.setdefault(tag, []).append(path_rule)
    else:
        for tags in _expanded([*path_rule.parents, path_rule.last]):
            _BY_PATH.setdefault(tags, []).append((rule_id, path_rule.attribute))
    assertion(SYNTAX_ROOT, rule_id, severity, message, group=_forbidden_group)(
        lambda node, doc: rule_id not in forbidden_present(doc)
    )


def _forbidden_group(node, doc) -> frozenset[str]:
    return forbidden_present(doc)


def _register_at_most_once(
    context: Context, rule_id: str, severity: str, path: str, message: str
) -> None:
    steps = [_step_tags(step) for step in path.split("/")]
    if len(steps) == 1 and len(steps[0]) == 1:  # most: one child tag, read off the index
        (tag,) = steps[0]

        def check(node, doc) -> bool:
            return len(children_by_tag(node).get(tag, ())) <= 1

    else:

        def check(node, doc) -> bool:
            return _count(node, steps) <= 1

    assertion(context, rule_id, severity, message)(check)


FORBIDDEN: list[tuple[str, str, str, str]] = [
    # (rule id, severity, path that shall not exist, from the document element, message)
    (
        "UBL-CR-001",
        WARNING,
        "ext:UBLExtensions",
        "[UBL-CR-001]-A UBL invoice should not include extensions",
    ),
    (
        "UBL-CR-003",
        WARNING,
        "cbc:ProfileExecutionID",
        "[UBL-CR-003]-A UBL invoice should not include the ProfileExecutionID",
    ),
    (
        "UBL-CR-004",
        WARNING,
        "cbc:CopyIndicator",
        "[UBL-CR-004]-A UBL invoice should not include the CopyIndicator",
    ),
    (
        "UBL-CR-005",
        WARNING,
        "cbc:UUID",
        "[UBL-CR-005]-A UBL invoice should not include the UUID",
    ),
    (
        "UBL-CR-006",
        WARNING,
        "cbc:IssueTime",
        "[UBL-CR-006]-A UBL invoice should not include the IssueTime",
    ),
    (
        "UBL-CR-007",
        WARNING,
        "cbc:PricingCurrencyCode",
        "[UBL-CR-007]-A UBL invoice should not include the PricingCurrencyCode",
    ),
    (
        "UBL-CR-008",
        WARNING,
        "cbc:PaymentCurrencyCode",
        "[UBL-CR-008]-A UBL invoice should not include the PaymentCurrencyCode",
    ),
    (
        "UBL-CR-009",
        WARNING,
        "cbc:PaymentAlternativeCurrencyCode",
        "[UBL-CR-009]-A UBL invoice should not include the PaymentAlternativeCurrencyCode",
    ),
    (
        "UBL-CR-010",
        WARNING,
        "cbc:AccountingCostCode",
        "[UBL-CR-010]-A UBL invoice should not include the AccountingCostCode",
    ),
    (
        "UBL-CR-011",
        WARNING,
        "cbc:LineCountNumeric",
        "[UBL-CR-011]-A UBL invoice should not include the LineCountNumeric",
    ),
    (
        "UBL-CR-012",
        WARNING,
        "cac:InvoicePeriod/cbc:StartTime",
        "[UBL-CR-012]-A UBL invoice should not include the InvoicePeriod StartTime",
    ),
    (
        "UBL-CR-013",
        WARNING,
        "cac:InvoicePeriod/cbc:EndTime",
        "[UBL-CR-013]-A UBL invoice should not include the InvoicePeriod EndTime",
    ),
    (
        "UBL-CR-014",
        WARNING,
        "cac:InvoicePeriod/cbc:DurationMeasure",
        "[UBL-CR-014]-A UBL invoice should not include the InvoicePeriod DurationMeasure",
    ),
    (
        "UBL-CR-015",
        WARNING,
        "cac:InvoicePeriod/cbc:Description",
        "[UBL-CR-015]-A UBL invoice should not include the InvoicePeriod Description",
    ),
    (
        "UBL-CR-016",
        WARNING,
        "cac:OrderReference/cbc:CopyIndicator",
        "[UBL-CR-016]-A UBL invoice should not include the OrderReference CopyIndicator",
    ),
    (
        "UBL-CR-017",
        WARNING,
        "cac:OrderReference/cbc:UUID",
        "[UBL-CR-017]-A UBL invoice should not include the OrderReference UUID",
    ),
    (
        "UBL-CR-018",
        WARNING,
        "cac:OrderReference/cbc:IssueDate",
        "[UBL-CR-018]-A UBL invoice should not include the OrderReference IssueDate",
    ),
    (
        "UBL-CR-019",
        WARNING,
        "cac:OrderReference/cbc:IssueTime",
        "[UBL-CR-019]-A UBL invoice should not include the OrderReference IssueTime",
    ),
    (
        "UBL-CR-020",
        WARNING,
        "cac:OrderReference/cbc:CustomerReference",
        "[UBL-CR-020]-A UBL invoice should not include the OrderReference CustomerReference",
    ),
    (
        "UBL-CR-021",
        WARNING,
        "cac:OrderReference/cbc:OrderTypeCode",
        "[UBL-CR-021]-A UBL invoice should not include the OrderReference OrderTypeCode",
    ),
    (
        "UBL-CR-022",
        WARNING,
        "cac:OrderReference/cac:DocumentReference",
        "[UBL-CR-022]-A UBL invoice should not include the OrderReference DocumentReference",
    ),
    (
        "UBL-CR-023",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:CopyIndicator",
        "[UBL-CR-023]-A UBL invoice should not include the BillingReference CopyIndicator",
    ),
    (
        "UBL-CR-024",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:UUID",
        "[UBL-CR-024]-A UBL invoice should not include the BillingReference UUID",
    ),
    (
        "UBL-CR-025",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueTime",
        "[UBL-CR-025]-A UBL invoice should not include the BillingReference IssueTime",
    ),
    (
        "UBL-CR-026",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentTypeCode",
        "[UBL-CR-026]-A UBL invoice should not include the BillingReference DocumentTypeCode",
    ),
    (
        "UBL-CR-027",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentType",
        "[UBL-CR-027]-A UBL invoice should not include the BillingReference DocumentType",
    ),
    (
        "UBL-CR-028",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:XPath",
        "[UBL-CR-028]-A UBL invoice should not include the BillingReference Xpath",
    ),
    (
        "UBL-CR-029",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LanguageID",
        "[UBL-CR-029]-A UBL invoice should not include the BillingReference LanguageID",
    ),
    (
        "UBL-CR-030",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LocaleCode",
        "[UBL-CR-030]-A UBL invoice should not include the BillingReference LocaleCode",
    ),
    (
        "UBL-CR-031",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:VersionID",
        "[UBL-CR-031]-A UBL invoice should not include the BillingReference VersionID",
    ),
    (
        "UBL-CR-032",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentStatusCode",
        "[UBL-CR-032]-A UBL invoice should not include the BillingReference DocumentStatusCode",
    ),
    (
        "UBL-CR-033",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentDescription",
        "[UBL-CR-033]-A UBL invoice should not include the BillingReference DocumenDescription",
    ),
    (
        "UBL-CR-034",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cac:Attachment",
        "[UBL-CR-034]-A UBL invoice should not include the BillingReference Attachment",
    ),
    (
        "UBL-CR-035",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cac:ValidityPeriod",
        "[UBL-CR-035]-A UBL invoice should not include the BillingReference ValidityPeriod",
    ),
    (
        "UBL-CR-036",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cac:IssuerParty",
        "[UBL-CR-036]-A UBL invoice should not include the BillingReference IssuerParty",
    ),
    (
        "UBL-CR-037",
        WARNING,
        "cac:BillingReference/cac:InvoiceDocumentReference/cac:ResultOfVerification",
        ("[UBL-CR-037]-A UBL invoice should not include the BillingReference ResultOfVerification"),
    ),
    (
        "UBL-CR-038",
        WARNING,
        "cac:BillingReference/cac:SelfBilledInvoiceDocumentReference",
        (
            "[UBL-CR-038]-A UBL invoice should not include the BillingReference "
            "SelfBilledInvoiceDocumentReference"
        ),
    ),
    (
        "UBL-CR-039",
        WARNING,
        "cac:BillingReference/cac:CreditNoteDocumentReference",
        (
            "[UBL-CR-039]-A UBL invoice should not include the BillingReference "
            "CreditNoteDocumentReference"
        ),
    ),
    (
        "UBL-CR-040",
        WARNING,
        "cac:BillingReference/cac:SelfBilledCreditNoteDocumentReference",
        (
            "[UBL-CR-040]-A UBL invoice should not include the BillingReference "
            "SelfBilledCreditNoteDocumentReference"
        ),
    ),
    (
        "UBL-CR-041",
        WARNING,
        "cac:BillingReference/cac:DebitNoteDocumentReference",
        (
            "[UBL-CR-041]-A UBL invoice should not include the BillingReference "
            "DebitNoteDocumentReference"
        ),
    ),
    (
        "UBL-CR-042",
        WARNING,
        "cac:BillingReference/cac:ReminderDocumentReference",
        (
            "[UBL-CR-042]-A UBL invoice should not include the BillingReference "
            "ReminderDocumentReference"
        ),
    ),
    (
        "UBL-CR-043",
        WARNING,
        "cac:BillingReference/cac:AdditionalDocumentReference",
        (
            "[UBL-CR-043]-A UBL invoice should not include the BillingReference "
            "AdditionalDocumentReference"
        ),
    ),
    (
        "UBL-CR-044",
        WARNING,
        "cac:BillingReference/cac:BillingReferenceLine",
        ("[UBL-CR-044]-A UBL invoice should not include the BillingReference BillingReferenceLine"),
    ),
    (
        "UBL-CR-045",
        WARNING,
        "cac:DespatchDocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-045]-A UBL invoice should not include the DespatchDocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-046",
        WARNING,
        "cac:DespatchDocumentReference/cbc:UUID",
        "[UBL-CR-046]-A UBL invoice should not include the DespatchDocumentReference UUID",
    ),
    (
        "UBL-CR-047",
        WARNING,
        "cac:DespatchDocumentReference/cbc:IssueDate",
        "[UBL-CR-047]-A UBL invoice should not include the DespatchDocumentReference IssueDate",
    ),
    (
        "UBL-CR-048",
        WARNING,
        "cac:DespatchDocumentReference/cbc:IssueTime",
        "[UBL-CR-048]-A UBL invoice should not include the DespatchDocumentReference IssueTime",
    ),
    (
        "UBL-CR-049",
        WARNING,
        "cac:DespatchDocumentReference/cbc:DocumentTypeCode",
        (
            "[UBL-CR-049]-A UBL invoice should not include the DespatchDocumentReference "
            "DocumentTypeCode"
        ),
    ),
    (
        "UBL-CR-050",
        WARNING,
        "cac:DespatchDocumentReference/cbc:DocumentType",
        (
            "[UBL-CR-050]-A UBL invoice should not include the DespatchDocumentReference "
            "DocumentType"
        ),
    ),
    (
        "UBL-CR-051",
        WARNING,
        "cac:DespatchDocumentReference/cbc:XPath",
        "[UBL-CR-051]-A UBL invoice should not include the DespatchDocumentReference Xpath",
    ),
    (
        "UBL-CR-052",
        WARNING,
        "cac:DespatchDocumentReference/cbc:LanguageID",
        "[UBL-CR-052]-A UBL invoice should not include the DespatchDocumentReference LanguageID",
    ),
    (
        "UBL-CR-053",
        WARNING,
        "cac:DespatchDocumentReference/cbc:LocaleCode",
        "[UBL-CR-053]-A UBL invoice should not include the DespatchDocumentReference LocaleCode",
    ),
    (
        "UBL-CR-054",
        WARNING,
        "cac:DespatchDocumentReference/cbc:VersionID",
        "[UBL-CR-054]-A UBL invoice should not include the DespatchDocumentReference VersionID",
    ),
    (
        "UBL-CR-055",
        WARNING,
        "cac:DespatchDocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-055]-A UBL invoice should not include the DespatchDocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-056",
        WARNING,
        "cac:DespatchDocumentReference/cbc:DocumentDescription",
        (
            "[UBL-CR-056]-A UBL invoice should not include the DespatchDocumentReference "
            "DocumentDescription"
        ),
    ),
    (
        "UBL-CR-057",
        WARNING,
        "cac:DespatchDocumentReference/cac:Attachment",
        "[UBL-CR-057]-A UBL invoice should not include the DespatchDocumentReference Attachment",
    ),
    (
        "UBL-CR-058",
        WARNING,
        "cac:DespatchDocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-058]-A UBL invoice should not include the DespatchDocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-059",
        WARNING,
        "cac:DespatchDocumentReference/cac:IssuerParty",
        ("[UBL-CR-059]-A UBL invoice should not include the DespatchDocumentReference IssuerParty"),
    ),
    (
        "UBL-CR-060",
        WARNING,
        "cac:DespatchDocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-060]-A UBL invoice should not include the DespatchDocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-061",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-061]-A UBL invoice should not include the ReceiptDocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-062",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:UUID",
        "[UBL-CR-062]-A UBL invoice should not include the ReceiptDocumentReference UUID",
    ),
    (
        "UBL-CR-063",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:IssueDate",
        "[UBL-CR-063]-A UBL invoice should not include the ReceiptDocumentReference IssueDate",
    ),
    (
        "UBL-CR-064",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:IssueTime",
        "[UBL-CR-064]-A UBL invoice should not include the ReceiptDocumentReference IssueTime",
    ),
    (
        "UBL-CR-065",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:DocumentTypeCode",
        (
            "[UBL-CR-065]-A UBL invoice should not include the ReceiptDocumentReference "
            "DocumentTypeCode"
        ),
    ),
    (
        "UBL-CR-066",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:DocumentType",
        ("[UBL-CR-066]-A UBL invoice should not include the ReceiptDocumentReference DocumentType"),
    ),
    (
        "UBL-CR-067",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:XPath",
        "[UBL-CR-067]-A UBL invoice should not include the ReceiptDocumentReference Xpath",
    ),
    (
        "UBL-CR-068",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:LanguageID",
        "[UBL-CR-068]-A UBL invoice should not include the ReceiptDocumentReference LanguageID",
    ),
    (
        "UBL-CR-069",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:LocaleCode",
        "[UBL-CR-069]-A UBL invoice should not include the ReceiptDocumentReference LocaleCode",
    ),
    (
        "UBL-CR-070",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:VersionID",
        "[UBL-CR-070]-A UBL invoice should not include the ReceiptDocumentReference VersionID",
    ),
    (
        "UBL-CR-071",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-071]-A UBL invoice should not include the ReceiptDocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-072",
        WARNING,
        "cac:ReceiptDocumentReference/cbc:DocumentDescription",
        (
            "[UBL-CR-072]-A UBL invoice should not include the ReceiptDocumentReference "
            "DocumentDescription"
        ),
    ),
    (
        "UBL-CR-073",
        WARNING,
        "cac:ReceiptDocumentReference/cac:Attachment",
        "[UBL-CR-073]-A UBL invoice should not include the ReceiptDocumentReference Attachment",
    ),
    (
        "UBL-CR-074",
        WARNING,
        "cac:ReceiptDocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-074]-A UBL invoice should not include the ReceiptDocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-075",
        WARNING,
        "cac:ReceiptDocumentReference/cac:IssuerParty",
        "[UBL-CR-075]-A UBL invoice should not include the ReceiptDocumentReference IssuerParty",
    ),
    (
        "UBL-CR-076",
        WARNING,
        "cac:ReceiptDocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-076]-A UBL invoice should not include the ReceiptDocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-077",
        WARNING,
        "cac:StatementDocumentReference",
        "[UBL-CR-077]-A UBL invoice should not include the StatementDocumentReference",
    ),
    (
        "UBL-CR-078",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-078]-A UBL invoice should not include the OriginatorDocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-079",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:UUID",
        "[UBL-CR-079]-A UBL invoice should not include the OriginatorDocumentReference UUID",
    ),
    (
        "UBL-CR-080",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:IssueDate",
        ("[UBL-CR-080]-A UBL invoice should not include the OriginatorDocumentReference IssueDate"),
    ),
    (
        "UBL-CR-081",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:IssueTime",
        ("[UBL-CR-081]-A UBL invoice should not include the OriginatorDocumentReference IssueTime"),
    ),
    (
        "UBL-CR-082",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:DocumentTypeCode",
        (
            "[UBL-CR-082]-A UBL invoice should not include the OriginatorDocumentReference "
            "DocumentTypeCode"
        ),
    ),
    (
        "UBL-CR-083",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:DocumentType",
        (
            "[UBL-CR-083]-A UBL invoice should not include the OriginatorDocumentReference "
            "DocumentType"
        ),
    ),
    (
        "UBL-CR-084",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:XPath",
        "[UBL-CR-084]-A UBL invoice should not include the OriginatorDocumentReference Xpath",
    ),
    (
        "UBL-CR-085",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:LanguageID",
        (
            "[UBL-CR-085]-A UBL invoice should not include the OriginatorDocumentReference "
            "LanguageID"
        ),
    ),
    (
        "UBL-CR-086",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:LocaleCode",
        (
            "[UBL-CR-086]-A UBL invoice should not include the OriginatorDocumentReference "
            "LocaleCode"
        ),
    ),
    (
        "UBL-CR-087",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:VersionID",
        ("[UBL-CR-087]-A UBL invoice should not include the OriginatorDocumentReference VersionID"),
    ),
    (
        "UBL-CR-088",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-088]-A UBL invoice should not include the OriginatorDocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-089",
        WARNING,
        "cac:OriginatorDocumentReference/cbc:DocumentDescription",
        (
            "[UBL-CR-089]-A UBL invoice should not include the OriginatorDocumentReference "
            "DocumentDescription"
        ),
    ),
    (
        "UBL-CR-090",
        WARNING,
        "cac:OriginatorDocumentReference/cac:Attachment",
        (
            "[UBL-CR-090]-A UBL invoice should not include the OriginatorDocumentReference "
            "Attachment"
        ),
    ),
    (
        "UBL-CR-091",
        WARNING,
        "cac:OriginatorDocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-091]-A UBL invoice should not include the OriginatorDocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-092",
        WARNING,
        "cac:OriginatorDocumentReference/cac:IssuerParty",
        (
            "[UBL-CR-092]-A UBL invoice should not include the OriginatorDocumentReference "
            "IssuerParty"
        ),
    ),
    (
        "UBL-CR-093",
        WARNING,
        "cac:OriginatorDocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-093]-A UBL invoice should not include the OriginatorDocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-094",
        WARNING,
        "cac:ContractDocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-094]-A UBL invoice should not include the ContractDocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-095",
        WARNING,
        "cac:ContractDocumentReference/cbc:UUID",
        "[UBL-CR-095]-A UBL invoice should not include the ContractDocumentReference UUID",
    ),
    (
        "UBL-CR-096",
        WARNING,
        "cac:ContractDocumentReference/cbc:IssueDate",
        "[UBL-CR-096]-A UBL invoice should not include the ContractDocumentReference IssueDate",
    ),
    (
        "UBL-CR-097",
        WARNING,
        "cac:ContractDocumentReference/cbc:IssueTime",
        "[UBL-CR-097]-A UBL invoice should not include the ContractDocumentReference IssueTime",
    ),
    (
        "UBL-CR-098",
        WARNING,
        "cac:ContractDocumentReference/cbc:DocumentTypeCode",
        (
            "[UBL-CR-098]-A UBL invoice should not include the ContractDocumentReference "
            "DocumentTypeCode"
        ),
    ),
    (
        "UBL-CR-099",
        WARNING,
        "cac:ContractDocumentReference/cbc:DocumentType",
        (
            "[UBL-CR-099]-A UBL invoice should not include the ContractDocumentReference "
            "DocumentType"
        ),
    ),
    (
        "UBL-CR-100",
        WARNING,
        "cac:ContractDocumentReference/cbc:XPath",
        "[UBL-CR-100]-A UBL invoice should not include the ContractDocumentReference Xpath",
    ),
    (
        "UBL-CR-101",
        WARNING,
        "cac:ContractDocumentReference/cbc:LanguageID",
        "[UBL-CR-101]-A UBL invoice should not include the ContractDocumentReference LanguageID",
    ),
    (
        "UBL-CR-102",
        WARNING,
        "cac:ContractDocumentReference/cbc:LocaleCode",
        "[UBL-CR-102]-A UBL invoice should not include the ContractDocumentReference LocaleCode",
    ),
    (
        "UBL-CR-103",
        WARNING,
        "cac:ContractDocumentReference/cbc:VersionID",
        "[UBL-CR-103]-A UBL invoice should not include the ContractDocumentReference VersionID",
    ),
    (
        "UBL-CR-104",
        WARNING,
        "cac:ContractDocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-104]-A UBL invoice should not include the ContractDocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-105",
        WARNING,
        "cac:ContractDocumentReference/cbc:DocumentDescription",
        (
            "[UBL-CR-105]-A UBL invoice should not include the ContractDocumentReference "
            "DocumentDescription"
        ),
    ),
    (
        "UBL-CR-106",
        WARNING,
        "cac:ContractDocumentReference/cac:Attachment",
        "[UBL-CR-106]-A UBL invoice should not include the ContractDocumentReference Attachment",
    ),
    (
        "UBL-CR-107",
        WARNING,
        "cac:ContractDocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-107]-A UBL invoice should not include the ContractDocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-108",
        WARNING,
        "cac:ContractDocumentReference/cac:IssuerParty",
        ("[UBL-CR-108]-A UBL invoice should not include the ContractDocumentReference IssuerParty"),
    ),
    (
        "UBL-CR-109",
        WARNING,
        "cac:ContractDocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-109]-A UBL invoice should not include the ContractDocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-110",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-110]-A UBL invoice should not include the AdditionalDocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-111",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:UUID",
        "[UBL-CR-111]-A UBL invoice should not include the AdditionalDocumentReference UUID",
    ),
    (
        "UBL-CR-112",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:IssueDate",
        ("[UBL-CR-112]-A UBL invoice should not include the AdditionalDocumentReference IssueDate"),
    ),
    (
        "UBL-CR-113",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:IssueTime",
        ("[UBL-CR-113]-A UBL invoice should not include the AdditionalDocumentReference IssueTime"),
    ),
    (
        "UBL-CR-114",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:DocumentType",
        (
            "[UBL-CR-114]-A UBL invoice should not include the AdditionalDocumentReference "
            "DocumentType"
        ),
    ),
    (
        "UBL-CR-115",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:XPath",
        "[UBL-CR-115]-A UBL invoice should not include the AdditionalDocumentReference Xpath",
    ),
    (
        "UBL-CR-116",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:LanguageID",
        (
            "[UBL-CR-116]-A UBL invoice should not include the AdditionalDocumentReference "
            "LanguageID"
        ),
    ),
    (
        "UBL-CR-117",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:LocaleCode",
        (
            "[UBL-CR-117]-A UBL invoice should not include the AdditionalDocumentReference "
            "LocaleCode"
        ),
    ),
    (
        "UBL-CR-118",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:VersionID",
        ("[UBL-CR-118]-A UBL invoice should not include the AdditionalDocumentReference VersionID"),
    ),
    (
        "UBL-CR-119",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-119]-A UBL invoice should not include the AdditionalDocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-121",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:DocumentHash",
        (
            "[UBL-CR-121]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External DocumentHash"
        ),
    ),
    (
        "UBL-CR-122",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:HashAlgorithmMethod",
        (
            "[UBL-CR-122]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External HashAlgorithmMethod"
        ),
    ),
    (
        "UBL-CR-123",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryDate",
        (
            "[UBL-CR-123]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External ExpiryDate"
        ),
    ),
    (
        "UBL-CR-124",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:ExpiryTime",
        (
            "[UBL-CR-124]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External ExpiryTime"
        ),
    ),
    (
        "UBL-CR-125",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:MimeCode",
        (
            "[UBL-CR-125]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External MimeCode"
        ),
    ),
    (
        "UBL-CR-126",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FormatCode",
        (
            "[UBL-CR-126]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External FormatCode"
        ),
    ),
    (
        "UBL-CR-127",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:EncodingCode",
        (
            "[UBL-CR-127]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External EncodingCode"
        ),
    ),
    (
        "UBL-CR-128",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:CharacterSetCode",
        (
            "[UBL-CR-128]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External CharacterSetCode"
        ),
    ),
    (
        "UBL-CR-129",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:FileName",
        (
            "[UBL-CR-129]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External FileName"
        ),
    ),
    (
        "UBL-CR-130",
        WARNING,
        "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference/cbc:Description",
        (
            "[UBL-CR-130]-A UBL invoice should not include the AdditionalDocumentReference "
            "Attachment External Descriprion"
        ),
    ),
    (
        "UBL-CR-131",
        WARNING,
        "cac:AdditionalDocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-131]-A UBL invoice should not include the AdditionalDocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-132",
        WARNING,
        "cac:AdditionalDocumentReference/cac:IssuerParty",
        (
            "[UBL-CR-132]-A UBL invoice should not include the AdditionalDocumentReference "
            "IssuerParty"
        ),
    ),
    (
        "UBL-CR-133",
        WARNING,
        "cac:AdditionalDocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-133]-A UBL invoice should not include the AdditionalDocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-134",
        WARNING,
        "cac:ProjectReference/cbc:UUID",
        "[UBL-CR-134]-A UBL invoice should not include the ProjectReference UUID",
    ),
    (
        "UBL-CR-135",
        WARNING,
        "cac:ProjectReference/cbc:IssueDate",
        "[UBL-CR-135]-A UBL invoice should not include the ProjectReference IssueDate",
    ),
    (
        "UBL-CR-136",
        WARNING,
        "cac:ProjectReference/cac:WorkPhaseReference",
        "[UBL-CR-136]-A UBL invoice should not include the ProjectReference WorkPhaseReference",
    ),
    (
        "UBL-CR-137",
        WARNING,
        "cac:Signature",
        "[UBL-CR-137]-A UBL invoice should not include the Signature",
    ),
    (
        "UBL-CR-138",
        WARNING,
        "cac:AccountingSupplierParty/cbc:CustomerAssignedAccountID",
        (
            "[UBL-CR-138]-A UBL invoice should not include the AccountingSupplierParty "
            "CustomerAssignedAccountID"
        ),
    ),
    (
        "UBL-CR-139",
        WARNING,
        "cac:AccountingSupplierParty/cbc:AdditionalAccountID",
        (
            "[UBL-CR-139]-A UBL invoice should not include the AccountingSupplierParty "
            "AdditionalAccountID"
        ),
    ),
    (
        "UBL-CR-140",
        WARNING,
        "cac:AccountingSupplierParty/cbc:DataSendingCapability",
        (
            "[UBL-CR-140]-A UBL invoice should not include the AccountingSupplierParty "
            "DataSendingCapability"
        ),
    ),
    (
        "UBL-CR-141",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cbc:MarkCareIndicator",
        (
            "[UBL-CR-141]-A UBL invoice should not include the AccountingSupplierParty Party "
            "MarkCareIndicator"
        ),
    ),
    (
        "UBL-CR-142",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cbc:MarkAttentionIndicator",
        (
            "[UBL-CR-142]-A UBL invoice should not include the AccountingSupplierParty Party "
            "MarkAttentionIndicator"
        ),
    ),
    (
        "UBL-CR-143",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI",
        (
            "[UBL-CR-143]-A UBL invoice should not include the AccountingSupplierParty Party "
            "WebsiteURI"
        ),
    ),
    (
        "UBL-CR-144",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cbc:LogoReferenceID",
        (
            "[UBL-CR-144]-A UBL invoice should not include the AccountingSupplierParty Party "
            "LogoReferenceID"
        ),
    ),
    (
        "UBL-CR-145",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cbc:IndustryClassificationCode",
        (
            "[UBL-CR-145]-A UBL invoice should not include the AccountingSupplierParty Party "
            "IndustryClassificationCode"
        ),
    ),
    (
        "UBL-CR-146",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Language",
        (
            "[UBL-CR-146]-A UBL invoice should not include the AccountingSupplierParty Party "
            "Language"
        ),
    ),
    (
        "UBL-CR-147",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:ID",
        (
            "[UBL-CR-147]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress ID"
        ),
    ),
    (
        "UBL-CR-148",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode",
        (
            "[UBL-CR-148]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress AddressTypeCode"
        ),
    ),
    (
        "UBL-CR-149",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode",
        (
            "[UBL-CR-149]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress AddressFormatCode"
        ),
    ),
    (
        "UBL-CR-150",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Postbox",
        (
            "[UBL-CR-150]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Postbox"
        ),
    ),
    (
        "UBL-CR-151",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Floor",
        (
            "[UBL-CR-151]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Floor"
        ),
    ),
    (
        "UBL-CR-152",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Room",
        (
            "[UBL-CR-152]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Room"
        ),
    ),
    (
        "UBL-CR-153",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BlockName",
        (
            "[UBL-CR-153]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress BlockName"
        ),
    ),
    (
        "UBL-CR-154",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingName",
        (
            "[UBL-CR-154]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress BuildingName"
        ),
    ),
    (
        "UBL-CR-155",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber",
        (
            "[UBL-CR-155]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress BuildingNumber"
        ),
    ),
    (
        "UBL-CR-156",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:InhouseMail",
        (
            "[UBL-CR-156]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress InhouseMail"
        ),
    ),
    (
        "UBL-CR-157",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Department",
        (
            "[UBL-CR-157]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Department"
        ),
    ),
    (
        "UBL-CR-158",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkAttention",
        (
            "[UBL-CR-158]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress MarkAttention"
        ),
    ),
    (
        "UBL-CR-159",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:MarkCare",
        (
            "[UBL-CR-159]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress MarkCare"
        ),
    ),
    (
        "UBL-CR-160",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification",
        (
            "[UBL-CR-160]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress PlotIdentification"
        ),
    ),
    (
        "UBL-CR-161",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName",
        (
            "[UBL-CR-161]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress CitySubdivisionName"
        ),
    ),
    (
        "UBL-CR-162",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode",
        (
            "[UBL-CR-162]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress CountrySubentityCode"
        ),
    ),
    (
        "UBL-CR-163",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:Region",
        (
            "[UBL-CR-163]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Region"
        ),
    ),
    (
        "UBL-CR-164",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:District",
        (
            "[UBL-CR-164]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress District"
        ),
    ),
    (
        "UBL-CR-165",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset",
        (
            "[UBL-CR-165]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress TimezoneOffset"
        ),
    ),
    (
        "UBL-CR-166",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name",
        (
            "[UBL-CR-166]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress Country Name"
        ),
    ),
    (
        "UBL-CR-167",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate",
        (
            "[UBL-CR-167]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PostalAddress LocationCoordinate"
        ),
    ),
    (
        "UBL-CR-168",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PhysicalLocation",
        (
            "[UBL-CR-168]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PhysicalLocation"
        ),
    ),
    (
        "UBL-CR-169",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName",
        (
            "[UBL-CR-169]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme RegistrationName"
        ),
    ),
    (
        "UBL-CR-170",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode",
        (
            "[UBL-CR-170]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme TaxLevelCode"
        ),
    ),
    (
        "UBL-CR-171",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode",
        (
            "[UBL-CR-171]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme ExemptionReasonCode"
        ),
    ),
    (
        "UBL-CR-172",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason",
        (
            "[UBL-CR-172]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme ExemptionReason"
        ),
    ),
    (
        "UBL-CR-173",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress",
        (
            "[UBL-CR-173]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-174",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-174]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-175",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-175]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-176",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-176]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-177",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-177]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyTaxScheme TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-178",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate",
        (
            "[UBL-CR-178]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity RegistrationDate"
        ),
    ),
    (
        "UBL-CR-179",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate",
        (
            "[UBL-CR-179]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity RegistrationExpirationDate"
        ),
    ),
    (
        "UBL-CR-180",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode",
        (
            "[UBL-CR-180]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity CompanyLegalFormCode"
        ),
    ),
    (
        "UBL-CR-181",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator",
        (
            "[UBL-CR-181]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity SoleProprietorshipIndicator"
        ),
    ),
    (
        "UBL-CR-182",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode",
        (
            "[UBL-CR-182]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity CompanyLiquidationStatusCode"
        ),
    ),
    (
        "UBL-CR-183",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CorporateStockAmount",
        (
            "[UBL-CR-183]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity CorporateStockAmount"
        ),
    ),
    (
        "UBL-CR-184",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator",
        (
            "[UBL-CR-184]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity FullyPaidSharesIndicator"
        ),
    ),
    (
        "UBL-CR-185",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress",
        (
            "[UBL-CR-185]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-186",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme",
        (
            "[UBL-CR-186]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity CorporateRegistrationScheme"
        ),
    ),
    (
        "UBL-CR-187",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty",
        (
            "[UBL-CR-187]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity HeadOfficeParty"
        ),
    ),
    (
        "UBL-CR-188",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty",
        (
            "[UBL-CR-188]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PartyLegalEntity ShareholderParty"
        ),
    ),
    (
        "UBL-CR-189",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:ID",
        (
            "[UBL-CR-189]-A UBL invoice should not include the AccountingSupplierParty Party "
            "Contact ID"
        ),
    ),
    (
        "UBL-CR-190",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Telefax",
        (
            "[UBL-CR-190]-A UBL invoice should not include the AccountingSupplierParty Party "
            "Contact Telefax"
        ),
    ),
    (
        "UBL-CR-191",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Note",
        (
            "[UBL-CR-191]-A UBL invoice should not include the AccountingSupplierParty Party "
            "Contact Note"
        ),
    ),
    (
        "UBL-CR-192",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Contact/cac:OtherCommunication",
        (
            "[UBL-CR-192]-A UBL invoice should not include the AccountingSupplierParty Party "
            "Contact OtherCommunication"
        ),
    ),
    (
        "UBL-CR-193",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:Person",
        "[UBL-CR-193]-A UBL invoice should not include the AccountingSupplierParty Party Person",
    ),
    (
        "UBL-CR-194",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:AgentParty",
        (
            "[UBL-CR-194]-A UBL invoice should not include the AccountingSupplierParty Party "
            "AgentParty"
        ),
    ),
    (
        "UBL-CR-195",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:ServiceProviderParty",
        (
            "[UBL-CR-195]-A UBL invoice should not include the AccountingSupplierParty Party "
            "ServiceProviderParty"
        ),
    ),
    (
        "UBL-CR-196",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:PowerOfAttorney",
        (
            "[UBL-CR-196]-A UBL invoice should not include the AccountingSupplierParty Party "
            "PowerOfAttorney"
        ),
    ),
    (
        "UBL-CR-197",
        WARNING,
        "cac:AccountingSupplierParty/cac:Party/cac:FinancialAccount",
        (
            "[UBL-CR-197]-A UBL invoice should not include the AccountingSupplierParty Party "
            "FinancialAccount"
        ),
    ),
    (
        "UBL-CR-198",
        WARNING,
        "cac:AccountingSupplierParty/cac:DespatchContact",
        (
            "[UBL-CR-198]-A UBL invoice should not include the AccountingSupplierParty "
            "DespatchContact"
        ),
    ),
    (
        "UBL-CR-199",
        WARNING,
        "cac:AccountingSupplierParty/cac:AccountingContact",
        (
            "[UBL-CR-199]-A UBL invoice should not include the AccountingSupplierParty "
            "AccountingContact"
        ),
    ),
    (
        "UBL-CR-200",
        WARNING,
        "cac:AccountingSupplierParty/cac:SellerContact",
        ("[UBL-CR-200]-A UBL invoice should not include the AccountingSupplierParty SellerContact"),
    ),
    (
        "UBL-CR-201",
        WARNING,
        "cac:AccountingCustomerParty/cbc:CustomerAssignedAccountID",
        (
            "[UBL-CR-201]-A UBL invoice should not include the AccountingCustomerParty "
            "CustomerAssignedAccountID"
        ),
    ),
    (
        "UBL-CR-202",
        WARNING,
        "cac:AccountingCustomerParty/cbc:SupplierAssignedAccountID",
        (
            "[UBL-CR-202]-A UBL invoice should not include the AccountingCustomerParty "
            "SupplierAssignedAccountID"
        ),
    ),
    (
        "UBL-CR-203",
        WARNING,
        "cac:AccountingCustomerParty/cbc:AdditionalAccountID",
        (
            "[UBL-CR-203]-A UBL invoice should not include the AccountingCustomerParty "
            "AdditionalAccountID"
        ),
    ),
    (
        "UBL-CR-204",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cbc:MarkCareIndicator",
        (
            "[UBL-CR-204]-A UBL invoice should not include the AccountingCustomerParty Party "
            "MarkCareIndicator"
        ),
    ),
    (
        "UBL-CR-205",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cbc:MarkAttentionIndicator",
        (
            "[UBL-CR-205]-A UBL invoice should not include the AccountingCustomerParty Party "
            "MarkAttentionIndicator"
        ),
    ),
    (
        "UBL-CR-206",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cbc:WebsiteURI",
        (
            "[UBL-CR-206]-A UBL invoice should not include the AccountingCustomerParty Party "
            "WebsiteURI"
        ),
    ),
    (
        "UBL-CR-207",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cbc:LogoReferenceID",
        (
            "[UBL-CR-207]-A UBL invoice should not include the AccountingCustomerParty Party "
            "LogoReferenceID"
        ),
    ),
    (
        "UBL-CR-208",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cbc:IndustryClassificationCode",
        (
            "[UBL-CR-208]-A UBL invoice should not include the AccountingCustomerParty Party "
            "IndustryClassificationCode"
        ),
    ),
    (
        "UBL-CR-209",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Language",
        (
            "[UBL-CR-209]-A UBL invoice should not include the AccountingCustomerParty Party "
            "Language"
        ),
    ),
    (
        "UBL-CR-210",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:ID",
        (
            "[UBL-CR-210]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress ID"
        ),
    ),
    (
        "UBL-CR-211",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressTypeCode",
        (
            "[UBL-CR-211]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress AddressTypeCode"
        ),
    ),
    (
        "UBL-CR-212",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:AddressFormatCode",
        (
            "[UBL-CR-212]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress AddressFormatCode"
        ),
    ),
    (
        "UBL-CR-213",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Postbox",
        (
            "[UBL-CR-213]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Postbox"
        ),
    ),
    (
        "UBL-CR-214",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Floor",
        (
            "[UBL-CR-214]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Floor"
        ),
    ),
    (
        "UBL-CR-215",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Room",
        (
            "[UBL-CR-215]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Room"
        ),
    ),
    (
        "UBL-CR-216",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BlockName",
        (
            "[UBL-CR-216]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress BlockName"
        ),
    ),
    (
        "UBL-CR-217",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingName",
        (
            "[UBL-CR-217]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress BuildingName"
        ),
    ),
    (
        "UBL-CR-218",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:BuildingNumber",
        (
            "[UBL-CR-218]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress BuildingNumber"
        ),
    ),
    (
        "UBL-CR-219",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:InhouseMail",
        (
            "[UBL-CR-219]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress InhouseMail"
        ),
    ),
    (
        "UBL-CR-220",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Department",
        (
            "[UBL-CR-220]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Department"
        ),
    ),
    (
        "UBL-CR-221",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkAttention",
        (
            "[UBL-CR-221]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress MarkAttention"
        ),
    ),
    (
        "UBL-CR-222",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:MarkCare",
        (
            "[UBL-CR-222]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress MarkCare"
        ),
    ),
    (
        "UBL-CR-223",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:PlotIdentification",
        (
            "[UBL-CR-223]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress PlotIdentification"
        ),
    ),
    (
        "UBL-CR-224",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CitySubdivisionName",
        (
            "[UBL-CR-224]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress CitySubdivisionName"
        ),
    ),
    (
        "UBL-CR-225",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:CountrySubentityCode",
        (
            "[UBL-CR-225]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress CountrySubentityCode"
        ),
    ),
    (
        "UBL-CR-226",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:Region",
        (
            "[UBL-CR-226]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Region"
        ),
    ),
    (
        "UBL-CR-227",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:District",
        (
            "[UBL-CR-227]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress District"
        ),
    ),
    (
        "UBL-CR-228",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:TimezoneOffset",
        (
            "[UBL-CR-228]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress TimezoneOffset"
        ),
    ),
    (
        "UBL-CR-229",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:Name",
        (
            "[UBL-CR-229]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress Country Name"
        ),
    ),
    (
        "UBL-CR-230",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:LocationCoordinate",
        (
            "[UBL-CR-230]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PostalAddress LocationCoordinate"
        ),
    ),
    (
        "UBL-CR-231",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PhysicalLocation",
        (
            "[UBL-CR-231]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PhysicalLocation"
        ),
    ),
    (
        "UBL-CR-232",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:RegistrationName",
        (
            "[UBL-CR-232]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme RegistrationName"
        ),
    ),
    (
        "UBL-CR-233",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:TaxLevelCode",
        (
            "[UBL-CR-233]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme TaxLevelCode"
        ),
    ),
    (
        "UBL-CR-234",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReasonCode",
        (
            "[UBL-CR-234]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme ExemptionReasonCode"
        ),
    ),
    (
        "UBL-CR-235",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:ExemptionReason",
        (
            "[UBL-CR-235]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme ExemptionReason"
        ),
    ),
    (
        "UBL-CR-236",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:RegistrationAddress",
        (
            "[UBL-CR-236]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-237",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-237]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-238",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-238]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-239",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-239]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-240",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-240]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyTaxScheme TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-241",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationDate",
        (
            "[UBL-CR-241]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity RegistrationDate"
        ),
    ),
    (
        "UBL-CR-242",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationExpirationDate",
        (
            "[UBL-CR-242]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity RegistrationExpirationDate"
        ),
    ),
    (
        "UBL-CR-243",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalFormCode",
        (
            "[UBL-CR-243]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity CompanyLegalFormCode"
        ),
    ),
    (
        "UBL-CR-244",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm",
        (
            "[UBL-CR-244]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity CompanyLegalForm"
        ),
    ),
    (
        "UBL-CR-245",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator",
        (
            "[UBL-CR-245]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity SoleProprietorshipIndicator"
        ),
    ),
    (
        "UBL-CR-246",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode",
        (
            "[UBL-CR-246]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity CompanyLiquidationStatusCode"
        ),
    ),
    (
        "UBL-CR-247",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CorporateStockAmount",
        (
            "[UBL-CR-247]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity CorporateStockAmount"
        ),
    ),
    (
        "UBL-CR-248",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator",
        (
            "[UBL-CR-248]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity FullyPaidSharesIndicator"
        ),
    ),
    (
        "UBL-CR-249",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress",
        (
            "[UBL-CR-249]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-250",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:CorporateRegistrationScheme",
        (
            "[UBL-CR-250]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity CorporateRegistrationScheme"
        ),
    ),
    (
        "UBL-CR-251",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:HeadOfficeParty",
        (
            "[UBL-CR-251]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity HeadOfficeParty"
        ),
    ),
    (
        "UBL-CR-252",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cac:ShareholderParty",
        (
            "[UBL-CR-252]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PartyLegalEntity ShareholderParty"
        ),
    ),
    (
        "UBL-CR-253",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ID",
        (
            "[UBL-CR-253]-A UBL invoice should not include the AccountingCustomerParty Party "
            "Contact ID"
        ),
    ),
    (
        "UBL-CR-254",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telefax",
        (
            "[UBL-CR-254]-A UBL invoice should not include the AccountingCustomerParty Party "
            "Contact Telefax"
        ),
    ),
    (
        "UBL-CR-255",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Note",
        (
            "[UBL-CR-255]-A UBL invoice should not include the AccountingCustomerParty Party "
            "Contact Note"
        ),
    ),
    (
        "UBL-CR-256",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Contact/cac:OtherCommunication",
        (
            "[UBL-CR-256]-A UBL invoice should not include the AccountingCustomerParty Party "
            "Contact OtherCommunication"
        ),
    ),
    (
        "UBL-CR-257",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:Person",
        "[UBL-CR-257]-A UBL invoice should not include the AccountingCustomerParty Party Person",
    ),
    (
        "UBL-CR-258",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:AgentParty",
        (
            "[UBL-CR-258]-A UBL invoice should not include the AccountingCustomerParty Party "
            "AgentParty"
        ),
    ),
    (
        "UBL-CR-259",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:ServiceProviderParty",
        (
            "[UBL-CR-259]-A UBL invoice should not include the AccountingCustomerParty Party "
            "ServiceProviderParty"
        ),
    ),
    (
        "UBL-CR-260",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:PowerOfAttorney",
        (
            "[UBL-CR-260]-A UBL invoice should not include the AccountingCustomerParty Party "
            "PowerOfAttorney"
        ),
    ),
    (
        "UBL-CR-261",
        WARNING,
        "cac:AccountingCustomerParty/cac:Party/cac:FinancialAccount",
        (
            "[UBL-CR-261]-A UBL invoice should not include the AccountingCustomerParty Party "
            "FinancialAccount"
        ),
    ),
    (
        "UBL-CR-262",
        WARNING,
        "cac:AccountingCustomerParty/cac:DeliveryContact",
        (
            "[UBL-CR-262]-A UBL invoice should not include the AccountingCustomerParty "
            "DeliveryContact"
        ),
    ),
    (
        "UBL-CR-263",
        WARNING,
        "cac:AccountingCustomerParty/cac:AccountingContact",
        (
            "[UBL-CR-263]-A UBL invoice should not include the AccountingCustomerParty "
            "AccountingContact"
        ),
    ),
    (
        "UBL-CR-264",
        WARNING,
        "cac:AccountingCustomerParty/cac:BuyerContact",
        "[UBL-CR-264]-A UBL invoice should not include the AccountingCustomerParty BuyerContact",
    ),
    (
        "UBL-CR-265",
        WARNING,
        "cac:PayeeParty/cbc:MarkCareIndicator",
        "[UBL-CR-265]-A UBL invoice should not include the PayeeParty MarkCareIndicator",
    ),
    (
        "UBL-CR-266",
        WARNING,
        "cac:PayeeParty/cbc:MarkAttentionIndicator",
        "[UBL-CR-266]-A UBL invoice should not include the PayeeParty MarkAttentionIndicator",
    ),
    (
        "UBL-CR-267",
        WARNING,
        "cac:PayeeParty/cbc:WebsiteURI",
        "[UBL-CR-267]-A UBL invoice should not include the PayeeParty WebsiteURI",
    ),
    (
        "UBL-CR-268",
        WARNING,
        "cac:PayeeParty/cbc:LogoReferenceID",
        "[UBL-CR-268]-A UBL invoice should not include the PayeeParty LogoReferenceID",
    ),
    (
        "UBL-CR-269",
        WARNING,
        "cac:PayeeParty/cbc:EndpointID",
        "[UBL-CR-269]-A UBL invoice should not include the PayeeParty EndpointID",
    ),
    (
        "UBL-CR-270",
        WARNING,
        "cac:PayeeParty/cbc:IndustryClassificationCode",
        ("[UBL-CR-270]-A UBL invoice should not include the PayeeParty IndustryClassificationCode"),
    ),
    (
        "UBL-CR-271",
        WARNING,
        "cac:PayeeParty/cac:Language",
        "[UBL-CR-271]-A UBL invoice should not include the PayeeParty Language",
    ),
    (
        "UBL-CR-272",
        WARNING,
        "cac:PayeeParty/cac:PostalAddress",
        "[UBL-CR-272]-A UBL invoice should not include the PayeeParty PostalAddress",
    ),
    (
        "UBL-CR-273",
        WARNING,
        "cac:PayeeParty/cac:PhysicalLocation",
        "[UBL-CR-273]-A UBL invoice should not include the PayeeParty PhysicalLocation",
    ),
    (
        "UBL-CR-274",
        WARNING,
        "cac:PayeeParty/cac:PartyTaxScheme",
        "[UBL-CR-274]-A UBL invoice should not include the PayeeParty PartyTaxScheme",
    ),
    (
        "UBL-CR-275",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationName",
        (
            "[UBL-CR-275]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "RegistrationName"
        ),
    ),
    (
        "UBL-CR-276",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationDate",
        (
            "[UBL-CR-276]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "RegistrationDate"
        ),
    ),
    (
        "UBL-CR-277",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationExpirationDate",
        (
            "[UBL-CR-277]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "RegistrationExpirationDate"
        ),
    ),
    (
        "UBL-CR-278",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalFormCode",
        (
            "[UBL-CR-278]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "CompanyLegalFormCode"
        ),
    ),
    (
        "UBL-CR-279",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalForm",
        (
            "[UBL-CR-279]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "CompanyLegalForm"
        ),
    ),
    (
        "UBL-CR-280",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator",
        (
            "[UBL-CR-280]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "SoleProprietorshipIndicator"
        ),
    ),
    (
        "UBL-CR-281",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode",
        (
            "[UBL-CR-281]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "CompanyLiquidationStatusCode"
        ),
    ),
    (
        "UBL-CR-282",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:CorporateStockAmount",
        (
            "[UBL-CR-282]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "CorporateStockAmount"
        ),
    ),
    (
        "UBL-CR-283",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator",
        (
            "[UBL-CR-283]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "FullyPaidSharesIndicator"
        ),
    ),
    (
        "UBL-CR-284",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cac:RegistrationAddress",
        (
            "[UBL-CR-284]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-285",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cac:CorporateRegistrationScheme",
        (
            "[UBL-CR-285]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "CorporateRegistrationScheme"
        ),
    ),
    (
        "UBL-CR-286",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cac:HeadOfficeParty",
        (
            "[UBL-CR-286]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "HeadOfficeParty"
        ),
    ),
    (
        "UBL-CR-287",
        WARNING,
        "cac:PayeeParty/cac:PartyLegalEntity/cac:ShareholderParty",
        (
            "[UBL-CR-287]-A UBL invoice should not include the PayeeParty PartyLegalEntity "
            "ShareholderParty"
        ),
    ),
    (
        "UBL-CR-288",
        WARNING,
        "cac:PayeeParty/cac:Contact",
        "[UBL-CR-288]-A UBL invoice should not include the PayeeParty Contact",
    ),
    (
        "UBL-CR-289",
        WARNING,
        "cac:PayeeParty/cac:Person",
        "[UBL-CR-289]-A UBL invoice should not include the PayeeParty Person",
    ),
    (
        "UBL-CR-290",
        WARNING,
        "cac:PayeeParty/cac:AgentParty",
        "[UBL-CR-290]-A UBL invoice should not include the PayeeParty AgentParty",
    ),
    (
        "UBL-CR-291",
        WARNING,
        "cac:PayeeParty/cac:ServiceProviderParty",
        "[UBL-CR-291]-A UBL invoice should not include the PayeeParty ServiceProviderParty",
    ),
    (
        "UBL-CR-292",
        WARNING,
        "cac:PayeeParty/cac:PowerOfAttorney",
        "[UBL-CR-292]-A UBL invoice should not include the PayeeParty PowerOfAttorney",
    ),
    (
        "UBL-CR-293",
        WARNING,
        "cac:PayeeParty/cac:FinancialAccount",
        "[UBL-CR-293]-A UBL invoice should not include the PayeeParty FinancialAccount",
    ),
    (
        "UBL-CR-294",
        WARNING,
        "cac:BuyerCustomerParty",
        "[UBL-CR-294]-A UBL invoice should not include the BuyerCustomerParty",
    ),
    (
        "UBL-CR-295",
        WARNING,
        "cac:SellerSupplierParty",
        "[UBL-CR-295]-A UBL invoice should not include the SellerSupplierParty",
    ),
    (
        "UBL-CR-296",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:MarkCareIndicator",
        (
            "[UBL-CR-296]-A UBL invoice should not include the TaxRepresentativeParty "
            "MarkCareIndicator"
        ),
    ),
    (
        "UBL-CR-297",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:MarkAttentionIndicator",
        (
            "[UBL-CR-297]-A UBL invoice should not include the TaxRepresentativeParty "
            "MarkAttentionIndicator"
        ),
    ),
    (
        "UBL-CR-298",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:WebsiteURI",
        "[UBL-CR-298]-A UBL invoice should not include the TaxRepresentativeParty WebsiteURI",
    ),
    (
        "UBL-CR-299",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:LogoReferenceID",
        (
            "[UBL-CR-299]-A UBL invoice should not include the TaxRepresentativeParty "
            "LogoReferenceID"
        ),
    ),
    (
        "UBL-CR-300",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:EndpointID",
        "[UBL-CR-300]-A UBL invoice should not include the TaxRepresentativeParty EndpointID",
    ),
    (
        "UBL-CR-301",
        WARNING,
        "cac:TaxRepresentativeParty/cbc:IndustryClassificationCode",
        (
            "[UBL-CR-301]-A UBL invoice should not include the TaxRepresentativeParty "
            "IndustryClassificationCode"
        ),
    ),
    (
        "UBL-CR-302",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyIdentification",
        (
            "[UBL-CR-302]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyIdentification"
        ),
    ),
    (
        "UBL-CR-303",
        WARNING,
        "cac:TaxRepresentativeParty/cac:Language",
        "[UBL-CR-303]-A UBL invoice should not include the TaxRepresentativeParty Language",
    ),
    (
        "UBL-CR-304",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:ID",
        (
            "[UBL-CR-304]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress ID"
        ),
    ),
    (
        "UBL-CR-305",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressTypeCode",
        (
            "[UBL-CR-305]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress AddressTypeCode"
        ),
    ),
    (
        "UBL-CR-306",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressFormatCode",
        (
            "[UBL-CR-306]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress AddressFormatCode"
        ),
    ),
    (
        "UBL-CR-307",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Postbox",
        (
            "[UBL-CR-307]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Postbox"
        ),
    ),
    (
        "UBL-CR-308",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Floor",
        (
            "[UBL-CR-308]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Floor"
        ),
    ),
    (
        "UBL-CR-309",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Room",
        (
            "[UBL-CR-309]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Room"
        ),
    ),
    (
        "UBL-CR-310",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BlockName",
        (
            "[UBL-CR-310]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress BlockName"
        ),
    ),
    (
        "UBL-CR-311",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingName",
        (
            "[UBL-CR-311]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress BuildingName"
        ),
    ),
    (
        "UBL-CR-312",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingNumber",
        (
            "[UBL-CR-312]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress BuildingNumber"
        ),
    ),
    (
        "UBL-CR-313",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:InhouseMail",
        (
            "[UBL-CR-313]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress InhouseMail"
        ),
    ),
    (
        "UBL-CR-314",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Department",
        (
            "[UBL-CR-314]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Department"
        ),
    ),
    (
        "UBL-CR-315",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkAttention",
        (
            "[UBL-CR-315]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress MarkAttention"
        ),
    ),
    (
        "UBL-CR-316",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkCare",
        (
            "[UBL-CR-316]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress MarkCare"
        ),
    ),
    (
        "UBL-CR-317",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:PlotIdentification",
        (
            "[UBL-CR-317]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress PlotIdentification"
        ),
    ),
    (
        "UBL-CR-318",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CitySubdivisionName",
        (
            "[UBL-CR-318]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress CitySubdivisionName"
        ),
    ),
    (
        "UBL-CR-319",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CountrySubentityCode",
        (
            "[UBL-CR-319]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress CountrySubentityCode"
        ),
    ),
    (
        "UBL-CR-320",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Region",
        (
            "[UBL-CR-320]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Region"
        ),
    ),
    (
        "UBL-CR-321",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:District",
        (
            "[UBL-CR-321]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress District"
        ),
    ),
    (
        "UBL-CR-322",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:TimezoneOffset",
        (
            "[UBL-CR-322]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress TimezoneOffset"
        ),
    ),
    (
        "UBL-CR-323",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:Name",
        (
            "[UBL-CR-323]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress Country Name"
        ),
    ),
    (
        "UBL-CR-324",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PostalAddress/cac:LocationCoordinate",
        (
            "[UBL-CR-324]-A UBL invoice should not include the TaxRepresentativeParty "
            "PostalAddress LocationCoordinate"
        ),
    ),
    (
        "UBL-CR-325",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PhysicalLocation",
        (
            "[UBL-CR-325]-A UBL invoice should not include the TaxRepresentativeParty "
            "PhysicalLocation"
        ),
    ),
    (
        "UBL-CR-326",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:RegistrationName",
        (
            "[UBL-CR-326]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme RegistrationName"
        ),
    ),
    (
        "UBL-CR-327",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:TaxLevelCode",
        (
            "[UBL-CR-327]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme TaxLevelCode"
        ),
    ),
    (
        "UBL-CR-328",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReasonCode",
        (
            "[UBL-CR-328]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme ExemptionReasonCode"
        ),
    ),
    (
        "UBL-CR-329",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReason",
        (
            "[UBL-CR-329]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme ExemptionReason"
        ),
    ),
    (
        "UBL-CR-330",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:RegistrationAddress",
        (
            "[UBL-CR-330]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme RegistrationAddress"
        ),
    ),
    (
        "UBL-CR-331",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-331]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-332",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-332]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-333",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-333]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-334",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-334]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyTaxScheme TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-335",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PartyLegalEntity",
        (
            "[UBL-CR-335]-A UBL invoice should not include the TaxRepresentativeParty "
            "PartyLegalEntity"
        ),
    ),
    (
        "UBL-CR-336",
        WARNING,
        "cac:TaxRepresentativeParty/cac:Contact",
        "[UBL-CR-336]-A UBL invoice should not include the TaxRepresentativeParty Contact",
    ),
    (
        "UBL-CR-337",
        WARNING,
        "cac:TaxRepresentativeParty/cac:Person",
        "[UBL-CR-337]-A UBL invoice should not include the TaxRepresentativeParty Person",
    ),
    (
        "UBL-CR-338",
        WARNING,
        "cac:TaxRepresentativeParty/cac:AgentParty",
        "[UBL-CR-338]-A UBL invoice should not include the TaxRepresentativeParty AgentParty",
    ),
    (
        "UBL-CR-339",
        WARNING,
        "cac:TaxRepresentativeParty/cac:ServiceProviderParty",
        (
            "[UBL-CR-339]-A UBL invoice should not include the TaxRepresentativeParty "
            "ServiceProviderParty"
        ),
    ),
    (
        "UBL-CR-340",
        WARNING,
        "cac:TaxRepresentativeParty/cac:PowerOfAttorney",
        (
            "[UBL-CR-340]-A UBL invoice should not include the TaxRepresentativeParty "
            "PowerOfAttorney"
        ),
    ),
    (
        "UBL-CR-341",
        WARNING,
        "cac:TaxRepresentativeParty/cac:FinancialAccount",
        (
            "[UBL-CR-341]-A UBL invoice should not include the TaxRepresentativeParty "
            "FinancialAccount"
        ),
    ),
    (
        "UBL-CR-342",
        WARNING,
        "cac:Delivery/cbc:ID",
        "[UBL-CR-342]-A UBL invoice should not include the Delivery ID",
    ),
    (
        "UBL-CR-343",
        WARNING,
        "cac:Delivery/cbc:Quantity",
        "[UBL-CR-343]-A UBL invoice should not include the Delivery Quantity",
    ),
    (
        "UBL-CR-344",
        WARNING,
        "cac:Delivery/cbc:MinimumQuantity",
        "[UBL-CR-344]-A UBL invoice should not include the Delivery MinimumQuantity",
    ),
    (
        "UBL-CR-345",
        WARNING,
        "cac:Delivery/cbc:MaximumQuantity",
        "[UBL-CR-345]-A UBL invoice should not include the Delivery MaximumQuantity",
    ),
    (
        "UBL-CR-346",
        WARNING,
        "cac:Delivery/cbc:ActualDeliveryTime",
        "[UBL-CR-346]-A UBL invoice should not include the Delivery ActualDeliveryTime",
    ),
    (
        "UBL-CR-347",
        WARNING,
        "cac:Delivery/cbc:LatestDeliveryDate",
        "[UBL-CR-347]-A UBL invoice should not include the Delivery LatestDeliveryDate",
    ),
    (
        "UBL-CR-348",
        WARNING,
        "cac:Delivery/cbc:LatestDeliveryTime",
        "[UBL-CR-348]-A UBL invoice should not include the Delivery LatestDeliveryTime",
    ),
    (
        "UBL-CR-349",
        WARNING,
        "cac:Delivery/cbc:ReleaseID",
        "[UBL-CR-349]-A UBL invoice should not include the Delivery ReleaseID",
    ),
    (
        "UBL-CR-350",
        WARNING,
        "cac:Delivery/cbc:TrackingID",
        "[UBL-CR-350]-A UBL invoice should not include the Delivery TrackingID",
    ),
    (
        "UBL-CR-351",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:Description",
        ("[UBL-CR-351]-A UBL invoice should not include the Delivery DeliveryLocation Description"),
    ),
    (
        "UBL-CR-352",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:Conditions",
        "[UBL-CR-352]-A UBL invoice should not include the Delivery DeliveryLocation Conditions",
    ),
    (
        "UBL-CR-353",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentity",
        (
            "[UBL-CR-353]-A UBL invoice should not include the Delivery DeliveryLocation "
            "CountrySubentity"
        ),
    ),
    (
        "UBL-CR-354",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:CountrySubentityCode",
        (
            "[UBL-CR-354]-A UBL invoice should not include the Delivery DeliveryLocation "
            "CountrySubentityCode"
        ),
    ),
    (
        "UBL-CR-355",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:LocationTypeCode",
        (
            "[UBL-CR-355]-A UBL invoice should not include the Delivery DeliveryLocation "
            "LocationTypeCode"
        ),
    ),
    (
        "UBL-CR-356",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:InformationURI",
        (
            "[UBL-CR-356]-A UBL invoice should not include the Delivery DeliveryLocation "
            "InformationURI"
        ),
    ),
    (
        "UBL-CR-357",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cbc:Name",
        "[UBL-CR-357]-A UBL invoice should not include the Delivery DeliveryLocation Name",
    ),
    (
        "UBL-CR-358",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:ValidityPeriod",
        (
            "[UBL-CR-358]-A UBL invoice should not include the Delivery DeliveryLocation "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-359",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:ID",
        "[UBL-CR-359]-A UBL invoice should not include the Delivery DeliveryLocation Address ID",
    ),
    (
        "UBL-CR-360",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressTypeCode",
        (
            "[UBL-CR-360]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "AddressTypeCode"
        ),
    ),
    (
        "UBL-CR-361",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:AddressFormatCode",
        (
            "[UBL-CR-361]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "AddressFormatCode"
        ),
    ),
    (
        "UBL-CR-362",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Postbox",
        (
            "[UBL-CR-362]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Postbox"
        ),
    ),
    (
        "UBL-CR-363",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Floor",
        (
            "[UBL-CR-363]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Floor"
        ),
    ),
    (
        "UBL-CR-364",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Room",
        (
            "[UBL-CR-364]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Room"
        ),
    ),
    (
        "UBL-CR-365",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BlockName",
        (
            "[UBL-CR-365]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "BlockName"
        ),
    ),
    (
        "UBL-CR-366",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingName",
        (
            "[UBL-CR-366]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "BuildingName"
        ),
    ),
    (
        "UBL-CR-367",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:BuildingNumber",
        (
            "[UBL-CR-367]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "BuildingNumber"
        ),
    ),
    (
        "UBL-CR-368",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:InhouseMail",
        (
            "[UBL-CR-368]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "InhouseMail"
        ),
    ),
    (
        "UBL-CR-369",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Department",
        (
            "[UBL-CR-369]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Department"
        ),
    ),
    (
        "UBL-CR-370",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkAttention",
        (
            "[UBL-CR-370]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "MarkAttention"
        ),
    ),
    (
        "UBL-CR-371",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:MarkCare",
        (
            "[UBL-CR-371]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "MarkCare"
        ),
    ),
    (
        "UBL-CR-372",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:PlotIdentification",
        (
            "[UBL-CR-372]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "PlotIdentification"
        ),
    ),
    (
        "UBL-CR-373",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CitySubdivisionName",
        (
            "[UBL-CR-373]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "CitySubdivisionName"
        ),
    ),
    (
        "UBL-CR-374",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:CountrySubentityCode",
        (
            "[UBL-CR-374]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "CountrySubentityCode"
        ),
    ),
    (
        "UBL-CR-375",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:Region",
        (
            "[UBL-CR-375]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Region"
        ),
    ),
    (
        "UBL-CR-376",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:District",
        (
            "[UBL-CR-376]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "District"
        ),
    ),
    (
        "UBL-CR-377",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cbc:TimezoneOffset",
        (
            "[UBL-CR-377]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "TimezoneOffset"
        ),
    ),
    (
        "UBL-CR-378",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:Name",
        (
            "[UBL-CR-378]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "Country Name"
        ),
    ),
    (
        "UBL-CR-379",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:LocationCoordinate",
        (
            "[UBL-CR-379]-A UBL invoice should not include the Delivery DeliveryLocation Address "
            "LocationCoordinate"
        ),
    ),
    (
        "UBL-CR-380",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:SubsidiaryLocation",
        (
            "[UBL-CR-380]-A UBL invoice should not include the Delivery DeliveryLocation "
            "SubsidiaryLocation"
        ),
    ),
    (
        "UBL-CR-381",
        WARNING,
        "cac:Delivery/cac:DeliveryLocation/cac:LocationCoordinate",
        (
            "[UBL-CR-381]-A UBL invoice should not include the Delivery DeliveryLocation "
            "LocationCoordinate"
        ),
    ),
    (
        "UBL-CR-382",
        WARNING,
        "cac:Delivery/cac:AlternativeDeliveryLocation",
        "[UBL-CR-382]-A UBL invoice should not include the Delivery AlternativeDeliveryLocation",
    ),
    (
        "UBL-CR-383",
        WARNING,
        "cac:Delivery/cac:RequestedDeliveryPeriod",
        "[UBL-CR-383]-A UBL invoice should not include the Delivery RequestedDeliveryPeriod",
    ),
    (
        "UBL-CR-384",
        WARNING,
        "cac:Delivery/cac:EstimatedDeliveryPeriod",
        "[UBL-CR-384]-A UBL invoice should not include the Delivery EstimatedDeliveryPeriod",
    ),
    (
        "UBL-CR-385",
        WARNING,
        "cac:Delivery/cac:CarrierParty",
        "[UBL-CR-385]-A UBL invoice should not include the Delivery CarrierParty",
    ),
    (
        "UBL-CR-386",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:MarkCareIndicator",
        "[UBL-CR-386]-A UBL invoice should not include the DeliveryParty MarkCareIndicator",
    ),
    (
        "UBL-CR-387",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:MarkAttentionIndicator",
        "[UBL-CR-387]-A UBL invoice should not include the DeliveryParty MarkAttentionIndicator",
    ),
    (
        "UBL-CR-388",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:WebsiteURI",
        "[UBL-CR-388]-A UBL invoice should not include the DeliveryParty WebsiteURI",
    ),
    (
        "UBL-CR-389",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:LogoReferenceID",
        "[UBL-CR-389]-A UBL invoice should not include the DeliveryParty LogoReferenceID",
    ),
    (
        "UBL-CR-390",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:EndpointID",
        "[UBL-CR-390]-A UBL invoice should not include the DeliveryParty EndpointID",
    ),
    (
        "UBL-CR-391",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cbc:IndustryClassificationCode",
        (
            "[UBL-CR-391]-A UBL invoice should not include the DeliveryParty "
            "IndustryClassificationCode"
        ),
    ),
    (
        "UBL-CR-392",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PartyIdentification",
        "[UBL-CR-392]-A UBL invoice should not include the DeliveryParty PartyIdentification",
    ),
    (
        "UBL-CR-393",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:Language",
        "[UBL-CR-393]-A UBL invoice should not include the DeliveryParty Language",
    ),
    (
        "UBL-CR-394",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PostalAddress",
        "[UBL-CR-394]-A UBL invoice should not include the DeliveryParty PostalAddress",
    ),
    (
        "UBL-CR-395",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PhysicalLocation",
        "[UBL-CR-395]-A UBL invoice should not include the DeliveryParty PhysicalLocation",
    ),
    (
        "UBL-CR-396",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PartyTaxScheme",
        "[UBL-CR-396]-A UBL invoice should not include the DeliveryParty PartyTaxScheme",
    ),
    (
        "UBL-CR-397",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PartyLegalEntity",
        "[UBL-CR-397]-A UBL invoice should not include the DeliveryParty PartyLegalEntity",
    ),
    (
        "UBL-CR-398",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:Contact",
        "[UBL-CR-398]-A UBL invoice should not include the DeliveryParty Contact",
    ),
    (
        "UBL-CR-399",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:Person",
        "[UBL-CR-399]-A UBL invoice should not include the DeliveryParty Person",
    ),
    (
        "UBL-CR-400",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:AgentParty",
        "[UBL-CR-400]-A UBL invoice should not include the DeliveryParty AgentParty",
    ),
    (
        "UBL-CR-401",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:ServiceProviderParty",
        "[UBL-CR-401]-A UBL invoice should not include the DeliveryParty ServiceProviderParty",
    ),
    (
        "UBL-CR-402",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:PowerOfAttorney",
        "[UBL-CR-402]-A UBL invoice should not include the DeliveryParty PowerOfAttorney",
    ),
    (
        "UBL-CR-403",
        WARNING,
        "cac:Delivery/cac:DeliveryParty/cac:FinancialAccount",
        "[UBL-CR-403]-A UBL invoice should not include the DeliveryParty FinancialAccount",
    ),
    (
        "UBL-CR-404",
        WARNING,
        "cac:Delivery/cac:NotifyParty",
        "[UBL-CR-404]-A UBL invoice should not include the Delivery NotifyParty",
    ),
    (
        "UBL-CR-405",
        WARNING,
        "cac:Delivery/cac:Despatch",
        "[UBL-CR-405]-A UBL invoice should not include the Delivery Despatch",
    ),
    (
        "UBL-CR-406",
        WARNING,
        "cac:Delivery/cac:DeliveryTerms",
        "[UBL-CR-406]-A UBL invoice should not include the Delivery DeliveryTerms",
    ),
    (
        "UBL-CR-407",
        WARNING,
        "cac:Delivery/cac:MinimumDeliveryUnit",
        "[UBL-CR-407]-A UBL invoice should not include the Delivery MinimumDeliveryUnit",
    ),
    (
        "UBL-CR-408",
        WARNING,
        "cac:Delivery/cac:MaximumDeliveryUnit",
        "[UBL-CR-408]-A UBL invoice should not include the Delivery MaximumDeliveryUnit",
    ),
    (
        "UBL-CR-409",
        WARNING,
        "cac:Delivery/cac:Shipment",
        "[UBL-CR-409]-A UBL invoice should not include the Delivery Shipment",
    ),
    (
        "UBL-CR-410",
        WARNING,
        "cac:DeliveryTerms",
        "[UBL-CR-410]-A UBL invoice should not include the DeliveryTerms",
    ),
    (
        "UBL-CR-411",
        WARNING,
        "cac:PaymentMeans/cbc:ID",
        "[UBL-CR-411]-A UBL invoice should not include the PaymentMeans ID",
    ),
    (
        "UBL-CR-413",
        WARNING,
        "cac:PaymentMeans/cbc:PaymentChannelCode",
        "[UBL-CR-413]-A UBL invoice should not include the PaymentMeans PaymentChannelCode",
    ),
    (
        "UBL-CR-414",
        WARNING,
        "cac:PaymentMeans/cbc:InstructionID",
        "[UBL-CR-414]-A UBL invoice should not include the PaymentMeans InstructionID",
    ),
    (
        "UBL-CR-415",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:CardTypeCode",
        ("[UBL-CR-415]-A UBL invoice should not include the PaymentMeans CardAccount CardTypeCode"),
    ),
    (
        "UBL-CR-416",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:ValidityStartDate",
        (
            "[UBL-CR-416]-A UBL invoice should not include the PaymentMeans CardAccount "
            "ValidityStartDate"
        ),
    ),
    (
        "UBL-CR-417",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:ExpiryDate",
        "[UBL-CR-417]-A UBL invoice should not include the PaymentMeans CardAccount ExpiryDate",
    ),
    (
        "UBL-CR-418",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:IssuerID",
        "[UBL-CR-418]-A UBL invoice should not include the PaymentMeans CardAccount IssuerID",
    ),
    (
        "UBL-CR-419",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:IssueNumberID",
        (
            "[UBL-CR-419]-A UBL invoice should not include the PaymentMeans CardAccount "
            "IssueNumberID"
        ),
    ),
    (
        "UBL-CR-420",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:CV2ID",
        "[UBL-CR-420]-A UBL invoice should not include the PaymentMeans CardAccount CV2ID",
    ),
    (
        "UBL-CR-421",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:CardChipCode",
        ("[UBL-CR-421]-A UBL invoice should not include the PaymentMeans CardAccount CardChipCode"),
    ),
    (
        "UBL-CR-422",
        WARNING,
        "cac:PaymentMeans/cac:CardAccount/cbc:ChipApplicationID",
        (
            "[UBL-CR-422]-A UBL invoice should not include the PaymentMeans CardAccount "
            "ChipApplicationID"
        ),
    ),
    (
        "UBL-CR-424",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AliasName",
        (
            "[UBL-CR-424]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " AliasName"
        ),
    ),
    (
        "UBL-CR-425",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountTypeCode",
        (
            "[UBL-CR-425]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " AccountTypeCode"
        ),
    ),
    (
        "UBL-CR-426",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:AccountFormatCode",
        (
            "[UBL-CR-426]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " AccountFormatCode"
        ),
    ),
    (
        "UBL-CR-427",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:CurrencyCode",
        (
            "[UBL-CR-427]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " CurrencyCode"
        ),
    ),
    (
        "UBL-CR-428",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:PaymentNote",
        (
            "[UBL-CR-428]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " PaymentNote"
        ),
    ),
    (
        "UBL-CR-429",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:Name",
        (
            "[UBL-CR-429]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " FinancialInstitutionBranch Name"
        ),
    ),
    (
        "UBL-CR-430",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:Name",
        (
            "[UBL-CR-430]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " FinancialInstitutionBranch FinancialInstitution Name"
        ),
    ),
    (
        "UBL-CR-431",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cac:Address",
        (
            "[UBL-CR-431]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " FinancialInstitutionBranch FinancialInstitution Address"
        ),
    ),
    (
        "UBL-CR-432",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:Address",
        (
            "[UBL-CR-432]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " FinancialInstitutionBranch Address"
        ),
    ),
    (
        "UBL-CR-433",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:Country",
        (
            "[UBL-CR-433]-A UBL invoice should not include the PaymentMeans PayeeFinancialAccount"
            " Country"
        ),
    ),
    (
        "UBL-CR-434",
        WARNING,
        "cac:PaymentMeans/cac:CreditAccount",
        "[UBL-CR-434]-A UBL invoice should not include the PaymentMeans CreditAccount",
    ),
    (
        "UBL-CR-435",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cbc:MandateTypeCode",
        (
            "[UBL-CR-435]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "MandateTypeCode"
        ),
    ),
    (
        "UBL-CR-436",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaymentInstructionsNumeric",
        (
            "[UBL-CR-436]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "MaximumPaymentInstructionsNumeric"
        ),
    ),
    (
        "UBL-CR-437",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cbc:MaximumPaidAmount",
        (
            "[UBL-CR-437]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "MaximumPaidAmount"
        ),
    ),
    (
        "UBL-CR-438",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cbc:SignatureID",
        (
            "[UBL-CR-438]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "SignatureID"
        ),
    ),
    (
        "UBL-CR-439",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerParty",
        (
            "[UBL-CR-439]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerParty"
        ),
    ),
    (
        "UBL-CR-440",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:Name",
        (
            "[UBL-CR-440]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount Name"
        ),
    ),
    (
        "UBL-CR-441",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AliasName",
        (
            "[UBL-CR-441]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount AliasName"
        ),
    ),
    (
        "UBL-CR-442",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountTypeCode",
        (
            "[UBL-CR-442]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount AccountTypeCode"
        ),
    ),
    (
        "UBL-CR-443",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:AccountFormatCode",
        (
            "[UBL-CR-443]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount AccountFormatCode"
        ),
    ),
    (
        "UBL-CR-444",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:CurrencyCode",
        (
            "[UBL-CR-444]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount CurrencyCode"
        ),
    ),
    (
        "UBL-CR-445",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:PaymentNote",
        (
            "[UBL-CR-445]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount PaymentNote"
        ),
    ),
    (
        "UBL-CR-446",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:FinancialInstitutionBranch",
        (
            "[UBL-CR-446]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount FinancialInstitutionBranch"
        ),
    ),
    (
        "UBL-CR-447",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cac:Country",
        (
            "[UBL-CR-447]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PayerFinancialAccount Country"
        ),
    ),
    (
        "UBL-CR-448",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:ValidityPeriod",
        (
            "[UBL-CR-448]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-449",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:PaymentReversalPeriod",
        (
            "[UBL-CR-449]-A UBL invoice should not include the PaymentMeans PaymentMandate "
            "PaymentReversalPeriod"
        ),
    ),
    (
        "UBL-CR-450",
        WARNING,
        "cac:PaymentMeans/cac:PaymentMandate/cac:Clause",
        "[UBL-CR-450]-A UBL invoice should not include the PaymentMeans PaymentMandate Clause",
    ),
    (
        "UBL-CR-451",
        WARNING,
        "cac:PaymentMeans/cac:TradeFinancing",
        "[UBL-CR-451]-A UBL invoice should not include the PaymentMeans TradeFinancing",
    ),
    (
        "UBL-CR-452",
        WARNING,
        "cac:PaymentTerms/cbc:ID",
        "[UBL-CR-452]-A UBL invoice should not include the PaymentTerms ID",
    ),
    (
        "UBL-CR-453",
        WARNING,
        "cac:PaymentTerms/cbc:PaymentMeansID",
        "[UBL-CR-453]-A UBL invoice should not include the PaymentTerms PaymentMeansID",
    ),
    (
        "UBL-CR-454",
        WARNING,
        "cac:PaymentTerms/cbc:PrepaidPaymentReferenceID",
        (
            "[UBL-CR-454]-A UBL invoice should not include the PaymentTerms "
            "PrepaidPaymentReferenceID"
        ),
    ),
    (
        "UBL-CR-455",
        WARNING,
        "cac:PaymentTerms/cbc:ReferenceEventCode",
        "[UBL-CR-455]-A UBL invoice should not include the PaymentTerms ReferenceEventCode",
    ),
    (
        "UBL-CR-456",
        WARNING,
        "cac:PaymentTerms/cbc:SettlementDiscountPercent",
        (
            "[UBL-CR-456]-A UBL invoice should not include the PaymentTerms "
            "SettlementDiscountPercent"
        ),
    ),
    (
        "UBL-CR-457",
        WARNING,
        "cac:PaymentTerms/cbc:PenaltySurchargePercent",
        "[UBL-CR-457]-A UBL invoice should not include the PaymentTerms PenaltySurchargePercent",
    ),
    (
        "UBL-CR-458",
        WARNING,
        "cac:PaymentTerms/cbc:PaymentPercent",
        "[UBL-CR-458]-A UBL invoice should not include the PaymentTerms PaymentPercent",
    ),
    (
        "UBL-CR-459",
        WARNING,
        "cac:PaymentTerms/cbc:Amount",
        "[UBL-CR-459]-A UBL invoice should not include the PaymentTerms Amount",
    ),
    (
        "UBL-CR-460",
        WARNING,
        "cac:PaymentTerms/cbc:SettlementDiscountAmount",
        ("[UBL-CR-460]-A UBL invoice should not include the PaymentTerms SettlementDiscountAmount"),
    ),
    (
        "UBL-CR-461",
        WARNING,
        "cac:PaymentTerms/cbc:PenaltyAmount",
        "[UBL-CR-461]-A UBL invoice should not include the PaymentTerms PenaltyAmount",
    ),
    (
        "UBL-CR-462",
        WARNING,
        "cac:PaymentTerms/cbc:PaymentTermsDetailsURI",
        "[UBL-CR-462]-A UBL invoice should not include the PaymentTerms PaymentTermsDetailsURI",
    ),
    (
        "UBL-CR-463",
        WARNING,
        "cac:PaymentTerms/cbc:PaymentDueDate",
        "[UBL-CR-463]-A UBL invoice should not include the PaymentTerms PaymentDueDate",
    ),
    (
        "UBL-CR-464",
        WARNING,
        "cac:PaymentTerms/cbc:InstallmentDueDate",
        "[UBL-CR-464]-A UBL invoice should not include the PaymentTerms InstallmentDueDate",
    ),
    (
        "UBL-CR-465",
        WARNING,
        "cac:PaymentTerms/cbc:InvoicingPartyReference",
        "[UBL-CR-465]-A UBL invoice should not include the PaymentTerms InvoicingPartyReference",
    ),
    (
        "UBL-CR-466",
        WARNING,
        "cac:PaymentTerms/cac:SettlementPeriod",
        "[UBL-CR-466]-A UBL invoice should not include the PaymentTerms SettlementPeriod",
    ),
    (
        "UBL-CR-467",
        WARNING,
        "cac:PaymentTerms/cac:PenaltyPeriod",
        "[UBL-CR-467]-A UBL invoice should not include the PaymentTerms PenaltyPeriod",
    ),
    (
        "UBL-CR-468",
        WARNING,
        "cac:PaymentTerms/cac:ExchangeRate",
        "[UBL-CR-468]-A UBL invoice should not include the PaymentTerms ExchangeRate",
    ),
    (
        "UBL-CR-469",
        WARNING,
        "cac:PaymentTerms/cac:ValidityPeriod",
        "[UBL-CR-469]-A UBL invoice should not include the PaymentTerms ValidityPeriod",
    ),
    (
        "UBL-CR-470",
        WARNING,
        "cac:PrepaidPayment",
        "[UBL-CR-470]-A UBL invoice should not include the PrepaidPayment",
    ),
    (
        "UBL-CR-471",
        WARNING,
        "cac:AllowanceCharge/cbc:ID",
        "[UBL-CR-471]-A UBL invoice should not include the AllowanceCharge ID",
    ),
    (
        "UBL-CR-472",
        WARNING,
        "cac:AllowanceCharge/cbc:PrepaidIndicator",
        "[UBL-CR-472]-A UBL invoice should not include the AllowanceCharge PrepaidIndicator",
    ),
    (
        "UBL-CR-473",
        WARNING,
        "cac:AllowanceCharge/cbc:SequenceNumeric",
        "[UBL-CR-473]-A UBL invoice should not include the AllowanceCharge SequenceNumeric",
    ),
    (
        "UBL-CR-474",
        WARNING,
        "cac:AllowanceCharge/cbc:AccountingCostCode",
        "[UBL-CR-474]-A UBL invoice should not include the AllowanceCharge AccountingCostCode",
    ),
    (
        "UBL-CR-475",
        WARNING,
        "cac:AllowanceCharge/cbc:AccountingCost",
        "[UBL-CR-475]-A UBL invoice should not include the AllowanceCharge AccountingCost",
    ),
    (
        "UBL-CR-476",
        WARNING,
        "cac:AllowanceCharge/cbc:PerUnitAmount",
        "[UBL-CR-476]-A UBL invoice should not include the AllowanceCharge PerUnitAmount",
    ),
    (
        "UBL-CR-477",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:Name",
        "[UBL-CR-477]-A UBL invoice should not include the AllowanceCharge TaxCategory Name",
    ),
    (
        "UBL-CR-478",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:BaseUnitMeasure",
        (
            "[UBL-CR-478]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "BaseUnitMeasure"
        ),
    ),
    (
        "UBL-CR-479",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:PerUnitAmount",
        (
            "[UBL-CR-479]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "PerUnitAmount"
        ),
    ),
    (
        "UBL-CR-480",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReasonCode",
        (
            "[UBL-CR-480]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxExemptionReasonCode"
        ),
    ),
    (
        "UBL-CR-481",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReason",
        (
            "[UBL-CR-481]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxExemptionReason"
        ),
    ),
    (
        "UBL-CR-482",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRange",
        ("[UBL-CR-482]-A UBL invoice should not include the AllowanceCharge TaxCategory TierRange"),
    ),
    (
        "UBL-CR-483",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRatePercent",
        (
            "[UBL-CR-483]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TierRatePercent"
        ),
    ),
    (
        "UBL-CR-484",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-484]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-485",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-485]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-486",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-486]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-487",
        WARNING,
        "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-487]-A UBL invoice should not include the AllowanceCharge TaxCategory "
            "TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-488",
        WARNING,
        "cac:AllowanceCharge/cac:TaxTotal",
        "[UBL-CR-488]-A UBL invoice should not include the AllowanceCharge TaxTotal",
    ),
    (
        "UBL-CR-489",
        WARNING,
        "cac:AllowanceCharge/cac:PaymentMeans",
        "[UBL-CR-489]-A UBL invoice should not include the AllowanceCharge PaymentMeans",
    ),
    (
        "UBL-CR-490",
        WARNING,
        "cac:TaxExchangeRate",
        "[UBL-CR-490]-A UBL invoice should not include the TaxExchangeRate",
    ),
    (
        "UBL-CR-491",
        WARNING,
        "cac:PricingExchangeRate",
        "[UBL-CR-491]-A UBL invoice should not include the PricingExchangeRate",
    ),
    (
        "UBL-CR-492",
        WARNING,
        "cac:PaymentExchangeRate",
        "[UBL-CR-492]-A UBL invoice should not include the PaymentExchangeRate",
    ),
    (
        "UBL-CR-493",
        WARNING,
        "cac:PaymentAlternativeExchangeRate",
        "[UBL-CR-493]-A UBL invoice should not include the PaymentAlternativeExchangeRate",
    ),
    (
        "UBL-CR-494",
        WARNING,
        "cac:TaxTotal/cbc:RoundingAmount",
        "[UBL-CR-494]-A UBL invoice should not include the TaxTotal RoundingAmount",
    ),
    (
        "UBL-CR-495",
        WARNING,
        "cac:TaxTotal/cbc:TaxEvidenceIndicator",
        "[UBL-CR-495]-A UBL invoice should not include the TaxTotal TaxEvidenceIndicator",
    ),
    (
        "UBL-CR-496",
        WARNING,
        "cac:TaxTotal/cbc:TaxIncludedIndicator",
        "[UBL-CR-496]-A UBL invoice should not include the TaxTotal TaxIncludedIndicator",
    ),
    (
        "UBL-CR-497",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:CalculationSequenceNumeric",
        (
            "[UBL-CR-497]-A UBL invoice should not include the TaxTotal TaxSubtotal "
            "CalulationSequenceNumeric"
        ),
    ),
    (
        "UBL-CR-498",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:TransactionCurrencyTaxAmount",
        (
            "[UBL-CR-498]-A UBL invoice should not include the TaxTotal TaxSubtotal "
            "TransactionCurrencyTaxAmount"
        ),
    ),
    (
        "UBL-CR-499",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:Percent",
        "[UBL-CR-499]-A UBL invoice should not include the TaxTotal TaxSubtotal Percent",
    ),
    (
        "UBL-CR-500",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:BaseUnitMeasure",
        "[UBL-CR-500]-A UBL invoice should not include the TaxTotal TaxSubtotal BaseUnitMeasure",
    ),
    (
        "UBL-CR-501",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:PerUnitAmount",
        "[UBL-CR-501]-A UBL invoice should not include the TaxTotal TaxSubtotal PerUnitAmount",
    ),
    (
        "UBL-CR-502",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRange",
        "[UBL-CR-502]-A UBL invoice should not include the TaxTotal TaxSubtotal TierRange",
    ),
    (
        "UBL-CR-503",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cbc:TierRatePercent",
        "[UBL-CR-503]-A UBL invoice should not include the TaxTotal TaxSubtotal TierRatePercent",
    ),
    (
        "UBL-CR-504",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Name",
        ("[UBL-CR-504]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory Name"),
    ),
    (
        "UBL-CR-505",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:BaseUnitMeasure",
        (
            "[UBL-CR-505]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "BaseUnitMeasure"
        ),
    ),
    (
        "UBL-CR-506",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:PerUnitAmount",
        (
            "[UBL-CR-506]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "PerUnitAmount"
        ),
    ),
    (
        "UBL-CR-507",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRange",
        (
            "[UBL-CR-507]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TierRange"
        ),
    ),
    (
        "UBL-CR-508",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TierRatePercent",
        (
            "[UBL-CR-508]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TierRatePercent"
        ),
    ),
    (
        "UBL-CR-509",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-509]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-510",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-510]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-511",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-511]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-512",
        WARNING,
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-512]-A UBL invoice should not include the TaxTotal TaxSubtotal TaxCategory "
            "TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-513",
        WARNING,
        "cac:WithholdingTaxTotal",
        "[UBL-CR-513]-A UBL invoice should not include the WithholdingTaxTotal",
    ),
    (
        "UBL-CR-514",
        WARNING,
        "cac:LegalMonetaryTotal/cbc:PayableAlternativeAmount",
        (
            "[UBL-CR-514]-A UBL invoice should not include the LegalMonetaryTotal "
            "PayableAlternativeAmount"
        ),
    ),
    (
        "UBL-CR-515",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cbc:UUID",
        "[UBL-CR-515]-A UBL invoice should not include the InvoiceLine UUID",
    ),
    (
        "UBL-CR-516",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cbc:TaxPointDate",
        "[UBL-CR-516]-A UBL invoice should not include the InvoiceLine TaxPointDate",
    ),
    (
        "UBL-CR-517",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cbc:AccountingCostCode",
        "[UBL-CR-517]-A UBL invoice should not include the InvoiceLine AccountingCostCode",
    ),
    (
        "UBL-CR-518",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cbc:PaymentPurposeCode",
        "[UBL-CR-518]-A UBL invoice should not include the InvoiceLine PaymentPurposeCode",
    ),
    (
        "UBL-CR-519",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cbc:FreeOfChargeIndicator",
        "[UBL-CR-519]-A UBL invoice should not include the InvoiceLine FreeOfChargeIndicator",
    ),
    (
        "UBL-CR-520",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:InvoicePeriod/cbc:StartTime",
        "[UBL-CR-520]-A UBL invoice should not include the InvoiceLine InvoicePeriod StartTime",
    ),
    (
        "UBL-CR-521",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:InvoicePeriod/cbc:EndTime",
        "[UBL-CR-521]-A UBL invoice should not include the InvoiceLine InvoicePeriod EndTime",
    ),
    (
        "UBL-CR-522",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:InvoicePeriod/cbc:DurationMeasure",
        (
            "[UBL-CR-522]-A UBL invoice should not include the InvoiceLine InvoicePeriod "
            "DurationMeasure"
        ),
    ),
    (
        "UBL-CR-523",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:InvoicePeriod/cbc:DescriptionCode",
        (
            "[UBL-CR-523]-A UBL invoice should not include the InvoiceLine InvoicePeriod "
            "DescriptionCode"
        ),
    ),
    (
        "UBL-CR-524",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:InvoicePeriod/cbc:Description",
        ("[UBL-CR-524]-A UBL invoice should not include the InvoiceLine InvoicePeriod Description"),
    ),
    (
        "UBL-CR-525",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:OrderLineReference/cbc:SalesOrderLineID",
        (
            "[UBL-CR-525]-A UBL invoice should not include the InvoiceLine OrderLineReference "
            "SalesOrderLineID"
        ),
    ),
    (
        "UBL-CR-526",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:OrderLineReference/cbc:UUID",
        "[UBL-CR-526]-A UBL invoice should not include the InvoiceLine OrderLineReference UUID",
    ),
    (
        "UBL-CR-527",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:OrderLineReference/cbc:LineStatusCode",
        (
            "[UBL-CR-527]-A UBL invoice should not include the InvoiceLine OrderLineReference "
            "LineStatusCode"
        ),
    ),
    (
        "UBL-CR-528",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:OrderLineReference/cac:OrderReference",
        (
            "[UBL-CR-528]-A UBL invoice should not include the InvoiceLine OrderLineReference "
            "OrderReference"
        ),
    ),
    (
        "UBL-CR-529",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DespatchLineReference",
        "[UBL-CR-529]-A UBL invoice should not include the InvoiceLine DespatchLineReference",
    ),
    (
        "UBL-CR-530",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:ReceiptLineReference",
        "[UBL-CR-530]-A UBL invoice should not include the InvoiceLine ReceiptLineReference",
    ),
    (
        "UBL-CR-531",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:BillingReference",
        "[UBL-CR-531]-A UBL invoice should not include the InvoiceLine BillingReference",
    ),
    (
        "UBL-CR-532",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:CopyIndicator",
        (
            "[UBL-CR-532]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "CopyIndicator"
        ),
    ),
    (
        "UBL-CR-533",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:UUID",
        "[UBL-CR-533]-A UBL invoice should not include the InvoiceLine DocumentReference UUID",
    ),
    (
        "UBL-CR-534",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:IssueDate",
        (
            "[UBL-CR-534]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "IssueDate"
        ),
    ),
    (
        "UBL-CR-535",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:IssueTime",
        (
            "[UBL-CR-535]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "IssueTime"
        ),
    ),
    (
        "UBL-CR-537",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:DocumentType",
        (
            "[UBL-CR-537]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "DocumentType"
        ),
    ),
    (
        "UBL-CR-538",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:XPath",
        "[UBL-CR-538]-A UBL invoice should not include the InvoiceLine DocumentReference Xpath",
    ),
    (
        "UBL-CR-539",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:LanguageID",
        (
            "[UBL-CR-539]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "LanguageID"
        ),
    ),
    (
        "UBL-CR-540",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:LocaleCode",
        (
            "[UBL-CR-540]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "LocaleCode"
        ),
    ),
    (
        "UBL-CR-541",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:VersionID",
        (
            "[UBL-CR-541]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "VersionID"
        ),
    ),
    (
        "UBL-CR-542",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:DocumentStatusCode",
        (
            "[UBL-CR-542]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "DocumentStatusCode"
        ),
    ),
    (
        "UBL-CR-543",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cbc:DocumentDescription",
        (
            "[UBL-CR-543]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "DocumentDescription"
        ),
    ),
    (
        "UBL-CR-544",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cac:Attachment",
        (
            "[UBL-CR-544]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "Attachment"
        ),
    ),
    (
        "UBL-CR-545",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cac:ValidityPeriod",
        (
            "[UBL-CR-545]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "ValidityPeriod"
        ),
    ),
    (
        "UBL-CR-546",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cac:IssuerParty",
        (
            "[UBL-CR-546]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "IssuerParty"
        ),
    ),
    (
        "UBL-CR-547",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DocumentReference/cac:ResultOfVerification",
        (
            "[UBL-CR-547]-A UBL invoice should not include the InvoiceLine DocumentReference "
            "ResultOfVerification"
        ),
    ),
    (
        "UBL-CR-548",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:PricingReference",
        "[UBL-CR-548]-A UBL invoice should not include the InvoiceLine PricingReference",
    ),
    (
        "UBL-CR-549",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:OriginatorParty",
        "[UBL-CR-549]-A UBL invoice should not include the InvoiceLine OriginatorParty",
    ),
    (
        "UBL-CR-550",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Delivery",
        "[UBL-CR-550]-A UBL invoice should not include the InvoiceLine Delivery",
    ),
    (
        "UBL-CR-551",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:PaymentTerms",
        "[UBL-CR-551]-A UBL invoice should not include the InvoiceLine PaymentTerms",
    ),
    (
        "UBL-CR-552",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:ID",
        "[UBL-CR-552]-A UBL invoice should not include the InvoiceLine AllowanceCharge ID",
    ),
    (
        "UBL-CR-553",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:PrepaidIndicator",
        (
            "[UBL-CR-553]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "PrepaidIndicator"
        ),
    ),
    (
        "UBL-CR-554",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:SequenceNumeric",
        (
            "[UBL-CR-554]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "SequenceNumeric"
        ),
    ),
    (
        "UBL-CR-555",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:AccountingCostCode",
        (
            "[UBL-CR-555]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "AccountingCostCode"
        ),
    ),
    (
        "UBL-CR-556",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:AccountingCost",
        (
            "[UBL-CR-556]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "AccountingCost"
        ),
    ),
    (
        "UBL-CR-557",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cbc:PerUnitAmount",
        (
            "[UBL-CR-557]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "PerUnitAmount"
        ),
    ),
    (
        "UBL-CR-558",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cac:TaxCategory",
        (
            "[UBL-CR-558]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "TaxCategory"
        ),
    ),
    (
        "UBL-CR-559",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cac:TaxTotal",
        "[UBL-CR-559]-A UBL invoice should not include the InvoiceLine AllowanceCharge TaxTotal",
    ),
    (
        "UBL-CR-560",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:AllowanceCharge/cac:PaymentMeans",
        (
            "[UBL-CR-560]-A UBL invoice should not include the InvoiceLine AllowanceCharge "
            "PaymentMeans"
        ),
    ),
    (
        "UBL-CR-561",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:TaxTotal",
        "[UBL-CR-561]-A UBL invoice should not include the InvoiceLine TaxTotal",
    ),
    (
        "UBL-CR-562",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:WithholdingTaxTotal",
        "[UBL-CR-562]-A UBL invoice should not include the InvoiceLine WithholdingTaxTotal",
    ),
    (
        "UBL-CR-563",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:PackQuantity",
        "[UBL-CR-563]-A UBL invoice should not include the InvoiceLine Item PackQuantity",
    ),
    (
        "UBL-CR-564",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:PackSizeNumeric",
        "[UBL-CR-564]-A UBL invoice should not include the InvoiceLine Item PackSizeNumeric",
    ),
    (
        "UBL-CR-565",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:CatalogueIndicator",
        "[UBL-CR-565]-A UBL invoice should not include the InvoiceLine Item CatalogueIndicator",
    ),
    (
        "UBL-CR-566",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:HazardousRiskIndicator",
        (
            "[UBL-CR-566]-A UBL invoice should not include the InvoiceLine Item "
            "HazardousRiskIndicator"
        ),
    ),
    (
        "UBL-CR-567",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:AdditionalInformation",
        (
            "[UBL-CR-567]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalInformation"
        ),
    ),
    (
        "UBL-CR-568",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:Keyword",
        "[UBL-CR-568]-A UBL invoice should not include the InvoiceLine Item Keyword",
    ),
    (
        "UBL-CR-569",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:BrandName",
        "[UBL-CR-569]-A UBL invoice should not include the InvoiceLine Item BrandName",
    ),
    (
        "UBL-CR-570",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cbc:ModelName",
        "[UBL-CR-570]-A UBL invoice should not include the InvoiceLine Item ModelName",
    ),
    (
        "UBL-CR-571",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:BuyersItemIdentification/cbc:ExtendedID",
        (
            "[UBL-CR-571]-A UBL invoice should not include the InvoiceLine Item "
            "BuyersItemIdentification ExtendedID"
        ),
    ),
    (
        "UBL-CR-572",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:BuyersItemIdentification/cbc:BarcodeSymbologyID",
        (
            "[UBL-CR-572]-A UBL invoice should not include the InvoiceLine Item "
            "BuyersItemIdentification BarcodeSymbologyID"
        ),
    ),
    (
        "UBL-CR-573",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:BuyersItemIdentification/cac:PhysicalAttribute",
        (
            "[UBL-CR-573]-A UBL invoice should not include the InvoiceLine Item "
            "BuyersItemIdentification PhysicalAttribute"
        ),
    ),
    (
        "UBL-CR-574",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:BuyersItemIdentification/cac:MeasurementDimension",
        (
            "[UBL-CR-574]-A UBL invoice should not include the InvoiceLine Item "
            "BuyersItemIdentification MeasurementDimension"
        ),
    ),
    (
        "UBL-CR-575",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:BuyersItemIdentification/cac:IssuerParty",
        (
            "[UBL-CR-575]-A UBL invoice should not include the InvoiceLine Item "
            "BuyersItemIdentification IssuerParty"
        ),
    ),
    (
        "UBL-CR-576",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:SellersItemIdentification/cbc:ExtendedID",
        (
            "[UBL-CR-576]-A UBL invoice should not include the InvoiceLine Item "
            "SellersItemIdentification ExtendedID"
        ),
    ),
    (
        "UBL-CR-577",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:SellersItemIdentification/cbc:BarcodeSymbologyID",
        (
            "[UBL-CR-577]-A UBL invoice should not include the InvoiceLine Item "
            "SellersItemIdentification BarcodeSymbologyID"
        ),
    ),
    (
        "UBL-CR-578",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:SellersItemIdentification/cac:PhysicalAttribute",
        (
            "[UBL-CR-578]-A UBL invoice should not include the InvoiceLine Item "
            "SellersItemIdentification PhysicalAttribute"
        ),
    ),
    (
        "UBL-CR-579",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:SellersItemIdentification/cac:MeasurementDimension",
        (
            "[UBL-CR-579]-A UBL invoice should not include the InvoiceLine Item "
            "SellersItemIdentification MeasurementDimension"
        ),
    ),
    (
        "UBL-CR-580",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:SellersItemIdentification/cac:IssuerParty",
        (
            "[UBL-CR-580]-A UBL invoice should not include the InvoiceLine Item "
            "SellersItemIdentification IssuerParty"
        ),
    ),
    (
        "UBL-CR-581",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ManufacturersItemIdentification",
        (
            "[UBL-CR-581]-A UBL invoice should not include the InvoiceLine Item "
            "ManufacturersItemIdentification"
        ),
    ),
    (
        "UBL-CR-582",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:StandardItemIdentification/cbc:ExtendedID",
        (
            "[UBL-CR-582]-A UBL invoice should not include the InvoiceLine Item "
            "StandardItemIdentification ExtendedID"
        ),
    ),
    (
        "UBL-CR-583",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:StandardItemIdentification/cbc:BarcodeSymbologyID",
        (
            "[UBL-CR-583]-A UBL invoice should not include the InvoiceLine Item "
            "StandardItemIdentification BarcodeSymbologyID"
        ),
    ),
    (
        "UBL-CR-584",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:StandardItemIdentification/cac:PhysicalAttribute",
        (
            "[UBL-CR-584]-A UBL invoice should not include the InvoiceLine Item "
            "StandardItemIdentification PhysicalAttribute"
        ),
    ),
    (
        "UBL-CR-585",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:StandardItemIdentification/cac:MeasurementDimension",
        (
            "[UBL-CR-585]-A UBL invoice should not include the InvoiceLine Item "
            "StandardItemIdentification MeasurementDimension"
        ),
    ),
    (
        "UBL-CR-586",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:StandardItemIdentification/cac:IssuerParty",
        (
            "[UBL-CR-586]-A UBL invoice should not include the InvoiceLine Item "
            "StandardItemIdentification IssuerParty"
        ),
    ),
    (
        "UBL-CR-587",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:CatalogueItemIdentification",
        (
            "[UBL-CR-587]-A UBL invoice should not include the InvoiceLine Item "
            "CatalogueItemIdentification"
        ),
    ),
    (
        "UBL-CR-588",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemIdentification",
        (
            "[UBL-CR-588]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemIdentification"
        ),
    ),
    (
        "UBL-CR-589",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:CatalogueDocumentReference",
        (
            "[UBL-CR-589]-A UBL invoice should not include the InvoiceLine Item "
            "CatalogueDocumentReference"
        ),
    ),
    (
        "UBL-CR-590",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ItemSpecificationDocumentReference",
        (
            "[UBL-CR-590]-A UBL invoice should not include the InvoiceLine Item "
            "ItemSpecificationDocumentReference"
        ),
    ),
    (
        "UBL-CR-591",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:OriginCountry/cbc:Name",
        "[UBL-CR-591]-A UBL invoice should not include the InvoiceLine Item OriginCountry Name",
    ),
    (
        "UBL-CR-592",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:CommodityClassification/cbc:NatureCode",
        (
            "[UBL-CR-592]-A UBL invoice should not include the InvoiceLine Item "
            "CommodityClassification NatureCode"
        ),
    ),
    (
        "UBL-CR-593",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:CommodityClassification/cbc:CargoTypeCode",
        (
            "[UBL-CR-593]-A UBL invoice should not include the InvoiceLine Item "
            "CommodityClassification CargoTypeCode"
        ),
    ),
    (
        "UBL-CR-594",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:CommodityClassification/cbc:CommodityCode",
        (
            "[UBL-CR-594]-A UBL invoice should not include the InvoiceLine Item "
            "CommodityClassification CommodityCode"
        ),
    ),
    (
        "UBL-CR-595",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:TransactionConditions",
        (
            "[UBL-CR-595]-A UBL invoice should not include the InvoiceLine Item "
            "TransactionConditions"
        ),
    ),
    (
        "UBL-CR-596",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:HazardousItem",
        "[UBL-CR-596]-A UBL invoice should not include the InvoiceLine Item HazardousItem",
    ),
    (
        "UBL-CR-597",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:Name",
        (
            "[UBL-CR-597]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory Name"
        ),
    ),
    (
        "UBL-CR-598",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:BaseUnitMeasure",
        (
            "[UBL-CR-598]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory BaseUnitMeasure"
        ),
    ),
    (
        "UBL-CR-599",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:PerUnitAmount",
        (
            "[UBL-CR-599]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory PerUnitAmount"
        ),
    ),
    (
        "UBL-CR-600",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReasonCode",
        (
            "[UBL-CR-600]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxExemptionReasonCode"
        ),
    ),
    (
        "UBL-CR-601",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason",
        (
            "[UBL-CR-601]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxExemptionReason"
        ),
    ),
    (
        "UBL-CR-602",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRange",
        (
            "[UBL-CR-602]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TierRange"
        ),
    ),
    (
        "UBL-CR-603",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cbc:TierRatePercent",
        (
            "[UBL-CR-603]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TierRatePercent"
        ),
    ),
    (
        "UBL-CR-604",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:Name",
        (
            "[UBL-CR-604]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxScheme Name"
        ),
    ),
    (
        "UBL-CR-605",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:TaxTypeCode",
        (
            "[UBL-CR-605]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxScheme TaxTypeCode"
        ),
    ),
    (
        "UBL-CR-606",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:CurrencyCode",
        (
            "[UBL-CR-606]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxScheme CurrencyCode"
        ),
    ),
    (
        "UBL-CR-607",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress",
        (
            "[UBL-CR-607]-A UBL invoice should not include the InvoiceLine Item "
            "ClassifiedTaxCategory TaxScheme JurisdictionRegionAddress"
        ),
    ),
    (
        "UBL-CR-608",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:ID",
        (
            "[UBL-CR-608]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ID"
        ),
    ),
    (
        "UBL-CR-609",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:NameCode",
        (
            "[UBL-CR-609]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty NameCode"
        ),
    ),
    (
        "UBL-CR-610",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:TestMethod",
        (
            "[UBL-CR-610]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty TestMethod"
        ),
    ),
    (
        "UBL-CR-611",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:ValueQuantity",
        (
            "[UBL-CR-611]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ValueQuantity"
        ),
    ),
    (
        "UBL-CR-612",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:ValueQualifier",
        (
            "[UBL-CR-612]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ValueQualifier"
        ),
    ),
    (
        "UBL-CR-613",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:ImportanceCode",
        (
            "[UBL-CR-613]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ImportanceCode"
        ),
    ),
    (
        "UBL-CR-614",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cbc:ListValue",
        (
            "[UBL-CR-614]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ListValue"
        ),
    ),
    (
        "UBL-CR-615",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cac:UsabilityPeriod",
        (
            "[UBL-CR-615]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty UsabilityPeriod"
        ),
    ),
    (
        "UBL-CR-616",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyGroup",
        (
            "[UBL-CR-616]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ItemPropertyGroup"
        ),
    ),
    (
        "UBL-CR-617",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cac:RangeDimension",
        (
            "[UBL-CR-617]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty RangeDimension"
        ),
    ),
    (
        "UBL-CR-618",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:AdditionalItemProperty/cac:ItemPropertyRange",
        (
            "[UBL-CR-618]-A UBL invoice should not include the InvoiceLine Item "
            "AdditionalItemProperty ItemPropertyRange"
        ),
    ),
    (
        "UBL-CR-619",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ManufacturerParty",
        "[UBL-CR-619]-A UBL invoice should not include the InvoiceLine Item ManufacturerParty",
    ),
    (
        "UBL-CR-620",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:InformationContentProviderParty",
        (
            "[UBL-CR-620]-A UBL invoice should not include the InvoiceLine Item "
            "InformationContentProviderParty"
        ),
    ),
    (
        "UBL-CR-621",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:OriginAddress",
        "[UBL-CR-621]-A UBL invoice should not include the InvoiceLine Item OriginAddress",
    ),
    (
        "UBL-CR-622",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:ItemInstance",
        "[UBL-CR-622]-A UBL invoice should not include the InvoiceLine Item ItemInstance",
    ),
    (
        "UBL-CR-623",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:Certificate",
        "[UBL-CR-623]-A UBL invoice should not include the InvoiceLine Item Certificate",
    ),
    (
        "UBL-CR-624",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Item/cac:Dimension",
        "[UBL-CR-624]-A UBL invoice should not include the InvoiceLine Item Dimension",
    ),
    (
        "UBL-CR-625",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:PriceChangeReason",
        (
            "[UBL-CR-625]-A UBL invoice should not include the InvoiceLine Item Price "
            "PriceChangeReason"
        ),
    ),
    (
        "UBL-CR-626",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:PriceTypeCode",
        "[UBL-CR-626]-A UBL invoice should not include the InvoiceLine Item Price PriceTypeCode",
    ),
    (
        "UBL-CR-627",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:PriceType",
        "[UBL-CR-627]-A UBL invoice should not include the InvoiceLine Item Price PriceType",
    ),
    (
        "UBL-CR-628",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:OrderableUnitFactorRate",
        (
            "[UBL-CR-628]-A UBL invoice should not include the InvoiceLine Item Price "
            "OrderableUnitFactorRate"
        ),
    ),
    (
        "UBL-CR-629",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:ValidityPeriod",
        ("[UBL-CR-629]-A UBL invoice should not include the InvoiceLine Item Price ValidityPeriod"),
    ),
    (
        "UBL-CR-630",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cbc:PriceList",
        "[UBL-CR-630]-A UBL invoice should not include the InvoiceLine Item Price PriceList",
    ),
    (
        "UBL-CR-632",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:ID",
        (
            "[UBL-CR-632]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge ID"
        ),
    ),
    (
        "UBL-CR-633",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode",
        (
            "[UBL-CR-633]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge AllowanceChargeReasonCode"
        ),
    ),
    (
        "UBL-CR-634",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason",
        (
            "[UBL-CR-634]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge AllowanceChargeReason"
        ),
    ),
    (
        "UBL-CR-635",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric",
        (
            "[UBL-CR-635]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge MultiplierFactorNumeric"
        ),
    ),
    (
        "UBL-CR-636",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:PrepaidIndicator",
        (
            "[UBL-CR-636]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge PrepaidIndicator"
        ),
    ),
    (
        "UBL-CR-637",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:SequenceNumeric",
        (
            "[UBL-CR-637]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge SequenceNumeric"
        ),
    ),
    (
        "UBL-CR-638",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:AccountingCostCode",
        (
            "[UBL-CR-638]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge AccountingCostCode"
        ),
    ),
    (
        "UBL-CR-639",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:AccountingCost",
        (
            "[UBL-CR-639]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge AccountingCost"
        ),
    ),
    (
        "UBL-CR-640",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cbc:PerUnitAmount",
        (
            "[UBL-CR-640]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge PerUnitAmount"
        ),
    ),
    (
        "UBL-CR-641",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cac:TaxCategory",
        (
            "[UBL-CR-641]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge TaxCategory"
        ),
    ),
    (
        "UBL-CR-642",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cac:TaxTotal",
        (
            "[UBL-CR-642]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge TaxTotal"
        ),
    ),
    (
        "UBL-CR-643",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:AllowanceCharge/cac:PaymentMeans",
        (
            "[UBL-CR-643]-A UBL invoice should not include the InvoiceLine Item Price "
            "AllowanceCharge PaymentMeans"
        ),
    ),
    (
        "UBL-CR-644",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:Price/cac:PricingExchangeRate",
        (
            "[UBL-CR-644]-A UBL invoice should not include the InvoiceLine Item Price "
            "PricingExchangeRate"
        ),
    ),
    (
        "UBL-CR-645",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:DeliveryTerms",
        "[UBL-CR-645]-A UBL invoice should not include the InvoiceLine DeliveryTerms",
    ),
    (
        "UBL-CR-646",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:SubInvoiceLine",
        "[UBL-CR-646]-A UBL invoice should not include the InvoiceLine SubInvoiceLine",
    ),
    (
        "UBL-CR-647",
        WARNING,
        "(cac:InvoiceLine|cac:CreditNoteLine)/cac:ItemPriceExtension",
        "[UBL-CR-647]-A UBL invoice should not include the InvoiceLine ItemPriceExtension",
    ),
    (
        "UBL-CR-648",
        WARNING,
        "cbc:CustomizationID/@schemeID",
        "[UBL-CR-648]-A UBL invoice should not include the CustomizationID scheme identifier",
    ),
    (
        "UBL-CR-649",
        WARNING,
        "cbc:ProfileID/@schemeID",
        "[UBL-CR-649]-A UBL invoice should not include the ProfileID scheme identifier",
    ),
    (
        "UBL-CR-650",
        WARNING,
        "cbc:ID/@schemeID",
        "[UBL-CR-650]-A UBL invoice shall not include the Invoice ID scheme identifier",
    ),
    (
        "UBL-CR-651",
        WARNING,
        "cbc:SalesOrderID/@schemeID",
        "[UBL-CR-651]-A UBL invoice should not include the SalesOrderID scheme identifier",
    ),
    (
        "UBL-CR-652",
        WARNING,
        "//cac:PartyTaxScheme/cbc:CompanyID/@schemeID",
        (
            "[UBL-CR-652]-A UBL invoice should not include the PartyTaxScheme CompanyID scheme "
            "identifier"
        ),
    ),
    (
        "UBL-CR-653",
        WARNING,
        "cac:PaymentMeans/cbc:PaymentID/@schemeID",
        "[UBL-CR-653]-A UBL invoice should not include the PaymentID scheme identifier",
    ),
    (
        "UBL-CR-654",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID/@schemeID",
        (
            "[UBL-CR-654]-A UBL invoice should not include the PayeeFinancialAccount scheme "
            "identifier"
        ),
    ),
    (
        "UBL-CR-655",
        WARNING,
        "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID/@schemeID",
        (
            "[UBL-CR-655]-A UBL invoice shall not include the FinancialInstitutionBranch ID "
            "scheme identifier"
        ),
    ),
    (
        "UBL-CR-656",
        WARNING,
        "cbc:InvoiceTypeCode/@listID",
        "[UBL-CR-656]-A UBL invoice should not include the InvoiceTypeCode listID",
    ),
    (
        "UBL-CR-657",
        WARNING,
        "cbc:DocumentCurrencyCode/@listID",
        "[UBL-CR-657]-A UBL invoice should not include the DocumentCurrencyCode listID",
    ),
    (
        "UBL-CR-658",
        WARNING,
        "cbc:TaxCurrencyCode/@listID",
        "[UBL-CR-658]-A UBL invoice should not include the TaxCurrencyCode listID",
    ),
    (
        "UBL-CR-659",
        WARNING,
        "cac:AdditionalDocumentReference/cbc:DocumentTypeCode/@listID",
        (
            "[UBL-CR-659]-A UBL invoice shall not include the AdditionalDocumentReference "
            "DocumentTypeCode listID"
        ),
    ),
    (
        "UBL-CR-660",
        WARNING,
        "//cac:Country/cbc:IdentificationCode/@listID",
        "[UBL-CR-660]-A UBL invoice should not include the Country Identification code listID",
    ),
    (
        "UBL-CR-661",
        WARNING,
        "cac:PaymentMeans/cbc:PaymentMeansCode/@listID",
        "[UBL-CR-661]-A UBL invoice should not include the PaymentMeansCode listID",
    ),
    (
        "UBL-CR-662",
        WARNING,
        "//cbc:AllowanceChargeReasonCode/@listID",
        "[UBL-CR-662]-A UBL invoice should not include the AllowanceChargeReasonCode listID",
    ),
    (
        "UBL-CR-663",
        WARNING,
        "//@unitCodeListID",
        "[UBL-CR-663]-A UBL invoice should not include the unitCodeListID",
    ),
    (
        "UBL-CR-664",
        WARNING,
        "//cac:FinancialInstitution",
        (
            "[UBL-CR-664]-A UBL invoice should not include the FinancialInstitutionBranch "
            "FinancialInstitution"
        ),
    ),
    (
        "UBL-CR-667",
        WARNING,
        "//cac:BuyersItemIdentification/cbc:ID/@schemeID",
        "[UBL-CR-667]-A UBL invoice should not include a Buyer Item Identification schemeID",
    ),
    (
        "UBL-CR-668",
        WARNING,
        "//cac:SellersItemIdentification/cbc:ID/@schemeID",
        "[UBL-CR-668]-A UBL invoice should not include a Sellers Item Identification schemeID",
    ),
    (
        "UBL-CR-669",
        WARNING,
        "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode",
        "[UBL-CR-669]-A UBL invoice should not include a Price Allowance Reason Code",
    ),
    (
        "UBL-CR-670",
        WARNING,
        "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason",
        "[UBL-CR-670]-A UBL invoice should not include a Price Allowance Reason",
    ),
    (
        "UBL-CR-671",
        WARNING,
        "//cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric",
        "[UBL-CR-671]-A UBL invoice should not include a Price Allowance Multiplier Factor",
    ),
    (
        "UBL-CR-672",
        WARNING,
        "cbc:CreditNoteTypeCode/@listID",
        "[UBL-CR-672]-A UBL credit note should not include the CreditNoteTypeCode listID",
    ),
    (
        "UBL-CR-674",
        WARNING,
        "//cbc:PrimaryAccountNumberID/@schemeID",
        "[UBL-CR-674]-A UBL invoice should not include the PrimaryAccountNumber schemeID",
    ),
    (
        "UBL-CR-675",
        WARNING,
        "//cac:CardAccount/cbc:NetworkID/@schemeID",
        "[UBL-CR-675]-A UBL invoice should not include the NetworkID schemeID",
    ),
    (
        "UBL-CR-676",
        WARNING,
        "//cac:PaymentMandate/cbc:ID/@schemeID",
        "[UBL-CR-676]-A UBL invoice should not include the PaymentMandate/ID schemeID",
    ),
    (
        "UBL-CR-677",
        WARNING,
        "//cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID/@schemeID",
        "[UBL-CR-677]-A UBL invoice should not include the PayerFinancialAccount/ID schemeID",
    ),
    (
        "UBL-CR-678",
        WARNING,
        "//cac:TaxCategory/cbc:ID/@schemeID",
        "[UBL-CR-678]-A UBL invoice should not include the TaxCategory/ID schemeID",
    ),
    (
        "UBL-CR-679",
        WARNING,
        "//cac:ClassifiedTaxCategory/cbc:ID/@schemeID",
        "[UBL-CR-679]-A UBL invoice should not include the ClassifiedTaxCategory/ID schemeID",
    ),
    (
        "UBL-CR-680",
        WARNING,
        "//cac:PaymentMeans/cac:PayerFinancialAccount",
        "[UBL-CR-680]-A UBL invoice should not include the PaymentMeans/PayerFinancialAccount",
    ),
    (
        "UBL-CR-681",
        WARNING,
        "cac:PaymentMeans/cbc:InstructionNote",
        "[UBL-CR-681]-A UBL invoice should not include the PaymentMeans InstructionNote",
    ),
    (
        "UBL-CR-682",
        WARNING,
        "cac:Delivery/cac:DeliveryAddress",
        "[UBL-CR-682]-A UBL invoice should not include the Delivery DeliveryAddress",
    ),
    (
        "UBL-DT-08",
        WARNING,
        "//@schemeName",
        "[UBL-DT-08]-Scheme name attribute should not be present",
    ),
    (
        "UBL-DT-09",
        WARNING,
        "//@schemeAgencyName",
        "[UBL-DT-09]-Scheme agency name attribute should not be present",
    ),
    (
        "UBL-DT-10",
        WARNING,
        "//@schemeDataURI",
        "[UBL-DT-10]-Scheme data uri attribute should not be present",
    ),
    (
        "UBL-DT-11",
        WARNING,
        "//@schemeURI",
        "[UBL-DT-11]-Scheme uri attribute should not be present",
    ),
    (
        "UBL-DT-12",
        WARNING,
        "//@format",
        "[UBL-DT-12]-Format attribute should not be present",
    ),
    (
        "UBL-DT-13",
        WARNING,
        "//@unitCodeListIdentifier",
        "[UBL-DT-13]-Unit code list identifier attribute should not be present",
    ),
    (
        "UBL-DT-14",
        WARNING,
        "//@unitCodeListAgencyIdentifier",
        "[UBL-DT-14]-Unit code list agency identifier attribute should not be present",
    ),
    (
        "UBL-DT-15",
        WARNING,
        "//@unitCodeListAgencyName",
        "[UBL-DT-15]-Unit code list agency name attribute should not be present",
    ),
    (
        "UBL-DT-16",
        WARNING,
        "//@listAgencyName",
        "[UBL-DT-16]-List agency name attribute should not be present",
    ),
    (
        "UBL-DT-17",
        WARNING,
        "//@listName",
        "[UBL-DT-17]-List name attribute should not be present",
    ),
    (
        "UBL-DT-19",
        WARNING,
        "//@languageID",
        "[UBL-DT-19]-Language identifier attribute should not be present",
    ),
    (
        "UBL-DT-20",
        WARNING,
        "//@listURI",
        "[UBL-DT-20]-List uri attribute should not be present",
    ),
    (
        "UBL-DT-21",
        WARNING,
        "//@listSchemeURI",
        "[UBL-DT-21]-List scheme uri attribute should not be present",
    ),
    (
        "UBL-DT-22",
        WARNING,
        "//@languageLocaleID",
        "[UBL-DT-22]-Language local identifier attribute should not be present",
    ),
    (
        "UBL-DT-23",
        WARNING,
        "//@uri",
        "[UBL-DT-23]-Uri attribute should not be present",
    ),
    (
        "UBL-DT-24",
        WARNING,
        "//@currencyCodeListVersionID",
        "[UBL-DT-24]-Currency code list version id should not be present",
    ),
    (
        "UBL-DT-25",
        WARNING,
        "//@characterSetCode",
        "[UBL-DT-25]-CharacterSetCode attribute should not be present",
    ),
    (
        "UBL-DT-26",
        WARNING,
        "//@encodingCode",
        "[UBL-DT-26]-EncodingCode attribute should not be present",
    ),
    (
        "UBL-DT-27",
        WARNING,
        "//@schemeAgencyID",
        "[UBL-DT-27]-Scheme Agency ID attribute should not be present",
    ),
    (
        "UBL-DT-28",
        WARNING,
        "//@listAgencyID",
        "[UBL-DT-28]-List Agency ID attribute should not be present",
    ),
]

AT_MOST_ONCE: list[tuple[Context, str, str, str, str]] = [
    # (context, rule id, severity, path counted from the context node, message)
    (
        SYNTAX_ADDITIONAL_DOCUMENT,
        "UBL-SR-33",
        FATAL,
        "cbc:DocumentDescription",
        "[UBL-SR-33]-Supporting document description shall occur maximum once",
    ),
    (
        SYNTAX_DELIVERY,
        "UBL-SR-25",
        FATAL,
        "cac:DeliveryParty/cac:PartyName/cbc:Name",
        "[UBL-SR-25]-Deliver to party name shall occur maximum once",
    ),
    (
        SYNTAX_ALLOWANCE,
        "UBL-SR-30",
        FATAL,
        "cbc:AllowanceChargeReason",
        "[UBL-SR-30]-Document level allowance reason shall occur maximum once",
    ),
    (
        SYNTAX_CHARGE,
        "UBL-SR-31",
        FATAL,
        "cbc:AllowanceChargeReason",
        "[UBL-SR-31]-Document level charge reason shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-01",
        FATAL,
        "cac:ContractDocumentReference/cbc:ID",
        "[UBL-SR-01]-Contract identifier shall occur maximum once.",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-02",
        FATAL,
        "cac:ReceiptDocumentReference/cbc:ID",
        "[UBL-SR-02]-Receive advice identifier shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-03",
        FATAL,
        "cac:DespatchDocumentReference/cbc:ID",
        "[UBL-SR-03]-Despatch advice identifier shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-05",
        FATAL,
        "cac:PaymentTerms/cbc:Note",
        "[UBL-SR-05]-Payment terms shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-08",
        FATAL,
        "cac:InvoicePeriod",
        "[UBL-SR-08]-Invoice period shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-09",
        FATAL,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        "[UBL-SR-09]-Seller name shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-10",
        FATAL,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name",
        "[UBL-SR-10]-Seller trader name shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-11",
        FATAL,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "[UBL-SR-11]-Seller legal registration identifier shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-14",
        FATAL,
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm",
        "[UBL-SR-14]-Seller additional legal information shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-15",
        FATAL,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        "[UBL-SR-15]-Buyer name shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-16",
        FATAL,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID",
        "[UBL-SR-16]-Buyer identifier shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-17",
        FATAL,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
        "[UBL-SR-17]-Buyer legal registration identifier shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-24",
        FATAL,
        "cac:Delivery",
        "[UBL-SR-24]-Deliver to information shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-39",
        FATAL,
        "cac:ProjectReference/cbc:ID",
        "[UBL-SR-39]-Project reference shall occur maximum once.",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-40",
        FATAL,
        "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name",
        "[UBL-SR-40]-Buyer trade name shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-45",
        FATAL,
        "cac:PaymentMeans/cbc:PaymentDueDate",
        "[UBL-SR-45]-Due Date shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-49",
        FATAL,
        "cac:InvoicePeriod/cbc:DescriptionCode",
        "[UBL-SR-49]-Value tax point date shall occur maximum once",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-54",
        FATAL,
        "cac:PaymentMeans/cac:CardAccount",
        "[UBL-SR-54]-An Invoice shall contain maximum one Payment Card account (BG-18).",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-55",
        FATAL,
        "cac:PaymentMeans/cac:PaymentMandate",
        "[UBL-SR-55]-An Invoice shall contain maximum one Payment Mandate (BG-19).",
    ),
    (
        SYNTAX_ROOT,
        "UBL-SR-56",
        FATAL,
        "cac:OriginatorDocumentReference/cbc:ID",
        (
            "[UBL-SR-56]-An Invoice shall contain maximum one Originator document reference "
            "identifier (BT-17)."
        ),
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-34",
        FATAL,
        "cbc:Note",
        "[UBL-SR-34]-Invoice line note shall occur maximum once",
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-35",
        FATAL,
        "cac:OrderLineReference/cbc:LineID",
        "[UBL-SR-35]-Referenced purchase order line identifier shall occur maximum once",
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-36",
        FATAL,
        "cac:InvoicePeriod",
        "[UBL-SR-36]-Invoice line period shall occur maximum once",
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-37",
        FATAL,
        "cac:Price/cac:AllowanceCharge/cbc:Amount",
        "[UBL-SR-37]-Item price discount shall occur maximum once",
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-50",
        FATAL,
        "cac:Item/cbc:Description",
        "[UBL-SR-50]-Item description shall occur maximum once",
    ),
    (
        SYNTAX_LINE,
        "UBL-SR-52",
        FATAL,
        "cac:DocumentReference",
        "[UBL-SR-52]-Document reference shall occur maximum once",
    ),
    (
        SYNTAX_PAYMENT_MEANS,
        "UBL-SR-26",
        FATAL,
        "cbc:PaymentID",
        "[UBL-SR-26]-Payment reference shall occur maximum once",
    ),
    (
        SYNTAX_PAYMENT_MEANS,
        "UBL-SR-27",
        FATAL,
        "cbc:PaymentMeansCode",
        "[UBL-SR-27]-Payment means text shall occur maximum once",
    ),
    (
        SYNTAX_PAYMENT_MEANS,
        "UBL-SR-28",
        FATAL,
        "cac:PaymentMandate/cbc:ID",
        "[UBL-SR-28]-Mandate reference identifier shall occur maximum once",
    ),
    (
        SYNTAX_BILLING_REFERENCE,
        "UBL-SR-06",
        FATAL,
        "cac:InvoiceDocumentReference",
        "[UBL-SR-06]-Preceding invoice reference shall occur maximum once",
    ),
    (
        SYNTAX_TAX_REPRESENTATIVE,
        "UBL-SR-22",
        FATAL,
        "cac:PartyName/cbc:Name",
        (
            "[UBL-SR-22]-Seller tax representative name shall occur maximum once, if the Seller "
            "has a tax representative"
        ),
    ),
    (
        SYNTAX_TAX_REPRESENTATIVE,
        "UBL-SR-23",
        FATAL,
        "cac:PartyTaxScheme/cbc:CompanyID",
        (
            "[UBL-SR-23]-Seller tax representative VAT identifier shall occur maximum once, if "
            "the Seller has a tax representative"
        ),
    ),
    (
        SYNTAX_TAX_SUBTOTAL,
        "UBL-SR-32",
        FATAL,
        "cac:TaxCategory/cbc:TaxExemptionReason",
        "[UBL-SR-32]-VAT exemption reason text shall occur maximum once",
    ),
]

for _rule in FORBIDDEN:
    _register_forbidden(*_rule)
for _rule in AT_MOST_ONCE:
    _register_at_most_once(*_rule)


# --- the irregular ones -----------------------------------------------------------------------


@assertion(
    SYNTAX_ROOT,
    "UBL-CR-002",
    WARNING,
    "[UBL-CR-002]-A UBL invoice should not include the UBLVersionID or it should be 2.1",
)
def ubl_cr_002(node, doc) -> bool:
    """Official test: not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1'"""
    versions = children(node, "cbc:UBLVersionID")
    return not versions or any(string_value(v) == "2.1" for v in versions)


@assertion(
    SYNTAX_ROOT,
    "UBL-CR-412",
    WARNING,
    "[UBL-CR-412]-A UBL invoice should not include the PaymentMeans PaymentDueDate",
)
def ubl_cr_412(node, doc) -> bool:
    """Official test: not(cac:PaymentMeans/cbc:PaymentDueDate) or ../cn:CreditNote"""
    return not exists(node, "cac:PaymentMeans/cbc:PaymentDueDate") or node.tag == CREDIT_NOTE


def _object_references(doc, is_object: bool):
    """AdditionalDocumentReference with DocumentTypeCode = '130' (or, when not, != / absent)."""
    for reference in doc.tagged("cac:AdditionalDocumentReference"):
        codes = [string_value(c) for c in children(reference, "cbc:DocumentTypeCode")]
        other = not codes or any(code != "130" for code in codes)
        if ("130" in codes) if is_object else other:
            yield reference


@assertion(
    SYNTAX_ROOT,
    "UBL-CR-665",
    WARNING,
    "[UBL-CR-665]-A UBL invoice should not include the AdditionalDocumentReference ID schemeID "
    "unless the DocumentTypeCode equals '130'",
)
def ubl_cr_665(node, doc) -> bool:
    """Official test: not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or
    not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID)"""
    return not any(
        identifier.get("schemeID") is not None
        for reference in _object_references(doc, False)
        for identifier in children(reference, "cbc:ID")
    )


@assertion(
    SYNTAX_ROOT,
    "UBL-CR-666",
    FATAL,
    "[UBL-CR-666]-A UBL invoice shall not include an AdditionalDocumentReference "
    "simultaneously referring an Invoice Object Identifier and an Attachment",
)
def ubl_cr_666(node, doc) -> bool:
    """Official test: not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode =
    '130']/cac:Attachment)"""
    return not any(exists(r, "cac:Attachment") for r in _object_references(doc, True))


@assertion(
    SYNTAX_ROOT,
    "UBL-CR-673",
    FATAL,
    "[UBL-CR-673]-A UBL invoice shall not include an AdditionalDocumentReference "
    "simultaneously referring an Invoice Object Identifier and an Document Description",
)
def ubl_cr_673(node, doc) -> bool:
    """Official test: not(//cac:AdditionalDocumentReference[cbc:DocumentTypeCode =
    '130']/cbc:DocumentDescription)"""
    return not any(exists(r, "cbc:DocumentDescription") for r in _object_references(doc, True))


@assertion(SYNTAX_ROOT, "UBL-DT-18", WARNING, "[UBL-DT-18]-Name attribute should not be present")
def ubl_dt_18(node, doc) -> bool:
    """Official test: count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0"""
    # libxml2 answers this in one C pass; a Python loop reads every element's attribute.
    return not _NAME_OUTSIDE_MEANS_CODE(doc.tree)


_NAME_OUTSIDE_MEANS_CODE = etree.XPath(
    "boolean(//@name[not(parent::cbc:PaymentMeansCode)])",
    namespaces={"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"},
)


@assertion(
    SYNTAX_AMOUNT,
    "UBL-DT-01",
    FATAL,
    "[UBL-DT-01]-Amounts shall be decimal up to two fraction digits",
)
def ubl_dt_01(node, doc) -> bool:
    """Official test: string-length(substring-after(.,'.'))<=2"""
    value = string_value(node)
    return len(value.partition(".")[2]) <= 2


@assertion(
    SYNTAX_BINARY_OBJECT,
    "UBL-DT-06",
    FATAL,
    "[UBL-DT-06]-Binary object elements shall contain the mime code attribute",
)
def ubl_dt_06(node, doc) -> bool:
    """Official test: (@mimeCode)"""
    return node.get("mimeCode") is not None


@assertion(
    SYNTAX_BINARY_OBJECT,
    "UBL-DT-07",
    FATAL,
    "[UBL-DT-07]-Binary object elements shall contain the file name attribute",
)
def ubl_dt_07(node, doc) -> bool:
    """Official test: (@filename)"""
    return node.get("filename") is not None


@assertion(
    SYNTAX_BILLING_REFERENCE,
    "UBL-SR-07",
    FATAL,
    "[UBL-SR-07]-If there is a preceding invoice reference, the preceding invoice number shall "
    "be present",
)
def ubl_sr_07(node, doc) -> bool:
    """Official test: (cac:InvoiceDocumentReference/cbc:ID)"""
    return exists(node, "cac:InvoiceDocumentReference/cbc:ID")


@assertion(
    SYNTAX_SELLER_PARTY,
    "UBL-SR-42",
    FATAL,
    "[UBL-SR-42]-Party tax scheme shall occur maximum twice in accounting supplier party",
)
def ubl_sr_42(node, doc) -> bool:
    """Official test: (count(cac:PartyTaxScheme) <= 2)"""
    return len(children(node, "cac:PartyTaxScheme")) <= 2


@assertion(
    SYNTAX_LINE,
    "UBL-SR-48",
    FATAL,
    "[UBL-SR-48]-Invoice lines shall have one and only one classified tax category.",
)
def ubl_sr_48(node, doc) -> bool:
    """Official test: count(cac:Item/cac:ClassifiedTaxCategory) = 1"""
    return len(children(node, "cac:Item/cac:ClassifiedTaxCategory")) == 1


@assertion(
    SYNTAX_ADDRESS, "UBL-SR-51", FATAL, "[UBL-SR-51]-An address can only have one third line."
)
def ubl_sr_51(node, doc) -> bool:
    """Official test: not(cac:AddressLine) or count(cac:AddressLine) = 1"""
    return len(children(node, "cac:AddressLine")) <= 1


@assertion(
    SYNTAX_PARTY_TAX_SCHEME,
    "UBL-SR-53",
    FATAL,
    "[UBL-SR-53]- CompanyID (VAT Identifier) must be stated when providing the "
    "PartyTaxScheme/TaxScheme/ID.",
)
def ubl_sr_53(node, doc) -> bool:
    """Official test: exists(cac:TaxScheme/cbc:ID) and exists(cbc:CompanyID)"""
    return exists(node, "cac:TaxScheme/cbc:ID") and exists(node, "cbc:CompanyID")
