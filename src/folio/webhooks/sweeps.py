"""The webhooks app's periodic sweeps (run by `folio scheduler`, each on one scheduler)."""

from datetime import timedelta

from folio.core.scheduling import register_sweep
from folio.webhooks.services import (
    COLLECT_BATCH,
    webhook_deliveries_recover,
    webhook_events_collect,
)

# Batches per collect run: a burst of events drains within one run, a quiet run costs one query.
COLLECT_ROUNDS = 20


@register_sweep("webhooks.collect", every=timedelta(seconds=5))
def collect_webhook_events() -> None:
    for _round in range(COLLECT_ROUNDS):
        if webhook_events_collect(batch=COLLECT_BATCH) < COLLECT_BATCH:
            break


@register_sweep("webhooks.recover", every=timedelta(minutes=1))
def recover_webhook_deliveries() -> None:
    webhook_deliveries_recover()
