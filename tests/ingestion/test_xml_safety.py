"""The hardened parser refuses every classic XML attack, with a code, touching no file or URL."""

import codecs

import pytest

from folio.ingestion.xml_safety import XmlRejected, parse_xml


def _rejected(data: bytes, **limits) -> str:
    with pytest.raises(XmlRejected) as caught:
        parse_xml(data, **limits)
    return caught.value.code


def test_xxe_file_entity_is_rejected_without_reading_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><r>&x;</r>'
    ).encode()
    assert _rejected(data) == "xml_doctype_forbidden"


def test_billion_laughs_is_rejected():
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><r>&a9;</r>'.encode()
    assert _rejected(data) == "xml_doctype_forbidden"


def test_external_dtd_over_the_network_is_rejected():
    data = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r/>'
    assert _rejected(data) == "xml_doctype_forbidden"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_doctype_in_utf16_is_rejected(encoding):
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>'
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = codecs.BOM_UTF16_LE + data if encoding.endswith("le") else codecs.BOM_UTF16_BE + data
    assert _rejected(data) == "xml_doctype_forbidden"


def test_xinclude_is_never_processed(tmp_path):
    included = tmp_path / "included.xml"
    included.write_text("<secret>TOP-SECRET</secret>")
    data = (
        '<r xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="{included}" parse="text"/></r>'
    ).encode()
    tree = parse_xml(data)
    assert b"TOP-SECRET" not in __import__("lxml.etree").etree.tostring(tree)
    assert tree.getroot()[0].tag == "{http://www.w3.org/2001/XInclude}include"


def test_deep_nesting_is_rejected():
    data = b"<a>" * 300 + b"</a>" * 300
    assert _rejected(data) == "xml_too_deep"


def test_a_lower_depth_limit_applies():
    data = b"<a>" * 20 + b"</a>" * 20
    assert _rejected(data, max_depth=10) == "xml_too_deep"
    assert parse_xml(data, max_depth=30).getroot().tag == "a"


def test_oversize_is_rejected_before_parsing():
    data = b"<a>" + b"x" * 2000 + b"</a>"
    assert _rejected(data, max_bytes=1000) == "xml_too_large"


@pytest.mark.parametrize("data", [b"", b"   ", b"<a>", b"not xml", b"<a></b>"])
def test_malformed_input_is_rejected(data):
    assert _rejected(data) == "xml_malformed"


def test_a_plain_document_parses_with_its_declared_encoding():
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><r>Blåbær</r>'.encode("iso-8859-1")
    assert parse_xml(data).getroot().text == "Blåbær"
