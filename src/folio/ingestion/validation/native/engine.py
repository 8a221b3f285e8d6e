"""The native engine: runs every registered assertion over one index of the document."""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
import threading
from collections.abc import Callable
from contextlib import contextmanager

from lxml import etree

from folio.ingestion.validation.native.document import Document
from folio.ingestion.validation.native.registry import (
    Assertion,
    Check,
    Context,
    patterns,
    rule_count,
)
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


def evaluate(document: Document, stylesheet: str) -> list[Finding]:
    """Every failed assertion of one stylesheet's rules, once per context node."""
    load_rules()
    with indexed(document.child_index):
        try:
            return _failed_assertions(document, stylesheet)
        except XPathDynamicError as error:
            # The official stylesheet stops at a dynamic error; so does the verdict here.
            return [Finding(rule="XSLT", severity=FATAL, message=str(error), location="/")]


class _Step:
    """One context, ready to run: how to skip it, how to select, and one function that
    tests all of its assertions on a node."""

    __slots__ = (
        "context",
        "gate",
        "groups",
        "keep_claimed",
        "path_match",
        "predicate",
        "select",
        "tags",
        "test",
        "unclaimed",
    )

    def __init__(self, context: Context, *, unclaimed: bool, keep_claimed: bool):
        self.context = context
        self.select = context.select
        tags = getattr(self.select, "tags", None)
        self.tags = tuple(tags) if tags is not None else None
        self.gate = getattr(self.select, "gate", None)
        self.path_match = getattr(self.select, "path_match", None)
        self.predicate = getattr(self.select, "predicate", None)
        single, groups = context.plan()
        self.groups = tuple(groups)
        self.test = _fused(single)
        # A node already taken by a higher-priority context of the pattern is not this one's:
        # only checked where an earlier context can select the same tags.
        self.unclaimed = unclaimed
        self.keep_claimed = keep_claimed


def _fused(single: list[tuple[Assertion, Check]]) -> Callable[[etree._Element, Document], list]:
    """`(node, document) -> the failed assertions, in the official order`, written out as one
    function per context (generated once), so that testing a node is a run of direct calls
    rather than a loop over (assertion, check) pairs."""
    if not single:
        return _no_failures
    namespace: dict[str, object] = {}
    lines = ["def test(node, document):", "    failed = []"]
    for number, (rule, check) in enumerate(single):
        namespace[f"check_{number}"] = check
        namespace[f"rule_{number}"] = rule
        lines.append(f"    if not check_{number}(node, document):")
        lines.append(f"        failed.append(rule_{number})")
    lines.append("    return failed")
    exec("\n".join(lines), namespace)  # noqa: S102 - our own generated source, no input
    return namespace["test"]


def _no_failures(node, document) -> list:
    return []


def _may_overlap(first: tuple[str, ...] | None, second: tuple[str, ...] | None) -> bool:
    return first is None or second is None or not set(first).isdisjoint(second)


class _Plan:
    """A stylesheet's patterns as steps, and which structural steps each tag path feeds."""

    # Distinct tag paths remembered per stylesheet; past this (odd documents by the thousand)
    # the memory starts again rather than grow.
    MAX_PATHS = 50_000

    def __init__(self, patterns_steps: list[tuple[_Step, ...]]):
        self.patterns = patterns_steps
        self.structural = [
            (step, step.path_match)
            for steps in patterns_steps
            for step in steps
            if step.path_match is not None
        ]
        self.steps_of_path: dict[tuple[str, ...], tuple[_Step, ...]] = {}

    def selected_by_path(self, document: Document) -> dict[_Step, list]:
        """For each structural step, the element lists it takes (one per tag path, in path
        order), each with the filter that applies to it (None: all of the path's elements)."""
        steps_of_path = self.steps_of_path
        if len(steps_of_path) > self.MAX_PATHS:
            steps_of_path.clear()
        found: dict[_Step, list] = {}
        for path, elements in document.paths.items():
            steps = steps_of_path.get(path)
            if steps is None:
                steps = steps_of_path[path] = self._steps_taking(path)
            for step, keep in steps:
                bucket = found.get(step)
                if bucket is None:
                    found[step] = [(elements, keep)]
                else:
                    bucket.append((elements, keep))
        return found

    def _steps_taking(self, path: tuple[str, ...]) -> tuple:
        taking = []
        for step, match in self.structural:
            taken = match(path)
            if taken:
                taking.append((step, taken if callable(taken) else None))
        return tuple(taking)


_plans: dict[str, _Plan] = {}
_planned_rules = -1


def _plan(stylesheet: str) -> _Plan:
    """The steps of every pattern of a stylesheet (built once; again if rules were added)."""
    global _planned_rules
    if _planned_rules != rule_count():
        _plans.clear()
        _planned_rules = rule_count()
    plan = _plans.get(stylesheet)
    if plan is None:
        patterns_steps = []
        for declared in patterns(stylesheet):
            contexts = declared.contexts
            tags = [
                tuple(t) if (t := getattr(c.select, "tags", None)) is not None else None
                for c in contexts
            ]
            steps = []
            for position, context in enumerate(contexts):
                earlier = any(_may_overlap(tags[position], t) for t in tags[:position])
                later = any(_may_overlap(tags[position], t) for t in tags[position + 1 :])
                if context.assertions or later:
                    steps.append(_Step(context, unclaimed=earlier, keep_claimed=later))
            patterns_steps.append(tuple(steps))
        plan = _plans[stylesheet] = _Plan(patterns_steps)
    return plan


def _failed_assertions(document: Document, stylesheet: str) -> list[Finding]:
    findings: list[Finding] = []
    by_tag = document.by_tag
    plan = _plan(stylesheet)
    by_path = plan.selected_by_path(document)
    for steps in plan.patterns:
        claimed: set = set()
        for step in steps:
            in_order = True
            if step.path_match is not None:
                lists = by_path.get(step)
                if lists is None:
                    continue
                gate = step.gate
                if gate is not None and not gate(document):
                    continue
                if len(lists) == 1:
                    elements, keep = lists[0]
                    nodes = list(elements) if keep is None else [e for e in elements if keep(e)]
                else:
                    # Several tag paths, each in document order: tested as they come, and only
                    # what fails is put back into document order (most steps fail nowhere).
                    nodes = [
                        node
                        for elements, keep in lists
                        for node in elements
                        if keep is None or keep(node)
                    ]
                    in_order = False
            else:
                tags = step.tags
                if tags is not None:
                    for tag in tags:
                        if tag in by_tag:
                            break
                    else:
                        continue
                gate = step.gate
                if gate is not None and not gate(document):
                    continue
                nodes = step.select(document)
            if not nodes:
                continue
            try:
                failures = _step_failures(step, nodes, document, claimed)
            except XPathDynamicError:
                if in_order:
                    raise
                # The stylesheet stops at the first error in document order: find that one.
                nodes.sort(key=document.order.__getitem__)
                failures = _step_failures(step, nodes, document, claimed)
            if not failures:
                continue
            if not in_order and len(failures) > 1:
                order = document.order
                failures.sort(key=lambda failure: order[failure[0]])
            for node, failed in failures:
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


def _step_failures(step: _Step, nodes: list, document: Document, claimed: set) -> list:
    """(node, its failed assertions in the official order) for every node of a step that
    fails any; marks the nodes the step takes as claimed, for the pattern's later steps."""
    predicate = step.predicate
    if predicate is not None:
        nodes = [node for node in nodes if predicate(node)]
        if not nodes:
            return []
    if step.unclaimed and claimed:
        nodes = [node for node in nodes if node not in claimed]
        if not nodes:
            return []
    test, groups = step.test, step.groups
    failures = []
    for node in nodes:
        if groups:
            failed_in_groups: set[str] = set()
            for group in groups:
                failed_in_groups.update(group(node, document))
            if failed_in_groups:  # rare: keep the official order of the assertions
                failed = [
                    rule
                    for rule in step.context.assertions
                    if (
                        rule.id in failed_in_groups
                        if rule.group is not None
                        else not rule.check(node, document)
                    )
                ]
            else:
                failed = test(node, document)
        else:
            failed = test(node, document)
        if failed:
            failures.append((node, failed))
    # Claimed only once every node is tested: after a dynamic error the step runs again.
    if step.keep_claimed:
        claimed.update(nodes)
    return failures


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_resume = False


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while documents are validated.

    A validation builds tens of thousands of short-lived lists, dicts and element proxies and
    no reference cycles: reference counting frees them all as it goes. Meanwhile the collector
    would run dozens of times for a large document, and every few documents go through every
    object of the process (all of Django's and the rules', ~10 ms at a time: the mean time of a
    200-line invoice was twice its best). Paused for the length of the validations running, and
    resumed after the last one if it ran before."""
    global _gc_pauses, _gc_resume
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_resume:
                gc.enable()


class NativeEngine:
    name = "native"

    def __init__(self, files=None, *, schema: bool = True):
        self._files = files
        self._schema = schema
        self._schema_engine = None

    def rule_findings(self, tree: etree._ElementTree, stylesheet: str) -> list[Finding]:
        with collector_paused():
            findings = evaluate(Document(tree), stylesheet)  # the document is freed here
        return findings

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
        findings: list[Finding] = []
        if schema and self._schema:
            findings.extend(self.schema_findings(tree))
        with collector_paused():
            document = Document(tree)
            document_type = document.document_type
            # One index for both stylesheets (and the per-element memos kept across them).
            with indexed(document.child_index):
                for name in stylesheets:
                    findings.extend(evaluate(document, name))
            # Freed before the collector resumes, so that it finds nothing of it to go through.
            del document
        return ValidationReport.from_findings(
            findings, document_type=document_type, engine=self.name
        )
