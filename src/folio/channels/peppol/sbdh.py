"""The Peppol envelope: Standard Business Document Header, per the Peppol Business Message
Envelope specification 2.0 (OpenPeppol, 2023), a non-XML payload (the Peppol
envelope's BinaryContent/TextContent) checked against the envelope XSD of the corpus.

`sbdh_build` wraps a UBL business document; `sbdh_read` parses an envelope received from an
access point and applies the specification's rules (the same checks as phax's
PeppolSBDHDataReader): header version 1.0, exactly one sender and one receiver with the
iso6523-actorid-upis authority, Standard/Type/TypeVersion consistent with the document type
identifier and the payload, a DOCUMENTID, PROCESSID and COUNTRY_C1 scope, valid MLS scopes,
and exactly one business message.
"""

from __future__ import annotations

import copy
import datetime
import re
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from folio.ingestion.xml_safety import XmlRejected, parse_xml

SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
PARTICIPANT_SCHEME = "iso6523-actorid-upis"
DOCUMENT_TYPE_SCHEME = "busdox-docid-qns"
PROCESS_SCHEME = "cenbii-procid-ubl"
BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
# Non-XML payloads travel inside this envelope (hybrid PDF+XML, binary or text content).
TICC_NS = "http://peppol.eu/xsd/ticc/envelope/1.0"
MLS_TYPES = frozenset({"ALWAYS_SEND", "FAILURE_ONLY"})
COUNTRY_PATTERN = re.compile(r"^[A-Z0-9]{2}$")
ENVELOPE_XSD = (
    "peppol-commons/peppol-sbdh/src/main/resources/external/schemas/"
    "PEPPOL-EDN-Business-Message-Envelope-1.2-2019-02-01.xsd"
)
UBL_PROCESSES = {
    # Business documents answered with a response use their own Peppol process.
    "ApplicationResponse": "urn:fdc:peppol.eu:poacc:bis:invoice_response:3",
    "Order": "urn:fdc:peppol.eu:poacc:bis:ordering:3",
}


class SbdhError(ValueError):
    """An envelope that breaks the Peppol rules; `problems` lists each rule broken."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class SbdhEnvelope:
    sender: str
    receiver: str
    instance_identifier: str
    standard: str
    type: str
    type_version: str
    created_at: datetime.datetime | None
    document_type_id: str
    process_id: str
    country_c1: str
    business_message: etree._Element
    mls_to: str = ""
    mls_type: str = ""
    extra_scopes: list[tuple[str, str]] = field(default_factory=list)

    def payload_bytes(self) -> bytes:
        return etree.tostring(self.business_message, xml_declaration=True, encoding="UTF-8")


def _sh(name: str) -> str:
    return f"{{{SBDH_NS}}}{name}"


def _text(element: etree._Element | None, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path, namespaces={"sh": SBDH_NS})
    return (found.text or "").strip() if found is not None else ""


def document_type_id_for(root: etree._Element) -> str:
    """`<root namespace>::<local name>##<CustomizationID>::2.1` for a UBL document."""
    qname = etree.QName(root)
    customization = root.findtext(
        "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}CustomizationID"
    )
    if not customization:
        raise SbdhError(["The business document has no CustomizationID."])
    return f"{qname.namespace}::{qname.localname}##{customization.strip()}::2.1"


def sbdh_build(
    *,
    payload: bytes,
    sender: str,
    receiver: str,
    country_c1: str,
    instance_identifier: str | None = None,
    created_at: datetime.datetime | None = None,
    process_id: str | None = None,
) -> bytes:
    """Wrap a UBL document (bytes) for Peppol. `sender`/`receiver` are `scheme:value` ids."""
    try:
        document = parse_xml(payload).getroot()
    except XmlRejected as exc:
        raise SbdhError([f"The business document is not acceptable XML: {exc.message}"]) from exc
    qname = etree.QName(document)
    profile = document.findtext(
        "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}ProfileID"
    )
    process = (
        process_id
        or (profile.strip() if profile else "")
        or UBL_PROCESSES.get(qname.localname, BILLING_PROCESS)
    )
    created = timezone.localtime(created_at or timezone.now()).replace(microsecond=0)
    root = etree.Element(_sh("StandardBusinessDocument"), nsmap={None: SBDH_NS})
    header = etree.SubElement(root, _sh("StandardBusinessDocumentHeader"))
    etree.SubElement(header, _sh("HeaderVersion")).text = "1.0"
    for role, participant in (("Sender", sender), ("Receiver", receiver)):
        party = etree.SubElement(header, _sh(role))
        identifier = etree.SubElement(party, _sh("Identifier"), Authority=PARTICIPANT_SCHEME)
        identifier.text = participant
    identification = etree.SubElement(header, _sh("DocumentIdentification"))
    etree.SubElement(identification, _sh("Standard")).text = qname.namespace
    etree.SubElement(identification, _sh("TypeVersion")).text = "2.1"
    etree.SubElement(identification, _sh("InstanceIdentifier")).text = instance_identifier or str(
        uuid.uuid4()
    )
    etree.SubElement(identification, _sh("Type")).text = qname.localname
    etree.SubElement(identification, _sh("CreationDateAndTime")).text = created.isoformat()
    scope_parent = etree.SubElement(header, _sh("BusinessScope"))
    for scope_type, value, scheme in (
        ("DOCUMENTID", document_type_id_for(document), DOCUMENT_TYPE_SCHEME),
        ("PROCESSID", process, PROCESS_SCHEME),
        ("COUNTRY_C1", country_c1.upper(), None),
    ):
        scope = etree.SubElement(scope_parent, _sh("Scope"))
        etree.SubElement(scope, _sh("Type")).text = scope_type
        etree.SubElement(scope, _sh("InstanceIdentifier")).text = value
        if scheme:
            etree.SubElement(scope, _sh("Identifier")).text = scheme
    root.append(document)
    envelope = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    sbdh_read(envelope)
    return envelope


@cache
def _envelope_schema() -> etree.XMLSchema:
    path = Path(settings.FOLIO_CORPUS) / ENVELOPE_XSD
    return etree.XMLSchema(etree.parse(str(path)))


# The UN/CEFACT header's element order (StandardBusinessDocumentHeader.xsd).
HEADER_ORDER = (
    "HeaderVersion",
    "Sender",
    "Receiver",
    "DocumentIdentification",
    "Manifest",
    "BusinessScope",
)


def sbdh_structure_errors(header: etree._Element, business_message) -> list[str]:
    """The header's element order, and a non-XML payload against the Peppol envelope XSD."""
    problems = []
    positions = []
    for child in header:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if etree.QName(child).namespace != SBDH_NS or name not in HEADER_ORDER:
            problems.append(f"Unexpected element in the header: {child.tag}.")
            continue
        positions.append(HEADER_ORDER.index(name))
    if positions != sorted(positions):
        problems.append("The header's elements are out of order.")
    if business_message is not None and etree.QName(business_message).namespace == TICC_NS:
        schema = _envelope_schema()
        wrapper = copy.deepcopy(business_message)
        if not schema.validate(wrapper):
            problems.extend(f"Envelope schema: {error.message}" for error in schema.error_log)
    return problems


def sbdh_read(data: bytes) -> SbdhEnvelope:
    """Parse and check an envelope; raises SbdhError naming every rule it breaks."""
    try:
        root = parse_xml(data).getroot()
    except XmlRejected as exc:
        raise SbdhError([f"Not acceptable XML: {exc.message}"]) from exc
    if root.tag != _sh("StandardBusinessDocument"):
        raise SbdhError(["The root element is not a StandardBusinessDocument."])
    header = root.find(_sh("StandardBusinessDocumentHeader"))
    if header is None:
        raise SbdhError(["The StandardBusinessDocumentHeader is missing."])
    problems: list[str] = []
    messages = [child for child in root if isinstance(child.tag, str) and child is not header]
    text_content = (root.text or "").strip() or any((c.tail or "").strip() for c in root)
    if len(messages) != 1 or text_content:
        problems.append("There must be exactly one business message after the header.")
    business_message = messages[0] if messages else None
    if _text(header, "sh:HeaderVersion") != "1.0":
        problems.append("HeaderVersion must be 1.0.")
    parties = {}
    for role in ("Sender", "Receiver"):
        found = header.findall(_sh(role))
        if len(found) != 1:
            problems.append(f"There must be exactly one {role}, not {len(found)}.")
            parties[role] = ""
            continue
        identifier = found[0].find(_sh("Identifier"))
        authority = identifier.get("Authority") if identifier is not None else None
        value = (identifier.text or "").strip() if identifier is not None else ""
        if authority != PARTICIPANT_SCHEME:
            problems.append(f"{role} authority must be {PARTICIPANT_SCHEME}, not {authority!r}.")
        if not value:
            problems.append(f"{role} identifier is empty.")
        parties[role] = value
    identification = header.find(_sh("DocumentIdentification"))
    standard = _text(identification, "sh:Standard")
    type_version = _text(identification, "sh:TypeVersion")
    instance_identifier = _text(identification, "sh:InstanceIdentifier")
    message_type = _text(identification, "sh:Type")
    created_raw = _text(identification, "sh:CreationDateAndTime")
    if not instance_identifier:
        problems.append("InstanceIdentifier is empty.")
    created_at = None
    try:
        created_at = datetime.datetime.fromisoformat(created_raw.replace("Z", "+00:00"))
    except ValueError:
        problems.append(f"CreationDateAndTime is not a date and time: {created_raw!r}.")
    scope_parent = header.find(_sh("BusinessScope"))
    scopes: list[tuple[str, str, str]] = []
    if scope_parent is None:
        problems.append("BusinessScope is missing.")
    else:
        for scope in scope_parent.findall(_sh("Scope")):
            scopes.append(
                (
                    _text(scope, "sh:Type"),
                    _text(scope, "sh:InstanceIdentifier"),
                    _text(scope, "sh:Identifier"),
                )
            )
        if len(scopes) < 3:
            problems.append(f"BusinessScope needs at least 3 scopes, not {len(scopes)}.")
    values: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for scope_type, value, identifier in scopes:
        if scope_type in ("DOCUMENTID", "PROCESSID"):
            if not value:
                problems.append(f"The {scope_type} scope has no identifier.")
            values[scope_type] = value
        elif scope_type == "COUNTRY_C1":
            if not COUNTRY_PATTERN.match(value):
                problems.append(f"COUNTRY_C1 is not a country code: {value!r}.")
            values[scope_type] = value
        elif scope_type == "MLS_TO":
            if not identifier or not value or ":" not in value:
                problems.append("MLS_TO needs a participant scheme and a scheme:value id.")
            values[scope_type] = value
        elif scope_type == "MLS_TYPE":
            if value not in MLS_TYPES:
                problems.append(f"MLS_TYPE must be one of {sorted(MLS_TYPES)}, not {value!r}.")
            values[scope_type] = value
        else:
            extra.append((scope_type, value))
    for required in ("DOCUMENTID", "PROCESSID", "COUNTRY_C1"):
        if required not in values:
            problems.append(f"The {required} scope is missing.")
    document_type_id = values.get("DOCUMENTID", "")
    if business_message is not None and document_type_id:
        qname = etree.QName(business_message)
        if not standard or not document_type_id.startswith(standard):
            problems.append("Standard does not start the document type identifier.")
        if qname.namespace != TICC_NS:
            if standard != qname.namespace:
                problems.append("Standard is not the business message's namespace.")
            if message_type != qname.localname:
                problems.append("Type is not the business message's element name.")
            if (
                not type_version
                or ":" in type_version
                or not document_type_id.endswith(f":{type_version}")
            ):
                problems.append("TypeVersion does not end the document type identifier.")
    problems.extend(sbdh_structure_errors(header, business_message))
    if problems:
        raise SbdhError(problems)
    return SbdhEnvelope(
        sender=parties["Sender"],
        receiver=parties["Receiver"],
        instance_identifier=instance_identifier,
        standard=standard,
        type=message_type,
        type_version=type_version,
        created_at=created_at,
        document_type_id=document_type_id,
        process_id=values["PROCESSID"],
        country_c1=values["COUNTRY_C1"],
        business_message=business_message,
        mls_to=values.get("MLS_TO", ""),
        mls_type=values.get("MLS_TYPE", ""),
        extra_scopes=extra,
    )
