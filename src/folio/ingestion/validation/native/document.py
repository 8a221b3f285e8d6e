"""One walk over a parsed UBL tree, building the index every native rule reads from."""

from __future__ import annotations

from functools import cache, cached_property

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


@cache
def clark(name: str) -> str:
    """ "cac:Party" -> "{urn:...}Party" (the form lxml uses for tags); rules ask for the same
    few names on every document, so each is worked out once."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


class Document:
    """The parsed document: elements by tag in document order, plus lazily computed facts.

    Built in one walk: every element's tag is read once (lxml builds the tag string anew on
    each `.tag`), and the walk also records each element's tag path and its children by tag,
    so contexts, rule paths (`xpath_values.children`) and table rules look things up instead
    of walking the tree again.
    """

    __slots__ = (
        "__dict__",
        "by_tag",
        "child_index",
        "elements",
        "path_of",
        "paths",
        "paths_by_tag",
        "root",
        "tree",
    )

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        root = self.root = tree.getroot()
        root_tag = root.tag
        root_path = (root_tag,)
        elements = [root]
        by_tag: dict[str, list[etree._Element]] = {root_tag: [root]}
        # Elements by their tag path from the document element (root tag first), each list in
        # document order: a context like `cac:Item/cac:ClassifiedTaxCategory` is a few lookups.
        paths: dict[tuple[str, ...], list[etree._Element]] = {root_path: [root]}
        path_of: dict[etree._Element, tuple[str, ...]] = {root: root_path}
        # The distinct tag paths, by their last tag.
        paths_by_tag: dict[str, list[tuple[str, ...]]] = {root_tag: [root_path]}
        # element -> {child tag: [children with that tag, in document order]}; leaves are absent.
        child_index: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        # (parent's tag path) -> {tag: (child's tag path, its element list, the tag's list)}: a
        # path seen before is found with its lists, not built and hashed anew for every element.
        extended: dict[tuple[str, ...], dict[str, tuple]] = {}
        # parent -> (its path, the above for that path, its children by tag), for the runs of
        # siblings that come back to a parent after its first child's subtree.
        parent_state: dict[etree._Element, tuple] = {}
        descendants = root.iter(etree.Element)
        next(descendants)  # the document element itself
        append = elements.append
        last_parent = parent_path = nexts = siblings = None
        for element in descendants:
            tag = element.tag
            parent = element.getparent()
            append(element)
            if parent is not last_parent:
                last_parent = parent
                state = parent_state.get(parent)
                if state is None:
                    parent_path = path_of[parent]
                    nexts = extended.get(parent_path)
                    if nexts is None:
                        nexts = extended[parent_path] = {}
                    siblings = child_index[parent] = {}
                    parent_state[parent] = (parent_path, nexts, siblings)
                else:
                    parent_path, nexts, siblings = state
            entry = nexts.get(tag)
            if entry is None:
                path = (*parent_path, tag)
                path_elements = paths[path] = []
                known = paths_by_tag.get(tag)
                if known is None:
                    paths_by_tag[tag] = [path]
                else:
                    known.append(path)
                tag_elements = by_tag.get(tag)
                if tag_elements is None:
                    tag_elements = by_tag[tag] = []
                entry = nexts[tag] = (path, path_elements, tag_elements)
            path, path_elements, tag_elements = entry
            path_elements.append(element)
            tag_elements.append(element)
            path_of[element] = path
            bucket = siblings.get(tag)
            if bucket is None:
                siblings[tag] = [element]
            else:
                bucket.append(element)
        self.by_tag = by_tag
        self.elements = elements
        self.paths = paths
        self.paths_by_tag = paths_by_tag
        self.path_of = path_of
        self.child_index = child_index

    def tagged(self, name: str) -> list[etree._Element]:
        return self.by_tag.get(clark(name), [])

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
        """An XPath like the official one: /Invoice/cac:AccountingSupplierParty[1]/...

        Read off the index: tags from the element's tag path, positions from its parent's
        children of that tag (no tag strings rebuilt, no sibling walks)."""
        path = self.path_of.get(element)
        if path is None:
            return self._location_by_walking(element)
        steps = []
        node = element
        depth = len(path) - 1
        child_index = self.child_index
        while node is not None:
            tag = path[depth]
            parent = node.getparent()
            if parent is None:
                steps.append(f"/{_step_names(tag)[1]}")
            else:
                position = child_index[parent][tag].index(node) + 1
                steps.append(f"/{_step_names(tag)[0]}[{position}]")
            node = parent
            depth -= 1
        return "".join(reversed(steps))

    def _location_by_walking(self, element: etree._Element) -> str:
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


@cache
def _step_names(tag: str) -> tuple[str, str]:
    """A Clark tag's location step below the document element ("cac:Party" where the
    namespace has a prefix) and as the document element (the local name)."""
    qname = etree.QName(tag)
    prefix = PREFIX_OF.get(qname.namespace)
    return (f"{prefix}:{qname.localname}" if prefix else qname.localname), qname.localname
