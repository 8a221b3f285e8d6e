"""Who a document is from and for: the seller against the sender, the buyer against customers."""

from __future__ import annotations

import re

from django.db.models import Case, Q, Value, When

from folio.customers.models import Customer
from folio.ingestion.en16931 import Identifier, Party
from folio.tenancy.models import Organization

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def _plain(value: str | None) -> str:
    """Identifiers compare without spaces, dots or dashes, case-insensitively."""
    return _NOT_ALNUM.sub("", value or "").upper()


def _participant(identifier: Identifier | None) -> str:
    if identifier is None or not identifier.value:
        return ""
    if identifier.scheme:
        return f"{identifier.scheme.strip()}:{identifier.value.strip()}".lower()
    return identifier.value.strip().lower()


def _participant_matches(stored: str, identifier: Identifier | None) -> bool:
    """A stored Peppol id ("0192:123456785", optionally "iso6523-actorid-upis::...") against
    an EndpointID; a stored id without a scheme compares by value alone."""
    if not stored or identifier is None:
        return False
    stored = stored.strip().lower().removeprefix("iso6523-actorid-upis::")
    if ":" in stored:
        return stored == _participant(identifier)
    return stored == identifier.value.strip().lower()


def _org_number_candidates(party: Party) -> set[str]:
    values = {_plain(i.value) for i in party.identifiers}
    if party.legal_registration_id:
        values.add(_plain(party.legal_registration_id.value))
    values.discard("")
    return values


def seller_matches(organization: Organization, seller: Party) -> bool:
    """The seller is the sender when its organization number, VAT id or Peppol id matches."""
    org_number = _plain(organization.org_number)
    if org_number and org_number in _org_number_candidates(seller):
        return True
    vat_id = _plain(organization.vat_id)
    if vat_id and vat_id == _plain(seller.vat_id):
        return True
    return _participant_matches(organization.peppol_id, seller.electronic_address)


def _emails(buyer: Party) -> list[str]:
    emails = []
    if buyer.contact and buyer.contact.email:
        emails.append(buyer.contact.email.strip())
    endpoint = buyer.electronic_address
    if endpoint is not None and (endpoint.scheme or "").upper() == "EM":
        emails.append(endpoint.value.strip())
    return emails


def buyer_match_key(buyer: Party) -> tuple:
    """Everything `buyer_customer` looks at, so that two buyers with the same key match the
    same customer (an ingestion run remembers matches by this key)."""
    endpoint = buyer.electronic_address
    return (
        (endpoint.scheme or "", endpoint.value or "") if endpoint is not None else None,
        tuple(sorted(_org_number_candidates(buyer))),
        (buyer.vat_id or "").strip().lower(),
        tuple(i.value.strip() for i in buyer.identifiers if i.value),
        tuple(email.lower() for email in _emails(buyer)),
    )


def buyer_customer(organization: Organization, buyer: Party) -> Customer | None:
    """The sender's customer this buyer is, trying the strongest identifier first: Peppol id,
    organization number (or VAT id), the buyer identifier as customer number, then e-mail."""
    customers = Customer.objects.filter(sender=organization)
    endpoint = buyer.electronic_address
    peppol_ids: list[str] = []
    if endpoint is not None and endpoint.value:
        candidates = {endpoint.value.strip(), _participant(endpoint)}
        if endpoint.scheme:
            candidates.add(f"iso6523-actorid-upis::{_participant(endpoint)}")
        peppol_ids = [c for c in candidates if c]
    numbers = _org_number_candidates(buyer)
    if peppol_ids and numbers:
        # Both strongest identifiers (both indexed) in one query instead of one each: a Peppol
        # id match ranks first, and within a rank the customers' own order decides, as the
        # first of each of the two queries would.
        by_peppol = Q(peppol_id__in=peppol_ids)
        match = (
            customers.filter(by_peppol | Q(org_number__in=numbers))
            .order_by(
                Case(When(by_peppol, then=Value(0)), default=Value(1)),
                *(Customer._meta.ordering or ["pk"]),
            )
            .first()
        )
        if match is not None:
            return match
    elif peppol_ids:
        match = customers.filter(peppol_id__in=peppol_ids).first()
        if match is not None:
            return match
    elif numbers:
        match = customers.filter(org_number__in=numbers).first()
        if match is not None:
            return match
    if buyer.vat_id:
        match = customers.filter(vat_id__iexact=buyer.vat_id.strip()).first()
        if match is not None:
            return match
    identifiers = [i.value.strip() for i in buyer.identifiers if i.value]
    if identifiers:
        match = customers.filter(customer_number__in=identifiers).first()
        if match is not None:
            return match
    emails = _emails(buyer)
    if emails:
        query = Q()
        for email in emails:
            query |= Q(email__iexact=email)
        return customers.filter(query).order_by("id").first()
    return None
