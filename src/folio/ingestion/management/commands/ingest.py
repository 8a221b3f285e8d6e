"""`folio ingest FILE_OR_ZIP... --sender ORG`: send documents as the sender, one line each.

Exit codes: 0 when every document was stored (accepted or stopped), 1 when any was refused or
a duplicate, 2 on usage errors or unreadable input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from folio.ingestion.batches import MAX_BATCH_BYTES, batch_ingest
from folio.ingestion.pipeline import MAX_DOCUMENT_BYTES, IngestRejected
from folio.ingestion.services import IngestOutcome, IngestRun, document_ingest, outcome_result
from folio.ingestion.validation.engines import ENGINE_NAMES
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization


class Command(BaseCommand):
    help = "Ingest UBL/Folio JSON files or ZIPs of them for a sender organization."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_ZIP")
        parser.add_argument("--sender", required=True, help="The sender organization's slug")
        parser.add_argument("--engine", choices=ENGINE_NAMES, default="")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="One JSON array of results"
        )

    def handle(self, *args, paths, sender, engine, as_json: bool = False, **options):
        organization = Organization.objects.filter(slug=sender, is_active=True).first()
        if organization is None:
            raise CommandError(f"no active organization with the slug {sender!r}")
        actor = Actor.for_system("cli")
        # One run for all the files: one validation engine, matches and rules read once.
        run = IngestRun(engine=engine)
        results: list[dict] = []
        unreadable = False
        for raw in paths:
            path = Path(raw)
            is_zip = path.suffix.lower() == ".zip"
            limit = MAX_BATCH_BYTES if is_zip else MAX_DOCUMENT_BYTES
            try:
                with open(path, "rb") as handle:
                    data = handle.read(limit + 1)
            except OSError as error:
                self.stderr.write(f"{raw}: cannot read: {error.strerror or error}")
                unreadable = True
                continue
            try:
                if len(data) > limit:
                    raise IngestRejected(
                        "document_too_large", f"The file is larger than {limit // 2**20} MB."
                    )
                if is_zip:
                    for name, outcome in batch_ingest(
                        organization=organization, data=data, actor=actor, engine=engine, run=run
                    ):
                        results.append(self._report(f"{raw}!{name}", outcome, as_json))
                    continue
                outcome = document_ingest(
                    organization=organization,
                    body=data,
                    actor=actor,
                    filename=path.name,
                    engine=engine,
                    run=run,
                )
            except IngestRejected as error:
                outcome = IngestOutcome(status=422, body=error.as_dict())
            results.append(self._report(raw, outcome, as_json))
        if as_json:
            self.stdout.write(_dumps(results))
        if unreadable:
            sys.exit(2)
        sys.exit(0 if all(r["status"] == 201 for r in results) else 1)

    def _report(self, name: str, outcome: IngestOutcome, as_json: bool) -> dict:
        result = outcome_result(name, outcome)
        if not as_json:
            body = outcome.body
            if outcome.status == 201:
                line = f"{name}: {body['status']} {body['type']} {body['number']} id={body['id']}"
            elif outcome.status == 409:
                line = f"{name}: duplicate existing_id={body.get('existing_id')}"
            else:
                rules = ", ".join(e["rule"] for e in body.get("errors", [])[:10])
                line = f"{name}: rejected {body.get('code')}: {body.get('message')} [{rules}]"
            self.stdout.write(line)
        return result


def _dumps(results: list[dict]) -> str:
    return json.dumps(results, indent=2, default=str)
