"""Writes of the service desk: comments, quote answers, customer data changes, portal settings.

Recipient-side services take the `Contact` the signed-in person acts through (resolved by the
portal's scoped selectors) and check the contact's rights and what the sender opened.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from folio.core.errors import ApplicationError, ConflictError, NotFoundError
from folio.customers.models import ChannelCode, Contact, Customer
from folio.documents.models import Document, DocumentType, EventKind
from folio.documents.services import event_record
from folio.servicedesk.models import (
    ChangeRequest,
    ChangeStatus,
    Comment,
    PortalAction,
    PortalSettings,
    QuoteDecision,
    QuoteDecisionKind,
)
from folio.servicedesk.selectors import portal_settings_for
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record, require_permission

logger = logging.getLogger(__name__)

# Customer fields a customer may change in "My data", and the languages they may choose.
CHANGEABLE_FIELDS = (
    "email",
    "phone",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "country",
    "vat_id",
    "bank_account",
    "preferred_channel",
    "language",
)
# Channels a customer may ask for themselves (the others depend on registries and agreements).
SELF_SERVICE_CHANNELS = (ChannelCode.EMAIL, ChannelCode.PORTAL, ChannelCode.PRINT)


def require_portal_action(*, contact: Contact, action: str) -> None:
    """Refuse (as "not found") an action the sender has not opened in its portal."""
    if action not in portal_settings_for(contact.customer.sender).actions:
        raise NotFoundError("not_found", _("No such page."))


def document_open_to_customer(document: Document) -> bool:
    return document.type in portal_settings_for(document.organization).document_types


def _recipient_event_actor(contact: Contact, actor: Actor) -> Actor:
    return actor if actor.user_or_none is not None else Actor.for_system(contact.name)


def notify_sender(*, sender: Organization, subject: str, body: str) -> None:
    """E-mail the sender's contact address (if it has one) about a customer's action."""
    if not sender.email:
        return
    send_mail(
        subject=str(subject), message=str(body), from_email=None, recipient_list=[sender.email]
    )


@transaction.atomic
def comment_create(*, contact: Contact, document: Document, body: str, actor: Actor) -> Comment:
    require_portal_action(contact=contact, action=PortalAction.COMMENT)
    if document.customer_id != contact.customer_id:
        raise NotFoundError("document_not_found", _("No such document."))
    body = body.strip()
    if not body:
        raise ApplicationError("empty_comment", _("Write a message first."))
    comment = Comment.objects.create(
        document=document, author=actor.user_or_none, author_name=contact.name, body=body
    )
    event_record(
        document=document,
        kind=EventKind.COMMENT,
        actor=_recipient_event_actor(contact, actor),
        message=body,
        data={"comment": str(comment.code), "from": "customer"},
    )
    subject = _("Comment from %(customer)s on %(document)s") % {
        "customer": contact.customer.name,
        "document": document,
    }
    transaction.on_commit(
        lambda: notify_sender(sender=document.organization, subject=subject, body=body)
    )
    return comment


@transaction.atomic
def comment_reply(*, document: Document, body: str, actor: Actor) -> Comment:
    """A sender user answers in the document's conversation; the customer sees it."""
    require_permission(actor, "edit_documents", document.organization)
    body = body.strip()
    if not body:
        raise ApplicationError("empty_comment", _("Write a message first."))
    comment = Comment.objects.create(
        document=document,
        author=actor.user_or_none,
        author_name=document.organization.name,
        from_sender=True,
        body=body,
    )
    event_record(
        document=document,
        kind=EventKind.COMMENT,
        actor=actor,
        message=body,
        data={"comment": str(comment.code), "from": "sender"},
    )
    address = _commenting_contact_address(document)
    if address:
        # In the customer's language, not in the language of the sender user who replies.
        with translation.override(document.customer.language):
            subject = str(
                _("Reply from %(sender)s on %(document)s")
                % {"sender": document.organization.name, "document": document}
            )
        message = "\n\n".join([body, portal_document_url(document)])
        transaction.on_commit(
            lambda: send_mail(
                subject=str(subject), message=message, from_email=None, recipient_list=[address]
            )
        )
    return comment


def portal_document_url(document: Document) -> str:
    """The document's own page in the customer portal (absolute, for e-mails and copying)."""
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL + reverse("recipient_portal:document", kwargs={"code": document.code})


def _commenting_contact_address(document: Document) -> str:
    """The e-mail of the contact whose comment on the document came last (the one answered)."""
    latest = (
        Comment.objects.filter(document=document, from_sender=False, author__isnull=False)
        .order_by("-created_at", "-id")
        .first()
    )
    if latest is None or document.customer_id is None:
        return ""
    contact = Contact.objects.filter(customer_id=document.customer_id, user=latest.author).first()
    if contact is None:
        return ""
    return contact.email or latest.author.email


@transaction.atomic
def quote_decide(
    *,
    contact: Contact,
    document: Document,
    accept: bool,
    signer_name: str = "",
    reason: str = "",
    actor: Actor,
) -> QuoteDecision:
    """Accept a quote (name and time recorded) or reject it with a reason; the sender is told."""
    require_portal_action(contact=contact, action=PortalAction.QUOTE)
    if document.customer_id != contact.customer_id or document.type != DocumentType.QUOTE:
        raise NotFoundError("document_not_found", _("No such document."))
    if QuoteDecision.objects.filter(document=document).exists():
        raise ConflictError("already_decided", _("This quote has already been answered."))
    if accept and not signer_name.strip():
        raise ApplicationError("name_required", _("Type your name to accept the quote."))
    if not accept and not reason.strip():
        raise ApplicationError("reason_required", _("Tell the sender why you reject the quote."))
    now = timezone.now()
    decision = QuoteDecision.objects.create(
        document=document,
        decision=QuoteDecisionKind.ACCEPTED if accept else QuoteDecisionKind.REJECTED,
        signer_name=signer_name.strip(),
        reason=reason.strip(),
        decided_at=now,
        decided_by=actor.user_or_none,
    )
    message = (
        _("Quote accepted by %(name)s.") % {"name": decision.signer_name}
        if accept
        else _("Quote rejected: %(reason)s") % {"reason": decision.reason}
    )
    event_record(
        document=document,
        kind=EventKind.RESPONSE,
        actor=_recipient_event_actor(contact, actor),
        message=message,
        data={"quote": decision.decision, "name": decision.signer_name, "at": now.isoformat()},
        at=now,
    )
    subject = _("%(customer)s answered %(document)s") % {
        "customer": contact.customer.name,
        "document": document,
    }
    transaction.on_commit(
        lambda: notify_sender(sender=document.organization, subject=subject, body=str(message))
    )
    return decision


def _clean_changes(customer: Customer, fields: dict) -> dict[str, list[str]]:
    changes: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name not in CHANGEABLE_FIELDS:
            raise ApplicationError("unknown_field", _("This field cannot be changed here."))
        value = str(value or "").strip()
        if name == "country":
            value = value.upper()
        if name == "bank_account" and value:
            try:
                value = IBAN(value).formatted
            except SchwiftyException as exc:
                raise ApplicationError(
                    "invalid_iban", _("This is not a valid IBAN: %(error)s") % {"error": exc}
                ) from exc
        if name == "preferred_channel" and value and value not in SELF_SERVICE_CHANNELS:
            raise ApplicationError("invalid_channel", _("Choose one of the offered channels."))
        current = _current_value(customer, name)
        if value != current:
            changes[name] = [current, value]
    return changes


def _current_value(customer: Customer, name: str) -> str:
    if name == "bank_account":
        latest = (
            ChangeRequest.objects.filter(customer=customer, status=ChangeStatus.APPLIED)
            .filter(changes__has_key="bank_account")
            .order_by("-decided_at", "-id")
            .first()
        )
        return latest.changes["bank_account"][1] if latest else ""
    return str(getattr(customer, name) or "")


def _apply(change: ChangeRequest) -> None:
    customer = Customer.objects.select_for_update().get(pk=change.customer_id)
    fields = [name for name in change.changes if name != "bank_account"]
    for name in fields:
        setattr(customer, name, change.changes[name][1])
    if fields:
        customer.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def change_request_create(*, contact: Contact, fields: dict, actor: Actor) -> ChangeRequest:
    """A customer changes their data: applied at once, or queued for the sender's approval."""
    require_portal_action(contact=contact, action=PortalAction.CHANGE_DATA)
    if not contact.is_admin:
        raise NotFoundError("not_found", _("No such page."))
    customer = contact.customer
    changes = _clean_changes(customer, fields)
    if not changes:
        raise ApplicationError("no_changes", _("Nothing was changed."))
    needs_approval = portal_settings_for(customer.sender).changes_need_approval
    change = ChangeRequest.objects.create(
        customer=customer,
        requested_by=actor.user_or_none,
        requested_by_name=contact.name,
        changes=changes,
        status=ChangeStatus.PENDING if needs_approval else ChangeStatus.APPLIED,
        decided_at=None if needs_approval else timezone.now(),
    )
    if not needs_approval:
        _apply(change)
    audit_record(
        actor=actor,
        action="customer.change_requested" if needs_approval else "customer.changed_by_customer",
        organization=customer.sender,
        obj=change,
        detail={"fields": sorted(changes)},
    )
    return change


@transaction.atomic
def change_request_decide(
    *, change: ChangeRequest, approve: bool, answer: str = "", actor: Actor
) -> ChangeRequest:
    require_permission(actor, "manage_customers", change.customer.sender)
    locked = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if locked.status != ChangeStatus.PENDING:
        raise ConflictError("already_decided", _("This change has already been decided."))
    locked.status = ChangeStatus.APPLIED if approve else ChangeStatus.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by_name = actor.label
    locked.answer = answer.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by_name", "answer", "updated_at"])
    if approve:
        _apply(locked)
    audit_record(
        actor=actor,
        action="customer.change_approved" if approve else "customer.change_rejected",
        organization=locked.customer.sender,
        obj=locked,
        detail={"fields": sorted(locked.changes)},
    )
    return locked


@transaction.atomic
def portal_settings_set(
    *,
    sender: Organization,
    actor: Actor,
    document_types: list[str] | None = None,
    actions: list[str] | None = None,
    changes_need_approval: bool | None = None,
    payment_provider: str | None = None,
    new_customers_portal_access: bool | None = None,
) -> PortalSettings:
    require_permission(actor, "manage_settings", sender)
    settings_row, _created = PortalSettings.objects.get_or_create(sender=sender)
    if new_customers_portal_access is not None:
        settings_row.new_customers_portal_access = new_customers_portal_access
    if document_types is not None:
        settings_row.document_types = [DocumentType(value).value for value in document_types]
    if actions is not None:
        settings_row.actions = [PortalAction(value).value for value in actions]
    if changes_need_approval is not None:
        settings_row.changes_need_approval = changes_need_approval
    if payment_provider is not None:
        settings_row.payment_provider = payment_provider
    settings_row.save(
        update_fields=[
            "document_types",
            "actions",
            "changes_need_approval",
            "payment_provider",
            "new_customers_portal_access",
            "updated_at",
        ]
    )
    audit_record(actor=actor, action="portal_settings.set", organization=sender)
    return settings_row


@transaction.atomic
def portal_access_apply_default(*, sender: Organization, actor: Actor) -> int:
    """Give every existing customer of the sender the default portal access for new customers
    (open or closed); returns how many customers changed."""
    require_permission(actor, "manage_settings", sender)
    wanted = portal_settings_for(sender).new_customers_portal_access
    changed = (
        Customer.objects.filter(sender=sender)
        .exclude(portal_access=wanted)
        .update(portal_access=wanted, updated_at=timezone.now())
    )
    audit_record(
        actor=actor,
        action="portal_access.applied_to_all",
        organization=sender,
        detail={"portal_access": wanted, "changed": changed},
    )
    return changed
