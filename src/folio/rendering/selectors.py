"""Reads of brandings and stored artefacts, scoped by the acting user where they are private."""

from __future__ import annotations

import functools
import hashlib

from django.db.models import QuerySet

from folio.core.errors import ApplicationError, NotFoundError
from folio.documents.models import Document
from folio.documents.selectors import documents_visible_to
from folio.rendering.branding import DEFAULT_BRANDING, BrandingSpec, Logo, logo_check
from folio.rendering.models import Branding, RenderedArtefact
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization


def branding_row_for(organization: Organization) -> Branding | None:
    """The organization's own branding, else the nearest ancestor's (a group's look)."""
    ancestor_paths = [
        organization.path[: index + 1]
        for index, char in enumerate(organization.path)
        if char == "/" and index > 0
    ]
    rows = Branding.objects.filter(organization__path__in=[*ancestor_paths, organization.path])
    return max(
        rows.select_related("organization"),
        key=lambda row: len(row.organization.path),
        default=None,
    )


@functools.lru_cache(maxsize=64)
def _checked_logo(sha256: str, content: bytes) -> Logo:
    return logo_check(content)


def logo_of(branding: Branding) -> Logo | None:
    if not branding.logo:
        return None
    with branding.logo.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != branding.logo_sha256:
        raise ApplicationError("logo_changed", "The stored logo does not match its checksum.")
    return _checked_logo(branding.logo_sha256, content)


def branding_spec_for(organization: Organization | None) -> BrandingSpec:
    """What an organization's documents look like (defaults when nothing is set)."""
    if organization is None:
        return DEFAULT_BRANDING
    row = branding_row_for(organization)
    if row is None:
        return DEFAULT_BRANDING
    return BrandingSpec(
        primary_color=row.primary_color,
        accent_color=row.accent_color,
        footer_text=row.footer_text,
        window_position=row.window_position,
        logo=logo_of(row),
    )


def artefacts_visible_to(actor: Actor) -> QuerySet[RenderedArtefact]:
    return RenderedArtefact.objects.filter(document__in=documents_visible_to(actor))


def artefacts_of_document(actor: Actor, document: Document) -> QuerySet[RenderedArtefact]:
    return artefacts_visible_to(actor).filter(document=document).select_related("delivery")


def artefact_get_for_actor(actor: Actor, *, code) -> RenderedArtefact:
    try:
        return artefacts_visible_to(actor).select_related("document").get(code=code)
    except (RenderedArtefact.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("artefact_not_found", "No such artefact.") from exc


def artefact_content(artefact: RenderedArtefact) -> bytes:
    """The stored bytes, checked against the checksum taken when they were sent."""
    with artefact.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != artefact.sha256:
        raise ApplicationError(
            "artefact_corrupt", "The stored artefact does not match its checksum."
        )
    return content
