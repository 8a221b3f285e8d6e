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
ROOT_TAGS = frozenset((INVOICE, CREDIT_NOTE))


# Whether a selection takes the elements at a tag path: True, False, or (a union with filtered
# parts) a predicate that picks some of them.
PathMatch = Callable[[tuple[str, ...]], "bool | Predicate"]


class Select:
    """A context's selection. `tags`, when known, are the tags a selected element can have:
    the engine skips the selection when the document has none of them (most contexts, e.g.
    national ones or the nine VAT categories, match nothing in a given document).

    A structural selection (`tail`, `rooted`, their unions, `.where` filters) also says which
    tag paths it takes (`path_match`, root tag first) and which elements of those it keeps
    (`predicate`): the engine then picks the nodes of every such context in one pass over the
    document's distinct tag paths, remembering across documents which contexts a path feeds.
    """

    def __init__(
        self,
        pick: Callable[[Document], list[etree._Element]],
        tags: frozenset[str] | None = None,
        gate: Callable[[Document], bool] | None = None,
        *,
        path_match: PathMatch | None = None,
        predicate: Predicate | None = None,
    ):
        self._pick = pick
        self.tags = tags
        # A document-wide condition (a country gate) without which nothing is selected.
        self.gate = gate
        self.path_match = path_match
        self.predicate = predicate

    def __call__(self, document: Document) -> list[etree._Element]:
        return self._pick(document)

    def where(self, predicate: Predicate) -> Select:
        if self.predicate is None:
            combined = predicate
        else:
            first = self.predicate
            combined = lambda e: first(e) and predicate(e)  # noqa: E731
        return Select(
            lambda document: [e for e in self._pick(document) if predicate(e)],
            tags=self.tags,
            gate=self.gate,
            path_match=self.path_match,
            predicate=combined,
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

    size = len(steps)
    return Select(pick, tags=frozenset((last,)), path_match=lambda path: path[-size:] == steps)


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

    return Select(pick, tags=frozenset((steps[-1],)), path_match=below_document_element(steps))


def below_document_element(steps: tuple[str, ...]) -> PathMatch:
    """Paths `/ubl:Invoice/steps` and `/cn:CreditNote/steps`."""
    size = len(steps) + 1
    return lambda path: len(path) == size and path[0] in ROOT_TAGS and path[1:] == steps


def document_root() -> Select:
    """`/ubl:Invoice | /cn:CreditNote`."""
    return Select(
        lambda document: [document.root] if document.root.tag in ROOT_TAGS else [],
        tags=ROOT_TAGS,
        path_match=lambda path: len(path) == 1 and path[0] in ROOT_TAGS,
    )


def union(*selects: Select) -> Select:
    def pick(document: Document) -> list[etree._Element]:
        found = [picked for picked in (select(document) for select in selects) if picked]
        if not found:
            return []
        if len(found) == 1:  # one part's elements: already in document order
            return list(found[0])
        seen = dict.fromkeys(element for picked in found for element in picked)
        return sorted(seen, key=document.order.__getitem__)

    known = [select.tags for select in selects]
    tags = None if any(t is None for t in known) else frozenset().union(*known)
    structural = all(select.path_match is not None and select.gate is None for select in selects)
    return Select(pick, tags=tags, path_match=_union_path_match(selects) if structural else None)


def _union_path_match(selects: tuple[Select, ...]) -> PathMatch:
    """For a union of structural selections, some filtered (`.where`): a tag path that one
    unfiltered selection takes is taken whole; one that only filtered selections take is taken
    with their filters (the answer is then the filter, which the engine applies to the path's
    elements); else it is not taken."""

    def path_match(path: tuple[str, ...]):
        filters = []
        for select in selects:
            taken = select.path_match(path)
            if not taken:
                continue
            predicate = select.predicate
            if callable(taken):  # a union inside a union
                predicate = (
                    taken if predicate is None else (lambda e, a=taken, b=predicate: a(e) and b(e))
                )
            if predicate is None:
                return True
            filters.append(predicate)
        if not filters:
            return False
        if len(filters) == 1:
            return filters[0]
        return lambda e: any(keep(e) for keep in filters)

    return path_match
