"""The sender portal in a real browser: find a document, see it as the recipient saw it,
correct and resend a stopped one, change a setting; axe-core and a phone-sized screen.

Screenshots go to FOLIO_SCREENSHOTS (a folder) when that is set, for a human to look at.
"""

from __future__ import annotations

import hashlib
import io

import pytest
import segno
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect, sync_playwright

from folio.rendering.models import ArtefactKind, RenderedArtefact
from folio.tenancy.models import MembershipRole
from tests.browser_support import CHROMIUM_ARGS, SIDEWAYS_OVERFLOW, screenshot, serious_violations
from tests.factories import (
    TEST_PASSWORD,
    CompanyFactory,
    CustomerFactory,
    DeliveryFactory,
    MembershipFactory,
    UserFactory,
)
from tests.ingestion_pipeline.conftest import key_client, post_json
from tests.ingestion_pipeline.documents import SELLER_ORG_NUMBER, SELLER_VAT_ID, folio_json

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def _png() -> bytes:
    buffer = io.BytesIO()
    segno.make("Folio preview").save(buffer, kind="png", scale=6)
    return buffer.getvalue()


def _artefact(document) -> RenderedArtefact:
    content = b"%PDF-1.7 as sent"
    artefact = RenderedArtefact(
        document=document,
        delivery=DeliveryFactory(document=document, channel="email"),
        kind=ArtefactKind.PDF,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    artefact.file.save("document.pdf", ContentFile(content), save=False)
    artefact.preview.save("preview.png", ContentFile(_png()), save=False)
    artefact.save()
    return artefact


def _stopped_document_and_clerk():
    seller = CompanyFactory(
        slug="nordlys-energi", org_number=SELLER_ORG_NUMBER, vat_id=SELLER_VAT_ID
    )
    CustomerFactory(sender=seller, business=True, org_number="987654325")
    api = key_client(seller)
    response = api.post(
        "/api/v1/filters",
        data={"kind": "required_term", "term": "order_reference"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = post_json(api, folio_json("F-77")).json()
    assert body["status"] == "stopped"
    clerk = UserFactory(username="browser-clerk")
    MembershipFactory(user=clerk, organization=seller, role=MembershipRole.CLERK)
    return body["id"], clerk


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/app/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("form.form [type=submit]")


@pytest.mark.django_db(transaction=True)
def test_sender_finds_a_document_and_sees_it_as_the_recipient_did(
    live_server, world, chromium_path
):
    document = world.documents["kari-invoice-sent"]
    _artefact(document)
    admin = world.personas["enterprise_admin"].user.username
    # Playwright's sync API runs an event loop in this thread: no ORM calls below.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=DESKTOP).new_page()
            _sign_in(page, live_server.url, admin)
            page.goto(live_server.url + "/app/documents/")
            page.fill("input[name=q]", "KARI-1001")
            page.click("form.filters [type=submit]")
            page.click("table a:text('KARI-1001')")
            expect(page.locator("h1")).to_have_text("KARI-1001")
            expect(page.get_by_role("heading", name="As the recipient saw it")).to_be_visible()
            preview = page.locator(".artefact-grid img")
            preview.scroll_into_view_if_needed()
            expect(preview).to_be_visible()
            # The preview PNG really loads (served inline, behind the access check).
            page.wait_for_function(
                "(img) => img.complete && img.naturalWidth > 0", arg=preview.element_handle()
            )
            screenshot(page, "sender-document")
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_clerk_corrects_and_resends_a_stopped_document(live_server, chromium_path):
    _code, clerk = _stopped_document_and_clerk()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=PHONE).new_page()
            _sign_in(page, live_server.url, clerk.username)
            page.goto(live_server.url + "/app/stopped/")
            expect(page.get_by_text("Purchase order reference").first).to_be_visible()
            screenshot(page, "sender-stopped-phone")
            page.click("table a:text('F-77')")
            page.fill("input[name=order_reference]", "PO-4711")
            page.click("text=Correct and resend >> nth=-1")
            expect(page.locator(".message-success")).to_contain_text("passed the checks")
            assert page.evaluate(SIDEWAYS_OVERFLOW) <= 0
            screenshot(page, "sender-resent-phone")
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_admin_creates_an_api_key_and_sees_the_secret_once(live_server, world, chromium_path):
    german_admin = world.personas["german_admin"].user.username
    hansa = world.organizations["hansa"].code
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=DESKTOP).new_page()
            _sign_in(page, live_server.url, german_admin)
            page.goto(f"{live_server.url}/app/settings/{hansa}/api-keys/")
            page.fill("input[name=name]", "ERP export")
            page.click("text=Create key")
            secret = page.locator("#new-secret").inner_text()
            assert secret.startswith("folio_")
            screenshot(page, "sender-api-key")
            page.reload()
            assert page.locator("#new-secret").count() == 0
            expect(page.get_by_role("cell", name="ERP export", exact=True)).to_be_visible()
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_sender_pages_pass_axe_and_fit_a_phone(live_server, world, chromium_path):
    document = world.documents["kari-invoice-sent"]
    _artefact(document)
    customer = world.customers["kari"]
    nordlys_no = world.organizations["nordlys-no"].code
    admin = world.personas["enterprise_admin"].user.username
    paths = [
        "/app/dashboard/",
        "/app/documents/",
        f"/app/documents/{document.code}/",
        "/app/stopped/",
        "/app/partners/",
        f"/app/partners/{customer.code}/",
        "/app/audit/",
        "/app/settings/",
        f"/app/settings/{nordlys_no}/users/",
        f"/app/settings/{nordlys_no}/api-keys/",
        f"/app/settings/{nordlys_no}/branding/",
    ]
    axe = Axe()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            for viewport in (DESKTOP, PHONE):
                page = browser.new_context(viewport=viewport).new_page()
                _sign_in(page, live_server.url, admin)
                for path in paths:
                    response = page.goto(live_server.url + path)
                    assert response.status == 200, path
                    found = serious_violations(axe.run(page))
                    if found:
                        problems.append(f"{path} at {viewport['width']}px: {found}")
                    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
                    if overflow > 0:
                        problems.append(f"{path} at {viewport['width']}px scrolls by {overflow}px")
                    name = path.strip("/").replace("/", "-")[:60]
                    screenshot(page, f"{name}-{viewport['width']}")
                page.context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
