"""Collections' periodic sweeps (run by `folio scheduler`, each on one scheduler)."""

import logging
from datetime import timedelta

from folio.collections.services import promises_sweep, reminders_sweep
from folio.core.scheduling import register_sweep

logger = logging.getLogger(__name__)


@register_sweep("collections.promises", every=timedelta(hours=1))
def follow_up_promises() -> None:
    counts = promises_sweep()
    if any(counts.values()):
        logger.info("promises: %s", counts)


@register_sweep("collections.reminders", every=timedelta(hours=1))
def send_due_reminders() -> None:
    sent = reminders_sweep()
    if sent:
        logger.info("reminders sent: %s", sent)


@register_sweep("collections.statements", every=timedelta(hours=6))
def send_scheduled_statements() -> None:
    from folio.collections.services import statements_sweep

    sent = statements_sweep()
    if sent:
        logger.info("statements sent: %s", sent)
