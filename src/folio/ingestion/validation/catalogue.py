"""Every assertion in the official stylesheets: id, flag, message, context, pattern (mode).

`official_rules()` reads the compiled XSLT (the same artefact the official engine runs), so the
coverage report always compares the native engine with what is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class OfficialRule:
    id: str
    flag: str  # "fatal" or "warning"
    message: str
    context: str  # the xsl:template match pattern (the schematron rule context)
    pattern: str  # the template mode: one schematron pattern
    priority: int  # higher wins when several contexts of a pattern match a node
    test: str
    stylesheet: str  # "cen" or "peppol"


@cache
def _read(path: Path, stylesheet: str) -> tuple[OfficialRule, ...]:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    rules = []
    for assertion in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        attributes = {
            item.get("name"): "".join(item.itertext()).strip()
            for item in assertion.findall(f"{{{XSL}}}attribute")
        }
        template = next(a for a in assertion.iterancestors(f"{{{XSL}}}template"))
        text = "".join(assertion.findtext(f"{{{SVRL}}}text") or "")
        rules.append(
            OfficialRule(
                id=attributes.get("id", ""),
                flag=attributes.get("flag") or "fatal",
                message=" ".join(text.split()),
                context=" ".join((template.get("match") or "").split()),
                pattern=template.get("mode") or "",
                priority=int(template.get("priority") or 0),
                test=assertion.get("test") or "",
                stylesheet=stylesheet,
            )
        )
    return tuple(rules)


def official_rules(stylesheet: str, files=None) -> tuple[OfficialRule, ...]:
    from folio.ingestion.validation.rules_store import active_rule_files

    files = files or active_rule_files()
    return _read(Path(files.stylesheet(stylesheet)), stylesheet)
