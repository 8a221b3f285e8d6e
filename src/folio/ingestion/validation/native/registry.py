"""The native rule registry: patterns, their ordered contexts, and the assertions on them.

Mirrors how a compiled schematron runs: each *pattern* is one XSLT mode that visits every
element once; an element is handled by the highest-priority *context* (template) of that
pattern that matches it, and every *assertion* of that context is tested on it. A failed
assertion is one finding, so a rule fires once per context node (counts matter).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from lxml import etree

from folio.ingestion.validation.native.document import Document
from folio.ingestion.validation.report import FATAL, WARNING

Selector = Callable[[Document], Iterable[etree._Element]]
Check = Callable[[etree._Element, Document], bool]
Group = Callable[[etree._Element, Document], Collection[str]]

__all__ = ["FATAL", "WARNING", "Assertion", "Context", "Pattern", "assertion", "patterns"]


@dataclass(frozen=True)
class Assertion:
    id: str
    severity: str  # FATAL or WARNING, as the official flag
    message: str  # the official text, "[ID]-..."
    check: Check  # True when the assertion holds for the node
    family: str  # the module that implements it
    # Optional: a function `(node, document) -> ids of the failing assertions` shared by many
    # table rules of one context. The engine calls it once per node instead of calling each
    # rule's check; `check` stays correct on its own (it reads the same table).
    group: Group | None = None


@dataclass(eq=False)
class Context:
    pattern: Pattern
    priority: int
    match: str  # the official match pattern, for reading and for the coverage report
    select: Selector  # the matching elements, in document order
    assertions: list[Assertion] = field(default_factory=list)

    def plan(self) -> tuple[list[tuple[Assertion, Check]], list[Group]]:
        """The assertions checked one by one, and the groups that check the others at once."""
        cached = self.__dict__.get("_plan")
        if cached is None or cached[0] != len(self.assertions):
            single = [(a, a.check) for a in self.assertions if a.group is None]
            groups = list(dict.fromkeys(a.group for a in self.assertions if a.group is not None))
            cached = (len(self.assertions), single, groups)
            self.__dict__["_plan"] = cached
        return cached[1], cached[2]


@dataclass(eq=False)
class Pattern:
    stylesheet: str  # "cen" or "peppol"
    name: str  # the official pattern id (e.g. "UBL-model")
    contexts: list[Context] = field(default_factory=list)

    def context(self, priority: int, match: str, select: Selector) -> Context:
        declared = Context(pattern=self, priority=priority, match=match, select=select)
        self.contexts.append(declared)
        self.contexts.sort(key=lambda item: -item.priority)
        return declared


_PATTERNS: list[Pattern] = []
_IDS: dict[str, Assertion] = {}


def pattern(stylesheet: str, name: str) -> Pattern:
    declared = Pattern(stylesheet=stylesheet, name=name)
    _PATTERNS.append(declared)
    return declared


def patterns(stylesheet: str | None = None) -> list[Pattern]:
    return [p for p in _PATTERNS if stylesheet is None or p.stylesheet == stylesheet]


def registered() -> dict[str, Assertion]:
    return dict(_IDS)


def rule_count() -> int:
    return len(_IDS)


def assertion(
    context: Context, rule_id: str, severity: str, message: str, *, group: Group | None = None
):
    """Register the decorated `check(node, document) -> bool` as an official assertion.

    `group`, for table rules: a function returning the ids of every failing rule of the
    table at once (see Assertion.group)."""
    if severity not in (FATAL, WARNING):
        raise ValueError(f"{rule_id}: severity must be fatal or warning")

    def register(check: Check) -> Check:
        if rule_id in _IDS:
            raise ValueError(f"{rule_id} is registered twice")
        declared = Assertion(
            id=rule_id,
            severity=severity,
            message=message,
            check=check,
            family=check.__module__.rsplit(".", 1)[-1],
            group=group,
        )
        context.assertions.append(declared)
        _IDS[rule_id] = declared
        return check

    return register
