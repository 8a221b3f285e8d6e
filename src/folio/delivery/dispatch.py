"""Dispatch: claim due deliveries, render and send each over its channel, record the outcome.

At-least-once: a worker claims PENDING deliveries (row locks with SKIP LOCKED, then a status
change with a lease), sends outside any transaction, and records each result. A worker that
dies after the claim leaves its deliveries SENDING with an expired lease;
`deliveries_recover_stalled` puts them back to PENDING and the next send carries the same
message key, so the far side drops the duplicate.

A dispatch job claims its own delivery and, in the same SKIP LOCKED query, up to
FOLIO_DELIVERY_CLAIM_BATCH - 1 other due ones, and sends them one after the other (e-mail over
one SMTP connection). Their own jobs then find them handed over and skip. The lease is renewed
while the batch is being worked through, so a slow batch is not mistaken for a dead worker.
"""

from __future__ import annotations

import datetime
import logging
import random
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from folio.channels.base import Payload, SendResult, TransportError
from folio.channels.email.smtp import smtp_connection_reuse
from folio.channels.registry import transport_for
from folio.delivery.models import AttemptOutcome, Delivery, DeliveryStatus
from folio.delivery.services import delivery_attempt_record, delivery_transition
from folio.documents.models import DOCUMENT_TRANSITIONS, Document, DocumentStatus
from folio.documents.services import document_transition
from folio.rendering.services import artefact_store
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)


def dispatch_enqueue(delivery: Delivery, *, run_after: datetime.datetime | None = None) -> None:
    """Queue the dispatch job; call inside the transaction that made the delivery due."""
    from folio.delivery.tasks import dispatch_delivery

    task = dispatch_delivery.using(run_after=run_after) if run_after else dispatch_delivery
    task.enqueue(str(delivery.code))


def retry_delay(attempt: int) -> datetime.timedelta:
    """Exponential backoff with jitter: base * 2^(attempt-1), capped, then 50-100% of that."""
    base = settings.FOLIO_DELIVERY_RETRY_BASE_SECONDS
    ceiling = min(base * 2 ** max(attempt - 1, 0), settings.FOLIO_DELIVERY_RETRY_MAX_SECONDS)
    return datetime.timedelta(seconds=ceiling * random.uniform(0.5, 1.0))


def document_move(document: Document, to_status: str, *, actor: Actor, delivery=None, reason=""):
    """Move the document along with its delivery, when that move is legal from where it is."""
    current = Document.objects.filter(pk=document.pk).values_list("status", flat=True).first()
    if current == to_status or to_status not in DOCUMENT_TRANSITIONS.get(current, ()):
        return
    document_transition(
        document=document, to_status=to_status, actor=actor, delivery=delivery, reason=reason
    )


def _lease_until(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(seconds=settings.FOLIO_DELIVERY_LEASE_SECONDS)


def _claim(delivery_code: str, actor: Actor, *, limit: int) -> list[Delivery]:
    """Claim `delivery_code` (when due) and up to `limit - 1` other due deliveries, its own first.

    One SKIP LOCKED query: rows another worker holds are passed over, not waited for.
    """
    now = timezone.now()
    lease = _lease_until(now)
    due_filter = Q(status=DeliveryStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    # Most jobs of deliveries another job's batch already sent find nothing: a plain read
    # answers that without a write transaction (which on SQLite locks out the other workers).
    if not Delivery.objects.filter(due_filter).exists():
        return []
    with transaction.atomic():
        due = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("document", "document__organization", "document__customer")
            .filter(due_filter)
            .annotate(
                named=Case(
                    When(code=delivery_code, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("named", "next_attempt_at", "id")[: max(limit, 1)]
        )
        claimed = list(due)
        for delivery in claimed:
            delivery_transition(
                delivery=delivery,
                to_status=DeliveryStatus.SENDING,
                actor=actor,
                already_locked=True,
                also={"claimed_until": lease},
            )
    return claimed


def _lease_renew(deliveries: list[Delivery]) -> None:
    """Push the lease of the batch's deliveries still being sent by this worker."""
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries], status=DeliveryStatus.SENDING
    ).update(claimed_until=_lease_until(timezone.now()))


def _send_one(delivery: Delivery, actor: Actor) -> str:
    transport = transport_for(delivery.channel)
    started = time.monotonic()
    try:
        payload = transport.render(delivery.document, delivery=delivery)
        result = transport.send(delivery, payload)
    except TransportError as exc:
        duration_ms = int((time.monotonic() - started) * 1000)
        return delivery_failure_record(
            delivery=delivery,
            error=exc.message,
            permanent=exc.permanent,
            duration_ms=duration_ms,
            actor=actor,
        )
    except Exception as exc:
        # A defect or an unexpected outage: retry, so that a fix or recovery still delivers.
        logger.exception("Dispatch of delivery %s failed unexpectedly", delivery.code)
        duration_ms = int((time.monotonic() - started) * 1000)
        return delivery_failure_record(
            delivery=delivery,
            error=f"{type(exc).__name__}: {exc}",
            permanent=False,
            duration_ms=duration_ms,
            actor=actor,
        )
    duration_ms = int((time.monotonic() - started) * 1000)
    delivery_success_record(
        delivery=delivery, result=result, duration_ms=duration_ms, actor=actor, payload=payload
    )
    return "sent"


def delivery_dispatch(
    *, delivery_code: str, actor: Actor | None = None, batch: int | None = None
) -> str:
    """Send one due delivery, and other due ones with it (see the module docstring).

    Returns what happened to the named delivery: skipped, sent, retry or failed.
    """
    actor = actor or Actor.for_system("delivery")
    limit = batch if batch is not None else settings.FOLIO_DELIVERY_CLAIM_BATCH
    claimed = _claim(delivery_code, actor, limit=limit)
    outcome = "skipped"
    renew_every = settings.FOLIO_DELIVERY_LEASE_SECONDS / 2
    last_renewed = time.monotonic()
    with smtp_connection_reuse():
        for position, delivery in enumerate(claimed):
            if time.monotonic() - last_renewed > renew_every:
                _lease_renew(claimed[position:])
                last_renewed = time.monotonic()
            result = _send_one(delivery, actor)
            if str(delivery.code) == str(delivery_code):
                outcome = result
    return outcome


@transaction.atomic
def delivery_success_record(
    *,
    delivery: Delivery,
    result: SendResult,
    duration_ms: int,
    actor: Actor,
    payload: Payload | None = None,
) -> Delivery:
    locked = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    if Delivery.document.is_cached(delivery):
        # The dispatcher loaded the document with its organization and customer; reuse them.
        locked.document = delivery.document
    delivery_attempt_record(
        delivery=locked,
        outcome=AttemptOutcome.SUCCESS,
        duration_ms=duration_ms,
        response=result.response[:2000],
        actor=actor,
    )
    if locked.status == DeliveryStatus.PENDING:
        # Recovered while this worker was slow: finish it here; the other job will skip it.
        delivery_transition(
            delivery=locked, to_status=DeliveryStatus.SENDING, actor=actor, already_locked=True
        )
    if locked.status != DeliveryStatus.SENDING:
        return locked
    to_status = DeliveryStatus.DELIVERED if result.delivered else DeliveryStatus.SENT
    finished = {"claimed_until": None, "last_error": ""}
    if result.cost is not None:
        finished["cost"] = result.cost
    delivery_transition(
        delivery=locked,
        to_status=to_status,
        actor=actor,
        external_reference=result.external_reference[:200],
        message=result.response[:500],
        already_locked=True,
        also=finished,
    )
    transport = transport_for(locked.channel)
    transport.on_sent(locked, result)
    if payload is not None:
        # Kept byte for byte, so the sender can see exactly what the recipient got.
        artefact_store(
            actor=actor,
            document=locked.document,
            kind=transport.artefact_kind,
            content=payload.body,
            content_type=payload.content_type,
            filename=f"{locked.message_key}{transport.artefact_suffix}",
            delivery=locked,
        )
    document_move(
        locked.document,
        DocumentStatus.DELIVERED if result.delivered else DocumentStatus.SENT,
        actor=actor,
        delivery=locked,
    )
    return locked


@transaction.atomic
def delivery_failure_record(
    *, delivery: Delivery, error: str, permanent: bool, duration_ms: int, actor: Actor
) -> str:
    from folio.delivery.routing import delivery_fall_back

    locked = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery.pk)
    delivery_attempt_record(
        delivery=locked,
        outcome=AttemptOutcome.PERMANENT_ERROR if permanent else AttemptOutcome.TRANSIENT_ERROR,
        duration_ms=duration_ms,
        error=error[:2000],
        actor=actor,
    )
    locked.refresh_from_db(fields=["attempt_count", "status"])
    if locked.status != DeliveryStatus.SENDING:
        return "skipped"
    gave_up = not permanent and locked.attempt_count >= settings.FOLIO_DELIVERY_MAX_ATTEMPTS
    locked.last_error = error[:2000]
    locked.claimed_until = None
    if not permanent and not gave_up:
        next_at = timezone.now() + retry_delay(locked.attempt_count)
        delivery_transition(
            delivery=locked,
            to_status=DeliveryStatus.PENDING,
            actor=actor,
            message=_("Temporary error, retrying: %(error)s") % {"error": error[:300]},
            data={"retry_at": next_at.isoformat(), "attempt": locked.attempt_count},
        )
        locked.next_attempt_at = next_at
        locked.save(update_fields=["last_error", "claimed_until", "next_attempt_at", "updated_at"])
        dispatch_enqueue(locked, run_after=next_at)
        return "retry"
    reason = (
        _("Gave up after %(count)s attempts: %(error)s")
        % {"count": locked.attempt_count, "error": error[:300]}
        if gave_up
        else error[:500]
    )
    delivery_transition(
        delivery=locked,
        to_status=DeliveryStatus.FAILED,
        actor=actor,
        message=reason,
        data={"permanent": permanent},
    )
    locked.save(update_fields=["last_error", "claimed_until", "updated_at"])
    delivery_fall_back(failed=locked, reason=reason, actor=actor)
    return "failed"


def deliveries_recover_stalled(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Put deliveries whose worker died (lease expired while SENDING) back in the queue."""
    now = now or timezone.now()
    actor = Actor.for_system("delivery")
    recovered = 0
    codes = list(
        Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_until__lt=now)
        .order_by("claimed_until")
        .values_list("code", flat=True)[:limit]
    )
    for code in codes:
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(code=code, status=DeliveryStatus.SENDING, claimed_until__lt=now)
                .first()
            )
            if delivery is None:
                continue
            delivery_transition(
                delivery=delivery,
                to_status=DeliveryStatus.PENDING,
                actor=actor,
                message=_("The worker sending this stopped; sending again."),
            )
            delivery.claimed_until = None
            delivery.next_attempt_at = now
            delivery.save(update_fields=["claimed_until", "next_attempt_at", "updated_at"])
            dispatch_enqueue(delivery)
            recovered += 1
    return recovered


def deliveries_enqueue_overdue(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Queue again pending deliveries long past due (their job was lost with a dead worker)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.FOLIO_DELIVERY_LEASE_SECONDS)
    overdue = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lt=cutoff).order_by(
            "next_attempt_at"
        )[:limit]
    )
    for delivery in overdue:
        with transaction.atomic():
            # Pushing the due time forward keeps the next sweep from queueing it again at once.
            updated = Delivery.objects.filter(
                pk=delivery.pk, status=DeliveryStatus.PENDING, next_attempt_at__lt=cutoff
            ).update(next_attempt_at=now)
            if updated:
                dispatch_enqueue(delivery)
    return len(overdue)
