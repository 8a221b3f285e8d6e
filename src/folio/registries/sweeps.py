"""Periodic work of the Nordic channels (run by `folio scheduler`, each on one scheduler)."""

import logging
from datetime import timedelta

from folio.channels.avtalegiro_no.claims import avtalegiro_claims_submit, nets_incoming_process
from folio.channels.base import TransportError
from folio.channels.efaktura_no.services import efaktura_registrations_poll, efaktura_status_poll
from folio.channels.efaktura_se.services import (
    efaktura_se_registrations_poll,
    efaktura_se_status_poll,
)
from folio.channels.kivra_se.services import kivra_matches_refresh
from folio.core.scheduling import register_sweep
from folio.tenancy.actors import Actor

logger = logging.getLogger(__name__)


@register_sweep("nordic.avtalegiro_claims", every=timedelta(minutes=15))
def submit_avtalegiro_claims() -> None:
    avtalegiro_claims_submit(actor=Actor.for_system("nets"))


@register_sweep("nordic.nets_incoming", every=timedelta(minutes=5))
def read_nets_files() -> None:
    nets_incoming_process()


@register_sweep("nordic.efaktura", every=timedelta(minutes=5))
def poll_efaktura() -> None:
    try:
        efaktura_status_poll()
        efaktura_registrations_poll()
    except TransportError as exc:
        # The service being away is routine; the next run asks again.
        logger.warning("eFaktura not reachable: %s", exc.message)


@register_sweep("nordic.efaktura_se", every=timedelta(minutes=5))
def poll_efaktura_se() -> None:
    try:
        efaktura_se_status_poll()
        efaktura_se_registrations_poll()
    except TransportError as exc:
        logger.warning("e-faktura intermediary not reachable: %s", exc.message)


@register_sweep("nordic.kivra_matches", every=timedelta(hours=6))
def refresh_kivra_matches() -> None:
    try:
        kivra_matches_refresh()
    except TransportError as exc:
        logger.warning("Kivra not reachable: %s", exc.message)
