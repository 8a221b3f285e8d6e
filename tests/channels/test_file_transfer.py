"""Print batches and Nets files over SFTP: Folio's shared file transfer against the sandbox SFTP
server on a real loopback socket (password and key logins, host key checked)."""

from __future__ import annotations

import csv
import io
import json

import asyncssh
import pytest
from django.utils import timezone

from folio.channels.avtalegiro_no.claims import avtalegiro_claims_submit, nets_incoming_process
from folio.channels.avtalegiro_no.kid import kid_build
from folio.channels.base import TransportError
from folio.channels.file_transfer import FolderFileTransfer, file_transfer_for
from folio.channels.print.batches import print_batch_create, print_status_files_read
from folio.delivery.models import (
    Delivery,
    DeliveryStatus,
    PrintBatch,
    PrintItem,
    PrintItemStatus,
)
from folio.delivery.tasks import route_document
from folio.documents.models import DocumentStatus, EventKind, PaymentStatus
from folio.registries.models import AvtaleGiroClaim, AvtaleGiroMandate, ClaimStatus
from folio.sandbox.nets import MandateLine, nets_agreements_write, nets_exchange_run_once
from folio.sandbox.print_partner import print_partner_run_once
from folio.sandbox.sftp import SandboxSftpServer, SftpLogin
from folio.sandbox.smtp import free_port
from folio.tenancy.actors import Actor
from tests.delivery.conftest import accepted_document, run_jobs
from tests.nordic.conftest import (
    NETS_ACCOUNT,
    NETS_SENDER,
    consumer,
    nordic_document,
    norwegian_sender,
)

pytestmark = pytest.mark.django_db(transaction=True)
PRINT_PASSWORD = "print-partner-secret"


@pytest.fixture
def nets_key(tmp_path):
    key = asyncssh.generate_private_key("ssh-ed25519")
    path = tmp_path / "folio_nets_ed25519"
    key.write_private_key(str(path))
    return key, path


@pytest.fixture
def sftp_server(tmp_path, settings, nets_key):
    key, key_path = nets_key
    server = SandboxSftpServer(
        tmp_path / "sftp",
        logins=[
            SftpLogin("print", password=PRINT_PASSWORD),
            SftpLogin("nets", public_key=key.export_public_key().decode()),
        ],
    ).start()
    for folder in ("print/batches", "print/status", "nets/inbound", "nets/outbound"):
        (server.folder / folder).mkdir(parents=True, exist_ok=True)
    settings.FOLIO_PRINT_TRANSPORT = "sftp"
    settings.FOLIO_PRINT_SFTP_HOST = server.host
    settings.FOLIO_PRINT_SFTP_PORT = server.port
    settings.FOLIO_PRINT_SFTP_USER = "print"
    settings.FOLIO_PRINT_SFTP_PASSWORD = PRINT_PASSWORD
    settings.FOLIO_PRINT_SFTP_KEY_FILE = ""
    settings.FOLIO_PRINT_SFTP_KNOWN_HOSTS = str(server.known_hosts)
    settings.FOLIO_PRINT_SFTP_OUTBOX = "/batches"
    settings.FOLIO_PRINT_SFTP_INBOX = "/status"
    settings.FOLIO_NETS_TRANSPORT = "sftp"
    settings.FOLIO_NETS_SFTP_HOST = server.host
    settings.FOLIO_NETS_SFTP_PORT = server.port
    settings.FOLIO_NETS_SFTP_USER = "nets"
    settings.FOLIO_NETS_SFTP_PASSWORD = ""
    settings.FOLIO_NETS_SFTP_KEY_FILE = str(key_path)
    settings.FOLIO_NETS_SFTP_KNOWN_HOSTS = str(server.known_hosts)
    settings.FOLIO_NETS_SFTP_OUTBOX = "/inbound"
    settings.FOLIO_NETS_SFTP_INBOX = "/outbound"
    yield server
    server.stop()


def queued_letters(count: int) -> list[Delivery]:
    documents = [accepted_document(pages=1 + n % 2, email="") for n in range(count)]
    for document in documents:
        route_document.enqueue(str(document.code), channel="print")
    run_jobs()
    return [Delivery.objects.get(document=document) for document in documents]


def test_print_batch_and_manifest_arrive_over_sftp_and_status_comes_back(sftp_server):
    deliveries = queued_letters(2)
    batch = print_batch_create(actor=Actor.for_system("tests"))
    assert batch.handed_over_to == f"sftp://{sftp_server.host}:{sftp_server.port}/batches"

    landed = sftp_server.home("print") / "batches"
    names = sorted(path.name for path in landed.iterdir())
    assert names == sorted(
        f"{batch.name}{suffix}" for suffix in (".pdf", ".manifest.json", ".manifest.csv", ".ready")
    )
    manifest = json.loads((landed / f"{batch.name}.manifest.json").read_text())
    assert [item["message_key"] for item in manifest["items"]] == [
        d.message_key for d in deliveries
    ]
    assert [item["pages"] for item in manifest["items"]] == [1, 2]
    rows = list(csv.DictReader(io.StringIO((landed / f"{batch.name}.manifest.csv").read_text())))
    assert [row["message_key"] for row in rows] == [d.message_key for d in deliveries]
    assert (landed / f"{batch.name}.pdf").read_bytes().startswith(b"%PDF")

    # The partner prints from its SFTP folder and leaves a status file there; Folio fetches it.
    handled = print_partner_run_once(
        drop_dir=landed, status_dir=sftp_server.home("print") / "status"
    )
    assert handled == [batch.name]
    assert print_status_files_read(actor=Actor.for_system("tests")) == 4
    for delivery in deliveries:
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.DELIVERED
        assert delivery.print_item.status == PrintItemStatus.POSTED
        assert delivery.document.events.filter(kind=EventKind.PRINTED).exists()
        assert delivery.document.status == DocumentStatus.DELIVERED
    status = sftp_server.home("print") / "status"
    assert [p.name for p in (status / "processed").iterdir()] == [f"{batch.name}.status.csv"]
    assert not list(status.glob("*.status.csv"))
    # Read once: a second run finds nothing new.
    assert print_status_files_read(actor=Actor.for_system("tests")) == 0


def test_avtalegiro_claim_goes_up_and_settlement_comes_back_over_sftp(sftp_server):
    home = sftp_server.home("nets")
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = kid_build(customer.customer_number, algorithm="mod10", length=7)
    nets_agreements_write(
        home / "outbound",
        data_recipient=NETS_SENDER,
        account=NETS_ACCOUNT,
        mandates=[MandateLine(kid=kid, notify=False)],
    )
    [summary] = nets_incoming_process()
    assert summary["mandates"] == 1
    assert AvtaleGiroMandate.objects.filter(customer=customer, kid=kid).exists()

    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()
    [name] = avtalegiro_claims_submit(actor=Actor.for_system("tests"))
    claim_file = home / "inbound" / name
    assert claim_file.read_text(encoding="iso-8859-1").startswith("NY000010")
    assert AvtaleGiroClaim.objects.get(document=document).status == ClaimStatus.SUBMITTED

    nets_exchange_run_once(outbox=home / "inbound", inbox=home / "outbound")
    summaries = nets_incoming_process()
    assert [s["payments"] for s in summaries] == [1]
    document.refresh_from_db()
    assert document.payment_status == PaymentStatus.PAID
    assert sorted(p.name for p in (home / "outbound" / "processed").iterdir()) == sorted(
        s["name"] for s in [summary, *summaries]
    )


def _letters_still_queued(deliveries: list[Delivery]) -> None:
    assert not PrintBatch.objects.exists()
    assert set(
        PrintItem.objects.filter(delivery__in=deliveries).values_list("status", flat=True)
    ) == {PrintItemStatus.QUEUED}


def test_a_wrong_host_key_is_permanent_and_the_letters_wait(sftp_server, tmp_path, settings):
    deliveries = queued_letters(2)
    impostor = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    known_hosts = tmp_path / "other_known_hosts"
    known_hosts.write_text(f"[{sftp_server.host}]:{sftp_server.port} {impostor}")
    settings.FOLIO_PRINT_SFTP_KNOWN_HOSTS = str(known_hosts)

    with pytest.raises(TransportError) as error:
        print_batch_create(actor=Actor.for_system("tests"))
    assert error.value.permanent
    assert "host key" in error.value.message
    _letters_still_queued(deliveries)
    assert list((sftp_server.home("print") / "batches").iterdir()) == []

    # Once the operator fixes the known_hosts file, the same letters go out.
    settings.FOLIO_PRINT_SFTP_KNOWN_HOSTS = str(sftp_server.known_hosts)
    assert print_batch_create(actor=Actor.for_system("tests")).letter_count == 2


def test_an_unknown_host_is_refused(sftp_server, tmp_path, settings):
    queued_letters(1)
    empty = tmp_path / "empty_known_hosts"
    empty.write_text("")
    settings.FOLIO_PRINT_SFTP_KNOWN_HOSTS = str(empty)
    with pytest.raises(TransportError) as error:
        print_batch_create(actor=Actor.for_system("tests"))
    assert error.value.permanent
    assert "known_hosts" in error.value.message


def test_a_wrong_password_is_a_permanent_error_and_nothing_is_lost(sftp_server, settings):
    deliveries = queued_letters(1)
    settings.FOLIO_PRINT_SFTP_PASSWORD = "not-the-password"
    with pytest.raises(TransportError) as error:
        print_batch_create(actor=Actor.for_system("tests"))
    assert error.value.permanent
    assert "refused the login of print" in error.value.message
    _letters_still_queued(deliveries)

    # A status file waiting on the server stays there until Folio can log in and apply it.
    status = sftp_server.home("print") / "status" / "x.status.csv"
    status.write_text(f"message_key,status,at\n{deliveries[0].message_key},printed,\n")
    with pytest.raises(TransportError):
        print_status_files_read(actor=Actor.for_system("tests"))
    assert status.exists()


def test_a_wrong_key_for_nets_is_refused_and_the_claims_wait(sftp_server, tmp_path, settings):
    other = tmp_path / "other_key"
    asyncssh.generate_private_key("ssh-ed25519").write_private_key(str(other))
    settings.FOLIO_NETS_SFTP_KEY_FILE = str(other)
    sender = norwegian_sender()
    customer = consumer(sender, preferred_channel="avtalegiro_no")
    kid = kid_build(customer.customer_number, algorithm="mod10", length=7)
    AvtaleGiroMandate.objects.create(
        organization=sender, customer=customer, kid=kid, notify=False, reported_at=timezone.now()
    )
    document = nordic_document(customer, kid=kid)
    route_document.enqueue(str(document.code))
    run_jobs()
    with pytest.raises(TransportError) as error:
        avtalegiro_claims_submit(actor=Actor.for_system("tests"))
    assert error.value.permanent
    assert AvtaleGiroClaim.objects.get(document=document).status == ClaimStatus.QUEUED
    assert list((sftp_server.home("nets") / "inbound").iterdir()) == []


def test_a_server_that_is_away_is_a_transient_error(settings, tmp_path):
    deliveries = queued_letters(1)
    settings.FOLIO_PRINT_TRANSPORT = "sftp"
    settings.FOLIO_PRINT_SFTP_HOST = "127.0.0.1"
    settings.FOLIO_PRINT_SFTP_PORT = free_port()
    settings.FOLIO_PRINT_SFTP_KNOWN_HOSTS = ""
    with pytest.raises(TransportError) as error:
        print_batch_create(actor=Actor.for_system("tests"))
    assert not error.value.permanent
    assert "unreachable" in error.value.message
    _letters_still_queued(deliveries)


def test_the_folder_transfer_is_the_default(settings):
    transfer = file_transfer_for("print")
    assert isinstance(transfer, FolderFileTransfer)
    assert transfer.outbox == settings.FOLIO_PRINT_DROP_DIR


def test_the_print_batch_command_says_why_the_hand_over_failed(sftp_server, settings):
    from django.core.management import CommandError, call_command

    deliveries = queued_letters(1)
    settings.FOLIO_PRINT_SFTP_PASSWORD = "not-the-password"
    with pytest.raises(CommandError, match=r"failed \(permanent\).*refused the login"):
        call_command("print_batch", stdout=io.StringIO())
    _letters_still_queued(deliveries)
