"""Who is in Peppol, and for which documents: an SMP lookup client behind an interface, cached.

`HttpSmpClient` reads the SMP's REST interface (GET /iso6523-actorid-upis::<id> answers a
ServiceGroup listing the participant's document types). Answers are cached in PeppolLookup
for FOLIO_PEPPOL_LOOKUP_MAX_AGE seconds, so routing a batch does not hit the network per
document.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, unquote

import httpx
from django.conf import settings
from django.utils import timezone

from folio.channels.base import TransportError
from folio.channels.peppol.identifiers import ParticipantId
from folio.delivery.models import PeppolLookup
from folio.ingestion.xml_safety import XmlRejected, parse_xml

SMP_NS = "http://busdox.org/serviceMetadata/publishing/1.0/"
DOCUMENT_SCHEME_PREFIX = "busdox-docid-qns::"


@dataclass(frozen=True)
class LookupResult:
    registered: bool
    document_types: list[str]


class DirectoryClient(Protocol):
    def lookup(self, participant: ParticipantId) -> LookupResult: ...


class HttpSmpClient:
    def __init__(self, base_url: str | None = None, *, timeout: float = 10.0):
        self.base_url = (base_url or settings.FOLIO_PEPPOL_SMP_URL).rstrip("/")
        self.timeout = timeout

    def lookup(self, participant: ParticipantId) -> LookupResult:
        url = f"{self.base_url}/{quote(f'iso6523-actorid-upis::{participant}', safe='')}"
        try:
            response = httpx.get(url, timeout=self.timeout, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise TransportError(f"SMP lookup failed: {exc}") from exc
        if response.status_code == 404:
            return LookupResult(registered=False, document_types=[])
        if response.status_code != 200:
            raise TransportError(f"SMP lookup answered {response.status_code}")
        try:
            root = parse_xml(response.content, max_bytes=2 * 1024 * 1024).getroot()
        except XmlRejected as exc:
            raise TransportError(f"SMP answer is not acceptable XML: {exc.message}") from exc
        document_types = []
        for reference in root.iter(f"{{{SMP_NS}}}ServiceMetadataReference"):
            href = unquote(reference.get("href", ""))
            _before, _sep, service = href.partition("/services/")
            if service:
                document_types.append(service.removeprefix(DOCUMENT_SCHEME_PREFIX))
        return LookupResult(registered=True, document_types=document_types)


def directory_client() -> DirectoryClient:
    return HttpSmpClient()


def participant_lookup(
    participant: ParticipantId, *, client: DirectoryClient | None = None
) -> LookupResult:
    """The cached answer when fresh enough, else ask the directory and remember."""
    key = str(participant)
    max_age = datetime.timedelta(seconds=settings.FOLIO_PEPPOL_LOOKUP_MAX_AGE)
    cached = PeppolLookup.objects.filter(participant_id=key).first()
    if cached is not None and timezone.now() - cached.checked_at < max_age:
        return LookupResult(cached.registered, list(cached.document_types))
    result = (client or directory_client()).lookup(participant)
    PeppolLookup.objects.update_or_create(
        participant_id=key,
        defaults={
            "registered": result.registered,
            "document_types": result.document_types,
            "checked_at": timezone.now(),
        },
    )
    return result
