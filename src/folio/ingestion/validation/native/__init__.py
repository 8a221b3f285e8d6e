"""Folio's native validator: the official CEN and Peppol rules in Python, graded against them.

How a rule is written (see registry.py):

- `contexts_cen.py` / `contexts_peppol.py` declare every schematron *pattern* and, in it, every
  rule *context* of the official stylesheet with its priority and a selector. XSLT gives a node
  to the highest-priority context of a pattern that matches it, so a pattern must list all of
  its contexts, also those whose rules are not written yet.
- A family module (`rules_cen_br.py`, `rules_ubl_syntax.py`, `rules_peppol.py`, ...) registers
  assertions on those contexts with `@assertion(CONTEXT, "BR-01", FATAL, "<official text>")`;
  the function gets `(node, document)` and returns True when the assertion holds.
- Modules named `contexts_*` and `rules_*` in this package are loaded automatically
  (`engine.family_modules()`), so a new family is one new file. A national family
  (`rules_national_no.py`, ...) declares its own pattern and contexts with
  `registry.pattern("peppol", ...)`, as each national rule set is its own official pattern.
- How a document is run (engine.py): one walk builds `Document` (elements by tag, by tag path,
  and each element's children by tag); the `xpath_values` path helpers read that index while
  the engine runs. Each stylesheet's contexts are planned once: structural contexts (tag-path
  patterns from `selectors.tail`/`rooted`, their unions and `.where` filters) are picked in one
  pass over the document's distinct tag paths (which contexts a path feeds is remembered), the
  others by their own selector after a tag and country-gate check; each context's assertions
  run as one generated function that calls the checks in the official order.
- `folio rules coverage [--missing]` lists what is still missing;
  `tests/ingestion/test_native_differential.py` grades every registered rule against the
  official engine over all VEFA unit tests and the corpus examples, one test per family
  (`pytest tests/ingestion/test_native_differential.py -k rules_cen_vat`).
"""

from folio.ingestion.validation.native.engine import NativeEngine

__all__ = ["NativeEngine"]
