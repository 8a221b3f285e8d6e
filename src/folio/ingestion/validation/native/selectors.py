"""Selectors for rule contexts: which elements a schematron match pattern picks.

`tail("cac:Party/cbc:EndpointID")` is the relative pattern `cac:Party/cbc:EndpointID` (any
element with those parents); `rooted(...)` is `/ubl:Invoice/...` (from the document element);
`document_root()` is `/ubl:Invoice | /cn:CreditNote`. `.where(predicate)` filters, `union`
combines in document order. All read the document index: no tree scans.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from folio.ingestion.validation.native.document import CREDIT_NOTE, INVOICE, Document, clark

Predicate = Callable[[etree._Element], bool]


class Select:
    """A context's selection. `tags`, when known, are the tags a selected element can have:
    the engine skips the selection when the document has none of them (most contexts, e.g.
    national ones or the nine VAT categories, match nothing in a given document)."""

    def __init__(
        self,
        pick: Callable[[Document], list[etree._Element]],
        tags: frozenset[str] | None = None,
        gate: Callable[[Document], bool] | None = None,
    ):
        self._pick = pick
        self.tags = tags
        # A document-wide condition (a country gate) without which nothing is selected.
        self.gate = gate

    def __call__(self, document: Document) -> list[etree._Element]:
        return self._pick(document)

    def may_match(self, document: Document) -> bool:
        tags = self.tags
        if tags is not None:
            by_tag = document.by_tag
            if not any(tag in by_tag for tag in tags):
                return False
        return self.gate is None or self.gate(document)

    def where(self, predicate: Predicate) -> Select:
        return Select(
            lambda document: [e for e in self._pick(document) if predicate(e)],
            tags=self.tags,
            gate=self.gate,
        )


def _parents_match(element: etree._Element, parents: tuple[str, ...]) -> bool:
    node = element
    for tag in reversed(parents):
        node = node.getparent()
        if node is None or node.tag != tag:
            return False
    return True


def tail(path: str) -> Select:
    """A relative match pattern like `cac:InvoiceLine/cac:InvoicePeriod`."""
    steps = tuple(clark(step) for step in path.split("/"))
    last = steps[-1]

    def pick(document: Document) -> list[etree._Element]:
        if len(steps) == 1:
            return list(document.by_tag.get(last, ()))
        if last not in document.by_tag:
            return []
        return document.ending_with(steps)

    return Select(pick, tags=frozenset((last,)))


def rooted(path: str) -> Select:
    """`/ubl:Invoice/cac:AllowanceCharge | /cn:CreditNote/cac:AllowanceCharge`, given as
    "cac:AllowanceCharge" (the part below the document element)."""
    steps = tuple(clark(step) for step in path.split("/"))

    def pick(document: Document) -> list[etree._Element]:
        if document.root.tag not in (INVOICE, CREDIT_NOTE):
            return []
        if steps[-1] not in document.by_tag:
            return []
        return list(document.paths.get((document.root.tag, *steps), ()))

    return Select(pick, tags=frozenset((steps[-1],)))


def document_root() -> Select:
    """`/ubl:Invoice | /cn:CreditNote`."""
    return Select(
        lambda document: [document.root] if document.root.tag in (INVOICE, CREDIT_NOTE) else [],
        tags=frozenset((INVOICE, CREDIT_NOTE)),
    )


def union(*selects: Select) -> Select:
    def pick(document: Document) -> list[etree._Element]:
        seen: dict[etree._Element, None] = {}
        for select in selects:
            for element in select(document):
                seen[element] = None
        if len(selects) == 1:
            return list(seen)
        order = document.order
        return sorted(seen, key=order.__getitem__)

    known = [select.tags for select in selects]
    tags = None if any(t is None for t in known) else frozenset().union(*known)
    return Select(pick, tags=tags)
