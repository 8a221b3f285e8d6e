"""Reads of documents, always scoped to what the acting user or key may see."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
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


# --- free-text search ---------------------------------------------------------------------------

# The text a document is found by. On PostgreSQL these make one `simple` (no stemming: numbers,
# names and references are not words of a language) tsvector, indexed by the expression GIN index
# `doc_search` on Document; the query below must build the very same expression to use it.
SEARCH_FIELDS = (
    "number",
    "counterparty_name",
    "payment_reference",
    "buyer_reference",
    "order_reference",
    "note",
)
SEARCH_CONFIG = "simple"
# At most this many words of a search are used (each one narrows the result).
SEARCH_TERMS = 8


def document_search_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def search_terms(text: str) -> list[str]:
    """The words of a search: letters and digits only, so nothing in them is tsquery syntax."""
    return re.findall(r"\w+", text)[:SEARCH_TERMS]


def _tsquery_term(term: str, *, prefix: bool) -> str:
    """A word, whole or as a prefix. PostgreSQL's parser reads the digits after a hyphen as a
    negative number ("PO-4711" is 'po' and '-4711'), so digits also match with the minus."""
    suffix = ":*" if prefix else ""
    if term.isdigit():
        return f"({term}{suffix} | -{term}{suffix})"
    return f"{term}{suffix}"


def document_text_condition(text: str) -> Q:
    """Documents whose number, counterparty name, references, KID or note contain every word of
    `text` (on PostgreSQL through the GIN index: the words whole, the last one as a prefix; on
    SQLite, which has no such index and serves small installations, as substrings)."""
    terms = search_terms(text)
    if not terms:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorExact

        # Whole words, and the last one as a prefix (it may still be being typed): a prefix of
        # a frequent word ("inv:*") makes the index collect every entry it matches.
        query = SearchQuery(
            " & ".join(
                _tsquery_term(term, prefix=index == len(terms) - 1)
                for index, term in enumerate(terms)
            ),
            config=SEARCH_CONFIG,
            search_type="raw",
        )
        return Q(SearchVectorExact(document_search_vector(), query))
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in SEARCH_FIELDS:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    return condition
