"""The translation catalogues: complete, consistent with the source, and compiled.

Folio keeps one catalogue per language in src/folio/locale (docs/translations.md says why and how
to extract). These tests read the catalogues as translators leave them.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import folio

PACKAGE_DIR = Path(folio.__file__).parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ("nb", "sv", "da", "de", "sk")
PLURAL_COUNTS = {"nb": 2, "sv": 2, "da": 2, "de": 2, "sk": 3}

# What must survive translation unchanged: printf-style and brace placeholders, template
# variables, HTML tags and entities.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfir]|%[sdfir]|\{\{.*?\}\}|\{\w*\}|</?\w+[^>]*>|&\w+;")


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read_catalogue(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file)


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def entries(catalogue):
    return [message for message in catalogue if message.id]


@pytest.fixture(scope="module", params=LANGUAGES)
def language_catalogue(request):
    return request.param, read_catalogue(catalogue_path(request.param))


def test_no_entry_is_untranslated_or_fuzzy(language_catalogue):
    language, catalogue = language_catalogue
    problems = []
    for message in entries(catalogue):
        forms = message.string if message.pluralizable else [message.string]
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(forms):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{language}: {len(problems)} entries\n" + "\n".join(problems[:20])


def test_placeholders_and_html_match_the_english(language_catalogue):
    language, catalogue = language_catalogue
    problems = []
    for message in entries(catalogue):
        if message.pluralizable:
            singular, plural = message.id
            forms = list(message.string)
            # The singular form may leave out the count ("one invoice"), nothing else.
            for index, form in enumerate(forms):
                wanted = placeholders(plural)
                found = placeholders(form)
                if found != wanted and not (index == 0 and found <= wanted):
                    problems.append(f"{message.id!r} form {index}: {form!r}")
            if placeholders(singular) - placeholders(plural):
                problems.append(f"{message.id!r}: the singular has its own placeholders")
        elif placeholders(message.string) != placeholders(message.id):
            problems.append(f"{message.id!r} -> {message.string!r}")
        source = message.id[0] if message.pluralizable else message.id
        for form in message.string if message.pluralizable else [message.string]:
            if form and source.endswith("\n") != form.endswith("\n"):
                problems.append(f"{message.id!r}: the trailing newline differs")
    assert not problems, f"{language}:\n" + "\n".join(problems[:20])


def test_plural_entries_have_every_form_of_the_language(language_catalogue):
    language, catalogue = language_catalogue
    assert catalogue.num_plurals == PLURAL_COUNTS[language]
    for message in entries(catalogue):
        if message.pluralizable:
            assert len(message.string) == PLURAL_COUNTS[language], message.id


def test_every_language_has_the_same_entries():
    keys = {
        language: {(m.context, m.id) for m in entries(read_catalogue(catalogue_path(language)))}
        for language in LANGUAGES
    }
    reference = keys["nb"]
    for language in LANGUAGES:
        assert keys[language] == reference, (
            f"{language} differs from nb: {sorted(map(str, keys[language] ^ reference))[:10]}"
        )


def test_the_compiled_catalogues_match_the_sources(language_catalogue):
    language, catalogue = language_catalogue
    compiled_path = catalogue_path(language).with_suffix(".mo")
    assert compiled_path.exists(), f"{language}: run compilemessages"
    with compiled_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = []
    for message in entries(catalogue):
        if message.pluralizable:
            singular, plural = message.id
            got = compiled.ngettext(singular, plural, 1)
            wanted = message.string[0]
        elif message.context:
            got = compiled.pgettext(message.context, message.id)
            wanted = message.string
        else:
            got = compiled.gettext(message.id)
            wanted = message.string
        if got != wanted:
            stale.append(message.id)
    assert not stale, f"{language}: the .mo is older than the .po; run compilemessages: {stale[:5]}"


def test_there_is_one_catalogue_per_language_and_no_app_catalogue():
    locale_dirs = sorted(
        path.relative_to(PACKAGE_DIR)
        for path in PACKAGE_DIR.rglob("locale")
        if path.is_dir() and "static" not in path.parts
    )
    assert locale_dirs == [Path("locale")], (
        "apps must not have their own locale/ directory (docs/translations.md)"
    )


def test_every_string_marked_in_the_source_is_in_the_catalogues(tmp_path):
    """Extract the strings afresh from a copy of the package and compare with the catalogue."""
    copy = tmp_path / "folio"
    shutil.copytree(
        PACKAGE_DIR,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "*.mo"),
    )
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    subprocess.run(
        # -P: the copy has a package named collections that must not shadow the standard library.
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "nb", "--no-obsolete"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    fresh = {
        (m.context, m.id) for m in entries(read_catalogue(copy / "locale/nb/LC_MESSAGES/django.po"))
    }
    committed = {(m.context, m.id) for m in entries(read_catalogue(catalogue_path("nb")))}
    missing = sorted(map(str, fresh - committed))
    assert not missing, (
        f"{len(missing)} marked strings are not in the catalogues (docs/translations.md):\n"
        + "\n".join(missing[:20])
    )
