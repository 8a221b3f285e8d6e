"""One walk over a parsed UBL tree, building the index every native rule reads from."""

from __future__ import annotations

from functools import cached_property

from lxml import etree

NS = {
    "ubl": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
}
PREFIX_OF = {uri: prefix for prefix, uri in NS.items()}
INVOICE = f"{{{NS['ubl']}}}Invoice"
CREDIT_NOTE = f"{{{NS['cn']}}}CreditNote"


def clark(name: str) -> str:
    """ "cac:Party" -> "{urn:...}Party" (the form lxml uses for tags)."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


class Document:
    """The parsed document: elements by tag in document order, plus lazily computed facts."""

    __slots__ = ("__dict__", "by_tag", "elements", "root", "tree")

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self.root = tree.getroot()
        by_tag: dict[str, list[etree._Element]] = {}
        elements = []
        for element in self.root.iter(tag=etree.Element):
            elements.append(element)
            bucket = by_tag.get(element.tag)
            if bucket is None:
                by_tag[element.tag] = [element]
            else:
                bucket.append(element)
        self.by_tag = by_tag
        self.elements = elements

    def tagged(self, name: str) -> list[etree._Element]:
        return self.by_tag.get(clark(name), [])

    @cached_property
    def paths(self) -> dict[tuple[str, ...], list[etree._Element]]:
        """Elements by their tag path from the document element (root tag first), each list
        in document order: one walk, so a context like `cac:Item/cac:ClassifiedTaxCategory`
        is a few lookups by path instead of a parent check on every candidate."""
        by_path: dict[tuple[str, ...], list[etree._Element]] = {}

        def walk(element, path):
            for child in element:
                tag = child.tag
                if not isinstance(tag, str):  # comments, processing instructions
                    continue
                child_path = (*path, tag)
                bucket = by_path.get(child_path)
                if bucket is None:
                    by_path[child_path] = [child]
                else:
                    bucket.append(child)
                if len(child):
                    walk(child, child_path)

        by_path[(self.root.tag,)] = [self.root]
        walk(self.root, (self.root.tag,))
        return by_path

    @cached_property
    def paths_by_tag(self) -> dict[str, list[tuple[str, ...]]]:
        """The distinct tag paths, by their last tag."""
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for path in self.paths:
            grouped.setdefault(path[-1], []).append(path)
        return grouped

    def ending_with(self, steps: tuple[str, ...]) -> list[etree._Element]:
        """Every element whose tag path ends with `steps`, in document order."""
        size = len(steps)
        found = [
            self.paths[path]
            for path in self.paths_by_tag.get(steps[-1], ())
            if path[-size:] == steps
        ]
        if not found:
            return []
        if len(found) == 1:
            return list(found[0])
        order = self.order
        return sorted((e for elements in found for e in elements), key=order.__getitem__)

    @cached_property
    def order(self) -> dict[etree._Element, int]:
        return {element: index for index, element in enumerate(self.elements)}

    @cached_property
    def is_credit_note(self) -> bool:
        return self.root.tag == CREDIT_NOTE

    @cached_property
    def document_type(self) -> str | None:
        return {INVOICE: "Invoice", CREDIT_NOTE: "CreditNote"}.get(self.root.tag)

    def location(self, element: etree._Element) -> str:
        """An XPath like the official one: /Invoice/cac:AccountingSupplierParty[1]/..."""
        steps = []
        node = element
        while node is not None:
            qname = etree.QName(node)
            prefix = PREFIX_OF.get(qname.namespace)
            name = (
                f"{prefix}:{qname.localname}"
                if prefix and node is not self.root
                else qname.localname
            )
            parent = node.getparent()
            if parent is None:
                steps.append(f"/{name}")
            else:
                position = 1 + sum(
                    1 for s in node.itersiblings(preceding=True) if s.tag == node.tag
                )
                steps.append(f"/{name}[{position}]")
            node = parent
        return "".join(reversed(steps))
