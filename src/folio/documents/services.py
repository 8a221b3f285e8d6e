"""Writes to documents: creation, status transitions, events, files.

Every state change writes its DocumentEvent in the same transaction.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models.fields import NOT_PROVIDED, AutoFieldMixin
from django.utils import timezone
from django.utils._os import safe_makedirs
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ApplicationError, ConflictError, IllegalTransitionError
from folio.customers.models import Customer
from folio.documents.models import (
    DOCUMENT_TRANSITIONS,
    PAYABLE_TYPES,
    PAYMENT_TRANSITIONS,
    Direction,
    Document,
    DocumentEvent,
    DocumentFile,
    DocumentLine,
    DocumentStatus,
    DocumentType,
    EventKind,
    FileKind,
    PaymentStatus,
)
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import require_permission

# Which event a move into each status records.
STATUS_EVENT_KIND = {
    DocumentStatus.RECEIVED: EventKind.CORRECTED,
    DocumentStatus.STOPPED: EventKind.STOPPED,
    DocumentStatus.ACCEPTED: EventKind.ACCEPTED,
    DocumentStatus.SENDING: EventKind.SENDING,
    DocumentStatus.SENT: EventKind.SENT,
    DocumentStatus.DELIVERED: EventKind.DELIVERED,
    DocumentStatus.FAILED: EventKind.FAILED,
    DocumentStatus.CANCELLED: EventKind.CANCELLED,
}


@dataclass
class LineInput:
    item_name: str
    quantity: Decimal
    unit_price: Decimal
    amount_net: Decimal
    vat_category: str = "S"
    vat_rate: Decimal = Decimal("25")
    unit_code: str = "EA"
    description: str = ""
    line_id: str = ""


@dataclass
class DocumentInput:
    type: str
    number: str
    issue_date: datetime.date
    currency: str
    amount_net: Decimal
    amount_vat: Decimal
    amount_total: Decimal
    amount_payable: Decimal
    direction: str = Direction.SENT
    due_date: datetime.date | None = None
    payment_reference: str = ""
    buyer_reference: str = ""
    order_reference: str = ""
    counterparty_name: str = ""
    note: str = ""
    lines: list[LineInput] = field(default_factory=list)


@dataclass
class FileInput:
    kind: str
    filename: str
    content: bytes
    content_type: str


@dataclass
class EventInput:
    kind: str
    message: str = ""
    from_status: str = ""
    to_status: str = ""
    data: dict = field(default_factory=dict)


def event_record(
    *,
    document: Document,
    kind: str,
    actor: Actor,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
    delivery=None,
    channel: str = "",
    data: dict | None = None,
    at: datetime.datetime | None = None,
) -> DocumentEvent:
    return DocumentEvent.objects.create(
        document=document,
        at=at or timezone.now(),
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=str(message),
        actor_label=actor.label,
        actor_user=actor.user_or_none,
        delivery=delivery,
        channel=channel or (delivery.channel if delivery is not None else ""),
        data=data or {},
    )


def _document_row(
    *,
    organization: Organization,
    customer: Customer | None,
    data: DocumentInput,
    status: str,
    status_reason: str,
    at: datetime.datetime,
) -> Document:
    return Document(
        organization=organization,
        customer=customer,
        direction=data.direction,
        type=data.type,
        number=data.number,
        issue_date=data.issue_date,
        due_date=data.due_date,
        currency=data.currency,
        amount_net=data.amount_net,
        amount_vat=data.amount_vat,
        amount_total=data.amount_total,
        amount_payable=data.amount_payable,
        payment_reference=data.payment_reference,
        buyer_reference=data.buyer_reference,
        order_reference=data.order_reference,
        counterparty_name=data.counterparty_name or (customer.name if customer else ""),
        note=data.note,
        status=status,
        status_changed_at=at,
        status_reason=status_reason,
        payment_status=(
            PaymentStatus.UNPAID
            if data.type in PAYABLE_TYPES and data.amount_payable > 0
            else PaymentStatus.NOT_APPLICABLE
        ),
    )


def _line_rows(document: Document, lines: list[LineInput]) -> list[DocumentLine]:
    return [
        DocumentLine(
            document=document,
            position=position,
            line_id=line.line_id or str(position),
            item_name=line.item_name,
            description=line.description,
            quantity=line.quantity,
            unit_code=line.unit_code,
            unit_price=line.unit_price,
            amount_net=line.amount_net,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
        )
        for position, line in enumerate(lines, start=1)
    ]


def _event_row(
    *, document: Document, actor: Actor, at: datetime.datetime, event: EventInput
) -> DocumentEvent:
    return DocumentEvent(
        document=document,
        at=at,
        kind=event.kind,
        from_status=event.from_status,
        to_status=event.to_status,
        message=str(event.message),
        actor_label=actor.label,
        actor_user=actor.user_or_none,
        data=event.data or {},
    )


def _file_row(*, document: Document, new_file: FileInput) -> DocumentFile:
    """The row of a new file, its content already written to storage (rows can then be
    inserted together)."""
    document_file = DocumentFile(
        document=document,
        kind=FileKind(new_file.kind),
        filename=new_file.filename,
        content_type=new_file.content_type,
        size=len(new_file.content),
        sha256=hashlib.sha256(new_file.content).hexdigest(),
        version=document.version,
    )
    _file_write(document_file, new_file.filename, new_file.content)
    return document_file


def _file_write(document_file: DocumentFile, filename: str, content: bytes) -> None:
    """`document_file.file.save(filename, ContentFile(content), save=False)` in fewer steps.

    On the default FileSystemStorage it writes the same name and bytes with the same checks
    (a name outside the storage root is refused, an existing file is never overwritten) but
    without the existence check before the exclusive create, the lock of a file no one else
    can have open yet (its name is in no committed row), and the copy through a File object
    (four system calls and most of the Python of a save fewer per file). Another
    storage (object storage), a name that needs shortening or one that is taken goes through
    the storage's own `save`, which picks a free name."""
    field_file = document_file.file
    storage = field_file.storage
    file_field = field_file.field
    name = file_field.generate_filename(document_file, filename)
    if (
        storage.__class__ is not FileSystemStorage
        or storage._allow_overwrite
        or storage.OS_OPEN_FLAGS != _EXCLUSIVE_CREATE
        or len(name) > file_field.max_length
    ):
        field_file.save(filename, ContentFile(content), save=False)
        return
    validate_file_name(name, allow_relative_path=True)
    validate_file_name(os.path.basename(name))
    full_path = storage.path(name)  # refuses a path outside the storage's root
    directory = os.path.dirname(full_path)
    if storage.directory_permissions_mode is not None:
        safe_makedirs(directory, storage.directory_permissions_mode, exist_ok=True)
    else:
        os.makedirs(directory, exist_ok=True)
    try:
        handle = os.open(full_path, _EXCLUSIVE_CREATE, 0o666)
    except FileExistsError:
        field_file.save(filename, ContentFile(content), save=False)
        return
    with os.fdopen(handle, "wb") as written:
        written.write(content)
    if storage.file_permissions_mode is not None:
        os.chmod(full_path, storage.file_permissions_mode)
    storage._ensure_location_group_id(full_path)
    field_file.name = os.path.relpath(full_path, storage.location).replace("\\", "/")
    setattr(document_file, file_field.attname, field_file.name)
    field_file._committed = True


_EXCLUSIVE_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def rows_insert(objs: list[models.Model], *, returning: bool = False) -> None:
    """INSERT new instances of one model in one statement: the row `bulk_create` writes for
    each (every concrete field; an auto primary key left to the database, and set on the
    instance from RETURNING when `returning`), with each value prepared as its field prepares
    it, but with the statement's text made once per model and row count, and the values that
    go to the driver as they are (text, integers, finite decimals) passed straight through
    instead of one by one through the ORM's compiler. It sends no model signals (Folio has
    none on these models). Falls back to `bulk_create` for what it does not cover."""
    if not objs:
        return
    model = objs[0].__class__
    connection = connections[router.db_for_write(model)]
    statement = _insert_statement(objs, connection, returning)
    if statement is None:
        model._base_manager.using(connection.alias).bulk_create(objs)
        return
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        _inserted(objs, connection, cursor if returning else None)


def _insert_statement(
    objs: list[models.Model], connection, returning: bool
) -> tuple[str, list] | None:
    """`rows_insert`'s statement and parameters for `objs`, or None where it does not apply."""
    plan = _insert_plan(objs[0].__class__, connection, len(objs), returning)
    if plan is None or (plan.auto_pk and any(obj.pk is not None for obj in objs)):
        return None
    params: list = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="rows_insert")
        for model_field, prepare in plan.columns:
            params.append(prepare(model_field.pre_save(obj, True)))
    return plan.sql, params


def _inserted(objs: list[models.Model], connection, cursor=None) -> None:
    """Mark `objs` as saved (and set their keys from the RETURNING rows of `cursor`)."""
    if cursor is not None:
        attname = objs[0]._meta.pk.attname
        for obj, row in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, attname, row[0])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


@dataclass(frozen=True)
class _InsertPlan:
    sql: str
    columns: list
    auto_pk: bool
    returning: bool


_insert_plans: dict[tuple, _InsertPlan | None] = {}
_TEXT_FIELDS = (models.CharField, models.TextField)
_INTEGER_FIELDS = (
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
    models.AutoField,
    models.BigAutoField,
)


def _insert_plan(model, connection, count: int, returning: bool) -> _InsertPlan | None:
    key = (model, connection.alias, count, returning)
    if key not in _insert_plans:
        _insert_plans[key] = _make_insert_plan(model, connection, count, returning)
    return _insert_plans[key]


def _make_insert_plan(model, connection, count: int, returning: bool) -> _InsertPlan | None:
    opts = model._meta
    auto_pk = isinstance(opts.pk, AutoFieldMixin)
    fields = [f for f in opts.concrete_fields if not (auto_pk and f is opts.pk)]
    if any(f.generated or f.db_default is not NOT_PROVIDED for f in fields):
        return None
    limit = connection.features.max_query_params
    if limit is not None and count * len(fields) > limit:
        return None
    if returning and not (auto_pk and connection.features.can_return_rows_from_bulk_insert):
        return None
    ops = connection.ops
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Only the model's quoted table and column names go into the text; values are bound.
    table = ops.quote_name(opts.db_table)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
    sql += ", ".join([row] * count)
    if returning:
        returning_sql, _params = ops.return_insert_columns([opts.pk])
        sql += " " + returning_sql
    return _InsertPlan(
        sql=sql,
        columns=[(f, _value_preparer(f, connection)) for f in fields],
        auto_pk=auto_pk,
        returning=returning,
    )


def _value_preparer(field, connection):
    """What turns the field's value into the driver's: the field's own `get_db_prep_save`,
    skipped for the values it returns unchanged (text for a text field, an int for an integer
    field or a foreign key to an integer key, a finite Decimal for a decimal field, a date for
    a date field, and on PostgreSQL an aware datetime and a UUID; SQLite takes a UUID's hex)."""
    kind = field.__class__
    target = field.target_field.__class__ if kind is models.ForeignKey else None
    postgresql = connection.vendor == "postgresql"

    def prepared(value):
        return field.get_db_prep_save(value, connection)

    if kind in _TEXT_FIELDS:
        return lambda value: value if value is None or isinstance(value, str) else prepared(value)
    if kind in _INTEGER_FIELDS or target in _INTEGER_FIELDS:
        return lambda value: value if value is None or value.__class__ is int else prepared(value)
    if kind is models.DecimalField:
        return lambda value: (
            value if value.__class__ is Decimal and value.is_finite() else prepared(value)
        )
    if kind is models.DateField and postgresql:
        return lambda value: (
            value if value is None or value.__class__ is datetime.date else prepared(value)
        )
    if kind is models.DateTimeField and postgresql:
        return lambda value: (
            value
            if value.__class__ is datetime.datetime and value.tzinfo is not None
            else prepared(value)
        )
    if kind is models.UUIDField:
        native = connection.features.has_native_uuid_field
        return lambda value: (
            (value if native else value.hex) if value.__class__ is uuid.UUID else prepared(value)
        )
    return prepared


def _lines_insert(document: Document, lines: list[LineInput]) -> None:
    """Insert the lines of a new document in one statement: the rows `bulk_create` of
    `_line_rows` writes, without making 20 model instances and preparing ~220 values one field
    at a time. On PostgreSQL the rows travel as one JSON array (one parameter to quote instead
    of ~220; the columns are cast to their own types, so the stored values are the same)."""
    if not lines:
        return
    connection = connections[router.db_for_write(DocumentLine)]
    with connection.cursor() as cursor:
        for sql, params in _lines_statements(document, lines, connection):
            cursor.execute(sql, params)


def _lines_statements(
    document: Document, lines: list[LineInput], connection
) -> list[tuple[str, list]]:
    fields = [DocumentLine._meta.get_field(name) for name in _LINE_FIELDS]
    table = connection.ops.quote_name(DocumentLine._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    decimal_fields = {name: DocumentLine._meta.get_field(name) for name in _LINE_DECIMALS}

    def decimal(name: str, value) -> Decimal:
        if value.__class__ is Decimal and value.is_finite():
            return value
        return decimal_fields[name].to_python(value)  # converts, or refuses as Django would

    rows = [
        (
            position,
            line.line_id or str(position),
            line.item_name,
            line.description,
            decimal("quantity", line.quantity),
            line.unit_code,
            decimal("unit_price", line.unit_price),
            decimal("amount_net", line.amount_net),
            line.vat_category,
            decimal("vat_rate", line.vat_rate),
        )
        for position, line in enumerate(lines, start=1)
    ]
    # The statements are made of the model's quoted table and column names and column types
    # only; every value is a parameter.
    if connection.vendor == "postgresql":
        casts = ", ".join(
            f"(line->>{index})::{f.db_type(connection)}" for index, f in enumerate(fields[1:])
        )
        sql = f"INSERT INTO {table} ({columns}) SELECT %s, {casts} "
        sql += "FROM json_array_elements(%s::json) AS line"
        return [(sql, [document.pk, json.dumps(rows, default=str)])]
    statements = []
    per_statement = max(1, connection.ops.bulk_batch_size(fields, rows))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        sql = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        sql += ", ".join([row_sql] * len(chunk))
        statements.append((sql, [value for row in chunk for value in (document.pk, *row)]))
    return statements


def _contents_insert(
    document: Document,
    lines: list[LineInput],
    files: list[DocumentFile],
    events: list[DocumentEvent],
) -> None:
    """Insert a new document's lines, files (their keys set from RETURNING) and events. On
    PostgreSQL all three go in one statement (the lines and the events as data-modifying
    WITH queries of the files' INSERT): one round trip instead of three, the same rows."""
    connection = connections[router.db_for_write(DocumentFile)]
    if connection.vendor == "postgresql" and files and events:
        with_parts = _lines_statements(document, lines, connection) if lines else []
        events_statement = _insert_statement(events, connection, returning=False)
        files_statement = _insert_statement(files, connection, returning=True)
        if events_statement is not None and files_statement is not None:
            with_parts.append(events_statement)
            sql = "WITH " + ", ".join(
                f"inserted_{index} AS ({part_sql})"
                for index, (part_sql, _params) in enumerate(with_parts)
            )
            sql += " " + files_statement[0]
            params = [value for _sql, part_params in with_parts for value in part_params]
            with connection.cursor() as cursor:
                cursor.execute(sql, params + files_statement[1])
                _inserted(files, connection, cursor)
            _inserted(events, connection)
            return
    _lines_insert(document, lines)
    rows_insert(files, returning=True)
    rows_insert(events)


_LINE_FIELDS = (
    "document",
    "position",
    "line_id",
    "item_name",
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "amount_net",
    "vat_category",
    "vat_rate",
)
_LINE_DECIMALS = ("quantity", "unit_price", "amount_net", "vat_rate")


@transaction.atomic
def document_create(
    *,
    actor: Actor,
    organization: Organization,
    customer: Customer | None,
    data: DocumentInput,
) -> Document:
    """Store a parsed document with its lines as RECEIVED, and record that event."""
    require_permission(actor, "send", organization)
    if customer is not None and customer.sender_id != organization.id:
        raise ApplicationError(
            "customer_not_of_sender", _("The customer belongs to another organization.")
        )
    DocumentType(data.type)
    same_number = Document.objects.filter(
        organization=organization, direction=data.direction, type=data.type, number=data.number
    )
    existing = same_number.first()
    if existing is not None:
        raise _duplicate_number_conflict(existing)
    now = timezone.now()
    document = _document_row(
        organization=organization,
        customer=customer,
        data=data,
        status=DocumentStatus.RECEIVED,
        status_reason="",
        at=now,
    )
    try:
        # A concurrent submission of the same number loses on the unique constraint: answer it
        # the same way as the check above instead of with a database error.
        with transaction.atomic():
            document.save(force_insert=True)
    except IntegrityError:
        existing = same_number.first()
        if existing is None:
            raise
        raise _duplicate_number_conflict(existing) from None
    DocumentLine.objects.bulk_create(_line_rows(document, data.lines))
    event_record(
        document=document,
        kind=EventKind.RECEIVED,
        actor=actor,
        to_status=DocumentStatus.RECEIVED,
        at=now,
    )
    return document


def document_receive(
    *,
    actor: Actor,
    organization: Organization,
    customer: Customer | None,
    data: DocumentInput,
    files: list[FileInput],
    events: list[EventInput],
    status: str = DocumentStatus.RECEIVED,
    reason: str = "",
    status_data: dict | None = None,
) -> tuple[Document, list[DocumentFile]]:
    """Store a document that arrives complete (ingestion), in as few statements as possible.

    The same rows as `document_create`, `document_file_attach`, `event_record` and
    `document_transition(RECEIVED -> status)` one after the other would write, with the same
    events in the same order (RECEIVED, then `events`, then the move to `status`), but the
    document is inserted already in `status` and the lines, files and events each go in one
    INSERT (on PostgreSQL, the three in one statement). It neither looks for a duplicate
    number nor opens a savepoint: the caller has looked, and a racing duplicate raises
    IntegrityError from the unique constraint, which the caller answers (ingestion answers
    409). Runs inside the caller's transaction.
    """
    require_permission(actor, "send", organization)
    if customer is not None and customer.sender_id != organization.id:
        raise ApplicationError(
            "customer_not_of_sender", _("The customer belongs to another organization.")
        )
    DocumentType(data.type)
    status = DocumentStatus(status)
    if status != DocumentStatus.RECEIVED:
        require_permission(actor, "edit_documents", organization)
        if status not in DOCUMENT_TRANSITIONS[DocumentStatus.RECEIVED]:
            raise IllegalTransitionError(
                "illegal_transition",
                _("A document cannot go from %(from)s to %(to)s.")
                % {"from": DocumentStatus.RECEIVED.label, "to": status.label},
                extra={"from": DocumentStatus.RECEIVED, "to": status},
            )
    now = timezone.now()
    with transaction.atomic(savepoint=False):
        document = _document_row(
            organization=organization,
            customer=customer,
            data=data,
            status=status,
            status_reason=str(reason),
            at=now,
        )
        rows_insert([document], returning=True)
        # Written after the document's row, so a duplicate number leaves no file behind.
        stored_files = [_file_row(document=document, new_file=new_file) for new_file in files]
        steps = [EventInput(kind=EventKind.RECEIVED, to_status=DocumentStatus.RECEIVED), *events]
        if status != DocumentStatus.RECEIVED:
            steps.append(
                EventInput(
                    kind=STATUS_EVENT_KIND[status],
                    message=str(reason),
                    from_status=DocumentStatus.RECEIVED,
                    to_status=status,
                    data=status_data or {},
                )
            )
        _contents_insert(
            document,
            data.lines,
            stored_files,
            [_event_row(document=document, actor=actor, at=now, event=step) for step in steps],
        )
    return document, stored_files


def _duplicate_number_conflict(existing: Document) -> ConflictError:
    return ConflictError(
        "duplicate_number",
        _("%(document)s already exists (issued %(date)s).")
        % {"document": existing, "date": existing.issue_date.isoformat()},
        extra={"existing_id": str(existing.code), "existing_number": existing.number},
    )


def _check_document_transition(document: Document, to_status: str) -> None:
    if to_status not in DOCUMENT_TRANSITIONS[document.status]:
        raise IllegalTransitionError(
            "illegal_transition",
            _("A document cannot go from %(from)s to %(to)s.")
            % {"from": document.get_status_display(), "to": DocumentStatus(to_status).label},
            extra={"from": document.status, "to": to_status},
        )


@transaction.atomic
def document_transition(
    *,
    document: Document,
    to_status: str,
    actor: Actor,
    reason: str = "",
    delivery=None,
    data: dict | None = None,
) -> Document:
    """Move a document along its pipeline; illegal moves raise IllegalTransitionError."""
    require_permission(actor, "edit_documents", document.organization)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    to_status = DocumentStatus(to_status)
    _check_document_transition(locked, to_status)
    from_status = locked.status
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    locked.status_reason = str(reason)
    update_fields = ["status", "status_changed_at", "status_reason", "updated_at"]
    if delivery is not None:
        locked.channel = delivery.channel
        update_fields.append("channel")
    locked.save(update_fields=update_fields)
    event_record(
        document=locked,
        kind=STATUS_EVENT_KIND[to_status],
        actor=actor,
        message=reason,
        from_status=from_status,
        to_status=to_status,
        delivery=delivery,
        data=data,
        at=locked.status_changed_at,
    )
    document.status = locked.status
    document.status_changed_at = locked.status_changed_at
    document.status_reason = locked.status_reason
    document.channel = locked.channel
    return document


@transaction.atomic
def document_register_payment(
    *, document: Document, amount: Decimal, actor: Actor, reference: str = "", source: str = ""
) -> Document:
    """Add a payment (negative for a refund) and move the payment status to match."""
    require_permission(actor, "edit_documents", document.organization)
    if amount == 0:
        raise ApplicationError("zero_amount", _("A payment of zero changes nothing."))
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.payment_status == PaymentStatus.NOT_APPLICABLE:
        raise ApplicationError("not_payable", _("This document does not ask for payment."))
    paid = locked.amount_paid + amount
    if paid < 0:
        raise ApplicationError("refund_exceeds_paid", _("A refund cannot exceed what was paid."))
    if paid >= locked.amount_payable:
        new_status = PaymentStatus.PAID
    elif paid > 0:
        new_status = PaymentStatus.PARTLY_PAID
    else:
        new_status = PaymentStatus.UNPAID
    if (
        new_status != locked.payment_status
        and new_status not in PAYMENT_TRANSITIONS[locked.payment_status]
    ):
        raise IllegalTransitionError(
            "illegal_payment_transition",
            _("The payment status cannot go from %(from)s to %(to)s.")
            % {"from": locked.get_payment_status_display(), "to": new_status.label},
        )
    from_status = locked.payment_status
    locked.amount_paid = paid
    locked.payment_status = new_status
    locked.save(update_fields=["amount_paid", "payment_status", "updated_at"])
    event_record(
        document=locked,
        kind=EventKind.PAYMENT,
        actor=actor,
        message=source,
        from_status=from_status,
        to_status=new_status,
        data={"amount": str(amount), "reference": reference, "paid_total": str(paid)},
    )
    return locked


@transaction.atomic
def document_file_attach(
    *,
    document: Document,
    kind: str,
    filename: str,
    content: bytes,
    content_type: str,
    actor: Actor,
) -> DocumentFile:
    require_permission(actor, "send", document.organization)
    document_file = DocumentFile(
        document=document,
        kind=FileKind(kind),
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        version=document.version,
    )
    document_file.file.save(filename, ContentFile(content), save=False)
    document_file.save()
    return document_file


@transaction.atomic
def document_mark_viewed(*, document: Document, actor: Actor, via: str) -> Document:
    """Record that the recipient opened the document (first time sets first_viewed_at)."""
    now = timezone.now()
    updated = Document.objects.filter(pk=document.pk, first_viewed_at__isnull=True).update(
        first_viewed_at=now
    )
    if updated:
        document.first_viewed_at = now
    event_record(document=document, kind=EventKind.VIEWED, actor=actor, data={"via": via}, at=now)
    return document
