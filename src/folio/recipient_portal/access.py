"""Who is using the portal on this request: a contact of some accounts, or a sender user in the
read-only support view of one customer. Every portal view starts here."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from folio.customers.models import Contact, Customer
from folio.documents.models import Document
from folio.recipient_portal.selectors import (
    documents_issued_to,
    portal_contacts_of,
)
from folio.servicedesk.models import PortalSettings
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.selectors import actor_can

LOGIN_URL = reverse_lazy("recipient_portal:login")
SUPPORT_SESSION_KEY = "portal_support_customer"
ACCOUNT_SESSION_KEY = "portal_account"


@dataclass
class PortalSession:
    actor: Actor
    contacts: list[Contact]
    # True in the sender's support view: everything is shown, nothing may be changed.
    support: bool = False
    # The senders' portal settings, read once per request (sender id -> PortalSettings).
    _settings: dict = field(default_factory=dict, repr=False)

    def settings_for(self, sender: Organization) -> PortalSettings:
        if sender.id not in self._settings:
            # The contacts' senders came with their settings (portal_contacts_of joins them).
            joined = next(
                (c.customer.sender for c in self.contacts if c.customer.sender_id == sender.id),
                sender,
            )
            try:
                self._settings[sender.id] = joined.portal_settings
            except PortalSettings.DoesNotExist:
                # No row: everything open (the model's defaults), as portal_settings_for says.
                self._settings[sender.id] = PortalSettings(sender=sender)
        return self._settings[sender.id]

    @property
    def customers(self) -> list[Customer]:
        return [contact.customer for contact in self.contacts]

    def contact_for(self, customer: Customer) -> Contact:
        for contact in self.contacts:
            if contact.customer_id == customer.id:
                return contact
        raise Http404

    def customer(self, code=None) -> Customer:
        """The account by code, or the one chosen last in this session, or the first."""
        wanted = str(code) if code else ""
        for contact in self.contacts:
            if str(contact.customer.code) == wanted:
                return contact.customer
        if wanted:
            raise Http404
        return self.contacts[0].customer

    def documents(self, customer: Customer | None = None) -> QuerySet[Document]:
        return documents_issued_to(
            [customer] if customer is not None else self.customers, settings_for=self.settings_for
        )

    def document(self, code) -> Document:
        try:
            return self.documents().get(code=code)
        except (Document.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404 from exc

    def require_writable(self) -> None:
        if self.support:
            raise PermissionDenied


def _support_session(request: HttpRequest, actor: Actor) -> PortalSession | None:
    code = request.session.get(SUPPORT_SESSION_KEY)
    if not code:
        return None
    customer = Customer.objects.select_related("sender").filter(code=code).first()
    # Re-checked on every request: a membership may have been revoked since.
    if customer is None or not actor_can(actor, "view", customer.sender):
        request.session.pop(SUPPORT_SESSION_KEY, None)
        return None
    viewer = Contact(
        customer=customer,
        name=actor.label,
        can_view=True,
        can_pay=False,
        can_dispute=False,
        is_admin=False,
    )
    return PortalSession(actor=actor, contacts=[viewer], support=True)


def portal_session_of(request: HttpRequest) -> PortalSession:
    actor = Actor.for_user(request.user)
    support = _support_session(request, actor)
    if support is not None:
        return support
    contacts = list(portal_contacts_of(actor))
    if not contacts:
        raise PermissionDenied
    return PortalSession(actor=actor, contacts=contacts)


def portal_view(view):
    """Signed in, never cached, and given the PortalSession as `portal`."""

    @never_cache
    @login_required(login_url=LOGIN_URL)
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        return view(request, *args, portal=portal_session_of(request), **kwargs)

    return wrapped
