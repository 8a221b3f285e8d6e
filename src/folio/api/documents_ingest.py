"""Ingestion operations: send a document or a ZIP batch, resend a corrected one, fetch its
source XML or PDF, and manage the stop filters (data requirements).

`POST /documents` and the per-document operations join the documents router (one URL per path);
batches and filters are `ingest_router`, mounted at the API root.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from folio.api.auth import request_actor
from folio.api.documents import router as documents_router
from folio.api.schemas import ErrorOut
from folio.customers.selectors import customer_get_for_actor
from folio.documents.models import FileKind
from folio.documents.selectors import document_get_for_actor
from folio.ingestion.batches import MAX_BATCH_BYTES, batch_ingest, batch_summary
from folio.ingestion.filters import TERMS
from folio.ingestion.json_format import FolioDocumentIn
from folio.ingestion.models import StopRule
from folio.ingestion.pipeline import MAX_DOCUMENT_BYTES, IngestRejected
from folio.ingestion.selectors import (
    document_latest_file,
    document_versions,
    stop_rule_get_for_actor,
    stop_rules_visible_to,
)
from folio.ingestion.services import (
    document_ingest,
    document_resend_outcome,
    rejection_record,
    stop_rule_build,
    stop_rule_create,
    stop_rule_delete,
    stop_rule_dry_run,
)

ingest_router = Router(tags=["ingestion"])


class FindingOut(Schema):
    rule: str
    severity: str
    message: str
    location: str


class IngestedOut(Schema):
    id: UUID
    number: str
    type: str
    status: str
    customer: UUID | None
    warnings: list[FindingOut]


class ResentOut(IngestedOut):
    version: int


class RejectedOut(Schema):
    code: str
    message: str
    errors: list[FindingOut]
    warnings: list[FindingOut] = []


class DuplicateOut(Schema):
    code: str
    message: str
    existing_id: UUID
    existing_number: str


class TooLargeOut(Schema):
    code: str
    message: str


def _read_body(request: HttpRequest, limit: int) -> bytes:
    """The raw body with a cap; read from the stream, so Django's small form limit does not
    apply and nothing beyond the cap is read."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > limit:
        raise IngestRejected(
            "document_too_large", _("The body is larger than %(mb)s MB.") % {"mb": limit // 2**20}
        )
    data = request.read(limit + 1)
    if len(data) > limit:
        raise IngestRejected(
            "document_too_large", _("The body is larger than %(mb)s MB.") % {"mb": limit // 2**20}
        )
    return data


def _payload(request: HttpRequest, schema: type[Schema]):
    """The JSON body as `schema`, read after the object in the URL was found, so that a foreign
    or unknown object answers 404 whatever the body. An empty form counts as `{}`."""
    content_type = (request.content_type or "").lower()
    if content_type.endswith("json"):
        raw = _read_body(request, 1024 * 1024)
        try:
            data = json.loads(raw or b"{}")
        except ValueError as exc:
            raise IngestRejected(
                "json_malformed", _("The body is not valid JSON: %s") % exc
            ) from exc
    elif not request.POST:
        data = {}
    else:
        raise IngestRejected("json_expected", _("Send the body as application/json."))
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise IngestRejected(
            "invalid_request",
            _("The request body is not valid."),
            errors=[
                {
                    "rule": "JSON",
                    "severity": "fatal",
                    "message": error["msg"],
                    "location": "/" + "/".join(str(part) for part in error["loc"]),
                }
                for error in exc.errors()[:50]
            ],
        ) from exc


def _body_doc(schema: type[Schema]) -> dict:
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": _inline_schema(schema)}},
        }
    }


def _inline_schema(model) -> dict:
    """A pydantic model's JSON schema with its `$defs` written in place (no cycles in ours), so
    that it stands alone inside an OpenAPI request body."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            reference = node.get("$ref", "")
            if reference.startswith("#/$defs/"):
                return resolve(definitions[reference.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "A UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 / EHF 3), or a Folio JSON "
            "document (fields named by EN 16931 business terms; see "
            "folio.ingestion.json_format). At most 20 MB and 10,000 lines."
        ),
        "content": {
            "application/xml": {"schema": {"type": "string"}},
            "application/json": {"schema": _inline_schema(FolioDocumentIn)},
        },
    },
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "schema": {"type": "string", "maxLength": 200},
            "description": "The same key and body answer the first response again.",
        }
    ],
}


@documents_router.post(
    "",
    response={201: IngestedOut, 409: DuplicateOut, 422: RejectedOut},
    summary="Send a document (UBL or Folio JSON)",
    openapi_extra=DOCUMENT_BODY,
)
def send_document(request: HttpRequest):
    actor = request_actor(request)
    try:
        body = _read_body(request, MAX_DOCUMENT_BYTES)
    except IngestRejected as error:
        outcome = rejection_record(
            actor=actor, organization=request.auth.organization, error=error, body=b"", filename=""
        )
        return Status(outcome.status, outcome.body)
    outcome = document_ingest(
        organization=request.auth.organization,
        body=body,
        actor=actor,
        content_type=request.content_type or "",
        idempotency_key=(request.headers.get("Idempotency-Key") or "").strip(),
    )
    return Status(outcome.status, outcome.body)


class ResendIn(Schema):
    corrections: dict[str, str] = Field(
        default_factory=dict,
        description=f"Business terms to set, by key: {', '.join(TERMS)}",
        max_length=20,
    )


@documents_router.post(
    "/{uuid:id}/resend",
    response={200: ResentOut, 404: ErrorOut, 409: ErrorOut, 422: RejectedOut},
    summary="Correct named fields of a stopped document and resend it as a new version",
    openapi_extra=_body_doc(ResendIn),
)
def resend_document(request: HttpRequest, id: UUID):
    actor = request_actor(request)
    document = document_get_for_actor(actor, code=id)
    payload = _payload(request, ResendIn)
    corrections = {key: value.strip()[:200] for key, value in payload.corrections.items()}
    outcome = document_resend_outcome(document=document, corrections=corrections, actor=actor)
    return Status(outcome.status, outcome.body)


class VersionOut(Schema):
    version: int
    at: datetime.datetime
    actor: str = Field(validation_alias="actor_label")
    source_format: str
    outcome: str
    stop_reasons: list[dict]
    corrections: dict
    validation: dict


@documents_router.get(
    "/{uuid:id}/versions",
    response={200: list[VersionOut], 404: ErrorOut},
    summary="A document's versions: validation report, stop reasons and corrections",
)
def list_document_versions(request: HttpRequest, id: UUID):
    document = document_get_for_actor(request_actor(request), code=id)
    return list(document_versions(document))


def _file_response(document_file, content_type: str) -> HttpResponse:
    with document_file.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{document_file.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@documents_router.get(
    "/{uuid:id}/xml",
    response={200: None, 404: ErrorOut},
    summary="The document's current UBL source",
    openapi_extra={"responses": {200: {"content": {"application/xml": {}}}}},
)
def get_document_xml(request: HttpRequest, id: UUID):
    document = document_get_for_actor(request_actor(request), code=id)
    source = document_latest_file(document, FileKind.SOURCE_XML)
    if source is None:
        return Status(
            404,
            {"code": "xml_not_available", "message": str(_("This document has no XML source."))},
        )
    return _file_response(source, "application/xml")


@documents_router.get(
    "/{uuid:id}/pdf",
    response={200: None, 404: ErrorOut},
    summary="The document's PDF, once one has been rendered",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def get_document_pdf(request: HttpRequest, id: UUID):
    document = document_get_for_actor(request_actor(request), code=id)
    pdf = document_latest_file(document, FileKind.PDF)
    if pdf is None:
        return Status(
            404,
            {"code": "pdf_not_available", "message": str(_("No PDF exists for this document."))},
        )
    return _file_response(pdf, "application/pdf")


# --- batches ----------------------------------------------------------------------------------


class BatchResultOut(Schema):
    file: str
    status: int
    document_status: str | None = None
    id: UUID | None = None
    number: str | None = None
    type: str | None = None
    customer: UUID | None = None
    code: str | None = None
    message: str | None = None
    existing_id: UUID | None = None
    errors: list[FindingOut] = []
    warnings: list[FindingOut] = []


class BatchOut(Schema):
    count: int
    stored: int
    duplicates: int
    rejected: int
    results: list[BatchResultOut]


@ingest_router.post(
    "/batches",
    response={200: BatchOut, 422: RejectedOut},
    summary="Send a ZIP of documents; each file gets its own result",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def send_batch(request: HttpRequest):
    data = _read_body(request, MAX_BATCH_BYTES)
    results = batch_ingest(
        organization=request.auth.organization, data=data, actor=request_actor(request)
    )
    return Status(200, batch_summary(results))


# --- stop filters -----------------------------------------------------------------------------


class StopRuleIn(Schema):
    kind: str = Field(
        description="required_term, term_pattern, valid_kid, amount_limit, "
        "allowed_currencies, pdf_attachment or channel_reachable"
    )
    customer: UUID | None = Field(None, description="Only this customer's documents")
    term: str | None = Field(None, max_length=40, description=f"One of: {', '.join(TERMS)}")
    pattern: str | None = Field(None, max_length=1000)
    kid_algorithm: str | None = Field(None, max_length=10, description="mod10 or mod11")
    kid_length: int | None = Field(None, ge=2, le=25)
    min_amount: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    max_amount: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    currencies: list[str] | None = Field(None, max_length=50)
    channel: str | None = Field(None, max_length=20)
    reason: str | None = Field(None, max_length=300)
    notify_customer: bool = False


class StopRuleOut(Schema):
    id: UUID = Field(validation_alias="code")
    organization: str = Field(validation_alias="organization.slug")
    customer: UUID | None = Field(None, validation_alias="customer.code")
    kind: str
    term: str
    pattern: str
    kid_algorithm: str
    kid_length: int | None
    min_amount: Decimal | None
    max_amount: Decimal | None
    currencies: list[str]
    channel: str
    reason: str
    notify_customer: bool
    is_active: bool
    created_at: datetime.datetime


class DryRunIn(Schema):
    last: int = Field(100, ge=1, le=1000, description="How many recent documents to judge")


class DryRunHitOut(Schema):
    id: UUID
    number: str
    status: str
    code: str
    message: str


class DryRunOut(Schema):
    judged: int
    would_stop: list[DryRunHitOut]


class NewRuleDryRunIn(StopRuleIn):
    last: int = Field(100, ge=1, le=1000)


def _rule_fields(payload: StopRuleIn) -> dict:
    return payload.model_dump(exclude={"kind", "customer", "last"}, exclude_none=True)


@ingest_router.get(
    "/filters", response={200: list[StopRuleOut]}, summary="The stop filters you may see"
)
def list_stop_rules(request: HttpRequest):
    return list(stop_rules_visible_to(request_actor(request)).order_by("created_at", "id"))


@ingest_router.post(
    "/filters",
    response={201: StopRuleOut, 404: ErrorOut, 422: RejectedOut},
    summary="Add a stop filter for your documents, or for one customer's",
    openapi_extra=_body_doc(StopRuleIn),
)
def create_stop_rule(request: HttpRequest):
    actor = request_actor(request)
    payload = _payload(request, StopRuleIn)
    customer = customer_get_for_actor(actor, code=payload.customer) if payload.customer else None
    organization = customer.sender if customer is not None else request.auth.organization
    rule = stop_rule_create(
        actor=actor,
        organization=organization,
        kind=payload.kind,
        customer=customer,
        **_rule_fields(payload),
    )
    return Status(201, rule)


@ingest_router.delete(
    "/filters/{uuid:id}",
    response={204: None, 404: ErrorOut},
    summary="Remove a stop filter",
)
def delete_stop_rule(request: HttpRequest, id: UUID):
    actor = request_actor(request)
    stop_rule_delete(actor=actor, rule=stop_rule_get_for_actor(actor, code=id))
    return Status(204, None)


def _dry_run_answer(hits, judged: int) -> dict:
    return {
        "judged": judged,
        "would_stop": [
            {
                "id": hit.document.code,
                "number": hit.document.number,
                "status": hit.document.status,
                "code": hit.reason.code,
                "message": hit.reason.message,
            }
            for hit in hits
        ],
    }


@ingest_router.post(
    "/filters/{uuid:id}/dry-run",
    response={200: DryRunOut, 404: ErrorOut, 422: RejectedOut},
    summary="Which of the last N documents this filter would have stopped (changes nothing)",
    openapi_extra=_body_doc(DryRunIn),
)
def dry_run_stop_rule(request: HttpRequest, id: UUID):
    actor = request_actor(request)
    rule = stop_rule_get_for_actor(actor, code=id)
    payload = _payload(request, DryRunIn)
    hits, judged = stop_rule_dry_run(actor=actor, rule=rule, last=payload.last)
    return Status(200, _dry_run_answer(hits, judged))


@ingest_router.post(
    "/filters/dry-run",
    response={200: DryRunOut, 404: ErrorOut, 422: RejectedOut},
    summary="Try a filter before adding it: which of the last N documents it would stop",
    openapi_extra=_body_doc(NewRuleDryRunIn),
)
def dry_run_new_stop_rule(request: HttpRequest):
    actor = request_actor(request)
    payload = _payload(request, NewRuleDryRunIn)
    customer = customer_get_for_actor(actor, code=payload.customer) if payload.customer else None
    organization = customer.sender if customer is not None else request.auth.organization
    rule: StopRule = stop_rule_build(
        organization=organization, kind=payload.kind, customer=customer, **_rule_fields(payload)
    )
    hits, judged = stop_rule_dry_run(actor=actor, rule=rule, last=payload.last)
    return Status(200, _dry_run_answer(hits, judged))
