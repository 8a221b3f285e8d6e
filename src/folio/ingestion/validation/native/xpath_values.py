"""XPath 2.0 value semantics the official stylesheets rely on, in Python.

The stylesheets compare strings after `normalize-space`, cast with `xs:decimal` (exact decimal
arithmetic, no exponent allowed), compare untyped values with numbers as `xs:double`, and round
half up (`round(x * 10 * 10) div 100`). Matching those rules exactly is what makes the native
verdicts equal to the official ones.
"""

from __future__ import annotations

import math
import re
import threading
from contextlib import contextmanager
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

from folio.ingestion.validation.native.document import clark

# XSD lexical forms: the digits 0-9 only (Python's \d takes any Unicode digit, hence re.ASCII),
# and only these four whitespace characters are trimmed (str.strip() would take more).
XML_WHITESPACE = " \t\r\n"
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
_DOUBLE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)


class XPathDynamicError(Exception):
    """Where XPath raises a dynamic error (a failed cast); the official run fails there too."""


_XML_WHITESPACE_RUN = re.compile(r"[ \t\r\n]+")


def normalize_space(value: str | None) -> str:
    """XPath normalize-space(): only space, tab, CR and LF count as whitespace. str.split()
    would also take e.g. a no-break space (U+00A0); in ASCII text the two agree (the other
    characters split() takes are not allowed in XML), so that case keeps the fast path."""
    if not value:
        return ""
    if value.isascii():
        return " ".join(value.split())
    return _XML_WHITESPACE_RUN.sub(" ", value).strip(" ")


_COMPILED_PATHS: dict[str, tuple[str, ...]] = {}


def compiled_path(path: str) -> tuple[str, ...]:
    """ "cac:Party/cbc:Name" -> its steps as lxml tags, computed once per distinct path (a
    plain dictionary: rules ask for a path hundreds of times per document)."""
    steps = _COMPILED_PATHS.get(path)
    if steps is None:
        steps = _COMPILED_PATHS[path] = tuple(clark(step) for step in path.split("/"))
    return steps


# element -> {child tag: [children with that tag, in document order]}, for every document
# being validated now (in any thread). Rules call `children(node, "cac:Party/cbc:Name")`
# hundreds of times per document; with the index each step is a dictionary lookup instead of
# an lxml child scan (which also rebuilds every child's tag string). A module global, not a
# thread-local, because reading a thread-local costs more than the lookup itself; documents
# never share elements, so documents validated at once share one merged dictionary.
_INDEX: dict = {}
_INDEX_USERS: dict[int, int] = {}
_INDEX_LOCK = threading.Lock()
_NO_CHILDREN: dict = {}
# Memos of per-element facts that many rules ask again (e.g. "is this category's scheme VAT"),
# element -> value, emptied when no document is being validated (or when they grow large:
# threads that keep overlapping), so that they never keep a document alive.
_ELEMENT_MEMOS: list[dict] = []
_ELEMENT_MEMO_MAX = 100_000


def element_memo() -> dict:
    """A dictionary for caching a fact per element while documents are being validated."""
    memo: dict = {}
    _ELEMENT_MEMOS.append(memo)
    return memo


@contextmanager
def indexed(child_index: dict):
    """Use this document's child index for the path helpers below while the block runs.

    The common case, one document at a time, uses the document's own dictionary as it is;
    documents validated at once in several threads share a merged copy."""
    global _INDEX
    key = id(child_index)
    with _INDEX_LOCK:
        users = _INDEX_USERS.get(key, 0)
        if not users:
            # Alone: the document's own dictionary, as it is. Else a merged copy.
            _INDEX = {**_INDEX, **child_index} if _INDEX_USERS else child_index
        _INDEX_USERS[key] = users + 1
    try:
        yield
    finally:
        with _INDEX_LOCK:
            users = _INDEX_USERS.pop(key) - 1
            if users:
                _INDEX_USERS[key] = users
            elif not _INDEX_USERS:
                _INDEX = {}
            else:  # others go on with the merged copy, without this document's entries
                _INDEX = {
                    element: kids for element, kids in _INDEX.items() if element not in child_index
                }
            for memo in _ELEMENT_MEMOS:
                if not _INDEX_USERS or len(memo) > _ELEMENT_MEMO_MAX:
                    memo.clear()


def _scan(element: etree._Element, steps: tuple[str, ...]) -> list[etree._Element]:
    if len(steps) == 1:
        return list(element.iterchildren(steps[0]))
    current = [element]
    for tag in steps:
        current = [found for node in current for found in node.iterchildren(tag)]
        if not current:
            return []
    return current


def child(element: etree._Element | None, path: str) -> etree._Element | None:
    """The first element at a child path like "cac:Party/cbc:Name": at each step the first
    child with that tag (document order)."""
    if element is None:
        return None
    index = _INDEX
    for tag in compiled_path(path):
        kids = index.get(element)
        if kids is not None:
            found = kids.get(tag)
            element = found[0] if found else None
        elif len(element):  # not of an indexed document (or a leaf): ask lxml
            # iterchildren(tag) is about twice as fast as find(tag), which parses a path.
            element = next(element.iterchildren(tag), None)
        else:
            element = None
        if element is None:
            return None
    return element


def children(element: etree._Element | None, path: str) -> list[etree._Element]:
    """Every element at a child path (all branches, document order), like XPath `a/b/c`."""
    if element is None:
        return []
    steps = _COMPILED_PATHS.get(path) or compiled_path(path)
    index = _INDEX
    kids = index.get(element)
    if kids is None:
        # A leaf of the indexed document, or an element of another tree.
        return _scan(element, steps) if len(element) else []
    if len(steps) == 1:
        found = kids.get(steps[0])
        return list(found) if found else []
    current = [element]
    for tag in steps:
        current = [
            found for node in current for found in (index.get(node) or _NO_CHILDREN).get(tag, ())
        ]
        if not current:
            return []
    return current


def children_by_tag(element: etree._Element) -> dict[str, list[etree._Element]]:
    """The element's child elements by tag, in document order. Read it, don't change it: with
    an active index it is the document's own table."""
    kids = _INDEX.get(element)
    if kids is not None:
        return kids
    if not len(element):
        return _NO_CHILDREN
    found: dict[str, list[etree._Element]] = {}
    for node in element.iterchildren(etree.Element):
        bucket = found.get(node.tag)
        if bucket is None:
            found[node.tag] = [node]
        else:
            bucket.append(node)
    return found


def exists(element: etree._Element | None, path: str) -> bool:
    """`exists(path)`; a one-step path is answered from the index without building a list."""
    if element is None:
        return False
    kids = _INDEX.get(element)
    if kids is not None:
        steps = _COMPILED_PATHS.get(path) or compiled_path(path)
        if len(steps) == 1:
            return steps[0] in kids
    return bool(children(element, path))


def string_value(element: etree._Element | None) -> str:
    """XPath string(): the concatenated text of the element and its descendants."""
    if element is None:
        return ""
    if not len(element):  # a leaf, the common case: its text is its string value
        return element.text or ""
    return "".join(element.itertext())


def text_of(element: etree._Element | None, path: str | None = None) -> str:
    """normalize-space(path): the normalized string value of the first match ('' if none)."""
    node = child(element, path) if path else element
    return normalize_space(string_value(node))


def xs_decimal(value: str) -> Decimal:
    """Cast to xs:decimal; raises XPathDynamicError like XPath does on a bad lexical form."""
    stripped = value.strip(XML_WHITESPACE)
    if not _DECIMAL.match(stripped):
        raise XPathDynamicError(f"cannot cast {value!r} to xs:decimal")
    return Decimal(stripped)


def number(value: str) -> float:
    """XPath number()/xs:double of an untyped value: NaN when not a number."""
    stripped = value.strip(XML_WHITESPACE)
    if not _DOUBLE.match(stripped):
        return math.nan
    try:
        return float(stripped)
    except (ValueError, InvalidOperation):
        return math.nan


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """XPath round(): the nearest value, halves towards positive infinity (floor(x + 0.5))."""
    quantum = Decimal(1).scaleb(-places)
    return (value + quantum / 2).quantize(quantum, rounding=ROUND_FLOOR)


def round_2(value: Decimal) -> Decimal:
    """The stylesheets' `round(x * 10 * 10) div 100`."""
    return round_half_up(value * 100) / 100


def xs_boolean(value: str) -> bool:
    stripped = value.strip(XML_WHITESPACE)
    if stripped in ("true", "1"):
        return True
    if stripped in ("false", "0"):
        return False
    raise XPathDynamicError(f"cannot cast {value!r} to xs:boolean")


def general_equals_boolean(nodes: list[etree._Element], expected: bool) -> bool:
    """`cbc:ChargeIndicator = true()`: some node's value cast to boolean equals it.

    In a match pattern a failing cast means "no match" (XSLT 3.0 treats pattern errors so).
    """
    for node in nodes:
        try:
            if xs_boolean(string_value(node)) is expected:
                return True
        except XPathDynamicError:
            continue
    return False


_DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$", re.ASCII)


def xs_date(value: str) -> tuple[int, int, int]:
    """Cast to xs:date (comparable as a tuple; the stylesheets never mix time zones)."""
    match = _DATE.match(value.strip(XML_WHITESPACE))
    if not match:
        raise XPathDynamicError(f"cannot cast {value!r} to xs:date")
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    try:
        import datetime

        datetime.date(year, month, day)
    except ValueError:
        raise XPathDynamicError(f"cannot cast {value!r} to xs:date") from None
    return (year, month, day)
