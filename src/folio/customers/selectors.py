"""Reads of customers, scoped to the actor's organizations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from folio.core.errors import NotFoundError
from folio.customers.models import Consent, Contact, Customer
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to


def customers_visible_to(actor: Actor) -> QuerySet[Customer]:
    return Customer.objects.filter(sender_id__in=organization_ids_visible_to(actor))


def customer_get_for_actor(actor: Actor, *, code) -> Customer:
    try:
        return customers_visible_to(actor).select_related("sender").get(code=code)
    except (Customer.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFoundError("customer_not_found", _("No such customer.")) from exc


def consents_in_force(customer: Customer) -> dict[str, Consent]:
    """The newest consent per kind."""
    current: dict[str, Consent] = {}
    for consent in customer.consents.order_by("-at", "-id"):
        current.setdefault(consent.kind, consent)
    return current


def contacts_of_user(user) -> QuerySet[Contact]:
    """The customer accounts a signed-in recipient acts for (portal access must be on)."""
    if not user.is_authenticated:
        return Contact.objects.none()
    return Contact.objects.filter(
        user=user, customer__portal_access=True, customer__is_active=True
    ).select_related("customer", "customer__sender")
