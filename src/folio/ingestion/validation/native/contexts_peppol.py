"""Patterns and rule contexts of the Peppol stylesheet (PEPPOL-EN16931-UBL.xslt, 2026.5).

Declared so far: the empty-elements pattern, the CreditNote-only pattern, and in the main
pattern the two contexts that no higher-priority context of that pattern can take over
(the document element, priority 1030, and lines, 1019), so first-match semantics hold. The
other contexts of the main pattern (1000-1029) come with their rules.
"""

from __future__ import annotations

from folio.ingestion.validation.native.registry import pattern
from folio.ingestion.validation.native.selectors import Select, tail, union
from folio.ingestion.validation.native.xpath_values import normalize_space

EMPTY_ELEMENTS = pattern("peppol", "PEPPOL-EN16931-empty-elements")  # mode M26
CREDIT_NOTE_ONLY = pattern("peppol", "PEPPOL-EN16931-CreditNote")  # mode M27
MAIN = pattern("peppol", "PEPPOL-EN16931")  # mode M28

EMPTY_ELEMENT = EMPTY_ELEMENTS.context(
    1000,
    "//*[not(*) and not(normalize-space())]",
    Select(
        lambda document: [
            e
            for e in document.elements
            if not any(isinstance(c.tag, str) for c in e)
            and not normalize_space("".join(e.itertext()))
        ]
    ),
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
