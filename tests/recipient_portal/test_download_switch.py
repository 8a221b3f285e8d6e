"""The sender's "download" switch in the customer portal (issue #7): PDF, source XML and the ZIP
of several answer 404 when it is closed, and their buttons are gone; the document's page, its
print view and the e-mail link's "open" (Smartmail's "opened") keep working."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from folio.delivery.models import Delivery, SmartmailStatus, SmartmailTracking
from folio.documents.models import DocumentEvent, EventKind
from folio.documents.services import document_file_attach
from folio.servicedesk.models import PortalAction, PortalSettings
from folio.servicedesk.services import portal_settings_set
from tests.delivery.conftest import smtp_server  # noqa: F401 (the loopback SMTP fixture)
from tests.factories import system_actor

PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 20 + b"%%EOF\n"
XML = b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>"
ALL_BUT_DOWNLOAD = [action for action in PortalAction if action != PortalAction.DOWNLOAD]


def _with_files(document):
    for kind, filename, content, content_type in (
        ("pdf", "stored.pdf", PDF, "application/pdf"),
        ("source_xml", "source.xml", XML, "application/xml"),
    ):
        document_file_attach(
            document=document,
            kind=kind,
            filename=filename,
            content=content,
            content_type=content_type,
            actor=system_actor(),
        )
    return document


def _close_downloads(sender) -> None:
    portal_settings_set(sender=sender, actions=ALL_BUT_DOWNLOAD, actor=system_actor())


def _download_events(document) -> int:
    return DocumentEvent.objects.filter(document=document, data__via="portal-pdf").count()


@pytest.mark.django_db
def test_downloads_are_open_by_default(world, client_for, consumer_recipient):
    document = _with_files(consumer_recipient.documents[0])
    client = client_for(consumer_recipient)

    page = client.get(f"/portal/documents/{document.code}/").content.decode()
    assert f"/portal/documents/{document.code}/pdf/" in page
    assert f"/portal/documents/{document.code}/xml/" in page
    assert "/portal/documents/zip/" in client.get("/portal/").content.decode()

    pdf = client.get(f"/portal/documents/{document.code}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == PDF
    xml = client.get(f"/portal/documents/{document.code}/xml/")
    assert xml.status_code == 200 and xml.content == XML
    archive = client.post("/portal/documents/zip/", {"documents": [str(document.code)]})
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert any(name.endswith(".xml") for name in names)
    assert _download_events(document) == 1


@pytest.mark.django_db
def test_closed_downloads_answer_404_on_every_download_route_and_change_nothing(
    world, client_for, consumer_recipient, row_counts
):
    document = _with_files(consumer_recipient.documents[0])
    _close_downloads(consumer_recipient.organization)
    client = client_for(consumer_recipient)
    # The page itself records a view; take the counts after it.
    page = client.get(f"/portal/documents/{document.code}/")
    before = row_counts()

    assert client.get(f"/portal/documents/{document.code}/pdf/").status_code == 404
    assert client.get(f"/portal/documents/{document.code}/xml/").status_code == 404
    zip_response = client.post("/portal/documents/zip/", {"documents": [str(document.code)]})
    assert zip_response.status_code == 404

    assert row_counts() == before
    assert _download_events(document) == 0
    # The document stays readable: its page and its print view; the buttons are gone.
    assert page.status_code == 200
    html = page.content.decode()
    assert document.number in html
    assert f"/portal/documents/{document.code}/pdf/" not in html
    assert f"/portal/documents/{document.code}/xml/" not in html
    assert client.get(f"/portal/documents/{document.code}/print/").status_code == 200
    home = client.get("/portal/").content.decode()
    assert document.number in home
    assert "/portal/documents/zip/" not in home
    assert 'name="documents"' not in home


@pytest.mark.django_db
def test_closed_downloads_of_one_sender_refuse_a_zip_and_leave_other_senders_open(
    world, client_for, consumer_recipient, business_contact_viewonly
):
    """Closing is per sender: Nordlys NO closing downloads does not close Nordlys SE's."""
    _close_downloads(consumer_recipient.organization)
    other = _with_files(business_contact_viewonly.documents[0])
    client = client_for(business_contact_viewonly)
    assert client.get(f"/portal/documents/{other.code}/pdf/").status_code == 200
    closed_one = consumer_recipient.documents[0]
    # Another customer's document is not found for this contact either way.
    assert client.get(f"/portal/documents/{closed_one.code}/pdf/").status_code == 404


@pytest.mark.django_db
def test_support_view_follows_the_switch_too(
    world, client_for, enterprise_admin, consumer_recipient
):
    document = _with_files(consumer_recipient.documents[0])
    _close_downloads(consumer_recipient.organization)
    support = client_for(enterprise_admin)
    started = support.post(f"/portal/support/{consumer_recipient.customer.code}/")
    assert started.status_code in (200, 302)
    assert support.get(f"/portal/documents/{document.code}/").status_code == 200
    assert support.get(f"/portal/documents/{document.code}/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_sender_settings_page_shows_the_download_switch_and_saves_it(
    world, enterprise_admin, client_for, consumer_recipient
):
    nordlys_no = world.organizations["nordlys-no"]
    admin = client_for(enterprise_admin)
    url = f"/app/settings/{nordlys_no.code}/customer-portal/"
    page = admin.get(url).content.decode()
    assert 'value="download"' in page
    assert "Download PDF, XML and ZIP" in page

    closed = admin.post(url, {"document_types": ["invoice"], "actions": ["pay", "comment"]})
    assert closed.status_code == 302
    assert PortalAction.DOWNLOAD not in PortalSettings.objects.get(sender=nordlys_no).actions
    document = _with_files(world.documents["kari-invoice-sent"])
    customer_client = client_for(consumer_recipient)
    assert customer_client.get(f"/portal/documents/{document.code}/").status_code == 200
    assert customer_client.get(f"/portal/documents/{document.code}/pdf/").status_code == 404

    admin.post(url, {"document_types": ["invoice"], "actions": ["pay", "comment", "download"]})
    saved = PortalSettings.objects.get(sender=nordlys_no).actions
    assert saved == [PortalAction.PAY, PortalAction.COMMENT, PortalAction.DOWNLOAD]
    assert customer_client.get(f"/portal/documents/{document.code}/pdf/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_smartmail_link_still_counts_as_opened_when_portal_downloads_are_closed(
    smtp_server,  # noqa: F811
):
    from tests.delivery.test_smartmail_print import open_link_of, smartmail_document

    document = smartmail_document(email="closed-downloads@example.test")
    _close_downloads(document.customer.sender)
    url = open_link_of(smtp_server.messages()[0])
    assert b"Download the PDF" not in Client().get(url).content
    # The link's own PDF button follows the switch too, and a refused download opens nothing.
    assert Client().post(url, {"action": "pdf"}).status_code == 404
    assert SmartmailTracking.objects.get(delivery__document=document).status == (
        SmartmailStatus.WAITING
    )

    opened = Client().post(url, {"action": "view"})
    assert b"Download the PDF" not in opened.content

    assert opened.status_code == 200
    assert document.number in opened.content.decode()
    tracking = SmartmailTracking.objects.get(delivery__document=document)
    assert (tracking.status, tracking.opened_via) == (SmartmailStatus.OPENED, "link")
    assert Delivery.objects.get(document=document, channel="smartmail").opened_at is not None
    assert DocumentEvent.objects.filter(document=document, kind=EventKind.VIEWED).exists()


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_opens_downloads_for_existing_senders(world):
    """Senders who saved their settings before the switch existed keep their downloads."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("servicedesk", "0003_portal_settings_new_customers_access"),
        ("servicedesk", "0004_portal_settings_open_downloads"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_state = executor.loader.project_state([before]).apps
    OldPortalSettings = old_state.get_model("servicedesk", "PortalSettings")
    OldPortalSettings.objects.create(
        sender_id=world.organizations["nordlys-no"].id, actions=["pay", "comment"]
    )

    executor = MigrationExecutor(connection)
    executor.migrate([after])

    saved = PortalSettings.objects.get(sender=world.organizations["nordlys-no"])
    assert saved.actions == ["pay", "comment", "download"]
