"""The official engine: UBL 2.1 XSD (lxml) plus the OpenPeppol compiled XSLT run by saxonche.

Schema and stylesheets are compiled once per process and cached. After compiling, Saxon's
`allowedProtocols` is set to "" so a document can make the stylesheets read no file or URL.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError

from folio.ingestion.validation.report import FATAL, WARNING, Finding, ValidationReport
from folio.ingestion.validation.rules_store import RuleFiles, active_rule_files

SVRL = "http://purl.oclc.org/dsdl/svrl"
STYLESHEETS = ("cen", "peppol")
ROOT_NAMES = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": "CreditNote",
}

_lock = threading.Lock()
_processor = None
_compiled: dict[Path, object] = {}
_schemas: dict[Path, etree.XMLSchema] = {}


def _saxon():
    global _processor
    if _processor is None:
        from saxonche import PySaxonProcessor

        _processor = PySaxonProcessor(license=False)
    return _processor


def _stylesheet(path: Path):
    with _lock:
        executable = _compiled.get(path)
        if executable is None:
            processor = _saxon()
            compiler = processor.new_xslt30_processor()
            # Compiled from text that we read ourselves, so Saxon needs no file access at all;
            # after the first compile it is refused any file or URL a document might name.
            executable = compiler.compile_stylesheet(
                stylesheet_text=path.read_text(encoding="utf-8")
            )
            if executable is None:
                raise RuntimeError(f"could not compile {path}")
            processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "")
            _compiled[path] = executable
        return executable


def _schema(path: Path) -> etree.XMLSchema:
    with _lock:
        schema = _schemas.get(path)
        if schema is None:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            schema = etree.XMLSchema(etree.parse(str(path), parser))
            _schemas[path] = schema
        return schema


def parse_svrl(svrl: str | bytes) -> list[Finding]:
    """Every `svrl:failed-assert` (and `successful-report`) as a Finding, in document order."""
    if isinstance(svrl, str):
        svrl = svrl.encode()
    root = etree.fromstring(svrl, etree.XMLParser(resolve_entities=False, no_network=True))
    findings = []
    for node in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        flag = node.get("flag") or FATAL
        text = node.findtext(f"{{{SVRL}}}text") or ""
        findings.append(
            Finding(
                rule=node.get("id") or "",
                severity=WARNING if flag == WARNING else FATAL,
                message=" ".join(text.split()),
                location=node.get("location") or "",
            )
        )
    return findings


class OfficialEngine:
    name = "official"

    def __init__(self, files: RuleFiles | None = None):
        self.files = files or active_rule_files()
        self._xsd: etree.XMLSchema | None = None  # looked up once (a Path key costs ~5 us)

    def warm_up(self) -> None:
        _schema(self.files.xsd)
        for name in STYLESHEETS:
            _stylesheet(self.files.stylesheet(name))

    def schema_findings(self, tree: etree._ElementTree) -> list[Finding]:
        schema = self._xsd
        if schema is None:
            schema = self._xsd = _schema(self.files.xsd)
        if schema.validate(tree):
            return []
        return [
            Finding(
                rule="XSD",
                severity=FATAL,
                message=error.message,
                location=error.path or f"line {error.line}",
            )
            for error in schema.error_log
        ]

    def rule_findings(self, tree: etree._ElementTree, stylesheet: str) -> list[Finding]:
        executable = _stylesheet(self.files.stylesheet(stylesheet))
        text = etree.tostring(tree, encoding="unicode")
        try:
            with _lock:
                node = _saxon().parse_xml(xml_text=text)
                svrl = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as error:
            # A dynamic error (e.g. a cast of "abc" to a number) stops the stylesheet: that is a
            # verdict on the document, not a crash; the native engine reports it the same way.
            return [Finding(rule="XSLT", severity=FATAL, message=str(error), location="/")]
        return parse_svrl(svrl)

    def validate(
        self,
        tree: etree._ElementTree,
        *,
        schema: bool = True,
        stylesheets: tuple[str, ...] = STYLESHEETS,
    ) -> ValidationReport:
        document_type = ROOT_NAMES.get(tree.getroot().tag)
        findings: list[Finding] = []
        if schema:
            findings.extend(self.schema_findings(tree))
        for name in stylesheets:
            findings.extend(self.rule_findings(tree, name))
        return ValidationReport.from_findings(
            findings, document_type=document_type, engine=self.name
        )
