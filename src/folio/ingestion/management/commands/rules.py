"""`folio rules status | install PATH_OR_ZIP | fetch | coverage`."""

import json
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand

from folio.ingestion.validation import rules_store
from folio.ingestion.validation.coverage import coverage_report


class Command(BaseCommand):
    help = "Manage the official validation rules (XSD and compiled XSLT) and show coverage."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="what is installed, versions and checksums")
        install = sub.add_parser("install", help="install from a folder or zip (offline)")
        install.add_argument("source", metavar="PATH_OR_ZIP")
        sub.add_parser("fetch", help="download the pinned official releases")
        coverage = sub.add_parser("coverage", help="official rule ids the native engine lacks")
        coverage.add_argument("--json", action="store_true")
        coverage.add_argument("--missing", action="store_true", help="list every missing id")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "status":
                self._status()
            elif action == "install":
                manifest = rules_store.rules_install(source=Path(options["source"]))
                self.stdout.write(
                    f"installed {len(manifest['files'])} files into {rules_store.rules_dir()} "
                    f"(Peppol {manifest['versions']['peppol']})"
                )
            elif action == "fetch":
                self.stderr.write(
                    "folio rules fetch cannot verify downloads: no pinned SHA-256 for the "
                    "official releases is known to this build. Download these yourself, check "
                    "them, and run `folio rules install PATH_OR_ZIP`:\n  - "
                    + "\n  - ".join(rules_store.OFFICIAL_SOURCES)
                )
                sys.exit(2)
            else:
                self._coverage(as_json=options["json"], list_missing=options["missing"])
        except rules_store.RulesError as error:
            self.stderr.write(f"{error.code}: {error.message}")
            sys.exit(2)

    def _status(self):
        status = rules_store.rules_status()
        if not status["installed"]:
            self.stdout.write(f"no rules installed in {status['directory']}")
            if status.get("fallback"):
                self.stdout.write(f"using the corpus in place: {status['fallback']}")
            return
        self.stdout.write(f"rules folder: {status['directory']}")
        self.stdout.write(f"installed at: {status['installed_at']} from {status['source']}")
        for name, version in status["versions"].items():
            self.stdout.write(f"  {name}: {version}")
        for relative, digest in status["files"].items():
            if relative.startswith("xslt/") or relative == "xsd/wrapper-invoice.xsd":
                self.stdout.write(f"  {digest}  {relative}")
        self.stdout.write(
            f"{len(status['files'])} files, "
            + ("all checksums match" if status["intact"] else f"CHANGED: {status['changed']}")
        )
        if not status["intact"]:
            sys.exit(1)

    def _coverage(self, *, as_json: bool, list_missing: bool):
        report = coverage_report()
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
            return
        for stylesheet, data in report.items():
            self.stdout.write(
                f"{stylesheet}: {data['implemented']}/{data['total']} implemented "
                f"({data['missing_fatal']} fatal and {data['missing_warning']} warnings missing)"
            )
            for family, count in sorted(Counter(data["missing_families"]).items()):
                self.stdout.write(f"  missing {family}: {count}")
            if list_missing:
                self.stdout.write("  " + " ".join(data["missing"]))
