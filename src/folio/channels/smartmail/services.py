"""Smartmail's promise: opened within N days, or printed and posted, exactly once.

Both the expiry and the opening claim a WAITING tracking row with a conditional UPDATE, so
whichever comes first wins, and any number of schedulers print an expired one once.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from folio.channels.base import TransportError
from folio.channels.email.messages import (
    bounce_address_for,
    message_build,
    message_context,
    message_id_for,
    render_parts,
)
from folio.channels.email.smtp import smtp_send
from folio.customers.models import ChannelCode
from folio.delivery.models import (
    Delivery,
    DeliveryStatus,
    MessagePurpose,
    SmartmailStatus,
    SmartmailTracking,
)
from folio.delivery.policies import policy_for
from folio.delivery.services import delivery_link_create, delivery_transition
from folio.documents.models import EventKind
from folio.documents.services import event_record
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)


def smartmail_expire_due(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Print every Smartmail whose deadline passed unopened; returns how many this call took."""
    from folio.delivery.routing import delivery_fall_back

    now = now or timezone.now()
    actor = Actor.for_system("smartmail")
    taken = 0
    due = list(
        SmartmailTracking.objects.filter(status=SmartmailStatus.WAITING, deadline__lte=now)
        .order_by("deadline")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        with transaction.atomic():
            claimed = SmartmailTracking.objects.filter(
                pk=pk, status=SmartmailStatus.WAITING, deadline__lte=now
            ).update(status=SmartmailStatus.EXPIRED, expired_at=now)
            if not claimed:
                continue
            tracking = SmartmailTracking.objects.select_related("delivery").get(pk=pk)
            delivery = tracking.delivery
            days = policy_for(delivery.document.organization).smartmail_days
            reason = _("Not opened within %(days)s days.") % {"days": days}
            if delivery.status in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED):
                delivery_transition(
                    delivery=delivery, to_status=DeliveryStatus.EXPIRED, actor=actor, message=reason
                )
            printed = delivery_fall_back(
                failed=delivery, reason=reason, actor=actor, channel=ChannelCode.PRINT
            )
            if printed is not None:
                tracking.print_delivery = printed
                tracking.save(update_fields=["print_delivery", "updated_at"])
            taken += 1
    return taken


def smartmail_remind_due(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Send the optional reminder for waiting Smartmail whose reminder time has come."""
    now = now or timezone.now()
    actor = Actor.for_system("smartmail")
    sent = 0
    due = list(
        SmartmailTracking.objects.filter(
            status=SmartmailStatus.WAITING,
            reminder_due_at__lte=now,
            reminder_sent_at__isnull=True,
            deadline__gt=now,
        ).values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        claimed = SmartmailTracking.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        tracking = SmartmailTracking.objects.select_related(
            "delivery", "delivery__document", "delivery__document__organization"
        ).get(pk=pk)
        try:
            _smartmail_reminder_send(tracking.delivery, tracking)
        except TransportError as exc:
            logger.warning("Smartmail reminder for %s failed: %s", tracking.delivery.code, exc)
            # Let the next sweep try again.
            SmartmailTracking.objects.filter(pk=pk).update(reminder_sent_at=None)
            continue
        event_record(
            document=tracking.delivery.document,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            message=_("Reminder sent: the document has not been opened yet."),
            delivery=tracking.delivery,
        )
        sent += 1
    return sent


def _smartmail_reminder_send(delivery: Delivery, tracking: SmartmailTracking) -> None:
    document = delivery.document
    context = message_context(
        document=document,
        open_url=delivery_link_create(delivery=delivery),
        deadline=tracking.deadline,
    )
    subject, text, html = render_parts(
        document=document, purpose=MessagePurpose.SMARTMAIL_REMINDER, context=context
    )
    message = message_build(
        delivery=delivery,
        recipient=delivery.address,
        subject=subject,
        text=text,
        html=html,
        attachments=[],
        message_id=message_id_for(delivery, suffix=".reminder"),
        reply_to=policy_for(document.organization).reply_to,
    )
    smtp_send(
        envelope_from=bounce_address_for(delivery.message_key),
        recipient=delivery.address,
        message=message.as_bytes(),
    )
