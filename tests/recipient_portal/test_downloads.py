"""PDF downloads in the customer portal: the stored file as it is, the view recorded once."""

from folio.documents.models import DocumentEvent, EventKind
from folio.documents.services import document_file_attach
from tests.factories import system_actor

PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 200 + b"%%EOF\n"


def _pdf_views(document) -> int:
    return DocumentEvent.objects.filter(
        document=document, kind=EventKind.VIEWED, data__via="portal-pdf"
    ).count()


def test_a_stored_pdf_is_streamed_as_it_is_and_counted_once_per_visit(
    world, client_for, consumer_recipient
):
    document = consumer_recipient.documents[0]
    document_file_attach(
        document=document,
        kind="pdf",
        filename="stored.pdf",
        content=PDF,
        content_type="application/pdf",
        actor=system_actor(),
    )
    client = client_for(consumer_recipient)

    first = client.get(f"/portal/documents/{document.code}/pdf/")
    again = client.get(f"/portal/documents/{document.code}/pdf/")

    assert first.status_code == 200 and again.status_code == 200
    assert first.streaming and b"".join(first.streaming_content) == PDF
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == f'attachment; filename="{document.number}.pdf"'
    assert first["X-Content-Type-Options"] == "nosniff"
    assert _pdf_views(document) == 1
    # A new visit (another sign-in) counts again.
    assert client_for(consumer_recipient).get(f"/portal/documents/{document.code}/pdf/")
    assert _pdf_views(document) == 2


def test_another_customers_pdf_is_not_found_and_not_recorded(world, client_for, consumer_recipient):
    foreign = next(
        d for d in world.documents.values() if d.customer_id != consumer_recipient.customer.id
    )
    response = client_for(consumer_recipient).get(f"/portal/documents/{foreign.code}/pdf/")
    assert response.status_code == 404
    assert _pdf_views(foreign) == 0
