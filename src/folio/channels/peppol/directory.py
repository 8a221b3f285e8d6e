"""Who is in Peppol, and for which documents: an SMP lookup client behind an interface, cached.

Two ways to find the participant's SMP (FOLIO_PEPPOL_DISCOVERY):
- `smp`: one fixed SMP (FOLIO_PEPPOL_SMP_URL), e.g. the access point provider's own;
- `sml`: the Peppol network's discovery, as the Policy for use of Identifiers (4.4) and the SML
  specification describe it: a DNS U-NAPTR record with service `Meta:SMP` at
  `<base32(sha256(lowercase(id)))>.<scheme>.<SML zone>` gives the SMP's URL; when there is none,
  the legacy `B-<md5 hex(lowercase(id))>.<scheme>.<SML zone>` name (a CNAME to the SMP's host)
  gives `http://<that name>`. Neither name existing means "not registered".

`HttpSmpClient` then reads the SMP's REST interface (GET /iso6523-actorid-upis::<id> answers a
ServiceGroup listing the participant's document types). Answers are cached in PeppolLookup
for FOLIO_PEPPOL_LOOKUP_MAX_AGE seconds, so routing a batch does not hit the network per
document. A DNS server or SMP that does not answer is a transient TransportError (not cached).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, unquote

import dns.exception
import dns.resolver
import httpx
from django.conf import settings
from django.utils import timezone

from folio.channels.base import TransportError
from folio.channels.peppol.identifiers import ParticipantId
from folio.core import http
from folio.delivery.models import PeppolLookup
from folio.ingestion.xml_safety import XmlRejected, parse_xml

SMP_NS = "http://busdox.org/serviceMetadata/publishing/1.0/"
DOCUMENT_SCHEME_PREFIX = "busdox-docid-qns::"
PARTICIPANT_SCHEME = "iso6523-actorid-upis"
NAPTR_SERVICE = "Meta:SMP"
# An SMP answer is small; a larger one is refused before parsing.
SMP_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class LookupResult:
    registered: bool
    document_types: list[str]
    # The SMP that answered (when discovered through the SML).
    smp_url: str = ""


class DirectoryClient(Protocol):
    def lookup(self, participant: ParticipantId) -> LookupResult: ...


class HttpSmpClient:
    """Asks one SMP for a participant's ServiceGroup.

    `learned`: the SMP's address came from DNS (the SML), not from the operator's settings, so
    the request goes through Folio's outbound client (`core/http.py`): a DNS record pointing at
    an internal address is refused, and the answer is read no further than the size limit.
    """

    def __init__(
        self, base_url: str | None = None, *, timeout: float = 10.0, learned: bool = False
    ):
        self.base_url = (base_url or settings.FOLIO_PEPPOL_SMP_URL).rstrip("/")
        self.timeout = timeout
        self.learned = learned

    def _get(self, url: str) -> tuple[int, bytes]:
        if self.learned:
            try:
                answer = http.get(url, timeout=self.timeout, body_limit=SMP_MAX_BYTES + 1)
            except http.OutboundError as exc:
                raise TransportError(f"SMP lookup failed: {exc.message}") from exc
            return answer.status_code, answer.body
        try:
            response = httpx.get(url, timeout=self.timeout, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise TransportError(f"SMP lookup failed: {exc}") from exc
        return response.status_code, response.content

    def lookup(self, participant: ParticipantId) -> LookupResult:
        url = f"{self.base_url}/{quote(f'iso6523-actorid-upis::{participant}', safe='')}"
        status_code, content = self._get(url)
        if status_code == 404:
            return LookupResult(registered=False, document_types=[])
        if status_code != 200:
            raise TransportError(f"SMP lookup answered {status_code}")
        try:
            root = parse_xml(content, max_bytes=SMP_MAX_BYTES).getroot()
        except XmlRejected as exc:
            raise TransportError(f"SMP answer is not acceptable XML: {exc.message}") from exc
        document_types = []
        for reference in root.iter(f"{{{SMP_NS}}}ServiceMetadataReference"):
            href = unquote(reference.get("href", ""))
            _before, _sep, service = href.partition("/services/")
            if service:
                document_types.append(service.removeprefix(DOCUMENT_SCHEME_PREFIX))
        return LookupResult(registered=True, document_types=document_types, smp_url=self.base_url)


def sml_naptr_name(participant: str, zone: str, scheme: str = PARTICIPANT_SCHEME) -> str:
    """The BDXL name of a participant id (`0192:974760673`): base32 of SHA-256, no padding."""
    digest = hashlib.sha256(participant.lower().encode()).digest()
    label = base64.b32encode(digest).decode().rstrip("=")
    return f"{label}.{scheme}.{zone.strip('.')}"


def sml_cname_name(participant: str, zone: str, scheme: str = PARTICIPANT_SCHEME) -> str:
    """The legacy (pre-BDXL) name: `B-` and the MD5 hex of the lower-cased id."""
    digest = hashlib.md5(participant.lower().encode(), usedforsecurity=False).hexdigest()
    return f"B-{digest}.{scheme}.{zone.strip('.')}"


def _naptr_target(record, name: str) -> str:
    """The URL a U-NAPTR record's regexp (`!^.*$!https://smp.example!`) makes of the name."""
    regexp = record.regexp.decode()
    if len(regexp) < 3:
        return ""
    delimiter = regexp[0]
    parts = regexp[1:].split(delimiter)
    if len(parts) < 2:
        return ""
    pattern, replacement = parts[0], parts[1]
    replacement = re.sub(r"\\(\d)", r"\\g<\1>", replacement)
    try:
        return re.sub(pattern, replacement, name, count=1)
    except re.error:
        return ""


class SmlSmpClient:
    """Finds the participant's SMP through the SML's DNS, then asks that SMP."""

    def __init__(
        self,
        *,
        zone: str | None = None,
        servers: list[str] | None = None,
        timeout: float | None = None,
    ):
        self.zone = (zone or settings.FOLIO_PEPPOL_SML_ZONE).strip(".")
        self.timeout = float(timeout or settings.FOLIO_PEPPOL_DNS_TIMEOUT)
        servers = servers if servers is not None else settings.FOLIO_PEPPOL_DNS_SERVERS
        self.resolver = dns.resolver.Resolver(configure=not servers)
        if servers:
            self.resolver.nameservers = []
            for server in servers:
                host, _sep, port = server.rpartition(":") if ":" in server else (server, "", "")
                self.resolver.nameservers.append(host)
                self.resolver.nameserver_ports[host] = int(port or 53)
        self.resolver.timeout = self.timeout
        self.resolver.lifetime = self.timeout

    def _query(self, name: str, rdtype: str):
        """The answer's records; [] when the name or the record type does not exist."""
        try:
            return list(self.resolver.resolve(name, rdtype, search=False))
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except dns.exception.Timeout as exc:
            raise TransportError(f"SML lookup of {name} timed out: {exc}") from exc
        except dns.exception.DNSException as exc:
            raise TransportError(f"SML lookup of {name} failed: {exc}") from exc

    def smp_url(self, participant: ParticipantId) -> str:
        """The SMP's base URL for the participant, or "" when the SML does not know it."""
        name = sml_naptr_name(str(participant), self.zone)
        records = sorted(
            (
                record
                for record in self._query(name, "NAPTR")
                if record.flags.decode().upper() == "U" and record.service.decode() == NAPTR_SERVICE
            ),
            key=lambda record: (record.order, record.preference),
        )
        for record in records:
            url = _naptr_target(record, name)
            if url.startswith(("https://", "http://")):
                return url.rstrip("/")
        legacy = sml_cname_name(str(participant), self.zone)
        if self._query(legacy, "CNAME") or self._query(legacy, "A"):
            # The legacy scheme: the SMP answers on plain HTTP at the participant's own name.
            return f"http://{legacy}"
        return ""

    def lookup(self, participant: ParticipantId) -> LookupResult:
        url = self.smp_url(participant)
        if not url:
            return LookupResult(registered=False, document_types=[])
        return HttpSmpClient(url, timeout=self.timeout, learned=True).lookup(participant)


def directory_client() -> DirectoryClient:
    if settings.FOLIO_PEPPOL_DISCOVERY == "sml":
        return SmlSmpClient()
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
