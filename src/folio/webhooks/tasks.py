"""Background jobs of the webhooks app: thin, load by code, call a service, safe to retry."""

from __future__ import annotations

from django_tasks import task

from folio.webhooks.services import webhook_delivery_send


@task(queue_name="webhooks")
def webhook_send(delivery_code: str) -> str:
    """Send one webhook delivery if it is still due (a second run of the same job does nothing)."""
    return webhook_delivery_send(delivery_code=delivery_code)
