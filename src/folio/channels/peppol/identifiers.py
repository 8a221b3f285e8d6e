"""Peppol participant identifiers (`scheme:value`, ISO 6523 ICD schemes) with check digits.

Each scheme Folio derives or accepts is checked with python-stdnum where a check exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum import ean
from stdnum.be import vat as be_vat
from stdnum.de import vat as de_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.fr import siret as fr_siret
from stdnum.it import iva as it_iva
from stdnum.nl import btw as nl_btw
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from folio.core.errors import ApplicationError


def _digits(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: bool(compiled.fullmatch(value))


def _vat_with_prefix(prefix: str, module) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        upper = value.upper()
        return upper.startswith(prefix) and module.is_valid(upper[len(prefix) :])

    return check


# ICD -> (what it is, check). Values as Peppol expects them (no spaces).
SCHEMES: dict[str, tuple[str, Callable[[str], bool]]] = {
    "0192": ("Norwegian organization number", no_orgnr.is_valid),
    "0007": ("Swedish organization number", se_orgnr.is_valid),
    "0184": ("Danish CVR number", dk_cvr.is_valid),
    "0216": ("Finnish OVT code", lambda v: v.startswith("0037") and fi_ytunnus.is_valid(v[4:12])),
    "0088": ("GS1 Global Location Number", lambda v: len(v) == 13 and ean.is_valid(v)),
    "0009": ("French SIRET", fr_siret.is_valid),
    "0208": ("Belgian enterprise number", be_vat.is_valid),
    "9930": ("German VAT number", _vat_with_prefix("DE", de_vat)),
    "9944": ("Dutch VAT number", _vat_with_prefix("NL", nl_btw)),
    "0211": ("Italian VAT number", _vat_with_prefix("IT", it_iva)),
    "0060": ("DUNS number", _digits(r"\d{9}")),
    "0204": ("German Leitweg-ID", _digits(r"[0-9A-Z]{2,12}(-[0-9A-Z]{0,30})?-[0-9]{2}")),
}

# Which scheme an organization number of a country is in.
ORG_NUMBER_SCHEMES = {"NO": "0192", "SE": "0007", "DK": "0184", "FR": "0009", "BE": "0208"}
VAT_SCHEMES = {"DE": "9930", "NL": "9944", "IT": "0211"}


class InvalidParticipantError(ApplicationError):
    status = 422


@dataclass(frozen=True)
class ParticipantId:
    scheme: str
    value: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


def participant_parse(raw: str) -> ParticipantId:
    """`0192:974760673` (optionally with the iso6523-actorid-upis:: prefix), checked."""
    text = raw.strip()
    text = text.removeprefix("iso6523-actorid-upis::")
    scheme, colon, value = text.partition(":")
    value = re.sub(r"[\s.-]", "", value) if scheme not in ("0204",) else value.strip()
    if not colon or not value:
        raise InvalidParticipantError(
            "invalid_participant", _("A Peppol id looks like 0192:123456789.")
        )
    if scheme not in SCHEMES:
        raise InvalidParticipantError(
            "unknown_scheme",
            _("Folio does not know the Peppol scheme %(scheme)s.") % {"scheme": scheme},
        )
    name, check = SCHEMES[scheme]
    if not check(value):
        raise InvalidParticipantError(
            "invalid_check_digits",
            _("%(value)s is not a valid %(name)s.") % {"value": value, "name": name},
        )
    return ParticipantId(scheme, value)


def participant_for(
    *, peppol_id: str, country: str, org_number: str, vat_id: str
) -> ParticipantId | None:
    """The participant id of a party: stated, else derived from its organization or VAT number.

    A stated id that fails its check raises; a derived one that fails gives None.
    """
    if peppol_id:
        return participant_parse(peppol_id)
    country = country.upper()
    candidates = []
    if org_number and country in ORG_NUMBER_SCHEMES:
        candidates.append(f"{ORG_NUMBER_SCHEMES[country]}:{org_number}")
    if vat_id and country in VAT_SCHEMES:
        candidates.append(f"{VAT_SCHEMES[country]}:{vat_id}")
    for candidate in candidates:
        try:
            return participant_parse(candidate)
        except InvalidParticipantError:
            continue
    return None
