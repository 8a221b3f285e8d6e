"""The landing page, languages, error pages and static assets."""

import re
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

import folio
from folio.core.views import server_error

LOCALE_DIR = Path(folio.__file__).parent / "locale"


def test_landing_page_explains_folio_and_links_every_entry_point():
    html = Client().get("/").content.decode()
    for link in ('href="/app/login/"', 'href="/portal/login/"', 'href="/backoffice/"'):
        assert link in html
    assert 'href="/admin/"' in html
    for channel in ("Peppol", "eFaktura", "AvtaleGiro", "Kivra", "Smartmail"):
        assert channel in html
    assert '<main id="main"' in html and 'href="#main"' in html


def test_language_switcher_changes_the_page_language():
    client = Client()
    assert '<html lang="en">' in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/app/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/app/login/"
    html = client.get("/app/login/").content.decode()
    assert '<html lang="de">' in html


def test_every_language_is_offered():
    html = Client().get("/").content.decode()
    for code in ("en", "nb", "sv", "da", "de", "sk"):
        assert f'<option value="{code}"' in html


def test_page_errors_are_friendly_pages():
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()


def test_api_errors_are_json_even_outside_the_api_routes():
    response = Client().get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Nothing here."}


def test_server_error_handler_answers_json_under_api_and_html_elsewhere():
    factory = RequestFactory()
    api_response = server_error(factory.get("/api/v1/documents"))
    assert api_response.status_code == 500
    assert api_response["Content-Type"] == "application/json"
    page = server_error(factory.get("/app/"))
    assert page.status_code == 500
    assert "Something went wrong" in page.content.decode()


def test_stylesheet_is_served():
    client = Client()
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/folio/folio.css">' in html
    response = client.get("/static/folio/folio.css")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"--brand:" in body


def test_a_form_without_its_csrf_token_gets_a_friendly_403(subsidiary_clerk_no):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/app/login/", {"username": "subsidiary_clerk_no", "password": subsidiary_clerk_no.password}
    )
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert client.get("/app/").status_code == 302  # not signed in


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("nb", "Logg inn i avsenderportalen"),
        ("sv", "Logga in i avsändarportalen"),
        ("da", "Log ind på afsenderportalen"),
        ("de", "Im Versenderportal anmelden"),
        ("sk", "Prihlásiť sa do portálu odosielateľa"),
    ],
)
def test_pages_speak_the_chosen_language(language, heading):
    client = Client()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/app/login/").content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


def test_every_language_translates_every_web_string():
    catalogs = {}
    for language in ("nb", "sv", "da", "de", "sk"):
        path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        text = path.read_text(encoding="utf-8")
        msgids = re.findall(r'^msgid "(.+)"$', text, re.M)
        assert not re.search(r'^msgstr(\[\d\])? ""\n\n', text, re.M), f"{language}: empty msgstr"
        assert path.with_suffix(".mo").exists(), f"{language}: run compilemessages"
        catalogs[language] = set(msgids)
    assert len({frozenset(ids) for ids in catalogs.values()}) == 1
    assert len(catalogs["nb"]) > 150


def test_signed_in_pages_are_never_cached(client_for, subsidiary_clerk_no, consumer_recipient):
    staff = client_for(subsidiary_clerk_no)
    recipient = client_for(consumer_recipient)
    document = consumer_recipient.documents[0]
    for client, path in (
        (staff, "/app/"),
        (staff, f"/app/documents/{document.code}/"),
        (recipient, "/portal/"),
        (recipient, f"/portal/documents/{document.code}/"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path
