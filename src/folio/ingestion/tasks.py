"""Background jobs of ingestion: thin, load by code, call a service, safe to retry."""

from __future__ import annotations

from django_tasks import task

from folio.ingestion.notifications import stopped_notify


@task(queue_name="ingestion")
def notify_stopped(document_code: str, version: int) -> int:
    """E-mail the sender (and the customer where a rule says so) why a document was stopped.

    Enqueued in the transaction that stopped it. Returns the number of messages sent; a run for
    a version that is no longer the stopped one sends nothing.
    """
    return stopped_notify(document_code=document_code, version=version)
