"""The one hardened XML parser (ARCHITECTURE.md section 8).

Every XML document that enters Folio goes through `parse_xml`: a size cap before any parsing,
an expat gate that rejects a DOCTYPE (and so any entity declaration) in every encoding expat
reads, then lxml with entities, DTDs, network and huge trees all off. XInclude is never
processed (we never call `xinclude()`), so an `xi:include` element stays an inert element.
"""

from __future__ import annotations

import pyexpat

from lxml import etree

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# libxml2 refuses deeper documents itself when huge_tree is off; UBL needs about 12 levels.
DEFAULT_MAX_DEPTH = 256


class XmlRejected(Exception):
    """A document refused by the hardened parser; `code` is machine-readable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class _RootReached(Exception):
    pass


def _forbid(code: str, message: str):
    def handler(*_args):
        raise XmlRejected(code, message)

    return handler


def _root_reached(*_args):
    raise _RootReached


def _check_prolog(data: bytes) -> None:
    """Read only the prolog with expat: a DOCTYPE must come before the root element.

    Expat detects the encoding itself (UTF-8, UTF-16 with or without BOM, Latin-1, ASCII and
    the 8-bit codecs Python offers), so `<!DOCTYPE` cannot hide behind an encoding.
    """
    gate = pyexpat.ParserCreate()
    gate.StartDoctypeDeclHandler = _forbid("xml_doctype_forbidden", "DOCTYPE is not allowed")
    gate.EntityDeclHandler = _forbid("xml_entity_forbidden", "entity declarations are not allowed")
    gate.ExternalEntityRefHandler = _forbid(
        "xml_entity_forbidden", "external entities are not allowed"
    )
    gate.StartElementHandler = _root_reached
    try:
        gate.Parse(data, True)
    except _RootReached:
        return
    except pyexpat.ExpatError as error:
        raise XmlRejected("xml_malformed", f"not well-formed XML: {error}") from None
    except LookupError as error:
        raise XmlRejected("xml_encoding_unsupported", f"unsupported encoding: {error}") from None
    raise XmlRejected("xml_malformed", "the document has no root element")


def _make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )


_PARSER = _make_parser()


def parse_xml(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> etree._ElementTree:
    """Parse untrusted XML bytes or raise `XmlRejected`."""
    if isinstance(data, str):
        raise TypeError("parse_xml takes bytes; let the parser read the declared encoding")
    if len(data) > max_bytes:
        raise XmlRejected("xml_too_large", f"the document is larger than {max_bytes} bytes")
    if not data.strip():
        raise XmlRejected("xml_malformed", "the document is empty")
    _check_prolog(data)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise XmlRejected("xml_too_deep", "the document is nested too deeply") from None
        raise XmlRejected("xml_malformed", f"not well-formed XML: {error}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XmlRejected("xml_doctype_forbidden", "DOCTYPE is not allowed")
    if max_depth < DEFAULT_MAX_DEPTH:
        _check_depth(root, max_depth)
    return tree


def _check_depth(root: etree._Element, max_depth: int) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > max_depth:
            raise XmlRejected("xml_too_deep", f"the document is nested deeper than {max_depth}")
        stack.extend((child, depth + 1) for child in element)


def parse_xml_file(path, **limits) -> etree._ElementTree:
    """Read a file with the size cap applied before reading it all."""
    max_bytes = limits.get("max_bytes", DEFAULT_MAX_BYTES)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    return parse_xml(data, **limits)
