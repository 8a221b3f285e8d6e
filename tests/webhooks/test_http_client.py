"""How the webhook sender treats what a receiver does: redirects, silence, refused addresses.

All through the public path (the collect sweep and the worker) and folio/core/http.py.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from folio.core import http
from folio.tenancy.actors import Actor
from folio.webhooks.models import WebhookDelivery, WebhookDeliveryStatus
from folio.webhooks.services import webhook_endpoint_create, webhook_test_send
from tests.webhooks.conftest import run_jobs

pytestmark = pytest.mark.django_db(transaction=True)


def _server(handler_body):
    """A loopback server whose POST handler is `handler_body(handler)`; returns (server, hits)."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            handler_body(self)

        do_GET = do_POST

        def log_message(self, format, *args):
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def _send_test_event(persona, organization, url) -> WebhookDelivery:
    endpoint, _secret = webhook_endpoint_create(
        actor=Actor.for_user(persona.user),
        organization=organization,
        url=url,
        event_types=["document.accepted"],
    )
    webhook_test_send(actor=Actor.for_user(persona.user), endpoint=endpoint)
    run_jobs("webhooks")
    return WebhookDelivery.objects.get(endpoint=endpoint)


def test_a_redirect_is_an_answer_not_an_instruction(settings, german_admin, world):
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = True

    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", "/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server, hits = _server(redirect)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        delivery = _send_test_event(german_admin, world.organizations["hansa"], url)
    finally:
        server.shutdown()
        server.server_close()
    assert hits == ["/hook"]
    assert delivery.status == WebhookDeliveryStatus.FAILED
    assert delivery.response_code == 302


def test_a_receiver_that_does_not_answer_in_time_is_tried_again(settings, german_admin, world):
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = True
    settings.FOLIO_HTTP_TIMEOUT = 1
    released = threading.Event()

    def silent(handler):
        released.wait(5)

    server, hits = _server(silent)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/slow"
        delivery = _send_test_event(german_admin, world.organizations["hansa"], url)
    finally:
        released.set()
        server.shutdown()
        server.server_close()
    assert hits == ["/slow"]
    assert delivery.status == WebhookDeliveryStatus.PENDING
    assert delivery.next_attempt_at is not None
    assert "no answer within 1 s" in delivery.last_error
    attempt = delivery.attempts.get()
    assert attempt.response_code is None and not attempt.succeeded


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://[::1]:9/hook",
        "http://10.0.0.8/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:9/hook",
    ],
)
def test_internal_addresses_are_refused_before_any_connection(settings, url):
    settings.FOLIO_HTTP_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(http.OutboundError) as refused:
        http.post(url, content=b"{}", headers={})
    assert refused.value.blocked


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "https://user:secret@example.com/x", "not a url", "https:///x"]
)
def test_urls_that_can_never_be_called(url):
    assert http.url_problem(url)
