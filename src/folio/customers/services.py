"""Writes to a sender's customers, their contacts and consents."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError, ConflictError
from folio.customers.models import (
    ChannelCode,
    Consent,
    ConsentKind,
    Contact,
    Customer,
    CustomerKind,
)
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record, require_permission

# Fields a sender may set or change on a customer record.
CUSTOMER_FIELDS = (
    "name",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "email",
    "phone",
    "language",
    "org_number",
    "vat_id",
    "peppol_id",
    "national_id",
    "preferred_channel",
    "portal_access",
    "needs_review",
    "is_active",
)


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(CUSTOMER_FIELDS)
    if unknown:
        raise ApplicationError(
            "unknown_fields", _("Unknown customer fields: %s") % ", ".join(sorted(unknown))
        )
    cleaned = dict(fields)
    if "country" in cleaned:
        cleaned["country"] = str(cleaned["country"]).upper()
    if cleaned.get("preferred_channel"):
        ChannelCode(cleaned["preferred_channel"])
    return cleaned


@transaction.atomic
def customer_create(
    *,
    actor: Actor,
    sender: Organization,
    customer_number: str,
    kind: str,
    name: str,
    country: str,
    **fields,
) -> Customer:
    require_permission(actor, "manage_customers", sender)
    CustomerKind(kind)
    if "portal_access" not in fields:
        # The sender's portal setting decides for customers created without an explicit choice.
        from folio.servicedesk.selectors import portal_settings_for

        fields["portal_access"] = portal_settings_for(sender).new_customers_portal_access
    if Customer.objects.filter(sender=sender, customer_number=customer_number).exists():
        raise ConflictError("customer_number_taken", _("This customer number is already in use."))
    customer = Customer.objects.create(
        sender=sender,
        customer_number=customer_number,
        kind=kind,
        name=name,
        country=country.upper(),
        **_clean_fields(fields),
    )
    audit_record(actor=actor, action="customer.created", organization=sender, obj=customer)
    return customer


@transaction.atomic
def customer_update(*, actor: Actor, customer: Customer, **fields) -> Customer:
    require_permission(actor, "manage_customers", customer.sender)
    cleaned = _clean_fields(fields)
    changed = {}
    for name, value in cleaned.items():
        if getattr(customer, name) != value:
            changed[name] = value
            setattr(customer, name, value)
    if changed:
        customer.save(update_fields=[*changed, "updated_at"])
        # Never write sensitive identifiers into the audit trail.
        audit_record(
            actor=actor,
            action="customer.updated",
            organization=customer.sender,
            obj=customer,
            detail={"fields": sorted(changed)},
        )
    return customer


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    customer: Customer,
    kind: str,
    granted: bool,
    source: str,
    at: datetime.datetime | None = None,
) -> Consent:
    require_permission(actor, "manage_customers", customer.sender)
    return Consent.objects.create(
        customer=customer,
        kind=ConsentKind(kind),
        granted=granted,
        at=at or timezone.now(),
        source=source,
    )


@transaction.atomic
def contact_create(
    *,
    actor: Actor,
    customer: Customer,
    name: str,
    email: str = "",
    phone: str = "",
    user=None,
    can_view: bool = True,
    can_pay: bool = False,
    can_dispute: bool = False,
    is_admin: bool = False,
) -> Contact:
    require_permission(actor, "manage_customers", customer.sender)
    if user is not None and Contact.objects.filter(customer=customer, user=user).exists():
        raise ConflictError("contact_exists", _("This user is already a contact of this customer."))
    contact = Contact.objects.create(
        customer=customer,
        user=user,
        name=name,
        email=email,
        phone=phone,
        can_view=can_view or is_admin,
        can_pay=can_pay or is_admin,
        can_dispute=can_dispute or is_admin,
        is_admin=is_admin,
    )
    audit_record(actor=actor, action="contact.created", organization=customer.sender, obj=contact)
    return contact
