"""A sender replies to a customer's comment from the document page (issue 7 §3), and the partner
page shows each customer's reach in the registries with a "check now" (issue 6 §1)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from folio.registries.models import RegistryEntry
from folio.sandbox.efaktura_no import SandboxEfaktura
from folio.sandbox.peppol import SandboxAccessPoint
from folio.servicedesk.models import Comment
from folio.tenancy.models import AuditEntry, MembershipRole
from tests.factories import CustomerFactory, MembershipFactory, UserFactory
from tests.nordic.conftest import ISSUER, consumer, norwegian_sender
from tests.sender_portal.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_sender_sees_the_comment_replies_and_the_customer_gets_the_reply(
    world, consumer_recipient, subsidiary_clerk_no, client_for, django_capture_on_commit_callbacks
):
    invoice = world.documents["kari-invoice-sent"]
    customer = client_for(consumer_recipient)
    asked = customer.post(
        f"/portal/documents/{invoice.code}/comment/", {"body": "Why is the amount higher?"}
    )
    assert asked.status_code == 302
    clerk = client_for(subsidiary_clerk_no)
    page = clerk.get(f"/app/documents/{invoice.code}/")
    html = page.content.decode()
    assert "Why is the amount higher?" in html and "Send reply" in html
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        replied = clerk.post(
            f"/app/documents/{invoice.code}/reply/", {"body": "The spring price applies from May."}
        )
    assert replied.status_code == 302
    reply = Comment.objects.get(document=invoice, from_sender=True)
    assert reply.body == "The spring price applies from May."
    assert reply.author_name == invoice.organization.name
    # The customer sees the reply in the portal ...
    portal_page = customer.get(f"/portal/documents/{invoice.code}/").content.decode()
    assert "The spring price applies from May." in portal_page
    # ... and the contact who asked gets it by e-mail, with the document's portal address.
    [message] = mail.outbox
    assert message.to == ["kari.nordmann@example.test"]
    # In Kari's language (nb), not the replying clerk's.
    assert message.subject.startswith(f"Svar fra {invoice.organization.name} ")
    assert "The spring price applies from May." in message.body
    assert f"/portal/documents/{invoice.code}/" in message.body
    # The timeline has both sides.
    timeline = [e.message for e in invoice.events.filter(kind="comment")]
    assert "Why is the amount higher?" in timeline
    assert "The spring price applies from May." in timeline


def test_viewers_and_other_tenants_cannot_reply_and_nothing_changes(
    world, viewer, german_admin, client_for, row_counts
):
    invoice = world.documents["kari-invoice-sent"]
    before = row_counts()
    url = f"/app/documents/{invoice.code}/reply/"
    assert client_for(viewer).post(url, {"body": "Hi"}).status_code == 403
    assert client_for(german_admin).post(url, {"body": "Hi"}).status_code == 404
    assert row_counts() == before
    assert b"Send reply" not in client_for(viewer).get(f"/app/documents/{invoice.code}/").content
    assert not mail.outbox


def test_an_empty_reply_is_refused(world, subsidiary_clerk_no, client_for):
    invoice = world.documents["kari-invoice-sent"]
    response = client_for(subsidiary_clerk_no).post(
        f"/app/documents/{invoice.code}/reply/", {"body": ""}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


# --- reach -------------------------------------------------------------------------------------

NATIONAL_ID = "01017012345"
EFAKTURA_ID = "EF-7000123"


@pytest.fixture
def efaktura(settings):
    """The eFaktura sandbox on loopback (as in tests/nordic)."""
    server = SandboxEfaktura(token="efaktura-test-token").start()
    settings.FOLIO_EFAKTURA_URL = server.url
    settings.FOLIO_EFAKTURA_TOKEN = "efaktura-test-token"
    yield server
    server.stop()


@pytest.fixture
def efaktura_sender(efaktura):
    sender = norwegian_sender()
    user = UserFactory(username="nordic-clerk")
    MembershipFactory(user=user, organization=sender, role=MembershipRole.CLERK)
    return sender, signed_in(user)


def _reach_row(response, channel: str):
    return next(row for row in response.context["reach"] if row.channel == channel)


def test_reach_shows_the_stored_answer_and_check_now_asks_the_registries_again(
    efaktura, efaktura_sender
):
    sender, clerk = efaktura_sender
    customer = consumer(sender, national_id=NATIONAL_ID)
    efaktura.add_receiver(NATIONAL_ID, EFAKTURA_ID, issuers=[ISSUER])
    page = clerk.get(f"/app/partners/{customer.code}/")
    assert page.status_code == 200
    row = _reach_row(page, "efaktura_no")
    assert (row.state, row.checked_at) == ("unknown", None)
    # Showing the page asked nobody.
    assert not RegistryEntry.objects.exists()

    checked = clerk.post(f"/app/partners/{customer.code}/reach/check/", {"confirm": "yes"})
    assert checked.status_code == 302
    page = clerk.get(f"/app/partners/{customer.code}/")
    row = _reach_row(page, "efaktura_no")
    assert row.state == "reachable" and row.address == EFAKTURA_ID
    first_check = row.checked_at
    assert first_check is not None
    assert "reachable" in page.content.decode()

    # The consumer blocks the sender in the bank; the stored answer is fresh, so only
    # "check now" learns it.
    efaktura.block(ISSUER, EFAKTURA_ID)
    assert _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "efaktura_no").state == (
        "reachable"
    )
    clerk.post(f"/app/partners/{customer.code}/reach/check/", {"confirm": "yes"})
    row = _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "efaktura_no")
    assert row.state == "blocked" and row.checked_at > first_check
    assert AuditEntry.objects.filter(action="customer.reach_checked").count() == 2


def test_check_now_on_a_foreign_customer_is_not_found_and_asks_nobody(
    efaktura, efaktura_sender, row_counts
):
    _sender, clerk = efaktura_sender
    other_sender = norwegian_sender()
    foreign = consumer(other_sender, national_id=NATIONAL_ID)
    efaktura.add_receiver(NATIONAL_ID, EFAKTURA_ID, issuers=[ISSUER])
    before = row_counts()
    response = clerk.post(f"/app/partners/{foreign.code}/reach/check/", {"confirm": "yes"})
    assert response.status_code == 404
    assert row_counts() == before


def test_a_viewer_sees_the_reach_but_may_not_ask_the_registries(
    efaktura, efaktura_sender, row_counts
):
    sender, _clerk = efaktura_sender
    customer = consumer(sender, national_id=NATIONAL_ID)
    efaktura.add_receiver(NATIONAL_ID, EFAKTURA_ID, issuers=[ISSUER])
    user = UserFactory(username="nordic-viewer")
    MembershipFactory(user=user, organization=sender, role=MembershipRole.VIEWER)
    viewer = signed_in(user)
    page = viewer.get(f"/app/partners/{customer.code}/")
    assert page.status_code == 200 and _reach_row(page, "efaktura_no").state == "unknown"
    assert b"Check now" not in page.content
    before = row_counts()

    response = viewer.post(f"/app/partners/{customer.code}/reach/check/", {"confirm": "yes"})

    assert response.status_code == 403
    assert row_counts() == before
    assert efaktura.requests == []


PEPPOL_PARTICIPANT = "0192:974760673"


@pytest.fixture
def peppol_smp(tmp_path, settings):
    """The Peppol SMP sandbox on loopback (as in tests/channels/test_peppol.py)."""
    server = SandboxAccessPoint(
        tmp_path / "ap", participants={PEPPOL_PARTICIPANT: {"response": "AP", "country": "NO"}}
    ).start()
    settings.FOLIO_PEPPOL_DISCOVERY = "smp"
    settings.FOLIO_PEPPOL_SMP_URL = f"{server.url}/smp"
    yield server
    server.stop()


def test_check_now_asks_the_peppol_directory_again_and_a_silent_one_keeps_the_last_answer(
    peppol_smp, efaktura_sender, settings
):
    sender, clerk = efaktura_sender
    customer = CustomerFactory(sender=sender, business=True, org_number="974760673", country="NO")
    check_url = f"/app/partners/{customer.code}/reach/check/"
    assert clerk.post(check_url, {"confirm": "yes"}).status_code == 302
    row = _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "peppol")
    assert (row.state, row.address) == ("reachable", PEPPOL_PARTICIPANT)
    first_check = row.checked_at

    # The participant leaves Peppol; the stored answer is fresh, so only "check now" learns it.
    del peppol_smp.participants[PEPPOL_PARTICIPANT]
    assert _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "peppol").state == ("reachable")
    clerk.post(check_url, {"confirm": "yes"})
    row = _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "peppol")
    assert row.state == "not_registered" and row.checked_at > first_check
    second_check = row.checked_at

    # The directory does not answer: its last answer and the time of it stay as they were.
    settings.FOLIO_PEPPOL_SMP_URL = "http://127.0.0.1:9/smp"
    clerk.post(check_url, {"confirm": "yes"})
    row = _reach_row(clerk.get(f"/app/partners/{customer.code}/"), "peppol")
    assert (row.state, row.checked_at) == ("not_registered", second_check)


def test_a_participant_without_bis_invoices_is_not_shown_as_reachable(efaktura_sender):
    from folio.delivery.models import PeppolLookup

    sender, clerk = efaktura_sender
    customer = CustomerFactory(sender=sender, business=True, org_number="974760673", country="NO")
    # The directory's stored answer: in Peppol, but only for some other document type.
    PeppolLookup.objects.create(
        participant_id=PEPPOL_PARTICIPANT,
        registered=True,
        document_types=["urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order##x::2.1"],
        checked_at=timezone.now(),
    )
    page = clerk.get(f"/app/partners/{customer.code}/")
    assert _reach_row(page, "peppol").state == "no_invoices"
    assert "takes no Peppol invoices" in page.content.decode()
