"""`{{ document.pay_url }}` in a sender's e-mail template: the portal page that pays it."""

from __future__ import annotations

from django.test import Client

from folio.channels.email.messages import message_context, render_parts
from folio.delivery.models import MessagePurpose, MessageTemplate
from tests.factories import DocumentFactory


def test_pay_url_in_a_sender_template_leads_to_paying_that_invoice(consumer_recipient, client_for):
    invoice = DocumentFactory(customer=consumer_recipient.customer, status="sent")
    MessageTemplate.objects.create(
        organization=invoice.organization,
        purpose=MessagePurpose.DOCUMENT,
        language="",
        subject="Invoice {{ document.number }}",
        text_body="Pay here: {{ document.pay_url }}",
    )
    _subject, text, _html = render_parts(
        document=invoice, purpose=MessagePurpose.DOCUMENT, context=message_context(document=invoice)
    )
    url = text.split("Pay here: ", 1)[1].strip()
    assert url.endswith(f"/portal/documents/{invoice.code}/pay/")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    # Signed out, the link asks for a sign-in first; signed in, it opens the pay page.
    assert Client().get(path)["Location"].startswith("/portal/login/")
    response = client_for(consumer_recipient).get(path)
    assert response.status_code == 302 and f"document={invoice.code}" in response["Location"]


def test_paid_invoices_have_no_pay_url(consumer_recipient, world):
    paid = world.documents["kari-invoice-paid"]
    assert message_context(document=paid)["document"]["pay_url"] == ""
