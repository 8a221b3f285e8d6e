"""/healthz: 200 when the database answers and the worker beats; 503 otherwise."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from folio.core.heartbeat import SCHEDULER, WORKER, heartbeat_record
from folio.core.tasks import worker_heartbeat


def beat(name: str, seconds_ago: int) -> None:
    heartbeat_record(name=name, at=timezone.now() - timedelta(seconds=seconds_ago))


@pytest.fixture(autouse=True)
def _max_age(settings):
    settings.FOLIO_WORKER_HEARTBEAT_MAX_AGE = 120


@pytest.mark.django_db
def test_healthy_when_worker_and_scheduler_beat_recently(client):
    beat(WORKER, 10)
    beat(SCHEDULER, 5)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] is True
    assert 10 <= body["checks"]["worker"]["age_seconds"] < 20
    assert body["checks"]["scheduler"]["ok"] is True
    assert body["checks"]["tasks"] == {"ok": True, "pending": 0}


@pytest.mark.django_db
def test_unhealthy_before_any_worker_has_beaten(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["age_seconds"] is None


@pytest.mark.django_db
def test_unhealthy_when_the_worker_heartbeat_is_older_than_the_limit(client):
    beat(WORKER, 121)
    beat(SCHEDULER, 1)
    worker_heartbeat.enqueue()
    worker_heartbeat.enqueue()

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["age_seconds"] >= 121
    assert body["checks"]["tasks"]["pending"] == 2


@pytest.mark.django_db
def test_a_stale_scheduler_is_reported_but_the_site_still_serves(client):
    beat(WORKER, 1)
    beat(SCHEDULER, 500)

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["scheduler"]["ok"] is False


@pytest.mark.django_db
def test_database_down_answers_503_without_details(client, monkeypatch, settings):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: password=hunter2")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "down",
        "checks": {"database": {"ok": False, "detail": "database unreachable"}},
    }
    assert "hunter2" not in response.content.decode()


@pytest.mark.django_db
def test_output_names_no_secrets_hosts_or_paths(client, settings):
    beat(WORKER, 1)
    text = client.get("/healthz").content.decode()
    for secret in (settings.SECRET_KEY, str(settings.DATABASES["default"]["NAME"])):
        assert secret not in text
