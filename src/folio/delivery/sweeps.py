"""The delivery app's periodic sweeps (run by `folio scheduler`, each on one scheduler)."""

import logging
from datetime import timedelta

from django.utils import timezone

from folio.channels.base import TransportError
from folio.channels.peppol.inbound import peppol_incoming_process
from folio.channels.print.batches import (
    print_batch_create,
    print_batch_due,
    print_status_files_read,
)
from folio.channels.smartmail.services import smartmail_expire_due, smartmail_remind_due
from folio.core.scheduling import register_sweep
from folio.delivery.dispatch import deliveries_enqueue_overdue, deliveries_recover_stalled
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)


@register_sweep("delivery.recover_stalled", every=timedelta(minutes=1))
def recover_stalled_deliveries() -> None:
    deliveries_recover_stalled()
    deliveries_enqueue_overdue()


@register_sweep("delivery.smartmail_expire", every=timedelta(minutes=5))
def expire_smartmail() -> None:
    smartmail_expire_due()


@register_sweep("delivery.smartmail_remind", every=timedelta(minutes=15))
def remind_smartmail() -> None:
    smartmail_remind_due()


def _log_hand_over_error(what: str, exc: TransportError) -> None:
    # The batch rolled back and its letters stay queued; the next run tries again. A permanent
    # error (host key, login) needs an operator, so it is logged as an error.
    log = logger.error if exc.permanent else logger.warning
    log("%s failed: %s", what, exc.message)


@register_sweep("delivery.print_batch", every=timedelta(minutes=10))
def daily_print_batch() -> None:
    if print_batch_due(timezone.now()):
        try:
            print_batch_create(actor=Actor.for_system("print"))
        except TransportError as exc:
            _log_hand_over_error("Print batch hand-over", exc)


@register_sweep("delivery.print_status", every=timedelta(minutes=10))
def read_print_status_files() -> None:
    try:
        print_status_files_read(actor=Actor.for_system("print"))
    except TransportError as exc:
        _log_hand_over_error("Reading the print partner's status files", exc)


@register_sweep("delivery.peppol_incoming", every=timedelta(minutes=1))
def take_peppol_incoming() -> None:
    try:
        peppol_incoming_process()
    except TransportError as exc:
        # The access point being away is routine; the next run tries again.
        logger.warning("Peppol access point not reachable: %s", exc)
