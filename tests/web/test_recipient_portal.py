"""The customer portal: what a contact sees, the account switcher, viewing records."""

import re

from folio.documents.models import EventKind
from folio.rendering.services import BrandingInput, branding_update
from tests.factories import ContactFactory, CustomerFactory, DocumentFactory, system_actor


def _numbers(html: str) -> set[str]:
    return set(re.findall(r'/portal/documents/[0-9a-f-]{36}/">\S+ ([^<]+)</a>', html))


def test_consumer_sees_the_issued_documents_of_their_account(client_for, consumer_recipient):
    html = client_for(consumer_recipient).get("/portal/").content.decode()
    # KARI-CN-1 is still being processed (accepted, not sent); OLA-1001 is another customer's.
    assert _numbers(html) == {"KARI-1001", "KARI-1002"}
    assert "Nordlys Energi Norge AS" in html


def test_a_document_not_yet_issued_is_not_found(world, client_for, consumer_recipient):
    unsent = world.documents["kari-credit-note"]
    response = client_for(consumer_recipient).get(f"/portal/documents/{unsent.code}/")
    assert response.status_code == 404


def test_viewing_records_one_event_per_visit(client_for, consumer_recipient):
    document = consumer_recipient.documents[0]
    assert document.first_viewed_at is None
    first_visit = client_for(consumer_recipient)
    for _reload in range(3):
        response = first_visit.get(f"/portal/documents/{document.code}/")
        assert response.status_code == 200
    viewed = document.events.filter(kind=EventKind.VIEWED)
    assert viewed.count() == 1
    assert viewed.get().data == {"via": "portal"}
    document.refresh_from_db()
    first_viewed_at = document.first_viewed_at
    assert first_viewed_at is not None

    client_for(consumer_recipient).get(f"/portal/documents/{document.code}/")
    assert viewed.count() == 2
    document.refresh_from_db()
    assert document.first_viewed_at == first_viewed_at


def test_document_page_shows_what_to_pay(client_for, consumer_recipient, world):
    document = world.documents["kari-invoice-sent"]
    html = (
        client_for(consumer_recipient).get(f"/portal/documents/{document.code}/").content.decode()
    )
    assert document.number in html
    assert f"{document.amount_open:.2f}" in html
    assert document.payment_reference in html
    for line in document.lines.all():
        assert line.item_name in html


def test_contact_of_several_accounts_switches_between_them(world, client_for, consumer_recipient):
    hansa_customer = CustomerFactory(
        sender=world.organizations["hansa"], name="Kari Nordmann (DE)", portal_access=True
    )
    DocumentFactory(customer=hansa_customer, number="HANSA-77", status="delivered")
    ContactFactory(customer=hansa_customer, user=consumer_recipient.user, name="Kari")
    client = client_for(consumer_recipient)
    html = client.get("/portal/").content.decode()
    assert 'name="account"' in html
    assert "Kari Nordmann (DE)" in html
    switched = client.get("/portal/", {"account": str(hansa_customer.code)}).content.decode()
    assert _numbers(switched) == {"HANSA-77"}
    assert "Hansa Handelshaus GmbH" in switched


def test_switching_to_someone_elses_account_is_not_found(world, client_for, consumer_recipient):
    client = client_for(consumer_recipient)
    other = world.customers["ola"]
    assert client.get("/portal/", {"account": str(other.code)}).status_code == 404
    assert client.get("/portal/", {"account": "not-a-code"}).status_code == 400


def test_contact_without_view_right_is_refused(world, client_for, consumer_recipient):
    contact = consumer_recipient.contact
    contact.can_view = False
    contact.is_admin = False
    contact.save(update_fields=["can_view", "is_admin"])
    response = client_for(consumer_recipient).get("/portal/")
    assert response.status_code == 403


def test_business_contact_sees_only_their_company(client_for, business_contact_viewonly):
    html = client_for(business_contact_viewonly).get("/portal/").content.decode()
    assert _numbers(html) == {"SVEA-1001", "SVEA-1002"}


def test_portal_wears_the_senders_branding(world, client_for, consumer_recipient):
    document = world.documents["kari-invoice-sent"]
    client = client_for(consumer_recipient)
    assert "--brand: #" not in client.get("/portal/").content.decode()
    logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        b'<rect width="40" height="20" fill="#7a1f5c"/></svg>'
    )
    # Set on the group: the Norwegian subsidiary inherits it.
    branding_update(
        actor=system_actor(),
        organization=world.organizations["nordlys"],
        data=BrandingInput(primary_color="#7A1F5C", accent_color="#2F6F5E"),
        logo=logo,
    )
    for path in ("/portal/", f"/portal/documents/{document.code}/"):
        html = client.get(path).content.decode()
        assert "--brand: #7A1F5C;" in html
        assert 'src="data:image/svg+xml;base64,' in html
        assert 'alt="Nordlys Energi Norge AS"' in html


def test_long_lists_are_paged(world, client_for, consumer_recipient):
    for number in range(30):
        DocumentFactory(customer=world.customers["kari"], number=f"P-{number:02d}", status="sent")
    client = client_for(consumer_recipient)
    first = client.get("/portal/").content.decode()
    # Keyset pages: "Older" continues after the last document shown, by its code.
    older = re.search(r'href="\?([^"]*older=[^"]+)" rel="next"', first).group(1)
    second = client.get("/portal/?" + older.replace("&amp;", "&")).content.decode()
    numbers = _numbers(first) | _numbers(second)
    assert len(_numbers(first)) == 25
    assert len(numbers) == 32  # 30 new, KARI-1001 and KARI-1002
    assert 'rel="prev"' not in first and 'rel="next"' not in second
    newer = re.search(r'href="\?([^"]*newer=[^"]+)" rel="prev"', second).group(1)
    back = client.get("/portal/?" + newer.replace("&amp;", "&")).content.decode()
    assert _numbers(back) == _numbers(first)
    other = DocumentFactory(customer=world.customers["ola"], number="OLA-9")
    # A cursor that is not one of this account's documents, or not a code at all.
    assert client.get("/portal/", {"older": str(other.code)}).status_code == 404
    assert client.get("/portal/", {"older": "12"}).status_code == 400
