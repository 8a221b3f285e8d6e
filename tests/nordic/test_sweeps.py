"""The scheduler runs the Nordic sweeps; a network that is away is logged, not an error."""

import logging

import pytest

from folio.core.scheduling import sweeps_discover
from folio.registries.models import NordicAccount
from tests.nordic.conftest import consumer, norwegian_sender, swedish_sender

NORDIC_SWEEPS = {
    "nordic.avtalegiro_claims",
    "nordic.nets_incoming",
    "nordic.efaktura",
    "nordic.efaktura_se",
    "nordic.kivra_matches",
}


@pytest.mark.django_db
def test_nordic_sweeps_run_even_when_the_networks_are_away(settings, caplog):
    # Nothing listens on these ports: every network is unreachable.
    settings.FOLIO_EFAKTURA_URL = "http://127.0.0.1:9"
    settings.FOLIO_EFAKTURA_SE_URL = "http://127.0.0.1:9"
    settings.FOLIO_KIVRA_URL = "http://127.0.0.1:9"
    norwegian_sender()
    # A Swedish consumer makes the Kivra sweep ask Kivra's user match.
    consumer(swedish_sender(), national_id="197701032380")
    assert NordicAccount.objects.count() == 2
    sweeps = sweeps_discover().sweeps
    assert sweeps.keys() >= NORDIC_SWEEPS
    with caplog.at_level(logging.WARNING):
        for name in sorted(NORDIC_SWEEPS):
            sweeps[name].function()
    away = {record.getMessage().split(":")[0] for record in caplog.records}
    assert {
        "Kivra not reachable",
        "eFaktura registrations not reachable",
        "e-faktura registrations not reachable",
    } <= away
