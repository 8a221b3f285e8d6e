"""Shared fixtures: personas, logged-in clients, API clients, sealed settings.

The suite runs on SQLite (in memory) by default and on PostgreSQL when DATABASE_URL is set;
pytest-django creates the `test_<name>` database (suffixed per xdist worker) and drops it after.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from folio.tenancy.models import Organization
from tests.factories import api_key_with_secret
from tests.personas import PERSONA_NAMES, Persona, World, build_world

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


def chromium_executable() -> str | None:
    """Debian's Chromium (ARCHITECTURE.md §11); FOLIO_CHROMIUM points at another binary."""
    configured = os.environ.get("FOLIO_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "allows_server_error: the test may see HTTP 500 from the test client (it tests that page)",
    )


@pytest.fixture(autouse=True)
def _no_server_errors(request, monkeypatch):
    """No HTTP 500 anywhere in the suite's traffic: bad input must get a clear 4xx."""
    if request.node.get_closest_marker("allows_server_error") is not None:
        return
    send = Client.request

    def request_without_server_errors(self, **environ):
        response = send(self, **environ)
        if response.status_code == 500:
            pytest.fail(
                f"HTTP 500 from {environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}",
                pytrace=False,
            )
        return response

    monkeypatch.setattr(Client, "request", request_without_server_errors)


@pytest.fixture(autouse=True)
def _fast_and_sealed_settings(settings, tmp_path):
    # A cheap hasher keeps persona creation fast; uploads go to a per-test folder.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns about a missing STATIC_ROOT; tests serve static files through finders.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Personas sign in with a password only; tests/sender_portal turns the admin TOTP rule on.
    settings.FOLIO_ADMIN_TWO_FACTOR = False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever an earlier test activated."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _browser_tests_need_chromium(request):
    """Browser tests fail (never skip) with a clear message when Chromium is missing."""
    if request.node.get_closest_marker("browser") is None:
        return
    if chromium_executable() is None:
        pytest.fail(
            "This test drives Chromium, which is not installed. Install it with "
            "`sudo apt-get install -y chromium` (Debian/Ubuntu) or set FOLIO_CHROMIUM to a "
            "Chromium binary. `.ci/run` installs it.",
            pytrace=False,
        )


@pytest.fixture
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        pytest.fail("Chromium is not installed (see the `browser` marker).", pytrace=False)
    return path


@pytest.fixture
def world(db) -> World:
    """The tenant world of tests/personas.py, built fresh for this test."""
    return build_world()


@pytest.fixture
def personas(world) -> dict[str, Persona]:
    """All personas by name: personas["subsidiary_clerk_no"].user, .organization, .documents..."""
    return world.personas


def _persona_fixture(name: str):
    def fixture(personas) -> Persona:
        return personas[name]

    fixture.__name__ = name
    fixture.__doc__ = f"The {name} persona (see tests/personas.py)."
    return pytest.fixture(fixture, name=name)


for _name in PERSONA_NAMES:
    globals()[_name] = _persona_fixture(_name)


@pytest.fixture
def client_for(db) -> Callable[[Persona], Client]:
    """client_for(persona) -> a Django test client logged in as that persona's user."""

    def make(persona: Persona) -> Client:
        client = Client()
        client.force_login(persona.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def api_client_for(db) -> Callable[[Organization], Client]:
    """api_client_for(org) -> a client sending a new API key of `org` as a Bearer token.

    The key and its one-time secret are on the client as `.api_key` and `.api_secret`.
    """

    def make(organization: Organization) -> Client:
        key, secret = api_key_with_secret(organization)
        client = Client(headers={"Authorization": f"Bearer {secret}"})
        client.api_key = key
        client.api_secret = secret
        return client

    return make


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("folio.") or model._meta.label == "auth.User"
    }


@pytest.fixture
def row_counts(db) -> Callable[[], dict[str, int]]:
    """row_counts() -> {"documents.Document": n, ...} for Folio's tables; a denial test compares
    the counts before and after to show that nothing was written."""
    return _row_counts
