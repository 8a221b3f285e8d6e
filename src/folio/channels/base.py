"""The interface every delivery channel implements (ARCHITECTURE.md §5).

Three families share it:
- message channels (e-mail, Smartmail, portal): `send` hands one message to a server;
- network channels with a registry (Peppol, eFaktura, Kivra, bank e-faktura): `reach` asks the
  registry (through a cached client) whether and how the customer can receive;
- file-batch channels (print, AvtaleGiro): `send` queues the item and a batch job hands the
  day's file to the partner; the partner's status files come back through `poll`.

The dispatcher calls `render` then `send` outside any transaction (they talk to the network),
then records the outcome and calls `on_sent` inside the transaction that records success.
`send` must be safe to repeat with the same delivery: the message key is stable across retries
and the far side (or the channel itself) drops the duplicate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from folio.customers.models import Customer
    from folio.delivery.models import Delivery
    from folio.documents.models import Document


class ChannelFamily(StrEnum):
    MESSAGE = "message"
    NETWORK = "network"
    FILE_BATCH = "file_batch"


@dataclass(frozen=True)
class Reach:
    """Whether a customer can be reached over a channel, at which address, and at what cost."""

    channel: str
    available: bool
    address: str = ""
    cost: Decimal = Decimal("0")
    reason: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


@dataclass
class Payload:
    """What a channel sends: the bytes on the wire plus what the sender needs to send them."""

    content_type: str
    body: bytes
    recipient: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SendResult:
    """A successful hand-over. `delivered` when the network confirms receipt on the spot."""

    external_reference: str = ""
    response: str = ""
    delivered: bool = False
    # The final price, when it is only known after rendering (print: pages and postage).
    cost: Decimal | None = None


class TransportError(Exception):
    """A failed send. Permanent errors go to the next channel; others are retried."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.message = message
        self.permanent = permanent


@dataclass(frozen=True)
class Receipt:
    """A status the network reported back for one of our deliveries."""

    message_key: str
    status: str
    at: datetime.datetime
    detail: str = ""
    data: dict = field(default_factory=dict)


class Transport:
    """Base class of a channel's transport; subclasses set the class attributes."""

    code: ClassVar[str]
    family: ClassVar[ChannelFamily]
    default_cost: ClassVar[Decimal] = Decimal("0")
    # How the sent payload is kept "as the recipient saw it" (rendering's ArtefactKind).
    artefact_kind: ClassVar[str] = "channel_payload"
    artefact_suffix: ClassVar[str] = ".xml"

    def reach(self, customer: Customer) -> Reach:
        raise NotImplementedError

    def render(self, document: Document, *, delivery: Delivery) -> Payload:
        raise NotImplementedError

    def send(self, delivery: Delivery, payload: Payload) -> SendResult:
        raise NotImplementedError

    def on_sent(self, delivery: Delivery, result: SendResult) -> None:
        """Called inside the transaction that records a successful send (no network here)."""

    def poll(self) -> list[Receipt]:
        """Fetch receipts from the network, for channels that report back by polling."""
        return []

    def unavailable(self, reason: str) -> Reach:
        return Reach(channel=self.code, available=False, reason=reason)
