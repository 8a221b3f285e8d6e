"""Fixtures for delivery tests: sandbox servers on loopback and a way to run queued jobs."""

from __future__ import annotations

import io

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from pypdf import PdfWriter

from folio.documents.models import DocumentStatus, FileKind
from folio.sandbox.smtp import SandboxSMTPServer
from tests.factories import CustomerFactory, DocumentFactory, DocumentFileFactory


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def run_jobs(queue: str = "delivery") -> None:
    """Run every job that is due now, as `folio worker --batch` would."""
    Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def smtp_server(tmp_path, settings):
    server = SandboxSMTPServer(tmp_path / "mail").start()
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _delivery_folders(tmp_path, settings):
    settings.FOLIO_PRINT_DROP_DIR = tmp_path / "print-outbox"
    settings.FOLIO_PRINT_STATUS_DIR = tmp_path / "print-status"
    settings.FOLIO_PEPPOL_OUTBOX_DIR = tmp_path / "peppol-outbox"
    settings.FOLIO_PEPPOL_INBOX_DIR = tmp_path / "peppol-inbox"


def accepted_document(*, pages: int = 1, with_xml: bool = True, **customer_fields):
    """An ACCEPTED invoice with a stored PDF (and source XML) for a new customer."""
    customer = CustomerFactory(**customer_fields)
    document = DocumentFactory(customer=customer, status=DocumentStatus.ACCEPTED)
    DocumentFileFactory(
        document=document,
        kind=FileKind.PDF,
        filename=f"{document.number}.pdf",
        content=pdf_bytes(pages),
        content_type="application/pdf",
    )
    if with_xml:
        DocumentFileFactory(
            document=document,
            kind=FileKind.SOURCE_XML,
            filename=f"{document.number}.xml",
            content=b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
            content_type="application/xml",
        )
    return document
