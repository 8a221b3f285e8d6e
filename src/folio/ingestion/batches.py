"""ZIP batches: checked before anything is unpacked, read in memory entry by entry.

Nothing is ever extracted to disk, so an entry named `../../etc/x` cannot land anywhere; such
names are still refused per entry, so a sender learns that the archive is odd. The entry count
and the declared expanded size are checked from the central directory first; zipfile then never
yields more than an entry's declared size (and checks its CRC), so a lying header cannot blow
up memory.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _

from folio.ingestion.pipeline import MAX_DOCUMENT_BYTES, IngestRejected
from folio.ingestion.services import (
    IngestOutcome,
    IngestRun,
    PreparedDocument,
    document_prepare,
    document_store,
    ingest_in_groups,
    outcome_result,
)
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record

MAX_BATCH_BYTES = 100 * 1024 * 1024
MAX_BATCH_ENTRIES = 1000
MAX_BATCH_EXPANDED_BYTES = 500 * 1024 * 1024
DOCUMENT_SUFFIXES = (".xml", ".json")


@dataclass
class BatchEntry:
    name: str  # the name its result is reported under
    data: bytes | None = None
    error: IngestRejected | None = None
    filename: str = ""  # the file name stored with the document (default: `name`)


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    if not path.parts:
        return True
    return path.is_absolute() or ".." in path.parts or ":" in path.parts[0]


def zip_entries(data: bytes) -> Iterator[BatchEntry]:
    """Each document entry of a ZIP (directories and macOS metadata are skipped)."""
    if len(data) > MAX_BATCH_BYTES:
        raise IngestRejected(
            "batch_too_large",
            _("A batch may be at most %(mb)s MB.") % {"mb": MAX_BATCH_BYTES // 2**20},
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise IngestRejected("batch_not_a_zip", _("The batch is not a readable ZIP.")) from exc
    files = [
        info
        for info in infos
        if not info.is_dir() and not info.filename.startswith(("__MACOSX/", "._"))
    ]
    if len(files) > MAX_BATCH_ENTRIES:
        raise IngestRejected(
            "batch_too_many_entries",
            _("A batch may hold at most %(max)s files.") % {"max": MAX_BATCH_ENTRIES},
        )
    if sum(info.file_size for info in files) > MAX_BATCH_EXPANDED_BYTES:
        raise IngestRejected(
            "batch_too_large_expanded",
            _("A batch may expand to at most %(mb)s MB.")
            % {"mb": MAX_BATCH_EXPANDED_BYTES // 2**20},
        )
    for info in files:
        name = info.filename
        if _unsafe(name):
            yield BatchEntry(
                name=name,
                error=IngestRejected("batch_unsafe_name", _("The entry's path is not allowed.")),
            )
        elif info.flag_bits & 0x1:
            yield BatchEntry(
                name=name,
                error=IngestRejected("batch_encrypted", _("Encrypted entries are not read.")),
            )
        elif info.file_size > MAX_DOCUMENT_BYTES:
            yield BatchEntry(
                name=name,
                error=IngestRejected(
                    "document_too_large",
                    _("A document may be at most %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // 2**20},
                ),
            )
        elif not name.lower().endswith(DOCUMENT_SUFFIXES):
            yield BatchEntry(
                name=name,
                error=IngestRejected(
                    "batch_unsupported_file", _("Only .xml and .json files are read.")
                ),
            )
        else:
            try:
                with archive.open(info) as handle:
                    content = handle.read(MAX_DOCUMENT_BYTES + 1)
            except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, OSError):
                yield BatchEntry(
                    name=name,
                    error=IngestRejected("batch_entry_unreadable", _("The entry is damaged.")),
                )
                continue
            yield BatchEntry(name=name, data=content)


def batch_ingest(
    *,
    organization: Organization,
    data: bytes,
    actor: Actor,
    engine: str = "",
    run: IngestRun | None = None,
) -> list[tuple[str, IngestOutcome]]:
    """Every document of a ZIP, each on its own (one refused file does not stop the others).

    The documents share one IngestRun and commit in groups (`ingest_in_groups`). A batch
    refused as a whole raises IngestRejected, after writing its audit row."""
    entries = zip_entries(data)
    try:
        first = next(entries, None)
    except IngestRejected as error:
        audit_record(
            actor=actor,
            action="batch.rejected",
            organization=organization,
            detail={"code": error.code, "size": len(data)},
        )
        raise
    if first is None:
        return []
    return entries_ingest(
        itertools.chain([first], entries),
        organization=organization,
        actor=actor,
        engine=engine,
        run=run or IngestRun(engine=engine),
    )


def entries_ingest(
    entries: Iterable[BatchEntry],
    *,
    organization: Organization,
    actor: Actor,
    engine: str = "",
    run: IngestRun,
) -> list[tuple[str, IngestOutcome]]:
    """Every entry (a ZIP's files, or the files `folio ingest` is given), each on its own, in
    commit groups whose documents are prepared before they are stored (`ingest_in_groups`)."""

    def prepare_entry(entry: BatchEntry) -> tuple[BatchEntry, PreparedDocument | IngestOutcome]:
        if entry.error is not None:
            return entry, IngestOutcome(status=422, body=entry.error.as_dict())
        prepared = document_prepare(
            organization=organization,
            body=entry.data or b"",
            actor=actor,
            filename=entry.filename or entry.name,
            engine=engine,
            run=run,
        )
        return entry, prepared

    def store_entry(item: tuple[BatchEntry, PreparedDocument | IngestOutcome]):
        entry, prepared = item
        if isinstance(prepared, IngestOutcome):
            return entry.name, prepared
        return entry.name, document_store(
            organization=organization,
            prepared=prepared,
            actor=actor,
            filename=entry.filename or entry.name,
            run=run,
        )

    def prepared_size(item: tuple[BatchEntry, PreparedDocument | IngestOutcome]) -> int:
        return item[1].size if isinstance(item[1], PreparedDocument) else 0

    return ingest_in_groups(
        entries,
        prepare_one=prepare_entry,
        store_one=store_entry,
        prepared_size=prepared_size,
        run=run,
    )


def batch_summary(results: list[tuple[str, IngestOutcome]]) -> dict:
    return {
        "count": len(results),
        "stored": sum(1 for _name, o in results if o.status == 201),
        "duplicates": sum(1 for _name, o in results if o.status == 409),
        "rejected": sum(1 for _name, o in results if o.status == 422),
        "results": [outcome_result(name, outcome) for name, outcome in results],
    }
