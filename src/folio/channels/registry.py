"""The string-keyed list of channels Folio can send over (healthchecks' TRANSPORTS pattern).

A channel is listed here once its transport exists; routing only considers listed channels.
"""

from __future__ import annotations

from functools import cache

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from folio.channels.base import Transport
from folio.core.errors import ApplicationError

TRANSPORTS: dict[str, str] = {
    "email": "folio.channels.email.transport.EmailTransport",
    "smartmail": "folio.channels.smartmail.transport.SmartmailTransport",
    "print": "folio.channels.print.transport.PrintTransport",
    "portal": "folio.channels.portal.transport.PortalTransport",
    "peppol": "folio.channels.peppol.transport.PeppolTransport",
    "efaktura_no": "folio.channels.efaktura_no.transport.EfakturaTransport",
    "avtalegiro_no": "folio.channels.avtalegiro_no.transport.AvtaleGiroTransport",
    "kivra_se": "folio.channels.kivra_se.transport.KivraTransport",
    "efaktura_se": "folio.channels.efaktura_se.transport.BankEfakturaTransport",
}


class UnknownChannelError(ApplicationError):
    pass


def channel_codes() -> list[str]:
    return list(TRANSPORTS)


@cache
def transport_for(code: str) -> Transport:
    try:
        path = TRANSPORTS[code]
    except KeyError as exc:
        raise UnknownChannelError(
            "unknown_channel",
            _("Folio cannot send over the channel %(code)s yet.") % {"code": code},
        ) from exc
    return import_string(path)()
