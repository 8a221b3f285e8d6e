"""Ingestion's periodic sweeps (run by `folio scheduler`)."""

from datetime import timedelta

from django.utils import timezone

from folio.core.scheduling import register_sweep
from folio.ingestion.models import Submission

# How long an Idempotency-Key is remembered: a retry after this is a new request.
IDEMPOTENCY_RETENTION = timedelta(days=30)


def submissions_prune(*, now=None) -> int:
    cutoff = (now or timezone.now()) - IDEMPOTENCY_RETENTION
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@register_sweep("ingestion.prune_idempotency_keys", every=timedelta(hours=6))
def prune_idempotency_keys() -> None:
    submissions_prune()
