"""Recording signed-in sessions of the sender portal for Security → Sessions.

Django's session table cannot be searched by user, so each sign-in writes a UserSession row;
this middleware refreshes its "last seen" at most once a minute, so browsing adds no write per
page. A session never recorded at sign-in is not added here.
"""

from __future__ import annotations

import time

from django.http import HttpRequest, HttpResponse

from folio.tenancy.services import SESSION_TOUCH_SECONDS, user_session_seen, user_session_touch

SESSION_SEEN_KEY = "folio_session_seen"


def _client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client wants it to be.
    return request.META.get("REMOTE_ADDR") or None


def session_record_sign_in(request: HttpRequest) -> None:
    """Called by the sign-in view once the password was right (the session key is new now)."""
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    user_session_touch(
        user=request.user,
        session_key=key,
        user_agent=request.headers.get("User-Agent", ""),
        ip_address=_client_ip(request),
    )
    request.session[SESSION_SEEN_KEY] = int(time.time())


class SessionRecordMiddleware:
    """Refreshes "last seen" of a recorded session at most once a minute (see the docstring);
    a session that was never recorded at sign-in is not added here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if not request.path.startswith("/app/") or user is None or not user.is_authenticated:
            return response
        session = request.session
        key = session.session_key
        seen = session.get(SESSION_SEEN_KEY)
        now = int(time.time())
        if not key or seen is None or now - int(seen) < SESSION_TOUCH_SECONDS:
            return response
        user_session_seen(session_key=key, ip_address=_client_ip(request))
        session[SESSION_SEEN_KEY] = now
        return response
