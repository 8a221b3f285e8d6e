"""Settings → Webhooks in a real browser: add an endpoint, see the secret once, read the log;
axe-core finds nothing serious, and the pages fit a phone.

Screenshots go to FOLIO_SCREENSHOTS (a folder) when that is set, for a human to look at.
"""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from folio.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
)
from tests.browser_support import CHROMIUM_ARGS, SIDEWAYS_OVERFLOW, screenshot
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = ({"width": 1280, "height": 900}, {"width": 375, "height": 800})


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/app/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("form.form [type=submit]")


def _log_of(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A few deliveries as the log shows them after a bad afternoon: one retried and then
    answered, one refused, one waiting for its next attempt."""
    now = timezone.now()
    body = '{"type":"document.delivered","timestamp":"2026-11-23T12:00:00Z","data":{}}'
    retried = None
    for number, (event_type, status, codes) in enumerate(
        [
            ("document.delivered", WebhookDeliveryStatus.SUCCEEDED, [500, 200]),
            ("delivery.bounced", WebhookDeliveryStatus.FAILED, [410]),
            ("document.accepted", WebhookDeliveryStatus.PENDING, [503]),
        ]
    ):
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type=event_type,
            message_id=f"msg_browser{number}",
            body=body,
            status=status,
            attempt_count=len(codes),
            response_code=codes[-1],
            next_attempt_at=now + datetime.timedelta(minutes=5)
            if status == WebhookDeliveryStatus.PENDING
            else None,
        )
        for attempt, code in enumerate(codes, start=1):
            WebhookAttempt.objects.create(
                delivery=delivery,
                number=attempt,
                at=now,
                request_headers={
                    "content-type": "application/json",
                    "webhook-id": delivery.message_id,
                    "webhook-timestamp": str(int(now.timestamp())),
                    "webhook-signature": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
                },
                response_code=code,
                response_headers={"content-type": "application/json"},
                response_excerpt='{"ok": %s}' % ("true" if code == 200 else "false"),
                duration_ms=42,
                succeeded=code == 200,
            )
        retried = retried or delivery
    return retried


def test_admin_adds_an_endpoint_and_reads_its_log(live_server, world, chromium_path):
    admin = world.personas["german_admin"].user.username
    hansa = world.organizations["hansa"]
    # Playwright runs an event loop: the database is touched only between its sessions.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=VIEWPORTS[0]).new_page()
            _sign_in(page, live_server.url, admin)
            page.goto(f"{live_server.url}/app/settings/{hansa.code}/webhooks/")
            page.fill("input[name=url]", "https://erp.hansa.example/hooks/folio")
            page.fill("input[name=description]", "ERP invoice status")
            page.check("input[value='document.delivered']")
            page.check("input[value='delivery.bounced']")
            page.click("text=Add endpoint")
            secret = page.locator("#new-secret").inner_text()
            assert secret.startswith("whsec_")
            screenshot(page, "webhooks-endpoint-new-secret-1280")
            page.reload()
            assert page.locator("#new-secret").count() == 0
        finally:
            browser.close()

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["document.delivered", "delivery.bounced"]
    delivery = _log_of(endpoint)
    paths = [
        ("webhooks-list", f"/app/settings/{hansa.code}/webhooks/"),
        ("webhooks-endpoint", f"/app/settings/webhooks/{endpoint.code}/"),
        ("webhooks-delivery", f"/app/settings/webhooks/deliveries/{delivery.code}/"),
    ]
    axe = Axe()
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            for viewport in VIEWPORTS:
                page = browser.new_context(viewport=viewport).new_page()
                _sign_in(page, live_server.url, admin)
                for name, path in paths:
                    response = page.goto(live_server.url + path)
                    assert response.status == 200, path
                    found = "; ".join(
                        f"{violation['id']} ({violation['impact']})"
                        for violation in axe.run(page).response["violations"]
                        if violation["impact"] in {"serious", "critical"}
                    )
                    if found:
                        problems.append(f"{path} at {viewport['width']}px: {found}")
                    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
                    if overflow > 0:
                        problems.append(f"{path} at {viewport['width']}px scrolls by {overflow}px")
                    screenshot(page, f"{name}-{viewport['width']}")
                expect(page.get_by_text("HTTP 500").first).to_be_visible()
                page.context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
