"""Official vs native validation: median ms per document, the ratio, and RSS growth.

    .venv/bin/python bench/validate.py [--rounds 20] [--rss-runs 10000] [--clock wall|cpu]

Documents: the corpus examples (Peppol, CEN, EHF) and a generated 200-line invoice (the Peppol
base example with its lines repeated; it does not add up, which is fine for timing: every rule
still runs). Both engines validate the same parsed trees in the same run (XSD + CEN + Peppol);
then the rules alone (no XSD) and the XSD check alone, which both engines share (lxml).
Other processes on the machine slow the two engines alike; compare ratios, and run it 2-3 times.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "folio.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from lxml import etree  # noqa: E402

from folio.ingestion.validation.native import NativeEngine  # noqa: E402
from folio.ingestion.validation.official import OfficialEngine  # noqa: E402
from folio.ingestion.xml_safety import parse_xml, parse_xml_file  # noqa: E402

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def corpus_documents(corpus: Path) -> dict[str, etree._ElementTree]:
    folders = [
        corpus / "peppol-bis-invoice-3/rules/examples",
        corpus / "en16931-cen/ubl/examples",
    ]
    paths = [p for folder in folders for p in sorted(folder.glob("*.xml"))]
    paths.append(corpus / "ehf-g3/docs/billing-3.0/norway/files/ehf-3-faktura-1.xml")
    return {p.name: parse_xml_file(p) for p in paths}


def generated_invoice(corpus: Path, lines: int = 200) -> etree._ElementTree:
    tree = parse_xml_file(corpus / "peppol-bis-invoice-3/rules/examples/base-example.xml")
    root = tree.getroot()
    originals = root.findall(f"{{{CAC}}}InvoiceLine")
    for line in originals[1:]:
        root.remove(line)
    template = originals[0]
    for number in range(2, lines + 1):
        line = copy.deepcopy(template)
        line.find(f"{{{CBC}}}ID").text = str(number)
        root.append(line)
    return parse_xml(etree.tostring(tree))


def paired_median_ms(
    engines, trees, rounds: int, *, schema: bool = True, clock=time.perf_counter
) -> list[float]:
    """Median ms per document for each engine, the engines taking turns on each document so
    that load from other processes falls on both alike."""
    samples: list[list[float]] = [[] for _ in engines]
    for _ in range(rounds):
        for tree in trees:
            for engine, engine_samples in zip(engines, samples, strict=True):
                started = clock()
                engine.validate(tree, schema=schema)
                engine_samples.append((clock() - started) * 1000)
    return [statistics.median(engine_samples) for engine_samples in samples]


def median_xsd_ms(engine, trees, rounds: int, *, clock=time.perf_counter) -> float:
    samples = []
    for _ in range(rounds):
        for tree in trees:
            started = clock()
            engine.schema_findings(tree)
            samples.append((clock() - started) * 1000)
    return statistics.median(samples)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rss-runs", type=int, default=10_000)
    parser.add_argument("--official-rss-runs", type=int, default=1_000)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    options = parser.parse_args()
    # Wall time by default; `--clock cpu` counts this process's CPU time instead, which other
    # processes on a busy machine disturb much less (both engines run in this process).
    clock = time.process_time if options.clock == "cpu" else time.perf_counter

    corpus = Path(settings.FOLIO_CORPUS)
    examples = corpus_documents(corpus)
    big = generated_invoice(corpus)
    official, native = OfficialEngine(), NativeEngine()
    started = time.perf_counter()
    official.warm_up()
    print(f"official engine compile (XSD + 2 XSLT): {time.perf_counter() - started:.2f} s")
    for tree in [*examples.values(), big]:  # warm both (Saxon JIT, lazy imports)
        official.validate(tree)
        native.validate(tree)

    print(f"{'documents':32} {'official ms':>12} {'native ms':>10} {'ratio':>7}")
    rows = [
        (f"corpus examples ({len(examples)})", list(examples.values()), options.rounds),
        ("generated 200-line invoice", [big], options.rounds * 3),
    ]
    for label, trees, rounds in rows:
        official_ms, native_ms = paired_median_ms((official, native), trees, rounds, clock=clock)
        print(f"{label:32} {official_ms:12.3f} {native_ms:10.3f} {official_ms / native_ms:6.1f}x")
    # XSD is the same lxml schema check in both engines: show it apart from the rules.
    for label, trees, rounds in rows:
        official_ms, native_ms = paired_median_ms(
            (official, native), trees, rounds, schema=False, clock=clock
        )
        label = f"{label.split(' (')[0].replace('generated ', '')}, rules only"
        print(f"{label:32} {official_ms:12.3f} {native_ms:10.3f} {official_ms / native_ms:6.1f}x")
    xsd_ms = median_xsd_ms(native, list(examples.values()), options.rounds, clock=clock)
    print(f"{'XSD only, corpus examples':32} {xsd_ms:12.3f} {xsd_ms:10.3f}")

    trees = [*examples.values(), big]
    for label, engine, runs in (
        ("native", native, options.rss_runs),
        ("official", official, options.official_rss_runs),
    ):
        before = rss_mb()
        for index in range(runs):
            engine.validate(trees[index % len(trees)])
        print(f"RSS growth over {runs} {label} validations: {rss_mb() - before:+.1f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
