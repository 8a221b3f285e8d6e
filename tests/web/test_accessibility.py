"""Every page in a real browser: no axe-core violations, and no sideways scrolling at 375 px.

Debian's Chromium through Playwright (ARCHITECTURE.md §11); conftest.py fails these tests with
a clear message when Chromium is missing.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.browser_support import CHROMIUM_ARGS, SIDEWAYS_OVERFLOW
from tests.factories import DeliveryFactory

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375
# The focused element: tag, class, outline style and width, and whether it is on screen.
FOCUSED = """(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return [element.tagName, element.className, style.outlineStyle, style.outlineWidth,
          box.left >= 0 && box.top >= 0];
})()"""


def _pages(world) -> list[tuple[str | None, str, str]]:
    """(who signs in, where, path) for each page; None stays signed out."""
    staff_document = world.documents["kari-invoice-sent"]
    return [
        (None, "", "/"),
        (None, "", "/app/login/"),
        (None, "", "/portal/login/"),
        (None, "", "/no/such/page/"),
        ("enterprise_admin", "/app/login/", "/app/"),
        ("enterprise_admin", "/app/login/", f"/app/documents/{staff_document.code}/"),
        ("consumer_recipient", "/portal/login/", "/portal/"),
        ("consumer_recipient", "/portal/login/", f"/portal/documents/{staff_document.code}/"),
        ("operator_staff", "/app/login/", "/backoffice/"),
        (
            "operator_staff",
            "/app/login/",
            f"/backoffice/organizations/{world.organizations['nordlys'].code}/",
        ),
    ]


def _describe(results) -> str:
    return "; ".join(
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    )


@pytest.mark.django_db(transaction=True)
def test_pages_pass_axe_and_fit_a_phone(live_server, world, chromium_path):
    DeliveryFactory(document=world.documents["kari-invoice-sent"], channel="email")
    pages = _pages(world)
    password = world.personas["enterprise_admin"].password
    axe = Axe()
    problems: list[str] = []
    # Everything the database needs is written above: Playwright's sync API runs an event
    # loop in this thread, where Django refuses ORM calls.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            for username, login_path, path in pages:
                for width in (1280, PHONE_WIDTH):
                    context = browser.new_context(viewport={"width": width, "height": 800})
                    page = context.new_page()
                    if username:
                        page.goto(live_server.url + login_path)
                        page.fill("input[name=username]", username)
                        page.fill("input[name=password]", password)
                        page.click("form.form [type=submit]")
                    page.goto(live_server.url + path)
                    results = axe.run(page)
                    if results.violations_count:
                        problems.append(f"{path} at {width}px: {_describe(results)}")
                    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
                    if overflow > 0:
                        problems.append(f"{path} at {width}px scrolls sideways by {overflow}px")
                    context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_keyboard_focus_is_visible(live_server, world, chromium_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(live_server.url + "/")
            # The first Tab lands on the skip link, which then comes into view.
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED) == ["A", "skip-link", "solid", "3px", True]
            page.goto(live_server.url + "/app/login/")
            # The username field has autofocus; Tab moves on to the password.
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED) == ["INPUT", "", "solid", "3px", True]
        finally:
            browser.close()
