"""`folio validate FILE... [--engine native|official|both] [--json] [--language nb]`.

Findings of the commonest rules carry an "explanation" in plain language (--language, default
the site language); the key is left out where a rule has none.

Exit 0 when every file conforms, 1 when any does not, 2 on usage errors or unreadable input.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from folio.ingestion.validation.engines import DEFAULT_ENGINE, ENGINE_NAMES, get_engine
from folio.ingestion.validation.explanations import explain
from folio.ingestion.validation.rules_store import RulesError
from folio.ingestion.xml_safety import XmlRejected, parse_xml_file


class Command(BaseCommand):
    help = "Validate UBL invoices and credit notes against EN 16931 and Peppol BIS 3."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE)
        parser.add_argument("--json", action="store_true", help="print one JSON array")
        parser.add_argument(
            "--language",
            choices=[code for code, _ in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="language of the plain-language explanations",
        )

    def handle(self, *args, **options):
        try:
            engine = get_engine(options["engine"])
        except RulesError as error:
            self.stderr.write(str(error.message))
            sys.exit(2)
        results = []
        unreadable = False
        for path in options["files"]:
            try:
                tree = parse_xml_file(path)
            except OSError as error:
                self.stderr.write(f"{path}: cannot read: {error.strerror or error}")
                unreadable = True
                continue
            except XmlRejected as error:
                self.stderr.write(f"{path}: rejected ({error.code}): {error.message}")
                unreadable = True
                continue
            report = engine.validate(tree)
            result = {"file": path, **report.as_dict()}
            for finding in result["errors"] + result["warnings"]:
                explanation = explain(finding["rule"], options["language"])
                if explanation:
                    finding["explanation"] = explanation
            results.append(result)
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
        else:
            for result in results:
                verdict = "conforms" if result["conforms"] else "does not conform"
                self.stdout.write(f"{result['file']}: {verdict}")
                for finding in result["errors"] + result["warnings"]:
                    self.stdout.write(
                        f"  {finding['severity']:7} {finding['rule']}: {finding['message']}"
                        f" at {finding['location']}"
                    )
                    if "explanation" in finding:
                        self.stdout.write(f"          {finding['explanation']}")
        if unreadable:
            sys.exit(2)
        if not all(result["conforms"] for result in results):
            sys.exit(1)
