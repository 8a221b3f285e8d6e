"""The native engine in several threads at once (a threaded web server or worker) gives every
document the findings it gets alone: the documents' indexes and per-element memos are shared
while they overlap, and must never answer for another document."""

from __future__ import annotations

import gc
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from folio.ingestion.validation.native import NativeEngine
from folio.ingestion.xml_safety import parse_xml_file
from tests.ingestion.conftest import example_documents


def _findings(engine, tree):
    report = engine.validate(tree, schema=False)
    return [(f.rule, f.severity, f.location) for f in [*report.errors, *report.warnings]]


def test_documents_validated_in_threads_at_once_get_their_own_findings(corpus):
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that validations really overlap
    try:
        engine = NativeEngine()
        trees = [parse_xml_file(path) for path in example_documents(corpus)]
        alone = [_findings(engine, tree) for tree in trees]
        assert any(alone), "some corpus examples have findings (warnings at least)"
        jobs = [index % len(trees) for index in range(len(trees) * 6)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(lambda index: _findings(engine, trees[index]), jobs))
    finally:
        sys.setswitchinterval(interval)
    assert together == [alone[index] for index in jobs]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_paused_only_while_validating(corpus, enabled, monkeypatch):
    """The cyclic collector is off while the rules run (they make no reference cycles; see
    `collector_paused`) and as it was before once the validation is over."""
    from folio.ingestion.validation.native import engine as native_engine

    engine = NativeEngine()
    tree = parse_xml_file(example_documents(corpus)[0])
    during = []
    real_evaluate = native_engine.evaluate
    monkeypatch.setattr(
        native_engine,
        "evaluate",
        lambda *args: during.append(gc.isenabled()) or real_evaluate(*args),
    )
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        report = engine.validate(tree)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert during == [False, False]  # CEN, then Peppol
    assert report.document_type == "Invoice"
