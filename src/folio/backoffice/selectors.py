"""Reads for the operator's back office."""

from __future__ import annotations

from django.db.models import Count

from folio.customers.models import Customer
from folio.documents.models import Document
from folio.tenancy.actors import Actor
from folio.tenancy.models import Membership, OrganizationKind


def actor_is_operator_staff(actor: Actor) -> bool:
    """True when the actor holds a membership on an (active) operator organization."""
    user = actor.user_or_none
    if user is None or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user, organization__kind=OrganizationKind.OPERATOR, organization__is_active=True
    ).exists()


def counts_by_organization(organization_ids) -> dict[int, dict[str, int]]:
    """Organization id -> {"documents": n, "customers": n}, in two grouped queries."""
    documents = dict(
        Document.objects.filter(organization_id__in=organization_ids)
        .order_by()
        .values_list("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    customers = dict(
        Customer.objects.filter(sender_id__in=organization_ids)
        .order_by()
        .values_list("sender_id")
        .annotate(n=Count("id"))
        .values_list("sender_id", "n")
    )
    return {
        org_id: {"documents": documents.get(org_id, 0), "customers": customers.get(org_id, 0)}
        for org_id in organization_ids
    }
