"""The customer portal's flows through its pages, as the consumer (account administrator)
and as the view-only business contact."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from folio.collections.models import Dispute, DisputeStatus, Promise
from folio.collections.services import dispute_resolve
from folio.customers.models import Customer
from folio.documents.models import DocumentEvent, DocumentType, EventKind, PaymentStatus
from folio.servicedesk.models import ChangeRequest, ChangeStatus, PortalSettings, QuoteDecision
from folio.servicedesk.services import change_request_decide
from folio.tenancy.actors import Actor
from folio.tenancy.models import AuditEntry
from tests.factories import DocumentFactory


def _link_from_mail() -> str:
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_magic_link_prefetch_neither_signs_in_nor_opens_and_the_post_does(consumer_recipient):
    request = Client().post("/portal/login/link/", {"email": consumer_recipient.user.email})
    assert request.status_code == 200 and len(mail.outbox) == 1
    link = _link_from_mail()
    path = link.split("://", 1)[1].split("/", 1)[1]
    views_before = DocumentEvent.objects.filter(kind=EventKind.VIEWED).count()

    scanner = Client()
    prefetch = scanner.get("/" + path)
    assert prefetch.status_code == 302 and "sesame" not in prefetch["Location"]
    assert scanner.get(prefetch["Location"]).status_code == 200
    assert scanner.get("/portal/").status_code == 302  # still signed out

    person = Client()
    landing = person.get("/" + path)
    assert "sesame" not in landing["Location"]
    confirm = person.post(landing["Location"])
    assert confirm.status_code == 302 and confirm["Location"] == "/portal/"
    assert person.get("/portal/").status_code == 200
    assert DocumentEvent.objects.filter(kind=EventKind.VIEWED).count() == views_before
    # Single use: the same link does not sign in a second time.
    again = Client()
    again.get("/" + path)
    assert again.post("/portal/login/link/confirm/").status_code == 400


def test_magic_link_request_answers_alike_for_unknown_addresses(consumer_recipient):
    known_email = consumer_recipient.user.email
    known = Client().post("/portal/login/link/", {"email": known_email})
    unknown = Client().post("/portal/login/link/", {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 200
    assert _without_secrets(known, known_email) == _without_secrets(unknown, "nobody@example.test")
    assert len(mail.outbox) == 1


def _without_secrets(response, email: str) -> str:
    page = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_magic_links_are_rate_limited_per_address(settings, consumer_recipient):
    settings.FOLIO_MAGIC_LINK_LIMIT = 2
    for _ in range(4):
        Client().post("/portal/login/link/", {"email": consumer_recipient.user.email})
    assert len(mail.outbox) == 2


@pytest.fixture
def kari(consumer_recipient, client_for):
    return consumer_recipient, client_for(consumer_recipient)


def _open_invoice(persona, **kwargs):
    return DocumentFactory(
        customer=persona.customer,
        status="sent",
        due_date=timezone.localdate() - datetime.timedelta(days=kwargs.pop("overdue_days", 10)),
        **kwargs,
    )


def test_pay_two_invoices_in_the_sandbox_and_see_them_paid(kari):
    persona, client = kari
    first, second = _open_invoice(persona), _open_invoice(persona)
    page = client.get("/portal/pay/?select=overdue")
    assert page.status_code == 200 and first.number in page.content.decode()
    partial = (second.amount_open / 2).quantize(Decimal("0.01"))
    start = client.post(
        "/portal/pay/",
        {
            "documents": [str(first.code), str(second.code)],
            f"amount-{first.code}": str(first.amount_open),
            f"amount-{second.code}": str(partial),
        },
    )
    assert start.status_code == 302 and "/payments/sandbox/checkout/" in start["Location"]
    hosted = client.get(start["Location"])
    assert hosted.status_code == 200
    done = client.post(start["Location"], {"action": "pay"})
    assert done["Location"] == "/portal/pay/return/"
    assert "Thank you for your payment" in client.get(done["Location"]).content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.payment_status == PaymentStatus.PAID
    assert second.payment_status == PaymentStatus.PARTLY_PAID and second.amount_paid == partial
    # Posting the hosted page again (a double click) pays nothing twice.
    client.post(start["Location"], {"action": "pay"})
    first.refresh_from_db()
    assert first.amount_paid == first.amount_payable


def test_view_only_contact_gets_404_for_money_actions(business_contact_viewonly, client_for):
    client = client_for(business_contact_viewonly)
    invoice = _open_invoice(business_contact_viewonly)
    assert client.get("/portal/pay/").status_code == 404
    assert client.get(f"/portal/documents/{invoice.code}/pay/").status_code == 404
    response = client.post(f"/portal/documents/{invoice.code}/dispute/", {"reason": "other"})
    assert response.status_code == 404
    assert not Dispute.objects.exists()


def test_actions_the_sender_did_not_open_answer_404(kari):
    persona, client = kari
    PortalSettings.objects.create(
        sender=persona.customer.sender,
        actions=["comment"],
        document_types=["invoice"],
    )
    invoice = _open_invoice(persona)
    quote = DocumentFactory(customer=persona.customer, status="sent", type=DocumentType.QUOTE)
    assert client.get("/portal/pay/").status_code == 404
    assert client.get("/portal/statement/").status_code == 404
    assert client.post(f"/portal/documents/{invoice.code}/dispute/", {}).status_code == 404
    # A document type the sender did not open does not exist in the portal.
    assert client.get(f"/portal/documents/{quote.code}/").status_code == 404
    assert client.get(f"/portal/documents/{invoice.code}/").status_code == 200


def test_dispute_a_line_then_the_sender_credits_it(kari, personas):
    persona, client = kari
    invoice = _open_invoice(persona)
    line = invoice.lines.first()
    response = client.post(
        f"/portal/documents/{invoice.code}/dispute/",
        {"reason": "wrong_amount", "comment": "Billed twice", f"line-{line.id}": "10.00"},
    )
    assert response.status_code == 302
    dispute = Dispute.objects.get(document=invoice)
    assert dispute.amount == Decimal("10.00") and dispute.lines.get().line == line
    page = client.get(f"/portal/documents/{invoice.code}/").content.decode()
    assert "Disputed" in page
    dispute_resolve(
        dispute=dispute,
        accept=True,
        answer="Sorry",
        actor=Actor.for_user(personas["subsidiary_clerk_no"].user),
    )
    dispute.refresh_from_db()
    invoice.refresh_from_db()
    assert dispute.status == DisputeStatus.ACCEPTED and dispute.credit_note is not None
    assert invoice.amount_paid == Decimal("10.00")


def test_accept_a_quote_records_name_and_time_and_tells_the_sender(kari):
    persona, client = kari
    sender = persona.customer.sender
    sender.email = "sales@nordlys.example.test"
    sender.save(update_fields=["email"])
    quote = DocumentFactory(customer=persona.customer, status="sent", type=DocumentType.QUOTE)
    with pytest.MonkeyPatch.context():
        response = client.post(
            f"/portal/documents/{quote.code}/quote/",
            {"decision": "accept", "signer_name": "Kari Nordmann"},
        )
    assert response.status_code == 302
    decision = QuoteDecision.objects.get(document=quote)
    assert decision.signer_name == "Kari Nordmann" and decision.decided_at is not None
    assert DocumentEvent.objects.filter(document=quote, kind=EventKind.RESPONSE).exists()
    # A second answer is refused.
    client.post(f"/portal/documents/{quote.code}/quote/", {"decision": "reject", "reason": "x"})
    assert QuoteDecision.objects.filter(document=quote).count() == 1


def test_comment_reaches_the_timeline_and_the_sender_by_mail(
    kari, django_capture_on_commit_callbacks
):
    persona, client = kari
    sender = persona.customer.sender
    sender.email = "billing@nordlys.example.test"
    sender.save(update_fields=["email"])
    invoice = _open_invoice(persona)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/portal/documents/{invoice.code}/comment/", {"body": "Can I pay later?"})
    event = DocumentEvent.objects.get(document=invoice, kind=EventKind.COMMENT)
    assert event.message == "Can I pay later?"
    assert mail.outbox[-1].to == ["billing@nordlys.example.test"]
    assert "Can I pay later?" in mail.outbox[-1].body


def test_promise_to_pay_from_the_document(kari):
    persona, client = kari
    invoice = _open_invoice(persona)
    date = timezone.localdate() + datetime.timedelta(days=5)
    client.post(
        "/portal/promise/",
        {
            "documents": [str(invoice.code)],
            "amount": str(invoice.amount_open),
            "promised_date": date.isoformat(),
            "back": "document",
        },
    )
    promise = Promise.objects.get()
    assert list(promise.documents.all()) == [invoice] and promise.promised_date == date


def test_zip_of_several_documents_holds_their_files(kari, monkeypatch):
    persona, client = kari
    first, second = _open_invoice(persona), _open_invoice(persona)
    from folio.channels.base import Attachment
    from folio.recipient_portal import views

    monkeypatch.setattr(
        views,
        "document_pdf",
        lambda document: Attachment(f"{document.number}.pdf", b"%PDF-1.7 x", "application/pdf"),
    )
    response = client.post("/portal/documents/zip/", {"documents": [first.code, second.code]})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == sorted(
        [f"{first.number}/{first.number}.pdf", f"{second.number}/{second.number}.pdf"]
    )


def test_foreign_documents_are_not_in_the_zip(kari, world, monkeypatch):
    _persona, client = kari
    foreign = world.documents["ola-invoice"]
    response = client.post("/portal/documents/zip/", {"documents": [foreign.code]})
    assert response.status_code == 302


def test_change_address_is_approved_by_the_sender(kari, personas):
    persona, client = kari
    customer = persona.customer
    data = {
        "email": customer.email,
        "phone": customer.phone,
        "address_line1": "Storgata 1",
        "postcode": "0155",
        "city": "Oslo",
        "country": "NO",
        "language": "nb",
        "bank_account": "NO9386011117947",
    }
    response = client.post("/portal/my-data/", data)
    assert response.status_code == 302
    change = ChangeRequest.objects.get(customer=customer)
    assert change.status == ChangeStatus.PENDING
    assert Customer.objects.get(pk=customer.pk).address_line1 != "Storgata 1"
    change_request_decide(
        change=change, approve=True, actor=Actor.for_user(personas["subsidiary_clerk_no"].user)
    )
    assert Customer.objects.get(pk=customer.pk).address_line1 == "Storgata 1"
    history = client.get("/portal/my-data/").content.decode()
    assert "Storgata 1" in history and "Applied" in history


def test_a_wrong_iban_is_refused(kari):
    _persona, client = kari
    response = client.post(
        "/portal/my-data/", {"country": "NO", "language": "nb", "bank_account": "NO9386011117948"}
    )
    assert response.status_code == 200 and "not a valid IBAN" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_support_view_is_read_only_and_audited(personas, client_for):
    clerk = personas["subsidiary_clerk_no"]
    client = client_for(clerk)
    customer = personas["consumer_recipient"].customer
    invoice = _open_invoice(personas["consumer_recipient"])
    assert client.post(f"/portal/support/{customer.code}/").status_code == 302
    assert AuditEntry.objects.filter(action="portal.support_view").count() == 1
    assert client.get(f"/portal/documents/{invoice.code}/").status_code == 200
    assert not DocumentEvent.objects.filter(document=invoice, kind=EventKind.VIEWED).exists()
    refused = client.post(f"/portal/documents/{invoice.code}/comment/", {"body": "hi"})
    assert refused.status_code == 403
    # Another tenant's customer cannot be opened.
    foreign = personas["german_admin"].customer
    assert client.post(f"/portal/support/{foreign.code}/").status_code == 404


def test_statement_shows_aging_and_its_pdf_downloads(kari):
    persona, client = kari
    _open_invoice(persona, overdue_days=45)
    page = client.get("/portal/statement/").content.decode()
    assert "31-60 days" in page
    pdf = client.get("/portal/statement/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
