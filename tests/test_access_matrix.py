"""The access-control matrix: every route x every persona x own/foreign object.

The policy lives in tests/access_policy.py. The first tests fail when a URL pattern or an API
operation has no line there (or a line names a route that is gone); the others request every
route as every persona and compare the answer with the policy.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from folio.api.api import api
from tests.access_policy import (
    ANONYMOUS,
    API_KEY_ORGANIZATION,
    API_KEYS,
    API_OPERATIONS,
    OBJECTS,
    PREFIXES,
    ROUTES,
    Rule,
    resolve_object,
)
from tests.factories import api_key_with_secret
from tests.personas import PERSONA_NAMES

UNKNOWN_CODE = uuid.UUID("00000000-0000-4000-8000-000000000000")
# URL patterns that the API walk covers, operation by operation.
NINJA_OPERATION_MODULE = "ninja.operation"
PLACEHOLDER = re.compile(r"<[^>]+>|\{[^}]+\}")


def site_routes() -> list[str]:
    """Every URL pattern of the site as a route string, except API operations and the
    subtrees covered by one prefix rule."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route in PREFIXES:
                    routes.append(route)
                else:
                    walk(pattern.url_patterns, route)
            elif (
                isinstance(pattern, URLPattern)
                and getattr(pattern.callback, "__module__", "") != NINJA_OPERATION_MODULE
            ):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return routes


def api_operations() -> list[str]:
    schema = api.get_openapi_schema()
    return [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
    ]


def test_every_route_is_in_the_policy_table():
    routes = site_routes()
    missing = [route for route in routes if route not in ROUTES and route not in PREFIXES]
    assert not missing, (
        f"Routes without an access rule: {missing}. Add a line per route to ROUTES in "
        "tests/access_policy.py."
    )
    stale = [route for route in [*ROUTES, *PREFIXES] if route not in routes]
    assert not stale, f"Rules for routes that no longer exist: {stale}"


def test_every_api_operation_is_in_the_policy_table():
    operations = api_operations()
    missing = [operation for operation in operations if operation not in API_OPERATIONS]
    assert not missing, (
        f"API operations without an access rule: {missing}. Add a line per operation to "
        "API_OPERATIONS in tests/access_policy.py."
    )
    stale = [operation for operation in API_OPERATIONS if operation not in operations]
    assert not stale, f"Rules for API operations that no longer exist: {stale}"


def test_every_object_route_names_objects_for_every_caller():
    for route, rule in [*ROUTES.items(), *API_OPERATIONS.items()]:
        if rule.obj is None:
            continue
        assert rule.obj in OBJECTS, f"{route}: no OBJECTS entry for kind {rule.obj!r}"
        callers = API_KEYS if route in API_OPERATIONS else PERSONA_NAMES
        missing = [name for name in callers if name not in OBJECTS[rule.obj]]
        assert not missing, f"{route}: OBJECTS[{rule.obj!r}] lacks {missing}"


def _path(route: str, code=None) -> str:
    """A concrete path for a route string, with `code` in its placeholder."""
    return "/" + PLACEHOLDER.sub(str(code), route).lstrip("/")


def _request(client: Client, rule: Rule, path: str):
    if rule.method == "POST":
        return client.post(path, rule.data)
    if rule.method == "DELETE":
        return client.delete(path)
    return client.get(path)


def _describe(response) -> str:
    location = response.headers.get("Location", "")
    return f"{response.status_code}{' -> ' + location if location else ''}"


def _matches(response, expected) -> bool:
    if isinstance(expected, str) and expected.startswith("redirect:"):
        return response.status_code == 302 and response.headers.get("Location", "").startswith(
            expected.removeprefix("redirect:")
        )
    if isinstance(expected, tuple):
        return response.status_code in expected
    return response.status_code == expected


def _check_caller(
    *, caller: str, client: Client, rule: Rule, route: str, world, row_counts, failures: list
) -> None:
    allowed = caller in rule.allowed
    denial = rule.anonymous if caller == ANONYMOUS else rule.others
    if rule.obj is None:
        before = row_counts()
        response = _request(client, rule, _path(route))
        expected = rule.ok if allowed else denial
        if not _matches(response, expected):
            failures.append(f"{caller}: {route} gave {_describe(response)}, expected {expected}")
        if not allowed and row_counts() != before:
            failures.append(f"{caller}: denied {route} but the database changed")
        return

    objects = OBJECTS[rule.obj]
    # Callers without an entry (anonymous) are denied anyway: any object will do.
    own_key, foreign_key = objects.get(caller, next(iter(objects.values())))
    cases = [("own", resolve_object(world, rule.obj, own_key).code)]
    if foreign_key is not None:
        cases.append(("foreign", resolve_object(world, rule.obj, foreign_key).code))
    cases.append(("unknown", UNKNOWN_CODE))
    denials = set()
    for which, code in cases:
        before = row_counts()
        response = _request(client, rule, _path(route, code))
        expected = rule.ok if allowed and which == "own" else (404 if allowed else denial)
        if not _matches(response, expected):
            failures.append(
                f"{caller}: {route} with {which} object gave {_describe(response)}, "
                f"expected {expected}"
            )
        if expected != rule.ok and row_counts() != before:
            failures.append(f"{caller}: denied {route} ({which}) but the database changed")
        if not allowed:
            denials.add(_describe(response).replace(str(code), "<code>"))
    if len(denials) > 1:
        failures.append(f"{caller}: {route} denials differ by object, leaking existence: {denials}")


@pytest.mark.parametrize("route", sorted(ROUTES) + sorted(PREFIXES))
def test_route_answers_each_persona_as_the_policy_says(route, world, client_for, row_counts):
    rule = ROUTES.get(route) or PREFIXES[route]
    failures: list[str] = []
    callers = [(ANONYMOUS, Client())] + [
        (name, client_for(world.personas[name])) for name in PERSONA_NAMES
    ]
    for caller, client in callers:
        _check_caller(
            caller=caller,
            client=client,
            rule=rule,
            route=route,
            world=world,
            row_counts=row_counts,
            failures=failures,
        )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("operation", sorted(API_OPERATIONS))
def test_api_operation_answers_each_key_as_the_policy_says(operation, world, row_counts):
    rule = API_OPERATIONS[operation]
    method, _sep, route = operation.partition(" ")
    rule = Rule(**{**rule.__dict__, "method": method})
    failures: list[str] = []
    callers = [
        (ANONYMOUS, Client()),
        ("bad key", Client(headers={"Authorization": "Bearer folio_000000000000_not-a-key"})),
    ]
    for name in API_KEYS:
        _key, secret = api_key_with_secret(world.organizations[API_KEY_ORGANIZATION[name]])
        callers.append((name, Client(headers={"Authorization": f"Bearer {secret}"})))
    for caller, client in callers:
        _check_caller(
            caller=ANONYMOUS if caller == "bad key" else caller,
            client=client,
            rule=rule,
            route=route,
            world=world,
            row_counts=row_counts,
            failures=failures,
        )
    assert not failures, "\n".join(failures)


def test_admin_prefix_rule_matches_the_admin_site():
    # The prefix rule is checked on the admin index; make sure that is where the admin lives.
    assert reverse("admin:index") == "/" + next(iter(PREFIXES))
