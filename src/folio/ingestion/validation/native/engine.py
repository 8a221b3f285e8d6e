"""The native engine: runs every registered assertion over one index of the document."""

from __future__ import annotations

import importlib
import logging
import pkgutil

from lxml import etree

from folio.ingestion.validation.native.document import Document
from folio.ingestion.validation.native.registry import patterns
from folio.ingestion.validation.native.xpath_values import XPathDynamicError, indexed
from folio.ingestion.validation.report import FATAL, Finding, ValidationReport

logger = logging.getLogger(__name__)

STYLESHEETS = ("cen", "peppol")

_loaded = False


def family_modules() -> list[str]:
    """Every `contexts_*` module (they declare patterns), then every `rules_*` module.

    Found by name, so a new family is one new file: no shared list to edit.
    """
    import folio.ingestion.validation.native as package

    names = [info.name for info in pkgutil.iter_modules(package.__path__)]
    return sorted(n for n in names if n.startswith("contexts_")) + sorted(
        n for n in names if n.startswith("rules_")
    )


def load_rules() -> None:
    global _loaded
    if not _loaded:
        for module in family_modules():
            importlib.import_module(f"folio.ingestion.validation.native.{module}")
        _loaded = True


def _always(document: Document) -> bool:
    return True


def evaluate(document: Document, stylesheet: str) -> list[Finding]:
    """Every failed assertion of one stylesheet's rules, once per context node."""
    load_rules()
    with indexed(document.child_index):
        try:
            return _failed_assertions(document, stylesheet)
        except XPathDynamicError as error:
            # The official stylesheet stops at a dynamic error; so does the verdict here.
            return [Finding(rule="XSLT", severity=FATAL, message=str(error), location="/")]


def _failed_assertions(document: Document, stylesheet: str) -> list[Finding]:
    findings: list[Finding] = []
    for declared in patterns(stylesheet):
        claimed: set = set()
        for context in declared.contexts:
            select = context.select
            if not getattr(select, "may_match", _always)(document):
                continue
            nodes = [node for node in select(document) if node not in claimed]
            if not nodes:
                continue
            claimed.update(nodes)
            if not context.assertions:
                continue
            single, groups = context.plan()
            for node in nodes:
                failed_in_groups: set[str] = set()
                for group in groups:
                    failed_in_groups.update(group(node, document))
                if failed_in_groups:  # rare: keep the official order of the assertions
                    failed = [
                        rule
                        for rule in context.assertions
                        if (
                            rule.id in failed_in_groups
                            if rule.group is not None
                            else not rule.check(node, document)
                        )
                    ]
                else:
                    failed = [rule for rule, check in single if not check(node, document)]
                if failed:
                    location = document.location(node)
                    findings.extend(
                        Finding(
                            rule=rule.id,
                            severity=rule.severity,
                            message=rule.message,
                            location=location,
                        )
                        for rule in failed
                    )
    return findings


class NativeEngine:
    name = "native"

    def __init__(self, files=None, *, schema: bool = True):
        self._files = files
        self._schema = schema
        self._schema_engine = None

    def rule_findings(self, tree: etree._ElementTree, stylesheet: str) -> list[Finding]:
        return evaluate(Document(tree), stylesheet)

    def schema_findings(self, tree: etree._ElementTree) -> list[Finding]:
        # The XSD check is the official engine's (lxml); its rule files are located once, not
        # on every document (locating them looks at the file system).
        if self._schema_engine is None:
            from folio.ingestion.validation.official import OfficialEngine

            self._schema_engine = OfficialEngine(self._files)
        return self._schema_engine.schema_findings(tree)

    def validate(
        self,
        tree: etree._ElementTree,
        *,
        schema: bool = True,
        stylesheets: tuple[str, ...] = STYLESHEETS,
    ) -> ValidationReport:
        document = Document(tree)
        findings: list[Finding] = []
        if schema and self._schema:
            findings.extend(self.schema_findings(tree))
        for name in stylesheets:
            findings.extend(evaluate(document, name))
        return ValidationReport.from_findings(
            findings, document_type=document.document_type, engine=self.name
        )
