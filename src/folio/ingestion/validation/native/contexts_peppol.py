"""Patterns and rule contexts of the Peppol stylesheet (PEPPOL-EN16931-UBL.xslt, 2026.5).

Declared so far: the empty-elements pattern, the CreditNote-only pattern, and in the main
pattern the two contexts that no higher-priority context of that pattern can take over
(the document element, priority 1030, and lines, 1019), so first-match semantics hold. The
other contexts of the main pattern (1000-1029) come with their rules.
"""

from __future__ import annotations

from folio.ingestion.validation.native.registry import pattern
from folio.ingestion.validation.native.selectors import Select, tail, union

XML_WHITESPACE = " \t\r\n"

EMPTY_ELEMENTS = pattern("peppol", "PEPPOL-EN16931-empty-elements")  # mode M26
CREDIT_NOTE_ONLY = pattern("peppol", "PEPPOL-EN16931-CreditNote")  # mode M27
MAIN = pattern("peppol", "PEPPOL-EN16931")  # mode M28


def _empty_elements(document) -> list:
    """`//*[not(*) and not(normalize-space())]`: no child element, only whitespace text."""
    found = []
    for element in document.elements:
        if len(element):  # children, but perhaps only comments or processing instructions
            if any(isinstance(c.tag, str) for c in element):
                continue
            text = "".join(element.itertext())
        else:
            text = element.text
        if not text or not text.strip(XML_WHITESPACE):
            found.append(element)
    return found


EMPTY_ELEMENT = EMPTY_ELEMENTS.context(
    1000, "//*[not(*) and not(normalize-space())]", Select(_empty_elements)
)
CREDIT_NOTE = CREDIT_NOTE_ONLY.context(1000, "ubl-creditnote:CreditNote", tail("cn:CreditNote"))

# `ubl-creditnote:CreditNote | ubl-invoice:Invoice` is a relative pattern: any such element.
DOCUMENT = MAIN.context(
    1030,
    "ubl-creditnote:CreditNote | ubl-invoice:Invoice",
    union(tail("cn:CreditNote"), tail("ubl:Invoice")),
)
LINE = MAIN.context(
    1019,
    "cac:InvoiceLine | cac:CreditNoteLine",
    union(tail("cac:InvoiceLine"), tail("cac:CreditNoteLine")),
)
