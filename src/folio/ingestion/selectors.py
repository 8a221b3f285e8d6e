"""Reads of ingestion records, scoped by the acting user or API key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from folio.core.errors import NotFoundError
from folio.documents.models import Document, DocumentFile, FileKind
from folio.ingestion.models import DocumentVersion, StopRule
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to


def stop_rules_visible_to(actor: Actor) -> QuerySet[StopRule]:
    return StopRule.objects.filter(
        organization_id__in=organization_ids_visible_to(actor)
    ).select_related("organization", "customer")


def stop_rule_get_for_actor(actor: Actor, *, code) -> StopRule:
    try:
        return stop_rules_visible_to(actor).get(code=code)
    except (StopRule.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise NotFoundError("stop_rule_not_found", _("No such stop rule.")) from exc


def document_versions(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.order_by("version")


def document_latest_file(document: Document, kind: str) -> DocumentFile | None:
    return document.files.filter(kind=FileKind(kind)).order_by("-version", "-id").first()
