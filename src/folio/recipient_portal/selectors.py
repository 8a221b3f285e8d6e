"""Reads for the customer portal, scoped to the customer accounts a signed-in contact acts for."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from folio.core.errors import NotFoundError
from folio.customers.models import Contact, Customer
from folio.documents.models import Direction, Document, DocumentFile, DocumentStatus
from folio.servicedesk.selectors import portal_settings_for
from folio.tenancy.actors import Actor

# A document reaches the recipient once it has left the pipeline; stopped, unsent or cancelled
# documents were never issued to them.
RECIPIENT_VISIBLE_STATUSES = frozenset(
    {DocumentStatus.SENDING, DocumentStatus.SENT, DocumentStatus.DELIVERED, DocumentStatus.FAILED}
)


def portal_contacts_of(actor: Actor) -> QuerySet[Contact]:
    """The contact records through which the actor may view documents in the portal."""
    user = actor.user_or_none
    if user is None or not user.is_active:
        return Contact.objects.none()
    return (
        Contact.objects.filter(
            user=user,
            can_view=True,
            customer__portal_access=True,
            customer__is_active=True,
            customer__sender__is_active=True,
        )
        # The senders' portal settings come in the same query (PortalSession.settings_for).
        .select_related("customer", "customer__sender", "customer__sender__portal_settings")
        .order_by("customer__name", "id")
    )


def portal_customers_of(actor: Actor) -> QuerySet[Customer]:
    return Customer.objects.filter(
        id__in=portal_contacts_of(actor).values("customer_id")
    ).select_related("sender")


def documents_issued_to(customers, *, settings_for=portal_settings_for) -> QuerySet[Document]:
    """Documents issued to these accounts, of the types each account's sender opened.

    `settings_for(sender)` gives a sender's portal settings (a request passes its memo)."""
    opened = Q(pk__in=[])
    for customer in customers:
        opened |= Q(customer=customer, type__in=settings_for(customer.sender).document_types)
    return Document.objects.filter(
        opened,
        direction=Direction.SENT,
        status__in=RECIPIENT_VISIBLE_STATUSES,
    ).select_related("organization", "customer", "customer__sender")


def portal_documents_of(actor: Actor, *, customer: Customer | None = None) -> QuerySet[Document]:
    """Documents issued to the actor's accounts (or to one of them)."""
    customers = portal_customers_of(actor)
    if customer is not None:
        customers = customers.filter(id=customer.id)
    return documents_issued_to(list(customers))


def portal_contact_for(actor: Actor, *, customer: Customer) -> Contact:
    """The contact row through which the actor acts for this account (its rights)."""
    contact = portal_contacts_of(actor).filter(customer=customer).first()
    if contact is None:
        raise NotFoundError("customer_not_found", "No such customer account.")
    return contact


def portal_customer_get(actor: Actor, *, code) -> Customer:
    try:
        return portal_customers_of(actor).get(code=code)
    except (Customer.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("customer_not_found", "No such customer account.") from exc


def portal_document_get(actor: Actor, *, code) -> Document:
    try:
        return portal_documents_of(actor).get(code=code)
    except (Document.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("document_not_found", "No such document.") from exc


def stored_file_of(document: Document, kind: str) -> DocumentFile | None:
    """The latest stored file of this kind (a document the actor may see, resolved first)."""
    return document.files.filter(kind=kind).order_by("-version", "-created_at").first()
