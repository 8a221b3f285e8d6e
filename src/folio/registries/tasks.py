"""Background jobs of the Nordic channels: thin, load by code, call a service."""

from __future__ import annotations

from django_tasks import task

from folio.registries.notices import avtalegiro_notice_send


@task(queue_name="delivery")
def avtalegiro_notify_payer(delivery_code: str) -> str:
    """Send the AvtaleGiro payer notice for one claim's delivery (a second run does nothing)."""
    notice = avtalegiro_notice_send(delivery_code=delivery_code)
    return str(notice.code) if notice is not None else ""
