"""Portal: the document is published in the customer portal and the customer told by e-mail."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from folio.channels.base import Reach, SendResult
from folio.channels.email.transport import EmailTransport
from folio.customers.models import Customer
from folio.delivery.models import Delivery, DeliveryPolicy, MessagePurpose
from folio.delivery.policies import channel_cost, policy_for


class PortalTransport(EmailTransport):
    code = "portal"
    default_cost = Decimal("0.05")
    purpose = MessagePurpose.PORTAL_NOTICE

    def reach(self, customer: Customer) -> Reach:
        if not customer.portal_access:
            return self.unavailable(_("The customer has no access to the customer portal."))
        address = customer.email or next(
            (c.email for c in customer.contacts.filter(can_view=True) if c.email), ""
        )
        if not address:
            return self.unavailable(_("Nobody at the customer can be told by e-mail."))
        policy = policy_for(customer.sender)
        return Reach(
            channel=self.code,
            available=True,
            address=address,
            cost=channel_cost(policy, self.code, self.default_cost),
        )

    def attaches_files(self, delivery: Delivery, policy: DeliveryPolicy) -> bool:
        return False

    def send(self, delivery, payload) -> SendResult:
        # The document is in the portal as soon as it is sent (the portal lists SENDING and
        # later documents); the notice reaching the mail server completes the delivery.
        result = super().send(delivery, payload)
        return SendResult(
            external_reference=result.external_reference, response=result.response, delivered=True
        )
