"""Security → Sessions: where a staff user is signed in, and signing sessions out (the rows
are written by session_records.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folio.core.errors import NotFoundError
from folio.sender_portal.access import staff_actor
from folio.sender_portal.views import LOGIN_URL
from folio.tenancy.selectors import user_session_get_for_actor, user_sessions_of
from folio.tenancy.services import user_session_revoke, user_sessions_revoke_others


def device_label(user_agent: str) -> str:
    """A short "browser on system" from a user agent, for people rather than parsers."""
    agent = user_agent or ""
    browser = next(
        (
            name
            for token, name in (
                ("Edg/", "Edge"),
                ("OPR/", "Opera"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if token in agent
        ),
        "",
    )
    system = next(
        (
            name
            for token, name in (
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Windows", "Windows"),
                ("Mac OS X", "macOS"),
                ("Linux", "Linux"),
            )
            if token in agent
        ),
        "",
    )
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def sessions(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    current_key = request.session.session_key
    rows = [
        {
            "session": session,
            "device": device_label(session.user_agent),
            "current": session.session_key == current_key,
        }
        for session in user_sessions_of(actor)
    ]
    return render(
        request,
        "sender_portal/security/sessions.html",
        {"rows": rows, "others": sum(1 for row in rows if not row["current"])},
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def session_revoke(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor(request)
    try:
        session = user_session_get_for_actor(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    if session.session_key == request.session.session_key:
        messages.error(request, _("Use Sign out to end the session you are using."))
    else:
        user_session_revoke(actor=actor, session=session)
        messages.success(request, _("That session is signed out."))
    return redirect(reverse("sender_portal:sessions"))


@require_POST
@login_required(login_url=LOGIN_URL)
def sessions_revoke_others(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    if request.POST.get("confirm") != "yes":
        raise BadRequest
    ended = user_sessions_revoke_others(
        actor=actor, current_session_key=request.session.session_key or ""
    )
    messages.success(
        request,
        ngettext(
            "%(count)s other session is signed out.",
            "%(count)s other sessions are signed out.",
            ended,
        )
        % {"count": ended},
    )
    return redirect(reverse("sender_portal:sessions"))
