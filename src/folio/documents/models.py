from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from folio.core.models import PublicCodeModel
from folio.customers.models import Customer
from folio.tenancy.models import Organization


class DocumentType(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")
    REMINDER = "reminder", _("Reminder")
    QUOTE = "quote", _("Quote")
    ORDER_CONFIRMATION = "order_confirmation", _("Order confirmation")
    DELIVERY_NOTE = "delivery_note", _("Delivery note")
    STATEMENT = "statement", _("Statement")
    PAYMENT_REQUEST = "payment_request", _("Payment request")
    PURCHASE_ORDER = "purchase_order", _("Purchase order")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading")
    CONTRACT = "contract", _("Contract")
    PRICE_LIST = "price_list", _("Price list")
    OTHER = "other", _("Other")


# Types that ask the recipient for money.
PAYABLE_TYPES = frozenset(
    {DocumentType.INVOICE, DocumentType.REMINDER, DocumentType.PAYMENT_REQUEST}
)


class Direction(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")


class DocumentStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    STOPPED = "stopped", _("Stopped")
    ACCEPTED = "accepted", _("Accepted")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


S = DocumentStatus
# The pipeline's legal moves (ARCHITECTURE.md §4). Anything else raises IllegalTransitionError.
DOCUMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACCEPTED, S.STOPPED, S.CANCELLED}),
    S.STOPPED: frozenset({S.RECEIVED, S.ACCEPTED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.SENDING, S.DELIVERED, S.CANCELLED}),
    S.SENDING: frozenset({S.SENT, S.DELIVERED, S.FAILED}),
    S.SENT: frozenset({S.DELIVERED, S.FAILED, S.SENDING}),
    S.DELIVERED: frozenset({S.SENDING}),
    S.FAILED: frozenset({S.SENDING, S.CANCELLED}),
    S.CANCELLED: frozenset(),
}


class PaymentStatus(models.TextChoices):
    NOT_APPLICABLE = "n/a", _("Not applicable")
    UNPAID = "unpaid", _("Unpaid")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    CREDITED = "credited", _("Credited")


P = PaymentStatus
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    P.NOT_APPLICABLE: frozenset(),
    P.UNPAID: frozenset({P.PARTLY_PAID, P.PAID, P.CREDITED}),
    P.PARTLY_PAID: frozenset({P.PAID, P.UNPAID, P.CREDITED}),
    P.PAID: frozenset({P.PARTLY_PAID, P.UNPAID}),  # refunds and reversals
    P.CREDITED: frozenset({P.UNPAID}),
}


class Document(PublicCodeModel):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("The tenant: the sender of a sent document, the receiver of a received one."),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
        help_text=_("The trading partner: recipient when sent, supplier when received."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.SENT
    )
    type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    number = models.CharField(_("number"), max_length=100)
    issue_date = models.DateField(_("issue date"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="NOK")
    amount_net = models.DecimalField(_("net amount"), max_digits=18, decimal_places=2, default=0)
    amount_vat = models.DecimalField(_("VAT"), max_digits=18, decimal_places=2, default=0)
    amount_total = models.DecimalField(_("total"), max_digits=18, decimal_places=2, default=0)
    amount_payable = models.DecimalField(
        _("amount payable"), max_digits=18, decimal_places=2, default=0
    )
    amount_paid = models.DecimalField(_("amount paid"), max_digits=18, decimal_places=2, default=0)
    payment_reference = models.CharField(
        _("payment reference (KID/OCR)"), max_length=50, blank=True
    )
    buyer_reference = models.CharField(_("buyer reference"), max_length=200, blank=True)
    order_reference = models.CharField(_("order reference"), max_length=200, blank=True)
    counterparty_name = models.CharField(
        _("counterparty name"),
        max_length=200,
        blank=True,
        help_text=_("The name on the document, kept even when the customer record changes."),
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_reason = models.TextField(_("status reason"), blank=True)
    payment_status = models.CharField(
        _("payment status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.NOT_APPLICABLE,
    )
    channel = models.CharField(
        _("channel"), max_length=20, blank=True, help_text=_("The channel of the latest delivery.")
    )
    first_viewed_at = models.DateTimeField(_("first viewed"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "direction", "type", "number"],
                name="document_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="doc_org_created"),
            models.Index(fields=["organization", "status", "-created_at"], name="doc_org_status"),
            models.Index(fields=["organization", "-issue_date"], name="doc_org_issued"),
            models.Index(fields=["customer", "-issue_date"], name="doc_customer_issued"),
            models.Index(fields=["organization", "number"], name="doc_org_number"),
            models.Index(fields=["organization", "payment_reference"], name="doc_org_kid"),
            # The sender portal's list: a status filter in issue-date order, with the other
            # filters' columns (and the id) in the index, so that a rare combination ("stopped
            # and sent by print") is an index-only scan, not a walk through the heap.
            models.Index(
                fields=["organization", "status", "-issue_date"],
                include=["channel", "direction", "type", "id"],
                name="doc_org_status_issued",
            ),
            # The list's other sortable columns (and a search by amount).
            models.Index(fields=["organization", "amount_total"], name="doc_org_total"),
            models.Index(fields=["organization", "due_date"], name="doc_org_due"),
            # The customer portal's overdue count (open payment states, due before today): a
            # range read of one account's open documents, not a walk through all its paid ones.
            models.Index(
                fields=["customer", "payment_status", "due_date"], name="doc_customer_overdue"
            ),
        ]
        ordering = ["-issue_date", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"

    @property
    def amount_open(self) -> Decimal:
        return max(self.amount_payable - self.amount_paid, Decimal("0.00"))


class DocumentLine(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("line"))
    line_id = models.CharField(_("line id"), max_length=50, blank=True)
    item_name = models.CharField(_("item"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=18, decimal_places=4)
    unit_code = models.CharField(_("unit"), max_length=10, default="EA")
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=4)
    amount_net = models.DecimalField(_("net amount"), max_digits=18, decimal_places=2)
    vat_category = models.CharField(_("VAT category"), max_length=4, default="S")
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=2, default=0)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="line_position_unique")
        ]
        verbose_name = _("document line")
        verbose_name_plural = _("document lines")

    def __str__(self) -> str:
        return f"{self.position}: {self.item_name}"


class FileKind(models.TextChoices):
    SOURCE_XML = "source_xml", _("Source XML")
    SOURCE_JSON = "source_json", _("Source JSON")
    PDF = "pdf", _("PDF")
    ATTACHMENT = "attachment", _("Attachment")


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    return f"documents/{instance.document.code}/{instance.kind}/{filename}"


class DocumentFile(PublicCodeModel):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    file = models.FileField(upload_to=document_file_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    version = models.PositiveIntegerField(_("document version"), default=1)

    class Meta:
        ordering = ["document", "kind", "-version"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def __str__(self) -> str:
        return self.filename


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    VALIDATED = "validated", _("Validated")
    STOPPED = "stopped", _("Stopped")
    CORRECTED = "corrected", _("Corrected")
    ACCEPTED = "accepted", _("Accepted")
    ROUTED = "routed", _("Channel chosen")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    OPENED = "opened", _("Opened")
    FAILED = "failed", _("Failed")
    FALLBACK = "fallback", _("Fell back to another channel")
    EXPIRED = "expired", _("Expired")
    PRINTED = "printed", _("Printed and posted")
    CANCELLED = "cancelled", _("Cancelled")
    VIEWED = "viewed", _("Viewed by the recipient")
    PAYMENT = "payment", _("Payment")
    STATUS_CHANGED = "status_changed", _("Status changed")
    COMMENT = "comment", _("Comment")
    RESPONSE = "response", _("Recipient response")


class DocumentEvent(models.Model):
    """One step in a document's life, written in the same transaction as the change it records."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.TextField(_("message"), blank=True)
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delivery = models.ForeignKey(
        "delivery.Delivery", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    channel = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["document", "at"], name="event_doc_at"),
            models.Index(fields=["kind", "at"], name="event_kind_at"),
        ]
        verbose_name = _("document event")
        verbose_name_plural = _("document events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class MonthlyFigure(models.Model):
    """Documents of one organization and calendar month (by arrival, in the site's time zone),
    per direction, type, channel, status and currency: the dashboard's 13-month trends read
    these instead of counting a million documents. `documents` and `amount_total` count under
    the document's channel; `deliveries...` and `cost` under each delivery's own channel (a
    bounced e-mail and the letter after it count under e-mail and print). Written only by
    `folio.documents.statistics` (a sweep rolls up closed months; see there why)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    channel = models.CharField(_("channel"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices)
    currency = models.CharField(_("currency"), max_length=3)
    documents = models.PositiveIntegerField(_("documents"), default=0)
    amount_total = models.DecimalField(_("total"), max_digits=20, decimal_places=2, default=0)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=0)
    deliveries_opened = models.PositiveIntegerField(_("deliveries opened"), default=0)
    deliveries_failed = models.PositiveIntegerField(_("deliveries failed"), default=0)
    cost = models.DecimalField(_("delivery cost"), max_digits=18, decimal_places=4, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organization",
                    "month",
                    "direction",
                    "type",
                    "channel",
                    "status",
                    "currency",
                ],
                name="monthly_figure_unique",
            )
        ]
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.direction} {self.type} {self.status}: {self.documents}"


class MonthlyRollup(models.Model):
    """How far one organization's month is rolled up into MonthlyFigure rows (and when): the
    rest of the month is counted live, so the dashboard is right before the first sweep."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    rolled_up_at = models.DateTimeField(_("rolled up"))
    covers_until = models.DateTimeField(
        _("covers until"),
        null=True,
        help_text=_(
            "The figures count the documents that arrived before this: the month's end once "
            "it is closed, the start of the hour of the roll-up while it is the current month."
        ),
    )
    documents = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="monthly_rollup_unique")
        ]
        verbose_name = _("monthly roll-up")
        verbose_name_plural = _("monthly roll-ups")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.month:%Y-%m} @ {self.rolled_up_at:%Y-%m-%d %H:%M}"
