"""Read operations on documents."""

import datetime
from uuid import UUID

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from folio.api.auth import request_actor
from folio.api.pagination import PageParams, paginate
from folio.api.schemas import DocumentDetailOut, DocumentEventOut, DocumentPageOut, ErrorOut
from folio.customers.models import ChannelCode
from folio.customers.selectors import customer_get_for_actor
from folio.documents.models import DocumentStatus, DocumentType
from folio.documents.selectors import (
    document_get_for_actor,
    document_timeline,
    documents_visible_to,
)

# PostgreSQL cannot store or compare a NUL character: refuse it as invalid input, not a 500.
NO_NUL = r"^[^\x00]*$"

router = Router(tags=["documents"])


class DocumentFilters(Schema):
    status: DocumentStatus | None = None
    type: DocumentType | None = None
    channel: ChannelCode | None = None
    customer: UUID | None = Field(None, description="A customer's id")
    q: str | None = Field(
        None,
        max_length=200,
        pattern=NO_NUL,
        description="Number, customer name or payment reference (KID)",
    )
    since: datetime.date | None = Field(None, description="Issued on or after")
    until: datetime.date | None = Field(None, description="Issued on or before")


@router.get("", response={200: DocumentPageOut, 404: ErrorOut}, summary="List documents")
def list_documents(request: HttpRequest, filters: Query[DocumentFilters], page: Query[PageParams]):
    actor = request_actor(request)
    documents = documents_visible_to(actor).select_related("organization", "customer")
    if filters.status:
        documents = documents.filter(status=filters.status)
    if filters.type:
        documents = documents.filter(type=filters.type)
    if filters.channel:
        documents = documents.filter(channel=filters.channel)
    if filters.customer:
        documents = documents.filter(customer=customer_get_for_actor(actor, code=filters.customer))
    if filters.q and filters.q.strip():
        term = filters.q.strip()
        documents = documents.filter(
            Q(number__icontains=term)
            | Q(counterparty_name__icontains=term)
            | Q(customer__name__icontains=term)
            | Q(payment_reference=term)
        )
    if filters.since:
        documents = documents.filter(issue_date__gte=filters.since)
    if filters.until:
        documents = documents.filter(issue_date__lte=filters.until)
    return paginate(request, documents.order_by("-issue_date", "-id"), page)


@router.get(
    "/{uuid:id}", response={200: DocumentDetailOut, 404: ErrorOut}, summary="Get one document"
)
def get_document(request: HttpRequest, id: UUID):
    # Deliveries belong to the document, so seeing the document means seeing them.
    return document_get_for_actor(request_actor(request), code=id)


@router.get(
    "/{uuid:id}/events",
    response={200: list[DocumentEventOut], 404: ErrorOut},
    summary="A document's event timeline",
)
def list_document_events(request: HttpRequest, id: UUID):
    document = document_get_for_actor(request_actor(request), code=id)
    return list(document_timeline(document))
