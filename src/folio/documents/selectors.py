"""Reads of documents, always scoped to what the acting user or key may see."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from folio.core.errors import NotFoundError
from folio.documents.models import Document, DocumentEvent
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to


def documents_visible_to(actor: Actor) -> QuerySet[Document]:
    return Document.objects.filter(organization_id__in=organization_ids_visible_to(actor))


def document_get_for_actor(actor: Actor, *, code) -> Document:
    """The document with this public code if the actor may see it; else NotFoundError."""
    try:
        return documents_visible_to(actor).select_related("organization", "customer").get(code=code)
    except (Document.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        # ValueError/TypeError: a malformed code is just as unknown as a foreign one.
        raise NotFoundError("document_not_found", _("No such document.")) from exc


def document_timeline(document: Document) -> QuerySet[DocumentEvent]:
    return document.events.select_related("delivery").order_by("at", "id")
