"""The customer portal in a real browser, as a consumer and as a view-only business contact:
magic-link sign-in (a scanner's prefetch signs nobody in and opens nothing), paying in the
sandbox PSP, a promise, a line dispute, a quote accepted, a ZIP download and an address change
approved by the sender. Every page is checked with axe-core and photographed at desktop and
phone sizes (FOLIO_SCREENSHOT_DIR keeps the pictures)."""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import sync_playwright

from folio.collections.models import Dispute, Promise
from folio.documents.models import Document, DocumentEvent, DocumentType, EventKind, FileKind
from folio.servicedesk.models import ChangeRequest, QuoteDecision
from folio.servicedesk.services import change_request_decide
from folio.tenancy.actors import Actor
from tests.browser_support import CHROMIUM_ARGS
from tests.factories import DocumentFactory, DocumentFileFactory

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 900), "phone": (375, 800)}
SERIOUS = {"serious", "critical"}


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FOLIO_SCREENSHOT_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Checker:
    """axe-core on each page, screenshots at both sizes."""

    def __init__(self, shots: Path):
        self.axe = Axe()
        self.shots = shots
        self.problems: list[str] = []

    def look(self, page, name: str) -> None:
        results = self.axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = ", ".join(node["target"][0] for node in violation["nodes"][:3])
                self.problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
        size = page.viewport_size
        for label, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(self.shots / f"{name}-{label}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                self.problems.append(f"{name} at {width}px scrolls sideways by {overflow}px")
        page.set_viewport_size(size)


@pytest.fixture
def orm_in_test_thread(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the checks between browser
    # steps read the database, which Django otherwise refuses there.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _invoice(customer, days_overdue: int, **kwargs) -> Document:
    document = DocumentFactory(
        customer=customer,
        status="sent",
        due_date=timezone.localdate() - datetime.timedelta(days=days_overdue),
        **kwargs,
    )
    DocumentFileFactory(
        document=document,
        kind=FileKind.PDF,
        filename=f"{document.number}.pdf",
        content=b"%PDF-1.7\n% Folio test\n",
        content_type="application/pdf",
    )
    return document


@pytest.mark.django_db(transaction=True)
def test_consumer_flows(live_server, world, chromium_path, shots, orm_in_test_thread):
    kari = world.personas["consumer_recipient"]
    to_pay = _invoice(kari.customer, 12)
    to_promise = _invoice(kari.customer, 5)
    to_dispute = _invoice(kari.customer, 40, line_count=3)
    quote = DocumentFactory(customer=kari.customer, status="sent", type=DocumentType.QUOTE)
    views_before = DocumentEvent.objects.filter(kind=EventKind.VIEWED).count()
    check = Checker(shots)
    url = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # Magic link: ask for it.
            page.goto(url + "/portal/login/")
            check.look(page, "portal-login")
            page.click("text=E-mail me a sign-in link")
            page.fill("input[name=email]", kari.user.email)
            check.look(page, "magic-request")
            page.click("button[type=submit]")
            assert "Check your e-mail" in page.content()
            link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)

            # A mail scanner fetches the link first, in its own browser.
            scanner = browser.new_context()
            scanned = scanner.new_page()
            scanned.goto(link)
            scanned.goto(url + "/portal/")
            assert "/portal/login/" in scanned.url
            scanner.close()
            assert DocumentEvent.objects.filter(kind=EventKind.VIEWED).count() == views_before

            page.goto(link)
            assert "sesame" not in page.url
            check.look(page, "magic-confirm")
            page.click("form.form button[type=submit]")
            assert page.url.rstrip("/").endswith("/portal")
            check.look(page, "portal-home")

            # Pay one invoice in the sandbox provider.
            page.goto(f"{url}/portal/documents/{to_pay.code}/")
            check.look(page, "document")
            page.click("text=Pay now")
            check.look(page, "pay")
            page.click("text=Continue to payment")
            assert "/payments/sandbox/checkout/" in page.url
            check.look(page, "sandbox-checkout")
            page.click("button[value=pay]")
            assert "Thank you for your payment" in page.content()
            check.look(page, "pay-return")
            page.goto(f"{url}/portal/documents/{to_pay.code}/")
            assert "badge-paid" in page.content()

            # Promise to pay.
            page.goto(f"{url}/portal/documents/{to_promise.code}/")
            page.click("text=Promise to pay")
            promise_date = timezone.localdate() + datetime.timedelta(days=7)
            page.fill("#p-date", promise_date.isoformat())
            page.click("text=Promise >> nth=-1")
            assert "promise to pay has been recorded" in page.content()

            # Dispute one line.
            page.goto(f"{url}/portal/documents/{to_dispute.code}/")
            page.click("text=Dispute this invoice")
            page.select_option("#d-reason", "wrong_amount")
            line = to_dispute.lines.order_by("position")[1]
            page.fill(f"#d-line-{line.id}", "5.00")
            page.fill("#d-comment", "Charged twice")
            check.look(page, "dispute-form")
            page.click("text=Send the dispute")
            assert "Your dispute was sent" in page.content()

            # Accept the quote.
            page.goto(f"{url}/portal/documents/{quote.code}/")
            page.fill("#q-name", "Kari Nordmann")
            page.click("text=Accept the quote")
            assert "Accepted by Kari Nordmann" in page.content()

            # Download two documents as a ZIP.
            page.goto(url + "/portal/")
            page.check(f"#pick-{to_pay.code}")
            page.check(f"#pick-{to_promise.code}")
            with page.expect_download() as download_info:
                page.click("text=Download chosen as ZIP")
            archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
            assert sorted(archive.namelist()) == sorted(
                [
                    f"{to_pay.number}/{to_pay.number}.pdf",
                    f"{to_promise.number}/{to_promise.number}.pdf",
                ]
            )

            # Change the address; the sender approves it.
            page.goto(url + "/portal/my-data/")
            page.fill("#id_address_line1", "Storgata 1")
            page.fill("#id_postcode", "0155")
            page.fill("#id_city", "Oslo")
            page.click("text=Save changes")
            assert "for approval" in page.content()
            check.look(page, "my-data")
            change = ChangeRequest.objects.get(customer=kari.customer)
            clerk = world.personas["subsidiary_clerk_no"].user
            change_request_decide(change=change, approve=True, actor=Actor.for_user(clerk))
            page.reload()
            assert "Applied" in page.content()

            page.goto(url + "/portal/statement/")
            check.look(page, "statement")
        finally:
            browser.close()
    to_pay.refresh_from_db()
    assert to_pay.payment_status == "paid"
    assert Promise.objects.filter(documents=to_promise).exists()
    dispute = Dispute.objects.get(document=to_dispute)
    assert [entry.line_id for entry in dispute.lines.all()] == [line.id]
    assert QuoteDecision.objects.get(document=quote).signer_name == "Kari Nordmann"
    kari.customer.refresh_from_db()
    assert kari.customer.address_line1 == "Storgata 1"
    assert not check.problems, "\n".join(check.problems)


@pytest.mark.django_db(transaction=True)
def test_view_only_business_contact(live_server, world, chromium_path, shots, orm_in_test_thread):
    erik = world.personas["business_contact_viewonly"]
    invoice = _invoice(erik.customer, 8)
    check = Checker(shots)
    url = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/portal/login/")
            page.fill("input[name=username]", erik.user.username)
            page.fill("input[name=password]", erik.password)
            page.click("form.form [type=submit]")
            check.look(page, "business-home")
            assert "Pay everything overdue" not in page.content()
            page.goto(f"{url}/portal/documents/{invoice.code}/")
            check.look(page, "business-document")
            content = page.content()
            assert "Pay now" not in content and "Dispute this invoice" not in content
            response = page.goto(url + "/portal/pay/")
            assert response.status == 404
            page.goto(url + "/portal/my-data/")
            assert "Only an administrator" in page.content()
            check.look(page, "business-my-data")
        finally:
            browser.close()
    assert not check.problems, "\n".join(check.problems)
