"""Which official rule ids the native engine implements, and which families are left."""

from __future__ import annotations

import re

from folio.ingestion.validation.catalogue import official_rules
from folio.ingestion.validation.native.engine import load_rules
from folio.ingestion.validation.native.registry import registered


def rule_family(rule_id: str) -> str:
    """BR-CO-10 -> BR-CO, BR-S-08 -> BR-S, UBL-CR-001 -> UBL-CR, PEPPOL-EN16931-R001 ->
    PEPPOL-EN16931-R, NO-R-001 -> NO-R."""
    return re.sub(r"(-?\d+)+$", "", rule_id) or rule_id


def coverage_report(files=None) -> dict:
    load_rules()
    native = registered()
    report = {}
    for stylesheet in ("cen", "peppol"):
        rules = official_rules(stylesheet, files)
        missing = [r for r in rules if r.id not in native]
        report[stylesheet] = {
            "total": len(rules),
            "implemented": len(rules) - len(missing),
            "missing_fatal": sum(1 for r in missing if r.flag != "warning"),
            "missing_warning": sum(1 for r in missing if r.flag == "warning"),
            "missing": [r.id for r in missing],
            "missing_families": [rule_family(r.id) for r in missing],
        }
    return report
