"""Background jobs of the delivery app: thin, load by code, call a service, safe to retry."""

from __future__ import annotations

from django_tasks import task

from folio.delivery.dispatch import delivery_dispatch
from folio.delivery.routing import document_route
from folio.documents.models import Document
from folio.tenancy.actors import Actor


@task(queue_name="delivery")
def route_document(document_code: str, channel: str = "") -> str:
    """Route an ACCEPTED document (optionally to a forced channel code).

    Enqueue it in the transaction that accepts the document. Running it twice creates one delivery.
    Returns the code of the delivery created, or "" when there was nothing to do.
    """
    document = Document.objects.filter(code=document_code).first()
    if document is None:
        return ""
    delivery = document_route(
        document=document, actor=Actor.for_system("delivery"), forced_channel=channel
    )
    return str(delivery.code) if delivery is not None else ""


@task(queue_name="delivery")
def dispatch_delivery(delivery_code: str) -> str:
    """Send one delivery if it is still due (a second run of the same job does nothing)."""
    return delivery_dispatch(delivery_code=delivery_code)
