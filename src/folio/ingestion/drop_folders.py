"""Drop folders (`folio watch`): <FOLIO_DROP_DIR>/<org-slug>/ per sender.

A new file is claimed by renaming it into `processing/` (rename is atomic, so of two watchers
exactly one wins), ingested (a .zip as a batch), then moved to `done/` when every document in
it was stored, else to `rejected/`, with `<name>.result.json` beside it. Only regular files
are read; symbolic links and other oddities are moved to `rejected/` unread.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from folio.ingestion.batches import MAX_BATCH_BYTES, batch_ingest, batch_summary
from folio.ingestion.pipeline import MAX_DOCUMENT_BYTES, IngestRejected
from folio.ingestion.services import document_ingest, outcome_result
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization

logger = logging.getLogger(__name__)

WORK_FOLDERS = ("processing", "done", "rejected")


def drop_dir() -> Path:
    return Path(settings.FOLIO_DROP_DIR)


def _claim(path: Path) -> Path | None:
    processing = path.parent / "processing"
    processing.mkdir(exist_ok=True)
    claimed = processing / f"{uuid.uuid4().hex[:12]}--{path.name}"
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        return None  # another watcher took it
    return claimed


def _original_name(claimed: Path) -> str:
    return claimed.name.split("--", 1)[1] if "--" in claimed.name else claimed.name


def _finish(claimed: Path, folder: str, result: dict) -> Path:
    target_dir = claimed.parent.parent / folder
    target_dir.mkdir(exist_ok=True)
    name = _original_name(claimed)
    target = target_dir / name
    if target.exists():
        target = target_dir / f"{uuid.uuid4().hex[:8]}-{name}"
    (target_dir / f"{target.name}.result.json").write_text(
        json.dumps(result, indent=2, default=str), encoding="utf-8"
    )
    os.rename(claimed, target)
    return target


def _read_capped(path: Path, limit: int) -> bytes:
    # O_NOFOLLOW: a symlink swapped in after the claim is not followed.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise IngestRejected(
            "document_too_large", _("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20}
        )
    return data


def drop_file_process(path: Path, organization: Organization) -> tuple[str, dict] | None:
    """Ingest one dropped file; None when another watcher claimed it first."""
    claimed = _claim(path)
    if claimed is None:
        return None
    actor = Actor.for_system(f"watch:{organization.slug}")
    name = _original_name(claimed)
    try:
        mode = os.lstat(claimed).st_mode
        if not stat.S_ISREG(mode):
            raise IngestRejected("not_a_regular_file", _("Only regular files are read."))
        if name.lower().endswith(".zip"):
            data = _read_capped(claimed, MAX_BATCH_BYTES)
            summary = batch_summary(batch_ingest(organization=organization, data=data, actor=actor))
            ok = summary["count"] > 0 and summary["stored"] == summary["count"]
            result = {"file": name, **summary}
        else:
            data = _read_capped(claimed, MAX_DOCUMENT_BYTES)
            outcome = document_ingest(
                organization=organization, body=data, actor=actor, filename=name
            )
            ok = outcome.status == 201
            result = outcome_result(name, outcome)
    except IngestRejected as error:
        ok = False
        result = {"file": name, **error.as_dict(), "status": 422}
    except OSError as error:
        ok = False
        result = {"file": name, "status": 422, "code": "unreadable", "message": str(error)}
    folder = "done" if ok else "rejected"
    _finish(claimed, folder, result)
    return folder, result


def drop_folders_scan() -> list[tuple[str, dict]]:
    """One pass over every sender's drop folder."""
    root = drop_dir()
    if not root.is_dir():
        return []
    results = []
    organizations = {
        org.slug: org for org in Organization.objects.filter(is_active=True).only("id", "slug")
    }
    for sender_dir in sorted(root.iterdir()):
        organization = organizations.get(sender_dir.name)
        if organization is None or not sender_dir.is_dir() or sender_dir.is_symlink():
            continue
        organization = Organization.objects.get(pk=organization.pk)
        for entry in sorted(sender_dir.iterdir()):
            if entry.name.startswith(".") or entry.name in WORK_FOLDERS:
                continue
            if entry.is_dir() and not entry.is_symlink():
                continue
            processed = drop_file_process(entry, organization)
            if processed is not None:
                results.append(processed)
    return results
