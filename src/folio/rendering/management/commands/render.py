"""`folio render FILE... --out-dir DIR [--lang LANG] [--type TYPE]`: UBL to PDF/A-3b.

Needs no database: default branding, the language from --lang or the buyer's country, the
type from --type or the UBL root (Invoice or CreditNote). One PDF per input, same base name.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from folio.core.errors import ApplicationError
from folio.ingestion.xml_safety import DEFAULT_MAX_BYTES
from folio.rendering.formatting import LANGUAGE_LOCALES
from folio.rendering.pdf import render_pdf, request_from_ubl
from folio.rendering.presentation import RENDERED_TYPES


class Command(BaseCommand):
    help = "Render UBL invoices and credit notes to PDF/A-3b (the XML embedded), no database."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--out-dir", required=True, type=Path)
        parser.add_argument("--lang", choices=sorted(LANGUAGE_LOCALES), default=None)
        parser.add_argument("--type", choices=RENDERED_TYPES, default=None, dest="document_type")

    def handle(self, *args, files, out_dir: Path, lang, document_type, **options):
        out_dir.mkdir(parents=True, exist_ok=True)
        failures = 0
        for name in files:
            path = Path(name)
            try:
                with path.open("rb") as handle:
                    xml = handle.read(DEFAULT_MAX_BYTES + 1)
                request = request_from_ubl(
                    xml, language=lang, document_type=document_type, filename=path.name
                )
                pdf = render_pdf(request)
            except OSError as error:
                failures += 1
                self.stderr.write(f"{path}: cannot read: {error.strerror or error}")
                continue
            except ApplicationError as error:
                failures += 1
                self.stderr.write(f"{path}: {error.code}: {error.message}")
                continue
            target = out_dir / (path.stem + ".pdf")
            target.write_bytes(pdf.content)
            self.stdout.write(f"{path} -> {target} ({pdf.document_type}, {pdf.language})")
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be rendered")
