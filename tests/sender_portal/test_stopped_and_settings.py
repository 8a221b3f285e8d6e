"""Stopped documents corrected and resent from the portal; settings: keys, branding, users."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from folio.documents.models import Document, DocumentStatus
from folio.rendering.models import Branding
from folio.tenancy.models import ApiKey, AuditEntry, Membership, MembershipRole
from folio.tenancy.services import api_key_authenticate
from tests.factories import CustomerFactory, MembershipFactory, UserFactory
from tests.ingestion_pipeline.conftest import key_client, post_json
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID, folio_json
from tests.sender_portal.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(db):
    from tests.factories import CompanyFactory

    return CompanyFactory(
        slug="nordlys-energi",
        org_number=SELLER_ORG_NUMBER,
        vat_id=SELLER_VAT_ID,
        email="billing@nordlys.example.test",
    )


@pytest.fixture
def clerk(seller):
    user = UserFactory(username="seller-clerk")
    MembershipFactory(user=user, organization=seller, role=MembershipRole.CLERK)
    return signed_in(user)


def stopped_document(seller, number: str) -> Document:
    api = key_client(seller)
    CustomerFactory(sender=seller, business=True, org_number="987654325")
    if not seller.stop_rules.exists():
        response = api.post(
            "/api/v1/filters",
            data={"kind": "required_term", "term": "order_reference"},
            content_type="application/json",
        )
        assert response.status_code == 201
    body = post_json(api, folio_json(number)).json()
    assert body["status"] == "stopped"
    return Document.objects.get(code=body["id"])


def test_stopped_queue_lists_reasons_and_the_correction_resends(clerk, seller):
    document = stopped_document(seller, "F-10")
    queue = clerk.get("/app/stopped/")
    assert "Purchase order reference" in queue.content.decode()
    page = clerk.get(f"/app/documents/{document.code}/").content.decode()
    assert 'name="order_reference"' in page
    response = clerk.post(
        f"/app/documents/{document.code}/correct/", {"order_reference": "PO-4711"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.ACCEPTED and document.version == 2
    assert document.order_reference == "PO-4711"
    assert "PO-4711" in clerk.get(f"/app/documents/{document.code}/").content.decode()


def test_bulk_resend_sets_one_field_on_the_chosen_documents(clerk, seller):
    first = stopped_document(seller, "F-11")
    second = stopped_document(seller, "F-12")
    response = clerk.post(
        "/app/stopped/resend/",
        {
            "documents": [str(first.code), str(second.code)],
            "term": "order_reference",
            "value": "PO-1",
        },
    )
    assert response.status_code == 302
    for document in (first, second):
        document.refresh_from_db()
        assert document.status == DocumentStatus.ACCEPTED and document.order_reference == "PO-1"


def test_api_key_secret_is_shown_once_and_works_until_revoked(admin, company):
    response = admin.post(f"/app/settings/{company.code}/api-keys/", {"name": "ERP"})
    assert response.status_code == 302
    page = admin.get(response["Location"]).content.decode()
    secret = re.search(r"folio_[0-9a-f]{12}_[\w-]+", page).group(0)
    assert api_key_authenticate(secret) is not None
    assert secret not in admin.get(response["Location"]).content.decode()
    key = ApiKey.objects.get(organization=company, name="ERP")
    assert (
        admin.post(f"/app/settings/api-keys/{key.code}/revoke/", {"confirm": "yes"}).status_code
        == 302
    )
    assert api_key_authenticate(secret) is None
    assert AuditEntry.objects.filter(action="api_key.revoked", organization=company).exists()


def test_branding_preview_renders_unsaved_values_and_save_stores_them(admin, company):
    form = {
        "primary_color": "#0f766e",
        "accent_color": "#b45309",
        "footer_text": "Fjord Kraft AS · Org. 999 999 999",
        "window_position": "right",
        "language": "nb",
        "document_type": "invoice",
    }
    preview = admin.post(f"/app/settings/{company.code}/branding/", {**form, "action": "preview"})
    assert preview.status_code == 200
    assert 'src="data:image/png;base64,' in preview.content.decode()
    # A preview stores nothing.
    assert not Branding.objects.filter(organization=company).exists()
    pdf = admin.post(f"/app/settings/{company.code}/branding/", {**form, "action": "preview_pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    saved = admin.post(f"/app/settings/{company.code}/branding/", {**form, "action": "save"})
    assert saved.status_code == 302
    company.refresh_from_db()
    assert company.branding.primary_color.lower() == "#0f766e"
    assert company.branding.window_position == "right"
    bad = admin.post(f"/app/settings/{company.code}/branding/", {**form, "primary_color": "red"})
    assert bad.status_code == 400


def test_invitation_mail_lets_the_new_member_choose_a_password_once(admin, company):
    response = admin.post(
        f"/app/settings/{company.code}/users/",
        {"email": "new.clerk@example.test", "role": "clerk", "scope": "organization"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organization=company, user__email="new.clerk@example.test")
    assert membership.role == "clerk" and not membership.user.has_usable_password()
    link = re.search(r"http://\S+/app/invitation/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    from django.test import Client

    visitor = Client()
    set_password_page = visitor.get(path, follow=True)
    form_url = set_password_page.redirect_chain[-1][0]
    done = visitor.post(
        form_url, {"new_password1": "Fjord-Kraft-2026!", "new_password2": "Fjord-Kraft-2026!"}
    )
    assert done.status_code == 302 and done["Location"] == "/app/login/"
    membership.user.refresh_from_db()
    assert membership.user.check_password("Fjord-Kraft-2026!")
    # The link has done its job.
    assert "expired" in Client().get(path, follow=True).content.decode()


def test_an_admin_revokes_another_members_role(admin, company):
    other = UserFactory(username="leaving")
    MembershipFactory(user=other, organization=company, role=MembershipRole.VIEWER)
    response = admin.post(f"/app/settings/{company.code}/users/revoke/", {"user": "leaving"})
    assert response.status_code == 302
    assert not Membership.objects.filter(user=other).exists()


def test_stop_rule_dry_run_then_turn_on_then_delete(clerk, seller):
    stopped_document(seller, "F-20")
    seller.stop_rules.all().delete()
    form = {"kind": "required_term", "term": "order_reference", "currencies": ""}
    page = clerk.post(f"/app/settings/{seller.code}/rules/", {**form, "action": "dry_run"})
    assert page.status_code == 200
    assert page.context["dry_run"]["judged"] == 1
    assert [hit.document.number for hit in page.context["dry_run"]["hits"]] == ["F-20"]
    assert not seller.stop_rules.exists()
    created = clerk.post(f"/app/settings/{seller.code}/rules/", {**form, "action": "create"})
    assert created.status_code == 302
    rule = seller.stop_rules.get()
    assert rule.term == "order_reference"
    unsafe = clerk.post(
        f"/app/settings/{seller.code}/rules/",
        {
            "kind": "term_pattern",
            "term": "buyer_reference",
            "pattern": "(a+)+$",
            "action": "create",
        },
    )
    assert unsafe.status_code == 400 and seller.stop_rules.count() == 1
    deleted = clerk.post(f"/app/settings/rules/{rule.code}/delete/", {"confirm": "yes"})
    assert deleted.status_code == 302 and not seller.stop_rules.exists()
