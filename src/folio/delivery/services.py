"""Writes to deliveries and their attempts; each status change is a document event."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError, IllegalTransitionError, NotFoundError
from folio.customers.models import ChannelCode, Customer
from folio.delivery.models import (
    DELIVERY_TRANSITIONS,
    AttemptOutcome,
    CustomerChannelOverride,
    Delivery,
    DeliveryAttempt,
    DeliveryLink,
    DeliveryPolicy,
    DeliveryStatus,
    FallbackChain,
    LinkPurpose,
    MessagePurpose,
    MessageTemplate,
    SmartmailStatus,
    SmartmailTracking,
)
from folio.documents.models import Document, DocumentStatus, DocumentType, EventKind
from folio.documents.services import document_mark_viewed, event_record
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record, require_permission

DELIVERY_EVENT_KIND = {
    DeliveryStatus.SENDING: EventKind.SENDING,
    DeliveryStatus.SENT: EventKind.SENT,
    DeliveryStatus.DELIVERED: EventKind.DELIVERED,
    DeliveryStatus.OPENED: EventKind.OPENED,
    DeliveryStatus.FAILED: EventKind.FAILED,
    DeliveryStatus.EXPIRED: EventKind.EXPIRED,
    DeliveryStatus.CANCELLED: EventKind.CANCELLED,
    DeliveryStatus.PENDING: EventKind.STATUS_CHANGED,
}


@transaction.atomic
def delivery_create(
    *,
    document: Document,
    channel: str,
    actor: Actor,
    reason: str = "",
    cost: Decimal = Decimal("0"),
    cost_currency: str = "NOK",
    fallback_of: Delivery | None = None,
    address: str = "",
) -> Delivery:
    """Create a pending delivery and record the routing decision as an event."""
    require_permission(actor, "send", document.organization)
    channel = ChannelCode(channel)
    # The message key numbers a document's deliveries; locking the document row keeps two
    # concurrent creations (routing, a sender's resend) from counting the same number.
    Document.objects.select_for_update().filter(pk=document.pk).values_list("pk").first()
    sequence = Delivery.objects.filter(document=document).count() + 1
    delivery = Delivery.objects.create(
        document=document,
        channel=channel,
        status=DeliveryStatus.PENDING,
        status_changed_at=timezone.now(),
        cost=cost,
        cost_currency=cost_currency,
        routing_reason=str(reason),
        fallback_of=fallback_of,
        message_key=f"folio-{document.code}-{channel}-{sequence}",
        next_attempt_at=timezone.now(),
        address=address,
    )
    event_record(
        document=document,
        kind=EventKind.FALLBACK if fallback_of else EventKind.ROUTED,
        actor=actor,
        message=reason,
        delivery=delivery,
        data={"cost": str(cost), "currency": cost_currency, "channel": channel},
    )
    return delivery


@transaction.atomic
def delivery_transition(
    *,
    delivery: Delivery,
    to_status: str,
    actor: Actor,
    message: str = "",
    external_reference: str = "",
    data: dict | None = None,
    at: datetime.datetime | None = None,
    already_locked: bool = False,
    also: dict | None = None,
) -> Delivery:
    """Move a delivery along its transition table, with its event.

    `already_locked`: the caller holds this row's lock and passed the row it read under it (the
    dispatcher), so it is not read again. `also`: more fields saved in the same UPDATE.
    """
    require_permission(actor, "send", delivery.document.organization)
    locked = (
        delivery
        if already_locked
        else Delivery.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=delivery.pk)
    )
    to_status = DeliveryStatus(to_status)
    if to_status not in DELIVERY_TRANSITIONS[locked.status]:
        raise IllegalTransitionError(
            "illegal_transition",
            _("A delivery cannot go from %(from)s to %(to)s.")
            % {"from": locked.get_status_display(), "to": to_status.label},
            extra={"from": locked.status, "to": to_status},
        )
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = at or timezone.now()
    fields = ["status", "status_changed_at", "updated_at"]
    if external_reference:
        locked.external_reference = external_reference
        fields.append("external_reference")
    for name, value in (also or {}).items():
        setattr(locked, name, value)
        fields.append(name)
    locked.save(update_fields=fields)
    event_record(
        document=locked.document,
        kind=DELIVERY_EVENT_KIND[to_status],
        actor=actor,
        message=message,
        from_status=from_status,
        to_status=to_status,
        delivery=locked,
        data=data,
        at=locked.status_changed_at,
    )
    for name in ("status", "status_changed_at", "external_reference", *(also or {})):
        setattr(delivery, name, getattr(locked, name))
    return delivery


@transaction.atomic
def delivery_attempt_record(
    *,
    delivery: Delivery,
    outcome: str,
    duration_ms: int,
    response: str = "",
    error: str = "",
    actor: Actor,
) -> DeliveryAttempt:
    require_permission(actor, "send", delivery.document.organization)
    outcome = AttemptOutcome(outcome)
    attempt = DeliveryAttempt.objects.create(
        delivery=delivery,
        at=timezone.now(),
        outcome=outcome,
        response=response,
        duration_ms=duration_ms,
        error=error,
        permanent=outcome == AttemptOutcome.PERMANENT_ERROR,
    )
    Delivery.objects.filter(pk=delivery.pk).update(attempt_count=F("attempt_count") + 1)
    return attempt


# Settings a sender may change on its delivery policy.
POLICY_FIELDS = (
    "forced_channel",
    "cost_table",
    "cost_currency",
    "smartmail_days",
    "smartmail_reminder_days",
    "email_attachments",
    "reply_to",
    "print_duplex",
    "print_colour",
    "postage_class",
)


def _check_channels(channels: list[str]) -> None:
    for channel in channels:
        if channel not in ChannelCode.values:
            raise ApplicationError(
                "unknown_channel", _("Unknown channel: %(code)s") % {"code": channel}
            )


@transaction.atomic
def delivery_policy_update(*, organization: Organization, actor: Actor, **fields) -> DeliveryPolicy:
    """Set a sender's own delivery policy (created on first change)."""
    require_permission(actor, "manage_settings", organization)
    unknown = set(fields) - set(POLICY_FIELDS)
    if unknown:
        raise ApplicationError(
            "unknown_fields", _("Unknown policy fields: %s") % ", ".join(sorted(unknown))
        )
    if fields.get("forced_channel"):
        _check_channels([fields["forced_channel"]])
    if "cost_table" in fields:
        _check_channels(list(fields["cost_table"]))
        try:
            fields["cost_table"] = {
                code: str(Decimal(str(price))) for code, price in fields["cost_table"].items()
            }
        except ArithmeticError as exc:
            raise ApplicationError("invalid_cost", _("Costs must be decimal numbers.")) from exc
    if "smartmail_days" in fields and not 1 <= int(fields["smartmail_days"]) <= 90:
        raise ApplicationError(
            "invalid_smartmail_days", _("Smartmail days must be between 1 and 90.")
        )
    policy, _created = DeliveryPolicy.objects.get_or_create(organization=organization)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="delivery_policy.updated",
        organization=organization,
        detail={"fields": sorted(fields)},
    )
    return policy


@transaction.atomic
def fallback_chain_set(
    *, organization: Organization, channels: list[str], actor: Actor, document_type: str = ""
) -> FallbackChain:
    require_permission(actor, "manage_settings", organization)
    _check_channels(channels)
    if document_type:
        DocumentType(document_type)
    if len(set(channels)) != len(channels) or not channels:
        raise ApplicationError(
            "invalid_chain", _("A fallback chain lists each channel at most once.")
        )
    chain, _created = FallbackChain.objects.update_or_create(
        organization=organization, document_type=document_type, defaults={"channels": channels}
    )
    audit_record(
        actor=actor,
        action="fallback_chain.set",
        organization=organization,
        detail={"document_type": document_type, "channels": channels},
    )
    return chain


@transaction.atomic
def customer_channel_force(*, customer: Customer, channel: str, actor: Actor) -> None:
    """Force one channel for one customer; an empty channel lifts the override."""
    require_permission(actor, "manage_customers", customer.sender)
    if channel:
        _check_channels([channel])
        CustomerChannelOverride.objects.update_or_create(
            customer=customer, defaults={"channel": channel}
        )
    else:
        CustomerChannelOverride.objects.filter(customer=customer).delete()
    audit_record(
        actor=actor,
        action="customer.channel_forced",
        organization=customer.sender,
        obj=customer,
        detail={"channel": channel},
    )


@transaction.atomic
def message_template_set(
    *,
    organization: Organization,
    purpose: str,
    subject: str,
    text_body: str,
    actor: Actor,
    html_body: str = "",
    language: str = "",
) -> MessageTemplate:
    """A sender's own e-mail text for one purpose (and optionally one language)."""
    from folio.delivery.sender_templates import sender_template_check

    require_permission(actor, "manage_settings", organization)
    MessagePurpose(purpose)
    for source in (subject, text_body, html_body):
        # Raises ApplicationError for anything the sandbox refuses (tags, placeholders).
        sender_template_check(source)
    template, _created = MessageTemplate.objects.update_or_create(
        organization=organization,
        purpose=purpose,
        language=language,
        defaults={"subject": subject, "text_body": text_body, "html_body": html_body},
    )
    audit_record(
        actor=actor,
        action="message_template.set",
        organization=organization,
        detail={"purpose": purpose, "language": language},
    )
    return template


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def delivery_link_create(*, delivery: Delivery) -> str:
    """A new open-document link for this delivery; returns the URL (the token is not stored)."""
    token = secrets.token_urlsafe(32)
    DeliveryLink.objects.create(
        delivery=delivery,
        purpose=LinkPurpose.OPEN_DOCUMENT,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.FOLIO_DELIVERY_LINK_DAYS),
    )
    return settings.SITE_URL + reverse("delivery:open", kwargs={"token": token})


def delivery_link_resolve(token: str) -> DeliveryLink:
    """The live link for a token, else NotFoundError (unknown and expired look the same)."""
    link = (
        DeliveryLink.objects.select_related(
            "delivery", "delivery__document", "delivery__document__organization"
        )
        .filter(token_hash=_token_hash(token), purpose=LinkPurpose.OPEN_DOCUMENT)
        .first()
    )
    if link is None or link.expires_at <= timezone.now():
        raise NotFoundError("link_not_found", _("This link is not valid (any more)."))
    return link


# Channels whose delivery counts as "opened" when the recipient opens the document.
OPENABLE_CHANNELS = frozenset({ChannelCode.EMAIL, ChannelCode.SMARTMAIL, ChannelCode.PORTAL})


@transaction.atomic
def document_opened_record(
    *, document: Document, via: str, actor: Actor, delivery: Delivery | None = None
) -> Document:
    """The recipient opened the document (a deliberate action, never a link prefetch).

    Records the view, moves open-tracked deliveries to OPENED, and keeps a waiting Smartmail
    from being printed. A Smartmail whose deadline already passed stays expired.
    """
    now = timezone.now()
    deliveries = Delivery.objects.select_for_update(of=("self",)).filter(
        document=document,
        channel__in=OPENABLE_CHANNELS,
        status__in=[DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
    )
    if delivery is not None:
        deliveries = deliveries.filter(pk=delivery.pk)
    for opened in deliveries:
        if opened.channel == ChannelCode.SMARTMAIL:
            # The expiry sweep claims WAITING -> EXPIRED the same way; one of the two wins.
            won = SmartmailTracking.objects.filter(
                delivery=opened, status=SmartmailStatus.WAITING
            ).update(status=SmartmailStatus.OPENED, opened_at=now, opened_via=via)
            if not won:
                continue
        Delivery.objects.filter(pk=opened.pk).update(opened_at=now)
        delivery_transition(
            delivery=opened,
            to_status=DeliveryStatus.OPENED,
            # The recipient holds no sender role; the delivery moves on Folio's authority.
            actor=Actor.for_system(f"recipient ({actor.label})"),
            message=_("Opened by the recipient (%(via)s).") % {"via": via},
            data={"via": via},
            at=now,
        )
    return document_mark_viewed(document=document, actor=actor, via=via)


# Statuses from which a sender may send a document again on a channel of their choice.
SEND_AGAIN_FROM = frozenset(
    {DocumentStatus.ACCEPTED, DocumentStatus.SENT, DocumentStatus.DELIVERED, DocumentStatus.FAILED}
)


@transaction.atomic
def document_send_on_channel(*, document: Document, channel: str, actor: Actor) -> Delivery:
    """The sender forces another channel: a new delivery on `channel`, queued at once.

    Earlier deliveries stay as they are (and in the history). Refused when the channel cannot
    reach the customer or the document is not in a state that can be sent.
    """
    # Routing builds on this module, so its helpers are imported here, not at the top.
    from folio.delivery.dispatch import dispatch_enqueue, document_move
    from folio.delivery.policies import policy_for
    from folio.delivery.routing import UnroutableError, _label, _reach

    require_permission(actor, "send", document.organization)
    locked = (
        Document.objects.select_for_update(of=("self",))
        .select_related("customer", "organization")
        .get(pk=document.pk)
    )
    ChannelCode(channel)
    if locked.status not in SEND_AGAIN_FROM:
        raise ApplicationError(
            "not_sendable",
            _("A document that is %(status)s cannot be sent on another channel.")
            % {"status": locked.get_status_display()},
        )
    reach = _reach(channel, locked.customer) if locked.customer is not None else None
    if reach is None or not reach.available:
        raise UnroutableError(
            "unreachable",
            _("%(channel)s cannot reach this recipient: %(reason)s")
            % {
                "channel": _label(channel),
                "reason": reach.reason if reach is not None else _("No recipient."),
            },
        )
    delivery = delivery_create(
        document=locked,
        channel=channel,
        actor=actor,
        reason=_("%(channel)s chosen by %(actor)s.")
        % {"channel": _label(channel), "actor": actor.label},
        cost=reach.cost,
        cost_currency=policy_for(locked.organization).cost_currency,
        address=reach.address,
    )
    document_move(locked, DocumentStatus.SENDING, actor=actor, delivery=delivery)
    dispatch_enqueue(delivery)
    return delivery
