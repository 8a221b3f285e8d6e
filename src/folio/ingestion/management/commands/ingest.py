"""`folio ingest FILE_OR_ZIP... --sender ORG`: send documents as the sender, one line each.

Exit codes: 0 when every document was stored (accepted or stopped), 1 when any was refused or
a duplicate, 2 on usage errors or unreadable input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from folio.ingestion.batches import MAX_BATCH_BYTES, BatchEntry, batch_ingest, entries_ingest
from folio.ingestion.pipeline import MAX_DOCUMENT_BYTES, IngestRejected
from folio.ingestion.services import IngestOutcome, IngestRun, outcome_result
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
        self.unreadable = False
        index = 0
        while index < len(paths):
            if Path(paths[index]).suffix.lower() == ".zip":
                results.extend(self._zip(paths[index], organization, actor, engine, run, as_json))
                index += 1
                continue
            # A run of plain files goes through the batch pipeline together: prepared, then
            # stored in commit groups (`entries_ingest`); each file keeps its own result.
            end = index
            while end < len(paths) and Path(paths[end]).suffix.lower() != ".zip":
                end += 1
            outcomes = entries_ingest(
                self._file_entries(paths[index:end]),
                organization=organization,
                actor=actor,
                engine=engine,
                run=run,
            )
            results.extend(self._report(name, outcome, as_json) for name, outcome in outcomes)
            index = end
        if as_json:
            self.stdout.write(_dumps(results))
        if self.unreadable:
            sys.exit(2)
        sys.exit(0 if all(r["status"] == 201 for r in results) else 1)

    def _read(self, raw: str, limit: int) -> bytes | None:
        try:
            with open(raw, "rb") as handle:
                return handle.read(limit + 1)
        except OSError as error:
            self.stderr.write(f"{raw}: cannot read: {error.strerror or error}")
            self.unreadable = True
            return None

    def _file_entries(self, raws: list[str]) -> Iterator[BatchEntry]:
        """The files as batch entries, read one at a time as the pipeline asks for them."""
        for raw in raws:
            data = self._read(raw, MAX_DOCUMENT_BYTES)
            if data is None:
                continue
            if len(data) > MAX_DOCUMENT_BYTES:
                error = IngestRejected(
                    "document_too_large",
                    f"The file is larger than {MAX_DOCUMENT_BYTES // 2**20} MB.",
                )
                yield BatchEntry(name=raw, error=error)
            else:
                yield BatchEntry(name=raw, data=data, filename=Path(raw).name)

    def _zip(self, raw: str, organization, actor, engine: str, run, as_json: bool) -> list[dict]:
        data = self._read(raw, MAX_BATCH_BYTES)
        if data is None:
            return []
        try:
            if len(data) > MAX_BATCH_BYTES:
                raise IngestRejected(
                    "document_too_large",
                    f"The file is larger than {MAX_BATCH_BYTES // 2**20} MB.",
                )
            outcomes = batch_ingest(
                organization=organization, data=data, actor=actor, engine=engine, run=run
            )
        except IngestRejected as error:
            return [self._report(raw, IngestOutcome(status=422, body=error.as_dict()), as_json)]
        return [self._report(f"{raw}!{name}", outcome, as_json) for name, outcome in outcomes]

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
