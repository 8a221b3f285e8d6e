"""Reads of portal settings, comments, quote answers and change requests."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from folio.customers.models import Customer
from folio.documents.models import Document
from folio.servicedesk.models import ChangeRequest, ChangeStatus, Comment, PortalSettings
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.selectors import organization_ids_visible_to


def portal_settings_for(sender: Organization) -> PortalSettings:
    """The sender's portal settings; an unsaved default row (everything open) when none."""
    found = PortalSettings.objects.filter(sender=sender).first()
    return found if found is not None else PortalSettings(sender=sender)


def portal_access_counts(sender: Organization, *, default_open: bool) -> dict[str, int]:
    """The sender's customers with portal access, all of them, and how many giving everybody
    the default (open or closed) would change: one query."""
    counts = Customer.objects.filter(sender=sender).aggregate(
        total=Count("id"), with_access=Count("id", filter=Q(portal_access=True))
    )
    with_access, total = counts["with_access"], counts["total"]
    return {
        "with_access": with_access,
        "total": total,
        "to_change": total - with_access if default_open else with_access,
    }


def document_open_to_customers(document: Document) -> bool:
    """Whether the sender shows this type of document in its customer portal."""
    return document.type in portal_settings_for(document.organization).document_types


def comments_of(document: Document) -> QuerySet[Comment]:
    return document.comments.order_by("created_at", "id")


def change_requests_of(customer: Customer) -> QuerySet[ChangeRequest]:
    return customer.change_requests.order_by("-created_at", "-id")


def change_requests_pending_for(actor: Actor) -> QuerySet[ChangeRequest]:
    """The approval queue of the senders the (staff) actor may see."""
    return (
        ChangeRequest.objects.filter(
            status=ChangeStatus.PENDING,
            customer__sender_id__in=organization_ids_visible_to(actor),
        )
        .select_related("customer", "customer__sender")
        .order_by("created_at", "id")
    )


def change_request_get_for_staff(actor: Actor, *, code) -> ChangeRequest:
    from django.core.exceptions import ValidationError

    from folio.core.errors import NotFoundError

    try:
        return (
            ChangeRequest.objects.filter(customer__sender_id__in=organization_ids_visible_to(actor))
            .select_related("customer", "customer__sender")
            .get(code=code)
        )
    except (ChangeRequest.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFoundError("change_request_not_found", "No such change request.") from exc
