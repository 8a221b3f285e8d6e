"""Writes of ingestion: take a document in, resend a corrected one, manage stop rules.

`document_ingest` is the pipeline of ARCHITECTURE.md section 4 up to ACCEPTED: parse (hardened)
-> validate -> the seller must be the sender -> the buyer matched to a customer (or a new one,
flagged for review) -> stop filters -> the document, its lines, source file, validation report
and events, and then ACCEPTED with the routing job enqueued, or STOPPED with the sender told,
all in one transaction. A refused document leaves only an audit row.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folio.core.errors import ConflictError, NotFoundError
from folio.customers.models import Customer, CustomerKind
from folio.customers.services import customer_create
from folio.documents.models import (
    Document,
    DocumentFile,
    DocumentStatus,
    EventKind,
    FileKind,
)
from folio.documents.services import (
    DocumentInput,
    EventInput,
    FileInput,
    document_file_attach,
    document_receive,
    document_transition,
    event_record,
    rows_insert,
)
from folio.ingestion.en16931 import Invoice, Party
from folio.ingestion.filters import (
    FilterContext,
    StopReason,
    filters_evaluate,
    rule_check,
    rule_evaluate,
)
from folio.ingestion.matching import buyer_customer, buyer_match_key, seller_matches
from folio.ingestion.models import DocumentVersion, StopRule, StopRuleKind, Submission
from folio.ingestion.models import VersionOutcome as Outcome
from folio.ingestion.pipeline import (
    IngestRejected,
    ParsedDocument,
    document_input,
    document_type_of,
    parse_and_validate,
    validation_engine,
)
from folio.ingestion.ubl_writer import CorrectionError, ubl_apply_corrections
from folio.ingestion.xml_safety import XmlRejected, parse_xml
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization
from folio.tenancy.services import audit_record, require_permission

Item = TypeVar("Item")
Result = TypeVar("Result")
Prepared = TypeVar("Prepared")

# How long a request with a reused Idempotency-Key waits for the first one to finish.
IDEMPOTENCY_WAIT_SECONDS = 30
# A batch's documents commit in groups: one commit (a WAL flush on PostgreSQL) per group instead
# of one per document. A group is closed after this many documents or seconds, whichever comes
# first, so that it holds SQLite's write lock (or PostgreSQL's row locks) only briefly.
GROUP_COMMIT_DOCUMENTS = 50
GROUP_COMMIT_SECONDS = 0.25
# A group's documents are held prepared (parsed) in memory until they are stored
# (`ingest_in_groups`): no more than this many bytes of them.
GROUP_PREPARE_BYTES = 32 * 1024 * 1024


class IngestRun:
    """What one run of ingestion (a ZIP batch, a CLI call, one API request) may remember from
    one document to the next: the engine name, which customer a buyer matched, and the
    sender's active stop rules. It lives as long as the run and no longer (nothing is kept
    between requests), so a rule or customer changed during a run counts from the next run.

    A match is remembered only once the transaction that found or created the customer has
    committed, so a rolled-back document never leaves a customer behind in the run.
    """

    def __init__(self, *, engine: str = ""):
        self.engine = engine
        self._customers: dict[tuple, Customer] = {}
        self._rules: dict[int, list[StopRule]] = {}
        # The codes of the documents accepted in the open commit group, whose routing jobs
        # `ingest_in_groups` enqueues together just before the group commits; None outside
        # a group (each document enqueues its own).
        self.routes_pending: list[str] | None = None

    def validator(self, engine: str = ""):
        return validation_engine(engine or self.engine)

    def customer_for(self, organization: Organization, buyer: Party) -> Customer | None:
        key = (organization.id, buyer_match_key(buyer))
        found = self._customers.get(key)
        if found is None:
            found = buyer_customer(organization, buyer)
            if found is not None:
                self.remember_customer(key, found)
        return found

    def remember_customer(self, key: tuple, customer: Customer) -> None:
        transaction.on_commit(lambda: self._customers.setdefault(key, customer))

    def rules_for(self, organization: Organization, customer: Customer | None) -> list[StopRule]:
        """The active rules for this customer's documents: the sender's and the customer's own,
        in the order they were made (all of the sender's rules are read once per run)."""
        if organization.id not in self._rules:
            self._rules[organization.id] = list(
                StopRule.objects.filter(organization=organization, is_active=True).order_by(
                    "created_at", "id"
                )
            )
        customer_id = customer.id if customer is not None else None
        return [
            rule
            for rule in self._rules[organization.id]
            if rule.customer_id is None or rule.customer_id == customer_id
        ]


@dataclass
class IngestOutcome:
    """What the API answers (status and JSON body) and the document, when one was stored."""

    status: int
    body: dict
    document: Document | None = None
    extra: dict = field(default_factory=dict)


def ingest_in_groups(
    items: Iterable[Item],
    *,
    prepare_one: Callable[[Item], Prepared],
    store_one: Callable[[Prepared], Result],
    prepared_size: Callable[[Prepared], int],
    run: IngestRun,
) -> list[Result]:
    """Every item prepared (`prepare_one`: parsed, validated) and stored (`store_one`), in commit
    groups (see GROUP_COMMIT_*), each item keeping its own result.

    A group's items are first prepared one after the other, before its transaction opens, then
    stored together: the validator's and the database code's working sets each stay in the CPU
    caches over a run of documents (interleaved with stores, validation took twice as long),
    and the transaction is open only while storing. `prepared_size` bounds the bytes a group
    holds in memory (GROUP_PREPARE_BYTES).

    Each document still stores in its own savepoint (`document_store`'s atomic block), so a
    refused or duplicate one leaves the others of its group alone. An exception from
    `store_one` rolls back the open group and ends the run. The routing jobs of the documents
    a group accepted are enqueued together at its end, in its transaction (one INSERT for the
    group instead of one per document): workers see them when, and only if, the documents they
    route are committed.
    """
    results: list[Result] = []
    remaining = iter(items)
    while True:
        group = []
        held = 0
        finished = True
        opened = time.monotonic()
        for count, item in enumerate(remaining, start=1):
            prepared = prepare_one(item)
            group.append(prepared)
            held += prepared_size(prepared)
            if (
                count >= GROUP_COMMIT_DOCUMENTS
                or held >= GROUP_PREPARE_BYTES
                or time.monotonic() - opened > GROUP_COMMIT_SECONDS
            ):
                finished = False
                break
        if not group:
            return results
        with transaction.atomic():
            run.routes_pending = []
            try:
                results.extend(store_one(prepared) for prepared in group)
                routes_enqueue(run.routes_pending)
            finally:
                run.routes_pending = None
        if finished:
            return results


def outcome_result(name: str, outcome: IngestOutcome) -> dict:
    """One file's line in a batch, CLI or drop-folder result: `status` is the HTTP-like code,
    `document_status` the stored document's status (accepted or stopped)."""
    result = {"file": name, **outcome.body, "status": outcome.status}
    if outcome.status == 201:
        result["document_status"] = outcome.body.get("status")
    return result


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _created_body(document: Document, warnings: list[dict]) -> dict:
    return {
        "id": str(document.code),
        "number": document.number,
        "type": document.type,
        "status": document.status,
        "customer": str(document.customer.code) if document.customer else None,
        "warnings": warnings,
    }


def rejection_record(
    *, actor: Actor, organization: Organization, error: IngestRejected, body: bytes, filename: str
) -> IngestOutcome:
    """The audit row of a refused document (nothing else is stored), and the answer."""
    audit_record(
        actor=actor,
        action="document.rejected",
        organization=organization,
        detail={
            "code": error.code,
            "errors": [e.get("rule") for e in error.extra.get("errors", [])][:50],
            "filename": filename[:200],
            "sha256": _sha256(body),
            "size": len(body),
        },
    )
    return IngestOutcome(status=422, body=error.as_dict())


# --- the buyer ------------------------------------------------------------------------------


def _new_customer_number(organization: Organization, buyer: Party) -> str:
    taken = set(
        Customer.objects.filter(
            sender=organization,
            customer_number__in=[i.value.strip()[:50] for i in buyer.identifiers if i.value],
        ).values_list("customer_number", flat=True)
    )
    for identifier in buyer.identifiers:
        value = (identifier.value or "").strip()[:50]
        if value and value not in taken:
            return value
    return f"NEW-{uuid.uuid4().hex[:10].upper()}"


def _customer_for_buyer(
    *, organization: Organization, invoice: Invoice, actor: Actor, run: IngestRun
) -> Customer:
    """The sender's customer for this buyer; an unknown buyer becomes one, flagged for review."""
    buyer = invoice.buyer
    found = run.customer_for(organization, buyer)
    if found is not None:
        return found
    endpoint = buyer.electronic_address
    email = (buyer.contact.email if buyer.contact and buyer.contact.email else "") or (
        endpoint.value if endpoint and (endpoint.scheme or "").upper() == "EM" else ""
    )
    peppol_id = (
        f"{endpoint.scheme}:{endpoint.value}"
        if endpoint and endpoint.scheme and endpoint.scheme.upper() != "EM"
        else ""
    )
    org_number = buyer.legal_registration_id.value if buyer.legal_registration_id else ""
    address = buyer.address
    business = bool(org_number or buyer.vat_id or peppol_id)
    created = customer_create(
        actor=actor,
        sender=organization,
        customer_number=_new_customer_number(organization, buyer),
        kind=CustomerKind.BUSINESS if business else CustomerKind.PERSON,
        name=(buyer.name or buyer.trading_name or str(_("Unknown buyer")))[:200],
        country=(address.country_code if address and address.country_code else "")
        or organization.country,
        address_line1=((address.street or "") if address else "")[:200],
        address_line2=((address.additional_street or "") if address else "")[:200],
        postcode=((address.postal_code or "") if address else "")[:20],
        city=((address.city or "") if address else "")[:100],
        email=email[:254],
        phone=((buyer.contact.telephone or "") if buyer.contact else "")[:40],
        org_number=org_number[:40],
        vat_id=(buyer.vat_id or "")[:40],
        peppol_id=peppol_id[:80],
        needs_review=True,
    )
    run.remember_customer((organization.id, buyer_match_key(buyer)), created)
    return created


# --- filters and the outcome --------------------------------------------------------------


def rules_for(organization: Organization, customer: Customer | None) -> list[StopRule]:
    scope = Q(customer__isnull=True)
    if customer is not None:
        scope |= Q(customer=customer)
    rules = StopRule.objects.filter(scope, organization=organization, is_active=True)
    return list(rules.order_by("created_at", "id"))


def _settle(
    *,
    document: Document,
    invoice: Invoice,
    actor: Actor,
    source: DocumentFile,
    source_format: str,
    report: dict,
    corrections: dict | None = None,
) -> list[StopReason]:
    """Run the stop filters on a RECEIVED document and move it to ACCEPTED or STOPPED."""
    reasons = filters_evaluate(
        rules_for(document.organization, document.customer),
        FilterContext(invoice=invoice, customer=document.customer),
    )
    _version_record(
        document=document,
        actor=actor,
        source=source,
        source_format=source_format,
        report=report,
        reasons=reasons,
        corrections=corrections,
    )
    if reasons:
        document_transition(
            document=document,
            to_status=DocumentStatus.STOPPED,
            actor=actor,
            reason=_stop_reason_text(reasons),
            data=_stop_data(reasons),
        )
    else:
        document_transition(document=document, to_status=DocumentStatus.ACCEPTED, actor=actor)
    _enqueue_next(document, reasons)
    return reasons


def _stop_reason_text(reasons: list[StopReason]) -> str:
    return " ".join(reason.message for reason in reasons)


def _stop_data(reasons: list[StopReason]) -> dict:
    return {"reasons": [reason.as_dict() for reason in reasons]}


def _version_record(
    *,
    document: Document,
    actor: Actor,
    source: DocumentFile,
    source_format: str,
    report: dict,
    reasons: list[StopReason],
    corrections: dict | None = None,
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        version=document.version,
        at=timezone.now(),
        actor_label=actor.label,
        source_format=source_format,
        source=source,
        validation=report,
        outcome=Outcome.STOPPED if reasons else Outcome.ACCEPTED,
        stop_reasons=[reason.as_dict() for reason in reasons],
        corrections=corrections or {},
    )
    rows_insert([version], returning=True)
    return version


def _enqueue_next(
    document: Document, reasons: list[StopReason], run: IngestRun | None = None
) -> None:
    """The job that follows: routing for an accepted document, the e-mails for a stopped one.
    Both go out from the worker once this transaction commits (an outbox). In a commit group
    (`ingest_in_groups`) the routing job is left to the group, which enqueues its documents'
    jobs together before it commits."""
    from folio.ingestion.tasks import notify_stopped

    if reasons:
        notify_stopped.enqueue(str(document.code), document.version)
    elif run is not None and run.routes_pending is not None:
        run.routes_pending.append(str(document.code))
    else:
        routes_enqueue([str(document.code)])


def routes_enqueue(document_codes: list[str]) -> None:
    """Enqueue `route_document` for each document, as `route_document.enqueue(code)` one by
    one would (the same job rows, and `task_enqueued` sent for each), but in one INSERT when
    the task backend is the database's (django-tasks-db)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import normalize_json, task_enqueued
    from django_tasks_db.models import DBTaskResult, get_date_max

    from folio.delivery.tasks import route_document

    if not document_codes:
        return
    backend = route_document.get_backend()
    if backend.__class__ is not DatabaseBackend:
        for code in document_codes:
            route_document.enqueue(code)
        return
    backend.validate_task(route_document)
    rows = [
        DBTaskResult(
            id=backend._get_id(),
            args_kwargs=normalize_json({"args": (code,), "kwargs": {}}),
            priority=route_document.priority,
            task_path=route_document.module_path,
            queue_name=route_document.queue_name,
            # What django-tasks-db's pre_save handler sets (rows_insert sends no signals).
            run_after=route_document.run_after or get_date_max(),
            backend_name=backend.alias,
        )
        for code in document_codes
    ]
    rows_insert(rows)
    for row in rows:
        task_enqueued.send(type(backend), task_result=row.task_result)


def _store(
    *,
    organization: Organization,
    parsed: ParsedDocument,
    actor: Actor,
    filename: str,
    run: IngestRun,
    data: DocumentInput,
) -> IngestOutcome:
    """Store a parsed document that passed validation: the buyer matched, the stop filters
    run, and the document written already ACCEPTED or STOPPED with its lines, files, events
    (received, validated, accepted or stopped), version and next job, in few statements.

    Must run in its own atomic block. A number the sender has used already is not looked up
    first (that query cost more than the rest of the lookups together): the document's unique
    constraint refuses the insert before any file is written, the block rolls back (with a
    customer made for an unknown buyer), and the caller answers 409 (`_after_race`)."""
    invoice = parsed.invoice
    customer = _customer_for_buyer(organization=organization, invoice=invoice, actor=actor, run=run)
    reasons = filters_evaluate(
        run.rules_for(organization, customer), FilterContext(invoice=invoice, customer=customer)
    )
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in data.number)[:80] or "document"
    files = [
        FileInput(
            kind=FileKind.SOURCE_XML,
            filename=f"{stem}.xml",
            content=parsed.xml,
            content_type="application/xml",
        )
    ]
    if parsed.json_body is not None:
        files.append(
            FileInput(
                kind=FileKind.SOURCE_JSON,
                filename=f"{stem}.json",
                content=parsed.json_body,
                content_type="application/json",
            )
        )
    report = parsed.report.as_dict() if parsed.report else {}
    validated = EventInput(
        kind=EventKind.VALIDATED,
        message=_("Conforms to EN 16931 and Peppol BIS Billing 3.0 (%(engine)s engine).")
        % {"engine": report.get("engine", "")},
        data={
            "engine": report.get("engine", ""),
            "warnings": len(parsed.warnings),
            "source_format": parsed.source_format,
            "filename": filename[:200],
        },
    )
    document, stored_files = document_receive(
        actor=actor,
        organization=organization,
        customer=customer,
        data=data,
        files=files,
        events=[validated],
        status=DocumentStatus.STOPPED if reasons else DocumentStatus.ACCEPTED,
        reason=_stop_reason_text(reasons) if reasons else "",
        status_data=_stop_data(reasons) if reasons else None,
    )
    _version_record(
        document=document,
        actor=actor,
        source=stored_files[0],
        source_format=parsed.source_format,
        report=report,
        reasons=reasons,
    )
    _enqueue_next(document, reasons, run)
    return IngestOutcome(
        status=201, body=_created_body(document, parsed.warnings), document=document
    )


def _duplicate(existing: Document) -> IngestOutcome:
    error = ConflictError(
        "duplicate_number",
        _("%(document)s already exists (issued %(date)s).")
        % {"document": existing, "date": existing.issue_date.isoformat()},
        extra={"existing_id": str(existing.code), "existing_number": existing.number},
    )
    return IngestOutcome(status=409, body=error.as_dict(), document=existing)


@dataclass
class PreparedDocument:
    """A document parsed, validated and read, ready to store (`document_prepare`)."""

    parsed: ParsedDocument
    data: DocumentInput
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + len(self.parsed.xml)


def document_ingest(
    *,
    organization: Organization,
    body: bytes,
    actor: Actor,
    content_type: str = "",
    filename: str = "",
    idempotency_key: str = "",
    engine: str = "",
    run: IngestRun | None = None,
) -> IngestOutcome:
    """Take one document in (UBL or Folio JSON) for the sender `organization`.

    Answers 201 (stored, ACCEPTED or STOPPED), 409 (the number exists: `existing_id`) or 422
    (refused: `errors` in the validate --json shape). With an `idempotency_key`, the same key
    and body give the first answer again, also for concurrent requests; another body is 422.
    A `run` carries what the documents of one batch share (see IngestRun).
    """
    run = run or IngestRun(engine=engine)
    prepared = document_prepare(
        organization=organization,
        body=body,
        actor=actor,
        content_type=content_type,
        filename=filename,
        engine=engine,
        run=run,
    )
    if isinstance(prepared, IngestOutcome):
        return prepared
    return document_store(
        organization=organization,
        prepared=prepared,
        actor=actor,
        filename=filename,
        idempotency_key=idempotency_key,
        run=run,
    )


def document_prepare(
    *,
    organization: Organization,
    body: bytes,
    actor: Actor,
    content_type: str = "",
    filename: str = "",
    engine: str = "",
    run: IngestRun,
) -> PreparedDocument | IngestOutcome:
    """The first half of `document_ingest`: parse, validate and check the seller. A refused
    document is answered (422, with its audit row) here; nothing else is written."""
    require_permission(actor, "send", organization)
    try:
        parsed = parse_and_validate(
            body, content_type=content_type, validator=run.validator(engine)
        )
        if not seller_matches(organization, parsed.invoice.seller):
            raise IngestRejected(
                "seller_mismatch",
                _(
                    "The seller (BG-4) is not %(sender)s: its organization number, VAT id and "
                    "Peppol id do not match the sender's."
                )
                % {"sender": organization.name},
            )
        data = document_input(parsed.invoice)
    except IngestRejected as error:
        return rejection_record(
            actor=actor, organization=organization, error=error, body=body, filename=filename
        )
    return PreparedDocument(parsed=parsed, data=data, body=body)


def document_store(
    *,
    organization: Organization,
    prepared: PreparedDocument,
    actor: Actor,
    filename: str = "",
    idempotency_key: str = "",
    run: IngestRun,
) -> IngestOutcome:
    """The second half of `document_ingest`: match the buyer, apply the stop rules and store
    (201), or answer 409 for a number that is taken."""
    parsed, data = prepared.parsed, prepared.data
    if idempotency_key:
        return _ingest_once(
            organization=organization,
            parsed=parsed,
            actor=actor,
            filename=filename,
            key=idempotency_key,
            body_sha256=_sha256(prepared.body),
            run=run,
            data=data,
        )
    try:
        with transaction.atomic():
            return _store(
                organization=organization,
                parsed=parsed,
                actor=actor,
                filename=filename,
                run=run,
                data=data,
            )
    except IntegrityError:
        duplicate = _after_race(organization, parsed.invoice)
        if duplicate is None:
            raise
        return duplicate


def _after_race(organization: Organization, invoice: Invoice) -> IngestOutcome | None:
    """The insert hit the unique number: the 409 naming the document that holds it (stored
    before, earlier in the same batch, or by a concurrent request); None for another error."""
    existing = Document.objects.filter(
        organization=organization,
        type=document_type_of(invoice),
        number=(invoice.number or "").strip(),
    ).first()
    return _duplicate(existing) if existing is not None else None


def _replay(submission: Submission, body_sha256: str) -> IngestOutcome:
    if submission.body_sha256 != body_sha256:
        error = IngestRejected(
            "idempotency_key_reused",
            _("This Idempotency-Key was used with another body."),
        )
        return IngestOutcome(status=422, body=error.as_dict())
    return IngestOutcome(
        status=submission.response_status,
        body=submission.response_body,
        document=submission.document,
        extra={"replayed": True},
    )


def _ingest_once(
    *,
    organization: Organization,
    parsed: ParsedDocument,
    actor: Actor,
    filename: str,
    key: str,
    body_sha256: str,
    run: IngestRun,
    data: DocumentInput,
) -> IngestOutcome:
    """The Submission row is inserted first in the storing transaction, so its unique index
    makes concurrent requests with the same key wait for the first and then replay it."""
    key = key[:200]
    deadline = time.monotonic() + IDEMPOTENCY_WAIT_SECONDS
    while True:
        existing = Submission.objects.filter(organization=organization, idempotency_key=key).first()
        if existing is not None and existing.response_status:
            return _replay(existing, body_sha256)
        if existing is not None:
            # Still being worked on (a database that shows uncommitted rows): wait for it.
            if time.monotonic() > deadline:
                raise ConflictError(
                    "idempotency_key_busy",
                    _("A request with this Idempotency-Key is still being processed."),
                )
            time.sleep(0.05)
            continue
        pending = len(run.routes_pending) if run.routes_pending is not None else 0
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    organization=organization, idempotency_key=key, body_sha256=body_sha256
                )
                outcome = _store(
                    organization=organization,
                    parsed=parsed,
                    actor=actor,
                    filename=filename,
                    run=run,
                    data=data,
                )
                # A duplicate number raises IntegrityError (below) and rolls the Submission
                # back with it: only a stored document binds the key; a 409 is recomputed.
                submission.response_status = outcome.status
                submission.response_body = outcome.body
                submission.document = outcome.document
                submission.save(update_fields=["response_status", "response_body", "document"])
                return outcome
        except IntegrityError:
            if run.routes_pending is not None:
                del run.routes_pending[pending:]  # the rolled-back document is not routed
            if Submission.objects.filter(organization=organization, idempotency_key=key).exists():
                continue
            duplicate = _after_race(organization, parsed.invoice)
            if duplicate is not None:
                return duplicate
            if time.monotonic() > deadline:
                raise


# --- resend ---------------------------------------------------------------------------------


def _latest_source(document: Document) -> DocumentFile:
    source = document.files.filter(kind=FileKind.SOURCE_XML).order_by("-version", "-id").first()
    if source is None:
        raise ConflictError("no_source", _("This document has no UBL source to correct."))
    return source


@transaction.atomic
def document_resend(*, document: Document, corrections: dict[str, str], actor: Actor):
    """Correct named business terms of a STOPPED document and run it through validation and
    the stop filters again, as a new version; the earlier versions stay in the history."""
    require_permission(actor, "edit_documents", document.organization)
    # Lock only the document's row (PostgreSQL refuses FOR UPDATE across the nullable customer
    # join); its organization and customer are read after.
    locked = Document.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if locked.status != DocumentStatus.STOPPED:
        raise ConflictError(
            "not_stopped",
            _("Only a stopped document can be corrected and resent; this one is %(status)s.")
            % {"status": locked.get_status_display()},
        )
    source = _latest_source(locked)
    with source.file.open("rb") as handle:
        original = handle.read()
    try:
        tree = parse_xml(original)
        corrected = ubl_apply_corrections(tree, corrections) if corrections else original
        parsed = parse_and_validate(corrected, content_type="application/xml")
    except CorrectionError as exc:
        raise IngestRejected(
            exc.code,
            _("%(term)s cannot be corrected here; resend the whole document.") % {"term": exc.term},
        ) from exc
    except XmlRejected as exc:
        raise IngestRejected(exc.code, exc.message) from exc
    data = document_input(parsed.invoice)
    document_transition(
        document=locked,
        to_status=DocumentStatus.RECEIVED,
        actor=actor,
        reason=_("Corrected and resent: %(terms)s")
        % {"terms": ", ".join(sorted(corrections)) or "-"},
        data={"corrections": corrections, "version": locked.version + 1},
    )
    locked.version += 1
    locked.payment_reference = data.payment_reference
    locked.buyer_reference = data.buyer_reference
    locked.order_reference = data.order_reference
    locked.save(
        update_fields=[
            "version",
            "payment_reference",
            "buyer_reference",
            "order_reference",
            "updated_at",
        ]
    )
    new_source = document_file_attach(
        document=locked,
        kind=FileKind.SOURCE_XML,
        filename=source.filename,
        content=parsed.xml,
        content_type="application/xml",
        actor=actor,
    )
    report = parsed.report.as_dict() if parsed.report else {}
    event_record(
        document=locked,
        kind=EventKind.VALIDATED,
        actor=actor,
        message=_("Version %(version)s conforms (%(engine)s engine).")
        % {"version": locked.version, "engine": report.get("engine", "")},
        data={"engine": report.get("engine", ""), "warnings": len(parsed.warnings)},
    )
    _settle(
        document=locked,
        invoice=parsed.invoice,
        actor=actor,
        source=new_source,
        source_format="ubl",
        report=report,
        corrections=corrections,
    )
    return locked, parsed.warnings


def document_resend_outcome(
    *, document: Document, corrections: dict[str, str], actor: Actor
) -> IngestOutcome:
    """`document_resend` as an answer: 201-style body, or 422 with an audit row."""
    try:
        resent, warnings = document_resend(document=document, corrections=corrections, actor=actor)
    except IngestRejected as error:
        audit_record(
            actor=actor,
            action="document.resend_rejected",
            organization=document.organization,
            obj=document,
            detail={"code": error.code, "terms": sorted(corrections)},
        )
        return IngestOutcome(status=422, body=error.as_dict())
    body = _created_body(resent, warnings)
    body["version"] = resent.version
    return IngestOutcome(status=200, body=body, document=resent)


# --- stop rules -----------------------------------------------------------------------------


RULE_FIELDS = (
    "term",
    "pattern",
    "kid_algorithm",
    "kid_length",
    "min_amount",
    "max_amount",
    "currencies",
    "channel",
    "reason",
    "notify_customer",
)


def stop_rule_build(
    *, organization: Organization, kind: str, customer: Customer | None = None, **fields
) -> StopRule:
    """An unsaved, checked rule (the dry run evaluates one without storing it)."""
    if customer is not None and customer.sender_id != organization.id:
        raise NotFoundError("customer_not_found", _("No such customer."))
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise IngestRejected(
            "unknown_fields", _("Unknown rule fields: %s") % ", ".join(sorted(unknown))
        )
    try:
        StopRuleKind(kind)
    except ValueError as exc:
        raise IngestRejected(
            "unknown_kind",
            _("Choose one of these kinds: %(kinds)s") % {"kinds": ", ".join(StopRuleKind.values)},
        ) from exc
    rule = StopRule(
        organization=organization,
        customer=customer,
        kind=kind,
        **{name: value for name, value in fields.items() if value is not None},
    )
    if rule.kind == StopRuleKind.VALID_KID and not rule.term:
        rule.term = "payment_id"
    rule_check(rule)
    return rule


@transaction.atomic
def stop_rule_create(
    *,
    actor: Actor,
    organization: Organization,
    kind: str,
    customer: Customer | None = None,
    **fields,
) -> StopRule:
    require_permission(actor, "edit_documents", organization)
    rule = stop_rule_build(organization=organization, kind=kind, customer=customer, **fields)
    rule.save()
    audit_record(
        actor=actor,
        action="stop_rule.created",
        organization=organization,
        obj=rule,
        detail={"kind": rule.kind, "customer": str(customer.code) if customer else ""},
    )
    return rule


@transaction.atomic
def stop_rule_delete(*, actor: Actor, rule: StopRule) -> None:
    require_permission(actor, "edit_documents", rule.organization)
    audit_record(
        actor=actor,
        action="stop_rule.deleted",
        organization=rule.organization,
        obj=rule,
        detail={"kind": rule.kind},
    )
    rule.delete()


@dataclass(frozen=True)
class DryRunHit:
    document: Document
    reason: StopReason


def stop_rule_dry_run(
    *, actor: Actor, rule: StopRule, last: int = 100
) -> tuple[list[DryRunHit], int]:
    """Which of the sender's last `last` documents this rule would have stopped. Writes nothing.

    Documents are judged by their newest UBL source, so what they looked like when they came in.
    """
    from folio.ingestion.en16931 import from_ubl

    require_permission(actor, "view", rule.organization)
    documents = Document.objects.filter(organization=rule.organization).select_related(
        "customer", "organization"
    )
    if rule.customer_id:
        documents = documents.filter(customer_id=rule.customer_id)
    hits = []
    judged = 0
    for document in documents.order_by("-created_at", "-id")[: max(1, min(last, 1000))]:
        source = document.files.filter(kind=FileKind.SOURCE_XML).order_by("-version").first()
        if source is None:
            continue
        with source.file.open("rb") as handle:
            try:
                invoice = from_ubl(parse_xml(handle.read()))
            except (XmlRejected, ValueError):
                continue
        judged += 1
        reason = rule_evaluate(rule, FilterContext(invoice=invoice, customer=document.customer))
        if reason is not None:
            hits.append(DryRunHit(document=document, reason=reason))
    return hits, judged
