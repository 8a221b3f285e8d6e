"""Fixtures for the sender portal: a signed-in admin of a company with documents."""

from __future__ import annotations

import pytest
from django.test import Client

from folio.tenancy.models import MembershipRole
from tests.factories import CompanyFactory, MembershipFactory, UserFactory


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def company(db):
    return CompanyFactory(slug="fjord-kraft", name="Fjord Kraft AS")


@pytest.fixture
def admin_user(company):
    user = UserFactory(username="fjord-admin")
    MembershipFactory(user=user, organization=company, role=MembershipRole.ADMIN)
    return user


@pytest.fixture
def admin(admin_user) -> Client:
    return signed_in(admin_user)
