"""Fixtures for the Nordic channels: sandboxes on loopback, senders with network accounts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from folio.documents.models import DocumentStatus, FileKind
from folio.registries.models import NetsAgreement, NordicAccount, PayerNotification
from folio.sandbox.efaktura_no import SandboxEfaktura
from folio.sandbox.efaktura_se import SandboxIntermediary
from folio.sandbox.kivra import SandboxKivra
from tests.delivery.conftest import (  # noqa: F401
    _delivery_folders,
    pdf_bytes,
    run_jobs,
    smtp_server,
)
from tests.factories import CompanyFactory, CustomerFactory, DocumentFactory, DocumentFileFactory

ISSUER = "974760673"
TENANT_KEY = "16782634a8b5c5e0d8e0c7b1c1a2b3c4d5e6f708"
SE_SENDER = "SE5568402266"
NETS_ACCOUNT = "99991042764"
NETS_SENDER = "00010200"


@pytest.fixture(autouse=True)
def _nordic_settings(settings, tmp_path):
    settings.FOLIO_NETS_OUTBOX_DIR = tmp_path / "nets-outbox"
    settings.FOLIO_NETS_INBOX_DIR = tmp_path / "nets-inbox"
    settings.FOLIO_SITE_URL = "http://testserver"
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def efaktura(settings):
    server = SandboxEfaktura(token="efaktura-test-token").start()
    settings.FOLIO_EFAKTURA_URL = server.url
    settings.FOLIO_EFAKTURA_TOKEN = "efaktura-test-token"
    yield server
    server.stop()


@pytest.fixture
def kivra(settings):
    server = SandboxKivra(client_id="folio-test", client_secret="kivra-test-secret").start()
    settings.FOLIO_KIVRA_URL = server.url
    settings.FOLIO_KIVRA_CLIENT_ID = "folio-test"
    settings.FOLIO_KIVRA_CLIENT_SECRET = "kivra-test-secret"
    settings.FOLIO_KIVRA_WEBHOOK_SECRET = server.webhook_secret
    yield server
    server.stop()


@pytest.fixture
def intermediary(settings):
    server = SandboxIntermediary(token="se-test-token").start()
    settings.FOLIO_EFAKTURA_SE_URL = server.url
    settings.FOLIO_EFAKTURA_SE_TOKEN = "se-test-token"
    yield server
    server.stop()


def norwegian_sender(*, notification=PayerNotification.BANK, kid_algorithm="mod10", kid_length=7):
    sender = CompanyFactory(country="NO", org_number="923609016", name="Nordlys Energi AS")
    NordicAccount.objects.create(
        organization=sender, efaktura_issuer_id=ISSUER, account_number=NETS_ACCOUNT
    )
    NetsAgreement.objects.create(
        organization=sender,
        data_sender=NETS_SENDER,
        agreement_id="001008566",
        account=NETS_ACCOUNT,
        kid_algorithm=kid_algorithm,
        kid_length=kid_length,
        notification=notification,
    )
    return sender


def swedish_sender():
    sender = CompanyFactory(country="SE", org_number="5568402266", name="Nordlys Sverige AB")
    NordicAccount.objects.create(
        organization=sender,
        kivra_tenant_key=TENANT_KEY,
        efaktura_se_sender_id=SE_SENDER,
        bankgiro="5050-1055",
    )
    return sender


def nordic_document(
    customer,
    *,
    currency="NOK",
    kid="",
    due_in_days=20,
    number=None,
    status=DocumentStatus.ACCEPTED,
):
    """An accepted invoice with a stored PDF, due in `due_in_days`."""
    extra = {"number": number} if number else {}
    document = DocumentFactory(
        customer=customer, status=status, currency=currency, payment_reference=kid, **extra
    )
    document.due_date = timezone.localdate() + datetime.timedelta(days=due_in_days)
    document.save(update_fields=["due_date"])
    DocumentFileFactory(
        document=document,
        kind=FileKind.PDF,
        filename=f"{document.number}.pdf",
        content=pdf_bytes(),
        content_type="application/pdf",
    )
    return document


def consumer(sender, **fields):
    return CustomerFactory(sender=sender, country=sender.country, **fields)


def amount(value: str) -> Decimal:
    return Decimal(value)
