"""Choosing an engine by name, and `both`: native verdicts, disagreements logged as defects."""

from __future__ import annotations

import logging
from collections import Counter

from lxml import etree

from folio.ingestion.validation.native import NativeEngine
from folio.ingestion.validation.official import OfficialEngine
from folio.ingestion.validation.report import Finding, ValidationReport

logger = logging.getLogger("folio.ingestion.validation")

ENGINE_NAMES = ("native", "official", "both")
DEFAULT_ENGINE = "native"


def _fired(findings: list[Finding]) -> Counter:
    return Counter((f.rule, f.severity) for f in findings)


class BothEngine:
    """Runs both; answers with the native result and logs every difference as an error."""

    name = "both"

    def __init__(self, files=None):
        self.native = NativeEngine(files)
        self.official = OfficialEngine(files)

    def _compare(self, native: list[Finding], official: list[Finding], what: str) -> None:
        native_fired, official_fired = _fired(native), _fired(official)
        if native_fired != official_fired:
            logger.error(
                "validation engines disagree on %s: only native %s; only official %s",
                what,
                sorted((native_fired - official_fired).elements()),
                sorted((official_fired - native_fired).elements()),
            )

    def rule_findings(self, tree: etree._ElementTree, stylesheet: str) -> list[Finding]:
        native = self.native.rule_findings(tree, stylesheet)
        self._compare(native, self.official.rule_findings(tree, stylesheet), stylesheet)
        return native

    def validate(self, tree: etree._ElementTree, **options) -> ValidationReport:
        native = self.native.validate(tree, **options)
        official = self.official.validate(tree, **options)
        self._compare(
            native.errors + native.warnings, official.errors + official.warnings, "document"
        )
        native.engine = self.name
        return native


def get_engine(name: str = DEFAULT_ENGINE, files=None):
    if name == "native":
        return NativeEngine(files)
    if name == "official":
        return OfficialEngine(files)
    if name == "both":
        return BothEngine(files)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")
