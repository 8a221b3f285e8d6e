"""Peppol discovery through the SML: DNS (U-NAPTR `Meta:SMP`, legacy CNAME) to the SMP, against
the sandbox SML's DNS server and the sandbox SMP over real loopback sockets."""

from __future__ import annotations

import datetime
import socket

import pytest
import time_machine
from django.utils import timezone

from folio.channels.base import TransportError
from folio.channels.peppol.directory import (
    SmlSmpClient,
    participant_lookup,
    sml_cname_name,
    sml_naptr_name,
)
from folio.channels.peppol.identifiers import participant_parse
from folio.channels.peppol.transport import BILLING_CREDIT_NOTE, BILLING_INVOICE
from folio.delivery.models import Delivery, DeliveryStatus, PeppolLookup
from folio.delivery.tasks import route_document
from folio.sandbox.peppol import SandboxAccessPoint
from folio.sandbox.sml import SandboxSml
from tests.channels.test_peppol import peppol_document
from tests.delivery.conftest import run_jobs

ZONE = "sml.sandbox.test"
REGISTERED = "0192:974760673"
LEGACY = "0007:5560360793"


@pytest.fixture
def network(tmp_path, settings):
    access_point = SandboxAccessPoint(
        tmp_path / "ap",
        participants={REGISTERED: {"response": "AP", "country": "NO"}, LEGACY: {}},
    ).start()
    sml = SandboxSml(
        zone=ZONE,
        smp_url=f"{access_point.url}/smp",
        participants=lambda: access_point.participants,
        legacy=[LEGACY],
    ).start()
    settings.FOLIO_PEPPOL_AP_URL = access_point.url
    settings.FOLIO_PEPPOL_TRANSPORT = "http"
    settings.FOLIO_PEPPOL_DISCOVERY = "sml"
    settings.FOLIO_PEPPOL_SML_ZONE = ZONE
    settings.FOLIO_PEPPOL_DNS_SERVERS = [sml.server]
    settings.FOLIO_PEPPOL_DNS_TIMEOUT = 2
    # Nothing listens here: every answer must come through the SML.
    settings.FOLIO_PEPPOL_SMP_URL = "http://127.0.0.1:9/smp"
    # The sandbox SMP is on loopback, which an SMP learned from DNS may not be in production.
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = True
    yield access_point, sml
    sml.stop()
    access_point.stop()


@pytest.mark.parametrize(
    ("participant", "naptr", "cname"),
    [
        # The values phax/peppol-commons and other SML clients test with.
        (
            "0088:123abc",
            "Y7DZFXAF3D4CJZ4KCGRXTEC6TWVCGA4KY7ZWA5BOIF6MSWD4TDRQ",
            "B-f5e78500450d37de5aabe6648ac3bb70",
        ),
        ("0088:123ABC", "Y7DZFXAF3D4CJZ4KCGRXTEC6TWVCGA4KY7ZWA5BOIF6MSWD4TDRQ", None),
        ("9925:0367302178", "ZR2ZGDOAGAVSHSQ2MRHXEZV2H6ATTQBF4JJ4J7VJNPYMRDZ3UG4Q", None),
    ],
)
def test_sml_names_follow_the_policy_for_use_of_identifiers(participant, naptr, cname):
    zone = "edelivery.tech.ec.europa.eu"
    assert sml_naptr_name(participant, zone) == f"{naptr}.iso6523-actorid-upis.{zone}"
    if cname:
        assert sml_cname_name(participant, zone) == f"{cname}.iso6523-actorid-upis.{zone}"


@pytest.mark.django_db(transaction=True)
def test_a_registered_participant_is_found_through_dns_and_its_smp(network):
    access_point, sml = network
    document = peppol_document(org_number="974760673")
    route_document.enqueue(str(document.code))
    run_jobs()

    delivery = Delivery.objects.get(document=document)
    assert (delivery.channel, delivery.address) == ("peppol", REGISTERED)
    assert delivery.status == DeliveryStatus.SENT
    assert len(access_point.received()) == 1
    naptr = sml_naptr_name(REGISTERED, ZONE)
    assert f"{naptr}. NAPTR" in sml.queries
    cached = PeppolLookup.objects.get(participant_id=REGISTERED)
    assert cached.registered
    assert set(cached.document_types) == {BILLING_INVOICE, BILLING_CREDIT_NOTE}


@pytest.mark.django_db(transaction=True)
def test_the_smp_answer_is_cached_for_its_max_age(network, settings):
    _access_point, sml = network
    participant = participant_parse(REGISTERED)
    first = participant_lookup(participant)
    assert first.registered and first.smp_url.endswith("/smp")
    asked = len(sml.queries)
    # Within the max age the cache answers, even with the DNS server gone.
    sml.stop()
    assert participant_lookup(participant).document_types == first.document_types
    assert len(sml.queries) == asked
    later = timezone.now() + datetime.timedelta(seconds=settings.FOLIO_PEPPOL_LOOKUP_MAX_AGE + 1)
    with time_machine.travel(later), pytest.raises(TransportError):
        participant_lookup(participant)


@pytest.mark.django_db(transaction=True)
def test_an_unknown_participant_is_not_registered_and_falls_back(network, smtp_server):
    _access_point, sml = network
    document = peppol_document(org_number="923609016", email="fallback@example.test")
    route_document.enqueue(str(document.code), channel="peppol")
    run_jobs()

    delivery = Delivery.objects.get(document=document)
    assert delivery.channel == "email"
    assert "not registered in Peppol" in delivery.routing_reason
    # Both the BDXL and the legacy name were asked, and both do not exist.
    assert f"{sml_naptr_name('0192:923609016', ZONE)}. NAPTR" in sml.queries
    assert f"{sml_cname_name('0192:923609016', ZONE)}. CNAME" in sml.queries
    assert PeppolLookup.objects.get(participant_id="0192:923609016").registered is False


@pytest.mark.django_db(transaction=True)
def test_a_legacy_registration_points_at_the_participants_own_smp_name(network):
    client = SmlSmpClient()
    assert client.smp_url(participant_parse(LEGACY)) == f"http://{sml_cname_name(LEGACY, ZONE)}"
    assert client.smp_url(participant_parse(REGISTERED)) == f"{network[0].url}/smp"


@pytest.mark.django_db(transaction=True)
def test_a_dns_server_that_does_not_answer_is_a_transient_error(settings):
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        server = f"127.0.0.1:{silent.getsockname()[1]}"
        client = SmlSmpClient(zone=ZONE, servers=[server], timeout=1)
        with pytest.raises(TransportError) as error:
            participant_lookup(participant_parse(REGISTERED), client=client)
    finally:
        silent.close()
    assert not error.value.permanent
    assert "timed out" in error.value.message
    # Nothing is cached from a lookup that got no answer.
    assert not PeppolLookup.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_smp_that_dns_puts_on_an_internal_address_is_not_asked(network, settings):
    """The SMP's address comes from DNS, which whoever registers a participant controls: Folio
    does not let it point a request at its own network (unless the operator allows that)."""
    access_point, sml = network
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(TransportError) as error:
        participant_lookup(participant_parse(REGISTERED), client=SmlSmpClient())
    assert "internal address" in error.value.message
    assert f"{sml_naptr_name(REGISTERED, ZONE)}. NAPTR" in sml.queries
    assert access_point.smp_requests == 0
    assert not PeppolLookup.objects.exists()
