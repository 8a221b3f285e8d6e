"""Smartmail: an e-mail with a link that must be opened within N days, else it goes by post."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from folio.channels.base import SendResult
from folio.channels.email.transport import EmailTransport
from folio.delivery.models import Delivery, DeliveryPolicy, MessagePurpose, SmartmailTracking
from folio.delivery.policies import policy_for


def smartmail_deadline(
    delivery: Delivery, *, start: datetime.datetime, policy: DeliveryPolicy | None = None
) -> datetime.datetime:
    policy = policy or policy_for(delivery.document.organization)
    return start + datetime.timedelta(days=policy.smartmail_days)


class SmartmailTransport(EmailTransport):
    code = "smartmail"
    default_cost = Decimal("0.25")
    purpose = MessagePurpose.SMARTMAIL

    def attaches_files(self, delivery: Delivery, policy: DeliveryPolicy) -> bool:
        # Opening is what Smartmail tracks, so the document is never attached.
        return False

    def message_extras(self, delivery: Delivery, policy: DeliveryPolicy) -> dict:
        return {"deadline": smartmail_deadline(delivery, start=timezone.now(), policy=policy)}

    def on_sent(self, delivery: Delivery, result: SendResult) -> None:
        now = timezone.now()
        policy = policy_for(delivery.document.organization)
        deadline = smartmail_deadline(delivery, start=now, policy=policy)
        reminder_due_at = (
            deadline - datetime.timedelta(days=policy.smartmail_reminder_days)
            if policy.smartmail_reminder_days
            else None
        )
        SmartmailTracking.objects.get_or_create(
            delivery=delivery, defaults={"deadline": deadline, "reminder_due_at": reminder_due_at}
        )
