"""Reads of the webhooks app, scoped to what the acting user may manage."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.selectors import organization_ids_with_permission
from folio.webhooks.models import WebhookDelivery, WebhookEndpoint

DELIVERY_LOG_PAGE = 50


def webhook_endpoints_manageable_by(actor: Actor) -> QuerySet[WebhookEndpoint]:
    """Endpoints of the organizations whose settings the actor manages."""
    return WebhookEndpoint.objects.filter(
        organization_id__in=organization_ids_with_permission(actor, "manage_settings")
    ).select_related("organization")


def organization_with_webhooks_for(actor: Actor, code) -> Organization | None:
    """The organization with that public code, if the actor manages its settings."""
    return Organization.objects.filter(
        id__in=organization_ids_with_permission(actor, "manage_settings"), code=code
    ).first()


def webhook_endpoints_of(actor: Actor, organization: Organization) -> QuerySet[WebhookEndpoint]:
    return webhook_endpoints_manageable_by(actor).filter(organization=organization)


def webhook_deliveries_manageable_by(actor: Actor) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(
        endpoint__organization_id__in=organization_ids_with_permission(actor, "manage_settings")
    ).select_related("endpoint", "endpoint__organization")


def webhook_delivery_log(
    endpoint: WebhookEndpoint,
    *,
    status: str = "",
    event_type: str = "",
    search: str = "",
    before: datetime.datetime | None = None,
) -> list[WebhookDelivery]:
    """A page of the endpoint's deliveries, newest first, filtered; one more row than a page
    tells the caller there are older ones."""
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    if status:
        deliveries = deliveries.filter(status=status)
    if event_type:
        deliveries = deliveries.filter(event_type=event_type)
    if search:
        term = search.strip()
        deliveries = deliveries.filter(
            Q(message_id__icontains=term) | Q(source_event__document__number=term)
        )
    if before is not None:
        deliveries = deliveries.filter(created_at__lt=before)
    return list(deliveries.order_by("-created_at", "-id")[: DELIVERY_LOG_PAGE + 1])
