"""The print partner's side of the print channel: daily batches out, status files back.

A batch is `<name>.pdf` (every queued letter, in order), `<name>.manifest.json` and
`<name>.manifest.csv` (one row per letter: key, first page, pages, sheets, postage class,
country...), handed over through the print partner's file transfer (FOLIO_PRINT_TRANSPORT: the
drop folder or the partner's SFTP server) under temporary names and renamed, then `<name>.ready`
last, so the partner never picks up half a batch. The partner answers with
`<anything>.status.csv` files (`message_key,status,at` where status is printed, posted or
rejected) in its status folder; each file is read once and moved to `processed/`.

A hand-over that fails (the server away, a refused host key or login) raises TransportError and
rolls the batch back: its letters stay queued for the next batch.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from folio.channels.file_transfer import FileTransfer, file_transfer_for
from folio.delivery.models import (
    Delivery,
    DeliveryStatus,
    PrintBatch,
    PrintBatchStatus,
    PrintItem,
    PrintItemStatus,
)
from folio.delivery.services import delivery_transition
from folio.documents.models import DocumentStatus, EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor

MANIFEST_FIELDS = [
    "message_key",
    "sequence",
    "first_page",
    "pages",
    "sheets",
    "duplex",
    "colour",
    "postage_class",
    "country",
    "postage",
    "recipient_name",
    "address",
]


def print_batch_create(
    *, actor: Actor, now: datetime.datetime | None = None, transfer: FileTransfer | None = None
) -> PrintBatch | None:
    """Collect every queued letter into one batch and hand it over; None when nothing waits."""
    now = now or timezone.now()
    transfer = transfer or file_transfer_for("print")
    with transaction.atomic():
        items = list(
            PrintItem.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=PrintItemStatus.QUEUED)
            .select_related("delivery", "delivery__document")
            .order_by("created_at", "id")
        )
        if not items:
            return None
        name = f"folio-{timezone.localtime(now):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        writer = PdfWriter()
        rows = []
        page = 1
        for sequence, item in enumerate(items, start=1):
            with item.pdf.open("rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
            for pdf_page in reader.pages:
                writer.add_page(pdf_page)
            if item.duplex and len(reader.pages) % 2:
                # Keep the next letter starting on a fresh sheet.
                writer.add_blank_page()
            rows.append(
                {
                    "message_key": item.delivery.message_key,
                    "sequence": sequence,
                    "first_page": page,
                    "pages": item.pages,
                    "sheets": item.sheets,
                    "duplex": item.duplex,
                    "colour": item.colour,
                    "postage_class": item.postage_class,
                    "country": item.country,
                    "postage": str(item.postage),
                    "recipient_name": item.recipient_name,
                    "address": item.address_lines,
                }
            )
            page += len(reader.pages) + (1 if item.duplex and len(reader.pages) % 2 else 0)
        pdf_buffer = io.BytesIO()
        writer.write(pdf_buffer)
        batch = PrintBatch.objects.create(
            name=name,
            status=PrintBatchStatus.HANDED_OVER,
            letter_count=len(items),
            page_count=sum(item.pages for item in items),
            sheet_count=sum(item.sheets for item in items),
            postage_total=sum((item.postage for item in items), start=0),
            handed_over_at=now,
            handed_over_to=str(transfer)[:300],
        )
        manifest = {
            "batch": name,
            "created_at": now.isoformat(),
            "letters": len(items),
            "pages": batch.page_count,
            "sheets": batch.sheet_count,
            "postage_total": str(batch.postage_total),
            "items": rows,
        }
        csv_buffer = io.StringIO()
        csv_writer = csv.DictWriter(csv_buffer, fieldnames=MANIFEST_FIELDS)
        csv_writer.writeheader()
        for row in rows:
            csv_writer.writerow({**row, "address": " / ".join(row["address"])})
        PrintItem.objects.filter(pk__in=[item.pk for item in items]).update(
            status=PrintItemStatus.BATCHED, batch=batch
        )
        for item in items:
            event_record(
                document=item.delivery.document,
                kind=EventKind.STATUS_CHANGED,
                actor=actor,
                message=_("Handed over to the print partner in batch %(name)s.") % {"name": name},
                delivery=item.delivery,
                data={"batch": name},
            )
        # Inside the transaction: a failed hand-over leaves every letter queued. The marker goes
        # last: its presence tells the partner the batch is complete.
        transfer.upload_all(
            [
                (f"{name}.pdf", pdf_buffer.getvalue()),
                (f"{name}.manifest.json", json.dumps(manifest, indent=2).encode()),
                (f"{name}.manifest.csv", csv_buffer.getvalue().encode()),
                (f"{name}.ready", b""),
            ]
        )
    return batch


def print_batch_due(now: datetime.datetime) -> bool:
    """A batch goes out once a day, at the first run after the cut-off hour."""
    local = timezone.localtime(now)
    if local.hour < settings.FOLIO_PRINT_BATCH_HOUR:
        return False
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return not PrintBatch.objects.filter(created_at__gte=start_of_day).exists()


PARTNER_STATUSES = {
    "printed": PrintItemStatus.PRINTED,
    "posted": PrintItemStatus.POSTED,
    "rejected": PrintItemStatus.REJECTED,
}


def _status_apply(key: str, status: str, at: datetime.datetime, detail: str, actor: Actor) -> bool:
    from folio.delivery.dispatch import document_move
    from folio.delivery.routing import delivery_fall_back

    new_status = PARTNER_STATUSES.get(status.strip().lower())
    if new_status is None:
        return False
    with transaction.atomic():
        item = (
            PrintItem.objects.select_for_update(of=("self",))
            .select_related("delivery", "delivery__document")
            .filter(delivery__message_key=key)
            .first()
        )
        if item is None or item.status in (PrintItemStatus.POSTED, PrintItemStatus.REJECTED):
            return False
        item.status = new_status
        item.save(update_fields=["status", "updated_at"])
        delivery: Delivery = item.delivery
        if new_status == PrintItemStatus.PRINTED:
            event_record(
                document=delivery.document,
                kind=EventKind.STATUS_CHANGED,
                actor=actor,
                message=_("Printed by the print partner."),
                delivery=delivery,
                at=at,
            )
        elif new_status == PrintItemStatus.POSTED:
            event_record(
                document=delivery.document,
                kind=EventKind.PRINTED,
                actor=actor,
                message=_("Printed and posted."),
                delivery=delivery,
                at=at,
            )
            if delivery.status == DeliveryStatus.SENT:
                delivery_transition(
                    delivery=delivery, to_status=DeliveryStatus.DELIVERED, actor=actor, at=at
                )
                document_move(
                    delivery.document, DocumentStatus.DELIVERED, actor=actor, delivery=delivery
                )
        else:
            reason = _("The print partner rejected the letter: %(detail)s") % {"detail": detail}
            if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED):
                delivery_transition(
                    delivery=delivery, to_status=DeliveryStatus.FAILED, actor=actor, message=reason
                )
                delivery_fall_back(failed=delivery, reason=reason, actor=actor)
    return True


def print_status_files_read(*, actor: Actor, transfer: FileTransfer | None = None) -> int:
    """Apply every new partner status file; returns how many letters changed."""
    transfer = transfer or file_transfer_for("print")
    changed = 0
    for item in transfer.incoming("*.status.csv"):
        text = item.content.decode("utf-8-sig", errors="replace")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            try:
                at = datetime.datetime.fromisoformat(row.get("at") or "")
            except ValueError:
                at = timezone.now()
            if timezone.is_naive(at):
                at = timezone.make_aware(at)
            changed += _status_apply(
                (row.get("message_key") or "").strip(),
                row.get("status") or "",
                at,
                row.get("detail") or "",
                actor,
            )
        # A posted or rejected letter is never changed again, so a crash
        # before this acknowledgement only means the file is read again.
        transfer.acknowledge(item)
    for batch in PrintBatch.objects.filter(status=PrintBatchStatus.HANDED_OVER):
        if not batch.items.filter(
            status__in=[PrintItemStatus.QUEUED, PrintItemStatus.BATCHED, PrintItemStatus.PRINTED]
        ).exists():
            PrintBatch.objects.filter(pk=batch.pk).update(status=PrintBatchStatus.PROCESSED)
    return changed
