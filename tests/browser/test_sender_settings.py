"""The sender portal's newer settings and pages in a real browser: customer portal settings,
e-mail templates with preview, a reply to a customer's comment, sessions; axe-core and a phone.

Screenshots go to FOLIO_SCREENSHOTS (a folder) when that is set, for a human to look at.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from folio.servicedesk.services import comment_create
from folio.tenancy.actors import Actor
from tests.browser.test_sender_portal import DESKTOP, PHONE, _sign_in
from tests.browser_support import CHROMIUM_ARGS, SIDEWAYS_OVERFLOW, screenshot, serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_closes_an_action_and_applies_portal_access_to_everyone(
    live_server, world, chromium_path
):
    nordlys_no = world.organizations["nordlys-no"].code
    admin = world.personas["enterprise_admin"].user.username
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=DESKTOP).new_page()
            _sign_in(page, live_server.url, admin)
            page.goto(f"{live_server.url}/app/settings/{nordlys_no}/customer-portal/")
            page.get_by_label("Dispute").uncheck()
            page.get_by_label("New customers get portal access").check()
            page.click("form.card [type=submit]")
            expect(page.locator(".message-success")).to_contain_text("settings are saved")
            expect(page.get_by_label("Dispute")).not_to_be_checked()
            screenshot(page, "settings-customer-portal-saved")
            page.click("text=Apply the default to all customers")
            expect(page.locator("h1")).to_contain_text("Apply the default portal access")
            screenshot(page, "settings-customer-portal-apply")
            page.click("text=Change 1 customer")
            expect(page.locator(".message-success")).to_have_text("1 customer changed.")
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_admin_previews_an_email_template_with_the_latest_document(
    live_server, world, chromium_path
):
    nordlys_no = world.organizations["nordlys-no"].code
    admin = world.personas["enterprise_admin"].user.username
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=DESKTOP).new_page()
            _sign_in(page, live_server.url, admin)
            page.goto(f"{live_server.url}/app/settings/{nordlys_no}/email/")
            page.fill("input[name=subject]", "Ny faktura {{ document.number }}")
            page.fill("textarea[name=text_body]", "Hei {{ customer.name }}!")
            page.fill("textarea[name=html_body]", "<h1>{{ sender.name }}</h1>")
            page.click("button[value=preview]")
            expect(page.locator("#preview-subject")).to_contain_text("Ny faktura ")
            expect(page.locator("#preview-text")).to_contain_text("Hei ")
            # The HTML part is shown in a sandboxed frame (no scripts, no access to the page).
            expect(page.frame_locator("iframe.preview-frame").locator("h1")).to_have_text(
                "Nordlys Energi Norge AS"
            )
            screenshot(page, "settings-email-preview")
            page.fill("textarea[name=text_body]", "{% debug %}")
            page.click("button[value=save]")
            expect(page.locator(".field-error").first).to_contain_text("debug")
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_clerk_replies_to_a_customer_comment_on_a_phone(live_server, world, chromium_path):
    invoice = world.documents["kari-invoice-sent"]
    contact = world.personas["consumer_recipient"].contact
    comment_create(
        contact=contact,
        document=invoice,
        body="Can I pay in two parts?",
        actor=Actor.for_user(world.personas["consumer_recipient"].user),
    )
    clerk = world.personas["subsidiary_clerk_no"].user.username
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=PHONE).new_page()
            _sign_in(page, live_server.url, clerk)
            page.goto(f"{live_server.url}/app/documents/{invoice.code}/")
            expect(
                page.locator("#conversation").get_by_text("Can I pay in two parts?")
            ).to_be_visible()
            page.fill("textarea[name=body]", "Yes: half now, half in 30 days.")
            page.click("text=Send reply")
            expect(page.locator(".message-success")).to_contain_text("customer portal")
            expect(page.locator(".comment-sender")).to_contain_text("half in 30 days")
            assert page.evaluate(SIDEWAYS_OVERFLOW) <= 0
            screenshot(page, "document-conversation-phone")
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_new_sender_pages_pass_axe_and_fit_a_phone(live_server, world, chromium_path):
    nordlys_no = world.organizations["nordlys-no"].code
    customer = world.customers["kari"]
    invoice = world.documents["kari-invoice-sent"]
    admin = world.personas["enterprise_admin"].user.username
    paths = [
        f"/app/settings/{nordlys_no}/customer-portal/",
        f"/app/settings/{nordlys_no}/customer-portal/apply/",
        f"/app/settings/{nordlys_no}/smartmail/",
        f"/app/settings/{nordlys_no}/email/",
        f"/app/settings/{nordlys_no}/routing/",
        "/app/security/sessions/",
        f"/app/partners/{customer.code}/",
        f"/app/documents/{invoice.code}/",
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
                    name = "-".join(part for part in path.strip("/").split("/") if len(part) < 36)
                    screenshot(page, f"new-{name}-{viewport['width']}")
                page.context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
