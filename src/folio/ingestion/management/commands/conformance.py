"""`folio conformance PATH... [--engine]`: run VEFA testSet files, print each failing test,
end with `N passed, M failed`. Exit 0 when all pass, 1 when any fails, 2 on bad input."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from folio.ingestion import conformance
from folio.ingestion.validation.engines import DEFAULT_ENGINE, ENGINE_NAMES, get_engine
from folio.ingestion.validation.rules_store import RulesError
from folio.ingestion.xml_safety import XmlRejected


class Command(BaseCommand):
    help = "Run VEFA unit-test files (CEN and Peppol per-rule tests) against an engine."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE)

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["paths"]]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            self.stderr.write(f"no such file or folder: {', '.join(missing)}")
            sys.exit(2)
        try:
            engine = get_engine(options["engine"])
            tests = conformance.collect(paths)
        except RulesError as error:
            self.stderr.write(str(error.message))
            sys.exit(2)
        except (XmlRejected, conformance.NotATestSet, OSError) as error:
            self.stderr.write(f"unreadable test file: {error}")
            sys.exit(2)
        passed = failed = 0
        for test in tests:
            findings = engine.rule_findings(conformance.snippet_tree(test), test.stylesheet)
            outcome = conformance.judge(test, findings)
            if outcome.passed:
                passed += 1
            else:
                failed += 1
                self.stdout.write(outcome.describe())
        self.stdout.write(f"{passed} passed, {failed} failed")
        if failed:
            sys.exit(1)
