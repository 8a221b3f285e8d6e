"""AvtaleGiro over SFTP: Folio's Nets file transport against a real SFTP server on loopback
(asyncssh), host key checked; the whole claim/settlement loop goes through it."""

from __future__ import annotations

import asyncio
import threading

import asyncssh
import pytest

from folio.channels.avtalegiro_no.claims import avtalegiro_claims_submit, nets_incoming_process
from folio.channels.avtalegiro_no.kid import kid_build
from folio.channels.base import TransportError
from folio.delivery.tasks import route_document
from folio.documents.models import PaymentStatus
from folio.registries.models import AvtaleGiroClaim, ClaimStatus
from folio.sandbox.nets import MandateLine, nets_agreements_write, nets_exchange_run_once
from folio.sandbox.smtp import free_port
from folio.tenancy.actors import Actor
from tests.nordic.conftest import (
    NETS_ACCOUNT,
    NETS_SENDER,
    consumer,
    nordic_document,
    norwegian_sender,
    run_jobs,
)


@pytest.fixture
def sftp_server(tmp_path, settings):
    root = tmp_path / "nets-sftp"
    (root / "inbound").mkdir(parents=True)
    (root / "outbound").mkdir()
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.generate_private_key("ssh-ed25519")
    key_file = tmp_path / "folio_nets_key"
    client_key.write_private_key(str(key_file))
    port = free_port()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def listen():
        return await asyncssh.listen(
            "127.0.0.1",
            port,
            server_host_keys=[host_key],
            authorized_client_keys=asyncssh.import_authorized_keys(
                client_key.export_public_key().decode()
            ),
            sftp_factory=lambda channel: asyncssh.SFTPServer(channel, chroot=str(root)),
            allow_scp=False,
        )

    server = asyncio.run_coroutine_threadsafe(listen(), loop).result(timeout=10)
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {host_key.export_public_key().decode()}")
    settings.FOLIO_NETS_TRANSPORT = "sftp"
    settings.FOLIO_NETS_SFTP_HOST = "127.0.0.1"
    settings.FOLIO_NETS_SFTP_PORT = port
    settings.FOLIO_NETS_SFTP_USER = "folio"
    settings.FOLIO_NETS_SFTP_KEY_FILE = str(key_file)
    settings.FOLIO_NETS_SFTP_KNOWN_HOSTS = str(known_hosts)
    settings.FOLIO_NETS_SFTP_OUTBOX = "/inbound"
    settings.FOLIO_NETS_SFTP_INBOX = "/outbound"
    yield root
    server.close()
    asyncio.run_coroutine_threadsafe(server.wait_closed(), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


@pytest.mark.django_db(transaction=True)
def test_claims_and_settlements_go_through_sftp(sftp_server):
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = kid_build(customer.customer_number, algorithm="mod10", length=7)
    # Nets puts an agreement file on its server; Folio fetches it over SFTP.
    nets_agreements_write(
        sftp_server / "outbound",
        data_recipient=NETS_SENDER,
        account=NETS_ACCOUNT,
        mandates=[MandateLine(kid=kid, notify=False)],
    )
    [summary] = nets_incoming_process()
    assert summary["mandates"] == 1
    assert [p.name for p in (sftp_server / "outbound" / "processed").iterdir()]

    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()
    [name] = avtalegiro_claims_submit(actor=Actor.for_system("tests"))
    assert (sftp_server / "inbound" / name).is_file()
    assert not list((sftp_server / "inbound").glob(".*.part"))

    nets_exchange_run_once(outbox=sftp_server / "inbound", inbox=sftp_server / "outbound")
    nets_incoming_process()
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID


@pytest.mark.django_db(transaction=True)
def test_an_unknown_host_key_is_refused_and_the_claims_wait(sftp_server, settings, tmp_path):
    other = asyncssh.generate_private_key("ssh-ed25519")
    known_hosts = tmp_path / "other_known_hosts"
    known_hosts.write_text(
        f"[127.0.0.1]:{settings.FOLIO_NETS_SFTP_PORT} {other.export_public_key().decode()}"
    )
    settings.FOLIO_NETS_SFTP_KNOWN_HOSTS = str(known_hosts)
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    from folio.registries.models import AvtaleGiroMandate

    kid = kid_build(customer.customer_number, algorithm="mod10", length=7)
    from django.utils import timezone

    AvtaleGiroMandate.objects.create(
        organization=sender, customer=customer, kid=kid, notify=False, reported_at=timezone.now()
    )
    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()
    with pytest.raises(TransportError):
        avtalegiro_claims_submit(actor=Actor.for_system("tests"))
    assert AvtaleGiroClaim.objects.get(document=document).status == ClaimStatus.QUEUED
    assert list((sftp_server / "inbound").iterdir()) == []
